//! Progress on a terminal: documents and megabytes read, on standard error, only when it is a
//! terminal, so piped output and logs stay clean.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    enabled: bool,
    started: Instant,
    last: Instant,
    documents: u64,
    bytes: u64,
    shown: bool,
}

impl Progress {
    pub fn new() -> Progress {
        let now = Instant::now();
        Progress {
            enabled: std::io::stderr().is_terminal(),
            started: now,
            last: now,
            documents: 0,
            bytes: 0,
            shown: false,
        }
    }

    pub fn document(&mut self, bytes: usize) {
        self.documents += 1;
        self.bytes += bytes as u64;
        if self.enabled && self.last.elapsed() > Duration::from_millis(250) {
            self.last = Instant::now();
            self.draw();
        }
    }

    fn draw(&mut self) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let mb = self.bytes as f64 / 1e6;
        eprint!(
            "\r{} documents, {:.1} MB, {:.0} docs/s, {:.1} MB/s ",
            self.documents,
            mb,
            self.documents as f64 / secs,
            mb / secs
        );
        let _ = std::io::stderr().flush();
        self.shown = true;
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
        }
    }
}
