//! The records: N rows (half demands, half results) grown from the 17,926 real NSFC
//! projects, imported into a database with the binary under test, and the same rows as one
//! line each for fzf. Everything is cached per size; a stamp written last marks a complete set.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Changes whenever the generated rows change, so an old cache is rebuilt.
const GENERATOR: &str = "desk-bench data v2 (phones)";

/// The phone number of the first demand, typed by the bench as a phone query.
pub const PHONE_QUERY: &str = "13800000021";

/// A mobile number for row `j` of a kind, written as people write them: every other one with
/// separators (138-0000-0021); the first demand's is [`PHONE_QUERY`].
fn phone(j: usize, demand: bool, rng: &mut Rng) -> String {
    let digits = if j == 0 && demand {
        PHONE_QUERY.to_string()
    } else {
        format!("1{}{:09}", 3 + rng.below(7), rng.below(1_000_000_000))
    };
    if j.is_multiple_of(2) {
        digits
    } else {
        format!("{}-{}-{}", &digits[..3], &digits[3..7], &digits[7..])
    }
}

/// One generated record.
struct Row {
    ext_id: String,
    title: String,
    org: String,
    field: String,
    region: String,
    amount: u32,
    phone: String,
}

/// A project from the NSFC file.
struct Project {
    title: String,
    org: String,
    region: String,
    city: String,
    amount: u32,
}

/// Files of one size, ready to measure.
pub struct Set {
    pub n: usize,
    pub demands: usize,
    pub results: usize,
    pub db: PathBuf,
    pub lines: PathBuf,
    /// Seconds the two imports took (when this run made them), for the record.
    pub import_secs: Option<f64>,
}

/// Technology fields: the NSFC file has one label for every row; brokers see these.
const FIELDS: [&str; 20] = [
    "电子信息",
    "5G通信",
    "人工智能",
    "集成电路",
    "新材料",
    "电解铜箔",
    "锂电池",
    "新能源",
    "光伏",
    "氢能",
    "生物医药",
    "医疗器械",
    "高端装备",
    "智能制造",
    "节能环保",
    "现代农业",
    "食品加工",
    "精细化工",
    "轨道交通",
    "管理咨询",
];

/// Endings that make a copy of a title a different project, as follow-up projects read.
const SUFFIXES: [&str; 12] = [
    "及应用",
    "关键技术",
    "的应用示范",
    "中试验证",
    "产业化",
    "（二期）",
    "新方法",
    "优化研究",
    "与评价",
    "平台建设",
    "在企业中的推广",
    "集成创新",
];

/// How enterprises phrase a demand.
const DEMAND_LEADS: [&str; 5] = ["", "寻求", "征集", "求购：", "合作开发"];

/// Enterprise names: city + brand + trade + form.
const BRANDS: [&str; 24] = [
    "华创", "中科", "恒信", "瑞丰", "天成", "金石", "博远", "鼎新", "宏图", "凯达", "远航", "新锐",
    "汇通", "海川", "盛世", "同力", "正泰", "安澜", "长青", "启明", "晨光", "佳禾", "联合", "东方",
];
const TRADES: [&str; 8] = [
    "科技",
    "新材料",
    "电子",
    "能源",
    "生物",
    "智能装备",
    "环保",
    "精密机械",
];
const FORMS: [&str; 2] = ["有限公司", "股份有限公司"];

/// A small deterministic generator (xorshift64*): the same rows on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn read_projects(csv_path: &Path) -> anyhow::Result<Vec<Project>> {
    let mut rd =
        csv::Reader::from_path(csv_path).with_context(|| format!("read {}", csv_path.display()))?;
    let headers = rd.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .with_context(|| format!("{}: no column {name}", csv_path.display()))
    };
    let (title, org, region, city, amount) = (
        col("title")?,
        col("org")?,
        col("region")?,
        col("city")?,
        col("amount_wan_cny")?,
    );
    let mut out = Vec::new();
    for rec in rd.records() {
        let rec = rec?;
        let get = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        if get(title).is_empty() {
            continue;
        }
        out.push(Project {
            title: get(title),
            org: get(org),
            region: get(region),
            city: get(city),
            amount: get(amount).parse::<f64>().map_or(20, |a| a.max(1.0) as u32),
        });
    }
    if out.len() < 1000 {
        bail!("{}: only {} projects", csv_path.display(), out.len());
    }
    Ok(out)
}

