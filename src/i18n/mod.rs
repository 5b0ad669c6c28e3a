//! Interface language and the one zh/en message catalogue of the desk and the CLI. Data is
//! never translated; only labels, hints and messages are.
//!
//! A message is a variant of a catalogue such as [`Msg`]: `Msg::FormSaving.text(lang)` for a
//! fixed text, and `Msg::FormEditDemand.fill(lang, &[&code])` for one with `{}` placeholders,
//! filled in order.
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
/// [`Msg`] below is the catalogue of the desk; the command line's output and its errors are
/// [`cli::CliMsg`] and [`errors::ErrMsg`]. An area with many messages of its own may declare
/// its catalogue in its own file under `i18n/` (`catalogue! { pub enum ReportMsg { … } }`,
/// with `pub mod <area>;` below this macro), so areas built side by side do not edit one list.
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
pub mod cli;
pub mod errors;
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

    // — deadlines and the desk's database —
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
