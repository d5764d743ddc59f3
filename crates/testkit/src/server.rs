use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::TestkitError;
use crate::binary::{nats_server_binary, workspace_root};
use crate::child::ChildGuard;
use crate::port::{RESERVED_PORT, free_port};

const DEFAULT_READY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a server may take to flush and close its files after SIGTERM before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(10);
const POLL_INTERVAL: Duration = Duration::from_millis(20);
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);
/// Attempts on fresh ports when the server exits during start-up, which is what losing the race
/// for a port handed out by `free_port` looks like.
const START_ATTEMPTS: usize = 3;
const LOG_TAIL_LINES: usize = 30;
/// The INFO line is about a kilobyte; anything much longer is not a NATS server.
const MAX_INFO_LINE: u64 = 64 * 1024;

static NEXT_SERVER: AtomicU64 = AtomicU64::new(0);

/// How to start a [`NatsServer`]; the defaults suit almost every test.
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    port: Option<u16>,
    store_dir: Option<PathBuf>,
    config: Option<PathBuf>,
    ready_timeout: Option<Duration>,
}

impl ServerOptions {
    /// A free port, a fresh temporary store, `ops/nats-server.conf` and a 10 second start-up
    /// limit.
    pub fn new() -> Self {
        Self::default()
    }

    /// Listens on `port` instead of a free one, e.g. to start a second server where a first
    /// one stood. 4222 is refused.
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    /// Keeps JetStream data in `dir` (the server creates `dir/jetstream`) instead of a fresh
    /// temporary directory. The caller owns `dir`: the testkit never removes it.
    #[must_use]
    pub fn store_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.store_dir = Some(dir.into());
        self
    }

    /// Uses another configuration file than `ops/nats-server.conf`. The loopback address, the
    /// port and the store directory are still given on the command line and override the file.
    #[must_use]
    pub fn config(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    /// How long to wait for the server to accept connections.
    #[must_use]
    pub fn ready_timeout(mut self, timeout: Duration) -> Self {
        self.ready_timeout = Some(timeout);
        self
    }
}

/// Where the JetStream data lives.
#[derive(Debug)]
enum Store {
    /// Removed when the server is dropped.
    Temporary(TempDir),
    /// Owned by the caller.
    Given(PathBuf),
}

impl Store {
    fn path(&self) -> &Path {
        match self {
            Self::Temporary(dir) => dir.path(),
            Self::Given(path) => path,
        }
    }
}

/// A real `nats-server` process with JetStream, on a loopback port and a storage directory of
/// its own. Dropping it kills the process and removes a temporary store.
#[derive(Debug)]
pub struct NatsServer {
    binary: PathBuf,
    config: PathBuf,
    port: u16,
    /// Unique per instance and kept across restarts; the readiness probe compares it with the
    /// name in the server's INFO line, so a foreign server on the same port is never mistaken
    /// for ours.
    name: String,
    ready_timeout: Duration,
    // The process is declared before the store so that, even without the explicit Drop, it
    // would stop before its directory is removed.
    child: Option<ChildGuard>,
    store: Store,
    /// Holds the log file, kept apart from the store so the store holds only server data.
    log_dir: TempDir,
}

impl NatsServer {
    /// Starts `nats-server` with the shipped configuration on a free loopback port and a fresh
    /// temporary store, and waits until it accepts connections.
    ///
    /// Blocks for the start-up, typically tens of milliseconds.
    ///
    /// # Errors
    ///
    /// See [`NatsServer::start_with`].
    pub fn start() -> Result<Self, TestkitError> {
        Self::start_with(ServerOptions::new())
    }

    /// Starts `nats-server` as `options` say and waits until it accepts connections.
    ///
    /// # Errors
    ///
    /// - the binary lookup errors of [`crate::nats_server_binary`], which say to run
    ///   `ops/install-nats`;
    /// - [`TestkitError::MissingConfig`], [`TestkitError::ReservedPort`],
    ///   [`TestkitError::TempDir`], [`TestkitError::LogFile`], [`TestkitError::FreePort`] or
    ///   [`TestkitError::Spawn`] when the server cannot be launched;
    /// - [`TestkitError::Exited`] or [`TestkitError::NotReady`] (with the end of the server log)
    ///   when it does not come up.
    pub fn start_with(options: ServerOptions) -> Result<Self, TestkitError> {
        let binary = nats_server_binary()?;
        let config = options
            .config
            .unwrap_or_else(|| workspace_root().join("ops/nats-server.conf"));
        if !config.is_file() {
            return Err(TestkitError::MissingConfig { path: config });
        }
        if options.port == Some(RESERVED_PORT) {
            return Err(TestkitError::ReservedPort {
                port: RESERVED_PORT,
            });
        }
        let store = match options.store_dir {
            Some(path) => Store::Given(path),
            None => Store::Temporary(temp_dir("ladder-nats-store-")?),
        };

        let mut server = Self {
            binary,
            config,
            port: 0,
            name: format!(
                "ladder-test-{}-{}",
                std::process::id(),
                NEXT_SERVER.fetch_add(1, Ordering::Relaxed)
            ),
            ready_timeout: options.ready_timeout.unwrap_or(DEFAULT_READY_TIMEOUT),
            child: None,
            store,
            log_dir: temp_dir("ladder-nats-log-")?,
        };

        if let Some(port) = options.port {
            server.port = port;
            server.launch()?;
            return Ok(server);
        }
        let mut attempt = 1;
        loop {
            server.port = free_port()?;
            match server.launch() {
                Err(TestkitError::Exited { .. }) if attempt < START_ATTEMPTS => attempt += 1,
                result => return result.map(|()| server),
            }
        }
    }

