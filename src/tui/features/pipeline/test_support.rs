//! The harness of the pipeline features' update tests: a model over an in-memory database
//! with two demands and two results, keys resolved through the real default keymap in the
//! context the desk is in, and effects run against the database on a fixed clock.

use crossterm::event::KeyEvent;
use jiff::civil::date;

use crate::db::{Db, RecordFilter, records};
use crate::domain::{Kind, Record};
use crate::pipeline::Clock;
use crate::tui::Lang;
use crate::tui::app::runner_pipeline::PipeRunner;
use crate::tui::effect::Effect;
use crate::tui::keys::{Context, KeySpec, Keymap};
use crate::tui::model::Model;
use crate::tui::update::update;

pub fn clock() -> Clock {
    Clock::fixed(date(2026, 3, 10))
}

/// 铜箔量产工艺 and 中药材提取 (demands), 超薄铜箔电解技术 and 光伏背板 (results).
pub fn setup() -> (Db, Model) {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        for (kind, t) in [
            (Kind::Demand, "铜箔量产工艺"),
            (Kind::Demand, "中药材提取"),
            (Kind::Achievement, "超薄铜箔电解技术"),
            (Kind::Achievement, "光伏背板"),
        ] {
            records::insert(tx, &mut Record::new(kind, t))?;
        }
        Ok::<_, crate::db::DbError>(())
    })
    .unwrap();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    (db, Model::new(recs, Keymap::default(), Lang::Zh, "t.db"))
}

/// Runs pipeline effects until nothing is left, feeding the answers back, like the loop.
pub fn run(db: &mut Db, m: &mut Model, effects: Vec<Effect>) {
    let mut runner = PipeRunner::fixed(clock());
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        let Effect::Pipe(p) = e else { continue };
        for a in runner.run(db, p).unwrap() {
            queue.extend(update(m, a));
        }
    }
}

/// One key as the config spells it ("L", "enter", "shift-right"), resolved in the context
/// the desk is in now; its effects (nothing when the key means nothing there).
pub fn press(m: &mut Model, key: &str) -> Vec<Effect> {
    let spec: KeySpec = key.parse().unwrap();
    let ev = KeyEvent::new(spec.code, spec.mods);
    match m.keymap.resolve(m.context(), &ev) {
        Some(action) => update(m, action),
        None => vec![],
    }
}

/// Space-separated keys, each one's effects run before the next key.
pub fn drive(db: &mut Db, m: &mut Model, keys: &str) {
    for k in keys.split_whitespace() {
        let fx = press(m, k);
        run(db, m, fx);
    }
}

/// Types `text` one character at a time (a space as "space").
pub fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        let k = if c == ' ' {
            "space".into()
        } else {
            c.to_string()
        };
        assert!(press(m, &k).is_empty(), "typing {c:?} wrote something");
    }
}

/// The context of the overlay on top, if any.
pub fn top(m: &Model) -> Option<Context> {
    m.overlays.last().map(crate::tui::overlay::Overlay::context)
}
