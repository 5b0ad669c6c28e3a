//! Which characters of a record's original text a query matched, for the list to
//! highlight: the text is folded char by char so Traditional, full-width and upper-case
//! characters light up for a query typed in another form.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::keys::fold;
use super::score::Query;

/// Char indices of `text` that `query` matches: a contiguous run where the folded text
/// contains the folded query, else the matcher's fuzzy positions; none when it does not match
/// the text itself (a pinyin-only match).
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    let q = Query::new(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for (i, c) in text.chars().enumerate() {
        for f in fold(c.encode_utf8(&mut buf)).chars() {
            folded.push(f);
            origin.push(i);
        }
    }
    let hit: Vec<usize> = if let Some(at) = folded.find(&q.fold) {
        let start = folded[..at].chars().count();
        (start..start + q.fold.chars().count()).collect()
    } else {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_indices(&folded, &q.compact)
            .map(|(_, idx)| idx)
            .unwrap_or_default()
    };
    let mut out: Vec<usize> = hit
        .into_iter()
        .filter_map(|i| origin.get(i).copied())
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_across_script_width_and_case() {
        assert_eq!(highlight("鄭州大學鋰電", "郑州"), vec![0, 1]);
        assert_eq!(highlight("郑州大学锂电", "鋰電"), vec![4, 5]);
        assert_eq!(highlight("ＡＢＣ测试", "abc"), vec![0, 1, 2]);
        assert_eq!(highlight("Vision AI", "ai"), vec![7, 8]);
    }

    #[test]
    fn fuzzy_positions_when_not_contiguous() {
        assert_eq!(highlight("锂离子电池", "锂电"), vec![0, 3]);
        assert!(highlight("西安交通大学", "xajd").is_empty());
        assert!(highlight("锂电", "").is_empty());
    }
}
