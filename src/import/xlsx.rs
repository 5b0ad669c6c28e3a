//! Workbooks (xlsx, xlsm, xls, ods) through calamine: the first sheet or a named one, every
//! cell turned into the text a user sees (whole numbers without ".0", dates as YYYY-MM-DD),
//! row numbers as the sheet shows them.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

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
