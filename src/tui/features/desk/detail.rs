//! The detail pane: the selected record's fields, wrapped. The full-screen record overlay
//! reuses [`record_lines`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::domain::{Kind, Money, Record};
use crate::i18n::Msg;
use crate::sanitize::clean;
use crate::tui::model::Model;
use crate::tui::{Lang, Theme};

/// Label and value of every non-empty field, in reading order. Values are raw data.
pub fn record_fields(rec: &Record, lang: Lang) -> Vec<(&'static str, String)> {
    let l = |zh, en| lang.pick(zh, en);
    let money = |v: Option<Money>| v.map(|x| format!("{x} {}", l("万元", "×10k CNY")));
    let mut out: Vec<(&'static str, Option<String>)> = vec![
        (l("名称", "Title"), Some(rec.title.clone())),
        (
            match rec.kind {
                Kind::Demand => l("企业", "Enterprise"),
                Kind::Achievement => l("单位", "Holder"),
            },
            Some(rec.org.clone()),
        ),
        (l("领域", "Field"), Some(rec.field.clone())),
        (l("地区", "Region"), Some(rec.region.clone())),
        (
            l("状态", "Status"),
            // The source's own word when it has one (洽谈中), else open/closed in the language.
            Some(match rec.status_shown() {
                "open" => l("开放", "open").to_string(),
                "closed" => l("已关闭", "closed").to_string(),
                word => word.to_string(),
            }),
        ),
    ];
    match rec.kind {
        Kind::Demand => out.extend([
            (l("预算", "Budget"), money(rec.budget)),
            (
                l("截止", "Deadline"),
                deadline_flag(rec, lang).or_else(|| Some(rec.deadline.clone())),
            ),
            (
                l("揭榜挂帅", "Open call"),
                rec.open_call.then(|| l("是", "yes").to_string()),
            ),
        ]),
        Kind::Achievement => out.extend([
            (l("负责人", "Lead"), Some(rec.lead.clone())),
            (l("成熟度", "Maturity"), Some(rec.maturity.clone())),
            (l("知识产权", "IP"), Some(rec.ip.clone())),
            (l("合作方式", "Modes"), Some(rec.modes.clone())),
            (l("价格", "Price"), money(rec.price)),
        ]),
    }
    out.extend([
        (
            match rec.kind {
                Kind::Demand => l("描述", "Description"),
                Kind::Achievement => l("简介", "Abstract"),
            },
            Some(rec.description.clone()),
        ),
        (l("关键词", "Keywords"), Some(rec.keywords.clone())),
        (l("来源", "Source"), Some(rec.source.clone())),
        (l("编号", "Ext. id"), Some(rec.ext_id.clone())),
    ]);
    for (k, v) in &rec.extra {
        let v = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        // Extra column names are data too; they are sanitised with the value below.
        out.push(("", Some(format!("{k}: {v}"))));
    }
    out.push((l("更新", "Updated"), Some(rec.updated_at.clone())));
    out.into_iter()
        .filter_map(|(k, v)| v.filter(|s| !s.trim().is_empty()).map(|v| (k, v)))
        .collect()
}

/// Who to call: contact, phone and email, the empty ones left out (values are raw data).
pub fn contact_fields(rec: &Record, lang: Lang) -> Vec<(&'static str, String)> {
    let l = |zh, en| lang.pick(zh, en);
    [
        (l("联系人", "Contact"), &rec.contact),
        (l("电话", "Phone"), &rec.phone),
        (l("邮箱", "Email"), &rec.email),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| (k, v.clone()))
    .collect()
}

/// How many lines [`record_lines`] begins with before the other fields: the title and who to
/// call. The detail pane puts the record's pairs and log after them.
pub const HEAD_LINES: usize = 2;

/// The warning shown for a deadline kept as text because it is not a date (an import's
/// "明年"), or `None`.
pub fn deadline_flag(rec: &Record, lang: Lang) -> Option<String> {
    (rec.deadline.is_empty() && !rec.deadline_text.is_empty())
        .then(|| Msg::WarnDeadlineNotADate.fill(lang, &[&rec.deadline_text]))
}

