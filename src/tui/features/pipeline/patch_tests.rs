//! A patch leaves what a full reload shows: a case table of desk writes, each followed by
//! the board, the agenda and the pair markers compared with a fresh model read in full.

use crate::db::Db;
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::test_support::{drive, run, setup, type_text};
use crate::tui::model::{Model, View};

/// A model that reads everything now, with the same desk lists, on the same view.
fn reloaded(db: &mut Db, m: &Model) -> Model {
    let (_, mut fresh) = setup();
    fresh.demands.shown.clone_from(&m.demands.shown);
    fresh.results.shown.clone_from(&m.results.shown);
    fresh.filters = m.filters.clone();
    fresh.view = m.view;
    run(
        db,
        &mut fresh,
        vec![Effect::Pipe(PipeEffect::Refresh {
            board: true,
            agenda: true,
            detail: None,
        })],
    );
    fresh
}

fn agenda_items(m: &Model) -> Vec<Vec<(i64, Option<String>, i64)>> {
    m.pipe
        .agenda
        .sections
        .iter()
        .map(|s| {
            s.iter()
                .map(|i| (i.pair_id, i.due.clone(), i.days))
                .collect()
        })
        .collect()
}

#[test]
fn each_desk_write_patches_the_views_to_what_a_full_reload_shows() {
    // Each row: keys on the desk (pairing both couples), then keys on the board, then on the
    // agenda. The agenda is opened once first so both views are loaded and patched.
    for keys in [
        "L",
        "L L",
        "L H",
        "z enter enter",
        "z enter enter L",
        "n enter =电话 enter =寄样品 enter =明天 enter",
        "n enter =电话 enter =寄样品 enter =昨天 enter",
        "D y",
        "D y u",
        "L u",
        "L L u u",
        "n enter =电话 enter =寄样品 enter =明天 enter u",
        "j L",
        "j z enter enter j L",
    ] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p j tab j p a a b");
        for k in keys.split_whitespace() {
            match k.strip_prefix('=') {
                Some(text) => type_text(&mut m, text),
                None => drive(&mut db, &mut m, k),
            }
        }
        assert_eq!(m.view, View::Board, "{keys}");
        let fresh = reloaded(&mut db, &m);
        assert_eq!(m.pipe.pairs, fresh.pipe.pairs, "{keys}");
        assert_eq!(m.pipe.by_record, fresh.pipe.by_record, "{keys}");
        assert_eq!(m.pipe.board_data, fresh.pipe.board_data, "{keys}");
        assert_eq!(m.pipe.board.columns, fresh.pipe.board.columns, "{keys}");
        assert_eq!(agenda_items(&m), agenda_items(&fresh), "{keys}");
        if keys.contains("昨天") {
            assert_eq!(m.pipe.agenda.sections[0].len(), 1, "overdue: {keys}");
        }
    }
}

#[test]
fn another_process_s_pair_changes_patch_the_views_too() {
    use crate::domain::{Code, CodeKind, Stage};
    use crate::pipeline::{self, MoveRequest};
    let p1 = Code {
        kind: CodeKind::Pair,
        num: 1,
    };
    for what in ["move", "delete"] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p j tab j p a a b");
        let since = crate::db::live::current_rev(db.conn()).unwrap();
        let clock = crate::tui::features::pipeline::test_support::clock();
        if what == "move" {
            pipeline::move_to(
                &mut db,
                &clock,
                &MoveRequest::new(p1, Stage::Contacted),
                "cli",
            )
            .unwrap();
        } else {
            pipeline::delete(&mut db, &clock, p1, None, "cli").unwrap();
        }
        let changes = crate::db::live::changes_since(db.conn(), since).unwrap();
        let fx = crate::tui::update::update(
            &mut m,
            crate::tui::action::Action::Changed(Box::new(changes)),
        );
        assert!(
            fx.iter()
                .all(|e| !matches!(e, Effect::Pipe(PipeEffect::Refresh { .. }))),
            "{what}: no full read"
        );
        run(&mut db, &mut m, fx);
        let fresh = reloaded(&mut db, &m);
        assert_eq!(m.pipe.pairs, fresh.pipe.pairs, "{what}");
        assert_eq!(m.pipe.board_data, fresh.pipe.board_data, "{what}");
        assert_eq!(m.pipe.board.columns, fresh.pipe.board.columns, "{what}");
        assert_eq!(agenda_items(&m), agenda_items(&fresh), "{what}");
    }
}

#[test]
fn a_record_saved_or_deleted_on_the_desk_patches_its_pairs() {
    use crate::tui::features::pipeline::update::{record_deleted, record_saved};
    let (mut db, mut m) = setup();
    drive(&mut db, &mut m, "p a a b");
    let id = m.pipe.pairs[0].demand_id;
    let mut rec = crate::db::records::get(db.conn(), id).unwrap().unwrap();
    rec.title = "改名的需求".into();
    db.write(|tx| crate::db::records::update(tx, &mut rec))
        .unwrap();
    let fx = record_saved(&m, id);
    run(&mut db, &mut m, fx);
    assert_eq!(m.pipe.board.selected().unwrap().demand_title, "改名的需求");
    assert_eq!(
        m.pipe.board.columns,
        reloaded(&mut db, &m).pipe.board.columns
    );
    let fx = record_deleted(&mut m, id);
    assert!(fx.is_empty());
    assert!(m.pipe.pairs.is_empty() && m.pipe.board.selected().is_none());
}
