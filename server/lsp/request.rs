//! The prologue every request about a document shares, written once: URI → path → which kind of
//! file → the document, read from a snapshot taken when the request starts.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::{Position, Uri};

use super::snapshot::Snapshot;
use super::{Backend, convert, uri_path};
use crate::model::FileKind;
use crate::syntax::Document;

pub struct Request {
    pub path: PathBuf,
    pub snapshot: Snapshot,
    pub document: Arc<Document>,
}

impl Request {
    /// A request about any file the server reads (dbt `.sql` and YAML files included).
    pub fn any(backend: &Backend, uri: &Uri) -> Option<Request> {
        let path = uri_path(uri)?;
        let snapshot = Snapshot::take(&backend.state);
        let document = snapshot.document(&path)?;
        Some(Request {
            path,
            snapshot,
            document,
        })
    }

    /// A request about a floe configuration file, with its kind: proposed by the file's name,
    /// decided by its content (a `floe.yaml` declaring `kind: FloeSpec` is Generation B's).
    pub fn config(backend: &Backend, uri: &Uri) -> Option<(Request, FileKind)> {
        let request = Request::any(backend, uri)?;
        let named = super::served::by_document(&request.path, &request.document)?;
        let kind = FileKind::classify(named, &request.document);
        Some((request, kind))
    }

    /// Byte offset of an LSP position in the document (clamped).
    pub fn offset(&self, position: Position) -> usize {
        convert::offset(&self.document, position, self.snapshot.unit)
    }
}
