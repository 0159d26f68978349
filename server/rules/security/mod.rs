//! The security family (FL3xx).

pub mod create_secret;
pub mod credentials;
pub mod insecure_http;
pub mod oauth_scope;
pub mod scan_refusal;
pub mod tls_verification;
