//! Search keys, computed once when a record is written and stored beside it, never at
//! start-up.

use pinyin::ToPinyin;
use unicode_normalization::UnicodeNormalization;

use super::polyphone;
use crate::domain::Record;

/// The keys of one record. Every key holds the same [`FIELDS`] in the same order, joined by
/// [`FIELD_SEP`] (empty fields included), so a match can tell which field it is in and never
/// runs from one field into the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchKeys {
    /// Original text of the searchable fields.
    pub text: String,
    /// `text` folded field by field: NFKC, lower case, Traditional → Simplified.
    pub fold: String,
    /// Full pinyin without tones of `fold`, syllables separated by spaces (ü written v).
    pub pinyin: String,
    /// Pinyin initials of `fold` (ASCII letters and digits kept, lower case).
    pub initials: String,
}

/// The fields a search looks at, in key order.
pub const FIELDS: [&str; 8] = [
    "code", "ext_id", "title", "org", "field", "region", "keywords", "contact",
];

/// Index of the title in [`FIELDS`].
pub const TITLE: usize = 2;

/// Separates fields in a key: the ASCII unit separator, which data never needs (it is
/// removed from field text) and which no query can type.
pub const FIELD_SEP: char = '\u{1f}';

impl SearchKeys {
    pub fn for_record(rec: &Record) -> SearchKeys {
        let code = rec.code().to_string();
        SearchKeys::for_fields(&[
            code.as_str(),
            rec.ext_id.as_str(),
            rec.title.as_str(),
            rec.org.as_str(),
            rec.field.as_str(),
            rec.region.as_str(),
            rec.keywords.as_str(),
            rec.contact.as_str(),
        ])
    }

    /// Keys of raw field values given in [`FIELDS`] order.
    pub fn for_fields(fields: &[&str; 8]) -> SearchKeys {
        let clean = |s: &str| s.trim().replace(FIELD_SEP, " ");
        let text: Vec<String> = fields.iter().map(|f| clean(f)).collect();
        let folded: Vec<String> = text.iter().map(|f| clean(&fold(f))).collect();
        let sep = FIELD_SEP.to_string();
        SearchKeys {
            text: text.join(&sep),
            pinyin: folded
                .iter()
                .map(|f| syllables(f))
                .collect::<Vec<_>>()
                .join(&sep),
            initials: folded
                .iter()
                .map(|f| initials(f))
                .collect::<Vec<_>>()
                .join(&sep),
            fold: folded.join(&sep),
        }
    }
}

/// Folds text for comparison: NFKC width folding (ＡＢＣ → ABC), lower case, and
/// Traditional → Simplified (鄭州大學 → 郑州大学). Queries are folded the same way.
pub fn fold(s: &str) -> String {
    let nfkc: String = s.nfkc().collect::<String>().to_lowercase();
    fast2s::convert(&nfkc)
}

/// The pinyin reading of each char of `s` (None for non-Chinese chars), taking words of the
/// polyphone table in their right reading.
fn readings(s: &str) -> (Vec<char>, Vec<Option<String>>) {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<Option<String>> = s
        .to_pinyin()
        .map(|p| p.map(|p| ascii_syllable(p.plain())))
        .collect();
    let mut i = 0;
    while i < chars.len() {
        if let Some((n, syl)) = polyphone::word_at(&chars, i) {
            for (k, s) in syl.split(' ').enumerate() {
                out[i + k] = Some(s.to_string());
            }
            i += n;
        } else {
            i += 1;
        }
    }
    (chars, out)
}

/// A toneless syllable as typed on a keyboard: ü as v, ê as e.
fn ascii_syllable(plain: &str) -> String {
    plain
        .chars()
        .map(|c| match c {
            'ü' => 'v',
            'ê' => 'e',
            c => c,
        })
        .filter(char::is_ascii_lowercase)
        .collect()
}

/// Full pinyin, one syllable per Chinese character, separated by spaces; runs of other
/// letters and digits are kept as words.
pub fn syllables(s: &str) -> String {
    let (chars, readings) = readings(s);
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for (c, py) in chars.into_iter().zip(readings) {
        match py {
            Some(p) => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                out.push(p);
            }
            None if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            None => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out.join(" ")
}

/// Pinyin initials: 西安交通大学 → xajtdx, 重庆 → cq; ASCII letters and digits are kept.
pub fn initials(s: &str) -> String {
    let (chars, readings) = readings(s);
    let mut out = String::new();
    for (c, py) in chars.into_iter().zip(readings) {
        match py {
            Some(p) => out.extend(p.chars().next()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// Normalised (title, org) used to recognise a re-imported row that has no ext_id: folded,
/// with whitespace and punctuation removed.
pub fn dedup_key(title: &str, org: &str) -> String {
    let squash = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    format!("{}\u{1f}{}", squash(title), squash(org))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_unifies_scripts_and_widths() {
        assert_eq!(fold("鄭州大學"), "郑州大学");
        assert_eq!(fold("鋰電"), "锂电");
        assert_eq!(fold("ＡＢＣ"), "abc");
        assert_eq!(fold("郑州大学"), "郑州大学");
    }

    #[test]
    fn pinyin_keys() {
        assert_eq!(initials("西安交通大学"), "xajtdx");
        assert_eq!(syllables("西安交通"), "xi an jiao tong");
        assert_eq!(initials("5G基站"), "5gjz");
    }

    #[test]
    fn polyphones_take_the_reading_of_the_word() {
        assert_eq!(initials("重庆大学"), "cqdx");
        assert_eq!(syllables("长沙银行"), "chang sha yin hang");
        assert_eq!(syllables("厦门"), "xia men");
        assert_eq!(initials("六安市"), "las");
        assert_eq!(syllables("单克隆抗体"), "dan ke long kang ti");
        // The single-character default stays where no word applies.
        assert_eq!(syllables("重量"), "zhong liang");
        assert_eq!(syllables("效率"), "xiao lv");
    }

    #[test]
    fn keys_keep_every_field_in_place() {
        let k = SearchKeys::for_fields(&["D1", "", "鋰電池", "鄭州大學", "", "", "", ""]);
        let fields: Vec<&str> = k.fold.split(FIELD_SEP).collect();
        assert_eq!(fields.len(), FIELDS.len());
        assert_eq!(fields[TITLE], "锂电池");
        assert_eq!(k.initials.split(FIELD_SEP).nth(3), Some("zzdx"));
        assert_eq!(k.pinyin.split(FIELD_SEP).nth(TITLE), Some("li dian chi"));
    }

    #[test]
    fn dedup_key_ignores_script_space_and_punctuation() {
        assert_eq!(
            dedup_key("锂电 负极。", "郑州大学"),
            dedup_key("鋰電負極", "鄭州大學")
        );
    }
}
