//! The real binary: import exit statuses and JSON report, dry runs, export (formula
//! neutralisation, round trip through the CLI), list and show.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("d.db")
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_duijie"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("DUIJIE_DB")
            // English messages, whatever the shell's locale or the user's config.
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("DUIJIE_CONFIG", self.dir.path().join("no-config.toml"))
            .output()
            .unwrap()
    }
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn exit_status_is_0_when_all_rows_are_taken_3_with_rejects_1_when_unreadable() {
    let env = Env::new();
    let good = env.file(
        "good.csv",
        "需求名称,企业名称,预算\n铜箔,江铜,50\n压铸,某厂,面议\n".as_bytes(),
    );
    let o = env.run(&["import", "demands", p(&good)]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        stdout(&o).lines().next().unwrap(),
        "good.csv: 2 added, 0 updated, 0 unchanged, 0 rejected"
    );

    let some_bad = env.file(
        "bad.csv",
        "需求名称,企业名称,预算\n铜箔,江铜,50\n,无名,1\n坏,乙,abc\n".as_bytes(),
    );
    let o = env.run(&["import", "demands", p(&some_bad), "--json"]);
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    let v = json(&o);
    assert_eq!(v["added"], 0);
    assert_eq!(v["unchanged"], 1);
    assert_eq!(v["rejected"][0]["line"], 3);
    assert_eq!(v["rejected"][0]["reason"], "no title");
    assert_eq!(v["rejected"][1]["line"], 4);
    let rejects = v["rejects_file"].as_str().unwrap();
    assert!(Path::new(rejects).exists());
    assert!(Path::new(rejects).starts_with(env.dir.path().join("rejects")));

    let o = env.run(&["import", "demands", p(&some_bad)]);
    let text = stdout(&o);
    assert!(text.contains("line 3: no title"), "{text}");
    assert!(text.contains("rejects saved to "), "{text}");

    let missing = env.dir.path().join("nope.csv");
    let o = env.run(&["import", "demands", p(&missing)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nope.csv"), "{err}");

    let garbage = env.file("garbage.xlsx", b"not a workbook at all");
    let o = env.run(&["import", "results", p(&garbage)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("garbage.xlsx"));

    let o = env.run(&["import", "widgets", p(&good)]);
    assert_eq!(o.status.code(), Some(2), "usage error");
}

#[test]
fn dry_run_reports_without_writing() {
    let env = Env::new();
    let f = env.file("r.tsv", "成果名称\t完成单位\n负极\t郑大\n".as_bytes());
    let o = env.run(&["import", "results", p(&f), "--dry-run", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["added"], 1);
    // Nothing was written: not even the database the dry run would have gone into.
    let o = env.run(&["list", "results", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = env.run(&["import", "results", p(&f), "--json"]);
    assert_eq!(json(&o)["added"], 1);
    let o = env.run(&["import", "results", p(&f), "--dry-run", "--json"]);
    assert_eq!(json(&o)["unchanged"], 1, "a dry run on a database reads it");
    let o = env.run(&["import", "results", p(&f), "--json"]);
    assert_eq!(
        (json(&o)["added"].clone(), json(&o)["unchanged"].clone()),
        (0.into(), 1.into())
    );
}

#[test]
fn export_neutralises_formulas_and_round_trips_into_an_empty_database() {
    let env = Env::new();
    let src = "编号,成果名称,完成单位,负责人,价格,电话,备注,预算\n\
               0012,=HYPERLINK(\"http://x\"),@某大学,+李,12.5万,+86 138 0013 8000,-注意,7\n\
               13,负极材料,郑州大学,王,面议,13800138000,,\n";
    let f = env.file("r.csv", src.as_bytes());
    assert_eq!(
        env.run(&["import", "results", p(&f)]).status.code(),
        Some(0)
    );

    let o = env.run(&["export", "results"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let csv_text = stdout(&o);
    assert!(
        csv_text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{csv_text}"
    );
    assert!(csv_text.contains(",'@某大学,"), "{csv_text}");
    assert!(csv_text.contains(",'+86 138 0013 8000,"), "{csv_text}");
    assert!(
        !csv_text.contains(",=") && !csv_text.contains(",@某"),
        "{csv_text}"
    );

    let json_out = env.run(&["export", "results", "--format", "json"]);
    let v = json(&json_out);
    assert_eq!(
        v[0]["title"], "=HYPERLINK(\"http://x\")",
        "JSON is not neutralised"
    );
    assert_eq!(v[0]["price_wan"], 12.5);
    assert_eq!(v[0]["预算"], "7");

    let listed = json(&env.run(&["list", "results", "--json"]));
    for (fmt, ext) in [("csv", "csv"), ("json", "json"), ("xlsx", "xlsx")] {
        let out = env.dir.path().join(format!("out.{ext}"));
        let o = env.run(&["export", "results", "--format", fmt, "-o", p(&out)]);
        assert_eq!(o.status.code(), Some(0), "{fmt}: {o:?}");
        let env2 = Env::new();
        let o = env2.run(&["import", "results", p(&out), "--json"]);
        assert_eq!(o.status.code(), Some(0), "{fmt}: {o:?}");
        assert_eq!(json(&o)["added"], 2, "{fmt}");
        let again = json(&env2.run(&["list", "results", "--json"]));
        let strip = |v: &serde_json::Value| {
            let mut v = v.clone();
            for r in v.as_array_mut().unwrap() {
                let m = r.as_object_mut().unwrap();
                m.remove("created_at");
                m.remove("updated_at");
            }
            v
        };
        assert_eq!(strip(&again), strip(&listed), "{fmt} round trip");
        // Importing the export into the same database changes nothing.
        let o = env.run(&["import", "results", p(&out), "--json"]);
        assert_eq!(json(&o)["unchanged"], 2, "{fmt}");
    }

    let o = env.run(&["export", "results", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn list_and_show_print_sanitised_fields() {
    let env = Env::new();
    let f = env.file(
        "d.csv",
        "需求名称,企业名称,行业领域,地区,预算,备注\n\"铜箔\u{1b}[31m红\",江西铜业集团有限公司,新材料,江西,50,\"两行\n备注\"\n".as_bytes(),
    );
    env.run(&["import", "demands", p(&f)]);
    let o = env.run(&["list", "demands"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    let line = text.lines().nth(1).unwrap();
    assert!(
        line.starts_with("D1 ") && line.contains("江西铜业集团有限公司") && line.ends_with("50"),
        "{line}"
    );

    let o = env.run(&["show", "d1"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.contains("需求名称 title") && text.contains("铜箔红"),
        "{text}"
    );
    assert!(
        text.contains("备注") && text.contains("两行 备注"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'));

    let v = json(&env.run(&["show", "D1", "--json"]));
    assert_eq!(v["code"], "D1");
    assert_eq!(v["budget_wan"], 50.0);
    assert_eq!(v["extra"]["备注"], "两行\n备注");

    let o = env.run(&["show", "D9"]);
    assert_eq!(o.status.code(), Some(1));
    // A pair code goes to the pipeline's `show`; there is no pair yet.
    let o = env.run(&["show", "P1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("P1 not found"));
}
