//! Width-aware text helpers shared by the components: cutting and padding by display width,
//! popup placement and the clearing that keeps a popup's left border intact.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Display width of one character (control characters count as zero).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `s` cut to at most `max` cells; a cut string ends with `…`. A double-width character that
/// would straddle the limit is dropped whole.
pub fn cut(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut to `w` cells and padded with spaces to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = cut(s, w);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// A `w`×`h` box centred in `area`, shrunk to fit it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears the popup's area and the column left of it: a double-width character whose second
/// half lies under the popup's left border would otherwise eat that border.
pub fn clear_popup(frame: &mut Frame<'_>, rect: Rect) {
    if rect.x > 0 {
        let left = Rect::new(rect.x - 1, rect.y, 1, rect.height);
        frame.render_widget(Clear, left.intersection(frame.area()));
    }
    frame.render_widget(Clear, rect);
}

/// True for a key press (or auto-repeat); releases are ignored everywhere.
pub fn is_press(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
}

/// True for Ctrl + `c` (case-insensitive).
pub fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
}

/// A plain character typed without Ctrl or Alt (Shift is part of the character).
pub fn typed_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// Formats an amount in 万元 without a trailing `.0`: 380, 12.5.
pub fn wan(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        // `+ 0.0` turns the -0.0 an empty f64 sum yields into 0.
        format!("{:.0}", v.round() + 0.0)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_respects_display_width_and_never_splits_a_wide_char() {
        assert_eq!(cut("锂电池负极", 5), "锂电…");
        assert_eq!(width(&cut("锂电池负极", 6)), 5);
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(fit("中a", 5), "中a  ");
        assert_eq!(width(&fit("中文中文", 5)), 5);
    }

    #[test]
    fn amounts_print_without_noise() {
        assert_eq!(wan(380.0), "380");
        assert_eq!(wan(12.5), "12.5");
        assert_eq!(wan(0.126), "0.13");
        assert_eq!(wan([0.0_f64; 0].iter().sum()), "0");
    }
}
