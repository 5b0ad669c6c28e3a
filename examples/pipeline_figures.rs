//! Prints timings of the pipeline queries on a generated database (2,000 demands, 2,000
//! results, 10,000 pairs with three follow-ups each): `cargo run --release --example
//! pipeline_figures`.

use std::time::Instant;

use duijie::db::{Db, records};
use duijie::domain::{Code, CodeKind, Kind, Record, Stage};
use duijie::pipeline::{self, Clock, MoveRequest};

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) -> T {
    let mut out = f();
    let start = Instant::now();
    for _ in 0..runs {
        out = f();
    }
    let per = start.elapsed() / runs;
    println!("{label:<28} {:>9.2} ms", per.as_secs_f64() * 1e3);
    out
}

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.db"))?;
    let clock = Clock::system();
    let at = clock.stamp();
    db.write(|tx| {
        for i in 0..2000 {
            let mut d = Record::new(Kind::Demand, format!("极薄铜箔表面处理工艺需求 {i}"));
            d.org = format!("某某科技有限公司 {i}");
            records::insert(tx, &mut d)?;
            let mut r = Record::new(Kind::Achievement, format!("电解铜箔添加剂成果 {i}"));
            r.org = format!("某大学 {i}");
            records::insert(tx, &mut r)?;
        }
        for i in 0..10_000_i64 {
            let stage = Stage::ALL[(i % 7) as usize];
            let p = tx.insert(
                "INSERT INTO pair (demand_id, result_id, stage, stage_since, next_action, next_due, \
                 amount_fen, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '回电', ?5, ?6, ?4, ?4)",
                &[
                    &((i % 2000) * 2 + 1),
                    &(((i / 2000 + i) % 2000) * 2 + 2),
                    &stage.key(),
                    &at,
                    &format!("2026-11-{:02}", 1 + i % 28),
                    // 50 万元 in 分.
                    &(stage >= Stage::Signed).then_some(50_000_000_i64),
                ],
            )?;
            tx.execute(
                "INSERT INTO stage_change (pair_id, from_stage, to_stage, at) VALUES (?1, NULL, 'candidate', ?2)",
                &[&p, &at],
            )?;
            for _ in 0..3 {
                tx.execute(
                    "INSERT INTO followup (pair_id, at, channel, note) VALUES (?1, ?2, 'phone', '电话沟通')",
                    &[&p, &at],
                )?;
            }
        }
        Ok::<_, anyhow::Error>(())
    })?;
    println!("10,000 pairs, 30,000 follow-ups, 4,000 records");
    time("raw join, ids only", 10, || {
        let mut st = db.sqlite().unwrap().prepare_cached("SELECT p.id, d.id, r.id FROM pair p JOIN record d ON d.id = p.demand_id JOIN record r ON r.id = p.result_id ORDER BY p.id").unwrap();
        st.query_map([], |r| r.get::<_, i64>(0)).unwrap().count()
    });
    time("list_with_sides", 10, || {
        pipeline::pairs::list_with_sides(db.conn()).unwrap()
    });
    time("days_since x10k", 10, || {
        (0..10_000).map(|_| clock.days_since(&at)).sum::<i64>()
    });
    let cols = time("board", 10, || pipeline::board(db.conn(), &clock).unwrap());
    assert_eq!(cols.iter().map(|c| c.count).sum::<usize>(), 10_000);
    time("agenda", 10, || {
        pipeline::agenda(db.conn(), &clock).unwrap()
    });
    time("paired_record_ids", 10, || {
        pipeline::paired_record_ids(db.conn()).unwrap()
    });
    time("pairs_of_record", 100, || {
        pipeline::pairs_of_record(db.conn(), 1).unwrap()
    });
    let p = Code {
        kind: CodeKind::Pair,
        num: 5000,
    };
    time("show_pair", 100, || {
        pipeline::show_pair(db.conn(), &clock, p).unwrap()
    });
    let mut n = 0;
    time("move_pair + undo", 50, || {
        n += 1;
        let req = MoveRequest::new(
            p,
            if n % 2 == 0 {
                Stage::Contacted
            } else {
                Stage::Landed
            },
        );
        let _ = pipeline::move_pair(&mut db, &clock, &req);
        pipeline::undo(&mut db).unwrap()
    });
    Ok(())
}
