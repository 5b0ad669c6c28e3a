//! Import through the library: encodings, workbooks, JSON, header aliases, ragged rows,
//! rejects and re-import, each checked on the records that land in the database.

use std::fmt::Write as _;

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Kind, Record};
use duijie::import::{ImportOptions, ImportReport, import_bytes};

fn opts(dir: &tempfile::TempDir) -> ImportOptions {
    ImportOptions {
        rejects_dir: Some(dir.path().to_path_buf()),
        ..ImportOptions::default()
    }
}

fn import(db: &mut Db, kind: Kind, name: &str, bytes: &[u8]) -> ImportReport {
    let dir = tempfile::tempdir().unwrap();
    import_bytes(db, kind, name, bytes, &opts(&dir)).unwrap()
}

fn all(db: &Db, kind: Kind) -> Vec<Record> {
    records::list(db.conn(), &RecordFilter { kind: Some(kind) }).unwrap()
}

const SAMPLE: &str = "编号,成果名称,完成单位,联系电话,价格\n\
                      R-1,锂电池硅碳负极𠀀材料,鄭州大學,13800138000,50万元\n\
                      R-2,\"多行\n简介的成果\",西安交通大学,029-88888888,面议\n";

fn utf16le_with_bom(s: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[test]
fn every_encoding_gives_the_same_records() {
    let gbk_text = SAMPLE.replace('𠀀', "");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SAMPLE.as_bytes());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf-8", SAMPLE.as_bytes().to_vec(), SAMPLE),
        ("utf-8 bom", bom, SAMPLE),
        (
            "gbk",
            encoding_rs::GBK.encode(&gbk_text).0.into_owned(),
            &gbk_text,
        ),
        (
            "gb18030 4-byte",
            encoding_rs::GB18030.encode(SAMPLE).0.into_owned(),
            SAMPLE,
        ),
        ("utf-16le bom", utf16le_with_bom(SAMPLE), SAMPLE),
    ];
    for (name, bytes, expected_text) in cases {
        let mut db = Db::open_in_memory().unwrap();
        let rep = import(&mut db, Kind::Achievement, "results.csv", &bytes);
        assert_eq!(rep.added, 2, "{name}: {rep:?}");
        let recs = all(&db, Kind::Achievement);
        let first_title = expected_text
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap();
        assert_eq!(recs[0].title, first_title, "{name}");
        assert_eq!(recs[0].org, "鄭州大學", "{name}");
        assert_eq!(
            recs[0].price,
            duijie::domain::Money::parse("50.0").unwrap(),
            "{name}"
        );
        assert_eq!(recs[1].title, "多行\n简介的成果", "{name}");
        assert_eq!(recs[1].price, None, "{name}");
        assert_eq!(recs[1].phone, "029-88888888", "{name}");
    }
}

#[test]
fn gbk_is_detected_without_help_and_encoding_can_be_forced() {
    let text = "需求名称,企业名称,预算\n高精度电解铜箔,江西铜业集团有限公司,1,200\n";
    let bytes = encoding_rs::GBK.encode(text).0.into_owned();
    let mut db = Db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rep = import_bytes(&mut db, Kind::Demand, "d.csv", &bytes, &opts(&dir)).unwrap();
    // "1,200" unquoted is two cells: the row is rejected rather than silently shifted.
    assert_eq!(rep.added, 0);
    assert_eq!(rep.rejected.len(), 1);
    let text = "需求名称,企业名称,预算\n高精度电解铜箔,江西铜业集团有限公司,\"1,200\"\n";
    let bytes = encoding_rs::GBK.encode(text).0.into_owned();
    let forced = ImportOptions {
        encoding: Some("gbk".into()),
        ..opts(&dir)
    };
    let rep = import_bytes(&mut db, Kind::Demand, "d.csv", &bytes, &forced).unwrap();
    assert_eq!(rep.added, 1);
    let d = &all(&db, Kind::Demand)[0];
    assert_eq!(d.org, "江西铜业集团有限公司");
    assert_eq!(d.budget, duijie::domain::Money::parse("1200.0").unwrap());
}

