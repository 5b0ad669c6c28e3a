//! `duijie find`: the lookup from the shell while an enterprise is on the phone — words across
//! fields, a phrase, a phone number; a table aligned by display width (cut to a terminal's
//! width), JSON for scripts, exit 1 when nothing matches, messages in the user's language.

mod common;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use duijie::domain::{Kind, Record};
use unicode_width::UnicodeWidthStr;

struct Env {
    dir: tempfile::TempDir,
}

fn rec(kind: Kind, title: &str, org: &str, keywords: &str, contact: &str, phone: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.org = org.into();
    r.keywords = keywords.into();
    r.contact = contact.into();
    r.phone = phone.into();
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
                    Kind::Achievement,
                    "废旧锂电池梯次利用",
                    "中南大学",
                    "回收；提锂",
                    "张三",
                    "138-0000-0021",
                ),
                rec(
                    Kind::Achievement,
                    "焦化废水处理",
                    "天津大学",
                    "焦化",
                    "王五",
                    "022-2740 1234",
                ),
                rec(
                    Kind::Demand,
                    "锂电池回收产线改造",
                    "湖南邦普循环\u{1b}[31m",
                    "",
                    "李经理",
                    "+86 139 0000 2222",
                ),
                rec(Kind::Demand, "高强铝合金压铸", "重庆长安", "", "", ""),
            ],
        );
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("d.db")
    }

    fn home(&self) -> &Path {
        self.dir.path()
    }

    fn cmd(&self, lang: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_duijie"));
        c.arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("DUIJIE_DB")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("HOME", self.home())
            .env("XDG_CACHE_HOME", self.home().join("cache"))
            .env("LANG", lang)
            .env("DUIJIE_CONFIG", self.home().join("no-config.toml"));
        c
    }

    fn run(&self, lang: &str, args: &[&str]) -> Output {
        self.cmd(lang, args).output().unwrap()
    }
}

