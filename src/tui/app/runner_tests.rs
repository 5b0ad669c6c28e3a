//! The runner against a real database: saves, conflicts, lock waits.

use super::*;
use crate::domain::Record;
use crate::tui::Lang;
use crate::tui::action::{Input, PipeAction};
use crate::tui::effect::PipeEffect;
use crate::tui::features::filters::Filters;
use crate::tui::keys::Keymap;
use crate::tui::model::Model;
use crate::tui::update::update;

fn wait(runner: &mut Runner, m: &mut Model) {
    for _ in 0..500 {
        for a in runner.answers() {
            update(m, a);
        }
        if !m.searching(Kind::Demand) && !m.searching(Kind::Achievement) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("no answer");
}

fn drive(runner: &mut Runner, m: &mut Model, action: Action) {
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in update(m, a) {
            queue.extend(runner.run(e));
        }
    }
}

#[test]
fn saved_views_round_trip_through_the_database() {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        for (kind, t, field) in [
            (Kind::Demand, "铜箔", "锂电"),
            (Kind::Demand, "光伏背板", "光伏"),
            (Kind::Achievement, "硅碳负极", "锂电"),
        ] {
            let mut r = Record::new(kind, t);
            r.field = field.into();
            records::insert(tx, &mut r)?;
        }
        Ok::<_, crate::db::DbError>(())
    })
    .unwrap();
    let recs = records::list(db.conn(), &records::RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::En, "t.db");
    let mut runner = Runner::new(db).unwrap();
    let mut f = Filters::default();
    f.field.insert("锂电".into());
    drive(&mut runner, &mut m, Action::FiltersApplied(f.clone()));
    assert_eq!(m.demands.shown.len(), 1);
    drive(&mut runner, &mut m, Action::SaveViewBegin);
    drive(&mut runner, &mut m, Action::Slot(3));
    drive(&mut runner, &mut m, Action::FiltersClear);
    assert_eq!(m.demands.shown.len(), 2);
    drive(&mut runner, &mut m, Action::Slot(3));
    assert_eq!(m.filters, f);
    assert_eq!(m.demands.shown.len(), 1);
    drive(&mut runner, &mut m, Action::Slot(4));
    assert!(m.message.as_ref().unwrap().text.contains("empty"));
    wait(&mut runner, &mut m);
}

#[test]
fn closing_and_deleting_write_and_refresh_the_search() {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        records::insert(tx, &mut Record::new(Kind::Demand, "西安交通大学 合作"))?;
        records::insert(tx, &mut Record::new(Kind::Demand, "鄭州大學 铜箔"))
    })
    .unwrap();
    let recs = records::list(db.conn(), &records::RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::En, "t.db");
    let mut runner = Runner::new(db).unwrap();
    let first = m.demands.selected_id().unwrap();
    drive(&mut runner, &mut m, Action::CloseRecord);
    drive(&mut runner, &mut m, Action::Input(Input::Yes));
    assert_eq!(m.demands.records[&first].status(), "closed");
    let stored = records::get(runner.db.conn(), first).unwrap().unwrap();
    assert_eq!(stored.status, "closed");
    wait(&mut runner, &mut m);

    drive(&mut runner, &mut m, Action::DeleteRecord);
    drive(&mut runner, &mut m, Action::Input(Input::Yes));
    assert!(records::get(runner.db.conn(), first).unwrap().is_none());
    assert_eq!(m.demands.shown.len(), 1);
    for c in "xajd".chars() {
        drive(&mut runner, &mut m, Action::Input(Input::Type(c)));
    }
    wait(&mut runner, &mut m);
    assert!(m.demands.shown.is_empty(), "deleted record still found");
}

