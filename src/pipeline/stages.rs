//! Stage moves: which fields a target stage needs, validating a move, and applying it with
//! its history entry and undo entry.
//!
//! Rules: moving to the stage a pair is in is refused. Signed needs a contract amount (万元,
//! more than 0) and a signing date; Registered needs a contract type and a registration number, and
//! an amount and date too when the pair was never signed. Shelved needs a reason (a note is
//! optional). Any stage may move to Shelved and a shelved pair may move to any stage
//! (reactivation clears the shelve reason). Moving left keeps recorded contract data, so a
//! pair that already carries an amount and date does not need them again. Fields that the
//! target stage does not take are refused rather than silently dropped.

use crate::store::Sql;
use jiff::civil::Date;

use super::pairs::{pair_by_code, row_by_code};
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{self, Db};
use crate::domain::undo::{Inverse, desk};
use crate::domain::{Code, ContractType, Money, Pair, PairRow, ShelveReason, Stage, StageChange};

/// A requested stage move and the fields the target stage may need.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveRequest {
    /// The pair to move.
    pub pair: Code,
    /// Where to.
    pub to: Stage,
    /// The stage the user saw the pair in: when it is elsewhere now (someone moved it
    /// meanwhile), the move is refused with [`PipelineError::Conflict`].
    pub expect: Option<Stage>,
    /// Contract amount (Signed, Registered).
    pub amount: Option<Money>,
    /// Signing date (Signed, Registered).
    pub signed_on: Option<Date>,
    pub contract_type: Option<ContractType>,
    pub reg_no: Option<String>,
    pub reason: Option<ShelveReason>,
    /// Optional note on a shelving.
    pub note: Option<String>,
    /// Landed with no payment received: why (the explicit override).
    pub override_note: Option<String>,
}

impl MoveRequest {
    /// A move of `pair` to `to` with no fields and no expected stage.
    pub fn new(pair: Code, to: Stage) -> MoveRequest {
        MoveRequest {
            pair,
            to,
            expect: None,
            amount: None,
            signed_on: None,
            contract_type: None,
            reg_no: None,
            reason: None,
            note: None,
            override_note: None,
        }
    }
}

/// Which prompts a move to a stage must show for a given pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    /// Contract amount (万元) and signing date.
    pub amount_date: bool,
    /// Contract type and registration number.
    pub contract: bool,
    /// Shelve reason (with an optional note).
    pub reason: bool,
}

impl Needs {
    /// Whether any prompt is needed.
    pub fn any(self) -> bool {
        self.amount_date || self.contract || self.reason
    }
}

/// What moving `pair` to `to` requires that the pair does not already carry.
pub fn needs(to: Stage, pair: &Pair) -> Needs {
    let unsigned = pair.amount.is_none() || pair.signed_on.is_none();
    match to {
        Stage::Signed => Needs {
            amount_date: unsigned,
            ..Needs::default()
        },
        Stage::Registered => Needs {
            amount_date: unsigned,
            contract: pair.contract_type.is_none() || pair.reg_no.is_none(),
            reason: false,
        },
        Stage::Shelved => Needs {
            reason: true,
            ..Needs::default()
        },
        _ => Needs::default(),
    }
}

