//! The fields of a record as the form, the conflict overlay and the store's patch see them:
//! which fields each kind has, their labels, their text, and a patch of only the fields the
//! user changed.

use crate::domain::{Kind, Record};
use crate::i18n::{Lang, Msg};

/// One line of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    Title,
    Org,
    Lead,
    Field,
    Region,
    Description,
    Keywords,
    Budget,
    Deadline,
    Contact,
    Phone,
    Email,
    OpenCall,
    Maturity,
    Ip,
    Modes,
    Price,
    Status,
}

use FieldId as F;

const DEMAND: &[FieldId] = &[
    F::Title,
    F::Org,
    F::Field,
    F::Region,
    F::Description,
    F::Keywords,
    F::Budget,
    F::Deadline,
    F::Contact,
    F::Phone,
    F::Email,
    F::OpenCall,
    F::Status,
];
const RESULT: &[FieldId] = &[
    F::Title,
    F::Org,
    F::Lead,
    F::Field,
    F::Region,
    F::Description,
    F::Keywords,
    F::Maturity,
    F::Ip,
    F::Modes,
    F::Price,
    F::Contact,
    F::Phone,
    F::Email,
    F::Status,
];

impl FieldId {
    /// The fields of a record of `kind`, in form order.
    pub fn for_kind(kind: Kind) -> &'static [FieldId] {
        match kind {
            Kind::Demand => DEMAND,
            Kind::Achievement => RESULT,
        }
    }

    /// The catalogue entry of the label.
    pub fn msg(self, kind: Kind) -> Msg {
        let demand = kind == Kind::Demand;
        match self {
            F::Title => Msg::FieldTitle,
            F::Org if demand => Msg::FieldEnterprise,
            F::Org => Msg::FieldInstitution,
            F::Lead => Msg::FieldLead,
            F::Field => Msg::FieldField,
            F::Region => Msg::FieldRegion,
            F::Description if demand => Msg::FieldDescription,
            F::Description => Msg::FieldAbstract,
            F::Keywords => Msg::FieldKeywords,
            F::Budget => Msg::FieldBudget,
            F::Deadline => Msg::FieldDeadline,
            F::Contact => Msg::FieldContact,
            F::Phone => Msg::FieldPhone,
            F::Email => Msg::FieldEmail,
            F::OpenCall => Msg::FieldOpenCall,
            F::Maturity => Msg::FieldMaturity,
            F::Ip => Msg::FieldIp,
            F::Modes => Msg::FieldModes,
            F::Price => Msg::FieldPrice,
            F::Status => Msg::FieldStatus,
        }
    }

    pub fn label(self, kind: Kind, lang: Lang) -> &'static str {
        self.msg(kind).text(lang)
    }

    /// The column of the `records` table that holds this field, for a store that writes only
    /// the changed fields.
    pub fn column(self) -> &'static str {
        match self {
            F::Title => "title",
            F::Org => "org",
            F::Lead => "lead",
            F::Field => "field",
            F::Region => "region",
            F::Description => "description",
            F::Keywords => "keywords",
            F::Budget => "budget_fen",
            F::Deadline => "deadline",
            F::Contact => "contact",
            F::Phone => "phone",
            F::Email => "email",
            F::OpenCall => "open_call",
            F::Maturity => "maturity",
            F::Ip => "ip",
            F::Modes => "modes",
            F::Price => "price_fen",
            F::Status => "status",
        }
    }

    /// The field as the form edits it: amounts in 万元 without noise, the yes/no field as
    /// "1" or "" (compare with this; show with [`FieldId::shown`]).
    pub fn text_of(self, r: &Record) -> String {
        let s = match self {
            F::Title => &r.title,
            F::Org => &r.org,
            F::Lead => &r.lead,
            F::Field => &r.field,
            F::Region => &r.region,
            F::Description => &r.description,
            F::Keywords => &r.keywords,
            // A deadline kept as text (not a date) is shown, and edited, as written.
            F::Deadline if r.deadline.is_empty() => &r.deadline_text,
            F::Deadline => &r.deadline,
            F::Contact => &r.contact,
            F::Phone => &r.phone,
            F::Email => &r.email,
            F::Maturity => &r.maturity,
            F::Ip => &r.ip,
            F::Modes => &r.modes,
            // The word the user knows (洽谈中), else open/closed; saving settles it again.
            F::Status if !r.status_text.is_empty() => &r.status_text,
            F::Status => &r.status,
            F::Budget => return r.budget.map(|m| m.to_string()).unwrap_or_default(),
            F::Price => return r.price.map(|m| m.to_string()).unwrap_or_default(),
            F::OpenCall => {
                return if r.open_call {
                    "1".into()
                } else {
                    String::new()
                };
            }
        };
        s.clone()
    }

    /// The field for display on one line: sanitised, the yes/no field as 是/否.
    pub fn shown(self, r: &Record, lang: Lang) -> String {
        if self == F::OpenCall {
            let m = if r.open_call { Msg::Yes } else { Msg::No };
            return m.text(lang).to_string();
        }
        crate::sanitize::one_line(&self.text_of(r))
    }

    /// Whether two records hold the same value in this field.
    pub fn same(self, a: &Record, b: &Record) -> bool {
        match self {
            F::Budget => a.budget == b.budget,
            F::Price => a.price == b.price,
            F::Deadline => a.deadline == b.deadline && a.deadline_text == b.deadline_text,
            F::OpenCall => a.open_call == b.open_call,
            _ => self.text_of(a) == self.text_of(b),
        }
    }

    /// Copies this field from `from` into `to`.
    pub fn copy(self, from: &Record, to: &mut Record) {
        match self {
            F::Budget => to.budget = from.budget,
            F::Price => to.price = from.price,
            F::Deadline => {
                to.deadline.clone_from(&from.deadline);
                to.deadline_text.clone_from(&from.deadline_text);
            }
            F::OpenCall => to.open_call = from.open_call,
            _ => {
                if let Some(slot) = self.text_mut(to) {
                    *slot = self.text_of(from);
                }
            }
        }
    }

    pub(crate) fn text_mut(self, r: &mut Record) -> Option<&mut String> {
        Some(match self {
            F::Title => &mut r.title,
            F::Org => &mut r.org,
            F::Lead => &mut r.lead,
            F::Field => &mut r.field,
            F::Region => &mut r.region,
            F::Description => &mut r.description,
            F::Keywords => &mut r.keywords,
            F::Deadline => &mut r.deadline,
            F::Contact => &mut r.contact,
            F::Phone => &mut r.phone,
            F::Email => &mut r.email,
            F::Maturity => &mut r.maturity,
            F::Ip => &mut r.ip,
            F::Modes => &mut r.modes,
            F::Status => &mut r.status,
            F::Budget | F::Price | F::OpenCall => return None,
        })
    }
}

