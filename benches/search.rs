//! Keystroke → answer latency of the search worker at 100,000 records, typing Chinese and
//! ASCII queries one character at a time. Run: `cargo bench --bench search`.
//!
//! Records come from the NSFC project list (titles, institutions, regions, grant numbers,
//! team leads), multiplied into variants to reach 100,000: half demands with company-style
//! organisations, half results, and one record in six spelled in Traditional characters.
//!
//! Environment: `DUIJIE_BENCH_ROWS` (default 100000) sets the number of records, e.g.
//! 1000000; `DUIJIE_BENCH_REPEATS` (default 15) how often each query is typed;
//! `DUIJIE_BENCH_QUICK=1` skips the one-thread pass and the full-scan reference;
//! `DUIJIE_BENCH_DB=/path/file.db` also times loading from SQLite through `db::keys` (the file
//! is filled with the records first when it does not exist).

use std::time::{Duration, Instant};

use duijie::domain::{Kind, Record};
use duijie::search::keys::SearchKeys;
use duijie::search::worker::SearchWorker;
use duijie::search::{Batch, Entry, Index};

const DATA: &str = "/work/shared/data/nsfc_projects.csv";
const QUERIES: &[&str] = &[
    "电",
    "电解",
    "电解铜箔",
    "锂",
    "锂电池",
    "西安交通",
    "xajd",
    "xian",
    "dian",
    "ai",
    "5g",
    "材料",
    "鄭州",
    "abc",
];

