//! The figures of `duijie report` and the stats view add up: every total against a sum of
//! its own from the raw tables, on the demo data and on 10,000 generated pairs; the Markdown
//! report against a golden file at a fixed clock; the XLSX report read back; the iCalendar
//! export parsed back with its UIDs stable across two exports.

mod common;

use duijie::db::Db;
use duijie::pipeline::Clock;
use duijie::pipeline::reminders::{ics, reminders};
use duijie::pipeline::report::{markdown, tables};
use duijie::pipeline::stats::{Period, Stats, stats};
use jiff::civil::date;
use rusqlite::Connection;

const DAY: jiff::civil::Date = date(2026, 11, 18);

/// The demo data seeded on a fixed day.
fn demo() -> (Db, Clock) {
    let clock = Clock::fixed(DAY);
    (common::demo_at(&clock), clock)
}

fn one(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
        .unwrap()
        .unwrap_or(0)
}

/// Checks every total of `s` (period: all) against SQL of its own.
fn adds_up(conn: &Connection, s: &Stats) {
    // A conversion is a share of the pairs that reached a stage: never above 100 %.
    for f in &s.funnel {
        if let Some(c) = f.conversion_pct {
            assert!((0.0..=100.0).contains(&c), "{:?}: {c} %", f.stage);
        }
    }
    let t = &s.totals;
    let signed = "FROM pair WHERE signed_on IS NOT NULL AND amount_fen IS NOT NULL";
    assert_eq!(t.signed, one(conn, &format!("SELECT count(*) {signed}")));
    assert_eq!(
        t.signed_sum.fen(),
        one(conn, &format!("SELECT sum(amount_fen) {signed}"))
    );
    let registered = "FROM pair WHERE reg_no IS NOT NULL AND id IN \
                      (SELECT pair_id FROM stage_change WHERE to_stage = 'registered')";
    assert_eq!(
        t.registered,
        one(conn, &format!("SELECT count(*) {registered}"))
    );
    assert_eq!(
        t.registered_sum.fen(),
        one(conn, &format!("SELECT sum(amount_fen) {registered}"))
    );
    assert_eq!(
        t.paid.fen(),
        one(conn, "SELECT sum(amount_fen) FROM payment")
    );
    for g in [&s.by_field, &s.by_region] {
        assert_eq!(g.iter().map(|r| r.signed).sum::<i64>(), t.signed);
        assert_eq!(
            g.iter().map(|r| r.signed_sum.fen()).sum::<i64>(),
            t.signed_sum.fen()
        );
        assert_eq!(g.iter().map(|r| r.paid.fen()).sum::<i64>(), t.paid.fen());
        assert_eq!(
            g.iter().map(|r| r.registered_sum.fen()).sum::<i64>(),
            t.registered_sum.fen()
        );
    }
    for g in &s.by_field {
        let field = if g.name == "—" {
            String::new()
        } else {
            g.name.clone()
        };
        let sql: i64 = conn
            .query_row(
                "SELECT coalesce(sum(p.amount_fen), 0) FROM pair p JOIN record d ON d.id = p.demand_id \
                 WHERE p.signed_on IS NOT NULL AND d.field = ?1",
                [&field],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(g.signed_sum.fen(), sql, "field {}", g.name);
    }
    for f in &s.funnel {
        let n = one(
            conn,
            &format!(
                "SELECT count(*) FROM pair WHERE stage = '{}'",
                f.stage.key()
            ),
        );
        let sum = one(
            conn,
            &format!(
                "SELECT sum(amount_fen) FROM pair WHERE stage = '{}'",
                f.stage.key()
            ),
        );
        assert_eq!((f.now, f.now_sum.fen()), (n, sum), "{:?}", f.stage);
    }
    let shelved: i64 = s.shelve_reasons.iter().map(|(_, n)| n).sum();
    assert_eq!(
        shelved,
        one(conn, "SELECT count(*) FROM pair WHERE stage = 'shelved'")
    );
}

#[test]
fn the_demo_figures_add_up_and_the_markdown_matches_its_golden_file() {
    let (db, clock) = demo();
    let s = stats(db.conn(), &clock, Period::default()).unwrap();
    adds_up(db.sqlite().unwrap(), &s);
    assert!(s.totals.paid.fen() > 0, "the demo has payments");
    assert_eq!(s.weekly.len(), 12);
    let md = markdown(&s, DAY);
    let golden =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report_demo.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &md).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap();
    assert_eq!(
        md, want,
        "UPDATE_GOLDEN=1 rewrites tests/fixtures/report_demo.md"
    );
    assert!(md.contains("## 漏斗 (Funnel)"));
}

