//! The pair detail's update through the default keymap: the board's keys move its pair.

use crate::domain::Stage;
use crate::tui::features::pipeline::test_support::{drive, setup, top};
use crate::tui::keys::Context;
use crate::tui::overlay::Overlay;

#[test]
fn keys_in_the_detail_move_its_pair_and_scroll_it() {
    for (keys, stage, scroll, asks) in [
        ("L", Stage::Contacted, 0, Some(Context::PairDetail)),
        ("L L H", Stage::Contacted, 0, Some(Context::PairDetail)),
        ("j j k", Stage::Candidate, 1, Some(Context::PairDetail)),
        ("z", Stage::Candidate, 0, Some(Context::Choice)),
        ("D", Stage::Candidate, 0, Some(Context::ConfirmDelete)),
        ("n", Stage::Candidate, 0, Some(Context::Choice)),
    ] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p b enter");
        drive(&mut db, &mut m, keys);
        assert_eq!(m.pipe.pairs[0].stage, stage, "{keys}");
        assert_eq!(top(&m), asks, "{keys}");
        let detail = m.overlays.iter().find_map(|o| match o {
            Overlay::PairDetail { detail, scroll } => Some((detail.stage, *scroll)),
            _ => None,
        });
        assert_eq!(
            detail,
            Some((stage, scroll)),
            "{keys}: the detail shows the move"
        );
    }
}

#[test]
fn deleting_from_the_detail_closes_it() {
    let (mut db, mut m) = setup();
    drive(&mut db, &mut m, "p b enter D y");
    assert!(m.overlays.is_empty());
    assert!(m.pipe.pairs.is_empty());
}
