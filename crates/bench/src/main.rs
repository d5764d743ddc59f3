//! `ladder-bench`: Ladder's throughput measured beside the raw rates of the stores it
//! is built on, in the same run, so that the ratios mean something on any machine.
//!
//! `ladder-bench pipeline` starts its own nats-server (the shipped configuration,
//! which fsyncs every write) and in-process Ladder nodes, and reports commands per
//! second through the whole command path against raw JetStream publishes, and events
//! per second applied by the projector against raw redb batched writes.
//! `ladder-bench audit` writes a large history and reports replay, verify, export and
//! audit-log rates against a bare consumer reading the same stream.
//! `ladder-bench planning` loads a generated workforce through the command path and
//! reports the latency of the slate, talent pool and evidence queries against an empty
//! HTTP round trip to the same node. Run them with `--release`.

mod audit;
mod changed_slates;
mod commands;
mod drive;
mod history;
mod load;
mod node;
mod pipeline;
mod planning;
mod planning_report;
mod progress;
mod projector;
mod queries;
mod raw_publish;
mod raw_redb;
mod record_size;
mod report;
mod schedule;
mod stats;
mod stream;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::pipeline::Options;

/// Throughput benchmarks for Ladder, each beside the raw rate it is bounded by.
#[derive(Parser, Debug)]
#[command(name = "ladder-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug, Clone, Copy)]
enum Command {
    /// Replay, verify, export and audit log over a history written straight to
    /// JetStream, against a bare ordered consumer reading the same stream.
    Audit {
        /// Events in the history, one per commit.
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(1..))]
        events: u32,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Commands/s through NATS → handler → JetStream against raw JetStream publishes, and
    /// events/s through the projector against raw redb writes.
    Pipeline {
        /// Commands per workload on distinct aggregates (register-erg, then
        /// request-budget), and raw publishes.
        #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u32).range(1..))]
        commands: u32,
        /// Requests (and raw publishes) in flight.
        #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..))]
        concurrency: u32,
        /// assign-erg-role commands on one shared ERG, sent as concurrently as the
        /// others; clients retry conflict replies.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
        shared: u32,
        /// Rounds in which Ladder's and the raw measurements alternate, so that load from
        /// elsewhere falls on both alike.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
        rounds: u32,
        /// Commits or rows per redb write transaction.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
        batch: u32,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Latency of the slate, talent pool and evidence queries on a node holding a
    /// generated workforce, against an empty HTTP round trip to the same node.
    Planning {
        /// Size of the generated workforce (`ladder gen --employees`).
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32)
            .range(i64::from(ladder_scenario::MIN_EMPLOYEES)..=i64::from(ladder_scenario::MAX_EMPLOYEES)))]
        employees: u32,
        /// Years the scenario spans; the queries ask about its last day.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32)
            .range(1..=i64::from(ladder_scenario::MAX_YEARS)))]
        years: u32,
        /// Seed of the scenario and of the employees whose evidence is asked for.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Timed requests per query, taken in rounds of one of each.
        #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..))]
        requests: u32,
        /// Scenario lines in flight while loading; fewer leave the node waiting on
        /// NATS round trips, more gain nothing on two cores.
        #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
        concurrency: u32,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ladder's own logs stay quiet unless asked for: conflicts on the shared aggregate
    // are expected here, and so are the 503 answers of /readyz while a node catches up,
    // which the HTTP trace layer logs as errors.
    let default_filter = || EnvFilter::new("error,tower_http=off");
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| default_filter()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    match command {
        Command::Audit { events, json } => {
            let report = runtime.block_on(audit::run(usize::try_from(events)?))?;
            print(json, &report, || report.table())
        }
        Command::Pipeline {
            commands,
            concurrency,
            shared,
            batch,
            rounds,
            json,
        } => {
            let options = Options {
                commands: usize::try_from(commands)?,
                shared: usize::try_from(shared)?,
                concurrency: usize::try_from(concurrency)?,
                batch: usize::try_from(batch)?,
                rounds: usize::try_from(rounds)?,
            };
            let report = runtime.block_on(pipeline::run(options))?;
            print(json, &report, || report.table())
        }
        Command::Planning {
            employees,
            years,
            seed,
            requests,
            concurrency,
            json,
        } => {
            let options = planning::Options {
                employees,
                years,
                seed,
                requests: usize::try_from(requests)?,
                concurrency: usize::try_from(concurrency)?,
            };
            let report = runtime.block_on(planning::run(options))?;
            print(json, &report, || report.table())
        }
    }
}

/// Writes the report as JSON or as the table `table` makes.
fn print(json: bool, report: &impl serde::Serialize, table: impl FnOnce() -> String) -> Result<()> {
    let text = if json {
        serde_json::to_string_pretty(report).context("cannot encode the report")?
    } else {
        table()
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", text.trim_end()).context("cannot write the report")?;
    Ok(())
}
