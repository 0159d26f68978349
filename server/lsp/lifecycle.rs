//! `shutdown` and `exit`, seen by the transport as they arrive. After `exit` the process must end
//! (LSP: with code 0 if `shutdown` came first, else 1) even when the framework cannot: it waits
//! for every pending handler, and a handler waiting on the client (a `workspace/configuration`
//! the client never answers) would keep the server alive after the editor has gone.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::Value;

use super::transport::{Ingress, Verdict};

/// How long the framework gets to finish on its own after `exit`.
const GRACE: Duration = Duration::from_secs(2);

#[derive(Default)]
pub struct Lifecycle {
    shutdown: AtomicBool,
}

impl Lifecycle {
    /// The exit code LSP asks for: 0 after `shutdown`, else 1.
    pub fn exit_code(&self) -> i32 {
        if self.shutdown.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    }
}

impl Ingress for Lifecycle {
    fn inspect(&self, message: &Value) -> Verdict {
        match message.get("method").and_then(Value::as_str) {
            Some("shutdown") => self.shutdown.store(true, Ordering::SeqCst),
            Some("exit") => {
                let code = if self.shutdown.load(Ordering::SeqCst) {
                    0
                } else {
                    1
                };
                let _ = std::thread::Builder::new()
                    .name("floe-lint-exit".into())
                    .spawn(move || {
                        std::thread::sleep(GRACE);
                        std::process::exit(code);
                    });
            }
            _ => {}
        }
        Verdict::Forward
    }
}
