//! Nothing lost through the command line: export never overwrites the database or a file
//! unasked, read commands on a mistyped path create nothing, files are private, and
//! backup / restore / check work through the real binary.

use std::fmt::Write as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn run_in(dir: &Path, db: &Path, args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duijie"))
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUIJIE_DB")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DUIJIE_CONFIG", dir.join("no-config.toml"))
        .stdin(Stdio::null())
        .output()
        .expect("run duijie")
}

fn run(db: &Path, args: &[&str]) -> Output {
    run_in(db.parent().unwrap(), db, args, "en_US.UTF-8")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
}

/// A database with two demands, one of them carrying escape sequences in its title.
fn with_demands(dir: &Path) -> PathBuf {
    let db = dir.join("d.db");
    ok(&run(
        &db,
        &["add", "demand", "--title", "铜箔", "--phone", "13912342222"],
    ));
    ok(&run(
        &db,
        &[
            "add",
            "demand",
            "--title",
            "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc",
        ],
    ));
    db
}

#[test]
fn export_refuses_the_database_and_existing_files_and_writes_private_files_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_demands(dir.path());
    let before = std::fs::read(&db).unwrap();
    let o = run(&db, &["export", "demands", "-o", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("database itself"), "{}", stderr(&o));
    // Even --force does not turn the database into a CSV.
    let o = run(
        &db,
        &["export", "demands", "--force", "-o", db.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let o = run(&db, &["list", "demands"]);
    ok(&o);
    assert!(stdout(&o).contains("铜箔"));

    let out = dir.path().join("out.csv");
    ok(&run(
        &db,
        &["export", "demands", "-o", out.to_str().unwrap()],
    ));
    assert_eq!(mode(&out), 0o600);
    let first = std::fs::read(&out).unwrap();
    assert!(String::from_utf8_lossy(&first).contains("13912342222"));
    let o = run(
        &db,
        &[
            "export",
            "demands",
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), first);
    ok(&run(
        &db,
        &[
            "export",
            "demands",
            "--format",
            "json",
            "--force",
            "-o",
            out.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::read(&out).unwrap().starts_with(b"["));
    let xlsx = dir.path().join("out.xlsx");
    ok(&run(
        &db,
        &["export", "demands", "-o", xlsx.to_str().unwrap()],
    ));
    assert_eq!(mode(&xlsx), 0o600);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".duijie-")), "{names:?}");
}

#[test]
fn export_to_a_pipe_writes_the_exact_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_demands(dir.path());
    let o = run(&db, &["export", "demands"]);
    ok(&o);
    assert!(stdout(&o).contains("a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc"));
    let o = run(&db, &["export", "demands", "--format", "json"]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[1]["title"], "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc");
}

/// Runs `duijie --db DB ARGS` on a terminal, typing `input` once it asks; what it printed and
/// whether it succeeded.
fn on_a_terminal_typing(db: &Path, args: &[&str], input: &str) -> (Vec<u8>, bool) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read as _;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_duijie"));
    cmd.arg("--db");
    cmd.arg(db);
    cmd.args(args);
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env("DUIJIE_CONFIG", db.with_file_name("none.toml"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    if !input.is_empty() {
        let mut w = pair.master.take_writer().unwrap();
        std::io::Write::write_all(&mut w, input.as_bytes()).unwrap();
    }
    let reading = std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    let ok = child.wait().unwrap().success();
    drop(pair.master);
    (reading.join().unwrap(), ok)
}

#[test]
fn restore_on_a_terminal_asks_and_only_y_goes_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_demands(dir.path());
    let copy = dir.path().join("copy.db");
    ok(&run(&db, &["backup", copy.to_str().unwrap()]));
    ok(&run(&db, &["add", "demand", "--title", "later"]));
    let args = ["restore", copy.to_str().unwrap()];
    let (out, done) = on_a_terminal_typing(&db, &args, "\r");
    assert!(!done, "Enter is not yes: {}", String::from_utf8_lossy(&out));
    assert!(String::from_utf8_lossy(&out).contains("Type y to confirm"));
    assert!(stdout(&run(&db, &["list", "demands"])).contains("later"));
    let (out, done) = on_a_terminal_typing(&db, &args, "y\r");
    assert!(done, "{}", String::from_utf8_lossy(&out));
    assert!(!stdout(&run(&db, &["list", "demands"])).contains("later"));
}

