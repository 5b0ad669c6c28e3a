//! The store suite for the pipeline's tables: pairs, their stage history and follow-up log,
//! contracts and payments, dismissals and the new-matches marks, each test on an in-memory
//! SQLite database and — when `DUIJIE_TEST_PG` names a server — on PostgreSQL, asserting what
//! a broker would notice.

mod common;

use common::engines::engines;
use duijie::db::engine::Store;
use duijie::db::{
    DbError, DbResult, actor, contracts, dismissals, followups, matches, pairs, rev, suggest_stamp,
};
use duijie::domain::{
    Channel, ContractSnapshot, ContractTerms, FollowUp, Instalment, Kind, Money, Pair, PayMode,
    Payment, Record, Stage, StageChange,
};
use duijie::store::Sql;

const NOW: &str = "2026-12-02T09:00:00Z";

/// A record written with portable SQL (the records module is another's to move).
fn add_record(s: &dyn Sql, kind: Kind, seq: i64, title: &str) -> DbResult<Record> {
    let stamp = rev::stamp(s)?;
    let key = match kind {
        Kind::Demand => "demand",
        Kind::Achievement => "result",
    };
    let mut rec = Record::new(kind, title);
    rec.id = s.insert(
        "INSERT INTO record (kind, seq, title, created_at, updated_at, rev) \
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        &[&key, &seq, &title, &NOW, &stamp],
    )?;
    rec.rev = stamp;
    Ok(rec)
}

/// A demand and a result.
fn two_records(store: &mut Store) -> (Record, Record) {
    store
        .write(|s| {
            Ok((
                add_record(s, Kind::Demand, 1, "电解铜箔")?,
                add_record(s, Kind::Achievement, 1, "极薄铜箔制备")?,
            ))
        })
        .unwrap()
}

/// A new candidate pair of `d` and `r`, with its first history entry.
fn new_pair(s: &dyn Sql, d: i64, r: i64, at: &str) -> DbResult<Pair> {
    let mut p = Pair {
        demand_id: d,
        result_id: r,
        stage: Stage::Candidate,
        stage_since: at.into(),
        created_at: at.into(),
        updated_at: at.into(),
        ..Pair::default()
    };
    pairs::insert(s, &mut p)?;
    change(s, p.id, None, Stage::Candidate, at)?;
    Ok(p)
}

fn change(s: &dyn Sql, pair: i64, from: Option<Stage>, to: Stage, at: &str) -> DbResult<i64> {
    followups::insert_change(
        s,
        &StageChange {
            id: 0,
            pair_id: pair,
            from,
            to,
            at: at.into(),
            actor: None,
        },
    )
}

/// Moves pair `id` to `to` at `at`, with its history entry.
fn move_stage(s: &dyn Sql, id: i64, to: Stage, at: &str) -> DbResult<Pair> {
    let mut p = pairs::get(s, id)?.expect("the pair exists");
    let from = p.stage;
    p.stage = to;
    p.stage_since = at.into();
    p.updated_at = at.into();
    assert!(pairs::write_state(s, &mut p)?);
    change(s, id, Some(from), to, at)?;
    Ok(p)
}

#[test]
fn a_pair_moves_with_its_history_in_order_and_who_made_each_step() {
    for mut store in engines("pair_moves") {
        let engine = store.backend();
        let (d, r) = two_records(&mut store);
        actor::set(store.sql(), Some("王芳")).unwrap();
        let made = store
            .write(|s| new_pair(s, d.id, r.id, "2026-11-01T08:00:00Z"))
            .unwrap();
        assert_eq!(made.created_by.as_deref(), Some("王芳"), "{engine:?}");
        assert_eq!(made.owner.as_deref(), Some("王芳"), "the maker owns it");
        let before = rev::current(store.sql()).unwrap();
        store
            .write(|s| move_stage(s, made.id, Stage::Contacted, "2026-11-03T10:00:00Z"))
            .unwrap();
        actor::set(store.sql(), Some("李强")).unwrap();
        store
            .write(|s| move_stage(s, made.id, Stage::Negotiating, "2026-11-20T15:30:00Z"))
            .unwrap();

        let s = store.sql();
        let history = followups::history_of(s, made.id).unwrap();
        let steps: Vec<_> = history
            .iter()
            .map(|h| (h.from, h.to, h.actor.as_deref()))
            .collect();
        assert_eq!(
            steps,
            vec![
                (None, Stage::Candidate, Some("王芳")),
                (Some(Stage::Candidate), Stage::Contacted, Some("王芳")),
                (Some(Stage::Contacted), Stage::Negotiating, Some("李强")),
            ],
            "{engine:?}"
        );
        let row = pairs::row(s, made.id).unwrap().unwrap();
        assert_eq!(row.pair.stage, Stage::Negotiating);
        assert_eq!(
            row.pair.owner.as_deref(),
            Some("王芳"),
            "a move keeps the owner"
        );
        assert_eq!(
            (row.demand.code.as_str(), row.result.code.as_str()),
            ("D1", "R1")
        );
        assert_eq!(row.result.title, "极薄铜箔制备");
        let changed: Vec<i64> = pairs::rows_since(s, before)
            .unwrap()
            .iter()
            .map(|p| p.pair.id)
            .collect();
        assert_eq!(changed, vec![made.id], "a desk watching revisions sees it");
        assert_eq!(pairs::id_of(s, d.id, r.id).unwrap(), Some(made.id));
        assert_eq!(pairs::partner_ids(s, &d).unwrap().len(), 1);
        assert_eq!(pairs::of_record(s, r.id).unwrap()[0].1.title, "电解铜箔");

        store
            .write(|s| pairs::set_owner(s, made.id, Some("李强")))
            .unwrap();
        let handed = pairs::get(store.sql(), made.id).unwrap().unwrap();
        assert_eq!(handed.owner.as_deref(), Some("李强"), "handed over");
    }
}

