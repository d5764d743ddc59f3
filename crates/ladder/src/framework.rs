//! `ladder framework`: the competency framework as data.

use std::path::PathBuf;
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
        /// Where to write the framework TOML; - for standard output.
        #[arg(long, default_value = "-")]
        out: PathBuf,
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
        FrameworkCommand::ImportMoodle { csv, mapping, out } => {
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
            if out.as_os_str() == "-" {
                output::line(toml.trim_end());
            } else {
                std::fs::write(&out, toml)
                    .with_context(|| format!("cannot write {}", out.display()))?;
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

/// A summary line on stderr, so that stdout stays a clean TOML file.
fn eprintln_summary(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}
