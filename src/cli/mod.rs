//! The command line: one file per subcommand. `run` returns the process exit status:
//! 0 success, 1 failure (one-line cause on stderr), 2 usage error (clap), 3 partial import.
//! Every message for a person comes from the catalogue ([`crate::i18n::Msg`]) in the
//! interface language; data and `--json` output are never translated.

/// `println!` that returns the write's error instead of panicking, so a closed stdout
/// (`duijie list demands | head`) ends the command quietly: `outln!(…)?`.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `print!` that returns the write's error instead of panicking: `out!(…)?`.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod add;
mod backup;
mod completions;
mod config;
mod contact;
mod contract;
mod dismiss;
pub mod errors;
mod explain;
mod export;
pub mod find;
mod find_lookup;
mod find_row;
mod import;
mod list;
mod matches;
mod org;
mod pipeline;
mod remind;
mod report;
mod reward;
mod shared;
mod suggest;
mod team;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::db::Db;
use crate::db::location::Location;
use crate::i18n::Lang;
use crate::i18n::cli::CliMsg;
use crate::i18n::errors::ErrMsg;

/// 对接 duijie — a terminal desk for technology brokers: match enterprise demands (需求) with
/// research results (成果) and walk each pair to a signed, registered, landed contract.
#[derive(Debug, Parser)]
#[command(name = "duijie", version, about, long_about = None)]
pub struct Cli {
    /// Database file (default: the platform data dir, e.g. ~/.local/share/duijie/duijie.db).
    #[arg(long, env = "DUIJIE_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Work on a fresh temporary copy of the built-in demo data; your database is not touched.
    #[arg(long, global = true)]
    pub demo: bool,

    /// Open the desk with this search typed and its first match selected.
    #[arg(short = 'q', long = "query", value_name = "QUERY")]
    pub query: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import demands or results from CSV/TSV, XLSX or JSON.
    Import(import::ImportArgs),
    /// Export demands, results, pairs or follow-ups as CSV, JSON or XLSX.
    Export(export::ExportArgs),
    /// List demands or results.
    List(list::ListArgs),
    /// Find demands and results by any words, a code, a name or a phone number.
    Find(find::FindArgs),
    /// Show every field of a demand, result or pair (D12, R34, P3).
    Show(list::ShowArgs),
    /// Add a demand or result; prints its new code.
    Add(add::AddArgs),
    /// Change fields of a demand or result.
    Edit(add::EditArgs),
    /// Suggest partners for a demand or result, with reasons.
    Suggest(suggest::SuggestArgs),
    /// Dismiss a suggestion (not suggested again), or take the dismissal back with --undo.
    Dismiss(dismiss::DismissArgs),
    /// New matches: for each open demand and result, the suggestions that appeared since
    /// last asked (--new).
    Matches(matches::MatchesArgs),
    /// Pair a demand with a result as a candidate; prints the pair's code.
    Pair(pipeline::PairArgs),
    /// Move a pair to another stage.
    Move(pipeline::MoveArgs),
    /// Record or change the contract on a pair (from 签约 on); with no options, show it.
    Contract(contract::ContractArgs),
    /// Record a payment received on a pair's contract.
    Paid(contract::PaidArgs),
    /// Log a follow-up on a pair, or a call on a record (on each of its open pairs, else in
    /// its own log).
    Log(pipeline::LogArgs),
    /// Next actions: overdue, today, this week, and stale pairs.
    Agenda(pipeline::AgendaArgs),
    /// The figures (funnel, signed/registered/paid by field and region, follow-ups per
    /// week, days in stage, shelve reasons, top organisations) as Markdown, XLSX or JSON.
    Report(report::ReportArgs),
    /// What is overdue or due today (next actions, instalments), one line each; quiet when
    /// nothing is due. For cron or a desktop notifier.
    Remind(remind::RemindArgs),
    /// The pipeline board: per stage, count, sum of amounts and pairs.
    Board(pipeline::BoardArgs),
    /// The broker's reward for a year under the configured rule; --format xlsx writes the
    /// claim package.
    Reward(reward::RewardArgs),
    /// Undo your last change(s): steps of other brokers are left in place.
    Undo(pipeline::UndoArgs),
    /// Hand a pair over to another broker: it is theirs from then on (undo gives it back).
    Handover(team::HandoverArgs),
    /// Organisations: `org NAME|CODE` shows one; list, merge, rename, edit.
    Org(org::OrgArgs),
    /// Contacts: add, edit, show (by code, phone, email or name), list.
    Contact(contact::ContactArgs),
    /// Copy the database, online, to FILE (default: a new file in backups/ beside it).
    Backup(backup::BackupArgs),
    /// Replace the database with a backup, after backing up the current one.
    Restore(backup::RestoreArgs),
    /// Check the database file for damage; --salvage saves every readable row as JSON.
    Check(backup::CheckArgs),
    /// Copy this database into an empty shared PostgreSQL database (--to postgres://…),
    /// keeping codes, history and follow-ups.
    Push(shared::PushArgs),
    /// Write a local copy of the shared database (--db postgres://…) to a new FILE.
    Pull(shared::PullArgs),
    /// Write the built-in demo data into a new database file.
    DemoDb(DemoDbArgs),
    /// Print shell completions.
    Completions(completions::CompletionsArgs),
    /// Show the configuration; `--default` prints a commented default config.
    Config(config::ConfigArgs),
}

