//! Contacts (codes C1…): the people behind records, as plain data, and what identifies one
//! person across records: a phone number (digits only, any separators), an email (case
//! folded), or for a person known by name alone, the name at an organisation.

use serde::{Deserialize, Serialize};

use crate::search::keys::fold;

/// A contact as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub id: i64,
    /// The number behind the code (C`seq`).
    pub seq: i64,
    pub name: String,
    /// Phone numbers as written.
    pub phones: Vec<String>,
    pub email: String,
    /// The organisation's row id, if known.
    pub org_id: Option<i64>,
    /// 总工, 教授, 科技处…
    pub role: String,
    pub note: String,
    /// Made by deriving, never touched by the broker.
    pub auto: bool,
}

impl Contact {
    /// Its code, "C3".
    pub fn code(&self) -> String {
        format!("C{}", self.seq)
    }
}

/// The digits of a phone number, without a leading +86/0086 country code: what two ways of
/// writing one number share ("139-2222-3333", "+86 139 2222 3333"). Empty when fewer than
/// 7 digits are left (not a phone number).
pub fn phone_digits(text: &str) -> String {
    // An extension (转 123, ext. 123) is not part of the number.
    let head = ["转", "ext", "EXT", "Ext", "x"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .map_or(text, |i| &text[..i]);
    let folded = fold(head);
    let mut d: String = folded.chars().filter(char::is_ascii_digit).collect();
    for cc in ["0086", "86"] {
        if d.len() == cc.len() + 11 && d.starts_with(cc) {
            d.drain(..cc.len());
        }
    }
    if d.len() < 7 { String::new() } else { d }
}

/// The phone numbers in a field ("0371-6789 1234 / 13922223333", "139…；138…"), as written.
pub fn split_phones(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split([',', ';', '/', '、', '，', '；', '|', '\n']) {
        let part = part.trim();
        if phone_digits(part).is_empty() {
            continue;
        }
        // Two numbers separated by a space ("13922223333 13800138000"): each a phone.
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.len() > 1 && words.iter().all(|w| phone_digits(w).len() >= 11) {
            out.extend(words.iter().map(|w| (*w).to_string()));
        } else {
            out.push(part.to_string());
        }
    }
    out
}

/// An email compared case-insensitively; empty when it is not one.
pub fn email_key(text: &str) -> String {
    let t = fold(text.trim());
    if t.contains('@') && !t.contains(char::is_whitespace) {
        t
    } else {
        String::new()
    }
}

/// A name compared without spaces, script or width differences.
pub fn name_key(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether two names may be one person: equal once folded, or one of them unknown.
pub fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    a.is_empty() || b.is_empty() || a == b
}

/// Whether `query` (a phone number as typed, any separators) ends the number `digits`: a tail
/// of at least 4 digits, or the whole number.
pub fn phone_matches(digits: &str, query: &str) -> bool {
    let q: String = fold(query).chars().filter(char::is_ascii_digit).collect();
    q.len() >= 4 && digits.ends_with(&q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number_however_it_is_written() {
        let d = phone_digits("139-2222-3333");
        assert_eq!(d, "13922223333");
        for t in [
            "+86 139 2222 3333",
            "0086-13922223333",
            "１３９２２２２３３３３",
            "139 2222 3333",
        ] {
            assert_eq!(phone_digits(t), d, "{t}");
        }
        assert_eq!(phone_digits("0371-67891234转801"), "037167891234");
        assert_eq!(phone_digits("123"), "");
        assert_eq!(phone_digits("张工"), "");
    }

    #[test]
    fn a_field_with_several_numbers() {
        assert_eq!(
            split_phones("0371-6789 1234 / 13922223333；138 0013 8000"),
            vec!["0371-6789 1234", "13922223333", "138 0013 8000"]
        );
        assert_eq!(
            split_phones("13922223333 13800138000"),
            vec!["13922223333", "13800138000"]
        );
        assert!(split_phones("无").is_empty());
    }

    #[test]
    fn emails_names_and_tails() {
        assert_eq!(email_key(" Zhang@HanWei.com "), "zhang@hanwei.com");
        assert_eq!(email_key("无"), "");
        assert!(names_agree("張 工", "张工"));
        assert!(names_agree("", "李四"));
        assert!(!names_agree("张三", "李四"));
        assert!(phone_matches("13922223333", "2222-3333"));
        assert!(phone_matches("13922223333", "3333"));
        assert!(!phone_matches("13922223333", "333"));
        assert!(!phone_matches("13922223333", "4444"));
    }
}
