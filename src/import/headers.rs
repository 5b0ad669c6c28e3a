//! Header rows: which column of a user's file feeds which record field. A header is folded
//! ([`normalise`]) and looked up among the aliases of each [`Field`]; a column no field of
//! the record's kind takes is kept in `extra`.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use crate::domain::Kind;
use crate::import::fields::ALIASES;
pub use crate::import::fields::Field;

/// Folds a header for comparison: NFKC (full-width letters and brackets), lower case, a unit
/// or note in brackets dropped ("预算（万元）" → "预算"), spaces, asterisks and colons removed.
pub fn normalise(header: &str) -> String {
    let folded: String = header.nfkc().collect::<String>().to_lowercase();
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | ':' | '\u{feff}') => {}
            '-' | ' ' => out.push('_'),
            c => out.push(c),
        }
    }
    // A header that is all brackets keeps its text rather than becoming empty.
    if out.is_empty() {
        return folded.trim().to_string();
    }
    out
}

/// The field a header names, if any.
pub fn lookup(header: &str) -> Option<Field> {
    // No alias is near this long: a long cell is data, and folding it would cost its size.
    if header.len() > 200 {
        return None;
    }
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    // "e-mail" keeps its hyphen as an underscore after normalising.
    let h = if h == "e_mail" {
        "email".to_string()
    } else {
        h
    };
    ALIASES
        .iter()
        .find(|(_, names)| names.iter().any(|n| *n == h))
        .map(|(f, _)| *f)
}

/// How each column of a file is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// Feeds a field of the record.
    Field(Field),
    /// Kept in `extra` under this (trimmed) header.
    Extra(String),
}

/// Maps a header row for `kind`: the first column naming a field feeds it; a repeated one,
/// an unknown one or one of the other kind's fields is kept in `extra` under its header.
pub fn map_columns(headers: &[String], kind: Kind) -> Vec<Column> {
    let mut taken: Vec<Field> = Vec::new();
    let mut extra_names: HashSet<String> = HashSet::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if let Some(f) = lookup(h)
                && f.applies_to(kind)
                && !taken.contains(&f)
            {
                taken.push(f);
                return Column::Field(f);
            }
            let mut name = h.trim().trim_start_matches('\u{feff}').to_string();
            if name.is_empty() {
                name = format!("column {}", i + 1);
            }
            // Two columns with one header must not overwrite each other in `extra`.
            let base = name.clone();
            let mut n = 2;
            while extra_names.contains(&name) {
                name = format!("{base} ({n})");
                n += 1;
            }
            extra_names.insert(name.clone());
            Column::Extra(name)
        })
        .collect()
}

/// How many headers name a known field (to find the header row under a title row).
pub fn known_count(cells: &[String]) -> usize {
    cells.iter().filter(|c| lookup(c).is_some()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(h: &str) -> Option<Field> {
        lookup(h)
    }

    #[test]
    fn every_alias_family_is_recognised_in_chinese_and_english() {
        let cases: &[(&[&str], Field)] = &[
            (&["编号", "ID", "id"], Field::ExtId),
            (
                &["名称", "需求名称", "成果名称", "项目名称", "标题", "Title"],
                Field::Title,
            ),
            (
                &[
                    "企业名称",
                    "需求单位",
                    "完成单位",
                    "持有单位",
                    "单位",
                    "依托单位",
                    "org",
                ],
                Field::Org,
            ),
            (&["行业领域", "技术领域", "领域", "field"], Field::Field),
            (&["地区", "所在地区", "省份", "region"], Field::Region),
            (
                &[
                    "需求描述",
                    "成果简介",
                    "简介",
                    "摘要",
                    "描述",
                    "description",
                ],
                Field::Description,
            ),
            (&["关键词", "keywords"], Field::Keywords),
            (&["预算", "拟投入金额", "budget"], Field::Budget),
            (&["价格", "转让价格", "意向价格", "price"], Field::Price),
            (&["成熟度", "maturity"], Field::Maturity),
            (&["知识产权", "专利号", "ip", "IP"], Field::Ip),
            (&["合作方式", "modes"], Field::Modes),
            (&["联系人", "contact"], Field::Contact),
            (&["电话", "联系电话", "手机", "phone"], Field::Phone),
            (&["邮箱", "email", "E-mail"], Field::Email),
            (&["截止日期", "deadline"], Field::Deadline),
            (&["负责人", "lead", "team_lead", "项目负责人"], Field::Lead),
            (&["来源", "source"], Field::Source),
            (&["揭榜挂帅", "open_call"], Field::OpenCall),
            (&["状态", "Status"], Field::Status),
        ];
        for (names, field) in cases {
            for n in *names {
                assert_eq!(f(n), Some(*field), "{n}");
            }
        }
    }

    #[test]
    fn units_spaces_and_full_width_forms_do_not_hide_a_header() {
        assert_eq!(f("预算（万元）"), Some(Field::Budget));
        assert_eq!(f(" 价格(万元) "), Some(Field::Price));
        assert_eq!(f("*需求名称"), Some(Field::Title));
        assert_eq!(f("ＴＩＴＬＥ"), Some(Field::Title));
        assert_eq!(f("联系 电话"), Some(Field::Phone));
        assert_eq!(f("\u{feff}编号"), Some(Field::ExtId));
        assert_eq!(f("资助金额"), None);
        assert_eq!(f("amount_wan_cny"), None);
    }

    #[test]
    fn other_kind_repeated_and_unknown_columns_go_to_extra() {
        let h: Vec<String> = ["名称", "预算", "负责人", "标题", "备注", "备注", ""]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        let d = map_columns(&h, Kind::Demand);
        assert_eq!(d[0], Column::Field(Field::Title));
        assert_eq!(d[1], Column::Field(Field::Budget));
        assert_eq!(d[2], Column::Extra("负责人".into()));
        assert_eq!(d[3], Column::Extra("标题".into()));
        assert_eq!(d[4], Column::Extra("备注".into()));
        assert_eq!(d[5], Column::Extra("备注 (2)".into()));
        assert_eq!(d[6], Column::Extra("column 7".into()));
        let r = map_columns(&h, Kind::Achievement);
        assert_eq!(r[1], Column::Extra("预算".into()));
        assert_eq!(r[2], Column::Field(Field::Lead));
    }
}
