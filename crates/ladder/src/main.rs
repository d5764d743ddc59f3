//! `ladder`: the command-line tool that runs a Ladder node and works with its event
//! log, read models and plans; `ladder --help` lists the subcommands.

mod audit;
mod config;
mod framework;
mod generate;
mod load;
mod output;
mod remote;
mod run;
mod token;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::config::Connection;

/// Ladder turns leadership work in Employee Resource Groups into verified,
/// explainable competencies.
// The about text is this comment, not the package description: the subcommands list
// themselves below it, so the text names none of them.
#[derive(Parser, Debug)]
#[command(name = "ladder", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a node: command handler, projector, NATS and HTTP fronts.
    Serve {
        #[command(flatten)]
        connection: Connection,
        /// HTTP listen address [env: LADDER_HTTP] [default: 127.0.0.1:8080]
        #[arg(long, env = "LADDER_HTTP", hide_env = true)]
        http: Option<SocketAddr>,
        /// The organisation's IANA time zone, for default effective dates
        /// [env: LADDER_TIME_ZONE] [default: UTC]
        #[arg(long, env = "LADDER_TIME_ZONE", hide_env = true)]
        time_zone: Option<String>,
        /// Stream replicas when Ladder creates the stream [default: 1]
        #[arg(long)]
        replicas: Option<usize>,
        /// JetStream duplicate window in seconds when Ladder creates the stream
        /// [default: 120]
        #[arg(long)]
        duplicate_window_secs: Option<u64>,
        #[command(flatten)]
        competency: crate::config::CompetencyOptions,
        /// An LMS home page whose learning records count as verified; repeat for
        /// several [env: LADDER_TRUSTED_ISSUERS, comma separated]
        #[arg(
            long = "trusted-issuer",
            env = "LADDER_TRUSTED_ISSUERS",
            value_delimiter = ',',
            hide_env = true
        )]
        trusted_issuers: Vec<String>,
        /// TOML file mapping xAPI verbs and activities to learning records (default:
        /// the built-in mapping) [env: LADDER_XAPI_MAPPING]
        #[arg(long, env = "LADDER_XAPI_MAPPING", hide_env = true)]
        xapi_mapping: Option<PathBuf>,
        /// Token file: one `<role> <sha256 hex of the token>` per line, roles
        /// publisher, planner, auditor, admin (see `ladder token new`). Without one
        /// every caller is admin and only a loopback address is served
        /// [env: LADDER_TOKENS]
        #[arg(long, env = "LADDER_TOKENS", hide_env = true)]
        tokens: Option<PathBuf>,
        /// Planning settings TOML: readiness thresholds, the declared-interest table,
        /// metric suppression (default: built-in defaults without an interest table)
        /// [env: LADDER_PLANNING]
        #[arg(long, env = "LADDER_PLANNING", hide_env = true)]
        planning: Option<PathBuf>,
    },
    /// Send one command and print the reply; exits 1 unless it was accepted.
    Send {
        /// Command name, e.g. register-erg.
        command: String,
        /// The JSON body, or @FILE to read it from a file (@- for standard input).
        body: String,
        /// Send over HTTP to this base URL instead of NATS, e.g. http://127.0.0.1:8080
        #[arg(long)]
        http: Option<String>,
        #[command(flatten)]
        connection: Connection,
        #[command(flatten)]
        credentials: crate::config::Credentials,
    },
    /// Send every line of JSON-lines files in order, with progress: a command
    /// `{"command": …, "body": {…}}` or LMS statements `{"xapi": …}`. Every line is
    /// checked first: exits 2 listing each malformed line (file:line) and sends
    /// nothing; otherwise exits 1 when the server did not accept some lines.
    Load {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Send over HTTP to this base URL instead of NATS.
        #[arg(long)]
        http: Option<String>,
        #[command(flatten)]
        connection: Connection,
        #[command(flatten)]
        credentials: crate::config::Credentials,
    },
    /// Ask a query and print the JSON answer, e.g. evidence, competencies, candidates,
    /// talent, bench-strength, mentor-suggestions, recommendations, metrics.
    Query {
        /// The query name.
        query: String,
        /// The id it is about.
        id: Option<String>,
        /// Wait until the read models applied this stream sequence.
        #[arg(long)]
        min_seq: Option<u64>,
        /// Ask a node over HTTP at this base URL instead of NATS.
        #[arg(long)]
        http: Option<String>,
        /// Read this read-model directory directly (no server needed).
        #[arg(long, conflicts_with = "http")]
        data: Option<PathBuf>,
        /// NATS server URL(s) [env: LADDER_NATS]
        #[arg(long, env = "LADDER_NATS", hide_env = true)]
        nats: Option<String>,
        /// More query parameters, e.g. `--param as_of=2026-06-30`; repeatable.
        #[arg(long = "param", value_name = "KEY=VALUE", value_parser = crate::config::key_value)]
        params: Vec<(String, String)>,
        /// With --data: the competency framework to assess with.
        #[command(flatten)]
        competency: crate::config::CompetencyOptions,
        /// With --data: the organisation's time zone, for the default as_of [default: UTC]
        #[arg(long, env = "LADDER_TIME_ZONE", hide_env = true)]
        time_zone: Option<String>,
        /// With --data: the planning settings TOML [env: LADDER_PLANNING]
        #[arg(long, env = "LADDER_PLANNING", hide_env = true)]
        planning: Option<PathBuf>,
        /// With --data: answer as this role would be answered. Whoever can open the files
        /// could read everything, hence admin by default; `planner` shows what a planner
        /// sees, with sensitive ERGs withheld where the employee did not consent.
        #[arg(long = "as", value_enum, requires = "data", default_value_t = crate::config::View::Admin)]
        view: crate::config::View,
        #[command(flatten)]
        credentials: crate::config::Credentials,
    },
    /// Write a realistic scenario (ERGs, role terms, budgets, projects) as JSON lines
    /// for `ladder load`; the same arguments always give the same bytes.
    Gen {
        /// Size of the workforce; about one ERG per 35 employees, six at least.
        #[arg(long)]
        employees: u32,
        /// Years the scenario spans.
        #[arg(long)]
        years: u32,
        /// Seed of every id and choice.
        #[arg(long)]
        seed: u64,
        /// First day of the scenario, YYYY-MM-DD.
        #[arg(long, default_value_t = ladder_scenario::DEFAULT_START)]
        start: jiff::civil::Date,
        /// Output file, or - for standard output; an existing file is refused unless
        /// --force. The file appears only when complete.
        #[arg(long, default_value = "-")]
        out: PathBuf,
        /// Replace an existing file at --out once the new scenario is complete.
        #[arg(long)]
        force: bool,
    },
    /// Auditors' commands: event log, point-in-time replay, verification, export.
    Audit {
        #[command(subcommand)]
        command: audit::AuditCommand,
    },
    /// Competency frameworks: show the active one, check a file, import from Moodle.
    Framework {
        #[command(subcommand)]
        command: framework::FrameworkCommand,
    },
    /// Rebuild every read model from the stream into a new file and swap it in.
    Rebuild {
        /// Ask the node serving at this base URL to rebuild its live models.
        #[arg(long)]
        http: Option<String>,
        #[command(flatten)]
        connection: Connection,
        #[command(flatten)]
        credentials: crate::config::Credentials,
    },
    /// Tokens for callers of a node with a token file.
    Token {
        #[command(subcommand)]
        command: token::TokenCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = match cli.command {
        Command::Serve { .. } => "info",
        // An audit's rebuild quarantines what the live projector quarantined; the
        // report lists those messages, so the projector's error lines would repeat it.
        Command::Audit { .. } => "warn,ladder_projection=off",
        _ => "warn",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level)),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            output::error(&anyhow::Error::new(err).context("cannot start the async runtime"));
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run::run(cli.command)) {
        Ok(code) => code,
        Err(err) => {
            output::error(&err);
            ExitCode::from(2)
        }
    }
}
