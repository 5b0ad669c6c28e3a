//! The suggestion list's update: asking for suggestions on the desk's selection, showing the
//! answer (or refreshing the list it updates), pairing from it, marking what was paired.
//! Pure: the requests go out as effects.

use crate::domain::Kind;
use crate::tui::action::Input;
use crate::tui::effect::Effect;
use crate::tui::effect::PipeEffect;
use crate::tui::features::pipeline::keys::hint;
use crate::tui::features::suggestions::{SuggestOutcome, SuggestionList, SuggestionVm};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

/// `s`: suggestions for the focused list's selected record.
pub fn ask(m: &mut Model) -> Vec<Effect> {
    let Some(id) = m.selected().map(|r| r.id) else {
        return vec![];
    };
    m.info(m.lang.pick("正在计算建议…", "computing suggestions…"));
    vec![Effect::Pipe(PipeEffect::Suggest { id })]
}

/// The answer for record `subject`. A refreshed answer (the index was rebuilt) replaces the
/// list it updates if that is still open, and is dropped otherwise.
pub fn answered(
    m: &mut Model,
    subject: i64,
    title: &str,
    rows: Vec<SuggestionVm>,
    refresh: bool,
) -> Vec<Effect> {
    let n = rows.len();
    let keys = hint(
        &m.keymap,
        m.lang,
        &[
            ("suggestion_down", "下移", "down"),
            ("suggestion_up", "上移", "up"),
            ("suggestion_pair", "配对", "pair"),
            ("suggestion_dismiss", "排除", "dismiss"),
            ("overlay_cancel", "关闭", "close"),
        ],
    );
    let list = SuggestionList::new(title, rows).with_hint(keys);
    let open = m.overlays.iter_mut().find_map(|p| match p {
        Overlay::Suggestions { subject: s, list } if *s == subject => Some(list),
        _ => None,
    });
    match open {
        Some(old) => *old = list,
        None if refresh => return vec![],
        None => m.overlays.push(Overlay::Suggestions { subject, list }),
    }
    m.info(format!("{n} {}", m.lang.pick("条建议", "suggestions")));
    vec![]
}

/// `N`: the new matches, listed (and remembered as listed) in the background.
pub fn ask_new(m: &mut Model) -> Vec<Effect> {
    m.info(m.lang.pick("正在查找新匹配…", "finding new matches…"));
    vec![Effect::Pipe(PipeEffect::NewMatches { list: true })]
}

/// The new matches listed: they open as a list of couples, and the count starts again.
pub fn listed(m: &mut Model, rows: Vec<SuggestionVm>) -> Vec<Effect> {
    m.new_matches = 0;
    m.new_matches_more = false;
    let n = rows.len();
    let keys = hint(
        &m.keymap,
        m.lang,
        &[
            ("suggestion_down", "下移", "down"),
            ("suggestion_pair", "配对", "pair"),
            ("suggestion_dismiss", "排除", "dismiss"),
            ("overlay_cancel", "关闭", "close"),
        ],
    );
    m.overlays
        .retain(|p| !matches!(p, Overlay::Suggestions { list, .. } if list.is_news()));
    m.overlays.push(Overlay::Suggestions {
        subject: 0,
        list: SuggestionList::news(rows).with_hint(keys),
    });
    m.info(format!("{n} {}", m.lang.pick("个新匹配", "new matches")));
    vec![]
}

/// `partner` was dismissed for `subject` (or restored): the list marks it and says so.
pub fn dismissed(m: &mut Model, subject: i64, partner: i64, on: bool) -> Vec<Effect> {
    // The next `s` ranks with what this dismissal taught; this list keeps its order.
    for p in &mut m.overlays {
        if let Overlay::Suggestions { subject: s, list } = p
            && (*s == subject || list.is_news())
        {
            list.mark_dismissed(subject, partner, on);
        }
    }
    m.info(if on {
        m.lang.pick(
            "已排除：不再推荐（再按一次恢复）",
            "dismissed: no longer suggested (press again to restore)",
        )
    } else {
        m.lang
            .pick("已恢复：可再次推荐", "restored: may be suggested again")
    });
    vec![]
}

/// A pair was made: every open list marks its partner as paired.
pub fn paired(m: &mut Model, demand_id: i64, result_id: i64) {
    for p in &mut m.overlays {
        if let Overlay::Suggestions { subject, list } = p {
            if list.is_news() || *subject == demand_id {
                list.mark_paired(demand_id, result_id);
            } else if *subject == result_id {
                list.mark_paired(result_id, demand_id);
            }
        }
    }
}

/// An intent for the list on top: pairing asks for the pair (and warns instead when the two
/// are paired already), Cancel closes.
pub fn input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let Some(Overlay::Suggestions { subject, list }) = m.overlays.last_mut() else {
        return vec![];
    };
    // A list of new matches: each row names its own subject.
    let subject = &list
        .selected()
        .and_then(|r| r.with.as_ref())
        .map_or(*subject, |w| w.0);
    match list.handle(input) {
        SuggestOutcome::Pending => vec![],
        SuggestOutcome::Close => {
            m.overlays.pop();
            vec![]
        }
        SuggestOutcome::Dismiss { id, undo, reason } => vec![Effect::Pipe(PipeEffect::Dismiss {
            subject: *subject,
            partner: id,
            undo,
            reason,
        })],
        SuggestOutcome::Pair(other) => {
            let subject = *subject;
            let paired = list.selected().is_some_and(|s| s.paired);
            let codes = [subject, other].map(|id| {
                m.demands
                    .records
                    .get(&id)
                    .or_else(|| m.results.records.get(&id))
                    .map(|r| (r.kind, r.code()))
            });
            let (Some(a), Some(b)) = (codes[0], codes[1]) else {
                return vec![];
            };
            let (demand, result) = if a.0 == Kind::Demand {
                (a.1, b.1)
            } else {
                (b.1, a.1)
            };
            if paired {
                m.warn(format!(
                    "{demand} ⇄ {result} {}",
                    m.lang.pick("已配对", "are already paired")
                ));
                return vec![];
            }
            vec![Effect::Pipe(PipeEffect::CreatePair { demand, result })]
        }
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
