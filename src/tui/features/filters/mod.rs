//! Active filters on the lists: sets of field, region, status and stage values. A record is
//! shown when, for every non-empty set, its value is in the set. Stored as JSON in saved views,
//! so its shape is part of the file format. The filter picker edits this same type.

pub mod keys;
pub mod picker;
pub mod region;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::domain::{Record, RecordRow, Stage};
use crate::i18n::{Lang, Msg};
use crate::sanitize::one_line;

/// What filters look at: a full record or a list's compact row.
pub trait Filterable {
    /// Field, region and status.
    fn filtered_values(&self) -> (&str, &str, &str);
}

impl Filterable for Record {
    fn filtered_values(&self) -> (&str, &str, &str) {
        (&self.field, &self.region, &self.status)
    }
}

impl Filterable for RecordRow {
    fn filtered_values(&self) -> (&str, &str, &str) {
        (&self.field, &self.region, &self.status)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub field: BTreeSet<String>,
    pub region: BTreeSet<String>,
    pub status: BTreeSet<String>,
    /// Applies once pairs are shown on the desk; kept and saved meanwhile.
    pub stage: BTreeSet<Stage>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.field.is_empty()
            && self.region.is_empty()
            && self.status.is_empty()
            && self.stage.is_empty()
    }

    /// Whether `rec` passes the field, region and status filters (the desk lists show no
    /// pairs yet, so the stage set is kept and saved but not applied there).
    pub fn admits(&self, rec: &impl Filterable) -> bool {
        let (field, region, status) = rec.filtered_values();
        let ok = |set: &BTreeSet<String>, v: &str| set.is_empty() || set.contains(v.trim());
        ok(&self.field, field) && self.admits_region(region) && ok(&self.status, status)
    }

    /// Whether a record in `region` passes the region filter: a chosen province takes its
    /// cities, a chosen city ("河南 · 郑州") takes every way of writing it (河南省郑州市,
    /// 鄭州); text naming no province is matched as written.
    fn admits_region(&self, region: &str) -> bool {
        if self.region.is_empty() || self.region.contains(region.trim()) {
            return true;
        }
        region::with_parts(region, |province, label| {
            self.region.contains(label) || province.is_some_and(|p| self.region.contains(p))
        })
    }

    /// Whether `rec` passes every filter; `stages` are the stages of the record's pairs, and
    /// the stage filter passes when any of them is chosen (a record with no pairs fails it).
    pub fn matches(&self, rec: &impl Filterable, stages: &[Stage]) -> bool {
        self.admits(rec) && (self.stage.is_empty() || stages.iter().any(|s| self.stage.contains(s)))
    }

    /// How many values are chosen over every dimension.
    pub fn count(&self) -> usize {
        self.field.len() + self.region.len() + self.status.len() + self.stage.len()
    }

    /// One chip per constrained dimension, e.g. "领域: 光伏, 锂电"; values are sanitised.
    pub fn chips(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let mut push = |label: &str, values: Vec<String>| {
            if !values.is_empty() {
                out.push(format!("{label}: {}", values.join(", ")));
            }
        };
        let clean = |set: &BTreeSet<String>| set.iter().map(|v| one_line(v)).collect();
        push(Msg::FieldField.text(lang), clean(&self.field));
        push(Msg::FieldRegion.text(lang), clean(&self.region));
        push(Msg::FieldStatus.text(lang), clean(&self.status));
        push(
            Msg::FieldStage.text(lang),
            self.stage
                .iter()
                .map(|s| lang.pick(s.zh(), s.en()).to_string())
                .collect(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    #[test]
    fn every_non_empty_set_must_match() {
        let mut r = Record::new(Kind::Demand, "铜箔");
        r.field = "锂电".into();
        r.region = "河南".into();
        let mut f = Filters::default();
        assert!(f.admits(&r));
        f.field.insert("锂电".into());
        f.field.insert("光伏".into());
        assert!(f.admits(&r));
        f.region.insert("云南".into());
        assert!(!f.admits(&r));
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<Filters>(&json).unwrap(), f);
        assert_eq!(
            serde_json::from_str::<Filters>("{}").unwrap(),
            Filters::default()
        );
    }
}
