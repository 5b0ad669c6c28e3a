//! The follow-up form's update through the default keymap: what gets logged, and what keeps
//! the form open.

use jiff::civil::date;

use crate::domain::Channel;
use crate::tui::action::{Action, Input};
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::test_support::{drive, press, setup, top, type_text};
use crate::tui::keys::Context;
use crate::tui::update::update;

#[test]
fn due_dates_are_read_or_the_form_stays_open_on_the_field() {
    for (channel_keys, next, due, logged) in [
        (
            "",
            "寄样品",
            "明天",
            Some((Channel::Phone, Some(date(2026, 3, 11)))),
        ),
        ("2", "寄样品", "", Some((Channel::Visit, None))),
        ("l l", "", "", Some((Channel::Meeting, None))),
        ("", "寄样品", "下辈子", None),
        // Out of range (1900–2200): the form stays open with the message; no panic.
        ("", "寄样品", "+9999999999d", None),
        ("", "寄样品", "2201-01-01", None),
        // A due date without a next action is refused.
        ("", "", "明天", None),
    ] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p b n");
        drive(&mut db, &mut m, channel_keys);
        drive(&mut db, &mut m, "tab");
        type_text(&mut m, "电话沟通");
        drive(&mut db, &mut m, "tab");
        type_text(&mut m, next);
        drive(&mut db, &mut m, "tab");
        type_text(&mut m, due);
        let fx = press(&mut m, "enter");
        match (logged, fx.as_slice()) {
            (Some((channel, next_due)), [Effect::Pipe(PipeEffect::Log(req))]) => {
                assert_eq!((req.channel, req.next_due), (channel, next_due), "{due}");
                assert_eq!(req.note, "电话沟通");
                assert_eq!(top(&m), None);
            }
            (None, []) => assert_eq!(top(&m), Some(Context::FollowUp), "{next}/{due}"),
            (want, got) => panic!("{next}/{due}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn esc_asks_before_dropping_typed_text_and_a_paste_stays_on_one_line() {
    let (mut db, mut m) = setup();
    drive(&mut db, &mut m, "p b n tab");
    let _ = update(
        &mut m,
        Action::Input(Input::Paste("陈工来电\r\n同意寄样\n".into())),
    );
    drive(&mut db, &mut m, "esc");
    assert_eq!(top(&m), Some(Context::Confirm), "it asks");
    drive(&mut db, &mut m, "n");
    assert_eq!(top(&m), Some(Context::FollowUp), "n keeps the form");
    drive(&mut db, &mut m, "tab tab");
    let fx = press(&mut m, "enter");
    let [Effect::Pipe(PipeEffect::Log(req))] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(req.note, "陈工来电 同意寄样");
}
