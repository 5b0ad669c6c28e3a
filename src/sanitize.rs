//! The one sanitiser every string from data passes through before it reaches a terminal.
//!
//! Data comes from spreadsheets and other people's systems: it may hold escape sequences,
//! control characters, bidi overrides or zero-width characters that would move the cursor,
//! recolour the screen or make a column lie about its width. Lists, detail panes, the status
//! bar, the window title and CLI output all call [`clean`].

use std::borrow::Cow;

/// Characters removed outright: bidi embeddings/overrides/isolates, zero-width and BOM.
fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{00AD}'
    )
}

/// Returns `s` safe to print: tab, newline and CR become one space each; ESC sequences
/// (CSI, OSC, and two-byte escapes) are dropped whole; other C0/C1 controls, bidi controls
/// and zero-width characters are removed. Borrows when nothing needs changing.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_invisible_control(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC introducers behave like ESC [ and ESC ].
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' => skip_string(&mut chars),
            c if c.is_control() || is_invisible_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Cleans and also collapses the result to a single line (for list cells and titles).
pub fn one_line(s: &str) -> String {
    let cleaned = clean(s);
    let mut out = String::with_capacity(cleaned.len());
    let mut last_space = false;
    for c in cleaned.trim().chars() {
        if c == ' ' {
            if !last_space {
                out.push(c);
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out
}

/// Returns `s` with every control character except newline (and the CR of a CRLF) written
/// as a visible escape (`\u{1b}`), and bidi and zero-width characters too: for data a person
/// reads on a terminal in full, such as an export, where dropping characters would change
/// what they see of the data but printing them raw would let a cell drive the terminal.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    let needs = |c: char| (c.is_control() && c != '\n' && c != '\r') || is_invisible_control(c);
    let bare_cr = s.split("\r\n").any(|part| part.contains('\r'));
    if !bare_cr && !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else if needs(c) || c == '\r' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            skip_string(chars);
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in `@`..=`~`.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/APC/PM/SOS: a string terminated by BEL, ST (ESC \) or C1 ST.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_shows_controls_instead_of_running_them() {
        assert!(matches!(escape_controls("铜箔,a\r\nb\n"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\u{1b}]0;x\u{7}b\u{9b}2J\rc\u{202e}d\te"),
            "a\\u{1b}]0;x\\u{7}b\\u{9b}2J\\u{d}c\\u{202e}d\\u{9}e"
        );
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(clean("西安交通大学 ABC"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        let s = "铜箔\u{1b}[31m红\u{1b}[0m\u{1b}]0;title\u{7}尾\u{7}\u{0}";
        assert_eq!(clean(s), "铜箔红尾");
    }

    #[test]
    fn whitespace_controls_become_spaces_and_bidi_is_dropped() {
        assert_eq!(clean("a\tb\nc\rd"), "a b c d");
        assert_eq!(clean("ab\u{202E}cd\u{200B}e\u{2066}"), "abcde");
        assert_eq!(one_line("  锂电\n\n 负极\t "), "锂电 负极");
    }

    #[test]
    fn unterminated_sequences_do_not_panic() {
        assert_eq!(clean("x\u{1b}"), "x");
        assert_eq!(clean("x\u{1b}]52;c;AAAA"), "x");
        assert_eq!(clean("x\u{1b}[12"), "x");
    }

    /// Text a hostile file might hold: escape and control characters, bidi and zero-width
    /// characters, combining marks, emoji with selectors and joiners, CJK, anything.
    fn hostile() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            3 => "[\u{1b}\u{9b}\u{9d}\u{9c}\u{7}\\\\\\[\\]0-9;:PX_^m]{1,6}",
            2 => "[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}\u{ad}]{1,3}",
            3 => "[铜箔鄭州大學ａＡ（）。 a-z]{1,6}",
            1 => "[\u{300}\u{301}\u{fe0f}\u{200d}\u{1f600}\u{1f1e6}\u{2764}]{1,4}",
            1 => any::<String>(),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    fn survives(c: char) -> bool {
        !c.is_control() && !is_invisible_control(c)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn cleaned_text_has_no_control_escape_or_invisible_character(s in hostile()) {
            let out = clean(&s);
            proptest::prop_assert!(out.chars().all(survives), "{:?} -> {:?}", s, out);
            let line = one_line(&s);
            proptest::prop_assert!(line.chars().all(survives) && !line.contains("  "), "{:?}", line);
        }

        #[test]
        fn cleaning_twice_changes_nothing_and_keeps_the_width(s in hostile()) {
            use unicode_width::UnicodeWidthStr;
            let once = clean(&s).into_owned();
            let twice = clean(&once).into_owned();
            proptest::prop_assert_eq!(&once, &twice);
            proptest::prop_assert_eq!(once.width(), twice.width());
            proptest::prop_assert_eq!(one_line(&once), one_line(&s));
        }

        #[test]
        fn text_without_controls_is_left_as_it_was(s in "[铜箔鄭州大學ａＡ（）。 a-z0-9,.\u{1f600}]{0,30}") {
            proptest::prop_assert_eq!(clean(&s), s.as_str());
        }
    }
}
