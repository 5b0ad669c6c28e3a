//! The terms of a record: folded text segmented with jieba, stop words and noise dropped,
//! each term weighted by the field it came from (title above keywords above description).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use jieba_rs::Jieba;

use crate::domain::Record;

use super::levers::Levers;
use crate::search::keys::fold;

/// How much one occurrence counts, by field: the title says what the record is about, the
/// keywords were chosen by a person, the description is long and chatty.
pub const TITLE_WEIGHT: f32 = 3.0;
pub const KEYWORD_WEIGHT: f32 = 2.0;
pub const DESCRIPTION_WEIGHT: f32 = 1.0;

/// Technical words of the fields brokers work in that jieba's general dictionary splits
/// apart; without them 钙钛矿 would meet 钙 and 钛 and match nothing useful.
const DOMAIN_WORDS: &str = "
    电解铜箔 锂电铜箔 铜箔 硅碳负极 负极材料 正极材料 钙钛矿 铝镁合金 镁合金 铝合金
    钛合金 锂电池 锂离子电池 固态电池 钠离子电池 隔膜 电解液 光伏组件 异质结 碳纤维
    石墨烯 稀土 永磁 储能 氢能 燃料电池 表面处理 热处理 增材制造 智能传感器
    机器视觉 工业互联网 边缘计算 大模型 单克隆抗体 抗体药物 中药材 三七 天麻 普洱茶
    高原特色 节能环保 轨道交通 污水处理 固废 尾矿 生物医药 医疗器械
";

/// Words that occur in nearly every demand or result and say nothing about a fit.
const STOP_WORDS: &str = "
    技术 研究 方法 应用 系统 基于 及其 一种 开发 研发 需求 项目 企业 问题
    提高 提升 实现 相关 进行 通过 以及 我们 具有 可以 需要 目前 主要 能够
    采用 提供 解决 公司 产品 希望 寻求 合作 成果 关键 领域 方面 分析 设计
    工作 要求 已经 其中 对于 这个 一个 如何 以上 以下 左右 不同 现有 新型
    优化 改进 国内 国外 行业 有限公司 大学 学院 研究所 中心 单位 用于 可用 目的
    效果 情况 方式 形成 建立 完成 构建 小于 大于 低于 高于 不低于 不高于 超过
    达到 以内 提前 来源 现场 目标 指标 能力 水平 条件 过程 基础 支持 and
    the for with of in on to a an
";

/// Single characters that name a thing on their own (elements, materials, crops); every
/// other one-character token is too ambiguous to count.
const MEANINGFUL_SINGLES: &str =
    "铜锂铝镁钛硅碳氢氮锌铁钢镍钴锰钨钼铅锡磷硫氟钒锆铬金银铂钯稀茶稻麦薯猪牛羊鱼虾菌酶";

static STOP: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.split_whitespace().collect());

/// The one jieba instance: loading its dictionary takes a while (see benches/suggest.rs), so
/// it is built on first use and shared (it is `Sync`; segmentation keeps its scratch space
/// per thread).
static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for word in DOMAIN_WORDS.split_whitespace() {
        jieba.add_word(word, None, None);
    }
    jieba
});

/// Builds the segmenter now (e.g. on a background thread) so the first suggestion does not
/// pay for it.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// The terms of `text`, in order, with repeats: folded (Traditional → Simplified, lower
/// case, full width → half width), segmented in jieba's search mode (so 电解铜箔 also yields
/// 电解 and 铜箔), stop words and noise removed.
pub fn terms(text: &str) -> Vec<String> {
    folded_terms(&fold(text))
}

/// [`terms`] of text already folded.
fn folded_terms(folded: &str) -> Vec<String> {
    JIEBA
        .cut_for_search(folded, true)
        .into_iter()
        .filter_map(|t| keep(t.word.trim()).then(|| t.word.trim().to_string()))
        .collect()
}

/// Marks a character bigram apart from jieba's words in the one vocabulary (a control
/// character: no word ever holds one).
pub const BIGRAM: char = '\u{1}';

/// Whether `term` is a character bigram (see [`BIGRAM`]).
pub fn is_bigram(term: &str) -> bool {
    term.starts_with(BIGRAM)
}

/// The text a term stands for: a bigram without its mark.
pub fn term_text(term: &str) -> &str {
    term.strip_prefix(BIGRAM).unwrap_or(term)
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// The runs of Han characters of folded `text`, in order.
pub fn han_runs(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !is_han(c))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The character bigrams of the Han runs of folded `text`, each marked with [`BIGRAM`]:
/// they catch what segmentation cuts differently on the two sides (全瓷冠 against 全瓷/冠).
pub fn bigrams(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for c in folded.chars() {
        if !is_han(c) {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let mut t = String::with_capacity(7);
            t.push(BIGRAM);
            t.push(p);
            t.push(c);
            // Stop words are kept as bigrams: a demand whose subject is 分析 or 设计 has
            // nothing else, and rarity weighs them down everywhere else (measured: dropping
            // them cost recall@1 0.012 and recall@5 0.03 on matching-dev).
            out.push(t);
        }
        prev = Some(c);
    }
    out
}

/// Splits a keywords field on the separators people type: 、，,；; and whitespace.
pub fn split_keywords(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| "、，,；;|/".contains(c) || c.is_whitespace())
        .map(str::trim)
        .filter(|k| !k.is_empty())
}

