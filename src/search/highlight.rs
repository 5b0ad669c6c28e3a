//! Which characters of a record's original text a query matched, for the list to
//! highlight: the text is folded char by char so Traditional, full-width and upper-case
//! characters light up for a query typed in another form.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::keys::fold;
use super::terms::{Plan, words};

/// Char indices of `text` that `query` matches: for each term, a contiguous run where the
/// folded text contains it; a query of one term not held whole, the words of a phrase
/// (锂电池回收) or else the matcher's fuzzy positions; none when it does not match the text
/// itself (a pinyin-only match). Negated terms light nothing.
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    let plan = Plan::parse(query);
    if plan.terms.is_empty() {
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
    let run = |needle: &str| -> Option<Vec<usize>> {
        let at = folded.find(needle)?;
        let start = folded[..at].chars().count();
        Some((start..start + needle.chars().count()).collect())
    };
    let hit: Vec<usize> = match plan.single() {
        Some(q) => run(&q.fold)
            .or_else(|| {
                let words = (!q.ascii).then(|| words(&q.fold)).flatten()?;
                let all: Vec<usize> = words.iter().filter_map(|w| run(w)).flatten().collect();
                (!all.is_empty()).then_some(all)
            })
            .unwrap_or_else(|| {
                SkimMatcherV2::default()
                    .ignore_case()
                    .fuzzy_indices(&folded, &q.compact)
                    .map(|(_, idx)| idx)
                    .unwrap_or_default()
            }),
        None => plan
            .positive()
            .filter_map(|t| run(&t.q.fold))
            .flatten()
            .collect(),
    };
    let mut out: Vec<usize> = hit
        .into_iter()
        .filter_map(|i| origin.get(i).copied())
        .collect();
    out.sort_unstable();
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
    fn each_term_and_each_word_of_a_phrase_lights_up() {
        assert_eq!(
            highlight("锂电池拆解回收", "锂电池 回收"),
            vec![0, 1, 2, 5, 6]
        );
        assert_eq!(
            highlight("锂电池拆解回收", "锂电池回收"),
            vec![0, 1, 2, 5, 6]
        );
        assert_eq!(highlight("锂电池拆解回收", "锂电池 !拆解"), vec![0, 1, 2]);
    }

    #[test]
    fn fuzzy_positions_when_not_contiguous() {
        assert_eq!(highlight("锂离子电池", "锂电"), vec![0, 3]);
        assert!(highlight("西安交通大学", "xajd").is_empty());
        assert!(highlight("锂电", "").is_empty());
    }
}
