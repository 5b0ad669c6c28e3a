//! Delimited text (CSV, TSV) after decoding: comma or tab, sniffed from the first lines;
//! RFC 4180 quoting, never backslash escapes; rows may be ragged.

use super::encoding::BadLine;
use super::limits;
use super::table::{SourceRow, Table, cells_from};

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
    parse_marked(text, delimiter, &[], "UTF-8")
}

/// Parses `text` into a table; a row holding one of `bad_lines` (lines the decoder read in
/// another encoding than the file's `encoding`) is rejected with the reason.
///
/// A quote that opens a cell and never closes, or closes only after swallowing lines that
/// look like rows, would take them all into one cell: instead, the line where it opens is
/// rejected (its cells split as plain text) and reading goes on with the next line.
pub fn parse_marked(
    text: &str,
    delimiter: Option<u8>,
    bad_lines: &[BadLine],
    encoding: &str,
) -> anyhow::Result<Table> {
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let sep = char::from(delimiter).to_string();
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    // Where the current reader starts: the file's start, or the line after a runaway quote.
    let (mut from, mut from_line) = (0usize, 1usize);
    // The widest row so far: lines a runaway quote swallowed look like rows this wide.
    let mut width = 0usize;
    'read: loop {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .escape(None)
            .double_quote(true)
            .from_reader(&bytes[from..]);
        let mut record = ::csv::StringRecord::new();
        // The reader's own line count skips blank lines; count newlines up to each record's
        // byte offset instead, so lines match what an editor shows.
        let (mut seen_byte, mut seen_line) = (from, from_line);
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break 'read,
                Ok(true) => {
                    let start = record
                        .position()
                        .map_or(seen_byte, |p| from + p.byte() as usize);
                    let mut start = start.clamp(seen_byte, bytes.len());
                    // The offset may sit before the blank lines the reader skipped.
                    while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                        start += 1;
                    }
                    seen_line += newlines(&bytes[seen_byte..start]);
                    seen_byte = start;
                    let line = seen_line;
                    let end = (from + reader.position().byte() as usize).clamp(start, bytes.len());
                    let raw = trim_terminator(&bytes[start..end]);
                    if let Some(run) = runaway(raw, delimiter, width) {
                        let open_line = line + newlines(&raw[..run.open]);
                        let cut = memchr::memchr(b'\n', &raw[run.open..])
                            .map_or(end, |i| start + run.open + i + 1);
                        let (cells, _) = cells_from(
                            text[start..cut].trim_end_matches(['\n', '\r']).split(&sep),
                            &sep,
                        );
                        rows.push(SourceRow {
                            line,
                            cells,
                            problem: Some(run.reason(line, open_line)),
                        });
                        (from, from_line) = (cut, open_line + 1);
                        continue 'read;
                    }
                    width = width.max(record.len());
                    let (cells, mut problem) = cells_from(record.iter(), &sep);
                    if problem.is_none() && !bad_lines.is_empty() {
                        let last = line + newlines(raw);
                        problem = bad_lines
                            .iter()
                            .find(|b| (line..=last).contains(&b.line))
                            .map(|b| b.reason(line, encoding));
                    }
                    rows.push(SourceRow {
                        line,
                        cells,
                        problem,
                    });
                }
                Err(e) => {
                    let line = e.position().map_or(0, ::csv::Position::line);
                    anyhow::bail!("line {line}: {e}");
                }
            }
        }
    }
    Ok(Table::from_rows(rows))
}

/// A record's bytes without the line break that ends it.
fn trim_terminator(raw: &[u8]) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    raw.strip_suffix(b"\r").unwrap_or(raw)
}

/// A quoted cell that ran on over line breaks where it should not have.
struct Runaway {
    /// Offset of its opening quote in the record.
    open: usize,
    /// Lines it spans after the one where it opens.
    lines: usize,
    /// Of those, how many look like rows of the file; `None`: it never closes.
    rowlike: Option<usize>,
}

impl Runaway {
    fn reason(&self, row_line: usize, open_line: usize) -> String {
        let next = open_line + 1;
        let here = if open_line == row_line {
            "here".to_string()
        } else {
            format!("on line {open_line}")
        };
        match self.rowlike {
            None => format!(
                "a quote (\") opens a cell {here} and never closes, which would \
                 take the {} lines after it into this cell; they are read from line {next} as \
                 rows of their own",
                self.lines
            ),
            Some(rows) => format!(
                "a quote (\") opens a cell {here} and closes only {} lines later, \
                 taking {rows} lines that look like rows into this cell; they are read from \
                 line {next} as rows of their own",
                self.lines
            ),
        }
    }
}