#[test]
fn export_to_a_terminal_shows_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_demands(dir.path());
    for format in ["csv", "json"] {
        let (out, done) = on_a_terminal_typing(&db, &["export", "demands", "--format", format], "");
        assert!(done);
        let text = String::from_utf8_lossy(&out);
        assert!(
            !out.contains(&0x1b),
            "{format}: raw ESC on the terminal: {text:?}"
        );
        assert!(!out.contains(&0x07), "{format}: raw BEL on the terminal");
        assert!(text.contains("pwned"), "{format}: {text}");
        assert!(text.contains("铜箔"), "{format}: {text}");
    }
}

#[test]
fn read_commands_on_a_missing_database_say_so_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo/dir/d.db");
    for args in [
        &["list", "demands"][..],
        &["show", "D1"],
        &["export", "demands"],
        &["export", "pairs", "-o", "x.csv"],
        &["agenda"],
        &["board"],
        &["suggest", "D1"],
        &["edit", "D1", "--title", "x"],
        &["log", "P1", "--channel", "phone", "--note", "x"],
        &["undo"],
        &["backup"],
        &["check"],
    ] {
        let o = run_in(dir.path(), &db, args, "en_US.UTF-8");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("no database here"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(
            !dir.path().join("typo").exists(),
            "{args:?} created a directory"
        );
    }
    let o = run_in(dir.path(), &db, &["list", "demands"], "zh_CN.UTF-8");
    assert!(stderr(&o).contains("这里没有数据库"), "{}", stderr(&o));
    assert!(!dir.path().join("x.csv").exists());
}

#[test]
fn a_dry_run_import_on_a_missing_database_reports_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("d.csv");
    // The third row has no title: it is reported, and still nothing is written.
    std::fs::write(
        &csv,
        "需求名称,所属领域\n锂电池回收,新能源\n铜箔,材料\n,空\n",
    )
    .unwrap();
    let db = dir.path().join("typo/d.db");
    let file = csv.to_string_lossy().into_owned();
    let o = run_in(
        dir.path(),
        &db,
        &["import", "demands", &file, "--dry-run", "--json"],
        "en_US.UTF-8",
    );
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    assert!(stdout(&o).contains("\"added\": 2"), "{}", stdout(&o));
    assert!(
        !dir.path().join("typo").exists(),
        "a dry run created the database"
    );
    assert!(
        !dir.path().join("rejects").exists(),
        "a dry run wrote a rejects file"
    );
}

#[test]
fn adding_creates_a_private_database_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/sub/d.db");
    let o = run_in(
        dir.path(),
        &db,
        &["add", "demand", "--title", "铜箔"],
        "en_US.UTF-8",
    );
    ok(&o);
    assert_eq!(stdout(&o).trim(), "D1");
    assert!(
        stderr(&o).contains(&format!("created a new database at {}", db.display())),
        "{}",
        stderr(&o)
    );
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert_eq!(mode(&dir.path().join("new/sub")), 0o700);
    // The WAL and its index take the database's mode.
    for side in ["d.db-wal", "d.db-shm"] {
        let p = dir.path().join("new/sub").join(side);
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{side}");
        }
    }
    // The second time it exists: nothing said.
    let o = run_in(
        dir.path(),
        &db,
        &["add", "demand", "--title", "b"],
        "en_US.UTF-8",
    );
    ok(&o);
    assert!(!stderr(&o).contains("created"), "{}", stderr(&o));
    let db2 = dir.path().join("zh.db");
    let o = run_in(
        dir.path(),
        &db2,
        &["add", "demand", "--title", "铜箔"],
        "zh_CN.UTF-8",
    );
    ok(&o);
    assert!(stderr(&o).contains("新建数据库"), "{}", stderr(&o));
}

