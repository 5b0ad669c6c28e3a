//! The pure state machine: `update(model, action)` changes the model and returns the effects
//! (database writes, searches) as data, so every key can be tested without a terminal.
//!
//! This is the router: each action goes to the feature that owns it (the desk's lists and
//! search, the record form, the pipeline views), and what concerns several features (help,
//! Esc, confirmations, a record saved or deleted) is settled here, above them.

use crate::db::Refusal;
use crate::domain::Kind;
use crate::i18n::Msg;
use crate::i18n::store::StoreMsg;
use crate::tui::action::Action;
use crate::tui::action::{Input, PipeAction};
use crate::tui::effect::{Effect, PipeEffect};
use crate::tui::features::desk::update as desk;
use crate::tui::features::pipeline::update as pipeline;
use crate::tui::features::record_form::{answers as form_answers, update as form};
use crate::tui::model::{Line, Model, View};
use crate::tui::overlay::{Overlay, Pending};

pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    use crate::tui::features::lookup::update as lookup;
    let fx = match lookup::intercept(m, &action) {
        Some(fx) => fx,
        None => route(m, action),
    };
    lookup::settle(m);
    fx
}

fn route(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Input(input) => route_input(m, &input),
        Action::SearchAnswered { .. } => {
            let fx = desk::update(m, action);
            if m.view == View::Board {
                // The board shows the pairs whose sides the search keeps.
                let cols = crate::tui::features::pipeline::vm::board_columns(m);
                m.pipe.board.set_columns(cols);
            }
            fx
        }
        Action::FilterOpen => form::open_picker(m),
        Action::Add => form::open_add(m),
        Action::CloseRecord => {
            ask_close(m);
            vec![]
        }
        // The question names what goes with the record: read that first.
        Action::DeleteRecord => m
            .selected()
            .map(|rec| Effect::AskDelete {
                kind: rec.kind,
                id: rec.id,
            })
            .into_iter()
            .collect(),
        Action::ConfirmDelete {
            kind,
            id,
            pairs,
            followups,
        } => crate::tui::features::desk::confirm::ask_delete(m, kind, id, (pairs, followups)),
        Action::RecordSaved(ref rec) => {
            let id = rec.id;
            let mut fx = form_answers::update(m, action);
            // Its pairs' cards and agenda items show its title: read those pairs again.
            fx.extend(pipeline::record_saved(m, id));
            fx
        }
        Action::Edit
        | Action::SubmitRecord(_)
        | Action::Merged(_)
        | Action::EditConflict { .. }
        | Action::Waiting { .. }
        | Action::Fetched(_) => form_answers::update(m, action),
        Action::Changed(changes) => {
            let records = !changes.records.is_empty() || !changes.gone_records.is_empty();
            let fx = crate::tui::features::desk::live::apply(m, *changes);
            if records && m.pipe.board_on.is_some() {
                // The board shows the cards whose sides the lists show.
                crate::tui::features::board::update::refilter(m);
            }
            fx
        }
        Action::RecordDeleted { id, .. } => {
            let mut fx = desk::update(m, action);
            // Its pairs went with it.
            fx.extend(pipeline::record_deleted(m, id));
            fx
        }
        Action::Help => {
            if matches!(m.overlays.last(), Some(Overlay::Help { .. })) {
                m.overlays.pop();
            } else {
                m.overlays.push(Overlay::Help { scroll: 0 });
            }
            vec![]
        }
        Action::Back => back(m),
        Action::Quit => {
            m.should_quit = true;
            vec![]
        }
        // The loop suspends before an action reaches here.
        Action::Suspend => vec![],
        Action::Resize { width, height } => {
            m.size = (width, height);
            for kind in [Kind::Demand, Kind::Achievement] {
                let rows = m.visible_rows(kind);
                m.list_mut(kind).scroll_into_view(rows);
            }
            vec![]
        }
        Action::Info(text) => {
            m.info(text);
            vec![]
        }
        Action::Failed(text) => {
            if !form::form_failed(m, &text) {
                m.warn(text);
            }
            vec![]
        }
        Action::Refused(why) => {
            m.warn(match why {
                Refusal::ReadOnly => Msg::DeskReadOnly.text(m.lang),
                Refusal::Damaged => Msg::DeskDamaged.text(m.lang),
            });
            vec![]
        }
        Action::Offline(why) => {
            m.warn(StoreMsg::DeskOffline.fill(m.lang, &[&why]));
            vec![]
        }
        Action::Online => {
            m.info(StoreMsg::DeskOnline.text(m.lang));
            vec![]
        }
        Action::Pipe(PipeAction::SuggestBuilding) => {
            m.info(m.lang.pick(
                "正在建立推荐索引…（每次启动一次）",
                "building the suggestion index… (once per session)",
            ));
            vec![]
        }
        Action::Pipe(PipeAction::Stale(text)) => {
            m.warn(text);
            pipeline::refresh(m)
        }
        Action::Pipe(PipeAction::ConfirmUndo(step)) => {
            ask_undo(m, *step);
            vec![]
        }
        Action::Pipe(p) => pipeline::update(m, p),
        Action::Stats(a) => crate::tui::features::stats::update::update(m, a),
        Action::Contract(a) => crate::tui::features::contract::update::update(m, a),
        Action::Org(a) => crate::tui::features::org::update::update(m, a),
        Action::Lookup(a) => crate::tui::features::lookup::update::update(m, a),
        Action::Phone(p) => crate::tui::features::phone::update::update(m, p),
        Action::SaveViewBegin
        | Action::Slot(_)
        | Action::ViewSaved { .. }
        | Action::ViewEmpty { .. }
        | Action::ViewLoaded { .. } => crate::tui::features::desk::views::update(m, action),
        other => desk::update(m, other),
    }
}