/// The top suggestion of the open list, once one is shown.
#[test]
fn u_after_a_desk_delete_brings_the_record_back_with_its_pair() {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        records::insert(tx, &mut Record::new(Kind::Demand, "铜箔表面处理"))?;
        records::insert(tx, &mut Record::new(Kind::Achievement, "电解铜箔添加剂"))
    })
    .unwrap();
    let clock = crate::pipeline::Clock::system();
    let code = |s: &str| s.parse::<crate::domain::Code>().unwrap();
    crate::pipeline::create_pair(&mut db, &clock, code("D1"), code("R1"), "").unwrap();
    let recs = records::list(db.conn(), &records::RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::En, "t.db");
    let mut runner = Runner::new(db).unwrap();
    let refresh = PipeEffect::Refresh {
        board: false,
        agenda: false,
        detail: None,
    };
    for a in runner.run(Effect::Pipe(refresh)) {
        update(&mut m, a);
    }
    let d1 = m.demands.selected_id().unwrap();
    assert!(m.pipe.by_record.contains_key(&d1));

    drive(&mut runner, &mut m, Action::DeleteRecord);
    let Some(crate::tui::overlay::Overlay::Confirm { confirm, .. }) = m.overlays.last() else {
        panic!("no question");
    };
    assert!(
        confirm.message.contains("with its 1 pair and 0 follow-ups"),
        "{}",
        confirm.message
    );
    drive(&mut runner, &mut m, Action::Input(Input::Yes));
    assert!(m.demands.shown.is_empty());
    assert!(crate::pipeline::pair_by_code(runner.db.conn(), code("P1")).is_err());

    drive(&mut runner, &mut m, Action::Pipe(PipeAction::Undo));
    assert!(
        m.message.as_ref().unwrap().text.contains("delete D1"),
        "{:?}",
        m.message
    );
    assert_eq!(m.demands.shown, vec![d1], "the record is listed again");
    assert!(crate::pipeline::pair_by_code(runner.db.conn(), code("P1")).is_ok());
    wait(&mut runner, &mut m);
    assert!(m.pipe.by_record.contains_key(&d1), "and marked as paired");
}

fn top_suggestion(
    runner: &mut Runner,
    m: &mut Model,
    pred: impl Fn(&crate::tui::features::suggestions::SuggestionVm) -> bool,
) -> crate::tui::features::suggestions::SuggestionVm {
    for _ in 0..2000 {
        for a in runner.answers() {
            update(m, a);
        }
        let top = m.overlays.iter().find_map(|p| match p {
            crate::tui::overlay::Overlay::Suggestions { list, .. } => list.selected().cloned(),
            _ => None,
        });
        if let Some(top) = top.filter(|t| pred(t)) {
            return top;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!(
        "no such suggestion; message {:?}, popups {}",
        m.message.as_ref().map(|x| x.text.clone()),
        m.overlays.len()
    );
}

#[test]
fn suggestions_speak_the_desk_language_and_take_in_a_record_added_since() {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        let mut d = Record::new(Kind::Demand, "高精度电解铜箔");
        d.keywords = "电解铜箔".into();
        records::insert(tx, &mut d)?;
        records::insert(tx, &mut Record::new(Kind::Achievement, "铜箔集流体涂层"))?;
        records::insert(tx, &mut Record::new(Kind::Achievement, "光伏组件回收"))
    })
    .unwrap();
    let recs = records::list(db.conn(), &records::RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::En, "t.db");
    let mut runner = Runner::new(db).unwrap();
    drive(&mut runner, &mut m, Action::Pipe(PipeAction::Suggest));
    let first = top_suggestion(&mut runner, &mut m, |_| true);
    assert_ne!(first.title, "电解铜箔表面处理技术");

    // A result written down since: the next `s` answers from the index as it was, then
    // the rebuilt index puts the new result on top of the open list, reasons in English.
    let mut fresh = Record::new(Kind::Achievement, "电解铜箔表面处理技术");
    fresh.keywords = "电解铜箔".into();
    for a in runner.run(Effect::Save(Box::new(fresh))) {
        update(&mut m, a);
    }
    // Saving selected the new result; back to the demand.
    m.focus = Kind::Demand;
    drive(&mut runner, &mut m, Action::Pipe(PipeAction::Suggest));
    let top = top_suggestion(&mut runner, &mut m, |t| t.title == "电解铜箔表面处理技术");
    let worded = top.worded(m.lang);
    assert!(
        worded.iter().any(|r| r.starts_with("shared terms")),
        "{worded:?}"
    );
    let lists = m
        .overlays
        .iter()
        .filter(|p| matches!(p, crate::tui::overlay::Overlay::Suggestions { .. }))
        .count();
    assert_eq!(lists, 1, "the refreshed list replaces the open one");
}
