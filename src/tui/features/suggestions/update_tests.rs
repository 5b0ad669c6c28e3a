//! The suggestion list's update through the default keymap, on an answer as the runner
//! gives it.

use crate::db::dismissals::DismissReason;
use crate::tui::action::{Action, PipeAction};
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::test_support::{drive, press, run, setup, top};
use crate::tui::features::suggestions::SuggestionVm;
use crate::tui::keys::Context;
use crate::tui::model::Model;
use crate::tui::update::update;

/// The desk's first demand's suggestions: both results, best first.
fn answer(m: &mut Model) {
    let subject = m.demands.selected_id().unwrap();
    let mut rows: Vec<SuggestionVm> = m
        .results
        .shown
        .iter()
        .map(|&id| SuggestionVm {
            id,
            code: m.results.records[&id].code().to_string(),
            title: m.results.records[&id].title().to_string(),
            score: 0.5,
            ..SuggestionVm::default()
        })
        .collect();
    rows.sort_by_key(|r| r.id);
    let _ = update(
        m,
        Action::Pipe(PipeAction::Suggested {
            subject,
            title: "D1".into(),
            rows,
            refresh: false,
        }),
    );
}

#[test]
fn suggestion_keys_pair_close_or_move() {
    for (keys, pairs, asks) in [
        ("p", 1, Some(Context::Suggestions)),
        ("enter", 1, Some(Context::Suggestions)),
        ("j p", 1, Some(Context::Suggestions)),
        ("j k", 0, Some(Context::Suggestions)),
        ("q", 0, None),
        ("esc", 0, None),
        // Pairing twice warns instead of writing.
        ("p p", 1, Some(Context::Suggestions)),
    ] {
        let (mut db, mut m) = setup();
        answer(&mut m);
        assert_eq!(top(&m), Some(Context::Suggestions));
        drive(&mut db, &mut m, keys);
        assert_eq!(m.pipe.pairs.len(), pairs, "{keys}");
        assert_eq!(top(&m), asks, "{keys}");
    }
}

#[test]
fn a_pair_made_from_the_list_is_marked_there_and_a_second_p_warns() {
    let (mut db, mut m) = setup();
    answer(&mut m);
    let fx = press(&mut m, "p");
    assert!(matches!(
        fx.as_slice(),
        [Effect::Pipe(PipeEffect::CreatePair { .. })]
    ));
    run(&mut db, &mut m, fx);
    assert!(press(&mut m, "p").is_empty());
    let msg = m.message.clone().unwrap();
    assert!(msg.warn && msg.text.contains("已配对"), "{msg:?}");
}

#[test]
fn s_on_the_desk_asks_for_the_selection() {
    let (_db, mut m) = setup();
    let id = m.demands.selected_id().unwrap();
    assert_eq!(
        press(&mut m, "s"),
        vec![Effect::Pipe(PipeEffect::Suggest { id })]
    );
}

#[test]
fn x_asks_why_and_a_second_x_restores_it() {
    let (mut db, mut m) = setup();
    answer(&mut m);
    let subject = m.demands.selected_id().unwrap();
    let Some(crate::tui::overlay::Overlay::Suggestions { list, .. }) = m.overlays.last() else {
        panic!("no list");
    };
    let partner = list.selected().unwrap().id;
    // `x` asks why, in a row of choices: nothing is written yet.
    assert!(press(&mut m, "x").is_empty());
    assert_eq!(top(&m), Some(Context::Choice));
    // `j` moves to "already known", Enter picks it.
    assert!(press(&mut m, "j").is_empty());
    let fx = press(&mut m, "enter");
    assert_eq!(
        fx,
        vec![Effect::Pipe(PipeEffect::Dismiss {
            subject,
            partner,
            undo: false,
            reason: DismissReason::Known,
        })]
    );
    assert_eq!(top(&m), Some(Context::Suggestions));
    run(&mut db, &mut m, fx);
    let dismissed = |m: &Model| match m.overlays.last() {
        Some(crate::tui::overlay::Overlay::Suggestions { list, .. }) => {
            list.selected().unwrap().dismissed
        }
        _ => panic!("the list closed"),
    };
    assert!(dismissed(&m));
    let subject_rec = crate::db::records::get(db.conn(), subject)
        .unwrap()
        .unwrap();
    let stored = crate::db::dismissals::of_record(db.conn(), &subject_rec).unwrap();
    assert_eq!(stored.get(&partner), Some(&DismissReason::Known));
    // On a dismissed row `x` takes it back at once.
    drive(&mut db, &mut m, "x");
    assert!(!dismissed(&m));
    let stored = crate::db::dismissals::of_record(db.conn(), &subject_rec).unwrap();
    assert!(stored.is_empty());
}

#[test]
fn the_reason_is_picked_by_its_number_and_esc_only_stops_asking() {
    for (keys, reason) in [
        ("x 1", Some(DismissReason::NotRelevant)),
        ("x 3", Some(DismissReason::WrongField)),
        ("x 4", Some(DismissReason::Other)),
        ("x k k enter", Some(DismissReason::NotRelevant)),
        ("x j j j j enter", Some(DismissReason::Other)),
        ("x esc", None),
        ("x 9", None),
    ] {
        let (mut db, mut m) = setup();
        answer(&mut m);
        drive(&mut db, &mut m, keys);
        let subject = m.demands.selected_id().unwrap();
        let rec = crate::db::records::get(db.conn(), subject)
            .unwrap()
            .unwrap();
        let stored = crate::db::dismissals::of_record(db.conn(), &rec).unwrap();
        assert_eq!(stored.values().next().copied(), reason, "{keys}");
        // The list stays open (asking still, after a key that is not an answer).
        let open = matches!(top(&m), Some(Context::Suggestions | Context::Choice));
        assert!(open, "{keys}");
    }
}

