//! `duijie matches --new [--since DATE] [--min-score S] [--json]`: for each open demand and
//! each open result, the suggestions that appeared since this was last asked (or, with
//! `--since`, from the records added or changed since that date, remembering nothing).

use std::process::ExitCode;

use serde::Serialize;

use super::Ctx;
use crate::i18n::matching::MatchMsg;
use crate::matching::new::{Group, Since, new_matches};
use crate::matching::{Levers, Why, persist};
use crate::sanitize::one_line;

#[derive(Debug, clap::Args)]
pub struct MatchesArgs {
    /// List the suggestions that appeared since last asked (and remember them as listed).
    #[arg(long)]
    pub new: bool,
    /// Instead of since last asked: from the records added or changed on or after this date
    /// (YYYY-MM-DD). Remembers nothing.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// The least score (0–100) a new match needs.
    #[arg(long, value_name = "S", default_value_t = crate::matching::new::MIN_SCORE)]
    pub min_score: f64,
    /// Print a JSON array of {code, title, matches: [{code, title, score, reasons}]}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    code: String,
    title: &'a str,
    matches: Vec<JsonPartner<'a>>,
}

#[derive(Serialize)]
struct JsonPartner<'a> {
    code: String,
    title: &'a str,
    score: f64,
    reasons: Vec<String>,
    reason_codes: Vec<&'static str>,
}

pub fn run(args: &MatchesArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if !args.new {
        anyhow::bail!(MatchMsg::NeedNew.text(ctx.lang));
    }
    let since = match &args.since {
        None => Since::LastAsked,
        Some(d) => {
            let d = d.trim();
            if crate::domain::date::iso_date(d).is_none() {
                anyhow::bail!(MatchMsg::BadSince.fill(ctx.lang, &[&one_line(d)]));
            }
            Since::Date(d.to_string())
        }
    };
    let mut db = ctx.open_db()?;
    let found = new_matches(
        &mut db,
        |db| persist::open(db.conn(), &db.cache_anchor(), Levers::default()),
        &since,
        args.min_score,
    )?;
    let groups = &found.groups;
    if args.json {
        let out: Vec<JsonGroup<'_>> = groups.iter().map(to_json).collect();
        super::print_json(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if found.first {
        out!("{}", MatchMsg::FirstListing.text(ctx.lang))?;
        return Ok(ExitCode::SUCCESS);
    }
    out!("{}", text(groups, args.min_score, ctx.lang))?;
    Ok(ExitCode::SUCCESS)
}

fn to_json(g: &Group) -> JsonGroup<'_> {
    JsonGroup {
        code: g.code.to_string(),
        title: &g.title,
        matches: g
            .partners
            .iter()
            .map(|p| JsonPartner {
                code: p.code.to_string(),
                title: &p.title,
                score: p.score,
                reasons: p.reasons.iter().map(Why::zh).collect(),
                reason_codes: p.reasons.iter().map(Why::code).collect(),
            })
            .collect(),
    }
}

fn text(groups: &[Group], min_score: f64, lang: crate::i18n::Lang) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if groups.is_empty() {
        let _ = writeln!(out, "{}", MatchMsg::NoNewMatches.text(lang));
        return out;
    }
    let mut couples = 0;
    for g in groups {
        let heading = match g.code.kind {
            crate::domain::CodeKind::Demand => {
                couples += g.partners.len();
                MatchMsg::DemandHeading
            }
            _ => MatchMsg::ResultHeading,
        };
        let title = super::suggest::pad(&one_line(&g.title), 32);
        let _ = writeln!(
            out,
            "{}",
            heading.fill(lang, &[&g.code, &title.trim_end(), &g.partners.len()])
        );
        for p in &g.partners {
            let reasons: Vec<String> = p
                .reasons
                .iter()
                .map(|r| {
                    one_line(&if lang == crate::i18n::Lang::Zh {
                        r.zh()
                    } else {
                        r.en()
                    })
                })
                .collect();
            let _ = writeln!(
                out,
                "  {:<6} {:>5.1}  {}  {}",
                p.code.to_string(),
                p.score,
                super::suggest::pad(&one_line(&p.title), 32),
                reasons.join("; ")
            );
        }
    }
    let _ = writeln!(
        out,
        "{}",
        MatchMsg::Summary.fill(lang, &[&couples, &min_score])
    );
    out
}