#[test]
fn english_and_chinese_alias_families_fill_the_same_fields() {
    let zh = "编号,名称,单位,领域,省份,摘要,关键词,拟投入金额,截止日期,揭榜挂帅,联系人,手机,邮箱,来源,状态\n\
              7,铜箔,江铜,新材料,江西,描述,铜;箔,30万,2027年3月31日,是,王工,13900000000,a@b.cn,展会,开放\n";
    let en = "id,title,org,field,region,description,keywords,budget,deadline,open_call,contact,phone,email,source,status\n\
              7,铜箔,江铜,新材料,江西,描述,铜;箔,30,2027/3/31,yes,王工,13900000000,a@b.cn,展会,open\n";
    let mut got = Vec::new();
    for text in [zh, en] {
        let mut db = Db::open_in_memory().unwrap();
        let rep = import(&mut db, Kind::Demand, "d.csv", text.as_bytes());
        assert_eq!(rep.added, 1, "{rep:?}");
        let mut r = all(&db, Kind::Demand).remove(0);
        r.created_at.clear();
        r.updated_at.clear();
        got.push(r);
    }
    assert_eq!(got[0], got[1]);
    let d = &got[0];
    assert_eq!(
        (
            d.ext_id.as_str(),
            d.title.as_str(),
            d.org.as_str(),
            d.field.as_str(),
            d.region.as_str()
        ),
        ("7", "铜箔", "江铜", "新材料", "江西")
    );
    assert_eq!(
        (d.description.as_str(), d.keywords.as_str()),
        ("描述", "铜;箔")
    );
    assert_eq!(
        (d.budget, d.deadline.as_str(), d.open_call),
        (duijie::domain::Money::from_wan(30), "2027-03-31", true)
    );
    assert_eq!(
        (d.contact.as_str(), d.phone.as_str(), d.email.as_str()),
        ("王工", "13900000000", "a@b.cn")
    );
    assert_eq!((d.source.as_str(), d.status.as_str()), ("展会", "open"));
    assert!(d.extra.is_empty());

    let results = "成果名称,持有单位,负责人,成熟度,专利号,合作方式,转让价格,需求描述\n\
                   负极,郑大,李教授,中试,ZL2020,转让;许可,80,长文\n";
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, Kind::Achievement, "r.csv", results.as_bytes());
    let r = all(&db, Kind::Achievement).remove(0);
    assert_eq!(
        (r.lead.as_str(), r.maturity.as_str(), r.ip.as_str()),
        ("李教授", "中试", "ZL2020")
    );
    assert_eq!(
        (r.modes.as_str(), r.price, r.description.as_str()),
        ("转让;许可", duijie::domain::Money::from_wan(80), "长文")
    );
}

#[test]
fn other_kind_and_unknown_columns_are_kept_in_extra() {
    let text = "需求名称,负责人,价格,备注\n铜箔,张三,20,加急\n";
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, Kind::Demand, "d.csv", text.as_bytes());
    let d = all(&db, Kind::Demand).remove(0);
    assert_eq!(d.lead, "");
    assert_eq!(d.price, None);
    assert_eq!(d.extra["负责人"], "张三");
    assert_eq!(d.extra["价格"], "20");
    assert_eq!(d.extra["备注"], "加急");
}

#[test]
fn ragged_rows_short_rows_are_taken_long_rows_are_rejected_with_their_line() {
    let text = "名称,单位,地区\n短行\n全行,甲,乙\n长行,甲,乙,多出来\n尾逗号,甲,乙,,\n";
    let mut db = Db::open_in_memory().unwrap();
    let rep = import(&mut db, Kind::Demand, "d.csv", text.as_bytes());
    assert_eq!(rep.added, 3, "{rep:?}");
    assert_eq!(rep.rejected.len(), 1);
    assert_eq!(rep.rejected[0].line, 4);
    assert!(
        rep.rejected[0].reason.contains("4 cells"),
        "{:?}",
        rep.rejected
    );
}

