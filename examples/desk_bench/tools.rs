//! The two programs measured and what their screens must show at each step.
//!
//! Criteria, in the same spirit for both:
//! - first frame: the first chunk after which some screen row starts a data record, i.e. holds
//!   a record code (`D123`, `R45`) right after a border, pointer or the row start;
//! - full: every record counted — the desk's two list titles read `N/N` for their kind with
//!   no 加载中/loading mark, fzf's counter `N/N` with its reading spinner gone;
//! - a keystroke answered: the query line shows exactly the query typed so far AND the answer
//!   is on screen — the desk's list titles no longer say 搜索中…/searching…, fzf's counter shows
//!   the number of matches `fzf --filter` gives for that query, with no progress (`%`) shown.
//!   fzf has no "searching" mark: when a key leaves fzf's count unchanged its answer cannot be
//!   told from the previous one, so that key is not timed for fzf (the table says how many).
//!
//! Every wait also needs the condition to hold for a short stable time: a frame that arrives in
//! several chunks cannot pass for the answer halfway through.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::data::Set;
use crate::term::{Spec, Term};

/// The queries typed, one character at a time, cleared in between, each with its kind:
/// Chinese (1–6 characters as typed), ASCII (pinyin, initials), several terms, a phone number
/// (one the generated records hold, written with separators in the data, typed without).
pub const QUERIES: [(&str, &str); 11] = [
    (ZH, "锂电池"),
    (ZH, "西安交通大学"),
    (ZH, "电解铜箔"),
    (ZH, "郑州"),
    (ASCII, "xajd"),
    (ASCII, "dian"),
    (ASCII, "5g"),
    (MULTI, "锂电池 回收"),
    (MULTI, "xian jiao"),
    (PHONE, crate::data::PHONE_QUERY),
    (PHONE, "0021"),
];
pub const ZH: &str = "Chinese";
pub const ASCII: &str = "ASCII";
pub const MULTI: &str = "terms";
pub const PHONE: &str = "phone";

pub const COLS: u16 = 120;
pub const ROWS: u16 = 40;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tool {
    Desk,
    Fzf,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Desk => "duijie",
            Tool::Fzf => "fzf",
        }
    }
}

/// How long each phase may take and how the typing is paced.
pub struct Limits {
    pub start: Duration,
    pub idle_cap: Duration,
    pub key: Duration,
    pub stable: Duration,
    pub key_gap: Duration,
}

/// One process's figures.
#[derive(Default)]
pub struct Run {
    pub load: String,
    pub first_ms: Option<f64>,
    pub full_ms: Option<f64>,
    /// How long the wait for idleness took, and whether the process went idle before the cap.
    pub idle_s: f64,
    pub idle: bool,
    pub rss_mb: Option<f64>,
    pub keys_ms: Vec<f64>,
    /// Each timed key's query kind ([`QUERIES`]) and the characters typed so far.
    pub keys_of: Vec<(&'static str, usize)>,
    /// Keys not timed (fzf: the count did not change).
    pub untimed: usize,
    pub error: Option<String>,
}

/// True when `row` holds a record code after a border, pointer or the row start.
pub fn has_code(row: &str) -> bool {
    let chars: Vec<char> = row.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != 'D' && c != 'R' {
            continue;
        }
        // Only pointers, spaces and borders before it, or a border right before it (the
        // second of two panes side by side).
        let before_ok = chars[..i].iter().all(|p| !p.is_alphanumeric())
            || i > 0 && matches!(chars[i - 1], '│' | '┃' | '|' | '▌');
        if !before_ok {
            continue;
        }
        let digits = chars[i + 1..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        let after = chars.get(i + 1 + digits);
        if digits > 0 && after.is_none_or(|a| matches!(a, ' ' | '●' | '│')) {
            return true;
        }
    }
    false
}

/// The environment of every child: a fresh HOME and XDG dirs, no user config. The caller's
/// `MIMALLOC_*` settings pass through (to try the allocator's options on the desk).
pub fn base_env(home: &Path) -> Vec<(String, String)> {
    let h = |sub: &str| home.join(sub).to_string_lossy().into_owned();
    let allocator = std::env::vars().filter(|(k, _)| k.starts_with("MIMALLOC_"));
    let mut env: Vec<(String, String)> = allocator.collect();
    env.extend([
        ("HOME".into(), h("")),
        ("XDG_CONFIG_HOME".into(), h("config")),
        ("XDG_DATA_HOME".into(), h("data")),
        ("XDG_CACHE_HOME".into(), h("cache")),
        ("XDG_STATE_HOME".into(), h("state")),
        ("TERM".into(), "xterm-256color".into()),
        (
            "PATH".into(),
            std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into()),
        ),
    ]);
    env
}

