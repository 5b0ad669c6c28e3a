//! Contracts, payments and the broker's reward: the stage rules (落地 needs a payment or an
//! override with a note), undo of contract edits and payments, the reward rule over a year
//! (cap, partial payments, a payment across the year boundary), and the claim package read
//! back with calamine.

mod pipeline_support;

use std::path::Path;
use std::process::{Command, Output};

use duijie::db::Db;
use duijie::domain::reward::RewardRule;
use duijie::domain::{Code, Kind, Money, Stage};
use duijie::pipeline::contracts::{ContractRequest, PaymentRequest, record_payment, set_contract};
use duijie::pipeline::reward::reward;
use duijie::pipeline::{self, Clock, MoveRequest, PipelineError};
use jiff::civil::date;
use pipeline_support::{record, seeded};

fn m(s: &str) -> Money {
    Money::parse(s).unwrap().unwrap()
}

fn p(n: i64) -> Code {
    format!("P{n}").parse().unwrap()
}

/// P1 (D1 × R1) signed for 200 万元 on 2025-11-02, on a clock of `today`.
fn signed(today: jiff::civil::Date) -> (Db, Clock) {
    let mut db = seeded();
    let clock = Clock::fixed(today);
    let d1: Code = "D1".parse().unwrap();
    let r1: Code = "R1".parse().unwrap();
    pipeline::create(&mut db, &clock, d1, r1, "", "test").unwrap();
    for to in [Stage::Contacted, Stage::Negotiating] {
        pipeline::move_to(&mut db, &clock, &MoveRequest::new(p(1), to), "test").unwrap();
    }
    let mut req = MoveRequest::new(p(1), Stage::Signed);
    req.amount = Some(m("200"));
    req.signed_on = Some(date(2025, 11, 2));
    pipeline::move_to(&mut db, &clock, &req, "test").unwrap();
    (db, clock)
}

fn pay(db: &mut Db, clock: &Clock, amount: &str, on: jiff::civil::Date) {
    let req = PaymentRequest {
        amount: m(amount),
        paid_on: on,
        note: String::new(),
    };
    record_payment(db, clock, p(1), &req, "test").unwrap();
}

#[test]
fn landing_needs_a_payment_or_an_override_with_a_note() {
    let (mut db, clock) = signed(date(2026, 3, 1));
    let mut reg = MoveRequest::new(p(1), Stage::Registered);
    reg.contract_type = Some(duijie::domain::ContractType::Transfer);
    let err = pipeline::move_to(&mut db, &clock, &reg, "test").unwrap_err();
    assert!(err.to_string().contains("--reg-no"), "{err}");
    reg.reg_no = Some("2026530100001234".into());
    pipeline::move_to(&mut db, &clock, &reg, "test").unwrap();

    let land = MoveRequest::new(p(1), Stage::Landed);
    let err = pipeline::move_to(&mut db, &clock, &land, "test").unwrap_err();
    assert!(matches!(err, PipelineError::Missing { .. }), "{err}");
    assert!(err.to_string().contains("duijie paid P1"), "{err}");
    let mut blank = land.clone();
    blank.override_note = Some("  ".into());
    assert!(pipeline::move_to(&mut db, &clock, &blank, "test").is_err());

    // With an override and its note it lands, and show says why.
    let mut over = land.clone();
    over.override_note = Some("款项由财政直接拨付".into());
    pipeline::move_to(&mut db, &clock, &over, "test").unwrap();
    let d = pipeline::show_pair(db.conn(), &clock, p(1)).unwrap();
    let c = d.contract.unwrap();
    assert_eq!(c.landed_note.as_deref(), Some("款项由财政直接拨付"));

    // Back to 登记; after a payment it lands without an override.
    pipeline::undo(&mut db).unwrap();
    pay(&mut db, &clock, "50", date(2026, 2, 1));
    pipeline::move_to(&mut db, &clock, &land, "test").unwrap();
}

