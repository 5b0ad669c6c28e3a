//! Turning a delimited file's bytes into text: a BOM decides (UTF-8, UTF-16LE/BE); UTF-16
//! without one shows as NUL bytes and text that reads well in one byte order; valid UTF-8 is
//! UTF-8, and so is a file whose lines are mostly UTF-8 (the few other lines are decoded in
//! their own guessed encoding and reported, so their rows can be rejected with a hint);
//! anything else is guessed by chardetng (GBK-family guesses are decoded as GB18030, their
//! superset). `--encoding` overrides all of it.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Lines of a UTF-8 file that were not UTF-8, in file order.
    pub bad_lines: Vec<BadLine>,
}

/// A line in another encoding than the rest of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based physical line.
    pub line: usize,
    /// The encoding the line was decoded in (its text is then right), or `None` when no
    /// guess decoded it cleanly and it was read with replacement characters.
    pub reads_as: Option<&'static str>,
}

impl BadLine {
    /// Why the row starting on `row_line` and holding this line is rejected, for a file
    /// read as `file_encoding`.
    pub fn reason(&self, row_line: usize, file_encoding: &str) -> String {
        let line = if self.line == row_line {
            "this line".to_string()
        } else {
            format!("its line {}", self.line)
        };
        match self.reads_as {
            Some(enc) => format!(
                "{line} is in {}, not {file_encoding} like the rest of the file \
                 (the rejects file holds it decoded): fix the row, or save the whole file \
                 as {file_encoding}",
                user_name(enc)
            ),
            None => format!(
                "{line} is not valid {file_encoding} like the rest of the file \
                 (unreadable bytes are shown as �): fix the row, or choose the \
                 file's encoding with --encoding"
            ),
        }
    }
}

/// The encodings worth suggesting, as `--encoding` labels, when a header names nothing.
pub const CANDIDATES: &[&str] = &["utf-8", "gbk", "utf-16le", "utf-16be", "big5"];

/// The name users know an encoding by (GB18030 is what GBK files are read as).
pub fn user_name(encoding: &str) -> &str {
    if encoding == GB18030.name() {
        "GBK"
    } else {
        encoding
    }
}

/// Decodes `bytes`, by `label` when given (an unknown label is an error).
pub fn decode(bytes: &[u8], label: Option<&str>) -> anyhow::Result<Decoded> {
    let whole = |enc: &'static Encoding, body: &[u8]| Decoded {
        text: enc.decode_without_bom_handling(body).0.into_owned(),
        encoding: enc.name(),
        bad_lines: Vec::new(),
    };
    if let Some(label) = label {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            anyhow::anyhow!("unknown encoding {label:?} (try utf-8, gbk, gb18030, utf-16le)")
        })?;
        // GBK is decoded as GB18030: same bytes for GBK text, and the 4-byte characters too.
        let enc = if enc == GBK { GB18030 } else { enc };
        let (body, _) = strip_bom(bytes, enc);
        return Ok(whole(enc, body));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(whole(enc, &bytes[bom_len..]));
    }
    // Before UTF-8: UTF-16 text that is all ASCII is valid UTF-8 too (full of NULs).
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(whole(enc, bytes));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
            bad_lines: Vec::new(),
        });
    }
    if let Some(decoded) = mostly_utf8(bytes) {
        return Ok(decoded);
    }
    Ok(whole(guess(bytes), bytes))
}

/// chardetng's guess, with a Chinese hint; GBK (and a UTF-8 guess for invalid UTF-8) read
/// as GB18030.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if enc == GBK || enc == UTF_8 {
        GB18030
    } else {
        enc
    }
}

/// UTF-8 for a file whose lines with non-ASCII text are mostly valid UTF-8 (at least half,
/// and the header among them on a tie): the other lines are decoded in the encoding guessed
/// from them alone and listed.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
    let mut good = 0usize;
    let mut bad: Vec<usize> = Vec::new();
    let mut header_valid = None;
    for (i, line) in lines.iter().enumerate() {
        let valid = std::str::from_utf8(line).is_ok();
        if header_valid.is_none() && !line.trim_ascii().is_empty() {
            header_valid = Some(valid);
        }
        if valid {
            good += usize::from(!line.is_ascii());
        } else {
            bad.push(i);
        }
    }
    if !(good > bad.len() || (good == bad.len() && header_valid == Some(true))) {
        return None;
    }
    let other: Vec<u8> = bad.iter().flat_map(|&i| lines[i].iter().copied()).collect();
    let other_enc = guess(&other);
    let mut text = String::with_capacity(bytes.len());
    let mut bad_lines = Vec::with_capacity(bad.len());
    let mut next_bad = bad.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        if next_bad.next_if(|&&b| b == i).is_none() {
            // Checked above.
            text.push_str(std::str::from_utf8(line).unwrap_or_default());
            continue;
        }
        let decoded = other_enc.decode_without_bom_handling_and_without_replacement(line);
        let reads_as = decoded.is_some().then(|| other_enc.name());
        match decoded {
            Some(decoded) => text.push_str(&decoded),
            None => text.push_str(&String::from_utf8_lossy(line)),
        }
        bad_lines.push(BadLine {
            line: i + 1,
            reads_as,
        });
    }
    Some(Decoded {
        text,
        encoding: UTF_8.name(),
        bad_lines,
    })
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> (&'a [u8], bool) {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => (&bytes[len..], true),
        _ => (bytes, false),
    }
}

