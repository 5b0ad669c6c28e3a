//! Organisations (codes O1…) as plain data: the normalised key that makes 鄭州大學 and
//! 郑州大学, 漢威科技集團股份有限公司 and 汉威科技集团 one organisation, the kind guessed from
//! the name, and the region label (province · city).

use serde::{Deserialize, Serialize};

use crate::matching::region::Region;
use crate::search::keys::fold;

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 企业.
    Enterprise,
    /// 高校.
    University,
    /// 科研院所 (and hospitals, which hold results the same way).
    Institute,
    /// 政府部门或园区.
    GovernmentOrPark,
    /// Anything else.
    #[default]
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 5] = [
        OrgKind::Enterprise,
        OrgKind::University,
        OrgKind::Institute,
        OrgKind::GovernmentOrPark,
        OrgKind::Other,
    ];

    /// The word stored and accepted on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Enterprise => "enterprise",
            OrgKind::University => "university",
            OrgKind::Institute => "institute",
            OrgKind::GovernmentOrPark => "government_or_park",
            OrgKind::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            OrgKind::Enterprise => "企业",
            OrgKind::University => "高校",
            OrgKind::Institute => "院所",
            OrgKind::GovernmentOrPark => "政府/园区",
            OrgKind::Other => "其他",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            OrgKind::Enterprise => "enterprise",
            OrgKind::University => "university",
            OrgKind::Institute => "institute",
            OrgKind::GovernmentOrPark => "government/park",
            OrgKind::Other => "other",
        }
    }

    /// Parses the stored word, its Chinese label or a short form (`gov`, `park`, 企业…).
    pub fn parse(s: &str) -> Option<OrgKind> {
        let t = s.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "enterprise" | "company" | "企业" | "e" => OrgKind::Enterprise,
            "university" | "college" | "高校" | "大学" | "u" => OrgKind::University,
            "institute" | "院所" | "研究院" | "i" => OrgKind::Institute,
            "government_or_park" | "government" | "gov" | "park" | "政府" | "园区"
            | "政府/园区" | "g" => OrgKind::GovernmentOrPark,
            "other" | "其他" | "o" => OrgKind::Other,
            _ => return None,
        })
    }
}

/// Legal and group suffixes taken off the end of a name for its key, longest first.
const SUFFIXES: &[&str] = &[
    "集团股份有限公司",
    "集团有限责任公司",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "集团公司",
    "股份公司",
    "有限公司",
    "总公司",
    "集团",
    "公司",
];

/// English suffix words (after lower-casing, punctuation read as spaces).
const EN_SUFFIXES: &[&str] = &[
    "co",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "company",
    "group",
    "llc",
    "plc",
];

/// Characters a key ignores: spaces, brackets and punctuation (the text between brackets is
/// kept: 中国石油大学（华东） and 中国石油大学（北京） stay apart).
fn is_ignored(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || "（）【】《》〈〉「」『』〔〕［］｛｝·・、，。：；“”‘’—–－…".contains(c)
}

/// The normalised key of an organisation's name: Simplified script, half-width, lower case,
/// no spaces, brackets or punctuation, without legal suffixes (有限公司, 股份有限公司, 集团,
/// Co., Ltd.…). Empty for a name with nothing left.
pub fn org_key(name: &str) -> String {
    let folded = fold(name);
    // English suffix words come off on word boundaries, before the spaces go.
    let spaced: String = folded
        .chars()
        .map(|c| if is_ignored(c) { ' ' } else { c })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| EN_SUFFIXES.contains(w)) {
        words.pop();
    }
    let mut key: String = words.concat();
    // A branch (…分公司) is its own organisation: its suffix stays.
    while !key.ends_with("分公司") {
        let Some(suffix) = SUFFIXES.iter().find(|s| key.ends_with(**s)) else {
            break;
        };
        let rest = key.len() - suffix.len();
        if key[..rest].chars().count() < 2 {
            break;
        }
        key.truncate(rest);
    }
    key
}

