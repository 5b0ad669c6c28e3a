//! Keystrokes by query kind, and `duijie find` whole-process beside `fzf --filter` over the
//! same records as text.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::data::{PHONE_QUERY, Set};
use crate::tools::{ASCII, MULTI, PHONE, Run, ZH};
use crate::{cell, median, percentile};

/// The queries `find` and `fzf --filter` answer, timed whole-process.
pub const FIND_QUERIES: [&str; 4] = ["锂电池 回收", "西安交通大学", "dian", PHONE_QUERY];

/// Processes started per tool and query (the median is kept).
const FIND_RUNS: usize = 5;

/// `find` and `fzf --filter` times of one size, in ms.
pub struct FindFigures {
    pub n: usize,
    pub load: String,
    /// The first `find` of a database, which reads every key and writes the cache.
    pub cold_ms: Option<f64>,
    /// Per query: median `find` and median `fzf --filter`.
    pub per_query: Vec<(&'static str, Option<f64>, Option<f64>)>,
    pub error: Option<String>,
}

/// Wall time of one process, stdout and stderr discarded; None when it failed to start.
fn time(cmd: &mut Command) -> Option<f64> {
    let t = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    // find exits 1 with no hits: still timed.
    status.code()?;
    Some(t.elapsed().as_secs_f64() * 1000.0)
}

/// Times `find` (cold once, then warm) and `fzf --filter` on the records of `set`.
pub fn measure(set: &Set, bin: &Path, env: &[(String, String)], home: &Path) -> FindFigures {
    let load = crate::term::load_average();
    let cache = home.join("find-cache");
    let _ = std::fs::remove_dir_all(&cache);
    let db = set.db.to_string_lossy().into_owned();
    let find = |q: &str| {
        let mut c = Command::new(bin);
        c.env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("XDG_CACHE_HOME", &cache)
            .args(["--db", &db, "find", "--limit", "20"])
            .args(q.split(' '));
        c
    };
    let fzf = |q: &str| -> Option<Command> {
        let lines = std::fs::File::open(&set.lines).ok()?;
        let mut c = Command::new("fzf");
        c.arg("--filter")
            .arg(q)
            .env("LANG", "C.UTF-8")
            .env_remove("FZF_DEFAULT_OPTS")
            .stdin(lines);
        Some(c)
    };
    let cold_ms = time(&mut find(FIND_QUERIES[0]));
    let mut per_query = Vec::new();
    for q in FIND_QUERIES {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..FIND_RUNS {
            ours.extend(time(&mut find(q)));
            theirs.extend(fzf(q).as_mut().and_then(time));
        }
        per_query.push((q, median(&ours), median(&theirs)));
    }
    let error = cold_ms
        .is_none()
        .then(|| format!("{} find did not run", bin.display()));
    FindFigures {
        n: set.n,
        load,
        cold_ms,
        per_query,
        error,
    }
}

/// The keystroke tables by kind (Chinese by length) and the `find` table.
pub fn report(runs: &[(usize, &'static str, &Run)], finds: &[FindFigures]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nKeystrokes by query kind (all runs pooled; Chinese by characters typed):\n"
    );
    let _ = writeln!(
        out,
        "| records | tool | kind | keys | p50 ms | p99 ms | max ms |"
    );
    let _ = writeln!(out, "|---:|---|---|---:|---:|---:|---:|");
    let mut sizes: Vec<usize> = runs.iter().map(|r| r.0).collect();
    sizes.dedup();
    // (label, query kind, characters typed when only one length counts)
    let mut kinds: Vec<(String, &str, Option<usize>)> = (1..=6)
        .map(|n| (format!("{ZH} {n} char"), ZH, Some(n)))
        .collect();
    for kind in [ASCII, MULTI, PHONE] {
        kinds.push((kind.to_string(), kind, None));
    }
    for &n in &sizes {
        for tool in ["duijie", "fzf"] {
            for (label, want, chars) in &kinds {
                let mut k: Vec<f64> = runs
                    .iter()
                    .filter(|r| r.0 == n && r.1 == tool)
                    .flat_map(|r| r.2.keys_ms.iter().zip(&r.2.keys_of))
                    .filter(|(_, (kind, typed))| kind == want && chars.is_none_or(|c| c == *typed))
                    .map(|(ms, _)| *ms)
                    .collect();
                if k.is_empty() {
                    continue;
                }
                k.sort_by(f64::total_cmp);
                let p = |x| Some(percentile(&k, x)).filter(|v: &f64| v.is_finite());
                let _ = writeln!(
                    out,
                    "| {n} | {tool} | {label} | {} | {} | {} | {} |",
                    k.len(),
                    cell(p(0.5), 1),
                    cell(p(0.99), 1),
                    cell(k.last().copied(), 1)
                );
            }
        }
    }
    if finds.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\n`duijie find` whole-process beside `fzf --filter` over the same records as text (median of {FIND_RUNS}; target: find ≤ 0.25 × fzf at 100k):\n"
    );
    let _ = writeln!(
        out,
        "| records | load | first find (writes the cache) ms | query | find ms | fzf --filter ms | ratio |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---|---:|---:|---:|");
    for f in finds {
        for (q, ours, theirs) in &f.per_query {
            let ratio = ours.zip(*theirs).map(|(a, b)| a / b);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {q} | {} | {} | {} |",
                f.n,
                f.load,
                cell(f.cold_ms, 0),
                cell(*ours, 0),
                cell(*theirs, 0),
                cell(ratio, 2)
            );
        }
        if let Some(e) = &f.error {
            let _ = writeln!(out, "\n{}: {e}", f.n);
        }
    }
    out
}
