//! `ladder gen`: write a generated scenario as JSON lines for `ladder load`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use ladder_scenario::{Settings, generate};

use crate::output;

/// Generates the scenario and writes it to `out`, or to standard output for `-`.
pub(crate) fn run(settings: &Settings, out: &Path) -> Result<ExitCode> {
    let scenario = generate(settings).context("cannot generate the scenario")?;
    if out == Path::new("-") {
        scenario
            .write_jsonl(std::io::stdout().lock())
            .context("cannot write the scenario to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    // Written beside the target and renamed, so a failed run never leaves half a file.
    let partial = partial_path(out);
    let file =
        File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let write = scenario.write_jsonl(&file).and_then(|()| {
        file.sync_all()
            .map_err(ladder_scenario::ScenarioError::Write)
    });
    if let Err(err) = write {
        let _ = std::fs::remove_file(&partial);
        return Err(err).with_context(|| format!("cannot write {}", partial.display()));
    }
    std::fs::rename(&partial, out)
        .with_context(|| format!("cannot move {} to {}", partial.display(), out.display()))?;
    output::line(&format!(
        "wrote {} lines ({} commands, {} xAPI statements) to {}",
        scenario.lines(),
        scenario.commands().len(),
        scenario.statements(),
        out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

fn partial_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    out.with_file_name(name)
}
