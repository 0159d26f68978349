//! Recorded-session replays: whole files typed from empty into the real server, one character
//! per `didChange` (Enter as `\r\n` in CRLF files), with saves after which the version skips a
//! number (Neovim's `b:changedtick`), mistakes taken back by backspaces or by one undo, and
//! astral characters that count two UTF-16 units. At every marked key or value position,
//! completion must offer what comes next and its text edit must write it; after every change the
//! published diagnostics must equal a fresh check of that text (the engine in process, and the
//! `floe-lint check` binary at the end). Both dialects: a Generation A floe.yaml and platform.yaml
//! beside their environments, and a Generation B floe.yaml (FloeSpec) beside its manifest.

mod script;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::client::Client;
use super::keys::{Key, cli_key, lsp_key};
use super::{FLOE, LOCAL, PROD, SNIPPETS};
use floe_lint::check::{self, Disk, Options};
use floe_lint::syntax::ColumnUnit;
use floe_lint::workspace::{Selection, discover};
use script::{Keystroke, Script};

const PLATFORM: &str = include_str!("../../fixtures/lsp-replay/platform.yaml.marked");
const FLOE_MARKED: &str = include_str!("../../fixtures/lsp-replay/floe.yaml.marked");
const FLOE_SPEC_MARKED: &str = include_str!("../../fixtures/lsp-replay/floe-v1.yaml.marked");
const MANIFEST: &str = include_str!("../../fixtures/lsp-replay/manifest.yaml");

/// Writes the files of a project into a directory, the replayed one (`typed`) empty.
type Project = fn(&Path, &str);

/// A Generation A project: floe.yaml and two environments.
fn project(dir: &Path, typed: &str) {
    for (relative, text) in [
        (
            "floe.yaml",
            FLOE.replace("catalog: lakehouse", "catalog: default"),
        ),
        (
            "platform/local/platform.yaml",
            LOCAL.replace("lakehouse:", "default:"),
        ),
        (
            "platform/prod/platform.yaml",
            PROD.replace("lakehouse:", "default:"),
        ),
    ] {
        let path = dir.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let text = if relative == typed {
            String::new()
        } else {
            text
        };
        std::fs::write(path, text).expect("write");
    }
}

/// A Generation B project: a FloeSpec floe.yaml beside its manifest, in a repository.
fn v1_project(dir: &Path, typed: &str) {
    std::fs::create_dir_all(dir.join(".git")).expect("mkdir");
    std::fs::write(dir.join(".git/HEAD"), "ref: refs/heads/main\n").expect("write");
    std::fs::write(dir.join("manifest.yaml"), MANIFEST).expect("write");
    assert_eq!(typed, "floe.yaml", "only the floe.yaml is typed");
    std::fs::write(dir.join(typed), "").expect("write");
}

/// Where the end of `text` is, as an LSP position (UTF-16 columns).
pub(super) fn end_position(text: &str) -> Value {
    let line = text.matches('\n').count();
    let last = text.rsplit('\n').next().unwrap_or("");
    let character: usize = last.chars().map(char::len_utf16).sum();
    super::pos(
        u32::try_from(line).expect("line"),
        u32::try_from(character).expect("column"),
    )
}

