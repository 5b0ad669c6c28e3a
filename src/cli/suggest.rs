//! `duijie suggest CODE [--limit N] [--json]`: the ranked partners of a demand (results) or
//! of a result (demands), each with its score and reasons — the same ranking the desk shows.

use std::process::ExitCode;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Ctx;
use crate::db::records;
use crate::domain::Record;
use crate::domain::{Code, Kind};
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::matching::{Levers, Suggestion, Warning, suggest_for};
use crate::sanitize::one_line;

#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// The demand (D12) or result (R34) to find partners for.
    pub code: String,
    /// How many suggestions to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Print a JSON array of {code, title, org, score, paired, dismissed, reasons,
    /// reason_codes, warnings, warning_codes, breakdown}.
    #[arg(long)]
    pub json: bool,
    /// Print each suggestion's score term by term: every term and signal with its points.
    #[arg(long)]
    pub explain: bool,
    /// Include dismissed suggestions, marked.
    #[arg(long)]
    pub all: bool,
}

/// One suggestion as JSON: reasons as display strings (Chinese) plus stable codes.
#[derive(Debug, Serialize)]
struct JsonSuggestion<'a> {
    code: String,
    title: &'a str,
    org: &'a str,
    score: f64,
    paired: bool,
    dismissed: bool,
    reasons: Vec<String>,
    reason_codes: Vec<&'static str>,
    warnings: Vec<String>,
    warning_codes: Vec<&'static str>,
    /// [term or signal, points] pairs, largest first; they add up to `score`.
    breakdown: Vec<(String, f64)>,
}

const TITLE_WIDTH: usize = 32;
const ORG_WIDTH: usize = 20;

pub fn run(args: &SuggestArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let code: Code = args.code.parse()?;
    let db = ctx.open_db()?;
    let conn = db.conn();
    let query = records::get_by_code(conn, code)?;
    // The persisted index (rebuilt first when records changed since it was saved).
    let index = crate::matching::persist::open(conn, &db.cache_anchor(), Levers::default())?;
    let suggestions = suggest_for(conn, &index, &query, args.limit, args.all)?;

    if args.json {
        let out: Vec<JsonSuggestion<'_>> = suggestions.iter().map(to_json).collect();
        super::print_json(&out)?;
    } else {
        let mut text = String::new();
        table(&mut text, &query, &suggestions, ctx.lang);
        if args.explain {
            super::explain::write(&mut text, &suggestions, ctx.lang);
        }
        out!("{text}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json(s: &Suggestion) -> JsonSuggestion<'_> {
    JsonSuggestion {
        code: s.code.to_string(),
        title: &s.title,
        org: &s.org,
        score: s.score,
        paired: s.paired,
        dismissed: s.dismissed,
        reasons: s.reasons.iter().map(crate::matching::Why::zh).collect(),
        reason_codes: s.reasons.iter().map(crate::matching::Why::code).collect(),
        warnings: s.warnings.iter().map(Warning::zh).collect(),
        warning_codes: s.warnings.iter().map(Warning::code).collect(),
        breakdown: s
            .breakdown
            .iter()
            .map(|p| (p.reason.zh(), (p.points * 10.0).round() / 10.0))
            .collect(),
    }
}

/// The suggestions table of `query`, headings in `lang`, into `out`.
fn table(out: &mut String, query: &Record, suggestions: &[Suggestion], lang: Lang) {
    use std::fmt::Write as _;
    let what = match query.kind {
        Kind::Demand => CliMsg::SuggestForDemand,
        Kind::Achievement => CliMsg::SuggestForResult,
    };
    let code: Code = query.code();
    let _ = writeln!(
        out,
        "{}",
        what.fill(lang, &[&code, &one_line(&query.title)])
    );
    if suggestions.is_empty() {
        let _ = writeln!(out, "{}", CliMsg::NoSuggestions.text(lang));
        return;
    }
    // Padded by display width: the Chinese headings are double-width.
    let score = CliMsg::ColScore.text(lang);
    let _ = writeln!(
        out,
        "{:>3}  {} {}{score}  {}  {}  {}",
        "#",
        pad(CliMsg::ColCode.text(lang), 6),
        " ".repeat(5usize.saturating_sub(score.width())),
        pad(CliMsg::ColTitle.text(lang), TITLE_WIDTH),
        pad(CliMsg::ColOrg.text(lang), ORG_WIDTH),
        CliMsg::ColReasons.text(lang),
    );
    for (i, s) in suggestions.iter().enumerate() {
        let mark = match (s.paired, s.dismissed) {
            (true, _) => "*",
            (false, true) => "x",
            (false, false) => "",
        };
        let mut reasons: Vec<String> = s.reasons.iter().map(|r| one_line(&r.zh())).collect();
        reasons.extend(
            s.warnings
                .iter()
                .map(|w| CliMsg::Warning.fill(lang, &[&one_line(&w.zh())])),
        );
        let _ = writeln!(
            out,
            "{:>3}  {:<6} {:>5.1}  {}  {}  {}",
            i + 1,
            format!("{}{mark}", s.code),
            s.score,
            pad(&one_line(&s.title), TITLE_WIDTH),
            pad(&one_line(&s.org), ORG_WIDTH),
            reasons.join("; ")
        );
    }
    if suggestions.iter().any(|s| s.paired) {
        let _ = writeln!(out, "{}", CliMsg::AlreadyPaired.text(lang));
    }
    if suggestions.iter().any(|s| s.dismissed && !s.paired) {
        let _ = writeln!(out, "{}", CliMsg::DismissedMark.text(lang));
    }
}

/// `s` cut to at most `width` display columns (with "…" when cut) and padded to exactly
/// `width`: a double-width character never straddles the edge.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    let mut out = String::new();
    let mut used = 0;
    if total <= width {
        out.push_str(s);
        used = total;
    } else {
        let room = width.saturating_sub(1);
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            out.push(c);
            used += w;
        }
        if width > 0 {
            out.push('…');
            used += 1;
        }
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::pad;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn pad_cuts_by_display_width_at_odd_widths() {
        assert_eq!(pad("电解铜箔", 8), "电解铜箔");
        assert_eq!(pad("电解铜箔", 7), "电解铜…");
        assert_eq!(pad("电解铜箔", 6), "电解… ");
        assert_eq!(pad("ab", 5), "ab   ");
        for w in 1..12 {
            assert_eq!(pad("鋰電池用電解銅箔 5G", w).width(), w, "{w}");
        }
    }
}
