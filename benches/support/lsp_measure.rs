//! The `lsp` benchmark's measurements (included with `#[path]`): didChange → publishDiagnostics
//! per edit site, the same edits checked in process by the engine the server runs, requests on a
//! large file, and spawn → first diagnostics.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::lsp_client::{Client, Server, TIMEOUT, message_on, on_line, uri};
use super::lsp_inputs::{Input, Site};

/// Pause between didChange samples, after which everything pending is drained.
pub const SETTLE: Duration = Duration::from_millis(20);

#[derive(Clone, Copy)]
pub struct Stats {
    pub median: Duration,
    pub p99: Duration,
    pub samples: usize,
}

pub fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort_unstable();
    let n = samples.len();
    assert!(n > 0, "no samples");
    let p99 = (n * 99).div_ceil(100).clamp(1, n) - 1;
    Stats {
        median: if n % 2 == 1 {
            samples[n / 2]
        } else {
            (samples[n / 2 - 1] + samples[n / 2]) / 2
        },
        p99: samples[p99],
        samples: n,
    }
}

pub fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.0} µs")
    } else if us < 1_000_000.0 {
        format!("{:.2} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// What one server measured, or why it could not be.
pub type Measured = Result<Measurement, String>;

pub struct Measurement {
    /// Every sample.
    pub stats: Stats,
    /// The samples whose edit made the value invalid (a finding appears) and valid (it goes).
    pub draws: Option<Stats>,
    pub clears: Option<Stats>,
    /// Extra detail for the progress line.
    pub note: String,
}

/// didChange → publishDiagnostics at one site: each sample toggles the value between invalid
/// and valid and waits for the first publication showing the change.
pub fn changes(
    server: &Server,
    input: &Input,
    site: &Site,
    warmup: usize,
    samples: usize,
) -> Measured {
    let mut client = Client::spawn(server, &input.dir);
    let init = client.initialize(server, &input.dir)?;
    let incremental = match &init["capabilities"]["textDocumentSync"] {
        Value::Number(kind) => kind.as_u64() == Some(2),
        options => options["change"].as_u64() == Some(2),
    };
    let uri = uri(&input.platform);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": input.text}}),
    );
    let line = site.line;
    let (_, opened) = client
        .diagnostics(&uri, |_| true)
        .ok_or("no diagnostics after didOpen")?;
    if on_line(&opened, line) {
        return Err(format!(
            "reports the valid line {}: {}",
            line + 1,
            message_on(&opened, line)
        ));
    }
    let mut version = 1;
    let mut current = site.valid.as_str();
    let (mut draws, mut clears) = (Vec::new(), Vec::new());
    let mut error_message = String::new();
    for i in 0..warmup + samples {
        let invalid = i % 2 == 0;
        let next = if invalid {
            site.invalid
        } else {
            site.valid.as_str()
        };
        std::thread::sleep(SETTLE);
        client.drain();
        version += 1;
        let change = if incremental {
            let (start, end) = (site.column, site.column + current.len());
            json!({"range": {"start": {"line": line, "character": start},
                             "end": {"line": line, "character": end}}, "text": next})
        } else {
            json!({"text": input.text_with(site, next)})
        };
        let sent = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        current = next;
        let Some((at, list)) = client.diagnostics(&uri, |l| on_line(l, line) == invalid) else {
            return Err(format!(
                "no diagnostics {} line {} within {}s of the edit",
                if invalid { "on" } else { "clearing" },
                line + 1,
                TIMEOUT.as_secs()
            ));
        };
        if i == 0 {
            error_message = message_on(&list, line);
        }
        if i >= warmup {
            let took = at.saturating_duration_since(sent);
            if invalid {
                draws.push(took)
            } else {
                clears.push(took)
            }
        }
    }
    client.shutdown();
    let all: Vec<Duration> = draws.iter().chain(&clears).copied().collect();
    Ok(Measurement {
        stats: stats(all),
        draws: (!draws.is_empty()).then(|| stats(draws)),
        clears: (!clears.is_empty()).then(|| stats(clears)),
        note: format!(
            "[{} sync; error: \"{error_message}\"]",
            if incremental { "incremental" } else { "full" }
        ),
    })
}

/// The same edits, in process: floe-lint's engine checking the project with the per-file cache
/// the server keeps (what the server's worker runs for each edit, without the protocol, the
/// project discovery and the publishing), each from the same idle pause as the server's samples.
/// Returns the samples that made the value invalid and those that made it valid again.
pub fn in_process(input: &Input, site: &Site, warmup: usize, samples: usize) -> (Stats, Stats) {
    use floe_lint::check::{Cache, Options, check_projects};
    use floe_lint::workspace::{Selection, discover};
    let selection = Selection::default();
    let projects =
        discover(std::slice::from_ref(&input.dir), &selection).expect("discover the project");
    let options = Options {
        cache: Some(Arc::new(Cache::default())),
        ..Options::default()
    };
    let mut sources: HashMap<PathBuf, Vec<u8>> = HashMap::from([
        (input.dir.join("floe.yaml"), input.floe.clone().into_bytes()),
        (input.platform.clone(), input.text.clone().into_bytes()),
    ]);
    check_projects(&projects, &sources, &selection, &options);
    let (valid, invalid) = (input.text.clone(), input.text_with(site, site.invalid));
    let (mut draws, mut clears) = (Vec::new(), Vec::new());
    for i in 0..warmup + samples {
        let text = if i % 2 == 0 { &invalid } else { &valid };
        sources.insert(input.platform.clone(), text.clone().into_bytes());
        // The same pause as between the server's samples: a check right after another runs on
        // warm caches and a busy core, which is not how an edit arrives (measured: 142 µs back to
        // back against 560 µs after 20 ms idle, for the demo pair).
        std::thread::sleep(SETTLE);
        let started = Instant::now();
        let report = check_projects(&projects, &sources, &selection, &options);
        let took = started.elapsed();
        let found = report.diagnostics.iter().any(|d| {
            report.document(&d.file).is_some_and(|doc| {
                *d.file == *input.platform && doc.line_index.line_of(d.span.start) == site.line
            })
        });
        assert_eq!(found, i % 2 == 0, "the in-process check sees the edit");
        if i >= warmup {
            if i % 2 == 0 {
                draws.push(took)
            } else {
                clears.push(took)
            }
        }
    }
    (stats(draws), stats(clears))
}

/// Request → response on the large file, idle server: hover on a key, completion on an empty
/// line of a profile, go to definition of a profile name.
pub fn requests(
    server: &Server,
    input: &Input,
    samples: usize,
) -> Result<Vec<(&'static str, Stats)>, String> {
    let mut client = Client::spawn(server, &input.dir);
    client.initialize(server, &input.dir)?;
    let uri = uri(&input.platform);
    // A blank line after the middle site (inside its mapping), for completion.
    let site = input
        .sites
        .iter()
        .find(|s| s.name.starts_with("middle"))
        .unwrap_or(&input.sites[0]);
    let mut lines: Vec<&str> = input.text.lines().collect();
    let indent = " ".repeat(site.column - "mode: ".len());
    lines.insert(site.line + 1, &indent);
    let text = lines.join("\n") + "\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client
        .diagnostics(&uri, |_| true)
        .ok_or("no diagnostics after didOpen")?;
    let profile_line = text
        .lines()
        .position(|l| l.starts_with("  lake_"))
        .ok_or("no storage profile `lake_…`")?;
    let at = |line: usize, character: usize| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let asks: [(&'static str, &str, Value); 3] = [
        (
            "hover",
            "textDocument/hover",
            at(site.line, site.column - 3),
        ),
        (
            "completion",
            "textDocument/completion",
            at(site.line + 1, indent.len()),
        ),
        ("definition", "textDocument/definition", at(profile_line, 4)),
    ];
    let mut out = Vec::new();
    for (name, method, params) in asks {
        let mut times = Vec::with_capacity(samples);
        for i in 0..samples + 10 {
            let (took, result) = client.request(method, params.clone())?;
            if result.is_null() || result.as_array().is_some_and(Vec::is_empty) {
                return Err(format!("{name} answered nothing"));
            }
            if i >= 10 {
                times.push(took);
            }
        }
        out.push((name, stats(times)));
    }
    client.shutdown();
    Ok(out)
}

/// spawn → first diagnostics showing the first site's error, `runs` times after one warm-up run.
pub fn spawns(server: &Server, input: &Input, runs: usize) -> Measured {
    let site = &input.sites[0];
    let text = input.text_with(site, site.invalid);
    let mut meaningful = Vec::with_capacity(runs);
    let mut first = Vec::with_capacity(runs);
    for run in 0..=runs {
        let start = Instant::now();
        let mut client = Client::spawn(server, &input.dir);
        client.initialize(server, &input.dir)?;
        let uri = uri(&input.platform);
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        let (first_at, list) = client
            .diagnostics(&uri, |_| true)
            .ok_or("no diagnostics after didOpen")?;
        let with_error = if on_line(&list, site.line) {
            first_at
        } else {
            client
                .diagnostics(&uri, |l| on_line(l, site.line))
                .ok_or("the schema error was never reported")?
                .0
        };
        client.shutdown();
        if run > 0 {
            first.push(first_at - start);
            meaningful.push(with_error - start);
        }
    }
    let first = stats(first);
    Ok(Measurement {
        stats: stats(meaningful),
        draws: None,
        clears: None,
        note: format!(
            "[first publishDiagnostics of any content: median {}]",
            fmt(first.median)
        ),
    })
}
