//! Messages of the matching area's newer commands (`matches --new`).

catalogue! {
    /// `duijie matches --new`.
    pub enum MatchMsg {
        NoNewMatches => ("没有新匹配", "no new matches"),
        /// The first `matches --new` of a database: it sets where new starts.
        FirstListing => (
            "没有新匹配：从现在起，新增或修改的记录带来的匹配会列在这里",
            "no new matches yet: from now on, the matches that new or changed records bring are listed here"
        ),
        /// A demand's heading: code, title, how many.
        DemandHeading => ("需求 {} {}：{} 个新匹配", "demand {} {}: {} new"),
        ResultHeading => ("成果 {} {}：{} 个新匹配", "result {} {}: {} new"),
        /// The footer: how many couples, from how many records written since.
        Summary => (
            "共 {} 对新匹配（只算分数 ≥ {} 的，未配对、未排除的）",
            "{} new couples in all (score ≥ {}, not paired, not dismissed)"
        ),
        NeedNew => (
            "请加 --new：列出上次查看以来新出现的匹配（某一条记录的推荐用 duijie suggest CODE）",
            "add --new to list the matches that appeared since last asked (one record's partners: duijie suggest CODE)"
        ),
        BadSince => ("--since 需要 YYYY-MM-DD 日期：{}", "--since needs a YYYY-MM-DD date: {}"),
    }
}
