//! The stdio transport, hardened. tower-lsp-server's reader stops reading for good after the first
//! malformed message (its framed stream ends on a decode error), so every message is validated here
//! first: a frame whose body is not JSON gets a "Parse error" answer (id null, as the specification
//! asks), JSON that is not a JSON-RPC message the protocol carries gets "Invalid Request"
//! ([`message`]), and the server keeps running. Each valid message then passes an [`Ingress`], in
//! the order it arrived, before the server sees it. Outgoing frames from the server and from this
//! layer go through one writer, whole, so they never interleave.

use std::sync::Arc;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

use super::message;

/// Largest message accepted (a 10 MB document plus JSON escaping fits comfortably).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

const PARSE_ERROR: &str =
    r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#;

/// A message framed for the wire.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// What the input pump does with a valid message.
pub enum Verdict {
    /// Hand it to the server.
    Forward,
    /// Handled before the server; send these messages (notifications) to the client.
    Handled(Vec<Value>),
}

/// Sees every valid message in arrival order, before the server (whose handlers may run
/// concurrently): where what must happen in order happens.
pub trait Ingress: Send + Sync {
    fn inspect(&self, message: &Value) -> Verdict;
}

/// Several ingresses in turn: the first that handles a message has it.
pub struct Chain(pub Vec<Arc<dyn Ingress>>);

impl Ingress for Chain {
    fn inspect(&self, message: &Value) -> Verdict {
        for ingress in &self.0 {
            if let Verdict::Handled(notices) = ingress.inspect(message) {
                return Verdict::Handled(notices);
            }
        }
        Verdict::Forward
    }
}

/// Forwards everything.
pub struct ForwardAll;

impl Ingress for ForwardAll {
    fn inspect(&self, _: &Value) -> Verdict {
        Verdict::Forward
    }
}

/// One message read from the client.
enum Incoming {
    /// A frame whose body is valid JSON: the body re-framed for the server, and its value.
    Message(Vec<u8>, Value),
    /// A broken frame; the stream is positioned after it.
    Malformed,
    End,
}

async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Incoming {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Incoming::End,
            Ok(_) => {}
        }
        if line.len() > 8 * 1024 {
            return Incoming::Malformed;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between messages
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(length) = length else {
        return Incoming::Malformed;
    };
    if length > MAX_MESSAGE_BYTES {
        // Skip the body without holding it.
        let mut remaining = length as u64;
        let mut sink = tokio::io::sink();
        let copied = tokio::io::copy(&mut reader.take(remaining), &mut sink)
            .await
            .unwrap_or(0);
        remaining -= copied.min(remaining);
        return if remaining == 0 {
            Incoming::Malformed
        } else {
            Incoming::End
        };
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).await.is_err() {
        return Incoming::End;
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(value) => Incoming::Message(frame(&body), value),
        Err(_) => Incoming::Malformed,
    }
}

/// Pumps client → server, answering malformed messages with a parse error and invalid ones with
/// an invalid request, and passing each valid one through `ingress` first.
pub async fn pump_input<R, W>(
    input: R,
    mut server: W,
    replies: mpsc::UnboundedSender<Vec<u8>>,
    ingress: Arc<dyn Ingress>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    let send = |value: &Value| {
        let _ = replies.send(frame(value.to_string().as_bytes()));
    };
    loop {
        match read_frame(&mut reader).await {
            Incoming::Message(bytes, value) => {
                if let Some(reason) = message::invalid(&value) {
                    message::invalid_request_replies(&value, reason)
                        .iter()
                        .for_each(send);
                    continue;
                }
                match ingress.inspect(&value) {
                    Verdict::Handled(notifications) => notifications.iter().for_each(send),
                    Verdict::Forward => {
                        if server.write_all(&bytes).await.is_err() || server.flush().await.is_err()
                        {
                            return;
                        }
                    }
                }
            }
            Incoming::Malformed => {
                let _ = replies.send(frame(PARSE_ERROR.as_bytes()));
            }
            Incoming::End => return,
        }
    }
}

/// Pumps server output, frame by frame, into the single writer.
pub async fn pump_output<R: AsyncRead + Unpin>(server: R, frames: mpsc::UnboundedSender<Vec<u8>>) {
    let mut reader = BufReader::new(server);
    loop {
        match read_frame(&mut reader).await {
            Incoming::Message(bytes, _) => {
                if frames.send(bytes).is_err() {
                    return;
                }
            }
            Incoming::Malformed => continue,
            Incoming::End => return,
        }
    }
}

/// The client's end (stdout), shared by the threads that write to it: each frame is written
/// whole under the lock, so frames never interleave.
#[derive(Clone)]
pub struct Output(Arc<std::sync::Mutex<Box<dyn std::io::Write + Send>>>);

impl Output {
    pub fn new(writer: impl std::io::Write + Send + 'static) -> Output {
        Output(Arc::new(std::sync::Mutex::new(Box::new(writer))))
    }

    /// Writes one frame and flushes; false once the client is gone.
    pub fn write(&self, frame: &[u8]) -> bool {
        let mut writer = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        writer.write_all(frame).is_ok() && writer.flush().is_ok()
    }
}

/// Writes the frames queued by the framework and the transport (the check thread writes its
/// own), on a thread of its own with std's blocking stdout: tokio's would hand every write to its
/// blocking pool and back. An empty frame is a flush marker: once everything queued before it is
/// written, `flushed` hears of it.
pub fn write_frames(
    output: Output,
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
    flushed: std::sync::mpsc::Sender<()>,
) {
    while let Some(bytes) = frames.blocking_recv() {
        if bytes.is_empty() {
            let _ = flushed.send(());
            continue;
        }
        if !output.write(&bytes) {
            return;
        }
    }
}

/// A blocking reader as an [`AsyncRead`] whose reads complete at once. For a thread that runs
/// nothing else (the stdin reader): tokio's own stdin hands every read to its blocking pool and
/// back, a thread hand-off per message that an editor's keystroke would wait for.
pub struct Blocking<R>(pub R);

impl<R: std::io::Read + Unpin> AsyncRead for Blocking<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let read = self.0.read(buf.initialize_unfilled());
        std::task::Poll::Ready(read.map(|n| buf.advance(n)))
    }
}
