//! Header aliases: which column of a user's file feeds which record field, in Chinese or
//! English, and which fields belong to one kind only.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use crate::domain::Kind;

/// A record field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Our own code (D12 / R34) as written by `duijie export`; used only when it parses.
    Code,
    /// The reason column of a rejects file, so a fixed rejects file imports cleanly.
    RejectReason,
    ExtId,
    Title,
    Org,
    Field,
    Region,
    Description,
    Keywords,
    Contact,
    Phone,
    Email,
    Source,
    Status,
    Budget,
    Deadline,
    OpenCall,
    Lead,
    Maturity,
    Ip,
    Modes,
    Price,
}

/// Every alias, already normalised by [`normalise`]. The first alias of each field is the
/// Chinese header `duijie export` writes (export picks per kind where they differ).
const ALIASES: &[(Field, &[&str])] = &[
    (Field::Code, &["代码", "code"]),
    (Field::RejectReason, &["reject_reason"]),
    (
        Field::ExtId,
        &[
            "编号",
            "id",
            "ext_id",
            "extid",
            "项目编号",
            "需求编号",
            "成果编号",
            "result_id",
            "demand_id",
            "项目批准号",
            "批准号",
        ],
    ),
    (
        Field::Title,
        &[
            "名称",
            "需求名称",
            "成果名称",
            "项目名称",
            "标题",
            "title",
            "name",
            "技术需求名称",
            "需求标题",
            "成果标题",
        ],
    ),
    (
        Field::Org,
        &[
            "企业名称",
            "需求单位",
            "完成单位",
            "持有单位",
            "单位",
            "依托单位",
            "org",
            "organization",
            "organisation",
            "企业",
            "单位名称",
            "申报单位",
            "成果持有单位",
        ],
    ),
    (
        Field::Field,
        &[
            "行业领域",
            "技术领域",
            "领域",
            "field",
            "所属领域",
            "行业",
            "industry",
        ],
    ),
    (
        Field::Region,
        &[
            "地区",
            "所在地区",
            "省份",
            "region",
            "所在地",
            "区域",
            "province",
        ],
    ),
    (
        Field::Description,
        &[
            "需求描述",
            "成果简介",
            "简介",
            "摘要",
            "描述",
            "description",
            "abstract",
            "内容",
            "需求内容",
            "成果介绍",
        ],
    ),
    (
        Field::Keywords,
        &["关键词", "keywords", "keyword", "关键字"],
    ),
    (Field::Contact, &["联系人", "contact"]),
    (
        Field::Phone,
        &[
            "电话",
            "联系电话",
            "手机",
            "phone",
            "手机号",
            "tel",
            "mobile",
            "联系方式",
        ],
    ),
    (
        Field::Email,
        &["邮箱", "email", "电子邮箱", "e-mail", "mail"],
    ),
    (Field::Source, &["来源", "source", "数据来源"]),
    (Field::Status, &["状态", "status"]),
    (
        Field::Budget,
        &[
            "预算",
            "拟投入金额",
            "budget",
            "budget_wan",
            "投入金额",
            "预算金额",
        ],
    ),
    (
        Field::Deadline,
        &["截止日期", "deadline", "截止时间", "有效期", "截至日期"],
    ),
    (
        Field::OpenCall,
        &["揭榜挂帅", "open_call", "opencall", "是否揭榜挂帅", "揭榜"],
    ),
    (
        Field::Lead,
        &[
            "负责人",
            "lead",
            "team_lead",
            "项目负责人",
            "成果负责人",
            "团队负责人",
        ],
    ),
    (
        Field::Maturity,
        &["成熟度", "maturity", "技术成熟度", "成果成熟度", "trl"],
    ),
    (
        Field::Ip,
        &["知识产权", "专利号", "ip", "专利", "知识产权情况"],
    ),
    (Field::Modes, &["合作方式", "modes", "转化方式", "mode"]),
    (
        Field::Price,
        &[
            "价格",
            "转让价格",
            "意向价格",
            "price",
            "price_wan",
            "报价",
            "交易价格",
        ],
    ),
];

impl Field {
    /// Whether a column for this field is taken into a record of `kind`; a column of the
    /// other kind's field goes to `extra` instead of being lost.
    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            Field::Budget | Field::Deadline | Field::OpenCall => kind == Kind::Demand,
            Field::Lead | Field::Maturity | Field::Ip | Field::Modes | Field::Price => {
                kind == Kind::Achievement
            }
            _ => true,
        }
    }

    /// The recognised header names, for messages.
    pub fn aliases(self) -> &'static [&'static str] {
        ALIASES
            .iter()
            .find(|(f, _)| *f == self)
            .map_or(&[], |(_, a)| a)
    }
}

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
