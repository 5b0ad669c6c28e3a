//! `duijie contact add|edit|show|list`: the people behind records, data sanitised; `--json`
//! for scripts.

use std::process::ExitCode;

use super::Ctx;
use super::org::{contact_line, fail};
use crate::db::{contacts, orgs, records};
use crate::domain::contact::Contact;
use crate::domain::undo::CLI;
use crate::i18n::orgs::OrgMsg;
use crate::pipeline::orgs as ops;
use crate::sanitize::one_line;

#[derive(Debug, clap::Args)]
pub struct ContactArgs {
    #[command(subcommand)]
    pub command: ContactCommand,
}

/// What `add` and `edit` set; only the flags given are applied.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ContactFlags {
    #[arg(long)]
    pub name: Option<String>,
    /// A phone number (repeat for several); on `edit` it replaces the numbers.
    #[arg(long = "phone")]
    pub phones: Vec<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// The organisation: a code (O3) or a name (made when new); "" clears it on `edit`.
    #[arg(long)]
    pub org: Option<String>,
    /// 总工, 教授, 科技处…
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum ContactCommand {
    /// Add a contact; prints its code.
    Add(ContactFlags),
    /// Change a contact (undoable).
    Edit {
        /// The contact: C3.
        code: String,
        #[command(flatten)]
        flags: ContactFlags,
        /// Add a phone number, keeping the others.
        #[arg(long)]
        add_phone: Vec<String>,
    },
    /// Show contacts by code (C3), phone number or a tail of at least 4 digits, email or name.
    Show {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// List contacts, or those of one organisation.
    List {
        /// Only this organisation's (code or name).
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// Contacts as a JSON array, each with its code.
fn print_contacts(all: &[Contact]) -> anyhow::Result<()> {
    let mut v = serde_json::to_value(all)?;
    super::org::add_contact_codes(&mut v);
    super::print_json(&v)
}

impl ContactFlags {
    fn apply(&self, c: &mut Contact) {
        let set = |slot: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                *slot = v.trim().to_string();
            }
        };
        set(&mut c.name, &self.name);
        set(&mut c.email, &self.email);
        set(&mut c.role, &self.role);
        set(&mut c.note, &self.note);
        if !self.phones.is_empty() {
            c.phones = self.phones.iter().map(|p| p.trim().to_string()).collect();
        }
    }
}

pub fn run(a: &ContactArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    match &a.command {
        ContactCommand::Add(flags) => {
            let (mut db, _) = ctx.open_db_for_adding()?;
            let mut c = Contact::default();
            flags.apply(&mut c);
            let c = ops::add_contact(&mut db, c, flags.org.as_deref(), CLI)
                .map_err(|e| fail(e, lang))?;
            outln!("{}", c.code())?;
            eprintln!("{}", OrgMsg::ContactAdded.fill(lang, &[&c.code()]));
        }
        ContactCommand::Edit {
            code,
            flags,
            add_phone,
        } => {
            let mut db = ctx.open_db()?;
            let given = flags.name.is_some()
                || !flags.phones.is_empty()
                || flags.email.is_some()
                || flags.org.is_some()
                || flags.role.is_some()
                || flags.note.is_some()
                || !add_phone.is_empty();
            if !given {
                anyhow::bail!(OrgMsg::NothingToChange.text(lang));
            }
            let c = ops::edit_contact(
                &mut db,
                code,
                flags.org.as_deref(),
                |c| {
                    flags.apply(c);
                    c.phones
                        .extend(add_phone.iter().map(|p| p.trim().to_string()));
                },
                CLI,
            )
            .map_err(|e| fail(e, lang))?;
            outln!("{}", OrgMsg::Edited.fill(lang, &[&c.code()]))?;
        }
        ContactCommand::Show { query, json } => {
            let db = ctx.open_db()?;
            let found = contacts::lookup(db.conn(), query, 50)?;
            if found.is_empty() {
                anyhow::bail!(OrgMsg::NotFound.fill(lang, &[&one_line(query)]));
            }
            if *json {
                print_contacts(&found)?;
                return Ok(ExitCode::SUCCESS);
            }
            for c in &found {
                outln!("{}", contact_line(c, lang).trim_start())?;
                if let Some(Some(org)) = c.org_id.map(|id| orgs::get(db.conn(), id)).transpose()? {
                    outln!("  {}  {}", org.code(), one_line(&org.name))?;
                }
                if !c.note.is_empty() {
                    outln!("  {}", one_line(&c.note))?;
                }
                let ids = contacts::record_ids(db.conn(), c.id)?;
                if !ids.is_empty() {
                    outln!("  {}", OrgMsg::ContactRecords.text(lang))?;
                }
                for id in ids {
                    if let Some(r) = records::get(db.conn(), id)? {
                        outln!("    {:<6} {}", r.code(), one_line(&r.title))?;
                    }
                }
            }
        }
        ContactCommand::List { org, json } => {
            let db = ctx.open_db()?;
            let all = match org {
                Some(o) => {
                    let org = ops::resolve(db.conn(), o).map_err(|e| fail(e, lang))?;
                    contacts::of_org(db.conn(), org.id)?
                }
                None => contacts::all(db.conn())?,
            };
            if *json {
                print_contacts(&all)?;
            } else if all.is_empty() {
                outln!("{}", OrgMsg::Empty.text(lang))?;
            } else {
                outln!("{}", OrgMsg::ContactHeader.text(lang))?;
                for c in &all {
                    let org = match c.org_id {
                        Some(id) => orgs::get(db.conn(), id)?
                            .map(|o| o.name)
                            .unwrap_or_default(),
                        None => String::new(),
                    };
                    outln!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        c.code(),
                        one_line(&c.name),
                        one_line(&c.phones.join(" / ")),
                        one_line(&c.email),
                        one_line(&org),
                        one_line(&c.role)
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
