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

/// A command line of the stream, as `ladder load` reads it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Line {
    pub(crate) command: String,
    pub(crate) body: Value,
}

/// A batch of xAPI statements, as `ladder load` posts it to the statement endpoint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Batch {
    pub(crate) xapi: Vec<Value>,
}

/// Any line of the stream.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Entry {
    Command(Line),
    Xapi(Batch),
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

/// Every line of `bytes`, parsed.
pub(crate) fn entries(bytes: &[u8]) -> Vec<Entry> {
    std::str::from_utf8(bytes)
        .expect("the stream is UTF-8")
        .lines()
        .map(|line| {
            serde_json::from_str(line).expect("every line is a command or a statement batch")
        })
        .collect()
}

/// The command lines of `bytes`, parsed.
pub(crate) fn lines(bytes: &[u8]) -> Vec<Line> {
    entries(bytes)
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Command(line) => Some(line),
            Entry::Xapi(_) => None,
        })
        .collect()
}

/// The command lines of the scenario `settings` describe.
pub(crate) fn generated(settings: &Settings) -> Vec<Line> {
    lines(&jsonl(settings))
}

/// Every statement of the scenario `settings` describe, in stream order.
pub(crate) fn statements(settings: &Settings) -> Vec<Value> {
    entries(&jsonl(settings))
        .into_iter()
        .flat_map(|entry| match entry {
            Entry::Command(_) => Vec::new(),
            Entry::Xapi(batch) => batch.xapi,
        })
        .collect()
}

/// Command lines named `command`.
pub(crate) fn named<'a>(lines: &'a [Line], command: &str) -> Vec<&'a Line> {
    lines.iter().filter(|l| l.command == command).collect()
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

/// The statement's date: its timestamp's, in UTC.
pub(crate) fn statement_date(statement: &Value) -> Date {
    let timestamp = statement["timestamp"]
        .as_str()
        .expect("every statement has a timestamp");
    timestamp[..10]
        .parse()
        .expect("timestamps begin with a date")
}

/// The line's effective date.
pub(crate) fn effective(line: &Line) -> Date {
    text(line, "effective_date")
        .parse()
        .expect("effective dates are dates")
}
