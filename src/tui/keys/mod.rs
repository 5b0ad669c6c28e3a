//! The one key → action table: defaults per context, config overrides, and the rows the `?`
//! help overlay is generated from.

mod overlays;
mod spec;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use std::collections::BTreeMap;

use crate::tui::Lang;
use crate::tui::action::{Action, Input};
pub use spec::{BadKey, KeySpec};

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
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 19] = [
        Context::Desk,
        Context::Search,
        Context::SaveSlot,
        Context::Record,
        Context::Board,
        Context::Agenda,
        Context::PairDetail,
        Context::Form,
        Context::FormChoice,
        Context::Conflict,
        Context::Picker,
        Context::Prompt,
        Context::Choice,
        Context::FollowUp,
        Context::Suggestions,
        Context::Confirm,
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
        }
    }
}

/// Groups of the help overlay and the default config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Navigation,
    Search,
    Filters,
    Records,
    Views,
    App,
    Pipeline,
    /// Keys inside overlays and text fields.
    Overlays,
}

impl Section {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Section::Navigation => lang.pick("移动", "navigation"),
            Section::Search => lang.pick("搜索", "search"),
            Section::Filters => lang.pick("筛选", "filters"),
            Section::Records => lang.pick("记录", "records"),
            Section::Views => lang.pick("保存的视图", "saved views"),
            Section::App => lang.pick("应用", "app"),
            Section::Pipeline => lang.pick("配对与看板", "pairs and board"),
            Section::Overlays => lang.pick("弹窗与输入", "popups and input"),
        }
    }
}

/// One bindable action with its default keys.
#[derive(Debug, Clone)]
pub struct Def {
    /// The name used in the config file.
    pub name: &'static str,
    pub action: Action,
    pub section: Section,
    pub contexts: &'static [Context],
    pub keys: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
}

impl Def {
    /// One row of the table.
    pub fn new(
        name: &'static str,
        action: Action,
        section: Section,
        contexts: &'static [Context],
        keys: &'static [&'static str],
        zh: &'static str,
        en: &'static str,
    ) -> Def {
        Def {
            name,
            action,
            section,
            contexts,
            keys,
            zh,
            en,
        }
    }

    /// A row whose key means an intent for the overlay on top ([`Input`]).
    pub fn input(
        name: &'static str,
        input: Input,
        contexts: &'static [Context],
        keys: &'static [&'static str],
        zh: &'static str,
        en: &'static str,
    ) -> Def {
        Def::new(
            name,
            Action::Input(input),
            Section::Overlays,
            contexts,
            keys,
            zh,
            en,
        )
    }
}

const LISTS: &[Context] = &[
    Context::Desk,
    Context::Search,
    Context::Record,
    Context::Help,
];
/// Where j/k move: not in the search line, where letters are text.
const NAV: &[Context] = &[Context::Desk, Context::Record, Context::Help];
const DESK: &[Context] = &[Context::Desk];
const DESK_SEARCH: &[Context] = &[Context::Desk, Context::Search];
const SEARCH: &[Context] = &[Context::Search];
/// The search line opens on the desk and on the board, which shows the pairs it keeps.
const DESK_BOARD: &[Context] = &[Context::Desk, Context::Board];
const CONFIRM: &[Context] = &[Context::Confirm];
const SLOTS: &[Context] = &[Context::Desk, Context::SaveSlot];
const ALL: &[Context] = &[
    Context::Desk,
    Context::Search,
    Context::SaveSlot,
    Context::Record,
    Context::Help,
    Context::Board,
    Context::Agenda,
    Context::PairDetail,
];
/// Ctrl-C quits wherever the context does not bind it (forms and prompts ask instead).
const EVERYWHERE: &[Context] = &[Context::Global];
const NOT_TYPING: &[Context] = &[Context::Desk, Context::Record, Context::Help];

const SLOT_KEYS: [&[&str]; 9] = [
    &["1"],
    &["2"],
    &["3"],
    &["4"],
    &["5"],
    &["6"],
    &["7"],
    &["8"],
    &["9"],
];
const SLOT_NAMES: [&str; 9] = [
    "view_1", "view_2", "view_3", "view_4", "view_5", "view_6", "view_7", "view_8", "view_9",
];

