//! The demo seed: pairs in every stage with history and follow-ups, dated from build day.

mod pipeline_support;

use duijie::domain::Stage;
use duijie::pipeline::{self, Clock, agenda, board, demo::seed_at, undo::depth};
use pipeline_support::{DAY0, code, seeded};

const PAIRS: &str = r#"[
 {"demand":"XQ-1","result":"CG-1","stage":"candidate","note":"添加剂对口","days_in_stage":3,"created_days_ago":3,
  "next_action":"电话了解企业现有工艺","next_due_in_days":1,"followups":[]},
 {"demand":"XQ-1","result":"CG-2","stage":"contacted","days_in_stage":20,"created_days_ago":30,
  "next_action":"寄送样品","next_due_in_days":-2,"followups":[{"days_ago":20,"channel":"phone","note":"双方有意向"}]},
 {"demand":"XQ-2","result":"CG-2","stage":"negotiating","days_in_stage":9,"created_days_ago":40,
  "next_action":"约现场走访","next_due_in_days":0,
  "followups":[{"days_ago":12,"channel":"visit","note":"走访压铸厂"},{"days_ago":2,"channel":"wechat","note":"确认时间"}]},
 {"demand":"XQ-2","result":"CG-1","stage":"signed","days_in_stage":5,"created_days_ago":60,"amount_wan":85,
  "signed_days_ago":5,"next_action":"准备登记材料","next_due_in_days":4,"followups":[{"days_ago":5,"channel":"meeting","note":"签约仪式"}]},
 {"demand":"XQ-3","result":"CG-3","stage":"registered","days_in_stage":10,"created_days_ago":90,"amount_wan":230.5,
  "signed_days_ago":25,"contract_type":"transfer","reg_no":"2026510100000077","followups":[]},
 {"demand":"XQ-3","result":"CG-1","stage":"landed","days_in_stage":30,"created_days_ago":150,"amount_wan":60,
  "signed_days_ago":100,"contract_type":"技术开发","reg_no":"2026510100000011","followups":[],
  "contract":{"tech_wan":50,"payments":[{"days_ago":40,"amount_wan":60}]}},
 {"demand":"XQ-1","result":"CG-3","stage":"shelved","days_in_stage":15,"created_days_ago":45,"shelve_reason":"no_reply",
  "followups":[{"days_ago":30,"channel":"email","note":"发函无回复"}]}
]"#;

#[test]
fn demo_pairs_fill_every_stage_with_dated_history() {
    let mut db = seeded();
    let clock = Clock::fixed(DAY0);
    assert_eq!(seed_at(&mut db, &clock, PAIRS).unwrap(), 7);
    let cols = board(db.conn(), &clock).unwrap();
    assert!(cols.iter().all(|c| c.count == 1), "{cols:#?}");
    let days: Vec<_> = cols.iter().map(|c| c.cards[0].days_in_stage).collect();
    assert_eq!(days, [3, 20, 9, 5, 10, 30, 15]);

    let reg = pipeline::show_pair(db.conn(), &clock, code("P5")).unwrap();
    let walk: Vec<_> = reg.history.iter().map(|h| h.to).collect();
    assert_eq!(
        walk,
        [
            Stage::Candidate,
            Stage::Contacted,
            Stage::Negotiating,
            Stage::Signed,
            Stage::Registered
        ]
    );
    let mut ats: Vec<_> = reg.history.iter().map(|h| h.at.clone()).collect();
    let sorted = {
        ats.sort();
        ats.clone()
    };
    assert_eq!(ats, sorted, "history is in time order");
    assert_eq!(clock.days_since(&reg.history[0].at), 90);
    assert_eq!(
        clock.days_since(&reg.history[3].at),
        25,
        "signed on signed_days_ago"
    );
    assert_eq!(reg.signed_on.as_deref(), Some("2026-10-24"));
    assert_eq!(reg.amount, duijie::domain::Money::parse("230.5").unwrap());
    assert_eq!(reg.reg_no.as_deref(), Some("2026510100000077"));

    let shelved = pipeline::show_pair(db.conn(), &clock, code("P7")).unwrap();
    let walk: Vec<_> = shelved.history.iter().map(|h| h.to).collect();
    assert_eq!(
        walk,
        [Stage::Candidate, Stage::Contacted, Stage::Shelved],
        "no reply: shelved after contact"
    );

    let neg = pipeline::show_pair(db.conn(), &clock, code("P3")).unwrap();
    assert_eq!(neg.followups.len(), 2);
    assert_eq!(neg.followups[0].note, "确认时间", "newest first");
    assert_eq!(neg.followups[0].next_action.as_deref(), Some("约现场走访"));
    assert_eq!(neg.next_due.as_deref(), Some("2026-11-18"));

    let a = agenda(db.conn(), &clock).unwrap();
    assert_eq!(a.overdue.len(), 1);
    assert_eq!(a.overdue[0].code, "P2");
    assert_eq!(a.today.len(), 1);
    assert_eq!(a.stale.len(), 1, "P2: contacted, quiet for 20 days");
    assert_eq!(
        depth(db.conn()).unwrap(),
        0,
        "the demo starts with nothing to undo"
    );
}

#[test]
fn bad_demo_entries_name_the_entry_and_write_nothing() {
    let mut db = seeded();
    let clock = Clock::fixed(DAY0);
    let bad = r#"[{"demand":"XQ-1","result":"CG-1","stage":"contacted"},
                  {"demand":"XQ-9","result":"CG-1","stage":"candidate"}]"#;
    let err = seed_at(&mut db, &clock, bad).unwrap_err().to_string();
    assert!(
        err.contains("entry 2") && err.contains("demand XQ-9 not found"),
        "{err}"
    );
    assert!(pipeline::paired_record_ids(db.conn()).unwrap().is_empty());
    let unsigned = r#"[{"demand":"XQ-1","result":"CG-1","stage":"signed"}]"#;
    let err = seed_at(&mut db, &clock, unsigned).unwrap_err().to_string();
    assert!(err.contains("needs --amount"), "{err}");
    let err = seed_at(&mut db, &clock, "{").unwrap_err().to_string();
    assert!(err.starts_with("pairs.json:"), "{err}");
}
