//! The shape every reader produces: a header row and data rows, each row with the line (or
//! sheet row) it came from, cells as text exactly as the file had them.

use super::headers;

/// One data row of the source, as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Physical line of the file where the row starts (header = its own line), or the sheet
    /// row number for a workbook, or the line where the object starts for JSON.
    pub line: usize,
    pub cells: Vec<String>,
}

/// A file read into rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<SourceRow>,
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
        let mut iter = rows.into_iter().skip(header_at);
        let header = iter.next().map(|r| r.cells).unwrap_or_default();
        Table {
            header,
            rows: iter.collect(),
        }
    }
}

/// A row with no text in any cell (trailing blank lines, spacer rows).
pub fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}
