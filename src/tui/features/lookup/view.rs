//! The band of the people a search names (one line each, above the lists), and a picked
//! contact in the detail pane. Every value from data goes through the sanitiser; lines are cut
//! by display width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::i18n::lookup::LookupMsg;
use crate::pipeline::lookup::ContactHit;
use crate::sanitize::one_line;
use crate::tui::model::Model;
use crate::tui::ui::fit::clip;
use crate::tui::{Lang, Theme};

/// One contact as a band line: code, name, role, organisation (with its code), phones,
/// email, and what it reaches.
pub fn band_line(hit: &ContactHit, lang: Lang) -> String {
    let c = &hit.contact;
    let org = match &hit.org {
        Some(o) => format!(
            "{} {}",
            one_line(&o.name),
            hit.org_code().unwrap_or_default()
        ),
        None => LookupMsg::NoOrgShort.text(lang).to_string(),
    };
    let phones: Vec<String> = c.phones.iter().map(|p| one_line(p)).collect();
    let parts = [
        format!("{} {}", c.code(), one_line(&c.name)),
        one_line(&c.role),
        org,
        phones.join(" / "),
        one_line(&c.email),
        LookupMsg::Reaches.fill(lang, &[&hit.demands, &hit.results]),
    ];
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The band: one line per contact shown, the picked one highlighted; the first line ends
/// with how many more were found.
pub fn render_band(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    let shown = m.lookup.shown();
    let hidden = m.lookup.hidden();
    let w = usize::from(area.width);
    let lines: Vec<Line> = shown
        .iter()
        .enumerate()
        .map(|(i, hit)| {
            let mut text = format!(" {}", band_line(hit, m.lang));
            if i == 0 && hidden > 0 {
                text.push_str(" (");
                text.push_str(&LookupMsg::More.fill(m.lang, &[&hidden]));
                text.push(')');
            }
            let style = if m.lookup.pick == Some(i) {
                theme.selected()
            } else {
                theme.label()
            };
            Line::from(Span::styled(clip(&text, w), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The detail pane of a picked contact: who, where, how to reach them, and the key that opens
/// the organisation.
pub fn render_detail(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    let Some(hit) = m.lookup.picked() else {
        return;
    };
    let lang = m.lang;
    let c = &hit.contact;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" {} ", LookupMsg::Heading.fill(lang, &[&c.code()])),
            theme.title(),
        ));
    let org = match &hit.org {
        Some(o) => format!(
            "{} {}",
            hit.org_code().unwrap_or_default(),
            one_line(&o.name)
        ),
        None => LookupMsg::NoOrgShort.text(lang).to_string(),
    };
    let phones: Vec<String> = c.phones.iter().map(|p| one_line(p)).collect();
    let fields = [
        (LookupMsg::Name, one_line(&c.name)),
        (LookupMsg::Role, one_line(&c.role)),
        (LookupMsg::Org, org),
        (LookupMsg::Phones, phones.join(" / ")),
        (LookupMsg::Email, one_line(&c.email)),
        (
            LookupMsg::Records,
            LookupMsg::Reaches.fill(lang, &[&hit.demands, &hit.results]),
        ),
        (LookupMsg::Note, one_line(&c.note)),
    ];
    let mut lines: Vec<Line> = fields
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, v)| {
            Line::from(vec![
                Span::styled(format!("{} ", label.text(lang)), theme.label()),
                Span::raw(v),
            ])
        })
        .collect();
    if hit.org.is_some() {
        let key = |name: &str| m.keymap.key_for(name).unwrap_or_default();
        lines.push(Line::styled(
            LookupMsg::Hint.fill(lang, &[&key("open"), &key("open_org")]),
            theme.muted(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
