//! The store suite for records: the record queries (`db::records`), their search keys
//! (`db::keys`), a record's log (`db::record_notes`), the undo journal (`db::undo`) and the
//! caller lookup (`db::lookup`), each on an in-memory SQLite database and — when
//! `DUIJIE_TEST_PG` names a server — on PostgreSQL, each test in a schema of its own.

mod common;

use common::engines::engines;
use duijie::db::engine::Store;
use duijie::db::{DbError, actor, keys, lookup, record_notes, records, rev, undo};
use duijie::domain::contact::{email_key, name_key};
use duijie::domain::undo::Inverse;
use duijie::domain::{Channel, Kind, Money, Record, RecordNote, RecordPatch};
use duijie::search::Index;

/// A demand as a broker types it: Chinese text throughout, an exact budget in 分, a deadline,
/// a column of its own (`extra`).
fn demand() -> Record {
    let mut r = Record::new(Kind::Demand, "高纯电解铜箔（6 微米）量产工艺");
    r.org = "河南省郑州市某新材料有限公司".into();
    r.field = "新材料".into();
    r.region = "河南 · 郑州".into();
    r.description = "需要解决：厚度均匀性 ±0.3μm；「针孔」问题。".into();
    r.keywords = "铜箔；锂电池；电解".into();
    r.contact = "张伟".into();
    r.phone = "0371-6666-2222".into();
    r.email = "Zhang.Wei@example.cn".into();
    r.budget = Money::from_fen(12_345_678_901);
    r.deadline = "2026-12-31".into();
    r.open_call = true;
    r.extra.insert("城市".into(), "郑州".into());
    r
}

fn insert(store: &mut Store, rec: &Record) -> Record {
    let mut rec = rec.clone();
    store.write(|s| records::insert(s, &mut rec)).unwrap();
    rec
}

#[test]
fn a_record_reads_back_as_written_with_chinese_text_and_exact_money() {
    for mut store in engines("rec_roundtrip") {
        let engine = store.backend();
        actor::set(store.sql(), Some("王芳")).unwrap();
        let d = insert(&mut store, &demand());
        let mut result = Record::new(Kind::Achievement, "硅碳负极材料");
        result.ext_id = "NSFC-52174321".into();
        result.price = Money::from_fen(1);
        let r = insert(&mut store, &result);
        let sql = store.sql();

        let got = records::get(sql, d.id).unwrap().unwrap();
        assert_eq!(got, d, "{engine:?}");
        assert_eq!(got.budget.unwrap().fen(), 12_345_678_901);
        assert_eq!(got.created_by.as_deref(), Some("王芳"));
        assert_eq!(
            (d.code().to_string(), r.code().to_string()),
            ("D1".into(), "R1".into())
        );
        assert_eq!(records::get_by_code(sql, "r1".parse().unwrap()).unwrap(), r);
        assert_eq!(
            records::find_by_ext_id(sql, Kind::Achievement, "NSFC-52174321").unwrap(),
            Some(r.clone())
        );
        let all = records::list(sql, &records::RecordFilter::default()).unwrap();
        assert_eq!(all, vec![d.clone(), r.clone()]);
        let demands = records::list(
            sql,
            &records::RecordFilter {
                kind: Some(Kind::Demand),
            },
        );
        assert_eq!(demands.unwrap(), vec![d.clone()]);
        assert_eq!(records::count(sql, Kind::Achievement).unwrap(), 1);

        let row = records::row(sql, d.id).unwrap().unwrap();
        assert_eq!(
            (row.title.as_str(), row.org.as_str()),
            (d.title.as_str(), d.org.as_str())
        );
        assert_eq!(row.code().to_string(), "D1");
        assert_eq!(
            records::first_rows(sql, Kind::Demand, 10).unwrap(),
            vec![row]
        );

        // The same row imported again changes nothing; with a new title it is an update.
        let mut again = demand();
        assert_eq!(
            store.write(|s| records::upsert(s, &mut again)).unwrap(),
            records::RecordWrite::Unchanged
        );
        let mut renamed = result.clone();
        renamed.title = "硅碳负极材料（第二代）".into();
        assert_eq!(
            store.write(|s| records::upsert(s, &mut renamed)).unwrap(),
            records::RecordWrite::Updated
        );
        let stored = records::get(store.sql(), r.id).unwrap().unwrap();
        assert_eq!(
            (stored.title.as_str(), stored.seq),
            ("硅碳负极材料（第二代）", 1)
        );
    }
}

