//! The one credential scan: every value, comment and SQL literal of a file that holds a secret,
//! with where it is and what it is. `FL300` reports these (marked secret, so every snippet in
//! each output format and every diff masks them), `FL305` the values that only upstream's scan
//! takes for secrets, and hover shows a profile with the secrets this scan finds redacted.

use std::borrow::Cow;

use crate::diagnostic::Span;
use crate::dialect::dbt::{PROFILES_FILE_NAMES, PROJECT_FILE_NAMES};
use crate::dialect::runtime::vocabulary::FLOE_FILE_NAMES;
use crate::dialect::v1::Declaration;
use crate::secrets::detect::{self, Hit};
use crate::secrets::upstream_scan;
use crate::syntax::{Document, Node};

/// Which file is scanned: floe.yaml also gets upstream's whole-file detect-secrets treatment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    Floe,
    Platform,
    /// A checked-in dbt `profiles.yml`.
    Profiles,
    /// `dbt_project.yml` (its `vars:` and hooks).
    DbtProject,
    /// A dbt `.sql` file (models, macros, …).
    Sql,
    /// A Generation B file (a `kind: FloeSpec` floe.yaml or a manifest): no upstream scan runs
    /// over it, so only what is a credential by its shape or its key is found.
    V1,
}

impl Scope {
    /// The scope of a document: Generation B from what it declares (its floe.yaml shares Generation
    /// A's file name), the others from the file name.
    pub fn of(document: &Document) -> Scope {
        if Declaration::of_document(document).is_generation_b() {
            return Scope::V1;
        }
        let name = document
            .file
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if FLOE_FILE_NAMES.contains(&name) {
            Scope::Floe
        } else if PROFILES_FILE_NAMES.contains(&name) {
            Scope::Profiles
        } else if PROJECT_FILE_NAMES.contains(&name) {
            Scope::DbtProject
        } else if name.ends_with(".sql") {
            Scope::Sql
        } else {
            Scope::Platform
        }
    }
}

/// What a found value is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    /// A credential; `upstream` when floe's own detect-secrets scan reports it too.
    Secret { upstream: bool },
    /// Not a credential, but upstream's scan of floe.yaml reports it (and refuses the file).
    RefusedByUpstream { shape: &'static str },
}

/// One finding of the scan.
#[derive(Clone, Debug)]
pub struct Found {
    /// detect-secrets' name for what was found (`AWS Access Key`, `Secret Keyword`, …).
    pub kind: &'static str,
    /// The span to report and to mask: a whole YAML scalar, or the literal in SQL text.
    pub span: Span,
    pub value: String,
    /// Where, as a message shows it: `` `a.b.c` ``, a setting name, `a comment`.
    pub place: String,
    pub verdict: Verdict,
}

impl Found {
    pub fn is_secret(&self) -> bool {
        matches!(self.verdict, Verdict::Secret { .. })
    }
}

/// Detector kinds that are detect-secrets plugins (upstream's scan reports them too).
const UPSTREAM_PLUGINS: &[&str] = &[
    "AWS Access Key",
    "Private Key",
    "JSON Web Token",
    "GitHub Token",
    "GitLab Token",
    "Slack Token",
    "Stripe Access Key",
    "OpenAI Token",
    "NPM tokens",
    "PyPI Token",
    "SendGrid API Key",
    "Twilio API Key",
    "Azure Storage Account access key",
    "Basic Auth Credentials",
];

/// Everything the scan finds in a document.
pub fn scan(document: &Document, scope: Scope) -> Vec<Found> {
    let mut found = Vec::new();
    if scope == Scope::Sql {
        sql(document, &mut found);
        return found;
    }
    if let Some(root) = &document.root {
        let mut walker = Walker {
            document,
            scope,
            path: Vec::new(),
            out: &mut found,
        };
        walker.node(root, None);
    }
    for comment in &document.comments {
        let text = comment.text(&document.text);
        for hit in detect::patterns(text) {
            // `#` precedes the comment text in the span.
            let start = comment.span.start + 1;
            found.push(Found {
                kind: hit.kind,
                span: Span::new(start + hit.start, start + hit.end),
                value: text.get(hit.start..hit.end).unwrap_or_default().to_owned(),
                place: "a comment".into(),
                verdict: Verdict::Secret {
                    upstream: scope == Scope::Floe,
                },
            });
        }
    }
    found
}

struct Walker<'a, 'o> {
    document: &'a Document,
    scope: Scope,
    path: Vec<Cow<'a, str>>,
    out: &'o mut Vec<Found>,
}

