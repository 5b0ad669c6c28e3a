//! Suggestions on small hand-made fixtures: the right partner must rank first, with reasons
//! a broker can read.

use duijie::db::dismissals::{self, DismissReason};
use duijie::db::{Db, records};
use duijie::domain::{Kind, Record};
use duijie::matching::{Reason, SuggestIndex, Suggestion, Warning, mark_paired, suggest_for};

struct Spec {
    kind: Kind,
    title: &'static str,
    field: &'static str,
    region: &'static str,
    keywords: &'static str,
    description: &'static str,
    amount: Option<duijie::domain::Money>,
    maturity: &'static str,
    status: &'static str,
}

const BASE: Spec = Spec {
    kind: Kind::Achievement,
    title: "",
    field: "",
    region: "",
    keywords: "",
    description: "",
    amount: None,
    maturity: "",
    status: "open",
};

fn insert(db: &mut Db, s: &Spec) -> Record {
    let mut r = Record::new(s.kind, s.title);
    r.org = format!("{}单位", s.title.chars().take(2).collect::<String>());
    r.field = s.field.into();
    r.region = s.region.into();
    r.keywords = s.keywords.into();
    r.description = s.description.into();
    r.maturity = s.maturity.into();
    r.status = s.status.into();
    match s.kind {
        Kind::Demand => r.budget = s.amount,
        Kind::Achievement => r.price = s.amount,
    }
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    r
}

fn all(db: &Db) -> Vec<Record> {
    records::list(db.conn(), &records::RecordFilter::default()).unwrap()
}

fn codes(s: &[Suggestion]) -> Vec<String> {
    s.iter().map(|x| x.code.to_string()).collect()
}

/// The reasons alone, without their shares.
fn reasons(s: &Suggestion) -> Vec<Reason> {
    s.reasons.iter().map(|w| w.reason.clone()).collect()
}

fn shared_terms(s: &Suggestion) -> Vec<String> {
    reasons(s)
        .into_iter()
        .find_map(|r| match r {
            Reason::SharedTerms(t) => Some(t),
            _ => None,
        })
        .unwrap_or_default()
}

/// A copper-foil demand among results of the same field (新材料) and region.
fn copper_foil_db() -> (Db, Record, Record) {
    let mut db = Db::open_in_memory().unwrap();
    let demand = insert(
        &mut db,
        &Spec {
            kind: Kind::Demand,
            title: "锂电池用6微米电解铜箔抗氧化表面处理",
            field: "新材料",
            region: "云南省昆明市",
            keywords: "电解铜箔、表面处理",
            description: "我公司生产锂电铜箔，现有表面处理工艺抗氧化性能不足，寻求新的表面处理方案。",
            amount: duijie::domain::Money::parse("120.0").unwrap(),
            ..BASE
        },
    );
    let fits = [
        "高强铝镁合金板材轧制",
        "钙钛矿太阳能电池薄膜制备",
        "锂电池正极材料回收利用",
        "稀土永磁材料晶界扩散",
    ];
    for t in fits {
        insert(
            &mut db,
            &Spec {
                title: t,
                field: "新材料",
                region: "云南省昆明市",
                amount: duijie::domain::Money::parse("50.0").unwrap(),
                ..BASE
            },
        );
    }
    let target = insert(
        &mut db,
        &Spec {
            title: "高性能电解铜箔表面处理工艺",
            field: "新材料",
            region: "云南昆明",
            keywords: "铜箔，表面处理",
            description: "采用复合镀层对电解铜箔进行表面处理，抗氧化，已在铜箔企业中试。",
            amount: duijie::domain::Money::parse("80.0").unwrap(),
            maturity: "中试",
            ..BASE
        },
    );
    // A perfect match that is closed must never be suggested.
    insert(
        &mut db,
        &Spec {
            title: "电解铜箔表面处理抗氧化工艺",
            field: "新材料",
            region: "云南省昆明市",
            keywords: "电解铜箔、表面处理",
            status: "已关闭",
            ..BASE
        },
    );
    (db, demand, target)
}

