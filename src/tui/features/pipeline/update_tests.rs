//! Key → state tests of the pipeline update: keys resolved through the real keymap, answers
//! built from an in-memory database on a fixed clock.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::date;

use crate::db::{Db, RecordFilter, records};
use crate::domain::{Kind, Record, Stage};
use crate::pipeline::{self, Clock};
use crate::tui::Lang;
use crate::tui::action::{Action, PipeAction};
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::keys::{Context, Keymap};
use crate::tui::model::{Model, View};
use crate::tui::overlay::Overlay;
use crate::tui::update::update as update_all;

fn clock() -> Clock {
    Clock::fixed(date(2026, 3, 10))
}

/// A database with two demands and two results; the model over it.
fn setup() -> (Db, Model) {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        for (kind, t) in [
            (Kind::Demand, "铜箔量产工艺"),
            (Kind::Demand, "中药材提取"),
            (Kind::Achievement, "超薄铜箔电解技术"),
            (Kind::Achievement, "光伏背板"),
        ] {
            records::insert(tx, &mut Record::new(kind, t))?;
        }
        Ok::<_, crate::db::DbError>(())
    })
    .unwrap();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let m = Model::new(recs, Keymap::default(), Lang::Zh, "t.db");
    (db, m)
}

/// Runs pipeline effects against `db` (fixed clock) until nothing is left, like the loop.
fn run(db: &mut Db, m: &mut Model, effects: Vec<Effect>) {
    let mut runner = crate::tui::app::runner_pipeline::PipeRunner::fixed(clock());
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        let Effect::Pipe(p) = e else { continue };
        for a in runner.run(db, p).unwrap() {
            queue.extend(update_all(m, a));
        }
    }
}

fn press(m: &mut Model, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let action = m
        .keymap
        .resolve(m.context(), &KeyEvent::new(code, mods))
        .expect("key is bound");
    update_all(m, action)
}

fn key(m: &mut Model, c: char) -> Vec<Effect> {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    press(m, KeyCode::Char(c), mods)
}

fn typed(m: &mut Model, s: &str) {
    for c in s.chars() {
        assert!(press(m, KeyCode::Char(c), KeyModifiers::NONE).is_empty());
    }
}

fn enter(m: &mut Model) -> Vec<Effect> {
    press(m, KeyCode::Enter, KeyModifiers::NONE)
}

#[test]
fn p_pairs_the_two_selections_and_refuses_a_second_time_naming_the_pair() {
    let (mut db, mut m) = setup();
    let fx = key(&mut m, 'p');
    assert!(matches!(
        fx.as_slice(),
        [Effect::Pipe(PipeEffect::CreatePair { .. })]
    ));
    run(&mut db, &mut m, fx);
    let msg = m.message.clone().unwrap().text;
    assert!(msg.starts_with("P1 已创建 D"), "{msg}");
    assert!(msg.ends_with("u 撤销"), "{msg}");
    let d = m.demands.selected_id().unwrap();
    let r = m.results.selected_id().unwrap();
    assert!(m.pipe.is_paired(d) && m.pipe.is_paired(r));
    assert_eq!(m.pipe.pairs_of(d).count(), 1);

    assert!(key(&mut m, 'p').is_empty(), "no second pair");
    let msg = m.message.clone().unwrap();
    assert!(msg.warn && msg.text.contains("P1"), "{msg:?}");
}

#[test]
fn s_asks_for_suggestions_for_the_focused_selection() {
    let (_db, mut m) = setup();
    key(&mut m, 'l');
    let id = m.results.selected_id().unwrap();
    assert_eq!(
        key(&mut m, 's'),
        vec![Effect::Pipe(PipeEffect::Suggest { id })]
    );
}

