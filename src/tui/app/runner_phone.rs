//! The phone effects the runner performs: the clipboard and the mouse are written to the
//! terminal (OSC 52 and the mouse-capture sequences, so both work over SSH and, with
//! `set-clipboard on`, inside tmux), and a call is logged on a record. Each answers with
//! data, not wording: the update says it.

use std::io::{self, Write};

use crossterm::QueueableCommand;
use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};

use crate::db::Db;
use crate::pipeline::{CallLogged, CallRequest, Clock};
use crate::tui::action::Action;
use crate::tui::features::phone::PhoneAction;

/// Puts `text` on the system clipboard through the terminal: OSC 52 with `text` in base64.
/// `text` is already the sanitised contact line.
pub fn copy(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let mut buf = Vec::new();
    buf.queue(CopyToClipboard::to_clipboard_from(text))?;
    out.write_all(&buf)?;
    out.flush()
}

/// Turns mouse capture on (clicks and the wheel reach the desk) or off (the terminal selects
/// text), and remembers it for when the terminal is taken again after a suspend.
pub fn mouse(out: &mut dyn Write, on: bool) -> io::Result<()> {
    crate::tui::app::terminal::set_mouse(on);
    let mut buf = Vec::new();
    if on {
        buf.queue(EnableMouseCapture)?;
    } else {
        buf.queue(DisableMouseCapture)?;
    }
    out.write_all(&buf)?;
    out.flush()
}

/// Logs a call on a record made by this desk. Answers with where it went; the rows it
/// wrote (the record's rev, the pairs' follow-ups) come back to the views as changes, read
/// by the caller.
pub fn call(db: &mut Db, clock: &Clock, req: &CallRequest) -> anyhow::Result<Vec<Action>> {
    let (rec, logged) = crate::pipeline::log_call(db, clock, req, &crate::domain::undo::desk())?;
    let pairs = match logged {
        CallLogged::Pairs(rows) => rows.iter().map(|r| r.pair.code().to_string()).collect(),
        CallLogged::Note(_) => Vec::new(),
    };
    Ok(vec![Action::Phone(PhoneAction::Logged {
        record: rec.code().to_string(),
        pairs,
    })])
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;

    use super::*;

    /// The payload of every OSC 52 sequence in `bytes`, decoded.
    fn osc52_payloads(bytes: &[u8]) -> Vec<String> {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        text.split("\x1b]52;")
            .skip(1)
            .map(|seq| {
                let (target, rest) = seq.split_once(';').unwrap();
                assert_eq!(target, "c", "the clipboard, not the primary selection");
                let end = rest.find(['\x07', '\x1b']).unwrap();
                let raw = base64::engine::general_purpose::STANDARD
                    .decode(&rest[..end])
                    .unwrap();
                String::from_utf8(raw).unwrap()
            })
            .collect()
    }

    #[test]
    fn copy_writes_osc52_with_the_line_in_base64() {
        // Case table: the contact line as the update made it → what reaches the clipboard.
        for line in [
            "张三 13800000021 江西铜博科技有限公司",
            "Li Si +86 139 0000 2222",
            "王",
        ] {
            let mut out = Vec::new();
            copy(&mut out, line).unwrap();
            assert!(out.starts_with(b"\x1b]52;c;"), "{out:?}");
            assert_eq!(osc52_payloads(&out), vec![line.to_string()]);
        }
    }

    #[test]
    fn mouse_capture_is_written_on_and_off() {
        let mut out = Vec::new();
        mouse(&mut out, false).unwrap();
        let off = String::from_utf8(out).unwrap();
        assert!(off.contains("\x1b[?1000l"), "{off:?}");
        let mut out = Vec::new();
        mouse(&mut out, true).unwrap();
        let on = String::from_utf8(out).unwrap();
        assert!(on.contains("\x1b[?1000h"), "{on:?}");
    }
}
