//! New matches after new data: the suggestions that appeared since they were last listed.
//!
//! Only a record written since then can bring a new match (a new result for old demands, a
//! new demand, or an edited one), so only those are asked for their partners: after an
//! import of 500 results that is 500 suggestions, not one per record. Each couple found (at
//! or above the least score, not paired, not dismissed, not listed before) is shown under its
//! demand and under its result, and remembered so it is not listed again.

use crate::store::Sql;
use std::collections::BTreeMap;

use crate::db::{Db, DbResult, matches, records, suggest_stamp};
use crate::domain::{Code, Kind, Record};

use super::{SuggestIndex, Suggestion, is_closed, suggest_for};

/// How many of a written record's best partners may be new matches.
const PER_RECORD: usize = 10;

/// The least score of a new match unless asked otherwise (`--min-score`; the desk's count).
pub const MIN_SCORE: f64 = 30.0;

/// Which records' suggestions are looked at.
#[derive(Debug, Clone)]
pub enum Since {
    /// Those written since the last listing (which this listing then moves on).
    LastAsked,
    /// Those added or changed on or after this date (YYYY-MM-DD); remembers nothing.
    Date(String),
}

/// One side of a new match as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub id: i64,
    pub code: Code,
    pub title: String,
    pub score: f64,
    /// The reasons, as the suggestion gave them (Chinese and codes).
    pub reasons: Vec<super::Why>,
}

/// An open record and its new matches, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: i64,
    pub code: Code,
    pub title: String,
    pub partners: Vec<Partner>,
}

/// The new matches, demands first then results (each by code), and, for [`Since::LastAsked`],
/// remembered with the mark moved on. The suggestion index is opened (`index`) only when a
/// record was written since.
pub fn new_matches(
    db: &mut Db,
    index: impl FnOnce(&Db) -> DbResult<SuggestIndex>,
    since: &Since,
    min_score: f64,
) -> DbResult<Found> {
    let found = find_opening(db, index, since, min_score)?;
    if matches!(since, Since::LastAsked) {
        remember(db, &found)?;
    }
    Ok(found)
}

/// The new matches as [`find`] finds them, writing nothing, the suggestion index opened
/// (`index`) only when a record was written since: on a database where nothing was, it is
/// the bulk of the work and of the memory.
pub fn find_opening(
    db: &Db,
    index: impl FnOnce(&Db) -> DbResult<SuggestIndex>,
    since: &Since,
    min_score: f64,
) -> DbResult<Found> {
    let asked = asked(db.conn(), since)?;
    if asked.is_empty() {
        return Ok(Found::none(&asked));
    }
    find_for(db.conn(), &index(db)?, asked, since, min_score)
}

/// The records whose suggestions a listing looks at.
struct Asked {
    ids: Vec<i64>,
    /// The records' revision when read: the mark once remembered.
    rev: i64,
    /// Never listed before: nothing is new yet, and the mark is set.
    first: bool,
}

impl Asked {
    /// No record to ask: the listing is empty whatever the index.
    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Which records a listing `since` looks at (none the first time: see the module notes).
fn asked(conn: &dyn Sql, since: &Since) -> DbResult<Asked> {
    let rev = suggest_stamp::records(conn)?.rev;
    Ok(match since {
        Since::LastAsked => {
            let (mark, listed) = matches::mark(conn)?;
            let first = !listed;
            Asked {
                ids: if first {
                    Vec::new()
                } else {
                    matches::written_after(conn, mark)?
                },
                rev,
                first,
            }
        }
        Since::Date(d) => Asked {
            ids: matches::written_since(conn, d)?,
            rev,
            first: false,
        },
    })
}

/// New matches found and not yet remembered (the desk counts them without listing them).
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Demands first then results, each by code.
    pub groups: Vec<Group>,
    /// (demand id, result id, score) of each new couple, once.
    pub couples: Vec<(i64, i64, f64)>,
    /// The first listing of this database: nothing is new yet (remember it to set the mark).
    pub first: bool,
    /// The records' revision they were found at: the mark once remembered.
    rev: i64,
}

impl Found {
    /// Nothing found for `asked` (no record to ask).
    fn none(asked: &Asked) -> Found {
        Found {
            first: asked.first,
            rev: asked.rev,
            ..Found::default()
        }
    }
}

/// The new matches as [`new_matches`] finds them, writing nothing.
pub fn find(
    conn: &dyn Sql,
    index: &SuggestIndex,
    since: &Since,
    min_score: f64,
) -> DbResult<Found> {
    find_for(conn, index, asked(conn, since)?, since, min_score)
}

/// [`find`] over the records `asked`.
fn find_for(
    conn: &dyn Sql,
    index: &SuggestIndex,
    asked: Asked,
    since: &Since,
    min_score: f64,
) -> DbResult<Found> {
    let Asked { ids, rev, first } = asked;
    let mut groups: BTreeMap<(u8, i64), Group> = BTreeMap::new();
    let mut couples: Vec<(i64, i64, f64)> = Vec::new();
    for id in ids {
        let Some(rec) = records::get(conn, id)? else {
            continue;
        };
        if is_closed(&rec.status) {
            continue;
        }
        for s in suggest_for(conn, index, &rec, PER_RECORD, false)? {
            if s.paired || s.score < min_score {
                continue;
            }
            let (d, r) = match rec.kind {
                Kind::Demand => (rec.id, s.id),
                Kind::Achievement => (s.id, rec.id),
            };
            let listed = couples.iter().any(|c| c.0 == d && c.1 == r);
            if listed || matches!(since, Since::LastAsked) && matches::seen(conn, d, r)? {
                continue;
            }
            couples.push((d, r, s.score));
            add(&mut groups, &rec, &s);
        }
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    for g in &mut groups {
        g.partners.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.code.num.cmp(&b.code.num))
        });
    }
    Ok(Found {
        groups,
        couples,
        first,
        rev,
    })
}

/// Remembers `found` as listed: its couples are not new again, and the mark moves on.
pub fn remember(db: &mut Db, found: &Found) -> DbResult<()> {
    db.write(|tx| {
        for &(d, r, score) in &found.couples {
            matches::set_seen(tx, d, r, score)?;
        }
        matches::set_mark(tx, found.rev)
    })
}

/// Lists the couple of `rec` and its suggestion `s` under each of them.
fn add(groups: &mut BTreeMap<(u8, i64), Group>, rec: &Record, s: &Suggestion) {
    let key = |kind: Kind, code: Code| (u8::from(kind == Kind::Achievement), code.num);
    let mut put = |id: i64, code: Code, kind: Kind, title: &str, partner: Partner| {
        groups
            .entry(key(kind, code))
            .or_insert_with(|| Group {
                id,
                code,
                title: title.to_string(),
                partners: Vec::new(),
            })
            .partners
            .push(partner);
    };
    put(
        rec.id,
        rec.code(),
        rec.kind,
        &rec.title,
        Partner {
            id: s.id,
            code: s.code,
            title: s.title.clone(),
            score: s.score,
            reasons: s.reasons.clone(),
        },
    );
    put(
        s.id,
        s.code,
        rec.kind.other(),
        &s.title,
        Partner {
            id: rec.id,
            code: rec.code(),
            title: rec.title.clone(),
            score: s.score,
            reasons: s.reasons.clone(),
        },
    );
}
