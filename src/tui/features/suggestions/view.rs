//! Drawing the suggestion list: three lines per partner (score, code and title; org;
//! reasons), the selection, the paired marker, and the hint line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::db::dismissals::DismissReason;
use crate::matching::{Reason, Why};
use crate::sanitize::one_line;
use crate::tui::features::suggestions::state::{SuggestionList, SuggestionVm, reason_label};
use crate::tui::ui::fit::{cut, fit, width};
use crate::tui::{Lang, Theme};

/// Rows per suggestion: title line, org line, reasons line.
const ROW_H: usize = 3;

impl SuggestionList {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let title = if self.news {
            format!(" {} ", lang.pick("新匹配", "New matches"))
        } else {
            format!(" {} {} ", lang.pick("建议", "Suggestions for"), self.title)
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                cut(&title, usize::from(area.width.saturating_sub(2))),
                theme.title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = usize::from(inner.width);
        if w < 10 || inner.height < 2 {
            return;
        }
        let list_h = usize::from(inner.height - 1);
        let per_page = (list_h / ROW_H).max(1);
        let top = (self.cursor + 1).saturating_sub(per_page);
        let mut lines: Vec<Line> = Vec::new();
        for (i, r) in self.rows.iter().enumerate().skip(top).take(per_page) {
            lines.extend(row_lines(r, w, i == self.cursor, *theme, lang));
        }
        if self.rows.is_empty() {
            lines.push(Line::from(Span::styled(
                lang.pick("(没有建议)", "(no suggestions)"),
                theme.muted(),
            )));
        }
        lines.truncate(list_h);
        while lines.len() < list_h {
            lines.push(Line::default());
        }
        if let Some(choice) = self.asking {
            lines.push(self.reason_line(choice, w, *theme, lang));
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        }
        let hint = self.hint.as_deref().unwrap_or_else(|| {
            lang.pick(
                "j/k 移动 · p/Enter 配对 · Esc 关闭",
                "j/k move · p/Enter pair · Esc close",
            )
        });
        lines.push(Line::from(Span::styled(cut(hint, w), theme.muted())));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

impl SuggestionList {
    /// The question on the hint line: why is it dismissed, each reason numbered, the one
    /// under the choice cursor highlighted.
    fn reason_line(&self, choice: usize, w: usize, theme: Theme, lang: Lang) -> Line<'static> {
        let code = self
            .selected()
            .map(|r| one_line(&r.code))
            .unwrap_or_default();
        let mut spans = vec![Span::styled(
            format!(
                "{} {code}{} ",
                lang.pick("为何排除", "Dismiss"),
                lang.pick("？", "? why:")
            ),
            theme.title(),
        )];
        let mut used = width(&format!(
            "{} {code}? why: ",
            lang.pick("为何排除", "Dismiss")
        ));
        for (i, reason) in DismissReason::ALL.into_iter().enumerate() {
            let text = format!("{} {} ", i + 1, reason_label(reason, lang));
            used += width(&text);
            if used > w {
                break;
            }
            let style = if i == choice {
                theme.selected()
            } else {
                theme.normal()
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }
}

fn row_lines(
    r: &SuggestionVm,
    w: usize,
    selected: bool,
    theme: Theme,
    lang: Lang,
) -> Vec<Line<'static>> {
    let pick = |s: Style| if selected { theme.selected() } else { s };
    let marker = if r.paired {
        lang.pick("已配对 ", "paired ")
    } else if r.dismissed {
        lang.pick("已排除 ", "dismissed ")
    } else {
        ""
    };
    let head = format!("{:>4.2} {} ", r.score, one_line(&r.code));
    let title_w = w.saturating_sub(width(&head) + width(marker));
    let mut first = vec![
        Span::styled(head, pick(theme.title())),
        Span::styled(fit(&one_line(&r.title), title_w), pick(theme.normal())),
    ];
    if r.paired || r.dismissed {
        first.push(Span::styled(marker.to_string(), pick(theme.marker())));
    }
    // In the list of new matches the second line names the record it is suggested for.
    let second = match &r.with {
        Some((_, subject)) => format!("     ⇄ {}", one_line(subject)),
        None => format!("     {}", one_line(&r.org)),
    };
    vec![
        Line::from(first),
        Line::from(Span::styled(fit(&second, w), pick(theme.muted()))),
        Line::from(Span::styled(reasons_line(r, lang, w), pick(theme.muted()))),
    ]
}

/// The reasons (then the warnings) on one line of at most `w` columns. When the reasons do
/// not fit, term lists are shortened (to three, two, then one term and "…") only as far as it
/// takes to show the first two reasons whole, each with its share (or as many as the
/// shortest lists allow); what still does not fit is cut.
fn reasons_line(r: &SuggestionVm, lang: Lang, w: usize) -> String {
    let worded = |keep: Option<usize>, warnings: bool| -> Vec<String> {
        let short = SuggestionVm {
            reasons: r.reasons.iter().map(|why| shortened(why, keep)).collect(),
            warnings: if warnings {
                r.warnings.clone()
            } else {
                Vec::new()
            },
            ..r.clone()
        };
        short.worded(lang).iter().map(|s| one_line(s)).collect()
    };
    // How many reasons fit whole after the indent, " · " between them.
    let whole = |keep: Option<usize>| {
        let mut used = INDENT.len();
        worded(keep, false)
            .iter()
            .enumerate()
            .take_while(|(i, part)| {
                used += width(part) + if *i == 0 { 0 } else { 3 };
                used <= w
            })
            .count()
    };
    let most = whole(Some(1)).min(2);
    let keep = [None, Some(3), Some(2)]
        .into_iter()
        .find(|&keep| whole(keep) >= most)
        .unwrap_or(Some(1));
    fit(&format!("{INDENT}{}", worded(keep, true).join(" · ")), w)
}

/// Where the org and reasons lines start, under the title.
const INDENT: &str = "     ";

/// `why` with its terms cut to the first `keep` (the last one marked "…"); other reasons as
/// they are.
fn shortened(why: &Why, keep: Option<usize>) -> Why {
    let cut = |terms: &[String]| match keep {
        Some(k) if terms.len() > k => {
            let mut kept = terms[..k].to_vec();
            if let Some(last) = kept.last_mut() {
                last.push('…');
            }
            kept
        }
        _ => terms.to_vec(),
    };
    let reason = match &why.reason {
        Reason::SharedTerms(t) => Reason::SharedTerms(cut(t)),
        Reason::RelatedTerms(t) => Reason::RelatedTerms(cut(t)),
        other => other.clone(),
    };
    Why {
        reason,
        share: why.share,
    }
}
