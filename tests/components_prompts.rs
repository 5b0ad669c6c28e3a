//! StagePrompt, FollowUpForm, SuggestionList and Confirm driven through the real default
//! keymap (each key resolved in the context the overlay is in, as the desk does): keys to
//! intents to outcomes, plain and coloured snapshots with CJK data at odd widths.

mod style_support;

use crossterm::event::KeyEvent;
use duijie::domain::{Channel, ContractType, ShelveReason, Stage};
use duijie::matching::{Reason, Warning, Why};
use duijie::tui::action::{Action, Input};
use duijie::tui::features::followup::{
    FollowUpField, FollowUpForm, FollowUpInput, FollowUpOutcome,
};
use duijie::tui::features::stage_prompt::{PromptOutcome, StageInput, StagePrompt};
use duijie::tui::features::suggestions::{SuggestOutcome, SuggestionList, SuggestionVm};
use duijie::tui::keys::{Context, KeySpec, Keymap};
use duijie::tui::ui::confirm::{Confirm, ConfirmOutcome};
use duijie::tui::{Lang, Theme};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use style_support::{class_at, style_mask};

/// The intent `key` (as the config spells it) means in `ctx`, if any.
fn intent(ctx: Context, key: &str) -> Option<Input> {
    let spec: KeySpec = key.parse().unwrap();
    match Keymap::default().resolve(ctx, &KeyEvent::new(spec.code, spec.mods)) {
        Some(Action::Input(i)) => Some(i),
        Some(other) => panic!("{key} in {ctx:?} is {other:?}"),
        None => None,
    }
}

fn prompt_ctx(p: &StagePrompt) -> Context {
    if p.on_choice() {
        Context::Choice
    } else {
        Context::Prompt
    }
}

/// Presses space-separated keys on the prompt; the outcome of the last.
fn prompt(p: &mut StagePrompt, keys: &str) -> PromptOutcome {
    let mut out = PromptOutcome::Pending;
    for k in keys.split(' ') {
        out = intent(prompt_ctx(p), k).map_or(PromptOutcome::Pending, |i| p.handle(&i));
    }
    out
}

/// Types `text` into the prompt, one key per character.
fn prompt_type(p: &mut StagePrompt, text: &str) {
    for c in text.chars() {
        let i = intent(prompt_ctx(p), &c.to_string()).unwrap();
        assert_eq!(p.handle(&i), PromptOutcome::Pending);
    }
}

fn form_ctx(f: &FollowUpForm) -> Context {
    if f.is_discarding() {
        Context::Confirm
    } else if f.on_choice() {
        Context::Choice
    } else {
        Context::FollowUp
    }
}

fn form(f: &mut FollowUpForm, keys: &str) -> FollowUpOutcome {
    let mut out = FollowUpOutcome::Pending;
    for k in keys.split(' ') {
        out = intent(form_ctx(f), k).map_or(FollowUpOutcome::Pending, |i| f.handle(&i));
    }
    out
}

fn form_type(f: &mut FollowUpForm, text: &str) {
    for c in text.chars() {
        let i = intent(form_ctx(f), &c.to_string()).unwrap();
        assert_eq!(f.handle(&i), FollowUpOutcome::Pending);
    }
}

fn list(s: &mut SuggestionList, keys: &str) -> SuggestOutcome {
    let mut out = SuggestOutcome::Pending;
    for k in keys.split(' ') {
        out = intent(Context::Suggestions, k).map_or(SuggestOutcome::Pending, |i| s.handle(&i));
    }
    out
}

fn screen<F: FnOnce(&mut ratatui::Frame<'_>)>(w: u16, h: u16, draw: F) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(draw).unwrap();
    term.backend().to_string()
}

fn today() -> jiff::civil::Date {
    date(2026, 11, 22)
}

