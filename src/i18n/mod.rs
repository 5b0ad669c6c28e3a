//! Interface language and the one zh/en message catalogue of the desk and the CLI. Data is
//! never translated; only labels, hints and messages are.
//!
//! A message is a [`Msg`]: `Msg::FormSaving.text(lang)` for a fixed text, and
//! `Msg::FormEditDemand.fill(lang, &[&code])` for one with `{}` placeholders, filled in order.
//! [`Lang::pick`] stays for code that has not moved its strings here yet.

use std::fmt::Display;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `zh`, else English.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if var.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Picks the label for this language (for strings not yet in the catalogue).
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Declares a catalogue: an enum with one variant per message and its Chinese and English
/// text, `ALL` so tests can check every entry, `text` and `fill`, and a test that every entry
/// has both languages with the same placeholders.
///
/// [`Msg`] below is the catalogue of the desk and the CLI. An area with many messages of its
/// own may declare its catalogue in its own file under `i18n/` (`catalogue! { pub enum
/// ReportMsg { … } }`, with `pub mod <area>;` below this macro), so areas built side by side do
/// not edit one list.
macro_rules! catalogue {
    ($(#[$edoc:meta])* pub enum $enum:ident {
        $($(#[$doc:meta])* $name:ident => ($zh:expr, $en:expr),)*
    }) => {
        $(#[$edoc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $enum {
            $($(#[$doc])* $name,)*
        }

        impl $enum {
            /// Every message, in declaration order.
            pub const ALL: &'static [$enum] = &[$($enum::$name,)*];

            /// (Chinese, English).
            pub fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $($enum::$name => ($zh, $en),)*
                }
            }

            /// The text in `lang`, placeholders left as `{}`.
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                let (zh, en) = self.pair();
                lang.pick(zh, en)
            }

            /// The text in `lang` with each `{}` replaced by the next of `args` (missing ones
            /// stay empty, extra ones are ignored).
            pub fn fill(self, lang: $crate::i18n::Lang, args: &[&dyn std::fmt::Display]) -> String {
                $crate::i18n::fill(self.text(lang), args)
            }
        }

        #[cfg(test)]
        mod catalogue_tests {
            #[test]
            fn every_message_has_both_languages_with_the_same_placeholders() {
                for m in super::$enum::ALL {
                    let (zh, en) = m.pair();
                    assert!(!zh.is_empty() && !en.is_empty(), "{m:?}");
                    assert_eq!(
                        zh.matches("{}").count(),
                        en.matches("{}").count(),
                        "{m:?}: zh and en take different arguments"
                    );
                }
            }
        }
    };
}

// Area catalogues: declare them here, after the macro, so they can use it by name
// (`catalogue! { pub enum ReportMsg { … } }` in `i18n/<area>.rs`).
pub mod find;
pub mod lookup;
pub mod matching;
pub mod orgs;
pub mod phone;
pub mod reports;
pub mod store;
pub mod team;
pub mod undo;

catalogue! {
/// One message of the interface, in both languages.
pub enum Msg {
    // — record form —
    /// Title of the form for a new demand.
    FormNewDemand => ("新增需求", "New demand"),
    /// Title of the form for a new result.
    FormNewResult => ("新增成果", "New result"),
    /// Title of the form editing a demand: its code.
    FormEditDemand => ("编辑需求 {}", "Edit demand {}"),
    /// Title of the form editing a result: its code.
    FormEditResult => ("编辑成果 {}", "Edit result {}"),
    /// The form's hint line: the keys of next field, save, cancel.
    FormHint => ("{} 下一项 · {} 保存 · {} 取消", "{} next field · {} save · {} cancel"),
    /// The yes/no field ticked: the key that toggles.
    FormYes => ("[x] 是  ({} 切换)", "[x] yes  ({} toggles)"),
    /// The yes/no field unticked: the key that toggles.
    FormNo => ("[ ] 否  ({} 切换)", "[ ] no  ({} toggles)"),
    /// Shown while the store writes the record.
    FormSaving => ("正在保存…", "saving…"),
    /// A field that must be filled.
    FormRequired => ("必填", "required"),
    /// A budget or price that does not parse.
    FormBadAmount => ("不是金额 (如 50、50万、1,200)", "not an amount (e.g. 50, 50万, 1,200)"),
    /// A negative budget or price.
    FormNegativeAmount => ("金额不能为负", "amounts are 0 or more"),
    /// A budget or price over the maximum.
    FormAmountTooLarge => ("太大：最多 10,000,000 万元", "too large: at most 10,000,000 万元"),
    /// Title of the discard question.
    FormDiscardTitle => ("放弃", "Discard"),
    /// The discard question.
    FormDiscardAsk => ("放弃已输入的内容?", "Discard typed text?"),
    /// The form was closed without saving.
    FormCancelled => ("已取消，未保存", "cancelled, nothing saved"),
    /// `e` with no record selected.
    NoRecordSelected => ("没有选中的记录", "no record selected"),
    /// Lines a pasted description holds beyond the first, shown after its one-line box.
    FormMoreLines => ("共 {} 行", "{} lines"),

    // — record fields —
    FieldTitle => ("标题*", "Title*"),
    FieldEnterprise => ("企业", "Enterprise"),
    FieldInstitution => ("单位", "Institution"),
    FieldLead => ("负责人", "Lead"),
    FieldField => ("领域", "Field"),
    FieldRegion => ("地区", "Region"),
    FieldDescription => ("描述", "Description"),
    FieldAbstract => ("简介", "Abstract"),
    FieldKeywords => ("关键词", "Keywords"),
    FieldBudget => ("预算(万元)", "Budget (万元)"),
    FieldDeadline => ("截止日期", "Deadline"),
    FieldContact => ("联系人", "Contact"),
    FieldPhone => ("电话", "Phone"),
    FieldEmail => ("邮箱", "Email"),
    FieldOpenCall => ("揭榜挂帅", "Open call"),
    FieldMaturity => ("成熟度", "Maturity"),
    FieldIp => ("知识产权", "IP"),
    FieldModes => ("合作方式", "Modes"),
    FieldPrice => ("价格(万元)", "Price (万元)"),
    FieldStatus => ("状态", "Status"),
    FieldStage => ("阶段", "Stage"),
    /// A yes/no value shown as text.
    Yes => ("是", "yes"),
    No => ("否", "no"),

    // — filter picker —
    /// Title of the filter picker.
    PickerTitle => ("筛选", "Filter"),
    /// No value matches the narrowing text.
    PickerNoMatch => ("(无匹配)", "(no match)"),
    /// The picker's hint line: toggle, section, clear, apply, cancel keys.
    PickerHint => (
        "{} 勾选 · {} 分区 · 输入筛选 · {} 全部清除 · {} 应用 · {} 取消",
        "{} toggle · {} section · type to narrow · {} clear all · {} apply · {} cancel"
    ),

    // — help —
    /// Title of the help overlay: scroll keys, close key.
    HelpTitle => ("按键  {} 滚动  {} 关闭", "Keys  {} scroll  {} closes"),
    /// A key-table row with no key.
    HelpUnbound => ("（未绑定）", "(unbound)"),
    /// The row for every key a text field types.
    HelpOtherKeys => ("其他字符", "other keys"),
    HelpTypeText => ("输入文字", "type text"),
    /// The folded row of the slot keys 1–9.
    HelpRecallView => ("调出保存的视图", "recall a saved view"),

    // — record view —
    /// Title of a record shown full-screen: the key that goes back.
    RecordViewTitle => ("记录  {} 返回", "Record  {} back"),

    // — conflict —
    /// Title of the conflict overlay: the record's code.
    ConflictTitle => ("{} 已被他人修改", "{} was changed meanwhile"),
    /// The line above the conflicting fields.
    ConflictIntro => (
        "保存期间记录已在别处修改。逐项选择保留哪个值：",
        "The record changed elsewhere while you edited it. Choose per field:"
    ),
    ConflictField => ("字段", "field"),
    ConflictMine => ("我的", "mine"),
    ConflictTheirs => ("现存", "stored"),
    ConflictBase => ("原值", "was"),
    /// The conflict overlay's hint line: mine, theirs, all mine, all theirs, apply, cancel.
    ConflictHint => (
        "{} 用我的 · {} 保留现存 · {} 全用我的 · {} 全保留 · {} 写入 · {} 返回表单",
        "{} mine · {} stored · {} all mine · {} all stored · {} write · {} back to the form"
    ),
    /// Fields only the other side changed, kept as stored.
    ConflictKeptTheirs => ("另有 {} 项只在别处修改，保留现存值", "{} other fields changed only elsewhere are kept"),

    // — command line: confirmations and hints —
    /// `edit` changed the record: its code.
    CliUpdated => ("{} 已更新", "{} updated"),
    /// `edit` found nothing to change: the record's code.
    CliUnchanged => ("{} 未改动（所给字段与现值相同）", "{} unchanged (no field given differs)"),
    /// `move` done: the pair, the stage it left, the stage it is in now.
    CliMoved => ("{}：{} → {}，已移动", "{}: {} → {}"),
    /// `log` done: the pair, the channel, what is next.
    CliLogged => ("{}：已记录{}；{}", "{}: logged {}; {}"),
    /// The pair's next action and its due date, after `log`.
    CliNextDue => ("下一步：{}（{} 到期）", "next: {} (due {})"),
    /// The pair's next action without a due date, after `log`.
    CliNext => ("下一步：{}", "next: {}"),
    /// The pair has no next action, after `log`.
    CliNoNext => ("暂无下一步", "no next action"),
    /// `undo` found nothing.
    CliNothingToUndo => ("没有可撤销的操作", "nothing to undo"),
    /// `undo` took back one change: what it was.
    CliUndone => ("已撤销：{}", "undone: {}"),
    /// Changes left to undo: how many.
    CliMoreUndo => ("（还可撤销 {} 步）", "({} more can be undone)"),
    // — deleting a record on the desk —
    /// Delete a record that has no pairs: its code and title.
    DeleteRecordAsk => ("删除 {} {}？", "Delete {} {}?"),
    /// Delete a record with what goes with it: code, title, pairs, follow-ups (counted).
    DeleteRecordWith => ("删除 {} {} 及其 {}、{}？", "Delete {} {} with its {} and {}?"),
    /// A count of pairs (more than one, or none).
    CountPairs => ("{} 个配对", "{} pairs"),
    /// One pair.
    CountPair => ("{} 个配对", "{} pair"),
    /// A count of follow-ups (more than one, or none).
    CountFollowups => ("{} 条跟进", "{} follow-ups"),
    /// One follow-up.
    CountFollowup => ("{} 条跟进", "{} follow-up"),
    /// After the delete question: the key that takes it back.
    DeleteUndoHint => ("（之后可按 {} 撤销）", "({} undoes it afterwards)"),
    // — what an undo could not do (after the step's label, in parentheses) —
    /// The step's target no longer exists.
    UndoGone => ("已不存在，无可恢复", "already gone; nothing to restore"),
    /// The entry was written by a newer build: its journal format.
    UndoSkippedNewer => (
        "此步由更新版本的 duijie 写入（日志格式 {}），已跳过",
        "this step was written by a newer duijie (journal format {}); skipped"
    ),
    /// The entry cannot be read: why.
    UndoSkippedBad => ("此步无法读取：{}；已跳过", "this step cannot be read: {}; skipped"),
    /// The record an undone add would delete has pairs now: how many.
    UndoKeptPaired => ("已保留：它现在有 {} 个配对", "kept: it has {} pair(s) now"),
    /// Pairs of a restored record whose other record is gone: how many.
    UndoPairsNotRestored => (
        "{} 个配对未恢复：另一方记录已不存在",
        "{} pair(s) not restored: the other record is gone"
    ),
    /// Records an undone import added that are paired now: how many.
    UndoImportKept => ("{} 条导入的记录已配对，保留", "{} added record(s) kept: paired since"),
    /// Records an undone import updated that were deleted since: how many.
    UndoImportGone => ("{} 条更新过的记录已被删除", "{} updated record(s) deleted since"),
    /// Former contents an undone import could not read: how many.
    UndoImportUnreadable => ("{} 条原记录无法读取", "{} former record(s) could not be read"),
    /// `list demands` on an empty database.
    CliNoDemands => (
        "还没有需求：用 `duijie import demands FILE` 导入",
        "no demands yet: add some with `duijie import demands FILE`"
    ),
    /// `list results` on an empty database.
    CliNoResults => (
        "还没有成果：用 `duijie import results FILE` 导入",
        "no results yet: add some with `duijie import results FILE`"
    ),
    /// The import summary: file, added, updated, unchanged, rejected, the dry-run note.
    CliImportSummary => (
        "{}：新增 {}，更新 {}，未变 {}，拒绝 {}{}",
        "{}: {} added, {} updated, {} unchanged, {} rejected{}"
    ),
    /// Appended to the import summary of a dry run.
    CliDryRun => ("（试运行：未写入）", " (dry run: nothing written)"),
    /// A rejected row: its line number and why.
    CliRejectedLine => ("第 {} 行：{}", "line {}: {}"),
    /// Blank rows an import skipped: how many, and their lines.
    CliSkippedBlank => ("跳过空行 {} 个：第 {} 行", "blank rows skipped: {} (line {})"),
    /// Rows above the header an import skipped (a title row): how many, and their lines.
    CliSkippedAbove => (
        "跳过表头上方的行 {} 个：第 {} 行",
        "rows above the header skipped: {} (line {})"
    ),
    /// Where the rejected rows were saved.
    CliRejectsSaved => ("被拒绝的行已存至 {}", "rejects saved to {}"),
    /// Import progress on a terminal: rows done, rows in all.
    CliImporting => ("正在导入… {}/{}", "importing… {}/{}"),
    /// `export -o`: how many rows, of what, to which file.
    CliExported => ("已导出 {} 条{}到 {}", "exported {} {} to {}"),
    /// `config` when the file does not exist.
    CliConfigAbsent => ("（文件不存在：使用默认值）", " (not present: defaults)"),
    /// Suggestions heading for a demand: its code and title.
    CliSuggestForDemand => ("需求 {} {} 的推荐成果", "results for demand {} {}"),
    /// Suggestions heading for a result: its code and title.
    CliSuggestForResult => ("成果 {} {} 的推荐需求", "demands for result {} {}"),
    /// No suggestion found.
    CliNoSuggestions => (
        "没有推荐：另一类记录中没有与它共享词语的",
        "no suggestions: nothing of the other kind shares a term with it"
    ),
    /// The mark of a suggestion that is paired already.
    CliAlreadyPaired => ("* 已配对", "* already paired"),
    /// A command made the database file: its path.
    CliCreatedDb => ("已在 {} 新建数据库", "created a new database at {}"),
    /// `backup` done: the file written.
    CliBackedUp => ("已备份到 {}", "backed up to {}"),
    /// `restore` asks: the database, the file it would be replaced with.
    CliRestoreAsk => (
        "把 {} 的全部内容替换为 {}？当前数据库会先备份。输入 y 确认：",
        "Replace everything in {} with {}? The current database is backed up first. Type y to confirm: "
    ),
    /// `restore` done: the database, the file restored from.
    CliRestored => ("{} 已从 {} 恢复", "restored {} from {}"),
    /// `restore` done: the way back (the backup's path, twice).
    CliRestoreUndo => (
        "原数据库已存为 {}；撤销请运行 `duijie restore {}`",
        "the previous database was saved as {}; to undo, run `duijie restore {}`"
    ),
    /// `restore` not confirmed.
    CliRestoreCancelled => ("已取消，未作改动", "cancelled; nothing changed"),
    /// `check` passed: the file.
    CliCheckOk => ("{}：完整性检查通过", "{}: integrity check passed"),
    /// `check` failed: the file, how many problems.
    CliCheckBad => ("{}：数据库已损坏（{} 处问题）：", "{}: the database is damaged ({} problems):"),
    /// One table's row count in the check report: table, rows.
    CliCheckRows => ("  {}：{} 行", "  {}: {} rows"),
    /// After a failed check: what to do next.
    CliCheckHint => (
        "用 `duijie check --salvage 输出.json` 保存仍可读取的行，或用 `duijie restore 备份文件` 从备份恢复",
        "save the rows that can still be read with `duijie check --salvage OUT.json`, or go back to a backup with `duijie restore FILE`"
    ),
    /// The newest backup, after a failed check: its path.
    CliCheckNewestBackup => ("最新的备份：{}", "newest backup: {}"),
    /// `check --salvage` done: rows, file, places that could not be read.
    CliSalvaged => (
        "已将 {} 行写入 {}（{} 处无法读取）",
        "wrote {} rows to {} ({} places could not be read)"
    ),
    /// The mark of a dismissed suggestion (shown with --all), and why.
    CliDismissedMark => ("x 已排除", "x dismissed"),
    /// Before a suggestion's warnings.
    CliWarning => ("注意: {}", "caution: {}"),
    /// `suggest --explain`: a term or signal and its points, then its share.
    CliExplainPart => ("{} 分  {}", "{} points  {}"),
    /// `suggest --explain`: the total line.
    CliExplainTotal => ("合计 {} 分", "total {} points"),
    /// `dismiss`: done — the two codes and the reason.
    CliDismissed => ("已排除 {} ⇄ {}（{}）：不再推荐", "dismissed {} ⇄ {} ({}): no longer suggested"),
    /// `dismiss --undo`: the dismissal is taken back.
    CliDismissRestored => ("已恢复 {} ⇄ {}：可再次推荐", "restored {} ⇄ {}: may be suggested again"),
    /// `dismiss --undo` on a couple that was not dismissed.
    CliDismissNone => ("{} ⇄ {} 未被排除", "{} ⇄ {} was not dismissed"),
    /// `dismiss` with two records of the same kind.
    ErrDismissSameKind => ("需要一个需求和一个成果：{} 与 {}", "needs one demand and one result: {} and {}"),

    // — command line: words —
    NounDemands => ("需求", "demands"),
    NounResults => ("成果", "results"),
    NounPairs => ("配对", "pairs"),
    NounFollowUps => ("跟进记录", "followups"),

    // — command line: table headers —
    ColCode => ("编号", "code"),
    ColTitle => ("标题", "title"),
    ColOrg => ("单位", "org"),
    ColField => ("领域", "field"),
    ColRegion => ("地区", "region"),
    ColAmount => ("金额(万)", "amount(万)"),
    ColScore => ("得分", "score"),
    ColReasons => ("理由", "reasons"),

    // — command line: errors —
    /// Before every error line.
    ErrPrefix => ("duijie: 错误: {}", "duijie: error: {}"),
    /// An empty --title.
    ErrTitleEmpty => ("--title 不能为空", "--title must not be empty"),
    /// `edit` given a pair: its code.
    ErrEditPair => (
        "{} 是配对；edit 只改需求 (D…) 或成果 (R…)",
        "{} is a pair; edit takes a demand (D…) or a result (R…)"
    ),
    /// Result flags given to a demand: the flags.
    ErrFlagsOfResult => ("{} 属于成果，不能用于需求", "{} belong(s) to a result, not a demand"),
    /// Demand flags given to a result: the flags.
    ErrFlagsOfDemand => ("{} 属于需求，不能用于成果", "{} belong(s) to a demand, not a result"),
    /// `demo-db` to a path that exists: the path.
    ErrPathExists => ("{}：已存在；请换一个新路径", "{}: already exists; choose a new path"),
    /// A read command on a path with no database: the path.
    ErrNoDatabase => (
        "{}：这里没有数据库（请检查 --db 或 DUIJIE_DB）；未创建任何文件 — `duijie add` 或 `duijie import` 会新建",
        "{}: no database here (check --db or DUIJIE_DB); nothing was created — `duijie add` or `duijie import` creates one"
    ),
    /// A write to a damaged database: the path.
    ErrDamaged => (
        "{}：数据库已损坏，未写入 — 运行 `duijie check` 查看问题并保存可读取的数据",
        "{}: the database is damaged; nothing was written — run `duijie check` to see what is wrong and save what can be read"
    ),
    /// SQLite found the file damaged while reading it: SQLite's words.
    ErrCorrupt => (
        "数据库已损坏（{}）；运行 `duijie check` 查看问题并保存可读取的数据",
        "the database is damaged ({}); run `duijie check` to see what is wrong and save what can be read"
    ),
    /// A write to a read-only database: the path.
    ErrReadOnly => (
        "{}：数据库在此处只读，未写入 — 复制到可写的位置再修改",
        "{}: the database is read-only here; nothing was written — copy it somewhere writable to make changes"
    ),
    /// `export -o` onto the database itself: the path.
    ErrExportOntoDb => (
        "{}：这是数据库本身，不能导出到这里",
        "{}: that is the database itself; export somewhere else"
    ),
    /// An output file that exists, without --force: the path.
    ErrOutputExists => ("{}：已存在；加上 --force 覆盖", "{}: already exists; add --force to replace it"),
    /// `restore` without a terminal to ask on and without --yes.
    ErrRestoreNeedsYes => (
        "restore 会替换整个数据库：请在终端确认，或加上 --yes",
        "restore replaces the whole database: confirm on a terminal or add --yes"
    ),
    /// `export --format xlsx` without -o: the export's name.
    ErrXlsxNeedsFile => ("xlsx 需要写入文件：加上 -o {}.xlsx", "xlsx needs a file: add -o {}.xlsx"),
    /// A file that cannot be written: the path, the cause.
    ErrCannotWrite => ("{}：无法写入：{}", "{}: cannot write: {}"),
    /// An unknown stage: what was typed, the accepted words.
    ErrUnknownStage => ("未知阶段 `{}`：可用 {}", "unknown stage `{}`: use {}"),
    /// An unknown contract type: what was typed, the accepted words.
    ErrUnknownContractType => ("未知合同类型 `{}`：可用 {}", "unknown contract type `{}`: use {}"),
    /// An unknown shelving reason: what was typed, the accepted words.
    ErrUnknownReason => ("未知原因 `{}`：可用 {}", "unknown reason `{}`: use {}"),
    /// An unknown follow-up channel: what was typed, the accepted words.
    ErrUnknownChannel => ("未知方式 `{}`：可用 {}", "unknown channel `{}`: use {}"),
    /// `undo --steps 0`.
    ErrStepsZero => ("--steps 至少为 1", "--steps must be at least 1"),
    /// No such record or pair: its code.
    ErrNotFound => ("未找到 {}", "{} not found"),
    /// Two records paired already: demand, result, their pair.
    ErrAlreadyPaired => ("{} 与 {} 已配对为 {}", "{} and {} are already paired as {}"),
    /// A pair of two demands or two results.
    ErrNeedDemandAndResult => (
        "配对需要一个需求 (D…) 和一个成果 (R…)",
        "pair needs a demand (D…) and a result (R…)"
    ),
    /// The pair is in that stage already: the pair, the stage.
    ErrSameStage => ("{} 已在{}阶段", "{} is already in {}"),
    /// A move missing fields: the pair, the stage, the options to give.
    ErrMissing => ("把 {} 移到{}需要 {}", "moving {} to {} needs {}"),
    /// Someone moved the pair meanwhile: the pair, its stage now, the stage seen.
    ErrMovedMeanwhile => (
        "{} 已被他人移动：现在在{}，不是{}；未作改动 — 请重新查看",
        "{} was moved meanwhile: it is in {} now, not {}; nothing changed — look again"
    ),
    /// Someone changed the row meanwhile: its code.
    ErrChangedMeanwhile => (
        "{} 已被他人修改；未作改动 — 请重新查看",
        "{} was changed meanwhile; nothing changed — look again"
    ),
    /// The row was deleted meanwhile: its code.
    ErrGone => ("{} 已被删除；未保存", "{} was deleted meanwhile; nothing saved"),
    /// Another writer holds the lock.
    ErrBusy => (
        "数据库正忙（另一个 duijie 正在写入）；请重试",
        "the database is busy (another duijie is writing); try again"
    ),
    /// Text that is not a code: the text.
    ErrNotACode => (
        "`{}` 不是编号：应为 D12（需求）、R34（成果）或 P3（配对）",
        "`{}` is not a code: expected D12 (demand), R34 (result) or P3 (pair)"
    ),
    /// No date given.
    ErrNoDate => (
        "没有给出日期：可写 2026-12-01、12-01、+3d、明天、下周一 或 next mon",
        "no date given: try 2026-12-01, 12-01, +3d, 明天, 下周一 or next mon"
    ),
    /// Text that is not a date: the text.
    ErrNotADate => (
        "`{}` 不是日期：可写 2026-12-01、12-01、+3d、明天、下周一 或 next mon",
        "`{}` is not a date: try 2026-12-01, 12-01, +3d, 明天, 下周一 or next mon"
    ),
    /// A date that does not exist: the text.
    ErrBadCalendarDate => ("`{}` 不是有效的日历日期", "`{}` is not a valid calendar date"),
    /// A date before 1900 or after 2200: the text.
    ErrDateOutOfRange => (
        "`{}` 超出日期范围：应在 1900 年到 2200 年之间",
        "`{}` is out of range: dates run from 1900 to 2200"
    ),
    // — money —
    /// Text that is not an amount: the text.
    ErrNotAnAmount => (
        "`{}` 不是金额（万元）：可写 50、50万、1,200、0.5亿 或 300000元",
        "`{}` is not an amount in 万元 (e.g. 50, 50万, 1,200, 0.5亿, 300000元)"
    ),
    /// A negative amount: the text.
    ErrNegativeAmount => ("`{}` 是负数；金额不能为负", "`{}` is a negative amount; amounts are 0 or more"),
    /// An amount over the maximum: the text.
    ErrAmountTooLarge => (
        "`{}` 太大：金额最多 10,000,000 万元（1,000 亿元）",
        "`{}` is too large: at most 10,000,000 万元 (1,000 亿元)"
    ),
    /// The record form's deadline is not a date.
    FormBadDeadline => (
        "截止日期应为日期，如 2027-03-31（1900–2200）",
        "the deadline must be a date such as 2027-03-31 (1900–2200)"
    ),
    /// The desk opened a database it cannot write (read-only media or permissions).
    DeskReadOnly => (
        "只读打开：不能保存（复制到可写的位置再修改）",
        "read-only here: nothing can be saved (copy the file somewhere writable)"
    ),
    /// The desk found the database damaged on opening.
    DeskDamaged => (
        "数据库已损坏，不能保存：运行 duijie check",
        "database damaged, nothing can be saved: run `duijie check`"
    ),
    /// A deadline kept as text because it is not a date: the text.
    WarnDeadlineNotADate => (
        "截止日期“{}”不是日期，按原文保留",
        "deadline “{}” is not a date; kept as written"
    ),
}
}

/// `text` with each `{}` replaced by the next of `args` (missing ones stay empty, extra ones
/// are ignored).
pub fn fill(text: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut args = args.iter();
    let mut parts = text.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        if let Some(a) = args.next() {
            out.push_str(&a.to_string());
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(
            Msg::FormEditDemand.fill(Lang::Zh, &[&"D12"]),
            "编辑需求 D12"
        );
        assert_eq!(
            Msg::FormHint.fill(Lang::En, &[&"tab", &"ctrl-s", &"esc"]),
            "tab next field · ctrl-s save · esc cancel"
        );
        assert_eq!(Msg::FormEditResult.fill(Lang::En, &[]), "Edit result ");
        assert_eq!(Msg::FormSaving.text(Lang::Zh), "正在保存…");
    }
}
