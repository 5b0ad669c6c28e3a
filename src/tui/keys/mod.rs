//! The one key → action table: defaults per context, config overrides, and the rows the `?`
//! help overlay is generated from.

pub mod pipeline;

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::config::Config;
use crate::tui::Lang;
use crate::tui::action::Action;

/// Where a key is pressed: the desk, the search line, or a popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Desk,
    /// The search line is open: plain characters are typed, not looked up.
    Search,
    /// After `S`: waiting for the slot key.
    SaveSlot,
    Record,
    Help,
    Confirm,
    /// A form or picker popup: it reads raw keys itself (see [`Keymap::resolve`]).
    Component,
    /// The pipeline board.
    Board,
    /// The agenda.
    Agenda,
    /// The pair detail overlay.
    PairDetail,
    /// A stage prompt, follow-up form or suggestion list: keys go to it, unlooked-up.
    PipeInput,
}

impl Context {
    /// The contexts of the pipeline views and popups.
    pub fn is_pipeline(self) -> bool {
        matches!(
            self,
            Context::Board | Context::Agenda | Context::PairDetail | Context::PipeInput
        )
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

const LISTS: &[Context] = &[
    Context::Desk,
    Context::Search,
    Context::Record,
    Context::Help,
];
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
    Context::Confirm,
];
/// Ctrl-C quits even from inside a form or picker.
const EVERYWHERE: &[Context] = &[
    Context::Desk,
    Context::Search,
    Context::SaveSlot,
    Context::Record,
    Context::Help,
    Context::Confirm,
    Context::Component,
];
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
    use Action as A;
    use Section as S;
    fn d(
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
    let mut v = vec![
        d(
            "move_down",
            A::Down,
            S::Navigation,
            LISTS,
            &["j", "down"],
            "下移",
            "move down",
        ),
        d(
            "move_up",
            A::Up,
            S::Navigation,
            LISTS,
            &["k", "up"],
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
            "search_backspace",
            A::SearchBackspace,
            S::Search,
            SEARCH,
            &["backspace"],
            "删除一个字",
            "delete a character",
        ),
        d(
            "search_delete_word",
            A::SearchDeleteWord,
            S::Search,
            SEARCH,
            &["ctrl-w"],
            "删除一个词",
            "delete a word",
        ),
        d(
            "search_clear_line",
            A::SearchClearLine,
            S::Search,
            SEARCH,
            &["ctrl-u"],
            "清空输入",
            "clear the query",
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
            A::ConfirmYes,
            S::Records,
            CONFIRM,
            &["y", "enter"],
            "确认",
            "confirm",
        ),
        d(
            "confirm_no",
            A::ConfirmNo,
            S::Records,
            CONFIRM,
            &["n"],
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
    v.extend(pipeline::defaults());
    v
}

/// Names accepted in the `[keys]` table of the config.
pub fn action_names() -> Vec<&'static str> {
    defaults().into_iter().map(|d| d.name).collect()
}

/// A key as written in the config: "j", "G", "ctrl-f", "shift-tab", "pgdn".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeySpec {
    /// The spec of a key event, normalised so "G" matches Shift+g and Shift-Tab matches BackTab.
    pub fn from_event(ev: &KeyEvent) -> KeySpec {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeySpec { code, mods }
    }

    /// A plain character, which the search line types instead of looking up.
    pub fn is_printable(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.mods.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a key (try \"j\", \"ctrl-f\", \"shift-tab\", \"pgdn\", \"f1\")")]
pub struct BadKey(pub String);

impl FromStr for KeySpec {
    type Err = BadKey;

    fn from_str(s: &str) -> Result<KeySpec, BadKey> {
        let bad = || BadKey(s.to_string());
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, n) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == n {
                return Err(bad());
            }
            mods |= m;
            rest = &rest[n..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(bad()),
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        // "shift-x" is just "X"; Shift on BackTab is implied.
        let ev = KeyEvent::new(code, mods);
        let spec = KeySpec::from_event(&ev);
        if let KeyCode::Char(c) = code
            && mods.contains(KeyModifiers::SHIFT)
        {
            return Ok(KeySpec {
                code: KeyCode::Char(c.to_ascii_uppercase()),
                mods: spec.mods,
            });
        }
        Ok(spec)
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        // Shift on a letter is its capital; on other keys (shift-←) it must be spelled out.
        if self.mods.contains(KeyModifiers::SHIFT) && !matches!(self.code, KeyCode::Char(_)) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
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
        Keymap::new(&Config::default()).expect("the default keys parse")
    }
}

impl Keymap {
    /// Applies `config.keys` (action name → keys) over the defaults.
    pub fn new(config: &Config) -> Result<Keymap, String> {
        let mut bindings = Vec::new();
        for def in defaults() {
            let specs: Vec<String> = match config.keys.get(def.name) {
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
        if let Some(name) = config
            .keys
            .keys()
            .find(|n| !action_names().contains(&n.as_str()))
        {
            return Err(format!("{name}: unknown action"));
        }
        Ok(Keymap { bindings })
    }

    /// The action a key means in `ctx`, if any. In the search line a plain character is text;
    /// in a form or picker every key not bound there (only Ctrl-C is) goes to the popup.
    pub fn resolve(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let spec = KeySpec::from_event(ev);
        if ctx == Context::Search && spec.is_printable() {
            let KeyCode::Char(c) = spec.code else {
                return None;
            };
            return Some(Action::SearchInput(c));
        }
        let bound = self
            .bindings
            .iter()
            .filter(|b| b.def.contexts.contains(&ctx))
            .find(|b| b.keys.contains(&spec))
            .map(|b| b.def.action.clone());
        if bound.is_none() && ctx == Context::Component {
            return Some(Action::PopupKey(*ev));
        }
        if bound.is_none() && ctx == Context::PipeInput {
            // Forms and the suggestion list own their keys (typing, Tab, Enter, Esc).
            return Some(Action::Pipe(crate::tui::action::PipeAction::Key(*ev)));
        }
        bound
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
            Some(Action::SearchInput('j'))
        );
        assert_eq!(km.resolve(Context::Desk, &j), Some(Action::Down));
        let down = key(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(km.resolve(Context::Search, &down), Some(Action::Down));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            km.resolve(Context::Search, &q),
            Some(Action::SearchInput('q'))
        );
        let cc = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.resolve(Context::Search, &cc), Some(Action::Quit));
    }

    #[test]
    fn config_overrides_replace_the_defaults() {
        let mut cfg = Config::default();
        cfg.keys.insert("move_down".into(), vec!["ctrl-n".into()]);
        let km = Keymap::new(&cfg).unwrap();
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(km.resolve(Context::Desk, &j), None);
        let cn = key(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(km.resolve(Context::Desk, &cn), Some(Action::Down));
        cfg.keys.insert("nope".into(), vec!["x".into()]);
        assert!(Keymap::new(&cfg).is_err());
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        let km = Keymap::default();
        for ctx in [
            Context::Desk,
            Context::Search,
            Context::SaveSlot,
            Context::Record,
            Context::Help,
            Context::Confirm,
            Context::Component,
            Context::Board,
            Context::Agenda,
            Context::PairDetail,
            Context::PipeInput,
        ] {
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
