//! Search keys, computed once when a record is written and stored beside it, never at
//! start-up.
//!
//! Building them runs on every write and on every row of an import, so it works in one
//! pass per record: the fields are folded together (one NFKC check, one lower-casing, one
//! Traditional → Simplified conversion), and each folded field is read once for both the
//! pinyin and the initials key, with readings borrowed from static tables.

use std::borrow::Cow;

use pinyin::ToPinyin;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

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
pub const FIELDS: [&str; 10] = [
    "code", "ext_id", "title", "org", "field", "region", "keywords", "contact", "phone", "email",
];

/// Fields from this index on ([`FIELDS`]: phone and email) are held in the folded text only,
/// phone numbers as their digits ([`phone_digits`]): the pinyin and initials keys hold the
/// fields before it only.
pub const TEXT_ONLY_FROM: usize = 8;

/// Index of the phone field in [`FIELDS`].
pub const PHONE: usize = 8;

/// Index of the title in [`FIELDS`].
pub const TITLE: usize = 2;

/// Separates fields in a key: the ASCII unit separator, which data never needs (it is
/// removed from field text) and which no query can type.
pub const FIELD_SEP: char = '\u{1f}';

impl SearchKeys {
    pub fn for_record(rec: &Record) -> SearchKeys {
        SearchKeys::for_record_uncoded(rec).with_code(&rec.code().to_string())
    }

    /// The keys of `rec` with the code field left empty, for [`SearchKeys::with_code`] to
    /// fill once the record has its code: an import builds the keys of many rows in parallel
    /// before the transaction hands out codes.
    pub fn for_record_uncoded(rec: &Record) -> SearchKeys {
        SearchKeys::for_fields(&[
            "",
            rec.ext_id.as_str(),
            rec.title.as_str(),
            rec.org.as_str(),
            rec.field.as_str(),
            rec.region.as_str(),
            rec.keywords.as_str(),
            rec.contact.as_str(),
            rec.phone.as_str(),
            rec.email.as_str(),
        ])
    }

    /// These keys, built with an empty code field, with `code` put in it. Codes are ASCII
    /// letters and digits (R12), which every key holds as they fold: in lower case.
    pub fn with_code(mut self, code: &str) -> SearchKeys {
        debug_assert!(code.bytes().all(|b| b.is_ascii_alphanumeric()), "{code}");
        let lower = code.to_ascii_lowercase();
        self.text.insert_str(0, code);
        for key in [&mut self.fold, &mut self.pinyin, &mut self.initials] {
            debug_assert!(key.starts_with(FIELD_SEP), "the code field is already set");
            key.insert_str(0, &lower);
        }
        self
    }

    /// Keys of raw field values given in [`FIELDS`] order.
    pub fn for_fields(fields: &[&str; FIELDS.len()]) -> SearchKeys {
        let cap = fields.iter().map(|f| f.len()).sum::<usize>() + FIELDS.len();
        let mut text = String::with_capacity(cap);
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                text.push(FIELD_SEP);
            }
            push_clean(&mut text, f);
        }
        // Folding maps FIELD_SEP to itself and never joins characters across it, so the
        // fields fold together and split again in place.
        let folded = fold(&text);
        let mut keys = SearchKeys {
            fold: String::with_capacity(folded.len()),
            pinyin: String::with_capacity(folded.len() * 2),
            initials: String::with_capacity(folded.len() / 2),
            text,
        };
        let mut chars = Vec::new();
        let mut reads = Vec::new();
        for (i, f) in folded.split(FIELD_SEP).enumerate() {
            if i > 0 {
                keys.fold.push(FIELD_SEP);
            }
            if i > 0 && i < TEXT_ONLY_FROM {
                keys.pinyin.push(FIELD_SEP);
                keys.initials.push(FIELD_SEP);
            }
            let f = f.trim();
            if i == PHONE {
                keys.fold.push_str(&phone_digits(f));
            } else if i >= TEXT_ONLY_FROM {
                keys.fold.push_str(f);
            } else {
                keys.fold.push_str(f);
                readings(f, &mut chars, &mut reads);
                push_pinyin(&chars, &reads, &mut keys.pinyin, &mut keys.initials);
            }
        }
        keys
    }
}

