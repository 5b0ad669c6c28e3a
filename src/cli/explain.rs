//! `duijie suggest CODE --explain`: each suggestion's score term by term — every shared
//! term, related term and signal with the points it brought and its share — then its
//! warnings, which count for nothing.

use std::fmt::Write as _;

use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::matching::{Suggestion, reason::percent};
use crate::sanitize::one_line;

/// The breakdown of every suggestion, after the table.
pub(crate) fn write(out: &mut String, suggestions: &[Suggestion], lang: Lang) {
    for (i, s) in suggestions.iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{:>3}  {}  {}", i + 1, s.code, one_line(&s.title));
        for p in &s.breakdown {
            let label = match lang {
                Lang::Zh => p.reason.zh(),
                Lang::En => p.reason.en(),
            };
            let share = if s.score > 0.0 {
                p.points / s.score
            } else {
                0.0
            };
            let points = format!("{:>5.1}", p.points);
            let _ = writeln!(
                out,
                "     {}  ({})",
                CliMsg::ExplainPart.fill(lang, &[&points, &one_line(&label)]),
                percent(share)
            );
        }
        let total = format!("{:>5.1}", s.score);
        let _ = writeln!(out, "     {}", CliMsg::ExplainTotal.fill(lang, &[&total]));
        for w in &s.warnings {
            let text = match lang {
                Lang::Zh => w.zh(),
                Lang::En => w.en(),
            };
            let _ = writeln!(
                out,
                "     {}",
                CliMsg::Warning.fill(lang, &[&one_line(&text)])
            );
        }
    }
}
