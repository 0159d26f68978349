//! Endurance: many open documents, thousands of random incremental edits (valid and broken YAML,
//! multi-byte text, out-of-range ranges), hover / completion / definition requests interleaved,
//! some cancelled, then every document closed. The server never crashes, every request gets a
//! response (its result, or RequestCancelled for a cancelled one), the final diagnostics equal
//! those of a fresh check of the final texts (a fresh server, and `floe-lint check` on a copy),
//! the document structure matches a fresh server's, and once everything is closed resident memory
//! is back within 10% of its baseline.
//!
//! The open / edit / close cycle runs three times on one server, every check on every cycle, and
//! memory is judged on the last: resident memory only ever grows to a high-water mark (glibc's
//! malloc keeps what is freed, in one arena per thread), and the first cycles also pay for what the
//! server builds once and keeps (regexes and schema validators compiled on first use and their
//! match caches, the transport's buffers, code pages). Under heaptrack the live heap stays flat
//! (within a few hundred kB) from the second cycle on; what is asserted is that one more cycle of
//! edits leaves no lasting growth behind.
//!
//! CI runs a bounded version; the long run is
//!
//! ```text
//! FLOE_LINT_ENDURANCE_DOCS=200 FLOE_LINT_ENDURANCE_EDITS=10000 \
//!     cargo test --release --no-default-features --test lsp endurance -- --nocapture
//! ```
//!
//! (`FLOE_LINT_ENDURANCE_CYCLES` sets the number of cycles, 3 by default.) The edits come from a
//! seeded generator: the seed is printed (a new one each run), and `FLOE_LINT_ENDURANCE_SEED=<seed>`
//! replays the same edits and requests (the server's timing still varies).
//!
//! Among the multi-byte text: U+000B, U+000C, U+0085, U+2028 and U+2029, which are not line
//! breaks in LSP (lines end only at `\n`, `\r\n` and `\r`); the server's ropes once broke lines
//! there, misplacing every edit after one.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod changes;
mod compare;
mod inbox;
mod model;

use super::client::{self, Client};
use super::pos;
use crate::keys::{Key, lsp_key};
use changes::random_change;
use compare::cli_check;
use inbox::{Inbox, mb, memory_kb};
use model::{Doc, Rng, env_number, line_count, random_position, workspace_files, write_files};

/// Documents and edits in CI (a debug build on a loaded 2-core machine stays under a minute).
const DOCS: usize = 100;
const EDITS: usize = 4_000;
/// No `publishDiagnostics` for this long (with every expected version in) means the server is idle.
const QUIET: Duration = Duration::from_secs(1);
/// Requests the client lets go unanswered before it waits (and so how far it runs ahead).
const IN_FLIGHT: usize = 8;
/// Longest wait for the server to catch up after the edits.
const CATCH_UP: Duration = Duration::from_secs(300);
/// Resident memory after everything is closed may exceed the baseline by this fraction.
const RSS_TOLERANCE: f64 = 0.10;

// ---------------------------------------------------------------------------------------------

/// Diagnostics without the server's own revision of the text (`data.revision`), which differs
/// between two servers by design.
fn without_revision(list: &[Value]) -> Vec<Value> {
    list.iter()
        .map(|d| {
            let mut d = d.clone();
            if let Some(data) = d.get_mut("data").and_then(Value::as_object_mut) {
                data.remove("revision");
                if data.is_empty() {
                    d.as_object_mut().map(|o| o.remove("data"));
                }
            }
            d
        })
        .collect()
}

/// What one open / edit / close cycle measured.
#[derive(Default)]
struct Cycle {
    /// Resident memory after opening and the first diagnostics, and after closing everything.
    baseline: Option<u64>,
    after: Option<u64>,
    /// The same, anonymous memory only (the heap; VmRSS also counts the binary's pages).
    baseline_anon: Option<u64>,
    after_anon: Option<u64>,
    peak_sampled: u64,
    opened_in: Duration,
    sent_in: Duration,
    caught_up_in: Duration,
    changes: usize,
    requests: usize,
    cancels: usize,
    clean: usize,
    symbols: usize,
    histogram: BTreeMap<String, usize>,
}

struct Endurance {
    seed: u64,
    rng: Rng,
    edits: usize,
    root: tempfile::TempDir,
    files: Vec<(String, String)>,
    docs: Vec<Doc>,
    server: Client,
    pid: u32,
    inbox: Inbox,
}

impl Endurance {
    fn versions(&self, version: impl Fn(&Doc) -> Option<i64>) -> Vec<(String, Option<i64>)> {
        self.docs
            .iter()
            .map(|d| (d.uri.clone(), version(d)))
            .collect()
    }

