//! A record's status as duijie knows it, `open` or `closed`, and the word the source used
//! kept beside it when that word says more ("洽谈中", "可转化"). The store holds only those two
//! words in `status` (migration 007 checks it); `status_text` keeps the rest.
//!
//! Migration 007 converts existing rows by the same rules, in SQL; a test in
//! tests/store_migration_007.rs checks that both agree on every word listed here.

use super::Record;

pub const OPEN: &str = "open";
pub const CLOSED: &str = "closed";

/// Words that mean open: they become `open` and are not kept.
pub const OPEN_WORDS: &[&str] = &[
    "open",
    "active",
    "开放",
    "征集中",
    "有效",
    "进行中",
    "发布",
    "已发布",
    "在线",
];
/// Words that mean closed: they become `closed` and are not kept.
pub const CLOSED_WORDS: &[&str] = &[
    "closed",
    "close",
    "inactive",
    "done",
    "withdrawn",
    "expired",
    "关闭",
    "已关闭",
    "结束",
    "已结束",
    "已完成",
    "已解决",
    "失效",
    "已失效",
    "过期",
    "已过期",
    "下线",
];
/// Parts of a longer word that make it closed ("合同已终止"); the word itself is kept.
pub const CLOSING_PARTS: &[&str] = &[
    "关闭", "结束", "成交", "撤回", "撤销", "失效", "过期", "终止",
];

/// The status a word means, and the word to keep beside it (empty when the status says it
/// all). Empty text is `open`.
pub fn parse(raw: &str) -> (&'static str, String) {
    let word = raw.trim();
    let lower = word.to_lowercase();
    if word.is_empty() || OPEN_WORDS.contains(&lower.as_str()) {
        (OPEN, String::new())
    } else if CLOSED_WORDS.contains(&lower.as_str()) {
        (CLOSED, String::new())
    } else if CLOSING_PARTS.iter().any(|p| word.contains(p)) {
        (CLOSED, word.to_string())
    } else {
        (OPEN, word.to_string())
    }
}

impl Record {
    /// Puts `status` in the stored form: a word other than `open`/`closed` (from an import,
    /// a form, an old undo step) becomes the status it means, and the word moves to
    /// `status_text`. Setting `status` to `open` or `closed` keeps any text only when it
    /// still agrees.
    pub fn settle_status(&mut self) {
        let (status, text) = parse(&self.status);
        if self.status == OPEN || self.status == CLOSED {
            if !self.status_text.is_empty() && parse(&self.status_text).0 != self.status {
                self.status_text.clear();
            }
            return;
        }
        self.status = status.to_string();
        self.status_text = text;
    }

    /// The status as the user knows it: the source's word when there is one, else the status.
    pub fn status_shown(&self) -> &str {
        if self.status_text.is_empty() {
            &self.status
        } else {
            &self.status_text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    #[test]
    fn known_words_fold_and_other_words_are_kept_beside_the_status() {
        assert_eq!(parse(""), (OPEN, String::new()));
        assert_eq!(parse(" 开放 "), (OPEN, String::new()));
        assert_eq!(parse("Closed"), (CLOSED, String::new()));
        assert_eq!(parse("已过期"), (CLOSED, String::new()));
        assert_eq!(parse("洽谈中"), (OPEN, "洽谈中".into()));
        assert_eq!(parse("合同已终止"), (CLOSED, "合同已终止".into()));
    }

    #[test]
    fn settling_moves_the_word_and_a_later_open_or_close_keeps_it_only_when_it_agrees() {
        let mut r = Record::new(Kind::Achievement, "x");
        r.status = "可转化".into();
        r.settle_status();
        assert_eq!((r.status.as_str(), r.status_shown()), (OPEN, "可转化"));
        r.settle_status();
        assert_eq!(r.status_shown(), "可转化", "settling twice changes nothing");
        r.status = CLOSED.into();
        r.settle_status();
        assert_eq!(
            r.status_shown(),
            CLOSED,
            "closing drops a word that says open"
        );
        r.status = "已成交".into();
        r.settle_status();
        assert_eq!((r.status.as_str(), r.status_shown()), (CLOSED, "已成交"));
    }
}
