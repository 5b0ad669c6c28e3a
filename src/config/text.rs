//! The config as text: a commented file listing every action with its default keys, and the
//! effective config as `duijie config` prints it.

use std::fmt::Write as _;

use super::Config;
use crate::i18n::Lang;

/// A commented config listing every action with its default keys and description.
pub fn default_text() -> String {
    let mut out = String::from(
        "# duijie configuration. Put this file at the path `duijie config` prints.\n\
         # Every line is commented out: uncomment and change what you want.\n\n\
         # Interface language: \"zh\" (中文) or \"en\". Default: Chinese when LANG starts with zh.\n\
         # lang = \"zh\"\n\n\
         # Automatic backups (before an upgrade, an import, a restore) kept in backups/ beside\n\
         # the database; 0 turns them off (the one before a restore is always made).\n\
         # backups = 10\n\n\
         # The broker's reward (技术经纪人奖励), for `duijie reward`: a rate on the technology\n\
         # amount actually paid in the year, an annual cap and an optional minimum technology\n\
         # amount per contract (amounts in 万元). None by default; for example:\n\
         # [reward]\n\
         # rate = \"5%\"\n\
         # cap = \"20\"\n\
         # min_contract = \"10\"\n\n\
         # The mouse: true, clicks select and the wheel scrolls; false, the terminal keeps it,\n\
         # so text can be selected and copied with it (the toggle_mouse key, M, switches).\n\
         # mouse = true\n\n\
         # Your name, recorded with every change you make and owning the pairs you make (the\n\
         # board and the agenda show yours first). Default: DUIJIE_USER, else the login name.\n\
         # user = \"王芳\"\n\n\
         # Where the data is, when --db and DUIJIE_DB do not say: a file, or a team's shared\n\
         # PostgreSQL database (see the README, \"For a team\"). A password is best kept in\n\
         # ~/.pgpass or PGPASSWORD, not here. Default: duijie.db in the platform data folder.\n\
         # store = \"postgres://wangfang@db.park.example/duijie?sslmode=require\"\n\n\
         # Keys: action = [\"key\", …] replaces that action's default keys.\n\
         # Key names: a character (j, G, ?, 1), enter, esc, tab, shift-tab, backspace, delete,\n\
         # up, down, left, right, home, end, pgup, pgdn, space, f1…f12; prefixes ctrl-, alt-.\n\
         [keys]\n",
    );
    let mut last_section = None;
    for def in crate::tui::bindings::defaults() {
        if last_section != Some(def.section) {
            let _ = writeln!(out, "\n# — {} —", def.section.label(Lang::En));
            last_section = Some(def.section);
        }
        let keys: Vec<String> = def.keys.iter().map(|k| format!("{k:?}")).collect();
        let _ = writeln!(
            out,
            "# {} = [{}]  # {} / {}",
            def.name,
            keys.join(", "),
            def.en,
            def.zh
        );
    }
    out
}

/// The effective config as TOML (for `duijie config`).
pub fn effective_text(cfg: &Config) -> String {
    let mut out = String::new();
    let lang = cfg.lang();
    let _ = writeln!(
        out,
        "lang = {:?}{}",
        match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        },
        if cfg.lang.is_none() {
            "  # from LANG"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "backups = {}{}",
        cfg.keep_backups(),
        if cfg.backups.is_none() {
            "  # default"
        } else {
            ""
        }
    );
    if let Some(r) = &cfg.reward {
        let _ = write!(
            out,
            "\n[reward]\nrate = {:?}\n",
            crate::domain::reward::rate_text(r.rate_bp)
        );
        if let Some(c) = r.cap {
            let _ = writeln!(out, "cap = \"{c}\"");
        }
        if let Some(m) = r.min_contract {
            let _ = writeln!(out, "min_contract = \"{m}\"");
        }
    }
    let _ = writeln!(
        out,
        "mouse = {}{}",
        cfg.mouse(),
        if cfg.mouse.is_none() {
            "  # default"
        } else {
            ""
        }
    );
    match (&cfg.user, cfg.user()) {
        (Some(_), Some(name)) => {
            let _ = writeln!(out, "user = {name:?}");
        }
        (_, Some(name)) => {
            let _ = writeln!(out, "user = {name:?}  # from DUIJIE_USER or the login name");
        }
        (_, None) => out.push_str("# user: none (set user, or DUIJIE_USER)\n"),
    }
    if let Some(store) = &cfg.store {
        let shown = crate::store::pg::shown_url(store);
        let _ = writeln!(out, "store = {shown:?}");
    }
    out.push_str("\n[keys]\n");
    for def in crate::tui::bindings::defaults() {
        let (keys, mark) = match cfg.keys.get(def.name) {
            Some(k) => (k.clone(), "  # configured"),
            None => (def.keys.iter().map(|s| (*s).to_string()).collect(), ""),
        };
        let keys: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
        let _ = writeln!(out, "{} = [{}]{mark}", def.name, keys.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::{ConfigError, parse};

    fn p(text: &str) -> Result<Config, ConfigError> {
        parse(Path::new("/c/config.toml"), text)
    }

    #[test]
    fn the_default_text_parses_and_lists_every_action() {
        let text = default_text();
        assert_eq!(p(&text).unwrap(), Config::default());
        for name in crate::tui::bindings::action_names() {
            assert!(text.contains(&format!("# {name} = [")), "{name} missing");
        }
        // Uncommenting every key line gives a valid config equal to the defaults.
        let uncommented: String = text
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| {
                        r.split(" = [")
                            .next()
                            .is_some_and(|n| crate::tui::bindings::action_names().contains(&n))
                    })
                    .unwrap_or(l)
            })
            .fold(String::new(), |mut acc, l| {
                acc.push_str(l);
                acc.push('\n');
                acc
            });
        let c = p(&uncommented).unwrap();
        assert_eq!(c.keys.len(), crate::tui::bindings::action_names().len());
    }
}
