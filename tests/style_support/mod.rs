//! Coloured snapshots as text: each cell of a rendered buffer becomes one letter naming the
//! theme style it was drawn with, so a snapshot shows where the selection, the warnings and
//! the titles are, next to the plain-text snapshot of the same screen.

#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use duijie::tui::Theme;

/// (fg, bg, modifiers) with the terminal defaults spelled out, as a cell reports them.
fn key(s: Style) -> (Color, Color, Modifier) {
    (
        s.fg.unwrap_or(Color::Reset),
        s.bg.unwrap_or(Color::Reset),
        s.add_modifier - s.sub_modifier,
    )
}

/// The letter of each theme style, in the order they are tried.
fn classes(t: Theme) -> Vec<(char, Style)> {
    vec![
        ('.', t.normal()),
        ('S', t.selected()),
        ('w', t.selected().patch(t.warning())),
        ('u', t.selected_unfocused()),
        ('W', t.warning()),
        ('T', t.title()),
        ('M', t.muted()),
        ('L', t.label()),
        ('K', t.marker()),
        ('C', t.chip()),
    ]
}

/// One line per row: `|` + a letter per cell + `|`. `.` normal, `S` selected, `w` a warning
/// inside the selection, `u` selected in an unfocused pane, `W` warning, `T` title (and the
/// focused border), `M` muted, `L` label, `K` marker, `C` chip, `?` anything else.
pub fn style_mask(buf: &Buffer, theme: Theme) -> String {
    let classes = classes(theme);
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push('|');
        let mut carry: Option<(char, usize)> = None;
        for x in 0..buf.area.width {
            // The cell under the second half of a wide character takes the character's style.
            if let Some((c, n)) = carry.filter(|(_, n)| *n > 0) {
                out.push(c);
                carry = Some((c, n - 1));
                continue;
            }
            let cell = &buf[(x, y)];
            let k = key(cell.style());
            let c = classes
                .iter()
                .find(|(_, s)| key(*s) == k)
                .map_or('?', |(c, _)| *c);
            out.push(c);
            let w = unicode_width::UnicodeWidthStr::width(cell.symbol());
            carry = Some((c, w.saturating_sub(1)));
        }
        out.push_str("|\n");
    }
    out
}

/// The cell where `text` starts on screen (wide characters take two cells), if shown.
pub fn find(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let mut row = String::new();
        let mut cells = Vec::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            for _ in sym.chars() {
                cells.push(x);
            }
            row.push_str(sym);
        }
        if let Some(i) = row.find(text) {
            let n = row[..i].chars().count();
            return Some((cells[n], y));
        }
    }
    None
}

/// The style letter of the cell where `text` starts (panics when it is not on screen).
pub fn class_at(buf: &Buffer, theme: Theme, text: &str) -> char {
    let (x, y) = find(buf, text).unwrap_or_else(|| panic!("{text:?} is not on screen"));
    let mask = style_mask(buf, theme);
    let row = mask.lines().nth(usize::from(y)).unwrap();
    row.chars().nth(usize::from(x) + 1).unwrap()
}

/// The text of a rendered buffer, one line per row between `|`, each wide character once
/// (the cell it covers after it is skipped).
pub fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        out.push('|');
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push_str("|\n");
    }
    out
}
