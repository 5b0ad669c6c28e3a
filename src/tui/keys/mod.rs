//! The one key → action table: defaults per context, config overrides, and the rows the `?`
//! help overlay is generated from.

mod context;
pub mod overlays;
mod spec;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use std::collections::BTreeMap;

use crate::tui::Lang;
use crate::tui::action::{Action, Input};
pub use context::Context;
pub use spec::{BadKey, KeySpec};

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

impl Keymap {
    /// Applies `overrides` (action name → keys, the config's `[keys]` table) over the
    /// `defaults`; an override naming no action of the table is an error.
    pub fn from_table(
        defaults: Vec<Def>,
        overrides: &BTreeMap<String, Vec<String>>,
    ) -> Result<Keymap, String> {
        let names: Vec<&'static str> = defaults.iter().map(|d| d.name).collect();
        let mut bindings = Vec::new();
        for def in defaults {
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
        if let Some(name) = overrides.keys().find(|n| !names.contains(&n.as_str())) {
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
    fn ctrl_z_suspends_from_every_context_and_can_be_rebound() {
        let km = Keymap::default();
        let cz = key(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for ctx in [
            Context::Desk,
            Context::Search,
            Context::Form,
            Context::Board,
        ] {
            assert_eq!(km.resolve(ctx, &cz), Some(Action::Suspend), "{ctx:?}");
        }
        let mut cfg = BTreeMap::new();
        cfg.insert("suspend".into(), vec!["f12".into()]);
        let km = Keymap::new(&cfg).unwrap();
        assert_eq!(km.resolve(Context::Desk, &cz), None);
        let f12 = key(KeyCode::F(12), KeyModifiers::NONE);
        assert_eq!(km.resolve(Context::Desk, &f12), Some(Action::Suspend));
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