#[test]
fn follow_ups_are_logged_with_their_author_and_listed_newest_first() {
    for mut store in engines("pair_log") {
        let engine = store.backend();
        let (d, r) = two_records(&mut store);
        actor::set(store.sql(), Some("赵敏")).unwrap();
        let pair = store
            .write(|s| new_pair(s, d.id, r.id, "2026-10-01T08:00:00Z"))
            .unwrap();
        // Logged out of order: a call noted a day late.
        for (at, channel, note) in [
            ("2026-11-05T09:30:00Z", Channel::Visit, "走访实验室"),
            ("2026-10-20T14:00:00Z", Channel::Phone, "电话问进度"),
            ("2026-11-28T16:00:00Z", Channel::Wechat, "发报价"),
        ] {
            store
                .write(|s| {
                    let mut f = FollowUp {
                        id: 0,
                        pair_id: pair.id,
                        at: at.into(),
                        channel,
                        note: note.into(),
                        next_action: Some("寄样品".into()),
                        next_due: Some("2026-12-10".into()),
                        actor: None,
                    };
                    followups::insert(s, &mut f)?;
                    Ok(f)
                })
                .unwrap();
        }
        let log = followups::of_pair(store.sql(), pair.id).unwrap();
        let notes: Vec<_> = log.iter().map(|f| f.note.as_str()).collect();
        assert_eq!(notes, ["发报价", "走访实验室", "电话问进度"], "{engine:?}");
        assert_eq!(log[0].channel, Channel::Wechat);
        assert!(log.iter().all(|f| f.actor.as_deref() == Some("赵敏")));
        let newest = followups::last_activity(store.sql()).unwrap();
        assert_eq!(newest[&pair.id], "2026-11-28T16:00:00Z");

        let gone = log[1].id;
        store.write(|s| followups::delete(s, gone)).unwrap();
        assert_eq!(followups::all(store.sql()).unwrap().len(), 2);
        // Undo puts it back under its id, by its author.
        let mut back = log[1].clone();
        actor::set(store.sql(), Some("李强")).unwrap();
        store.write(|s| followups::insert(s, &mut back)).unwrap();
        assert_eq!(followups::of_pair(store.sql(), pair.id).unwrap(), log);
    }
}

#[test]
fn a_write_at_a_version_someone_moved_on_is_refused_and_changes_nothing() {
    for mut store in engines("pair_version") {
        let engine = store.backend();
        let (d, r) = two_records(&mut store);
        let pair = store
            .write(|s| new_pair(s, d.id, r.id, "2026-11-01T08:00:00Z"))
            .unwrap();
        // Broker A looks at the pair; broker B moves it meanwhile.
        let seen = pairs::get(store.sql(), pair.id).unwrap().unwrap();
        store
            .write(|s| move_stage(s, pair.id, Stage::Contacted, "2026-11-02T08:00:00Z"))
            .unwrap();
        let mut mine = seen.clone();
        mine.stage = Stage::Shelved;
        mine.shelve_reason = Some(duijie::domain::ShelveReason::NoReply);
        let out = store.write(|s| pairs::write_state_seen(s, &mut mine, seen.rev));
        assert!(
            matches!(out, Err(DbError::Changed(ref code)) if *code == format!("P{}", pair.id)),
            "{engine:?}: {out:?}"
        );
        let stored = pairs::get(store.sql(), pair.id).unwrap().unwrap();
        assert_eq!(stored.stage, Stage::Contacted, "B's move stands");
        assert_eq!(stored.shelve_reason, None);

        // At the version stored now it goes through, and stamps a fresh one.
        let mut again = stored.clone();
        again.next_action = Some("约面谈".into());
        store
            .write(|s| pairs::write_state_seen(s, &mut again, stored.rev))
            .unwrap();
        assert!(again.rev > stored.rev);
        assert_eq!(
            pairs::get(store.sql(), pair.id).unwrap().unwrap(),
            again,
            "{engine:?}"
        );

        // Deleted meanwhile: said so, not "changed".
        store.write(|s| pairs::delete(s, pair.id)).unwrap();
        let out = store.write(|s| pairs::write_state_seen(s, &mut again.clone(), again.rev));
        assert!(matches!(out, Err(DbError::Gone(_))), "{engine:?}: {out:?}");
    }
}