/// Keys stored before phone and email were searchable hold [`TEXT_ONLY_FROM`] fields: this
/// is the folded key `fold` with the phone and email fields added, or None when it holds them
/// already. The loader completes old rows so, and no migration rewrites every row.
pub fn with_contact(fold: &str, phone: &str, email: &str) -> Option<String> {
    let held = fold.bytes().filter(|&b| b == FIELD_SEP as u8).count() + 1;
    if held >= FIELDS.len() {
        return None;
    }
    let mut f = String::with_capacity(fold.len() + phone.len() + email.len() + 2);
    f.push_str(fold);
    f.push(FIELD_SEP);
    f.push_str(&phone_digits(&self::fold(phone)));
    f.push(FIELD_SEP);
    let mut clean = String::new();
    push_clean(&mut clean, email);
    f.push_str(self::fold(&clean).trim());
    Some(f)
}

/// Phone numbers as they are searched: the digits of each number, with separators inside it
/// (spaces, `-`, `.`, brackets) dropped and a leading country code +86 or 0086 taken off a
/// mobile number; numbers apart (`/`, `,`, `；`, words) stay apart, joined by a space. So
/// 138-0000-0021, 138 0000 0021 and +86 13800000021 all read 13800000021.
pub fn phone_digits(s: &str) -> String {
    let mut out = String::new();
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String| {
        if number.is_empty() {
            return;
        }
        let n = strip_country(number);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(n);
        number.clear();
    };
    for c in s.chars() {
        let c = fold_digit(c);
        if c.is_ascii_digit() {
            number.push(c);
        } else if !matches!(
            c,
            ' ' | '-' | '.' | '(' | ')' | '+' | '\u{3000}' | '（' | '）' | '－' | '—'
        ) {
            flush(&mut number, &mut out);
        }
    }
    flush(&mut number, &mut out);
    out
}

/// A full-width digit as ASCII.
fn fold_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        c => c,
    }
}

/// `digits` without a leading 86 or 0086 when a mobile number (11 digits from 1) follows.
fn strip_country(digits: &str) -> &str {
    for cc in ["0086", "86"] {
        if let Some(rest) = digits.strip_prefix(cc)
            && rest.len() == 11
            && rest.starts_with('1')
        {
            return rest;
        }
    }
    digits
}

/// Appends `s` trimmed, with [`FIELD_SEP`] (which keys reserve) written as a space.
fn push_clean(out: &mut String, s: &str) {
    let s = s.trim();
    if s.contains(FIELD_SEP) {
        out.push_str(&s.replace(FIELD_SEP, " "));
    } else {
        out.push_str(s);
    }
}

/// Folds text for comparison: NFKC width folding (ＡＢＣ → ABC), lower case, and
/// Traditional → Simplified (鄭州大學 → 郑州大学). Queries are folded the same way.
pub fn fold(s: &str) -> String {
    // Most text (CJK, ASCII) is already NFKC: the quick check saves rebuilding it.
    let lower = if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        lowercase(s)
    } else {
        lowercase(&s.nfkc().collect::<String>())
    };
    fast2s::convert(&lower)
}

