//! `FilterPicker`: choose the field, region, status and pipeline stage values that narrow the
//! lists. It edits the desk's own [`Filters`] (re-exported here for the component's users) and
//! reads intents only; the key table (keys.rs) names the keys.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Stage;
use crate::i18n::Msg;
use crate::sanitize::one_line;
use crate::search::keys::fold;
use crate::tui::action::Input;
pub use crate::tui::features::filters::Filters;
use crate::tui::ui::fit::{centered, clear_popup, cut, fit, width};
use crate::tui::ui::input::{InputOutcome, TextInput};
use crate::tui::{Lang, Theme};

/// The keys the picker's hint names, read from the key table when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerKeys {
    pub toggle: String,
    pub section: String,
    pub clear: String,
    pub apply: String,
    pub cancel: String,
}

impl Default for PickerKeys {
    fn default() -> PickerKeys {
        PickerKeys {
            toggle: "space".into(),
            section: "tab".into(),
            clear: "ctrl-r".into(),
            apply: "enter".into(),
            cancel: "esc".into(),
        }
    }
}

impl PickerKeys {
    pub fn from_keymap(keymap: &crate::tui::keys::Keymap) -> PickerKeys {
        let d = PickerKeys::default();
        let k = |name: &str, dflt: String| keymap.key_for(name).unwrap_or(dflt);
        PickerKeys {
            toggle: k("picker_toggle", d.toggle),
            section: k("picker_next_section", d.section),
            clear: k("picker_clear", d.clear),
            apply: k("picker_apply", d.apply),
            cancel: k("picker_cancel", d.cancel),
        }
    }
}

/// The values on offer, each with how many records carry it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickerOptions {
    pub fields: Vec<(String, usize)>,
    pub regions: Vec<(String, usize)>,
    pub statuses: Vec<(String, usize)>,
    pub stages: Vec<(Stage, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterPickerOutcome {
    Pending,
    Cancelled,
    Apply(Filters),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Field,
    Region,
    Status,
    Stage,
}

const SECTIONS: [Section; 4] = [
    Section::Field,
    Section::Region,
    Section::Status,
    Section::Stage,
];

impl Section {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Section::Field => Msg::FieldField,
            Section::Region => Msg::FieldRegion,
            Section::Status => Msg::FieldStatus,
            Section::Stage => Msg::FieldStage,
        }
        .text(lang)
    }
}

/// A checklist per section. Typing narrows the current section; Cancel first clears that
/// narrowing text, then closes.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterPicker {
    options: PickerOptions,
    chosen: Filters,
    section: usize,
    cursor: [usize; 4],
    query: [TextInput; 4],
    keys: PickerKeys,
}

impl FilterPicker {
    pub fn new(options: PickerOptions, current: &Filters) -> FilterPicker {
        FilterPicker {
            options,
            chosen: current.clone(),
            section: 0,
            cursor: [0; 4],
            query: Default::default(),
            keys: PickerKeys::default(),
        }
    }

    /// Names the keys of the user's key table in the hint.
    pub fn with_keys(mut self, keys: PickerKeys) -> FilterPicker {
        self.keys = keys;
        self
    }

    /// The narrowing text of the current section.
    pub fn query(&self) -> &str {
        self.query[self.section].value()
    }

    pub fn chosen(&self) -> &Filters {
        &self.chosen
    }

    /// Rows of the current section after narrowing: (label, count, checked).
    fn rows(&self) -> Vec<(String, usize, bool)> {
        let q = fold(self.query[self.section].value().trim());
        let keep = |label: &str| q.is_empty() || fold(label).contains(&q);
        match SECTIONS[self.section] {
            Section::Stage => self
                .options
                .stages
                .iter()
                .filter(|(s, _)| keep(&format!("{} {} {}", s.zh(), s.en(), s.key())))
                .map(|(s, n)| {
                    (
                        format!("{} {}", s.zh(), s.en()),
                        *n,
                        self.chosen.stage.contains(s),
                    )
                })
                .collect(),
            sec => {
                let (opts, set) = self.text_section(sec);
                opts.iter()
                    .filter(|(v, _)| keep(v))
                    .map(|(v, n)| (v.clone(), *n, set.contains(v)))
                    .collect()
            }
        }
    }

    fn text_section(&self, sec: Section) -> (&Vec<(String, usize)>, &BTreeSet<String>) {
        match sec {
            Section::Field => (&self.options.fields, &self.chosen.field),
            Section::Region => (&self.options.regions, &self.chosen.region),
            _ => (&self.options.statuses, &self.chosen.status),
        }
    }