#[test]
fn a_deleted_pair_leaves_a_tombstone_and_comes_back_whole_under_its_code() {
    for mut store in engines("pair_restore") {
        let engine = store.backend();
        let (d, r) = two_records(&mut store);
        let pair = store
            .write(|s| new_pair(s, d.id, r.id, "2026-11-01T08:00:00Z"))
            .unwrap();
        store
            .write(|s| move_stage(s, pair.id, Stage::Contacted, "2026-11-02T08:00:00Z"))
            .unwrap();
        let before = pairs::get(store.sql(), pair.id).unwrap().unwrap();
        let history = followups::history_of(store.sql(), pair.id).unwrap();
        let mark = rev::current(store.sql()).unwrap();
        store.write(|s| pairs::delete(s, pair.id)).unwrap();
        let s = store.sql();
        assert_eq!(
            pairs::gone_since(s, mark).unwrap(),
            vec![pair.id],
            "{engine:?}"
        );
        assert!(pairs::rows(s).unwrap().is_empty());
        assert!(followups::history_of(s, pair.id).unwrap().is_empty());
        assert!(pairs::can_restore(s, &before).unwrap());

        store
            .write(|s| {
                pairs::insert(s, &mut before.clone())?;
                for h in &history {
                    followups::insert_change(s, h)?;
                }
                Ok(())
            })
            .unwrap();
        let s = store.sql();
        let back = pairs::get(s, pair.id).unwrap().unwrap();
        assert_eq!(
            (back.id, back.stage),
            (pair.id, Stage::Contacted),
            "{engine:?}"
        );
        assert_eq!(followups::history_of(s, pair.id).unwrap(), history);
        assert!(
            pairs::gone_since(s, mark).unwrap().is_empty(),
            "no longer gone"
        );
        assert!(
            !pairs::can_restore(s, &before).unwrap(),
            "its id is taken again"
        );
        // A pair made after the restore gets a new id, not one taken.
        let next = store
            .write(|s| {
                let other = add_record(s, Kind::Achievement, 2, "铜箔表面处理")?;
                new_pair(s, d.id, other.id, NOW)
            })
            .unwrap();
        assert!(next.id > pair.id, "{engine:?}");
        assert_eq!(pairs::paired_record_ids(store.sql()).unwrap().len(), 3);
    }
}

#[test]
fn a_contract_and_its_payments_come_back_to_the_fen() {
    for mut store in engines("pair_contract") {
        let engine = store.backend();
        let (d, r) = two_records(&mut store);
        actor::set(store.sql(), Some("王芳")).unwrap();
        let pair = store
            .write(|s| new_pair(s, d.id, r.id, "2026-09-01T08:00:00Z"))
            .unwrap();
        let fen = |f: i64| Money::from_fen(f).unwrap();
        let contract = ContractSnapshot {
            terms: Some(ContractTerms {
                tech: Some(fen(12_345_678_901)),
                pay_mode: Some(PayMode::Instalments),
                valid_to: Some("2029-12-31".into()),
                reg_date: Some("2026-11-20".into()),
                landed_note: None,
                actor: Some("王芳".into()),
            }),
            plan: vec![
                Instalment {
                    due: "2026-12-31".into(),
                    amount: fen(4_115_226_301),
                },
                Instalment {
                    due: "2027-06-30".into(),
                    amount: fen(8_230_452_600),
                },
            ],
            payments: Vec::new(),
        };
        store
            .write(|s| contracts::put(s, pair.id, &contract))
            .unwrap();
        // Three payments of odd amounts, the last a single 分.
        for (day, f) in [
            ("2026-11-25", 4_115_226_301_i64),
            ("2026-12-01", 3_333_333),
            ("2026-12-02", 1),
        ] {
            let p = Payment {
                id: 0,
                paid_on: day.into(),
                amount: fen(f),
                note: "到账".into(),
                actor: None,
            };
            store
                .write(|s| contracts::insert_payment(s, pair.id, &p))
                .unwrap();
        }
        let s = store.sql();
        let got = contracts::get(s, pair.id).unwrap();
        assert_eq!(got.terms, contract.terms, "{engine:?}");
        assert_eq!(got.plan, contract.plan);
        assert_eq!(contracts::payment_count(s, pair.id).unwrap(), 3);
        assert!(
            got.payments
                .iter()
                .all(|p| p.actor.as_deref() == Some("王芳"))
        );
        let between = contracts::payments_between(s, "2026-11-01", "2026-12-01").unwrap();
        assert_eq!(
            between.len(),
            2,
            "the last day is inclusive, the next left out"
        );
        let received = Money::total(got.payments.iter().map(|p| p.amount));
        assert_eq!(received, fen(4_115_226_301 + 3_333_333 + 1), "{engine:?}");
        let summed: i64 = s
            .query_one(
                "SELECT CAST(sum(amount_fen) AS BIGINT) FROM payment WHERE pair_id = ?1",
                &[&pair.id],
            )
            .unwrap()
            .get(0)
            .unwrap();
        assert_eq!(summed, received.fen(), "the store's sum is exact too");

        // Undo of a later change puts the very rows back, ids and all.
        store
            .write(|s| contracts::put(s, pair.id, &ContractSnapshot::default()))
            .unwrap();
        assert!(contracts::get(store.sql(), pair.id).unwrap().is_empty());
        store.write(|s| contracts::put(s, pair.id, &got)).unwrap();
        assert_eq!(contracts::get(store.sql(), pair.id).unwrap(), got);
        assert_eq!(contracts::all(store.sql()).unwrap(), vec![(pair.id, got)]);
    }
}