    /// The client URL, `nats://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// The client port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory given to the server with `-sd`; JetStream keeps its files in
    /// `store_dir()/jetstream`.
    pub fn store_dir(&self) -> &Path {
        self.store.path()
    }

    /// The server process id, or `None` while it is stopped.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(|child| child.id())
    }

    /// The server's log, appended to across restarts.
    pub fn log_path(&self) -> PathBuf {
        self.log_dir.path().join("nats-server.log")
    }

    /// Stops the server gracefully (SIGTERM, then SIGKILL after 10 seconds) and waits for it.
    /// Does nothing if it is already stopped.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Failing here means the process is already gone, which is what stop wants.
            let _ = child.terminate(STOP_GRACE);
        }
    }

    /// Kills the server with SIGKILL, as a crash would, and waits for it. JetStream data that
    /// was acknowledged survives, since the shipped configuration fsyncs every write. Does
    /// nothing if it is already stopped.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            // As in stop: an error means the process is already gone.
            let _ = child.kill();
        }
    }

    /// Stops the server if it runs, starts it again on the same port with the same store, and
    /// waits until it accepts connections. After [`NatsServer::kill`] this is a crash recovery.
    ///
    /// # Errors
    ///
    /// The launch errors of [`NatsServer::start_with`]; a port taken by another process in
    /// the meantime shows as [`TestkitError::Exited`].
    pub fn restart(&mut self) -> Result<(), TestkitError> {
        self.stop();
        self.launch()
    }

    /// Spawns the process on `self.port` and waits for it to be ready; on failure nothing is
    /// left running.
    fn launch(&mut self) -> Result<(), TestkitError> {
        let log_path = self.log_path();
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|source| TestkitError::LogFile {
                path: log_path.clone(),
                source,
            })?;
        let log_for_stderr = log.try_clone().map_err(|source| TestkitError::LogFile {
            path: log_path.clone(),
            source,
        })?;

        let child = Command::new(&self.binary)
            .arg("-c")
            .arg(&self.config)
            .args(["-a", "127.0.0.1"])
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-sd")
            .arg(self.store.path())
            .arg("--server_name")
            .arg(&self.name)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_for_stderr)
            .spawn()
            .map_err(|source| TestkitError::Spawn {
                path: self.binary.clone(),
                source,
            })?;
        let mut child = ChildGuard::new(child);

        let deadline = Instant::now() + self.ready_timeout;
        loop {
            match child.try_wait() {
                Ok(Some(status)) => {
                    return Err(TestkitError::Exited {
                        port: self.port,
                        status,
                        log_tail: log_tail(&log_path),
                    });
                }
                Ok(None) => {}
                Err(source) => {
                    return Err(TestkitError::Wait {
                        port: self.port,
                        source,
                    });
                }
            }
            if answers_as(self.port, &self.name) {
                self.child = Some(child);
                return Ok(());
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                return Err(TestkitError::NotReady {
                    port: self.port,
                    timeout: self.ready_timeout,
                    log_tail: log_tail(&log_path),
                });
            }
            thread::sleep(POLL_INTERVAL);
        }
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        // Killed, not stopped: a test that ends has no use for a clean shutdown, and a leftover
        // server on a free port would confuse the next test that gets that port.
        self.kill();
    }
}

/// Whether a NATS server named `name` accepts connections on the loopback `port`. A server
/// greets every connection with `INFO {json}`, and that JSON carries the server name.
fn answers_as(port: u16, name: &str) -> bool {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(stream) = TcpStream::connect_timeout(&address, PROBE_TIMEOUT) else {
        return false;
    };
    if stream.set_read_timeout(Some(PROBE_TIMEOUT)).is_err() {
        return false;
    }
    let mut line = String::new();
    if BufReader::new(stream.take(MAX_INFO_LINE))
        .read_line(&mut line)
        .is_err()
    {
        return false;
    }
    let Some(info) = line.trim_end().strip_prefix("INFO ") else {
        return false;
    };
    serde_json::from_str::<serde_json::Value>(info)
        .ok()
        .and_then(|info| info.get("server_name")?.as_str().map(|found| found == name))
        .unwrap_or(false)
}

fn temp_dir(prefix: &str) -> Result<TempDir, TestkitError> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .map_err(|source| TestkitError::TempDir { source })
}

/// The last lines of the server log, for error messages; a log that cannot be read says so
/// instead, since the error it decorates matters more.
fn log_tail(path: &Path) -> String {
    let mut bytes = Vec::new();
    if let Err(err) = File::open(path).and_then(|mut file| file.read_to_end(&mut bytes)) {
        return format!("(could not read {}: {err})", path.display());
    }
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn log_tail_keeps_the_last_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        let log: String = (0..100).map(|n| format!("line {n}\n")).collect();
        fs::write(&path, log).unwrap();

        let tail = log_tail(&path);

        assert_eq!(tail.lines().count(), LOG_TAIL_LINES);
        assert!(tail.ends_with("line 99"));
    }

    #[test]
    fn log_tail_of_a_missing_file_says_so() {
        assert!(log_tail(Path::new("/nonexistent/log")).contains("could not read"));
    }
}
