//! `ladder audit`: the auditors' commands, reading the stream itself.
//!
//! Each connects with [`EventLog::connect_existing`], which neither creates the
//! stream nor refuses an unsafe one (verify reports that instead), and opens read
//! models read-only, so all of them run beside a `ladder serve` on the same data.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Subcommand, ValueEnum};
use indicatif::ProgressBar;
use jiff::Timestamp;
use jiff::civil::Date;
use ladder_audit::events::{AuditEvent, EventSink, Filter};
use ladder_audit::replay::Until;
use ladder_audit::verify::VerifyReport;
use ladder_audit::{AuditError, events, export, replay, verify};
use ladder_eventlog::{EventLog, EventLogConfig};
use ladder_projection::MODELS_FILE;
use uuid::Uuid;

use crate::config::Connection;
use crate::output;

mod render;

/// The auditors' subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum AuditCommand {
    /// List events with who, when, why and the evidence each produced.
    Log {
        /// Only events naming this employee, issued by them, or about their
        /// budgets, projects, mentorships or learning record.
        #[arg(long)]
        employee: Option<Uuid>,
        /// Only the ERG's own events and those of its budgets and projects.
        #[arg(long)]
        erg: Option<Uuid>,
        /// Only events effective on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<Date>,
        /// Only events effective on or before this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LogFormat::Table)]
        format: LogFormat,
        #[command(flatten)]
        connection: Connection,
    },
    /// Build the read models as they were at a point into a new data directory,
    /// for `ladder query --data DIR`.
    Replay {
        /// Up to and including this stream sequence.
        #[arg(
            long,
            conflicts_with = "until_time",
            required_unless_present = "until_time"
        )]
        until_seq: Option<u64>,
        /// Up to the last commit recorded at or before this time (RFC 3339, e.g.
        /// 2026-12-03T10:00:00Z).
        #[arg(long)]
        until_time: Option<Timestamp>,
        /// The new data directory; must not hold read models yet.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        connection: Connection,
    },
    /// Check hash chains, decoding, sequence gaps, stream settings, and that a
    /// rebuild equals the live read models; exits 1 on any finding.
    Verify {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        #[command(flatten)]
        connection: Connection,
    },
    /// Write every event as JSON lines, byte-identical for the same stream.
    ///
    /// The file appears under its name only when complete; an existing file is refused
    /// unless --force is given.
    Export {
        /// The file to write; must not exist yet, unless --force.
        #[arg(long)]
        out: PathBuf,
        /// Compress with zstd.
        #[arg(long)]
        compress: bool,
        /// Replace an existing file at --out once the new export is complete.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        connection: Connection,
    },
}

/// How `audit log` prints events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum LogFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line.
    Jsonl,
}

/// How `audit verify` prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Sections for reading.
    Table,
    /// One JSON document.
    Json,
}

