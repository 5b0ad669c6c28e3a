//! `RecordForm`: add or edit a demand or result in a centred box — one line per field,
//! completion for field and region from values already in the database, validation on submit
//! with the message beside the field, and a discard confirmation when something was typed.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::{Kind, Record, parse_wan};
use crate::search::keys::fold;
use crate::tui::ui::confirm::{Confirm, ConfirmOutcome};
use crate::tui::ui::input::{InputOutcome, TextInput};
use crate::tui::ui::widgets::{centered, clear_popup, cut, fit, is_ctrl, is_press, wan, width};
use crate::tui::{Lang, Theme};

/// Values already in the database, offered while typing a field or a region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormSuggestions {
    pub fields: Vec<String>,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one outcome per key press, returned and matched at once; never stored in bulk"
)]
pub enum FormOutcome {
    Pending,
    Cancelled,
    /// The record to write: for an edit, the original with only the changed fields replaced.
    Submit(Record),
}

/// One line of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Title,
    Org,
    Lead,
    Field,
    Region,
    Description,
    Keywords,
    Budget,
    Deadline,
    Contact,
    Phone,
    Email,
    OpenCall,
    Maturity,
    Ip,
    Modes,
    Price,
    Status,
}

use FieldId as F;

const DEMAND: &[FieldId] = &[
    F::Title,
    F::Org,
    F::Field,
    F::Region,
    F::Description,
    F::Keywords,
    F::Budget,
    F::Deadline,
    F::Contact,
    F::Phone,
    F::Email,
    F::OpenCall,
    F::Status,
];
const RESULT: &[FieldId] = &[
    F::Title,
    F::Org,
    F::Lead,
    F::Field,
    F::Region,
    F::Description,
    F::Keywords,
    F::Maturity,
    F::Ip,
    F::Modes,
    F::Price,
    F::Contact,
    F::Phone,
    F::Email,
    F::Status,
];

/// Cells given to the label column.
const LABEL_W: usize = 14;
const MAX_SUGGESTIONS: usize = 5;

impl FieldId {
    pub fn label(self, kind: Kind, lang: Lang) -> &'static str {
        let demand = kind == Kind::Demand;
        match self {
            F::Title => lang.pick("标题*", "Title*"),
            F::Org if demand => lang.pick("企业", "Enterprise"),
            F::Org => lang.pick("单位", "Institution"),
            F::Lead => lang.pick("负责人", "Lead"),
            F::Field => lang.pick("领域", "Field"),
            F::Region => lang.pick("地区", "Region"),
            F::Description if demand => lang.pick("描述", "Description"),
            F::Description => lang.pick("简介", "Abstract"),
            F::Keywords => lang.pick("关键词", "Keywords"),
            F::Budget => lang.pick("预算(万元)", "Budget (万元)"),
            F::Deadline => lang.pick("截止日期", "Deadline"),
            F::Contact => lang.pick("联系人", "Contact"),
            F::Phone => lang.pick("电话", "Phone"),
            F::Email => lang.pick("邮箱", "Email"),
            F::OpenCall => lang.pick("揭榜挂帅", "Open call"),
            F::Maturity => lang.pick("成熟度", "Maturity"),
            F::Ip => lang.pick("知识产权", "IP"),
            F::Modes => lang.pick("合作方式", "Modes"),
            F::Price => lang.pick("价格(万元)", "Price (万元)"),
            F::Status => lang.pick("状态", "Status"),
        }
    }

    fn text_of(self, r: &Record) -> String {
        let s = match self {
            F::Title => &r.title,
            F::Org => &r.org,
            F::Lead => &r.lead,
            F::Field => &r.field,
            F::Region => &r.region,
            F::Description => &r.description,
            F::Keywords => &r.keywords,
            F::Deadline => &r.deadline,
            F::Contact => &r.contact,
            F::Phone => &r.phone,
            F::Email => &r.email,
            F::Maturity => &r.maturity,
            F::Ip => &r.ip,
            F::Modes => &r.modes,
            F::Status => &r.status,
            F::Budget => return r.budget_wan.map(wan).unwrap_or_default(),
            F::Price => return r.price_wan.map(wan).unwrap_or_default(),
            F::OpenCall => return String::new(),
        };
        s.clone()
    }

    fn text_mut(self, r: &mut Record) -> Option<&mut String> {
        Some(match self {
            F::Title => &mut r.title,
            F::Org => &mut r.org,
            F::Lead => &mut r.lead,
            F::Field => &mut r.field,
            F::Region => &mut r.region,
            F::Description => &mut r.description,
            F::Keywords => &mut r.keywords,
            F::Deadline => &mut r.deadline,
            F::Contact => &mut r.contact,
            F::Phone => &mut r.phone,
            F::Email => &mut r.email,
            F::Maturity => &mut r.maturity,
            F::Ip => &mut r.ip,
            F::Modes => &mut r.modes,
            F::Status => &mut r.status,
            F::Budget | F::Price | F::OpenCall => return None,
        })
    }
}

