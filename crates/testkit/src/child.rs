use std::io;
use std::ops::{Deref, DerefMut};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const POLL_INTERVAL: Duration = Duration::from_millis(20);

/// Owns a child process and kills it when dropped, so a failing test never leaves a server or a
/// `ladder serve` process running.
///
/// Dereferences to the [`Child`] for its pipes and id.
#[derive(Debug)]
pub struct ChildGuard {
    child: Child,
}

impl ChildGuard {
    /// Guards an already spawned child.
    pub fn new(child: Child) -> Self {
        Self { child }
    }

    /// Spawns `command` and guards the child.
    ///
    /// # Errors
    ///
    /// Whatever [`Command::spawn`] returns.
    pub fn spawn(command: &mut Command) -> io::Result<Self> {
        command.spawn().map(Self::new)
    }

    /// Asks the process to shut down with SIGTERM and waits up to `grace` for it to exit, then
    /// kills it. Returns how it exited. Calling it again returns the same status.
    ///
    /// # Errors
    ///
    /// Only if waiting on or killing the process fails, which means it is not our child any
    /// more.
    pub fn terminate(&mut self, grace: Duration) -> io::Result<ExitStatus> {
        // While try_wait says the child is running it has not been reaped, so its pid cannot have
        // been reused by an unrelated process yet.
        if let Some(status) = self.child.try_wait()? {
            return Ok(status);
        }
        // The kill command rather than the syscall: the workspace forbids unsafe code, and std
        // only offers SIGKILL.
        let sent = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if sent.is_ok_and(|status| status.success()) {
            let deadline = Instant::now() + grace;
            while Instant::now() < deadline {
                if let Some(status) = self.child.try_wait()? {
                    return Ok(status);
                }
                thread::sleep(POLL_INTERVAL);
            }
        }
        self.kill()
    }

    /// Kills the process with SIGKILL, as a crash would, and waits for it. Returns how it exited.
    /// Calling it again returns the same status.
    ///
    /// # Errors
    ///
    /// Only if waiting on or killing the process fails, which means it is not our child any
    /// more.
    pub fn kill(&mut self) -> io::Result<ExitStatus> {
        if let Err(err) = self.child.kill() {
            // Killing a child that already exited is not a failure.
            if self.child.try_wait()?.is_none() {
                return Err(err);
            }
        }
        self.child.wait()
    }
}

impl Deref for ChildGuard {
    type Target = Child;

    fn deref(&self) -> &Child {
        &self.child
    }
}

impl DerefMut for ChildGuard {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        // Nothing useful can be done with a failure while dropping; the process is gone or was
        // never ours.
        let _ = self.kill();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sleeper() -> ChildGuard {
        ChildGuard::spawn(Command::new("sleep").arg("30")).unwrap()
    }

    fn is_alive(pid: u32) -> bool {
        Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success()
    }

    #[test]
    fn drop_kills_the_child() {
        let guard = sleeper();
        let pid = guard.id();
        assert!(is_alive(pid));

        drop(guard);

        assert!(!is_alive(pid));
    }

    #[test]
    fn terminate_sends_sigterm_and_reports_the_exit() {
        use std::os::unix::process::ExitStatusExt;

        let mut guard = sleeper();

        let status = guard.terminate(Duration::from_secs(5)).unwrap();

        assert_eq!(status.signal(), Some(15));
        assert_eq!(guard.terminate(Duration::from_secs(5)).unwrap(), status);
        assert_eq!(guard.kill().unwrap(), status);
    }

    #[test]
    fn kill_is_idempotent() {
        let mut guard = sleeper();

        let first = guard.kill().unwrap();

        assert_eq!(guard.kill().unwrap(), first);
    }
}
