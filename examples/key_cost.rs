//! What each keystroke of the desk-bench costs the search, in one process and on a real
//! database: both lists' workers (as the desk runs them) answer every prefix of the bench's
//! queries, typed one character at a time, and the wall time and CPU time until each has its
//! first answer over every row (a list larger than twice `QUICK_ROWS` sends a partial one
//! first; a common query's first answer holds `FIRST_PAGE` hits, the rest follow) are
//! printed by query kind. CPU time (from /proc, the worker threads' time on a core) hardly
//! moves with the machine's load, so two builds can be compared one after the other.
//!
//! With `--check` it prints, per keystroke, the hits and count each list answered instead,
//! so two builds' outputs can be compared (`diff`) to show a change found the same.
//!
//! Usage: `cargo run --release --example key_cost -- DB [ROUNDS] [--threads N] [--check]
//! [--only TEXT] [--gap MS]` (only the queries holding TEXT; keys MS apart, as the desk-bench
//! types them, the rest of a key's hits left to come or give up meanwhile)
//! (ROUNDS defaults to 3; threads per index default to 1, so that CPU time is the worker's
//! own: scan threads that end take their time with them).

use std::time::Instant;

use duijie::db::keys::open_read_only;
use duijie::domain::Kind;
use duijie::search::Index;
use duijie::search::worker::{Pages, SearchWorker};

/// The desk-bench's queries and their kinds.
const KEYS: [(&str, &str); 11] = [
    ("锂电池", "chinese"),
    ("西安交通大学", "chinese"),
    ("电解铜箔", "chinese"),
    ("郑州", "chinese"),
    ("xajd", "ascii"),
    ("dian", "ascii"),
    ("5g", "ascii"),
    ("锂电池 回收", "terms"),
    ("xian jiao", "terms"),
    ("13800000021", "phone"),
    ("0021", "phone"),
];

