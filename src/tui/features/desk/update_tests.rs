//! Key → state tests of the pure update: no terminal, no database.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update;
use crate::domain::{Kind, Record};
use crate::search::{Entry, Index, keys::SearchKeys};
use crate::tui::Lang;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::features::filters::Filters;
use crate::tui::keys::{Context, Keymap};
use crate::tui::model::{Line, Model};
use crate::tui::overlay::{Overlay, Pending};

fn rec(id: i64, kind: Kind, title: &str, field: &str, updated: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.id = id;
    r.seq = id;
    r.field = field.into();
    r.updated_at = updated.into();
    r
}

fn model() -> Model {
    let recs = vec![
        rec(
            1,
            Kind::Demand,
            "高性能铝合金压铸",
            "铝镁合金",
            "2026-01-01T00:00:00Z",
        ),
        rec(
            2,
            Kind::Demand,
            "西安交通大学 联合攻关",
            "新材料",
            "2026-01-03T00:00:00Z",
        ),
        rec(
            3,
            Kind::Demand,
            "4.5μm 铜箔",
            "锂电",
            "2026-01-02T00:00:00Z",
        ),
        rec(
            4,
            Kind::Achievement,
            "鋰電池負極材料",
            "锂电",
            "2026-01-01T00:00:00Z",
        ),
        rec(
            5,
            Kind::Achievement,
            "光伏背板",
            "光伏",
            "2026-01-05T00:00:00Z",
        ),
    ];
    let mut m = Model::new(recs, Keymap::default(), Lang::En, "t.db");
    update(
        &mut m,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    m
}

/// Resolves a key as the loop does, then updates.
fn press(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    match m.keymap.resolve(m.context(), &ev) {
        Some(a) => update(m, a),
        None => vec![],
    }
}

fn type_str(m: &mut Model, s: &str) -> Vec<Effect> {
    s.chars().flat_map(|c| press(m, KeyCode::Char(c))).collect()
}

/// Answers the latest query for both lists from an index of the model's records.
fn answer(m: &mut Model) {
    for kind in [Kind::Demand, Kind::Achievement] {
        let entries = m
            .list(kind)
            .records
            .values()
            .map(|r| Entry {
                id: r.id,
                updated_at: String::new(),
                keys: SearchKeys::for_record(&crate::tui::features::desk::detail::from_row(r)),
            })
            .collect();
        let mut entries: Vec<Entry> = entries;
        entries.sort_by_key(|e| e.id);
        let hits = Index::from_entries(entries).search(&m.query);
        let seq = m.search_seq;
        update(
            m,
            Action::SearchAnswered {
                kind,
                seq,
                hits,
                capped: false,
                partial: false,
            },
        );
    }
}

#[test]
fn lists_start_newest_first_with_the_demands_focused() {
    let m = model();
    assert_eq!(m.demands.shown, vec![2, 3, 1]);
    assert_eq!(m.results.shown, vec![5, 4]);
    assert_eq!(m.focus, Kind::Demand);
    assert_eq!(m.selected().unwrap().id, 2);
}

#[test]
fn movement_keys_clamp_and_focus_switches() {
    let mut m = model();
    for (key, want) in [
        (KeyCode::Char('j'), 1),
        (KeyCode::Down, 2),
        (KeyCode::Down, 2),
        (KeyCode::Char('k'), 1),
        (KeyCode::Char('g'), 0),
        (KeyCode::Char('G'), 2),
        (KeyCode::PageUp, 0),
        (KeyCode::PageDown, 2),
    ] {
        press(&mut m, key);
        assert_eq!(m.demands.selected, want, "after {key:?}");
    }
    press(&mut m, KeyCode::Tab);
    assert_eq!(m.focus, Kind::Achievement);
    press(&mut m, KeyCode::Char('j'));
    assert_eq!(m.selected().unwrap().id, 4);
    press(&mut m, KeyCode::Char('h'));
    assert_eq!(m.focus, Kind::Demand);
    press(&mut m, KeyCode::BackTab);
    assert_eq!(m.focus, Kind::Achievement);
}

#[test]
fn filters_apply_to_hits_and_show_in_the_counts() {
    let mut m = model();
    let mut f = Filters::default();
    f.field.insert("锂电".into());
    update(&mut m, Action::FiltersApplied(f));
    assert_eq!(m.demands.shown, vec![3]);
    assert_eq!(m.results.shown, vec![4]);
    press(&mut m, KeyCode::Char('F'));
    assert_eq!(m.demands.shown.len(), 3);
}

#[test]
fn enter_opens_the_record_and_esc_closes_the_top_popup_first() {
    let mut m = model();
    press(&mut m, KeyCode::Enter);
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::Record { id: 2, .. })
    ));
    press(&mut m, KeyCode::Char('?'));
    assert_eq!(m.context(), Context::Help);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.context(), Context::Record);
    press(&mut m, KeyCode::Char('j'));
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::Record { scroll: 1, .. })
    ));
    press(&mut m, KeyCode::Esc);
    assert!(m.overlays.is_empty());
    press(&mut m, KeyCode::Char('q'));
    assert!(m.should_quit);
}

