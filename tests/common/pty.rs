//! Runs the real binary in a pseudo-terminal and reads its screen through vt100.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// How long any expected text or exit may take (CI runs on 2 shared cores).
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct App {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the app wrote, for assertions on escape sequences.
    pub raw: Vec<u8>,
    // Keeps the pty open until the test ends.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl App {
    /// Starts `duijie --db <db> [args]` at `cols`×`rows`, isolated from the user's config.
    pub fn spawn(db: &Path, home: &Path, extra_env: &[(&str, &str)], cols: u16, rows: u16) -> App {
        App::spawn_args(db, home, &[], extra_env, cols, rows)
    }

    /// [`App::spawn`] with more arguments after `--db <db>`.
    pub fn spawn_args(
        db: &Path,
        home: &Path,
        args: &[&str],
        extra_env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> App {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_duijie"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.args(args);
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("DUIJIE_CONFIG", home.join("none.toml"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("NO_COLOR");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn duijie");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        App {
            child,
            writer,
            rx,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(rows).expect("rows > 0"),
                std::num::NonZeroU16::new(cols).expect("cols > 0"),
                0,
            ),
            raw: Vec::new(),
            _master: pair.master,
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
            while let Ok(more) = self.rx.try_recv() {
                self.parser.process(&more);
                self.raw.extend_from_slice(&more);
            }
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Waits until `pred` holds for the screen text; fails with the screen on timeout.
    pub fn wait_until(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            if pred(&self.screen()) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |s| s.contains(text));
    }

    /// Waits for the process to end, reading what it still writes.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Collect the last bytes (the restore sequences, a panic message).
                for _ in 0..10 {
                    self.pump(Duration::from_millis(30));
                }
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the app did not exit; screen:\n{}", self.screen());
            }
        }
    }
}

impl App {
    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the app has a pid")
    }

    /// Reads what the app wrote until now without waiting for anything on the screen.
    pub fn drain(&mut self, wait: Duration) {
        self.pump(wait);
    }

    /// Sends `signal` (e.g. "TERM", "HUP") to the app's process.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("the app has a pid");
        let ok = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(ok.success(), "kill -{signal} {pid}");
    }
}

/// A test that fails halfway must not leave the app running (it would spin on a closed pty
/// and slow every later test on a 2-core machine).
impl Drop for App {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The position of the first occurrence of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The position of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