#[derive(Debug, clap::Args)]
pub struct DemoDbArgs {
    /// Where to write the demo database (must not exist yet).
    pub path: PathBuf,
}

/// What every subcommand gets: where the database is, the interface language and how many
/// automatic backups to keep.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Where the data is: `--db`, else `DUIJIE_DB`, else the config's `store`, else the
    /// platform data dir's file.
    pub at: Location,
    pub lang: Lang,
    pub keep_backups: usize,
    /// The broker's name, recorded with every change the command makes.
    pub user: Option<String>,
}

impl Ctx {
    /// The database file, for a command that works on a file itself (backup, restore,
    /// check, salvage); a shared database is refused with one line saying what to do.
    pub fn file(&self) -> anyhow::Result<&Path> {
        self.at.file().ok_or_else(|| {
            let shown = crate::sanitize::one_line(&self.at.shown());
            anyhow::anyhow!(
                crate::i18n::store::StoreMsg::FileOnly.fill(self.lang, &[&shown, &shown])
            )
        })
    }

    /// Opens the database for a command that reads, or changes what is there: a path with no
    /// database is an error, and nothing is created.
    pub fn open_db(&self) -> anyhow::Result<Db> {
        let (db, _) = Db::open_at(&self.at, self.keep_backups, false)?;
        db.set_actor(self.user.as_deref())?;
        Ok(db)
    }

    /// Opens the database for a command that adds data (or the desk), creating it when there
    /// is none and saying so on stderr; tells whether it was created.
    pub fn open_db_for_adding(&self) -> anyhow::Result<(Db, bool)> {
        let (db, created) = Db::open_at(&self.at, self.keep_backups, true)?;
        db.set_actor(self.user.as_deref())?;
        if created {
            eprintln!(
                "{}",
                CliMsg::CreatedDb.fill(self.lang, &[&crate::sanitize::one_line(&self.at.shown())])
            );
        }
        Ok((db, created))
    }
}

/// The interface language of the command line: the config's `lang`, else from `LANG`. A
/// config that does not load falls back to `LANG` here; the desk reports it when opened.
pub fn lang() -> Lang {
    crate::config::load(&crate::config::path()).map_or_else(|_| Lang::from_env(), |c| c.lang())
}