#[test]
fn copper_foil_result_ranks_first_with_all_its_reasons() {
    let (db, demand, target) = copper_foil_db();
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&demand, 10);
    assert_eq!(s[0].code, target.code(), "{s:#?}");
    assert!(
        s.len() >= 2 && s[0].score > s[1].score,
        "the fit should stand out: {s:#?}"
    );
    let terms = shared_terms(&s[0]);
    // Shown as the stretch of the demand that matched (表面处理工艺 where bigrams met).
    assert!(terms.iter().any(|t| t.contains("电解铜箔")), "{terms:?}");
    assert!(terms.iter().any(|t| t.contains("表面处理")), "{terms:?}");
    // 铜箔 is inside 电解铜箔: naming it again adds nothing.
    assert!(!terms.contains(&"铜箔".to_string()), "{terms:?}");
    let r = &reasons(&s[0]);
    assert!(r.contains(&Reason::SameField("新材料".into())), "{r:?}");
    assert!(r.contains(&Reason::SameCity("昆明".into())), "{r:?}");
    assert!(
        r.contains(&Reason::PriceWithinBudget {
            price: 80.0,
            budget: 120.0
        }),
        "{r:?}"
    );
    assert!(r.contains(&Reason::Maturity("中试".into())), "{r:?}");
    assert!(s[0].score > 0.0 && s[0].score <= 100.0);
    // The closed record is not suggested, however well it fits.
    assert!(s.iter().all(|x| !x.title.contains("抗氧化工艺")), "{s:#?}");
    // The limit is honoured.
    assert_eq!(index.suggest(&demand, 2).len(), 2);
}

#[test]
fn a_result_gets_the_demand_back_with_the_budget_reason() {
    let (db, demand, target) = copper_foil_db();
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&target, 5);
    assert_eq!(s[0].code, demand.code(), "{s:#?}");
    assert!(reasons(&s[0]).contains(&Reason::PriceWithinBudget {
        price: 80.0,
        budget: 120.0
    }));
    assert!(s.iter().all(|x| x.code.to_string().starts_with('D')));
}

#[test]
fn price_over_budget_is_a_warning_not_a_reason() {
    let (db, mut demand, target) = copper_foil_db();
    demand.budget = duijie::domain::Money::parse("60.0").unwrap();
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&demand, 10);
    let hit = s.iter().find(|x| x.code == target.code()).unwrap();
    assert_eq!(
        hit.warnings,
        [Warning::PriceOverBudget {
            price: 80.0,
            budget: 60.0
        }]
    );
    assert!(
        !hit.reasons.iter().any(|w| w.code().starts_with("price")),
        "{:?}",
        hit.reasons
    );
}

#[test]
fn a_request_wrapped_in_stock_words_is_matched_on_its_subject() {
    let mut db = Db::open_in_memory().unwrap();
    // Brokers' demands come wrapped in the same request words; here a wrapper no list of
    // stop words knows.
    let wrap = |subject: &str| format!("诚邀高校联合攻克{subject}难题");
    let mut demand = None;
    for subject in [
        "钙钛矿封装",
        "纳米银浆料",
        "污水脱氮",
        "中药材烘干",
        "轴承磨损",
    ] {
        let d = insert(
            &mut db,
            &Spec {
                kind: Kind::Demand,
                title: Box::leak(wrap(subject).into_boxed_str()),
                ..BASE
            },
        );
        demand.get_or_insert(d);
    }
    let demand = demand.unwrap();
    // A result about the wrapper's words, and the one about the subject.
    let decoy = insert(
        &mut db,
        &Spec {
            title: "高校联合攻克难题的协同机制",
            ..BASE
        },
    );
    let target = insert(
        &mut db,
        &Spec {
            title: "钙钛矿组件封装工艺",
            ..BASE
        },
    );
    insert(
        &mut db,
        &Spec {
            title: "锂电池隔膜涂覆",
            ..BASE
        },
    );
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&demand, 5);
    assert_eq!(s[0].code, target.code(), "{s:#?}");
    let terms = shared_terms(&s[0]);
    assert!(terms.iter().any(|t| t.contains("钙钛矿")), "{terms:?}");
    // The wrapper's words are common among demands: they barely count, and are not named.
    if let Some(d) = s.iter().find(|x| x.code == decoy.code()) {
        assert!(d.score < s[0].score / 2.0, "{s:#?}");
    }
    assert!(!terms.iter().any(|t| t.contains("攻克")), "{terms:?}");
}