#[test]
fn a_workbook_with_a_title_row_numeric_phones_and_date_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("需求").unwrap();
    ws.merge_range(0, 0, 0, 5, "2026年企业技术需求汇总表", &Format::new())
        .unwrap();
    for (c, h) in [
        "编号",
        "需求名称",
        "企业名称",
        "联系电话",
        "截止日期",
        "预算（万元）",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.write_number(2, 0, 1001.0).unwrap();
    ws.write_string(2, 1, "高精度铜箔").unwrap();
    ws.write_string(2, 2, "江西铜业").unwrap();
    ws.write_number(2, 3, 13_800_138_000.0).unwrap();
    let date = ExcelDateTime::from_ymd(2027, 3, 31).unwrap();
    ws.write_datetime_with_format(2, 4, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    ws.write_number(2, 5, 50.0).unwrap();
    // A serial typed as a plain number in a date column still becomes a date.
    ws.write_string(3, 1, "压铸件").unwrap();
    ws.write_number(3, 4, 46_477.0).unwrap();
    ws.write_string(3, 5, "abc").unwrap();
    ws.write_string(4, 1, "第二批").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let mut db = Db::open_in_memory().unwrap();
    let rep = import(&mut db, Kind::Demand, "需求.xlsx", &bytes);
    assert_eq!(rep.added, 2, "{rep:?}");
    assert_eq!(rep.rejected.len(), 1);
    assert_eq!(rep.rejected[0].line, 4, "sheet row number");
    assert!(
        rep.rejected[0].reason.contains("预算"),
        "{:?}",
        rep.rejected
    );
    let d = all(&db, Kind::Demand);
    assert_eq!(d[0].ext_id, "1001");
    assert_eq!(d[0].phone, "13800138000");
    assert_eq!(d[0].deadline, "2027-03-31");
    assert_eq!(d[0].budget, duijie::domain::Money::parse("50.0").unwrap());
    assert_eq!(d[1].title, "第二批");

    let dir = tempfile::tempdir().unwrap();
    let missing = ImportOptions {
        sheet: Some("成果".into()),
        ..opts(&dir)
    };
    let err = import_bytes(&mut db, Kind::Demand, "需求.xlsx", &bytes, &missing).unwrap_err();
    assert!(format!("{err:#}").contains("需求.xlsx") && format!("{err:#}").contains("成果"));
}

#[test]
fn json_arrays_import_with_object_lines() {
    let text = "[\n {\"title\": \"铜箔\", \"phone\": 13800138000, \"budget\": \"50万\"},\n {\"title\": \"\", \"org\": \"某厂\"}\n]\n";
    let mut db = Db::open_in_memory().unwrap();
    let rep = import(&mut db, Kind::Demand, "d.json", text.as_bytes());
    assert_eq!(rep.added, 1);
    assert_eq!(rep.rejected[0].line, 3);
    let d = all(&db, Kind::Demand).remove(0);
    assert_eq!(
        (d.phone.as_str(), d.budget),
        ("13800138000", duijie::domain::Money::from_wan(50))
    );
}

#[test]
fn reimport_adds_nothing_updates_changes_and_is_one_transaction() {
    let v1 = "名称,单位,价格\n甲成果,甲大学,10\n乙成果,乙大学,20\n";
    let v2 = "名称,单位,价格\n甲成果,甲大学,10\n乙成果,乙大学,25\n丙成果,丙大学,\n";
    let mut db = Db::open_in_memory().unwrap();
    let r1 = import(&mut db, Kind::Achievement, "r.csv", v1.as_bytes());
    assert_eq!((r1.added, r1.updated, r1.unchanged), (2, 0, 0));
    let r2 = import(&mut db, Kind::Achievement, "r.csv", v1.as_bytes());
    assert_eq!((r2.added, r2.updated, r2.unchanged), (0, 0, 2));
    let r3 = import(&mut db, Kind::Achievement, "r.csv", v2.as_bytes());
    assert_eq!((r3.added, r3.updated, r3.unchanged), (1, 1, 1));
    let recs = all(&db, Kind::Achievement);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[1].price, duijie::domain::Money::parse("25.0").unwrap());
    assert_eq!(
        recs[1].code().to_string(),
        "R2",
        "an updated record keeps its code"
    );

    let dir = tempfile::tempdir().unwrap();
    let dry = ImportOptions {
        dry_run: true,
        ..opts(&dir)
    };
    let v3 = "名称,单位,价格\n丁成果,丁大学,1\n";
    let rep = import_bytes(&mut db, Kind::Achievement, "r.csv", v3.as_bytes(), &dry).unwrap();
    assert_eq!(rep.added, 1);
    assert_eq!(
        all(&db, Kind::Achievement).len(),
        3,
        "a dry run writes nothing"
    );
}

