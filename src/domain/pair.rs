//! A pair is one demand with one result the broker thinks may fit, walking through stages.

use serde::{Deserialize, Serialize};

use super::{Code, CodeKind, Money};

/// A pipeline stage. The order of the main line is the order of the variants; `Shelved` sits
/// apart from it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    #[default]
    Candidate,
    Contacted,
    Negotiating,
    Signed,
    Registered,
    Landed,
    Shelved,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Candidate,
        Stage::Contacted,
        Stage::Negotiating,
        Stage::Signed,
        Stage::Registered,
        Stage::Landed,
        Stage::Shelved,
    ];

    /// Key used in the database, the CLI and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Candidate => "candidate",
            Stage::Contacted => "contacted",
            Stage::Negotiating => "negotiating",
            Stage::Signed => "signed",
            Stage::Registered => "registered",
            Stage::Landed => "landed",
            Stage::Shelved => "shelved",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Stage::Candidate => "候选",
            Stage::Contacted => "已联系",
            Stage::Negotiating => "洽谈",
            Stage::Signed => "签约",
            Stage::Registered => "登记",
            Stage::Landed => "落地",
            Stage::Shelved => "搁置",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Stage::Candidate => "Candidate",
            Stage::Contacted => "Contacted",
            Stage::Negotiating => "Negotiating",
            Stage::Signed => "Signed",
            Stage::Registered => "Registered",
            Stage::Landed => "Landed",
            Stage::Shelved => "Shelved",
        }
    }

    /// Accepts the key, the English label or the Chinese label.
    pub fn parse(s: &str) -> Option<Stage> {
        let t = s.trim();
        Stage::ALL.into_iter().find(|st| {
            st.key().eq_ignore_ascii_case(t) || st.en().eq_ignore_ascii_case(t) || st.zh() == t
        })
    }

    /// The next stage on the main line (Shelved and Landed have none).
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Candidate => Some(Stage::Contacted),
            Stage::Contacted => Some(Stage::Negotiating),
            Stage::Negotiating => Some(Stage::Signed),
            Stage::Signed => Some(Stage::Registered),
            Stage::Registered => Some(Stage::Landed),
            Stage::Landed | Stage::Shelved => None,
        }
    }

    /// The previous stage on the main line (Shelved has none: leaving it is a chosen move).
    pub fn prev(self) -> Option<Stage> {
        match self {
            Stage::Candidate | Stage::Shelved => None,
            Stage::Contacted => Some(Stage::Candidate),
            Stage::Negotiating => Some(Stage::Contacted),
            Stage::Signed => Some(Stage::Negotiating),
            Stage::Registered => Some(Stage::Signed),
            Stage::Landed => Some(Stage::Registered),
        }
    }
}

macro_rules! keyed_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident => $key:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($var,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var,)*];
            pub fn key(self) -> &'static str { match self { $($name::$var => $key,)* } }
            pub fn zh(self) -> &'static str { match self { $($name::$var => $zh,)* } }
            pub fn en(self) -> &'static str { match self { $($name::$var => $en,)* } }
            /// Accepts the key, the English label or the Chinese label.
            pub fn parse(s: &str) -> Option<$name> {
                let t = s.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.key().eq_ignore_ascii_case(t) || v.en().eq_ignore_ascii_case(t) || v.zh() == t
                })
            }
        }
    };
}

keyed_enum!(
    /// How a follow-up happened.
    Channel {
        Phone => "phone", "电话", "Phone";
        Visit => "visit", "走访", "Visit";
        Meeting => "meeting", "会谈", "Meeting";
        Email => "email", "邮件", "Email";
        Wechat => "wechat", "微信", "WeChat";
        Roadshow => "roadshow", "路演", "Roadshow";
    }
);

keyed_enum!(
    /// Technology contract type for 技术合同认定登记.
    ContractType {
        Development => "development", "技术开发", "Development";
        Transfer => "transfer", "技术转让", "Transfer";
        Licence => "licence", "技术许可", "Licence";
        Consulting => "consulting", "技术咨询", "Consulting";
        Service => "service", "技术服务", "Service";
    }
);