    fn toggle(&mut self) {
        let rows = self.rows();
        let Some((label, _, _)) = rows.get(self.cursor[self.section]) else {
            return;
        };
        let flip = |set: &mut BTreeSet<String>, v: &str| {
            if !set.remove(v) {
                set.insert(v.to_string());
            }
        };
        match SECTIONS[self.section] {
            Section::Field => flip(&mut self.chosen.field, label),
            Section::Region => flip(&mut self.chosen.region, label),
            Section::Status => flip(&mut self.chosen.status, label),
            Section::Stage => {
                if let Some(s) = Stage::ALL
                    .into_iter()
                    .find(|s| format!("{} {}", s.zh(), s.en()) == *label)
                    && !self.chosen.stage.remove(&s)
                {
                    self.chosen.stage.insert(s);
                }
            }
        }
    }

    /// Applies one intent; editing intents go to the current section's narrowing text.
    pub fn handle(&mut self, input: &Input) -> FilterPickerOutcome {
        let s = self.section;
        let n_sections = SECTIONS.len();
        match input {
            Input::Cancel if !self.query[s].is_empty() => self.query[s].clear(),
            Input::Cancel => return FilterPickerOutcome::Cancelled,
            Input::Submit => return FilterPickerOutcome::Apply(self.chosen.clone()),
            Input::NextField => self.section = (s + 1) % n_sections,
            Input::PrevField => self.section = (s + n_sections - 1) % n_sections,
            Input::Down => {
                let n = self.rows().len();
                self.cursor[s] = (self.cursor[s] + 1).min(n.saturating_sub(1));
            }
            Input::Up => self.cursor[s] = self.cursor[s].saturating_sub(1),
            Input::Toggle => self.toggle(),
            Input::ClearChoices => self.chosen = Filters::default(),
            other => {
                if self.query[s].handle(other) == InputOutcome::Edited {
                    self.cursor[s] = 0;
                }
            }
        }
        FilterPickerOutcome::Pending
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let rect = centered(area, 56, 20);
        clear_popup(frame, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                format!(" {} ", Msg::PickerTitle.text(lang)),
                theme.title(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let iw = usize::from(inner.width);
        if inner.height < 4 || iw < 8 {
            return;
        }
        let mut tabs = Vec::new();
        for (i, sec) in SECTIONS.iter().enumerate() {
            let n = match sec {
                Section::Field => self.chosen.field.len(),
                Section::Region => self.chosen.region.len(),
                Section::Status => self.chosen.status.len(),
                Section::Stage => self.chosen.stage.len(),
            };
            let text = if n > 0 {
                format!(" {} {n} ", sec.label(lang))
            } else {
                format!(" {} ", sec.label(lang))
            };
            tabs.push(Span::styled(
                text,
                if i == self.section {
                    theme.selected()
                } else {
                    theme.muted()
                },
            ));
            tabs.push(Span::raw(" "));
        }
        let q = self.query[self.section].value();
        let mut lines = vec![
            Line::from(tabs),
            Line::from(Span::styled(cut(&format!("⌕ {q}"), iw), theme.normal())),
        ];
        let list_h = usize::from(inner.height) - 3;
        let rows = self.rows();
        let cur = self.cursor[self.section].min(rows.len().saturating_sub(1));
        let top = (cur + 1).saturating_sub(list_h);
        for (i, (label, n, on)) in rows.iter().enumerate().skip(top).take(list_h) {
            let count = n.to_string();
            let text = format!("{} {}", if *on { "[x]" } else { "[ ]" }, one_line(label));
            let lw = iw.saturating_sub(width(&count) + 1);
            let line = format!("{}{count} ", fit(&text, lw));
            let style = if i == cur {
                theme.selected()
            } else {
                theme.normal()
            };
            lines.push(Line::from(Span::styled(fit(&line, iw), style)));
        }
        if rows.is_empty() {
            lines.push(Line::from(Span::styled(
                Msg::PickerNoMatch.text(lang),
                theme.muted(),
            )));
        }
        while lines.len() < usize::from(inner.height) - 1 {
            lines.push(Line::default());
        }
        let k = &self.keys;
        let hint = Msg::PickerHint.fill(
            lang,
            &[&k.toggle, &k.section, &k.clear, &k.apply, &k.cancel],
        );
        lines.push(Line::from(Span::styled(cut(&hint, iw), theme.muted())));
        frame.render_widget(Paragraph::new(lines), inner);
        // The cursor sits in the narrowing query.
        let (_, cx) = self.query[self.section].view(iw.saturating_sub(2));
        frame.set_cursor_position((inner.x + 2 + cx as u16, inner.y + 1));
    }
}
