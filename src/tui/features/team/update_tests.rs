//! The team keys through the default keymap: mine or everyone's on the board and the agenda,
//! and handing a pair over (undo gives it back).

use crate::domain::Code;
use crate::pipeline::create;
use crate::tui::effect::{Effect, PipeEffect};
use crate::tui::features::pipeline::test_support::{clock, drive, run, setup, top, type_text};
use crate::tui::keys::Context;
use crate::tui::model::Model;

fn cards(m: &Model) -> Vec<String> {
    m.pipe
        .board
        .columns
        .iter()
        .flat_map(|c| c.cards.iter().map(|k| k.code.clone()))
        .collect()
}

/// The status line's text.
fn msg(m: &Model) -> String {
    m.message
        .as_ref()
        .map(|x| x.text.clone())
        .unwrap_or_default()
}

fn code(s: &str) -> Code {
    s.parse().unwrap()
}

/// 王芳 at the desk pairs D1 with R1; 李娜, elsewhere, D2 with R2; the desk reads again.
fn two_brokers() -> (crate::db::Db, Model) {
    let (mut db, mut m) = setup();
    db.set_actor(Some("王芳")).unwrap();
    m.pipe.me = Some("王芳".into());
    drive(&mut db, &mut m, "p");
    db.set_actor(Some("李娜")).unwrap();
    create(&mut db, &clock(), code("D2"), code("R2"), "", "cli").unwrap();
    db.set_actor(Some("王芳")).unwrap();
    let refresh = Effect::Pipe(PipeEffect::Refresh {
        board: false,
        agenda: false,
        detail: None,
    });
    run(&mut db, &mut m, vec![refresh]);
    drive(&mut db, &mut m, "b");
    (db, m)
}

#[test]
fn the_board_shows_mine_and_one_key_shows_everyones() {
    let (mut db, mut m) = two_brokers();
    assert_eq!(cards(&m), ["P1"]);
    drive(&mut db, &mut m, "w");
    assert_eq!(cards(&m), ["P1", "P2"]);
    assert!(msg(&m).contains("所有人"), "{:?}", msg(&m));
    drive(&mut db, &mut m, "w");
    assert_eq!(cards(&m), ["P1"]);
    assert!(msg(&m).contains("王芳"), "{:?}", msg(&m));
}

#[test]
fn the_agenda_shows_mine_and_the_same_key_shows_everyones() {
    let (mut db, mut m) = two_brokers();
    for (pair, who) in [("P1", "王芳"), ("P2", "李娜")] {
        db.set_actor(Some(who)).unwrap();
        let req = crate::pipeline::LogRequest {
            pair: code(pair),
            channel: crate::domain::Channel::Phone,
            note: "约下周".into(),
            next_action: Some("回电".into()),
            next_due: Some(jiff::civil::date(2026, 3, 10)),
            done: false,
        };
        crate::pipeline::log(&mut db, &clock(), &req, "cli").unwrap();
    }
    db.set_actor(Some("王芳")).unwrap();
    drive(&mut db, &mut m, "a");
    let codes = |m: &Model| -> Vec<String> {
        m.pipe
            .agenda
            .sections
            .iter()
            .flatten()
            .map(|i| i.code.clone())
            .collect()
    };
    assert_eq!(codes(&m), ["P1"]);
    drive(&mut db, &mut m, "w");
    assert_eq!(codes(&m), ["P1", "P2"]);
}

#[test]
fn a_broker_alone_sees_every_pair_and_the_key_says_why() {
    let (mut db, mut m) = setup();
    // A pair from before names, and one of 王芳's.
    drive(&mut db, &mut m, "p");
    db.set_actor(Some("王芳")).unwrap();
    m.pipe.me = Some("王芳".into());
    create(&mut db, &clock(), code("D2"), code("R2"), "", "cli").unwrap();
    run(
        &mut db,
        &mut m,
        vec![Effect::Pipe(PipeEffect::Refresh {
            board: false,
            agenda: false,
            detail: None,
        })],
    );
    drive(&mut db, &mut m, "b");
    assert_eq!(cards(&m), ["P1", "P2"]);
    drive(&mut db, &mut m, "w");
    assert_eq!(cards(&m), ["P1", "P2"]);
    assert!(msg(&m).contains("只有一位"), "{:?}", msg(&m));
}

#[test]
fn a_pair_is_handed_over_from_the_board_and_undo_gives_it_back() {
    let (mut db, mut m) = two_brokers();
    drive(&mut db, &mut m, "o");
    assert_eq!(top(&m), Some(Context::Prompt));
    // Enter on an empty name keeps the prompt open.
    drive(&mut db, &mut m, "enter");
    assert_eq!(top(&m), Some(Context::Prompt));
    type_text(&mut m, "张伟");
    drive(&mut db, &mut m, "enter");
    assert_eq!(top(&m), None);
    let owner = |m: &Model| m.pipe.pairs[0].owner.clone();
    assert_eq!(owner(&m).as_deref(), Some("张伟"));
    assert!(msg(&m).contains("张伟"), "{:?}", msg(&m));
    // No longer mine: it leaves the board of mine.
    assert!(cards(&m).is_empty(), "{:?}", cards(&m));
    drive(&mut db, &mut m, "u");
    assert_eq!(owner(&m).as_deref(), Some("王芳"));
    assert_eq!(cards(&m), ["P1"]);
}

#[test]
fn esc_leaves_the_handover_prompt_and_changes_nothing() {
    let (mut db, mut m) = two_brokers();
    drive(&mut db, &mut m, "enter o");
    assert_eq!(top(&m), Some(Context::Prompt));
    type_text(&mut m, "张伟");
    drive(&mut db, &mut m, "esc");
    assert_eq!(top(&m), Some(Context::PairDetail));
    assert_eq!(m.pipe.pairs[0].owner.as_deref(), Some("王芳"));
}

#[test]
fn undo_at_the_desk_is_refused_under_a_colleagues_later_step_and_says_whose() {
    let (mut db, mut m) = two_brokers();
    db.set_actor(Some("李娜")).unwrap();
    let req = crate::pipeline::MoveRequest::new(code("P1"), crate::domain::Stage::Contacted);
    crate::pipeline::move_to(&mut db, &clock(), &req, "cli").unwrap();
    db.set_actor(Some("王芳")).unwrap();
    let mut runner = crate::tui::app::runner_pipeline::PipeRunner::fixed(clock());
    let err = runner.run(&mut db, PipeEffect::Undo).unwrap_err();
    let Ok(crate::pipeline::PipelineError::Crossed { yours, theirs }) =
        err.downcast::<crate::pipeline::PipelineError>()
    else {
        panic!("not refused as crossed");
    };
    assert_eq!(
        crate::pipeline::undo::depth(db.conn()).unwrap(),
        1,
        "nothing taken back"
    );
    // The desk says it on the status line, in its language, as a warning.
    crate::tui::update::update(
        &mut m,
        crate::tui::action::Action::Pipe(crate::tui::action::PipeAction::UndoCrossed {
            yours,
            theirs,
        }),
    );
    let text = msg(&m);
    assert!(
        text.contains("李娜") && text.contains("撤销只收回你自己的操作"),
        "{text}"
    );
    assert!(m.message.as_ref().is_some_and(|x| x.warn));
}
