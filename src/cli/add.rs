//! `duijie add demand|result` and `duijie edit CODE`: one record from flags. Flags that belong
//! to the other kind are refused rather than silently dropped.

use std::process::ExitCode;

use anyhow::{Context, bail};

use super::Ctx;
use crate::db::records;
use crate::domain::{Code, CodeKind, Kind, Money, Record};
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::i18n::errors::ErrMsg;

/// Which list `add` writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Demand,
    Result,
}

/// Fields shared by `add` and `edit`; only the flags given are applied.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FieldFlags {
    /// Enterprise (demand) or holder institution (result).
    #[arg(long)]
    pub org: Option<String>,
    /// Industry field, e.g. 新材料.
    #[arg(long)]
    pub field: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    /// Demand description or result abstract.
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub keywords: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// open / closed (or your own word).
    #[arg(long)]
    pub status: Option<String>,
    /// Demand: budget in 万元 ("50", "50万", "1,200", "0.5亿", "300000元"); "" clears it.
    #[arg(long, value_name = "万元", allow_hyphen_values = true)]
    pub budget: Option<String>,
    /// Demand: deadline (2026-12-01, 12-01, +30d, 下周五…; 1900–2200). "" clears it.
    #[arg(long, allow_hyphen_values = true)]
    pub deadline: Option<String>,
    /// Demand: an open call (揭榜挂帅).
    #[arg(long, conflicts_with = "no_open_call")]
    pub open_call: bool,
    /// Demand: not an open call.
    #[arg(long)]
    pub no_open_call: bool,
    /// Result: team lead (负责人).
    #[arg(long)]
    pub lead: Option<String>,
    /// Result: lab / pilot / small batch / industrialised, or TRL 1–9.
    #[arg(long)]
    pub maturity: Option<String>,
    /// Result: patent numbers.
    #[arg(long)]
    pub ip: Option<String>,
    /// Result: cooperation modes (transfer, licence, equity, joint development, service).
    #[arg(long)]
    pub modes: Option<String>,
    /// Result: asking price in 万元 (as --budget).
    #[arg(long, value_name = "万元", allow_hyphen_values = true)]
    pub price: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// demand or result.
    #[arg(value_enum)]
    pub kind: KindArg,
    #[arg(long)]
    pub title: String,
    #[command(flatten)]
    pub fields: FieldFlags,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The record to change: D12 or R34.
    pub code: String,
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub fields: FieldFlags,
}

impl FieldFlags {
    /// Names of the given flags that belong to the other kind.
    fn foreign(&self, kind: Kind) -> Vec<&'static str> {
        let demand_only = [
            ("--budget", self.budget.is_some()),
            ("--deadline", self.deadline.is_some()),
            ("--open-call", self.open_call),
            ("--no-open-call", self.no_open_call),
        ];
        let result_only = [
            ("--lead", self.lead.is_some()),
            ("--maturity", self.maturity.is_some()),
            ("--ip", self.ip.is_some()),
            ("--modes", self.modes.is_some()),
            ("--price", self.price.is_some()),
        ];
        let other = if kind == Kind::Demand {
            &result_only[..]
        } else {
            &demand_only[..]
        };
        other
            .iter()
            .filter(|(_, given)| *given)
            .map(|(name, _)| *name)
            .collect()
    }

    /// Writes the given flags into `rec`, refusing flags of the other kind and bad amounts.
    pub fn apply(&self, rec: &mut Record, lang: Lang) -> anyhow::Result<()> {
        let foreign = self.foreign(rec.kind);
        if !foreign.is_empty() {
            let msg = match rec.kind {
                Kind::Demand => ErrMsg::FlagsOfResult,
                Kind::Achievement => ErrMsg::FlagsOfDemand,
            };
            bail!(msg.fill(lang, &[&foreign.join(", ")]));
        }
        let set = |slot: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                *slot = v.trim().to_string();
            }
        };
        set(&mut rec.org, &self.org);
        set(&mut rec.field, &self.field);
        set(&mut rec.region, &self.region);
        set(&mut rec.description, &self.description);
        set(&mut rec.keywords, &self.keywords);
        set(&mut rec.contact, &self.contact);
        set(&mut rec.phone, &self.phone);
        set(&mut rec.email, &self.email);
        set(&mut rec.status, &self.status);
        set(&mut rec.lead, &self.lead);
        set(&mut rec.maturity, &self.maturity);
        set(&mut rec.ip, &self.ip);
        set(&mut rec.modes, &self.modes);
        if let Some(d) = &self.deadline {
            // Refused when it is not a date: only an import keeps such text (flagged).
            rec.deadline = if d.trim().is_empty() {
                String::new()
            } else {
                crate::pipeline::parse_due(d, crate::pipeline::Clock::system().today())
                    .context("--deadline")?
                    .to_string()
            };
            rec.deadline_text.clear();
        }
        if let Some(b) = &self.budget {
            rec.budget = Money::parse(b).context("--budget")?;
        }
        if let Some(p) = &self.price {
            rec.price = Money::parse(p).context("--price")?;
        }
        if self.open_call {
            rec.open_call = true;
        }
        if self.no_open_call {
            rec.open_call = false;
        }
        Ok(())
    }
}

pub fn run_add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let kind = match args.kind {
        KindArg::Demand => Kind::Demand,
        KindArg::Result => Kind::Achievement,
    };
    if args.title.trim().is_empty() {
        bail!(ErrMsg::TitleEmpty.text(ctx.lang));
    }
    let mut rec = Record::new(kind, args.title.trim());
    rec.source = "manual".into();
    args.fields.apply(&mut rec, ctx.lang)?;
    let (mut db, _) = ctx.open_db_for_adding()?;
    db.write(|tx| -> anyhow::Result<()> {
        records::insert(tx, &mut rec)?;
        // `duijie undo` takes it back.
        crate::pipeline::journal_record_add(tx, &rec, crate::domain::undo::CLI)?;
        Ok(())
    })?;
    outln!("{}", rec.code())?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_edit(args: &EditArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let code: Code = args.code.parse()?;
    if code.kind == CodeKind::Pair {
        bail!(ErrMsg::EditPair.fill(ctx.lang, &[&code]));
    }
    if args.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        bail!(ErrMsg::TitleEmpty.text(ctx.lang));
    }
    let mut db = ctx.open_db()?;
    let changed = db.write(|tx| -> anyhow::Result<bool> {
        let before = records::get_by_code(tx, code)?;
        let mut rec = before.clone();
        if let Some(t) = &args.title {
            rec.title = t.trim().to_string();
        }
        args.fields
            .apply(&mut rec, ctx.lang)
            .with_context(|| code.to_string())?;
        if records::same_content(&before, &rec) {
            return Ok(false);
        }
        // Journalled like an edit on the desk, so `duijie undo` takes it back.
        crate::pipeline::undo::journal_record_edit_by(tx, &before, crate::domain::undo::CLI)?;
        records::update(tx, &mut rec)?;
        Ok(true)
    })?;
    let msg = if changed {
        CliMsg::Updated
    } else {
        CliMsg::Unchanged
    };
    outln!("{}", msg.fill(ctx.lang, &[&code]))?;
    Ok(ExitCode::SUCCESS)
}