const ZH: &str = "zh_CN.UTF-8";
const EN: &str = "en_US.UTF-8";

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn finds_across_both_lists_as_a_table_in_the_users_language() {
    let env = Env::new();
    let o = env.run(ZH, &["find", "锂电池", "回收"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for h in ["编号", "类型", "标题", "单位", "联系人", "电话"] {
        assert!(lines[0].contains(h), "{out}");
    }
    assert!(out.contains("R1") && out.contains("D1"), "{out}");
    assert!(out.contains("成果") && out.contains("需求"), "{out}");
    assert!(
        out.contains("张三") && out.contains("138-0000-0021"),
        "{out}"
    );
    // Data is sanitised: no escape sequence reaches the terminal.
    assert!(!out.contains('\u{1b}'), "{out:?}");
    // Columns line up by display width: every row's contact starts where the header's does.
    let col = |l: &str, s: &str| l[..l.find(s).unwrap()].width();
    let phone_at = col(lines[0], "电话");
    assert!(
        lines[1..].iter().all(|l| {
            let at = l.find("138").or_else(|| l.find("+86")).unwrap();
            l[..at].width() == phone_at
        }),
        "{out}"
    );

    let en = stdout(&env.run(EN, &["find", "锂电池", "回收"]));
    assert!(en.lines().next().unwrap().contains("contact"), "{en}");
    assert!(en.contains("result") && en.contains("demand"), "{en}");
}

#[test]
fn phrases_phones_and_kinds() {
    let env = Env::new();
    let codes = |args: &[&str]| -> Vec<String> {
        let o = env.run(EN, args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| h["code"].as_str().unwrap().to_string())
            .collect()
    };
    let mut split = codes(&["find", "锂电池回收", "--json"]);
    split.sort();
    assert_eq!(split, ["D1", "R1"]);
    assert_eq!(codes(&["find", "天津大学焦化", "--json"]), ["R2"]);
    // A number names a person too: the contact comes first (tests/cli_lookup.rs).
    assert_eq!(
        codes(&["find", "138", "0000", "0021", "--json"]),
        ["C1", "R1"]
    );
    assert_eq!(codes(&["find", "+86 13900002222", "--json"]), ["C3", "D1"]);
    assert_eq!(codes(&["find", "2222", "--json"]), ["C3", "D1"]);
    assert_eq!(
        codes(&["find", "锂电池", "--kind", "demand", "--json"]),
        ["D1"]
    );
    assert_eq!(codes(&["find", "锂电池", "!回收", "--json"]).len(), 0);
    assert_eq!(codes(&["find", "^tj", "--json"]), ["R2"]);
    assert_eq!(
        codes(&["find", "锂电池", "--limit", "1", "--json"]).len(),
        1
    );
}

#[test]
fn json_has_every_column_and_a_score_and_no_hits_exit_1() {
    let env = Env::new();
    let o = env.run(ZH, &["find", "张三", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The person 张三 comes first, then the record carrying the name.
    assert_eq!(v[0]["kind"], "contact");
    let hit = &v.as_array().unwrap()[1];
    for k in ["code", "kind", "title", "org", "contact", "phone", "score"] {
        assert!(hit.get(k).is_some(), "{k}: {hit}");
    }
    assert_eq!(hit["kind"], "result");
    assert_eq!(hit["phone"], "138-0000-0021");
    assert!(hit["score"].as_i64().unwrap() > 0);

    let none = env.run(ZH, &["find", "量子计算", "--json"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(stdout(&none).trim(), "[]");
    let none = env.run(ZH, &["find", "量子计算"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    let err = String::from_utf8(none.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("没有找到"), "{err}");
    let err = String::from_utf8(env.run(EN, &["find", "量子计算"]).stderr).unwrap();
    assert!(err.contains("nothing found"), "{err}");
}

#[test]
fn the_cache_follows_writes_from_other_commands() {
    let env = Env::new();
    assert_eq!(env.run(EN, &["find", "钠离子"]).status.code(), Some(1));
    assert!(env.home().join("cache").exists(), "the index is cached");
    let add = env.run(EN, &["add", "result", "--title", "钠离子电池正极"]);
    assert!(add.status.success(), "{add:?}");
    let o = env.run(EN, &["find", "钠离子"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(stdout(&o).contains("钠离子电池正极"));
}

#[test]
fn the_cached_answer_is_the_uncached_one_and_a_damaged_cache_is_rebuilt() {
    let env = Env::new();
    let queries: [&[&str]; 6] = [
        &["锂电池", "回收"],
        &["锂电池回收"],
        &["dian"],
        &["13800000021"],
        &["^天津", "!焦化"],
        &["lidian"],
    ];
    let answer = |q: &[&str]| {
        let o = env.run(EN, &[&["find", "--json"], q].concat());
        (o.status.code(), stdout(&o))
    };
    // The first run of each builds the index from the database (and caches it).
    let uncached: Vec<_> = queries
        .iter()
        .map(|q| {
            let _ = std::fs::remove_dir_all(env.home().join("cache"));
            answer(q)
        })
        .collect();
    assert!(uncached.iter().any(|(code, _)| *code == Some(0)));
    let cached: Vec<_> = queries.iter().copied().map(answer).collect();
    assert_eq!(cached, uncached);
    // Bytes changed in the middle of each cache file: rebuilt, same answers.
    let dir = env.home().join("cache/duijie/index");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let good: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    for (f, bytes) in files.iter().zip(&good) {
        let mut bad = bytes.clone();
        let mid = bad.len() / 2;
        bad[mid..mid + 16].iter_mut().for_each(|b| *b ^= 0x55);
        std::fs::write(f, bad).unwrap();
    }
    let again: Vec<_> = queries.iter().copied().map(answer).collect();
    assert_eq!(again, uncached);
    for (f, bytes) in files.iter().zip(&good) {
        assert_eq!(&std::fs::read(f).unwrap(), bytes, "{}", f.display());
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::new();
    let many: Vec<Record> = (0..3000)
        .map(|i| {
            rec(
                Kind::Demand,
                &format!("锂电池需求{i}"),
                "某公司",
                "",
                "",
                "",
            )
        })
        .collect();
    common::write_db(&env.db(), &many);
    for args in [
        &["find", "锂电池", "--limit", "3000", "--json"][..],
        &["find", "锂电池", "--limit", "3000"],
    ] {
        let mut child = env
            .cmd(ZH, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {o:?}");
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn a_narrow_terminal_gets_the_table_cut_to_its_width() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let env = Env::new();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 20,
            cols: 41,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_duijie"));
    cmd.args(["--db", env.db().to_str().unwrap(), "find", "锂电池"]);
    cmd.env("HOME", env.home());
    cmd.env("XDG_CACHE_HOME", env.home().join("cache"));
    cmd.env("LANG", ZH);
    cmd.env("DUIJIE_CONFIG", env.home().join("no-config.toml"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    drop(pair.master);
    let mut raw = Vec::new();
    let _ = reader.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).replace('\r', "");
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{text}");
    for l in &lines {
        assert!(l.width() <= 41, "{} > 41: {l}", l.width());
    }
    assert!(text.contains('…'), "cut: {text}");
    // The contact column lines up, and the phone (what a call needs) is not cut.
    let at = |l: &str| l[..l.find("张三").or_else(|| l.find("李经理")).unwrap()].width();
    assert_eq!(at(lines[1]), at(lines[2]), "{text}");
    assert!(
        text.contains("+86 139 0000 2222") && text.contains("138-0000-0021"),
        "{text}"
    );
}