#[test]
fn a_patch_keeps_a_colleagues_change_and_refuses_one_to_the_same_field() {
    for mut store in engines("rec_patch") {
        let base = insert(&mut store, &demand());
        // A colleague changes the organisation.
        let mut theirs = base.clone();
        theirs.org = "郑州大学".into();
        let patch = RecordPatch::between(&base, &theirs);
        store
            .write(|s| records::update_fields_in(s, &base, &patch, "cli"))
            .unwrap();
        // I change the budget from the form I opened before.
        let mut mine = base.clone();
        mine.budget = Money::from_wan(80);
        let patch = RecordPatch::between(&base, &mine);
        let saved = store
            .write(|s| records::update_fields_in(s, &base, &patch, "cli"))
            .unwrap();
        assert_eq!(saved.merged, vec!["org"], "{:?}", store.backend());
        let stored = records::get(store.sql(), base.id).unwrap().unwrap();
        assert_eq!(stored, saved.record);
        assert_eq!(
            (stored.org.as_str(), stored.budget),
            ("郑州大学", Money::from_wan(80))
        );
        assert_eq!(stored.title, base.title, "fields nobody patched stay");
        // Changing the organisation again from the old form would overwrite theirs.
        let mut stale = base.clone();
        stale.org = "河南大学".into();
        let patch = RecordPatch::between(&base, &stale);
        let err = store
            .write(|s| records::update_fields_in(s, &base, &patch, "cli"))
            .unwrap_err();
        assert!(
            matches!(&err, DbError::Conflict { fields, .. } if *fields == ["org"]),
            "{err}"
        );
        assert_eq!(records::get(store.sql(), base.id).unwrap().unwrap(), stored);
    }
}

#[test]
fn a_deleted_record_leaves_a_tombstone_and_comes_back_under_its_code() {
    for mut store in engines("rec_delete") {
        let engine = store.backend();
        let d1 = insert(&mut store, &demand());
        let d2 = insert(&mut store, &Record::new(Kind::Demand, "压铸模具"));
        let before = rev::current(store.sql()).unwrap();
        let err = store
            .write(|s| records::delete_seen(s, d1.id, d1.rev - 1))
            .unwrap_err();
        assert!(matches!(err, DbError::Changed(_)), "{engine:?}: {err}");
        store
            .write(|s| records::delete_seen(s, d1.id, d1.rev))
            .unwrap();
        assert_eq!(records::get(store.sql(), d1.id).unwrap(), None);
        assert_eq!(
            records::gone_since(store.sql(), before).unwrap(),
            vec![d1.id]
        );
        assert_eq!(records::count(store.sql(), Kind::Demand).unwrap(), 1);
        let err = store
            .write(|s| records::delete_seen(s, d1.id, d1.rev))
            .unwrap_err();
        assert!(matches!(err, DbError::Gone(_)), "{err}");

        let mut back = d1.clone();
        assert!(store.write(|s| records::restore(s, &mut back)).unwrap());
        let got = records::get(store.sql(), d1.id).unwrap().unwrap();
        assert_eq!(
            (got.code().to_string(), got.title.as_str()),
            ("D1".into(), d1.title.as_str())
        );
        assert!(records::same_content(&got, &d1));
        assert_eq!(
            records::gone_since(store.sql(), before).unwrap(),
            Vec::<i64>::new()
        );
        // A new demand still takes the next code, never D1 or D2 again.
        let d3 = insert(&mut store, &Record::new(Kind::Demand, "光伏背板"));
        assert_eq!(d3.code().to_string(), "D3");
        assert_ne!(d3.id, d2.id);
    }
}

