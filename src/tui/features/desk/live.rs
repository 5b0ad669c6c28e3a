//! Other processes' changes (the CLI, a second desk, an import) patched into the open views:
//! the rows they wrote replace or join the lists, deleted ones leave, and the pairs they
//! changed are patched into whatever shows pairs. The runner notices them (`PRAGMA data_version`) and reads only what changed.

use crate::db::live::Changes;
use crate::domain::Kind;
use crate::tui::effect::Effect;
use crate::tui::features::desk::update::{refilter, search};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// Applies `changes` to the model; returns the reads it needs (search, pairs, the record
/// shown in full).
pub fn apply(m: &mut Model, changes: Changes) -> Vec<Effect> {
    if changes.is_empty() {
        return vec![];
    }
    let shown = m.full.as_ref().map(|r| r.id);
    let mut records = 0;
    for row in changes.records {
        if Some(row.id) == shown {
            // The detail pane and the record view show it in full: read it again.
            m.full = None;
        }
        m.list_mut(row.kind).upsert(&row);
        records += 1;
    }
    for id in &changes.gone_records {
        for kind in [Kind::Demand, Kind::Achievement] {
            if m.list_mut(kind).remove(*id) {
                records += 1;
            }
        }
        m.overlays
            .retain(|o| !matches!(o, Overlay::Record { id: shown, .. } if shown == id));
        if shown == Some(*id) {
            m.full = None;
        }
    }
    let pairs = !changes.pairs.is_empty() || !changes.gone_pairs.is_empty();
    if records > 0 {
        let text = match m.lang {
            crate::i18n::Lang::Zh => format!("↻ 其他程序更新了 {records} 条记录"),
            crate::i18n::Lang::En => format!("↻ {records} records changed elsewhere"),
        };
        m.info(text);
    }
    let mut fx = Vec::new();
    if records > 0 {
        if m.query.is_empty() {
            for kind in [Kind::Demand, Kind::Achievement] {
                let list = m.list_mut(kind);
                list.hits = list.all_hits();
            }
            refilter(m);
        } else {
            // The workers hold the new keys by now: ask again, the lists keep their hits
            // meanwhile.
            fx.extend(search(m));
        }
    }
    if pairs {
        // The pairs written (or whose demand or result was) and those deleted, patched into
        // the markers, the board, the agenda and an open detail; very many are read in full.
        let detail = m.overlays.iter().rev().find_map(|p| match p {
            Overlay::PairDetail { detail, .. } => Some(detail.pair_id),
            _ => None,
        });
        fx.push(Effect::Pipe(crate::tui::effect::PipeEffect::Patch {
            rows: changes.pairs,
            gone: changes.gone_pairs,
            board: m.view == crate::tui::model::View::Board,
            agenda: m.view == crate::tui::model::View::Agenda,
            detail,
        }));
    }
    fx
}
