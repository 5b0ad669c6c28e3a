//! A yes/no question over the desk (closing or deleting a record).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::Theme;
use crate::tui::model::Model;
use crate::tui::ui::fit::width;
use crate::tui::ui::layout::centered;

pub fn render(frame: &mut Frame, area: Rect, m: &Model, question: &str, theme: &Theme) {
    let lang = m.lang;
    let yes = m.keymap.key_for("confirm_yes").unwrap_or_default();
    let no = m.keymap.key_for("confirm_no").unwrap_or_default();
    let keys = format!(
        "{yes} {}   {no}/esc {}",
        lang.pick("确认", "yes"),
        lang.pick("取消", "no")
    );
    let w = (width(question).max(width(&keys)) + 4).clamp(30, 70) as u16;
    let rect = centered(area, w, 6);
    crate::tui::ui::fit::clear_popup(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warning())
        .title(Span::styled(
            lang.pick(" 确认 ", " Confirm "),
            theme.warning(),
        ));
    // The question embeds a sanitised title (built in update).
    let lines = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::styled(keys, theme.muted()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// The question before deleting record `id`: it names what goes with it (its pairs and their
/// follow-ups) and is answered only by the destructive confirmation's keys (`y`; Enter does
/// not delete).
pub fn ask_delete(
    m: &mut Model,
    kind: crate::domain::Kind,
    id: i64,
    (pairs, followups): (i64, i64),
) -> Vec<crate::tui::effect::Effect> {
    use crate::i18n::Msg;
    let Some(rec) = m.list_mut(kind).records.get(&id) else {
        // Gone meanwhile: nothing to ask.
        return vec![];
    };
    let code = rec.code();
    let title = crate::sanitize::one_line(rec.title());
    let lang = m.lang;
    let mut question = if pairs == 0 {
        Msg::DeleteRecordAsk.fill(lang, &[&code, &title])
    } else {
        let p = if pairs == 1 {
            Msg::CountPair
        } else {
            Msg::CountPairs
        };
        let f = if followups == 1 {
            Msg::CountFollowup
        } else {
            Msg::CountFollowups
        };
        Msg::DeleteRecordWith.fill(
            lang,
            &[
                &code,
                &title,
                &p.fill(lang, &[&pairs]),
                &f.fill(lang, &[&followups]),
            ],
        )
    };
    if let Some(key) = m.keymap.key_for("undo") {
        question.push(' ');
        question.push_str(&Msg::DeleteUndoHint.fill(lang, &[&key]));
    }
    let confirm = crate::tui::ui::confirm::Confirm::new(lang.pick("删除", "Delete"), question)
        .with_keys_of(&m.keymap, "delete_yes", "delete_no");
    m.overlays.push(crate::tui::overlay::Overlay::Confirm {
        confirm,
        pending: crate::tui::overlay::Pending::Delete { kind, id },
    });
    vec![]
}
