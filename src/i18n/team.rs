//! A team on one pipeline: who did what, whose pairs, handing them over, and undo taking back
//! only your own steps.

catalogue! {
    /// One message about brokers and their steps.
    pub enum TeamMsg {
        /// The undo label of a handover: the pair, from whom, to whom.
        UndoHandover => ("把 {} 从 {} 交给 {}", "hand {} over from {} to {}"),
        /// `duijie handover` done: the pair, the new owner.
        HandedOver => ("{} 已交给 {}", "{} handed over to {}"),
        /// `duijie handover` to its owner already: the pair, the owner.
        AlreadyOwner => ("{} 已经是 {} 的", "{} is {}'s already"),
        /// A handover to a name nobody used before: the name.
        NewName => (
            "（{} 还没有任何记录——如果是拼写错误，可再交一次或撤销）",
            "({} has done nothing recorded yet — if that is a typo, hand it over again or undo)"
        ),
        /// Undo refused: your step, whose later step crossed it, that step.
        UndoCrossed => (
            "不能撤销“{}”：{} 之后改动了同一项（{}）；撤销只收回你自己的操作——未做任何改动",
            "cannot undo \"{}\": {} changed the same thing since ({}); undo takes back only your own steps — nothing changed"
        ),
        /// Undo passed over later steps of others: how many, whose.
        UndoPassed => ("{} 之后的 {} 步原样保留", "{}'s {} later step(s) left as they are"),
        /// Nothing of yours to undo, only others' steps: how many, whose.
        UndoOnlyOthers => (
            "没有你可撤销的操作（{} 步是 {} 的，只有他们自己能撤销）",
            "nothing of yours to undo ({} step(s) are {}'s; only they can undo them)"
        ),
        /// The status line after a handover in the desk: the pair, the new owner.
        DeskHandedOver => ("{} 已交给 {}", "{} handed over to {}"),
        /// The handover prompt's title: the pair, its owner now.
        HandoverTitle => ("把 {} 交给谁？（现在：{}）", "Hand {} over to whom? (now: {})"),
        /// The handover prompt's hint.
        HandoverHint => ("输入名字，Enter 确定，Esc 取消", "type a name, Enter to hand over, Esc to cancel"),
        /// The board or agenda title mark when only your pairs show: your name.
        ShowingMine => ("我的（{}）", "mine ({})"),
        /// `board` / `agenda` on stderr when only your pairs are listed: your name.
        MineOnlyCli => ("只列出我的（{}）——加 --all 列出全部", "only mine ({}) — --all lists everyone's"),
        /// … when everyone's show.
        ShowingAll => ("全部", "everyone's"),
        /// Status after the mine/everyone key: now everyone's.
        NowAll => ("显示所有人的配对", "showing everyone's pairs"),
        /// Status after the mine/everyone key: now only mine.
        NowMine => ("只显示我的配对（{}）", "showing only my pairs ({})"),
        /// Status when the key changes nothing: only one broker in the database.
        OnlyOne => ("只有一位经纪人：我的就是全部", "one broker only: mine is everyone's"),
        /// The owner line of a pair's detail.
        Owner => ("负责人", "Owner"),
        /// The "made by" of a pair's detail.
        CreatedBy => ("创建人", "Made by"),
        /// Who did a step, after it: the name.
        By => ("（{}）", "(by {})"),
        /// Handover: the pair needs a name to go to.
        NeedName => ("需要一个名字", "a name is needed"),
    }
}
