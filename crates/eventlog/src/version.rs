//! The oldest nats-server Ladder trusts with an immutable log.

use std::fmt;

/// Ladder refuses servers older than this.
///
/// 2.10.x releases before 2.10.23 can lose acknowledged writes after a crash
/// (nats-server issue 4320, and the Jepsen report on NATS 2.12.1 lists further
/// fsync and replication faults); Ladder also relies on the 2.11 stream settings
/// (per-message TTL off by default, error code 10164), so 2.11.0 is the floor.
pub const MINIMUM_SERVER_VERSION: ServerVersion = ServerVersion {
    major: 2,
    minor: 11,
    patch: 0,
};

/// A `major.minor.patch` server version; pre-release suffixes are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ServerVersion {
    /// Major version.
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// Patch version.
    pub patch: u32,
}

impl ServerVersion {
    /// Parses what a server reports, e.g. `2.14.6` or `v2.11.0-RC.1`.
    pub fn parse(text: &str) -> Option<ServerVersion> {
        let core = text.trim().trim_start_matches('v');
        let core = core.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u32>().ok());
        let version = ServerVersion {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next().unwrap_or(Some(0))?,
        };
        parts.next().is_none().then_some(version)
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_compare() {
        let v = |s| ServerVersion::parse(s).unwrap();
        assert_eq!(
            v("2.14.6"),
            ServerVersion {
                major: 2,
                minor: 14,
                patch: 6
            }
        );
        assert_eq!(
            v("v2.11.0-RC.1"),
            ServerVersion {
                major: 2,
                minor: 11,
                patch: 0
            }
        );
        assert!(v("2.10.29") < MINIMUM_SERVER_VERSION);
        assert!(v("2.11.0") >= MINIMUM_SERVER_VERSION);
        assert!(v("3.0.0") > MINIMUM_SERVER_VERSION);
        assert_eq!(ServerVersion::parse("two.eleven"), None);
        assert_eq!(ServerVersion::parse("2.11.0.1"), None);
    }
}
