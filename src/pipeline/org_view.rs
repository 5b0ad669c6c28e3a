//! One organisation with everything it holds: its demands and results, their pairs with
//! their stages, the latest follow-ups on those pairs, its people, and the totals signed and
//! landed. `duijie org NAME|CODE` prints it; the desk's organisation view shows it.

use crate::store::Sql;
use serde::Serialize;

use super::orgs::{OrgError, OrgResult};
use crate::db::{self, contacts, orgs, records};
use crate::domain::contact::Contact;
use crate::domain::org::{Org, region_label};
use crate::domain::{FollowUp, Kind, Money, Stage};

/// How many follow-ups the view lists, newest first.
pub const RECENT_FOLLOWUPS: usize = 8;

/// A demand or result of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgRecord {
    pub id: i64,
    pub code: String,
    pub title: String,
    /// The org text as the record holds it (it may differ from the organisation's name).
    pub org_text: String,
}

/// A pair one of its records takes part in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgPair {
    pub id: i64,
    pub code: String,
    pub stage: Stage,
    pub demand: String,
    pub result: String,
    /// Contract amount (JSON: 万元).
    #[serde(rename = "amount_wan")]
    pub amount: Option<Money>,
}

/// A follow-up on one of its pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgFollowUp {
    pub pair: String,
    #[serde(flatten)]
    pub followup: FollowUp,
}

/// The organisation view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgDetail {
    #[serde(flatten)]
    pub org: Org,
    pub code: String,
    /// "河南 · 郑州" (the region as written when it names no province).
    pub region_label: String,
    /// The normalised names it is known by.
    pub keys: Vec<String>,
    pub demands: Vec<OrgRecord>,
    pub results: Vec<OrgRecord>,
    pub pairs: Vec<OrgPair>,
    pub followups: Vec<OrgFollowUp>,
    pub contacts: Vec<Contact>,
    /// Sum of the amounts of pairs signed, registered or landed (JSON: 万元).
    #[serde(rename = "signed_wan")]
    pub signed: Money,
    /// Sum of the amounts of landed pairs (JSON: 万元).
    #[serde(rename = "landed_wan")]
    pub landed: Money,
}

/// The view of organisation `org`.
pub fn detail(conn: &dyn Sql, org: Org) -> OrgResult<OrgDetail> {
    let (mut demands, mut results, mut pairs) = (vec![], vec![], Vec::<OrgPair>::new());
    for id in orgs::record_ids(conn, org.id)? {
        let Some(rec) = records::get(conn, id)? else {
            continue;
        };
        let row = OrgRecord {
            id,
            code: rec.code().to_string(),
            title: rec.title.clone(),
            org_text: rec.org.clone(),
        };
        match rec.kind {
            Kind::Demand => demands.push(row),
            Kind::Achievement => results.push(row),
        }
        for (pair, _) in db::pairs::of_record(conn, id)? {
            if pairs.iter().any(|p| p.id == pair.id) {
                continue;
            }
            let title = |rid: i64| -> OrgResult<String> {
                Ok(records::get(conn, rid)?
                    .map(|r| r.title)
                    .unwrap_or_default())
            };
            pairs.push(OrgPair {
                id: pair.id,
                code: pair.code().to_string(),
                stage: pair.stage,
                demand: title(pair.demand_id)?,
                result: title(pair.result_id)?,
                amount: pair.amount,
            });
        }
    }
    pairs.sort_by_key(|p| p.id);
    let mut followups = Vec::new();
    for p in &pairs {
        for f in db::followups::of_pair(conn, p.id)? {
            followups.push(OrgFollowUp {
                pair: p.code.clone(),
                followup: f,
            });
        }
    }
    followups.sort_by(|a, b| b.followup.at.cmp(&a.followup.at));
    followups.truncate(RECENT_FOLLOWUPS);
    let sum = |keep: &dyn Fn(Stage) -> bool| {
        Money::total(
            pairs
                .iter()
                .filter(|p| keep(p.stage))
                .filter_map(|p| p.amount),
        )
    };
    let signed = sum(&|s| matches!(s, Stage::Signed | Stage::Registered | Stage::Landed));
    let landed = sum(&|s| s == Stage::Landed);
    Ok(OrgDetail {
        code: org.code(),
        region_label: region_label(&org.region),
        keys: orgs::keys_of(conn, org.id)?,
        contacts: contacts::of_org(conn, org.id)?,
        demands,
        results,
        pairs,
        followups,
        signed,
        landed,
        org,
    })
}

/// The view of the organisation `text` names (code or name).
pub fn detail_of(conn: &dyn Sql, text: &str) -> OrgResult<OrgDetail> {
    detail(conn, super::orgs::resolve(conn, text)?)
}

/// What the desk's `O` opens from: a record, a pair (its demand's organisation, else its
/// result's) or a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgOf {
    /// The organisation itself, by row id.
    Org(i64),
    Record(i64),
    Pair(i64),
    Contact(i64),
}

/// The view of the organisation behind `what`.
pub fn detail_for(conn: &dyn Sql, what: OrgOf) -> OrgResult<OrgDetail> {
    let org = match what {
        OrgOf::Org(id) => orgs::get(conn, id)?,
        OrgOf::Record(id) => orgs::of_record(conn, id)?,
        OrgOf::Pair(id) => {
            let pair =
                db::pairs::get(conn, id)?.ok_or_else(|| OrgError::NotFound(format!("P{id}")))?;
            match orgs::of_record(conn, pair.demand_id)? {
                Some(o) => Some(o),
                None => orgs::of_record(conn, pair.result_id)?,
            }
        }
        OrgOf::Contact(id) => match contacts::get(conn, id)?.and_then(|c| c.org_id) {
            Some(org) => orgs::get(conn, org)?,
            None => None,
        },
    };
    let org = org.ok_or(OrgError::NoOrg)?;
    detail(conn, org)
}
