//! The undo journal's step labels, in both languages. A step is journalled as a
//! [`crate::domain::undo::Label`] and worded when shown, so `u` in the desk and `duijie undo`
//! speak the user's language whichever process made the step.

catalogue! {
    /// One undo step's label.
    pub enum UndoMsg {
        /// A record added: its code.
        Add => ("新增 {}", "add {}"),
        /// A record edited: its code.
        Edit => ("编辑 {}", "edit {}"),
        /// A record deleted alone: its code.
        Delete => ("删除 {}", "delete {}"),
        /// A record deleted with its pairs: its code, how many pairs.
        DeleteWithPairs => ("删除 {} 及其 {} 个配对", "delete {} with {} pair(s)"),
        /// A pair deleted: its code.
        DeletePair => ("删除配对 {}", "delete {}"),
        /// A pair made: its code, the demand, the result.
        Pair => ("配对 {}（{} ⇄ {}）", "pair {} ({} ⇄ {})"),
        /// A stage move: the pair, the stage before, the stage after.
        Move => ("{} 从“{}”移到“{}”", "move {} {} → {}"),
        /// A follow-up logged: the pair, the channel.
        Log => ("在 {} 记录跟进（{}）", "log on {} ({})"),
        /// An import of demands: the file, how many added, how many updated.
        ImportDemands => (
            "导入 {}（新增需求 {} 条，更新 {} 条）",
            "import {} ({} demand(s) added, {} updated)"
        ),
        /// An import of results: the file, how many added, how many updated.
        ImportResults => (
            "导入 {}（新增成果 {} 条，更新 {} 条）",
            "import {} ({} result(s) added, {} updated)"
        ),
    }
}