/// A number from the environment, or `default`.
fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// The class of a query, for per-class figures.
fn class(q: &str) -> &'static str {
    match (q.is_ascii(), q.chars().count()) {
        (false, 1) => "Chinese, 1 char",
        (false, _) => "Chinese, 2+ chars",
        (true, 1..=2) => "ASCII, 1-2 chars",
        (true, _) => "ASCII, 3+ chars",
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Simplified → Traditional for the commonest characters of the data, to make Traditional
/// variants the search must fold back.
const TRAD: &[(char, char)] = &[
    ('学', '學'),
    ('电', '電'),
    ('锂', '鋰'),
    ('郑', '鄭'),
    ('国', '國'),
    ('东', '東'),
    ('与', '與'),
    ('发', '發'),
    ('应', '應'),
    ('业', '業'),
    ('术', '術'),
    ('铜', '銅'),
    ('机', '機'),
    ('质', '質'),
    ('设', '設'),
    ('计', '計'),
    ('测', '測'),
    ('验', '驗'),
    ('气', '氣'),
    ('节', '節'),
    ('压', '壓'),
    ('边', '邊'),
    ('关', '關'),
    ('键', '鍵'),
    ('复', '複'),
    ('杂', '雜'),
    ('网', '網'),
    ('络', '絡'),
    ('数', '數'),
    ('据', '據'),
];
const SUFFIX: &[&str] = &["", "关键技术", "及应用", "产业化", "中试验证", "工艺优化"];
const COMPANY: &[&str] = &["新材料", "电子", "智能装备", "生物医药", "能源", "精密机械"];
const EXTRA: &[&str] = &[
    "AI视觉检测",
    "5G通信模组",
    "ＡＢＣ复合材料",
    "电解铜箔",
    "锂电池隔膜",
];

fn trad(s: &str) -> String {
    s.chars()
        .map(|c| TRAD.iter().find(|(a, _)| *a == c).map_or(c, |(_, t)| *t))
        .collect()
}

fn records(target: usize) -> Vec<Record> {
    let mut rd = csv::Reader::from_path(DATA).expect("reading the NSFC sample");
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("a CSV row")).collect();
    let headers = rd.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (title, org, field, region, ext, lead, city) = (
        col("title"),
        col("org"),
        col("field"),
        col("region"),
        col("result_id"),
        col("team_lead"),
        col("city"),
    );
    let mut out = Vec::with_capacity(target);
    let mut seq = [0i64; 2];
    for i in 0..target {
        let r = &rows[i % rows.len()];
        // Past the suffixes (beyond ~100k rows) the team lead comes from another project, so
        // large lists do not repeat whole records.
        let other = &rows[(i + (i / rows.len() / SUFFIX.len()) * 7919) % rows.len()];
        let round = i / rows.len();
        let kind = if i % 2 == 0 {
            Kind::Demand
        } else {
            Kind::Achievement
        };
        let mut rec = Record::new(
            kind,
            format!("{}{}", &r[title], SUFFIX[round % SUFFIX.len()]),
        );
        if i % 97 == 0 {
            rec.title = format!("{}{}", EXTRA[i % EXTRA.len()], rec.title);
        }
        rec.org = match kind {
            Kind::Demand => format!(
                "{}{}科技有限公司",
                &r[city].trim_end_matches('市'),
                COMPANY[i % COMPANY.len()]
            ),
            Kind::Achievement => r[org].to_string(),
        };
        rec.field = r[field].to_string();
        rec.region = r[region].to_string();
        rec.ext_id = format!("{}-{round}", &r[ext]);
        rec.contact = other[lead].to_string();
        if i % 6 == 5 {
            rec.title = trad(&rec.title);
            rec.org = trad(&rec.org);
        }
        let k = usize::from(kind == Kind::Achievement);
        seq[k] += 1;
        rec.seq = seq[k];
        out.push(rec);
    }
    out
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(v: &mut [f64]) -> String {
    v.sort_by(f64::total_cmp);
    format!(
        "median {:6.2}  p99 {:6.2}  max {:6.2} ms",
        pct(v, 0.5),
        pct(v, 0.99),
        v[v.len() - 1]
    )
}

/// Keystroke latencies (ms) for each prefix of one query.
type Latencies = Vec<Vec<f64>>;

/// Keystroke latencies (ms) of each query and its last total.
type PerQuery = Vec<(Vec<f64>, String)>;

/// Types every query one character at a time, `repeats` times, through `worker`; returns the
/// keystroke latencies (to the first answer) per query, the last answer's total per query,
/// the latencies per prefix typed (one list per keystroke of each query), and the latencies
/// to the answer over every row (the same unless the list is large enough for a quick first
/// answer). `every`: ask for every hit, as the desk does while filters are on.
fn type_queries(
    w: &SearchWorker,
    every: bool,
    repeats: usize,
) -> (PerQuery, Vec<Latencies>, Vec<f64>) {
    let mut per_query = vec![(Vec::new(), String::new()); QUERIES.len()];
    let mut per_prefix: Vec<Latencies> = QUERIES
        .iter()
        .map(|q| vec![Vec::new(); q.chars().count()])
        .collect();
    let mut seq = 0;
    let mut fulls = Vec::new();
    for _ in 0..repeats {
        for (qi, q) in QUERIES.iter().enumerate() {
            let chars: Vec<char> = q.chars().collect();
            for n in 1..=chars.len() {
                let typed: String = chars[..n].iter().collect();
                seq += 1;
                let t = Instant::now();
                if every {
                    w.query_every(seq, &typed);
                } else {
                    w.query(seq, &typed);
                }
                // A large list answers its newest rows first, then every row.
                let mut a = w.recv().expect("an answer");
                let first = ms(t.elapsed());
                while !a.coverage.complete {
                    a = w.recv().expect("the full answer");
                }
                let full = ms(t.elapsed());
                per_query[qi].0.push(first);
                per_prefix[qi][n - 1].push(first);
                fulls.push(full);
                assert_eq!(a.seq, seq);
                per_query[qi].1 = format!("{}{}", a.total, if a.complete { "" } else { "+" });
            }
            // Clearing the box before the next query.
            seq += 1;
            w.query(seq, "");
            while !w.recv().expect("an answer").coverage.complete {}
        }
    }
    (per_query, per_prefix, fulls)
}

/// `entries` as a loader reads them (newest first, then lowest id), in batches of the sizes
/// `db::keys` uses.
fn batches_newest_first(entries: &[Entry]) -> Vec<Batch> {
    let mut order: Vec<&Entry> = entries.iter().collect();
    order.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
    let mut out = Vec::new();
    let mut size = duijie::db::keys::FIRST_BATCH;
    let mut rest = &order[..];
    while !rest.is_empty() {
        let (now, later) = rest.split_at(size.min(rest.len()));
        let mut b = Batch::default();
        for e in now {
            let k = &e.keys;
            b.push(e.id, &e.updated_at, &k.fold, &k.initials, &k.pinyin);
        }
        out.push(b);
        rest = later;
        size = (size * 2).min(duijie::db::keys::MAX_BATCH);
    }
    out
}

/// A worker filled by a loader thread while the desk asks: the time to the first answer (an
/// empty query asked at once), keystrokes answered meanwhile, and the time to the complete one.
fn progressive(batches: Vec<Batch>) {
    let rows: usize = batches.iter().map(Batch::len).sum();
    let t0 = Instant::now();
    let (w, feed) = SearchWorker::spawn_fed(duijie::search::worker::DEFAULT_LIMIT);
    let loader = std::thread::spawn(move || {
        feed.expect(rows);
        for b in batches {
            if !feed.send(b) {
                return;
            }
        }
        feed.done();
    });
    w.query(1, "");
    let first = w.recv().expect("an answer");
    let t_first = ms(t0.elapsed());
    // Typing while the rest loads: each keystroke's first answer.
    let mut during = Vec::new();
    let mut seq = 1;
    let mut complete = first.coverage.complete;
    'typing: for q in ["电", "电解", "x", "xi", "xian", "材料", "abc"] {
        seq += 1;
        let t = Instant::now();
        w.query(seq, q);
        loop {
            let a = w.recv().expect("an answer");
            if a.seq == seq {
                during.push(ms(t.elapsed()));
                if a.coverage.complete {
                    complete = true;
                    break 'typing;
                }
                break;
            }
        }
    }
    while !complete {
        complete = w.recv().expect("an answer").coverage.complete;
    }
    let t_done = ms(t0.elapsed());
    loader.join().expect("the loader");
    println!(
        "progressive load of {rows} rows (loader thread + worker): first answer after {t_first:.1} ms \
         ({} rows), complete after {t_done:.0} ms; {} keystrokes typed meanwhile: {} \
         (load average {})",
        first.coverage.loaded,
        during.len(),
        if during.is_empty() {
            "none".to_string()
        } else {
            summary(&mut during)
        },
        loadavg()
    );
    println!("RSS after the progressive load: {:.0} MB", rss_mb());
}

