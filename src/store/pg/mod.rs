//! [`Sql`] over a PostgreSQL server (the `postgres` crate's blocking client).
//!
//! One `PgConn` is one session. Statements are translated ([`dialect::to_postgres`]) and
//! prepared once per session. A write runs in one transaction ([`PgConn::write`]); its first
//! statement takes the revision (`UPDATE rev_counter … RETURNING`), whose row lock makes
//! writers wait for each other as SQLite's one writer does, so a version checked inside the
//! transaction is still the stored one when it commits.

mod listen;
mod migrate;
mod params;
mod password;
mod tls;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::str::FromStr;

use postgres::config::SslMode;
use postgres::{Client, Config, NoTls, Statement};

use super::{Backend, Params, Row, Sql, StoreError, StoreResult, dialect, values};

pub use listen::Listener;
pub use migrate::{MIGRATIONS, SCHEMA_VERSION, migrate};
pub use password::{find_in_pgpass, shown_url};

/// A session with the server.
pub struct PgConn {
    /// The address, password included, to reconnect with; never shown ([`shown_url`]).
    url: String,
    client: RefCell<Client>,
    prepared: RefCell<HashMap<String, Statement>>,
    in_tx: Cell<bool>,
}

impl PgConn {
    /// Connects to `url` (`postgres://user@host:port/dbname?…`). A password missing from the
    /// URL comes from `PGPASSWORD` or `~/.pgpass`, as libpq's tools take it. Nothing printed
    /// or returned carries the password. `sslmode=require` connects over TLS, verifying the
    /// server ([`tls`]); otherwise the connection is plain.
    pub fn connect(url: &str) -> StoreResult<PgConn> {
        Ok(PgConn {
            url: url.to_owned(),
            client: RefCell::new(client(url)?),
            prepared: RefCell::new(HashMap::new()),
            in_tx: Cell::new(false),
        })
    }

    /// Whether the session has ended (the server went away or the network dropped).
    pub fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    /// Opens a new session in place of a lost one, with the same address and search path;
    /// statements are prepared again as they are used. Fails while the server is still out of
    /// reach (the caller retries later).
    pub fn reconnect(&self) -> StoreResult<()> {
        let fresh = client(&self.url)?;
        *self.client.borrow_mut() = fresh;
        self.prepared.borrow_mut().clear();
        self.in_tx.set(false);
        Ok(())
    }

    /// The address without its password, for messages.
    pub fn shown(&self) -> String {
        shown_url(&self.url)
    }

    /// Begins a transaction (ended by [`PgConn::finish`]).
    pub fn begin(&self) -> StoreResult<()> {
        self.client.borrow_mut().batch_execute("BEGIN")?;
        self.in_tx.set(true);
        Ok(())
    }

    /// Commits (`commit`) or rolls back the transaction [`PgConn::begin`] began.
    pub fn finish(&self, commit: bool) -> StoreResult<()> {
        let ended =
            self.client
                .borrow_mut()
                .batch_execute(if commit { "COMMIT" } else { "ROLLBACK" });
        self.in_tx.set(false);
        Ok(ended?)
    }

    /// Runs `f` in one transaction, committed when it returns Ok and rolled back otherwise.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&PgConn) -> Result<T, E>,
    ) -> Result<T, E> {
        self.client
            .borrow_mut()
            .batch_execute("BEGIN")
            .map_err(StoreError::from)?;
        self.in_tx.set(true);
        let out = f(self);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.client.borrow_mut().batch_execute(end);
        self.in_tx.set(false);
        let out = out?;
        ended.map_err(StoreError::from)?;
        Ok(out)
    }

    fn statement(&self, sql: &str) -> StoreResult<Statement> {
        if let Some(st) = self.prepared.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self
            .client
            .borrow_mut()
            .prepare(&dialect::to_postgres(sql))?;
        self.prepared
            .borrow_mut()
            .insert(sql.to_owned(), st.clone());
        Ok(st)
    }
}

impl Sql for PgConn {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn execute(&self, sql: &str, params: Params<'_>) -> StoreResult<u64> {
        let st = self.statement(sql)?;
        let vals = values(params);
        let refs = params::refs(&vals);
        Ok(self.client.borrow_mut().execute(&st, &refs)?)
    }

    fn query(&self, sql: &str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        let st = self.statement(sql)?;
        let vals = values(params);
        let refs = params::refs(&vals);
        let rows = self.client.borrow_mut().query(&st, &refs)?;
        rows.iter().map(params::row).collect()
    }

    fn batch(&self, sql: &str) -> StoreResult<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    fn in_transaction(&self) -> bool {
        self.in_tx.get()
    }
}

/// A client session to `url`, as [`PgConn::connect`] describes.
fn client(url: &str) -> StoreResult<Client> {
    let (plain_url, root) = tls::take_root_cert(url);
    let mut config = Config::from_str(&plain_url).map_err(|e| {
        StoreError::Setup(format!("{}: not a PostgreSQL address: {e}", shown_url(url)))
    })?;
    password::complete(&mut config);
    let client = if config.get_ssl_mode() == SslMode::Require {
        config.connect(tls::connector(root)?).map_err(|e| {
            let why = describe(&e);
            if !(why.contains("TLS") || why.contains("certificate")) {
                return StoreError::Postgres(e);
            }
            StoreError::Setup(format!(
                "{}: {why} — with sslmode=require the server's certificate must be signed \
                 by a known CA: give its CA with sslrootcert=FILE, PGSSLROOTCERT or \
                 ~/.postgresql/root.crt",
                shown_url(url),
            ))
        })?
    } else {
        // Not asked for: plain, as a server that offers TLS with a private certificate
        // must not make an unverified attempt fail.
        config.ssl_mode(SslMode::Disable);
        config.connect(NoTls)?
    };
    Ok(client)
}

/// Whether the error is the session's end rather than a statement's: the server went away,
/// the network dropped, or the server ended the session (shut down, terminated).
pub fn is_lost(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    if e.is_closed() {
        return true;
    }
    if let Some(code) = e.code() {
        return [
            SqlState::ADMIN_SHUTDOWN,
            SqlState::CRASH_SHUTDOWN,
            SqlState::CANNOT_CONNECT_NOW,
            SqlState::CONNECTION_FAILURE,
            SqlState::CONNECTION_EXCEPTION,
        ]
        .contains(code);
    }
    // An I/O error under a client error: the socket broke.
    std::error::Error::source(e).is_some_and(<dyn std::error::Error>::is::<std::io::Error>)
}

/// A server error as one line: its message, and its detail when it has one.
pub fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_owned(),
        };
    }
    // The cause is in the chain (a TLS handshake's "invalid peer certificate…").
    let mut line = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        line.push_str(": ");
        line.push_str(&c.to_string());
        cause = c.source();
    }
    line
}
