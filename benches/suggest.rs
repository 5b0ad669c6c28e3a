//! Suggestion speed at 100,000 records (half demands, half results) built from the NSFC
//! project list in shared/data: segmenter start-up, index build (both kinds, and one kind as
//! the CLI does), then `suggest` for 50 query records: median, p99 and max.
//!
//! Run: `cargo bench --bench suggest` (DUIJIE_BENCH_CSV overrides the CSV path,
//! DUIJIE_BENCH_N the record count).

use std::time::{Duration, Instant};

use duijie::domain::{Kind, Record};
use duijie::matching::SuggestIndex;

const DEFAULT_CSV: &str = "/work/shared/data/nsfc_projects.csv";
const QUERIES: usize = 50;

/// Topical words mixed into titles so the corpus is not only management science.
const TOPICS: &[&str] = &[
    "电解铜箔",
    "硅碳负极",
    "钙钛矿",
    "铝镁合金",
    "锂电池",
    "石墨烯",
    "5G基站",
    "AI视觉",
    "智能传感器",
    "稀土永磁",
    "中药材",
    "高原特色农业",
    "污水处理",
    "储能",
    "轨道交通",
    "工业互联网",
    "单克隆抗体",
    "光伏组件",
    "碳纤维",
    "氢能",
];
const SUFFIXES: &[&str] = &[
    "",
    "的关键技术",
    "及产业化",
    "工艺优化",
    "应用示范",
    "研究与开发",
    "系统集成",
];
const FIELDS: &[&str] = &[
    "新一代信息技术",
    "人工智能",
    "智能传感器",
    "新材料",
    "光伏",
    "锂电",
    "铝镁合金",
    "生物医药",
    "高原特色生物",
    "节能环保",
    "高端装备",
    "轨道交通",
    "电气装备",
    "现代农业",
    "化工",
];
const MATURITY: &[&str] = &["实验室", "小试", "中试", "小批量", "已产业化", "TRL 6", ""];

/// A small deterministic generator (no dependency needed for shuffling test data).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

struct Row {
    title: String,
    org: String,
    region: String,
}

fn load_rows(path: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    reader
        .records()
        .filter_map(Result::ok)
        .map(|r| Row {
            title: r.get(0).unwrap_or_default().to_string(),
            org: r.get(1).unwrap_or_default().to_string(),
            region: format!(
                "{}{}",
                r.get(3).unwrap_or_default(),
                r.get(12).unwrap_or_default()
            ),
        })
        .filter(|r| !r.title.is_empty())
        .collect()
}

fn generate(rows: &[Row], n: usize) -> Vec<Record> {
    let mut rng = Lcg(42);
    (0..n)
        .map(|i| {
            let kind = if i % 2 == 0 {
                Kind::Demand
            } else {
                Kind::Achievement
            };
            let row = &rows[rng.next() % rows.len()];
            let topic = rng.pick(TOPICS);
            let title = format!("{topic}{}{}", row.title, rng.pick(SUFFIXES));
            let mut r = Record::new(kind, title);
            r.id = i as i64 + 1;
            r.seq = i as i64 / 2 + 1;
            r.org.clone_from(&row.org);
            r.region.clone_from(&row.region);
            r.field = rng.pick(FIELDS).to_string();
            // A description of three other titles (~80–120 characters), as real ones run on.
            r.description = (0..3)
                .map(|_| rows[rng.next() % rows.len()].title.as_str())
                .collect::<Vec<_>>()
                .join("。");
            r.keywords = format!("{topic}、{}", rng.pick(TOPICS));
            let amount = duijie::domain::Money::from_wan((rng.next() % 500) as i64 + 10);
            match kind {
                Kind::Demand => r.budget = amount,
                Kind::Achievement => {
                    r.price = amount;
                    r.maturity = rng.pick(MATURITY).to_string();
                }
            }
            r
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let csv = std::env::var("DUIJIE_BENCH_CSV").unwrap_or_else(|_| DEFAULT_CSV.to_string());
    let n: usize = std::env::var("DUIJIE_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let rows = load_rows(&csv);
    let records = generate(&rows, n);
    println!("suggest bench: {n} records from {} source rows", rows.len());

    let t = Instant::now();
    duijie::matching::terms::warm_up();
    println!(
        "jieba start-up (dictionary + domain words): {:.1} ms",
        ms(t.elapsed())
    );

    let t = Instant::now();
    let index = SuggestIndex::build(&records);
    println!(
        "build, both kinds ({} threads): {:.0} ms",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        ms(t.elapsed())
    );

    let results: Vec<Record> = records
        .iter()
        .filter(|r| r.kind == Kind::Achievement)
        .cloned()
        .collect();
    let t = Instant::now();
    let one_kind = SuggestIndex::build(&results);
    println!(
        "build, results only ({} records, what `duijie suggest D…` does): {:.0} ms",
        results.len(),
        ms(t.elapsed())
    );
    drop(one_kind);

    let mut rng = Lcg(7);
    let mut times = Vec::with_capacity(QUERIES);
    let mut found = 0;
    for _ in 0..QUERIES {
        let q = &records[rng.next() % records.len()];
        let t = Instant::now();
        let s = index.suggest(q, 10);
        times.push(t.elapsed());
        found += s.len();
        std::hint::black_box(s);
    }
    times.sort();
    let p = |q: f64| ms(times[((times.len() as f64 - 1.0) * q).round() as usize]);
    println!(
        "suggest x{QUERIES} (limit 10, {found} suggestions): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        p(0.5),
        p(0.99),
        ms(*times.last().unwrap())
    );
}
