//! Keypress latency of the board and the agenda at 10,000 pairs over 20,000 records, through
//! the real `update` and effect runner: the cursor on the board, a card moved one stage (a
//! write and its patch), the agenda opened, the desk's pair markers after a move; and, for
//! comparison, the full re-read every pipeline write used to answer with.
//! Run: `cargo bench --bench board`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Kind, Pair, Record, Stage, StageChange};
use duijie::pipeline::Clock;
use duijie::tui::Lang;
use duijie::tui::action::Action;
use duijie::tui::app::runner_pipeline::{PipeEffect, PipeRunner};
use duijie::tui::effect::Effect;
use duijie::tui::keys::Keymap;
use duijie::tui::model::Model;
use duijie::tui::update::update;

const DATA: &str = "/work/shared/data/nsfc_projects.csv";
const RECORDS: usize = 20_000;
const PAIRS: usize = 10_000;
const REPEATS: usize = 200;

fn titles() -> Vec<String> {
    let mut rd = csv::Reader::from_path(DATA).expect("reading the NSFC sample");
    rd.records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(0).map(str::to_string))
        .collect()
}

/// 10,000 demands and 10,000 results; demand i paired with result i, spread over the
/// stages, some with a next action due around today, each with its history entry.
fn build(db: &mut Db) {
    let titles = titles();
    let clock = Clock::system();
    let today = clock.today();
    db.write(|tx| {
        for i in 0..RECORDS {
            let kind = if i < RECORDS / 2 {
                Kind::Demand
            } else {
                Kind::Achievement
            };
            let mut rec = Record::new(kind, format!("{} {i}", titles[i % titles.len()]));
            records::insert(tx, &mut rec)?;
        }
        let stages = [
            Stage::Candidate,
            Stage::Contacted,
            Stage::Negotiating,
            Stage::Signed,
            Stage::Shelved,
        ];
        for i in 0..PAIRS {
            let stage = stages[i % stages.len()];
            let days_ago = (i % 40) as i64;
            let at = clock.shifted(-days_ago, 0).stamp();
            let due = (i % 3 == 0).then(|| {
                today
                    .checked_add(jiff::Span::new().days((i % 21) as i64 - 10))
                    .unwrap()
                    .to_string()
            });
            let mut pair = Pair {
                demand_id: (i + 1) as i64,
                result_id: (RECORDS / 2 + i + 1) as i64,
                stage,
                stage_since: at.clone(),
                created_at: at.clone(),
                updated_at: at.clone(),
                amount: (stage == Stage::Signed)
                    .then(|| duijie::domain::Money::from_wan((i % 500) as i64))
                    .flatten(),
                signed_on: (stage == Stage::Signed).then(|| today.to_string()),
                next_action: due.as_ref().map(|_| "回访".to_string()),
                next_due: due,
                ..Pair::default()
            };
            duijie::db::pairs::insert(tx, &mut pair)?;
            duijie::db::followups::insert_change(
                tx,
                &StageChange {
                    id: 0,
                    pair_id: pair.id,
                    from: None,
                    to: stage,
                    at,
                    actor: None,
                },
            )?;
        }
        Ok::<_, duijie::db::DbError>(())
    })
    .expect("building the database");
}

/// Runs effects until nothing is left, like the loop.
fn run(db: &mut Db, runner: &mut PipeRunner, m: &mut Model, effects: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        let Effect::Pipe(p) = e else { continue };
        for a in runner.run(db, p).expect("a pipeline effect") {
            queue.extend(update(m, a));
        }
    }
}

fn action(m: &Model, c: char) -> Action {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    m.keymap
        .resolve(m.context(), &KeyEvent::new(KeyCode::Char(c), mods))
        .expect("a bound key")
}

