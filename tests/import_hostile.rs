//! Hostile files: every sample under tests/fixtures/hostile (and a few made here, too big or
//! too binary to keep) is imported through the library and through the real binary. None
//! may panic; each either imports, rejects rows with their reasons, or fails naming the file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Kind, Record};
use duijie::import::{ImportOptions, ImportReport, SkipReason, import_bytes};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/hostile")
            .join(name),
    )
    .unwrap()
}

/// Files made at run time: a workbook cut short and one with bytes flipped, a 10 MB cell.
fn generated() -> Vec<(String, Vec<u8>)> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["需求名称", "企业名称", "预算"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..50u32 {
        ws.write_string(r, 0, format!("需求{r}")).unwrap();
        ws.write_number(r, 2, f64::from(r)).unwrap();
    }
    let xlsx = book.save_to_buffer().unwrap();
    let mut out = vec![
        ("cut.xlsx".to_string(), xlsx[..xlsx.len() / 2].to_vec()),
        ("big-cell.csv".to_string(), big_cell_csv()),
    ];
    for (i, step) in [97usize, 331, 1009].iter().enumerate() {
        let mut flipped = xlsx.clone();
        for at in (30..flipped.len()).step_by(*step) {
            flipped[at] ^= 0x5A;
        }
        out.push((format!("flipped-{i}.xlsx"), flipped));
    }
    out
}

fn big_cell_csv() -> Vec<u8> {
    let mut text = String::from("需求名称,企业名称,预算\n");
    text += &"铜".repeat(10 * 1024 * 1024 / 3);
    text += ",江铜,50\n负极,郑大,20\n";
    text.into_bytes()
}

fn import(
    kind: Kind,
    name: &str,
    bytes: &[u8],
) -> (Db, anyhow::Result<ImportReport>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_memory().unwrap();
    let opts = ImportOptions {
        rejects_dir: Some(dir.path().to_path_buf()),
        ..ImportOptions::default()
    };
    let rep = import_bytes(&mut db, kind, name, bytes, &opts);
    (db, rep, dir)
}

fn titles(db: &Db) -> Vec<String> {
    records::list(
        db.conn(),
        &RecordFilter {
            kind: Some(Kind::Demand),
        },
    )
    .unwrap()
    .into_iter()
    .map(|r: Record| r.title)
    .collect()
}

#[test]
fn no_hostile_file_panics_the_library_and_errors_name_the_file() {
    let mut files: Vec<(String, Vec<u8>)> = fixtures()
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(p).unwrap())
        })
        .collect();
    files.extend(generated());
    let (mut tried, mut panics) = (0, Vec::new());
    for (name, bytes) in &files {
        for kind in [Kind::Demand, Kind::Achievement] {
            tried += 1;
            match catch_unwind(AssertUnwindSafe(|| import(kind, name, bytes).1)) {
                Err(_) => panics.push(name.clone()),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    let text = format!("{e:#}");
                    assert!(text.starts_with(name.as_str()), "{name}: {text}");
                }
            }
        }
    }
    eprintln!("hostile imports tried: {tried}, panics: {}", panics.len());
    assert!(tried >= 60, "{tried}");
    assert!(panics.is_empty(), "panicked on {panics:?}");
}

#[test]
fn no_hostile_file_panics_the_binary_or_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let mut tried = 0;
    let mut files = fixtures();
    for (name, bytes) in generated() {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        files.push(p);
    }
    for file in &files {
        tried += 1;
        let o = Command::new(env!("CARGO_BIN_EXE_duijie"))
            .arg("--db")
            .arg(dir.path().join("d.db"))
            .args(["import", "demands"])
            .arg(file)
            .env_remove("DUIJIE_DB")
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("DUIJIE_CONFIG", dir.path().join("no-config.toml"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            matches!(o.status.code(), Some(0 | 1 | 3)),
            "{file:?}: {o:?}"
        );
        assert!(!err.contains("panicked"), "{file:?}: {err}");
        for out in [&o.stdout, &o.stderr] {
            assert!(
                !out.contains(&0x1b) && !out.contains(&0),
                "{file:?}: {out:?}"
            );
        }
    }
    eprintln!("hostile files through the binary: {tried}, panics: 0");
}

#[test]
fn an_unclosed_quote_rejects_its_row_and_the_rows_after_it_are_imported() {
    let (db, rep, _dir) = import(Kind::Demand, "q.csv", &fixture("unclosed-quote.csv"));
    let rep = rep.unwrap();
    assert_eq!(rep.added, 3);
    assert_eq!(rep.rejected.len(), 1);
    assert_eq!(rep.rejected[0].line, 3);
    assert!(rep.rejected[0].reason.contains("never closes"), "{rep:?}");
    assert_eq!(titles(&db), ["铜箔", "负极", "电池"]);
    let rejects = std::fs::read_to_string(rep.rejects_file.unwrap()).unwrap();
    assert!(rejects.contains("\"\"\"压铸件\",某厂,10,"), "{rejects}");
}

#[test]
fn two_stray_quotes_lose_only_their_own_rows() {
    let (db, rep, _dir) = import(Kind::Demand, "q.csv", &fixture("two-stray-quotes.csv"));
    let rep = rep.unwrap();
    let lines: Vec<usize> = rep.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2], "{rep:?}");
    assert_eq!(
        rep.added, 32,
        "the 30 rows between, 尾\"巴 (a quote inside a cell is text) and 好行"
    );
    assert!(titles(&db).contains(&"好行".to_string()));
}