#[test]
fn shelving_picks_a_reason_with_letters_arrows_or_digits_and_takes_an_optional_note() {
    let done = |reason: usize, note: Option<&str>| {
        PromptOutcome::Done(StageInput {
            reason: Some(ShelveReason::ALL[reason]),
            note: note.map(Into::into),
            ..StageInput::default()
        })
    };
    for (keys, note, expected) in [
        ("j j tab", "", done(2, None)),
        ("down down up enter", "", done(1, None)),
        ("4 enter", "", done(3, None)),
        // On the note, j and k are letters again.
        (
            "enter",
            "jk 对方三次未回电",
            done(0, Some("jk 对方三次未回电")),
        ),
        ("k k enter", "", done(0, None)),
        ("9 l enter", "", done(1, None)),
    ] {
        let mut p = StagePrompt::new("P3", Stage::Shelved, today());
        assert_eq!(prompt(&mut p, keys), PromptOutcome::Pending, "{keys}");
        assert!(!p.on_choice(), "{keys}: on the note");
        prompt_type(&mut p, note);
        assert_eq!(prompt(&mut p, "enter"), expected, "{keys}");
    }
    let mut p = StagePrompt::new("P3", Stage::Shelved, today());
    assert_eq!(prompt(&mut p, "esc"), PromptOutcome::Cancelled);
    let mut p = StagePrompt::new("P3", Stage::Shelved, today());
    assert_eq!(prompt(&mut p, "ctrl-c"), PromptOutcome::Cancelled);
    // A paste on the list is dropped; on the note it is one line.
    let mut p = StagePrompt::new("P3", Stage::Shelved, today());
    assert_eq!(p.handle(&Input::Paste("3".into())), PromptOutcome::Pending);
    prompt(&mut p, "tab");
    p.handle(&Input::Paste("第一行\r\n第二行\n".into()));
    assert_eq!(prompt(&mut p, "enter"), done(0, Some("第一行 第二行")));
}

#[test]
fn signing_needs_a_positive_amount_and_a_valid_date_defaulting_to_today() {
    let mut p = StagePrompt::new("P4", Stage::Signed, today());
    assert!(!p.on_choice(), "the amount is text");
    assert_eq!(
        prompt(&mut p, "tab enter"),
        PromptOutcome::Pending,
        "no amount"
    );
    let s = screen(60, 14, |f| {
        p.render(f, f.area(), &Theme::new(false), Lang::En);
    });
    assert!(s.contains("amount required"), "{s}");
    prompt_type(&mut p, "0");
    // Enter on the amount moves to the date; Enter there submits and is refused.
    assert_eq!(
        prompt(&mut p, "enter enter"),
        PromptOutcome::Pending,
        "zero"
    );
    let s = screen(60, 14, |f| {
        p.render(f, f.area(), &Theme::new(false), Lang::En);
    });
    assert!(s.contains("amount must be above 0"), "{s}");
    prompt(&mut p, "ctrl-u");
    prompt_type(&mut p, "1,200万");
    let PromptOutcome::Done(got) = prompt(&mut p, "tab enter") else {
        panic!()
    };
    assert_eq!(got.amount, duijie::domain::Money::parse("1200.0").unwrap());
    assert_eq!(got.date.as_deref(), Some("2026-11-22"));

    let mut p = StagePrompt::new("P4", Stage::Signed, today());
    prompt_type(&mut p, "80");
    prompt(&mut p, "down ctrl-u");
    prompt_type(&mut p, "2026-02-30");
    assert_eq!(prompt(&mut p, "enter"), PromptOutcome::Pending);
    let s = screen(60, 14, |f| {
        p.render(f, f.area(), &Theme::new(false), Lang::Zh);
    });
    assert!(s.contains("日期格式"), "{s}");
    prompt(&mut p, "ctrl-u");
    prompt_type(&mut p, "2026-03-01");
    let PromptOutcome::Done(got) = prompt(&mut p, "enter") else {
        panic!()
    };
    assert_eq!(
        (got.amount, got.date.as_deref()),
        (duijie::domain::Money::from_wan(80), Some("2026-03-01"))
    );
}

