//! The state of a search worker's thread: its index, the rows recent queries matched (a query
//! that grows at its end is answered over them), and the edits made while it loads.

use std::collections::{HashMap, VecDeque};

use super::answer::{Answer, Coverage};
use super::lacking::Lacking;
use super::quick::{QuickPart, merge, outside};
use super::request::{Request, Stop};
use super::term_bounds::TermBounds;
use super::terms::Plan;
use super::{Entry, Index, Scope};

/// Recent queries whose hits are remembered (backspace then retyping also reuses them).
const REMEMBERED: usize = 8;

/// The worker's state: the index and the rows recent queries matched.
pub(super) struct Searcher {
    index: Index,
    limit: usize,
    recent: VecDeque<Memo>,
    coverage: Coverage,
    /// While loading, the last edit of each id (its entry, or None: removed): rows read
    /// before an edit must not undo it, and a whole index handed in at once
    /// ([`super::feed::Feed::whole`]) gets them again.
    edited: Option<HashMap<i64, Option<Entry>>>,
    /// The newest `quick_rows` live slots, in slot order, once a quick answer needs them.
    newest: Option<Vec<u32>>,
    /// Lists above twice this many rows get a quick answer first ([`super::worker::QUICK_ROWS`]).
    quick_rows: usize,
    /// What the last quick answer found, for the full answer to the same query.
    quick_part: Option<QuickPart>,
    /// Rows found without the phrase of the terms typed so far.
    lacking: Lacking,
    /// The bounds of the latest query's terms.
    kept: TermBounds,
}

/// The rows one recent query matched.
struct Memo {
    plan: Plan,
    /// In slot order; may hold rows that do not match (candidates never scored).
    rows: Vec<u32>,
    /// Tier 3 was scanned too, so `rows` holds every match (else tiers 1–2 only).
    complete: bool,
    /// Found over the newest rows only (a first, quick answer).
    quick: bool,
}

impl Searcher {
    /// The state of a worker over `index` (complete or not, as `coverage` says), answering
    /// with at most `limit` hits, first over the newest `quick_rows` rows when the list is
    /// more than twice as large.
    pub(super) fn new(
        index: Index,
        limit: usize,
        coverage: Coverage,
        quick_rows: usize,
    ) -> Searcher {
        let edited = (!coverage.complete).then(HashMap::new);
        Searcher {
            index,
            limit,
            recent: VecDeque::new(),
            coverage,
            edited,
            newest: None,
            quick_rows,
            quick_part: None,
            lacking: Lacking::default(),
            kept: TermBounds::default(),
        }
    }

    /// Rows held.
    pub(super) fn len(&self) -> usize {
        self.index.len()
    }

    /// See [`Searcher::new`].
    pub(super) fn quick_rows(&self) -> usize {
        self.quick_rows
    }

    /// The most hits an answer holds (but for one asked for every hit).
    pub(super) fn limit(&self) -> usize {
        self.limit
    }

    /// Answers `query` with at most `limit` hits, over the newest
    /// [`super::worker::QUICK_ROWS`] rows when `quick`, else every row. When `stop` says a
    /// newer query was asked it gives up early: the hits may then be short of the truth, and
    /// the caller drops them and calls [`Searcher::forget`].
    pub(super) fn answer(
        &mut self,
        seq: u64,
        query: String,
        limit: usize,
        quick: bool,
        stop: &Stop,
    ) -> Answer {
        let plan = self.index.plan(&query);
        if quick && self.newest.is_none() {
            self.newest = Some(self.index.newest_slots(self.quick_rows));
        }
        let newest = if quick {
            self.newest.take().unwrap_or_default()
        } else {
            Vec::new()
        };
        let all = if quick {
            Scope::Rows(&newest)
        } else {
            Scope::Range(0, self.index.slots())
        };
        // Tiers 1–2 of a longer query lie within any earlier match set of its prefixes;
        // tier 3 only within a complete one. Scans cost per row looked at, so even a large
        // earlier set (kept in slot order, as memory lies) beats scanning every row.
        let base = |complete: bool| {
            self.recent
                .iter()
                .filter(|m| m.quick == quick && (m.complete || !complete) && plan.narrows(&m.plan))
                .min_by_key(|m| m.rows.len())
                .map_or(all, |m| Scope::Rows(&m.rows))
        };
        let Some(q) = plan.single().cloned() else {
            // Several terms (tiers 1–2 only): every match, or when they are many perhaps only
            // the best, over the rows narrowed by an earlier query where there is one.
            let (m, candidates) = self.index.multi_best(
                &plan,
                base(false),
                limit,
                stop,
                &mut self.lacking,
                &mut self.kept,
            );
            let complete = candidates.is_none();
            return self.finish(
                seq, query, plan, m, candidates, complete, quick, newest, limit,
            );
        };
        // A common ASCII query may come back with only its best matches (all the list can
        // show) and the candidates they were found among.
        let part = match self.quick_part.take() {
            Some(p) if !quick && p.q == q => Some(p),
            _ => None,
        };
        let (mut m, candidates) = match (part, self.newest.as_deref()) {
            (Some(part), Some(newest)) => {
                let older = outside(base(false), newest, self.index.slots());
                let older =
                    self.index
                        .near_best(&q, Scope::Rows(&older), limit, stop, &mut self.kept);
                merge((part.m, part.candidates), older)
            }
            _ => self
                .index
                .near_best(&q, base(false), limit, stop, &mut self.kept),
        };
        if quick {
            self.quick_part = Some(QuickPart {
                q: q.clone(),
                m: m.clone(),
                candidates: candidates.clone(),
            });
        }
        let complete = candidates.is_none() && (!q.fuzzy || m.len() < limit);
        if complete {
            let far = self.index.far(&q, base(true), &m);
            m.extend(far);
        }
        self.finish(
            seq, query, plan, m, candidates, complete, quick, newest, limit,
        )
    }

