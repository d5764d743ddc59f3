//! Settings from the command line, the environment and an optional TOML file.
//!
//! Precedence: a flag, then its environment variable (clap reads both), then the
//! config file, then the built-in default.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use serde::Deserialize;

/// Where `ops/start-nats` runs the development server.
pub(crate) const DEFAULT_NATS: &str = "nats://127.0.0.1:4333";
/// The default HTTP address: loopback only.
pub(crate) const DEFAULT_HTTP: &str = "127.0.0.1:8080";
/// The default data directory, relative to the working directory.
pub(crate) const DEFAULT_DATA: &str = "ladder-data";

/// Options shared by every subcommand that talks to NATS or reads a data directory.
#[derive(Args, Debug, Clone)]
pub(crate) struct Connection {
    /// NATS server URL(s) [env: LADDER_NATS] [default: nats://127.0.0.1:4333]
    #[arg(long, env = "LADDER_NATS", hide_env = true)]
    pub(crate) nats: Option<String>,
    /// Directory of this node's read models [env: LADDER_DATA] [default: ./ladder-data]
    #[arg(long, env = "LADDER_DATA", hide_env = true)]
    pub(crate) data: Option<PathBuf>,
    /// TOML file with defaults for any option (keys: nats, data, http, time_zone,
    /// replicas, duplicate_window_secs, tokens, planning)
    #[arg(long, env = "LADDER_CONFIG", hide_env = true)]
    pub(crate) config: Option<PathBuf>,
}

/// The config file's keys.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    pub(crate) nats: Option<String>,
    pub(crate) data: Option<PathBuf>,
    pub(crate) http: Option<SocketAddr>,
    pub(crate) time_zone: Option<String>,
    pub(crate) replicas: Option<usize>,
    pub(crate) duplicate_window_secs: Option<u64>,
    pub(crate) framework: Option<PathBuf>,
    pub(crate) trusted_issuers: Option<Vec<String>>,
    pub(crate) xapi_mapping: Option<PathBuf>,
    pub(crate) tokens: Option<PathBuf>,
    pub(crate) planning: Option<PathBuf>,
}

impl FileConfig {
    fn load(path: &Path) -> Result<FileConfig> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid config file {}", path.display()))
    }
}

impl Connection {
    /// The config file's contents, or defaults when none is given.
    pub(crate) fn file(&self) -> Result<FileConfig> {
        match &self.config {
            Some(path) => FileConfig::load(path),
            None => Ok(FileConfig::default()),
        }
    }

    /// The NATS URL to use.
    pub(crate) fn nats_url(&self, file: &FileConfig) -> String {
        self.nats
            .clone()
            .or_else(|| file.nats.clone())
            .unwrap_or_else(|| DEFAULT_NATS.to_owned())
    }

    /// The data directory to use.
    pub(crate) fn data_dir(&self, file: &FileConfig) -> PathBuf {
        self.data
            .clone()
            .or_else(|| file.data.clone())
            .unwrap_or_else(|| DEFAULT_DATA.into())
    }
}

/// The token a client presents to a node that has a token file.
#[derive(Args, Debug, Clone)]
pub(crate) struct Credentials {
    /// Bearer token for a node with a token file; sent over HTTP and NATS alike
    /// [env: LADDER_TOKEN]
    #[arg(long, env = "LADDER_TOKEN", hide_env = true)]
    pub(crate) token: Option<String>,
}

/// Parses a duration in whole seconds for the duplicate window.
pub(crate) fn seconds(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// Options for commands that assess competencies.
#[derive(Args, Debug, Clone)]
pub(crate) struct CompetencyOptions {
    /// Competency framework TOML file (default: the built-in ERG leadership
    /// framework) [env: LADDER_FRAMEWORK]
    #[arg(long, env = "LADDER_FRAMEWORK", hide_env = true)]
    pub(crate) framework: Option<PathBuf>,
}

impl CompetencyOptions {
    /// The framework from the flag, the config file, or the built-in default.
    pub(crate) fn load(&self, file: &FileConfig) -> Result<ladder_competency::Framework> {
        match self.framework.as_ref().or(file.framework.as_ref()) {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read framework {}", path.display()))?;
                ladder_competency::Framework::from_toml(&text)
                    .with_context(|| format!("invalid framework {}", path.display()))
            }
            None => ladder_competency::erg_leadership().context("the built-in framework"),
        }
    }
}

/// Reads an xAPI mapping file, or the built-in mapping.
pub(crate) fn xapi_mapping(path: Option<&Path>) -> Result<ladder_xapi::Mapping> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read xAPI mapping {}", path.display()))?;
            ladder_xapi::Mapping::from_toml(&text)
                .with_context(|| format!("invalid xAPI mapping {}", path.display()))
        }
        None => Ok(ladder_xapi::Mapping::default()),
    }
}

/// Reads a planning file, or the default planning settings.
pub(crate) fn planning(path: Option<&Path>) -> Result<ladder_service::PlanningConfig> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read planning file {}", path.display()))?;
            ladder_service::PlanningConfig::from_toml(&text)
                .with_context(|| format!("invalid planning file {}", path.display()))
        }
        None => Ok(ladder_service::PlanningConfig::default()),
    }
}

/// Parses `KEY=VALUE`.
pub(crate) fn key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not KEY=VALUE")),
    }
}

/// Whose view `ladder query --data` answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum View {
    /// Everything, as stored.
    Admin,
    /// A planner's view: sensitive ERGs withheld without the employee's consent.
    Planner,
    /// An auditor's view of query answers; the same redaction as a planner's.
    Auditor,
}

impl View {
    /// The audience the query engine redacts for.
    pub(crate) fn audience(self) -> ladder_service::privacy::Audience {
        match self {
            View::Admin => ladder_service::privacy::Audience::Everything,
            View::Planner | View::Auditor => ladder_service::privacy::Audience::Consented,
        }
    }
}
