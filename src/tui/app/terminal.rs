//! Terminal discipline. Raw mode, the alternate screen, mouse capture, bracketed paste and
//! the window title are given back on quit, on error (the guard's Drop), on panic (a hook
//! that restores before the message prints) and on SIGINT, SIGQUIT, SIGTERM and SIGHUP (a
//! flag the loop checks, so the guard unwinds normally and the process then exits with
//! 128 + the signal's number, as a shell expects). SIGTSTP (and the suspend key) hands the
//! terminal back and stops the process; on SIGCONT the desk takes it again and redraws.
//!
//! The window title is pushed on the terminal's title stack (xterm `CSI 22;0 t`) before the
//! desk sets its own, and popped (`CSI 23;0 t`) whenever the terminal is given back, so the
//! shell's title returns. Terminals without a title stack ignore both.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, SetTitle, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// xterm: save the window and icon titles on the title stack.
const PUSH_TITLE: &[u8] = b"\x1b[22;0t";
/// xterm: restore them from the stack.
const POP_TITLE: &[u8] = b"\x1b[23;0t";

/// Whether the desk holds the terminal (raw mode, alternate screen, a pushed title), so
/// giving it back twice (Drop after a panic hook, a watchdog) pops the title only once.
static HELD: AtomicBool = AtomicBool::new(false);

/// Whether the desk takes the mouse when it takes the terminal (on by default; the config's
/// `mouse = false` and the `toggle_mouse` key turn it off so the terminal can select text).
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Sets whether mouse capture is on when the terminal is next taken (at start and after a
/// suspend); the caller writes the change to the terminal if it holds it now.
pub fn set_mouse(on: bool) {
    MOUSE.store(on, Ordering::SeqCst);
}

/// Whether mouse capture is on (see [`set_mouse`]).
pub fn mouse_on() -> bool {
    MOUSE.load(Ordering::SeqCst)
}

/// Owns the terminal while the desk runs; dropping it gives the terminal back.
pub struct Guard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    /// The title the desk set, set again after a suspend.
    title: Option<String>,
}

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        install_panic_hook();
        take()?;
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(Guard {
                terminal,
                title: None,
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Sets the window title; `title` must already be sanitised.
    pub fn set_title(&mut self, title: &str) -> io::Result<()> {
        self.title = Some(title.to_string());
        execute!(self.terminal.backend_mut(), SetTitle(title))
    }

    /// Gives the terminal back and stops the process (as SIGTSTP would); when it is
    /// continued, takes the terminal again and clears it, so the next draw paints every
    /// cell (the caller passes on the terminal's size: it may have changed meanwhile).
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        self.resume()
    }

    /// Takes the terminal (again) after the process was continued, and clears it for a full
    /// redraw. Harmless when the terminal was never given back (a SIGCONT after SIGSTOP).
    pub fn resume(&mut self) -> io::Result<()> {
        take()?;
        let backend = self.terminal.backend_mut();
        if let Some(title) = &self.title {
            execute!(backend, SetTitle(title))?;
        }
        // Not `Terminal::clear`: it asks the terminal where the cursor is, and a terminal
        // that does not answer makes that an error after two seconds. Clear the screen, then
        // forget both buffers, so the next draw writes every cell.
        execute!(
            backend,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste on; the title pushed
/// (once).
fn take() -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    if !HELD.swap(true, Ordering::SeqCst) {
        let _ = out.write_all(PUSH_TITLE);
    }
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableBracketedPaste) {
        restore();
        return Err(e);
    }
    if MOUSE.load(Ordering::SeqCst)
        && let Err(e) = execute!(out, EnableMouseCapture)
    {
        restore();
        return Err(e);
    }
    Ok(())
}

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste; shows the
/// cursor; restores the title the terminal had. Safe to repeat.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    if HELD.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(POP_TITLE);
    }
    let _ = out.flush();
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

/// The signals the loop answers, raised by handlers and taken by the loop.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    /// The number of the signal that asks the desk to end (0: none yet).
    quit: Arc<AtomicUsize>,
    /// SIGTSTP arrived: give the terminal back and stop.
    stop: Arc<AtomicBool>,
    /// SIGCONT arrived: take the terminal again and redraw.
    cont: Arc<AtomicBool>,
}

impl Signals {
    /// Installs the handlers.
    ///
    /// A watchdog thread backs the quit flag up: when the terminal has gone away (SIGHUP
    /// after the pty closed) the event reader can stay busy inside crossterm and never return
    /// to the loop, so if the loop has not ended two seconds after the signal, the watchdog
    /// restores the terminal and exits the process itself.
    pub fn install() -> io::Result<Signals> {
        let signals = Signals::default();
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
            use signal_hook::flag;
            for sig in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
                flag::register_usize(sig, Arc::clone(&signals.quit), sig as usize)?;
            }
            flag::register(SIGTSTP, Arc::clone(&signals.stop))?;
            flag::register(SIGCONT, Arc::clone(&signals.cont))?;
            let watched = Arc::clone(&signals.quit);
            std::thread::Builder::new()
                .name("duijie-signal-watchdog".into())
                .spawn(move || {
                    use std::time::Duration;
                    loop {
                        let sig = watched.load(Ordering::Relaxed);
                        if sig != 0 {
                            std::thread::sleep(Duration::from_secs(2));
                            restore();
                            std::process::exit(exit_code(sig));
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    }
                })?;
        }
        Ok(signals)
    }

    /// The signal that asks the desk to end, once one arrived.
    pub fn quit(&self) -> Option<usize> {
        Some(self.quit.load(Ordering::Relaxed)).filter(|&s| s != 0)
    }

    /// Whether SIGTSTP arrived since the last call.
    pub fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::Relaxed)
    }

    /// Whether SIGCONT arrived since the last call.
    pub fn take_cont(&self) -> bool {
        self.cont.swap(false, Ordering::Relaxed)
    }
}

/// The conventional exit status of a process ended by signal `sig`: 128 + its number.
pub fn exit_code(sig: usize) -> i32 {
    128 + i32::try_from(sig).unwrap_or(0)
}
