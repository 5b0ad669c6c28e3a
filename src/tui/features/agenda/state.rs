//! `AgendaView`: what needs doing — overdue next actions, today's, this week's, and pairs that
//! have gone quiet — as one list the cursor walks across sections. It reads the pipeline's
//! intents ([`PipeAction`]): Nav moves the cursor, the others are about the item under it.

use crate::domain::Stage;
use crate::tui::Lang;
use crate::tui::action::{Nav, PipeAction};

/// One pair in the agenda. `days` is how many days overdue (Overdue) or idle (Stale).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaItemVm {
    pub pair_id: i64,
    pub code: String,
    pub demand_title: String,
    pub result_title: String,
    pub stage: Stage,
    pub next_action: Option<String>,
    pub due: Option<String>,
    pub days: i64,
    /// Who to call on each side (shown for the selected item).
    pub demand_contact: crate::tui::ui::contact::ContactVm,
    pub result_contact: crate::tui::ui::contact::ContactVm,
}

/// The four sections, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaSection {
    Overdue,
    Today,
    ThisWeek,
    Stale,
}

impl AgendaSection {
    pub const ALL: [AgendaSection; 4] = [
        AgendaSection::Overdue,
        AgendaSection::Today,
        AgendaSection::ThisWeek,
        AgendaSection::Stale,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AgendaSection::Overdue => lang.pick("逾期", "Overdue"),
            AgendaSection::Today => lang.pick("今天", "Today"),
            AgendaSection::ThisWeek => lang.pick("本周", "This week"),
            AgendaSection::Stale => lang.pick("停滞", "Stale"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaOutcome {
    /// Nothing for the caller (the cursor may have moved).
    Pending,
    /// The intent is about the pair of the item under the cursor.
    Pair { pair_id: i64, stage: Stage },
}

#[derive(Debug, Clone, Default)]
pub struct AgendaView {
    pub(crate) sections: [Vec<AgendaItemVm>; 4],
    pub(super) cursor: usize,
}

impl AgendaView {
    pub fn new(
        overdue: Vec<AgendaItemVm>,
        today: Vec<AgendaItemVm>,
        this_week: Vec<AgendaItemVm>,
        stale: Vec<AgendaItemVm>,
    ) -> AgendaView {
        AgendaView {
            sections: [overdue, today, this_week, stale],
            cursor: 0,
        }
    }

    /// Takes pair `pair_id` out of every section, then puts `item` in its section and
    /// `stale` among the stale pairs, each in the agenda's order. The cursor stays on the
    /// item it was on (following the pair when it was on it).
    pub fn patch(
        &mut self,
        pair_id: i64,
        item: Option<(AgendaSection, AgendaItemVm)>,
        stale: Option<AgendaItemVm>,
    ) {
        let keep = self.selected().map(|(s, it)| (s, it.pair_id));
        for items in &mut self.sections {
            items.retain(|it| it.pair_id != pair_id);
        }
        if let Some((section, it)) = item {
            let idx = AgendaSection::ALL
                .iter()
                .position(|s| *s == section)
                .unwrap_or(0);
            let key = |a: &AgendaItemVm| (a.due.is_none(), a.due.clone(), a.pair_id);
            let items = &mut self.sections[idx];
            let at = items.partition_point(|a| key(a) < key(&it));
            items.insert(at, it);
        }
        if let Some(it) = stale {
            let key = |a: &AgendaItemVm| (std::cmp::Reverse(a.days), a.pair_id);
            let items = &mut self.sections[3];
            let at = items.partition_point(|a| key(a) < key(&it));
            items.insert(at, it);
        }
        let mut found = None;
        let mut start = 0;
        for (s, items) in AgendaSection::ALL.iter().zip(&self.sections) {
            let hit = items.iter().position(|it| match keep {
                Some((_, id)) if id == pair_id => it.pair_id == id,
                Some((ks, id)) => ks == *s && it.pair_id == id,
                None => false,
            });
            if let Some(i) = hit {
                found = Some(start + i);
                break;
            }
            start += items.len();
        }
        self.cursor = found.unwrap_or(self.cursor.min(self.len().saturating_sub(1)));
    }

    pub(super) fn len(&self) -> usize {
        self.sections.iter().map(Vec::len).sum()
    }

    /// The item under the cursor and its section.
    pub fn selected(&self) -> Option<(AgendaSection, &AgendaItemVm)> {
        let mut i = self.cursor;
        for (s, items) in AgendaSection::ALL.iter().zip(&self.sections) {
            if i < items.len() {
                return Some((*s, &items[i]));
            }
            i -= items.len();
        }
        None
    }

    /// One intent: Nav walks the items across sections (Left/Right do nothing); any other
    /// intent is about the item under the cursor (open, log a follow-up…).
    pub fn handle(&mut self, action: &PipeAction) -> AgendaOutcome {
        let last = self.len().saturating_sub(1);
        match action {
            PipeAction::Nav(Nav::Down) => self.cursor = (self.cursor + 1).min(last),
            PipeAction::Nav(Nav::Up) => self.cursor = self.cursor.saturating_sub(1),
            PipeAction::Nav(Nav::Top) => self.cursor = 0,
            PipeAction::Nav(Nav::Bottom) => self.cursor = last,
            PipeAction::OpenPair
            | PipeAction::LogFollowUp
            | PipeAction::StagePrev
            | PipeAction::StageNext
            | PipeAction::Shelve
            | PipeAction::DeletePair
            | PipeAction::Handover => {
                if let Some((_, it)) = self.selected() {
                    return AgendaOutcome::Pair {
                        pair_id: it.pair_id,
                        stage: it.stage,
                    };
                }
            }
            _ => {}
        }
        AgendaOutcome::Pending
    }
}