/// Time to the first batch and to the last one read from SQLite, and a worker filled from it.
fn from_sqlite(path: &std::path::Path, recs: &[Record]) {
    use duijie::db::{Db, keys, records};
    if !path.exists() {
        let t = Instant::now();
        let mut db = Db::open(path).expect("creating the bench database");
        db.write(|tx| {
            for r in recs {
                records::insert(tx, &mut r.clone())?;
            }
            duijie::db::DbResult::Ok(())
        })
        .expect("writing the records");
        println!(
            "database: {} records written in {:.0} ms",
            recs.len(),
            ms(t.elapsed())
        );
    }
    for kind in [Kind::Achievement] {
        let conn = keys::open_read_only(path).expect("opening read-only");
        let t = Instant::now();
        let mut first = None;
        let mut rows = 0;
        keys::read_batches(
            &conn,
            kind,
            |_| {},
            |b| {
                first.get_or_insert_with(|| ms(t.elapsed()));
                rows += b.len();
                true
            },
        )
        .expect("reading keys");
        println!(
            "db::keys::read_batches, {} rows of {}: first batch after {:.0} ms, all after {:.0} ms \
             (load average {})",
            rows,
            kind.as_str(),
            first.unwrap_or_default(),
            ms(t.elapsed()),
            loadavg()
        );
        let t = Instant::now();
        let p = path.to_path_buf();
        let w = keys::spawn_search(kind, move || keys::open_read_only(&p));
        let spawned = ms(t.elapsed());
        w.query(1, "");
        let a = w.recv().expect("an answer");
        let t_first = ms(t.elapsed());
        let mut last = a;
        while !last.coverage.complete {
            last = w.recv().expect("an answer");
        }
        println!(
            "db::keys::spawn_search: returned after {spawned:.2} ms, first answer after \
             {t_first:.0} ms, complete ({} rows) after {:.0} ms; RSS {:.0} MB",
            last.coverage.loaded,
            ms(t.elapsed()),
            rss_mb()
        );
    }
}

