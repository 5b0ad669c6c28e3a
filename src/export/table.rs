//! A generic table (Chinese header for CSV/XLSX, English key for JSON) and its three
//! writers. Every text cell written to CSV or XLSX is neutralised against formula injection;
//! JSON is data for programs and is written as is.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};

use crate::domain::Money;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// An amount: a number in 万元 in every format.
    Money(Money),
    Bool(bool),
    Empty,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }
    pub fn money(v: Option<Money>) -> Cell {
        v.map_or(Cell::Empty, Cell::Money)
    }

    /// The value as plain text for a terminal (callers sanitise it).
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Money(v) => v.to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// The text written into CSV/XLSX: neutralised text, numbers without a needless ".0",
    /// yes/no as 是/否 (which import reads back).
    fn sheet_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => neutralise(s),
            Cell::Money(v) => Cow::Owned(v.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "是" } else { "否" }),
            Cell::Empty => Cow::Borrowed(""),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Text(s) => Value::String(s.clone()),
            Cell::Money(v) => serde_json::to_value(v).unwrap_or(Value::Null),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Empty => Value::Null,
        }
    }
}

/// A column: its header in sheets and its key in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Col {
    pub zh: String,
    pub en: String,
}

impl Col {
    pub fn new(zh: &str, en: &str) -> Col {
        Col {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// Rows under columns.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub cols: Vec<Col>,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell a spreadsheet would run as a formula (= + - @) or that starts with tab/CR gets a
/// leading `'`, so opening the export never executes anything.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Writes CSV; `bom` adds a UTF-8 BOM so Excel reads Chinese text right (for files).
pub fn write_csv(sheet: &Sheet, out: impl Write, bom: bool) -> anyhow::Result<()> {
    let mut out = out;
    if bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(sheet.cols.iter().map(|c| neutralise(&c.zh).into_owned()))?;
    for row in &sheet.rows {
        w.write_record(
            row.iter()
                .map(Cell::sheet_text)
                .collect::<Vec<_>>()
                .iter()
                .map(|c| c.as_bytes()),
        )?;
    }
    w.flush()?;
    Ok(())
}

/// The sheet as a JSON array of objects keyed by the English keys (empty cells are null).
pub fn to_json(sheet: &Sheet) -> Value {
    Value::Array(
        sheet
            .rows
            .iter()
            .map(|row| {
                let mut obj = Map::new();
                for (col, cell) in sheet.cols.iter().zip(row) {
                    obj.insert(col.en.clone(), cell.json());
                }
                Value::Object(obj)
            })
            .collect(),
    )
}

/// Writes an XLSX workbook with one sheet named `name`, headers in bold, the header row frozen.
pub fn write_xlsx(sheet: &Sheet, name: &str, path: &Path) -> anyhow::Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    for (c, col) in sheet.cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, neutralise(&col.zh), &bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Money(v) => {
                    ws.write_number(r, c, v.wan_f64())?;
                }
                Cell::Empty => {}
                other => {
                    ws.write_string(r, c, other.sheet_text())?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    book.save(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_in_csv_but_not_json() {
        let sheet = Sheet {
            cols: vec![Col::new("名称", "title"), Col::new("价格", "price")],
            rows: vec![
                vec![
                    Cell::text("=HYPERLINK(\"x\")"),
                    Cell::money(Money::parse("12.5").unwrap()),
                ],
                vec![Cell::text("@SUM"), Cell::Empty],
            ],
        };
        let mut out = Vec::new();
        write_csv(&sheet, &mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "名称,价格\n\"'=HYPERLINK(\"\"x\"\")\",12.5\n'@SUM,\n");
        assert_eq!(to_json(&sheet)[0]["title"], "=HYPERLINK(\"x\")");
        assert_eq!(to_json(&sheet)[1]["price"], Value::Null);
        for s in ["+1", "-1", "\tx", "\rx"] {
            assert!(neutralise(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(neutralise("正常"), "正常");
    }
}
