//! Workbooks (xlsx, xlsm, xls, ods) through calamine: the first sheet or a named one, every
//! cell turned into the text a user sees (whole numbers without ".0", dates as YYYY-MM-DD),
//! row numbers as the sheet shows them.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::limits;
use super::table::{SourceRow, Table};
use super::values::format_amount;

/// Reads one sheet of the workbook in `bytes`.
///
/// calamine is not proof against damaged files (fuzzing found a cell reference whose row
/// number overflows its arithmetic): a panic inside it is the file's fault, and is reported
/// as an unreadable workbook instead of taking the program down.
pub fn parse(bytes: &[u8], sheet: Option<&str>) -> anyhow::Result<Table> {
    // The default hook would print the panic over the clean error: quiet while calamine
    // reads (imports run one at a time; the desk's own hook is put back after).
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(|| read(bytes, sheet));
    std::panic::set_hook(hook);
    read.unwrap_or_else(|_| {
        Err(anyhow::anyhow!(
            "not a readable workbook: it is damaged (the workbook reader failed on it)"
        ))
    })
}

fn read(bytes: &[u8], sheet: Option<&str>) -> anyhow::Result<Table> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("not a readable workbook: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.as_str() == want)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(want.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                anyhow::anyhow!("no sheet named {want:?} (sheets: {})", names.join(", "))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("the workbook has no sheets"))?,
    };
    // An .xlsx sheet is read cell by cell, keeping only the cells it has: its grid may say
    // A1:XFD1048576 (17 billion cells) around two values, and a grid that size would be
    // allocated whole. Other workbook formats come as calamine's grid.
    if let Sheets::Xlsx(xlsx) = &mut book {
        return read_xlsx_cells(xlsx, &name);
    }
    let range = book
        .worksheet_range(&name)
        .map_err(|e| anyhow::anyhow!("sheet {name:?}: {e}"))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| SourceRow::new(first_row + i + 1, cells.iter().map(cell_text).collect()))
        .collect();
    Ok(Table::from_rows(rows))
}

/// The most cells a sheet may come to once its rows are laid out to its width (about 0.5 GB
/// of empty cells): more is refused with the size, before anything is allocated for it.
const SHEET_CELLS: usize = 20_000_000;

/// Reads sheet `name` of an .xlsx workbook one cell at a time, keeping only the cells present:
/// memory follows what the sheet holds, not the grid it declares. The table is what the
/// grid would give (rows laid out to the sheet's width, blank rows between kept blank), with
/// rows' cells past [`limits::COLUMNS`] kept together in the last one and the row rejected
/// with the reason, as for text files.
fn read_xlsx_cells<R: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<R>,
    name: &str,
) -> anyhow::Result<Table> {
    let err = |e: calamine::XlsxError| anyhow::anyhow!("sheet {name:?}: {e}");
    let mut cells = xlsx.worksheet_cells_reader(name).map_err(err)?;
    // Sheet rows, each with its (column, text) pairs in the order they came.
    let mut rows: Vec<(u32, Vec<(u32, String)>)> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(err)? {
        let (row, col) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        match rows.last_mut() {
            Some((r, held)) if *r == row => held.push((col, text)),
            _ => rows.push((row, vec![(col, text)])),
        }
    }
    // Sheets list rows in order; sort anyway (stable: a row written twice keeps its order).
    rows.sort_by_key(|(r, _)| *r);
    let width = rows
        .iter()
        .flat_map(|(_, held)| held.iter().map(|(c, _)| *c as usize + 1))
        .max()
        .unwrap_or(0)
        .min(limits::COLUMNS);
    if rows.len().saturating_mul(width) > SHEET_CELLS {
        anyhow::bail!(
            "sheet {name:?}: {} rows with values × {width} columns is more than one import reads \
             ({} million cells); keep the columns you need in a smaller sheet",
            rows.len(),
            SHEET_CELLS / 1_000_000
        );
    }
    let first = rows.first().map_or(0, |(r, _)| *r);
    let mut out = Vec::with_capacity(rows.len());
    for (row, held) in rows {
        // Blank rows between are kept (counted as skipped), without cells.
        let next = first as usize + out.len();
        for blank in next..row as usize {
            out.push(SourceRow::new(blank + 1, Vec::new()));
        }
        out.push(lay_out(row as usize + 1, held, width));
    }
    Ok(Table::from_rows(out))
}

/// One sheet row's cells at their columns, `width` wide; past [`limits::COLUMNS`], the rest
/// joined in the last cell and the row marked with the reason.
fn lay_out(line: usize, mut held: Vec<(u32, String)>, width: usize) -> SourceRow {
    held.sort_by_key(|(c, _)| *c);
    let own = held.last().map_or(0, |(c, _)| *c as usize + 1);
    let mut dense = vec![String::new(); width];
    let mut rest = Vec::new();
    for (c, text) in held {
        if own <= limits::COLUMNS || (c as usize) < limits::COLUMNS - 1 {
            dense[c as usize] = text;
        } else {
            rest.push(text);
        }
    }
    if own <= limits::COLUMNS {
        return SourceRow::new(line, dense);
    }
    dense[limits::COLUMNS - 1] = rest.join("\t");
    SourceRow {
        line,
        cells: dense,
        problem: Some(format!(
            "{own} cells; a row may have at most {} (the cells past that are kept together in \
             the last one)",
            limits::COLUMNS
        )),
    }
}

/// The text of a cell as the user reads it in the sheet.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format_amount(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => format_amount(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}
