//! `duijie find QUERY…`: the best matches across demands and results, by the desk's rules,
//! as a table (code, kind, title, org, contact, phone) or `--json`. Exit 0 with hits, 1 with
//! none. The indexes come from the search cache when it is current ([`crate::db::index_cache`]),
//! so a lookup from the shell reads the keys of no record.

use std::io::IsTerminal;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::Ctx;
use super::list::fit;
use crate::db::records;
use crate::domain::Kind;
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::i18n::find::FindMsg;
use crate::sanitize::one_line;
use crate::search::Hit;

/// Which lists `find` looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FindKind {
    Demand,
    Result,
    All,
    /// Only the people a query names (a phone number, an email, a name, C3).
    Contact,
}

/// Find demands and results by any words, a code, a name or a phone number.
#[derive(Debug, clap::Args)]
pub struct FindArgs {
    /// The query: words (all must match), 'exact, ^prefix, !not, a phone number.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
    /// Look in demands, results, both (with the people the query names) or people only.
    #[arg(long, value_enum, default_value = "all")]
    pub kind: FindKind,
    /// Print at most N matches.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Print a JSON array (code, kind, title, org, contact, phone, email, score, via).
    #[arg(long)]
    pub json: bool,
}

pub use super::find_row::{Found, RowKind};

pub fn run(args: &FindArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let query = args.query.join(" ");
    let kinds: &[Kind] = match args.kind {
        FindKind::Demand => &[Kind::Demand],
        FindKind::Result => &[Kind::Achievement],
        FindKind::All => &[Kind::Demand, Kind::Achievement],
        FindKind::Contact => &[],
    };
    let mut hits: Vec<(Hit, usize)> = Vec::new();
    let (mut total, mut counted) = (0, true);
    for (order, &kind) in kinds.iter().enumerate() {
        let index = crate::db::index_cache::load(&db, kind)?;
        let (h, n, all) = index.search_best(&query, args.limit);
        total += n;
        counted &= all;
        hits.extend(h.into_iter().map(|h| (h, order)));
    }
    // Best first across both lists; each list keeps its own order among equal scores.
    hits.sort_by_key(|(h, _)| std::cmp::Reverse(h.score));
    hits.truncate(args.limit);
    let mut found = Vec::with_capacity(hits.len());
    for (h, _) in &hits {
        if let Some(rec) = records::get(db.conn(), h.id)? {
            found.push(Found::of(&rec, h.score));
        }
    }
    let people = matches!(args.kind, FindKind::All | FindKind::Contact);
    super::find_lookup::add(db.conn(), &query, (people, kinds), args.limit, &mut found)?;
    if args.json {
        super::print_json(&found)?;
    } else if !found.is_empty() {
        let width = std::io::stdout()
            .is_terminal()
            .then(|| {
                crossterm::terminal::size()
                    .ok()
                    .map(|(w, _)| usize::from(w))
            })
            .flatten();
        let mut text = String::new();
        for l in table_lines(&found, ctx.lang, width) {
            text.push_str(&l);
            text.push('\n');
        }
        out!("{text}")?;
        if total > found.len() {
            let total = format!("{total}{}", if counted { "" } else { "+" });
            eprintln!("{}", FindMsg::Shown.fill(ctx.lang, &[&total, &found.len()]));
        }
    }
    if found.is_empty() {
        if !args.json {
            eprintln!("{}", FindMsg::NoHits.fill(ctx.lang, &[&one_line(&query)]));
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Columns, in order: code, kind, title, org, contact, phone.
const COLUMNS: usize = 6;
/// The least width a cut column keeps.
const MIN_CUT: usize = 6;

/// The table, aligned by display width; with `width` (a terminal's), cut to it: the title
/// and the organisation give up room first.
pub fn table_lines(found: &[Found], lang: Lang, width: Option<usize>) -> Vec<String> {
    let kind = |k: RowKind| match k {
        RowKind::Demand => FindMsg::KindDemand.text(lang),
        RowKind::Result => FindMsg::KindResult.text(lang),
        RowKind::Contact => crate::i18n::lookup::LookupMsg::KindContact.text(lang),
    };
    let header = [
        CliMsg::ColCode.text(lang).to_string(),
        FindMsg::ColKind.text(lang).to_string(),
        CliMsg::ColTitle.text(lang).to_string(),
        CliMsg::ColOrg.text(lang).to_string(),
        FindMsg::ColContact.text(lang).to_string(),
        FindMsg::ColPhone.text(lang).to_string(),
    ];
    let mut rows = vec![header];
    rows.extend(found.iter().map(|f| {
        [
            f.code.clone(),
            kind(f.kind).to_string(),
            one_line(&f.title),
            one_line(&f.org),
            one_line(&f.contact),
            one_line(&f.phone),
        ]
    }));
    let mut w = [0usize; COLUMNS];
    for r in &rows {
        for (c, cell) in r.iter().enumerate() {
            w[c] = w[c].max(cell.width());
        }
    }
    if let Some(max) = width {
        shrink(&mut w, max);
    }
    rows.iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().zip(w).map(|(cell, cw)| fit(cell, cw)).collect();
            cells.join(" ").trim_end().to_string()
        })
        .collect()
}

/// Narrows the column widths `w` so that they and the spaces between fit `max`: the title,
/// the organisation and the contact down to [`MIN_CUT`] each, then further down to 2 (one
/// wide character), with the kind; the phone, which a call needs whole, last of all.
fn shrink(w: &mut [usize; COLUMNS], max: usize) {
    let total = |w: &[usize; COLUMNS]| w.iter().sum::<usize>() + COLUMNS - 1;
    let steps = [
        (2, MIN_CUT),
        (3, MIN_CUT),
        (4, MIN_CUT),
        (2, 2),
        (3, 2),
        (4, 2),
        (1, 2),
    ];
    for (c, least) in steps.into_iter().chain((0..COLUMNS).rev().map(|c| (c, 1))) {
        let over = total(w).saturating_sub(max);
        if over == 0 {
            return;
        }
        w[c] -= over.min(w[c].saturating_sub(least));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(code: &str, title: &str, org: &str) -> Found {
        Found {
            code: code.into(),
            kind: RowKind::Result,
            title: title.into(),
            org: org.into(),
            contact: "张三".into(),
            phone: "13800000021".into(),
            email: String::new(),
            score: 3000,
            via: None,
        }
    }

    #[test]
    fn columns_align_by_display_width_and_fit_a_narrow_terminal() {
        let f = [
            found("R1", "锂电池回收利用技术与装备", "中南大学"),
            found("R22", "Li battery", "Central South University \u{1b}[31m"),
        ];
        let lines = table_lines(&f, Lang::Zh, Some(41));
        assert!(lines.iter().all(|l| l.width() <= 41), "{lines:#?}");
        // Every row's phone column starts at the same display column.
        let at = |l: &str| l[..l.find("138").unwrap()].width();
        assert_eq!(at(&lines[1]), at(&lines[2]), "{lines:#?}");
        assert!(lines[1].contains('…'), "{lines:#?}");
        assert!(!lines.concat().contains('\u{1b}'));
        assert!(lines[0].starts_with("编号"));
        let wide = table_lines(&f, Lang::En, None);
        assert!(wide[1].contains("锂电池回收利用技术与装备"));
        assert!(wide[0].starts_with("code"));
    }
}
