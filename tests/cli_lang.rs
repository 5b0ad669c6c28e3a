//! The command line speaks the interface language: the same command under a Chinese and an
//! English locale (or the config's `lang`) prints the Chinese and the English message, while
//! data, `--json` and exit statuses stay the same. A closed stdout ends a command quietly.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, lang: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_duijie"));
        c.arg("--db")
            .arg(self.path("d.db"))
            .args(args)
            .env_remove("DUIJIE_DB")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .env("DUIJIE_CONFIG", self.path("no-config.toml"));
        c
    }

    fn run(&self, lang: &str, args: &[&str]) -> Output {
        self.cmd(lang, args).output().unwrap()
    }

    /// Stdout of a command that must succeed.
    fn ok(&self, lang: &str, args: &[&str]) -> String {
        let o = self.run(lang, args);
        assert!(o.status.success(), "{args:?}: {o:?}");
        String::from_utf8(o.stdout).unwrap()
    }

    /// Stderr of a command that must fail with status 1, on one line.
    fn refused(&self, lang: &str, args: &[&str]) -> String {
        let o = self.run(lang, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {o:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        err
    }
}

const ZH: &str = "zh_CN.UTF-8";
const EN: &str = "en_US.UTF-8";

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn add_edit_move_and_log_confirm_in_the_locale_language() {
    let env = Env::new();
    // The new code is data: the same in both languages.
    assert_eq!(
        env.ok(ZH, &["add", "demand", "--title", "极薄铜箔"]),
        "D1\n"
    );
    assert_eq!(
        env.ok(EN, &["add", "result", "--title", "铜箔添加剂"]),
        "R1\n"
    );

    assert_eq!(
        env.ok(ZH, &["edit", "D1", "--field", "新材料"]),
        "D1 已更新\n"
    );
    assert_eq!(
        env.ok(EN, &["edit", "D1", "--field", "锂电"]),
        "D1 updated\n"
    );
    assert_eq!(
        env.ok(ZH, &["edit", "D1", "--field", "锂电"]),
        "D1 未改动（所给字段与现值相同）\n"
    );
    assert_eq!(
        env.ok(EN, &["edit", "D1", "--field", "锂电"]),
        "D1 unchanged (no field given differs)\n"
    );

    assert_eq!(env.ok(ZH, &["pair", "D1", "R1"]), "P1\n");
    assert_eq!(
        env.ok(ZH, &["move", "P1", "contacted"]),
        "P1：候选 → 已联系，已移动\n"
    );
    assert_eq!(
        env.ok(EN, &["move", "P1", "candidate"]),
        "P1: 已联系 contacted → 候选 candidate\n"
    );

    let log = ["log", "P1", "--channel", "phone", "--note", "谈价格"];
    assert_eq!(env.ok(ZH, &log), "P1：已记录电话；暂无下一步\n");
    assert_eq!(env.ok(EN, &log), "P1: logged 电话 phone; no next action\n");
    let mut with_next = log.to_vec();
    with_next.extend(["--next", "寄样品", "--due", "2030-01-02"]);
    assert_eq!(
        env.ok(ZH, &with_next),
        "P1：已记录电话；下一步：寄样品（2030-01-02 到期）\n"
    );
    assert_eq!(
        env.ok(EN, &with_next),
        "P1: logged 电话 phone; next: 寄样品 (due 2030-01-02)\n"
    );

    let zh_undo = env.ok(ZH, &["undo"]);
    assert!(zh_undo.starts_with("已撤销："), "{zh_undo}");
    assert!(zh_undo.contains("还可撤销"), "{zh_undo}");
    let en_undo = env.ok(EN, &["undo"]);
    assert!(en_undo.starts_with("undone: "), "{en_undo}");
}

#[test]
fn the_config_lang_wins_over_the_locale() {
    let env = Env::new();
    std::fs::write(env.path("zh.toml"), "lang = \"zh\"\n").unwrap();
    env.ok(EN, &["add", "demand", "--title", "铜箔"]);
    let o = env
        .cmd(EN, &["edit", "D1", "--region", "昆明"])
        .env("DUIJIE_CONFIG", env.path("zh.toml"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "D1 已更新\n");
}

#[test]
fn the_import_summary_and_its_rejects_follow_the_locale() {
    let env = Env::new();
    let file = env.path("demands.csv");
    std::fs::write(&file, "需求名称,企业名称,预算\n铜箔,江铜,50\n,某厂,10\n").unwrap();
    let args = ["import", "demands", p(&file), "--dry-run"];

    let zh = env.run(ZH, &args);
    let en = env.run(EN, &args);
    assert_eq!(zh.status.code(), Some(3), "{zh:?}");
    assert_eq!(en.status.code(), Some(3), "{en:?}");
    let (zh, en) = (
        String::from_utf8(zh.stdout).unwrap(),
        String::from_utf8(en.stdout).unwrap(),
    );
    assert_eq!(
        zh.lines().next().unwrap(),
        "demands.csv：新增 1，更新 0，未变 0，拒绝 1（试运行：未写入）"
    );
    assert_eq!(
        en.lines().next().unwrap(),
        "demands.csv: 1 added, 0 updated, 0 unchanged, 1 rejected (dry run: nothing written)"
    );
    assert!(zh.contains("\n第 3 行："), "{zh}");
    assert!(en.contains("\nline 3: "), "{en}");
    // A dry run writes no rejects file; a real import does, and says where.
    assert!(!zh.contains("被拒绝的行已存至") && !en.contains("rejects saved"));
    let real = ["import", "demands", p(&file)];
    let zh = String::from_utf8(env.run(ZH, &real).stdout).unwrap();
    let en = String::from_utf8(env.run(EN, &real).stdout).unwrap();
    assert!(zh.contains("\n被拒绝的行已存至 "), "{zh}");
    assert!(en.contains("\nrejects saved to "), "{en}");

    // --json is for scripts: never translated.
    let json = |lang| {
        let text = env.ok_or_3(
            lang,
            &["import", "demands", p(&file), "--dry-run", "--json"],
        );
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    };
    assert_eq!(json(ZH), json(EN));
}

impl Env {
    fn ok_or_3(&self, lang: &str, args: &[&str]) -> String {
        let o = self.run(lang, args);
        assert!(matches!(o.status.code(), Some(0 | 3)), "{o:?}");
        String::from_utf8(o.stdout).unwrap()
    }
}

#[test]
fn errors_are_framed_and_worded_in_the_locale_language() {
    let env = Env::new();
    env.ok(EN, &["add", "demand", "--title", "铜箔"]);
    assert_eq!(
        env.refused(ZH, &["edit", "D9", "--title", "x"]),
        "duijie: 错误: 未找到 D9\n"
    );
    assert_eq!(
        env.refused(EN, &["edit", "D9", "--title", "x"]),
        "duijie: error: D9 not found\n"
    );
    assert_eq!(
        env.refused(ZH, &["edit", "D1", "--price", "5"]),
        "duijie: 错误: D1: --price 属于成果，不能用于需求\n"
    );
    assert_eq!(
        env.refused(EN, &["edit", "D1", "--price", "5"]),
        "duijie: error: D1: --price belong(s) to a result, not a demand\n"
    );
    assert_eq!(
        env.refused(ZH, &["show", "X1"]),
        "duijie: 错误: `X1` 不是编号：应为 D12（需求）、R34（成果）或 P3（配对）\n"
    );
    assert_eq!(
        env.refused(ZH, &["move", "P1", "somewhere"]),
        "duijie: 错误: 未知阶段 `somewhere`：可用 candidate, contacted, negotiating, signed, registered, landed, shelved\n"
    );
}

#[test]
fn list_headers_and_the_empty_hint_follow_the_locale() {
    let env = Env::new();
    // An empty database (a missing one is an error of its own).
    drop(duijie::db::Db::open(&env.path("d.db")).unwrap());
    let o = env.run(ZH, &["list", "demands"]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "还没有需求：用 `duijie import demands FILE` 导入\n"
    );
    let o = env.run(EN, &["list", "results"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "no results yet: add some with `duijie import results FILE`\n"
    );
    env.ok(EN, &["add", "demand", "--title", "铜箔", "--budget", "50"]);
    assert!(env.ok(ZH, &["list", "demands"]).starts_with("编号    标题"));
    assert!(
        env.ok(EN, &["list", "demands"])
            .starts_with("code    title")
    );
    assert_eq!(
        env.ok(ZH, &["list", "demands", "--json"]),
        env.ok(EN, &["list", "demands", "--json"])
    );
}

/// Runs the command with stdout a pipe whose reader reads `keep` bytes and hangs up, like
/// `| head -c keep`; returns the exit status and stderr.
fn closed_early(env: &Env, args: &[&str], keep: usize) -> (Option<i32>, String) {
    let mut child = env
        .cmd(EN, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = vec![0; keep];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_reader_that_hangs_up_ends_the_command_quietly() {
    let env = Env::new();
    let mut text = String::from("需求名称,企业名称,预算\n");
    for i in 0..3000 {
        let _ = writeln!(text, "电解铜箔量产工艺第{i}号,江西铜业集团有限公司,50");
    }
    let file = env.path("many.csv");
    std::fs::write(&file, text).unwrap();
    env.ok(EN, &["import", "demands", p(&file)]);

    for args in [
        &["list", "demands", "--json"][..],
        &["list", "demands"],
        &["export", "demands"],
        &["export", "demands", "--format", "json"],
    ] {
        let (code, err) = closed_early(&env, args, 100);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}
