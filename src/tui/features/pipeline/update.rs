//! The pure pipeline part of `update`: pairing from the desk, suggestions, the board, the
//! agenda, stage moves with their prompts, follow-ups and undo. Writes go out as
//! [`PipeEffect`]s; every answered write asks for a refresh of what is on screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Code, CodeKind, Kind, Stage};
use crate::pipeline::{LogRequest, MoveRequest, parse_due};
use crate::tui::action::{Nav, PipeAction};
use crate::tui::app::runner::Effect;
use crate::tui::app::runner_pipeline::PipeEffect;
use crate::tui::features::followup::{FollowUpField, FollowUpForm, FollowUpOutcome};
use crate::tui::features::pipeline::vm;
use crate::tui::features::stage_prompt::{PromptOutcome, StagePrompt};
use crate::tui::features::suggestions::SuggestOutcome;
use crate::tui::model::{Model, View};
use crate::tui::overlay::{Overlay, Pending};

fn pair_code(id: i64) -> Code {
    Code {
        kind: CodeKind::Pair,
        num: id,
    }
}

fn fx(e: PipeEffect) -> Vec<Effect> {
    vec![Effect::Pipe(e)]
}

/// Reloads the pairs, and whatever view or detail is open.
pub fn refresh(m: &Model) -> Vec<Effect> {
    let detail = m.overlays.iter().rev().find_map(|p| match p {
        Overlay::PairDetail { detail, .. } => Some(detail.pair_id),
        _ => None,
    });
    fx(PipeEffect::Refresh {
        board: m.view == View::Board,
        agenda: m.view == View::Agenda,
        detail,
    })
}

