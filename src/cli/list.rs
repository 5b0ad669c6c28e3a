//! `duijie list demands|results` and `duijie show CODE`: a width-aware table and a full
//! record view, every data string sanitised; `--json` for scripts.

use std::fmt::Write as _;
use std::process::ExitCode;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Ctx;
use crate::db::{RecordFilter, records};
use crate::domain::{Code, CodeKind, Kind, Record};
use crate::export::record_columns;
use crate::i18n::cli::CliMsg;
use crate::i18n::{Lang, Msg};
use crate::sanitize::one_line;

/// Parses "demands" / "results" (and the singular, d, r) for clap.
pub(crate) fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| format!("expected demands or results, got {s:?}"))
}

/// List demands or results: code, title, org, field, region, amount (万元).
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(value_parser = parse_kind, value_name = "demands|results")]
    pub kind: Kind,
    /// Print a JSON array of records (each with its code).
    #[arg(long)]
    pub json: bool,
}

/// Show every field of a demand or result (D12, R34).
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The code: D12, R34 (case does not matter).
    pub code: String,
    /// Print the record as JSON (with its code).
    #[arg(long)]
    pub json: bool,
}

/// A record as JSON, with its code added.
pub fn record_json(rec: &Record) -> serde_json::Value {
    let mut v = serde_json::to_value(rec).unwrap_or_default();
    if let serde_json::Value::Object(map) = &mut v {
        map.insert("code".into(), rec.code().to_string().into());
    }
    v
}

/// Cuts `s` to at most `width` display columns (ending in … when cut, never splitting a wide
/// character) and pads it to exactly `width`.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if s.width() <= width {
        out.push_str(s);
        used = s.width();
    } else if width > 0 {
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width - 1 {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Right-aligns `s` in `width` display columns.
fn right(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

/// The list table, one line per record, widths in display columns, headers in `lang`.
pub fn table_lines(recs: &[Record], lang: Lang) -> Vec<String> {
    const W: [usize; 5] = [7, 40, 26, 16, 10];
    let mut lines = vec![
        format!(
            "{} {} {} {} {} {}",
            fit(CliMsg::ColCode.text(lang), W[0]),
            fit(CliMsg::ColTitle.text(lang), W[1]),
            fit(CliMsg::ColOrg.text(lang), W[2]),
            fit(CliMsg::ColField.text(lang), W[3]),
            fit(CliMsg::ColRegion.text(lang), W[4]),
            right(CliMsg::ColAmount.text(lang), 10),
        )
        .trim_end()
        .to_string(),
    ];
    for r in recs {
        let amount = r.amount().map(|m| m.to_string()).unwrap_or_default();
        let line = format!(
            "{} {} {} {} {} {}",
            fit(&r.code().to_string(), W[0]),
            fit(&one_line(&r.title), W[1]),
            fit(&one_line(&r.org), W[2]),
            fit(&one_line(&r.field), W[3]),
            fit(&one_line(&r.region), W[4]),
            right(&amount, 10),
        );
        lines.push(line.trim_end().to_string());
    }
    lines
}

pub fn run_list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let recs = records::list(
        db.conn(),
        &RecordFilter {
            kind: Some(args.kind),
        },
    )?;
    if args.json {
        let all: Vec<_> = recs.iter().map(record_json).collect();
        super::print_json(&all)?;
        return Ok(ExitCode::SUCCESS);
    }
    if recs.is_empty() {
        let msg = if args.kind == Kind::Demand {
            CliMsg::NoDemands
        } else {
            CliMsg::NoResults
        };
        eprintln!("{}", msg.text(ctx.lang));
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for l in table_lines(&recs, ctx.lang) {
        text.push_str(&l);
        text.push('\n');
    }
    out!("{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// `label: value` lines for every field of a record, labels aligned by display width.
pub fn detail_lines(rec: &Record) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = record_columns(rec.kind)
        .iter()
        .map(|(col, get)| (format!("{} {}", col.zh, col.en), get(rec).display()))
        .collect();
    for (k, v) in &rec.extra {
        let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
        fields.push((k.clone(), v));
    }
    let by = |name: &Option<String>| crate::broker::shown(name.as_deref()).into_owned();
    fields.push((
        "创建 created".into(),
        format!("{} · {}", rec.created_at, by(&rec.created_by)),
    ));
    fields.push((
        "更新 updated".into(),
        format!("{} · {}", rec.updated_at, by(&rec.updated_by)),
    ));
    fields
}

pub fn run_show(args: &ShowArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let code: Code = args.code.parse()?;
    if code.kind == CodeKind::Pair {
        return super::pipeline::run_show_pair(code, args.json, ctx);
    }
    let db = ctx.open_db()?;
    let rec = records::get_by_code(db.conn(), code)?;
    let log = crate::pipeline::notes_of(db.conn(), rec.id)?;
    if args.json {
        let mut v = record_json(&rec);
        if let serde_json::Value::Object(map) = &mut v {
            map.insert("log".into(), serde_json::to_value(&log)?);
        }
        super::print_json(&v)?;
        return Ok(ExitCode::SUCCESS);
    }
    let fields = detail_lines(&rec);
    let width = fields
        .iter()
        .map(|(l, _)| one_line(l).width())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (label, value) in &fields {
        let label = one_line(label);
        let pad = width - label.width();
        let _ = writeln!(text, "{label}{}: {}", " ".repeat(pad), one_line(value));
    }
    if rec.deadline.is_empty() && !rec.deadline_text.is_empty() {
        let warn = Msg::WarnDeadlineNotADate.fill(ctx.lang, &[&rec.deadline_text]);
        let _ = writeln!(text, "⚠ {}", one_line(&warn));
    }
    if !log.is_empty() {
        // Labelled in both languages, as the fields above are.
        let _ = writeln!(text, "\n日志 log");
        for n in &log {
            let _ = writeln!(text, "{}", crate::pipeline::render::note_line(n, ctx.lang));
        }
    }
    out!("{text}")?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width_without_splitting_wide_chars() {
        assert_eq!(fit("锂电池负极", 5), "锂电…");
        assert_eq!(fit("锂电池负极", 6), "锂电… ");
        assert_eq!(fit("锂电池负极", 10), "锂电池负极");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("a锂b", 3), "a… ");
        for w in 0..12 {
            assert_eq!(fit("西安交通大学ABC", w).width(), w, "{w}");
        }
    }

    #[test]
    fn table_lines_are_sanitised_and_aligned() {
        let mut r = Record::new(Kind::Demand, "铜箔\u{1b}[31m红");
        r.seq = 3;
        r.org = "江西\n铜业".into();
        r.budget = crate::domain::Money::parse("50.0").unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let lines = table_lines(std::slice::from_ref(&r), lang);
            assert!(!lines[1].contains('\u{1b}'));
            assert!(lines[1].contains("江西 铜业"));
            assert!(lines[1].ends_with("50"));
            assert_eq!(lines[0].width(), lines[1].width(), "{lang:?}");
        }
        assert!(table_lines(&[], Lang::Zh)[0].starts_with("编号"));
        assert!(table_lines(&[], Lang::En)[0].starts_with("code "));
    }
}
