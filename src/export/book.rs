//! Workbooks of several tables (the reward claim package, the report): each table a sheet
//! with Chinese headers in bold, amounts and counts as numbers, text neutralised against
//! formula injection. Written to bytes, so the caller writes the file whole.

use rust_xlsxwriter::{Format, Workbook};

use super::table::neutralise;
use crate::domain::Money;

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    /// An amount: a number in 万元.
    Money(Money),
    /// A count.
    Int(i64),
    /// A ratio or a median, shown with one decimal.
    Num(f64),
    Empty,
}

impl Val {
    pub fn text(s: &str) -> Val {
        Val::Text(s.to_string())
    }

    pub fn opt(s: Option<&str>) -> Val {
        s.map_or(Val::Empty, Val::text)
    }

    pub fn money(m: Option<Money>) -> Val {
        m.map_or(Val::Empty, Val::Money)
    }

    /// As text for Markdown and terminals (callers sanitise data).
    pub fn display(&self) -> String {
        match self {
            Val::Text(s) => s.clone(),
            Val::Money(m) => m.to_string(),
            Val::Int(n) => n.to_string(),
            Val::Num(x) => format!("{x:.1}"),
            Val::Empty => String::new(),
        }
    }

    /// As JSON: amounts and numbers as numbers.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Val::Text(s) => serde_json::Value::String(s.clone()),
            Val::Money(m) => serde_json::to_value(m).unwrap_or(serde_json::Value::Null),
            Val::Int(n) => (*n).into(),
            Val::Num(x) => serde_json::Number::from_f64((*x * 10.0).round() / 10.0)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Val::Empty => serde_json::Value::Null,
        }
    }
}

/// A table: its sheet name, headers (Chinese for sheets, English keys for JSON) and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name (Chinese).
    pub name: String,
    /// English key of the table in JSON.
    pub key: String,
    /// (Chinese header, English key).
    pub cols: Vec<(String, String)>,
    pub rows: Vec<Vec<Val>>,
}

impl Table {
    pub fn new(name: &str, key: &str, cols: &[(&str, &str)]) -> Table {
        Table {
            name: name.into(),
            key: key.into(),
            cols: cols
                .iter()
                .map(|(zh, en)| ((*zh).to_string(), (*en).to_string()))
                .collect(),
            rows: Vec::new(),
        }
    }

    /// The rows as JSON objects keyed by the English keys.
    pub fn json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.rows
                .iter()
                .map(|row| {
                    let obj: serde_json::Map<String, serde_json::Value> = self
                        .cols
                        .iter()
                        .zip(row)
                        .map(|((_, en), v)| (en.clone(), v.json()))
                        .collect();
                    serde_json::Value::Object(obj)
                })
                .collect(),
        )
    }
}

/// The tables as an XLSX workbook, one sheet each, header row frozen.
pub fn workbook(tables: &[Table]) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables {
        let ws = book.add_worksheet();
        ws.set_name(&t.name)?;
        for (c, (zh, _)) in t.cols.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, neutralise(zh), &bold)?;
            ws.set_column_width(c as u16, 14)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Val::Text(s) => {
                        ws.write_string(r, c, neutralise(s))?;
                    }
                    Val::Money(m) => {
                        ws.write_number(r, c, m.wan_f64())?;
                    }
                    Val::Int(n) => {
                        ws.write_number(r, c, *n as f64)?;
                    }
                    Val::Num(x) => {
                        ws.write_number(r, c, *x)?;
                    }
                    Val::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    Ok(book.save_to_buffer()?)
}
