//! The record fields a column of a user's file can feed, each with every header that names
//! it, in Chinese or English, and which fields belong to one kind only.

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

/// Every alias, already normalised by [`crate::import::headers::normalise`]. The first alias of each field is the
/// Chinese header `duijie export` writes (export picks per kind where they differ).
pub(super) const ALIASES: &[(Field, &[&str])] = &[
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
