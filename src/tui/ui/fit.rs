//! Fitting text to display widths, the one helper for it: widths are terminal cells
//! (`unicode-width`), a cut never splits a double-width character, and a padded column is
//! exactly its width, so the columns after it never shift. Also the popup clearing that keeps
//! a popup's left border intact over wide characters, and the 万元 formatting of the views.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Clear;
use unicode_width::UnicodeWidthChar;

/// Display width of one character (controls count 0; data is sanitised before this).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
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

/// `s` cut (with `…`) and padded with spaces to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = cut(s, w);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// `text` cut without a marker and padded to exactly `width` cells: for table columns where
/// every cell counts. A double-width character that would straddle the edge becomes a space.
pub fn clip(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len().min(width * 4));
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width - used));
    out
}

/// Like [`clip`], as spans: characters whose index is in `matched` get `hl`, the rest `base`.
pub fn fit_spans(
    text: &str,
    width: usize,
    matched: &[usize],
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut used = 0;
    for (i, c) in text.chars().enumerate() {
        let w = char_width(c);
        if used + w > width {
            break;
        }
        let is_hl = matched.contains(&i);
        if is_hl != run_hl && !run.is_empty() {
            let style = if run_hl { hl } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hl = is_hl;
        run.push(c);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    spans
}

/// Splits `total` columns among `weights` proportionally; the last gets the remainder.
pub fn split_widths(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut out: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    let given: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - given;
    }
    out
}

/// A `w`×`h` box centred in `area`, shrunk to fit it (the layout's own helper).
pub use crate::tui::ui::layout::centered;

/// Clears the popup's area and the column left of it: a double-width character whose second
/// half lies under the popup's left border would otherwise eat that border.
pub fn clear_popup(frame: &mut Frame<'_>, rect: Rect) {
    if rect.x > 0 {
        let left = Rect::new(rect.x - 1, rect.y, 1, rect.height);
        frame.render_widget(Clear, left.intersection(frame.area()));
    }
    frame.render_widget(Clear, rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_never_splits_a_wide_character_and_always_fills_the_width() {
        assert_eq!(clip("西安交通大学", 5), "西安 ");
        assert_eq!(clip("西安交通大学", 4), "西安");
        assert_eq!(clip("西安交通大学", 1), " ");
        assert_eq!(clip("西安交通大学", 0), "");
        assert_eq!(clip("a西安", 2), "a ");
        assert_eq!(clip("a西安", 3), "a西");
        assert_eq!(clip("ab", 5), "ab   ");
        for w in 0..15 {
            assert_eq!(width(&clip("鄭州大學 AI 视觉检测", w)), w, "width {w}");
            assert_eq!(width(&fit("鄭州大學 AI 视觉检测", w)), w, "width {w}");
        }
    }

    #[test]
    fn cut_and_fit_mark_the_cut_and_respect_display_width() {
        assert_eq!(cut("锂电池负极", 5), "锂电…");
        assert_eq!(width(&cut("锂电池负极", 6)), 5);
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(fit("中a", 5), "中a  ");
        assert_eq!(fit("西安交通大学", 5), "西安…");
        assert_eq!(width(&fit("中文中文", 5)), 5);
    }

    #[test]
    fn fit_spans_highlights_by_char_index_and_keeps_the_width() {
        let base = Style::default();
        let hl = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = fit_spans("锂电池负极", 7, &[0, 1], base, hl);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "锂电池 ");
        assert_eq!(spans[0].content, "锂电");
        assert_eq!(spans[0].style, hl);
        assert_eq!(spans[1].content, "池");
        assert_eq!(width(&text), 7);
    }

    #[test]
    fn split_widths_adds_up() {
        assert_eq!(split_widths(33, &[4, 3, 2, 1]).iter().sum::<usize>(), 33);
        assert_eq!(split_widths(10, &[1, 1]), vec![5, 5]);
    }
}
