//! The contact form's own rows of the key table (saving from any field). Tab, Enter, ↑/↓ and
//! Esc are the forms' shared rows (keys/overlays.rs); the text-editing rows are ui/input's.

use crate::tui::action::Input;
use crate::tui::keys::{Context, Def};

const FORM: &[Context] = &[Context::ContactForm];

/// The contact form's rows, in help order.
pub fn defaults() -> Vec<Def> {
    vec![Def::input(
        "contact_save",
        Input::Save,
        FORM,
        &["ctrl-s"],
        "保存联系人",
        "save the contact",
    )]
}
