//! LSP's base protocol for the test and benchmark clients (included with `#[path]` by
//! tests/lsp/client.rs, tests/wheel/support.rs and benches/support/lsp_client.rs): a message
//! framed with its `Content-Length` header, and the next message read back from a stream.

use std::io::BufRead;

use serde_json::Value;

/// `body` with its `Content-Length` header.
pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The next message's JSON body; `None` at the end of the stream or on a malformed frame.
pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