    fn open_all(client: &mut Client, docs: &[Doc]) {
        for doc in docs {
            client.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": doc.uri, "languageId": "yaml", "version": doc.version, "text": doc.text}}),
            );
        }
    }

    /// Opens every document (original text), edits, checks the result, closes everything.
    fn cycle(&mut self) -> Cycle {
        let seed = self.seed;
        let mut out = Cycle::default();
        let started = Instant::now();
        for doc in &mut self.docs {
            doc.text.clone_from(&doc.original);
            doc.version = 1;
        }
        Endurance::open_all(&mut self.server, &self.docs);
        let opened = self.versions(|_| Some(1));
        self.inbox
            .settle(&mut self.server, &opened, "first diagnostics", seed);
        for doc in &self.docs {
            let (_, list) = &self.inbox.published[&doc.uri];
            assert!(list.is_empty(), "{}: {list:#?}", doc.relative);
        }
        // One request of each kind on each kind of file: lazily built state is part of the
        // baseline.
        for doc in self.docs.iter().take(2) {
            for method in METHODS {
                let params = json!({"textDocument": {"uri": doc.uri}, "position": pos(3, 10)});
                let id = self.server.request_async(method, params);
                self.inbox.sent(id, method, false);
            }
        }
        self.inbox
            .settle(&mut self.server, &opened, "warm-up requests", seed);
        out.baseline = memory_kb(self.pid, "VmRSS");
        out.baseline_anon = memory_kb(self.pid, "RssAnon");
        let baseline_symbols = symbols(&mut self.server, &self.docs);
        out.peak_sampled = out.baseline.unwrap_or(0);
        out.opened_in = started.elapsed();

        let edits_started = Instant::now();
        for edit in 0..self.edits {
            self.edit(&mut out);
            if edit % 25 == 0 {
                self.inbox.drain(&mut self.server, seed);
            }
            // Now and then a pause, as when typing stops: the server checks intermediate states
            // instead of coalescing everything into a few checks.
            if edit % 100 == 99 {
                let pause = Instant::now() + Duration::from_millis(20);
                while let Some(message) = self
                    .server
                    .next_within(pause.saturating_duration_since(Instant::now()))
                {
                    self.inbox.take(message, seed);
                }
            }
            if edit % 250 == 0 {
                assert!(
                    self.server.is_running(),
                    "seed {seed}: the server died at edit {edit}"
                );
                out.peak_sampled = out
                    .peak_sampled
                    .max(memory_kb(self.pid, "VmRSS").unwrap_or(0));
            }
        }
        out.sent_in = edits_started.elapsed();

        // Every request answered; the latest diagnostics are for the final versions.
        let finals = self.versions(|d| Some(d.version));
        self.inbox
            .settle(&mut self.server, &finals, "after the edits", seed);
        out.caught_up_in = edits_started.elapsed();
        assert!(self.server.is_running(), "seed {seed}: the server died");
        out.peak_sampled = out
            .peak_sampled
            .max(memory_kb(self.pid, "VmRSS").unwrap_or(0));

        self.compare_with_fresh_server(&mut out);
        self.compare_with_cli(&mut out);

        // Close everything: the files on disk count again.
        for doc in &self.docs {
            self.server.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": doc.uri}}),
            );
        }
        let closed = self.versions(|_| None);
        self.inbox
            .settle(&mut self.server, &closed, "after closing", seed);
        assert!(self.server.is_running(), "seed {seed}: the server died");
        out.after = memory_kb(self.pid, "VmRSS");
        out.after_anon = memory_kb(self.pid, "RssAnon");
        // Nothing of the edits is left: the files on disk are the clean originals, and that is
        // what the server now reports on and answers from.
        for doc in &self.docs {
            let (_, list) = &self.inbox.published[&doc.uri];
            assert!(
                list.is_empty(),
                "seed {seed}: {} after closing: {list:#?}",
                doc.relative
            );
        }
        assert_eq!(
            symbols(&mut self.server, &self.docs),
            baseline_symbols,
            "seed {seed}: document symbols after closing differ from those of the files on disk"
        );
        out
    }

    /// One `didChange` of a random document, sometimes followed by a request (sometimes
    /// cancelled).
    fn edit(&mut self, out: &mut Cycle) {
        let rng = &mut self.rng;
        let d = rng.below(self.docs.len());
        let doc = &mut self.docs[d];
        let count = if rng.chance(5) { 2 + rng.below(2) } else { 1 };
        let mut changes = Vec::new();
        for _ in 0..count {
            let change = random_change(rng, &doc.text, &doc.original);
            change.apply(&mut doc.text);
            changes.push(change.to_json());
        }
        out.changes += changes.len();
        doc.version += 1;
        self.server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc.uri, "version": doc.version}, "contentChanges": changes}),
        );
        if !rng.chance(15) {
            return;
        }
        // Like an editor, do not run further ahead of the server than a few unanswered requests.
        let deadline = Instant::now() + CATCH_UP;
        while self.inbox.pending.len() >= IN_FLIGHT {
            let seed = self.seed;
            match self.server.next_within(Duration::from_millis(100)) {
                Some(message) => self.inbox.take(message, seed),
                None => assert!(
                    Instant::now() < deadline,
                    "seed {seed}: requests unanswered for {CATCH_UP:?}: {:?}",
                    self.inbox.pending.keys().collect::<Vec<_>>()
                ),
            }
        }
        let target = if rng.chance(70) {
            d
        } else {
            rng.below(self.docs.len())
        };
        let text = &self.docs[target].text;
        let at = if rng.chance(80) {
            random_position(rng, text)
        } else {
            (
                line_count(text) + rng.below(3) as u32 - 1,
                rng.below(500) as u32,
            )
        };
        let method = rng.pick(&METHODS);
        let params =
            json!({"textDocument": {"uri": self.docs[target].uri}, "position": pos(at.0, at.1)});
        let cancel = rng.below(100);
        let id = match cancel {
            // Cancelled in the same write, or right after. Either way the answer may be the
            // result (the handler had finished) or RequestCancelled.
            0..15 => self.server.request_and_cancel(method, params),
            15..30 => {
                let id = self.server.request_async(method, params);
                self.server.cancel(id);
                id
            }
            _ => self.server.request_async(method, params),
        };
        self.inbox.sent(id, method, cancel < 30);
        out.requests += 1;
        out.cancels += usize::from(cancel < 30);
    }

    /// A fresh server given the final texts publishes exactly the same diagnostics, and sees the
    /// same document structure.
    fn compare_with_fresh_server(&mut self, out: &mut Cycle) {
        let seed = self.seed;
        let (mut fresh, _) = Client::start(self.root.path(), json!({}), Value::Null);
        let mut inbox = Inbox::default();
        let texts: Vec<Doc> = self
            .docs
            .iter()
            .map(|d| Doc {
                version: 1,
                relative: d.relative.clone(),
                uri: d.uri.clone(),
                original: String::new(),
                text: d.text.clone(),
            })
            .collect();
        Endurance::open_all(&mut fresh, &texts);
        inbox.settle(
            &mut fresh,
            &self.versions(|_| Some(1)),
            "fresh server",
            seed,
        );
        for doc in &self.docs {
            let long = &without_revision(&self.inbox.published[&doc.uri].1);
            let new = &without_revision(&inbox.published[&doc.uri].1);
            assert_eq!(
                long, new,
                "seed {seed}: {} (version {}): diagnostics after the edits differ from a fresh \
                 server's; final text:\n{}",
                doc.relative, doc.version, doc.text
            );
            let params = json!({"textDocument": {"uri": doc.uri}});
            let a = self
                .server
                .request("textDocument/documentSymbol", params.clone());
            let b = fresh.request("textDocument/documentSymbol", params);
            assert_eq!(
                a, b,
                "seed {seed}: {}: document symbols differ from a fresh server's (the buffers \
                 differ?); final text:\n{}",
                doc.relative, doc.text
            );
            out.symbols += usize::from(a.as_array().is_some_and(|s| !s.is_empty()));
        }
        let status = fresh.shutdown_status();
        assert!(status.success(), "fresh server: {status}");
    }

    /// The CLI, on a copy of the final texts elsewhere, agrees too.
    fn compare_with_cli(&mut self, out: &mut Cycle) {
        let seed = self.seed;
        let cli = cli_check(&self.files, &self.docs);
        let root = self.root.path().display().to_string();
        for doc in &self.docs {
            let list = &self.inbox.published[&doc.uri].1;
            let mut lsp: Vec<Key> = list.iter().map(|d| lsp_key(d, &root)).collect();
            let mut expected = cli.get(&doc.relative).cloned().unwrap_or_default();
            lsp.sort();
            expected.sort();
            assert_eq!(
                lsp, expected,
                "seed {seed}: {}: server diagnostics differ from `floe-lint check`; final text:\n{}",
                doc.relative, doc.text
            );
            out.clean += usize::from(list.is_empty());
            for (code, ..) in lsp {
                *out.histogram.entry(code).or_default() += 1;
            }
        }
    }
}

