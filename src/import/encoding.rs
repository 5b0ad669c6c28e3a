//! Turning a delimited file's bytes into text: a BOM decides (UTF-8, UTF-16LE/BE); otherwise
//! valid UTF-8 is UTF-8, and anything else is guessed by chardetng (GBK-family guesses are
//! decoded as GB18030, their superset). `--encoding` overrides all of it.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`, by `label` when given (an unknown label is an error).
pub fn decode(bytes: &[u8], label: Option<&str>) -> anyhow::Result<Decoded> {
    if let Some(label) = label {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            anyhow::anyhow!("unknown encoding {label:?} (try utf-8, gbk, gb18030, utf-16le)")
        })?;
        // GBK is decoded as GB18030: same bytes for GBK text, and the 4-byte characters too.
        let enc = if enc == GBK { GB18030 } else { enc };
        let (body, _) = strip_bom(bytes, enc);
        return Ok(Decoded {
            text: enc.decode_without_bom_handling(body).0.into_owned(),
            encoding: enc.name(),
        });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(Decoded {
            text: enc
                .decode_without_bom_handling(&bytes[bom_len..])
                .0
                .into_owned(),
            encoding: enc.name(),
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
        });
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(Decoded {
            text: enc.decode_without_bom_handling(bytes).0.into_owned(),
            encoding: enc.name(),
        });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let mut enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if enc == GBK || enc == UTF_8 {
        enc = GB18030;
    }
    Ok(Decoded {
        text: enc.decode_without_bom_handling(bytes).0.into_owned(),
        encoding: enc.name(),
    })
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> (&'a [u8], bool) {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => (&bytes[len..], true),
        _ => (bytes, false),
    }
}

/// UTF-16 written without a BOM shows as many zero bytes at odd (LE) or even (BE) offsets.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 3 > pairs * 2 && zero_even == 0 {
        Some(UTF_16LE)
    } else if zero_even * 3 > pairs * 2 && zero_odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
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
}
