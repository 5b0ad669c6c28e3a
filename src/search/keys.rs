//! Search keys, computed once when a record is written and stored beside it, never at
//! start-up.

use pinyin::ToPinyin;
use unicode_normalization::UnicodeNormalization;

use crate::domain::Record;

/// The keys of one record. Fields are separated by `FIELD_SEP` so a match cannot run from the
/// end of one field into the next by accident of adjacency alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchKeys {
    /// Original text of the searchable fields (code, ext_id, title, org, field, region,
    /// keywords, contact).
    pub text: String,
    /// `text` folded: NFKC, lower case, Traditional → Simplified.
    pub fold: String,
    /// Full pinyin without tones, syllables separated by spaces.
    pub pinyin: String,
    /// Pinyin initials of each field (ASCII kept as is, lower case).
    pub initials: String,
}

pub const FIELD_SEP: &str = " · ";

impl SearchKeys {
    pub fn for_record(rec: &Record) -> SearchKeys {
        let code = rec.code().to_string();
        let fields = [
            code.as_str(),
            rec.ext_id.as_str(),
            rec.title.as_str(),
            rec.org.as_str(),
            rec.field.as_str(),
            rec.region.as_str(),
            rec.keywords.as_str(),
            rec.contact.as_str(),
        ];
        let text = join_nonempty(fields.iter().copied());
        let fold = fold(&text);
        let folded_fields: Vec<String> = fields.iter().map(|f| fold_str(f)).collect();
        let pinyin = join_nonempty(
            folded_fields
                .iter()
                .map(|f| syllables(f))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        );
        let initials = join_nonempty(
            folded_fields
                .iter()
                .map(|f| initials(f))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        );
        SearchKeys {
            text,
            fold,
            pinyin,
            initials,
        }
    }
}

fn join_nonempty<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts.filter(|p| !p.trim().is_empty()) {
        if !out.is_empty() {
            out.push_str(FIELD_SEP);
        }
        out.push_str(p.trim());
    }
    out
}

fn fold_str(s: &str) -> String {
    fold(s)
}

/// Folds text for comparison: NFKC width folding (ＡＢＣ → ABC), lower case, and
/// Traditional → Simplified (鄭州大學 → 郑州大学). Queries are folded the same way.
pub fn fold(s: &str) -> String {
    let nfkc: String = s.nfkc().collect::<String>().to_lowercase();
    fast2s::convert(&nfkc)
}

/// Full pinyin, one syllable per Chinese character, separated by spaces; runs of other
/// characters are kept as words.
pub fn syllables(s: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for (c, py) in s.chars().zip(s.to_pinyin()) {
        match py {
            Some(p) => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                out.push(p.plain().to_string());
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

/// Pinyin initials: 西安交通大学 → xajtdx; ASCII letters and digits are kept.
pub fn initials(s: &str) -> String {
    let mut out = String::new();
    for (c, py) in s.chars().zip(s.to_pinyin()) {
        match py {
            Some(p) => out.push_str(p.first_letter()),
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
    fn dedup_key_ignores_script_space_and_punctuation() {
        assert_eq!(
            dedup_key("锂电 负极。", "郑州大学"),
            dedup_key("鋰電負極", "鄭州大學")
        );
    }
}
