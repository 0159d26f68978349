//! Work the caller should not wait for. At the bottom of the layers: any stage may use it.

/// Drops `value` on a short-lived thread (inline if no thread can be started: the failed spawn
/// drops its closure). Freeing a large document's tree or JSON value takes milliseconds that an
/// editor waiting for diagnostics should not spend.
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("floe-lint-drop".into())
        .spawn(move || drop(value));
}
