//! What the CLI prints: JSON answers on stdout, errors on stderr.

use std::io::Write;

use indicatif::{HumanCount, ProgressState, ProgressStyle};

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

/// The style of every progress bar, counting `unit` (`events`, `lines`). The rate is
/// shown by [`rate`]: indicatif's own `{per_sec}` shows four decimals, noise at
/// thousands a second.
pub(crate) fn progress_style(unit: &str) -> ProgressStyle {
    ProgressStyle::with_template(&template(unit))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = out.write_str(&rate(state.per_sec()));
            },
        )
}

fn template(unit: &str) -> String {
    format!("{{bar:40}} {{pos}}/{{len}} {unit}  {{rate}}  eta {{eta}}")
}

/// A rate per second as a whole number with thousands separators: `104,389/s`.
fn rate(per_sec: f64) -> String {
    // Rounded through its text, so no cast can lose a sign or wrap; a rate that is not
    // finite shows as 0.
    let whole = format!("{:.0}", per_sec.max(0.0))
        .parse::<u64>()
        .unwrap_or(0);
    format!("{}/s", HumanCount(whole))
}

#[cfg(test)]
mod tests {
    use super::{rate, template};

    #[test]
    fn rates_are_whole_numbers_with_thousands_separators() {
        // Pins a past failure: progress lines showed rates such as `104,388.8602/s`.
        assert_eq!(rate(104_388.860_2), "104,389/s");
        assert_eq!(rate(12.4), "12/s");
        assert_eq!(rate(0.0), "0/s");
        assert_eq!(rate(f64::INFINITY), "0/s");
        assert_eq!(rate(f64::NAN), "0/s");
    }

    #[test]
    fn the_progress_template_is_valid() {
        // A template indicatif refused would fall back to its default bar, unnoticed.
        assert!(indicatif::ProgressStyle::with_template(&template("events")).is_ok());
    }
}