/// Words that give away an organisation's kind. The one ending last in the name wins (清华大学
/// 深圳研究院 is an institute; 中国科学院大学 a university), the longest at the same place.
const MARKERS: &[(&str, OrgKind)] = &[
    ("大学", OrgKind::University),
    ("学院", OrgKind::University),
    ("学校", OrgKind::University),
    ("研究生院", OrgKind::University),
    ("研究生部", OrgKind::University),
    ("university", OrgKind::University),
    ("college", OrgKind::University),
    ("研究院", OrgKind::Institute),
    ("研究所", OrgKind::Institute),
    ("科学院", OrgKind::Institute),
    ("工程院", OrgKind::Institute),
    ("研究中心", OrgKind::Institute),
    ("实验室", OrgKind::Institute),
    ("设计院", OrgKind::Institute),
    ("医院", OrgKind::Institute),
    // Any other 院 (规划院, 保健院…) is a research or public institution.
    ("院", OrgKind::Institute),
    ("法院", OrgKind::GovernmentOrPark),
    ("协会", OrgKind::Other),
    ("学会", OrgKind::Other),
    ("institute", OrgKind::Institute),
    ("academy", OrgKind::Institute),
    ("laboratory", OrgKind::Institute),
    ("政府", OrgKind::GovernmentOrPark),
    ("委员会", OrgKind::GovernmentOrPark),
    ("管委会", OrgKind::GovernmentOrPark),
    ("局", OrgKind::GovernmentOrPark),
    ("厅", OrgKind::GovernmentOrPark),
    ("部", OrgKind::GovernmentOrPark),
    ("办公室", OrgKind::GovernmentOrPark),
    ("园区", OrgKind::GovernmentOrPark),
    ("产业园", OrgKind::GovernmentOrPark),
    ("科技园", OrgKind::GovernmentOrPark),
    ("开发区", OrgKind::GovernmentOrPark),
    ("高新区", OrgKind::GovernmentOrPark),
    ("示范区", OrgKind::GovernmentOrPark),
    ("孵化器", OrgKind::GovernmentOrPark),
    ("公司", OrgKind::Enterprise),
    ("有限", OrgKind::Enterprise),
    ("集团", OrgKind::Enterprise),
    ("厂", OrgKind::Enterprise),
    ("企业", OrgKind::Enterprise),
    ("合作社", OrgKind::Enterprise),
    ("事务所", OrgKind::Enterprise),
    ("ltd", OrgKind::Enterprise),
    ("inc", OrgKind::Enterprise),
    ("corp", OrgKind::Enterprise),
    ("company", OrgKind::Enterprise),
];

/// The kind an organisation's name suggests; [`OrgKind::Other`] when nothing does.
pub fn guess_kind(name: &str) -> OrgKind {
    let folded = fold(name);
    let mut best: Option<(usize, usize, OrgKind)> = None;
    for &(word, kind) in MARKERS {
        if let Some(at) = folded.rfind(word) {
            let end = at + word.len();
            let better = best.is_none_or(|(e, l, _)| end > e || (end == e && word.len() > l));
            if better {
                best = Some((end, word.len(), kind));
            }
        }
    }
    best.map_or(OrgKind::Other, |(_, _, k)| k)
}

/// "河南 · 郑州", "河南", or the text as written when it names no known province.
pub fn region_label(text: &str) -> String {
    let r = Region::parse(text);
    match (r.province, r.city) {
        (Some(p), Some(c)) if c != p => format!("{p} · {c}"),
        (Some(p), _) => p.to_string(),
        _ => text.trim().to_string(),
    }
}

/// The province alone ("河南"), when the text names one.
pub fn region_province(text: &str) -> Option<&'static str> {
    Region::parse(text).province
}

/// An organisation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Org {
    pub id: i64,
    /// The number behind the code (O`seq`).
    pub seq: i64,
    /// The name shown: the first text it was met with, or what the broker renamed it to.
    pub name: String,
    pub kind: OrgKind,
    /// The region as written (from its first record with one, or as edited).
    pub region: String,
    pub note: String,
    /// Made by deriving, never touched by the broker: it goes when nothing refers to it.
    pub auto: bool,
}

impl Org {
    /// Its code, "O12".
    pub fn code(&self) -> String {
        format!("O{}", self.seq)
    }
}

/// What reverses a change to organisations or contacts (kept in the undo journal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum OrgUndo {
    /// Reverses a merge: `from` comes back under its code with its keys and contacts, and
    /// `into` gets back what it was.
    Unmerge {
        from: Org,
        keys: Vec<String>,
        contacts: Vec<i64>,
        into: Org,
    },
    /// Reverses a rename or an edit: the organisation as it was, and the key the new name
    /// added (forgotten again).
    RestoreOrg {
        before: Org,
        added_key: Option<String>,
    },
    /// Reverses adding a contact.
    DeleteContact { id: i64 },
    /// Reverses a contact edit.
    RestoreContact { before: super::contact::Contact },
}

/// Parses an organisation code ("O12", "o12") into its number.
pub fn parse_org_code(s: &str) -> Option<i64> {
    parse_code(s, 'O')
}

/// Parses a contact code ("C3", "c3") into its number.
pub fn parse_contact_code(s: &str) -> Option<i64> {
    parse_code(s, 'C')
}

fn parse_code(s: &str, letter: char) -> Option<i64> {
    let t = s.trim();
    let mut chars = t.chars();
    if chars.next()?.to_ascii_uppercase() != letter {
        return None;
    }
    let num: i64 = chars.as_str().parse().ok()?;
    (num > 0).then_some(num)
}

#[cfg(test)]
#[path = "org_tests.rs"]
mod tests;