#[test]
fn registering_needs_a_contract_type_and_a_number() {
    let mut p = StagePrompt::new("P5", Stage::Registered, today());
    assert_eq!(prompt(&mut p, "j tab enter"), PromptOutcome::Pending);
    prompt_type(&mut p, "2026-530100-0042");
    let PromptOutcome::Done(got) = prompt(&mut p, "enter") else {
        panic!()
    };
    assert_eq!(got.contract_type, Some(ContractType::Transfer));
    assert_eq!(got.reg_no.as_deref(), Some("2026-530100-0042"));
    assert!(!StagePrompt::needed(Stage::Contacted));
}

#[test]
fn follow_up_channel_keys_come_from_the_table() {
    for (keys, channel, field) in [
        ("5", Channel::Wechat, FollowUpField::Channel),
        ("5 right", Channel::Roadshow, FollowUpField::Channel),
        ("5 right l", Channel::Phone, FollowUpField::Channel),
        ("left", Channel::Roadshow, FollowUpField::Channel),
        (
            "h h",
            Channel::ALL[Channel::ALL.len() - 2],
            FollowUpField::Channel,
        ),
        // Down and j leave the row of channels for the note.
        ("down", Channel::Phone, FollowUpField::Note),
        ("j", Channel::Phone, FollowUpField::Note),
        ("2 tab", Channel::ALL[1], FollowUpField::Note),
        ("2 enter tab tab", Channel::ALL[1], FollowUpField::Due),
    ] {
        let mut f = FollowUpForm::new("P3");
        assert_eq!(form(&mut f, keys), FollowUpOutcome::Pending, "{keys}");
        assert_eq!((f.channel(), f.focused()), (channel, field), "{keys}");
    }
}

#[test]
fn follow_up_collects_channel_note_next_action_and_raw_due() {
    let mut f = FollowUpForm::new("P3");
    form(&mut f, "5 right right tab");
    form_type(&mut f, "陈工同意寄样 12 jk");
    form(&mut f, "enter");
    form_type(&mut f, "寄样品");
    form(&mut f, "enter");
    assert_eq!(f.focused(), FollowUpField::Due);
    form_type(&mut f, "下周三");
    assert_eq!(
        form(&mut f, "enter"),
        FollowUpOutcome::Submit(FollowUpInput {
            channel: Channel::Phone,
            note: "陈工同意寄样 12 jk".into(),
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
    form(&mut f, "ctrl-u");
    form_type(&mut f, "+3d");
    let s = screen(80, 12, |fr| {
        f.render(fr, fr.area(), &Theme::new(false), Lang::En);
    });
    assert!(!s.contains("cannot read"), "typing clears the error: {s}");
}

#[test]
fn a_pasted_paragraph_lands_in_the_note_as_one_line() {
    let mut f = FollowUpForm::new("P3");
    assert_eq!(
        f.handle(&Input::Paste("12".into())),
        FollowUpOutcome::Pending,
        "dropped on the channel row"
    );
    assert_eq!(f.channel(), Channel::ALL[0]);
    form(&mut f, "tab");
    f.handle(&Input::Paste("陈工来电：\r\n同意寄样\n下周回复\n".into()));
    let FollowUpOutcome::Submit(got) = form(&mut f, "tab tab enter") else {
        panic!()
    };
    assert_eq!(got.note, "陈工来电： 同意寄样 下周回复");
}

#[test]
fn follow_up_esc_confirms_only_when_something_was_typed() {
    let mut f = FollowUpForm::new("P3");
    assert_eq!(form(&mut f, "esc"), FollowUpOutcome::Cancelled);
    let mut f = FollowUpForm::new("P3");
    form(&mut f, "tab");
    form_type(&mut f, "已电话");
    assert_eq!(form(&mut f, "esc"), FollowUpOutcome::Pending);
    assert!(f.is_discarding());
    assert_eq!(
        form(&mut f, "esc"),
        FollowUpOutcome::Pending,
        "Esc answers no"
    );
    assert!(!f.is_discarding());
    assert_eq!(form(&mut f, "ctrl-c n"), FollowUpOutcome::Pending);
    assert!(!f.is_discarding(), "n answers no");
    assert_eq!(form(&mut f, "esc y"), FollowUpOutcome::Cancelled);
    // Empty next action and due come back as None.
    let mut f = FollowUpForm::new("P3");
    let FollowUpOutcome::Submit(got) = form(&mut f, "tab tab tab enter") else {
        panic!()
    };
    assert_eq!((got.next_action, got.due_text), (None, None));
}

fn why(reason: Reason, share: f64) -> Why {
    Why { reason, share }
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
                why(Reason::SharedTerms(vec!["铜箔".into(), "电解".into()]), 0.6),
                why(Reason::SameField("锂电".into()), 0.3),
            ],
            warnings: vec![Warning::PriceOverBudget {
                price: 150.0,
                budget: 120.0,
            }],
            paired: false,
            dismissed: false,
            with: None,
        },
        SuggestionVm {
            id: 7,
            code: "R7".into(),
            title: "极薄铜箔表面处理".into(),
            org: "郑州大学".into(),
            score: 0.61,
            reasons: vec![why(Reason::SharedTerms(vec!["铜箔".into()]), 1.0)],
            warnings: vec![],
            paired: true,
            dismissed: false,
            with: None,
        },
    ]
}