#[test]
fn the_xlsx_report_has_one_sheet_per_table_with_numbers() {
    use calamine::{Data, Reader, Xlsx};
    let (db, clock) = demo();
    let s = stats(db.conn(), &clock, Period::default()).unwrap();
    let bytes = duijie::export::book::workbook(&tables(&s)).unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "漏斗",
            "按领域",
            "按地区",
            "每周跟进",
            "阶段停留",
            "搁置原因",
            "企业排行",
            "院所排行"
        ]
    );
    let funnel = book.worksheet_range("漏斗").unwrap();
    let header: Vec<String> = funnel
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header[0], "阶段");
    assert_eq!(header[2], "当前金额（万元）");
    let signed = funnel.rows().nth(4).unwrap();
    assert_eq!(signed[0], Data::String("签约".into()));
    assert_eq!(signed[2], Data::Float(s.funnel[3].now_sum.wan_f64()));
    let field = book.worksheet_range("按领域").unwrap();
    let last = field.rows().next_back().unwrap();
    assert_eq!(last[0], Data::String("合计".into()));
    assert_eq!(last[2], Data::Float(s.totals.signed_sum.wan_f64()));
}

/// Unfolds an iCalendar text and returns each event's properties.
fn events(text: &str) -> Vec<Vec<(String, String)>> {
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    let unfolded = text.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut cur: Option<Vec<(String, String)>> = None;
    for l in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = l.split_once(':').expect("NAME:value");
        match (name, value) {
            ("BEGIN", "VEVENT") => cur = Some(Vec::new()),
            ("END", "VEVENT") => out.push(cur.take().unwrap()),
            _ => {
                if let Some(c) = cur.as_mut() {
                    c.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    assert!(unfolded.starts_with("BEGIN:VCALENDAR\r\n") && unfolded.ends_with("END:VCALENDAR\r\n"));
    out
}

fn uids(text: &str) -> Vec<String> {
    events(text)
        .iter()
        .map(|e| e.iter().find(|(n, _)| n == "UID").unwrap().1.clone())
        .collect()
}

#[test]
fn the_calendar_parses_back_with_stable_uids() {
    let (db, clock) = demo();
    let first = ics(&reminders(db.conn(), &clock).unwrap(), &clock);
    let later = clock.shifted(0, -90);
    let second = ics(&reminders(db.conn(), &later).unwrap(), &later);
    assert_ne!(first, second, "DTSTAMP moves on");
    let (a, b) = (uids(&first), uids(&second));
    assert_eq!(a, b);
    let unique: std::collections::HashSet<_> = a.iter().collect();
    assert_eq!(unique.len(), a.len(), "one entry per reminder");
    // Every next action with a due date, and instalments not yet paid.
    let actions = one(
        db.sqlite().unwrap(),
        "SELECT count(*) FROM pair WHERE next_due IS NOT NULL AND next_action IS NOT NULL \
         AND stage <> 'shelved'",
    );
    assert_eq!(
        a.iter().filter(|u| u.ends_with("-next@duijie")).count() as i64,
        actions
    );
    assert!(a.iter().any(|u| u.contains("-due-")), "{a:?}");
    let ev = events(&first);
    let inst = ev
        .iter()
        .find(|e| e.iter().any(|(n, v)| n == "UID" && v.contains("-due-")))
        .unwrap();
    let get = |n: &str| inst.iter().find(|(k, _)| k == n).unwrap().1.clone();
    assert!(get("SUMMARY").contains("应收"), "{inst:?}");
    assert_eq!(get("DTSTART;VALUE=DATE").len(), 8);
}

/// A deterministic generator, so the large set is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn ten_thousand_generated_pairs_add_up() {
    let db = Db::open_in_memory().unwrap();
    let conn = db.sqlite().unwrap();
    let fields = ["新材料", "光伏", "锂电", "生物医药", ""];
    let regions = ["云南省昆明市", "重庆市", "陕西省西安市"];
    let stages = [
        "candidate",
        "contacted",
        "negotiating",
        "signed",
        "registered",
        "landed",
        "shelved",
    ];
    let mut g = Lcg(7);
    conn.execute_batch("BEGIN").unwrap();
    for i in 0..400_i64 {
        let kind = if i < 200 { "demand" } else { "result" };
        conn.execute(
            "INSERT INTO record (kind, seq, title, org, field, region, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![
                kind,
                i + 1,
                format!("题目{i}"),
                format!("单位{}", i % 37),
                fields[(i % 5) as usize],
                regions[(i % 3) as usize]
            ],
        )
        .unwrap();
    }
    for n in 0..10_000_i64 {
        let stage = stages[g.next(7) as usize];
        let rank = stages.iter().position(|s| *s == stage).unwrap();
        let signed = (3..=5).contains(&rank) || (rank == 6 && g.next(4) == 0);
        let amount = signed.then(|| (g.next(5_000) as i64 + 1) * 1_000_000 + g.next(100) as i64);
        let day = format!("2026-{:02}-{:02}", 1 + g.next(11), 1 + g.next(28));
        conn.execute(
            "INSERT INTO pair (demand_id, result_id, stage, stage_since, amount_fen, signed_on, \
             reg_no, shelve_reason, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![
                1 + n % 200,
                201 + n / 200,
                stage,
                format!("{day}T08:00:00Z"),
                amount,
                signed.then(|| day.clone()),
                (rank == 4 || rank == 5).then(|| format!("REG{n}")),
                (rank == 6).then_some("price_gap"),
            ],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        for (k, s) in stages.iter().enumerate().take(rank + 1).skip(1) {
            if rank == 6 && k < 6 && k > 2 {
                continue;
            }
            conn.execute(
                "INSERT INTO stage_change (pair_id, to_stage, at) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, s, format!("2026-01-{:02}T09:00:00Z", k + 1)],
            )
            .unwrap();
        }
        if rank >= 4 {
            for _ in 0..g.next(3) {
                conn.execute(
                    "INSERT INTO payment (pair_id, paid_on, amount_fen) VALUES (?1, ?2, ?3)",
                    rusqlite::params![id, day, g.next(9_999_999) as i64 + 1],
                )
                .unwrap();
            }
        }
    }
    conn.execute_batch("COMMIT").unwrap();
    let clock = Clock::fixed(date(2026, 12, 1));
    let s = stats(conn, &clock, Period::default()).unwrap();
    assert_eq!(s.funnel.iter().map(|f| f.now).sum::<i64>(), 10_000);
    adds_up(conn, &s);
    // A period counts only what is dated in it.
    let q3 = Period {
        from: Some(date(2026, 7, 1)),
        to: Some(date(2026, 9, 30)),
    };
    let s = stats(conn, &clock, q3).unwrap();
    let paid = one(
        conn,
        "SELECT sum(amount_fen) FROM payment WHERE paid_on BETWEEN '2026-07-01' AND '2026-09-30'",
    );
    assert_eq!(s.totals.paid.fen(), paid);
    let signed = one(
        conn,
        "SELECT sum(amount_fen) FROM pair WHERE signed_on BETWEEN '2026-07-01' AND '2026-09-30'",
    );
    assert_eq!(s.totals.signed_sum.fen(), signed);
}