/// Asks before closing the selected record.
fn ask_close(m: &mut Model) {
    let Some(rec) = m.selected() else {
        return;
    };
    let question = format!(
        "{} {} {}?",
        m.lang.pick("关闭", "Close"),
        rec.code(),
        crate::sanitize::one_line(rec.title())
    );
    let pending = Pending::Close { id: rec.id };
    let title = m.lang.pick("确认", "Confirm");
    let confirm = crate::tui::ui::confirm::Confirm::new(title, question);
    m.overlays.push(Overlay::Confirm { confirm, pending });
}

/// The last undo step came from elsewhere: the user sees what it was before it is undone.
fn ask_undo(m: &mut Model, step: crate::domain::undo::UndoStep) {
    let origin = if step.origin.is_empty() {
        m.lang.pick("未知来源", "unknown").to_string()
    } else if step.origin == "cli" {
        m.lang.pick("命令行", "the command line").to_string()
    } else {
        m.lang.pick("另一个工作台", "another desk").to_string()
    };
    let label = crate::sanitize::one_line(&step.label_in(m.lang));
    let question = match m.lang {
        crate::i18n::Lang::Zh => {
            format!("最近一步来自{origin}（{}）：{label}。撤销它？", step.at)
        }
        crate::i18n::Lang::En => {
            format!(
                "The last step came from {origin} ({}): {label}. Undo it?",
                step.at
            )
        }
    };
    let confirm = crate::tui::ui::confirm::Confirm::new(m.lang.pick("撤销", "Undo"), question);
    let pending = Pending::Undo { at: step.at };
    m.overlays.push(Overlay::Confirm { confirm, pending });
}

/// Esc: the top popup closes; else a pipeline view goes back to the desk; else the search
/// line closes, or the query clears.
fn back(m: &mut Model) -> Vec<Effect> {
    if m.overlays.pop().is_some() {
        return vec![];
    }
    if m.line == Line::Closed && m.view != View::Desk {
        m.view = View::Desk;
        return vec![];
    }
    match m.line {
        Line::SaveSlot => {
            m.line = Line::Closed;
            m.message = None;
            vec![]
        }
        Line::Search => {
            m.line = Line::Closed;
            desk::clear_query(m)
        }
        Line::Closed => desk::clear_query(m),
    }
}

/// An input intent goes to the top overlay, else to the open search line.
fn route_input(m: &mut Model, input: &Input) -> Vec<Effect> {
    match m.overlays.last() {
        Some(Overlay::Confirm { .. }) => match input {
            Input::Yes => confirm_yes(m),
            Input::No | Input::Cancel => {
                m.overlays.pop();
                vec![]
            }
            _ => vec![],
        },
        Some(Overlay::Form(_) | Overlay::Picker(_) | Overlay::Conflict(_)) => {
            form::popup_input(m, input)
        }
        Some(Overlay::StagePrompt { .. }) => {
            crate::tui::features::stage_prompt::update::input(m, input)
        }
        Some(Overlay::FollowUp { .. }) => crate::tui::features::followup::update::input(m, input),
        Some(Overlay::Contract(_)) => crate::tui::features::contract::update::input(m, input),
        Some(Overlay::Handover(_)) => crate::tui::features::team::update::input(m, input),
        Some(Overlay::Stats(_)) => crate::tui::features::stats::update::input(m, input),
        Some(Overlay::ContactForm(_)) => crate::tui::features::org::update::form_input(m, input),
        Some(Overlay::Call { .. }) => crate::tui::features::phone::update::input(m, input),
        Some(Overlay::Suggestions { .. }) => {
            crate::tui::features::suggestions::update::input(m, input)
        }
        None => desk::edit_query(m, input),
        // Help, a record and the pair detail scroll with the navigation keys instead.
        _ => vec![],
    }
}

/// Yes to the open confirmation: what it was about goes out.
fn confirm_yes(m: &mut Model) -> Vec<Effect> {
    let Some(Overlay::Confirm { pending, .. }) = m.overlays.pop() else {
        return vec![];
    };
    match pending {
        Pending::Close { id } => vec![Effect::SetStatus {
            id,
            status: "closed".into(),
        }],
        Pending::Delete { kind, id } => vec![Effect::Delete { kind, id }],
        Pending::Undo { at } => vec![Effect::Pipe(PipeEffect::UndoConfirmed { at })],
        Pending::DeletePair { pair_id } => {
            let code = crate::domain::Code {
                kind: crate::domain::CodeKind::Pair,
                num: pair_id,
            };
            vec![Effect::Pipe(PipeEffect::DeletePair(code))]
        }
    }
}

#[cfg(test)]
#[path = "features/desk/update_tests.rs"]
mod tests;
