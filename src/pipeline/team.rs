//! A team on one pipeline: handing a pair over, whose pairs are "mine", and which steps undo
//! may take back (only your own; a later step of a colleague on the same pair or record stops
//! it rather than be overwritten).
//!
//! Rows from before names (no owner, no actor) belong to nobody in particular: they count as
//! everyone's own, so a broker who upgrades alone sees and undoes everything as before.

use crate::store::Sql;

use super::pairs::{pair_by_code, row_by_code};
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{self, Db};
use crate::domain::undo::{Inverse, Label, UndoStep};
use crate::domain::{Code, PairRow};

/// What a handover did.
#[derive(Debug, Clone, PartialEq)]
pub struct HandedOver {
    /// The pair, as it is now.
    pub row: PairRow,
    /// Its owner before (`None`: nobody's in particular).
    pub from: Option<String>,
    /// Whether anything changed (false: it was `to`'s already).
    pub changed: bool,
    /// Whether `to` had done nothing recorded before (a typo makes up a new broker).
    pub new_name: bool,
}

/// Hands pair `code` over to `to` (cleaned like every name), journalled as one undo step
/// made by `origin`. Handing a pair to its owner changes nothing.
pub fn handover(
    db: &mut Db,
    clock: &Clock,
    code: Code,
    to: &str,
    origin: &str,
) -> PipelineResult<HandedOver> {
    let Some(to) = crate::broker::clean(to) else {
        return Err(PipelineError::Invalid(format!(
            "hand {code} over to whom? a name is needed"
        )));
    };
    db.write(|tx| {
        let mut pair = pair_by_code(tx, code)?;
        let from = pair.owner.clone();
        if from.as_deref() == Some(to.as_str()) {
            return Ok(HandedOver {
                row: row_by_code(tx, code)?,
                from,
                changed: false,
                new_name: false,
            });
        }
        let new_name = !db::actor::known(tx)?.contains(&to);
        db::undo::push(
            tx,
            &Label::Handover {
                code: code.to_string(),
                from: from.clone(),
                to: to.clone(),
            }
            .stored(),
            &Inverse::SetOwner {
                pair_id: pair.id,
                owner: from.clone(),
            },
            &clock.stamp(),
            origin,
        )?;
        pair.owner = Some(to);
        pair.updated_at = clock.stamp();
        db::pairs::write_state(tx, &mut pair)?;
        Ok(HandedOver {
            row: row_by_code(tx, code)?,
            from,
            changed: true,
            new_name,
        })
    })
}

/// Whether a pair owned by `owner` is among `me`'s: every pair when there is no name, and a
/// pair from before names (no owner) is everyone's.
pub fn is_mine(owner: Option<&str>, me: Option<&str>) -> bool {
    match (owner, me) {
        (None, _) | (_, None) => true,
        (Some(o), Some(m)) => o == m,
    }
}

/// Who the board and the agenda show by default, and whether "mine" leaves anything out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    /// The broker at the desk (`None`: no name, every pair is theirs).
    pub me: Option<String>,
    /// Whether pairs are owned by anyone but `me`: when not, mine and everyone's are one
    /// and the same (a broker working alone, or one who has just upgraded).
    pub others: bool,
}

impl Scope {
    /// The scope of `me` over the pairs stored now.
    pub fn of(conn: &dyn Sql, me: Option<&str>) -> PipelineResult<Scope> {
        let owners = db::actor::owners(conn)?;
        Ok(Scope {
            me: me.map(str::to_string),
            others: me.is_some() && owners.iter().any(|o| Some(o.as_str()) != me),
        })
    }

    /// Whether the pair of `owner` shows under "mine".
    pub fn mine(&self, owner: Option<&str>) -> bool {
        !self.others || is_mine(owner, self.me.as_deref())
    }
}

/// Why an undo of `yours` is refused when it would undo under a colleague's later step: the
/// first of `passed` (the steps newer than yours, all others') that touches what yours does.
/// An import or an organisation change touches too much to tell: any later step stops it.
pub(crate) fn crossing<'a>(
    yours: &Inverse,
    passed: &'a [db::undo::Entry],
) -> Option<&'a db::undo::Entry> {
    let (record, pair) = touches(yours);
    let broad = matches!(yours, Inverse::UndoImport { .. } | Inverse::Org(_));
    passed.iter().rev().find(|e| {
        broad
            || e.inverse.as_ref().is_ok_and(|theirs| {
                let (r, p) = touches(theirs);
                (record.is_some() && r == record) || (pair.is_some() && p == pair)
            })
    })
}

/// The record and pair an undo step's inverse touches.
pub(crate) fn touches(inverse: &Inverse) -> (Option<i64>, Option<i64>) {
    match inverse {
        Inverse::DeletePair { id } => (None, Some(*id)),
        Inverse::RestorePair(s) => (None, Some(s.pair.id)),
        Inverse::RestoreStage { before, .. } | Inverse::RestoreContract { before, .. } => {
            (None, Some(before.id))
        }
        Inverse::DeleteFollowup { pair_id, .. } | Inverse::SetOwner { pair_id, .. } => {
            (None, Some(*pair_id))
        }
        Inverse::RestoreRecord { id, .. } | Inverse::DeleteRecord { id } => (Some(*id), None),
        Inverse::RestoreDeleted(s) => (Some(s.id), None),
        // A record's note taken back is not a record edit: its content is as it was (the
        // desk reads its log again when it sees the record's new revision).
        Inverse::UndoImport { .. } | Inverse::DeleteRecordNote { .. } | Inverse::Org(_) => {
            (None, None)
        }
        Inverse::Several { steps } => steps
            .iter()
            .map(touches)
            .fold((None, None), |a, b| (a.0.or(b.0), a.1.or(b.1))),
    }
}

/// The names of the brokers who made `steps`, each once, joined for a message.
pub fn names_of(steps: &[UndoStep]) -> String {
    let mut names: Vec<String> = Vec::new();
    for s in steps {
        let name = crate::broker::shown(s.actor.as_deref()).into_owned();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}

#[cfg(test)]
#[path = "team_tests.rs"]
mod tests;