/// UTF-16 written without a BOM: the sample holds NUL bytes (text in any 8-bit encoding does
/// not), and in one byte order it reads as a table would: line breaks or delimiters, and at
/// least 90% of characters that Chinese or Western tables use.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    if sample.len() < 4 || !sample.contains(&0) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|enc| {
            let (text, _) = enc.decode_without_bom_handling(sample);
            let mut chars = text.chars();
            // The cut may split a surrogate pair: the last character does not count.
            chars.next_back();
            let (total, plausible) = chars.fold((0usize, 0usize), |(t, p), c| {
                (t + 1, p + usize::from(plausible(c)))
            });
            let shaped = text.contains(['\n', ',', '\t', ';']);
            (shaped && total > 0 && plausible * 10 >= total * 9).then_some((enc, plausible))
        })
        .max_by_key(|(_, plausible)| *plausible)
        .map(|(enc, _)| enc)
}

/// A character a spreadsheet of Chinese or Western text plausibly holds.
fn plausible(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{A0}'..='\u{24F}'     // Latin-1, Latin Extended
        | '\u{2000}'..='\u{206F}'  // general punctuation
        | '\u{2100}'..='\u{27BF}'  // letterlike, arrows, maths, shapes, dingbats
        | '\u{2E80}'..='\u{9FFF}'  // CJK radicals, punctuation, kana, Ext A, unified
        | '\u{F900}'..='\u{FAFF}'  // CJK compatibility
        | '\u{FE30}'..='\u{FE4F}'  // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'  // full-width forms
        | '\u{20000}'..='\u{3134F}' // CJK Ext B–G
    )
}

/// The encoding, of [`CANDIDATES`] other than `used`, in which the first 64 KB of `bytes`
/// give a header row that `fits` (names a title column); as its `--encoding` label.
pub fn suggest(bytes: &[u8], used: &str, fits: impl Fn(&str) -> bool) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    CANDIDATES.iter().copied().find(|label| {
        let enc = Encoding::for_label(label.as_bytes()).map(|e| if e == GBK { GB18030 } else { e });
        enc.is_some_and(|e| e.name() != used)
            && decode(sample, Some(label)).is_ok_and(|d| fits(&d.text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "名称,单位\n锂电池负极𠀀材料,鄭州大學\n";

    #[test]
    fn each_encoding_decodes_to_the_same_text() {
        let utf8 = TEXT.as_bytes().to_vec();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        let gb = GB18030.encode(TEXT).0.into_owned();
        let mut le = vec![0xFF, 0xFE];
        for u in TEXT.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let mut be = vec![0xFE, 0xFF];
        for u in TEXT.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        for (name, bytes) in [
            ("utf8", &utf8),
            ("bom", &bom),
            ("gb18030", &gb),
            ("le", &le),
            ("be", &be),
        ] {
            assert_eq!(decode(bytes, None).unwrap().text, TEXT, "{name}");
        }
    }

    #[test]
    fn plain_gbk_is_detected_and_a_label_overrides() {
        let text = "需求名称,企业名称\n高精度铜箔,江西铜业股份有限公司\n";
        let gbk = GBK.encode(text).0.into_owned();
        let d = decode(&gbk, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(decode(&gbk, Some("gbk")).unwrap().text, text);
        // Forcing the wrong encoding is the user's call: it decodes, differently.
        assert_ne!(decode(&gbk, Some("latin1")).unwrap().text, text);
        assert!(decode(&gbk, Some("klingon")).is_err());
    }

    #[test]
    fn utf16_without_a_bom_is_detected_in_either_byte_order() {
        for text in [
            "需求名称,企业名称\n一种铜箔,江铜\n",
            "title,org\ncopper,x\n",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let d = decode(&le, None).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
            let d = decode(&be, None).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
        }
    }

    #[test]
    fn a_utf8_file_with_one_gbk_line_stays_utf8_and_names_the_line() {
        let mut bytes = "需求名称,企业名称\n铜箔,江铜\n".as_bytes().to_vec();
        bytes.extend_from_slice(&GBK.encode("压铸件,某厂\n").0);
        bytes.extend_from_slice("负极,郑大\n".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.text,
            "需求名称,企业名称\n铜箔,江铜\n压铸件,某厂\n负极,郑大\n"
        );
        assert_eq!(
            d.bad_lines,
            [BadLine {
                line: 3,
                reads_as: Some("gb18030")
            }]
        );
        assert!(
            d.bad_lines[0]
                .reason(3, "UTF-8")
                .starts_with("this line is in GBK")
        );
    }

    #[test]
    fn a_gbk_file_under_an_ascii_header_is_still_gbk() {
        let text = "title,org\n高精度铜箔,江西铜业\n负极材料,郑州大学\n";
        let d = decode(&GBK.encode(text).0, None).unwrap();
        assert_eq!((d.text.as_str(), d.bad_lines.len()), (text, 0));
    }
}
