//! The store suite for exports (`export::sheet`): the sheets are read through the store
//! interface and hold what was stored, the same on SQLite and on PostgreSQL.

mod common;

use common::engines::engines;
use duijie::db::rev;
use duijie::domain::Kind;
use duijie::export::{self, Cell, Target};
use duijie::store::Sql;

const NOW: &str = "2026-12-02T09:00:00Z";

fn record(s: &dyn Sql, kind: Kind, title: &str, org: &str) -> i64 {
    let rev = rev::stamp(s).unwrap();
    s.insert(
        "INSERT INTO record (kind, seq, title, org, created_at, updated_at, rev) \
         VALUES (?1, 1, ?2, ?3, ?4, ?4, ?5)",
        &[&kind.as_str(), &title, &org, &NOW, &rev],
    )
    .unwrap()
}

fn text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn an_export_holds_what_was_stored_on_either_engine() {
    for mut store in engines("export_sheets") {
        store
            .write(|s| {
                let d = record(s, Kind::Demand, "4.5μm 铜箔", "汉威科技集团");
                let r = record(s, Kind::Achievement, "电解铜箔", "郑州大学");
                let rev = rev::stamp(s)?;
                let p = s.insert(
                    "INSERT INTO pair (demand_id, result_id, stage, stage_since, created_at, \
                     updated_at, rev) VALUES (?1, ?2, 'contacted', '2026-12-01', ?3, ?3, ?4)",
                    &[&d, &r, &NOW, &rev],
                )?;
                s.execute(
                    "INSERT INTO followup (pair_id, at, channel, note) \
                     VALUES (?1, ?2, 'phone', '约了走访')",
                    &[&p, &NOW],
                )?;
                Ok(())
            })
            .unwrap();
        let sql = store.sql();
        let targets = [
            Target::Records(Kind::Demand),
            Target::Pairs,
            Target::FollowUps,
        ];
        let [demands, pairs, followups] = targets.map(|t| export::sheet(sql, t).unwrap());
        assert_eq!(demands.rows.len(), 1);
        let row: Vec<String> = demands.rows[0].iter().map(text).collect();
        assert_eq!(&row[..4], ["D1", "", "4.5μm 铜箔", "汉威科技集团"]);
        let row: Vec<String> = pairs.rows[0].iter().map(text).collect();
        assert_eq!(
            (
                row[0].as_str(),
                row[1].as_str(),
                row[3].as_str(),
                row[6].as_str()
            ),
            ("P1", "contacted", "D1", "R1")
        );
        assert_eq!(followups.rows.len(), 1);
        let row: Vec<String> = followups.rows[0].iter().map(text).collect();
        assert_eq!(&row[..4], ["P1", NOW, "phone", "约了走访"]);
    }
}
