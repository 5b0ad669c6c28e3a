//! Key → state tests of the search line and the search answers: typing, stale and capped
//! answers, filters over hits.

use super::*;

#[test]
fn typing_draws_the_query_at_once_and_sends_one_search_per_key() {
    let mut m = model();
    assert!(press(&mut m, KeyCode::Char('/')).is_empty());
    assert_eq!(m.context(), Context::Search);
    let effects = type_str(&mut m, "xajd");
    assert_eq!(m.query, "xajd");
    assert_eq!(effects.len(), 4);
    assert_eq!(
        effects.last(),
        Some(&Effect::Search {
            seq: 4,
            query: "xajd".into(),
            every: false,
        })
    );
    // Until the answer arrives the lists keep their rows and say they are searching.
    assert!(m.searching(Kind::Demand));
    assert_eq!(m.demands.shown.len(), 3);
    answer(&mut m);
    assert!(!m.searching(Kind::Demand));
    assert_eq!(m.demands.shown, vec![2]);
    assert!(m.results.shown.is_empty());
}

#[test]
fn one_query_filters_both_lists_and_traditional_matches_simplified() {
    let mut m = model();
    press(&mut m, KeyCode::Char('/'));
    type_str(&mut m, "锂电");
    answer(&mut m);
    assert_eq!(
        m.results.shown,
        vec![4],
        "Traditional 鋰電 found by Simplified 锂电"
    );
    assert_eq!(m.demands.shown, vec![3], "the demand in field 锂电");
}

#[test]
fn stale_answers_are_ignored() {
    let mut m = model();
    press(&mut m, KeyCode::Char('/'));
    type_str(&mut m, "x");
    answer(&mut m);
    let fresh = m.demands.shown.clone();
    update(
        &mut m,
        Action::SearchAnswered {
            kind: Kind::Demand,
            seq: 0,
            hits: vec![],
            capped: false,
            partial: false,
        },
    );
    assert_eq!(m.demands.shown, fresh);
}

#[test]
fn leaving_the_search_keeps_the_selected_record() {
    let mut m = model();
    press(&mut m, KeyCode::Char('/'));
    type_str(&mut m, "铜箔");
    answer(&mut m);
    assert_eq!(m.selected().unwrap().id, 3);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.line, Line::Closed);
    assert_eq!(m.query, "铜箔", "Enter keeps the query");
    // Esc clears the query; the full list comes back at once (no worker round trip, which
    // would cap a large list) with the same record selected.
    let effects = press(&mut m, KeyCode::Esc);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(!m.searching(Kind::Demand));
    assert_eq!(m.demands.shown.len(), 3);
    assert_eq!(m.selected().unwrap().id, 3);
}

#[test]
fn in_the_search_line_letters_are_text_and_backspace_edits() {
    let mut m = model();
    press(&mut m, KeyCode::Char('/'));
    type_str(&mut m, "q jk");
    assert!(!m.should_quit);
    assert_eq!(m.query, "q jk");
    press(&mut m, KeyCode::Backspace);
    assert_eq!(m.query, "q j");
    let ev = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
    let a = m.keymap.resolve(m.context(), &ev).unwrap();
    update(&mut m, a);
    assert_eq!(m.query, "q ");
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.query, "");
    assert_eq!(m.context(), Context::Desk);
}

#[test]
fn a_capped_answer_counts_with_a_plus_and_clearing_brings_back_every_record() {
    let mut m = model();
    let all = m.demands.shown.len();
    press(&mut m, KeyCode::Char('/'));
    type_str(&mut m, "铜");
    // The worker sent its best hit of more matches than it sends.
    let best = m.demands.shown[0];
    let seq = m.search_seq;
    update(
        &mut m,
        Action::SearchAnswered {
            kind: Kind::Demand,
            seq,
            hits: vec![crate::search::Hit {
                id: best,
                score: 10,
            }],
            capped: true,
            partial: false,
        },
    );
    assert_eq!(m.demands.count_label(), format!("1+/{all}"));
    // Ctrl-U empties the query: every record is back, uncapped, without asking the worker.
    let ev = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let clear = m.keymap.resolve(m.context(), &ev).expect("ctrl-u is bound");
    let effects = update(&mut m, clear);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(m.demands.shown.len(), all);
    assert_eq!(m.demands.count_label(), format!("{all}/{all}"));
}

