//! Delimited text (CSV, TSV) after decoding: comma or tab, sniffed from the first lines;
//! RFC 4180 quoting, never backslash escapes; rows may be ragged.

use super::table::{SourceRow, Table};

/// Picks the delimiter: tab when the first non-empty line has more tabs than commas (and
/// semicolons), else semicolon when it has more of those, else comma.
pub fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let tabs = line.matches('\t').count();
    let commas = line.matches(',').count();
    let semis = line.matches(';').count();
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// Parses `text` into a table; `delimiter` is sniffed when `None`.
pub fn parse(text: &str, delimiter: Option<u8>) -> anyhow::Result<Table> {
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .escape(None)
        .double_quote(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    // The reader's own line count skips blank lines; count newlines up to each record's
    // byte offset instead, so lines match what an editor shows.
    let bytes = text.as_bytes();
    let (mut seen_byte, mut seen_line) = (0usize, 1usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(seen_byte, |p| p.byte() as usize);
                let mut start = start.clamp(seen_byte, bytes.len());
                // The offset may sit before the blank lines the reader skipped.
                while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                    start += 1;
                }
                seen_line += newlines(&bytes[seen_byte..start]);
                seen_byte = start;
                let line = seen_line;
                rows.push(SourceRow {
                    line,
                    cells: record.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, ::csv::Position::line);
                anyhow::bail!("line {line}: {e}");
            }
        }
    }
    Ok(Table::from_rows(rows))
}

#[allow(
    clippy::naive_bytecount,
    reason = "runs once per record over a few bytes; not worth a dependency"
)]
fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_physical_and_quoted_newlines_count() {
        let text = "名称,单位\n\"多行\n标题\",甲\n乙行,乙\n\n丙,丙\n";
        let t = parse(text, None).unwrap();
        assert_eq!(t.header, ["名称", "单位"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(t.rows[0].cells[0], "多行\n标题");
    }

    #[test]
    fn tabs_are_sniffed_and_backslashes_are_data() {
        let t = parse("名称\t单位\n路径C:\\\"x\"\t乙\n", None).unwrap();
        assert_eq!(t.header, ["名称", "单位"]);
        assert_eq!(t.rows[0].cells[0], "路径C:\\\"x\"");
    }

    #[test]
    fn a_title_row_above_the_headers_is_skipped() {
        let t = parse(
            "2026年企业技术需求汇总表,,\n需求名称,企业名称,预算\n铜箔,某厂,50\n",
            None,
        )
        .unwrap();
        assert_eq!(t.header, ["需求名称", "企业名称", "预算"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 3);
    }
}
