//! How much one row of an imported file may hold, and what a reader takes for a runaway
//! quote. A cell over its limit rejects its row with the reason instead of reaching the
//! search keys (a 10 MB title cost 560 MB and seconds there) and, later, the desk.

use super::headers::{Column, Field};

/// A one-line field (title, organisation, phone…), in bytes of UTF-8.
pub const LINE_CELL: usize = 64 * 1024;
/// A description, or a column kept in `extra` (which may be anyone's long notes), in bytes.
pub const TEXT_CELL: usize = 1024 * 1024;
/// All cells of one row together, in bytes.
pub const ROW: usize = 4 * 1024 * 1024;
/// Cells in one row; the rest of a longer row is kept, joined, in the last cell.
pub const COLUMNS: usize = 1000;
/// A quoted field longer than this (in characters) or spanning more than
/// [`RUNAWAY_LINES`] lines is checked for rows it swallowed.
pub const RUNAWAY_CHARS: usize = 10_000;
/// See [`RUNAWAY_CHARS`].
pub const RUNAWAY_LINES: usize = 20;

/// The most a cell of `column` may hold, in bytes.
pub fn cell_limit(column: &Column) -> usize {
    match column {
        Column::Field(Field::Description) | Column::Extra(_) => TEXT_CELL,
        Column::Field(_) => LINE_CELL,
    }
}

/// Why the row with these cells is too large, if it is; `header` names the columns.
pub fn check_row(cells: &[String], header: &[String], columns: &[Column]) -> Result<(), String> {
    for (i, cell) in cells.iter().enumerate() {
        let limit = columns.get(i).map_or(TEXT_CELL, cell_limit);
        if cell.len() > limit {
            let head = header.get(i).map_or("", |h| h.trim());
            let head = if head.is_empty() {
                format!("column {}", i + 1)
            } else {
                short(head, 40)
            };
            return Err(format!(
                "{head}: the cell holds {}; this column holds at most {}",
                size(cell.len()),
                size(limit)
            ));
        }
    }
    let total: usize = cells.iter().map(String::len).sum();
    if total > ROW {
        return Err(format!(
            "the row holds {} of text; a row may hold at most {}",
            size(total),
            size(ROW)
        ));
    }
    Ok(())
}

/// A byte count as a person reads it: 64 KB, 1 MB, 10.5 MB.
pub fn size(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * KB;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{bytes} bytes")
    }
}

/// At most `max` characters of `s`, with "…" when cut (for headers and cells in messages).
pub fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn a_title_over_64_kb_is_refused_a_description_of_the_same_size_is_not() {
        let header = strings(&["名称", "描述"]);
        let columns = [
            Column::Field(Field::Title),
            Column::Field(Field::Description),
        ];
        let big = "铜".repeat(30_000); // 90,000 bytes
        let err = check_row(&[big.clone(), String::new()], &header, &columns).unwrap_err();
        assert_eq!(
            err,
            "名称: the cell holds 88 KB; this column holds at most 64 KB"
        );
        assert!(check_row(&[String::new(), big], &header, &columns).is_ok());
        let huge = "x".repeat(TEXT_CELL + 1);
        let err = check_row(&[String::new(), huge], &header, &columns).unwrap_err();
        assert!(err.starts_with("描述: the cell holds 1 MB"), "{err}");
    }

    #[test]
    fn many_large_cells_are_refused_as_a_row() {
        let cells = vec!["x".repeat(TEXT_CELL); 5];
        let columns = vec![Column::Extra("备注".into()); 5];
        let err = check_row(&cells, &[], &columns).unwrap_err();
        assert_eq!(
            err,
            "the row holds 5 MB of text; a row may hold at most 4 MB"
        );
    }

    #[test]
    fn sizes_and_cuts_read_well() {
        assert_eq!(size(900), "900 bytes");
        assert_eq!(size(64 * 1024), "64 KB");
        assert_eq!(size(10 * 1024 * 1024 + 512 * 1024), "10.5 MB");
        assert_eq!(short("需求名称很长", 4), "需求名称…");
        assert_eq!(short("名称", 4), "名称");
    }
}
