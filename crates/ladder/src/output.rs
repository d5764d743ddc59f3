//! What the CLI prints: JSON answers on stdout, errors on stderr.

use std::io::Write;

/// Prints a JSON document, pretty, on stdout.
pub(crate) fn json(bytes: &[u8]) {
    let text = match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_default(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    };
    line(&text);
}

/// Prints a line on stdout; a closed pipe ends output silently.
pub(crate) fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Prints an error with its causes on stderr.
pub(crate) fn error(err: &anyhow::Error) {
    let mut out = std::io::stderr().lock();
    let _ = writeln!(out, "error: {err}");
    for cause in err.chain().skip(1) {
        let _ = writeln!(out, "  caused by: {cause}");
    }
}
