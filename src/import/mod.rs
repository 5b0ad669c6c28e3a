//! Import of demands and results from real spreadsheets: CSV/TSV (UTF-8, BOM, GBK/GB18030,
//! UTF-16), XLSX and JSON, with Chinese/English header aliases and a rejects file.

use std::path::PathBuf;

use crate::db::Db;
use crate::domain::Kind;

/// How to read a file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Force an encoding by label (e.g. "gbk", "utf-8", "utf-16le").
    pub encoding: Option<String>,
    /// XLSX sheet name (default: the first).
    pub sheet: Option<String>,
    /// Report without writing.
    pub dry_run: bool,
    /// Directory for the rejects CSV (default: beside the database).
    pub rejects_dir: Option<PathBuf>,
}

/// One rejected row.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rejected {
    pub line: usize,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
    pub rejects_file: Option<String>,
}

/// Imports `bytes` (named `name`, whose extension picks the format) into `db`.
pub fn import_bytes(
    _db: &mut Db,
    _kind: Kind,
    name: &str,
    _bytes: &[u8],
    _opts: &ImportOptions,
) -> anyhow::Result<ImportReport> {
    anyhow::bail!("{name}: import is not built yet")
}
