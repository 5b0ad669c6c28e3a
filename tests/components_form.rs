//! RecordForm driven by keys through the real default key table, as the desk drives it: each
//! key resolves in the context the form is in (form, yes/no field, discard question) and the
//! form reads the intent.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duijie::domain::{Kind, Record};
use duijie::tui::action::{Action, Input};
use duijie::tui::features::record_form::form::{FieldError, FieldId};
use duijie::tui::features::record_form::{FormOutcome, FormSuggestions, RecordForm};
use duijie::tui::keys::Keymap;
use duijie::tui::overlay::Overlay;
use duijie::tui::{Lang, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A key as the desk delivers it: resolved by the default table in the context the form is in
/// (form, yes/no field, discard question), then read by the form as an intent.
trait Keys {
    fn handle_key(&mut self, ev: KeyEvent) -> FormOutcome;
}

impl Keys for RecordForm {
    fn handle_key(&mut self, ev: KeyEvent) -> FormOutcome {
        thread_local!(static KM: Keymap = Keymap::default());
        let ctx = Overlay::Form(Box::new(self.clone())).context();
        match KM.with(|km| km.resolve(ctx, &ev)) {
            Some(Action::Input(i)) => self.handle(&i),
            Some(other) => panic!("{ev:?} in {ctx:?} is {other:?}, not a form intent"),
            None => FormOutcome::Pending,
        }
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}
fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}
fn type_str(f: &mut RecordForm, s: &str) {
    for c in s.chars() {
        assert_eq!(f.handle_key(key(KeyCode::Char(c))), FormOutcome::Pending);
    }
}
/// Tabs to `target` from wherever the focus is.
fn goto(f: &mut RecordForm, target: FieldId) {
    for _ in 0..20 {
        if f.focused() == target {
            return;
        }
        f.handle_key(key(KeyCode::Tab));
    }
    panic!("no field {target:?}");
}
fn suggestions() -> FormSuggestions {
    FormSuggestions {
        fields: vec![
            "新材料".into(),
            "新一代信息技术".into(),
            "锂电".into(),
            "生物医药".into(),
        ],
        regions: vec!["西安".into(), "郑州".into(), "云南昆明".into()],
    }
}

#[test]
fn typing_into_fields_builds_a_new_demand() {
    let mut f = RecordForm::new(Kind::Demand, suggestions());
    type_str(&mut f, "4.5μm 铜箔");
    goto(&mut f, FieldId::Org);
    type_str(&mut f, "宁德某电池公司");
    goto(&mut f, FieldId::Budget);
    type_str(&mut f, "1,200");
    goto(&mut f, FieldId::OpenCall);
    f.handle_key(key(KeyCode::Char(' ')));
    let FormOutcome::Submit(rec) = f.handle_key(ctrl('s')) else {
        panic!("not submitted")
    };
    assert_eq!(rec.kind, Kind::Demand);
    assert_eq!(rec.title, "4.5μm 铜箔");
    assert_eq!(rec.org, "宁德某电池公司");
    assert_eq!(rec.budget, duijie::domain::Money::parse("1200.0").unwrap());
    assert!(rec.open_call);
    assert_eq!(rec.status, "open");
}

#[test]
fn enter_on_the_last_field_submits_and_elsewhere_moves_on() {
    let mut f = RecordForm::new(Kind::Achievement, suggestions());
    type_str(&mut f, "硅碳负极");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Pending);
    assert_eq!(f.focused(), FieldId::Org);
    goto(&mut f, FieldId::Status);
    assert!(
        matches!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit(r) if r.title == "硅碳负极")
    );
}

#[test]
fn missing_title_and_bad_amount_are_shown_and_focus_goes_to_the_first() {
    let mut f = RecordForm::new(Kind::Achievement, suggestions());
    goto(&mut f, FieldId::Price);
    type_str(&mut f, "面议");
    assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Pending);
    assert_eq!(f.error(FieldId::Title), Some(&FieldError::Required));
    assert!(
        matches!(f.error(FieldId::Price), Some(FieldError::Amount(m)) if m.to_string().contains("面议"))
    );
    assert_eq!(f.focused(), FieldId::Title);
    type_str(&mut f, "钙钛矿");
    assert_eq!(
        f.error(FieldId::Title),
        None,
        "typing clears the field's error"
    );
    assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Pending);
    assert_eq!(f.focused(), FieldId::Price);
    f.handle_key(ctrl('u'));
    type_str(&mut f, "50万元");
    let FormOutcome::Submit(rec) = f.handle_key(ctrl('s')) else {
        panic!()
    };
    assert_eq!(rec.price, duijie::domain::Money::parse("50.0").unwrap());
}

