//! StagePrompt, FollowUpForm and SuggestionList: keys to outcomes, plus a snapshot.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duijie::domain::{Channel, ContractType, ShelveReason, Stage};
use duijie::tui::features::followup::{
    FollowUpField, FollowUpForm, FollowUpInput, FollowUpOutcome,
};
use duijie::tui::features::stage_prompt::{PromptOutcome, StageInput, StagePrompt};
use duijie::tui::features::suggestions::{SuggestOutcome, SuggestionList, SuggestionVm};
use duijie::tui::{Lang, Theme};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}
fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}
fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}
fn type_into<T>(f: &mut impl FnMut(KeyEvent) -> T, s: &str) {
    for c in s.chars() {
        f(ch(c));
    }
}
fn screen<F: FnOnce(&mut ratatui::Frame<'_>)>(w: u16, h: u16, draw: F) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(draw).unwrap();
    term.backend().to_string()
}

#[test]
fn shelving_asks_for_a_reason_and_an_optional_note() {
    let mut p = StagePrompt::new("P3", Stage::Shelved, date(2026, 11, 22));
    p.handle_key(ch('j'));
    p.handle_key(ch('j'));
    p.handle_key(key(KeyCode::Tab));
    let out = p.handle_key(key(KeyCode::Enter));
    let expected = StageInput {
        reason: Some(ShelveReason::ALL[2]),
        ..StageInput::default()
    };
    assert_eq!(out, PromptOutcome::Done(expected));
    let mut p = StagePrompt::new("P3", Stage::Shelved, date(2026, 11, 22));
    p.handle_key(ch('4'));
    p.handle_key(key(KeyCode::Enter));
    type_into(&mut |k| p.handle_key(k), "对方三次未回电");
    let PromptOutcome::Done(got) = p.handle_key(key(KeyCode::Enter)) else {
        panic!()
    };
    assert_eq!(got.reason, Some(ShelveReason::NoReply));
    assert_eq!(got.note.as_deref(), Some("对方三次未回电"));
    assert_eq!(p.handle_key(key(KeyCode::Esc)), PromptOutcome::Cancelled);
}

#[test]
fn signing_needs_a_positive_amount_and_a_valid_date_defaulting_to_today() {
    let mut p = StagePrompt::new("P4", Stage::Signed, date(2026, 11, 22));
    p.handle_key(key(KeyCode::Tab));
    assert_eq!(
        p.handle_key(key(KeyCode::Enter)),
        PromptOutcome::Pending,
        "no amount"
    );
    let s = screen(60, 14, |f| {
        p.render(f, f.area(), &Theme::new(false), Lang::En);
    });
    assert!(s.contains("amount required"), "{s}");
    type_into(&mut |k| p.handle_key(k), "0");
    // Enter on the amount moves to the date; Enter there submits and is refused.
    assert_eq!(p.handle_key(key(KeyCode::Enter)), PromptOutcome::Pending);
    assert_eq!(
        p.handle_key(key(KeyCode::Enter)),
        PromptOutcome::Pending,
        "zero"
    );
    let s = screen(60, 14, |f| {
        p.render(f, f.area(), &Theme::new(false), Lang::En);
    });
    assert!(s.contains("amount must be above 0"), "{s}");
    p.handle_key(ctrl('u'));
    type_into(&mut |k| p.handle_key(k), "1,200万");
    p.handle_key(key(KeyCode::Tab));
    let PromptOutcome::Done(got) = p.handle_key(key(KeyCode::Enter)) else {
        panic!()
    };
    assert_eq!(got.amount_wan, Some(1200.0));
    assert_eq!(got.date.as_deref(), Some("2026-11-22"));

    let mut p = StagePrompt::new("P4", Stage::Signed, date(2026, 11, 22));
    type_into(&mut |k| p.handle_key(k), "80");
    p.handle_key(key(KeyCode::Tab));
    p.handle_key(ctrl('u'));
    type_into(&mut |k| p.handle_key(k), "2026-02-30");
    assert_eq!(p.handle_key(key(KeyCode::Enter)), PromptOutcome::Pending);
    let s = screen(60, 14, |f| {
        p.render(f, f.area(), &Theme::new(false), Lang::Zh);
    });
    assert!(s.contains("日期格式"), "{s}");
    p.handle_key(ctrl('u'));
    type_into(&mut |k| p.handle_key(k), "2026-03-01");
    let PromptOutcome::Done(got) = p.handle_key(key(KeyCode::Enter)) else {
        panic!()
    };
    assert_eq!(
        (got.amount_wan, got.date.as_deref()),
        (Some(80.0), Some("2026-03-01"))
    );
}

#[test]
fn registering_needs_a_contract_type_and_a_number() {
    let mut p = StagePrompt::new("P5", Stage::Registered, date(2026, 11, 22));
    p.handle_key(key(KeyCode::Down));
    p.handle_key(key(KeyCode::Tab));
    assert_eq!(p.handle_key(key(KeyCode::Enter)), PromptOutcome::Pending);
    type_into(&mut |k| p.handle_key(k), "2026-530100-0042");
    let PromptOutcome::Done(got) = p.handle_key(key(KeyCode::Enter)) else {
        panic!()
    };
    assert_eq!(got.contract_type, Some(ContractType::Transfer));
    assert_eq!(got.reg_no.as_deref(), Some("2026-530100-0042"));
    assert!(!StagePrompt::needed(Stage::Contacted));
}

