//! Suggestion quality on a set with known answers (default: shared/data/matching-dev):
//! imports demands.csv and results.csv into a temporary database with duijie's own import,
//! asks `suggest` for each demand's top 10, and prints recall@1/5/10 for duijie, for duijie
//! with each ranking lever turned off, and for plain BM25 over jieba tokens (query: demand
//! title + field; document: result title + field + abstract) computed in the same run, plus
//! the time per suggestion.
//!
//! Run: `scripts/match-eval [DIR]` or `cargo run --release --example match_eval -- [DIR]`.
//! DIR holds demands.csv, results.csv and truth.csv (demand 编号 → result 编号).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Kind, Record};
use duijie::import::{ImportOptions, import_file};
use duijie::matching::{Learned, Levers, SuggestIndex};

const DEFAULT_DIR: &str = "/work/shared/data/matching-dev";
const DEPTH: usize = 10;

#[path = "match_eval/bm25.rs"]
mod bm25;

/// Recall at 1, 5 and 10 over the ranks found (None: not in the top 10).
struct Recall {
    at: [f64; 3],
}

impl Recall {
    fn of(ranks: &[Option<usize>]) -> Recall {
        let n = ranks.len().max(1) as f64;
        let at = [1, 5, 10]
            .map(|k| ranks.iter().filter(|r| r.is_some_and(|r| r < k)).count() as f64 / n);
        Recall { at }
    }
}

fn read_truth(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let mut rd = csv::Reader::from_path(path).with_context(|| path.display().to_string())?;
    let mut out = HashMap::new();
    for (i, row) in rd.records().enumerate() {
        let row = row.with_context(|| format!("{}: line {}", path.display(), i + 2))?;
        let (Some(d), Some(r)) = (row.get(0), row.get(1)) else {
            anyhow::bail!("{}: line {}: expected demand,result", path.display(), i + 2);
        };
        out.insert(d.to_string(), r.to_string());
    }
    Ok(out)
}

/// Each demand's rank of its true result under `rank` (a function giving ext_ids, best first).
fn ranks(
    demands: &[&Record],
    truth: &HashMap<String, String>,
    mut rank: impl FnMut(&Record) -> Vec<String>,
) -> (Vec<Option<usize>>, Vec<Duration>) {
    let mut out = Vec::new();
    let mut times = Vec::new();
    for d in demands {
        let Some(want) = truth.get(&d.ext_id) else {
            continue;
        };
        let start = Instant::now();
        let got = rank(d);
        times.push(start.elapsed());
        out.push(got.iter().position(|g| g == want));
    }
    (out, times)
}

fn row(label: &str, r: &Recall, times: &[Duration]) {
    let mut t: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    t.sort_by(f64::total_cmp);
    let mean = t.iter().sum::<f64>() / t.len().max(1) as f64;
    let p99 = t
        .get((t.len() * 99 / 100).min(t.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0);
    println!(
        "| {label:<40} | {:>8.3} | {:>8.3} | {:>9.3} | {mean:>9.3} | {p99:>8.3} |",
        r.at[0], r.at[1], r.at[2]
    );
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from(DEFAULT_DIR), PathBuf::from);
    let truth = read_truth(&dir.join("truth.csv"))?;
    let tmp = tempfile::tempdir()?;
    let mut db = Db::open(&tmp.path().join("eval.db"))?;
    let opts = ImportOptions {
        rejects_dir: Some(tmp.path().to_path_buf()),
        ..ImportOptions::default()
    };
    for (kind, file) in [
        (Kind::Demand, "demands.csv"),
        (Kind::Achievement, "results.csv"),
    ] {
        let rep = import_file(&mut db, kind, &dir.join(file), &opts)?;
        eprintln!(
            "match-eval: {file}: {} added, {} rejected",
            rep.added,
            rep.rejected.len()
        );
    }
    let all = records::list(db.conn(), &RecordFilter::default())?;
    let ext: HashMap<i64, &str> = all.iter().map(|r| (r.id, r.ext_id.as_str())).collect();
    let demands: Vec<&Record> = all.iter().filter(|r| r.kind == Kind::Demand).collect();
    let results: Vec<&Record> = all.iter().filter(|r| r.kind == Kind::Achievement).collect();
    println!(
        "{} demands, {} results, {} with a known answer ({})",
        demands.len(),
        results.len(),
        truth.len(),
        dir.display()
    );
    println!();
    println!(
        "| ranking                                  | recall@1 | recall@5 | recall@10 | mean (ms) | p99 (ms) |"
    );
    println!(
        "|------------------------------------------|----------|----------|-----------|-----------|----------|"
    );

    for (label, with_field) in [
        ("BM25 (doc: title + abstract)", false),
        ("BM25 (doc: title + field + abstract)", true),
    ] {
        let base = bm25::Bm25::build(&results, with_field);
        let (r, t) = ranks(&demands, &truth, |d| base.rank(d, DEPTH));
        row(label, &Recall::of(&r), &t);
        if with_field {
            halves(&r, &t);
        }
    }
    if std::env::var_os("MATCH_EVAL_QUICK").is_some() {
        let index = SuggestIndex::build(&all);
        let (r, t) = ranks(&demands, &truth, |d| {
            index
                .suggest(d, DEPTH)
                .iter()
                .map(|s| ext.get(&s.id).copied().unwrap_or_default().to_string())
                .collect()
        });
        row("duijie", &Recall::of(&r), &t);
        halves(&r, &t);
        return Ok(());
    }

    let full = Levers::default();
    let mut variants: Vec<(String, Levers)> = vec![("duijie".into(), full)];
    for (name, levers) in Levers::each_flipped() {
        variants.push((format!("duijie {name}"), levers));
    }
    for (label, levers) in variants {
        let start = Instant::now();
        let index = SuggestIndex::build_with(&all, levers);
        let built = start.elapsed();
        let (r, t) = ranks(&demands, &truth, |d| {
            index
                .suggest(d, DEPTH)
                .iter()
                .map(|s| ext.get(&s.id).copied().unwrap_or_default().to_string())
                .collect()
        });
        row(&label, &Recall::of(&r), &t);
        if label == "duijie" {
            halves(&r, &t);
        }
        if label == "duijie"
            && let Some(path) = std::env::var_os("MATCH_EVAL_DUMP")
        {
            // Each demand's rank of its answer (0 = first, empty = not in the top 10).
            let lines: Vec<String> = demands
                .iter()
                .filter(|d| truth.contains_key(&d.ext_id))
                .zip(&r)
                .map(|(d, r)| {
                    format!(
                        "{},{}",
                        d.ext_id,
                        r.map_or(String::new(), |r| r.to_string())
                    )
                })
                .collect();
            std::fs::write(path, lines.join("\n"))?;
        }
        if label == "duijie"
            && let Some(path) = std::env::var_os("MATCH_EVAL_SCORES")
        {
            // Each demand's first 200 candidates with their scores: demand,result,score.
            let mut lines = Vec::new();
            for d in &demands {
                for s in index.suggest(d, 200) {
                    let r = ext.get(&s.id).copied().unwrap_or_default();
                    lines.push(format!("{},{r},{}", d.ext_id, s.score));
                }
            }
            std::fs::write(path, lines.join("\n"))?;
        }
        if label == "duijie" {
            eprintln!(
                "match-eval: index built in {:.0} ms",
                built.as_secs_f64() * 1e3
            );
            learning(&index, &demands, &truth, &ext, &all);
        }
    }
    Ok(())
}