#[test]
fn validation_messages_are_drawn_beside_the_field() {
    let mut f = RecordForm::new(Kind::Demand, suggestions());
    f.handle_key(ctrl('s'));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|fr| f.render(fr, fr.area(), &Theme::new(false), Lang::En))
        .unwrap();
    let screen = term.backend().to_string();
    let line = screen.lines().find(|l| l.contains("Title*")).unwrap();
    assert!(line.contains("required"), "{line}");
}

#[test]
fn esc_with_typed_text_asks_first_and_no_keeps_the_text() {
    let mut f = RecordForm::new(Kind::Demand, suggestions());
    assert_eq!(
        f.handle_key(key(KeyCode::Esc)),
        FormOutcome::Cancelled,
        "nothing typed: closes"
    );
    let mut f = RecordForm::new(Kind::Demand, suggestions());
    type_str(&mut f, "压铸");
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Pending);
    assert!(f.is_discarding());
    assert_eq!(f.handle_key(key(KeyCode::Char('n'))), FormOutcome::Pending);
    assert!(!f.is_discarding());
    assert_eq!(f.value(FieldId::Title), Some("压铸"));
    f.handle_key(key(KeyCode::Esc));
    assert_eq!(
        f.handle_key(key(KeyCode::Char('y'))),
        FormOutcome::Cancelled
    );
}

#[test]
fn edit_preserves_id_seq_and_untouched_fields_exactly() {
    let mut rec = Record::new(Kind::Demand, "铝镁合金压铸");
    rec.id = 41;
    rec.seq = 12;
    rec.description = "第一行\n第二行\t含制表符".into();
    rec.budget = duijie::domain::Money::parse("12.345678").unwrap();
    rec.ext_id = "XQ-2026-007".into();
    rec.extra.insert("备注".into(), "导入时的列".into());
    let mut f = RecordForm::edit(&rec, suggestions());
    assert!(!f.is_dirty());
    // Change only the region; everything else must come back byte for byte.
    goto(&mut f, FieldId::Region);
    type_str(&mut f, "重庆");
    let FormOutcome::Submit(out) = f.handle_key(ctrl('s')) else {
        panic!()
    };
    let mut expected = rec.clone();
    expected.region = "重庆".into();
    assert_eq!(out, expected);
}

#[test]
fn cjk_editing_in_a_field_moves_by_characters() {
    let mut rec = Record::new(Kind::Achievement, "锂电池负极");
    rec.seq = 3;
    let mut f = RecordForm::edit(&rec, suggestions());
    f.handle_key(key(KeyCode::Left));
    f.handle_key(key(KeyCode::Left));
    f.handle_key(key(KeyCode::Backspace));
    type_str(&mut f, "硅碳");
    assert_eq!(f.value(FieldId::Title), Some("锂电硅碳负极"));
    let FormOutcome::Submit(out) = f.handle_key(ctrl('s')) else {
        panic!()
    };
    assert_eq!(out.title, "锂电硅碳负极");
}

#[test]
fn field_completion_matches_prefix_and_folded_substring_and_tab_accepts() {
    let mut f = RecordForm::new(Kind::Demand, suggestions());
    goto(&mut f, FieldId::Field);
    type_str(&mut f, "新");
    assert_eq!(f.matches(), vec!["新材料", "新一代信息技术"]);
    f.handle_key(key(KeyCode::Down));
    f.handle_key(ctrl('n'));
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.value(FieldId::Field), Some("新一代信息技术"));
    assert_eq!(f.focused(), FieldId::Field, "accepting stays on the field");
    assert!(f.matches().is_empty());
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.focused(), FieldId::Region);
    // Traditional script folds to the stored Simplified value, as a substring.
    type_str(&mut f, "昆明");
    assert_eq!(f.matches(), vec!["云南昆明"]);
    f.handle_key(ctrl('u'));
    type_str(&mut f, "鄭");
    assert_eq!(f.matches(), vec!["郑州"]);
    // Without a selection Tab just moves on, keeping what was typed.
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.value(FieldId::Region), Some("鄭"));
}

