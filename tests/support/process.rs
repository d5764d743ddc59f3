//! A real `ladder serve` process, for what only a separate process can show: a
//! SIGKILL in the middle of work.

use std::fs::{File, OpenOptions};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use ladder_testkit::ChildGuard;
use tempfile::TempDir;

use crate::http::Http;
use crate::wait::{DEADLINE, eventually};

/// Lines of the process's log shown when something goes wrong.
const LOG_TAIL_LINES: usize = 40;

/// A `ladder serve` child with its own data directory; its stderr (the log) goes to
/// a file kept for diagnostics. Dropping it kills the process.
#[derive(Debug)]
pub struct LadderProcess {
    binary: PathBuf,
    nats_url: String,
    http: Http,
    // Declared before the directories so the process dies before they are removed.
    child: Option<ChildGuard>,
    data: TempDir,
    log_dir: TempDir,
}

impl LadderProcess {
    /// The `ladder` binary of the same build as this test: the test executable
    /// lives in `target/<profile>/deps/`, the binary in `target/<profile>/`.
    pub fn binary() -> PathBuf {
        let exe = std::env::current_exe().expect("the test executable's path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .unwrap_or_else(|| panic!("{} is not in target/<profile>/deps", exe.display()));
        let binary = profile_dir.join("ladder");
        assert!(
            binary.is_file(),
            "the ladder binary is missing at {}; run `cargo build -p ladder` first \
             (ops/check builds the workspace before testing)",
            binary.display()
        );
        binary
    }

    /// Starts `ladder serve` against `nats_url` on a fresh data directory and waits
    /// until it is ready.
    pub async fn start(nats_url: &str) -> LadderProcess {
        let data = tempfile::Builder::new()
            .prefix("ladder-process-")
            .tempdir()
            .expect("create a data directory");
        let log_dir = tempfile::Builder::new()
            .prefix("ladder-process-log-")
            .tempdir()
            .expect("create a log directory");
        let mut process = LadderProcess {
            binary: LadderProcess::binary(),
            nats_url: nats_url.to_owned(),
            http: Http::new("http://unstarted"),
            child: None,
            data,
            log_dir,
        };
        process.start_again().await;
        process
    }

    /// The node's HTTP client.
    pub fn http(&self) -> &Http {
        &self.http
    }

    /// The data directory, kept across restarts.
    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// Kills the process with SIGKILL, as a crash would, and returns how it ended.
    pub fn kill(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("the process runs");
        child.kill().expect("kill the ladder process")
    }

    /// Starts `ladder serve` on the same data directory, on a new HTTP port, and
    /// waits until it is ready.
    pub async fn start_again(&mut self) {
        assert!(self.child.is_none(), "the process still runs");
        let port = ladder_testkit::free_port().expect("a free port");
        let http_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let log = self.open_log();
        let child = ChildGuard::spawn(
            Command::new(&self.binary)
                .arg("serve")
                .arg("--nats")
                .arg(&self.nats_url)
                .arg("--data")
                .arg(self.data.path())
                .arg("--http")
                .arg(http_addr.to_string())
                // Only flags configure this node, never the developer's environment.
                .env_remove("LADDER_CONFIG")
                .env_remove("LADDER_TIME_ZONE")
                .env("RUST_LOG", "info")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log),
        )
        .unwrap_or_else(|err| panic!("spawn {}: {err}", self.binary.display()));
        self.child = Some(child);
        self.http = Http::new(format!("http://{http_addr}"));
        self.wait_ready().await;
    }

    /// The process's log (its stderr), appended to across restarts.
    pub fn log_path(&self) -> PathBuf {
        self.log_dir.path().join("ladder-serve.log")
    }

    /// The end of the process's log, for failure messages.
    pub fn log_tail(&self) -> String {
        tail(&self.log_path())
    }

    fn open_log(&self) -> File {
        let path = self.log_path();
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .unwrap_or_else(|err| panic!("open {}: {err}", path.display()))
    }

    async fn wait_ready(&mut self) {
        let http = self.http.clone();
        let log_path = self.log_path();
        let child = self.child.as_mut().expect("the process was started");
        eventually("ladder serve ready", DEADLINE, async || {
            if let Some(status) = child.try_wait().expect("poll the ladder process") {
                panic!(
                    "ladder serve exited with {status}; log:\n{}",
                    tail(&log_path)
                );
            }
            match http.try_get("/readyz").await {
                Ok(reply) if reply.status == 200 => Ok(()),
                Ok(reply) => Err(format!("{reply:?}")),
                Err(err) => Err(err.to_string()),
            }
        })
        .await;
    }
}

fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| format!("(cannot read {}: {err})", path.display()));
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
}