#[test]
fn an_import_backs_up_first_and_its_rejects_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_demands(dir.path());
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "需求名称,电话,预算（万元）\n新需求,13900001111,10\n,13900002222,x\n",
    )
    .unwrap();
    let o = run(&db, &["import", "demands", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let backups = dir.path().join("backups");
    assert_eq!(mode(&backups), 0o700);
    let files: Vec<PathBuf> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with("-pre-import.db"));
    assert_eq!(mode(&files[0]), 0o600);
    let rejects = dir.path().join("rejects");
    assert_eq!(mode(&rejects), 0o700);
    for f in std::fs::read_dir(&rejects).unwrap() {
        assert_eq!(mode(&f.unwrap().path()), 0o600);
    }
}

#[test]
fn backup_then_restore_round_trips_and_the_restore_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_demands(dir.path());
    let copy = dir.path().join("copy.db");
    let o = run(&db, &["backup", copy.to_str().unwrap()]);
    ok(&o);
    assert_eq!(mode(&copy), 0o600);
    assert!(stdout(&o).contains("backed up to"));
    // Without FILE: a new file in backups/.
    ok(&run(&db, &["backup"]));
    ok(&run(&db, &["add", "demand", "--title", "later"]));

    // No terminal and no --yes: refused, nothing changed.
    let o = run(&db, &["restore", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--yes"), "{}", stderr(&o));
    assert!(stdout(&run(&db, &["list", "demands"])).contains("later"));

    let o = run(&db, &["restore", "--yes", copy.to_str().unwrap()]);
    ok(&o);
    assert!(!stdout(&run(&db, &["list", "demands"])).contains("later"));
    let text = stdout(&o);
    let undo = text
        .split("duijie restore ")
        .nth(1)
        .and_then(|s| s.split('`').next())
        .expect("the restore names its way back")
        .to_string();
    ok(&run(&db, &["restore", "--yes", &undo]));
    let list = stdout(&run(&db, &["list", "demands"]));
    assert!(list.contains("later") && list.contains("铜箔"), "{list}");
}

#[test]
fn check_reports_a_sound_file_and_a_damaged_one_and_salvage_writes_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_demands(dir.path());
    let o = run(&db, &["check"]);
    ok(&o);
    assert!(
        stdout(&o).contains("integrity check passed"),
        "{}",
        stdout(&o)
    );

    // Damage: the file cut short after it has grown past a few pages.
    let csv = dir.path().join("many.csv");
    let mut text = String::from("需求名称,需求描述\n");
    for i in 0..600 {
        let _ = write!(text, "需求{i},");
        text += &"需要稳定量产极薄铜箔，良率 95% 以上。".repeat(5);
        text.push('\n');
    }
    std::fs::write(&csv, text).unwrap();
    ok(&run(&db, &["import", "demands", csv.to_str().unwrap()]));
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    let _ = std::fs::remove_file(dir.path().join("d.db-wal"));
    let _ = std::fs::remove_file(dir.path().join("d.db-shm"));

    let o = run(&db, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("damaged"), "{}", stdout(&o));
    assert!(stdout(&o).contains("--salvage"), "{}", stdout(&o));
    for args in [&["add", "demand", "--title", "x"][..], &["list", "demands"]] {
        let o = run(&db, args);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("duijie check"),
            "{args:?}: {}",
            stderr(&o)
        );
    }

    let out = dir.path().join("saved.json");
    let o = run(&db, &["check", "--salvage", out.to_str().unwrap()]);
    ok(&o);
    assert_eq!(mode(&out), 0o600);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let rows = v["tables"]["record"]["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["title"] == "铜箔"), "{}", rows.len());
    // Salvage never overwrites without --force.
    let o = run(&db, &["check", "--salvage", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}
