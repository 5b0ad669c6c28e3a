//! Cutting a phrase into words with jieba, without loading jieba's whole dictionary.
//!
//! jieba cuts a phrase (without its HMM) along the route of highest probability through the
//! dictionary words it contains: a word of frequency f adds ln f − ln total. Only the
//! dictionary entries that are substrings of the phrase, and the dictionary's total
//! frequency, take part. So a jieba holding just those entries, plus one placeholder entry
//! that carries the rest of the total, cuts the phrase exactly as the whole dictionary does
//! (the tests compare both on many phrases). The entries are found by binary search in the
//! sorted dictionary file (`assets/jieba/dict.txt`, a copy of jieba's, MIT), in microseconds,
//! where loading the whole dictionary costs ~150 ms and ~34 MB — most of a `duijie find`.

use std::cmp::Ordering;

use jieba_rs::Jieba;

/// jieba's dictionary: `word frequency tag` lines, sorted by the bytes of the word.
static DICT: &str = include_str!("../../assets/jieba/dict.txt");

/// The sum of every frequency in [`DICT`] (a test recomputes it).
const TOTAL: usize = 60_101_964;

/// The longest word of [`DICT`], in bytes: longer substrings need no lookup.
const LONGEST: usize = 48;

/// A word no phrase holds, carrying the frequency of the entries left out.
const PLACEHOLDER: &str = "\u{F8FF}\u{F8FE}";

/// The words of `phrase` as jieba cuts it without HMM (`Jieba::new().cut(phrase, false)`).
pub fn cut(phrase: &str) -> Vec<String> {
    let mut jieba = Jieba::empty();
    let mut kept = 0;
    let starts: Vec<usize> = phrase.char_indices().map(|(i, _)| i).collect();
    let mut seen = std::collections::HashSet::new();
    for (n, &a) in starts.iter().enumerate() {
        for b in starts[n + 1..].iter().copied().chain([phrase.len()]) {
            if b - a > LONGEST {
                break;
            }
            let word = &phrase[a..b];
            if !seen.insert(word) {
                continue;
            }
            if let Some((freq, tag)) = lookup(word) {
                jieba.add_word(word, Some(freq), Some(tag));
                kept += freq;
            }
        }
    }
    jieba.add_word(PLACEHOLDER, Some(TOTAL - kept), None);
    jieba
        .cut(phrase, false)
        .into_iter()
        .map(|w| w.word.to_string())
        .collect()
}

/// The frequency and tag of `word` in [`DICT`].
fn lookup(word: &str) -> Option<(usize, &'static str)> {
    let bytes = DICT.as_bytes();
    // The start of the first line whose word is not below `word`.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &bytes[..mid]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        if word_of(&DICT[start..end]).as_bytes().cmp(word.as_bytes()) == Ordering::Less {
            lo = end + 1;
        } else {
            hi = start;
        }
    }
    let line = DICT.get(lo..)?.lines().next()?;
    let mut parts = line.split_ascii_whitespace();
    (parts.next()? == word).then_some(())?;
    let freq = parts.next()?.parse().ok()?;
    Some((freq, parts.next().unwrap_or("")))
}

fn word_of(line: &str) -> &str {
    line.split_ascii_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copied_dictionary_is_sorted_and_its_total_is_the_constant() {
        let mut total = 0usize;
        let mut last = "";
        let mut longest = 0;
        for line in DICT.lines() {
            let mut parts = line.split_ascii_whitespace();
            let word = parts.next().unwrap();
            assert!(last.as_bytes() < word.as_bytes(), "{last} then {word}");
            total += parts.next().unwrap().parse::<usize>().unwrap();
            longest = longest.max(word.len());
            last = word;
        }
        assert_eq!(total, TOTAL);
        assert_eq!(longest, LONGEST);
    }

    #[test]
    fn lookups_find_words_at_both_ends_and_miss_what_is_not_there() {
        let first = word_of(DICT.lines().next().unwrap());
        let last = word_of(DICT.lines().last().unwrap());
        assert!(lookup(first).is_some() && lookup(last).is_some());
        assert!(lookup("锂电池").is_some());
        assert!(lookup("锂电池回收站点").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn phrases_are_cut_exactly_as_by_the_whole_dictionary() {
        let whole = Jieba::new();
        let mut phrases = vec![
            "锂电池回收",
            "天津大学焦化",
            "中南提锂",
            "高通量药物筛选类器官模型构建",
            "4.5μm极薄铜箔量产工艺",
            "西安交通大学钙钛矿晶硅叠层电池",
            "a股上市公司ai视觉质检",
            "电缆接头缺陷x射线检测",
            "新能源汽车动力电池梯次利用",
            "煤制乙二醇加氢催化剂",
            "rv减速器摆线轮磨削",
            "的了是",
            "锂",
        ];
        // Every title, organisation and field of the demo data, whole (as a phrase typed).
        for csv in [
            include_str!("../../assets/demo/demands.csv"),
            include_str!("../../assets/demo/results.csv"),
        ] {
            for line in csv.lines().skip(1) {
                phrases.extend(line.split(',').skip(1).take(3));
            }
        }
        for p in &phrases {
            let want: Vec<String> = whole
                .cut(p, false)
                .into_iter()
                .map(|w| w.word.to_string())
                .collect();
            assert_eq!(cut(p), want, "{p}");
        }
        assert!(phrases.len() > 1000, "{}", phrases.len());
    }
}
