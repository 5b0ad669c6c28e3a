//! The loop, the terminal, the effect runner and its workers.

pub mod frame_hold;
pub mod live;
pub mod lookup;
pub mod org;
pub mod runner;
pub mod runner_contract;
pub mod runner_news;
pub mod runner_phone;
pub mod runner_pipeline;
pub mod terminal;
pub mod workers;

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{self, Event, MouseButton, MouseEventKind};

use crate::db::{Db, records};
use crate::domain::Kind;
use crate::tui::action::Action;
use crate::tui::keys::Keymap;
use crate::tui::model::ListModel;
use crate::tui::model::Model;

/// How long the loop waits for a key before checking the search workers again.
const POLL: Duration = Duration::from_millis(25);
/// How long it waits while a search answer is due.
const ANSWER_POLL: Duration = Duration::from_millis(1);

/// Rows of each list read before the first frame: more than any screen shows.
const FIRST_ROWS: usize = 200;

/// Opens the desk on `db` until the user quits (exit status 0) or a signal ends it (128 +
/// the signal's number, after the terminal is given back).
///
/// The first frame is painted from the first screenful of each list and their counts; the
/// rest of the rows, both search indexes and the pairs load after it, in the background.
pub fn run(
    db: Db,
    lang: crate::i18n::Lang,
    keys: &std::collections::BTreeMap<String, Vec<String>>,
    query: Option<&str>,
) -> anyhow::Result<std::process::ExitCode> {
    // Freed memory goes back at once while the lists load (the peak); see `set_purge_delay`.
    crate::set_purge_delay(0);
    let keymap = Keymap::new(keys).map_err(anyhow::Error::msg)?;
    db.set_cache_kib(2048)?;
    let db_name = match db.location() {
        crate::db::location::Location::File(p) => p
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        server @ crate::db::location::Location::Server(_) => server.shown(),
    };
    let first = |kind| -> anyhow::Result<ListModel> {
        let total = records::count(db.conn(), kind)? as usize;
        let mut list = ListModel::loading(total);
        list.append(records::first_rows(db.conn(), kind, FIRST_ROWS)?);
        list.loaded = list.records.len() >= total;
        Ok(list)
    };
    let (demands, results) = (first(Kind::Demand)?, first(Kind::Achievement)?);
    let mut model = Model::with_lists(demands, results, keymap, lang, &db_name);
    model.mouse = terminal::mouse_on();
    model.pipe.me = db.actor();
    let theme = crate::tui::Theme::from_env();
    let signals = terminal::Signals::install()?;
    let panic_after_draw = std::env::var_os("DUIJIE_TEST_PANIC").is_some_and(|v| v == "1");

    let mut guard = terminal::Guard::enter()?;
    guard.set_title(&format!("duijie — {}", sanitize_title(&db_name)))?;
    let size = guard.terminal.size()?;
    crate::tui::update::update(
        &mut model,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    guard
        .terminal
        .draw(|frame| crate::tui::draw::draw(frame, &model, &theme))?;
    assert!(
        !panic_after_draw,
        "DUIJIE_TEST_PANIC=1: deliberate panic after the first draw"
    );

    let mut runner = runner::Runner::new(db)?;
    runner.load_rows();
    if let Some(refused) = runner.check_health() {
        dispatch(&mut model, &mut runner, refused);
    }
    // Pair markers and the detail pane's pairs come from the pipeline.
    for a in runner.run(crate::tui::effect::Effect::Pipe(
        crate::tui::effect::PipeEffect::Refresh {
            board: false,
            agenda: false,
            detail: None,
        },
    )) {
        dispatch(&mut model, &mut runner, a);
    }
    // `duijie -q QUERY`: the query typed in the search line, answered as soon as the indexes
    // can; the lists select their first hit as answers come.
    if let Some(q) = query.map(str::trim).filter(|q| !q.is_empty()) {
        model.query = q.to_string();
        model.search_line.set_value(q);
        model.line = crate::tui::model::Line::Search;
        for e in crate::tui::features::desk::update::search(&mut model) {
            for a in runner.run(e) {
                dispatch(&mut model, &mut runner, a);
            }
        }
    }
    let mut dirty = true;
    // Both lists hold every row: the allocator goes back to its default purge delay.
    let mut loaded = false;
    let mut hold = frame_hold::FrameHold::default();
    while !model.should_quit && signals.quit().is_none() {
        if signals.take_stop() {
            guard.suspend()?;
            signals.take_cont();
            dirty = resumed(&mut guard, &mut model)?;
        } else if signals.take_cont() {
            // Stopped and continued by someone else (SIGSTOP): the shell may have reset the
            // terminal meanwhile.
            guard.resume()?;
            dirty = resumed(&mut guard, &mut model)?;
        }
        if dirty && hold.may_draw(std::time::Instant::now(), model.answer_owed()) {
            guard
                .terminal
                .draw(|frame| crate::tui::draw::draw(frame, &model, &theme))?;
            dirty = false;
        }
        let answers = runner.answers();
        // While a search is out, look for its answer every millisecond: the terminal poll
        // cannot be woken by the worker, and a 25 ms sleep would be most of a keystroke's
        // budget. Idle, the loop sleeps longer.
        let waiting = model.searching(Kind::Demand)
            || model.searching(Kind::Achievement)
            || crate::tui::features::lookup::update::due(&model);
        let mut timeout = if !answers.is_empty() {
            Duration::ZERO
        } else if waiting {
            ANSWER_POLL
        } else {
            POLL
        };
        for action in answers {
            dirty |= dispatch(&mut model, &mut runner, action);
        }
        if !loaded && model.demands.loaded && model.results.loaded {
            loaded = true;
            crate::set_purge_delay(crate::DEFAULT_PURGE_DELAY_MS);
        }
        // Take every key already waiting before drawing again, so a burst of typing (or a
        // paste) costs one frame, not one frame per key. Each key is resolved after the
        // previous one took effect: "/" opens the search line, so the "x" after it is text.
        let seq = model.search_seq;
        if hold.holding() {
            timeout = timeout.min(ANSWER_POLL);
        }
        while event::poll(timeout)? {
            timeout = Duration::ZERO;
            match to_action(&model, &event::read()?) {
                // The terminal is the loop's: Ctrl-Z (or whatever the key table says) stops
                // here, and the desk is redrawn whole when continued.
                Some(Action::Suspend) => {
                    guard.suspend()?;
                    signals.take_cont();
                    dirty = resumed(&mut guard, &mut model)?;
                    break;
                }
                Some(action) => dirty |= dispatch(&mut model, &mut runner, action),
                None => {}
            }
        }
        if model.search_seq != seq && model.answer_owed() {
            hold.keyed(std::time::Instant::now());
        }
    }
    drop(guard);
    drop(runner);
    Ok(signals
        .quit()
        .map_or(std::process::ExitCode::SUCCESS, |sig| {
            std::process::ExitCode::from(u8::try_from(terminal::exit_code(sig)).unwrap_or(1))
        }))
}

/// After the terminal was taken back: the model learns its size (the window may have been
/// resized meanwhile). True: the desk must be drawn.
fn resumed(guard: &mut terminal::Guard, model: &mut Model) -> anyhow::Result<bool> {
    let size = guard.terminal.size()?;
    // Nothing a resize asks of the runner.
    let _ = crate::tui::update::update(
        model,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    Ok(true)
}

/// Runs one action and everything its effects answer; true when the model changed.
fn dispatch(model: &mut Model, runner: &mut runner::Runner, action: Action) -> bool {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in crate::tui::update::update(model, action) {
            queue.extend(runner.run(effect));
        }
        // The selected record in full, for the detail pane (a read by primary key).
        if queue.is_empty()
            && let Some(id) = model.wanted_full()
        {
            let fetched = runner.run(runner::Effect::Fetch { id });
            if fetched.is_empty() {
                // Gone meanwhile: the live watch takes it off the list.
                break;
            }
            queue.extend(fetched);
        }
    }
    true
}

fn sanitize_title(name: &str) -> String {
    crate::sanitize::one_line(name)
}

/// What a terminal event means in the current context.
fn to_action(model: &Model, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => model.keymap.resolve(model.context(), k),
        // The mouse given to the terminal: whatever still arrives is not the desk's.
        Event::Mouse(_) if !model.mouse => None,
        Event::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Scroll {
                    column,
                    row,
                    delta: 1,
                }),
                MouseEventKind::ScrollUp => Some(Action::Scroll {
                    column,
                    row,
                    delta: -1,
                }),
                _ => None,
            }
        }
        // Bracketed paste: the whole text goes to the field that has the focus at once, never
        // scattered over fields one line at a time.
        Event::Paste(text) if model.context().takes_text() => Some(Action::Input(
            crate::tui::action::Input::Paste(text.clone()),
        )),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}
