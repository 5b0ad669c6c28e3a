//! Active filters on the lists: sets of field, region, status and stage values. A record is
//! shown when, for every non-empty set, its value is in the set. Stored as JSON in saved views.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::domain::{Record, Stage};
use crate::tui::Lang;

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

    /// Whether `rec` passes the field, region and status filters.
    pub fn admits(&self, rec: &Record) -> bool {
        let ok = |set: &BTreeSet<String>, v: &str| set.is_empty() || set.contains(v);
        ok(&self.field, &rec.field)
            && ok(&self.region, &rec.region)
            && ok(&self.status, &rec.status)
    }

    /// One chip per non-empty set: "领域: 锂电, 光伏". Values are data: callers sanitise.
    pub fn chips(&self, lang: Lang) -> Vec<(&'static str, Vec<String>)> {
        let mut out = Vec::new();
        let mut push = |label: &'static str, vals: Vec<String>| {
            if !vals.is_empty() {
                out.push((label, vals));
            }
        };
        push(
            lang.pick("领域", "field"),
            self.field.iter().cloned().collect(),
        );
        push(
            lang.pick("地区", "region"),
            self.region.iter().cloned().collect(),
        );
        push(
            lang.pick("状态", "status"),
            self.status.iter().cloned().collect(),
        );
        push(
            lang.pick("阶段", "stage"),
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
