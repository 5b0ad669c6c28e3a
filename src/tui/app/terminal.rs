//! Terminal discipline: raw mode, the alternate screen and mouse capture are restored on quit,
//! on error (the guard's Drop), on panic (a hook that restores before the message prints)
//! and on SIGTERM/SIGHUP (a flag the loop checks, so the guard unwinds normally).

use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, SetTitle, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Owns the terminal while the desk runs; dropping it gives the terminal back.
pub struct Guard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut out = io::stdout();
        if let Err(e) = execute!(
            out,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        ) {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(out)) {
            Ok(terminal) => Ok(Guard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Sets the window title; `title` must already be sanitised.
    pub fn set_title(&mut self, title: &str) -> io::Result<()> {
        execute!(self.terminal.backend_mut(), SetTitle(title))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode, the alternate screen and mouse capture; shows the cursor. Safe to repeat.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Restores the terminal before the default hook prints the panic message, so the message
/// lands on the normal screen instead of vanishing with the alternate one.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// A flag raised by SIGTERM or SIGHUP; the event loop quits (and restores) when it is set.
///
/// A watchdog thread backs the flag up: when the terminal has gone away (SIGHUP after the pty
/// closed) the event reader can stay busy inside crossterm and never return to the loop, so if
/// the loop has not ended two seconds after the signal, the watchdog restores the terminal and
/// exits the process itself.
pub fn quit_signal() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        signal_hook::flag::register(SIGTERM, Arc::clone(&flag))?;
        signal_hook::flag::register(SIGHUP, Arc::clone(&flag))?;
        let watched = Arc::clone(&flag);
        std::thread::Builder::new()
            .name("duijie-signal-watchdog".into())
            .spawn(move || {
                use std::sync::atomic::Ordering;
                use std::time::Duration;
                while !watched.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                }
                std::thread::sleep(Duration::from_secs(2));
                restore();
                std::process::exit(143);
            })?;
    }
    Ok(flag)
}
