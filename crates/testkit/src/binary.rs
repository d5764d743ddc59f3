use std::env;
use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread;
use std::time::Duration;

use crate::TestkitError;

/// Names a binary to use instead of searching; the same variable `ops/install-nats` honours.
const OVERRIDE_VAR: &str = "LADDER_NATS_SERVER";

/// The oldest nats-server release Ladder supports, kept equal to `NATS_MIN_VERSION` in
/// `ops/lib.sh`.
const MIN_VERSION: Version = Version([2, 11, 0]);

/// Returns the workspace root: the directory holding the root `Cargo.toml` and `ops/`.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // This crate lives at <root>/crates/testkit.
    manifest_dir
        .ancestors()
        .nth(2)
        .map_or_else(|| manifest_dir.join("../.."), Path::to_path_buf)
}

/// Finds the `nats-server` binary the tests use.
///
/// Looks, in order, at
/// 1. `$LADDER_NATS_SERVER`, if set: that binary and no other;
/// 2. `<workspace>/ops/.tools/bin/nats-server`, where `ops/install-nats` installs the pinned
///    release;
/// 3. the first `nats-server` on `PATH`.
///
/// The binary chosen must report version 2.11.0 or newer. Nothing is installed from here.
///
/// # Errors
///
/// [`TestkitError::NoServerBinary`] if none of the places has one, and
/// [`TestkitError::ServerTooOld`], [`TestkitError::VersionCheck`] or
/// [`TestkitError::UnknownVersion`] if the chosen one is unusable. The messages say to run
/// `ops/install-nats`.
pub fn nats_server_binary() -> Result<PathBuf, TestkitError> {
    let override_path = env::var_os(OVERRIDE_VAR);
    let search_path = env::var_os("PATH");
    find_server_binary(
        override_path.as_deref(),
        &workspace_root(),
        search_path.as_deref(),
    )
}

/// [`nats_server_binary`] with the environment passed in, so tests need not change the
/// process environment.
fn find_server_binary(
    override_path: Option<&OsStr>,
    workspace: &Path,
    search_path: Option<&OsStr>,
) -> Result<PathBuf, TestkitError> {
    if let Some(path) = override_path.filter(|path| !path.is_empty()) {
        let path = PathBuf::from(path);
        check_version(&path)?;
        return Ok(path);
    }

    let local = workspace.join("ops/.tools/bin/nats-server");
    // symlink_metadata, not exists: a dangling link left by a broken install must be reported,
    // not silently skipped in favour of whatever is on PATH.
    if local.symlink_metadata().is_ok() {
        check_version(&local)?;
        return Ok(local);
    }

    let on_path = search_path
        .into_iter()
        .flat_map(env::split_paths)
        .map(|dir| dir.join("nats-server"))
        .find(|candidate| candidate.is_file());
    if let Some(path) = on_path {
        check_version(&path)?;
        return Ok(path);
    }

    Err(TestkitError::NoServerBinary { local })
}

fn check_version(path: &Path) -> Result<(), TestkitError> {
    let output = run_version(path).map_err(|source| TestkitError::VersionCheck {
        path: path.to_path_buf(),
        source,
    })?;
    let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
    printed.push_str(&String::from_utf8_lossy(&output.stderr));
    let printed = printed.trim().to_owned();

    let Some(version) = Version::find_in(&printed) else {
        return Err(TestkitError::UnknownVersion {
            path: path.to_path_buf(),
            output: printed,
        });
    };
    if version < MIN_VERSION {
        return Err(TestkitError::ServerTooOld {
            path: path.to_path_buf(),
            version: version.to_string(),
            minimum: MIN_VERSION.to_string(),
        });
    }
    Ok(())
}

fn run_version(path: &Path) -> io::Result<Output> {
    let mut attempt = 1;
    loop {
        match Command::new(path).arg("--version").output() {
            // A binary written a moment ago (by ops/install-nats, or a test) can still be open for
            // writing in a process another thread forked meanwhile; that ends at its exec.
            Err(err) if err.kind() == io::ErrorKind::ExecutableFileBusy && attempt < 5 => {
                attempt += 1;
                thread::sleep(Duration::from_millis(20));
            }
            result => return result,
        }
    }
}

/// A release number, major.minor.patch; ordering is release order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Version([u32; 3]);