#[test]
fn a_utf8_file_with_one_gbk_row_imports_the_rest_and_rejects_that_row_decoded() {
    let (db, rep, _dir) = import(Kind::Demand, "m.csv", &fixture("utf8-header-gbk-row.csv"));
    let rep = rep.unwrap();
    assert_eq!(titles(&db), ["铜箔", "负极"]);
    assert_eq!(rep.rejected.len(), 1);
    assert_eq!(rep.rejected[0].line, 3);
    assert!(rep.rejected[0].reason.contains("GBK"), "{rep:?}");
    let rejects = std::fs::read_to_string(rep.rejects_file.unwrap()).unwrap();
    assert!(rejects.contains("压铸件,某厂,10,"), "{rejects}");
}

#[test]
fn utf16_without_a_bom_imports_in_either_byte_order() {
    for name in ["utf16le-no-bom.csv", "utf16be-no-bom.csv"] {
        let (db, rep, _dir) = import(Kind::Demand, name, &fixture(name));
        assert_eq!(rep.unwrap().added, 2, "{name}");
        assert_eq!(titles(&db), ["铜箔", "负极"], "{name}");
    }
}

#[test]
fn a_header_read_in_the_wrong_encoding_names_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_memory().unwrap();
    let forced = ImportOptions {
        encoding: Some("utf-8".into()),
        rejects_dir: Some(dir.path().to_path_buf()),
        ..ImportOptions::default()
    };
    let err = import_bytes(
        &mut db,
        Kind::Demand,
        "g.csv",
        &fixture("gbk-whole.csv"),
        &forced,
    )
    .unwrap_err();
    let text = format!("{err:#}");
    assert!(text.contains("try --encoding gbk"), "{text}");
    let le = ImportOptions {
        encoding: Some("utf-16le".into()),
        ..forced
    };
    let err = import_bytes(
        &mut db,
        Kind::Demand,
        "b.csv",
        &fixture("utf16be-no-bom.csv"),
        &le,
    )
    .unwrap_err();
    assert!(
        format!("{err:#}").contains("try --encoding utf-16be"),
        "{err:#}"
    );
}

#[test]
fn blank_rows_and_rows_above_the_header_are_counted_as_skipped() {
    let (_db, rep, _dir) = import(Kind::Demand, "t.csv", &fixture("trailing-commas.csv"));
    let rep = rep.unwrap();
    assert_eq!(rep.added, 1);
    let skipped: Vec<(usize, SkipReason)> =
        rep.skipped.iter().map(|s| (s.line, s.reason)).collect();
    assert_eq!(skipped, [(3, SkipReason::Blank), (4, SkipReason::Blank)]);
    let text = "2026年需求汇总表,,\n需求名称,企业名称,预算\n铜箔,江铜,50\n";
    let (_db, rep, _dir) = import(Kind::Demand, "t.csv", text.as_bytes());
    let rep = rep.unwrap();
    assert_eq!(rep.skipped.len(), 1);
    assert_eq!(
        (rep.skipped[0].line, rep.skipped[0].reason),
        (1, SkipReason::AboveHeader)
    );
}

#[test]
fn a_10_mb_cell_rejects_its_row_with_the_reason_and_the_rejects_file_keeps_it() {
    let (db, rep, _dir) = import(Kind::Demand, "big.csv", &big_cell_csv());
    let rep = rep.unwrap();
    assert_eq!(titles(&db), ["负极"]);
    assert_eq!(rep.rejected.len(), 1);
    assert_eq!(
        rep.rejected[0].reason,
        "需求名称: the cell holds 10 MB; this column holds at most 64 KB"
    );
    let kept = std::fs::metadata(rep.rejects_file.unwrap()).unwrap().len();
    assert!(kept > 10 * 1000 * 1000, "{kept}");
}

#[test]
fn a_sheet_declaring_a_huge_grid_around_few_cells_reads_only_its_cells() {
    // Two rows near A1 and one cell at the far corner of what a sheet may hold: its grid is
    // 1,048,576 × 16,384 cells, which a reader that fills the grid could never allocate.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "需求名称").unwrap();
    ws.write_string(0, 1, "企业名称").unwrap();
    ws.write_string(1, 0, "铜箔").unwrap();
    ws.write_string(1, 1, "江铜").unwrap();
    ws.write_string(1_048_575, 16_383, "远").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (db, rep, _dir) = import(Kind::Demand, "far.xlsx", &bytes);
    let rep = rep.unwrap();
    assert_eq!(titles(&db), ["铜箔"]);
    // The far row has more cells than a row may: rejected with its sheet row and the reason.
    assert_eq!(rep.rejected.len(), 1, "{:?}", rep.rejected);
    assert_eq!(rep.rejected[0].line, 1_048_576);
    assert!(
        rep.rejected[0]
            .reason
            .starts_with("16384 cells; a row may have at most 1000"),
        "{}",
        rep.rejected[0].reason
    );
}

#[test]
fn the_cli_summary_counts_skipped_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.csv");
    std::fs::write(&file, fixture("trailing-commas.csv")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(dir.path().join("d.db"))
        .args(["import", "demands"])
        .arg(&file)
        .env_remove("DUIJIE_DB")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DUIJIE_CONFIG", dir.path().join("no-config.toml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("blank rows skipped: 2 (line 3, 4)"), "{out}");
}
