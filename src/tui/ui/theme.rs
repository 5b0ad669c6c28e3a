//! Styles by meaning. Views ask for `theme.selected()`, never for a colour; with NO_COLOR set
//! every style keeps only its modifiers, so the selection stays visible as reverse video.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    pub fn has_color(self) -> bool {
        self.color
    }

    fn pick(self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// Ordinary text.
    pub fn normal(self) -> Style {
        Style::default()
    }

    /// The selected row of the focused list: reverse video works with and without colour.
    pub fn selected(self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// The selected row of a list that does not have focus.
    pub fn selected_unfocused(self) -> Style {
        self.pick(
            Style::default().bg(Color::DarkGray),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// Secondary text: codes, orgs, hints.
    pub fn muted(self) -> Style {
        self.pick(
            Style::default().fg(Color::DarkGray),
            Style::default().add_modifier(Modifier::DIM),
        )
    }

    /// Characters a search matched.
    pub fn matched(self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// Errors, overdue dates.
    pub fn warning(self) -> Style {
        self.pick(
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Good news: saved, signed.
    pub fn success(self) -> Style {
        self.pick(Style::default().fg(Color::Green), Style::default())
    }

    /// Titles of panes and the border of the focused pane.
    pub fn title(self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Border of a pane without focus.
    pub fn border(self) -> Style {
        self.muted()
    }

    /// Border of the focused pane.
    pub fn border_focused(self) -> Style {
        self.title()
    }

    /// Field labels in the detail pane and forms.
    pub fn label(self) -> Style {
        self.pick(Style::default().fg(Color::Blue), Style::default())
    }

    /// Filter chips and key hints.
    pub fn chip(self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::Yellow),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }

    /// A marker on records that already have pairs, and on already-paired suggestions.
    pub fn marker(self) -> Style {
        self.pick(Style::default().fg(Color::Magenta), Style::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_the_selection_is_reverse_video() {
        let t = Theme::new(false);
        assert!(t.selected().add_modifier.contains(Modifier::REVERSED));
        assert_eq!(t.selected().bg, None);
        assert_eq!(t.warning().fg, None);
    }
}