/// `count` rows of one kind. Copy k of a project (k ≥ 1) gets an ending and, for results, the
/// org and region of another project, so no two rows are alike.
fn rows(projects: &[Project], count: usize, demand: bool, seed: u64) -> Vec<Row> {
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..projects.len()).collect();
    rng.shuffle(&mut order);
    let regions: Vec<&str> = projects
        .iter()
        .map(|p| p.region.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    (0..count)
        .map(|j| {
            let base = &projects[order[j % order.len()]];
            let copy = j / order.len();
            let mut title = base.title.clone();
            if copy > 0 {
                title.push_str(SUFFIXES[(copy - 1) % SUFFIXES.len()]);
                let round = (copy - 1) / SUFFIXES.len();
                if round > 0 {
                    let _ = write!(title, "（{}）", round + 1);
                }
            }
            let other = &projects[rng.below(projects.len())];
            let field = FIELDS[rng.below(FIELDS.len())].to_string();
            let amount = base.amount * (1 + rng.below(5) as u32);
            let phone = phone(j, demand, &mut rng);
            if demand {
                let lead = DEMAND_LEADS[rng.below(DEMAND_LEADS.len())];
                let place = if base.city.is_empty() {
                    other.city.trim_end_matches('市')
                } else {
                    base.city.trim_end_matches('市')
                };
                let region = if base.region.is_empty() {
                    regions[rng.below(regions.len())].to_string()
                } else {
                    base.region.clone()
                };
                let org = format!(
                    "{place}{}{}{}",
                    BRANDS[rng.below(BRANDS.len())],
                    TRADES[rng.below(TRADES.len())],
                    FORMS[rng.below(FORMS.len())]
                );
                Row {
                    ext_id: format!("XD{j:07}"),
                    title: format!("{lead}{title}"),
                    org,
                    field,
                    region,
                    amount,
                    phone,
                }
            } else {
                let src = if copy > 0 { other } else { base };
                Row {
                    ext_id: format!("XR{j:07}"),
                    title,
                    org: src.org.clone(),
                    field,
                    region: src.region.clone(),
                    amount,
                    phone,
                }
            }
        })
        .collect()
}