#[test]
fn suggestions_move_and_pair() {
    for (keys, outcome) in [
        ("p", SuggestOutcome::Pair(31)),
        ("enter", SuggestOutcome::Pair(31)),
        ("j j enter", SuggestOutcome::Pair(7)),
        ("down p", SuggestOutcome::Pair(7)),
        ("j k p", SuggestOutcome::Pair(31)),
        ("j", SuggestOutcome::Pending),
        ("esc", SuggestOutcome::Close),
        ("q", SuggestOutcome::Close),
    ] {
        let mut s = SuggestionList::new("D12 4.5μm极薄铜箔", rows());
        assert_eq!(list(&mut s, keys), outcome, "{keys}");
    }
    let mut s = SuggestionList::new("D12 4.5μm极薄铜箔", rows());
    s.mark_paired(12, 31);
    assert!(s.selected().unwrap().paired);
}

#[test]
fn confirm_answers_the_keys_of_the_confirmation_context() {
    for (key, outcome) in [
        ("y", ConfirmOutcome::Yes),
        ("enter", ConfirmOutcome::Yes),
        ("n", ConfirmOutcome::No),
        ("esc", ConfirmOutcome::No),
        ("ctrl-c", ConfirmOutcome::No),
        ("x", ConfirmOutcome::Pending),
    ] {
        let c = Confirm::new("删除配对", "删除 P3?");
        let got = intent(Context::Confirm, key).map_or(ConfirmOutcome::Pending, |i| c.handle(&i));
        assert_eq!(got, outcome, "{key}");
    }
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
    let mut p = StagePrompt::new("P3", Stage::Shelved, today());
    prompt(&mut p, "j");
    let mut term = Terminal::new(TestBackend::new(60, 16)).unwrap();
    term.draw(|f| p.render(f, f.area(), &Theme::new(false), Lang::Zh))
        .unwrap();
    insta::assert_snapshot!(term.backend());
}

#[test]
fn coloured_suggestions_61x10_selection_and_paired_marker() {
    let theme = Theme::new(true);
    let mut s = SuggestionList::new("D12 4.5μm极薄铜箔", rows());
    list(&mut s, "j");
    let mut term = Terminal::new(TestBackend::new(61, 10)).unwrap();
    term.draw(|f| s.render(f, f.area(), &theme, Lang::Zh))
        .unwrap();
    let buf = term.backend().buffer();
    assert_eq!(class_at(buf, theme, "电解铜箔用复合"), '.', "not selected");
    assert_eq!(class_at(buf, theme, "极薄铜箔表面处理"), 'S');
    assert_eq!(
        class_at(buf, theme, "已配对"),
        'S',
        "the marker is inside the selection"
    );
    insta::assert_snapshot!(style_mask(buf, theme));
}

