//! Pairs and follow-ups export straight from their tables, one row per pair with both sides.

use duijie::db::{Db, records};
use duijie::domain::{Kind, Record};
use duijie::export::{Target, sheet, table};

#[test]
fn pairs_and_followups_export_with_codes_stage_labels_and_deal_fields() {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| -> Result<(), duijie::db::DbError> {
        let mut d = Record::new(Kind::Demand, "高精度铜箔");
        d.org = "江铜".into();
        let mut r = Record::new(Kind::Achievement, "=负极");
        r.org = "郑大".into();
        records::insert(tx, &mut d)?;
        records::insert(tx, &mut r)?;
        tx.execute(
            "INSERT INTO pair (demand_id, result_id, stage, stage_since, amount_fen, signed_on, \
             contract_type, created_at, updated_at) \
             VALUES (?1, ?2, 'signed', '2026-11-01', 120500000, '2026-11-01', 'transfer', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z')",
            &[&d.id, &r.id],
        )?;
        tx.execute(
            "INSERT INTO followup (pair_id, at, channel, note, next_action, next_due) \
             VALUES (1, '2026-11-02T09:00:00Z', 'phone', '谈价格', '寄合同', '2026-11-05')",
            &[],
        )?;
        Ok(())
    })
    .unwrap();
    let pairs = sheet(db.conn(), Target::Pairs).unwrap();
    let v = table::to_json(&pairs);
    assert_eq!(v[0]["pair"], "P1");
    assert_eq!(
        (v[0]["stage"].as_str(), v[0]["stage_zh"].as_str()),
        (Some("signed"), Some("签约"))
    );
    assert_eq!(
        (v[0]["demand"].as_str(), v[0]["result"].as_str()),
        (Some("D1"), Some("R1"))
    );
    assert_eq!(v[0]["amount_wan"], 120.5);
    assert_eq!(v[0]["contract_type"], "transfer");
    let mut out = Vec::new();
    table::write_csv(&pairs, &mut out, false).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(",'=负极,郑大,120.5,"), "{text}");

    let f = table::to_json(&sheet(db.conn(), Target::FollowUps).unwrap());
    assert_eq!(f[0]["pair"], "P1");
    assert_eq!(
        (f[0]["note"].as_str(), f[0]["next_due"].as_str()),
        (Some("谈价格"), Some("2026-11-05"))
    );
}