#[test]
fn b_and_a_switch_views_with_their_own_keys_and_esc_returns() {
    let (_db, mut m) = setup();
    let fx = key(&mut m, 'b');
    assert_eq!(m.view, View::Board);
    assert_eq!(m.context(), Context::Board);
    assert!(matches!(
        fx.as_slice(),
        [Effect::Pipe(PipeEffect::OpenView {
            board: true,
            loaded_on: None
        })]
    ));
    key(&mut m, 'a');
    assert_eq!(m.view, View::Agenda);
    assert_eq!(m.context(), Context::Agenda);
    key(&mut m, 'a');
    assert_eq!(m.view, View::Desk);
    key(&mut m, 'b');
    press(&mut m, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(m.view, View::Desk);
    // `?` on the board lists the board's keys first, then every other context's.
    key(&mut m, 'b');
    key(&mut m, '?');
    assert_eq!(m.view_context(), Context::Board);
    let help: Vec<String> = crate::tui::features::help::lines(&m, &crate::tui::Theme::new(false))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(help[0], Context::Board.label(m.lang), "{help:?}");
    let board_end = help.iter().position(String::is_empty).unwrap();
    assert!(
        help[..board_end].iter().any(|l| l.contains("shift-→")),
        "{help:?}"
    );
    assert!(
        help[board_end..].iter().any(|l| l.contains("ctrl-w")),
        "{help:?}"
    );
}

#[test]
fn l_to_signed_asks_for_the_amount_then_moves_with_it() {
    let (mut db, mut m) = setup();
    let fx = key(&mut m, 'p');
    run(&mut db, &mut m, fx);
    let fx = key(&mut m, 'b');
    run(&mut db, &mut m, fx);
    for _ in 0..2 {
        let fx = key(&mut m, 'L');
        assert!(matches!(fx.as_slice(), [Effect::Pipe(PipeEffect::Move(_))]));
        run(&mut db, &mut m, fx);
    }
    assert_eq!(m.pipe.board.selected_stage(), Some(Stage::Negotiating));
    assert!(key(&mut m, 'L').is_empty(), "the prompt comes first");
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::StagePrompt {
            to: Stage::Signed,
            ..
        })
    ));
    assert_eq!(m.context(), Context::Prompt);
    typed(&mut m, "120");
    assert!(enter(&mut m).is_empty());
    let fx = enter(&mut m);
    let [Effect::Pipe(PipeEffect::Move(req))] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(req.to, Stage::Signed);
    assert_eq!(req.amount, crate::domain::Money::parse("120.0").unwrap());
    assert_eq!(req.signed_on, Some(date(2026, 3, 10)));
    run(&mut db, &mut m, fx);
    assert!(m.overlays.is_empty());
    let card = m.pipe.board.selected().unwrap();
    assert_eq!(card.amount, crate::domain::Money::parse("120.0").unwrap());
    assert_eq!(m.pipe.board.selected_stage(), Some(Stage::Signed));
    // H goes back without a prompt.
    let fx = key(&mut m, 'H');
    assert!(matches!(fx.as_slice(), [Effect::Pipe(PipeEffect::Move(_))]));
}

#[test]
fn n_keeps_the_form_open_on_a_bad_due_date_and_logs_a_good_one() {
    let (mut db, mut m) = setup();
    let fx = key(&mut m, 'p');
    run(&mut db, &mut m, fx);
    let fx = key(&mut m, 'b');
    run(&mut db, &mut m, fx);
    key(&mut m, 'n');
    assert!(matches!(m.overlays.last(), Some(Overlay::FollowUp { .. })));
    enter(&mut m);
    typed(&mut m, "电话沟通");
    enter(&mut m);
    typed(&mut m, "寄样品");
    enter(&mut m);
    typed(&mut m, "下辈子");
    assert!(enter(&mut m).is_empty(), "a bad due date writes nothing");
    let Some(Overlay::FollowUp { form, .. }) = m.overlays.last() else {
        panic!("the form closed");
    };
    assert_eq!(
        form.focused(),
        crate::tui::features::followup::FollowUpField::Due
    );
    for _ in 0..3 {
        press(&mut m, KeyCode::Backspace, KeyModifiers::NONE);
    }
    typed(&mut m, "明天");
    let fx = enter(&mut m);
    let [Effect::Pipe(PipeEffect::Log(req))] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(req.next_due, Some(date(2026, 3, 11)));
    assert_eq!(req.next_action.as_deref(), Some("寄样品"));
    run(&mut db, &mut m, fx);
    let card = m.pipe.board.selected().unwrap();
    assert_eq!(card.next_action.as_deref(), Some("寄样品"));
    assert_eq!(card.next_due.as_deref(), Some("2026-03-11"));
}