#[test]
fn a_demand_without_a_field_ranks_on_its_text_with_no_field_reason() {
    let mut db = Db::open_in_memory().unwrap();
    let demand = insert(
        &mut db,
        &Spec {
            kind: Kind::Demand,
            title: "稀土永磁电机退磁检测",
            ..BASE
        },
    );
    insert(
        &mut db,
        &Spec {
            title: "电机控制器散热设计",
            field: "高端装备",
            ..BASE
        },
    );
    let target = insert(
        &mut db,
        &Spec {
            title: "稀土永磁体退磁在线检测方法",
            field: "新材料",
            ..BASE
        },
    );
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&demand, 5);
    assert_eq!(s[0].code, target.code(), "{s:#?}");
    assert!(
        s.iter()
            .all(|x| x.reasons.iter().all(|w| w.code() != "same_field")),
        "{s:#?}"
    );
    // Every reason's share is a part of the score, and the breakdown adds up to it.
    let total: f64 = s[0].breakdown.iter().map(|p| p.points).sum();
    assert!((total - s[0].score).abs() < 0.1, "{:#?}", s[0]);
    let shares: f64 = s[0].reasons.iter().map(|w| w.share).sum();
    assert!(shares > 0.5 && shares <= 1.0 + 1e-9, "{:#?}", s[0].reasons);
}

#[test]
fn already_paired_results_are_marked() {
    let (db, demand, target) = copper_foil_db();
    let now = duijie::db::now();
    db.conn()
        .execute(
            "INSERT INTO pair (demand_id, result_id, stage_since, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?3, ?3)",
            &[&demand.id, &target.id, &now],
        )
        .unwrap();
    let index = SuggestIndex::build(&all(&db));
    let mut s = index.suggest(&demand, 10);
    mark_paired(db.conn(), &demand, &mut s).unwrap();
    assert!(s[0].paired, "{s:#?}");
    assert!(s[1..].iter().all(|x| !x.paired));
}

#[test]
fn traditional_script_result_matches_a_simplified_demand() {
    let mut db = Db::open_in_memory().unwrap();
    let demand = insert(
        &mut db,
        &Spec {
            kind: Kind::Demand,
            title: "锂电池硅碳负极材料量产",
            keywords: "硅碳负极",
            ..BASE
        },
    );
    for t in ["锂电池隔膜涂覆", "锂电池电解液添加剂", "动力锂电池热管理"] {
        insert(&mut db, &Spec { title: t, ..BASE });
    }
    let target = insert(
        &mut db,
        &Spec {
            title: "高容量矽碳負極材料的製備",
            keywords: "鋰電池、硅碳負極",
            ..BASE
        },
    );
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&demand, 5);
    assert_eq!(s[0].code, target.code(), "{s:#?}");
    assert!(
        shared_terms(&s[0]).iter().any(|t| t.contains("硅碳负极")),
        "{s:#?}"
    );
}