impl Version {
    /// Finds the first `x.y.z` in `nats-server --version` output such as
    /// `nats-server: v2.14.6`. A pre-release suffix (`-RC.1`) is ignored.
    fn find_in(text: &str) -> Option<Self> {
        text.split_whitespace().find_map(|word| {
            let number = word.trim_start_matches('v');
            let number = number
                .split_once('-')
                .map_or(number, |(release, _)| release);
            let mut parts = number.split('.').map(str::parse::<u32>);
            let version = [
                parts.next()?.ok()?,
                parts.next()?.ok()?,
                parts.next()?.ok()?,
            ];
            parts.next().is_none().then_some(Self(version))
        })
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [major, minor, patch] = self.0;
        write!(f, "{major}.{minor}.{patch}")
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// Writes an executable script that prints `version_line` like `nats-server --version`.
    fn fake_server(dir: &Path, version_line: &str) -> PathBuf {
        fs::create_dir_all(dir).unwrap();
        let path = dir.join("nats-server");
        fs::write(&path, format!("#!/bin/sh\necho '{version_line}'\n")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn version_is_found_in_server_output() {
        assert_eq!(
            Version::find_in("nats-server: v2.14.6"),
            Some(Version([2, 14, 6]))
        );
        assert_eq!(
            Version::find_in("nats-server: v2.12.0-RC.3"),
            Some(Version([2, 12, 0]))
        );
        assert_eq!(
            Version::find_in("nats-server version 2.1.9"),
            Some(Version([2, 1, 9]))
        );
        assert_eq!(Version::find_in("command not found"), None);
        assert_eq!(Version::find_in("v2.14"), None);
    }

    #[test]
    fn versions_order_numerically() {
        assert!(Version([2, 10, 22]) < MIN_VERSION);
        assert!(Version([2, 11, 0]) >= MIN_VERSION);
        assert!(Version([2, 9, 99]) < Version([2, 10, 0]));
    }

    #[test]
    fn override_wins_over_everything() {
        let tmp = tempfile::tempdir().unwrap();
        let chosen = fake_server(&tmp.path().join("override"), "nats-server: v2.11.0");
        let workspace = tmp.path().join("workspace");
        fake_server(&workspace.join("ops/.tools/bin"), "nats-server: v2.14.6");

        let found = find_server_binary(Some(chosen.as_os_str()), &workspace, None).unwrap();
        assert_eq!(found, chosen);
    }

    #[test]
    fn override_that_is_too_old_is_an_error_not_a_fallback() {
        let tmp = tempfile::tempdir().unwrap();
        let old = fake_server(tmp.path(), "nats-server: v2.10.22");
        let path_dir = tmp.path().join("path");
        fake_server(&path_dir, "nats-server: v2.14.6");

        let err = find_server_binary(
            Some(old.as_os_str()),
            tmp.path(),
            Some(path_dir.as_os_str()),
        )
        .unwrap_err();
        assert!(matches!(err, TestkitError::ServerTooOld { .. }), "{err}");
        assert!(err.to_string().contains("ops/install-nats"), "{err}");
    }

    #[test]
    fn local_install_wins_over_path() {
        let tmp = tempfile::tempdir().unwrap();
        let workspace = tmp.path().join("workspace");
        let local = fake_server(&workspace.join("ops/.tools/bin"), "nats-server: v2.14.6");
        let path_dir = tmp.path().join("path");
        fake_server(&path_dir, "nats-server: v2.12.1");

        let found = find_server_binary(None, &workspace, Some(path_dir.as_os_str())).unwrap();
        assert_eq!(found, local);
    }

    #[test]
    fn path_is_searched_when_nothing_is_installed() {
        let tmp = tempfile::tempdir().unwrap();
        let empty = tmp.path().join("empty");
        let path_dir = tmp.path().join("path");
        let on_path = fake_server(&path_dir, "nats-server: v2.12.1");
        let search = env::join_paths([empty.clone(), path_dir]).unwrap();

        let found = find_server_binary(None, &empty, Some(search.as_os_str())).unwrap();
        assert_eq!(found, on_path);
    }

    #[test]
    fn missing_binary_tells_the_user_to_run_install_nats() {
        let tmp = tempfile::tempdir().unwrap();

        let err = find_server_binary(None, tmp.path(), Some(OsStr::new(""))).unwrap_err();
        assert!(matches!(err, TestkitError::NoServerBinary { .. }), "{err}");
        assert!(err.to_string().contains("run ops/install-nats"), "{err}");
    }

    #[test]
    fn workspace_root_holds_the_ops_folder() {
        assert!(workspace_root().join("ops/nats-server.conf").is_file());
    }
}
