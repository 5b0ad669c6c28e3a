//! The desk beside fzf, whole process, in a real pseudo-terminal: time to the first frame,
//! peak RSS and keystroke latency at several sizes. Run it through `scripts/desk-bench`,
//! which builds the binary, installs fzf and documents the options.

mod data;
mod find;
mod term;
mod tools;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;

use tools::{Limits, Run, Tool};

#[derive(Debug, Parser)]
#[command(about = "duijie's desk beside fzf: first frame, peak RSS, keystroke latency")]
struct Args {
    /// Record counts, comma-separated (half demands, half results).
    #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
    sizes: Vec<usize>,
    /// Processes started per tool and size.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The duijie binary to measure.
    #[arg(long)]
    bin: PathBuf,
    /// Where generated databases and line files are kept between runs.
    #[arg(long, default_value = "target/desk-bench")]
    cache: PathBuf,
    /// The NSFC projects CSV the records are grown from.
    #[arg(long, default_value = "/work/shared/data/nsfc_projects.csv")]
    nsfc: PathBuf,
    /// Which tools to run.
    #[arg(long, value_delimiter = ',', default_value = "duijie,fzf")]
    tools: Vec<String>,
    /// Least time between two keystrokes (ms), like a fast typist.
    #[arg(long, default_value_t = 100)]
    key_gap_ms: u64,
    /// How long a screen must keep showing the answer to count as settled (ms).
    #[arg(long, default_value_t = 30)]
    stable_ms: u64,
    /// Multiplies every timeout (a loaded machine needs more).
    #[arg(long, default_value_t = 1.0)]
    timeout_scale: f64,
    /// The source revision of the binary, printed with the versions.
    #[arg(long, default_value = "")]
    revision: String,
}

/// Timeouts that grow with the number of records.
fn limits(n: usize, a: &Args) -> (Limits, Duration) {
    let m = n as f64 / 1e6;
    let s = |base: f64, per_million: f64| {
        Duration::from_secs_f64((base + per_million * m) * a.timeout_scale)
    };
    (
        Limits {
            start: s(30.0, 120.0),
            idle_cap: s(20.0, 60.0),
            key: s(10.0, 30.0),
            stable: Duration::from_millis(a.stable_ms),
            key_gap: Duration::from_millis(a.key_gap_ms),
        },
        s(120.0, 1800.0),
    )
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    // Nearest rank.
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn median(v: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[(v.len() - 1) / 2])
}

fn cell(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "—".into(), |x| format!("{x:.digits$}"))
}

fn version_of(cmd: &str, arg: &str) -> String {
    std::process::Command::new(cmd)
        .arg(arg)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "?".into())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_string())
            })
        })
        .unwrap_or_else(|| "?".into());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "nproc {}, load average at start {} (1/5/15 min), {cpu}, Linux {}",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        load.join(" "),
        kernel.trim()
    )
}

/// The set of `n` records, rebuilt once when the binary cannot open the cached database
/// (written by another version). Opening it once here also applies any migration, so no
/// measured start pays for one.
fn ready_set(n: usize, a: &Args, env: &[(String, String)]) -> anyhow::Result<data::Set> {
    let (_, import_timeout) = limits(n, a);
    for attempt in 0..2 {
        let set = data::prepare(n, &a.cache, &a.nsfc, &a.bin, env, import_timeout)?;
        let first = std::fs::read_to_string(&set.lines)?
            .split_whitespace()
            .next()
            .unwrap_or("D1")
            .to_string();
        let db = set.db.to_string_lossy().into_owned();
        match data::run_bin(&a.bin, &["--db", &db, "show", &first], env, import_timeout) {
            Ok(_) => return Ok(set),
            Err(e) if attempt == 0 => {
                eprintln!("  {n}: the cached database does not open ({e:#}); rebuilding it");
                std::fs::remove_file(set.lines.with_file_name("stamp"))?;
            }
            Err(e) => return Err(e),
        }
    }
    unreachable!("the loop returns")
}

/// One tool's summary at one size, for the targets.
#[derive(Clone, Copy)]
struct Figures {
    first: Option<f64>,
    full: Option<f64>,
    rss: Option<f64>,
    p99: Option<f64>,
}

struct Row {
    n: usize,
    tool: Tool,
    runs: Vec<Run>,
}

fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let tools: Vec<Tool> = a
        .tools
        .iter()
        .map(|t| match t.as_str() {
            "duijie" | "desk" => Ok(Tool::Desk),
            "fzf" => Ok(Tool::Fzf),
            other => anyhow::bail!("unknown tool {other:?} (duijie, fzf)"),
        })
        .collect::<anyhow::Result<_>>()?;
    let bin = std::fs::canonicalize(&a.bin)
        .with_context(|| format!("no binary at {}", a.bin.display()))?;
    std::fs::create_dir_all(&a.cache).with_context(|| format!("create {}", a.cache.display()))?;
    // Absolute paths: the children run in their own temporary directories.
    let cache = std::fs::canonicalize(&a.cache)?;
    let nsfc = std::fs::canonicalize(&a.nsfc)
        .with_context(|| format!("no NSFC file at {}", a.nsfc.display()))?;
    let a = Args {
        bin,
        cache,
        nsfc,
        ..a
    };
    let machine = machine();
    let fzf_version = version_of("fzf", "--version");
    let desk_version = version_of(&a.bin.to_string_lossy(), "--version");
    eprintln!("desk-bench: {machine}");
    eprintln!(
        "desk-bench: {desk_version} ({}) {}; fzf {fzf_version}",
        a.bin.display(),
        a.revision
    );

    let home = tempfile::Builder::new()
        .prefix("desk-bench-home-")
        .tempdir()?;
    let env = tools::desk_env(home.path());
    let mut rows: Vec<Row> = Vec::new();
    let mut finds = Vec::new();
    for &n in &a.sizes {
        eprintln!("desk-bench: {n} records");
        let set = ready_set(n, &a, &env)?;
        if let Some(s) = set.import_secs {
            eprintln!(
                "  {n}: import took {s:.1} s (load {})",
                term::load_average()
            );
        }
        let counts: HashMap<String, usize> = if tools.contains(&Tool::Fzf) {
            tools::fzf_counts(&set, &fzf_version)?
        } else {
            HashMap::new()
        };
        let (lim, _) = limits(n, &a);
        let first = rows.len();
        for &tool in &tools {
            rows.push(Row {
                n,
                tool,
                runs: Vec::new(),
            });
        }
        for r in 1..=a.runs {
            for (i, &tool) in tools.iter().enumerate() {
                let run_home = tempfile::Builder::new()
                    .prefix("home-")
                    .tempdir_in(home.path())?;
                let run = tools::measure(tool, &set, &a.bin, run_home.path(), &lim, &counts);
                eprintln!("  {n} {} run {r}: {}", tool.name(), run_line(&run));
                rows[first + i].runs.push(run);
            }
        }
        if tools.contains(&Tool::Desk) {
            let f = find::measure(&set, &a.bin, &env, home.path());
            eprintln!(
                "  {n} find: first {} ms; {}",
                cell(f.cold_ms, 0),
                f.per_query
                    .iter()
                    .map(|(q, ours, theirs)| format!(
                        "{q}: {} ms, fzf {} ms",
                        cell(*ours, 0),
                        cell(*theirs, 0)
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            finds.push(f);
        }
    }
    print!(
        "{}",
        report(&rows, &machine, &desk_version, &a, &fzf_version)
    );
    let pooled: Vec<(usize, &'static str, &Run)> = rows
        .iter()
        .flat_map(|r| r.runs.iter().map(move |run| (r.n, r.tool.name(), run)))
        .collect();
    print!("{}", find::report(&pooled, &finds));
    Ok(())
}

fn run_line(run: &Run) -> String {
    let mut keys = run.keys_ms.clone();
    keys.sort_by(f64::total_cmp);
    let mut s = format!(
        "load {}, first {} ms, full {} ms, idle after {:.1} s{}, RSS {} MB, keys n={} p50 {} p99 {} max {} ms",
        run.load,
        cell(run.first_ms, 0),
        cell(run.full_ms, 0),
        run.idle_s,
        if run.idle { "" } else { " (cap, still busy)" },
        cell(run.rss_mb, 0),
        keys.len(),
        cell(Some(percentile(&keys, 0.5)).filter(|x| x.is_finite()), 1),
        cell(Some(percentile(&keys, 0.99)).filter(|x| x.is_finite()), 1),
        cell(keys.last().copied(), 1),
    );
    if run.untimed > 0 {
        let _ = write!(s, " ({} untimed)", run.untimed);
    }
    if let Some(e) = &run.error {
        let _ = write!(s, "\n    ERROR: {}", e.replace('\n', "\n    "));
    }
    s
}

fn report(rows: &[Row], machine: &str, desk: &str, a: &Args, fzf: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n## desk-bench");
    let _ = writeln!(out, "machine: {machine}");
    let _ = writeln!(
        out,
        "duijie: {desk} {} ({}); fzf {fzf}; pty {}x{}, keys ≥ {} ms apart, settled = {} ms stable",
        a.revision,
        a.bin.display(),
        tools::COLS,
        tools::ROWS,
        a.key_gap_ms,
        a.stable_ms
    );
    let queries: Vec<String> = tools::QUERIES
        .iter()
        .map(|(k, q)| format!("{q:?} ({k})"))
        .collect();
    let _ = writeln!(out, "queries: {}", queries.join(", "));
    let _ = writeln!(
        out,
        "\nEach run (load = 1-min load average when the process started):\n"
    );
    let _ = writeln!(
        out,
        "| records | tool | run | load | first frame ms | all counted ms | peak RSS MB | keys | p50 ms | p99 ms | max ms |"
    );
    let _ = writeln!(
        out,
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for row in rows {
        for (i, run) in row.runs.iter().enumerate() {
            let mut k = run.keys_ms.clone();
            k.sort_by(f64::total_cmp);
            let f = |p| Some(percentile(&k, p)).filter(|x: &f64| x.is_finite());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {}{} | {} | {} | {} |{}",
                row.n,
                row.tool.name(),
                i + 1,
                run.load,
                cell(run.first_ms, 0),
                cell(run.full_ms, 0),
                cell(run.rss_mb, 0),
                k.len(),
                if run.untimed > 0 {
                    format!(" (+{} untimed)", run.untimed)
                } else {
                    String::new()
                },
                cell(f(0.5), 1),
                cell(f(0.99), 1),
                cell(k.last().copied(), 1),
                if run.error.is_some() { " ERROR" } else { "" },
            );
        }
    }
    let _ = writeln!(
        out,
        "\nSummary (first frame, all counted, RSS: median of runs; keys: all runs pooled; load: min–max):\n"
    );
    let _ = writeln!(
        out,
        "| records | tool | load | first frame ms | all counted ms | peak RSS MB | keys | p50 ms | p99 ms | max ms |"
    );
    let _ = writeln!(out, "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut summary: HashMap<(usize, &str), Figures> = HashMap::new();
    for row in rows {
        let ok: Vec<&Run> = row.runs.iter().collect();
        let med = |f: fn(&Run) -> Option<f64>| {
            median(&ok.iter().filter_map(|r| f(r)).collect::<Vec<_>>())
        };
        let mut k: Vec<f64> = ok.iter().flat_map(|r| r.keys_ms.iter().copied()).collect();
        k.sort_by(f64::total_cmp);
        let loads: Vec<f64> = ok.iter().filter_map(|r| r.load.parse().ok()).collect();
        let lo = loads.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = loads.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let load = if loads.is_empty() {
            "—".to_string()
        } else {
            format!("{lo:.2}–{hi:.2}")
        };
        let first = med(|r| r.first_ms);
        let full = med(|r| r.full_ms);
        let rss = med(|r| r.rss_mb);
        let p99 = Some(percentile(&k, 0.99)).filter(|x| x.is_finite());
        summary.insert(
            (row.n, row.tool.name()),
            Figures {
                first,
                full,
                rss,
                p99,
            },
        );
        let _ = writeln!(
            out,
            "| {} | {} | {load} | {} | {} | {} | {} | {} | {} | {} |",
            row.n,
            row.tool.name(),
            cell(first, 0),
            cell(full, 0),
            cell(rss, 0),
            k.len(),
            cell(Some(percentile(&k, 0.5)).filter(|x| x.is_finite()), 1),
            cell(p99, 1),
            cell(k.last().copied(), 1),
        );
    }
    let _ = writeln!(out, "\nTargets of the redesign:");
    for &n in &[100_000usize, 1_000_000] {
        let Some(&Figures {
            first, rss, p99, ..
        }) = summary.get(&(n, "duijie"))
        else {
            continue;
        };
        let fzf = summary.get(&(n, "fzf"));
        let fzf_first = fzf.and_then(|s| s.first);
        let fzf_full = fzf.and_then(|s| s.full);
        let check = |ok: Option<bool>| match ok {
            Some(true) => "met",
            Some(false) => "NOT met",
            None => "not measured",
        };
        let (first_limit, rss_limit, key_limit) = if n == 100_000 {
            (fzf_first.map(|f| 0.5 * f), 150.0, 16.0)
        } else {
            (Some(1000.0), 1024.0, 100.0)
        };
        let first_what = if n == 100_000 {
            // fzf streams its input: its first rows appear long before it has read every line.
            format!(
                "≤ 0.5 × fzf's first frame ({} ms; 0.5 × fzf's all counted: {} ms)",
                cell(first_limit, 0),
                cell(fzf_full.map(|f| 0.5 * f), 0)
            )
        } else {
            "≤ 1000 ms".into()
        };
        let _ = writeln!(
            out,
            "- {n}: first frame {} ms {first_what}: {}; peak RSS {} MB ≤ {rss_limit:.0}: {}; keys p99 {} ms ≤ {key_limit:.0}: {}",
            cell(first, 0),
            check(first.zip(first_limit).map(|(f, l)| f <= l)),
            cell(rss, 0),
            check(rss.map(|r| r <= rss_limit)),
            cell(p99, 1),
            check(p99.map(|p| p <= key_limit)),
        );
    }
    let errors: Vec<String> = rows
        .iter()
        .flat_map(|row| {
            row.runs.iter().enumerate().filter_map(move |(i, r)| {
                r.error.as_ref().map(|e| {
                    format!(
                        "- {} {} run {}: {}",
                        row.n,
                        row.tool.name(),
                        i + 1,
                        e.lines().next().unwrap_or("")
                    )
                })
            })
        })
        .collect();
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "\nErrors (those runs' figures stop at the failure, and their keys up to it are pooled above; the screen at the failure is in the log):"
        );
        for e in errors {
            let _ = writeln!(out, "{e}");
        }
    }
    let not_idle = rows
        .iter()
        .flat_map(|r| &r.runs)
        .filter(|r| !r.idle && r.error.is_none())
        .count();
    if not_idle > 0 {
        let _ = writeln!(
            out,
            "\nNote: {not_idle} run(s) were still busy when the idle wait's cap ended; keys were typed anyway."
        );
    }
    out
}
