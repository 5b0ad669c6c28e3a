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

/// How many of the records written since the last listing the desk's count asks for partners,
/// the latest written first; when more were written it says "N+". Each is one suggestion
/// search (milliseconds at 100k records), and the count runs again after every change: after
/// an import of 100,000 records uncounted it kept a core busy for minutes. A listing asks
/// them all.
pub const COUNT_AT_MOST: usize = 200;

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
    let found = find_opening(db, index, since, min_score, None)?;
    if matches!(since, Since::LastAsked) {
        remember(db, &found)?;
    }
    Ok(found)
}

/// The new matches as [`find`] finds them, writing nothing, the suggestion index opened
/// (`index`) only when a record was written since: on a database where nothing was, it is
/// the bulk of the work and of the memory. With `at_most`, only that many of the records
/// written since are asked, the latest first ([`Found::more`] says whether others were
/// left): a count, never a listing, since the mark moves past them all.
pub fn find_opening(
    db: &Db,
    index: impl FnOnce(&Db) -> DbResult<SuggestIndex>,
    since: &Since,
    min_score: f64,
    at_most: Option<usize>,
) -> DbResult<Found> {
    let asked = asked(db.conn(), since, at_most)?;
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
    /// Records written since were left out (`at_most`).
    more: bool,
}

impl Asked {
    /// No record to ask: the listing is empty whatever the index.
    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Which records a listing `since` looks at (none the first time: see the module notes); of
/// those written since the last listing, at most `at_most` (the latest written) when given.
fn asked(conn: &dyn Sql, since: &Since, at_most: Option<usize>) -> DbResult<Asked> {
    let rev = suggest_stamp::records(conn)?.rev;
    let (mut ids, mut more, mut first) = (Vec::new(), false, false);
    match since {
        Since::LastAsked => {
            let (mark, listed) = matches::mark(conn)?;
            first = !listed;
            if !first {
                (ids, more) = match at_most {
                    Some(n) => matches::written_after_newest(conn, mark, n)?,
                    None => (matches::written_after(conn, mark)?, false),
                };
            }
        }
        Since::Date(d) => ids = matches::written_since(conn, d)?,
    }
    Ok(Asked {
        ids,
        rev,
        first,
        more,
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
    /// Only some of the records written since were asked (a count's `at_most`): `couples`
    /// is a lower bound, and remembering it would pass over the others.
    pub more: bool,
    /// The records' revision they were found at: the mark once remembered.
    rev: i64,
}

impl Found {
    /// Nothing found for `asked` (no record to ask).
    fn none(asked: &Asked) -> Found {
        Found {
            first: asked.first,
            more: asked.more,
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
    find_for(conn, index, asked(conn, since, None)?, since, min_score)
}

/// [`find`] over the records `asked`.
fn find_for(
    conn: &dyn Sql,
    index: &SuggestIndex,
    asked: Asked,
    since: &Since,
    min_score: f64,
) -> DbResult<Found> {
    let Asked {
        ids,
        rev,
        first,
        more,
    } = asked;
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
        more,
        rev,
    })
}

/// Remembers `found` as listed: its couples are not new again, and the mark moves on.
pub fn remember(db: &mut Db, found: &Found) -> DbResult<()> {
    debug_assert!(!found.more, "a partial count is never remembered");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{Levers, persist};

    fn add(db: &mut Db, kind: Kind) -> i64 {
        let mut r = Record::new(kind, "电解铜箔表面处理");
        r.field = "新材料".into();
        r.keywords = "电解铜箔".into();
        db.write(|tx| records::insert(tx, &mut r)).unwrap();
        r.id
    }

    fn count(db: &Db, at_most: Option<usize>) -> Found {
        let index = |db: &Db| persist::open(db.conn(), &db.cache_anchor(), Levers::default());
        find_opening(db, index, &Since::LastAsked, MIN_SCORE, at_most).unwrap()
    }

    #[test]
    fn a_count_at_most_asks_the_latest_written_records_and_says_others_were_left() {
        let mut db = Db::open_in_memory().unwrap();
        let demand = add(&mut db, Kind::Demand);
        let first = count(&db, None);
        assert!(first.first && first.couples.is_empty());
        remember(&mut db, &first).unwrap();
        let older = add(&mut db, Kind::Achievement);
        let latest = add(&mut db, Kind::Achievement);

        let some = count(&db, Some(1));
        assert!(some.more, "one of two written records left out");
        let pairs: Vec<(i64, i64)> = some.couples.iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(pairs, vec![(demand, latest)], "the latest written is asked");

        let all = count(&db, None);
        assert!(!all.more);
        let mut pairs: Vec<(i64, i64)> = all.couples.iter().map(|c| (c.0, c.1)).collect();
        pairs.sort_unstable();
        assert_eq!(pairs, vec![(demand, older), (demand, latest)]);
        assert!(
            !count(&db, Some(2)).more,
            "as many as were written: none left"
        );
    }
}
