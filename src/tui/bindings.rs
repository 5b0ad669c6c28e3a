//! The whole default key table, gathered from the features' rows, and the two ways a
//! [`Keymap`] is made from it (with the config's overrides, or the defaults alone). The key
//! types and the resolver live in `keys/`, which knows no feature; this module sits above
//! the features and gathers their rows.

use std::collections::BTreeMap;

use crate::tui::action::Action;
use crate::tui::features as f;
use crate::tui::keys::{Context, Def, Keymap, Section};

const ALL: &[Context] = &[
    Context::Desk,
    Context::Search,
    Context::SaveSlot,
    Context::Record,
    Context::Help,
    Context::Board,
    Context::Agenda,
    Context::PairDetail,
    Context::Stats,
    Context::Org,
];
/// Ctrl-C quits wherever the context does not bind it (forms and prompts ask instead).
const EVERYWHERE: &[Context] = &[Context::Global];
const NOT_TYPING: &[Context] = &[Context::Desk, Context::Record, Context::Help, Context::Org];

/// The default table. Order is the order of the help overlay and the default config.
pub fn defaults() -> Vec<Def> {
    use Action as A;
    use Section as S;
    let d = Def::new;
    let mut v = f::desk::keys::defaults();
    v.extend(crate::tui::keys::overlays::confirm());
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
        d(
            "suspend",
            A::Suspend,
            S::App,
            EVERYWHERE,
            &["ctrl-z"],
            "挂起到后台（fg 回来）",
            "suspend to the shell (fg comes back)",
        ),
    ]);
    v.extend(f::phone::keys::defaults());
    v.extend(f::pipeline::keys::entries());
    v.extend(f::suggestions::keys::defaults());
    v.extend(f::board::keys::defaults());
    v.extend(f::agenda::keys::defaults());
    v.extend(f::followup::keys::defaults());
    v.extend(f::pair_detail::keys::defaults());
    v.extend(f::team::keys::defaults());
    v.extend(f::stats::keys::defaults());
    v.extend(f::contract::keys::defaults());
    v.extend(f::org::keys::defaults());
    v.extend(f::contact_form::keys::defaults());
    v.extend(f::pipeline::keys::shared());
    v.extend(crate::tui::keys::overlays::defaults());
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

impl Keymap {
    /// Applies `overrides` (action name → keys, the config's `[keys]` table) over the
    /// defaults. The config reads the file; the key table does not know where it came from.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        Keymap::from_table(defaults(), overrides)
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(&BTreeMap::new()).expect("the default keys parse")
    }
}
