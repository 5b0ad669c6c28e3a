//! The phone moment on the desk: who to call is at hand, `y` copies a record's contact line
//! to the clipboard (OSC 52, so it works over SSH and in tmux), `c` logs a call on a record in
//! one step, `d`/`r` open a pair's demand or result, and `M` gives the mouse to the terminal
//! so text can be selected with it.

pub mod keys;
pub mod update;

use crate::domain::{Kind, RecordNote};
use crate::pipeline::CallRequest;

/// The phone intents (from keys) and answers (from the runner).
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneAction {
    /// Copy the selected (or open) record's contact line to the clipboard.
    Copy,
    /// Log a call on the selected (or open) record: asks for the note only.
    Call,
    /// Open the demand (or result) of the pair under the cursor.
    OpenSide(Kind),
    /// Give the mouse to the terminal (text selection), or take it back (clicks, wheel).
    ToggleMouse,
    /// A call was logged on record `record`: on these pairs, or (none) in its own log.
    Logged { record: String, pairs: Vec<String> },
    /// The own log of record `id`, read with the record.
    LogRead { id: i64, notes: Vec<RecordNote> },
}

/// What the phone intents ask of the runner.
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneEffect {
    /// Put `text` on the clipboard: the runner writes OSC 52 to the terminal.
    Copy(String),
    /// Turn mouse capture on or off (the runner writes it to the terminal).
    Mouse(bool),
    /// Log a call on a record.
    Call(CallRequest),
}
