//! The agenda's buckets and stale flags, the board's columns and the JSON shapes, on a fixed
//! day (Wednesday 2026-11-18).

mod pipeline_support;

use duijie::db::Db;
use duijie::domain::{Channel, ShelveReason, Stage};
use duijie::pipeline::{
    self, Clock, LogRequest, MoveRequest, agenda, board, create_pair, log_followup, move_pair,
};
use jiff::civil::{Date, date};
use pipeline_support::{DAY0, code, day, seeded};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// Moves `p` to `to` on day `d` (relative to DAY0), filling what the stage needs.
fn walk(db: &mut Db, p: &str, to: Stage, d: i64) {
    let mut r = MoveRequest::new(code(p), to);
    match to {
        Stage::Signed => {
            r.amount = Some(if p == "P3" { "120" } else { "80.5" }.parse().unwrap());
            r.signed_on = Some(date(2026, 10, 1));
        }
        Stage::Shelved => r.reason = Some(ShelveReason::NoReply),
        _ => {}
    }
    move_pair(db, &day(d), &r).unwrap();
}

fn next(db: &mut Db, p: &str, d: i64, action: &str, due: Option<Date>) {
    let req = LogRequest {
        pair: code(p),
        channel: Channel::Phone,
        note: "跟进".into(),
        next_action: Some(action.into()),
        next_due: due,
        done: false,
    };
    log_followup(db, &day(d), &req).unwrap();
}

/// P1 contacted 20 days ago, overdue by 3; P2 negotiating 13 days, due today; P3 signed 29
/// days, due in 7; P4 signed 30 days, due in 8; P5 contacted exactly 14 days, no action; P6
/// shelved with an overdue action; P7 candidate for 60 days, undated action; P8 negotiating
/// for 20 days but called 5 days ago.
fn scenario() -> Db {
    let mut db = seeded();
    let pairs = [
        ("D1", "R1"),
        ("D1", "R2"),
        ("D2", "R2"),
        ("D2", "R1"),
        ("D3", "R3"),
        ("D3", "R1"),
        ("D1", "R3"),
        ("D2", "R3"),
    ];
    for (d, r) in pairs {
        create_pair(&mut db, &day(-60), code(d), code(r), "").unwrap();
    }
    walk(&mut db, "P1", Stage::Contacted, -20);
    next(&mut db, "P1", -20, "寄送样品", Some(date(2026, 11, 15)));
    walk(&mut db, "P2", Stage::Negotiating, -13);
    next(&mut db, "P2", -13, "约技术交流会", Some(DAY0));
    walk(&mut db, "P3", Stage::Signed, -29);
    next(&mut db, "P3", -29, "准备登记材料", Some(date(2026, 11, 25)));
    walk(&mut db, "P4", Stage::Signed, -30);
    next(&mut db, "P4", -30, "催首付款", Some(date(2026, 11, 26)));
    walk(&mut db, "P5", Stage::Contacted, -14);
    next(&mut db, "P6", -41, "再联系一次", Some(date(2026, 11, 1)));
    walk(&mut db, "P6", Stage::Shelved, -40);
    next(&mut db, "P7", -60, "先摸底企业需求", None);
    walk(&mut db, "P8", Stage::Negotiating, -20);
    let call = LogRequest {
        pair: code("P8"),
        channel: Channel::Wechat,
        note: "微信确认仍有意向".into(),
        next_action: None,
        next_due: None,
        done: false,
    };
    log_followup(&mut db, &day(-5), &call).unwrap();
    db
}

fn codes<T>(items: &[T], code_of: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| code_of(i).to_string()).collect()
}

#[test]
fn agenda_sorts_next_actions_into_buckets_and_flags_stale_pairs() {
    let db = scenario();
    let a = agenda(db.conn(), &Clock::fixed(DAY0)).unwrap();
    assert_eq!(codes(&a.overdue, |i| &i.code), ["P1"]);
    assert_eq!(a.overdue[0].days_overdue, 3);
    assert_eq!(a.overdue[0].next_action, "寄送样品");
    assert_eq!(a.overdue[0].demand.title, "4.5μm 极薄铜箔量产工艺");
    assert_eq!(a.overdue[0].result.org, "鄭州大學");
    assert_eq!(codes(&a.today, |i| &i.code), ["P2"]);
    assert_eq!(a.today[0].days_overdue, 0);
    assert_eq!(codes(&a.this_week, |i| &i.code), ["P3"]);
    assert_eq!(
        codes(&a.later, |i| &i.code),
        ["P4", "P7"],
        "dated first, undated last"
    );

    let stale: Vec<_> = a
        .stale
        .iter()
        .map(|s| (s.code.as_str(), s.stage, s.days_since_activity))
        .collect();
    assert_eq!(
        stale,
        [
            ("P4", Stage::Signed, 30),
            ("P1", Stage::Contacted, 20),
            ("P5", Stage::Contacted, 14),
        ]
    );
    assert_eq!(a.stale[1].last_activity, "2026-10-29");
    // A day later P2 (negotiating, 14 quiet days) joins, and P3 (signed, 30) too.
    let a = agenda(db.conn(), &day(1)).unwrap();
    let mut stale = codes(&a.stale, |s| &s.code);
    stale.sort();
    assert_eq!(stale, ["P1", "P2", "P3", "P4", "P5"]);
    assert_eq!(codes(&a.overdue, |i| &i.code), ["P1", "P2"]);
}