/// The desk's environment: Chinese interface (LANG; DUIJIE_LANG for a desk that reads it),
/// a config path that does not exist (defaults).
pub fn desk_env(home: &Path) -> Vec<(String, String)> {
    let mut env = base_env(home);
    env.extend([
        ("LANG".into(), "zh_CN.UTF-8".into()),
        ("DUIJIE_LANG".into(), "zh".into()),
        (
            "DUIJIE_CONFIG".into(),
            home.join("no-config.toml").to_string_lossy().into_owned(),
        ),
    ]);
    env
}

// ---- the desk's screen ----

fn desk_searching(rows: &[String]) -> bool {
    rows.iter()
        .any(|r| r.contains("搜索中…") || r.contains("searching…"))
}

/// The open search line shows exactly `q`: a row reading "/ q", then nothing or a gap.
fn desk_query(rows: &[String], q: &str) -> bool {
    rows.iter().any(|r| {
        r.trim_start()
            .strip_prefix("/ ")
            .or_else(|| (r.trim() == "/").then_some(""))
            .and_then(|rest| rest.strip_prefix(q))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("  "))
    })
}

/// Both list titles count every record: `N/N` for each kind.
fn desk_full(rows: &[String], set: &Set) -> bool {
    let count = |n: usize| {
        let label = format!("{n}/{n}");
        rows.iter()
            .map(|r| {
                r.match_indices(&label)
                    .filter(|(i, _)| !r[..*i].ends_with(|c: char| c.is_ascii_digit()))
                    .count()
            })
            .sum::<usize>()
    };
    // A desk that loads in the background says so in the titles (加载中 40%).
    let loading = rows
        .iter()
        .any(|r| r.contains("加载中") || r.contains("loading"));
    !desk_searching(rows)
        && !loading
        && if set.demands == set.results {
            count(set.demands) >= 2
        } else {
            count(set.demands) >= 1 && count(set.results) >= 1
        }
}

// ---- fzf's screen ----

/// fzf's counter line: (matched, total, busy) where busy means a reading spinner or a
/// progress percentage is shown.
fn fzf_counter(rows: &[String]) -> Option<(usize, usize, bool)> {
    rows.iter().find_map(|r| {
        let t = r.trim();
        let spinner = t.starts_with(|c: char| !c.is_ascii_digit());
        let t = t
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .trim_start();
        let (a, rest) = t.split_once('/')?;
        let matched = a.parse().ok()?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let total = digits.parse().ok()?;
        let after = &rest[digits.len()..];
        // An item line never looks like "12/34" at its start followed by nothing or options.
        if !(after.is_empty() || after.starts_with(' ')) {
            return None;
        }
        Some((matched, total, spinner || after.contains('%')))
    })
}

fn fzf_query(rows: &[String], q: &str) -> bool {
    let want = format!("> {q}");
    rows.iter().any(|r| r.trim_end() == want.trim_end())
}

// ---- the runs ----

fn fail(run: &mut Run, e: &anyhow::Error) {
    run.error = Some(format!("{e:#}"));
}