#[test]
fn closing_and_deleting_ask_first() {
    let mut m = model();
    press(&mut m, KeyCode::Char('x'));
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::Confirm {
            pending: Pending::Close { id: 2 },
            ..
        })
    ));
    // n cancels without an effect.
    assert!(press(&mut m, KeyCode::Char('n')).is_empty());
    assert!(m.overlays.is_empty());
    // D reads what goes with the record, then asks, naming it.
    assert_eq!(
        press(&mut m, KeyCode::Char('D')),
        vec![Effect::AskDelete {
            kind: Kind::Demand,
            id: 2
        }]
    );
    update(
        &mut m,
        Action::ConfirmDelete {
            kind: Kind::Demand,
            id: 2,
            pairs: 2,
            followups: 5,
        },
    );
    let Some(Overlay::Confirm { confirm, .. }) = m.overlays.last() else {
        panic!("no question: {:?}", m.overlays);
    };
    assert!(
        confirm
            .message
            .contains("with its 2 pairs and 5 follow-ups?"),
        "{}",
        confirm.message
    );
    assert_eq!(m.context(), Context::ConfirmDelete);
    // Enter, pressed out of habit, does not delete; y does.
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    assert_eq!(m.context(), Context::ConfirmDelete);
    assert_eq!(
        press(&mut m, KeyCode::Char('y')),
        vec![Effect::Delete {
            kind: Kind::Demand,
            id: 2
        }]
    );
    update(
        &mut m,
        Action::RecordDeleted {
            kind: Kind::Demand,
            id: 2,
        },
    );
    assert_eq!(m.demands.shown, vec![3, 1]);
}

#[test]
fn slot_keys_recall_and_s_then_a_slot_saves() {
    let mut m = model();
    assert_eq!(
        press(&mut m, KeyCode::Char('3')),
        vec![Effect::LoadView { slot: 3 }]
    );
    m.query = "铜".into();
    press(&mut m, KeyCode::Char('S'));
    assert_eq!(m.context(), Context::SaveSlot);
    assert_eq!(
        press(&mut m, KeyCode::Char('3')),
        vec![Effect::SaveView {
            slot: 3,
            query: "铜".into(),
            filters: Filters::default()
        }]
    );
    assert_eq!(m.context(), Context::Desk);
    press(&mut m, KeyCode::Char('S'));
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.context(), Context::Desk);
}

#[test]
fn mouse_click_selects_the_row_and_focuses_its_list() {
    let mut m = model();
    let d = crate::tui::ui::layout::Desk::new(m.size);
    let body = d.list_body(Kind::Achievement);
    update(
        &mut m,
        Action::Click {
            column: body.x + 3,
            row: body.y + 1,
        },
    );
    assert_eq!(m.focus, Kind::Achievement);
    assert_eq!(m.selected().unwrap().id, 4);
    // A click below the last row changes the focus only.
    update(
        &mut m,
        Action::Click {
            column: body.x + 3,
            row: body.y + 4,
        },
    );
    assert_eq!(m.selected().unwrap().id, 4);
}

#[test]
fn paging_scrolls_the_list_to_keep_the_selection_visible() {
    let recs = (1..=100)
        .map(|i| {
            rec(
                i,
                Kind::Demand,
                &format!("需求 {i}"),
                "",
                "2026-01-01T00:00:00Z",
            )
        })
        .collect();
    let mut m = Model::new(recs, Keymap::default(), Lang::Zh, "t.db");
    update(
        &mut m,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    let rows = m.visible_rows(Kind::Demand);
    press(&mut m, KeyCode::PageDown);
    assert_eq!(m.demands.selected, rows);
    assert_eq!(m.demands.offset, 1);
    press(&mut m, KeyCode::Char('G'));
    assert_eq!(m.demands.selected, 99);
    assert_eq!(m.demands.offset, 100 - rows);
    // Growing the window shows more rows without leaving a gap at the bottom.
    update(
        &mut m,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(m.demands.offset, 100 - m.visible_rows(Kind::Demand));
}

#[path = "update_search_tests.rs"]
mod search;