/// Byte offset of an LSP position (UTF-16 columns) in `text`.
pub(super) fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let mut start = 0;
    for _ in 0..line {
        start += text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The text a client writes for a snippet, its first choice or placeholder taken.
fn expand(snippet: &str) -> String {
    let mut out = String::new();
    let mut chars = snippet.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                let inner: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let body = inner.trim_start_matches(|c: char| c.is_ascii_digit());
                if let Some(choices) = body.strip_prefix('|') {
                    out.push_str(choices.split([',', '|']).next().unwrap_or(""));
                } else {
                    out.push_str(body.strip_prefix(':').unwrap_or(""));
                }
            }
            '$' => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Applies an item's text edit as an editor does (snippet expanded; with `insertTextMode` 2 the
/// inserted lines after the first get the indentation of the line the edit starts on).
pub(super) fn accept(text: &str, item: &Value) -> String {
    let edit = &item["textEdit"];
    let start = offset_of(text, &edit["range"]["start"]);
    let end = offset_of(text, &edit["range"]["end"]);
    let mut new = edit["newText"].as_str().expect("newText").to_owned();
    if item["insertTextFormat"] == 2 {
        new = expand(&new);
    }
    if item["insertTextMode"] == 2 {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = text[line_start..]
            .chars()
            .take_while(|c| *c == ' ')
            .collect();
        new = new.replace('\n', &format!("\n{indent}"));
    }
    format!("{}{new}{}", &text[..start], &text[end..])
}

/// Diagnostics of a fresh check of `dir` by the engine `floe-lint check` runs, for the file
/// `relative`, in the terms the server publishes them (0-based lines, UTF-16 columns).
pub(super) fn fresh_check(dir: &Path, relative: &str) -> Vec<Key> {
    let selection = Selection::default();
    let projects = discover(&[dir.to_path_buf()], &selection).expect("discover");
    let report = check::check_projects(&projects, &Disk, &selection, &Options::default());
    let root = dir.display().to_string();
    let file = dir.join(relative);
    let mut keys: Vec<Key> = report
        .diagnostics
        .iter()
        .filter(|d| *d.file == *file)
        .map(|d| {
            let document = report.document(&d.file).expect("document");
            let at = |offset| {
                let p = document
                    .line_index
                    .line_col(&document.text, offset, ColumnUnit::Utf16);
                [u64::from(p.line), u64::from(p.col)]
            };
            let (start, end) = (at(d.span.start), at(d.span.end));
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            (
                d.rule.code.to_owned(),
                d.severity.as_str().to_owned(),
                [start[0], start[1], end[0], end[1]],
                message.replace(&root, "<root>"),
            )
        })
        .collect();
    keys.sort();
    keys
}

struct Replay {
    client: Client,
    server_root: tempfile::TempDir,
    mirror: tempfile::TempDir,
    relative: &'static str,
    uri: String,
    text: String,
    version: i64,
    changes: usize,
    offered: usize,
}

impl Replay {
    fn start(project: Project, relative: &'static str) -> Replay {
        let server_root = tempfile::tempdir().expect("temp dir");
        let mirror = tempfile::tempdir().expect("temp dir");
        project(server_root.path(), relative);
        project(mirror.path(), relative);
        let (mut client, _) = Client::start(server_root.path(), SNIPPETS.clone(), Value::Null);
        let path: PathBuf = server_root.path().join(relative);
        let uri = client.open(&path, "");
        Replay {
            client,
            server_root,
            mirror,
            relative,
            uri,
            text: String::new(),
            version: 1,
            changes: 0,
            offered: 0,
        }
    }

    fn change(&mut self, range: Value, text: &str, new_text: String) {
        self.version += 1;
        self.client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri, "version": self.version},
                   "contentChanges": [{"range": range, "text": text}]}),
        );
        self.text = new_text;
        self.changes += 1;
        self.compare_diagnostics();
    }

    fn press(&mut self, key: &Keystroke) {
        match key {
            Keystroke::Type(typed) => {
                let at = end_position(&self.text);
                let new = format!("{}{typed}", self.text);
                self.change(json!({"start": at, "end": at}), typed, new);
            }
            Keystroke::Backspace(n) => {
                for _ in 0..*n {
                    let mut new = self.text.clone();
                    new.pop();
                    let (start, end) = (end_position(&new), end_position(&self.text));
                    self.change(json!({"start": start, "end": end}), "", new);
                }
            }
            Keystroke::Undo(n) => {
                let mut new = self.text.clone();
                for _ in 0..*n {
                    new.pop();
                }
                let (start, end) = (end_position(&new), end_position(&self.text));
                self.change(json!({"start": start, "end": end}), "", new);
            }
            Keystroke::Save => {
                std::fs::write(self.server_root.path().join(self.relative), &self.text)
                    .expect("save");
                self.client.notify(
                    "textDocument/didSave",
                    json!({"textDocument": {"uri": self.uri}}),
                );
                // Neovim: `b:changedtick` moves on `:w` too, so the next change skips a number.
                self.version += 1;
            }
        }
    }

    /// The server's diagnostics for this version equal a fresh check of the same text.
    fn compare_diagnostics(&mut self) {
        let version = self.version;
        let uri = self.uri.clone();
        let message = self.client.wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri.as_str()
                    && m["params"]["version"] == version
            },
            &format!("diagnostics of version {version}"),
        );
        let root = self.server_root.path().display().to_string();
        let mut published: Vec<Key> = message["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| lsp_key(d, &root))
            .collect();
        published.sort();
        std::fs::write(self.mirror.path().join(self.relative), &self.text).expect("mirror");
        let fresh = fresh_check(self.mirror.path(), self.relative);
        assert_eq!(
            published, fresh,
            "after change {} (version {version}) the published diagnostics differ from a fresh check of:\n{}",
            self.changes, self.text
        );
    }

    /// Completion at the end of the text offers `label`, and accepting it writes the final
    /// text up to the end of that token.
    fn check_completion(&mut self, checkpoint: &script::Checkpoint, target: &str) {
        let result = self.client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": self.uri}, "position": end_position(&self.text)}),
        );
        let items = result.as_array().cloned().unwrap_or_default();
        let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
        let item = items
            .iter()
            .find(|i| i["label"] == checkpoint.label.as_str())
            .unwrap_or_else(|| {
                panic!(
                    "completion at byte {} does not offer {:?}; it offers {labels:?}. Text so far:\n{}",
                    checkpoint.at, checkpoint.label, self.text
                )
            });
        let accepted = accept(&self.text, item);
        let want = &target[..checkpoint.token_end];
        assert!(
            accepted.starts_with(want.trim_end_matches(' ')),
            "accepting {:?} ({item}) gives\n{accepted}\nwhich does not continue as\n{want}",
            checkpoint.label
        );
        self.offered += 1;
    }
}

