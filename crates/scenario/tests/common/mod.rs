//! Generating scenarios and reading their JSON lines back, shared by the tests.

#![allow(
    dead_code,
    clippy::expect_used,
    clippy::panic,
    reason = "each test file uses a part of the helpers; a failed expectation is a failed test"
)]

use jiff::civil::Date;
use ladder_scenario::{DEFAULT_START, Settings, generate};
use serde::Deserialize;
use serde_json::Value;

/// One line of the stream, as `ladder load` reads it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Line {
    pub(crate) command: String,
    pub(crate) body: Value,
}

/// The settings of a scenario from the default start date.
pub(crate) fn settings(employees: u32, years: u32, seed: u64) -> Settings {
    Settings {
        employees,
        years,
        seed,
        start: DEFAULT_START,
    }
}

/// The JSON lines of the scenario `settings` describe.
pub(crate) fn jsonl(settings: &Settings) -> Vec<u8> {
    let scenario = generate(settings).expect("the settings are in range");
    let mut bytes = Vec::new();
    scenario
        .write_jsonl(&mut bytes)
        .expect("a Vec accepts every byte");
    bytes
}

/// The lines of `bytes`, parsed.
pub(crate) fn lines(bytes: &[u8]) -> Vec<Line> {
    std::str::from_utf8(bytes)
        .expect("the stream is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is a command object"))
        .collect()
}

/// The lines of the scenario `settings` describe.
pub(crate) fn generated(settings: &Settings) -> Vec<Line> {
    lines(&jsonl(settings))
}

/// The body's field `name` as text.
pub(crate) fn text<'a>(line: &'a Line, name: &str) -> &'a str {
    line.body[name]
        .as_str()
        .unwrap_or_else(|| panic!("{} has no text field {name}", line.command))
}

/// The body's field `name` as a number.
pub(crate) fn number(line: &Line, name: &str) -> u64 {
    line.body[name]
        .as_u64()
        .unwrap_or_else(|| panic!("{} has no number field {name}", line.command))
}

/// The line's effective date.
pub(crate) fn effective(line: &Line) -> Date {
    text(line, "effective_date")
        .parse()
        .expect("effective dates are dates")
}
