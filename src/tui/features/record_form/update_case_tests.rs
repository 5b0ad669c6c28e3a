//! Case tables of the form's and the picker's keys: each row a list of keys as a user spells
//! them and what the form or the picker holds after them.

use super::*;

/// One key as a user spells it in these tables.
fn ev(spec: &str) -> KeyEvent {
    let k: crate::tui::keys::KeySpec = spec.parse().unwrap();
    KeyEvent::new(k.code, k.mods)
}

/// Presses `keys` (a space-separated list of key specs; `"text"` types text) on the desk.
fn keys(m: &mut Model, keys: &[&str]) -> Vec<Effect> {
    let mut out = Vec::new();
    for k in keys {
        if let Some(text) = k.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            out.extend(type_str(m, text));
        } else {
            let e = ev(k);
            out.extend(key(m, e.code, e.modifiers));
        }
    }
    out
}

#[test]
fn form_keys_case_table() {
    // (keys after `+` on the demands, what the title holds, the focused field, saved title)
    type Case<'a> = (&'a [&'a str], Option<&'a str>, FieldId, Option<&'a str>);
    let cases: &[Case] = &[
        (&["\"铜箔\""], Some("铜箔"), FieldId::Title, None),
        (&["\"铜箔\"", "ctrl-s"], None, FieldId::Title, Some("铜箔")),
        (&["\"铜 箔\"", "tab"], Some("铜 箔"), FieldId::Org, None),
        (
            &["\"铜箔\"", "enter", "shift-tab"],
            Some("铜箔"),
            FieldId::Title,
            None,
        ),
        (&["\"铜箔\"", "ctrl-w"], Some(""), FieldId::Title, None),
        (
            &["\"铜箔x\"", "backspace"],
            Some("铜箔"),
            FieldId::Title,
            None,
        ),
        (
            &["\"箔\"", "home", "\"铜\""],
            Some("铜箔"),
            FieldId::Title,
            None,
        ),
        (
            &["\"铜箔\"", "ctrl-u", "\"锂\""],
            Some("锂"),
            FieldId::Title,
            None,
        ),
        (&["down", "down", "up"], Some(""), FieldId::Org, None),
        // q and ? are text in a form, not quit and help.
        (&["\"q?\""], Some("q?"), FieldId::Title, None),
    ];
    for (ks, title, focus, saved_title) in cases {
        let mut m = model();
        type_str(&mut m, "+");
        let effects = keys(&mut m, ks);
        if let Some(t) = saved_title {
            assert_eq!(saved(&effects).title, *t, "{ks:?}");
        } else {
            assert!(effects.is_empty(), "{ks:?}");
            assert_eq!(form(&m).value(FieldId::Title), *title, "{ks:?}");
            assert_eq!(form(&m).focused(), *focus, "{ks:?}");
        }
        assert!(!m.should_quit, "{ks:?}");
    }
}

#[test]
fn the_yes_no_field_has_its_own_keys_and_the_form_keys_still_work_there() {
    let mut m = model();
    type_str(&mut m, "+x");
    while form(&m).focused() != FieldId::OpenCall {
        press(&mut m, KeyCode::Tab);
    }
    assert_eq!(m.context(), Context::FormChoice);
    keys(&mut m, &["space", "\"abc\""]);
    assert_eq!(
        form(&m).changed_fields(),
        [FieldId::Title, FieldId::OpenCall]
    );
    let r = saved(&keys(&mut m, &["ctrl-s"]));
    assert!(r.open_call);
    // Rebound in the config, the switch follows the table.
    let mut cfg = std::collections::BTreeMap::new();
    cfg.insert("form_toggle".into(), vec!["ctrl-t".into()]);
    let mut m = model();
    m.keymap = Keymap::new(&cfg).unwrap();
    type_str(&mut m, "+x");
    while form(&m).focused() != FieldId::OpenCall {
        press(&mut m, KeyCode::Tab);
    }
    keys(&mut m, &["space"]);
    assert!(!form(&m).changed_fields().contains(&FieldId::OpenCall));
    keys(&mut m, &["ctrl-t"]);
    assert!(form(&m).changed_fields().contains(&FieldId::OpenCall));
}

#[test]
fn picker_keys_case_table() {
    // (keys after `f`, the field and region filters applied; None: still open)
    type Case<'a> = (&'a [&'a str], Option<(&'a [&'a str], &'a [&'a str])>);
    let cases: &[Case] = &[
        (&["space", "enter"], Some((&["锂电"], &[]))),
        (&["down", "space", "enter"], Some((&["光伏"], &[]))),
        (&["tab", "space", "enter"], Some((&[], &["陕西"]))),
        (&["right", "left", "space", "enter"], Some((&["锂电"], &[]))),
        (&["\"光\"", "space", "enter"], Some((&["光伏"], &[]))),
        (&["space", "ctrl-r", "enter"], Some((&[], &[]))),
        // Esc first clears the narrowing text, then closes without applying.
        (&["\"光\"", "esc"], None),
        (&["space", "esc"], Some((&[], &[]))),
    ];
    for (ks, want) in cases {
        let mut m = model();
        type_str(&mut m, "f");
        keys(&mut m, ks);
        match want {
            None => assert_eq!(m.context(), Context::Picker, "{ks:?}"),
            Some((field, region)) => {
                assert!(m.overlays.is_empty(), "{ks:?}");
                let got: Vec<&str> = m.filters.field.iter().map(String::as_str).collect();
                assert_eq!(got, *field, "{ks:?}");
                let got: Vec<&str> = m.filters.region.iter().map(String::as_str).collect();
                assert_eq!(got, *region, "{ks:?}");
            }
        }
    }
}
