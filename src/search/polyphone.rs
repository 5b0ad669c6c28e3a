//! Words whose characters the `pinyin` crate reads wrongly in context (its reading is per
//! character, the most common one): 重庆 would become zhongqing, 厦门 shamen, 银行 yinxing.
//! Brokers type cq, xm, yh, so the search keys take these words from this table instead.
//!
//! Each entry is a word (Simplified, as keys are built from folded text) and its syllables
//! without tones, space separated. Longer words win over shorter ones at the same position.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The words, grouped by theme for maintenance; order does not matter.
const WORDS: &[(&str, &str)] = &[
    // Places.
    ("重庆", "chong qing"),
    ("长沙", "chang sha"),
    ("长春", "chang chun"),
    ("长江", "chang jiang"),
    ("长治", "chang zhi"),
    ("长安", "chang an"),
    ("长城", "chang cheng"),
    ("长白山", "chang bai shan"),
    ("长三角", "chang san jiao"),
    ("长株潭", "chang zhu tan"),
    ("长兴", "chang xing"),
    ("长宁", "chang ning"),
    ("厦门", "xia men"),
    ("蚌埠", "beng bu"),
    ("六安", "lu an"),
    ("六合", "lu he"),
    ("乐山", "le shan"),
    ("乐清", "yue qing"),
    ("朝阳", "chao yang"),
    ("丽水", "li shui"),
    ("涡阳", "guo yang"),
    ("铅山", "yan shan"),
    ("荥阳", "xing yang"),
    ("莘县", "shen xian"),
    ("单县", "shan xian"),
    ("番禺", "pan yu"),
    ("尉氏", "yu shi"),
    ("宿州", "su zhou"),
    ("济南", "ji nan"),
    ("成都", "cheng du"),
    ("首都", "shou du"),
    ("都江堰", "du jiang yan"),
    ("西藏", "xi zang"),
    ("吐鲁番", "tu lu fan"),
    ("大厦", "da sha"),
    // Banking and trade.
    ("银行", "yin hang"),
    ("行业", "hang ye"),
    ("行长", "hang zhang"),
    ("商行", "shang hang"),
    ("分行", "fen hang"),
    ("同行", "tong hang"),
    ("车行", "che hang"),
    // Technical vocabulary.
    ("单克隆", "dan ke long"),
    ("重组", "chong zu"),
    ("重复", "chong fu"),
    ("重建", "chong jian"),
    ("重构", "chong gou"),
    ("重叠", "chong die"),
    ("重新", "chong xin"),
    ("重整", "chong zheng"),
    ("长期", "chang qi"),
    ("长效", "chang xiao"),
    ("长度", "chang du"),
    ("长寿命", "chang shou ming"),
    ("长周期", "chang zhou qi"),
    ("长距离", "chang ju li"),
    ("长链", "chang lian"),
    ("长时", "chang shi"),
    ("波长", "bo chang"),
    ("延长", "yan chang"),
    ("调控", "tiao kong"),
    ("调节", "tiao jie"),
    ("调制", "tiao zhi"),
    ("调速", "tiao su"),
    ("调试", "tiao shi"),
    ("调理", "tiao li"),
    ("调和", "tiao he"),
    ("调峰", "tiao feng"),
    ("调光", "tiao guang"),
    ("调味", "tiao wei"),
    ("调配", "tiao pei"),
    ("薄膜", "bo mo"),
    ("薄板", "bo ban"),
    ("薄壁", "bo bi"),
    ("薄层", "bo ceng"),
    ("还原", "huan yuan"),
    ("模具", "mu ju"),
    ("模样", "mu yang"),
    ("差异", "cha yi"),
    ("误差", "wu cha"),
    ("偏差", "pian cha"),
    ("人参", "ren shen"),
    ("参差", "cen ci"),
    ("传记", "zhuan ji"),
    ("血液", "xue ye"),
    ("血管", "xue guan"),
    ("着陆", "zhuo lu"),
    ("着色", "zhuo se"),
    ("着火", "zhao huo"),
    ("供给", "gong ji"),
    ("给水", "ji shui"),
    ("给药", "ji yao"),
    ("自给", "zi ji"),
    ("补给", "bu ji"),
    ("系统", "xi tong"),
    ("降解", "jiang jie"),
    ("强迫", "qiang po"),
    ("倔强", "jue jiang"),
    ("曲线", "qu xian"),
    ("会计", "kuai ji"),
    ("地壳", "di qiao"),
    ("音乐", "yin yue"),
    ("乐器", "yue qi"),
    ("省略", "sheng lve"),
    ("反省", "fan xing"),
    ("露天", "lu tian"),
    ("暴露", "bao lu"),
    ("干扰", "gan rao"),
    ("干细胞", "gan xi bao"),
    ("便宜", "pian yi"),
    ("一般", "yi ban"),
    ("般若", "bo re"),
];

/// Table words (as chars, with their syllables) grouped by first character, sorted by it:
/// a binary search over a few dozen chars is cheaper than hashing every char of a record.
type ByFirst = Vec<(char, Vec<(Vec<char>, &'static str)>)>;

/// The table grouped by first character, built on first use.
fn by_first() -> &'static ByFirst {
    static MAP: OnceLock<ByFirst> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m: HashMap<char, Vec<(Vec<char>, &'static str)>> = HashMap::new();
        for (word, syl) in WORDS {
            let chars: Vec<char> = word.chars().collect();
            m.entry(chars[0]).or_default().push((chars, syl));
        }
        let mut v: ByFirst = m.into_iter().collect();
        v.sort_unstable_by_key(|(c, _)| *c);
        v
    })
}

/// The longest table word starting at `chars[i]`, as (length in chars, syllables).
pub fn word_at(chars: &[char], i: usize) -> Option<(usize, &'static str)> {
    let c = *chars.get(i)?;
    // Table words are Chinese: skip the search for ASCII and other chars below CJK.
    if u32::from(c) < 0x3400 {
        return None;
    }
    let table = by_first();
    let at = table.binary_search_by_key(&c, |(first, _)| *first).ok()?;
    table[at]
        .1
        .iter()
        .filter(|(w, _)| chars[i..].starts_with(w))
        .map(|(w, syl)| (w.len(), *syl))
        .max_by_key(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_one_syllable_per_character() {
        for (word, syl) in WORDS {
            assert_eq!(
                word.chars().count(),
                syl.split(' ').count(),
                "{word} → {syl}"
            );
            assert!(syl.bytes().all(|b| b == b' ' || b.is_ascii_lowercase()));
        }
    }

    #[test]
    fn longest_word_wins() {
        let chars: Vec<char> = "长寿命电池".chars().collect();
        assert_eq!(word_at(&chars, 0), Some((3, "chang shou ming")));
        assert_eq!(word_at(&chars, 3), None);
    }
}
