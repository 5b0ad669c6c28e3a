//! FilterPicker keys (through the real default key table) and Filters::matches, chips and
//! JSON shape.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duijie::domain::{Kind, Record, Stage};
use duijie::tui::Lang;
use duijie::tui::action::Action;
use duijie::tui::features::filters::picker::{
    FilterPicker, FilterPickerOutcome, Filters, PickerOptions,
};
use duijie::tui::keys::{Context, Keymap};

trait Keys {
    fn handle_key(&mut self, ev: KeyEvent) -> FilterPickerOutcome;
}

impl Keys for FilterPicker {
    fn handle_key(&mut self, ev: KeyEvent) -> FilterPickerOutcome {
        thread_local!(static KM: Keymap = Keymap::default());
        match KM.with(|km| km.resolve(Context::Picker, &ev)) {
            Some(Action::Input(i)) => self.handle(&i),
            Some(other) => panic!("{ev:?} is {other:?}, not a picker intent"),
            None => FilterPickerOutcome::Pending,
        }
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}
fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}
fn rec(field: &str, region: &str, status: &str) -> Record {
    let mut r = Record::new(Kind::Demand, "t");
    r.field = field.into();
    r.region = region.into();
    r.status = status.into();
    r
}
fn options() -> PickerOptions {
    PickerOptions {
        fields: vec![
            ("新材料".into(), 12),
            ("光伏".into(), 7),
            ("锂电".into(), 5),
        ],
        regions: vec![("西安".into(), 9), ("郑州".into(), 4)],
        statuses: vec![("open".into(), 20), ("closed".into(), 3)],
        stages: Stage::ALL.iter().map(|s| (*s, 1)).collect(),
    }
}

#[test]
fn empty_filters_match_everything_and_each_set_constrains_its_dimension() {
    let r = rec("光伏", "西安", "open");
    let f = Filters::default();
    assert!(f.is_empty());
    assert!(f.matches(&r, &[]));
    let mut f = Filters::default();
    f.field.insert("光伏".into());
    f.field.insert("锂电".into());
    assert!(!f.is_empty());
    assert!(f.matches(&r, &[]));
    assert!(!f.matches(&rec("新材料", "西安", "open"), &[]));
    f.region.insert("郑州".into());
    assert!(!f.matches(&r, &[]), "field matches but region does not");
    f.region.insert("西安".into());
    assert!(f.matches(&r, &[]));
    f.status.insert("closed".into());
    assert!(!f.matches(&r, &[]));
}

#[test]
fn stage_filter_passes_when_any_pair_is_in_a_chosen_stage() {
    let r = rec("光伏", "西安", "open");
    let mut f = Filters::default();
    f.stage.insert(Stage::Negotiating);
    f.stage.insert(Stage::Signed);
    assert!(!f.matches(&r, &[]), "no pairs: no stage");
    assert!(!f.matches(&r, &[Stage::Candidate, Stage::Shelved]));
    assert!(f.matches(&r, &[Stage::Candidate, Stage::Signed]));
}

#[test]
fn filters_round_trip_as_json_and_tolerate_missing_keys() {
    let mut f = Filters::default();
    f.field.insert("新材料".into());
    f.stage.insert(Stage::Signed);
    let json = serde_json::to_string(&f).unwrap();
    assert!(json.contains("\"signed\""), "{json}");
    assert_eq!(serde_json::from_str::<Filters>(&json).unwrap(), f);
    let partial: Filters = serde_json::from_str(r#"{"region":["西安"]}"#).unwrap();
    assert!(partial.region.contains("西安") && partial.field.is_empty());
}

#[test]
fn chips_name_each_constrained_dimension_per_language() {
    let mut f = Filters::default();
    f.field.insert("光伏".into());
    f.field.insert("锂电".into());
    f.stage.insert(Stage::Negotiating);
    assert_eq!(f.chips(Lang::Zh), vec!["领域: 光伏, 锂电", "阶段: 洽谈"]);
    assert_eq!(
        f.chips(Lang::En),
        vec!["Field: 光伏, 锂电", "Stage: Negotiating"]
    );
    let mut evil = Filters::default();
    evil.region.insert("西安\u{1b}[31m".into());
    assert_eq!(evil.chips(Lang::En), vec!["Region: 西安"]);
}

#[test]
fn space_toggles_tab_switches_and_enter_applies() {
    let mut p = FilterPicker::new(options(), &Filters::default());
    p.handle_key(key(KeyCode::Down));
    p.handle_key(ch(' ')); // 光伏
    p.handle_key(key(KeyCode::Tab)); // region
    p.handle_key(ch(' ')); // 西安
    p.handle_key(key(KeyCode::Tab)); // status
    p.handle_key(key(KeyCode::Tab)); // stage
    p.handle_key(key(KeyCode::Down));
    p.handle_key(key(KeyCode::Down));
    p.handle_key(ch(' ')); // 洽谈
    let FilterPickerOutcome::Apply(f) = p.handle_key(key(KeyCode::Enter)) else {
        panic!()
    };
    assert_eq!(f.field.iter().collect::<Vec<_>>(), ["光伏"]);
    assert_eq!(f.region.iter().collect::<Vec<_>>(), ["西安"]);
    assert_eq!(
        f.stage.iter().copied().collect::<Vec<_>>(),
        [Stage::Negotiating]
    );
    assert!(f.status.is_empty());
}

#[test]
fn typing_narrows_the_section_and_space_toggles_the_narrowed_row() {
    let mut p = FilterPicker::new(options(), &Filters::default());
    p.handle_key(ch('锂'));
    p.handle_key(ch(' '));
    let FilterPickerOutcome::Apply(f) = p.handle_key(key(KeyCode::Enter)) else {
        panic!()
    };
    assert_eq!(f.field.iter().collect::<Vec<_>>(), ["锂电"]);
    // In the stage section an English word narrows too.
    let mut p = FilterPicker::new(options(), &Filters::default());
    p.handle_key(key(KeyCode::BackTab));
    for c in "sig".chars() {
        p.handle_key(ch(c));
    }
    p.handle_key(ch(' '));
    assert_eq!(
        p.chosen().stage.iter().copied().collect::<Vec<_>>(),
        [Stage::Signed]
    );
    // Esc first clears the narrowing, then cancels.
    assert_eq!(
        p.handle_key(key(KeyCode::Esc)),
        FilterPickerOutcome::Pending
    );
    assert_eq!(
        p.handle_key(key(KeyCode::Esc)),
        FilterPickerOutcome::Cancelled
    );
}

#[test]
fn ctrl_r_clears_every_choice_c_is_typed_and_space_unticks() {
    let mut current = Filters::default();
    current.field.insert("新材料".into());
    current.stage.insert(Stage::Landed);
    let mut p = FilterPicker::new(options(), &current);
    p.handle_key(ch(' ')); // unticks 新材料, the first row
    assert!(p.chosen().field.is_empty());
    assert!(!p.chosen().stage.is_empty());
    p.handle_key(ch('c'));
    assert_eq!(
        p.query(),
        "c",
        "a letter narrows, even one that once cleared"
    );
    assert!(!p.chosen().is_empty());
    p.handle_key(key(KeyCode::Esc));
    p.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert!(p.chosen().is_empty());
    assert_eq!(
        p.handle_key(key(KeyCode::Enter)),
        FilterPickerOutcome::Apply(Filters::default())
    );
}
