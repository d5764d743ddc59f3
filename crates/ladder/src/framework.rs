//! `ladder framework`: the competency framework as data.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use crate::config::{CompetencyOptions, FileConfig};
use crate::output;

#[derive(Subcommand, Debug)]
pub(crate) enum FrameworkCommand {
    /// Print the active framework (the built-in one unless --framework) as TOML.
    Show {
        #[command(flatten)]
        competency: CompetencyOptions,
    },
    /// Check a framework file and summarise it; exits 1 if it is invalid.
    Check {
        /// The framework TOML file.
        file: PathBuf,
    },
    /// Convert a Moodle competency-framework CSV export into a framework file, with
    /// levels and rules attached from a mapping file.
    ImportMoodle {
        /// The CSV exported from Moodle (Site administration › Competencies › Export).
        csv: PathBuf,
        /// TOML mapping: the framework version and, per competency id, its levels.
        #[arg(long)]
        mapping: PathBuf,
        /// Where to write the framework TOML; - for standard output. An existing
        /// file is refused unless --force; the file appears only when complete.
        #[arg(long, default_value = "-")]
        out: PathBuf,
        /// Replace an existing file at --out.
        #[arg(long)]
        force: bool,
    },
}

pub(crate) fn run(command: FrameworkCommand) -> Result<ExitCode> {
    match command {
        FrameworkCommand::Show { competency } => {
            let framework = competency.load(&FileConfig::default())?;
            output::line(
                framework
                    .to_toml()
                    .context("cannot write the framework")?
                    .trim_end(),
            );
            Ok(ExitCode::SUCCESS)
        }
        FrameworkCommand::Check { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            match ladder_competency::Framework::from_toml(&text) {
                Ok(framework) => {
                    let levels: usize = framework
                        .competencies()
                        .iter()
                        .map(|c| c.levels().len())
                        .sum();
                    output::line(&format!(
                        "{}: framework {} version {}, {} competencies, {levels} levels",
                        file.display(),
                        framework.id(),
                        framework.version(),
                        framework.competencies().len(),
                    ));
                    Ok(ExitCode::SUCCESS)
                }
                Err(err) => {
                    output::error(&anyhow::Error::new(err).context(format!("{}", file.display())));
                    Ok(ExitCode::from(1))
                }
            }
        }
        FrameworkCommand::ImportMoodle {
            csv,
            mapping,
            out,
            force,
        } => {
            let to_stdout = out.as_os_str() == "-";
            // Refused before the import too, so that a mistyped --out is reported
            // first rather than after a long CSV's errors.
            if !to_stdout && !force && std::fs::symlink_metadata(&out).is_ok() {
                anyhow::bail!(
                    "{} already exists; pass --force to replace it",
                    out.display()
                );
            }
            let csv_text = std::fs::read_to_string(&csv)
                .with_context(|| format!("cannot read {}", csv.display()))?;
            let mapping_text = std::fs::read_to_string(&mapping)
                .with_context(|| format!("cannot read {}", mapping.display()))?;
            let import = ladder_competency::import_moodle_csv(&csv_text, &mapping_text)
                .with_context(|| format!("cannot import {}", csv.display()))?;
            let toml = import
                .framework
                .to_toml()
                .context("cannot write the framework")?;
            if to_stdout {
                output::line(toml.trim_end());
            } else {
                write_file(&out, toml.as_bytes(), force)?;
            }
            let report = import.report;
            eprintln_summary(&format!(
                "imported {} competencies: {} with levels from the mapping, {} without",
                report.competencies, report.mapped, report.unmapped
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place, so that
/// `path` never holds half a framework. Without `force` the rename refuses a file that
/// appeared at `path` meanwhile.
fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ladder-framework.").suffix(".partial");
    // Temporary files are private by default; the framework gets the permissions any
    // file the user creates gets (the umask applies).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut staging = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    staging
        .write_all(bytes)
        .and_then(|()| staging.as_file().sync_all())
        .with_context(|| format!("cannot write {}", staging.path().display()))?;
    let placed = if force {
        staging.persist(path)
    } else {
        staging.persist_noclobber(path)
    };
    placed.map_err(|failed| match failed.error.kind() {
        ErrorKind::AlreadyExists if !force => anyhow::anyhow!(
            "{} already exists; pass --force to replace it",
            path.display()
        ),
        _ => anyhow::Error::new(failed.error).context(format!("cannot write {}", path.display())),
    })?;
    Ok(())
}

/// A summary line on stderr, so that stdout stays a clean TOML file.
fn eprintln_summary(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/frameworks/oecd-core-competencies-moodle.csv"
    );
    const MAPPING: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../competency/frameworks/oecd-mapping.example.toml"
    );

    fn import(out: &Path, force: bool) -> Result<ExitCode> {
        run(FrameworkCommand::ImportMoodle {
            csv: PathBuf::from(FIXTURE),
            mapping: PathBuf::from(MAPPING),
            out: out.to_path_buf(),
            force,
        })
    }

    #[test]
    fn import_moodle_refuses_an_existing_out_file_unless_forced() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let out = dir.path().join("oecd.toml");
        std::fs::write(&out, "keep me\n").expect("seed file");

        let err = import(&out, false).expect_err("an existing --out must be refused");
        assert!(
            err.to_string().contains("already exists; pass --force"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me\n");

        import(&out, true).expect("--force replaces the file");
        let written = std::fs::read_to_string(&out).expect("read");
        ladder_competency::Framework::from_toml(&written).expect("a valid framework");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|name| name != "oecd.toml")
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }

    #[test]
    fn import_moodle_writes_a_new_out_file_without_force() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let out = dir.path().join("new.toml");
        import(&out, false).expect("a new file is written");
        let written = std::fs::read_to_string(&out).expect("read");
        ladder_competency::Framework::from_toml(&written).expect("a valid framework");
    }
}