fn write_csv(path: &Path, headers: [&str; 7], rows: &[Row]) -> anyhow::Result<()> {
    let mut w =
        csv::Writer::from_path(path).with_context(|| format!("write {}", path.display()))?;
    w.write_record(headers)?;
    for r in rows {
        w.write_record([
            r.ext_id.as_str(),
            &r.title,
            &r.org,
            &r.field,
            &r.region,
            &r.amount.to_string(),
            &r.phone,
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Runs the binary with a deadline; fails with its stderr.
pub fn run_bin(
    bin: &Path,
    args: &[&str],
    env: &[(String, String)],
    timeout: Duration,
) -> anyhow::Result<String> {
    let mut child = Command::new(bin)
        .args(args)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("start {}", bin.display()))?;
    let end = Instant::now() + timeout;
    loop {
        if child.try_wait()?.is_some() {
            break;
        }
        if Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} {} took more than {} s",
                bin.display(),
                args.join(" "),
                timeout.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output()?;
    // Exit 3 is "some rows rejected": a generated row must never be.
    if !out.status.success() {
        bail!(
            "{} {} failed ({}): {}",
            bin.display(),
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// ext_id → the code the desk shows (D12, R34), from the binary's own CSV export.
fn codes(
    bin: &Path,
    db: &Path,
    what: &str,
    env: &[(String, String)],
    dir: &Path,
    timeout: Duration,
) -> anyhow::Result<HashMap<String, String>> {
    let out = dir.join(format!("export-{what}.csv"));
    let db_s = db.to_string_lossy();
    let out_s = out.to_string_lossy();
    run_bin(
        bin,
        &[
            "--db", &db_s, "export", what, "--format", "csv", "-o", &out_s,
        ],
        env,
        timeout,
    )?;
    let mut rd = csv::Reader::from_path(&out)?;
    let headers = rd.headers()?.clone();
    let col = |names: [&str; 2]| {
        headers
            .iter()
            .position(|h| names.contains(&h.trim_start_matches('\u{feff}')))
            .with_context(|| format!("the {what} export has no {names:?} column"))
    };
    let (code, ext) = (col(["代码", "code"])?, col(["编号", "ext_id"])?);
    let mut map = HashMap::new();
    for rec in rd.records() {
        let rec = rec?;
        map.insert(
            rec.get(ext).unwrap_or("").to_string(),
            rec.get(code).unwrap_or("").to_string(),
        );
    }
    std::fs::remove_file(&out)?;
    Ok(map)
}

/// The set of `n` records under `cache`, generating and importing it when missing.
pub fn prepare(
    n: usize,
    cache: &Path,
    nsfc: &Path,
    bin: &Path,
    env: &[(String, String)],
    timeout: Duration,
) -> anyhow::Result<Set> {
    let dir = cache.join(format!("n{n}"));
    let stamp = dir.join("stamp");
    let want = format!("{GENERATOR}\nn={n}\n");
    let (demands, results) = (n / 2, n - n / 2);
    let set = |import_secs| Set {
        n,
        demands,
        results,
        db: dir.join("desk.db"),
        lines: dir.join("lines.txt"),
        import_secs,
    };
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        eprintln!("  {n}: cached in {}", dir.display());
        return Ok(set(None));
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    eprintln!(
        "  {n}: generating {demands} demands and {results} results from {}",
        nsfc.display()
    );
    let projects = read_projects(nsfc)?;
    let demand_rows = rows(&projects, demands, true, 0x00D5_EED1);
    let result_rows = rows(&projects, results, false, 0x00A5_EED2);
    let (d_csv, r_csv) = (dir.join("demands.csv"), dir.join("results.csv"));
    write_csv(
        &d_csv,
        [
            "编号",
            "需求名称",
            "企业名称",
            "行业领域",
            "所在地区",
            "预算",
            "联系电话",
        ],
        &demand_rows,
    )?;
    write_csv(
        &r_csv,
        [
            "编号",
            "成果名称",
            "完成单位",
            "技术领域",
            "所在地区",
            "转让价格",
            "联系电话",
        ],
        &result_rows,
    )?;

    let db = dir.join("desk.db");
    let db_s = db.to_string_lossy().into_owned();
    let import_start = Instant::now();
    for (what, file) in [("demands", &d_csv), ("results", &r_csv)] {
        eprintln!("  {n}: importing {what} with {}", bin.display());
        run_bin(
            bin,
            &["--db", &db_s, "import", what, &file.to_string_lossy()],
            env,
            timeout,
        )?;
    }
    let import_secs = import_start.elapsed().as_secs_f64();
    eprintln!("  {n}: imported in {import_secs:.1} s; writing the lines for fzf");

    let dc = codes(bin, &db, "demands", env, &dir, timeout)?;
    let rc = codes(bin, &db, "results", env, &dir, timeout)?;
    let mut w = BufWriter::new(std::fs::File::create(dir.join("lines.txt"))?);
    for (rows, map) in [(&demand_rows, &dc), (&result_rows, &rc)] {
        for row in rows {
            let code = map
                .get(&row.ext_id)
                .with_context(|| format!("{} was not imported", row.ext_id))?;
            writeln!(
                w,
                "{code} {} {} {} {} {}",
                row.title, row.org, row.field, row.region, row.phone
            )?;
        }
    }
    w.flush()?;
    for f in [&d_csv, &r_csv] {
        std::fs::remove_file(f)?;
    }
    std::fs::write(&stamp, want)?;
    Ok(set(Some(import_secs)))
}