/// The whole screen as text.
fn screen(m: &Model, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| crate::tui::draw::draw(f, m, &crate::tui::Theme::new(false)))
        .unwrap();
    let buf = term.backend().buffer().clone();
    // A double-width character covers the cell after it: skip that one.
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += crate::tui::ui::fit::width(sym).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// The list opened for `subject` with one suggestion, `row`.
fn shown(m: &mut Model, subject: i64, row: SuggestionVm) {
    let _ = update(
        m,
        Action::Pipe(PipeAction::Suggested {
            subject,
            title: "D1".into(),
            rows: vec![row],
            refresh: false,
        }),
    );
}

#[test]
fn the_list_words_its_reasons_in_the_desks_language_as_it_draws() {
    use crate::matching::{Reason, Why};
    let (_db, mut m) = setup();
    let subject = m.demands.selected_id().unwrap();
    let id = m.results.shown[0];
    let row = SuggestionVm {
        id,
        code: "R1".into(),
        title: "超薄铜箔电解技术".into(),
        score: 40.0,
        reasons: vec![Why {
            reason: Reason::SharedTerms(vec!["铜箔".into()]),
            share: 0.8,
        }],
        ..SuggestionVm::default()
    };
    shown(&mut m, subject, row);
    assert!(screen(&m, 81, 24).contains("共同关键词: 铜箔 (80%)"));
    // The same answer, the desk switched to English: no new request, new words.
    m.lang = crate::tui::Lang::En;
    assert!(screen(&m, 81, 24).contains("shared terms: 铜箔 (80%)"));
}

#[test]
fn on_a_narrow_terminal_long_term_lists_shrink_so_every_share_stays_in_sight() {
    use crate::matching::{Reason, Why};
    let (_db, mut m) = setup();
    let subject = m.demands.selected_id().unwrap();
    let id = m.results.shown[0];
    let terms = [
        "药物筛选",
        "类器官",
        "肿瘤模型",
        "建库成功率",
        "患者来源",
        "结直肠癌",
    ];
    let row = SuggestionVm {
        id,
        code: "R202".into(),
        title: "患者来源肿瘤类器官培养与药敏平台".into(),
        score: 74.9,
        reasons: vec![
            Why {
                reason: Reason::SharedTerms(terms.iter().map(|t| (*t).to_string()).collect()),
                share: 0.51,
            },
            Why {
                reason: Reason::SameField("生物医药".into()),
                share: 0.27,
            },
        ],
        ..SuggestionVm::default()
    };
    shown(&mut m, subject, row);
    let narrow = screen(&m, 80, 24);
    assert!(narrow.contains("(51%)"), "{narrow}");
    assert!(narrow.contains("同领域: 生物医药 (27%)"), "{narrow}");
    assert!(narrow.contains("共同关键词: 药物筛选"), "{narrow}");
    assert!(
        narrow.contains("… (51%)"),
        "the cut list is marked: {narrow}"
    );
}

#[test]
fn the_desk_shows_the_count_of_new_matches_and_n_lists_them_for_pairing() {
    let (mut db, mut m) = setup();
    assert!(
        !screen(&m, 100, 24).contains("新匹配"),
        "no count while none"
    );
    let _ = update(
        &mut m,
        Action::Pipe(PipeAction::NewMatchCount {
            found: 1,
            more: false,
        }),
    );
    assert!(screen(&m, 100, 24).contains("新匹配 1 (N)"));
    m.lang = crate::tui::Lang::En;
    assert!(screen(&m, 100, 24).contains("new matches 1 (N)"));
    m.lang = crate::tui::Lang::Zh;
    // A count over the latest written records only is a lower bound, even when it found none.
    for (found, shown) in [(3, "新匹配 3+ (N)"), (0, "新匹配 0+ (N)")] {
        let _ = update(
            &mut m,
            Action::Pipe(PipeAction::NewMatchCount { found, more: true }),
        );
        assert!(screen(&m, 100, 24).contains(shown), "{shown}");
    }
    // `N` asks for the list (which remembers them as listed).
    assert_eq!(
        press(&mut m, "N"),
        vec![Effect::Pipe(PipeEffect::NewMatches { list: true })]
    );
    // The answer: one couple, the second demand with the first result.
    let demand = m.demands.shown[1];
    let result = m.results.shown[0];
    let d = &m.demands.records[&demand];
    let named = format!("{} {}", d.code(), d.title());
    let row = SuggestionVm {
        id: result,
        code: m.results.records[&result].code().to_string(),
        title: m.results.records[&result].title().to_string(),
        score: 35.0,
        with: Some((demand, named.clone())),
        ..SuggestionVm::default()
    };
    let _ = update(
        &mut m,
        Action::Pipe(PipeAction::NewMatchesListed(vec![row])),
    );
    assert_eq!(m.new_matches, 0, "listed: the count starts again");
    assert_eq!(top(&m), Some(Context::Suggestions));
    let shown = screen(&m, 100, 24);
    assert!(shown.contains(&format!("⇄ {named}")), "{shown}");
    // `p` pairs the row's own demand (not the desk's selection) with its result.
    drive(&mut db, &mut m, "p");
    assert_eq!(m.pipe.pairs.len(), 1);
    let p = &m.pipe.pairs[0];
    assert_eq!((p.demand_id, p.result_id), (demand, result));
    let Some(crate::tui::overlay::Overlay::Suggestions { list, .. }) = m.overlays.last() else {
        panic!("the list closed");
    };
    assert!(list.selected().unwrap().paired, "marked as paired");
}
