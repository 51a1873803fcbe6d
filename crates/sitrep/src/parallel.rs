//! Work on documents on several cores, with results handed on in input order.
//!
//! Up to `jobs` readers read the inputs and number every event, handing documents on in
//! batches (a run of small files makes one batch); `jobs` workers run the work on the
//! documents; the calling thread puts the results back in order and hands them on. One job is
//! one thread: the calling thread reads, works and hands on in turn. Output is the same, byte
//! for byte, whatever the number of jobs. A budget of bytes in flight bounds
//! memory however far the reader could run ahead, and a document that makes the work panic
//! becomes a failure of that document, not of the run.

use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, sync_channel, SyncSender};
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
const IN_FLIGHT_BYTES: usize = 8 << 20;
const IN_FLIGHT_DOCUMENTS: usize = 1024;

/// Documents handed to a worker at once, at most, and their bytes of text: a short wire report
/// is extracted in about as long as handing it between threads takes (a few system calls), so
/// small documents travel in batches. A batch is sent as soon as it holds a document this large.
const BATCH_DOCUMENTS: usize = 64;
const BATCH_BYTES: usize = 64 << 10;

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
    /// Producers waiting for room: a wake-up is a system call, made only when one waits.
    waiting: usize,
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
        self.take_unless(1, n, &|| false)
    }

    /// Waits until `items` more items of `n` bytes in all fit, as [`Budget::take`], but does
    /// not wait while `exempt` holds: the producer whose items the consumer needs next must
    /// never wait for room that only it can free.
    pub fn take_unless(&self, items: usize, n: usize, exempt: &dyn Fn() -> bool) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !s.closed
            && s.items > 0
            && (s.bytes + n > self.max_bytes || s.items + items > self.max_items)
            && !exempt()
        {
            s.waiting += 1;
            s = self.freed.wait(s).unwrap_or_else(|e| e.into_inner());
            s.waiting -= 1;
        }
        s.bytes += n;
        s.items += items;
    }

    /// Frees `items` items of `n` bytes in all.
    pub fn give(&self, items: usize, n: usize) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.bytes = s.bytes.saturating_sub(n);
        s.items = s.items.saturating_sub(items);
        if s.waiting > 0 {
            self.freed.notify_all();
        }
    }

    /// The consumer stopped: nobody waits for room any more.
    pub fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.closed = true;
        self.freed.notify_all();
    }
}

/// Room freed in the two budgets of [`run`] while handing on one batch of results.
#[derive(Default)]
struct Freed {
    own: (usize, usize),
    read_ahead: (usize, usize),
}

impl Freed {
    /// One document of `size` bytes, taken from `from`, is handed on.
    fn add(&mut self, from: &Budget, own: &Budget, size: usize) {
        let counts = if std::ptr::eq(from, own) {
            &mut self.own
        } else {
            &mut self.read_ahead
        };
        counts.0 += 1;
        counts.1 += size;
    }

    fn give(self, own: &Budget, read_ahead: &Budget) {
        if self.own.0 > 0 {
            own.give(self.own.0, self.own.1);
        }
        if self.read_ahead.0 > 0 {
            read_ahead.give(self.read_ahead.0, self.read_ahead.1);
        }
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

/// The order of an event: its file, then its place in the file.
fn key(file: usize, index: u64) -> u64 {
    ((file as u64) << 32) | index
}

/// The number of jobs to use when the user gives none: every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A batch of numbered events on its way to a worker, with the budget its room came from.
type WorkBatch<'a, T> = (Vec<(u64, Work<T>)>, &'a Budget);

/// What a reader hands a worker: a document to work on, or a step (a warning, an error, the
/// end of a file) that passes through in its place in the order.
enum Work<T> {
    Document(Document),
    Pass(Step<T>),
}

/// Claims the next files for one reader: a run of small files, read into one batch, so that a
/// folder of short articles does not cross threads one file at a time. A stream (no size) or
/// a file of at least [`BATCH_BYTES`] goes alone. Empty when every file is claimed.
fn claim(next_file: &AtomicUsize, files: &[InputFile]) -> Range<usize> {
    let mut start = next_file.load(Ordering::SeqCst);
    loop {
        let mut end = start;
        let mut bytes = 0u64;
        while end < files.len() && end - start < BATCH_DOCUMENTS {
            let size = files[end].size.unwrap_or(0);
            if end > start && (size == 0 || bytes + size > BATCH_BYTES as u64) {
                break;
            }
            bytes += size;
            end += 1;
            if size == 0 {
                break;
            }
        }
        match next_file.compare_exchange(start, end, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => return start..end,
            Err(now) => start = now,
        }
    }
}

/// The batch a reader is filling, and where it goes.
struct Outbox<'a, T> {
    batch: Vec<(u64, Work<T>)>,
    documents: usize,
    bytes: usize,
    /// The file of the batch's first event: while the consumer waits for that file, the batch
    /// is what it needs next.
    first_file: usize,
    work_tx: SyncSender<WorkBatch<'a, T>>,
    budget: &'a Budget,
    own: &'a Budget,
    emitting: &'a AtomicUsize,
    stop: &'a AtomicBool,
}