/// The pair the cursor is on: the top detail, else the board card or the agenda item.
fn current_pair(m: &Model) -> Option<(i64, Stage)> {
    if let Some(Overlay::PairDetail { detail, .. }) = m.overlays.last() {
        return Some((detail.pair_id, detail.stage));
    }
    match m.view {
        View::Board => {
            let card = m.pipe.board.selected()?;
            Some((card.pair_id, m.pipe.board.selected_stage()?))
        }
        View::Agenda => m
            .pipe
            .agenda
            .selected()
            .map(|(_, it)| (it.pair_id, it.stage)),
        View::Desk => None,
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn update(m: &mut Model, action: PipeAction) -> Vec<Effect> {
    match action {
        PipeAction::Pair => {
            let (Some(d), Some(r)) = (m.demands.selected_record(), m.results.selected_record())
            else {
                m.warn(m.lang.pick(
                    "先在两个列表中各选一条：需求和成果",
                    "select a demand and a result first",
                ));
                return vec![];
            };
            if let Some(p) = m.pipe.find(d.id, r.id) {
                let text = format!(
                    "{} {} ⇄ {} {} {}",
                    d.code(),
                    r.code(),
                    m.lang.pick("已配对为", "are already paired as"),
                    p.code,
                    m.lang.pick(p.stage.zh(), p.stage.en()),
                );
                m.warn(text);
                return vec![];
            }
            fx(PipeEffect::CreatePair {
                demand: d.code(),
                result: r.code(),
            })
        }
        PipeAction::Suggest => match m.selected().map(|r| r.id) {
            Some(id) => {
                m.info(m.lang.pick("正在计算建议…", "computing suggestions…"));
                fx(PipeEffect::Suggest {
                    id,
                    zh: m.lang == crate::tui::Lang::Zh,
                })
            }
            None => vec![],
        },
        PipeAction::Board | PipeAction::Agenda => {
            let target = if action == PipeAction::Board {
                View::Board
            } else {
                View::Agenda
            };
            m.overlays.clear();
            if m.view == target {
                m.view = View::Desk;
                return vec![];
            }
            m.view = target;
            if target == View::Board {
                let cols = vm::board_columns(m);
                m.pipe.board.set_columns(cols);
            }
            refresh(m)
        }
        PipeAction::Undo => fx(PipeEffect::Undo),
        // Asked in the top-level update, which owns the confirmation.
        PipeAction::ConfirmUndo(_) | PipeAction::Stale(_) | PipeAction::SuggestBuilding => vec![],
        PipeAction::LogFollowUp => {
            if let Some((pair_id, _)) = current_pair(m) {
                let form = FollowUpForm::new(&pair_code(pair_id).to_string());
                m.overlays.push(Overlay::FollowUp { pair_id, form });
            }
            vec![]
        }
        PipeAction::StagePrev | PipeAction::StageNext | PipeAction::Shelve => {
            let Some((pair_id, stage)) = current_pair(m) else {
                return vec![];
            };
            if stage == Stage::Shelved && action != PipeAction::Shelve {
                // H or L on a shelved card takes it up again where it left off.
                return fx(PipeEffect::Reactivate(pair_code(pair_id)));
            }
            let to = match action {
                PipeAction::StagePrev => stage.prev(),
                PipeAction::StageNext => stage.next(),
                _ => (stage != Stage::Shelved).then_some(Stage::Shelved),
            };
            match to {
                Some(to) => start_move(m, pair_id, stage, to),
                None => vec![],
            }
        }
        PipeAction::DeletePair => {
            if let Some((pair_id, _)) = current_pair(m) {
                let code = pair_code(pair_id);
                let question = match m.lang {
                    crate::tui::Lang::Zh => format!("删除 {code} 及其阶段记录和跟进？（u 可撤销）"),
                    crate::tui::Lang::En => {
                        format!("Delete {code} with its stage history and follow-ups? (u undoes)")
                    }
                };
                let confirm = crate::tui::ui::confirm::Confirm::new(
                    m.lang.pick("删除配对", "Delete pair"),
                    question,
                );
                let pending = Pending::DeletePair { pair_id };
                m.overlays.push(Overlay::Confirm { confirm, pending });
            }
            vec![]
        }
        PipeAction::OpenPair => match current_pair(m) {
            Some((pair_id, _)) => fx(PipeEffect::ShowPair(pair_code(pair_id))),
            None => vec![],
        },
        PipeAction::Nav(nav) => {
            if let Some(Overlay::PairDetail { scroll, .. }) = m.overlays.last_mut() {
                *scroll = match nav {
                    Nav::Down => scroll.saturating_add(1),
                    Nav::Up => scroll.saturating_sub(1),
                    _ => *scroll,
                };
                return vec![];
            }
            let code = match nav {
                Nav::Left => KeyCode::Left,
                Nav::Right => KeyCode::Right,
                Nav::Up => KeyCode::Up,
                Nav::Down => KeyCode::Down,
            };
            match m.view {
                View::Board => {
                    m.pipe.board.handle_key(key(code));
                }
                View::Agenda => {
                    m.pipe.agenda.handle_key(key(code));
                }
                View::Desk => {}
            }
            vec![]
        }
        PipeAction::Loaded { today, pairs } => {
            m.pipe.today = today;
            m.pipe.set_pairs(pairs);
            if !m.filters.stage.is_empty() {
                crate::tui::update::refilter(m);
            }
            vec![]
        }
        PipeAction::BoardLoaded(cols) => {
            m.pipe.board_data = cols;
            let cols = vm::board_columns(m);
            m.pipe.board.set_columns(cols);
            vec![]
        }
        PipeAction::AgendaLoaded(a) => {
            m.pipe.agenda = vm::agenda(&a);
            vec![]
        }
        PipeAction::PairShown(detail) => {
            let pair_id = detail.pair_id;
            if let Some(Overlay::PairDetail { detail: d, .. }) = m.overlays.iter_mut().rev().find(
                |p| matches!(p, Overlay::PairDetail { detail, .. } if detail.pair_id == pair_id),
            ) {
                *d = detail;
            } else {
                m.overlays.push(Overlay::PairDetail { detail, scroll: 0 });
            }
            vec![]
        }
        PipeAction::Suggested {
            subject,
            title,
            rows,
            refresh,
        } => {
            let n = rows.len();
            let list = crate::tui::features::suggestions::SuggestionList::new(&title, rows);
            // A refreshed answer (the index was rebuilt) replaces the list it updates.
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
        PipeAction::PairCreated {
            code,
            demand,
            result,
            demand_id,
            result_id,
        } => {
            for p in &mut m.overlays {
                if let Overlay::Suggestions { subject, list } = p {
                    list.mark_paired(if *subject == demand_id {
                        result_id
                    } else {
                        demand_id
                    });
                }
            }
            let undo = m.keymap.key_for("undo").unwrap_or_else(|| "u".into());
            m.info(format!(
                "{code} {} {demand} ⇄ {result} — {undo} {}",
                m.lang.pick("已创建", "created"),
                m.lang.pick("撤销", "undoes"),
            ));
            refresh(m)
        }
        PipeAction::Moved { code, to } => {
            m.info(format!("{code} → {}", m.lang.pick(to.zh(), to.en())));
            refresh(m)
        }
        PipeAction::PairDeleted { code, id } => {
            m.overlays.retain(
                |p| !matches!(p, Overlay::PairDetail { detail, .. } if detail.pair_id == id),
            );
            m.info(format!("{code} {}", m.lang.pick("已删除", "deleted")));
            refresh(m)
        }
        PipeAction::Logged { code } => {
            m.info(format!(
                "{code} {}",
                m.lang.pick("已记录跟进", "follow-up logged")
            ));
            refresh(m)
        }
        PipeAction::Undone(label) => {
            match label {
                Some(l) => m.info(format!(
                    "{} {}",
                    m.lang.pick("已撤销", "undone:"),
                    crate::sanitize::one_line(&l)
                )),
                None => m.info(m.lang.pick("没有可撤销的操作", "nothing to undo")),
            }
            refresh(m)
        }
    }
}

/// A move that needs data opens its prompt; others go straight out.
fn start_move(m: &mut Model, pair_id: i64, from: Stage, to: Stage) -> Vec<Effect> {
    let code = pair_code(pair_id);
    if StagePrompt::needed(to) {
        let prompt = StagePrompt::new(&code.to_string(), to, m.pipe.today);
        m.overlays.push(Overlay::StagePrompt {
            pair_id,
            to,
            prompt,
        });
        return vec![];
    }
    // The move says which stage the user saw: if another process moved the pair meanwhile,
    // nothing is written and the user sees where it is now.
    let mut req = MoveRequest::new(code, to);
    req.expect = Some(from);
    fx(PipeEffect::Move(req))
}

/// A key for the prompt, form or suggestion list on top.
pub fn popup_key(m: &mut Model, k: KeyEvent) -> Vec<Effect> {
    let today = m.pipe.today;
    let lang = m.lang;
    match m.overlays.last_mut() {
        Some(Overlay::StagePrompt {
            pair_id,
            to,
            prompt,
        }) => match prompt.handle_key(k) {
            PromptOutcome::Pending => vec![],
            PromptOutcome::Cancelled => {
                m.overlays.pop();
                vec![]
            }
            PromptOutcome::Done(input) => {
                let mut req = MoveRequest::new(pair_code(*pair_id), *to);
                req.amount_wan = input.amount_wan;
                req.signed_on = input.date.as_deref().and_then(|d| d.parse().ok());
                req.contract_type = input.contract_type;
                req.reg_no = input.reg_no;
                req.reason = input.reason;
                req.note = input.note;
                m.overlays.pop();
                fx(PipeEffect::Move(req))
            }
        },
        Some(Overlay::FollowUp { pair_id, form }) => match form.handle_key(k) {
            FollowUpOutcome::Pending => vec![],
            FollowUpOutcome::Cancelled => {
                m.overlays.pop();
                vec![]
            }
            FollowUpOutcome::Submit(input) => {
                let next_due = match input.due_text.as_deref().map(|t| parse_due(t, today)) {
                    None => None,
                    Some(Ok(d)) => Some(d),
                    Some(Err(e)) => {
                        form.set_error(FollowUpField::Due, e.to_string());
                        return vec![];
                    }
                };
                if next_due.is_some() && input.next_action.is_none() {
                    form.set_error(
                        FollowUpField::NextAction,
                        lang.pick("有截止日期时需填写下一步", "a due date needs a next action"),
                    );
                    return vec![];
                }
                let req = LogRequest {
                    pair: pair_code(*pair_id),
                    channel: input.channel,
                    note: input.note,
                    next_action: input.next_action,
                    next_due,
                    done: false,
                };
                m.overlays.pop();
                fx(PipeEffect::Log(req))
            }
        },
        Some(Overlay::Suggestions { subject, list }) => match list.handle_key(k) {
            SuggestOutcome::Pending => vec![],
            SuggestOutcome::Close => {
                m.overlays.pop();
                vec![]
            }
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
                        lang.pick("已配对", "are already paired")
                    ));
                    return vec![];
                }
                fx(PipeEffect::CreatePair { demand, result })
            }
        },
        _ => vec![],
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
