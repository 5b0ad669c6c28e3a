//! The stage prompt's update through the default keymap: the move goes out with its data,
//! or the prompt stays open.

use jiff::civil::date;

use crate::domain::{ContractType, Money, ShelveReason, Stage};
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::test_support::{drive, press, setup, top, type_text};
use crate::tui::keys::Context;

#[test]
fn signing_sends_the_amount_or_keeps_asking() {
    for (amount, sent) in [
        ("120", Money::from_wan(120)),
        ("1,200万", Money::from_wan(1200)),
        ("0.5亿", Money::from_wan(5000)),
        ("0", None),
        ("-5", None),
        ("1e308", None),
        ("五十", None),
        ("", None),
    ] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p b L L L");
        assert_eq!(top(&m), Some(Context::Prompt));
        type_text(&mut m, amount);
        drive(&mut db, &mut m, "enter");
        let fx = press(&mut m, "enter");
        match (sent, fx.as_slice()) {
            (Some(v), [Effect::Pipe(PipeEffect::Move(req))]) => {
                assert_eq!(req.to, Stage::Signed);
                assert_eq!(req.amount, Some(v), "{amount}");
                assert_eq!(req.signed_on, Some(date(2026, 3, 10)), "today by default");
            }
            (None, []) => assert_eq!(top(&m), Some(Context::Prompt), "{amount}"),
            (want, got) => panic!("{amount}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn the_list_is_walked_with_the_choice_keys_and_sent_with_the_move() {
    for (keys, reason) in [
        ("enter", ShelveReason::ALL[0]),
        ("j j enter", ShelveReason::ALL[2]),
        ("down up enter", ShelveReason::ALL[0]),
        ("4 tab", ShelveReason::ALL[3]),
    ] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p b z");
        assert_eq!(top(&m), Some(Context::Choice));
        drive(&mut db, &mut m, keys);
        assert_eq!(top(&m), Some(Context::Prompt), "{keys}: on the note");
        let fx = press(&mut m, "enter");
        let [Effect::Pipe(PipeEffect::Move(req))] = fx.as_slice() else {
            panic!("{keys}: {fx:?}")
        };
        assert_eq!(req.reason, Some(reason), "{keys}");
    }
    // Registering: a contract type from the list and a number.
    let (mut db, mut m) = setup();
    drive(&mut db, &mut m, "p b L L L");
    type_text(&mut m, "80");
    drive(&mut db, &mut m, "enter enter L");
    assert_eq!(top(&m), Some(Context::Choice));
    drive(&mut db, &mut m, "j enter");
    type_text(&mut m, "2026-0042");
    let fx = press(&mut m, "enter");
    let [Effect::Pipe(PipeEffect::Move(req))] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(req.contract_type, Some(ContractType::ALL[1]));
    assert_eq!(req.reg_no.as_deref(), Some("2026-0042"));
}

/// P1 signed and registered, with no payment: `L` asks for the override note.
fn registered_pair() -> (crate::db::Db, crate::tui::model::Model) {
    let (mut db, mut m) = setup();
    drive(&mut db, &mut m, "p b L L L");
    type_text(&mut m, "80");
    drive(&mut db, &mut m, "enter enter L enter");
    type_text(&mut m, "2026-0042");
    drive(&mut db, &mut m, "enter");
    (db, m)
}

fn stage_of_p1(db: &crate::db::Db) -> Stage {
    crate::pipeline::pair_by_code(db.conn(), "P1".parse().unwrap())
        .unwrap()
        .stage
}

#[test]
fn landing_with_no_payment_asks_for_the_override_note() {
    for (note, keys, sent) in [
        (
            "仅技术许可，无首付款",
            "enter",
            Some("仅技术许可，无首付款"),
        ),
        ("  ", "enter", None),
        ("", "enter", None),
        ("waived", "esc", None),
        ("x", "tab enter", Some("x")),
    ] {
        let (mut db, mut m) = registered_pair();
        assert_eq!(stage_of_p1(&db), Stage::Registered);
        drive(&mut db, &mut m, "L");
        assert_eq!(
            top(&m),
            Some(Context::Prompt),
            "{note:?}: the prompt is open"
        );
        let status = m.message.as_ref().expect("a status line");
        assert!(
            status.warn && status.text.contains("P1"),
            "{note:?}: {}",
            status.text
        );
        assert_eq!(stage_of_p1(&db), Stage::Registered, "nothing moved yet");
        type_text(&mut m, note);
        let mut fx = Vec::new();
        for k in keys.split_whitespace() {
            fx = press(&mut m, k);
        }
        match (sent, fx.as_slice()) {
            (Some(want), [Effect::Pipe(PipeEffect::Move(req))]) => {
                assert_eq!(req.to, Stage::Landed);
                assert_eq!(req.override_note.as_deref(), Some(want));
                crate::tui::features::pipeline::test_support::run(&mut db, &mut m, fx);
                assert_eq!(stage_of_p1(&db), Stage::Landed, "{note:?}");
                assert_eq!(top(&m), None);
            }
            (None, []) => {
                assert_eq!(stage_of_p1(&db), Stage::Registered, "{note:?}");
                let open = top(&m) == Some(Context::Prompt);
                assert_eq!(
                    open,
                    keys != "esc",
                    "{note:?}: Esc closes, a blank note keeps asking"
                );
            }
            (want, got) => panic!("{note:?}: wanted {want:?}, got {got:?}"),
        }
    }
}