#[test]
fn search_keys_stream_newest_first_and_find_chinese_and_pinyin() {
    for mut store in engines("rec_keys") {
        let engine = store.backend();
        for part in 0..2 {
            store
                .write(|s| {
                    for i in 0..300 {
                        let title = if part == 1 && i == 7 {
                            "锂电池负极回收".to_string()
                        } else {
                            format!("成果{part}-{i}")
                        };
                        records::insert(s, &mut Record::new(Kind::Achievement, title))?;
                    }
                    Ok(())
                })
                .unwrap();
        }
        insert(&mut store, &demand());
        let mut sizes = Vec::new();
        let mut ids = Vec::new();
        let mut counted = None;
        keys::read_batches(
            store.sql(),
            Kind::Achievement,
            |n| counted = Some(n),
            |b| {
                sizes.push(b.len());
                ids.extend_from_slice(b.ids());
                true
            },
        )
        .unwrap();
        assert_eq!((counted, sizes), (Some(600), vec![512, 88]), "{engine:?}");
        // The second write's rows first (newest revision), each write's by id.
        let mut expected: Vec<i64> = store
            .sql()
            .query(
                "SELECT id FROM record WHERE kind = 'result' ORDER BY rev DESC, id",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0).unwrap())
            .collect();
        assert_eq!(ids, expected);
        expected.truncate(300);
        assert!(ids[..300].iter().all(|id| expected.contains(id)));

        let idx = Index::load(store.sql(), Kind::Achievement).unwrap();
        let hit = |q: &str| idx.search(q).first().map(|h| h.id);
        let lithium = expected[7];
        assert_eq!(hit("锂电池"), Some(lithium), "{engine:?}");
        assert_eq!(hit("lidianchi"), Some(lithium), "pinyin");
        // Stopping after the first batch reads no further.
        let mut batches = 0;
        keys::read_batches(
            store.sql(),
            Kind::Achievement,
            |_| {},
            |_| {
                batches += 1;
                false
            },
        )
        .unwrap();
        assert_eq!(batches, 1);
    }
}

#[test]
fn a_record_note_goes_into_its_log_and_moves_the_record_on() {
    for mut store in engines("rec_notes") {
        let d = insert(&mut store, &demand());
        actor::set(store.sql(), Some("李雷")).unwrap();
        let mut first = RecordNote {
            id: 0,
            record_id: d.id,
            at: "2026-12-01T09:00:00Z".into(),
            channel: Channel::Phone,
            note: "问中试线产能：月产 50 吨".into(),
            next_action: Some("寄样品".into()),
            next_due: Some("2026-12-08".into()),
            actor: None,
        };
        let mut second = first.clone();
        second.at = "2026-12-02T15:30:00Z".into();
        second.note = "已寄出".into();
        store
            .write(|s| {
                record_notes::insert(s, &mut first)?;
                record_notes::insert(s, &mut second)
            })
            .unwrap();
        assert_eq!(first.actor.as_deref(), Some("李雷"));
        let log = record_notes::of_record(store.sql(), d.id).unwrap();
        assert_eq!(
            log,
            vec![second.clone(), first.clone()],
            "{:?}",
            store.backend()
        );
        let moved = records::get(store.sql(), d.id).unwrap().unwrap().rev;
        assert!(
            moved > d.rev,
            "the record's rev moved on: {} → {moved}",
            d.rev
        );
        assert!(store.write(|s| record_notes::delete(s, first.id)).unwrap());
        assert!(!store.write(|s| record_notes::delete(s, first.id)).unwrap());
        // Put back under its own id, as undo does.
        store
            .write(|s| record_notes::insert(s, &mut first))
            .unwrap();
        assert_eq!(record_notes::of_record(store.sql(), d.id).unwrap().len(), 2);
        store.write(|s| records::delete(s, d.id)).unwrap();
        assert_eq!(record_notes::count_of(store.sql(), d.id).unwrap(), 0);
    }
}

