//! The security family (FL3xx).

pub mod create_secret;
pub mod credentials;
pub mod detect;
pub mod insecure_http;
pub mod oauth_scope;
pub mod redact;
pub mod scan;
pub mod scan_refusal;
pub mod upstream_scan;
