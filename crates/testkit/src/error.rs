use std::error::Error as _;
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::Duration;

/// Why a test server could not be provided.
///
/// Every variant is a broken test environment rather than a case a test handles, so tests
/// usually `unwrap()` and let the message, which names the fix where there is one, explain.
/// That is why `Debug`, which `unwrap()` prints, shows the message and its causes rather than
/// the fields.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum TestkitError {
    /// No `nats-server` was found in any of the places [`crate::nats_server_binary`] looks.
    #[error(
        "no nats-server found (looked at $LADDER_NATS_SERVER, {} and PATH); run ops/install-nats",
        .local.display()
    )]
    NoServerBinary {
        /// Where `ops/install-nats` puts the binary.
        local: PathBuf,
    },

    /// The binary found is older than the oldest release Ladder supports.
    #[error(
        "nats-server at {} is version {version}, ladder needs {minimum} or newer; \
         run ops/install-nats",
        .path.display()
    )]
    ServerTooOld {
        /// The binary that was checked.
        path: PathBuf,
        /// The version it reported.
        version: String,
        /// The oldest supported version.
        minimum: String,
    },

    /// Running `<binary> --version` failed, usually because the path does not exist or is not
    /// executable.
    #[error("could not run {} --version", .path.display())]
    VersionCheck {
        /// The binary that was checked.
        path: PathBuf,
        /// Why it could not run.
        #[source]
        source: io::Error,
    },

    /// `<binary> --version` printed nothing that looks like a version, so it is probably not a
    /// nats-server.
    #[error("{} --version printed no version: {output:?}", .path.display())]
    UnknownVersion {
        /// The binary that was checked.
        path: PathBuf,
        /// What it printed.
        output: String,
    },

    /// The server configuration file is missing.
    #[error("nats-server configuration {} does not exist", .path.display())]
    MissingConfig {
        /// The configuration file that was looked for.
        path: PathBuf,
    },

    /// A test asked for the port of the conventional NATS server, which may belong to a server
    /// the developer runs for something else.
    #[error("port {port} is reserved for other nats-servers; let the testkit pick a free port")]
    ReservedPort {
        /// The port asked for.
        port: u16,
    },

    /// A temporary directory for the store or the log could not be created.
    #[error("could not create a temporary directory")]
    TempDir {
        /// Why.
        #[source]
        source: io::Error,
    },

    /// The server's log file could not be opened.
    #[error("could not open the nats-server log {}", .path.display())]
    LogFile {
        /// The log file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },

    /// The operating system had no loopback port to hand out.
    #[error("could not find a free loopback port")]
    FreePort {
        /// Why.
        #[source]
        source: io::Error,
    },

    /// The server process could not be spawned.
    #[error("could not start {}", .path.display())]
    Spawn {
        /// The binary.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },

    /// The server process could not be watched while it started.
    #[error("could not check on the nats-server process for port {port}")]
    Wait {
        /// The port the server was started on.
        port: u16,
        /// Why.
        #[source]
        source: io::Error,
    },

    /// The server exited before it accepted connections, for example because of a bad
    /// configuration or a port taken by another process.
    #[error("nats-server for port {port} exited during startup ({status}); log tail:\n{log_tail}")]
    Exited {
        /// The port the server was started on.
        port: u16,
        /// How it exited.
        status: ExitStatus,
        /// The last lines of its log.
        log_tail: String,
    },

    /// The server kept running but did not accept connections in time; it has been killed.
    #[error(
        "nats-server did not accept connections on port {port} within {timeout:?}; \
         log tail:\n{log_tail}"
    )]
    NotReady {
        /// The port the server was started on.
        port: u16,
        /// How long the testkit waited.
        timeout: Duration,
        /// The last lines of its log.
        log_tail: String,
    },
}

impl fmt::Debug for TestkitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")?;
        let mut cause = self.source();
        while let Some(err) = cause {
            write!(f, "\ncaused by: {err}")?;
            cause = err.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_message_and_its_causes() {
        let err = TestkitError::Spawn {
            path: PathBuf::from("/opt/nats-server"),
            source: io::Error::new(io::ErrorKind::NotFound, "no such file"),
        };

        assert_eq!(
            format!("{err:?}"),
            "could not start /opt/nats-server\ncaused by: no such file"
        );
    }
}
