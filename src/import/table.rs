//! The shape every reader produces: a header row and data rows, each row with the line (or
//! sheet row) it came from, cells as text exactly as the file had them.

use super::{headers, limits};

/// One data row of the source, as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Physical line of the file where the row starts (header = its own line), or the sheet
    /// row number for a workbook, or the line where the object starts for JSON.
    pub line: usize,
    pub cells: Vec<String>,
    /// What the reader found wrong with the row (a quote that never closes, a line in another
    /// encoding, too many cells): the row is rejected with this reason, whatever its cells say.
    pub problem: Option<String>,
}

impl SourceRow {
    /// A row the reader found nothing wrong with.
    pub fn new(line: usize, cells: Vec<String>) -> SourceRow {
        SourceRow {
            line,
            cells,
            problem: None,
        }
    }
}

/// Why a row of the file was neither taken nor rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// No text in any cell (`,,`, a spacer row, an empty sheet row).
    Blank,
    /// Above the header row: a title such as "2026年企业技术需求汇总表".
    AboveHeader,
}

/// One row that was skipped, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub line: usize,
    pub reason: SkipReason,
}

/// A file read into rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<SourceRow>,
    /// Rows above the header that are not data (blank ones among them too).
    pub above_header: Vec<usize>,
    /// The text encoding the file was read in (none for a workbook).
    pub encoding: Option<&'static str>,
}

impl Table {
    /// Builds a table from raw rows, finding the header row: the first of the leading rows
    /// that names at least two known fields (a title row above the headers is skipped), else
    /// the first row that is not empty. Rows above the header are not data.
    pub fn from_rows(rows: Vec<SourceRow>) -> Table {
        let first_nonempty = rows.iter().position(|r| !is_blank(&r.cells));
        let Some(first) = first_nonempty else {
            return Table::default();
        };
        let header_at = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(10)
            .find(|(_, r)| headers::known_count(&r.cells) >= 2)
            .map_or(first, |(i, _)| i);
        let above_header = rows[..header_at].iter().map(|r| r.line).collect();
        let mut iter = rows.into_iter().skip(header_at);
        let header = iter.next().map(|r| r.cells).unwrap_or_default();
        Table {
            header,
            rows: iter.collect(),
            above_header,
            encoding: None,
        }
    }

    /// Every row that is neither taken nor rejected, in file order: rows above the header
    /// and blank data rows (a row with a problem is rejected, never skipped).
    pub fn skipped(&self) -> Vec<Skipped> {
        let above = self.above_header.iter().map(|&line| Skipped {
            line,
            reason: SkipReason::AboveHeader,
        });
        let blank = self
            .rows
            .iter()
            .filter(|r| r.problem.is_none() && is_blank(&r.cells))
            .map(|r| Skipped {
                line: r.line,
                reason: SkipReason::Blank,
            });
        above.chain(blank).collect()
    }
}

/// A row with no text in any cell (trailing blank lines, spacer rows).
pub fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// A row's cells from its fields, at most [`limits::COLUMNS`] of them, with the reader's
/// problem when there were more: the fields past the limit are kept, joined by `sep`, in the
/// last cell (so the rejects file still holds them), unless they are all empty.
pub fn cells_from<S: AsRef<str>>(
    fields: impl IntoIterator<Item = S>,
    sep: &str,
) -> (Vec<String>, Option<String>) {
    let mut cells = Vec::new();
    let (mut rest, mut rest_blank, mut n) = (String::new(), true, 0usize);
    for field in fields {
        let field = field.as_ref();
        n += 1;
        if n < limits::COLUMNS {
            cells.push(field.to_string());
            continue;
        }
        if n > limits::COLUMNS {
            rest.push_str(sep);
        }
        rest.push_str(field);
        rest_blank &= field.trim().is_empty();
    }
    if n == limits::COLUMNS || (n > limits::COLUMNS && !rest_blank) {
        cells.push(rest);
    }
    let problem = (n > limits::COLUMNS && !rest_blank).then(|| {
        format!(
            "{n} cells; a row may have at most {} (the cells past that are kept together in the last one)",
            limits::COLUMNS
        )
    });
    (cells, problem)
}