/// The same ranks split in two halves (demands in file order, alternately): a lever tuned on
/// one half that holds on the other is not fitted to its phrasing.
fn halves(ranks: &[Option<usize>], times: &[Duration]) {
    for (label, parity) in [
        ("  half A (1st, 3rd, … demand)", 0),
        ("  half B (2nd, 4th, … demand)", 1),
    ] {
        let r: Vec<Option<usize>> = ranks.iter().skip(parity).step_by(2).copied().collect();
        let t: Vec<Duration> = times.iter().skip(parity).step_by(2).copied().collect();
        row(label, &Recall::of(&r), &t);
    }
}

/// Whether the broker's dismissals teach the ranking: each demand's first suggestion, when
/// it is not the answer, is dismissed (as "wrong field" when its field differs from the
/// answer's, else "not relevant", as a broker who knows would say), and the demand is asked
/// again — once with the dismissed partner only hidden, once with the ranking taught.
fn learning(
    index: &SuggestIndex,
    demands: &[&Record],
    truth: &HashMap<String, String>,
    ext: &HashMap<i64, &str>,
    all: &[Record],
) {
    let field: HashMap<&str, &str> = all
        .iter()
        .filter(|r| r.kind == Kind::Achievement)
        .map(|r| (r.ext_id.as_str(), r.field.trim()))
        .collect();
    let by_id: HashMap<i64, &Record> = all.iter().map(|r| (r.id, r)).collect();
    let names = |found: &[duijie::matching::Suggestion]| -> Vec<String> {
        found
            .iter()
            .map(|s| ext.get(&s.id).copied().unwrap_or_default().to_string())
            .collect()
    };
    for (label, taught) in [
        ("after one dismissal, hidden only", false),
        ("after one dismissal, ranking taught", true),
    ] {
        let (r, t) = ranks(demands, truth, |d| {
            let first = index.suggest(d, DEPTH);
            let want = truth.get(&d.ext_id).map(String::as_str);
            let Some(top) = first.first().filter(|s| Some(ext[&s.id]) != want) else {
                return names(&first);
            };
            let mut learned = Learned::default();
            if taught {
                let theirs = by_id[&top.id].field.trim();
                let answer = want.and_then(|w| field.get(w)).copied().unwrap_or("");
                if !theirs.is_empty() && !answer.is_empty() && theirs != answer {
                    learned.wrong_field.push(top.id);
                } else {
                    learned.rejected.push(top.id);
                }
            }
            let gone = top.id;
            names(&index.suggest_learned(d, DEPTH, &|id| id == gone, &learned))
        });
        row(label, &Recall::of(&r), &t);
    }
}
