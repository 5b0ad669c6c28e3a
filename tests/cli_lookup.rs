//! `duijie find` looks people up: a caller's number (any writing, or its last 4+ digits), a
//! name or an email finds the contact, shown first as a row of its own, and after the direct
//! hits the records of its organisation that do not carry the number themselves.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use duijie::domain::{Kind, Record};

struct Env {
    dir: tempfile::TempDir,
}

fn rec(kind: Kind, title: &str, org: &str, contact: &str, phone: &str, email: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.org = org.into();
    r.contact = contact.into();
    r.phone = phone.into();
    r.email = email.into();
    r
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        common::write_db(
            &env.db(),
            &[
                rec(
                    Kind::Demand,
                    "气体传感器标定",
                    "汉威科技集团股份有限公司",
                    "张伟",
                    "139-0000-2222",
                    "zhang.wei@hanwei.com",
                ),
                rec(Kind::Demand, "MEMS 工艺改进", "汉威科技", "", "", ""),
                rec(
                    Kind::Achievement,
                    "物联网燃气表",
                    "汉威科技集团",
                    "李娜",
                    "13711113333",
                    "",
                ),
                rec(
                    Kind::Achievement,
                    "锂电池回收",
                    "郑州大学",
                    "王强",
                    "0371-6778 1234",
                    "",
                ),
                rec(
                    Kind::Demand,
                    "小型除湿机",
                    "",
                    "赵敏\u{1b}[31m",
                    "135 6666 7777",
                    "",
                ),
            ],
        );
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("d.db")
    }

    fn run(&self, lang: &str, args: &[&str]) -> Output {
        let home = self.dir.path();
        Command::new(env!("CARGO_BIN_EXE_duijie"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("DUIJIE_DB")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("HOME", home)
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("LANG", lang)
            .env("DUIJIE_CONFIG", home.join("no-config.toml"))
            .output()
            .unwrap()
    }

    fn json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["find", "--json"];
        all.extend_from_slice(args);
        let o = self.run("en_US.UTF-8", &all);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        serde_json::from_slice::<serde_json::Value>(&o.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

fn codes(v: &[serde_json::Value]) -> Vec<String> {
    v.iter()
        .map(|o| o["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_number_however_written_finds_the_contact_and_its_organisations_records() {
    let env = Env::new();
    for q in [
        vec!["13900002222"],
        vec!["139-0000-2222"],
        vec!["+86", "139", "0000", "2222"],
        vec!["2222"],
    ] {
        let v = env.json(&q);
        // The person first, then D1 (which carries the number), then 汉威's other records.
        assert_eq!(codes(&v)[..2], ["C1", "D1"], "{q:?}: {v:#?}");
        let mut rest = codes(&v)[2..].to_vec();
        rest.sort();
        assert_eq!(rest, ["D2", "R1"], "{q:?}: {v:#?}");
        let c = &v[0];
        assert_eq!(c["kind"], "contact");
        assert_eq!(c["contact"], "张伟");
        assert_eq!(c["org"], "汉威科技集团股份有限公司");
        assert_eq!(c["phone"], "139-0000-2222");
        assert_eq!(c["email"], "zhang.wei@hanwei.com");
        assert!(c["via"].is_null());
        let d2 = v.iter().find(|o| o["code"] == "D2").unwrap();
        assert_eq!(d2["kind"], "demand");
        assert_eq!(d2["via"], "C1", "reached through the contact");
        assert_eq!(d2["phone"], "", "D2 does not carry the number");
        assert!(d2["score"].as_i64().unwrap() < c["score"].as_i64().unwrap());
        let d1 = v.iter().find(|o| o["code"] == "D1").unwrap();
        assert!(d1["via"].is_null(), "D1 matched itself");
        // Every object has the same keys.
        for o in &v {
            let mut keys: Vec<&String> = o.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(
                keys,
                [
                    "code", "contact", "email", "kind", "org", "phone", "score", "title", "via"
                ],
            );
        }
    }
}

#[test]
fn a_name_an_email_and_the_kinds() {
    let env = Env::new();
    assert_eq!(codes(&env.json(&["张伟"]))[0], "C1");
    assert_eq!(codes(&env.json(&["Zhang.Wei@HanWei.com"]))[0], "C1");
    assert_eq!(codes(&env.json(&["--kind", "contact", "2222"])), ["C1"]);
    // Demands only: no contact row, 汉威's demands.
    assert_eq!(
        codes(&env.json(&["--kind", "demand", "2222"])),
        ["D1", "D2"]
    );
    assert_eq!(codes(&env.json(&["--kind", "result", "2222"])), ["R1"]);
    // A contact with no organisation reaches its own record only.
    let v = env.json(&["7777"]);
    assert_eq!(codes(&v), ["C4", "D3"]);
    assert_eq!(v[0]["org"], "");
    // --limit counts the person too.
    assert_eq!(codes(&env.json(&["--limit", "2", "2222"])), ["C1", "D1"]);
    let o = env.run("en_US.UTF-8", &["find", "--kind", "contact", "锂电池"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
}

#[test]
fn the_table_shows_the_person_first_sanitised_in_the_users_language() {
    let env = Env::new();
    let o = env.run("zh_CN.UTF-8", &["find", "135-6666-7777"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].starts_with("C4") && lines[1].contains("联系人"),
        "{out}"
    );
    assert!(
        lines[1].contains("赵敏") && lines[1].contains("135 6666 7777"),
        "{out}"
    );
    assert!(lines[2].starts_with("D3"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let en = String::from_utf8(env.run("en_US.UTF-8", &["find", "7777"]).stdout).unwrap();
    assert!(en.lines().nth(1).unwrap().contains("contact"), "{en}");
}