#[test]
fn coloured_stage_prompt_sign_61x13_error_in_the_warning_style() {
    let theme = Theme::new(true);
    let mut p = StagePrompt::new("P4", Stage::Signed, today());
    prompt_type(&mut p, "五十");
    prompt(&mut p, "enter enter");
    let mut term = Terminal::new(TestBackend::new(61, 13)).unwrap();
    term.draw(|f| p.render(f, f.area(), &theme, Lang::Zh))
        .unwrap();
    let buf = term.backend().buffer();
    assert_eq!(class_at(buf, theme, "不是金额"), 'W');
    assert_eq!(
        class_at(buf, theme, "金额 (万元)"),
        'T',
        "the field with the error has focus"
    );
    assert_eq!(class_at(buf, theme, "签约日期"), 'L');
    insta::assert_snapshot!(style_mask(buf, theme));
}

#[test]
fn coloured_stage_prompt_shelve_61x16_choice_selected() {
    let theme = Theme::new(true);
    let mut p = StagePrompt::new("P3", Stage::Shelved, today());
    prompt(&mut p, "j");
    let mut term = Terminal::new(TestBackend::new(61, 16)).unwrap();
    term.draw(|f| p.render(f, f.area(), &theme, Lang::Zh))
        .unwrap();
    let buf = term.backend().buffer();
    assert_eq!(class_at(buf, theme, " 2 (•)"), 'S');
    assert_eq!(class_at(buf, theme, " 1 ( )"), '.');
    insta::assert_snapshot!(style_mask(buf, theme));
}

#[test]
fn coloured_follow_up_67x12_channel_and_error() {
    let theme = Theme::new(true);
    let mut f = FollowUpForm::new("P3");
    form(&mut f, "2 tab");
    form_type(&mut f, "电话沟通样品");
    f.set_error(FollowUpField::Due, "看不懂的日期");
    let mut term = Terminal::new(TestBackend::new(67, 12)).unwrap();
    term.draw(|fr| f.render(fr, fr.area(), &theme, Lang::Zh))
        .unwrap();
    let buf = term.backend().buffer();
    assert_eq!(class_at(buf, theme, "2走访"), 'S', "the chosen channel");
    assert_eq!(class_at(buf, theme, "1电话"), 'M');
    assert_eq!(class_at(buf, theme, "看不懂的日期"), 'W');
    assert_eq!(
        class_at(buf, theme, "›截止"),
        'T',
        "the field with the error has focus"
    );
    insta::assert_snapshot!(style_mask(buf, theme));
}

#[test]
fn coloured_confirm_41x9_over_cjk() {
    let theme = Theme::new(true);
    let c = Confirm::new("删除配对", "删除 P3 及其跟进？").with_keys(&Keymap::default());
    let mut term = Terminal::new(TestBackend::new(41, 9)).unwrap();
    term.draw(|f| {
        let bg = "锂电池负极材料".repeat(6);
        for y in 0..9 {
            f.render_widget(
                ratatui::text::Line::from(bg.clone()),
                ratatui::layout::Rect::new(0, y, 41, 1),
            );
        }
        c.render(f, f.area(), &theme, Lang::Zh);
    })
    .unwrap();
    let buf = term.backend().buffer();
    let text = term.backend().to_string();
    assert!(text.contains("y/enter 是 · n/esc/ctrl-c 否"), "{text}");
    assert_eq!(class_at(buf, theme, "删除配对"), 'T');
    assert_eq!(class_at(buf, theme, "y/enter"), 'M');
    insta::assert_snapshot!(style_mask(buf, theme));
}
