//! Error messages of the command line and of the store, the date and the amount parsers.

catalogue! {
/// One error message.
pub enum ErrMsg {
    // — command line: errors —
    /// `dismiss` with two records of the same kind.
    DismissSameKind => ("需要一个需求和一个成果：{} 与 {}", "needs one demand and one result: {} and {}"),
    /// Before every error line.
    Prefix => ("duijie: 错误: {}", "duijie: error: {}"),
    /// An empty --title.
    TitleEmpty => ("--title 不能为空", "--title must not be empty"),
    /// `edit` given a pair: its code.
    EditPair => (
        "{} 是配对；edit 只改需求 (D…) 或成果 (R…)",
        "{} is a pair; edit takes a demand (D…) or a result (R…)"
    ),
    /// Result flags given to a demand: the flags.
    FlagsOfResult => ("{} 属于成果，不能用于需求", "{} belong(s) to a result, not a demand"),
    /// Demand flags given to a result: the flags.
    FlagsOfDemand => ("{} 属于需求，不能用于成果", "{} belong(s) to a demand, not a result"),
    /// `demo-db` to a path that exists: the path.
    PathExists => ("{}：已存在；请换一个新路径", "{}: already exists; choose a new path"),
    /// A read command on a path with no database: the path.
    NoDatabase => (
        "{}：这里没有数据库（请检查 --db 或 DUIJIE_DB）；未创建任何文件 — `duijie add` 或 `duijie import` 会新建",
        "{}: no database here (check --db or DUIJIE_DB); nothing was created — `duijie add` or `duijie import` creates one"
    ),
    /// A write to a damaged database: the path.
    Damaged => (
        "{}：数据库已损坏，未写入 — 运行 `duijie check` 查看问题并保存可读取的数据",
        "{}: the database is damaged; nothing was written — run `duijie check` to see what is wrong and save what can be read"
    ),
    /// SQLite found the file damaged while reading it: SQLite's words.
    Corrupt => (
        "数据库已损坏（{}）；运行 `duijie check` 查看问题并保存可读取的数据",
        "the database is damaged ({}); run `duijie check` to see what is wrong and save what can be read"
    ),
    /// A write to a read-only database: the path.
    ReadOnly => (
        "{}：数据库在此处只读，未写入 — 复制到可写的位置再修改",
        "{}: the database is read-only here; nothing was written — copy it somewhere writable to make changes"
    ),
    /// `export -o` onto the database itself: the path.
    ExportOntoDb => (
        "{}：这是数据库本身，不能导出到这里",
        "{}: that is the database itself; export somewhere else"
    ),
    /// An output file that exists, without --force: the path.
    OutputExists => ("{}：已存在；加上 --force 覆盖", "{}: already exists; add --force to replace it"),
    /// `restore` without a terminal to ask on and without --yes.
    RestoreNeedsYes => (
        "restore 会替换整个数据库：请在终端确认，或加上 --yes",
        "restore replaces the whole database: confirm on a terminal or add --yes"
    ),
    /// `export --format xlsx` without -o: the export's name.
    XlsxNeedsFile => ("xlsx 需要写入文件：加上 -o {}.xlsx", "xlsx needs a file: add -o {}.xlsx"),
    /// A file that cannot be written: the path, the cause.
    CannotWrite => ("{}：无法写入：{}", "{}: cannot write: {}"),
    /// An unknown stage: what was typed, the accepted words.
    UnknownStage => ("未知阶段 `{}`：可用 {}", "unknown stage `{}`: use {}"),
    /// An unknown contract type: what was typed, the accepted words.
    UnknownContractType => ("未知合同类型 `{}`：可用 {}", "unknown contract type `{}`: use {}"),
    /// An unknown shelving reason: what was typed, the accepted words.
    UnknownReason => ("未知原因 `{}`：可用 {}", "unknown reason `{}`: use {}"),
    /// An unknown follow-up channel: what was typed, the accepted words.
    UnknownChannel => ("未知方式 `{}`：可用 {}", "unknown channel `{}`: use {}"),
    /// `undo --steps 0`.
    StepsZero => ("--steps 至少为 1", "--steps must be at least 1"),
    /// No such record or pair: its code.
    NotFound => ("未找到 {}", "{} not found"),
    /// Two records paired already: demand, result, their pair.
    AlreadyPaired => ("{} 与 {} 已配对为 {}", "{} and {} are already paired as {}"),
    /// A pair of two demands or two results.
    NeedDemandAndResult => (
        "配对需要一个需求 (D…) 和一个成果 (R…)",
        "pair needs a demand (D…) and a result (R…)"
    ),
    /// The pair is in that stage already: the pair, the stage.
    SameStage => ("{} 已在{}阶段", "{} is already in {}"),
    /// A move missing fields: the pair, the stage, the options to give.
    Missing => ("把 {} 移到{}需要 {}", "moving {} to {} needs {}"),
    /// Someone moved the pair meanwhile: the pair, its stage now, the stage seen.
    MovedMeanwhile => (
        "{} 已被他人移动：现在在{}，不是{}；未作改动 — 请重新查看",
        "{} was moved meanwhile: it is in {} now, not {}; nothing changed — look again"
    ),
    /// Someone changed the row meanwhile: its code.
    ChangedMeanwhile => (
        "{} 已被他人修改；未作改动 — 请重新查看",
        "{} was changed meanwhile; nothing changed — look again"
    ),
    /// The row was deleted meanwhile: its code.
    Gone => ("{} 已被删除；未保存", "{} was deleted meanwhile; nothing saved"),
    /// Another writer holds the lock.
    Busy => (
        "数据库正忙（另一个 duijie 正在写入）；请重试",
        "the database is busy (another duijie is writing); try again"
    ),
    /// Text that is not a code: the text.
    NotACode => (
        "`{}` 不是编号：应为 D12（需求）、R34（成果）或 P3（配对）",
        "`{}` is not a code: expected D12 (demand), R34 (result) or P3 (pair)"
    ),
    /// No date given.
    NoDate => (
        "没有给出日期：可写 2026-12-01、12-01、+3d、明天、下周一 或 next mon",
        "no date given: try 2026-12-01, 12-01, +3d, 明天, 下周一 or next mon"
    ),
    /// Text that is not a date: the text.
    NotADate => (
        "`{}` 不是日期：可写 2026-12-01、12-01、+3d、明天、下周一 或 next mon",
        "`{}` is not a date: try 2026-12-01, 12-01, +3d, 明天, 下周一 or next mon"
    ),
    /// A date that does not exist: the text.
    BadCalendarDate => ("`{}` 不是有效的日历日期", "`{}` is not a valid calendar date"),
    /// A date before 1900 or after 2200: the text.
    DateOutOfRange => (
        "`{}` 超出日期范围：应在 1900 年到 2200 年之间",
        "`{}` is out of range: dates run from 1900 to 2200"
    ),
    // — money —
    /// Text that is not an amount: the text.
    NotAnAmount => (
        "`{}` 不是金额（万元）：可写 50、50万、1,200、0.5亿 或 300000元",
        "`{}` is not an amount in 万元 (e.g. 50, 50万, 1,200, 0.5亿, 300000元)"
    ),
    /// A negative amount: the text.
    NegativeAmount => ("`{}` 是负数；金额不能为负", "`{}` is a negative amount; amounts are 0 or more"),
    /// An amount over the maximum: the text.
    AmountTooLarge => (
        "`{}` 太大：金额最多 10,000,000 万元（1,000 亿元）",
        "`{}` is too large: at most 10,000,000 万元 (1,000 亿元)"
    ),
}
}