/// The default table. Order is the order of the help overlay and the default config.
pub fn defaults() -> Vec<Def> {
    use crate::tui::features as f;
    use Action as A;
    use Section as S;
    let d = Def::new;
    let mut v = vec![
        d(
            "move_down",
            A::Down,
            S::Navigation,
            NAV,
            &["j", "down"],
            "下移",
            "move down",
        ),
        d(
            "move_up",
            A::Up,
            S::Navigation,
            NAV,
            &["k", "up"],
            "上移",
            "move up",
        ),
        d(
            "search_down",
            A::Down,
            S::Navigation,
            SEARCH,
            &["down"],
            "下移",
            "move down",
        ),
        d(
            "search_up",
            A::Up,
            S::Navigation,
            SEARCH,
            &["up"],
            "上移",
            "move up",
        ),
        d(
            "page_down",
            A::PageDown,
            S::Navigation,
            LISTS,
            &["pgdn"],
            "下一页",
            "page down",
        ),
        d(
            "page_up",
            A::PageUp,
            S::Navigation,
            LISTS,
            &["pgup"],
            "上一页",
            "page up",
        ),
        d(
            "top",
            A::Top,
            S::Navigation,
            NOT_TYPING,
            &["g", "home"],
            "到顶",
            "first row",
        ),
        d(
            "bottom",
            A::Bottom,
            S::Navigation,
            NOT_TYPING,
            &["G", "end"],
            "到底",
            "last row",
        ),
        d(
            "focus_next",
            A::FocusNext,
            S::Navigation,
            DESK_SEARCH,
            &["tab"],
            "切换列表",
            "other list",
        ),
        d(
            "focus_prev",
            A::FocusPrev,
            S::Navigation,
            DESK_SEARCH,
            &["shift-tab"],
            "切换列表",
            "other list",
        ),
        d(
            "focus_left",
            A::FocusLeft,
            S::Navigation,
            DESK,
            &["h", "left"],
            "需求列表",
            "demands list",
        ),
        d(
            "focus_right",
            A::FocusRight,
            S::Navigation,
            DESK,
            &["l", "right"],
            "成果列表",
            "results list",
        ),
        d(
            "open",
            A::Open,
            S::Navigation,
            DESK,
            &["enter"],
            "全屏查看记录",
            "open record full-screen",
        ),
        d(
            "search",
            A::SearchOpen,
            S::Search,
            DESK_BOARD,
            &["/"],
            "搜索（两个列表同时）",
            "search (both lists)",
        ),
        d(
            "search_accept",
            A::SearchAccept,
            S::Search,
            SEARCH,
            &["enter"],
            "结束输入，保留结果",
            "leave the search line, keep results",
        ),
        d(
            "filter",
            A::FilterOpen,
            S::Filters,
            DESK,
            &["f"],
            "筛选：领域、地区、状态",
            "filter by field, region, status",
        ),
        d(
            "clear_filters",
            A::FiltersClear,
            S::Filters,
            DESK,
            &["F"],
            "清除筛选",
            "clear filters",
        ),
        d(
            "add",
            A::Add,
            S::Records,
            DESK,
            &["+"],
            "新建记录（当前列表的类型）",
            "add a record to the focused list",
        ),
        d(
            "edit",
            A::Edit,
            S::Records,
            DESK,
            &["e"],
            "编辑记录",
            "edit the record",
        ),
        d(
            "close_record",
            A::CloseRecord,
            S::Records,
            DESK,
            &["x"],
            "关闭记录（状态 closed）",
            "close the record (status closed)",
        ),
        d(
            "delete_record",
            A::DeleteRecord,
            S::Records,
            DESK,
            &["D"],
            "删除记录",
            "delete the record",
        ),
        d(
            "confirm_yes",
            A::Input(Input::Yes),
            S::Records,
            CONFIRM,
            &["y", "enter"],
            "确认",
            "confirm",
        ),
        d(
            "confirm_no",
            A::Input(Input::No),
            S::Records,
            CONFIRM,
            &["n", "esc", "ctrl-c"],
            "取消",
            "cancel",
        ),
        d(
            "save_view",
            A::SaveViewBegin,
            S::Views,
            DESK,
            &["S"],
            "保存搜索和筛选：再按 1–9",
            "save search + filters: then 1–9",
        ),
    ];
    for (i, (name, keys)) in SLOT_NAMES.iter().zip(SLOT_KEYS).enumerate() {
        v.push(d(
            name,
            A::Slot(i as u8 + 1),
            S::Views,
            SLOTS,
            keys,
            "调出保存的视图",
            "recall the saved view",
        ));
    }
    v.extend([
        d(
            "help",
            A::Help,
            S::App,
            NOT_TYPING,
            &["?"],
            "按键帮助",
            "key help",
        ),
        d(
            "back",
            A::Back,
            S::App,
            ALL,
            &["esc"],
            "关闭弹窗 / 清除搜索",
            "close popup / clear search",
        ),
        d("quit", A::Quit, S::App, NOT_TYPING, &["q"], "退出", "quit"),
        d(
            "force_quit",
            A::Quit,
            S::App,
            EVERYWHERE,
            &["ctrl-c"],
            "退出",
            "quit",
        ),
    ]);
    v.extend(f::pipeline::keys::entries());
    v.extend(f::suggestions::keys::defaults());
    v.extend(f::board::keys::defaults());
    v.extend(f::agenda::keys::defaults());
    v.extend(f::followup::keys::defaults());
    v.extend(f::pair_detail::keys::defaults());
    v.extend(f::pipeline::keys::shared());
    v.extend(overlays::defaults());
    v.extend(crate::tui::features::record_form::keys::defaults());
    v.extend(crate::tui::features::filters::keys::defaults());
    v.extend(crate::tui::features::conflict::keys::defaults());
    v.extend(crate::tui::ui::input::keys::defaults());
    v.extend(f::stage_prompt::keys::defaults());
    v
}

