//! The `?` overlay: every key, generated from the keymap table, grouped by section.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::i18n::Msg;
use crate::tui::Theme;
use crate::tui::keys::Context;
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;
use crate::tui::ui::fit::fit;
use crate::tui::ui::layout::centered;

/// Width of the key column.
const KEYS_WIDTH: usize = 18;

/// The help lines: the keys of where the help was opened first, then those of every other
/// view and overlay, each context under its own heading (slot keys 1–9 folded into one line).
pub fn lines(m: &Model, theme: &Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let under = m
        .overlays
        .iter()
        .rev()
        .find(|o| !matches!(o, Overlay::Help { .. }))
        .map_or_else(|| m.view_context(), Overlay::context);
    let mut order = under.chain();
    let rest: Vec<Context> = Context::ALL
        .into_iter()
        .filter(|c| !order.contains(c))
        .collect();
    order.extend(rest);
    let mut out = Vec::new();
    for ctx in order {
        let mut slot_keys = Vec::new();
        let rows: Vec<_> = m
            .keymap
            .bindings
            .iter()
            .filter(|b| b.def.contexts.contains(&ctx))
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(ctx.label(lang).to_string(), theme.title()));
        for b in rows {
            if b.def.name.starts_with("view_") {
                slot_keys.extend(b.keys.iter().map(ToString::to_string));
                continue;
            }
            let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
            let keys = if keys.is_empty() {
                Msg::HelpUnbound.text(lang).to_string()
            } else {
                keys.join(" / ")
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {}", fit(&keys, KEYS_WIDTH)), theme.label()),
                Span::raw(lang.pick(b.def.zh, b.def.en)),
            ]));
        }
        push_slots(&mut out, &mut slot_keys, lang, *theme);
        if ctx.takes_text() {
            out.push(Line::from(vec![
                Span::styled(
                    format!("  {}", fit(Msg::HelpOtherKeys.text(lang), KEYS_WIDTH)),
                    theme.label(),
                ),
                Span::raw(Msg::HelpTypeText.text(lang)),
            ]));
        }
    }
    out
}

fn push_slots(
    out: &mut Vec<Line<'static>>,
    keys: &mut Vec<String>,
    lang: crate::tui::Lang,
    theme: Theme,
) {
    if keys.is_empty() {
        return;
    }
    let shown = if keys.len() > 2 {
        format!("{}…{}", keys[0], keys[keys.len() - 1])
    } else {
        keys.join(" / ")
    };
    out.push(Line::from(vec![
        Span::styled(format!("  {}", fit(&shown, KEYS_WIDTH)), theme.label()),
        Span::raw(Msg::HelpRecallView.text(lang)),
    ]));
    keys.clear();
}

pub fn render(frame: &mut Frame, area: Rect, m: &Model, scroll: u16, theme: &Theme) {
    let lines = lines(m, theme);
    let rect = centered(area, 64, area.height.saturating_sub(2));
    crate::tui::ui::fit::clear_popup(frame, rect);
    let key = |name: &str| m.keymap.key_for(name).unwrap_or_default();
    let scroll_keys = format!("{}/{}", key("move_down"), key("move_up"));
    let title = format!(
        " {} ",
        Msg::HelpTitle.fill(m.lang, &[&scroll_keys, &key("back")])
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(title, theme.title()));
    let inner_h = rect.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max_scroll), 0)),
        rect,
    );
}
