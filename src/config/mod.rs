//! The TOML config file in the platform config dir: interface language and key rebinding.
//!
//! A missing file means defaults. A file that does not parse, names an unknown action or
//! gives a key that cannot be read is an error naming the file and line — never a panic, and
//! never silently half-applied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::i18n::Lang;
use crate::tui::keys::KeySpec;

mod text;
pub use text::{default_text, effective_text};

/// The effective configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Interface language; `None` means "from LANG".
    pub lang: Option<Lang>,
    /// Action name → key specs ("ctrl-f", "j", "shift-tab"); replaces that action's defaults.
    pub keys: BTreeMap<String, Vec<String>>,
    /// How many automatic backups (before a migration, an import, a restore) to keep per
    /// database; `None` means [`crate::db::backup::DEFAULT_KEEP`], 0 turns them off.
    pub backups: Option<usize>,
    /// The broker's reward rule (`[reward]`); none configured by default.
    pub reward: Option<crate::domain::reward::RewardRule>,
    /// Whether the desk takes the mouse (clicks select, the wheel scrolls); `None` means yes.
    /// Off, the terminal keeps it and text can be selected with it (the `toggle_mouse` key
    /// switches while the desk runs).
    pub mouse: Option<bool>,
    /// The broker's name, recorded with every change (`None`: `DUIJIE_USER`, else the login
    /// name; see [`crate::broker`]).
    pub user: Option<String>,
    /// Where the data is when neither `--db` nor `DUIJIE_DB` says: a file path, or a team's
    /// shared database (`postgres://user@host/dbname`). `None`: the platform data dir's file.
    pub store: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the error has no position (the file could not be read).
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    lang: Option<Spanned<String>>,
    backups: Option<usize>,
    reward: Option<Spanned<RawReward>>,
    mouse: Option<bool>,
    user: Option<String>,
    store: Option<String>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<KeyList>>,
}

/// `[reward]`: rate = "5%", cap = "20万", min_contract = "10".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReward {
    rate: String,
    cap: Option<String>,
    min_contract: Option<String>,
}

/// One key or a list of keys.
#[derive(Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl Config {
    /// The language to use: the configured one, else from LANG.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }

    /// Whether the desk starts with the mouse (clicks and the wheel).
    pub fn mouse(&self) -> bool {
        self.mouse.unwrap_or(true)
    }

    /// How many automatic backups to keep.
    pub fn keep_backups(&self) -> usize {
        self.backups.unwrap_or(crate::db::backup::DEFAULT_KEEP)
    }

    /// The broker's name: the configured `user`, else from the environment.
    pub fn user(&self) -> Option<String> {
        crate::broker::resolve(self.user.as_deref())
    }
}

/// The config file: `DUIJIE_CONFIG` when set, else `config.toml` in the platform config dir.
pub fn path() -> PathBuf {
    std::env::var_os("DUIJIE_CONFIG")
        .filter(|p| !p.is_empty())
        .map_or_else(crate::paths::config_file, PathBuf::from)
}

/// Loads the config at `path`; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError {
            path: path.to_path_buf(),
            line: 0,
            message: format!("cannot read: {e}"),
        }),
    }
}

/// Parses and validates config text (`path` only names the file in errors).
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let err = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: path.to_path_buf(),
        line: span.map_or(0, |s| line_of(text, s.start)),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| err(e.span(), e.message().into()))?;
    let lang = match raw.lang {
        None => None,
        Some(l) => Some(match l.get_ref().to_ascii_lowercase().as_str() {
            "zh" => Lang::Zh,
            "en" => Lang::En,
            other => {
                return Err(err(
                    Some(l.span()),
                    format!("lang = {other:?}: expected \"zh\" or \"en\""),
                ));
            }
        }),
    };
    let names = crate::tui::bindings::action_names();
    let mut keys = BTreeMap::new();
    for (name, list) in raw.keys {
        if !names.contains(&name.get_ref().as_str()) {
            return Err(err(
                Some(name.span()),
                format!(
                    "[keys] {}: unknown action (`duijie config --default` lists them)",
                    name.get_ref()
                ),
            ));
        }
        let span = list.span();
        let specs = match list.into_inner() {
            KeyList::One(s) => vec![s],
            KeyList::Many(v) => v,
        };
        for spec in &specs {
            if let Err(e) = spec.parse::<KeySpec>() {
                return Err(err(
                    Some(span.clone()),
                    format!("[keys] {}: {e}", name.get_ref()),
                ));
            }
        }
        keys.insert(name.into_inner(), specs);
    }
    let reward = match raw.reward {
        None => None,
        Some(r) => {
            let span = r.span();
            Some(reward_rule(r.get_ref()).map_err(|m| err(Some(span), format!("[reward] {m}")))?)
        }
    };
    Ok(Config {
        lang,
        keys,
        backups: raw.backups,
        mouse: raw.mouse,
        user: raw.user,
        store: raw.store,
        reward,
    })
}

fn reward_rule(r: &RawReward) -> Result<crate::domain::reward::RewardRule, String> {
    let money = |name: &str, v: &Option<String>| -> Result<Option<crate::domain::Money>, String> {
        match v {
            None => Ok(None),
            Some(t) => crate::domain::Money::parse(t).map_err(|e| format!("{name}: {e}")),
        }
    };
    Ok(crate::domain::reward::RewardRule {
        rate_bp: crate::domain::reward::parse_rate(&r.rate).map_err(|e| format!("rate: {e}"))?,
        cap: money("cap", &r.cap)?,
        min_contract: money("min_contract", &r.min_contract)?,
    })
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .unwrap_or(text)
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Config, ConfigError> {
        parse(Path::new("/c/config.toml"), text)
    }

    #[test]
    fn missing_file_is_the_default() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn reads_lang_and_keys_in_both_shapes() {
        let c = p("lang = \"en\"\n[keys]\nmove_down = [\"ctrl-n\", \"down\"]\nquit = \"ctrl-q\"\n")
            .unwrap();
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.keys["move_down"], vec!["ctrl-n", "down"]);
        assert_eq!(c.keys["quit"], vec!["ctrl-q"]);
        assert_eq!(c.keep_backups(), crate::db::backup::DEFAULT_KEEP);
        assert_eq!(p("backups = 3\n").unwrap().keep_backups(), 3);
        let r = p("[reward]\nrate = \"5%\"\ncap = \"20万\"\n")
            .unwrap()
            .reward
            .unwrap();
        assert_eq!(
            (r.rate_bp, r.cap),
            (500, crate::domain::Money::from_wan(20))
        );
        let e = p("lang = \"zh\"\n[reward]\nrate = \"lots\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("rate"), "{e}");
        let e = p("[reward]\nrate = \"5%\"\ncap = \"-3\"\n").unwrap_err();
        assert!(e.message.contains("cap"), "{e}");
        let e = p("backups = -1\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = p("lang = \"zh\"\n[keys]\nmove_dwn = [\"j\"]\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.to_string().starts_with("/c/config.toml:3: "), "{e}");
        assert!(e.to_string().contains("move_dwn"), "{e}");

        let e = p("[keys]\n\nquit = [\"ctrl-\"]\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");

        let e = p("lang = \"fr\"\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");

        let e = p("[keys\nquit = 1\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
    }
}
