//! One program in a pseudo-terminal: a reader thread stamps every chunk of output with the
//! moment it was read, the bench feeds the chunks to vt100 and asks questions of the screen.
//! The child is killed when the `Term` is dropped, so a failed phase never leaves it running.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How often the bench looks at the pty when nothing arrives: the timing resolution.
const TICK: Duration = Duration::from_millis(1);

/// What to start: program, arguments, environment (on top of a cleared one), directory.
pub struct Spec {
    pub program: String,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
    pub cols: u16,
    pub rows: u16,
}

pub struct Term {
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    writer: Box<dyn Write + Send>,
    rx: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    /// When the last chunk was read (the screen may have changed then).
    pub last_output: Instant,
    /// When the process was started.
    pub started: Instant,
    /// The first chunk read since the last `send` (how soon the program echoed a key).
    pub first_after_send: Option<Instant>,
    exited: bool,
    _master: Box<dyn MasterPty + Send>,
}

impl Term {
    pub fn spawn(spec: &Spec) -> anyhow::Result<Term> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: spec.rows,
                cols: spec.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .context("open a pseudo-terminal")?;
        let mut cmd = CommandBuilder::new(&spec.program);
        cmd.args(&spec.args);
        cmd.env_clear();
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        cmd.cwd(&spec.cwd);
        let mut reader = pair.master.try_clone_reader().context("pty reader")?;
        let writer = pair.master.take_writer().context("pty writer")?;
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .with_context(|| format!("start {}", spec.program))?;
        drop(pair.slave);
        let pid = child.process_id().context("the child has no pid")?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        Ok(Term {
            child,
            pid,
            writer,
            rx,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(spec.rows).context("rows > 0")?,
                std::num::NonZeroU16::new(spec.cols).context("cols > 0")?,
                0,
            ),
            last_output: started,
            started,
            first_after_send: None,
            exited: false,
            _master: pair.master,
        })
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The screen's rows as text (wide characters once, trailing blanks dropped).
    pub fn rows(&self) -> Vec<String> {
        let (_, cols) = self.parser.screen().size();
        self.parser.screen().rows(0, cols.get()).collect()
    }

    pub fn screen_text(&self) -> String {
        self.rows().join("\n")
    }

    /// Writes bytes to the program as typed keys; returns the moment they were written.
    pub fn send(&mut self, bytes: &[u8]) -> anyhow::Result<Instant> {
        self.writer.write_all(bytes).context("write to the pty")?;
        self.writer.flush().context("flush the pty")?;
        self.first_after_send = None;
        Ok(Instant::now())
    }

    /// Takes one chunk of output if one arrives within `wait`; returns when it was read.
    fn take(&mut self, wait: Duration) -> anyhow::Result<Option<Instant>> {
        match self.rx.recv_timeout(wait) {
            Ok((at, bytes)) => {
                self.parser.process(&bytes);
                self.last_output = at;
                self.first_after_send.get_or_insert(at);
                Ok(Some(at))
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => {
                self.exited = true;
                bail!("the program closed its terminal (it exited)")
            }
        }
    }

    /// Waits until `holds(rows)` is true and stays true for `stable`, reading output as it
    /// comes; returns the moment of the chunk that made it true. A frame can arrive in several
    /// chunks: one that makes it true and a later one that makes it false again restart the
    /// wait, so a half-drawn frame is never taken for the answer.
    pub fn settle(
        &mut self,
        what: &str,
        stable: Duration,
        timeout: Duration,
        holds: &mut dyn FnMut(&[String]) -> bool,
    ) -> anyhow::Result<Instant> {
        let deadline = Instant::now() + timeout;
        let mut since = holds(&self.rows()).then(Instant::now);
        loop {
            if let Some(t) = since
                && t.elapsed() >= stable
            {
                return Ok(t);
            }
            if Instant::now() > deadline {
                bail!(
                    "timed out after {:.1} s waiting for {what}; the screen:\n{}",
                    timeout.as_secs_f64(),
                    self.screen_text()
                );
            }
            let chunk = self
                .take(TICK)
                .with_context(|| format!("while waiting for {what}"))?;
            if let Some(at) = chunk {
                if holds(&self.rows()) {
                    since.get_or_insert(at);
                } else {
                    since = None;
                }
            }
        }
    }

    /// Waits until the program is idle: no output and at most `max_cpu` of CPU time during
    /// `quiet`, or `cap` has passed. Returns how long it waited and whether it went idle.
    pub fn idle(
        &mut self,
        quiet: Duration,
        max_cpu: Duration,
        cap: Duration,
    ) -> anyhow::Result<(Duration, bool)> {
        let start = Instant::now();
        let mut window = Instant::now();
        let mut cpu0 = cpu_time(self.pid)?;
        loop {
            if start.elapsed() > cap {
                return Ok((start.elapsed(), false));
            }
            if self.take(Duration::from_millis(10))?.is_some() {
                window = Instant::now();
                cpu0 = cpu_time(self.pid)?;
                continue;
            }
            if window.elapsed() >= quiet {
                let cpu = cpu_time(self.pid)?;
                if cpu.saturating_sub(cpu0) <= max_cpu {
                    return Ok((start.elapsed(), true));
                }
                window = Instant::now();
                cpu0 = cpu;
            }
        }
    }

    /// Reads output for `d` (to see what a key did when nothing is measured).
    pub fn drain(&mut self, d: Duration) -> anyhow::Result<()> {
        let end = Instant::now() + d;
        while Instant::now() < end {
            self.take(TICK)?;
        }
        Ok(())
    }

    /// Sends `keys` and waits up to `grace` for the program to exit by itself; then kills it.
    /// True when it exited by itself.
    pub fn quit(&mut self, keys: &[u8], grace: Duration) -> bool {
        if !self.exited {
            let _ = self.send(keys);
        }
        let end = Instant::now() + grace;
        while Instant::now() < end {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return true;
            }
            let _ = self.take(Duration::from_millis(10));
        }
        self.kill();
        false
    }

    fn kill(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A `/proc/<pid>/status` line's value in kB (VmHWM, VmRSS).
pub fn status_kb(pid: u32, key: &str) -> anyhow::Result<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("read /proc/{pid}/status"))?;
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .with_context(|| format!("no {key} in /proc/{pid}/status"))
}

/// User + system CPU time of a process, all threads (`/proc/<pid>/stat`, 100 ticks a second).
pub fn cpu_time(pid: u32) -> anyhow::Result<Duration> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("read /proc/{pid}/stat"))?;
    // The command name is in parentheses and may contain spaces: count fields after it.
    let rest = text.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    // After ")": state is field 3, utime field 14, stime field 15.
    let ticks = |i: usize| {
        f.get(i - 3)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    Ok(Duration::from_millis((ticks(14) + ticks(15)) * 10))
}

/// The 1-minute load average.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