#[test]
fn snapshot_edit_form_80x24_with_cjk() {
    let mut rec = Record::new(Kind::Demand, "4.5μm极薄铜箔连续电解工艺");
    rec.seq = 12;
    rec.org = "宁德某新能源科技有限公司".into();
    rec.field = "锂电".into();
    rec.region = "福建宁德".into();
    rec.description = "需要稳定量产 4.5μm 双面光铜箔，抗拉强度 ≥ 400MPa，当前良率偏低".into();
    rec.budget = duijie::domain::Money::parse("300.0").unwrap();
    rec.deadline = "2026-12-31".into();
    rec.contact = "陈工".into();
    let mut f = RecordForm::edit(&rec, suggestions());
    goto(&mut f, FieldId::Budget);
    f.handle_key(ctrl('u'));
    type_str(&mut f, "三百万");
    f.handle_key(ctrl('s'));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|fr| f.render(fr, fr.area(), &Theme::new(false), Lang::Zh))
        .unwrap();
    insta::assert_snapshot!(term.backend());
}

#[test]
fn space_types_in_text_fields_and_switches_the_yes_no_field() {
    let mut f = RecordForm::new(Kind::Demand, suggestions());
    type_str(&mut f, "a b");
    assert_eq!(f.value(FieldId::Title), Some("a b"));
    goto(&mut f, FieldId::OpenCall);
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Char('x')));
    assert_eq!(f.changed_fields(), [FieldId::Title, FieldId::OpenCall]);
    let FormOutcome::Submit(rec) = f.handle_key(ctrl('s')) else {
        panic!()
    };
    assert!(rec.open_call);
    assert_eq!(rec.title, "a b", "x on the yes/no field types nothing");
}

#[test]
fn a_multi_line_paste_keeps_its_lines_in_the_description_only() {
    let mut f = RecordForm::new(Kind::Achievement, suggestions());
    f.handle(&Input::Paste("硅碳负极\n中试".into()));
    assert_eq!(f.value(FieldId::Title), Some("硅碳负极 中试"));
    goto(&mut f, FieldId::Description);
    f.handle(&Input::Paste("第一行\r\n第二行\n第三行".into()));
    assert_eq!(
        f.value(FieldId::Description),
        Some("第一行\n第二行\n第三行")
    );
    let mut term = Terminal::new(TestBackend::new(81, 24)).unwrap();
    term.draw(|fr| f.render(fr, fr.area(), &Theme::new(false), Lang::Zh))
        .unwrap();
    let screen = term.backend().to_string();
    let line = screen.lines().find(|l| l.contains("简介")).unwrap();
    assert!(line.contains("第一行⏎第二行⏎第三行"), "{line}");
    assert!(line.contains("共 3 行"), "{line}");
    let FormOutcome::Submit(rec) = f.handle_key(ctrl('s')) else {
        panic!()
    };
    assert_eq!(rec.description, "第一行\n第二行\n第三行");
}

#[test]
fn a_saving_form_refuses_edits_and_shows_it_then_an_error_reopens_it() {
    let mut rec = Record::new(Kind::Demand, "铜箔");
    rec.id = 5;
    rec.seq = 5;
    let mut f = RecordForm::edit(&rec, suggestions());
    type_str(&mut f, "量产");
    let FormOutcome::Submit(out) = f.handle_key(ctrl('s')) else {
        panic!()
    };
    f.set_saving(true);
    assert!(f.is_saving());
    for ev in [key(KeyCode::Char('x')), key(KeyCode::Esc), ctrl('s')] {
        assert_eq!(f.handle_key(ev), FormOutcome::Pending);
    }
    assert_eq!(f.value(FieldId::Title), Some("铜箔量产"));
    let screen = |f: &RecordForm| {
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|fr| f.render(fr, fr.area(), &Theme::new(false), Lang::En))
            .unwrap();
        term.backend().to_string()
    };
    assert!(screen(&f).contains("saving…"));
    f.set_saving(false);
    f.set_status("database is locked", true);
    assert!(screen(&f).contains("database is locked"));
    type_str(&mut f, "!");
    assert_eq!(f.status(), None, "the next edit clears the message");
    assert_eq!(f.base(), &rec);
    assert_eq!(f.patch(out).fields, [FieldId::Title]);
}
