//! Progress on stderr for the long steps, and nothing at all when stderr is not a
//! terminal, so that a piped or CI run prints only its results.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar counting `len` operations of the step `what`.
pub(crate) fn bar(what: &str, len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len).with_prefix(what.to_owned());
    bar.set_style(
        ProgressStyle::with_template("{prefix:>34} {bar:30} {pos}/{len} {per_sec:>12} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// A spinner for a step whose length is not known in operations.
pub(crate) fn spinner(what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner().with_prefix(what.to_owned());
    spinner.set_style(
        ProgressStyle::with_template("{prefix:>34} {spinner} {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.enable_steady_tick(Duration::from_millis(100));
    spinner
}
