//! Import of demands and results from real spreadsheets: CSV/TSV (UTF-8, BOM, GBK/GB18030,
//! UTF-16), XLSX and JSON, with Chinese/English header aliases and a rejects file.
//!
//! Reading and writing are separate steps: the whole file is read and every row turned into a
//! record or a reject first, then all records are written in one transaction, so a file that
//! fails halfway leaves the database as it was.

pub mod csv;
pub mod encoding;
mod fields;
pub mod headers;
pub mod json;
pub mod limits;
pub mod rejects;
mod row;
pub mod table;
mod undo;
pub mod values;
mod write;
pub mod xlsx;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::db::Db;
use crate::domain::Kind;
use headers::{Column, Field};
pub use table::{SkipReason, Skipped};
use table::{SourceRow, Table};

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
    /// Called as rows are written, every [`PROGRESS_EVERY`] rows: (rows done, rows in all).
    pub progress: Option<fn(usize, usize)>,
    /// Leave no undo step (the demo's own data). Otherwise the whole import is one step made
    /// by the command line: undo removes the records it added and restores those it updated.
    pub no_undo: bool,
}

/// How often `ImportOptions::progress` is called.
pub const PROGRESS_EVERY: usize = 10_000;

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
    /// Rows neither taken nor rejected: blank rows, rows above the header.
    pub skipped: Vec<Skipped>,
}

/// The format of an input, from its name, else from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV/TSV; `Some(b'\t')` when the extension says tab-separated.
    Delimited(Option<u8>),
    Workbook,
    Json,
}

impl Format {
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv" | "txt") => Format::Delimited(None),
            Some("tsv" | "tab") => Format::Delimited(Some(b'\t')),
            Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods") => Format::Workbook,
            Some("json") => Format::Json,
            _ => Format::sniff(bytes),
        }
    }

    fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Format::Workbook;
        }
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match body.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[') => Format::Json,
            _ => Format::Delimited(None),
        }
    }
}

/// Reads a file's bytes into a table (no database involved).
pub fn read_table(name: &str, bytes: &[u8], opts: &ImportOptions) -> anyhow::Result<Table> {
    match Format::detect(name, bytes) {
        Format::Workbook => xlsx::parse(bytes, opts.sheet.as_deref()),
        Format::Json => {
            let d = encoding::decode(bytes, opts.encoding.as_deref())?;
            let mut table = json::parse_marked(&d.text, &d.bad_lines, d.encoding)?;
            table.encoding = Some(d.encoding);
            Ok(table)
        }
        Format::Delimited(delim) => {
            let d = encoding::decode(bytes, opts.encoding.as_deref())?;
            let mut table = csv::parse_marked(&d.text, delim, &d.bad_lines, d.encoding)?;
            table.encoding = Some(d.encoding);
            Ok(table)
        }
    }
}

/// Imports the file at `path`; errors name the file.
pub fn import_file(
    db: &mut Db,
    kind: Kind,
    path: &Path,
    opts: &ImportOptions,
) -> anyhow::Result<ImportReport> {
    let bytes =
        std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    import_bytes(db, kind, &name, &bytes, opts)
}

/// Imports `bytes` (named `name`, whose extension picks the format) into `db`.
pub fn import_bytes(
    db: &mut Db,
    kind: Kind,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> anyhow::Result<ImportReport> {
    let table = read_table(name, bytes, opts).with_context(|| name.to_string())?;
    if table.header.is_empty() {
        anyhow::bail!("{name}: the file is empty");
    }
    let columns = headers::map_columns(&table.header, kind);
    if !columns.contains(&Column::Field(Field::Title)) {
        anyhow::bail!("{name}: {}", no_title(&table, kind, name, bytes, opts));
    }

    let (mut report, bad) = write::write_rows(db, &table, &columns, (kind, name), opts)
        .with_context(|| name.to_string())?;
    report.rejected = bad
        .iter()
        .map(|(src, reason)| Rejected {
            line: src.line,
            reason: reason.clone(),
        })
        .collect();
    report.skipped = table.skipped();
    // A dry run creates nothing: the rejected lines are in the report, but no rejects file.
    if !bad.is_empty() && !opts.dry_run {
        let dir = opts
            .rejects_dir
            .clone()
            .unwrap_or_else(|| db.location().rejects_dir());
        let stem = Path::new(name).file_stem().map_or_else(
            || "import".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let rows: Vec<(&SourceRow, &str)> = bad.iter().map(|(s, r)| (*s, r.as_str())).collect();
        let path = rejects::write(&dir, &stem, &table.header, &rows)?;
        report.rejects_file = Some(path.display().to_string());
    }
    Ok(report)
}

/// Why a table has no title column, with the header as read and, when the header names no
/// known column at all in a text file, the encoding it reads right in (or a hint to choose one).
fn no_title(table: &Table, kind: Kind, name: &str, bytes: &[u8], opts: &ImportOptions) -> String {
    let shown: Vec<String> = table
        .header
        .iter()
        .take(20)
        .map(|h| limits::short(h.trim(), 40))
        .collect();
    let more = if table.header.len() > shown.len() {
        format!(" … ({} columns)", table.header.len())
    } else {
        String::new()
    };
    let mut text = format!(
        "no title column (expected one of {}); the header row has: {}{more}",
        Field::Title.aliases().join(", "),
        shown.join(", ")
    );
    let Some(used) = table.encoding else {
        return text;
    };
    if headers::known_count(&table.header) > 0 {
        return text;
    }
    let fits = |text: &str| {
        let retry = match Format::detect(name, bytes) {
            Format::Json => json::parse(text).ok(),
            Format::Delimited(delim) => csv::parse(text, delim).ok(),
            Format::Workbook => None,
        };
        retry.is_some_and(|t| {
            headers::map_columns(&t.header, kind).contains(&Column::Field(Field::Title))
        })
    };
    let used_name = encoding::user_name(used);
    match encoding::suggest(bytes, used, fits) {
        Some(label) => {
            let _ = write!(
                text,
                "; read as {used_name}, the header names no known column, but read as \
                 {label} it does: try --encoding {label}"
            );
        }
        None if opts.encoding.is_none() => {
            let _ = write!(
                text,
                "; read as {used_name}, the header names no known column: if it looks \
                 garbled, choose the file's encoding with --encoding (gbk, utf-8, utf-16le…)"
            );
        }
        None => {}
    }
    text
}
