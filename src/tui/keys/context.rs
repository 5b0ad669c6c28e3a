//! Where a key is pressed, and the contexts a key is looked up in after it.

use crate::tui::Lang;

/// Where a key is pressed: a view, an open line, or an overlay. Keys resolve in the current
/// context, then (for contexts that take text) in [`Context::Text`], then in
/// [`Context::Global`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Keys that work wherever the current context does not bind them (Ctrl-C).
    Global,
    /// Editing keys of any text field: the search line, form fields, prompts.
    Text,
    Desk,
    /// The search line is open: plain characters are typed, not looked up.
    Search,
    /// After `S`: waiting for the slot key.
    SaveSlot,
    /// One record in full.
    Record,
    Help,
    /// A yes/no question (also a form asking whether to discard typed text).
    Confirm,
    /// A question before deleting: only its own keys answer (Enter does not).
    ConfirmDelete,
    /// The record form.
    Form,
    /// The record form with the focus on a yes/no field: its own keys, then the form's.
    FormChoice,
    /// Choosing between the user's values and the stored ones after a conflicting save.
    Conflict,
    /// The filter picker.
    Picker,
    /// The data a stage move needs.
    Prompt,
    /// A row of choices inside a small form (a stage move's reason or contract type, a
    /// follow-up's channel): letters move, digits pick.
    Choice,
    /// The follow-up form.
    FollowUp,
    /// The suggestion list.
    Suggestions,
    /// The pipeline board.
    Board,
    /// The agenda.
    Agenda,
    /// The pair detail overlay.
    PairDetail,
    /// The stats view.
    Stats,
    /// The organisation view.
    Org,
    /// The contact form.
    ContactForm,
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 23] = [
        Context::Desk,
        Context::Search,
        Context::SaveSlot,
        Context::Record,
        Context::Board,
        Context::Agenda,
        Context::PairDetail,
        Context::Stats,
        Context::Org,
        Context::Form,
        Context::FormChoice,
        Context::Conflict,
        Context::Picker,
        Context::Prompt,
        Context::Choice,
        Context::FollowUp,
        Context::ContactForm,
        Context::Suggestions,
        Context::Confirm,
        Context::ConfirmDelete,
        Context::Help,
        Context::Text,
        Context::Global,
    ];

    /// Whether a plain character not bound here is typed into a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Search
                | Context::Form
                | Context::Picker
                | Context::Prompt
                | Context::Choice
                | Context::FollowUp
                | Context::ContactForm
        )
    }

    /// The contexts a key is looked up in, in order.
    pub fn chain(self) -> Vec<Context> {
        if self == Context::FormChoice {
            return vec![self, Context::Form, Context::Global];
        }
        if self.takes_text() {
            vec![self, Context::Text, Context::Global]
        } else {
            vec![self, Context::Global]
        }
    }

    /// The heading of this context's keys in the help.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Context::Global => lang.pick("任何地方", "anywhere"),
            Context::Text => lang.pick("文本框内编辑", "editing text"),
            Context::Desk => lang.pick("工作台", "the desk"),
            Context::Search => lang.pick("搜索框", "the search line"),
            Context::SaveSlot => lang.pick("保存视图", "saving a view"),
            Context::Record => lang.pick("记录全文", "a record in full"),
            Context::Help => lang.pick("帮助", "this help"),
            Context::Confirm => lang.pick("确认框", "a confirmation"),
            Context::ConfirmDelete => lang.pick("删除确认", "confirming a delete"),
            Context::Form => lang.pick("记录表单", "the record form"),
            Context::FormChoice => lang.pick("记录表单的是/否项", "a yes/no field of the form"),
            Context::Conflict => lang.pick("保存冲突", "a conflicting save"),
            Context::Picker => lang.pick("筛选选择", "the filter picker"),
            Context::Prompt => lang.pick("阶段信息", "a stage move's details"),
            Context::Choice => lang.pick(
                "选项（原因、合同类型、方式）",
                "choices (reason, contract type, channel)",
            ),
            Context::FollowUp => lang.pick("跟进表单", "the follow-up form"),
            Context::Suggestions => lang.pick("建议列表", "suggestions"),
            Context::Board => lang.pick("看板", "the board"),
            Context::Agenda => lang.pick("待办", "the agenda"),
            Context::PairDetail => lang.pick("配对详情", "pair detail"),
            Context::Stats => lang.pick("统计", "the stats view"),
            Context::Org => lang.pick("单位视图", "the organisation view"),
            Context::ContactForm => lang.pick("联系人表单", "the contact form"),
        }
    }
}