fn keep(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if chars.next().is_none() {
        return MEANINGFUL_SINGLES.contains(first);
    }
    if STOP.contains(word) {
        return false;
    }
    if word.is_ascii() {
        // 5G, AI, TRL, LiDAR: keep; bare numbers (2018, 4.5) and punctuation runs: drop.
        return word.chars().any(|c| c.is_ascii_alphabetic());
    }
    word.chars().any(char::is_alphanumeric)
}

/// A record's terms with their weighted frequencies (each occurrence counts its field's
/// weight), from title, keywords and description: jieba's words, and character bigrams
/// when `levers.bigrams` is on.
pub fn record_terms(rec: &Record, levers: &Levers) -> HashMap<String, f32> {
    let mut out: HashMap<String, f32> = HashMap::new();
    let title_weight = if levers.title_weight {
        TITLE_WEIGHT
    } else {
        DESCRIPTION_WEIGHT
    };
    let add = |folded: &str, weight: f32, out: &mut HashMap<String, f32>| {
        for t in folded_terms(folded) {
            *out.entry(t).or_default() += weight;
        }
        if levers.bigrams {
            for t in bigrams(folded) {
                *out.entry(t).or_default() += weight;
            }
        }
    };
    add(&fold(&rec.title), title_weight, &mut out);
    for kw in split_keywords(&rec.keywords) {
        let whole = fold(kw);
        let mut seen: Vec<String> = folded_terms(&whole);
        // A whole keyword counts as a term too (表面处理 even where jieba splits it), once.
        if whole.chars().count() >= 2 && keep(&whole) {
            seen.push(whole.clone());
        }
        if levers.bigrams {
            seen.extend(bigrams(&whole));
        }
        seen.sort();
        seen.dedup();
        for t in seen {
            *out.entry(t).or_default() += KEYWORD_WEIGHT;
        }
    }
    add(&fold(&rec.description), DESCRIPTION_WEIGHT, &mut out);
    out
}

/// How a term is shown: folding lower-cased ASCII terms, so an ASCII term is shown as it is
/// written in `original` (5G, PHM, SiC) when it occurs there; otherwise as folded.
pub fn display_term(term: &str, original: &[&str]) -> String {
    if term.is_ascii() {
        for text in original {
            // ASCII lower-casing keeps byte offsets, so a hit maps back onto `text`.
            if let Some(i) = text.to_ascii_lowercase().find(term) {
                return text[i..i + term.len()].to_string();
            }
        }
    }
    term.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    #[test]
    fn segments_folds_and_drops_noise() {
        let t = terms("鋰電池用電解銅箔的表面處理技術研究");
        assert!(t.contains(&"电解铜箔".to_string()), "{t:?}");
        assert!(t.contains(&"铜箔".to_string()), "{t:?}");
        assert!(t.contains(&"锂电池".to_string()), "{t:?}");
        assert!(!t.contains(&"技术".to_string()), "{t:?}");
        assert!(!t.contains(&"的".to_string()), "{t:?}");
        assert!(!t.contains(&"用".to_string()), "{t:?}");
    }

    #[test]
    fn keeps_ascii_terms_and_meaningful_single_characters() {
        let t = terms("面向5G基站的AI节能方案，2018年，铜");
        assert!(t.contains(&"5g".to_string()), "{t:?}");
        assert!(t.contains(&"ai".to_string()), "{t:?}");
        assert!(t.contains(&"铜".to_string()), "{t:?}");
        assert!(!t.iter().any(|w| w == "2018"), "{t:?}");
        assert_eq!(display_term("5g", &["面向5G基站"]), "5G");
        assert_eq!(display_term("sic", &["标题", "SiC功率模块"]), "SiC");
        assert_eq!(display_term("1cm2", &["1cm²"]), "1cm2");
        assert_eq!(display_term("钙钛矿", &["鈣鈦礦"]), "钙钛矿");
    }

    #[test]
    fn domain_words_stay_whole() {
        for w in ["钙钛矿", "硅碳负极", "铝镁合金"] {
            assert!(
                terms(&format!("高效{w}制备")).contains(&w.to_string()),
                "{w}"
            );
        }
    }

    #[test]
    fn title_outweighs_description_and_keywords_split_on_common_separators() {
        let mut r = Record::new(Kind::Demand, "钙钛矿电池封装");
        r.keywords = "表面处理、铜箔；激光, 焊接".into();
        r.description = "需要石墨烯导热膜".into();
        let t = record_terms(&r, &Levers::default());
        let weight = |w: &str| t[w].to_string();
        assert_eq!(weight("钙钛矿"), TITLE_WEIGHT.to_string());
        assert_eq!(weight("表面处理"), KEYWORD_WEIGHT.to_string());
        assert_eq!(weight("焊接"), KEYWORD_WEIGHT.to_string());
        assert_eq!(weight("石墨烯"), DESCRIPTION_WEIGHT.to_string());
        let kws: Vec<_> = split_keywords("a、b，c,d；e;f g").collect();
        assert_eq!(kws, ["a", "b", "c", "d", "e", "f", "g"]);
    }
}
