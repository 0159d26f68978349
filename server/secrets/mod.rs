//! Secrets: finding them and never showing them. One scanner ([`scan`]) serves every consumer
//! (the `FL300`/`FL305` rules, hover, the profiles preview, `connect`), so nothing a rule hides can
//! appear elsewhere; [`redact`] is the only way a secret's text leaves this module. It sits below
//! everything that reads configuration (it needs only `syntax` and `diagnostic`).

pub mod detect;
pub mod redact;
pub mod scan;
pub mod upstream_scan;