#[test]
fn an_undo_step_puts_the_record_back_as_it_was_and_passes_over_a_colleagues() {
    for mut store in engines("rec_undo") {
        let engine = store.backend();
        actor::set(store.sql(), Some("王芳")).unwrap();
        let before = insert(&mut store, &demand());
        let mut edited = before.clone();
        edited.title = "电解铜箔（4.5 微米）".into();
        edited.budget = None;
        let patch = RecordPatch::between(&before, &edited);
        store
            .write(|s| records::update_fields_in(s, &before, &patch, "cli"))
            .unwrap();
        // A colleague's step comes after mine.
        actor::set(store.sql(), Some("李雷")).unwrap();
        store
            .write(|s| {
                undo::push(
                    s,
                    "note on D1",
                    &Inverse::DeleteRecord { id: 999 },
                    "2026-12-02T10:00:00Z",
                    "desk:1",
                )
            })
            .unwrap();
        actor::set(store.sql(), Some("王芳")).unwrap();
        assert_eq!(
            undo::depth(store.sql()).unwrap(),
            1,
            "{engine:?}: only mine"
        );
        let step = undo::peek(store.sql()).unwrap().unwrap();
        assert_eq!(
            (step.origin.as_str(), step.actor.as_deref()),
            ("cli", Some("王芳"))
        );

        let entry = undo::top(store.sql()).unwrap().unwrap();
        let passed = undo::newer_than(store.sql(), entry.id).unwrap();
        assert_eq!(passed.len(), 1);
        assert_eq!(passed[0].step.actor.as_deref(), Some("李雷"));
        let Ok(Inverse::RestoreRecord { id, seq, record }) = entry.inverse else {
            panic!("{engine:?}: not a record's restore: {:?}", entry.inverse);
        };
        assert_eq!((id, seq), (before.id, before.seq));
        store
            .write(|s| {
                // As undo applies it: the content as it was, under its id and code.
                let mut old = (*record).clone();
                (old.id, old.seq) = (id, seq);
                records::update(s, &mut old)?;
                undo::remove(s, entry.id)
            })
            .unwrap();
        let got = records::get(store.sql(), before.id).unwrap().unwrap();
        assert!(records::same_content(&got, &before), "{engine:?}: {got:?}");
        assert_eq!(got.budget, before.budget);
        assert_eq!(undo::depth(store.sql()).unwrap(), 0);
        assert!(undo::top(store.sql()).unwrap().is_none());

        // An import's step keeps the former contents beside it, in order.
        let entry = store
            .write(|s| {
                let id = undo::open(s, "import", &Inverse::DeleteRecord { id: 0 }, "t", "cli")?;
                undo::push_snapshot(s, id, &before)?;
                undo::push_snapshot(s, id, &edited)?;
                Ok(id)
            })
            .unwrap();
        let mut titles = Vec::new();
        undo::each_snapshot(store.sql(), entry, |snap| {
            titles.push(snap.unwrap().record.title);
            Ok(())
        })
        .unwrap();
        assert_eq!(titles, vec![before.title.clone(), edited.title.clone()]);
    }
}

#[test]
fn a_caller_is_found_by_the_tail_of_their_number_and_reaches_their_records() {
    for mut store in engines("rec_lookup") {
        let engine = store.backend();
        let d = insert(&mut store, &demand());
        let mut other = Record::new(Kind::Achievement, "铜箔表面处理");
        other.org = d.org.clone();
        let r = insert(&mut store, &other);
        let sql = store.sql();
        let found = lookup::by_phone(sql, "2222", 10).unwrap();
        assert_eq!(found.len(), 1, "{engine:?}");
        assert!(!found[0].whole, "a tail, not the whole number");
        let whole = lookup::by_phone(sql, "037166662222", 10).unwrap();
        assert_eq!(
            whole,
            vec![lookup::Found {
                whole: true,
                ..found[0]
            }]
        );
        assert!(lookup::by_phone(sql, "9999", 10).unwrap().is_empty());
        let by_email = lookup::by_email(sql, "zhang.w", 10).unwrap();
        assert_eq!(by_email.len(), 1);
        assert!(!by_email[0].whole);
        let whole_email = lookup::by_email(sql, &email_key("Zhang.Wei@Example.cn"), 10).unwrap();
        assert_eq!(whole_email, whole);
        let by_name = lookup::by_name(sql, &name_key("张伟"), false, 10).unwrap();
        assert_eq!(by_name, whole);
        assert_eq!(
            lookup::by_name(sql, &name_key("张"), true, 10)
                .unwrap()
                .len(),
            1
        );
        assert!(
            lookup::by_name(sql, &name_key("张"), false, 10)
                .unwrap()
                .is_empty()
        );

        let contact = found[0].contact_id;
        let org: Option<i64> = sql
            .query_one("SELECT org_id FROM contact WHERE id = ?1", &[&contact])
            .unwrap()
            .get(0)
            .unwrap();
        let reached = lookup::reach(sql, contact, org).unwrap();
        let got: Vec<(i64, bool)> = reached.iter().map(|x| (x.id, x.own)).collect();
        assert_eq!(got, vec![(d.id, true), (r.id, false)], "{engine:?}");
    }
}
