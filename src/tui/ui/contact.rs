//! Who to call: a record's contact line (联系人 电话 单位) as copied by `y`, and the line that
//! shows both sides' contacts of the pair under the cursor (the board, the agenda). Every
//! value goes through the sanitiser.

use ratatui::text::{Line, Span};

use crate::sanitize::one_line;
use crate::tui::ui::fit::fit;
use crate::tui::{Lang, Theme};

/// One side of a pair as the phone needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactVm {
    /// The record's code (D12, R34).
    pub code: String,
    pub contact: String,
    pub phone: String,
}

impl ContactVm {
    pub fn of(side: &crate::domain::Side) -> ContactVm {
        ContactVm {
            code: side.code.clone(),
            contact: side.contact.clone(),
            phone: side.phone.clone(),
        }
    }
}

/// The contact line of a record: its contact, phone and organisation, the empty ones left
/// out, sanitised to one line. Empty when the record has none of the three.
pub fn contact_line(contact: &str, phone: &str, org: &str) -> String {
    [contact, phone, org]
        .iter()
        .map(|s| one_line(s.trim()))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One side as "D12 张三 13800000021", or "D12 (无联系人)" without contact and phone.
fn side_text(side: &ContactVm, lang: Lang) -> String {
    let who = contact_line(&side.contact, &side.phone, "");
    if who.is_empty() {
        format!(
            "{} {}",
            one_line(&side.code),
            lang.pick("(无联系人)", "(no contact)")
        )
    } else {
        format!("{} {who}", one_line(&side.code))
    }
}

/// "联系: 需求 D12 张三 138… · 成果 R34 李四 139…", cut (or padded) to `w` cells: both sides of the pair
/// under the cursor.
pub fn both_sides(
    demand: &ContactVm,
    result: &ContactVm,
    w: usize,
    theme: &Theme,
    lang: Lang,
) -> Line<'static> {
    let text = format!(
        " {} {} {} · {} {}",
        lang.pick("联系:", "Call:"),
        lang.pick("需求", "demand"),
        side_text(demand, lang),
        lang.pick("成果", "result"),
        side_text(result, lang)
    );
    Line::from(Span::styled(fit(&text, w), theme.label()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contact_line_leaves_out_empty_parts_and_escapes() {
        // Case table: (contact, phone, org) → line.
        let cases = [
            (
                ("张三", "138-0000-0021", "江西铜博"),
                "张三 138-0000-0021 江西铜博",
            ),
            (("", "13900002222", "郑州大学"), "13900002222 郑州大学"),
            (("", "", ""), ""),
        ];
        for ((c, p, o), want) in cases {
            assert_eq!(contact_line(c, p, o), want);
        }
        let escaped = contact_line("李\u{1b}[2J四", "", "");
        assert!(
            !escaped.contains('\u{1b}') && escaped.starts_with('李'),
            "{escaped:?}"
        );
    }

    #[test]
    fn both_sides_name_each_code_and_say_when_a_side_has_no_contact() {
        let d = ContactVm {
            code: "D1".into(),
            contact: "张三".into(),
            phone: "13800000021".into(),
        };
        let r = ContactVm {
            code: "R2".into(),
            ..ContactVm::default()
        };
        let line = both_sides(&d, &r, 60, &Theme::new(false), Lang::Zh);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(
            text.trim_end(),
            " 联系: 需求 D1 张三 13800000021 · 成果 R2 (无联系人)"
        );
        assert_eq!(
            crate::tui::ui::fit::width(&text),
            60,
            "cut or padded to the width"
        );
    }
}