/// Names accepted in the `[keys]` table of the config.
pub fn action_names() -> Vec<&'static str> {
    defaults().into_iter().map(|d| d.name).collect()
}

/// One row of the effective table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub def: Def,
    pub keys: Vec<KeySpec>,
}

/// The effective key table: defaults with the config's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(&BTreeMap::new()).expect("the default keys parse")
    }
}

impl Keymap {
    /// Applies `overrides` (action name → keys, the config's `[keys]` table) over the
    /// defaults. The config reads the file; the key table does not know where it came from.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let mut bindings = Vec::new();
        for def in defaults() {
            let specs: Vec<String> = match overrides.get(def.name) {
                Some(k) => k.clone(),
                None => def.keys.iter().map(|s| (*s).to_string()).collect(),
            };
            let keys = specs
                .iter()
                .map(|s| {
                    s.parse::<KeySpec>()
                        .map_err(|e| format!("{}: {e}", def.name))
                })
                .collect::<Result<Vec<_>, _>>()?;
            bindings.push(Binding { def, keys });
        }
        if let Some(name) = overrides
            .keys()
            .find(|n| !action_names().contains(&n.as_str()))
        {
            return Err(format!("{name}: unknown action"));
        }
        Ok(Keymap { bindings })
    }

    /// The action a key means in `ctx`, if any: a binding of the context itself; else, where
    /// the context takes text, a plain character is typed; else the first binding along the
    /// rest of the chain (text editing keys, then the global ones).
    pub fn resolve(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let spec = KeySpec::from_event(ev);
        let bound_in = |c: Context| {
            self.bindings
                .iter()
                .filter(|b| b.def.contexts.contains(&c))
                .find(|b| b.keys.contains(&spec))
                .map(|b| b.def.action.clone())
        };
        if let Some(a) = bound_in(ctx) {
            return Some(a);
        }
        if let KeyCode::Char(c) = spec.code
            && ctx.takes_text()
            && spec.is_printable()
        {
            return Some(Action::Input(Input::Type(c)));
        }
        ctx.chain().into_iter().skip(1).find_map(bound_in)
    }

    /// The first key bound to the action named `name`, for hints ("? help").
    pub fn key_for(&self, name: &str) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.def.name == name)
            .and_then(|b| b.keys.first())
            .map(ToString::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn specs_parse_and_print() {
        for (s, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("ctrl-f", "ctrl-f"),
            ("shift-tab", "shift-tab"),
            ("pgdn", "pgdn"),
            ("f5", "f5"),
            ("space", "space"),
            ("?", "?"),
            ("shift-g", "G"),
        ] {
            assert_eq!(s.parse::<KeySpec>().unwrap().to_string(), shown, "{s}");
        }
        for bad in ["", "ctrl-", "f13", "hyper-x", "enterr"] {
            assert!(bad.parse::<KeySpec>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shifted_letters_and_backtab_match_their_specs() {
        let km = Keymap::default();
        let g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.resolve(Context::Desk, &g), Some(Action::Bottom));
        let bt = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(km.resolve(Context::Desk, &bt), Some(Action::FocusPrev));
    }

    #[test]
    fn the_search_line_types_letters_but_still_navigates_with_arrows() {
        let km = Keymap::default();
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            km.resolve(Context::Search, &j),
            Some(Action::Input(Input::Type('j')))
        );
        assert_eq!(km.resolve(Context::Desk, &j), Some(Action::Down));
        let down = key(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(km.resolve(Context::Search, &down), Some(Action::Down));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            km.resolve(Context::Search, &q),
            Some(Action::Input(Input::Type('q')))
        );
        let cc = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.resolve(Context::Search, &cc), Some(Action::Quit));
    }

    #[test]
    fn config_overrides_replace_the_defaults() {
        let mut cfg = BTreeMap::new();
        cfg.insert("move_down".into(), vec!["ctrl-n".into()]);
        let km = Keymap::new(&cfg).unwrap();
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(km.resolve(Context::Desk, &j), None);
        let cn = key(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(km.resolve(Context::Desk, &cn), Some(Action::Down));
        cfg.insert("nope".into(), vec!["x".into()]);
        assert!(Keymap::new(&cfg).is_err());
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        let km = Keymap::default();
        for ctx in Context::ALL {
            let mut seen = std::collections::HashMap::new();
            for b in km.bindings.iter().filter(|b| b.def.contexts.contains(&ctx)) {
                for k in &b.keys {
                    if ctx == Context::Search && k.is_printable() {
                        continue;
                    }
                    if let Some(prev) = seen.insert(*k, b.def.name) {
                        panic!("{ctx:?}: {k} bound to {prev} and {}", b.def.name);
                    }
                }
            }
        }
    }
}