/// The first quoted cell of the record in `raw` (its terminator trimmed) that spans line
/// breaks and either never closes or closes only after more than [`limits::RUNAWAY_CHARS`]
/// characters or [`limits::RUNAWAY_LINES`] lines, most of them shaped like rows of `width`
/// cells. Fields are walked as the csv crate reads them: a quote opens a quoted cell only at
/// the start of a cell, `""` inside one is a quote.
fn runaway(raw: &[u8], delimiter: u8, width: usize) -> Option<Runaway> {
    memchr::memchr2(b'\n', b'\r', raw)?;
    let mut i = 0;
    loop {
        if raw.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            let mut closed = false;
            while let Some(at) = memchr::memchr(b'"', &raw[i..]) {
                i += at + 1;
                if raw.get(i) == Some(&b'"') {
                    i += 1;
                } else {
                    closed = true;
                    break;
                }
            }
            if !closed {
                i = raw.len();
            }
            let inner = &raw[open + 1..if closed { i - 1 } else { i }];
            let lines = newlines(inner);
            if lines > 0 && !closed {
                return Some(Runaway {
                    open,
                    lines,
                    rowlike: None,
                });
            }
            let long = lines > limits::RUNAWAY_LINES
                || (lines > 0
                    && inner.len() > limits::RUNAWAY_CHARS
                    && chars(inner) > limits::RUNAWAY_CHARS);
            if long && width >= 2 {
                // The first piece is the rest of the opening line, not a swallowed one.
                let rowlike = inner
                    .split(|b| *b == b'\n')
                    .skip(1)
                    .filter(|l| memchr::memchr_iter(delimiter, l).count() + 1 >= width)
                    .count();
                if rowlike >= 2 && rowlike * 2 >= lines {
                    return Some(Runaway {
                        open,
                        lines,
                        rowlike: Some(rowlike),
                    });
                }
            }
        }
        match memchr::memchr(delimiter, &raw[i.min(raw.len())..]) {
            Some(at) => i += at + 1,
            None => return None,
        }
    }
}

/// Characters in a slice of UTF-8 (bytes that do not continue a character).
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

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

    #[test]
    fn a_quote_that_never_closes_rejects_its_line_and_the_rest_are_rows() {
        let text = "名称,单位,预算\n铜箔,江铜,50\n\"压铸件,某厂,10\n负极,郑大,20\n电池,宁德,30\n";
        let t = parse(text, None).unwrap();
        let got: Vec<(usize, &str, bool)> = t
            .rows
            .iter()
            .map(|r| (r.line, r.cells[0].as_str(), r.problem.is_some()))
            .collect();
        assert_eq!(
            got,
            [
                (2, "铜箔", false),
                (3, "\"压铸件", true),
                (4, "负极", false),
                (5, "电池", false)
            ]
        );
        let why = t.rows[1].problem.as_deref().unwrap();
        assert!(
            why.contains("never closes") && why.contains("2 lines"),
            "{why}"
        );
        assert_eq!(t.rows[1].cells, ["\"压铸件", "某厂", "10"]);
    }

    #[test]
    fn a_stray_quote_closed_by_another_far_below_gives_back_the_rows_between() {
        let mut text = String::from("名称,单位,预算\n\"坏行,甲,1\n");
        for i in 0..30 {
            let _ = writeln!(text, "行{i},单位{i},{i}");
        }
        text += "尾\"巴,乙,2\n好行,丙,3\n";
        let t = parse(&text, None).unwrap();
        assert_eq!(t.rows.len(), 33, "{:?}", t.rows.last());
        assert!(
            t.rows[0]
                .problem
                .as_deref()
                .unwrap()
                .contains("look like rows")
        );
        assert_eq!(t.rows[1].cells, ["行0", "单位0", "0"]);
        assert!(t.rows[1..].iter().all(|r| r.problem.is_none()));
        assert_eq!(t.rows[32].cells, ["好行", "丙", "3"]);
    }

    #[test]
    fn a_long_multi_line_description_in_quotes_is_one_cell() {
        let para = "这是一段很长的成果简介，没有逗号分隔的列。\n".repeat(600);
        let text = format!("名称,简介\n成果,\"{para}\"\n下一个,短\n");
        let t = parse(&text, None).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows.iter().all(|r| r.problem.is_none()));
        assert_eq!(t.rows[0].cells[1], para);
        assert_eq!(t.rows[1].line, 603);
    }

    #[test]
    fn a_row_over_the_column_limit_keeps_its_cells_and_is_a_problem() {
        let wide = vec!["x"; limits::COLUMNS + 5].join(",");
        let trailing = format!("y{}", ",".repeat(limits::COLUMNS + 5));
        let t = parse(&format!("名称,单位\n{wide}\n{trailing}\n"), None).unwrap();
        assert_eq!(t.rows[0].cells.len(), limits::COLUMNS);
        assert_eq!(t.rows[0].cells[limits::COLUMNS - 1], "x,x,x,x,x,x");
        assert!(t.rows[0].problem.as_deref().unwrap().contains("1005 cells"));
        assert!(
            t.rows[1].problem.is_none(),
            "empty cells past the limit are dropped"
        );
    }
}
