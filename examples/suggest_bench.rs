//! `duijie suggest CODE` whole-process beside `fzf --filter` over the same records, in one
//! run: the desk-bench records (N rows grown from the NSFC projects, cached under
//! target/desk-bench), the first call that builds and saves the suggestion index, then
//! `--runs` calls on different demands and results with the index fresh, and as many
//! `fzf --filter QUERY < lines.txt` calls (QUERY: the first four characters of the same
//! record's title), then up to ten calls each right after an edit of one record (the index
//! patched, not rebuilt). Prints a Markdown table with the machine load.
//!
//! Run: `scripts/suggest-bench [--n 100000] [--runs 20] [--bin PATH]`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

#[path = "desk_bench/data.rs"]
#[allow(dead_code)] // The desk bench's data module: only `prepare` and `run_bin` are used here.
mod data;

struct Args {
    n: usize,
    runs: usize,
    bin: PathBuf,
    cache: PathBuf,
    nsfc: PathBuf,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        n: 100_000,
        runs: 20,
        bin: PathBuf::from("target/release/duijie"),
        cache: PathBuf::from("target/desk-bench"),
        nsfc: PathBuf::from("/work/shared/data/nsfc_projects.csv"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--n" => a.n = value.parse()?,
            "--runs" => a.runs = value.parse()?,
            "--bin" => a.bin = value.into(),
            "--cache" => a.cache = value.into(),
            "--nsfc" => a.nsfc = value.into(),
            _ => bail!("unknown option {flag}"),
        }
    }
    Ok(a)
}

/// Whole-process time of `cmd`, which must succeed.
fn timed(cmd: &mut Command) -> anyhow::Result<Duration> {
    let start = Instant::now();
    let out = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).output()?;
    let took = start.elapsed();
    // fzf --filter exits 1 when nothing matches: still a complete answer.
    if !out.status.success() && out.status.code() != Some(1) {
        bail!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(took)
}

fn summary(label: &str, times: &mut [Duration]) -> f64 {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(times[times.len() / 2]);
    let p90 = ms(times[(times.len() * 9 / 10).min(times.len() - 1)]);
    let max = ms(times[times.len() - 1]);
    println!(
        "| {label:<34} | {:>4} | {median:>10.1} | {p90:>8.1} | {max:>8.1} |",
        times.len()
    );
    median
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> anyhow::Result<()> {
    let a = args()?;
    let home = tempfile::tempdir()?;
    let env: Vec<(String, String)> = vec![
        ("HOME".into(), home.path().display().to_string()),
        ("LANG".into(), "zh_CN.UTF-8".into()),
        ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
    ];
    let set = data::prepare(
        a.n,
        &a.cache,
        &a.nsfc,
        &a.bin,
        &env,
        Duration::from_hours(1),
    )?;
    let db = set.db.display().to_string();
    data::run_bin(
        &a.bin,
        &["--db", &db, "show", "D1"],
        &env,
        Duration::from_mins(10),
    )?;
    let lines = std::fs::read_to_string(&set.lines)?;
    let rows: Vec<(&str, &str)> = lines.lines().filter_map(|l| l.split_once(' ')).collect();
    let step = (rows.len() / a.runs.max(1)).max(1);
    let picks: Vec<(&str, String)> = rows
        .iter()
        .step_by(step)
        .take(a.runs)
        .map(|(code, rest)| (*code, rest.chars().take(4).collect()))
        .collect();
    let suggest = |code: &str| {
        let mut c = Command::new(&a.bin);
        c.args(["--db", &db, "suggest", code])
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)));
        c
    };
    let cache = duijie::matching::persist::cache_path(Path::new(&db));
    if let Some(c) = &cache {
        let _ = std::fs::remove_file(c);
    }
    println!(
        "{} records ({} demands, {} results); load average {} at start",
        set.n,
        set.demands,
        set.results,
        load()
    );
    println!();
    println!("| command                            | runs | median ms  | p90 ms   | max ms   |");
    println!("|------------------------------------|------|------------|----------|----------|");
    let mut cold = vec![timed(&mut suggest(picks[0].0))?];
    summary("duijie suggest (builds the index)", &mut cold);
    let mut ours = Vec::new();
    let mut fzf = Vec::new();
    for (code, query) in &picks {
        ours.push(timed(&mut suggest(code))?);
        let input = std::fs::File::open(&set.lines)?;
        fzf.push(timed(
            Command::new("fzf")
                .args(["--filter", query])
                .env_clear()
                .env("LANG", "C.UTF-8")
                .stdin(input),
        )?);
    }
    let m = summary("duijie suggest CODE", &mut ours);
    let f = summary("fzf --filter (4 characters)", &mut fzf);
    // A broker edits a record, then asks: the index is patched (only the edited record is
    // read and segmented), not rebuilt. On a copy of the records and their index, so the
    // cached set stays as generated.
    let copy = home.path().join("edited.db");
    std::fs::copy(&set.db, &copy)?;
    if let (Some(from), Some(to)) = (&cache, duijie::matching::persist::cache_path(&copy)) {
        std::fs::create_dir_all(to.parent().unwrap_or(home.path()))?;
        std::fs::copy(from, &to)?;
    }
    let copy = copy.display().to_string();
    let mut patched = Vec::new();
    for (i, (code, _)) in picks.iter().take(a.runs.min(10)).enumerate() {
        let title = format!("锂电池回收与梯次利用技术合作 {i}");
        data::run_bin(
            &a.bin,
            &["--db", &copy, "edit", code, "--title", &title],
            &env,
            Duration::from_mins(1),
        )?;
        let mut c = Command::new(&a.bin);
        c.args(["--db", &copy, "suggest", picks[0].0])
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)));
        patched.push(timed(&mut c)?);
    }
    summary("duijie suggest after one edit", &mut patched);
    println!();
    println!(
        "duijie / fzf (medians): {:.2} (target ≤ 0.5, and ≤ 100 ms); load average {} at end",
        m / f,
        load()
    );
    if let Some(c) = cache {
        let size = std::fs::metadata(&c).map_or(0, |m| m.len());
        println!("index file: {} ({:.1} MB)", c.display(), size as f64 / 1e6);
    }
    Ok(())
}