/// Starts `tool` on `set`, measures, ends it. Errors end up in `Run::error`.
pub fn measure(
    tool: Tool,
    set: &Set,
    bin: &Path,
    home: &Path,
    limits: &Limits,
    fzf_counts: &HashMap<String, usize>,
) -> Run {
    let mut run = Run {
        load: crate::term::load_average(),
        ..Run::default()
    };
    let spec = match tool {
        Tool::Desk => Spec {
            program: bin.to_string_lossy().into_owned(),
            args: vec!["--db".into(), set.db.to_string_lossy().into_owned()],
            env: desk_env(home),
            cwd: home.to_path_buf(),
            cols: COLS,
            rows: ROWS,
        },
        Tool::Fzf => {
            let mut env = base_env(home);
            // Not a CJK locale: fzf would then count ambiguous-width characters as wide.
            env.push(("LANG".into(), "C.UTF-8".into()));
            Spec {
                program: "/bin/sh".into(),
                args: vec![
                    "-c".into(),
                    "exec fzf < \"$1\"".into(),
                    "sh".into(),
                    set.lines.to_string_lossy().into_owned(),
                ],
                env,
                cwd: home.to_path_buf(),
                cols: COLS,
                rows: ROWS,
            }
        }
    };
    let mut term = match Term::spawn(&spec) {
        Ok(t) => t,
        Err(e) => {
            fail(&mut run, &e);
            return run;
        }
    };
    if let Err(e) = drive(tool, set, &mut term, limits, fzf_counts, &mut run) {
        fail(&mut run, &e);
    }
    let quit: &[u8] = match tool {
        Tool::Desk => b"q",
        Tool::Fzf => b"\x1b",
    };
    if run.error.is_none() && !term.quit(quit, Duration::from_secs(5)) {
        run.error = Some(format!(
            "{} did not quit within 5 s of {quit:?}; killed",
            tool.name()
        ));
    }
    run
}

fn drive(
    tool: Tool,
    set: &Set,
    term: &mut Term,
    limits: &Limits,
    fzf_counts: &HashMap<String, usize>,
    run: &mut Run,
) -> anyhow::Result<()> {
    let ms = |t: Instant, from: Instant| t.duration_since(from).as_secs_f64() * 1000.0;
    let started = term.started;
    let first = term.settle(
        "the first data row",
        Duration::ZERO,
        limits.start,
        &mut |rows| rows.iter().any(|r| has_code(r)),
    )?;
    run.first_ms = Some(ms(first, started));

    let n = set.n;
    let mut full = |rows: &[String]| match tool {
        Tool::Desk => desk_full(rows, set),
        Tool::Fzf => fzf_counter(rows).is_some_and(|(m, t, busy)| m == n && t == n && !busy),
    };
    let at = term.settle(
        "every record counted",
        limits.stable,
        limits.start,
        &mut full,
    )?;
    run.full_ms = Some(ms(at, started));

    let (waited, idle) = term.idle(
        Duration::from_secs(1),
        Duration::from_millis(50),
        limits.idle_cap,
    )?;
    run.idle_s = waited.as_secs_f64();
    run.idle = idle;

    if tool == Tool::Desk {
        term.send(b"/")?;
        term.settle(
            "the search line to open",
            limits.stable,
            limits.key,
            &mut |rows| desk_query(rows, "") && !desk_searching(rows),
        )?;
    }
    for (kind, query) in QUERIES {
        let mut typed = String::new();
        let mut prev_count = n;
        let mut last_key: Option<Instant> = None;
        for c in query.chars() {
            typed.push(c);
            let expected = fzf_counts.get(&typed).copied();
            if let Some(wait) = last_key.and_then(|t| limits.key_gap.checked_sub(t.elapsed())) {
                term.drain(wait)?;
            }
            let mut buf = [0u8; 4];
            let written = term.send(c.encode_utf8(&mut buf).as_bytes())?;
            last_key = Some(written);
            if c == ' ' {
                // A space between terms changes no answer and trails off the query line: not
                // timed (the next letter is).
                term.drain(limits.key_gap)?;
                continue;
            }
            let what = format!("the answer to {typed:?}");
            let done = match tool {
                Tool::Desk => term.settle(&what, limits.stable, limits.key, &mut |rows| {
                    desk_query(rows, &typed) && !desk_searching(rows)
                })?,
                Tool::Fzf => {
                    let want = expected.context("no fzf --filter count")?;
                    let at = term.settle(&what, limits.stable, limits.key, &mut |rows| {
                        fzf_query(rows, &typed)
                            && fzf_counter(rows)
                                .is_some_and(|(m, t, busy)| m == want && t == n && !busy)
                    })?;
                    if want == prev_count {
                        run.untimed += 1;
                        prev_count = want;
                        continue;
                    }
                    prev_count = want;
                    at
                }
            };
            if std::env::var_os("DESK_BENCH_DEBUG").is_some() {
                let echo = term.first_after_send.map_or(f64::NAN, |t| ms(t, written));
                eprintln!(
                    "    {} {typed:?}: first output {echo:.1} ms, answer {:.1} ms",
                    tool.name(),
                    ms(done, written)
                );
            }
            run.keys_ms.push(ms(done, written));
            run.keys_of.push((kind, typed.chars().count()));
        }
        term.drain(limits.key_gap)?;
        term.send(b"\x15")?;
        match tool {
            Tool::Desk => term.settle(
                "the cleared search",
                limits.stable,
                limits.key,
                &mut |rows| desk_query(rows, "") && !desk_searching(rows),
            )?,
            Tool::Fzf => term.settle(
                "the cleared query",
                limits.stable,
                limits.key,
                &mut |rows| {
                    fzf_query(rows, "")
                        && fzf_counter(rows).is_some_and(|(m, t, busy)| m == n && t == n && !busy)
                },
            )?,
        };
    }
    if tool == Tool::Desk {
        // Leave the search line; a pause so that Esc and the quit key are not read as Alt-q.
        term.send(b"\x1b")?;
        term.drain(Duration::from_millis(300))?;
    }
    let kb = crate::term::status_kb(term.pid(), "VmHWM")?;
    run.rss_mb = Some(kb as f64 / 1024.0);
    Ok(())
}

