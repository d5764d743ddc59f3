//! `ladder load`: replaying a scenario file through the public APIs.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
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

fn read(files: &[PathBuf]) -> Result<Vec<(String, Line)>> {
    let mut lines = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        for (number, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() || raw.trim_start().starts_with("//") {
                continue;
            }
            let place = format!("{}:{}", path.display(), number + 1);
            let line: Line = serde_json::from_str(raw).with_context(|| {
                format!("{place}: not a {{\"command\", \"body\"}} or {{\"xapi\"}} object")
            })?;
            lines.push((place, line));
        }
    }
    Ok(lines)
}

/// Sends every line in order; a rejected line is reported and the rest still go.
pub(crate) async fn run(remote: &Remote, files: &[PathBuf]) -> Result<ExitCode> {
    let lines = read(files)?;
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(lines.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} lines  {per_sec}  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
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