/// `textDocument/documentSymbol` of each document.
fn symbols(client: &mut Client, docs: &[Doc]) -> Vec<Value> {
    docs.iter()
        .map(|d| {
            client.request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": d.uri}}),
            )
        })
        .collect()
}

const METHODS: [&str; 3] = [
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
];

#[test]
fn endurance_random_edits_requests_and_cancellations() {
    let doc_count = env_number("FLOE_LINT_ENDURANCE_DOCS", DOCS as u64) as usize;
    let edits = env_number("FLOE_LINT_ENDURANCE_EDITS", EDITS as u64) as usize;
    let cycles = env_number("FLOE_LINT_ENDURANCE_CYCLES", 3) as usize;
    let seed = env_number(
        "FLOE_LINT_ENDURANCE_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    println!(
        "endurance: {doc_count} documents, {edits} edits per cycle, {cycles} cycles, seed {seed} \
         (replay: FLOE_LINT_ENDURANCE_SEED={seed} FLOE_LINT_ENDURANCE_DOCS={doc_count} \
         FLOE_LINT_ENDURANCE_EDITS={edits} FLOE_LINT_ENDURANCE_CYCLES={cycles})"
    );
    assert!(doc_count > 0, "FLOE_LINT_ENDURANCE_DOCS must be at least 1");
    assert!(
        cycles >= 2,
        "FLOE_LINT_ENDURANCE_CYCLES must be at least 2: memory is judged after warming up"
    );
    let started = Instant::now();

    let root = tempfile::tempdir().expect("temp dir");
    let files = workspace_files(doc_count.div_ceil(3));
    write_files(root.path(), &files);
    let docs: Vec<Doc> = files
        .iter()
        .take(doc_count)
        .map(|(relative, text)| Doc {
            relative: relative.clone(),
            uri: client::uri(&root.path().join(relative)),
            original: text.clone(),
            text: text.clone(),
            version: 1,
        })
        .collect();
    // At most two malloc arenas: glibc otherwise gives each thread that allocates (tokio's
    // workers and blocking threads, more of them on a busy machine) an arena of its own whose
    // high-water mark stays resident, which is noise to a test that looks for memory the server
    // keeps (a leak), not for how the allocator sizes its arenas.
    let (server, _) = Client::start_with_env(
        root.path(),
        json!({}),
        Value::Null,
        &[("MALLOC_ARENA_MAX", "2")],
    );
    let mut run = Endurance {
        seed,
        rng: Rng(seed),
        edits,
        pid: server.pid(),
        root,
        files,
        docs,
        server,
        inbox: Inbox::default(),
    };
    let mut last = Cycle::default();
    for n in 0..cycles {
        let c = run.cycle();
        let memory = |kb: Option<u64>| kb.map_or("?".into(), mb);
        println!(
            "endurance: cycle {n}: opened and first diagnostics in {:.1?}; {edits} edits ({} \
             content changes) sent in {:.1?}, caught up after {:.1?}; {} requests ({} cancelled)",
            c.opened_in, c.changes, c.sent_in, c.caught_up_in, c.requests, c.cancels
        );
        println!(
            "endurance: cycle {n}: final diagnostics: {}/{} documents clean, by code {:?}; {} \
             non-empty symbol trees compared",
            c.clean,
            run.docs.len(),
            c.histogram,
            c.symbols
        );
        println!(
            "endurance: cycle {n}: resident memory: baseline {}, peak {} (sampled), after closing \
             {}; anonymous: baseline {}, after closing {}",
            memory(c.baseline),
            mb(c.peak_sampled),
            memory(c.after),
            memory(c.baseline_anon),
            memory(c.after_anon),
        );
        last = c;
    }
    println!(
        "endurance: {} requests answered ({} with RequestCancelled), {} diagnostics publications; \
         high-water resident memory {}; total {:.1?}",
        run.inbox.answered,
        run.inbox.cancelled_errors,
        run.inbox.publishes,
        memory_kb(run.pid, "VmHWM").map_or("?".into(), mb),
        started.elapsed()
    );
    let status = run.server.shutdown_status();
    assert!(
        status.success(),
        "seed {seed}: the server exited with {status}"
    );

    // Memory comes back once everything is closed, judged on the last cycle (see the module
    // documentation for why not the first).
    if let (Some(baseline), Some(after)) = (last.baseline, last.after) {
        let limit = (baseline as f64 * (1.0 + RSS_TOLERANCE)) as u64;
        assert!(
            after <= limit,
            "seed {seed}: resident memory after closing everything is {} against a baseline of \
             {} (limit {})",
            mb(after),
            mb(baseline),
            mb(limit)
        );
    }
}