#[test]
fn rejects_name_their_lines_and_the_rejects_file_keeps_the_rows_as_they_were() {
    let text = "名称,单位,预算,揭榜挂帅\n好行,甲,10,否\n,无名,5,否\n坏预算,乙,abc,否\n\"跨\n行\",丙,面议,是\n坏揭榜,丁,1,也许\n";
    let mut db = Db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rep = import_bytes(
        &mut db,
        Kind::Demand,
        "需求表.csv",
        text.as_bytes(),
        &opts(&dir),
    )
    .unwrap();
    assert_eq!(rep.added, 2);
    let got: Vec<(usize, &str)> = rep
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(got[0], (3, "no title"));
    assert_eq!(got[1].0, 4);
    assert!(
        got[1].1.starts_with("预算:") && got[1].1.contains("abc"),
        "{got:?}"
    );
    assert_eq!(got[2].0, 7, "the multi-line cell above counts as two lines");
    assert!(got[2].1.contains("揭榜挂帅"), "{got:?}");
    let path = std::path::PathBuf::from(rep.rejects_file.unwrap());
    assert!(path.starts_with(dir.path()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("需求表-rejects-") && path.extension().is_some_and(|e| e == "csv"),
        "{name}"
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        rd.headers().unwrap(),
        vec!["名称", "单位", "预算", "揭榜挂帅", "reject_reason"]
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].iter().take(4).collect::<Vec<_>>(),
        ["", "无名", "5", "否"]
    );
    assert_eq!(
        rows[1].iter().take(4).collect::<Vec<_>>(),
        ["坏预算", "乙", "abc", "否"]
    );
    assert_eq!(&rows[0][4], "no title");

    // Fixing the rejects file and importing it takes the rows (the reason column is kept aside).
    let fixed = String::from_utf8(bytes[3..].to_vec())
        .unwrap()
        .replace(",无名,", "有名,无名,")
        .replace("abc", "3");
    let rep = import(&mut db, Kind::Demand, "fixed.csv", fixed.as_bytes());
    assert_eq!(rep.added, 2, "{rep:?}");
}

#[test]
fn unreadable_input_is_an_error_naming_the_file() {
    let mut db = Db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.csv", &b""[..]),
        ("notitle.csv", "单位,地区\n甲,乙\n".as_bytes()),
        ("broken.xlsx", &b"PK\x03\x04 not a zip"[..]),
        ("broken.json", &b"[{\"title\": "[..]),
    ] {
        let err = import_bytes(&mut db, Kind::Demand, name, bytes, &opts(&dir)).unwrap_err();
        assert!(format!("{err:#}").starts_with(name), "{err:#}");
    }
}

#[test]
fn a_large_file_keeps_file_order_and_a_row_repeated_later_in_the_file_wins() {
    // Several thousand rows are written in chunks built on other threads: codes must still
    // follow the file, and a later row about the same record must see the earlier one.
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("d.db")).unwrap();
    let mut v1 = String::from("编号,名称,单位\n");
    for i in 0..5000 {
        writeln!(v1, "E{i},成果{i}號,大学{}", i % 7).unwrap();
    }
    let r1 = import(&mut db, Kind::Achievement, "r.csv", v1.as_bytes());
    assert_eq!((r1.added, r1.updated, r1.unchanged), (5000, 0, 0));
    let recs = all(&db, Kind::Achievement);
    assert_eq!(recs[4321].code().to_string(), "R4322");
    assert_eq!(recs[4321].ext_id, "E4321");

    // E7 is renamed, then set back by a later row: both rows update (the second sees the
    // first), and the stored record is the original again, found by its own words.
    let mut v2 = v1.clone();
    v2.push_str("E7,改名的成果,大学0\nE7,成果7號,大学0\n");
    let r2 = import(&mut db, Kind::Achievement, "r.csv", v2.as_bytes());
    assert_eq!((r2.added, r2.updated, r2.unchanged), (0, 2, 5000));
    let idx = duijie::search::Index::load(db.conn(), Kind::Achievement).unwrap();
    let id7 = all(&db, Kind::Achievement)[7].id;
    assert!(idx.search("成果7号").iter().any(|h| h.id == id7));
    assert!(
        idx.search("改名").is_empty(),
        "the renamed title is gone again"
    );
}