/// `str::to_lowercase`, skipping the case tables for CJK ideographs (which have no case).
fn lowercase(s: &str) -> String {
    // Σ lower-cases by context (σ or ς): leave it to the standard library.
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{3400}'..='\u{9fff}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Fills `chars` with the chars of `s` and `reads` with the pinyin reading of each (None for
/// non-Chinese chars), taking words of the polyphone table in their right reading.
fn readings(s: &str, chars: &mut Vec<char>, reads: &mut Vec<Option<Cow<'static, str>>>) {
    chars.clear();
    reads.clear();
    chars.extend(s.chars());
    reads.extend(
        chars
            .iter()
            .map(|c| c.to_pinyin().map(|p| ascii_syllable(p.plain()))),
    );
    let mut i = 0;
    while i < chars.len() {
        if let Some((n, syl)) = polyphone::word_at(chars, i) {
            for (k, s) in syl.split(' ').enumerate() {
                reads[i + k] = Some(Cow::Borrowed(s));
            }
            i += n;
        } else {
            i += 1;
        }
    }
}

/// A toneless syllable as typed on a keyboard: ü as v, ê as e.
fn ascii_syllable(plain: &'static str) -> Cow<'static, str> {
    if plain.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(plain);
    }
    Cow::Owned(
        plain
            .chars()
            .map(|c| match c {
                'ü' => 'v',
                'ê' => 'e',
                c => c,
            })
            .filter(char::is_ascii_lowercase)
            .collect(),
    )
}

/// Appends one field's full pinyin (one syllable per Chinese character, separated by spaces;
/// runs of other letters and digits kept as words) and its initials (ASCII letters and digits
/// kept, lower case).
fn push_pinyin(
    chars: &[char],
    reads: &[Option<Cow<'static, str>>],
    pinyin: &mut String,
    initials: &mut String,
) {
    let start = pinyin.len();
    let mut in_word = false;
    for (&c, r) in chars.iter().zip(reads) {
        match r {
            Some(p) => {
                if pinyin.len() > start {
                    pinyin.push(' ');
                }
                pinyin.push_str(p);
                initials.extend(p.chars().next());
                in_word = false;
            }
            None if c.is_alphanumeric() => {
                if !in_word && pinyin.len() > start {
                    pinyin.push(' ');
                }
                in_word = true;
                pinyin.extend(c.to_lowercase());
                if c.is_ascii_alphanumeric() {
                    initials.push(c.to_ascii_lowercase());
                }
            }
            None => in_word = false,
        }
    }
}

/// Full pinyin, one syllable per Chinese character, separated by spaces; runs of other
/// letters and digits are kept as words.
pub fn syllables(s: &str) -> String {
    let (mut chars, mut reads) = (Vec::new(), Vec::new());
    readings(s, &mut chars, &mut reads);
    let (mut py, mut ini) = (String::new(), String::new());
    push_pinyin(&chars, &reads, &mut py, &mut ini);
    py
}

/// Pinyin initials: 西安交通大学 → xajtdx, 重庆 → cq; ASCII letters and digits are kept.
pub fn initials(s: &str) -> String {
    let (mut chars, mut reads) = (Vec::new(), Vec::new());
    readings(s, &mut chars, &mut reads);
    let (mut py, mut ini) = (String::new(), String::new());
    push_pinyin(&chars, &reads, &mut py, &mut ini);
    ini
}

/// Normalised (title, org) used to recognise a re-imported row that has no ext_id: folded,
/// with whitespace and punctuation removed.
pub fn dedup_key(title: &str, org: &str) -> String {
    squash_pair(&fold(title), &fold(org))
}

/// [`dedup_key`] of a record whose keys are `keys`, from the title and org already folded
/// there (an import builds both; this saves folding them twice).
pub fn dedup_key_of(keys: &SearchKeys) -> String {
    let mut fields = keys.fold.split(FIELD_SEP).skip(TITLE);
    let title = fields.next().unwrap_or_default();
    let org = fields.next().unwrap_or_default();
    squash_pair(title, org)
}

fn squash_pair(title: &str, org: &str) -> String {
    let mut out = String::with_capacity(title.len() + org.len() + 1);
    out.extend(title.chars().filter(|c| c.is_alphanumeric()));
    out.push('\u{1f}');
    out.extend(org.chars().filter(|c| c.is_alphanumeric()));
    out
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
