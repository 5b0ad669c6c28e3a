//! One list (demands or results): code | title | org | field | region, cut by display width,
//! with the query's matched characters of the title highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Kind;
use crate::sanitize::one_line;
use crate::search::highlight;
use crate::tui::Theme;
use crate::tui::model::Model;
use crate::tui::ui::fit::{clip, fit_spans, split_widths, width};

/// Relative widths of title, org, field and region.
const WEIGHTS: [usize; 4] = [9, 5, 3, 3];

pub fn kind_label(kind: Kind, lang: crate::tui::Lang) -> &'static str {
    match kind {
        Kind::Demand => lang.pick("需求", "Demands"),
        Kind::Achievement => lang.pick("成果", "Results"),
    }
}

/// Column widths for an inner width: code first, then the weighted columns, 1-space gaps.
fn columns(inner: usize, code_width: usize) -> (usize, Vec<usize>) {
    let code = code_width.min(inner);
    let rest = inner.saturating_sub(code + WEIGHTS.len());
    (code, split_widths(rest, &WEIGHTS))
}

pub fn render(frame: &mut Frame, area: Rect, m: &Model, kind: Kind, theme: &Theme) {
    let list = m.list(kind);
    let focused = m.focus == kind;
    let lang = m.lang;
    let total = list.records.len();
    let mut title = vec![Span::styled(
        format!(" {} {} ", kind_label(kind, lang), list.count_label()),
        theme.title(),
    )];
    if m.searching(kind) {
        title.push(Span::styled(
            lang.pick("搜索中… ", "searching… "),
            theme.muted(),
        ));
    } else if !list.loaded {
        let pct = list.records.len() * 100 / list.total.max(1);
        title.push(Span::styled(
            format!("{} {pct}% ", lang.pick("加载中", "loading")),
            theme.muted(),
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }

    let code_width = list
        .shown
        .iter()
        .skip(list.offset)
        .take(usize::from(inner.height))
        .filter_map(|id| list.records.get(id))
        .map(|r| width(&r.code().to_string()))
        .max()
        .unwrap_or(0)
        .max(width(lang.pick("编号", "code")));
    let (code_w, widths) = columns(usize::from(inner.width), code_width);
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    let header = [
        lang.pick("名称", "title"),
        match kind {
            Kind::Demand => lang.pick("企业", "enterprise"),
            Kind::Achievement => lang.pick("单位", "holder"),
        },
        lang.pick("领域", "field"),
        lang.pick("地区", "region"),
    ];
    let mut head = clip(lang.pick("编号", "code"), code_w);
    for (label, w) in header.iter().zip(&widths) {
        head.push(' ');
        head.push_str(&clip(label, *w));
    }
    lines.push(Line::styled(head, theme.muted()));

    let rows = usize::from(inner.height) - 1;
    if list.shown.is_empty() {
        let note = if m.searching(kind) {
            lang.pick("搜索中…", "searching…")
        } else if total == 0 {
            lang.pick(
                "（空）导入：duijie import 文件",
                "(empty) import: duijie import FILE",
            )
        } else {
            lang.pick("无匹配", "no matches")
        };
        lines.push(Line::styled(note, theme.muted()));
    }
    for (i, id) in list.shown.iter().enumerate().skip(list.offset).take(rows) {
        let Some(rec) = list.records.get(id) else {
            continue;
        };
        let row_style = if i == list.selected {
            if focused {
                theme.selected()
            } else {
                theme.selected_unfocused()
            }
        } else {
            theme.normal()
        };
        let title = one_line(rec.title());
        let matched = highlight(&title, &m.query);
        // Codes are secondary: muted, except on the selected row where they must stay legible.
        let code_style = if i == list.selected {
            theme.normal()
        } else {
            theme.muted()
        };
        let mut spans = vec![Span::styled(
            clip(&rec.code().to_string(), code_w),
            code_style,
        )];
        // Records with pairs carry a narrow marker in the gap after the code.
        if m.pipe.is_paired(rec.id) {
            spans.push(Span::styled("●", theme.marker()));
        } else {
            spans.push(Span::raw(" "));
        }
        spans.extend(fit_spans(
            &title,
            widths[0],
            &matched,
            theme.normal(),
            theme.matched(),
        ));
        for (text, w) in [&rec.org(), &rec.field(), &rec.region()]
            .into_iter()
            .zip(&widths[1..])
        {
            spans.push(Span::raw(" "));
            spans.push(Span::raw(clip(&one_line(text), *w)));
        }
        lines.push(Line::from(spans).style(row_style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_inner_width_exactly() {
        for inner in [20, 37, 38, 57, 58, 59] {
            let (code, w) = columns(inner, 3);
            assert_eq!(
                code + w.iter().sum::<usize>() + w.len(),
                inner,
                "inner {inner}"
            );
        }
    }
}