pub(crate) async fn run(command: AuditCommand) -> Result<ExitCode> {
    match command {
        AuditCommand::Log {
            employee,
            erg,
            from,
            to,
            format,
            connection,
        } => {
            let filter = Filter {
                employee,
                erg,
                from,
                to,
            };
            // Checked before connecting: a reversed period is a typo, not a question
            // the stream can answer.
            filter
                .check()
                .map_err(|err| anyhow::anyhow!("--{}: {}", err.field, err.message))?;
            let log = connect(&connection).await?;
            let bar = progress_bar(log.last_sequence().await?);
            let sink = Printer::new(format, bar.clone());
            let (mut sink, summary) =
                events::walk(&log, filter, sink, &mut |seq| bar.set_position(seq))
                    .await
                    .context("audit log failed")?;
            sink.finish();
            bar.finish_and_clear();
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "{} events listed from {} messages up to sequence {}; {} quarantined",
                summary.listed, summary.messages, summary.last_seq, summary.quarantined
            );
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Replay {
            until_seq,
            until_time,
            out,
            connection,
        } => {
            let log = connect(&connection).await?;
            let until = match (until_seq, until_time) {
                (Some(seq), _) => Until::Seq(seq),
                (None, Some(time)) => Until::Time(time),
                (None, None) => anyhow::bail!("give --until-seq or --until-time"),
            };
            let bar = progress_bar(log.last_sequence().await?);
            let report = replay::replay(&log, until, &out, &mut |seq| bar.set_position(seq))
                .await
                .context("audit replay failed")?;
            bar.finish_and_clear();
            output::json(&serde_json::to_vec(&report).context("cannot encode the report")?);
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Verify { format, connection } => {
            let file = connection.file()?;
            let models = connection.data_dir(&file).join(MODELS_FILE);
            let log = connect(&connection).await?;
            let bar = progress_bar(log.last_sequence().await?);
            let report = verify::verify(&log, &models, &mut |seq| bar.set_position(seq))
                .await
                .context("audit verify failed")?;
            bar.finish_and_clear();
            match format {
                ReportFormat::Json => {
                    output::json(&serde_json::to_vec(&report).context("cannot encode the report")?);
                }
                ReportFormat::Table => output::line(&render::report(&report)),
            }
            Ok(exit_for(&report))
        }
        AuditCommand::Export {
            out,
            compress,
            force,
            connection,
        } => {
            let log = connect(&connection).await?;
            let bar = progress_bar(log.last_sequence().await?);
            let mut progress = |seq| bar.set_position(seq);
            let exported = if force {
                export::export_replacing(&log, &out, compress, &mut progress).await
            } else {
                export::export(&log, &out, compress, &mut progress).await
            };
            bar.finish_and_clear();
            let report = match exported {
                Ok(report) => report,
                Err(AuditError::ExportExists { path }) => {
                    anyhow::bail!("{path} already exists; pass --force to replace it")
                }
                Err(err) => return Err(anyhow::Error::new(err).context("audit export failed")),
            };
            output::json(&serde_json::to_vec(&report).context("cannot encode the report")?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn exit_for(report: &VerifyReport) -> ExitCode {
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

async fn connect(connection: &Connection) -> Result<EventLog> {
    let file = connection.file()?;
    let mut config = EventLogConfig::new(connection.nats_url(&file));
    config.client_name = "ladder-audit".to_owned();
    EventLog::connect_existing(&config)
        .await
        .context("cannot open the event log")
}

/// Progress on stderr while it is a terminal; nothing when piped.
fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(crate::output::progress_style("events"));
    bar
}

/// Prints events as the walk produces them: buffered when piped, line by line
/// around the progress bar on a terminal. A closed pipe ends output silently.
struct Printer {
    format: LogFormat,
    bar: ProgressBar,
    out: std::io::BufWriter<std::io::Stdout>,
    interactive: bool,
    header_done: bool,
    closed: bool,
}

impl Printer {
    fn new(format: LogFormat, bar: ProgressBar) -> Printer {
        Printer {
            format,
            bar,
            out: std::io::BufWriter::new(std::io::stdout()),
            interactive: std::io::stdout().is_terminal(),
            header_done: false,
            closed: false,
        }
    }

    fn finish(&mut self) {
        if !self.closed {
            let _ = self.out.flush();
        }
    }
}

impl EventSink for Printer {
    fn accept(&mut self, event: AuditEvent) -> Result<(), AuditError> {
        if self.closed {
            return Ok(());
        }
        let mut text = match self.format {
            LogFormat::Jsonl => serde_json::to_string(&event).map_err(AuditError::Encode)?,
            LogFormat::Table => render::row(&event),
        };
        if self.format == LogFormat::Table && !self.header_done {
            self.header_done = true;
            text = format!("{}\n{text}", render::HEADER);
        }
        let (out, interactive) = (&mut self.out, self.interactive);
        let written = self.bar.suspend(|| {
            writeln!(out, "{text}")?;
            if interactive { out.flush() } else { Ok(()) }
        });
        self.closed = written.is_err();
        Ok(())
    }
}
