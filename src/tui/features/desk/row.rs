//! What the desk holds of a record it lists: the numbers, and the text fields it shows and
//! filters on packed in one allocation. A million of them fit in well under 200 MB; the full
//! record is fetched when it is shown or edited.

use crate::domain::{Code, Kind, RecordRow};
use crate::tui::features::filters::Filterable;

/// The packed fields, in order.
const TITLE: usize = 0;
const ORG: usize = 1;
const FIELD: usize = 2;
const REGION: usize = 3;
const STATUS: usize = 4;
const CONTACT: usize = 5;
const PHONE: usize = 6;
const N: usize = 7;

/// One listed record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskRow {
    pub id: i64,
    pub seq: i64,
    /// Revision of the row's last write: newer first.
    pub rev: i64,
    pub kind: Kind,
    /// The text fields one after another; `ends[i]` is where field `i` ends.
    text: Box<str>,
    ends: [u32; N],
}

impl DeskRow {
    /// Packs a compact row from the store.
    pub fn of(row: &RecordRow) -> DeskRow {
        let fields = [
            &row.title,
            &row.org,
            &row.field,
            &row.region,
            &row.status,
            &row.contact,
            &row.phone,
        ];
        let mut text = String::with_capacity(fields.iter().map(|f| f.len()).sum());
        let mut ends = [0; N];
        for (i, f) in fields.iter().enumerate() {
            text.push_str(f);
            ends[i] = text.len() as u32;
        }
        DeskRow {
            id: row.id,
            seq: row.seq,
            rev: row.rev,
            kind: row.kind,
            text: text.into_boxed_str(),
            ends,
        }
    }

    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub fn title(&self) -> &str {
        self.part(TITLE)
    }

    pub fn org(&self) -> &str {
        self.part(ORG)
    }

    pub fn field(&self) -> &str {
        self.part(FIELD)
    }

    pub fn region(&self) -> &str {
        self.part(REGION)
    }

    pub fn status(&self) -> &str {
        self.part(STATUS)
    }

    pub fn contact(&self) -> &str {
        self.part(CONTACT)
    }

    pub fn phone(&self) -> &str {
        self.part(PHONE)
    }

    /// The record's code (D12, R34).
    pub fn code(&self) -> Code {
        Code {
            kind: self.kind.code_kind(),
            num: self.seq,
        }
    }
}

impl Filterable for DeskRow {
    fn filtered_values(&self) -> (&str, &str, &str) {
        (self.field(), self.region(), self.status())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_fields_read_back_as_they_were_including_empty_and_cjk_ones() {
        let row = RecordRow {
            id: 7,
            kind: Kind::Achievement,
            seq: 3,
            title: "鋰電池負極材料".into(),
            org: String::new(),
            field: "锂电".into(),
            region: "陕西".into(),
            status: "open".into(),
            contact: "王工".into(),
            phone: "13900002222".into(),
            rev: 9,
            updated_at: "2026-01-01T00:00:00Z".into(),
        };
        let d = DeskRow::of(&row);
        let got = [
            d.title(),
            d.org(),
            d.field(),
            d.region(),
            d.status(),
            d.contact(),
            d.phone(),
        ];
        assert_eq!(
            got,
            [
                "鋰電池負極材料",
                "",
                "锂电",
                "陕西",
                "open",
                "王工",
                "13900002222"
            ]
        );
        assert_eq!(
            (d.id, d.rev, d.code().to_string()),
            (7, 9, "R3".to_string())
        );
    }
}