/// The pair as it will be after the move, or why the move is refused. `at` is the move's
/// timestamp.
pub fn apply(pair: &Pair, req: &MoveRequest, at: &str) -> PipelineResult<Pair> {
    let code = pair.code();
    if req.to == pair.stage {
        return Err(PipelineError::SameStage {
            pair: code,
            stage: pair.stage,
        });
    }
    let takes_contract_money = matches!(req.to, Stage::Signed | Stage::Registered);
    let given: [(&str, bool, bool); 7] = [
        ("--amount", req.amount.is_some(), takes_contract_money),
        ("--date", req.signed_on.is_some(), takes_contract_money),
        (
            "--contract-type",
            req.contract_type.is_some(),
            req.to == Stage::Registered,
        ),
        (
            "--reg-no",
            req.reg_no.is_some(),
            req.to == Stage::Registered,
        ),
        ("--reason", req.reason.is_some(), req.to == Stage::Shelved),
        ("--note", req.note.is_some(), req.to == Stage::Shelved),
        (
            "--override",
            req.override_note.is_some(),
            req.to == Stage::Landed,
        ),
    ];
    if let Some((flag, ..)) = given.iter().find(|(_, g, ok)| *g && !*ok) {
        return Err(PipelineError::Invalid(format!(
            "moving {code} to {} takes no {flag}",
            req.to.key()
        )));
    }
    if let Some(a) = req.amount
        && a == Money::ZERO
    {
        return Err(PipelineError::Invalid(format!(
            "the contract amount must be more than 0 万元 (got {a})"
        )));
    }
    let reg_no = req
        .reg_no
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    if req.reg_no.is_some() && reg_no.is_none() {
        return Err(PipelineError::Invalid(
            "the registration number is empty".into(),
        ));
    }

    let mut next = pair.clone();
    if req.amount.is_some() {
        next.amount = req.amount;
    }
    if let Some(d) = req.signed_on {
        next.signed_on = Some(d.to_string());
    }
    if req.contract_type.is_some() {
        next.contract_type = req.contract_type;
    }
    if reg_no.is_some() {
        next.reg_no = reg_no;
    }
    let mut missing = Vec::new();
    if takes_contract_money {
        if next.amount.is_none() {
            missing.push("--amount (万元)");
        }
        if next.signed_on.is_none() {
            missing.push("--date");
        }
    }
    if req.to == Stage::Registered {
        if next.contract_type.is_none() {
            missing.push("--contract-type");
        }
        if next.reg_no.is_none() {
            missing.push("--reg-no");
        }
    }
    if req.to == Stage::Shelved && req.reason.is_none() {
        missing.push("--reason");
    }
    if !missing.is_empty() {
        return Err(PipelineError::Missing {
            pair: code,
            to: req.to,
            what: join_and(&missing),
        });
    }
    if req.to == Stage::Shelved {
        next.shelve_reason = req.reason;
        next.shelve_note = req
            .note
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
    } else {
        next.shelve_reason = None;
        next.shelve_note = None;
    }
    next.stage = req.to;
    next.stage_since = at.to_string();
    next.updated_at = at.to_string();
    Ok(next)
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The stage a shelved pair was shelved from (its latest move to Shelved), where taking it up
/// again returns it; Candidate when the history does not say.
pub fn shelved_from(conn: &dyn Sql, pair: Code) -> PipelineResult<Stage> {
    let p = pair_by_code(conn, pair)?;
    shelved_from_in(conn, &p)
}

fn shelved_from_in(conn: &dyn Sql, p: &Pair) -> PipelineResult<Stage> {
    let history = db::followups::history_of(conn, p.id)?;
    Ok(history
        .iter()
        .rev()
        .find(|c| c.to == Stage::Shelved)
        .and_then(|c| c.from)
        .filter(|&s| s != Stage::Shelved)
        .unwrap_or(Stage::Candidate))
}

/// [`move_to`] by the desk of this process; returns the pair alone.
pub fn move_pair(db: &mut Db, clock: &Clock, req: &MoveRequest) -> PipelineResult<Pair> {
    Ok(move_to(db, clock, req, &desk())?.pair)
}

/// Moves a pair, recording the stage history entry and the undo step (made by `origin`) in
/// one transaction. Returns the pair after the move, with its sides.
pub fn move_to(
    db: &mut Db,
    clock: &Clock,
    req: &MoveRequest,
    origin: &str,
) -> PipelineResult<PairRow> {
    db.write(|tx| {
        let before = pair_by_code(tx, req.pair)?;
        move_journalled(tx, clock, &before, req, origin)
    })
}

/// Takes a shelved pair up again, back to the stage it was shelved from, in one
/// transaction. A pair no longer shelved (someone took it up meanwhile) is refused with
/// [`PipelineError::Conflict`].
pub fn reactivate(db: &mut Db, clock: &Clock, code: Code, origin: &str) -> PipelineResult<PairRow> {
    db.write(|tx| {
        let before = pair_by_code(tx, code)?;
        let to = shelved_from_in(tx, &before)?;
        let mut req = MoveRequest::new(code, to);
        req.expect = Some(Stage::Shelved);
        move_journalled(tx, clock, &before, &req, origin)
    })
}

/// Checks the expected stage, moves, journals; inside the caller's transaction.
fn move_journalled(
    conn: &dyn Sql,
    clock: &Clock,
    before: &Pair,
    req: &MoveRequest,
    origin: &str,
) -> PipelineResult<PairRow> {
    if let Some(expected) = req.expect
        && expected != before.stage
    {
        return Err(PipelineError::Conflict {
            pair: req.pair,
            expected,
            current: before.stage,
        });
    }
    let (after, change_id) = move_in(conn, clock, before, req)?;
    db::undo::push(
        conn,
        &crate::domain::undo::Label::Move {
            code: req.pair.to_string(),
            from: before.stage.key().to_string(),
            to: after.stage.key().to_string(),
        }
        .stored(),
        &Inverse::RestoreStage {
            before: Box::new(before.clone()),
            stage_change_id: change_id,
        },
        &clock.stamp(),
        origin,
    )?;
    row_by_code(conn, req.pair)
}

/// Applies a move inside the caller's transaction (no undo entry); returns the new pair and
/// the id of its history entry.
pub(crate) fn move_in(
    conn: &dyn Sql,
    clock: &Clock,
    before: &Pair,
    req: &MoveRequest,
) -> PipelineResult<(Pair, i64)> {
    let at = clock.stamp();
    let mut after = apply(before, req, &at)?;
    if after.stage == Stage::Landed {
        landed_rule(conn, before, req)?;
    }
    db::pairs::write_state(conn, &mut after)?;
    let change = db::followups::insert_change(
        conn,
        &StageChange {
            id: 0,
            pair_id: before.id,
            from: Some(before.stage),
            to: after.stage,
            at,
            actor: None,
        },
    )?;
    Ok((after, change))
}

/// 落地 needs money received: at least one payment, or an explicit override with a note
/// (kept with the contract, shown while the pair is landed).
fn landed_rule(conn: &dyn Sql, before: &Pair, req: &MoveRequest) -> PipelineResult<()> {
    let note = req
        .override_note
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if req.override_note.is_some() && note.is_none() {
        return Err(PipelineError::Invalid(
            "--override needs a note saying why the pair lands with no payment".into(),
        ));
    }
    if let Some(note) = note {
        return super::contracts::set_landed_note(conn, before.id, note);
    }
    if db::contracts::payment_count(conn, before.id)? == 0 {
        return Err(PipelineError::Missing {
            pair: req.pair,
            to: Stage::Landed,
            what: format!(
                "a payment received (duijie paid {} --amount … --date …) or --override NOTE",
                req.pair
            ),
        });
    }
    Ok(())
}