/// Why a field was refused on submit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Required,
    Amount(String),
}

impl FieldError {
    fn message(&self, lang: Lang) -> &str {
        match self {
            FieldError::Required => lang.pick("必填", "required"),
            FieldError::Amount(en) => match lang {
                Lang::Zh => "不是金额 (如 50、50万、1,200)",
                Lang::En => en,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordForm {
    base: Record,
    editing: bool,
    fields: &'static [FieldId],
    inputs: Vec<TextInput>,
    /// The text each input started with: an untouched input leaves its field as it was, so a
    /// multi-line description survives an edit of the title.
    initial: Vec<String>,
    open_call: bool,
    focus: usize,
    errors: Vec<Option<FieldError>>,
    suggestions: FormSuggestions,
    pick: Option<usize>,
    discarding: bool,
}

impl RecordForm {
    pub fn new(kind: Kind, suggestions: FormSuggestions) -> RecordForm {
        Self::build(Record::new(kind, ""), false, suggestions)
    }

    pub fn edit(rec: &Record, suggestions: FormSuggestions) -> RecordForm {
        Self::build(rec.clone(), true, suggestions)
    }

    fn build(base: Record, editing: bool, suggestions: FormSuggestions) -> RecordForm {
        let fields = if base.kind == Kind::Demand {
            DEMAND
        } else {
            RESULT
        };
        let inputs: Vec<TextInput> = fields
            .iter()
            .map(|f| TextInput::with_value(&f.text_of(&base)))
            .collect();
        let initial = inputs.iter().map(|i| i.value().to_string()).collect();
        RecordForm {
            open_call: base.open_call,
            editing,
            fields,
            initial,
            errors: vec![None; inputs.len()],
            inputs,
            focus: 0,
            suggestions,
            pick: None,
            discarding: false,
            base,
        }
    }

    pub fn focused(&self) -> FieldId {
        self.fields[self.focus]
    }

    pub fn value(&self, f: FieldId) -> Option<&str> {
        let i = self.fields.iter().position(|x| *x == f)?;
        Some(self.inputs[i].value())
    }

    pub fn error(&self, f: FieldId) -> Option<&FieldError> {
        let i = self.fields.iter().position(|x| *x == f)?;
        self.errors[i].as_ref()
    }

    pub fn is_discarding(&self) -> bool {
        self.discarding
    }

    /// True when any field differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.open_call != self.base.open_call
            || self
                .inputs
                .iter()
                .zip(&self.initial)
                .any(|(i, s)| i.value() != s)
    }

    /// Completion candidates for the focused field: values starting with the typed text or
    /// containing it after folding (script, width, case), the typed value itself excluded.
    pub fn matches(&self) -> Vec<&str> {
        let pool = match self.focused() {
            F::Field => &self.suggestions.fields,
            F::Region => &self.suggestions.regions,
            _ => return Vec::new(),
        };
        let typed = self.inputs[self.focus].value().trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let folded = fold(typed);
        pool.iter()
            .map(String::as_str)
            .filter(|v| *v != typed && (v.starts_with(typed) || fold(v).contains(&folded)))
            .take(MAX_SUGGESTIONS)
            .collect()
    }

    fn set_focus(&mut self, i: usize) {
        self.focus = i;
        self.pick = None;
    }

    fn accept_pick(&mut self) -> bool {
        let Some(p) = self.pick else { return false };
        let Some(v) = self.matches().get(p).map(|s| (*s).to_string()) else {
            return false;
        };
        self.inputs[self.focus].set_value(&v);
        self.errors[self.focus] = None;
        self.pick = None;
        true
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        if !is_press(&key) {
            return FormOutcome::Pending;
        }
        if self.discarding {
            return match Confirm::new("", "").handle_key(key) {
                ConfirmOutcome::Yes => FormOutcome::Cancelled,
                ConfirmOutcome::No => {
                    self.discarding = false;
                    FormOutcome::Pending
                }
                ConfirmOutcome::Pending => FormOutcome::Pending,
            };
        }
        let n = self.fields.len();
        let n_matches = self.matches().len();
        if is_ctrl(&key, 's') {
            return self.submit();
        }
        if n_matches > 0 && (is_ctrl(&key, 'n') || key.code == KeyCode::Down) {
            self.pick = Some(self.pick.map_or(0, |p| (p + 1) % n_matches));
            return FormOutcome::Pending;
        }
        if self.pick.is_some() && (is_ctrl(&key, 'p') || key.code == KeyCode::Up) {
            self.pick = self.pick.and_then(|p| p.checked_sub(1));
            return FormOutcome::Pending;
        }
        match key.code {
            KeyCode::Esc if self.pick.is_some() => self.pick = None,
            KeyCode::Esc if self.is_dirty() => self.discarding = true,
            KeyCode::Esc => return FormOutcome::Cancelled,
            KeyCode::Tab | KeyCode::Enter if self.accept_pick() => {}
            KeyCode::Enter if self.focus + 1 == n => return self.submit(),
            KeyCode::Tab | KeyCode::Enter => self.set_focus((self.focus + 1) % n),
            KeyCode::BackTab => self.set_focus((self.focus + n - 1) % n),
            KeyCode::Down => self.set_focus((self.focus + 1).min(n - 1)),
            KeyCode::Up => self.set_focus(self.focus.saturating_sub(1)),
            KeyCode::Char(' ') if self.focused() == F::OpenCall => self.open_call = !self.open_call,
            _ if self.focused() == F::OpenCall => {}
            _ => {
                if self.inputs[self.focus].handle_key(key) == InputOutcome::Edited {
                    self.errors[self.focus] = None;
                    self.pick = None;
                }
            }
        }
        FormOutcome::Pending
    }

    /// Validates every field; on success returns the record, else marks the bad fields and
    /// moves the focus to the first one.
    fn submit(&mut self) -> FormOutcome {
        let mut rec = self.base.clone();
        rec.open_call = self.open_call;
        for (i, f) in self.fields.iter().enumerate() {
            let typed = self.inputs[i].value();
            self.errors[i] = None;
            if *f == F::Title && typed.trim().is_empty() {
                self.errors[i] = Some(FieldError::Required);
                continue;
            }
            if typed == self.initial[i] {
                continue;
            }
            match f {
                F::Budget | F::Price => match parse_wan(typed) {
                    Ok(v) if *f == F::Budget => rec.budget_wan = v,
                    Ok(v) => rec.price_wan = v,
                    Err(e) => self.errors[i] = Some(FieldError::Amount(e)),
                },
                _ => {
                    if let Some(slot) = f.text_mut(&mut rec) {
                        *slot = typed.trim().to_string();
                    }
                }
            }
        }
        if let Some(bad) = self.errors.iter().position(Option::is_some) {
            self.set_focus(bad);
            return FormOutcome::Pending;
        }
        FormOutcome::Submit(rec)
    }

    fn title(&self, lang: Lang) -> String {
        match (self.editing, self.base.kind) {
            (false, Kind::Demand) => lang.pick("新增需求", "New demand").to_string(),
            (false, Kind::Achievement) => lang.pick("新增成果", "New result").to_string(),
            (true, Kind::Demand) => format!(
                "{} {}",
                lang.pick("编辑需求", "Edit demand"),
                self.base.code()
            ),
            (true, Kind::Achievement) => {
                format!(
                    "{} {}",
                    lang.pick("编辑成果", "Edit result"),
                    self.base.code()
                )
            }
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let n = self.fields.len() as u16;
        let rect = centered(area, 72, n + 4);
        clear_popup(frame, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                format!(" {} ", self.title(lang)),
                theme.title(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.width < 4 || inner.height < 2 {
            return;
        }
        // Rows for fields: all but the hint line; scroll so the focused field is visible.
        let rows = usize::from(inner.height - 1);
        let top = (self.focus + 1).saturating_sub(rows);
        let iw = usize::from(inner.width);
        let label_w = LABEL_W.min(iw / 3);
        let mut cursor = None;
        for (row, i) in (top..self.fields.len()).take(rows).enumerate() {
            let y = inner.y + row as u16;
            let f = self.fields[i];
            let focused = i == self.focus;
            let marker = if focused { "›" } else { " " };
            let label = fit(
                &format!("{marker}{}", f.label(self.base.kind, lang)),
                label_w,
            );
            let lstyle = if focused {
                theme.title()
            } else {
                theme.label()
            };
            frame.render_widget(
                Span::styled(label, lstyle),
                Rect::new(inner.x, y, label_w as u16, 1),
            );
            let err = self.errors[i].as_ref().map(|e| e.message(lang).to_string());
            let err_w = err.as_ref().map_or(0, |e| width(e).min(iw / 3) + 1);
            let field_w = iw - label_w - err_w;
            let fx = inner.x + label_w as u16;
            let field_rect = Rect::new(fx, y, field_w as u16, 1);
            if f == F::OpenCall {
                let text = match (self.open_call, lang) {
                    (true, Lang::Zh) => "[x] 是  (空格切换)",
                    (false, Lang::Zh) => "[ ] 否  (空格切换)",
                    (true, Lang::En) => "[x] yes  (Space toggles)",
                    (false, Lang::En) => "[ ] no  (Space toggles)",
                };
                frame.render_widget(Span::styled(cut(text, field_w), theme.normal()), field_rect);
            } else {
                self.inputs[i].render_line(frame, field_rect, theme, false);
                if focused {
                    let (_, cx) = self.inputs[i].view(field_w);
                    cursor = Some((fx + cx as u16, y));
                }
            }
            if let Some(e) = err {
                let ex = fx + field_w as u16 + 1;
                frame.render_widget(
                    Span::styled(cut(&e, err_w - 1), theme.warning()),
                    Rect::new(ex, y, (err_w - 1) as u16, 1),
                );
            }
        }
        let hint = lang.pick(
            "Tab/↑↓ 切换 · Ctrl-S 保存 · Esc 取消",
            "Tab/↑↓ move · Ctrl-S save · Esc cancel",
        );
        let hy = inner.y + inner.height - 1;
        frame.render_widget(
            Span::styled(cut(hint, iw), theme.muted()),
            Rect::new(inner.x, hy, inner.width, 1),
        );
        if self.discarding {
            let c = Confirm::new(
                lang.pick("放弃", "Discard"),
                lang.pick("放弃已输入的内容?", "Discard typed text?"),
            );
            c.render(frame, area, theme, lang);
            return;
        }
        if let Some((cx, cy)) = cursor {
            self.render_matches(
                frame,
                Rect::new(inner.x + label_w as u16, cy + 1, 0, 0),
                area,
                *theme,
            );
            frame.set_cursor_position(Position::new(cx, cy));
        }
    }

    /// The completion list just under the focused input (above it when there is no room).
    fn render_matches(&self, frame: &mut Frame<'_>, at: Rect, area: Rect, theme: Theme) {
        let m = self.matches();
        if m.is_empty() {
            return;
        }
        let w = m.iter().map(|s| width(s)).max().unwrap_or(0).clamp(8, 40) as u16 + 4;
        let h = m.len() as u16 + 2;
        let y = if at.y + h <= area.bottom() {
            at.y
        } else {
            at.y.saturating_sub(h + 1).max(area.y)
        };
        let rect = Rect::new(at.x, y, w, h).intersection(area);
        clear_popup(frame, rect);
        let lines: Vec<Line> = m
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if self.pick == Some(i) {
                    theme.selected()
                } else {
                    theme.normal()
                };
                Line::from(Span::styled(
                    fit(
                        &format!(" {}", crate::sanitize::one_line(s)),
                        usize::from(w) - 2,
                    ),
                    style,
                ))
            })
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border());
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}
