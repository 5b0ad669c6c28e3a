//! Messages of `duijie find` and `duijie -q`.

catalogue! {
/// One message of the lookup from the shell.
pub enum FindMsg {
    ColKind => ("类型", "kind"),
    ColContact => ("联系人", "contact"),
    ColPhone => ("电话", "phone"),
    KindDemand => ("需求", "demand"),
    KindResult => ("成果", "result"),
    NoHits => ("没有找到“{}”", "nothing found for \"{}\""),
    Shown => ("共 {} 条，显示前 {} 条（--limit 可改）", "{} found, the first {} shown (see --limit)"),
}
}