keyed_enum!(
    /// Why a pair was shelved.
    ShelveReason {
        PriceGap => "price_gap", "价格差距", "Price gap";
        Immature => "immature", "成熟度不足", "Too early / immature";
        IpUnclear => "ip_unclear", "知识产权不清", "IP unclear";
        NoReply => "no_reply", "无回复", "No reply";
        ChoseOther => "chose_other", "选择其他方案", "Chose another solution";
        Budget => "budget", "预算不足", "Budget";
        Other => "other", "其他", "Other";
    }
);

/// One demand × result pair and where it stands. Undo steps keep pairs as JSON: a field
/// missing from an older step takes its default.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pair {
    pub id: i64,
    pub demand_id: i64,
    pub result_id: i64,
    pub note: String,
    pub stage: Stage,
    /// When the pair entered its current stage (RFC 3339).
    pub stage_since: String,
    /// Contract amount (JSON: a number in 万元, as undo entries have always held it).
    #[serde(rename = "amount_wan")]
    pub amount: Option<Money>,
    /// Contract date, YYYY-MM-DD.
    pub signed_on: Option<String>,
    pub contract_type: Option<ContractType>,
    pub reg_no: Option<String>,
    pub shelve_reason: Option<ShelveReason>,
    pub shelve_note: Option<String>,
    pub next_action: Option<String>,
    /// Due date of the next action, YYYY-MM-DD.
    pub next_due: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The revision of the transaction that last wrote the pair (its version for guarded
    /// writes). Undo entries written before revisions existed have none.
    #[serde(default)]
    pub rev: i64,
    /// Who made the pair (`None`: before names were recorded).
    pub created_by: Option<String>,
    /// Whose pair it is: its maker until handed over (`None`: nobody's in particular, a pair
    /// from before names, among everyone's "mine").
    pub owner: Option<String>,
}

impl Pair {
    pub fn code(&self) -> Code {
        Code {
            kind: CodeKind::Pair,
            num: self.id,
        }
    }
}

/// One entry of a pair's follow-up log. Undo steps keep it as JSON: every field but the
/// channel may be missing from an older step and takes its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub pair_id: i64,
    /// When it happened (RFC 3339).
    #[serde(default)]
    pub at: String,
    pub channel: Channel,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub next_action: Option<String>,
    #[serde(default)]
    pub next_due: Option<String>,
    /// Who logged it (`None`: before names were recorded).
    #[serde(default)]
    pub actor: Option<String>,
}

/// One move in a pair's stage history. Undo steps keep it as JSON: every field but the
/// stage moved to may be missing from an older step and takes its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageChange {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub pair_id: i64,
    #[serde(default)]
    pub from: Option<Stage>,
    pub to: Stage,
    #[serde(default)]
    pub at: String,
    /// Who moved it (`None`: before names were recorded).
    #[serde(default)]
    pub actor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_parse_from_key_english_and_chinese() {
        assert_eq!(Stage::parse("signed"), Some(Stage::Signed));
        assert_eq!(Stage::parse("Negotiating"), Some(Stage::Negotiating));
        assert_eq!(Stage::parse("搁置"), Some(Stage::Shelved));
        assert_eq!(Stage::parse("nope"), None);
        assert_eq!(Channel::parse("微信"), Some(Channel::Wechat));
        assert_eq!(ContractType::parse("licence"), Some(ContractType::Licence));
        assert_eq!(
            ShelveReason::parse("price_gap"),
            Some(ShelveReason::PriceGap)
        );
    }

    #[test]
    fn main_line_moves_stop_at_the_ends() {
        assert_eq!(Stage::Candidate.prev(), None);
        assert_eq!(Stage::Landed.next(), None);
        assert_eq!(Stage::Signed.next(), Some(Stage::Registered));
        assert_eq!(Stage::Shelved.next(), None);
    }
}
