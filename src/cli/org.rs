//! `duijie org NAME|CODE`, `duijie org list`, `org merge`, `org rename`, `org edit`: the
//! organisations, every data string sanitised; `--json` for scripts.

use std::process::ExitCode;

use super::Ctx;
use crate::db::orgs;
use crate::domain::org::{OrgKind, region_label, region_province};
use crate::domain::undo::CLI;
use crate::i18n::Lang;
use crate::i18n::orgs::OrgMsg;
use crate::pipeline::org_view::{self, OrgDetail};
use crate::pipeline::orgs::{self as ops, OrgEdit, OrgError};
use crate::sanitize::one_line;

/// Organisations: show one (by code or name), list them, merge, rename or edit.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct OrgArgs {
    #[command(subcommand)]
    pub command: Option<OrgCommand>,
    /// The organisation to show: a code (O3) or a name (any script, with or without 有限公司).
    pub org: Option<String>,
    /// Print it as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum OrgCommand {
    /// List organisations with their counts of demands, results, pairs and contacts.
    List {
        /// Only this kind: enterprise, university, institute, government_or_park, other.
        #[arg(long)]
        kind: Option<String>,
        /// Only this province or city (河南, 郑州, 河南省郑州市, 鄭州…).
        #[arg(long)]
        region: Option<String>,
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Merge the second organisation into the first (undoable); records keep their text.
    Merge {
        /// The organisation that stays (code or name).
        into: String,
        /// The organisation that goes into it.
        from: String,
    },
    /// Give an organisation a new name (undoable).
    Rename {
        /// The organisation (code or name).
        org: String,
        /// Its new name.
        name: String,
    },
    /// Change an organisation's kind, region or note (undoable).
    Edit {
        /// The organisation (code or name).
        org: String,
        /// enterprise, university, institute, government_or_park or other (企业, 高校…).
        #[arg(long)]
        kind: Option<String>,
        /// The region as written, e.g. 河南省郑州市.
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

/// Turns an organisation error into the command's error, worded in `lang`.
pub(super) fn fail(e: OrgError, lang: Lang) -> anyhow::Error {
    match e.text(lang) {
        Some(text) => anyhow::anyhow!(text),
        None => match e {
            OrgError::Db(d) => d.into(),
            OrgError::Pipe(p) => p.into(),
            OrgError::Sqlite(s) => s.into(),
            _ => anyhow::anyhow!("{e}"),
        },
    }
}

fn parse_kind(text: &str, lang: Lang) -> anyhow::Result<OrgKind> {
    OrgKind::parse(text).ok_or_else(|| anyhow::anyhow!(OrgMsg::BadKind.fill(lang, &[&text])))
}

pub fn run(a: &OrgArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let mut db = ctx.open_db()?;
    match &a.command {
        None => {
            let Some(which) = &a.org else {
                anyhow::bail!(OrgMsg::NoName.text(lang));
            };
            let detail = org_view::detail_of(db.conn(), which).map_err(|e| fail(e, lang))?;
            if a.json {
                let mut v = serde_json::to_value(&detail)?;
                if let Some(people) = v.get_mut("contacts") {
                    add_contact_codes(people);
                }
                super::print_json(&v)?;
            } else {
                for line in detail_lines(&detail, lang) {
                    outln!("{line}")?;
                }
            }
        }
        Some(OrgCommand::List { kind, region, json }) => {
            let kind = kind.as_deref().map(|k| parse_kind(k, lang)).transpose()?;
            let mut all = orgs::list(db.conn(), kind)?;
            if let Some(r) = region {
                all.retain(|o| in_region(&o.org.region, r));
            }
            if *json {
                super::print_json(&all)?;
            } else if all.is_empty() {
                outln!("{}", OrgMsg::Empty.text(lang))?;
            } else {
                outln!("{}", OrgMsg::ListHeader.text(lang))?;
                for o in &all {
                    outln!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        o.org.code(),
                        one_line(&o.org.name),
                        lang.pick(o.org.kind.zh(), o.org.kind.en()),
                        one_line(&region_label(&o.org.region)),
                        o.demands,
                        o.results,
                        o.pairs,
                        o.contacts
                    )?;
                }
            }
        }
        Some(OrgCommand::Merge { into, from }) => {
            let gone = ops::resolve(db.conn(), from).map_err(|e| fail(e, lang))?;
            let org = ops::merge(&mut db, into, from, CLI).map_err(|e| fail(e, lang))?;
            outln!(
                "{}",
                OrgMsg::Merged.fill(lang, &[&gone.code(), &org.code(), &one_line(&org.name)])
            )?;
        }
        Some(OrgCommand::Rename { org, name }) => {
            let org = ops::rename(&mut db, org, name, CLI).map_err(|e| fail(e, lang))?;
            outln!(
                "{}",
                OrgMsg::Renamed.fill(lang, &[&org.code(), &one_line(&org.name)])
            )?;
        }
        Some(OrgCommand::Edit {
            org,
            kind,
            region,
            note,
        }) => {
            let edit = OrgEdit {
                kind: kind.as_deref().map(|k| parse_kind(k, lang)).transpose()?,
                region: region.clone(),
                note: note.clone(),
            };
            if edit.kind.is_none() && edit.region.is_none() && edit.note.is_none() {
                anyhow::bail!(OrgMsg::NothingToChange.text(lang));
            }
            let org = ops::edit(&mut db, org, &edit, CLI).map_err(|e| fail(e, lang))?;
            outln!("{}", OrgMsg::Edited.fill(lang, &[&org.code()]))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Gives each contact object of a JSON array its code ("C3", from its `seq`).
pub(super) fn add_contact_codes(people: &mut serde_json::Value) {
    for c in people.as_array_mut().into_iter().flatten() {
        let seq = c
            .get("seq")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(0);
        if let Some(map) = c.as_object_mut() {
            map.insert("code".into(), format!("C{seq}").into());
        }
    }
}

/// Whether `region` (as written) lies in `wanted`: the same province when `wanted` names only
/// a province, else the same province and city.
fn in_region(region: &str, wanted: &str) -> bool {
    let (want, have) = (region_label(wanted), region_label(region));
    match region_province(wanted) {
        Some(p) if want == p => region_province(region) == Some(p),
        _ => !want.is_empty() && have == want,
    }
}

/// The organisation view as text lines, data sanitised.
pub fn detail_lines(d: &OrgDetail, lang: Lang) -> Vec<String> {
    let mut out = vec![format!(
        "{}  {}  [{}]  {}",
        d.code,
        one_line(&d.org.name),
        lang.pick(d.org.kind.zh(), d.org.kind.en()),
        one_line(&d.region_label)
    )];
    if !d.org.note.is_empty() {
        out.push(one_line(&d.org.note));
    }
    let none = || format!("  {}", OrgMsg::None.text(lang));
    let section = |out: &mut Vec<String>, title: String, rows: Vec<String>| {
        out.push(String::new());
        out.push(title);
        if rows.is_empty() {
            out.push(none());
        }
        out.extend(rows);
    };
    let recs = |rs: &[org_view::OrgRecord]| {
        rs.iter()
            .map(|r| format!("  {:<6} {}", r.code, one_line(&r.title)))
            .collect()
    };
    section(
        &mut out,
        OrgMsg::Demands.fill(lang, &[&d.demands.len()]),
        recs(&d.demands),
    );
    section(
        &mut out,
        OrgMsg::Results.fill(lang, &[&d.results.len()]),
        recs(&d.results),
    );
    let pairs = d
        .pairs
        .iter()
        .map(|p| {
            let amount = p.amount.map(|m| format!("{m} 万元")).unwrap_or_default();
            format!(
                "  {:<6} {}  {} × {}  {amount}",
                p.code,
                lang.pick(p.stage.zh(), p.stage.en()),
                one_line(&p.demand),
                one_line(&p.result)
            )
        })
        .collect();
    section(&mut out, OrgMsg::Pairs.fill(lang, &[&d.pairs.len()]), pairs);
    let logs = d
        .followups
        .iter()
        .map(|f| {
            let at: String = f.followup.at.chars().take(10).collect();
            let channel = &f.followup.channel;
            format!(
                "  {at}  {:<6} {}  {}",
                f.pair,
                lang.pick(channel.zh(), channel.en()),
                one_line(&f.followup.note)
            )
        })
        .collect();
    section(&mut out, OrgMsg::FollowUps.text(lang).to_string(), logs);
    let people = d.contacts.iter().map(|c| contact_line(c, lang)).collect();
    section(
        &mut out,
        OrgMsg::Contacts.fill(lang, &[&d.contacts.len()]),
        people,
    );
    out.push(String::new());
    out.push(OrgMsg::Totals.fill(
        lang,
        &[&format!("{} 万元", d.signed), &format!("{} 万元", d.landed)],
    ));
    out
}

/// One contact on one line: code, name, role, phones, email.
pub fn contact_line(c: &crate::domain::contact::Contact, _lang: Lang) -> String {
    let parts: Vec<String> = [
        c.name.as_str(),
        c.role.as_str(),
        &c.phones.join(" / "),
        &c.email,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .map(|s| one_line(s))
    .collect();
    format!("  {:<6} {}", c.code(), parts.join("  "))
}