#[test]
fn with_filters_on_a_capped_answer_is_followed_by_every_hit() {
    let mut m = model();
    press(&mut m, KeyCode::Char('/'));
    let effects = type_str(&mut m, "铜");
    assert!(matches!(
        effects.last(),
        Some(Effect::Search { every: false, .. })
    ));
    // The worker's best hits only, of more.
    let seq = m.search_seq;
    let best = m.demands.shown[0];
    update(
        &mut m,
        Action::SearchAnswered {
            kind: Kind::Demand,
            seq,
            hits: vec![crate::search::Hit { id: best, score: 9 }],
            capped: true,
            partial: false,
        },
    );
    let mut f = Filters::default();
    f.field.insert("锂电".into());
    let effects = update(&mut m, Action::FiltersApplied(f));
    assert!(
        matches!(effects.as_slice(), [Effect::Search { every: true, .. }]),
        "filters over capped hits search again for every hit: {effects:?}"
    );
    // Typing on: the best hits first, as fast as without filters ...
    let effects = type_str(&mut m, "箔");
    assert!(matches!(
        effects.last(),
        Some(Effect::Search { every: false, .. })
    ));
    let seq = m.search_seq;
    let effects = update(
        &mut m,
        Action::SearchAnswered {
            kind: Kind::Demand,
            seq,
            hits: vec![crate::search::Hit { id: best, score: 9 }],
            capped: true,
            partial: false,
        },
    );
    // ... then, being capped under filters, every hit.
    assert!(
        matches!(effects.as_slice(), [Effect::Search { every: true, .. }]),
        "{effects:?}"
    );
}

/// The demands list's answer to the latest query, hits best first.
fn demands_answer(m: &mut Model, ids: &[i64]) {
    let seq = m.search_seq;
    update(
        m,
        Action::SearchAnswered {
            kind: Kind::Demand,
            seq,
            hits: ids
                .iter()
                .map(|&id| crate::search::Hit { id, score: 0 })
                .collect(),
            capped: false,
            partial: false,
        },
    );
}

#[test]
fn a_new_query_selects_its_best_hit_and_a_move_holds_until_the_query_changes() {
    let mut m = model();
    // Browsing, the broker selected the oldest demand.
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Down);
    assert_eq!(m.selected().unwrap().id, 1);
    // A call: a new query, for which that record still matches, loosely (third).
    press(&mut m, KeyCode::Char('/'));
    type_str(&mut m, "x");
    demands_answer(&mut m, &[2, 3, 1]);
    assert_eq!(
        m.selected().unwrap().id,
        2,
        "the best hit, not the old choice"
    );
    // The broker moves to the second hit; a fuller answer to the same query keeps it.
    press(&mut m, KeyCode::Down);
    assert_eq!(m.selected().unwrap().id, 3);
    demands_answer(&mut m, &[1, 2, 3]);
    assert_eq!(m.selected().unwrap().id, 3, "a move holds within the query");
    // The same query asked again (a change from elsewhere) keeps it too.
    let again = crate::tui::features::desk::update::search(&mut m);
    assert_eq!(again.len(), 1);
    demands_answer(&mut m, &[2, 3]);
    assert_eq!(m.selected().unwrap().id, 3);
    // Typing on: the new query's best hit again.
    type_str(&mut m, "a");
    demands_answer(&mut m, &[1, 3]);
    assert_eq!(m.selected().unwrap().id, 1);
}
