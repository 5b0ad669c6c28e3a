//! Who the broker at this desk is: the name every change they make is recorded under.
//!
//! The name comes from the config's `user`, else `DUIJIE_USER`, else the login name (`USER`,
//! `LOGNAME`, `USERNAME`). Each is cleaned by the one sanitiser, made one line, trimmed and
//! cut to [`MAX_CHARS`]; one that is empty after that falls through to the next.

use std::borrow::Cow;

/// The longest name kept, in characters.
pub const MAX_CHARS: usize = 40;

/// What an actor column that holds no name is shown as: the step was made before names were
/// recorded, and nobody knows whose it was.
pub const UNNAMED: &str = "—";

/// A name as it is recorded: sanitised, one line, trimmed, at most [`MAX_CHARS`] characters;
/// `None` when nothing is left.
pub fn clean(raw: &str) -> Option<String> {
    let one = crate::sanitize::one_line(raw);
    let cut: String = one.trim().chars().take(MAX_CHARS).collect();
    let cut = cut.trim_end();
    (!cut.is_empty()).then(|| cut.to_string())
}

/// The broker's name from the config's `user` and the environment (see the module comment),
/// `None` when none of them gives one.
pub fn resolve(configured: Option<&str>) -> Option<String> {
    resolve_with(configured, |key| std::env::var(key).ok())
}

/// [`resolve`] reading the environment through `env`.
pub fn resolve_with(
    configured: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    configured.and_then(clean).or_else(|| {
        ["DUIJIE_USER", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|key| env(key).as_deref().and_then(clean))
    })
}

/// An actor column as shown: the name (sanitised again, as data), or [`UNNAMED`].
pub fn shown(name: Option<&str>) -> Cow<'_, str> {
    name.map_or(Cow::Borrowed(UNNAMED), crate::sanitize::clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn the_config_wins_then_duijie_user_then_the_login_name() {
        let all = [("DUIJIE_USER", "李娜"), ("USER", "lina")];
        assert_eq!(
            resolve_with(Some("王芳"), env(&all)).as_deref(),
            Some("王芳")
        );
        assert_eq!(resolve_with(None, env(&all)).as_deref(), Some("李娜"));
        assert_eq!(
            resolve_with(None, env(&[("LOGNAME", "zhang")])).as_deref(),
            Some("zhang")
        );
        assert_eq!(resolve_with(None, env(&[])), None);
    }

    #[test]
    fn an_empty_or_unprintable_name_falls_back_to_the_next() {
        let vars = [("DUIJIE_USER", "  \u{1b}[31m \t"), ("USER", "lina")];
        assert_eq!(
            resolve_with(Some("   "), env(&vars)).as_deref(),
            Some("lina")
        );
    }

    #[test]
    fn a_name_is_cleaned_trimmed_and_cut() {
        assert_eq!(clean("  王\u{1b}[31m芳\n ").as_deref(), Some("王芳"));
        assert_eq!(clean("a\u{202e}b").as_deref(), Some("ab"));
        let long = "长".repeat(60);
        assert_eq!(clean(&long).unwrap().chars().count(), MAX_CHARS);
        assert_eq!(shown(None), UNNAMED);
        assert_eq!(shown(Some("王\u{7}芳")), "王芳");
    }
}