#[test]
fn u_undoes_step_by_step_and_says_so() {
    let (mut db, mut m) = setup();
    let fx = key(&mut m, 'p');
    run(&mut db, &mut m, fx);
    let fx = key(&mut m, 'b');
    run(&mut db, &mut m, fx);
    let fx = key(&mut m, 'L');
    run(&mut db, &mut m, fx);
    assert_eq!(m.pipe.pairs[0].stage, Stage::Contacted);
    let fx = key(&mut m, 'u');
    assert_eq!(fx, vec![Effect::Pipe(PipeEffect::Undo)]);
    run(&mut db, &mut m, fx);
    assert_eq!(m.pipe.pairs[0].stage, Stage::Candidate);
    assert!(m.message.clone().unwrap().text.starts_with("已撤销"));
    let fx = key(&mut m, 'u');
    run(&mut db, &mut m, fx);
    assert!(m.pipe.pairs.is_empty());
    assert!(m.pipe.board.selected().is_none());
    let fx = key(&mut m, 'u');
    run(&mut db, &mut m, fx);
    assert_eq!(m.message.clone().unwrap().text, "没有可撤销的操作");
    assert!(
        pipeline::pairs::list_with_sides(db.conn())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_board_keeps_only_cards_whose_sides_the_desk_shows() {
    let (mut db, mut m) = setup();
    let fx = key(&mut m, 'p');
    run(&mut db, &mut m, fx);
    m.demands.shown.clear();
    m.results.shown.clear();
    let fx = key(&mut m, 'b');
    run(&mut db, &mut m, fx);
    assert!(m.pipe.board.selected().is_none());
    let _ = crate::tui::update::update(&mut m, Action::Back);
    assert_eq!(m.view, View::Desk);
    let _ = Action::Pipe(PipeAction::Board);
}

#[test]
fn h_or_l_on_a_shelved_card_takes_it_up_where_it_was_shelved() {
    let (mut db, mut m) = setup();
    for k in ['p', 'b', 'L'] {
        let fx = key(&mut m, k);
        run(&mut db, &mut m, fx);
    }
    assert_eq!(m.pipe.board.selected_stage(), Some(Stage::Contacted));
    assert!(key(&mut m, 'z').is_empty(), "shelving asks for a reason");
    let mut fx = enter(&mut m);
    while fx.is_empty() && !m.overlays.is_empty() {
        fx = enter(&mut m);
    }
    run(&mut db, &mut m, fx);
    assert_eq!(m.pipe.board.selected_stage(), Some(Stage::Shelved));
    let fx = key(&mut m, 'L');
    assert!(
        matches!(fx.as_slice(), [Effect::Pipe(PipeEffect::Reactivate(_))]),
        "{fx:?}"
    );
    run(&mut db, &mut m, fx);
    assert_eq!(m.pipe.board.selected_stage(), Some(Stage::Contacted));
}

#[test]
fn d_on_the_board_deletes_the_pair_after_asking_and_u_brings_it_back() {
    let (mut db, mut m) = setup();
    for k in ['p', 'b'] {
        let fx = key(&mut m, k);
        run(&mut db, &mut m, fx);
    }
    assert!(m.pipe.board.selected().is_some());
    assert!(key(&mut m, 'D').is_empty(), "it asks first");
    assert_eq!(m.context(), Context::ConfirmDelete);
    assert!(key(&mut m, 'n').is_empty(), "n keeps the pair");
    assert!(m.overlays.is_empty());
    assert!(m.pipe.board.selected().is_some());

    assert!(key(&mut m, 'D').is_empty());
    let fx = key(&mut m, 'y');
    assert!(
        matches!(fx.as_slice(), [Effect::Pipe(PipeEffect::DeletePair(_))]),
        "{fx:?}"
    );
    run(&mut db, &mut m, fx);
    assert!(m.pipe.board.selected().is_none(), "the card is gone");
    assert!(m.pipe.pairs.is_empty());
    assert!(m.message.as_ref().unwrap().text.contains("P1"));

    let fx = key(&mut m, 'u');
    run(&mut db, &mut m, fx);
    assert_eq!(m.pipe.pairs.len(), 1, "undo restores the pair");
    assert!(m.pipe.board.selected().is_some());
}

#[test]
fn slash_on_the_board_searches_and_keeps_the_cards_whose_sides_match() {
    let (mut db, mut m) = setup();
    // Pair 铜箔量产工艺 × 超薄铜箔电解技术, then 中药材提取 × 光伏背板.
    let fx = key(&mut m, 'p');
    run(&mut db, &mut m, fx);
    let _ = press(&mut m, KeyCode::Down, KeyModifiers::NONE);
    let _ = press(&mut m, KeyCode::Tab, KeyModifiers::NONE);
    let _ = press(&mut m, KeyCode::Down, KeyModifiers::NONE);
    let fx = key(&mut m, 'p');
    run(&mut db, &mut m, fx);
    let fx = key(&mut m, 'b');
    run(&mut db, &mut m, fx);
    assert_eq!(m.pipe.board.len(Stage::Candidate), 2);

    assert!(key(&mut m, '/').is_empty());
    assert_eq!(m.context(), Context::Search);
    for c in "zyc".chars() {
        let fx = key(&mut m, c);
        assert!(matches!(fx.as_slice(), [Effect::Search { .. }]), "{fx:?}");
    }
    // The search worker's answers, computed here from the records.
    for kind in [Kind::Demand, Kind::Achievement] {
        let entries = m
            .list(kind)
            .records
            .values()
            .map(|r| crate::search::Entry {
                id: r.id,
                updated_at: String::new(),
                keys: crate::search::keys::SearchKeys::for_record(
                    &crate::tui::features::desk::detail::from_row(r),
                ),
            })
            .collect();
        let hits = crate::search::Index::from_entries(entries).search(&m.query);
        let seq = m.search_seq;
        let _ = update_all(
            &mut m,
            Action::SearchAnswered {
                kind,
                seq,
                hits,
                capped: false,
                partial: false,
            },
        );
    }
    assert_eq!(m.view, View::Board);
    assert_eq!(
        m.pipe.board.len(Stage::Candidate),
        1,
        "zyc (中药材) keeps one pair"
    );
}
