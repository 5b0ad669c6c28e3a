//! The one statement text, made PostgreSQL's: see the module doc of [`crate::store`] for the
//! dialect statements are written in.

/// Rewrites a statement written for both engines into PostgreSQL's: `?N` → `$N` (a bare `?`
/// takes the next number), `INSERT OR IGNORE` → `INSERT … ON CONFLICT DO NOTHING`. Quoted
/// strings, quoted names and comments are copied untouched.
pub fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next_bare = 1;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                // Up to the closing quote; a doubled quote is an escaped one and the loop
                // simply passes through it (close, then open again).
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    out.push_str(&next_bare.to_string());
                    next_bare += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    or_ignore(out)
}

/// `INSERT OR IGNORE INTO t …` → `INSERT INTO t … ON CONFLICT DO NOTHING` (before a
/// `RETURNING`, if any).
fn or_ignore(sql: String) -> String {
    let trimmed = sql.trim_start();
    let head = "INSERT OR IGNORE ";
    if !trimmed
        .get(..head.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(head))
    {
        return sql;
    }
    let rest = &trimmed[head.len()..];
    let upper = rest.to_ascii_uppercase();
    let (body, returning) = match upper.rfind(" RETURNING ") {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    format!(
        "INSERT {} ON CONFLICT DO NOTHING{returning}",
        body.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::to_postgres;

    #[test]
    fn numbered_and_bare_parameters_become_dollars_but_not_inside_quotes() {
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE b = ?2 AND c = ?1 AND d = '?1' -- ?3\n AND e = ?"),
            "SELECT a FROM t WHERE b = $2 AND c = $1 AND d = '?1' -- ?3\n AND e = $1"
        );
        assert_eq!(
            to_postgres("SELECT 'it''s ?' , \"q?\" FROM t WHERE x = ?12"),
            "SELECT 'it''s ?' , \"q?\" FROM t WHERE x = $12"
        );
    }

    #[test]
    fn insert_or_ignore_becomes_on_conflict_do_nothing_before_returning() {
        assert_eq!(
            to_postgres("INSERT OR IGNORE INTO t (a) VALUES (?1)"),
            "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            to_postgres("insert or ignore into t (a) values (?1) RETURNING id"),
            "INSERT into t (a) values ($1) ON CONFLICT DO NOTHING RETURNING id"
        );
        assert_eq!(
            to_postgres("INSERT INTO t VALUES (1)"),
            "INSERT INTO t VALUES (1)"
        );
    }
}
