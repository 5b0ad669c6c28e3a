//! The board's update through the default keymap: what a broker sees after each key.

use crate::domain::Stage;
use crate::tui::features::pipeline::test_support::{drive, setup, top};
use crate::tui::keys::Context;
use crate::tui::model::View;

#[test]
fn board_keys_move_the_card_or_ask_first() {
    use Stage::{Candidate, Contacted, Negotiating, Shelved};
    for (keys, stage, asks) in [
        ("L", Contacted, None),
        ("shift-right shift-right", Negotiating, None),
        ("L L H", Contacted, None),
        ("H", Candidate, None),
        // Signing needs the amount: the prompt opens and nothing moves yet.
        ("L L L", Negotiating, Some(Context::Prompt)),
        ("L L L esc", Negotiating, None),
        // Shelving asks for a reason, the list first.
        ("z", Candidate, Some(Context::Choice)),
        ("z j enter enter", Shelved, None),
        // A move on a shelved card takes it up where it was shelved.
        ("L z enter enter H", Contacted, None),
        // Deleting asks first; n keeps the pair, and so does Enter (only y deletes).
        ("D", Candidate, Some(Context::ConfirmDelete)),
        ("D enter", Candidate, Some(Context::ConfirmDelete)),
        ("D n", Candidate, None),
        ("n", Candidate, Some(Context::Choice)),
        ("enter", Candidate, Some(Context::PairDetail)),
        // Walking to an empty column and pressing L there moves nothing.
        ("l L", Candidate, None),
    ] {
        let (mut db, mut m) = setup();
        drive(&mut db, &mut m, "p b");
        drive(&mut db, &mut m, keys);
        assert_eq!(m.view, View::Board, "{keys}");
        assert_eq!(m.pipe.pairs[0].stage, stage, "{keys}");
        assert_eq!(top(&m), asks, "{keys}");
    }
}

#[test]
fn the_cursor_follows_the_card_it_moved() {
    let (mut db, mut m) = setup();
    drive(&mut db, &mut m, "p b L L");
    assert_eq!(m.pipe.board.selected_stage(), Some(Stage::Negotiating));
    assert_eq!(m.pipe.board.selected().map(|c| c.pair_id), Some(1));
    assert_eq!(m.pipe.board.len(Stage::Candidate), 0);
}

#[test]
fn deleting_from_the_board_asks_then_removes_the_card_and_u_brings_it_back() {
    let (mut db, mut m) = setup();
    drive(&mut db, &mut m, "p b D y");
    assert!(m.pipe.board.selected().is_none(), "the card is gone");
    assert!(m.overlays.is_empty());
    drive(&mut db, &mut m, "u");
    assert_eq!(m.pipe.board.selected().map(|c| c.pair_id), Some(1));
}
