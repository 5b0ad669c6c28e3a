//! The contract on a pair after 签约: its terms beyond what the pair holds (technology amount,
//! payment mode, validity, registration date), the planned instalments and the payments
//! received, and how the plan stands against the payments (pure arithmetic on [`Money`]).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Money;

/// How the buyer pays: 一次总付, 分期支付, 提成支付, 入门费+提成.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayMode {
    Lump,
    Instalments,
    Royalty,
    DownRoyalty,
}

impl PayMode {
    pub const ALL: [PayMode; 4] = [
        PayMode::Lump,
        PayMode::Instalments,
        PayMode::Royalty,
        PayMode::DownRoyalty,
    ];

    /// Key used in the database, the CLI and JSON.
    pub fn key(self) -> &'static str {
        match self {
            PayMode::Lump => "lump",
            PayMode::Instalments => "instalments",
            PayMode::Royalty => "royalty",
            PayMode::DownRoyalty => "down_royalty",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            PayMode::Lump => "一次总付",
            PayMode::Instalments => "分期支付",
            PayMode::Royalty => "提成支付",
            PayMode::DownRoyalty => "入门费+提成",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            PayMode::Lump => "Lump sum",
            PayMode::Instalments => "Instalments",
            PayMode::Royalty => "Royalty",
            PayMode::DownRoyalty => "Down payment + royalty",
        }
    }

    /// Accepts the key (`down-royalty` too), the English or the Chinese label.
    pub fn parse(s: &str) -> Option<PayMode> {
        let k = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match k.as_str() {
            "lump" | "lump_sum" | "一次总付" | "一次性" => Some(PayMode::Lump),
            "instalments" | "instalment" | "installments" | "分期" | "分期支付" => {
                Some(PayMode::Instalments)
            }
            "royalty" | "提成" | "提成支付" => Some(PayMode::Royalty),
            "down_royalty" | "down_payment_+_royalty" | "入门费+提成" => {
                Some(PayMode::DownRoyalty)
            }
            _ => None,
        }
    }
}

/// What a contract row holds beside the pair's own contract fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractTerms {
    /// 技术交易额 (JSON: 万元).
    #[serde(rename = "tech_wan")]
    pub tech: Option<Money>,
    pub pay_mode: Option<PayMode>,
    /// End of validity, YYYY-MM-DD.
    pub valid_to: Option<String>,
    /// Registration date, YYYY-MM-DD.
    pub reg_date: Option<String>,
    /// Why the pair landed with no payment received.
    pub landed_note: Option<String>,
    /// Who wrote the terms last (`None`: before names were recorded).
    pub actor: Option<String>,
}

/// One planned instalment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instalment {
    /// YYYY-MM-DD.
    pub due: String,
    /// JSON: 万元.
    #[serde(rename = "amount_wan")]
    pub amount: Money,
}

/// One payment received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    #[serde(default)]
    pub id: i64,
    /// YYYY-MM-DD.
    pub paid_on: String,
    /// JSON: 万元.
    #[serde(rename = "amount_wan")]
    pub amount: Money,
    #[serde(default)]
    pub note: String,
    /// Who recorded it (`None`: before names were recorded).
    #[serde(default)]
    pub actor: Option<String>,
}

/// A pair's whole contract as stored beside it: what undo keeps and restores.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractSnapshot {
    /// The contract row, if there is one.
    pub terms: Option<ContractTerms>,
    /// Planned instalments, by due date.
    pub plan: Vec<Instalment>,
    /// Payments received, oldest first.
    pub payments: Vec<Payment>,
}

impl ContractSnapshot {
    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.terms.is_none() && self.plan.is_empty() && self.payments.is_empty()
    }

    /// Everything received.
    pub fn paid(&self) -> Money {
        Money::total(self.payments.iter().map(|p| p.amount))
    }
}

/// How one planned instalment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstalmentState {
    /// Covered by the payments received (counted oldest instalment first).
    Paid,
    /// Partly covered.
    Partly,
    /// Not covered and not yet due.
    Open,
    /// Not (fully) covered and its date has passed.
    Overdue,
}

/// One instalment with what covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanLine {
    pub due: String,
    #[serde(rename = "amount_wan")]
    pub amount: Money,
    /// How much of it the payments cover (JSON: 万元).
    #[serde(rename = "covered_wan")]
    pub covered: Money,
    pub state: InstalmentState,
}

/// The plan against the payments: payments received cover instalments in date order, the
/// way a buyer settles the oldest debt first.
pub fn plan_lines(plan: &[Instalment], paid: Money, today: Date) -> Vec<PlanLine> {
    let mut left = paid.fen();
    let mut sorted: Vec<&Instalment> = plan.iter().collect();
    sorted.sort_by(|a, b| a.due.cmp(&b.due));
    sorted
        .into_iter()
        .map(|i| {
            let covered = left.min(i.amount.fen());
            left -= covered;
            let overdue = i.due.as_str() < today.to_string().as_str();
            let state = if covered == i.amount.fen() {
                InstalmentState::Paid
            } else if overdue {
                InstalmentState::Overdue
            } else if covered > 0 {
                InstalmentState::Partly
            } else {
                InstalmentState::Open
            };
            PlanLine {
                due: i.due.clone(),
                amount: i.amount,
                covered: Money::from_fen(covered).unwrap_or(Money::ZERO),
                state,
            }
        })
        .collect()
}

/// `total − paid`, never below 0.
pub fn outstanding(total: Option<Money>, paid: Money) -> Money {
    total
        .and_then(|t| Money::from_fen(t.fen().saturating_sub(paid.fen()).max(0)))
        .unwrap_or(Money::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn wan(n: i64) -> Money {
        Money::from_wan(n).unwrap()
    }

    #[test]
    fn pay_modes_parse_from_cli_words_and_chinese() {
        assert_eq!(PayMode::parse("down-royalty"), Some(PayMode::DownRoyalty));
        assert_eq!(PayMode::parse("instalments"), Some(PayMode::Instalments));
        assert_eq!(PayMode::parse("分期"), Some(PayMode::Instalments));
        assert_eq!(PayMode::parse("入门费+提成"), Some(PayMode::DownRoyalty));
        assert_eq!(PayMode::parse("LUMP"), Some(PayMode::Lump));
        assert_eq!(PayMode::parse("monthly"), None);
    }

    #[test]
    fn payments_cover_the_oldest_instalment_first() {
        let plan = vec![
            Instalment {
                due: "2026-12-01".into(),
                amount: wan(50),
            },
            Instalment {
                due: "2026-10-01".into(),
                amount: wan(30),
            },
            Instalment {
                due: "2027-03-01".into(),
                amount: wan(20),
            },
        ];
        let lines = plan_lines(&plan, wan(40), date(2026, 11, 15));
        let states: Vec<_> = lines.iter().map(|l| (l.due.as_str(), l.state)).collect();
        assert_eq!(
            states,
            [
                ("2026-10-01", InstalmentState::Paid),
                ("2026-12-01", InstalmentState::Partly),
                ("2027-03-01", InstalmentState::Open),
            ]
        );
        assert_eq!(lines[1].covered, wan(10));
        let late = plan_lines(&plan, wan(40), date(2026, 12, 2));
        assert_eq!(late[1].state, InstalmentState::Overdue);
        assert_eq!(outstanding(Some(wan(100)), wan(40)), wan(60));
        assert_eq!(outstanding(Some(wan(10)), wan(40)), Money::ZERO);
    }
}
