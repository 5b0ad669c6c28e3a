//! What the bounds' knowledge of the second byte of a match starting a field saves, in one
//! process: two search workers over the same records, one with the bounds of before
//! (`Index::loose_bounds(true)`), answer the desk-bench's keystrokes in turn (so load on the
//! machine falls on both alike), and the time of each answer is compared.
//!
//! Records: N rows from the NSFC projects (as `scripts/desk-bench` grows them: a title ending
//! per copy, another project's institution, a field, a region, an external id).
//!
//! Usage: `cargo run --release --example bound_gain -- [N] [ROUNDS] [CSV]`
//! (defaults 100000, 5, /work/shared/data/nsfc_projects.csv).

use std::time::Instant;

use duijie::domain::{Kind, Record};
use duijie::search::keys::SearchKeys;
use duijie::search::worker::SearchWorker;
use duijie::search::{Entry, Index};

const SUFFIXES: [&str; 6] = ["及应用", "关键技术", "产业化", "示范", "推广", "优化"];
const FIELDS: [&str; 6] = [
    "新材料",
    "电子信息",
    "生物医药",
    "新能源",
    "智能装备",
    "环保",
];
const KEYS: [&str; 9] = [
    "锂电池",
    "西安交通",
    "电解铜箔",
    "郑州",
    "xajd",
    "dian",
    "5g",
    "di",
    "dx",
];

fn records(csv: &str, n: usize) -> anyhow::Result<Vec<Entry>> {
    let mut rd = csv::Reader::from_path(csv)?;
    let mut projects = Vec::new();
    for r in rd.records() {
        let r = r?;
        let get = |i: usize| r.get(i).unwrap_or("").trim().to_string();
        if !get(0).is_empty() {
            projects.push((get(0), get(1), get(3)));
        }
    }
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut below = |m: usize| {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        (seed.wrapping_mul(0x2545_F491_4F6C_DD1D) % m as u64) as usize
    };
    Ok((0..n)
        .map(|j| {
            let (title, _, _) = &projects[j % projects.len()];
            let copy = j / projects.len();
            let other = &projects[below(projects.len())];
            let mut rec = Record::new(Kind::Achievement, title.clone());
            if copy > 0 {
                rec.title.push_str(SUFFIXES[(copy - 1) % SUFFIXES.len()]);
            }
            rec.org.clone_from(&other.1);
            rec.region.clone_from(&other.2);
            rec.field = FIELDS[below(FIELDS.len())].to_string();
            rec.ext_id = format!("XR{j:07}");
            rec.seq = j as i64 + 1;
            Entry {
                id: j as i64 + 1,
                updated_at: format!("2026-{:02}-{:02}T08:00:00Z", 1 + j % 12, 1 + j % 28),
                keys: SearchKeys::for_record(&rec),
            }
        })
        .collect())
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).map_or(Ok(100_000), |a| a.parse())?;
    let rounds: usize = args.get(2).map_or(Ok(5), |a| a.parse())?;
    let csv = args
        .get(3)
        .map_or("/work/shared/data/nsfc_projects.csv", String::as_str);
    let index = Index::from_entries(records(csv, n)?);
    let workers = [
        (
            "before (loose bounds)",
            SearchWorker::spawn(index.clone().loose_bounds(true)),
        ),
        (
            "after (second byte)",
            SearchWorker::spawn(index.loose_bounds(false)),
        ),
    ];
    // ms per keystroke, by worker and by query.
    let mut times = vec![vec![Vec::new(); KEYS.len()]; workers.len()];
    let mut seq = 0;
    for _ in 0..rounds {
        for (k, key) in KEYS.iter().enumerate() {
            let chars: Vec<char> = key.chars().collect();
            for len in 1..=chars.len() {
                let q: String = chars[..len].iter().collect();
                for (w, (_, worker)) in workers.iter().enumerate() {
                    seq += 1;
                    let t = Instant::now();
                    worker.query(seq, &q);
                    let a = worker.recv().expect("an answer");
                    assert_eq!(a.seq, seq);
                    times[w][k].push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
            // Ctrl-U: the next query starts afresh (an empty query is not asked).
        }
    }
    println!("{n} records, {rounds} rounds, keystroke answer time in ms (p50 / p99 / max)");
    print!("{:<24}", "query");
    for (name, _) in &workers {
        print!("{name:>30}");
    }
    println!();
    for (k, key) in KEYS.iter().enumerate() {
        print!("{key:<24}");
        for t in &times {
            let mut v = t[k].clone();
            let (p50, p99, max) = (pct(&mut v, 0.5), pct(&mut v, 0.99), pct(&mut v, 1.0));
            print!("{:>30}", format!("{p50:.2} / {p99:.2} / {max:.2}"));
        }
        println!();
    }
    print!("{:<24}", "all keys");
    for t in &times {
        let mut v: Vec<f64> = t.iter().flatten().copied().collect();
        let (p50, p99, max) = (pct(&mut v, 0.5), pct(&mut v, 0.99), pct(&mut v, 1.0));
        print!("{:>30}", format!("{p50:.2} / {p99:.2} / {max:.2}"));
    }
    println!();
    Ok(())
}
