//! One source row → one record, or the reason it cannot be taken.

use serde_json::Value;

use super::headers::{Column, Field};
use super::limits;
use super::table::SourceRow;
use super::values::{
    number_text, parse_amount, parse_bool, parse_date, parse_status, unneutralise,
};
use crate::domain::{Code, Kind, Record};

/// Builds the record of `src`; `Err` carries the reason shown to the user.
pub fn to_record(
    src: &SourceRow,
    header: &[String],
    columns: &[Column],
    kind: Kind,
) -> Result<Record, String> {
    if let Some(problem) = &src.problem {
        return Err(problem.clone());
    }
    // Before any cell is copied or read: a huge cell must not reach the search keys.
    limits::check_row(&src.cells, header, columns)?;
    let extra_cells = src
        .cells
        .iter()
        .skip(columns.len())
        .filter(|c| !c.trim().is_empty())
        .count();
    if extra_cells > 0 {
        return Err(format!(
            "{} cells but the header has {} (a stray delimiter or an unquoted comma?)",
            src.cells.len(),
            columns.len()
        ));
    }
    let mut rec = Record {
        kind,
        status: "open".into(),
        ..Record::default()
    };
    for (i, col) in columns.iter().enumerate() {
        let raw = src.cells.get(i).map_or("", String::as_str);
        let text = unneutralise(raw).trim();
        let head = header.get(i).map_or("", |h| h.trim());
        match col {
            Column::Extra(name) => {
                if !text.is_empty() {
                    rec.extra
                        .insert(name.clone(), Value::String(text.to_string()));
                }
            }
            Column::Field(f) => set_field(&mut rec, *f, text, head)?,
        }
    }
    if rec.title.is_empty() {
        return Err("no title".into());
    }
    Ok(rec)
}

fn set_field(rec: &mut Record, f: Field, text: &str, head: &str) -> Result<(), String> {
    let s = || text.to_string();
    match f {
        Field::Code => {
            // Our own code, as export writes it, identifies nothing in another database:
            // dropped when it is one, kept in `extra` when it is the user's own data.
            let ours = text
                .parse::<Code>()
                .is_ok_and(|c| c.kind == rec.kind.code_kind());
            if !ours && !text.is_empty() {
                rec.extra.insert(head.to_string(), Value::String(s()));
            }
        }
        Field::RejectReason => {}
        Field::ExtId => rec.ext_id = number_text(text),
        Field::Title => rec.title = s(),
        Field::Org => rec.org = s(),
        Field::Field => rec.field = s(),
        Field::Region => rec.region = s(),
        Field::Description => rec.description = s(),
        Field::Keywords => rec.keywords = s(),
        Field::Contact => rec.contact = s(),
        Field::Phone => rec.phone = number_text(text),
        Field::Email => rec.email = s(),
        Field::Source => rec.source = s(),
        Field::Status => rec.status = parse_status(text),
        Field::Budget => rec.budget = parse_amount(text).map_err(|e| format!("{head}: {e}"))?,
        Field::Price => rec.price = parse_amount(text).map_err(|e| format!("{head}: {e}"))?,
        Field::Deadline => {
            rec.deadline = parse_date(text);
            rec.settle_deadline();
        }
        Field::OpenCall => {
            rec.open_call = parse_bool(text)
                .ok_or_else(|| format!("{head}: cannot read {text:?} as yes or no (是/否)"))?;
        }
        Field::Lead => rec.lead = s(),
        Field::Maturity => rec.maturity = s(),
        Field::Ip => rec.ip = number_text(text),
        Field::Modes => rec.modes = s(),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::headers::map_columns;

    fn row(cells: &[&str]) -> SourceRow {
        SourceRow::new(7, cells.iter().map(|s| (*s).to_string()).collect())
    }

    fn header(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn a_demand_row_fills_fields_and_keeps_the_rest_in_extra() {
        let h = header(&[
            "需求名称",
            "企业名称",
            "预算（万元）",
            "截止日期",
            "揭榜挂帅",
            "电话",
            "负责人",
            "备注",
        ]);
        let cols = map_columns(&h, Kind::Demand);
        let r = to_record(
            &row(&[
                " 高精度铜箔 ",
                "江铜",
                "50万元",
                "2027/3/31",
                "是",
                "13800138000.0",
                "张三",
                "急",
            ]),
            &h,
            &cols,
            Kind::Demand,
        )
        .unwrap();
        assert_eq!(r.title, "高精度铜箔");
        assert_eq!(r.budget, crate::domain::Money::from_wan(50));
        assert_eq!(r.deadline, "2027-03-31");
        assert!(r.open_call);
        assert_eq!(r.phone, "13800138000");
        assert_eq!(r.extra["负责人"], "张三");
        assert_eq!(r.extra["备注"], "急");
        assert_eq!(r.status, "open");
    }

    #[test]
    fn bad_rows_say_why() {
        let h = header(&["成果名称", "价格"]);
        let cols = map_columns(&h, Kind::Achievement);
        let err = to_record(&row(&["x", "abc"]), &h, &cols, Kind::Achievement).unwrap_err();
        assert!(err.contains("价格") && err.contains("abc"), "{err}");
        assert_eq!(
            to_record(&row(&["", "5"]), &h, &cols, Kind::Achievement).unwrap_err(),
            "no title"
        );
        let r = to_record(&row(&["x", "面议"]), &h, &cols, Kind::Achievement).unwrap();
        assert_eq!(r.price, None);
        // Short rows are fine; long rows with data beyond the header are not.
        assert!(to_record(&row(&["x"]), &h, &cols, Kind::Achievement).is_ok());
        assert!(to_record(&row(&["x", "1", "", ""]), &h, &cols, Kind::Achievement).is_ok());
        let err = to_record(&row(&["x", "1", "oops"]), &h, &cols, Kind::Achievement).unwrap_err();
        assert!(err.contains("3 cells"), "{err}");
    }

    #[test]
    fn our_own_code_column_is_dropped_but_foreign_codes_are_kept() {
        let h = header(&["代码", "名称"]);
        let cols = map_columns(&h, Kind::Demand);
        let r = to_record(&row(&["D12", "a"]), &h, &cols, Kind::Demand).unwrap();
        assert!(r.extra.is_empty());
        let r = to_record(&row(&["ABC-9", "a"]), &h, &cols, Kind::Demand).unwrap();
        assert_eq!(r.extra["代码"], "ABC-9");
    }
}
