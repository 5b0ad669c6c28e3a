//! A rebuild that reads only the changed records and patches the earlier index (from its
//! file) makes the very index a build from scratch makes, byte for byte, whatever changed:
//! edits that bring new words or drop the last use of old ones, new fields, closings, prices,
//! deletions, additions, records with no text.

use super::*;
use crate::db::{Db, RecordFilter, records};
use crate::domain::{Kind, Money, Record};
use crate::matching::column::Column;

const TITLES: &[&str] = &[
    "锂电池用电解铜箔表面处理",
    "钙钛矿电池封装工艺",
    "光伏组件回收拆解",
    "智能巡检机器人",
    "中药材三七种植",
    "稀土永磁电机设计",
    "污水处理膜生物反应器",
    "石墨烯导热膜制备",
    "Lyapunov函数镇定控制器",
    "燃料电池催化剂",
];
const FIELDS: &[&str] = &["新材料", "新能源", "高端装备", "生物医药", "", "节能环保"];
const WORDS: &[&str] = &[
    "粗化",
    "防氧化",
    "收卷",
    "拆解",
    "红外测温",
    "种植",
    "退磁",
    "膜污染",
    "导热",
    "铂",
    "质子交换",
    "高效",
    "低成本",
    "规模化",
];

/// A deterministic stream of choices (no seed file, no crate: the same every run).
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.roll(from.len())]
    }

    /// A record's content, now and then with a word no record had before.
    fn fill(&mut self, r: &mut Record, round: usize) {
        r.title = format!("{}{}", self.pick(TITLES), self.pick(WORDS));
        if self.roll(4) == 0 {
            r.title = format!("{}新词{round}号工艺", r.title);
        }
        r.field = self.pick(FIELDS).to_string();
        r.description = (0..self.roll(4))
            .map(|_| self.pick(WORDS))
            .collect::<Vec<_>>()
            .join("，");
        r.keywords = if self.roll(3) == 0 {
            format!("{}、{}", self.pick(WORDS), self.pick(WORDS))
        } else {
            String::new()
        };
        r.status = if self.roll(6) == 0 {
            "已关闭"
        } else {
            "open"
        }
        .to_string();
        let money = Money::from_wan(self.roll(500) as i64 + 1);
        match r.kind {
            Kind::Demand => r.budget = money,
            Kind::Achievement => {
                r.price = money;
                r.maturity = ["中试", "TRL 6", "", "实验室"][self.roll(4)].to_string();
            }
        }
        r.region = ["陕西西安", "广东深圳", ""][self.roll(3)].to_string();
    }
}

fn all(db: &Db) -> Vec<Record> {
    records::list(db.conn(), &RecordFilter::default()).unwrap()
}

/// The index as the persisted file would hold it, for comparison.
fn image_of(index: &SuggestIndex) -> Vec<u8> {
    image(index, Stamp::default())
}

/// A file database with 40 records of both kinds (a third demands), made by `Dice(seed)`.
fn seeded(seed: u64) -> (tempfile::TempDir, std::path::PathBuf, Db, Dice) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut db = Db::open(&path).unwrap();
    let mut dice = Dice(seed);
    for i in 0..40 {
        let kind = if i % 3 == 0 {
            Kind::Demand
        } else {
            Kind::Achievement
        };
        let mut r = Record::new(kind, "");
        dice.fill(&mut r, 0);
        db.write(|tx| records::insert(tx, &mut r)).unwrap();
    }
    (dir, path, db, dice)
}

