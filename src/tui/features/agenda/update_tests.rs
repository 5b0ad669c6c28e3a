//! The agenda's update through the default keymap.

use crate::tui::features::pipeline::test_support::{drive, setup, top, type_text};
use crate::tui::keys::Context;
use crate::tui::model::View;
use crate::tui::overlay::Overlay;

#[test]
fn agenda_keys_open_the_pair_or_log_on_it() {
    for (keys, view, asks) in [
        ("enter", View::Agenda, Some(Context::PairDetail)),
        ("G enter", View::Agenda, Some(Context::PairDetail)),
        ("n", View::Agenda, Some(Context::Choice)),
        ("enter esc", View::Agenda, None),
        ("esc", View::Desk, None),
        ("b", View::Board, None),
    ] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p b n enter");
        type_text(&mut m, "电话");
        drive(&mut db, &mut m, "enter");
        type_text(&mut m, "寄样品");
        drive(&mut db, &mut m, "enter");
        type_text(&mut m, "明天");
        drive(&mut db, &mut m, "enter a");
        assert_eq!(m.pipe.agenda.selected().map(|(_, it)| it.pair_id), Some(1));
        drive(&mut db, &mut m, keys);
        assert_eq!((m.view, top(&m)), (view, asks), "{keys}");
        if let Some(Overlay::PairDetail { detail, .. }) = m.overlays.last() {
            assert_eq!(detail.next_action.as_deref(), Some("寄样品"));
        }
    }
}