/// Nanoseconds the threads of this process have run on a core (threads alive now).
fn cpu_ns() -> u64 {
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    dir.filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        // A kind with no keystroke (`--only` left it out).
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// The kind of a keystroke: a first Chinese character apart (its answer is the widest).
fn kind_of(key: &str, kind: &'static str, len: usize) -> &'static str {
    if kind == "chinese" && len == 1 {
        "chinese 1"
    } else if kind == "chinese" {
        "chinese 2+"
    } else {
        let _ = key;
        kind
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let threads = args
        .iter()
        .position(|a| a == "--threads")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(1), |n| n.parse::<usize>())?;
    let plain: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with("--")
                && (*i == 0 || !["--threads", "--only", "--gap"].contains(&args[i - 1].as_str()))
        })
        .map(|(_, a)| a)
        .collect();
    let db = plain
        .first()
        .ok_or_else(|| anyhow::anyhow!("usage: key_cost DB [ROUNDS] [--threads N] [--check]"))?;
    let rounds: usize = plain.get(1).map_or(Ok(3), |r| r.parse())?;
    let gap: Option<u64> = args
        .iter()
        .position(|a| a == "--gap")
        .and_then(|i| args.get(i + 1))
        .map(|g| g.parse())
        .transpose()?;
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    let conn = open_read_only(std::path::Path::new(db.as_str()))?;
    let t = Instant::now();
    // As the desk: the lists share first pages (neither works on its rest meanwhile).
    let pages = Pages::new();
    let workers: Vec<SearchWorker> = [Kind::Demand, Kind::Achievement]
        .into_iter()
        .map(|k| {
            let mut w = SearchWorker::spawn(Index::load(&conn, k)?.with_threads(threads));
            w.pace_with(&pages);
            Ok(w)
        })
        .collect::<anyhow::Result<_>>()?;
    eprintln!("loaded in {:.1} s", t.elapsed().as_secs_f64());
    let kinds = ["chinese 1", "chinese 2+", "ascii", "terms", "phone"];
    let mut wall: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    let mut seq = 0;
    for round in 0..rounds {
        for (key, kind) in KEYS {
            if only.is_some_and(|o| !key.contains(o.as_str())) {
                continue;
            }
            let chars: Vec<char> = key.chars().collect();
            for len in 1..=chars.len() {
                let q: String = chars[..len].iter().collect();
                if q.ends_with(' ') {
                    continue;
                }
                seq += 1;
                let (t, c) = (Instant::now(), cpu_ns());
                for w in &workers {
                    w.query(seq, &q);
                }
                // A list of more than twice QUICK_ROWS rows answers first over its newest rows
                // (partial); the key is answered by the first answer over every row (the first
                // page, as the desk shows it). When more hits follow (`Answer::more`), the
                // fuller answer is awaited before the next key, untimed, as a typist's pause
                // would let it run.
                let firsts: Vec<_> = workers
                    .iter()
                    .map(|w| {
                        loop {
                            let a = w.recv().expect("an answer");
                            if a.seq == seq && a.coverage.complete {
                                break a;
                            }
                        }
                    })
                    .collect();
                let (ms, cpu_ms) = (
                    t.elapsed().as_secs_f64() * 1000.0,
                    (cpu_ns() - c) as f64 / 1e6,
                );
                let answers: Vec<_> = match gap {
                    // Typed as a person types: the next key comes `gap` ms after this one,
                    // whether or not the rest of the hits came meanwhile.
                    Some(gap) => {
                        let left =
                            std::time::Duration::from_millis(gap).saturating_sub(t.elapsed());
                        std::thread::sleep(left);
                        firsts
                    }
                    None => workers
                        .iter()
                        .zip(firsts)
                        .map(|(w, mut a)| {
                            while a.more {
                                a = w.recv().expect("the fuller answer");
                            }
                            a
                        })
                        .collect(),
                };
                let full_ms = t.elapsed().as_secs_f64() * 1000.0;
                let k = kinds
                    .iter()
                    .position(|&x| x == kind_of(key, kind, len))
                    .expect("a kind");
                wall[k].push(ms);
                cpu[k].push(cpu_ms);
                if check && round == 0 {
                    for a in &answers {
                        let hits: Vec<String> = a
                            .hits
                            .iter()
                            .map(|h| format!("{}:{}", h.id, h.score))
                            .collect();
                        println!("{q}\t{}\t{}\t{}", a.total, a.complete, hits.join(","));
                    }
                } else if !check {
                    eprintln!(
                        "{q:<16} {ms:8.2} ms wall {cpu_ms:8.2} ms cpu {full_ms:8.2} ms every hit"
                    );
                }
            }
        }
    }
    if check {
        return Ok(());
    }
    println!("{db}, {rounds} rounds, {threads} thread(s) per index; ms per keystroke, both lists");
    println!(
        "{:<12}{:>6}{:>24}{:>24}",
        "kind", "keys", "wall p50/p99/max", "cpu p50/p99/max"
    );
    let mut all_w: Vec<f64> = Vec::new();
    let mut all_c: Vec<f64> = Vec::new();
    for (k, name) in kinds.iter().enumerate() {
        let (w, c) = (&mut wall[k], &mut cpu[k]);
        all_w.extend(w.iter());
        all_c.extend(c.iter());
        println!(
            "{name:<12}{:>6}{:>24}{:>24}",
            w.len(),
            format!("{:.1}/{:.1}/{:.1}", pct(w, 0.5), pct(w, 0.99), pct(w, 1.0)),
            format!("{:.1}/{:.1}/{:.1}", pct(c, 0.5), pct(c, 0.99), pct(c, 1.0)),
        );
    }
    println!(
        "{:<12}{:>6}{:>24}{:>24}",
        "all",
        all_w.len(),
        format!(
            "{:.1}/{:.1}/{:.1}",
            pct(&mut all_w, 0.5),
            pct(&mut all_w, 0.99),
            pct(&mut all_w, 1.0)
        ),
        format!(
            "{:.1}/{:.1}/{:.1}",
            pct(&mut all_c, 0.5),
            pct(&mut all_c, 0.99),
            pct(&mut all_c, 1.0)
        ),
    );
    Ok(())
}