#[test]
fn a_patched_index_is_the_index_a_full_build_makes() {
    let (_dir, path, mut db, mut dice) = seeded(7);
    open(db.conn(), &path, Levers::default()).unwrap();
    let mut patched_rounds = 0;
    for round in 1..=30 {
        // A few changes: edits, deletions, additions, an emptied record.
        let now = all(&db);
        for _ in 0..=dice.roll(3) {
            let mut r = now[dice.roll(now.len())].clone();
            match dice.roll(5) {
                0 => db.write(|tx| records::delete(tx, r.id)).unwrap(),
                1 => {
                    let kind = if dice.roll(2) == 0 {
                        Kind::Demand
                    } else {
                        Kind::Achievement
                    };
                    let mut n = Record::new(kind, "");
                    dice.fill(&mut n, round);
                    if dice.roll(4) == 0 {
                        n.title = "待定".into();
                        n.description.clear();
                        n.keywords.clear();
                        n.field.clear();
                    }
                    db.write(|tx| records::insert(tx, &mut n)).unwrap();
                }
                _ => {
                    dice.fill(&mut r, round);
                    db.write(|tx| records::update(tx, &mut r)).unwrap();
                }
            }
        }
        let Err(stale) = cached(db.conn(), &path, Levers::default()).unwrap() else {
            panic!("round {round}: a changed database must not find the index fresh");
        };
        let ready = stale.read(db.conn()).unwrap();
        patched_rounds += usize::from(ready.patches());
        let patched = ready.build();
        let full = SuggestIndex::build(&all(&db));
        assert!(
            image_of(&patched) == image_of(&full),
            "round {round}: the patched index differs from a full build"
        );
        // What was saved is that index too, and fresh.
        let Ok(loaded) = cached(db.conn(), &path, Levers::default()).unwrap() else {
            panic!("round {round}: the patched index was not saved as fresh");
        };
        assert!(image_of(&loaded) == image_of(&full), "round {round}: saved");
    }
    assert_eq!(patched_rounds, 30, "every round read only what changed");
}

#[test]
fn many_changes_are_read_whole_and_still_build_the_same_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut db = Db::open(&path).unwrap();
    let mut dice = Dice(11);
    for _ in 0..30 {
        let mut r = Record::new(Kind::Achievement, "");
        dice.fill(&mut r, 0);
        db.write(|tx| records::insert(tx, &mut r)).unwrap();
    }
    open(db.conn(), &path, Levers::default()).unwrap();
    // Past the one-by-one limit: 2,100 new records.
    db.write(|tx| {
        for _ in 0..2_100 {
            let mut r = Record::new(Kind::Demand, "");
            dice.fill(&mut r, 1);
            records::insert(tx, &mut r)?;
        }
        Ok::<(), crate::db::DbError>(())
    })
    .unwrap();
    let Err(stale) = cached(db.conn(), &path, Levers::default()).unwrap() else {
        panic!("stale expected");
    };
    let ready = stale.read(db.conn()).unwrap();
    assert!(
        !ready.patches(),
        "2,100 changes of 2,130 records are read whole"
    );
    let index = ready.build();
    assert!(image_of(&index) == image_of(&SuggestIndex::build(&all(&db))));
}

#[test]
fn a_damaged_earlier_index_is_read_again_where_it_is_damaged_never_trusted() {
    let (_dir, _, db, _) = seeded(23);
    let records = all(&db);
    let full = SuggestIndex::build(&records);
    let words = full.words.len() as u32;
    let stale = |old: SuggestIndex| Stale {
        old: Some(old),
        stamp: Stamp::default(),
        path: None,
        levers: Levers::default(),
    };

    // A term id past the vocabulary in one record's terms: that record is read again.
    let mut bad_term = SuggestIndex::build(&records);
    let mut ids = bad_term.sides[1].term_id.get(0..usize::MAX).into_owned();
    ids[0] = words + 7;
    bad_term.sides[1].term_id = Column::Mem(ids);
    let ready = stale(bad_term).read(db.conn()).unwrap();
    assert!(ready.patches());
    assert!(
        image_of(&ready.build()) == image_of(&full),
        "a damaged record's terms"
    );

    // Offsets stepping back in the vocabulary: nothing of it is kept.
    let mut bad_words = SuggestIndex::build(&records);
    let mut off = bad_words.words.off.get(0..usize::MAX).into_owned();
    off[1] = off[2] + 1;
    bad_words.words.off = Column::Mem(off);
    let built = stale(bad_words).read(db.conn()).unwrap().build();
    assert!(image_of(&built) == image_of(&full), "a damaged vocabulary");
}