impl<'a> Walker<'a, '_> {
    fn node(&mut self, node: &'a Node, key: Option<&str>) {
        if let Some(text) = node.as_str() {
            if let Some(found) = self.scalar(node, key, text) {
                self.out.push(found);
            }
            return;
        }
        if let Some(items) = node.as_sequence() {
            for (i, item) in items.iter().enumerate() {
                self.path.push(i.to_string().into());
                self.node(item, key);
                self.path.pop();
            }
        }
        for entry in node
            .as_mapping()
            .unwrap_or(&[])
            .iter()
            .filter(|e| !e.merged)
        {
            // Most keys are plain strings: borrow them instead of allocating per entry.
            let name: Cow<'a, str> = match entry.key.as_str() {
                Some(name) => name.into(),
                None => match entry.key.key_text() {
                    Some(name) => name.into(),
                    None => continue,
                },
            };
            self.path.push(name.clone());
            self.node(&entry.value, Some(&name));
            self.path.pop();
        }
    }

    /// At most one finding per scalar: the first detector that fires.
    fn scalar(&self, node: &Node, key: Option<&str>, text: &str) -> Option<Found> {
        let path = || self.path.join(".");
        let (kind, value, place, upstream) =
            if let Some(hit) = detect::patterns(text).into_iter().next() {
                let upstream = UPSTREAM_PLUGINS.contains(&hit.kind);
                (
                    hit.kind,
                    slice(text, &hit),
                    format!("`{}`", path()),
                    upstream,
                )
            } else if let Some(key) = key.filter(|k| detect::is_secret_key(k))
                && !detect::is_placeholder(text)
            {
                let upstream = upstream_scan::keyword(key);
                ("Secret Keyword", text, format!("`{}`", path()), upstream)
            } else if let Some(assigned) = detect::assignments(text).into_iter().next() {
                let place = format!("`{}` in `{}`", assigned.name, path());
                let upstream = upstream_scan::keyword(assigned.name);
                (
                    "Secret Keyword",
                    slice(text, &assigned.hit),
                    place,
                    upstream,
                )
            } else {
                return self.entropy(node, text);
            };
        let upstream = upstream && self.scope == Scope::Floe && !self.allowlisted(node);
        Some(Found {
            kind,
            span: node.span,
            value: value.to_owned(),
            place,
            verdict: Verdict::Secret { upstream },
        })
    }

    /// detect-secrets' entropy plugins, reported only where upstream's scan runs them (floe.yaml)
    /// and would report the value: a credential, unless the value has a known harmless shape.
    fn entropy(&self, node: &Node, text: &str) -> Option<Found> {
        if self.scope != Scope::Floe {
            return None;
        }
        let kind = upstream_scan::high_entropy(text)?;
        let (_, _, before) = self.line_of(node.span.start);
        if self.allowlisted(node) || upstream_scan::id_like(before) {
            return None;
        }
        let path = self.path.join(".");
        let verdict = match upstream_scan::benign_shape(&path, text) {
            Some(shape) => Verdict::RefusedByUpstream { shape },
            None => Verdict::Secret { upstream: true },
        };
        Some(Found {
            kind,
            span: node.span,
            value: text.to_owned(),
            place: format!("`{path}`"),
            verdict,
        })
    }

    fn allowlisted(&self, node: &Node) -> bool {
        allowlisted_at(self.document, node.span.start)
    }

    fn line_of(&self, offset: usize) -> (&'a str, &'a str, &'a str) {
        line_of(self.document, offset)
    }
}

/// Whether detect-secrets' `# pragma: allowlist secret` covers the text at `offset` (on its
/// line, or `allowlist nextline secret` on the line before). floe-lint's own findings do not
/// depend on it (a secret is one whoever allowlisted it); messages may say it is there.
pub fn allowlisted_at(document: &Document, offset: usize) -> bool {
    let (line, previous, _) = line_of(document, offset);
    upstream_scan::allowlisted(line, previous)
}

/// The line holding `offset`, the line before it, and the line's text before `offset`.
fn line_of(document: &Document, offset: usize) -> (&str, &str, &str) {
    let text = &document.text;
    let index = &document.line_index;
    let line = index.line_of(offset);
    let start = index.line_start(line);
    let end = index.line_end(text, line);
    let previous = match line.checked_sub(1) {
        Some(p) => text.get(index.line_start(p)..index.line_end(text, p)),
        None => None,
    };
    (
        text.get(start..end).unwrap_or(""),
        previous.unwrap_or(""),
        text.get(start..offset).unwrap_or(""),
    )
}

fn slice<'t>(text: &'t str, hit: &Hit) -> &'t str {
    text.get(hit.start..hit.end).unwrap_or(text)
}

/// dbt SQL: literal values of secret settings anywhere in the text (in SQL, in Jinja strings
/// such as `run_query("SET …='…'")`, in comments), then credentials recognisable by their shape.
fn sql(document: &Document, out: &mut Vec<Found>) {
    let text = &document.text;
    let mut spans: Vec<Span> = Vec::new();
    for assigned in detect::assignments(text) {
        let span = Span::new(assigned.hit.start, assigned.hit.end);
        spans.push(span);
        let value = slice(text, &assigned.hit);
        // A value with a recognisable shape is named by it (`KEY_ID 'AKIA…'`: an AWS key).
        let kind = detect::patterns(value)
            .first()
            .map_or(assigned.hit.kind, |hit| hit.kind);
        out.push(Found {
            kind,
            span,
            value: slice(text, &assigned.hit).to_owned(),
            place: format!("`{}`", assigned.name),
            verdict: Verdict::Secret { upstream: false },
        });
    }
    for hit in detect::patterns(text) {
        let span = Span::new(hit.start, hit.end);
        if spans
            .iter()
            .any(|s| s.start < span.end && span.start < s.end)
        {
            continue;
        }
        spans.push(span);
        out.push(Found {
            kind: hit.kind,
            span,
            value: slice(text, &hit).to_owned(),
            place: "this SQL file".into(),
            verdict: Verdict::Secret { upstream: false },
        });
    }
}
