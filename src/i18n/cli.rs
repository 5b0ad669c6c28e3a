//! Messages of the command line: confirmations, hints, the words and table headers of its
//! output.

catalogue! {
/// One message of the command line's output.
pub enum CliMsg {
    // — command line: confirmations and hints —
    /// `edit` changed the record: its code.
    Updated => ("{} 已更新", "{} updated"),
    /// `edit` found nothing to change: the record's code.
    Unchanged => ("{} 未改动（所给字段与现值相同）", "{} unchanged (no field given differs)"),
    /// `move` done: the pair, the stage it left, the stage it is in now.
    Moved => ("{}：{} → {}，已移动", "{}: {} → {}"),
    /// `log` done: the pair, the channel, what is next.
    Logged => ("{}：已记录{}；{}", "{}: logged {}; {}"),
    /// The pair's next action and its due date, after `log`.
    NextDue => ("下一步：{}（{} 到期）", "next: {} (due {})"),
    /// The pair's next action without a due date, after `log`.
    Next => ("下一步：{}", "next: {}"),
    /// The pair has no next action, after `log`.
    NoNext => ("暂无下一步", "no next action"),
    /// `undo` found nothing.
    NothingToUndo => ("没有可撤销的操作", "nothing to undo"),
    /// `undo` took back one change: what it was.
    Undone => ("已撤销：{}", "undone: {}"),
    /// Changes left to undo: how many.
    MoreUndo => ("（还可撤销 {} 步）", "({} more can be undone)"),
    /// `list demands` on an empty database.
    NoDemands => (
        "还没有需求：用 `duijie import demands FILE` 导入",
        "no demands yet: add some with `duijie import demands FILE`"
    ),
    /// `list results` on an empty database.
    NoResults => (
        "还没有成果：用 `duijie import results FILE` 导入",
        "no results yet: add some with `duijie import results FILE`"
    ),
    /// The import summary: file, added, updated, unchanged, rejected, the dry-run note.
    ImportSummary => (
        "{}：新增 {}，更新 {}，未变 {}，拒绝 {}{}",
        "{}: {} added, {} updated, {} unchanged, {} rejected{}"
    ),
    /// Appended to the import summary of a dry run.
    DryRun => ("（试运行：未写入）", " (dry run: nothing written)"),
    /// A rejected row: its line number and why.
    RejectedLine => ("第 {} 行：{}", "line {}: {}"),
    /// Blank rows an import skipped: how many, and their lines.
    SkippedBlank => ("跳过空行 {} 个：第 {} 行", "blank rows skipped: {} (line {})"),
    /// Rows above the header an import skipped (a title row): how many, and their lines.
    SkippedAbove => (
        "跳过表头上方的行 {} 个：第 {} 行",
        "rows above the header skipped: {} (line {})"
    ),
    /// Where the rejected rows were saved.
    RejectsSaved => ("被拒绝的行已存至 {}", "rejects saved to {}"),
    /// Import progress on a terminal: rows done, rows in all.
    Importing => ("正在导入… {}/{}", "importing… {}/{}"),
    /// `export -o`: how many rows, of what, to which file.
    Exported => ("已导出 {} 条{}到 {}", "exported {} {} to {}"),
    /// `config` when the file does not exist.
    ConfigAbsent => ("（文件不存在：使用默认值）", " (not present: defaults)"),
    /// Suggestions heading for a demand: its code and title.
    SuggestForDemand => ("需求 {} {} 的推荐成果", "results for demand {} {}"),
    /// Suggestions heading for a result: its code and title.
    SuggestForResult => ("成果 {} {} 的推荐需求", "demands for result {} {}"),
    /// No suggestion found.
    NoSuggestions => (
        "没有推荐：另一类记录中没有与它共享词语的",
        "no suggestions: nothing of the other kind shares a term with it"
    ),
    /// The mark of a suggestion that is paired already.
    AlreadyPaired => ("* 已配对", "* already paired"),
    /// A command made the database file: its path.
    CreatedDb => ("已在 {} 新建数据库", "created a new database at {}"),
    /// `backup` done: the file written.
    BackedUp => ("已备份到 {}", "backed up to {}"),
    /// `restore` asks: the database, the file it would be replaced with.
    RestoreAsk => (
        "把 {} 的全部内容替换为 {}？当前数据库会先备份。输入 y 确认：",
        "Replace everything in {} with {}? The current database is backed up first. Type y to confirm: "
    ),
    /// `restore` done: the database, the file restored from.
    Restored => ("{} 已从 {} 恢复", "restored {} from {}"),
    /// `restore` done: the way back (the backup's path, twice).
    RestoreUndo => (
        "原数据库已存为 {}；撤销请运行 `duijie restore {}`",
        "the previous database was saved as {}; to undo, run `duijie restore {}`"
    ),
    /// `restore` not confirmed.
    RestoreCancelled => ("已取消，未作改动", "cancelled; nothing changed"),
    /// `check` passed: the file.
    CheckOk => ("{}：完整性检查通过", "{}: integrity check passed"),
    /// `check` failed: the file, how many problems.
    CheckBad => ("{}：数据库已损坏（{} 处问题）：", "{}: the database is damaged ({} problems):"),
    /// One table's row count in the check report: table, rows.
    CheckRows => ("  {}：{} 行", "  {}: {} rows"),
    /// After a failed check: what to do next.
    CheckHint => (
        "用 `duijie check --salvage 输出.json` 保存仍可读取的行，或用 `duijie restore 备份文件` 从备份恢复",
        "save the rows that can still be read with `duijie check --salvage OUT.json`, or go back to a backup with `duijie restore FILE`"
    ),
    /// The newest backup, after a failed check: its path.
    CheckNewestBackup => ("最新的备份：{}", "newest backup: {}"),
    /// `check --salvage` done: rows, file, places that could not be read.
    Salvaged => (
        "已将 {} 行写入 {}（{} 处无法读取）",
        "wrote {} rows to {} ({} places could not be read)"
    ),
    /// The mark of a dismissed suggestion (shown with --all), and why.
    DismissedMark => ("x 已排除", "x dismissed"),
    /// Before a suggestion's warnings.
    Warning => ("注意: {}", "caution: {}"),
    /// `suggest --explain`: a term or signal and its points, then its share.
    ExplainPart => ("{} 分  {}", "{} points  {}"),
    /// `suggest --explain`: the total line.
    ExplainTotal => ("合计 {} 分", "total {} points"),
    /// `dismiss`: done — the two codes and the reason.
    Dismissed => ("已排除 {} ⇄ {}（{}）：不再推荐", "dismissed {} ⇄ {} ({}): no longer suggested"),
    /// `dismiss --undo`: the dismissal is taken back.
    DismissRestored => ("已恢复 {} ⇄ {}：可再次推荐", "restored {} ⇄ {}: may be suggested again"),
    /// `dismiss --undo` on a couple that was not dismissed.
    DismissNone => ("{} ⇄ {} 未被排除", "{} ⇄ {} was not dismissed"),

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
}
}