#[test]
fn contract_edits_and_payments_are_checked_and_undone_one_step_each() {
    let (mut db, clock) = signed(date(2026, 3, 1));
    let req = ContractRequest {
        tech: Some(m("250")),
        ..ContractRequest::default()
    };
    let err = set_contract(&mut db, &clock, p(1), &req, "test").unwrap_err();
    assert!(
        err.to_string().contains("more than the contract total"),
        "{err}"
    );
    let req = ContractRequest {
        tech: Some(m("150")),
        pay_mode: Some(duijie::domain::PayMode::Instalments),
        plan: Some(vec![
            (date(2026, 1, 10), m("80")),
            (date(2026, 6, 30), m("120")),
        ]),
        ..ContractRequest::default()
    };
    set_contract(&mut db, &clock, p(1), &req, "test").unwrap();
    pay(&mut db, &clock, "50", date(2026, 1, 12));
    let future = PaymentRequest {
        amount: m("1"),
        paid_on: date(2026, 3, 2),
        note: String::new(),
    };
    assert!(record_payment(&mut db, &clock, p(1), &future, "test").is_err());

    let c = pipeline::show_pair(db.conn(), &clock, p(1))
        .unwrap()
        .contract
        .unwrap();
    assert_eq!((c.paid, c.outstanding), (m("50"), m("150")));
    let states: Vec<_> = c.plan.iter().map(|l| format!("{:?}", l.state)).collect();
    assert_eq!(states, ["Overdue", "Open"]);

    // Undo the payment, then the contract edit: back to nothing recorded.
    pipeline::undo(&mut db).unwrap();
    let c = duijie::db::contracts::get(db.conn(), 1).unwrap();
    assert!(c.payments.is_empty());
    assert_eq!(c.plan.len(), 2);
    pipeline::undo(&mut db).unwrap();
    assert!(duijie::db::contracts::get(db.conn(), 1).unwrap().is_empty());

    // A contract on a pair before 签约 is refused.
    let d2: Code = "D2".parse().unwrap();
    let r2: Code = "R2".parse().unwrap();
    pipeline::create(&mut db, &clock, d2, r2, "", "test").unwrap();
    let err = set_contract(&mut db, &clock, p(2), &req, "test").unwrap_err();
    assert!(err.to_string().contains("from 签约"), "{err}");
}

#[test]
fn a_deleted_pair_comes_back_with_its_contract() {
    let (mut db, clock) = signed(date(2026, 3, 1));
    pay(&mut db, &clock, "50", date(2026, 1, 12));
    pipeline::delete_pair(&mut db, &clock, p(1)).unwrap();
    assert!(duijie::db::contracts::get(db.conn(), 1).unwrap().is_empty());
    pipeline::undo(&mut db).unwrap();
    let c = duijie::db::contracts::get(db.conn(), 1).unwrap();
    assert_eq!(c.paid(), m("50"));
}

fn rule(cap: Option<&str>) -> RewardRule {
    RewardRule {
        rate_bp: 500,
        cap: cap.map(m),
        min_contract: None,
    }
}

#[test]
fn the_reward_counts_what_arrived_in_the_year_and_applies_the_cap() {
    let (mut db, clock) = signed(date(2026, 12, 31));
    set_contract(
        &mut db,
        &clock,
        p(1),
        &ContractRequest {
            tech: Some(m("150")),
            reg_no: Some("2025530100000001".into()),
            ..ContractRequest::default()
        },
        "test",
    )
    .unwrap();
    // Across the year boundary: December 2025 and January 2026; partly paid.
    pay(&mut db, &clock, "40", date(2025, 12, 20));
    pay(&mut db, &clock, "60", date(2026, 1, 5));
    pay(&mut db, &clock, "20", date(2026, 12, 31));

    let y2025 = reward(db.conn(), &clock, &rule(None), 2025).unwrap();
    assert_eq!(y2025.contracts.len(), 1);
    assert_eq!(y2025.totals.paid, m("40"));
    // 40 × 150/200 = 30 technology; 5% = 1.5.
    assert_eq!(y2025.totals.tech_paid, m("30"));
    assert_eq!(y2025.totals.due, m("1.5"));

    let y2026 = reward(db.conn(), &clock, &rule(None), 2026).unwrap();
    assert_eq!(y2026.totals.paid, m("80"));
    assert_eq!(y2026.totals.due, m("3"));
    assert_eq!(y2026.contracts[0].payments.len(), 2);

    let capped = reward(db.conn(), &clock, &rule(Some("2")), 2026).unwrap();
    assert_eq!((capped.totals.reward, capped.totals.due), (m("3"), m("2")));
    assert!(capped.totals.capped);

    // An unregistered contract's payments earn nothing and are named.
    let mut req = MoveRequest::new(p(2), Stage::Signed);
    let d2: Code = "D2".parse().unwrap();
    let r2: Code = "R2".parse().unwrap();
    pipeline::create(&mut db, &clock, d2, r2, "", "test").unwrap();
    req.amount = Some(m("10"));
    req.signed_on = Some(date(2026, 5, 1));
    pipeline::move_to(&mut db, &clock, &req, "test").unwrap();
    let req = PaymentRequest {
        amount: m("10"),
        paid_on: date(2026, 5, 2),
        note: String::new(),
    };
    record_payment(&mut db, &clock, p(2), &req, "test").unwrap();
    let y2026 = reward(db.conn(), &clock, &rule(None), 2026).unwrap();
    assert_eq!(y2026.unregistered, ["P2"]);
    assert_eq!(y2026.totals.paid, m("80"));
    // The year's total equals an independent SQL sum over registered pairs' payments.
    let sql: i64 = db
        .sqlite()
        .unwrap()
        .query_row(
            "SELECT sum(y.amount_fen) FROM payment y JOIN pair p ON p.id = y.pair_id \
             WHERE p.reg_no IS NOT NULL AND y.paid_on LIKE '2026-%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(y2026.totals.paid.fen(), sql);
}

fn run(db: &Path, config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUIJIE_DB")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DUIJIE_CONFIG", config)
        .output()
        .unwrap()
}

