//! Where a server's password comes from when the URL has none, as libpq's tools take it:
//! `PGPASSWORD`, then the password file (`PGPASSFILE` or `~/.pgpass`, used only when no one
//! but its owner can read it). And the URL as it may be shown: without its password.

use std::path::PathBuf;

use postgres::Config;
use postgres::config::Host;

/// Fills in the user (the login name, as libpq does) and the password, when the URL gave
/// neither.
pub fn complete(config: &mut Config) {
    if config.get_user().is_none()
        && let Some(login) = ["PGUSER", "USER", "LOGNAME"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    {
        config.user(&login);
    }
    if config.get_password().is_some() {
        return;
    }
    if let Some(pw) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        config.password(pw);
        return;
    }
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or_default().to_owned();
    let db = config.get_dbname().unwrap_or(&user).to_owned();
    if let Some(text) = pgpass_text()
        && let Some(pw) = find_in_pgpass(&text, &host, port, &db, &user)
    {
        config.password(pw);
    }
}

/// The password file's text, if there is one only its owner can read.
fn pgpass_text() -> Option<String> {
    let path = match std::env::var_os("PGPASSFILE") {
        Some(p) => PathBuf::from(p),
        None => directories::BaseDirs::new()?.home_dir().join(".pgpass"),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    std::fs::read_to_string(path).ok()
}

/// The password of the first line of a password file matching the connection
/// (`host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped).
pub fn find_in_pgpass(text: &str, host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(fields)
        .filter(|f| f.len() == 5)
        .find(|f| {
            [host, port.as_str(), db, user]
                .iter()
                .zip(f)
                .all(|(want, field)| field == "*" || field == want)
        })
        .map(|f| f[4].clone())
}

/// A password-file line's fields, unescaped.
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.last_mut().expect("never empty").push(n);
                }
            }
            ':' if out.len() < 5 => out.push(String::new()),
            c => out.last_mut().expect("never empty").push(c),
        }
    }
    out
}

/// The URL with any password taken out (`user:secret@` → `user@`, `password=…` dropped).
pub fn shown_url(url: &str) -> String {
    let mut shown = url.to_owned();
    if let Some(scheme_end) = shown.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = shown[rest_start..]
            .find(['/', '?'])
            .map_or(shown.len(), |i| rest_start + i);
        if let Some(at) = shown[rest_start..authority_end].rfind('@') {
            let userinfo = &shown[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                shown.replace_range(rest_start + colon..rest_start + at, "");
            }
        }
    }
    if let Some(q) = shown.find('?') {
        let kept: Vec<&str> = shown[q + 1..]
            .split('&')
            .filter(|kv| !kv.to_ascii_lowercase().starts_with("password="))
            .collect();
        let head = shown[..q].to_owned();
        shown = if kept.is_empty() {
            head
        } else {
            format!("{head}?{}", kept.join("&"))
        };
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_file_line_matches_by_fields_wildcards_and_escapes() {
        let text = "# team server\n\
                    db.park.cn:5432:duijie:li:s3cr\\:et\n\
                    *:*:*:wang:other\n\
                    localhost:5433:*:li:local\n";
        assert_eq!(
            find_in_pgpass(text, "db.park.cn", 5432, "duijie", "li").as_deref(),
            Some("s3cr:et")
        );
        assert_eq!(
            find_in_pgpass(text, "any", 1, "x", "wang").as_deref(),
            Some("other")
        );
        assert_eq!(
            find_in_pgpass(text, "localhost", 5433, "t", "li").as_deref(),
            Some("local")
        );
        assert_eq!(find_in_pgpass(text, "localhost", 5432, "t", "li"), None);
    }

    #[test]
    fn the_shown_url_never_carries_the_password() {
        assert_eq!(
            shown_url("postgres://li:pa:ss@db.park.cn:5432/duijie?sslmode=require"),
            "postgres://li@db.park.cn:5432/duijie?sslmode=require"
        );
        assert_eq!(
            shown_url("postgres://li@h/d?password=x&sslmode=require"),
            "postgres://li@h/d?sslmode=require"
        );
        assert_eq!(shown_url("postgres://h/d?PASSWORD=x"), "postgres://h/d");
        assert_eq!(shown_url("postgres://li@h/d"), "postgres://li@h/d");
    }
}