    /// The answer of `plan`'s matches `m`, remembering them for the queries that follow.
    #[allow(clippy::too_many_arguments, reason = "the parts of one answer, named")]
    fn finish(
        &mut self,
        seq: u64,
        query: String,
        plan: Plan,
        m: Vec<(u32, i64)>,
        candidates: Option<Vec<u32>>,
        complete: bool,
        quick: bool,
        newest: Vec<u32>,
        limit: usize,
    ) -> Answer {
        let hits = self.index.top(&m, limit);
        let total = m.len();
        if !plan.terms.is_empty() {
            self.recent
                .retain(|prev| prev.plan != plan || prev.quick != quick);
            if self.recent.len() == REMEMBERED {
                self.recent.pop_back();
            }
            // Every match of a longer query lies among the candidates, so narrowing holds.
            let rows = candidates.unwrap_or_else(|| {
                let mut rows: Vec<u32> = m.into_iter().map(|(r, _)| r).collect();
                rows.sort_unstable();
                rows
            });
            self.recent.push_front(Memo {
                plan,
                rows,
                complete,
                quick,
            });
        }
        let coverage = if quick {
            Coverage {
                complete: false,
                loaded: newest.len(),
                expected: self.coverage.expected.or(Some(self.index.len())),
                failed: self.coverage.failed.clone(),
            }
        } else {
            Coverage {
                loaded: self.index.len(),
                ..self.coverage.clone()
            }
        };
        if quick {
            self.newest = Some(newest);
        }
        Answer {
            seq,
            query,
            hits,
            total,
            complete,
            coverage,
            more: false,
        }
    }

    /// After an answer given up ([`Searcher::answer`]): the matches of a quick answer are
    /// forgotten, since the full answer would add to them what they lack. The rows it kept for
    /// narrowing stay: a bounded scan that stops early keeps every candidate, a superset.
    pub(super) fn forget(&mut self) {
        self.quick_part = None;
    }

    /// Applies an edit or a loader message.
    pub(super) fn edit(&mut self, req: Request) {
        // Row positions and matches change: remembered hits no longer hold.
        self.recent.clear();
        self.lacking.clear();
        self.kept.clear();
        self.newest = None;
        self.quick_part = None;
        match req {
            Request::Upsert(e) => {
                if let Some(edits) = &mut self.edited {
                    edits.insert(e.id, Some(e.clone()));
                }
                self.index.upsert(e);
            }
            Request::Remove(id) => {
                if let Some(edits) = &mut self.edited {
                    edits.insert(id, None);
                }
                self.index.remove(id);
            }
            Request::Whole(index) => {
                self.index = *index;
                for (id, e) in self.edited.take().unwrap_or_default() {
                    match e {
                        Some(e) => self.index.upsert(e),
                        None => self.index.remove(id),
                    }
                }
                self.edit(Request::Done(None));
            }
            Request::Rows(batch) => {
                let edited = self.edited.as_ref();
                self.index
                    .append(&batch, |id| edited.is_none_or(|e| !e.contains_key(&id)));
            }
            Request::Expect(n) => {
                self.coverage.expected = Some(n);
                self.index.expect(n);
            }
            Request::Done(failed) => {
                self.edited = None;
                self.index.finish_loading();
                self.coverage.complete = failed.is_none();
                self.coverage.failed = failed;
                if self.coverage.complete {
                    self.coverage.expected = Some(self.index.len());
                }
            }
            Request::Query { .. } => {}
        }
    }

    /// Whether a query can be answered now: not before the first rows of a list still loading.
    pub(super) fn can_answer(&self) -> bool {
        self.coverage.complete || self.coverage.failed.is_some() || !self.index.is_empty()
    }
}