impl<T> Outbox<'_, T> {
    fn push(&mut self, file: usize, seq: u64, work: Work<T>) {
        if self.batch.is_empty() {
            self.first_file = file;
        }
        if let Work::Document(d) = &work {
            self.documents += 1;
            self.bytes += d.text.len();
        }
        self.batch.push((seq, work));
    }

    fn full(&self) -> bool {
        self.documents >= BATCH_DOCUMENTS || self.bytes >= BATCH_BYTES
    }

    /// Sends the batch, taking its room first with every document in hand: were the reader
    /// to wait for room holding documents the consumer needs next, no room would ever be freed.
    fn send(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let first_file = self.first_file;
        let handed_on = || self.emitting.load(Ordering::SeqCst) == first_file;
        let from = if handed_on() {
            self.own.take_unless(self.documents, self.bytes, &|| false);
            self.own
        } else {
            self.budget
                .take_unless(self.documents, self.bytes, &handed_on);
            self.budget
        };
        (self.documents, self.bytes) = (0, 0);
        if self
            .work_tx
            .send((std::mem::take(&mut self.batch), from))
            .is_err()
        {
            self.stop.store(true, Ordering::Relaxed);
        }
    }
}

/// Reads `files`, runs `work` on each document (with the path it came from) on `jobs` threads,
/// and hands every step to `emit` in input order. `emit` returns false to stop early.
pub fn run<T: Send>(
    files: &[InputFile],
    input: InputFormat,
    jobs: usize,
    work: &(dyn Fn(Document, &str) -> T + Sync),
    emit: &mut dyn FnMut(Step<T>) -> bool,
) {
    if jobs <= 1 {
        return run_here(files, input, work, emit);
    }
    // Read-ahead of later files shares one budget; the file being handed on has its own, so
    // that it never waits for room only it could free, yet stays bounded when the consumer is
    // slower than the workers (an `ingest` whose writer lags).
    let budget = Budget::new(IN_FLIGHT_BYTES, IN_FLIGHT_DOCUMENTS);
    let own = Budget::new(IN_FLIGHT_BYTES, IN_FLIGHT_DOCUMENTS);
    let stop = AtomicBool::new(false);
    // Files are read on up to `jobs` threads at once (a format such as HTML does its heavy
    // work while reading); each event is numbered by its file and its place in the file.
    let next_file = AtomicUsize::new(0);
    let emitting = AtomicUsize::new(0);
    // Documents travel in batches, each with the budget it was taken from, which their results
    // give back to; results come back a batch at a time.
    let (work_tx, work_rx) = sync_channel::<WorkBatch<T>>(jobs * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = channel::<(Vec<(u64, Step<T>)>, &Budget)>();
    std::thread::scope(|scope| {
        let (budget, own, stop, work_rx) = (&budget, &own, &stop, &work_rx);
        let (next_file, emitting) = (&next_file, &emitting);
        for _ in 0..jobs.min(files.len()).max(1) {
            let mut outbox = Outbox {
                batch: Vec::new(),
                documents: 0,
                bytes: 0,
                first_file: 0,
                work_tx: work_tx.clone(),
                budget,
                own,
                emitting,
                stop,
            };
            scope.spawn(move || loop {
                let chunk = claim(next_file, files);
                if chunk.is_empty() || stop.load(Ordering::Relaxed) {
                    return;
                }
                for f in chunk {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let file = &files[f];
                    // A stream (standard input, a pipe: no size) hands each event on as it
                    // comes, so that output follows input.
                    let stream = file.size.is_none_or(|n| n == 0);
                    let mut index = 0u64;
                    let mut seq = move || {
                        index += 1;
                        key(f, index - 1)
                    };
                    read_file(&file.path, input, &mut |event| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let work = match event {
                            Event::Document(d) => Work::Document(d),
                            Event::Warning(p) => Work::Pass(Step::Warning(p)),
                            Event::Error(p) => Work::Pass(Step::Error(p)),
                        };
                        outbox.push(f, seq(), work);
                        if stream || outbox.full() {
                            outbox.send();
                        }
                    });
                    outbox.push(f, seq(), Work::Pass(Step::FileDone(file.size)));
                    if stream || outbox.full() {
                        outbox.send();
                    }
                }
                outbox.send();
            });
        }
        drop(work_tx);
        for _ in 0..jobs {
            let done = done_tx.clone();
            scope.spawn(move || loop {
                let job = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((batch, from)) = job else {
                    return;
                };
                let mut steps = Vec::with_capacity(batch.len());
                let mut origin: Option<(usize, String)> = None;
                for (seq, item) in batch {
                    let document = match item {
                        Work::Document(d) => d,
                        Work::Pass(step) => {
                            steps.push((seq, step));
                            continue;
                        }
                    };
                    let file = (seq >> 32) as usize;
                    let origin = match &origin {
                        Some((f, path)) if *f == file => path,
                        _ => {
                            let path = files[file].path.display().to_string();
                            &origin.insert((file, path)).1
                        }
                    };
                    steps.push((seq, work_on(work, document, origin)));
                }
                if done.send((steps, from)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // Results come in any order; they go out in the order they were read: file by file,
        // and within a file in the order of its events.
        let mut next = key(0, 0);
        let mut waiting: BTreeMap<u64, (Step<T>, &Budget)> = BTreeMap::new();
        for (steps, from) in done_rx.iter() {
            for (seq, step) in steps {
                waiting.insert(seq, (step, from));
            }
            // Room is given back once per batch received, not per document: each give wakes
            // the readers with a system call.
            let mut freed = Freed::default();
            while let Some((step, from)) = waiting.remove(&next) {
                if matches!(step, Step::FileDone(_)) {
                    let file = (next >> 32) as usize + 1;
                    next = key(file, 0);
                    emitting.store(file, Ordering::SeqCst);
                    // Wake the reader of the file now needed, if it waits for room.
                    budget.give(0, 0);
                } else {
                    next += 1;
                }
                let taken = match &step {
                    Step::Output(_, size) | Step::Panicked { size, .. } => Some(*size),
                    _ => None,
                };
                let go_on = stop.load(Ordering::Relaxed) || emit(step);
                if let Some(size) = taken {
                    freed.add(from, own, size);
                }
                if !go_on {
                    stop.store(true, Ordering::Relaxed);
                    budget.close();
                    own.close();
                }
            }
            freed.give(own, budget);
        }
        budget.close();
        own.close();
    });
}

/// [`run`] with one job, on the calling thread: no thread, channel or wake-up between reading
/// a document and handing on its result. Handing batches between three threads cost a
/// twentieth of a one-job run over a folder of articles pinned to one core (context switches
/// and wake-ups).
fn run_here<T>(
    files: &[InputFile],
    input: InputFormat,
    work: &(dyn Fn(Document, &str) -> T + Sync),
    emit: &mut dyn FnMut(Step<T>) -> bool,
) {
    for file in files {
        let origin = file.path.display().to_string();
        let mut go_on = true;
        read_file(&file.path, input, &mut |event| {
            if go_on {
                go_on = emit(match event {
                    Event::Document(d) => work_on(work, d, &origin),
                    Event::Warning(p) => Step::Warning(p),
                    Event::Error(p) => Step::Error(p),
                });
            }
        });
        if !go_on || !emit(Step::FileDone(file.size)) {
            return;
        }
    }
}

/// Runs the work on one document; a panic becomes the document's failure.
fn work_on<T>(
    work: &(dyn Fn(Document, &str) -> T + Sync),
    document: Document,
    origin: &str,
) -> Step<T> {
    let size = document.text.len();
    let id = document.id.clone();
    match catch_unwind(AssertUnwindSafe(|| work(document, origin))) {
        Ok(out) => Step::Output(out, size),
        Err(panic) => Step::Panicked {
            origin: origin.to_string(),
            size,
            document: id,
            message: panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step of a run over `files` with `jobs` threads, as text, in the order handed on.
    /// The document "d7" makes the work panic.
    fn steps(files: &[InputFile], jobs: usize) -> Vec<String> {
        let mut seen = Vec::new();
        run(
            files,
            InputFormat::Auto,
            jobs,
            &|d: Document, _: &str| {
                if d.id == "d7" {
                    panic!("boom");
                }
                d.id
            },
            &mut |step| {
                seen.push(match step {
                    Step::Output(id, _) => id,
                    Step::Panicked { document, .. } => format!("panic {document}"),
                    Step::Error(p) => format!("error {p}"),
                    Step::Warning(_) => "warning".into(),
                    Step::FileDone(_) => "done".into(),
                });
                true
            },
        );
        seen
    }

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
        let one = steps(&files, 1);
        assert_eq!(one.len(), 202);
        assert_eq!(one[7], "panic d7");
        assert!(
            one[200].starts_with("error") && one[200].contains(":201:"),
            "{}",
            one[200]
        );
        assert_eq!(steps(&files, 4), one);
    }

    #[test]
    fn a_slow_consumer_holds_the_workers_back() {
        // One file, so every document belongs to the file being handed on: its budget, not
        // the read-ahead one, must stop the workers from running far ahead of the consumer.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs.jsonl");
        let n = 3 * IN_FLIGHT_DOCUMENTS;
        let lines: String = (0..n)
            .map(|k| format!("{{\"id\": \"d{k}\", \"text\": \"x\"}}\n"))
            .collect();
        std::fs::write(&path, lines).unwrap();
        let files = [InputFile { path, size: None }];
        let done = AtomicUsize::new(0);
        let (mut handed, mut most_ahead) = (0, 0);
        run(
            &files,
            InputFormat::Auto,
            2,
            &|_: Document, _: &str| done.fetch_add(1, Ordering::SeqCst),
            &mut |step| {
                if let Step::Output(..) = step {
                    if handed == 0 {
                        // A consumer that stalls: the workers may only fill the budget.
                        std::thread::sleep(std::time::Duration::from_millis(300));
                    }
                    handed += 1;
                    most_ahead = most_ahead.max(done.load(Ordering::SeqCst) - handed);
                }
                true
            },
        );
        assert_eq!(handed, n);
        // The budget, the work queue (two per job) and the documents in the workers' hands.
        assert!(most_ahead <= IN_FLIGHT_DOCUMENTS + 8, "{most_ahead} ahead");
    }

    #[test]
    fn small_files_travel_together_and_still_come_out_in_order() {
        // Files with sizes are claimed in runs and read into shared batches; a stream among
        // them goes alone. Every file's events, its end included, keep their place.
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut expected = Vec::new();
        for f in 0..150 {
            let path = dir.path().join(format!("f{f:03}.jsonl"));
            let mut text = String::new();
            for k in 0..(f % 3 + 1) {
                text.push_str(&format!("{{\"id\": \"f{f}-{k}\", \"text\": \"x\"}}\n"));
                expected.push(format!("f{f}-{k}"));
            }
            if f % 11 == 0 {
                text.push_str("oops\n");
                expected.push("error".into());
            }
            expected.push("done".into());
            std::fs::write(&path, &text).unwrap();
            // Every fifth file of unknown size, as a pipe would be; one larger than a batch.
            let size = match f {
                _ if f % 5 == 4 => None,
                77 => Some(BATCH_BYTES as u64 * 2),
                _ => Some(text.len() as u64),
            };
            files.push(InputFile { path, size });
        }
        let runs = claim_all(&files);
        assert!(runs.iter().any(|r| r.len() > 1), "{runs:?}");
        assert!(runs
            .iter()
            .all(|r| r.len() == 1 || r.clone().all(|f| files[f].size.is_some() && f != 77)));
        for jobs in [1, 2, 3, 8] {
            let seen: Vec<String> = steps(&files, jobs)
                .into_iter()
                .map(|s| {
                    if s.starts_with("error") {
                        "error".into()
                    } else {
                        s
                    }
                })
                .collect();
            assert_eq!(seen, expected, "jobs {jobs}");
        }
    }

    /// The runs of files [`claim`] gives one after another.
    fn claim_all(files: &[InputFile]) -> Vec<Range<usize>> {
        let next = AtomicUsize::new(0);
        std::iter::from_fn(|| Some(claim(&next, files)).filter(|r| !r.is_empty())).collect()
    }

    #[test]
    fn many_files_read_at_once_still_come_out_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for f in 0..40 {
            let path = dir.path().join(format!("f{f:02}.jsonl"));
            let mut text = String::new();
            for k in 0..(f % 7 + 1) {
                text.push_str(&format!(
                    "{{\"id\": \"f{f}-{k}\", \"text\": \"{}\"}}\n",
                    "y ".repeat(k * 50)
                ));
            }
            if f % 5 == 0 {
                text.push_str("oops\n");
            }
            std::fs::write(&path, text).unwrap();
            files.push(InputFile { path, size: None });
        }
        let one = steps(&files, 1);
        assert_eq!(one.iter().filter(|s| *s == "done").count(), 40);
        assert!(one[0] == "f0-0" && one.iter().any(|s| s.starts_with("error")));
        for jobs in [2, 3, 8] {
            assert_eq!(steps(&files, jobs), one, "jobs {jobs}");
        }
    }
}