#[test]
fn region_breaks_a_tie_same_province_then_neighbour_then_far() {
    let mut db = Db::open_in_memory().unwrap();
    let demand = insert(
        &mut db,
        &Spec {
            kind: Kind::Demand,
            title: "纳米银导电浆料",
            region: "广东深圳",
            ..BASE
        },
    );
    let far = insert(
        &mut db,
        &Spec {
            title: "纳米银导电浆料制备",
            region: "黑龙江省哈尔滨市",
            ..BASE
        },
    );
    let neighbour = insert(
        &mut db,
        &Spec {
            title: "纳米银导电浆料制备",
            region: "湖南省长沙市",
            ..BASE
        },
    );
    let same = insert(
        &mut db,
        &Spec {
            title: "纳米银导电浆料制备",
            region: "广东省广州市",
            ..BASE
        },
    );
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&demand, 5);
    assert_eq!(
        codes(&s),
        [same.code(), neighbour.code(), far.code()].map(|c| c.to_string())
    );
    assert!(reasons(&s[0]).contains(&Reason::SameProvince("广东".into())));
    assert!(reasons(&s[1]).contains(&Reason::NeighbourProvince("广东".into(), "湖南".into())));
}

#[test]
fn a_rare_shared_term_outweighs_a_common_one() {
    let mut db = Db::open_in_memory().unwrap();
    let demand = insert(
        &mut db,
        &Spec {
            kind: Kind::Demand,
            title: "钙钛矿电池封装技术",
            ..BASE
        },
    );
    // 电池 is everywhere among results; 钙钛矿 in one; 技术 says nothing.
    for t in [
        "动力电池回收利用技术",
        "燃料电池双极板",
        "电池管理芯片",
        "电池壳体冲压",
        "电池热失控预警",
    ] {
        insert(&mut db, &Spec { title: t, ..BASE });
    }
    let rare = insert(
        &mut db,
        &Spec {
            title: "钙钛矿薄膜沉积",
            ..BASE
        },
    );
    insert(
        &mut db,
        &Spec {
            title: "光伏组件清洗技术",
            ..BASE
        },
    );
    let index = SuggestIndex::build(&all(&db));
    let s = index.suggest(&demand, 10);
    assert_eq!(s[0].code, rare.code(), "{s:#?}");
    assert_eq!(shared_terms(&s[0]), ["钙钛矿"]);
    // Sharing only 技术 counts for little: last, far below the fit.
    if let Some(i) = s.iter().position(|x| x.title.contains("光伏组件")) {
        assert_eq!(i, s.len() - 1, "{s:#?}");
        assert!(s[i].score < s[0].score / 3.0, "{s:#?}");
    }
}

#[test]
fn empty_index_and_unmatched_query_give_no_suggestions() {
    let index = SuggestIndex::build(&[]);
    let q = Record::new(Kind::Demand, "电解铜箔");
    assert!(index.suggest(&q, 10).is_empty());
    let r = Record::new(Kind::Achievement, "中药材种植");
    let index = SuggestIndex::build(&[r]);
    assert!(index.suggest(&q, 10).is_empty());
}

#[test]
fn a_dismissed_pair_does_not_come_back_until_restored() {
    let (mut db, demand, target) = copper_foil_db();
    let index = SuggestIndex::build(&all(&db));
    let first = suggest_for(db.conn(), &index, &demand, 10, false).unwrap();
    assert_eq!(first[0].code, target.code());
    db.write(|tx| dismissals::dismiss(tx, &demand, target.id, DismissReason::NotRelevant))
        .unwrap();
    // The index is unchanged: the dismissal alone keeps the pair away, from both sides.
    let after = suggest_for(db.conn(), &index, &demand, 10, false).unwrap();
    assert!(after.iter().all(|s| s.id != target.id), "{after:#?}");
    assert_eq!(after.len(), first.len() - 1);
    let back = suggest_for(db.conn(), &index, &target, 10, false).unwrap();
    assert!(back.iter().all(|s| s.id != demand.id), "{back:#?}");
    // Asked for all, it is there and marked.
    let all_of = suggest_for(db.conn(), &index, &demand, 10, true).unwrap();
    assert!(all_of[0].dismissed && all_of[0].id == target.id);
    assert!(all_of[1..].iter().all(|s| !s.dismissed));
    db.write(|tx| dismissals::restore(tx, &demand, target.id))
        .unwrap();
    let restored = suggest_for(db.conn(), &index, &demand, 10, false).unwrap();
    assert_eq!(restored[0].code, target.code());
}