fn main() {
    let target = env_num("DUIJIE_BENCH_ROWS", 100_000);
    let repeats = env_num("DUIJIE_BENCH_REPEATS", 15);
    let quick = std::env::var_os("DUIJIE_BENCH_QUICK").is_some_and(|v| v != "0");
    println!("{target} records, load average {}", loadavg());
    let rss0 = rss_mb();
    let recs = records(target);
    if let Some(path) = std::env::var_os("DUIJIE_BENCH_DB") {
        from_sqlite(std::path::Path::new(&path), &recs);
    }
    let t = Instant::now();
    let keys: Vec<SearchKeys> = recs.iter().map(SearchKeys::for_record).collect();
    let build = t.elapsed();
    println!(
        "keys: {} records in {:.0} ms = {:.1} µs per record",
        keys.len(),
        ms(build),
        build.as_secs_f64() * 1e6 / keys.len() as f64
    );
    // Where the time goes: folding the joined fields, then reading pinyin of the fold.
    let per = |d: Duration| d.as_secs_f64() * 1e6 / keys.len() as f64;
    let t = Instant::now();
    for k in keys.iter().take(100_000) {
        std::hint::black_box(duijie::search::keys::fold(&k.text));
    }
    let t_fold = t.elapsed() * (keys.len() / keys.len().min(100_000)) as u32;
    let t = Instant::now();
    for k in keys.iter().take(100_000) {
        std::hint::black_box(duijie::search::keys::syllables(&k.fold));
    }
    let t_py = t.elapsed() * (keys.len() / keys.len().min(100_000)) as u32;
    println!(
        "  of which: fold {:.1} µs, one pinyin pass {:.1} µs per record",
        per(t_fold),
        per(t_py)
    );
    let entries: Vec<Entry> = keys
        .into_iter()
        .enumerate()
        .map(|(i, keys)| Entry {
            id: i as i64 + 1,
            updated_at: format!(
                "2026-{:02}-{:02}T{:02}:00:00Z",
                1 + i % 12,
                1 + i % 28,
                i % 24
            ),
            keys,
        })
        .collect();
    drop(recs);
    let batches = batches_newest_first(&entries);
    let t = Instant::now();
    let index = Index::from_entries(entries);
    println!(
        "index: {} rows built in {:.0} ms (load average {})",
        index.len(),
        ms(t.elapsed()),
        loadavg()
    );
    let fp = index.footprint();
    let rows = index.len().max(1) as f64;
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "index heap: {:.1} MB = {:.0} B/record: keys {:.0} (+{:.0} reserved), offsets {:.0}, \
         sieve {:.0}, heads {:.0}, rows {:.0}, id map {:.0} B/record",
        mb(fp.total()),
        fp.total() as f64 / rows,
        fp.keys as f64 / rows,
        fp.keys_spare as f64 / rows,
        fp.offsets as f64 / rows,
        fp.sieve as f64 / rows,
        fp.heads as f64 / rows,
        fp.rows as f64 / rows,
        fp.map as f64 / rows,
    );
    println!(
        "RSS: {:.0} MB before, {:.0} MB with the index and its key strings",
        rss0,
        rss_mb()
    );

    progressive(batches);

    let passes: &[(&str, usize)] = if quick {
        &[("2 threads (default on 2 cores)", 2)]
    } else {
        &[("2 threads (default on 2 cores)", 2), ("1 thread", 1)]
    };
    for &(label, threads) in passes {
        let w = SearchWorker::spawn(index.clone().with_threads(threads));
        // Warm up: first touches of the rows.
        w.query(0, "电");
        while !w.recv().expect("an answer").coverage.complete {}
        let (per_query, per_prefix, mut fulls) = type_queries(&w, false, repeats);
        let mut all: Vec<f64> = per_query
            .iter()
            .flat_map(|(v, _)| v.iter().copied())
            .collect();
        println!(
            "\n{label}: {} keystrokes through SearchWorker, {} rows in one index, load average {}",
            all.len(),
            index.len(),
            loadavg()
        );
        println!("  all keystrokes, first answer: {}", summary(&mut all));
        println!(
            "  all keystrokes, answer over every row: {}",
            summary(&mut fulls)
        );
        let mut classes: Vec<(&str, Vec<f64>)> = Vec::new();
        for (q, (v, _)) in QUERIES.iter().zip(&per_query) {
            match classes.iter_mut().find(|(c, _)| *c == class(q)) {
                Some((_, all)) => all.extend(v),
                None => classes.push((class(q), v.clone())),
            }
        }
        for (c, mut v) in classes {
            println!("  {c:<18} {}", summary(&mut v));
        }
        for (q, (v, total)) in QUERIES.iter().zip(per_query) {
            let mut v = v;
            println!("  {:<10} {:>7} hits  {}", q, total, summary(&mut v));
        }
        println!("  per keystroke, median/max ms:");
        for (q, prefixes) in QUERIES.iter().zip(per_prefix) {
            let chars: Vec<char> = q.chars().collect();
            let cells: Vec<String> = prefixes
                .into_iter()
                .enumerate()
                .map(|(n, mut v)| {
                    v.sort_by(f64::total_cmp);
                    let typed: String = chars[..=n].iter().collect();
                    format!("{typed} {:.1}/{:.1}", pct(&v, 0.5), v[v.len() - 1])
                })
                .collect();
            println!("    {}", cells.join("  "));
        }
    }

    // With filters on, a capped answer is followed by a query for every hit (the filters then
    // narrow all of them); the best hits are on screen meanwhile, so this is the time to the
    // complete filtered list, not to the first frame.
    let w = SearchWorker::spawn(index.clone().with_threads(2));
    w.query(0, "电");
    while !w.recv().expect("an answer").coverage.complete {}
    let (per_query, _, _) = type_queries(&w, true, repeats);
    let mut all: Vec<f64> = per_query
        .iter()
        .flat_map(|(v, _)| v.iter().copied())
        .collect();
    println!(
        "\nevery hit (sent after a capped answer while filters are on), 2 threads: {}",
        summary(&mut all)
    );
    if quick {
        return;
    }

    // Reference: a full single-threaded scan per query, no narrowing, no top-k.
    let single = index.clone().with_threads(1);
    let mut full = Vec::new();
    for q in QUERIES {
        let t = Instant::now();
        let n = single.search(q).len();
        full.push(ms(t.elapsed()));
        std::hint::black_box(n);
    }
    println!(
        "\nreference, Index::search (all hits sorted, 1 thread, full scan) per whole query: {}",
        summary(&mut full)
    );
}
