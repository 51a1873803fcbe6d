//! Work on documents on several cores, with results handed on in input order.
//!
//! One thread reads the inputs and numbers every event; `jobs` workers run the work on the
//! documents; the calling thread puts the results back in order and hands them on. Output is
//! the same, byte for byte, whatever the number of jobs. A budget of bytes in flight bounds
//! memory however far the reader could run ahead, and a document that makes the work panic
//! becomes a failure of that document, not of the run.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Condvar, Mutex};

use sitrep_read::{read_file, Event, InputFile, InputFormat, Problem};

use sitrep_core::Document;

/// What the calling thread receives, in input order.
pub enum Step<T> {
    /// The work's result for one document, and the size of its text.
    Output(T, usize),
    Warning(Problem),
    Error(Problem),
    /// The work panicked on this document (of `size` bytes).
    Panicked {
        origin: String,
        document: String,
        message: String,
        size: usize,
    },
    /// A file is finished; its size in bytes, when known.
    FileDone(Option<u64>),
}

/// Bytes of document text read but not yet handed on, at most, and documents: a result can be
/// many times larger than its text (claims carry their sentences), so both are bounded.
const IN_FLIGHT_BYTES: usize = 32 << 20;
const IN_FLIGHT_DOCUMENTS: usize = 1024;

/// A budget of items and their bytes, shared by a producer, who waits for room, and a consumer
/// who frees it.
pub struct Budget {
    state: Mutex<BudgetState>,
    freed: Condvar,
    max_bytes: usize,
    max_items: usize,
}

#[derive(Default)]
struct BudgetState {
    bytes: usize,
    items: usize,
    /// The consumer has stopped.
    closed: bool,
}

impl Budget {
    pub fn new(max_bytes: usize, max_items: usize) -> Budget {
        Budget {
            state: Mutex::new(BudgetState::default()),
            freed: Condvar::new(),
            max_bytes,
            max_items,
        }
    }

    /// Waits until one more item of `n` bytes fits; an item larger than the whole budget waits
    /// for an empty one. Returns at once when the consumer has stopped.
    pub fn take(&self, n: usize) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !s.closed
            && s.items > 0
            && (s.bytes + n > self.max_bytes || s.items >= self.max_items)
        {
            s = self.freed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        s.bytes += n;
        s.items += 1;
    }

    /// Frees `items` items of `n` bytes in all.
    pub fn give(&self, items: usize, n: usize) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.bytes = s.bytes.saturating_sub(n);
        s.items = s.items.saturating_sub(items);
        self.freed.notify_all();
    }

    /// The consumer stopped: nobody waits for room any more.
    pub fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.closed = true;
        self.freed.notify_all();
    }
}

/// The files under `paths`, and what could not be listed.
pub fn list(paths: &[std::path::PathBuf]) -> (Vec<InputFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        sitrep_read::walk(path, &mut |f| match f {
            Ok(file) => files.push(file),
            Err(p) => problems.push(p),
        });
    }
    (files, problems)
}

/// The number of jobs to use when the user gives none: every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Reads `files`, runs `work` on each document (with the path it came from) that `keep` lets through, on `jobs` threads,
/// and hands every step to `emit` in input order. `emit` returns false to stop early.
pub fn run<T: Send>(
    files: &[InputFile],
    input: InputFormat,
    jobs: usize,
    keep: &mut (dyn FnMut(&Document) -> bool + Send),
    work: &(dyn Fn(Document, &str) -> T + Sync),
    emit: &mut dyn FnMut(Step<T>) -> bool,
) {
    let jobs = jobs.max(1);
    let budget = Budget::new(IN_FLIGHT_BYTES, IN_FLIGHT_DOCUMENTS);
    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = sync_channel::<(u64, String, Document)>(jobs * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = channel::<(u64, Step<T>)>();
    std::thread::scope(|scope| {
        let reader_done = done_tx.clone();
        let (budget, stop, work_rx) = (&budget, &stop, &work_rx);
        scope.spawn(move || {
            // Every event gets the next number, documents and the rest alike.
            let mut numbers = 0u64..;
            let mut seq = move || numbers.next().unwrap_or(u64::MAX);
            for file in files {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let origin = file.path.display().to_string();
                read_file(&file.path, input, &mut |event| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let step = match event {
                        Event::Document(d) => {
                            if !keep(&d) {
                                return;
                            }
                            budget.take(d.text.len());
                            if work_tx.send((seq(), origin.clone(), d)).is_err() {
                                stop.store(true, Ordering::Relaxed);
                            }
                            return;
                        }
                        Event::Warning(p) => Step::Warning(p),
                        Event::Error(p) => Step::Error(p),
                    };
                    let _ = reader_done.send((seq(), step));
                });
                let _ = reader_done.send((seq(), Step::FileDone(file.size)));
            }
        });
        for _ in 0..jobs {
            let done = done_tx.clone();
            scope.spawn(move || loop {
                let job = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((seq, origin, document)) = job else {
                    return;
                };
                let size = document.text.len();
                let id = document.id.clone();
                let step = match catch_unwind(AssertUnwindSafe(|| work(document, &origin))) {
                    Ok(out) => Step::Output(out, size),
                    Err(panic) => Step::Panicked {
                        origin,
                        size,
                        document: id,
                        message: panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown error".into()),
                    },
                };
                if done.send((seq, step)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // Results come in any order; they go out in the order they were read.
        let mut next = 0u64;
        let mut waiting: BTreeMap<u64, Step<T>> = BTreeMap::new();
        for (seq, step) in done_rx.iter() {
            waiting.insert(seq, step);
            while let Some(step) = waiting.remove(&next) {
                next += 1;
                let taken = match &step {
                    Step::Output(_, size) | Step::Panicked { size, .. } => Some(*size),
                    _ => None,
                };
                let go_on = stop.load(Ordering::Relaxed) || emit(step);
                if let Some(size) = taken {
                    budget.give(1, size);
                }
                if !go_on {
                    stop.store(true, Ordering::Relaxed);
                    budget.close();
                }
            }
        }
        budget.close();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_jobs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs.jsonl");
        let lines: String = (0..200)
            .map(|k| {
                format!(
                    "{{\"id\": \"d{k}\", \"text\": \"{}\"}}\n",
                    "x ".repeat(k % 17)
                )
            })
            .collect();
        std::fs::write(&path, format!("{lines}not json\n")).unwrap();
        let files = [InputFile { path, size: None }];
        let collect = |jobs| {
            let mut seen = Vec::new();
            run(
                &files,
                InputFormat::Auto,
                jobs,
                &mut |_| true,
                &|d: Document, _: &str| {
                    if d.id == "d7" {
                        panic!("boom");
                    }
                    d.id.clone()
                },
                &mut |step| {
                    seen.push(match step {
                        Step::Output(id, _) => id,
                        Step::Panicked { document, .. } => format!("panic {document}"),
                        Step::Error(p) => format!("error {}", p.line.unwrap_or(0)),
                        Step::Warning(_) => "warning".into(),
                        Step::FileDone(_) => "done".into(),
                    });
                    true
                },
            );
            seen
        };
        let one = collect(1);
        assert_eq!(one.len(), 202);
        assert_eq!(one[7], "panic d7");
        assert_eq!(one[200], "error 201");
        assert_eq!(collect(4), one);
    }
}
