//! Work spread over threads with results in input order, so that what is reported never depends
//! on timing: the checks of a monorepo's projects and the discovery of its files.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The number of threads to use by default: every core the process may run on (reading it is a
/// few cgroup files, so a run that needs one thread does not ask).
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` of every item, in the items' order, `threads` at a time. Each thread takes the next item
/// when it is done with one, so a few large items do not leave the other threads idle. A panic
/// in `f` is a panic here (the scope re-raises it).
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: &(dyn Fn(&T) -> R + Sync),
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else {
                        break;
                    };
                    let result = f(item);
                    if let Ok(mut results) = results.lock() {
                        results[index] = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_at_any_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        let slow_square = |n: &u64| {
            // Uneven work, so that threads finish out of order.
            std::thread::sleep(std::time::Duration::from_micros(n % 7));
            n * n
        };
        let expected: Vec<u64> = items.iter().map(|n| n * n).collect();
        for threads in [0, 1, 2, 8] {
            assert_eq!(map_in_order(&items, threads, &slow_square), expected);
        }
    }
}