#[test]
fn board_columns_count_sum_and_order_cards() {
    let db = scenario();
    let cols = board(db.conn(), &Clock::fixed(DAY0)).unwrap();
    let stages: Vec<_> = cols.iter().map(|c| c.stage).collect();
    assert_eq!(stages, Stage::ALL);
    let by = |s: Stage| cols.iter().find(|c| c.stage == s).unwrap();
    let counts: Vec<_> = cols.iter().map(|c| c.count).collect();
    assert_eq!(counts, [1, 2, 2, 2, 0, 0, 1]);
    let signed = by(Stage::Signed);
    assert_eq!(signed.sum.to_string(), "200.5", "exact, no float drift");
    assert_eq!(signed.stage_zh, "签约");
    assert_eq!(
        codes(&signed.cards, |c| &c.code),
        ["P3", "P4"],
        "sooner due first"
    );
    let contacted = by(Stage::Contacted);
    assert_eq!(
        codes(&contacted.cards, |c| &c.code),
        ["P1", "P5"],
        "overdue first"
    );
    let p1 = &contacted.cards[0];
    assert!(p1.overdue);
    assert_eq!(p1.days_in_stage, 20);
    assert_eq!(
        (p1.demand.code.as_str(), p1.result.code.as_str()),
        ("D1", "R1")
    );
    // Shelved cards are never overdue.
    assert!(!by(Stage::Shelved).cards[0].overdue);
    // Filtering recomputes the header figures.
    let only_p4 = signed.filtered(|c| c.code == "P4");
    assert_eq!(
        (only_p4.count, only_p4.sum.to_string().as_str()),
        (1, "80.5")
    );
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn json_shapes_of_board_agenda_and_pair() {
    let db = scenario();
    let clock = Clock::fixed(DAY0);
    let b = serde_json::to_value(board(db.conn(), &clock).unwrap()).unwrap();
    let signed = &b[3];
    assert_eq!(
        keys(signed),
        ["count", "pairs", "stage", "stage_zh", "sum_wan"]
    );
    assert_eq!(signed["stage"], "signed");
    assert_eq!(signed["sum_wan"], 200.5);
    let text = serde_json::to_string(&b[4]).unwrap();
    assert!(
        text.contains(r#""sum_wan":0}"#),
        "a number, never null: {text}"
    );
    let card = &signed["pairs"][0];
    assert_eq!(
        keys(card),
        [
            "amount_wan",
            "code",
            "days_in_stage",
            "demand",
            "next_action",
            "next_due",
            "overdue",
            "owner",
            "result",
            "stage"
        ]
    );
    assert_eq!(keys(&card["demand"]), ["code", "org", "title"]);
    assert_eq!(card["next_due"], "2026-11-25");

    let a = serde_json::to_value(agenda(db.conn(), &clock).unwrap()).unwrap();
    assert_eq!(
        keys(&a),
        ["later", "overdue", "stale", "this_week", "today"]
    );
    assert_eq!(a["overdue"][0]["days_overdue"], 3);
    assert_eq!(a["stale"][0]["days_since_activity"], 30);

    let p =
        serde_json::to_value(pipeline::show_pair(db.conn(), &clock, code("p6")).unwrap()).unwrap();
    for k in [
        "code",
        "demand",
        "result",
        "stage",
        "stage_zh",
        "note",
        "amount_wan",
        "signed_on",
        "contract_type",
        "reg_no",
        "shelve_reason",
        "shelve_note",
        "next_action",
        "next_due",
        "days_in_stage",
        "history",
        "followups",
    ] {
        assert!(p.get(k).is_some(), "pair JSON lacks {k}: {p}");
    }
    assert_eq!(p["stage"], "shelved");
    assert_eq!(p["stage_zh"], "搁置");
    assert_eq!(p["shelve_reason"], "no_reply");
    assert_eq!(
        p["history"][0],
        serde_json::json!({"from": null, "to": "candidate", "at": day(-60).stamp(), "actor": null})
    );
    assert_eq!(p["history"][1]["to"], "shelved");
    assert_eq!(
        keys(&p["followups"][0]),
        ["actor", "at", "channel", "next_action", "next_due", "note"]
    );
    assert_eq!(p["followups"][0]["channel"], "phone");
}

#[test]
fn human_text_is_sanitised_and_aligned_by_display_width() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    next(&mut db, "P1", 0, "回电\u{1b}[31m 确认", Some(DAY0));
    create_pair(&mut db, &day(0), code("D2"), code("R3"), "").unwrap();
    let clock = Clock::fixed(DAY0);
    let text = pipeline::render::board(&board(db.conn(), &clock).unwrap());
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("候选 Candidate · 2 · 0 万元"), "{text}");
    // Cards with titles of different (and odd) display widths put the days in one column.
    let days_at: Vec<usize> = text
        .lines()
        .filter(|l| l.starts_with("  P"))
        .map(|l| l[..l.find("0d").unwrap()].width())
        .collect();
    assert_eq!(days_at.len(), 2, "{text}");
    assert_eq!(days_at[0], days_at[1], "{text}");
    let text = pipeline::render::agenda(&agenda(db.conn(), &clock).unwrap());
    assert!(
        text.contains("today (1)") && text.contains("回电 确认"),
        "{text}"
    );
    let detail = pipeline::show_pair(db.conn(), &clock, code("P1")).unwrap();
    let text = pipeline::render::pair_detail(&detail, &clock);
    assert!(!text.contains('\u{1b}'));
    // Labels are padded to one display column, so values start in the same column.
    let starts: Vec<usize> = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains("  D1") || l.contains("  R1  "))
        .map(|l| {
            l.find(" D1")
                .or_else(|| l.find(" R1"))
                .map(|i| l[..i].width())
                .unwrap()
        })
        .collect();
    assert_eq!(starts.len(), 2, "{text}");
    assert_eq!(starts[0], starts[1], "{text}");
    assert_eq!(pipeline::render::clip("超薄电解铜箔添加剂", 7), "超薄电…");
    assert_eq!(pipeline::render::pad("铜箔", 5).width(), 5);
}