/// Runs a parsed command line in `lang`. `None` as the command means "open the desk".
pub fn run(cli: Cli, lang: Lang) -> anyhow::Result<ExitCode> {
    // The demo directory lives as long as this call.
    let mut _demo_dir = None;
    let loaded = crate::config::load(&crate::config::path());
    let at = if cli.demo {
        let dir = tempfile::Builder::new().prefix("duijie-demo-").tempdir()?;
        let path = dir.path().join("demo.db");
        crate::demo::build(&path)?;
        _demo_dir = Some(dir);
        Location::File(path)
    } else if let Some(db) = &cli.db {
        Location::parse(db.as_os_str())
    } else if let Some(store) = loaded.as_ref().ok().and_then(|c| c.store.as_deref()) {
        Location::parse(std::ffi::OsStr::new(store))
    } else {
        Location::File(crate::paths::default_db())
    };
    let keep_backups = loaded.as_ref().map_or(
        crate::db::backup::DEFAULT_KEEP,
        crate::config::Config::keep_backups,
    );
    // A config that does not load still leaves DUIJIE_USER and the login name.
    let user = loaded.map_or_else(|_| crate::broker::resolve(None), |c| c.user());
    let ctx = Ctx {
        at,
        lang,
        keep_backups,
        user,
    };
    // A server address is taken by `pull` only, until the commands run on the shared store.
    match cli.command {
        None => {
            let config = crate::config::load(&crate::config::path())?;
            let (db, _) = ctx.open_db_for_adding()?;
            crate::tui::app::terminal::set_mouse(config.mouse());
            // 0, or 128 + the signal that ended the desk.
            crate::tui::run(db, config.lang(), &config.keys, cli.query.as_deref())
        }
        Some(Command::Import(a)) => import::run(&a, &ctx),
        Some(Command::Export(a)) => export::run(&a, &ctx),
        Some(Command::List(a)) => list::run_list(&a, &ctx),
        Some(Command::Show(a)) => list::run_show(&a, &ctx),
        Some(Command::Find(a)) => find::run(&a, &ctx),
        Some(Command::Add(a)) => add::run_add(&a, &ctx),
        Some(Command::Edit(a)) => add::run_edit(&a, &ctx),
        Some(Command::Suggest(a)) => suggest::run(&a, &ctx),
        Some(Command::Dismiss(a)) => dismiss::run(&a, &ctx),
        Some(Command::Matches(a)) => matches::run(&a, &ctx),
        Some(Command::Pair(a)) => pipeline::run_pair(&a, &ctx),
        Some(Command::Move(a)) => pipeline::run_move(&a, &ctx),
        Some(Command::Log(a)) => pipeline::run_log(&a, &ctx),
        Some(Command::Contract(a)) => contract::run_contract(&a, &ctx),
        Some(Command::Paid(a)) => contract::run_paid(&a, &ctx),
        Some(Command::Agenda(a)) => pipeline::run_agenda(&a, &ctx),
        Some(Command::Board(a)) => pipeline::run_board(&a, &ctx),
        Some(Command::Report(a)) => report::run(&a, &ctx),
        Some(Command::Remind(a)) => remind::run(&a, &ctx),
        Some(Command::Reward(a)) => reward::run(&a, &ctx),
        Some(Command::Undo(a)) => pipeline::run_undo(&a, &ctx),
        Some(Command::Handover(a)) => team::run_handover(&a, &ctx),
        Some(Command::Org(a)) => org::run(&a, &ctx),
        Some(Command::Contact(a)) => contact::run(&a, &ctx),
        Some(Command::Backup(a)) => backup::run_backup(&a, &ctx),
        Some(Command::Restore(a)) => backup::run_restore(&a, &ctx),
        Some(Command::Check(a)) => backup::run_check(&a, &ctx),
        Some(Command::Push(a)) => shared::run_push(&a, &ctx),
        Some(Command::Pull(a)) => shared::run_pull(&a, &ctx),
        Some(Command::DemoDb(a)) => {
            if a.path.exists() {
                anyhow::bail!(ErrMsg::PathExists.fill(lang, &[&a.path.display()]));
            }
            let summary = crate::demo::build(&a.path)?;
            outln!("{summary}")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions(a)) => Ok(completions::run(&a)),
        Some(Command::Config(a)) => config::run(&a, lang),
    }
}

/// Prints a value as pretty JSON on stdout.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(value)?)?;
    Ok(())
}
