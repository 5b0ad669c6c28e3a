//! Import benchmark: 100,000 generated result rows (titles and institutions taken from the
//! NSFC corpus in ../shared/data, varied with suffixes) imported into a fresh database file,
//! then imported again (every row unchanged). Prints rows/s and seconds for both.
//! Run: `cargo bench --bench import` (target: first import under 3 s on 2 cores).

use std::fmt::Write as _;
use std::time::Instant;

use duijie::db::Db;
use duijie::domain::Kind;
use duijie::import::{ImportOptions, import_file};

const ROWS: usize = 100_000;

/// CPU seconds (user + system) of `/proc/<what>/stat`: `self` for the whole process,
/// `thread-self` for the calling thread (the import's writer). On a busy machine these say
/// more than wall time; they read 0 where /proc is missing.
fn cpu_secs(what: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{what}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    // USER_HZ is 100 on Linux.
    f.iter().sum::<u64>() as f64 / 100.0
}

/// Runs `f`, printing wall time, rows/s and CPU seconds (writer thread, whole process).
fn timed<T>(label: &str, f: impl FnOnce() -> T) -> (T, f64) {
    let (p0, t0) = (cpu_secs("self"), cpu_secs("thread-self"));
    let t = Instant::now();
    let out = f();
    let wall = t.elapsed().as_secs_f64();
    println!(
        "{label} {wall:.2} s, {:.0} rows/s; CPU {:.2} s in the writer thread, {:.2} s in all",
        ROWS as f64 / wall,
        cpu_secs("thread-self") - t0,
        cpu_secs("self") - p0
    );
    (out, wall)
}

fn corpus() -> Vec<(String, String, String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/nsfc_projects.csv"
    );
    let deeper = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/nsfc_projects.csv"
    );
    let mut out = Vec::new();
    let found = if std::path::Path::new(path).exists() {
        path
    } else {
        deeper
    };
    if let Ok(mut rd) = csv::Reader::from_path(found) {
        for r in rd.records().flatten() {
            out.push((
                r[0].to_string(),
                r[1].to_string(),
                r[3].to_string(),
                r[7].to_string(),
            ));
        }
    }
    if out.is_empty() {
        eprintln!("note: {path} not found; using a small built-in vocabulary");
        for (i, t) in [
            "锂电池硅碳负极材料",
            "高精度电解铜箔",
            "铝镁合金压铸工艺",
            "光伏组件回收",
        ]
        .iter()
        .enumerate()
        {
            out.push((
                (*t).into(),
                format!("示例大学{i}"),
                "江西省".into(),
                "张三".into(),
            ));
        }
    }
    out
}

fn main() {
    let corpus = corpus();
    let suffixes = [
        "",
        "及其应用",
        "关键技术",
        "的产业化",
        "中试验证",
        "（二期）",
        "优化研究",
    ];
    let fields = [
        "新材料",
        "锂电",
        "光伏",
        "生物医药",
        "高端装备",
        "人工智能",
        "节能环保",
    ];
    let mut text = String::with_capacity(ROWS * 200);
    text.push_str(
        "编号,成果名称,完成单位,技术领域,地区,负责人,成熟度,合作方式,价格,联系电话,关键词,备注\n",
    );
    for i in 0..ROWS {
        let (title, org, region, lead) = &corpus[i % corpus.len()];
        let suffix = suffixes[(i / corpus.len()) % suffixes.len()];
        let _ = writeln!(
            text,
            "G{i:06},\"{title}{suffix}\",{org},{},{region},{lead},中试,转让;许可,{}万元,138{:08},\"{}\",批次{}",
            fields[i % fields.len()],
            (i % 500) + 10,
            i,
            fields[(i + 3) % fields.len()],
            i / 1000
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("results.csv");
    std::fs::write(&csv_path, &text).unwrap();
    let db_path = dir.path().join("bench.db");
    let mut db = Db::open(&db_path).unwrap();
    let opts = ImportOptions {
        rejects_dir: Some(dir.path().to_path_buf()),
        ..ImportOptions::default()
    };
    println!(
        "import benchmark: {ROWS} rows, {:.1} MB CSV",
        text.len() as f64 / 1e6
    );

    let (first, _) = timed("first import:", || {
        import_file(&mut db, Kind::Achievement, &csv_path, &opts).unwrap()
    });
    assert_eq!(first.added, ROWS, "{first:?}");
    let (again, _) = timed("re-import:   ", || {
        import_file(&mut db, Kind::Achievement, &csv_path, &opts).unwrap()
    });
    assert_eq!(again.added, 0);
    assert_eq!(again.unchanged, ROWS);

    let t = Instant::now();
    let table = duijie::import::read_table("results.csv", text.as_bytes(), &opts).unwrap();
    println!(
        "  of which decoding + CSV parsing: {:.2} s ({} rows)",
        t.elapsed().as_secs_f64(),
        table.rows.len()
    );
}