fn replay(marked: &str, relative: &'static str, crlf: bool) {
    replay_in(project, marked, relative, crlf);
}

fn replay_in(project: Project, marked: &str, relative: &'static str, crlf: bool) {
    let Script { text, checkpoints } = script::script(marked, crlf);
    let mut session = Replay::start(project, relative);
    // An empty file is offered a skeleton.
    let empty = session.client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": session.uri}, "position": super::pos(0, 0)}),
    );
    assert!(
        empty.as_array().is_some_and(|items| items
            .iter()
            .any(|i| i["label"].as_str().is_some_and(|l| l.ends_with("skeleton")))),
        "{empty}"
    );
    let mut pending = checkpoints.iter().peekable();
    for key in script::keystrokes(&text) {
        while let Some(checkpoint) =
            pending.next_if(|c| c.at == session.text.len() && text.starts_with(&session.text))
        {
            session.check_completion(checkpoint, &text);
        }
        session.press(&key);
    }
    assert_eq!(session.text, text);
    assert!(pending.next().is_none(), "every checkpoint was reached");
    // The binary agrees at the end.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_floe-lint"))
        .args(["check", "--format", "json", "--exit-zero"])
        .arg(session.mirror.path())
        .current_dir(session.mirror.path())
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV")
        .output()
        .expect("floe-lint check");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let root = session.mirror.path().display().to_string();
    let mut cli: Vec<Key> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].as_str().map(|f| f.trim_start_matches("./")) == Some(relative))
        .map(|d| cli_key(d, &root))
        .collect();
    cli.sort();
    assert_eq!(cli, fresh_check(session.mirror.path(), relative));
    eprintln!(
        "replayed {relative} ({}): {} changes, {} completions checked",
        if crlf { "CRLF" } else { "LF" },
        session.changes,
        session.offered
    );
    session.client.shutdown();
}

#[test]
fn typing_a_platform_yaml_from_empty() {
    replay(PLATFORM, "platform/local/platform.yaml", false);
}

#[test]
fn typing_a_platform_yaml_from_empty_crlf() {
    replay(PLATFORM, "platform/prod/platform.yaml", true);
}

#[test]
fn typing_a_floe_yaml_from_empty() {
    replay(FLOE_MARKED, "floe.yaml", false);
}

#[test]
fn typing_a_floe_yaml_from_empty_crlf() {
    replay(FLOE_MARKED, "floe.yaml", true);
}

#[test]
fn typing_a_floe_spec_from_empty() {
    replay_in(v1_project, FLOE_SPEC_MARKED, "floe.yaml", false);
}

#[test]
fn typing_a_floe_spec_from_empty_crlf() {
    replay_in(v1_project, FLOE_SPEC_MARKED, "floe.yaml", true);
}