/// For each prefix of each query, how many lines `fzf --filter` keeps (what fzf's counter must
/// show once it has answered). Cached beside the lines, per fzf version.
pub fn fzf_counts(set: &Set, version: &str) -> anyhow::Result<HashMap<String, usize>> {
    let cache = set.lines.with_file_name("fzf-counts.tsv");
    let header = format!("fzf {version}");
    let mut map = HashMap::new();
    if let Ok(text) = std::fs::read_to_string(&cache)
        && text.lines().next() == Some(header.as_str())
    {
        for line in text.lines().skip(1) {
            if let Some((q, c)) = line.split_once('\t')
                && let Ok(c) = c.parse()
            {
                map.insert(q.to_string(), c);
            }
        }
        return Ok(map);
    }
    let mut out = header.clone();
    for (_, query) in QUERIES {
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let file = std::fs::File::open(&set.lines)?;
            let res = std::process::Command::new("fzf")
                .arg("--filter")
                .arg(&typed)
                .env("LANG", "C.UTF-8")
                .env_remove("FZF_DEFAULT_OPTS")
                .stdin(file)
                .output()
                .context("run fzf --filter")?;
            let count = res.stdout.split(|&b| b == b'\n').count() - 1;
            map.insert(typed.clone(), count);
            let _ = write!(out, "\n{typed}\t{count}");
        }
    }
    std::fs::write(&cache, out + "\n")?;
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_after_borders_and_pointers_only() {
        assert!(has_code("│D12 锂电池  │R3 x│"));
        assert!(has_code("> R45 标题"));
        assert!(has_code("D1●标题"));
        assert!(!has_code("基于D2 的方法"));
        assert!(!has_code("│ 编号 名称"));
        assert!(!has_code("RD12 x"));
    }

    #[test]
    fn the_desk_query_line_must_match_exactly() {
        let rows = |s: &str| vec![s.to_string()];
        assert!(desk_query(&rows(" / 锂电"), "锂电"));
        assert!(!desk_query(&rows(" / 锂电"), "锂电池"));
        assert!(!desk_query(&rows(" / 锂电池"), "锂电"));
        assert!(desk_query(&rows(" /"), ""));
        assert!(desk_query(&rows(" /                 领域：x"), ""));
        assert!(!desk_query(&rows(" / 搜索：拼音首字母"), ""));
    }

    #[test]
    fn fzf_counter_reads_spinner_and_progress() {
        let rows = |s: &str| vec!["> D1 x".to_string(), s.to_string()];
        assert_eq!(fzf_counter(&rows("  12/34")), Some((12, 34, false)));
        assert_eq!(fzf_counter(&rows("⠋ 12/34")), Some((12, 34, true)));
        assert_eq!(fzf_counter(&rows("  12/34 (45%)")), Some((12, 34, true)));
    }
}
