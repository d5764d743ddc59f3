//! `ladder gen`: write a generated scenario as JSON lines for `ladder load`.

use std::io::ErrorKind;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use ladder_scenario::{Settings, generate};

use crate::output;

/// Generates the scenario and writes it to `out`, or to standard output for `-`. An
/// existing `out` is refused unless `force`, as `audit export` and
/// `framework import-moodle` refuse theirs.
pub(crate) fn run(settings: &Settings, out: &Path, force: bool) -> Result<ExitCode> {
    let to_stdout = out == Path::new("-");
    // Checked before generating too, so that a mistyped --out is reported at once
    // rather than after a large scenario was generated.
    if !to_stdout && !force && std::fs::symlink_metadata(out).is_ok() {
        return Err(exists(out));
    }
    let scenario = generate(settings).context("cannot generate the scenario")?;
    if to_stdout {
        scenario
            .write_jsonl(std::io::stdout().lock())
            .context("cannot write the scenario to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    // Written beside the target and renamed, so a failed run never leaves half a file.
    let dir = match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ladder-gen.").suffix(".partial");
    // Temporary files are private by default; the scenario gets the permissions any
    // file the user creates gets (the umask applies).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let staging = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    scenario
        .write_jsonl(staging.as_file())
        .and_then(|()| {
            staging
                .as_file()
                .sync_all()
                .map_err(ladder_scenario::ScenarioError::Write)
        })
        .with_context(|| format!("cannot write {}", staging.path().display()))?;
    // Without --force the rename also refuses a file that appeared meanwhile.
    let placed = if force {
        staging.persist(out)
    } else {
        staging.persist_noclobber(out)
    };
    placed.map_err(|failed| match failed.error.kind() {
        ErrorKind::AlreadyExists if !force => exists(out),
        _ => anyhow::Error::new(failed.error).context(format!("cannot write {}", out.display())),
    })?;
    output::line(&format!(
        "wrote {} lines ({} commands, {} xAPI statements) to {}",
        scenario.lines(),
        scenario.commands().len(),
        scenario.statements(),
        out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

fn exists(out: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "{} already exists; pass --force to replace it",
        out.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            employees: 40,
            years: 1,
            seed: 7,
            start: ladder_scenario::DEFAULT_START,
        }
    }

    #[test]
    fn gen_refuses_an_existing_out_file_unless_forced() {
        // Pins a past failure: `ladder gen --out FILE` silently replaced an existing file.
        let dir = tempfile::tempdir().expect("temporary directory");
        let out = dir.path().join("scenario.jsonl");
        std::fs::write(&out, "keep me\n").expect("writes");
        let err = run(&settings(), &out, false).expect_err("an existing file is refused");
        assert!(
            err.to_string().contains("already exists; pass --force"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&out).expect("reads"), "keep me\n");

        run(&settings(), &out, true).expect("--force replaces the file");
        let written = std::fs::read_to_string(&out).expect("reads");
        assert!(written.lines().count() > 1, "a scenario was written");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|entry| entry.expect("an entry").file_name())
            .collect();
        assert_eq!(leftovers, ["scenario.jsonl"], "no temporary file is left");
    }

    #[test]
    fn gen_writes_a_new_out_file_without_force() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let out = dir.path().join("scenario.jsonl");
        run(&settings(), &out, false).expect("a new file is written");
        assert!(
            std::fs::read_to_string(&out)
                .expect("reads")
                .lines()
                .count()
                > 1
        );
    }
}