#[test]
fn a_dismissal_hides_a_suggestion_from_both_sides_until_taken_back() {
    use dismissals::DismissReason::{Known, WrongField};
    for mut store in engines("pair_dismiss") {
        let engine = store.backend();
        let (d, r) = two_records(&mut store);
        let stamp = suggest_stamp::records(store.sql()).unwrap();
        let first = store
            .write(|s| dismissals::dismiss(s, &d, r.id, Known))
            .unwrap();
        let again = store
            .write(|s| dismissals::dismiss(s, &r, d.id, WrongField))
            .unwrap();
        assert!(first && !again, "{engine:?}: replaced, not doubled");
        let s = store.sql();
        assert_eq!(dismissals::of_record(s, &d).unwrap()[&r.id], WrongField);
        assert_eq!(dismissals::of_record(s, &r).unwrap()[&d.id], WrongField);
        assert_eq!(
            suggest_stamp::records(s).unwrap(),
            stamp,
            "a dismissal leaves the suggestion index fresh"
        );
        assert!(store.write(|s| dismissals::restore(s, &d, r.id)).unwrap());
        assert!(dismissals::of_record(store.sql(), &r).unwrap().is_empty());
        assert!(!store.write(|s| dismissals::restore(s, &d, r.id)).unwrap());
    }
}

#[test]
fn new_matches_list_records_written_since_the_mark_and_each_couple_once() {
    for mut store in engines("pair_new") {
        let engine = store.backend();
        assert_eq!(
            matches::mark(store.sql()).unwrap(),
            (0, false),
            "{engine:?}: never listed"
        );
        let empty = suggest_stamp::records(store.sql()).unwrap();
        let (d, r) = two_records(&mut store);
        let stamp = suggest_stamp::records(store.sql()).unwrap();
        assert_eq!((stamp.count, stamp.max_id), (2, r.id));
        assert!(stamp.rev > empty.rev);
        let listed = matches::written_after(store.sql(), 0).unwrap();
        assert_eq!(listed, vec![d.id, r.id]);
        store
            .write(|s| {
                matches::set_mark(s, stamp.rev)?;
                matches::set_seen(s, d.id, r.id, 0.82)?;
                matches::set_seen(s, d.id, r.id, 0.91)
            })
            .unwrap();
        let s = store.sql();
        assert_eq!(matches::mark(s).unwrap(), (stamp.rev, true));
        assert!(matches::seen(s, d.id, r.id).unwrap());
        assert!(!matches::seen(s, r.id, d.id).unwrap());
        assert!(matches::written_after(s, stamp.rev).unwrap().is_empty());
        assert_eq!(
            matches::written_since(s, "2026-12-02").unwrap(),
            vec![d.id, r.id]
        );
        assert!(matches::written_since(s, "2026-12-03").unwrap().is_empty());

        let later = store
            .write(|s| add_record(s, Kind::Demand, 2, "钠电池正极"))
            .unwrap();
        assert_eq!(
            matches::written_after(store.sql(), stamp.rev).unwrap(),
            vec![later.id],
            "{engine:?}"
        );
        store
            .write(|s| {
                s.execute("DELETE FROM record WHERE id = ?1", &[&later.id])?;
                Ok(())
            })
            .unwrap();
        let after = suggest_stamp::records(store.sql()).unwrap();
        assert!(after.gone > stamp.rev, "a deletion moves the stamp on");
        assert_eq!(after.count, 2);
    }
}