/// Only the fields the user changed, with their new values: what the store writes, so that a
/// field someone else changed meanwhile is not overwritten with the value the form opened with.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordPatch {
    /// The record's id (0: a new record, to insert whole).
    pub id: i64,
    pub kind: Kind,
    /// The fields to write, in form order.
    pub fields: Vec<FieldId>,
    /// The record carrying the new values (its other fields are the form's base).
    pub values: Record,
}

impl RecordPatch {
    /// The fields of `values` that differ from `base`.
    pub fn between(base: &Record, values: Record) -> RecordPatch {
        let fields = FieldId::for_kind(values.kind)
            .iter()
            .copied()
            .filter(|f| !f.same(base, &values))
            .collect();
        RecordPatch {
            id: values.id,
            kind: values.kind,
            fields,
            values,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The columns to write (see [`FieldId::column`]).
    pub fn columns(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.column()).collect()
    }

    /// `target` with the patched fields replaced and every other field left as it is.
    pub fn apply_to(&self, target: &Record) -> Record {
        let mut out = target.clone();
        for f in &self.fields {
            f.copy(&self.values, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_holds_only_the_changed_fields_and_applies_onto_another_version() {
        let mut base = Record::new(Kind::Demand, "铜箔");
        base.id = 7;
        base.budget = crate::domain::Money::from_wan(300);
        let mut mine = base.clone();
        mine.region = "重庆".into();
        mine.open_call = true;
        let p = RecordPatch::between(&base, mine);
        assert_eq!(p.fields, [FieldId::Region, FieldId::OpenCall]);
        assert_eq!(p.columns(), ["region", "open_call"]);
        let mut theirs = base.clone();
        theirs.title = "极薄铜箔".into();
        theirs.budget = None;
        let merged = p.apply_to(&theirs);
        assert_eq!(
            (
                merged.title.as_str(),
                merged.region.as_str(),
                merged.open_call
            ),
            ("极薄铜箔", "重庆", true)
        );
        assert_eq!(merged.budget, None, "their change to another field stays");
    }
}
