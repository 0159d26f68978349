//! The command-line face: argument parsing, the commands, and the output renderers.

pub mod args;
mod commands;
mod connect;
mod escape;
mod github;
mod human;
mod json;
mod output;
mod paths;
mod position;
mod profiles_v1;
mod sarif;
mod source_window;

pub use commands::run;
