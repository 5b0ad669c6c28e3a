//! `duijie push --to postgres://…` and `duijie --db postgres://… pull --to FILE`: moving a
//! broker's database into a team's shared one and back, keeping codes, history and
//! follow-ups (everything; see [`crate::db::copy`]).

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::db::copy::{self, Copied};
use crate::db::engine::is_server_url;
use crate::db::location::Location;
use crate::db::{Db, DbError};
use crate::i18n::store::StoreMsg;
use crate::sanitize::one_line;
use crate::store::pg::{self, PgConn, shown_url};

/// Copy this database (--db FILE) into an empty shared PostgreSQL database.
#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// The shared database: postgres://user@host:port/dbname (a password missing here comes
    /// from PGPASSWORD or ~/.pgpass).
    #[arg(long, value_name = "URL")]
    pub to: String,
}

/// Write a local copy of the shared database (--db postgres://…) to a new file.
#[derive(Debug, clap::Args)]
pub struct PullArgs {
    /// The new database file (must not exist yet).
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
}

/// Progress on stderr when it is a terminal: the table and its rows so far, on one line.
fn progress(lang: crate::i18n::Lang) -> impl FnMut(&str, u64) {
    let shown = std::io::stderr().is_terminal();
    move |table, rows| {
        if shown {
            eprint!("\r\x1b[K{}", StoreMsg::Copying.fill(lang, &[&table, &rows]));
        }
    }
}

fn end_progress() {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}

pub fn run_push(args: &PushArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let shown = one_line(&shown_url(&args.to));
    if !is_server_url(&args.to) {
        anyhow::bail!(StoreMsg::PushNeedsServer.fill(ctx.lang, &[&shown]));
    }
    let db = ctx.open_db()?;
    let server = PgConn::connect(&args.to).map_err(DbError::from)?;
    pg::migrate(&server).map_err(DbError::from)?;
    let mut hear = progress(ctx.lang);
    let copied = server.write(|c| copy::copy_all(db.conn(), c, &mut hear));
    end_progress();
    let copied = copied?;
    outln!(
        "{}",
        StoreMsg::Pushed.fill(
            ctx.lang,
            &[
                &shown,
                &copied.rows("record"),
                &copied.rows("pair"),
                &copied.rows("followup"),
                &copied.rows("org"),
                &copied.rows("contact"),
            ]
        )
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_pull(args: &PullArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let Location::Server(url) = &ctx.at else {
        anyhow::bail!(StoreMsg::PullNeedsServer.fill(ctx.lang, &[&one_line(&ctx.at.shown())]));
    };
    let dest = one_line(&args.to.display().to_string());
    if args.to.exists() {
        anyhow::bail!(crate::i18n::errors::ErrMsg::PathExists.fill(ctx.lang, &[&dest]));
    }
    let server = PgConn::connect(url).map_err(DbError::from)?;
    pg::migrate(&server).map_err(DbError::from)?;
    let (mut db, _) = Db::open_or_create(&args.to, 0)?;
    let mut hear = progress(ctx.lang);
    let copied: Result<Copied, DbError> = db.write(|tx| copy::copy_all(&server, tx, &mut hear));
    end_progress();
    let copied = match copied {
        Ok(c) => c,
        Err(e) => {
            // The file is new: nothing of the user's is lost by taking it away.
            drop(db);
            for suffix in ["", "-wal", "-shm"] {
                let mut p = args.to.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
            return Err(e.into());
        }
    };
    outln!(
        "{}",
        StoreMsg::Pulled.fill(
            ctx.lang,
            &[
                &dest,
                &copied.rows("record"),
                &copied.rows("pair"),
                &copied.rows("followup"),
            ]
        )
    )?;
    Ok(ExitCode::SUCCESS)
}
