//! `ladder load`: replaying a scenario file through the public APIs.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use indicatif::ProgressBar;
use serde::Deserialize;

use crate::output;
use crate::remote::Remote;

/// One line of a scenario file.
#[derive(Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum Line {
    /// A command and its body.
    Command {
        command: String,
        body: serde_json::Value,
    },
    /// One xAPI statement or an array of them, as an LMS would send.
    Xapi { xapi: serde_json::Value },
}

impl Line {
    fn describe(&self) -> &str {
        match self {
            Line::Command { command, .. } => command,
            Line::Xapi { .. } => "xapi statements",
        }
    }
}

/// How many malformed lines are listed one by one; the rest are counted.
const MALFORMED_LISTED: usize = 50;

/// The lines of the files, or every line that is not one.
struct Scenario {
    lines: Vec<(String, Line)>,
    /// `file:line: what is wrong`, in file order.
    malformed: Vec<String>,
}

/// Reads and checks every line of every file before anything is sent, so that a
/// malformed file is refused whole rather than half-loaded, and all its faults are
/// reported in one run rather than one per attempt.
fn read(files: &[PathBuf]) -> Result<Scenario> {
    let mut scenario = Scenario {
        lines: Vec::new(),
        malformed: Vec::new(),
    };
    for path in files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        for (number, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() || raw.trim_start().starts_with("//") {
                continue;
            }
            let place = format!("{}:{}", path.display(), number + 1);
            match serde_json::from_str::<Line>(raw) {
                Ok(line) => scenario.lines.push((place, line)),
                Err(err) => {
                    // serde places a syntax fault within the one-line document ("at line 1
                    // column 2"); only the column means anything beside the file's line. A
                    // well-formed value of neither shape has no position, and serde names
                    // the private enum, which says nothing to whoever wrote the file.
                    let text = err.to_string();
                    let reason = match text.rsplit_once(" at line ") {
                        Some((reason, _)) => format!("{reason} (column {})", err.column()),
                        None if err.is_data() => "it has neither shape's fields".to_owned(),
                        None => text,
                    };
                    scenario.malformed.push(format!(
                        "{place}: not a {{\"command\", \"body\"}} or {{\"xapi\"}} object: \
                         {reason}"
                    ));
                }
            }
        }
    }
    Ok(scenario)
}

/// What to print for malformed lines: the first [`MALFORMED_LISTED`], how many more,
/// and the summary.
fn malformed_report(malformed: &[String]) -> Vec<String> {
    let mut report: Vec<String> = malformed.iter().take(MALFORMED_LISTED).cloned().collect();
    if malformed.len() > MALFORMED_LISTED {
        report.push(format!(
            "… and {} more malformed lines",
            malformed.len() - MALFORMED_LISTED
        ));
    }
    let noun = if malformed.len() == 1 {
        "line"
    } else {
        "lines"
    };
    report.push(format!(
        "{} malformed {noun}; nothing was sent",
        malformed.len()
    ));
    report
}

/// Lines checked by [`check`], ready to send.
pub(crate) struct Checked(Vec<(String, Line)>);

/// Reads and checks the files before anything connects: every malformed line is printed
/// on stderr with its place, and then `None` says that nothing may be sent.
pub(crate) fn check(files: &[PathBuf]) -> Result<Option<Checked>> {
    let Scenario { lines, malformed } = read(files)?;
    if malformed.is_empty() {
        return Ok(Some(Checked(lines)));
    }
    let mut err = std::io::stderr().lock();
    for text in malformed_report(&malformed) {
        let _ = writeln!(err, "{text}");
    }
    Ok(None)
}

/// Sends every line in order; a rejected line is reported and the rest still go. Exits 1
/// when the server did not accept some lines.
pub(crate) async fn send(remote: &Remote, Checked(lines): Checked) -> Result<ExitCode> {
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(lines.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(crate::output::progress_style("lines"));
    let (mut accepted, mut failed) = (0usize, 0usize);
    for (place, line) in &lines {
        let answer = match line {
            Line::Command { command, body } => {
                let body = serde_json::to_vec(body).context("cannot encode a command body")?;
                remote.command(command, body).await?
            }
            Line::Xapi { xapi } => {
                let body = serde_json::to_vec(xapi).context("cannot encode statements")?;
                remote.statements(body).await?
            }
        };
        if answer.status == 200 {
            accepted += 1;
        } else {
            failed += 1;
            bar.suspend(|| {
                output::line(&format!(
                    "{place}: {} not accepted: {}",
                    line.describe(),
                    String::from_utf8_lossy(&answer.body)
                ));
            });
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    output::line(&format!("{accepted} lines accepted, {failed} not accepted"));
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write the scenario file");
        path
    }

    #[test]
    fn every_malformed_line_is_reported_with_its_place() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let good = r#"{"command":"register-erg","body":{}}"#;
        let first = file_with(&dir, "f1.jsonl", &format!("{good}\n"));
        let second = file_with(
            &dir,
            "f2.jsonl",
            &format!("{good}\n{{broken\n{{also broken\n\n// a comment\n{good}\n42\n"),
        );
        let scenario = read(&[first, second.clone()]).expect("the files are readable");
        assert_eq!(scenario.lines.len(), 3);
        let places: Vec<&str> = scenario
            .malformed
            .iter()
            .map(|m| m.split(": ").next().unwrap_or_default())
            .collect();
        let f2 = second.display();
        assert_eq!(
            places,
            [format!("{f2}:2"), format!("{f2}:3"), format!("{f2}:7")]
        );
        assert!(scenario.malformed[0].contains("not a {\"command\", \"body\"}"));

        assert!(scenario.malformed[0].ends_with("key must be a string (column 2)"));
        assert!(scenario.malformed[2].ends_with("it has neither shape's fields"));

        let report = malformed_report(&scenario.malformed);
        assert_eq!(report.len(), 4);
        assert_eq!(report[3], "3 malformed lines; nothing was sent");
    }

    #[test]
    fn a_long_list_of_malformed_lines_is_capped_and_counted() {
        let malformed: Vec<String> = (1..=120).map(|n| format!("f.jsonl:{n}: bad")).collect();
        let report = malformed_report(&malformed);
        assert_eq!(report.len(), MALFORMED_LISTED + 2);
        assert_eq!(report[MALFORMED_LISTED - 1], "f.jsonl:50: bad");
        assert_eq!(report[MALFORMED_LISTED], "… and 70 more malformed lines");
        assert_eq!(
            report[MALFORMED_LISTED + 1],
            "120 malformed lines; nothing was sent"
        );
    }

    #[test]
    fn a_clean_file_has_no_malformed_lines() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = file_with(&dir, "ok.jsonl", "{\"xapi\":[]}\n");
        let scenario = read(&[path]).expect("readable");
        assert!(scenario.malformed.is_empty());
        assert_eq!(scenario.lines.len(), 1);
    }
}
