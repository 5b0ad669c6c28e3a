//! Versioned writes: a save or a move made on a stale view is refused with what changed,
//! never written over a colleague's change; a change to other fields is merged.

mod pipeline_support;

use duijie::db::{DbError, records};
use duijie::domain::undo::CLI;
use duijie::domain::{Kind, RecordPatch, ShelveReason, Stage};
use duijie::pipeline::{self, MoveRequest, PipelineError};
use pipeline_support::{code, day, seeded};

fn patch_phone(phone: &str) -> RecordPatch {
    RecordPatch {
        phone: Some(phone.into()),
        ..RecordPatch::default()
    }
}

#[test]
fn a_save_merges_other_fields_and_refuses_the_same_field() {
    let mut db = seeded();
    let base = records::get_by_code(db.conn(), code("D1")).unwrap();

    // A colleague changes the org and the phone.
    let theirs = RecordPatch {
        org: Some("铜博科技".into()),
        ..patch_phone("138")
    };
    records::update_fields(&mut db, &base, &theirs, CLI).unwrap();

    // Saving my phone on the old base: a conflict on phone, nothing written.
    let err = records::update_fields(&mut db, &base, &patch_phone("139"), "desk:1").unwrap_err();
    let DbError::Conflict { theirs, fields, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(fields, &["phone"]);
    assert_eq!(theirs.phone, "138");
    assert!(
        err.to_string().contains("D1 was changed meanwhile (phone)"),
        "{err}"
    );
    assert_eq!(
        records::get_by_code(db.conn(), code("D1")).unwrap().phone,
        "138"
    );

    // Saving my title on the old base: their org and phone are kept.
    let mine = RecordPatch {
        title: Some("极薄铜箔".into()),
        ..RecordPatch::default()
    };
    let saved = records::update_fields(&mut db, &base, &mine, "desk:1").unwrap();
    assert_eq!(saved.merged, ["org", "phone"]);
    let now = records::get_by_code(db.conn(), code("D1")).unwrap();
    assert_eq!(
        (now.title.as_str(), now.org.as_str(), now.phone.as_str()),
        ("极薄铜箔", "铜博科技", "138")
    );
    assert_eq!(saved.record, now);
    // Undo takes back my step only, and says who made it.
    let step = pipeline::peek(db.conn()).unwrap().unwrap();
    assert_eq!(
        (
            step.label_in(duijie::i18n::Lang::En).as_str(),
            step.origin.as_str()
        ),
        ("edit D1", "desk:1")
    );
    assert!(step.is_from_elsewhere(CLI));
    pipeline::undo(&mut db).unwrap();
    let back = records::get_by_code(db.conn(), code("D1")).unwrap();
    assert_eq!(
        (back.title.as_str(), back.org.as_str()),
        (base.title.as_str(), "铜博科技")
    );
}

#[test]
fn saving_a_deleted_record_is_gone() {
    let mut db = seeded();
    let base = records::get_by_code(db.conn(), code("R2")).unwrap();
    db.write(|tx| records::delete(tx, base.id)).unwrap();
    let err = records::update_fields(&mut db, &base, &patch_phone("1"), CLI).unwrap_err();
    assert!(matches!(err, DbError::Gone(_)), "{err}");
    assert_eq!(err.to_string(), "R2 was deleted meanwhile; nothing saved");
}

#[test]
fn a_search_finds_a_patched_title() {
    let mut db = seeded();
    let base = records::get_by_code(db.conn(), code("D2")).unwrap();
    let patch = RecordPatch {
        title: Some("鋰電池隔膜".into()),
        ..RecordPatch::default()
    };
    records::update_fields(&mut db, &base, &patch, CLI).unwrap();
    let idx = duijie::search::Index::load(db.conn(), Kind::Demand).unwrap();
    assert_eq!(idx.search("锂电池").len(), 1);
}

#[test]
fn a_move_on_a_stale_stage_is_a_conflict_and_writes_nothing() {
    let mut db = seeded();
    pipeline::create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    // Someone moves P1 on.
    pipeline::move_to(
        &mut db,
        &day(0),
        &MoveRequest::new(code("P1"), Stage::Contacted),
        CLI,
    )
    .unwrap();
    let mut req = MoveRequest::new(code("P1"), Stage::Contacted);
    req.expect = Some(Stage::Candidate);
    let before = pipeline::peek(db.conn()).unwrap();
    let err = pipeline::move_to(&mut db, &day(1), &req, "desk:1").unwrap_err();
    assert!(matches!(err, PipelineError::Conflict { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "P1 was moved meanwhile: it is in contacted now, not candidate; nothing changed — look again"
    );
    assert_eq!(pipeline::peek(db.conn()).unwrap(), before, "no undo step");

    // With the right expectation it goes through and returns the pair with its sides.
    req.expect = Some(Stage::Contacted);
    req.to = Stage::Negotiating;
    let row = pipeline::move_to(&mut db, &day(1), &req, "desk:1").unwrap();
    assert_eq!(row.pair.stage, Stage::Negotiating);
    assert_eq!(row.demand.code, "D1");
    assert_eq!(row.result.org, "鄭州大學");
}

#[test]
fn reactivating_a_pair_no_longer_shelved_is_a_conflict() {
    let mut db = seeded();
    pipeline::create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    let mut shelve = MoveRequest::new(code("P1"), Stage::Shelved);
    shelve.reason = Some(ShelveReason::PriceGap);
    pipeline::move_pair(&mut db, &day(0), &shelve).unwrap();
    let row = pipeline::reactivate(&mut db, &day(1), code("P1"), CLI).unwrap();
    assert_eq!(row.pair.stage, Stage::Candidate);
    let err = pipeline::reactivate(&mut db, &day(1), code("P1"), CLI).unwrap_err();
    assert!(matches!(
        err,
        PipelineError::Conflict {
            expected: Stage::Shelved,
            current: Stage::Candidate,
            ..
        }
    ));
}

#[test]
fn deleting_a_pair_changed_since_it_was_seen_is_refused() {
    let mut db = seeded();
    let seen = pipeline::create(&mut db, &day(0), code("D1"), code("R1"), "", CLI)
        .unwrap()
        .pair
        .rev;
    pipeline::move_pair(
        &mut db,
        &day(0),
        &MoveRequest::new(code("P1"), Stage::Contacted),
    )
    .unwrap();
    let err = pipeline::delete(&mut db, &day(1), code("P1"), Some(seen), CLI).unwrap_err();
    assert!(matches!(err, PipelineError::Changed { .. }), "{err}");
    assert!(pipeline::row(db.conn(), 1).unwrap().is_some());
    let now = pipeline::row(db.conn(), 1).unwrap().unwrap().pair.rev;
    let gone = pipeline::delete(&mut db, &day(1), code("P1"), Some(now), CLI).unwrap();
    assert_eq!(gone.id, 1);
    assert!(pipeline::row(db.conn(), 1).unwrap().is_none());
    // Undo says what it touched.
    let undone = pipeline::undo_step(&mut db).unwrap().unwrap();
    assert_eq!((undone.pair, undone.applied), (Some(1), true));
    assert_eq!(undone.step.origin, "cli");
}

#[test]
fn rows_come_newest_first_and_stream_in_chunks() {
    let mut db = seeded();
    let base = records::get_by_code(db.conn(), code("D2")).unwrap();
    records::update_fields(&mut db, &base, &patch_phone("1"), CLI).unwrap();
    let first = records::first_rows(db.conn(), Kind::Demand, 2).unwrap();
    let codes: Vec<String> = first.iter().map(|r| r.code().to_string()).collect();
    assert_eq!(codes, ["D2", "D3"], "the newest revision first");
    assert_eq!(records::count(db.conn(), Kind::Demand).unwrap(), 3);
    let mut chunks = Vec::new();
    let n = records::each_row(db.conn(), Kind::Demand, 2, |c| {
        chunks.push(c.len());
        true
    })
    .unwrap();
    assert_eq!((n, chunks), (3, vec![2, 1]));
    let mut seen = 0;
    records::each_row(db.conn(), Kind::Demand, 1, |_| {
        seen += 1;
        false
    })
    .unwrap();
    assert_eq!(seen, 1, "stops when asked");
}

#[test]
fn deleting_a_record_changed_since_it_was_seen_is_refused() {
    let mut db = seeded();
    let seen = records::get_by_code(db.conn(), code("D3")).unwrap();
    records::update_fields(&mut db, &seen, &patch_phone("1"), CLI).unwrap();
    let err = db
        .write(|tx| records::delete_seen(tx, seen.id, seen.rev))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "D3 was changed meanwhile; nothing changed — look again"
    );
    let now = records::row(db.conn(), seen.id).unwrap().unwrap();
    db.write(|tx| records::delete_seen(tx, seen.id, now.rev))
        .unwrap();
    assert!(records::row(db.conn(), seen.id).unwrap().is_none());
}
