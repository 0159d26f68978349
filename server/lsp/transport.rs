//! The stdio transport, hardened. tower-lsp-server's reader stops reading for good after the first
//! malformed message (its framed stream ends on a decode error), so every message is validated here
//! first: a well-formed frame with a JSON body goes to the server; anything else gets a JSON-RPC
//! "Parse error" answer (id null, as the specification asks) and the server keeps running. Outgoing
//! frames from the server and from this layer go through one writer, whole, so they never interleave.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Largest message accepted (a 10 MB document plus JSON escaping fits comfortably).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

const PARSE_ERROR: &str =
    r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// One message read from the client.
enum Incoming {
    /// A frame whose body is valid JSON, re-framed for the server.
    Message(Vec<u8>),
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
    match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(value) if value.is_object() || value.is_array() => Incoming::Message(frame(&body)),
        _ => Incoming::Malformed,
    }
}

/// Pumps client → server, answering malformed messages with a parse error.
pub async fn pump_input<R, W>(input: R, mut server: W, replies: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    loop {
        match read_frame(&mut reader).await {
            Incoming::Message(bytes) => {
                if server.write_all(&bytes).await.is_err() || server.flush().await.is_err() {
                    return;
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
            Incoming::Message(bytes) => {
                if frames.send(bytes).is_err() {
                    return;
                }
            }
            Incoming::Malformed => continue,
            Incoming::End => return,
        }
    }
}

/// Writes whole frames to the client.
pub async fn write_frames<W: AsyncWrite + Unpin>(
    mut output: W,
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    while let Some(bytes) = frames.recv().await {
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}