/// One key through update and the runner; its wall time.
fn key(db: &mut Db, runner: &mut PipeRunner, m: &mut Model, c: char) -> Duration {
    let t = Instant::now();
    let a = action(m, c);
    let fx = update(m, a);
    run(db, runner, m, fx);
    t.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, v: &mut [f64]) {
    v.sort_by(f64::total_cmp);
    let pct = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "{name:<44} n={:<4} median {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
        v.len(),
        pct(0.5),
        pct(0.99),
        v[v.len() - 1]
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut db = Db::open(&dir.path().join("board.db")).expect("opening the database");
    let t = Instant::now();
    build(&mut db);
    println!(
        "built {RECORDS} records, {PAIRS} pairs in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let recs = records::list(db.conn(), &RecordFilter::default()).expect("records");
    let mut m = Model::new(recs, Keymap::default(), Lang::Zh, "board.db");
    let mut runner = PipeRunner::default();
    let t = Instant::now();
    run(
        &mut db,
        &mut runner,
        &mut m,
        vec![Effect::Pipe(PipeEffect::Refresh {
            board: false,
            agenda: false,
            detail: None,
        })],
    );
    println!("startup pair list: {:.1} ms", ms(t.elapsed()));

    let cold_board = ms(key(&mut db, &mut runner, &mut m, 'b'));
    let cold_agenda = {
        key(&mut db, &mut runner, &mut m, 'b');
        ms(key(&mut db, &mut runner, &mut m, 'a'))
    };
    key(&mut db, &mut runner, &mut m, 'a');
    let mut old = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let actions = runner.refresh(&db, true, true, None).expect("refresh");
        for a in actions {
            let _ = update(&mut m, a);
        }
        old.push(ms(t.elapsed()));
    }
    println!(
        "first board open (full read): {cold_board:.1} ms; first agenda open: {cold_agenda:.1} ms"
    );

    // Warm opens of the agenda (a on the desk), and of the board.
    let (mut agenda, mut board_open) = (Vec::new(), Vec::new());
    for _ in 0..REPEATS {
        agenda.push(ms(key(&mut db, &mut runner, &mut m, 'a')));
        key(&mut db, &mut runner, &mut m, 'a');
        board_open.push(ms(key(&mut db, &mut runner, &mut m, 'b')));
        key(&mut db, &mut runner, &mut m, 'b');
    }

    // On the board: the cursor, then a card moved one stage and back.
    key(&mut db, &mut runner, &mut m, 'b');
    let mut cursor = Vec::new();
    for i in 0..REPEATS {
        cursor.push(ms(key(
            &mut db,
            &mut runner,
            &mut m,
            if i % 2 == 0 { 'j' } else { 'k' },
        )));
        cursor.push(ms(key(
            &mut db,
            &mut runner,
            &mut m,
            if i % 2 == 0 { 'l' } else { 'h' },
        )));
    }
    let mut moves = Vec::new();
    for i in 0..REPEATS {
        let c = if i % 2 == 0 { 'L' } else { 'H' };
        moves.push(ms(key(&mut db, &mut runner, &mut m, c)));
        assert!(m.overlays.is_empty(), "a one-stage move without a prompt");
    }

    // The desk's markers after a move: L on the board, b back to the desk, the markers of
    // the rows a screen shows.
    let mut markers = Vec::new();
    for i in 0..REPEATS / 2 {
        key(
            &mut db,
            &mut runner,
            &mut m,
            if i % 2 == 0 { 'L' } else { 'H' },
        );
        let t = Instant::now();
        key(&mut db, &mut runner, &mut m, 'b');
        let shown: Vec<i64> = m.demands.shown.iter().take(60).copied().collect();
        let n = shown.iter().filter(|&&id| m.pipe.is_paired(id)).count()
            + shown
                .iter()
                .take(1)
                .map(|&id| m.pipe.pairs_of(id).count())
                .sum::<usize>();
        assert!(n > 0);
        markers.push(ms(t.elapsed()));
        key(&mut db, &mut runner, &mut m, 'b');
    }

    println!();
    report("board cursor (j/k/h/l)", &mut cursor);
    report("card moved one stage (L/H: write + patch)", &mut moves);
    report("agenda opened (a, loaded before)", &mut agenda);
    report("board opened (b, loaded before)", &mut board_open);
    report("desk pair markers after a move (b + 60 rows)", &mut markers);
    report("old: full re-read after any write", &mut old);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average: {}", load.trim());
}
