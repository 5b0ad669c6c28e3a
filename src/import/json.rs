//! JSON input: an array of objects, each object one row; keys are headers (matched by the
//! same aliases), values become text. A row's line is where its object starts.

use std::collections::HashSet;

use serde_json::Value;

use super::encoding::BadLine;
use super::limits;
use super::table::{SourceRow, Table};
use super::values::format_amount;

/// Parses `text` (an array of objects) into a table.
pub fn parse(text: &str) -> anyhow::Result<Table> {
    parse_marked(text, &[], "UTF-8")
}

/// Parses `text`; an object holding one of `bad_lines` (lines the decoder read in another
/// encoding than the file's `encoding`) is rejected with the reason.
pub fn parse_marked(text: &str, bad_lines: &[BadLine], encoding: &str) -> anyhow::Result<Table> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| anyhow::anyhow!("not valid JSON: {e}"))?;
    let Value::Array(items) = value else {
        anyhow::bail!("expected a JSON array of objects");
    };
    let starts = object_lines(text);
    let mut header: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for item in &items {
        if let Value::Object(map) = item {
            for k in map.keys() {
                if seen.insert(k) {
                    header.push(k.clone());
                }
            }
        }
        if header.len() > limits::COLUMNS {
            anyhow::bail!(
                "the objects have more than {} different keys; a table may have at most that many columns",
                limits::COLUMNS
            );
        }
    }
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let line = starts.get(i).copied().unwrap_or(i + 1);
        let Value::Object(map) = item else {
            anyhow::bail!("line {line}: element {} is not an object", i + 1);
        };
        let cells = header
            .iter()
            .map(|h| map.get(h).map(value_text).unwrap_or_default())
            .collect();
        // The object runs up to the line where the next one starts (or the end).
        let last = starts
            .get(i + 1)
            .map_or(usize::MAX, |next| next.saturating_sub(1).max(line));
        let problem = bad_lines
            .iter()
            .find(|b| (line..=last).contains(&b.line))
            .map(|b| b.reason(line, encoding));
        rows.push(SourceRow {
            line,
            cells,
            problem,
        });
    }
    Ok(Table {
        header,
        rows,
        ..Table::default()
    })
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Value::Number(n) => n
            .as_i64()
            .map(|i| i.to_string())
            .or_else(|| n.as_f64().map(format_amount))
            .unwrap_or_else(|| n.to_string()),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|x| !x.is_object() && !x.is_array()) => {
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

/// The line on which each element of the top-level array starts.
fn object_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut line, mut depth) = (1usize, 0usize);
    let (mut in_str, mut escaped) = (false, false);
    let mut expecting_element = false;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if depth == 1 && expecting_element && !c.is_whitespace() && c != ']' {
            out.push(line);
            expecting_element = false;
        }
        match c {
            '"' => in_str = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    expecting_element = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expecting_element = true,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_become_rows_with_their_starting_lines() {
        let text = "[\n  {\"title\": \"铜箔\", \"phone\": 13800138000, \"price\": 12.5},\n  {\n    \"title\": \"负极\",\n    \"keywords\": [\"锂电\", \"硅碳\"]\n  }\n]";
        let t = parse(text).unwrap();
        assert_eq!(t.header.len(), 4);
        let col = |name: &str| t.header.iter().position(|h| h == name).unwrap();
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[1].line, 3);
        assert_eq!(t.rows[0].cells[col("phone")], "13800138000");
        assert_eq!(t.rows[0].cells[col("price")], "12.5");
        assert_eq!(t.rows[1].cells[col("keywords")], "锂电, 硅碳");
        assert_eq!(t.rows[1].cells[col("phone")], "");
    }

    #[test]
    fn not_an_array_of_objects_is_an_error() {
        assert!(parse("{\"a\":1}").is_err());
        assert!(parse("[1,2]").unwrap_err().to_string().contains("line 1"));
        assert!(parse("[{\"a\":").is_err());
    }
}