/// The fields as styled lines, every value through the sanitiser; a flagged deadline in the
/// warning style.
pub fn record_lines(rec: &Record, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let flag = deadline_flag(rec, lang);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", rec.code()), theme.title()),
            Span::styled(clean(&rec.title).into_owned(), theme.title()),
        ]),
        contact_spans(rec, lang, *theme),
    ];
    for (label, value) in record_fields(rec, lang).into_iter().skip(1) {
        let mut spans = Vec::with_capacity(2);
        if !label.is_empty() {
            spans.push(Span::styled(format!("{label}: "), theme.label()));
        }
        if flag.as_ref() == Some(&value) {
            spans.push(Span::styled(clean(&value).into_owned(), theme.warning()));
        } else {
            spans.push(Span::raw(clean(&value).into_owned()));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// Contact, phone and email on one line, labelled; "(no contact)" when there is none.
fn contact_spans(rec: &Record, lang: Lang, theme: Theme) -> Line<'static> {
    let fields = contact_fields(rec, lang);
    if fields.is_empty() {
        return Line::from(vec![
            Span::styled(
                format!("{}: ", lang.pick("联系人", "Contact")),
                theme.label(),
            ),
            Span::styled(lang.pick("(无)", "(none)"), theme.muted()),
        ]);
    }
    let mut spans = Vec::with_capacity(fields.len() * 2);
    for (i, (label, value)) in fields.into_iter().enumerate() {
        let gap = if i == 0 { "" } else { "  " };
        spans.push(Span::styled(format!("{gap}{label}: "), theme.label()));
        spans.push(Span::styled(
            crate::sanitize::one_line(&value),
            theme.normal(),
        ));
    }
    Line::from(spans)
}

/// A record's own log (calls noted on it), newest first, under its heading.
pub fn log_lines(
    notes: &[crate::domain::RecordNote],
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if notes.is_empty() {
        return Vec::new();
    }
    let heading = crate::i18n::phone::PhoneMsg::LogHeading.text(lang);
    let mut out = vec![Line::styled(
        format!("{heading} ({})", notes.len()),
        theme.label(),
    )];
    out.extend(
        notes
            .iter()
            .map(|n| Line::raw(crate::pipeline::render::note_line(n, lang))),
    );
    out
}

/// The record's lines with its pairs and log after the title and contact.
pub fn with_pairs_and_log(
    mut lines: Vec<Line<'static>>,
    pairs: Vec<Line<'static>>,
    log: Vec<Line<'static>>,
) -> Vec<Line<'static>> {
    let rest = lines.split_off(HEAD_LINES.min(lines.len()));
    lines.extend(pairs);
    lines.extend(log);
    lines.extend(rest);
    lines
}

/// The record's pairs, one line each: code, stage, the other side's code and title.
fn pair_lines(m: &Model, record_id: i64, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for p in m.pipe.pairs_of(record_id) {
        let (code, title) = if p.demand_id == record_id {
            (&p.result_code, &p.result_title)
        } else {
            (&p.demand_code, &p.demand_title)
        };
        out.push(Line::from(vec![
            Span::styled("● ", theme.marker()),
            Span::styled(format!("{} ", clean(&p.code)), theme.label()),
            Span::raw(format!(
                "{}/{} ⇄ {} {}",
                p.stage.zh(),
                p.stage.en(),
                crate::sanitize::one_line(code),
                crate::sanitize::one_line(title)
            )),
        ]));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, m: &Model, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            m.lang.pick(" 详情 ", " Detail "),
            theme.title(),
        ));
    let lines = match m.selected() {
        Some(row) => {
            let lines = match m.full_of(row.id) {
                Some(rec) => record_lines(rec, m.lang, theme),
                // The full record is on its way: what the row knows meanwhile.
                None => record_lines(&from_row(row), m.lang, theme),
            };
            let log = log_lines(m.log_of(row.id), m.lang, theme);
            with_pairs_and_log(lines, pair_lines(m, row.id, *theme), log)
        }
        None => vec![Line::styled(
            m.lang.pick("未选中记录", "no record selected"),
            theme.muted(),
        )],
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// A record holding what a list row knows (no description, amounts or dates), shown until the
/// full record has been fetched.
pub fn from_row(row: &crate::tui::features::desk::row::DeskRow) -> crate::domain::Record {
    let mut rec = crate::domain::Record::new(row.kind, row.title());
    rec.id = row.id;
    rec.seq = row.seq;
    rec.org = row.org().into();
    rec.field = row.field().into();
    rec.region = row.region().into();
    rec.status = row.status().into();
    rec.contact = row.contact().into();
    rec.phone = row.phone().into();
    rec.rev = row.rev;
    rec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_kept_as_text_is_shown_as_a_warning_and_money_in_wan() {
        let mut rec = Record::new(Kind::Demand, "铜箔");
        rec.deadline_text = "明年\u{1b}[2J".into();
        rec.budget = Money::parse("0.5亿").unwrap();
        let theme = Theme::new(true);
        let lines = record_lines(&rec, Lang::En, &theme);
        let flagged = lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.content.contains("is not a date"))
            .expect("the deadline is flagged");
        assert_eq!(flagged.style, theme.warning());
        assert!(flagged.content.contains("明年") && !flagged.content.contains('\u{1b}'));
        let fields = record_fields(&rec, Lang::Zh);
        assert!(
            fields.contains(&("预算", "5000 万元".to_string())),
            "{fields:?}"
        );
        // A stored date shows as it is, unflagged.
        rec.deadline = "2027-03-31".into();
        rec.deadline_text.clear();
        assert!(deadline_flag(&rec, Lang::Zh).is_none());
        assert!(record_fields(&rec, Lang::Zh).contains(&("截止", "2027-03-31".to_string())));
    }
}