#[test]
fn the_cli_records_a_contract_and_writes_the_claim_package() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let config = dir.path().join("config.toml");
    {
        let db = Db::open(&path).unwrap();
        record(&db, Kind::Demand, "铜箔工艺", "江西铜博科技", "");
        record(&db, Kind::Achievement, "铜箔添加剂", "郑州大学", "");
    }
    let ok = |args: &[&str]| {
        let out = run(&path, &config, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    ok(&["pair", "D1", "R1"]);
    ok(&[
        "move",
        "P1",
        "signed",
        "--amount",
        "200",
        "--date",
        "2026-01-05",
    ]);
    let out = ok(&[
        "contract",
        "P1",
        "--total",
        "1,200",
        "--tech",
        "1000万",
        "--pay-mode",
        "down-royalty",
        "--plan",
        "2026-02-01=200",
    ]);
    assert!(out.contains("total 1200 万元"), "{out}");
    let bad = run(&path, &config, &["contract", "P1", "--plan", "2026-02-01"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("DATE=AMOUNT"));
    let bad = run(
        &path,
        &config,
        &["paid", "P1", "--amount", "五十", "--date", "2026-02-01"],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not an amount"));
    ok(&[
        "paid",
        "P1",
        "--amount",
        "200",
        "--date",
        "2026-02-01",
        "--note",
        "入门费",
    ]);
    ok(&[
        "move",
        "P1",
        "registered",
        "--contract-type",
        "licence",
        "--reg-no",
        "2026530100009999",
    ]);
    let show = ok(&["show", "P1"]);
    assert!(show.contains("outstanding 未收 1000 万元"), "{show}");
    assert!(show.contains("已付 paid"), "{show}");

    // No rule configured: a clear refusal naming the config.
    let out = run(&path, &config, &["reward", "--year", "2026"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no reward rule configured"));

    std::fs::write(&config, "[reward]\nrate = \"5%\"\ncap = \"20\"\n").unwrap();
    let text = ok(&["reward", "--year", "2026"]);
    // 200 paid × 1000/1200 technology = 166.666667; 5% = 8.333333.
    assert!(text.contains("due 8.333333 万元"), "{text}");
    let xlsx = dir.path().join("claim.xlsx");
    ok(&[
        "reward",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["汇总", "合同", "付款"]);
    let contracts = book.worksheet_range("合同").unwrap();
    let header: Vec<String> = contracts
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        &header[..4],
        ["对接编号", "登记编号", "登记日期", "合同类型"]
    );
    let row = contracts.rows().nth(1).unwrap();
    assert_eq!(row[1], Data::String("2026530100009999".into()));
    assert_eq!(row[3], Data::String("技术许可".into()));
    assert_eq!(row[5], Data::String("江西铜博科技".into()));
    assert_eq!(row[8], Data::Float(1200.0));
    assert_eq!(row[10], Data::Float(200.0));
    let payments = book.worksheet_range("付款").unwrap();
    assert_eq!(payments.rows().nth(1).unwrap()[3], Data::Float(200.0));
    // The package is never written over without --force.
    let again = run(
        &path,
        &config,
        &[
            "reward",
            "--year",
            "2026",
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(1));
}
