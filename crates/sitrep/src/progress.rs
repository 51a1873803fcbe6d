//! Progress on standard error. On a terminal: one line redrawn in place, with a bar and an ETA
//! when the amount of input is known. When standard error is not a terminal, long commands
//! (`ingest`) print a plain line every few seconds so that logs show the run moving, and the
//! others stay quiet so that piped output and logs stay clean.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Terminal,
    Lines,
    Off,
}

/// What the total counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Bytes of input: reading files.
    Bytes,
    /// Documents: work over stored documents, whose sizes are not known ahead.
    Documents,
}

pub struct Progress {
    mode: Mode,
    unit: Unit,
    label: &'static str,
    started: Instant,
    last: Instant,
    documents: u64,
    /// Bytes of document text handed on.
    bytes: u64,
    /// The input's size in bytes, when known: it gives the bar and the ETA.
    total: Option<u64>,
    /// Bytes of the input files finished, and of the text read from the current one.
    files_done: u64,
    in_file: u64,
    shown: bool,
}

impl Progress {
    /// Progress over `total` bytes of input, shown only on a terminal.
    pub fn new(total: Option<u64>) -> Progress {
        Progress::with(
            "",
            if std::io::stderr().is_terminal() {
                Mode::Terminal
            } else {
                Mode::Off
            },
            total,
        )
    }

    /// Progress for a long run over `total` bytes of input: on a terminal, or as plain lines.
    pub fn long(label: &'static str, total: Option<u64>) -> Progress {
        let mode = if std::io::stderr().is_terminal() {
            Mode::Terminal
        } else {
            Mode::Lines
        };
        Progress::with(label, mode, total)
    }

    /// Progress over `total` documents, on a terminal or as plain lines.
    pub fn documents(label: &'static str, total: u64) -> Progress {
        let mut progress = Progress::long(label, Some(total));
        progress.unit = Unit::Documents;
        progress
    }

    fn with(label: &'static str, mode: Mode, total: Option<u64>) -> Progress {
        let now = Instant::now();
        Progress {
            mode,
            unit: Unit::Bytes,
            label,
            started: now,
            last: now,
            documents: 0,
            bytes: 0,
            total,
            files_done: 0,
            in_file: 0,
            shown: false,
        }
    }

    pub fn document(&mut self, bytes: usize) {
        self.documents += 1;
        self.bytes += bytes as u64;
        self.in_file += bytes as u64;
        self.tick();
    }

    /// `documents` are done so far (a [`Progress::documents`] count).
    pub fn documents_done(&mut self, documents: u64) {
        self.documents = documents;
        self.tick();
    }

    fn tick(&mut self) {
        let every = match self.mode {
            Mode::Terminal => Duration::from_millis(250),
            Mode::Lines => Duration::from_secs(5),
            Mode::Off => return,
        };
        if self.last.elapsed() > every {
            self.last = Instant::now();
            self.draw();
        }
    }

    /// One input file of `size` bytes is finished.
    pub fn file_done(&mut self, size: u64) {
        self.files_done += size;
        self.in_file = 0;
    }

    /// The share of the input read, and the seconds left at the rate so far.
    fn estimate(&self) -> Option<(f64, f64)> {
        let total = self.total.filter(|&t| t > 0)? as f64;
        let done = match self.unit {
            Unit::Bytes => (self.files_done + self.in_file) as f64,
            Unit::Documents => self.documents as f64,
        };
        let share = (done / total).clamp(0.0, 1.0);
        let secs = self.started.elapsed().as_secs_f64();
        let left = if share > 0.0 {
            secs * (1.0 - share) / share
        } else {
            f64::NAN
        };
        Some((share, left))
    }

    fn draw(&mut self) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let mb = self.bytes as f64 / 1e6;
        let mut rate = format!(
            "{} documents, {:.0} docs/s",
            self.documents,
            self.documents as f64 / secs
        );
        if self.unit == Unit::Bytes {
            rate += &format!(", {:.1} MB/s", mb / secs);
        }
        let estimate = self.estimate();
        match self.mode {
            Mode::Terminal => {
                let bar = match estimate {
                    Some((share, left)) => {
                        let filled = (share * 20.0).round() as usize;
                        format!(
                            "[{}{}] {:>3.0}% ETA {} ",
                            "#".repeat(filled),
                            "-".repeat(20 - filled),
                            share * 100.0,
                            clock(left)
                        )
                    }
                    None => String::new(),
                };
                eprint!("\r\x1b[K{bar}{rate} ");
                let _ = std::io::stderr().flush();
                self.shown = true;
            }
            Mode::Lines => {
                let tail = match estimate {
                    Some((share, left)) => {
                        format!(", {:.0}% done, ETA {}", share * 100.0, clock(left))
                    }
                    None => String::new(),
                };
                eprintln!("sitrep: {}: {rate}{tail}", self.label);
            }
            Mode::Off => {}
        }
    }

    /// Prints a message on its own line, without breaking the progress line.
    pub fn message(&mut self, text: &str) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
        eprintln!("{text}");
        if self.shown {
            self.draw();
        }
    }

    pub fn finish(&mut self) {
        if self.shown {
            self.draw();
            eprintln!();
            self.shown = false;
        }
    }
}

/// Seconds as m:ss or h:mm:ss.
fn clock(secs: f64) -> String {
    if !secs.is_finite() {
        return "--:--".into();
    }
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}
