//! Messages of the phone moment: a call logged on a record, a contact copied, the mouse
//! given to the terminal for selecting text.

catalogue! {
/// One message of the phone moment, in both languages.
pub enum PhoneMsg {
    /// `log D12`: the call went to the record's open pairs (record, pairs, channel, next).
    CliCallPairs => ("{}：已在 {} 上记录{}；{}", "{}: on {}, logged {}; {}"),
    /// `log D12`: no open pair, so the call is a note in the record's own log.
    CliCallNote => (
        "{}：没有进行中的配对，已记入该记录的日志（{}）",
        "{}: no open pair; noted in its own log ({})"
    ),
    /// `log D12 --done`: a record has no next action to clear.
    ErrDoneOnRecord => (
        "--done 只用于配对（P3）：{} 是记录",
        "--done is for a pair (P3): {} is a record"
    ),
    /// Undo: a call noted in a record's own log (the record, the channel).
    UndoNote => ("在 {} 的日志记录（{}）", "note on {} ({})"),
    /// Undo: a call logged on a record's open pairs (the pairs, the record, the channel).
    UndoCall => ("在 {} 记录跟进（经 {}，{}）", "log on {} via {} ({})"),
    /// The heading of a record's own log (`show D12`, the detail pane).
    LogHeading => ("日志", "Log"),
    /// The desk: the call was logged on the record's open pairs (record, pairs).
    CallOnPairs => ("{}：已在 {} 上记录电话", "{}: call logged on {}"),
    /// The desk: the call is a note in the record's own log.
    CallNoted => ("{}：已记入日志", "{}: noted in its log"),
    /// The call form's title (record code and contact).
    CallTitle => ("电话 {}", "Call {}"),
    /// The status bar after `y` (the contact line copied).
    Copied => ("已复制：{}", "copied: {}"),
    /// `y` on a record with no contact, phone or org.
    NothingToCopy => ("{} 没有联系人、电话或单位可复制", "{} has no contact, phone or org to copy"),
    /// Mouse capture turned off (the key that turns it on again).
    MouseOff => (
        "鼠标交还终端：可用鼠标选择文字（{} 恢复点击与滚轮）",
        "mouse given to the terminal: select text with it ({} brings clicks and the wheel back)"
    ),
    /// Mouse capture turned on (the key that turns it off).
    MouseOn => (
        "鼠标点击与滚轮已恢复（{} 交还终端以选择文字）",
        "clicks and the wheel are back ({} gives the mouse to the terminal for selecting text)"
    ),
}
}
