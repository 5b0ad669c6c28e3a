//! Interface language and the one zh/en message catalogue of the desk and the CLI. Data is
//! never translated; only labels, hints and messages are.
//!
//! A message is a [`Msg`]: `Msg::FormSaving.text(lang)` for a fixed text, and
//! `Msg::FormEditDemand.fill(lang, &[&code])` for one with `{}` placeholders, filled in order.
//! [`Lang::pick`] stays for code that has not moved its strings here yet.

use std::fmt::Display;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `zh`, else English.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if var.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Picks the label for this language (for strings not yet in the catalogue).
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Declares the catalogue: one variant per message with its Chinese and English text, and
/// [`Msg::ALL`] so tests can check every entry.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident => ($zh:expr, $en:expr),)*) => {
        /// One message of the interface, in both languages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every message, in declaration order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// (Chinese, English).
            fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $(Msg::$name => ($zh, $en),)*
                }
            }
        }
    };
}

catalogue! {
    // — record form —
    /// Title of the form for a new demand.
    FormNewDemand => ("新增需求", "New demand"),
    /// Title of the form for a new result.
    FormNewResult => ("新增成果", "New result"),
    /// Title of the form editing a demand: its code.
    FormEditDemand => ("编辑需求 {}", "Edit demand {}"),
    /// Title of the form editing a result: its code.
    FormEditResult => ("编辑成果 {}", "Edit result {}"),
    /// The form's hint line: the keys of next field, save, cancel.
    FormHint => ("{} 下一项 · {} 保存 · {} 取消", "{} next field · {} save · {} cancel"),
    /// The yes/no field ticked: the key that toggles.
    FormYes => ("[x] 是  ({} 切换)", "[x] yes  ({} toggles)"),
    /// The yes/no field unticked: the key that toggles.
    FormNo => ("[ ] 否  ({} 切换)", "[ ] no  ({} toggles)"),
    /// Shown while the store writes the record.
    FormSaving => ("正在保存…", "saving…"),
    /// A field that must be filled.
    FormRequired => ("必填", "required"),
    /// A budget or price that does not parse.
    FormBadAmount => ("不是金额 (如 50、50万、1,200)", "not an amount (e.g. 50, 50万, 1,200)"),
    /// Title of the discard question.
    FormDiscardTitle => ("放弃", "Discard"),
    /// The discard question.
    FormDiscardAsk => ("放弃已输入的内容?", "Discard typed text?"),
    /// The form was closed without saving.
    FormCancelled => ("已取消，未保存", "cancelled, nothing saved"),
    /// `e` with no record selected.
    NoRecordSelected => ("没有选中的记录", "no record selected"),
    /// Lines a pasted description holds beyond the first, shown after its one-line box.
    FormMoreLines => ("共 {} 行", "{} lines"),

    // — record fields —
    FieldTitle => ("标题*", "Title*"),
    FieldEnterprise => ("企业", "Enterprise"),
    FieldInstitution => ("单位", "Institution"),
    FieldLead => ("负责人", "Lead"),
    FieldField => ("领域", "Field"),
    FieldRegion => ("地区", "Region"),
    FieldDescription => ("描述", "Description"),
    FieldAbstract => ("简介", "Abstract"),
    FieldKeywords => ("关键词", "Keywords"),
    FieldBudget => ("预算(万元)", "Budget (万元)"),
    FieldDeadline => ("截止日期", "Deadline"),
    FieldContact => ("联系人", "Contact"),
    FieldPhone => ("电话", "Phone"),
    FieldEmail => ("邮箱", "Email"),
    FieldOpenCall => ("揭榜挂帅", "Open call"),
    FieldMaturity => ("成熟度", "Maturity"),
    FieldIp => ("知识产权", "IP"),
    FieldModes => ("合作方式", "Modes"),
    FieldPrice => ("价格(万元)", "Price (万元)"),
    FieldStatus => ("状态", "Status"),
    FieldStage => ("阶段", "Stage"),
    /// A yes/no value shown as text.
    Yes => ("是", "yes"),
    No => ("否", "no"),

    // — filter picker —
    /// Title of the filter picker.
    PickerTitle => ("筛选", "Filter"),
    /// No value matches the narrowing text.
    PickerNoMatch => ("(无匹配)", "(no match)"),
    /// The picker's hint line: toggle, section, clear, apply, cancel keys.
    PickerHint => (
        "{} 勾选 · {} 分区 · 输入筛选 · {} 全部清除 · {} 应用 · {} 取消",
        "{} toggle · {} section · type to narrow · {} clear all · {} apply · {} cancel"
    ),

    // — help —
    /// Title of the help overlay: scroll keys, close key.
    HelpTitle => ("按键  {} 滚动  {} 关闭", "Keys  {} scroll  {} closes"),
    /// A key-table row with no key.
    HelpUnbound => ("（未绑定）", "(unbound)"),
    /// The row for every key a text field types.
    HelpOtherKeys => ("其他字符", "other keys"),
    HelpTypeText => ("输入文字", "type text"),
    /// The folded row of the slot keys 1–9.
    HelpRecallView => ("调出保存的视图", "recall a saved view"),

    // — record view —
    /// Title of a record shown full-screen: the key that goes back.
    RecordViewTitle => ("记录  {} 返回", "Record  {} back"),

    // — conflict —
    /// Title of the conflict overlay: the record's code.
    ConflictTitle => ("{} 已被他人修改", "{} was changed meanwhile"),
    /// The line above the conflicting fields.
    ConflictIntro => (
        "保存期间记录已在别处修改。逐项选择保留哪个值：",
        "The record changed elsewhere while you edited it. Choose per field:"
    ),
    ConflictField => ("字段", "field"),
    ConflictMine => ("我的", "mine"),
    ConflictTheirs => ("现存", "stored"),
    ConflictBase => ("原值", "was"),
    /// The conflict overlay's hint line: mine, theirs, all mine, all theirs, apply, cancel.
    ConflictHint => (
        "{} 用我的 · {} 保留现存 · {} 全用我的 · {} 全保留 · {} 写入 · {} 返回表单",
        "{} mine · {} stored · {} all mine · {} all stored · {} write · {} back to the form"
    ),
    /// Fields only the other side changed, kept as stored.
    ConflictKeptTheirs => ("另有 {} 项只在别处修改，保留现存值", "{} other fields changed only elsewhere are kept"),
}

impl Msg {
    /// The text in `lang`, placeholders left as `{}`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = self.pair();
        lang.pick(zh, en)
    }

    /// The text in `lang` with each `{}` replaced by the next of `args` (missing ones stay
    /// empty, extra ones are ignored).
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let text = self.text(lang);
        let mut out = String::with_capacity(text.len() + 16);
        let mut args = args.iter();
        let mut parts = text.split("{}");
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        for part in parts {
            if let Some(a) = args.next() {
                out.push_str(&a.to_string());
            }
            out.push_str(part);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        for m in Msg::ALL {
            let (zh, en) = m.pair();
            assert!(!zh.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(
                zh.matches("{}").count(),
                en.matches("{}").count(),
                "{m:?}: zh and en take different arguments"
            );
        }
    }

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(
            Msg::FormEditDemand.fill(Lang::Zh, &[&"D12"]),
            "编辑需求 D12"
        );
        assert_eq!(
            Msg::FormHint.fill(Lang::En, &[&"tab", &"ctrl-s", &"esc"]),
            "tab next field · ctrl-s save · esc cancel"
        );
        assert_eq!(Msg::FormEditResult.fill(Lang::En, &[]), "Edit result ");
        assert_eq!(Msg::FormSaving.text(Lang::Zh), "正在保存…");
    }
}
