//! Bounded property tests of the readers: arbitrary bytes never panic any of them (CSV, TSV,
//! JSON, workbooks, sniffed), and tables we generate come back cell for cell through CSV
//! (UTF-8, UTF-8 with BOM, UTF-16 with and without BOM), JSON and XLSX.
//!
//! A few hundred cases each so CI stays fast; `PROPTEST_CASES=20000 cargo test --release
//! --test fuzz_readers` runs a longer session.

use duijie::db::Db;
use duijie::domain::Kind;
use duijie::import::{ImportOptions, import_bytes, read_table};
use proptest::prelude::*;

/// `default` cases, or `PROPTEST_CASES` when set (scaled down for the slow workbook tests).
fn config(default: u32, scale: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(default, |n| (n / scale).max(1));
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes that look like a delimited file often enough to reach its corners: quotes,
/// delimiters, line breaks, NULs, BOM pieces, UTF-8 and GBK lead bytes, and anything.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        4 => prop::sample::select(b"\",\t;\n\r\0 ".to_vec()),
        2 => prop::sample::select(vec![0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0xE4, 0xB8, 0xAD, 0xC4, 0xE3]),
        3 => any::<u8>(),
        3 => prop::sample::select(b"abc019=+-@".to_vec()),
    ];
    prop::collection::vec(byte, 0..600)
}

const NAMES: &[&str] = &["x.csv", "x.tsv", "x.json", "x.xlsx", "x.xls", "x.txt", "x"];

/// A cell: CJK, ASCII, the characters CSV cares about, full-width punctuation.
fn cell() -> impl Strategy<Value = String> {
    "[铜箔锂电池鄭州大學 a-zA-Z0-9\",;\t\n（），。=-]{0,40}"
}

fn table(width: usize) -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(cell(), width), 0..12)
}

const HEADER: [&str; 3] = ["名称", "单位", "描述"];

fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(HEADER).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn cells_of(t: &duijie::import::table::Table) -> Vec<Vec<String>> {
    t.rows.iter().map(|r| r.cells.clone()).collect()
}

proptest! {
    #![proptest_config(config(256, 1))]

    #[test]
    fn arbitrary_bytes_never_panic_a_reader(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for name in NAMES {
            let _ = read_table(name, &bytes, &ImportOptions::default());
        }
    }

    #[test]
    fn csv_shaped_bytes_never_panic_a_reader(bytes in csvish()) {
        for name in ["x.csv", "x.tsv", "x.json"] {
            let _ = read_table(name, &bytes, &ImportOptions::default());
        }
    }

    #[test]
    fn csv_tables_come_back_cell_for_cell_in_every_encoding(rows in table(3)) {
        let bytes = csv_bytes(&rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&bytes);
        for (enc, input) in [
            ("utf-8", bytes.clone()),
            ("bom", bom),
            ("utf-16le bom", utf16le(&text, true)),
            ("utf-16le", utf16le(&text, false)),
        ] {
            let t = read_table("x.csv", &input, &ImportOptions::default()).unwrap();
            prop_assert_eq!(&t.header, &HEADER.map(String::from).to_vec(), "{}", enc);
            prop_assert_eq!(cells_of(&t), rows.clone(), "{}", enc);
            prop_assert!(t.rows.iter().all(|r| r.problem.is_none()), "{}", enc);
        }
    }

    #[test]
    fn json_tables_come_back_cell_for_cell(
        rows in prop::collection::vec(
            prop::collection::btree_map(prop::sample::select(vec!["title", "org", "备注"]), cell(), 1..3),
            1..10,
        )
    ) {
        let text = serde_json::to_string_pretty(&rows).unwrap();
        let t = read_table("x.json", text.as_bytes(), &ImportOptions::default()).unwrap();
        prop_assert_eq!(t.rows.len(), rows.len());
        for (row, want) in t.rows.iter().zip(&rows) {
            for (h, cell) in t.header.iter().zip(&row.cells) {
                prop_assert_eq!(cell, want.get(h.as_str()).map_or("", String::as_str));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(64, 4))]

    #[test]
    fn arbitrary_csv_shaped_files_import_or_fail_cleanly(bytes in csvish()) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_memory().unwrap();
        let opts = ImportOptions { rejects_dir: Some(dir.path().to_path_buf()), ..ImportOptions::default() };
        for kind in [Kind::Demand, Kind::Achievement] {
            if let Err(e) = import_bytes(&mut db, kind, "x.csv", &bytes, &opts) {
                let text = format!("{e:#}");
                prop_assert!(text.starts_with("x.csv"), "{}", text);
            }
        }
    }

    #[test]
    fn workbook_tables_come_back_cell_for_cell(rows in table(3)) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for (c, h) in HEADER.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, v).unwrap();
                }
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let t = read_table("x.xlsx", &bytes, &ImportOptions::default()).unwrap();
        // A sheet's used range ends at its last row with a value.
        let mut want = rows.clone();
        while want.last().is_some_and(|r| r.iter().all(String::is_empty)) {
            want.pop();
        }
        prop_assert_eq!(&t.header, &HEADER.map(String::from).to_vec());
        prop_assert_eq!(cells_of(&t), want);
    }

    #[test]
    fn damaged_workbooks_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..), 1..20)) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "名称").unwrap();
        ws.write_string(1, 0, "铜箔").unwrap();
        ws.write_number(1, 1, 12.5).unwrap();
        let mut bytes = book.save_to_buffer().unwrap();
        for (at, x) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= x;
        }
        let _ = read_table("x.xlsx", &bytes, &ImportOptions::default());
    }
}
