//! A record patch: only the fields a user changed, so a save can tell a colleague's change
//! to another field (kept) from one to the same field (a conflict).

use super::{Money, Record};

macro_rules! patchable {
    ($($name:ident: $ty:ty,)*) => {
        /// The fields of a record a save changes; `None` leaves a field as stored.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct RecordPatch {
            $(
                #[doc = concat!("New `", stringify!($name), "`, when changed.")]
                pub $name: Option<$ty>,
            )*
        }

        impl RecordPatch {
            /// The names of every patchable field, as the database names them.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($name),)*];

            /// The patch that turns `before` into `after`: every field that differs.
            pub fn between(before: &Record, after: &Record) -> RecordPatch {
                RecordPatch {
                    $($name: (before.$name != after.$name).then(|| after.$name.clone()),)*
                }
            }

            /// Names of the fields the patch changes.
            pub fn fields(&self) -> Vec<&'static str> {
                let mut out = Vec::new();
                $(if self.$name.is_some() { out.push(stringify!($name)); })*
                out
            }

            /// Whether the patch changes nothing.
            pub fn is_empty(&self) -> bool {
                $(self.$name.is_none() &&)* true
            }

            /// Writes the patched fields into `rec`.
            pub fn apply(&self, rec: &mut Record) {
                $(if let Some(v) = &self.$name { rec.$name.clone_from(v); })*
            }

            /// Patched fields that someone changed between `base` (what the user started
            /// from) and `theirs` (what is stored now) to something else than the patch
            /// sets: saving would overwrite their change.
            pub fn conflicts(&self, base: &Record, theirs: &Record) -> Vec<&'static str> {
                let mut out = Vec::new();
                $(
                    if let Some(v) = &self.$name
                        && base.$name != theirs.$name
                        && *v != theirs.$name
                    {
                        out.push(stringify!($name));
                    }
                )*
                out
            }

            /// Fields the patch leaves alone that someone changed between `base` and
            /// `theirs`: a save keeps their values.
            pub fn kept(&self, base: &Record, theirs: &Record) -> Vec<&'static str> {
                let mut out = Vec::new();
                $(
                    if self.$name.is_none() && base.$name != theirs.$name {
                        out.push(stringify!($name));
                    }
                )*
                out
            }
        }
    };
}

patchable! {
    ext_id: String,
    title: String,
    org: String,
    field: String,
    region: String,
    description: String,
    keywords: String,
    contact: String,
    phone: String,
    email: String,
    source: String,
    status: String,
    status_text: String,
    budget: Option<Money>,
    deadline: String,
    deadline_text: String,
    open_call: bool,
    lead: String,
    maturity: String,
    ip: String,
    modes: String,
    price: Option<Money>,
    extra: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    #[test]
    fn a_patch_names_its_fields_and_tells_conflicts_from_kept_changes() {
        let base = Record::new(Kind::Demand, "铜箔");
        let mut mine = base.clone();
        mine.phone = "139".into();
        let patch = RecordPatch::between(&base, &mine);
        assert_eq!(patch.fields(), ["phone"]);
        let mut theirs = base.clone();
        theirs.org = "汉威".into();
        assert!(patch.conflicts(&base, &theirs).is_empty());
        assert_eq!(patch.kept(&base, &theirs), ["org"]);
        theirs.phone = "138".into();
        assert_eq!(patch.conflicts(&base, &theirs), ["phone"]);
        // The same value on both sides overwrites nothing.
        theirs.phone = "139".into();
        assert!(patch.conflicts(&base, &theirs).is_empty());
        patch.apply(&mut theirs);
        assert_eq!(theirs.phone, "139");
        assert!(RecordPatch::default().is_empty());
    }
}