#[test]
fn follow_up_collects_channel_note_next_action_and_raw_due() {
    let mut f = FollowUpForm::new("P3");
    f.handle_key(ch('5'));
    assert_eq!(f.channel(), Channel::Wechat);
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.channel(), Channel::Roadshow);
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.channel(), Channel::Phone, "wraps");
    f.handle_key(key(KeyCode::Tab));
    type_into(&mut |k| f.handle_key(k), "陈工同意寄样 12");
    f.handle_key(key(KeyCode::Enter));
    type_into(&mut |k| f.handle_key(k), "寄样品");
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.focused(), FollowUpField::Due);
    type_into(&mut |k| f.handle_key(k), "下周三");
    let out = f.handle_key(key(KeyCode::Enter));
    assert_eq!(
        out,
        FollowUpOutcome::Submit(FollowUpInput {
            channel: Channel::Phone,
            note: "陈工同意寄样 12".into(),
            next_action: Some("寄样品".into()),
            due_text: Some("下周三".into()),
        })
    );
    // The caller could not parse the due text: the form stays, shows why, focus on Due.
    f.set_error(FollowUpField::Due, "cannot read `下周三` as a date");
    assert_eq!(f.focused(), FollowUpField::Due);
    let s = screen(80, 12, |fr| {
        f.render(fr, fr.area(), &Theme::new(false), Lang::En);
    });
    assert!(
        s.lines()
            .any(|l| l.contains("Due") && l.contains("cannot read")),
        "{s}"
    );
    f.handle_key(ctrl('u'));
    type_into(&mut |k| f.handle_key(k), "+3d");
    let s = screen(80, 12, |fr| {
        f.render(fr, fr.area(), &Theme::new(false), Lang::En);
    });
    assert!(!s.contains("cannot read"), "typing clears the error: {s}");
}

#[test]
fn follow_up_esc_confirms_only_when_something_was_typed() {
    let mut f = FollowUpForm::new("P3");
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FollowUpOutcome::Cancelled);
    let mut f = FollowUpForm::new("P3");
    f.handle_key(key(KeyCode::Tab));
    type_into(&mut |k| f.handle_key(k), "已电话");
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FollowUpOutcome::Pending);
    assert!(f.is_discarding());
    assert_eq!(
        f.handle_key(key(KeyCode::Esc)),
        FollowUpOutcome::Pending,
        "Esc answers no"
    );
    assert!(!f.is_discarding());
    f.handle_key(key(KeyCode::Esc));
    assert_eq!(f.handle_key(ch('y')), FollowUpOutcome::Cancelled);
    // Empty next action and due come back as None.
    let mut f = FollowUpForm::new("P3");
    for _ in 0..3 {
        f.handle_key(key(KeyCode::Tab));
    }
    let FollowUpOutcome::Submit(got) = f.handle_key(key(KeyCode::Enter)) else {
        panic!()
    };
    assert_eq!((got.next_action, got.due_text), (None, None));
}

fn rows() -> Vec<SuggestionVm> {
    vec![
        SuggestionVm {
            id: 31,
            code: "R31".into(),
            title: "电解铜箔用复合添加剂及其制备方法".into(),
            org: "中南大学冶金与环境学院".into(),
            score: 0.87,
            reasons: vec![
                "关键词: 铜箔, 电解".into(),
                "领域相同: 锂电".into(),
                "价格在预算内".into(),
            ],
            paired: false,
        },
        SuggestionVm {
            id: 7,
            code: "R7".into(),
            title: "极薄铜箔表面处理".into(),
            org: "郑州大学".into(),
            score: 0.61,
            reasons: vec!["关键词: 铜箔".into()],
            paired: true,
        },
    ]
}

#[test]
fn suggestions_move_and_pair() {
    let mut s = SuggestionList::new("D12 4.5μm极薄铜箔", rows());
    assert_eq!(s.handle_key(ch('p')), SuggestOutcome::Pair(31));
    s.handle_key(ch('j'));
    s.handle_key(ch('j'));
    assert_eq!(s.handle_key(key(KeyCode::Enter)), SuggestOutcome::Pair(7));
    s.handle_key(ch('k'));
    s.mark_paired(31);
    assert!(s.selected().unwrap().paired);
    assert_eq!(s.handle_key(key(KeyCode::Esc)), SuggestOutcome::Close);
}

#[test]
fn snapshot_suggestions_61x10() {
    let s = SuggestionList::new("D12 4.5μm极薄铜箔", rows());
    let mut term = Terminal::new(TestBackend::new(61, 10)).unwrap();
    term.draw(|f| s.render(f, f.area(), &Theme::new(false), Lang::Zh))
        .unwrap();
    insta::assert_snapshot!(term.backend());
}

#[test]
fn snapshot_stage_prompt_shelve_60x16() {
    let mut p = StagePrompt::new("P3", Stage::Shelved, date(2026, 11, 22));
    p.handle_key(ch('j'));
    let mut term = Terminal::new(TestBackend::new(60, 16)).unwrap();
    term.draw(|f| p.render(f, f.area(), &Theme::new(false), Lang::Zh))
        .unwrap();
    insta::assert_snapshot!(term.backend());
}
