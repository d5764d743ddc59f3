//! The token file: one `<role> <sha256 hex of the token>` per line, `#`
//! comments and blank lines allowed. Only digests are kept, and a presented
//! token is hashed before it is compared, in constant time.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::Role;

/// One line of the token file.
#[derive(Clone)]
struct Entry {
    role: Role,
    digest: [u8; 32],
}

impl fmt::Debug for Entry {
    // The digest is not the secret, but there is no reason to print it in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// The parsed token file.
#[derive(Clone, Debug)]
pub struct Tokens {
    entries: Vec<Entry>,
}

/// A token file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TokenFileError {
    /// The file could not be read.
    #[error("cannot read the token file {path}")]
    Read {
        /// The file.
        path: String,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
    /// A line is not `<role> <sha256 hex>`.
    #[error("token file line {line}: {reason}")]
    InvalidLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// Two lines hold the same token.
    #[error("token file line {line}: the same token as line {first}")]
    DuplicateToken {
        /// The later line.
        line: usize,
        /// The earlier line.
        first: usize,
    },
    /// No line holds a token: nobody could call the node.
    #[error("the token file holds no tokens; add lines of the form `<role> <sha256 hex>`")]
    NoTokens,
}

impl Tokens {
    /// Reads and parses a token file.
    ///
    /// Fails when the file cannot be read or [`Tokens::parse`] refuses it.
    pub fn load(path: &Path) -> Result<Tokens, TokenFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| TokenFileError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Tokens::parse(&text)
    }

    /// Parses token-file text: one `<role> <sha256 hex of the token>` per line; `#`
    /// starts a comment; blank lines are skipped.
    ///
    /// Fails naming the line when a role is unknown, a digest is not 64 hex
    /// digits, a line has other fields, or a token appears twice; and when there
    /// is no token at all.
    pub fn parse(text: &str) -> Result<Tokens, TokenFileError> {
        let mut entries: Vec<(usize, Entry)> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.split_once('#').map_or(raw, |(before, _)| before).trim();
            if content.is_empty() {
                continue;
            }
            let invalid = |reason: String| TokenFileError::InvalidLine { line, reason };
            let fields: Vec<&str> = content.split_whitespace().collect();
            let [role, digest] = fields[..] else {
                return Err(invalid(format!(
                    "expected `<role> <sha256 hex>`, found {} field(s)",
                    fields.len()
                )));
            };
            let role = Role::from_str(role).map_err(invalid)?;
            let digest = parse_digest(digest).map_err(invalid)?;
            if let Some((first, _)) = entries.iter().find(|(_, e)| e.digest == digest) {
                return Err(TokenFileError::DuplicateToken {
                    line,
                    first: *first,
                });
            }
            entries.push((line, Entry { role, digest }));
        }
        if entries.is_empty() {
            return Err(TokenFileError::NoTokens);
        }
        Ok(Tokens {
            entries: entries.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// How many tokens each role has, for the start-up log.
    pub fn count(&self, role: Role) -> usize {
        self.entries.iter().filter(|e| e.role == role).count()
    }

    /// The role of `token`, if the file holds it.
    ///
    /// The presented token is hashed first and every entry is compared in
    /// constant time, so the time taken says nothing about the stored digests.
    pub(super) fn role_of(&self, token: &str) -> Option<Role> {
        let presented: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut found = None;
        for entry in &self.entries {
            if bool::from(entry.digest.ct_eq(&presented)) {
                found = Some(entry.role);
            }
        }
        found
    }
}

fn parse_digest(text: &str) -> Result<[u8; 32], String> {
    let mut digest = [0u8; 32];
    hex::decode_to_slice(text, &mut digest)
        .map_err(|err| format!("`{text}` is not the 64 hex digits of a SHA-256 digest ({err})"))?;
    Ok(digest)
}

/// The hex SHA-256 of a token: what the token file holds for it.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]
mod tests {
    use super::*;

    const PLANNER_TOKEN: &str = "planner-secret";

    fn file() -> String {
        format!(
            "# planners\nplanner {}\n\nadmin {}  # the operator\n",
            token_digest(PLANNER_TOKEN),
            token_digest("admin-secret")
        )
    }

    #[test]
    fn a_token_file_maps_digests_to_roles() {
        let tokens = Tokens::parse(&file()).unwrap();
        assert_eq!(tokens.role_of(PLANNER_TOKEN), Some(Role::Planner));
        assert_eq!(tokens.role_of("admin-secret"), Some(Role::Admin));
        assert_eq!(tokens.role_of("guess"), None);
        assert_eq!(tokens.count(Role::Planner), 1);
        assert_eq!(tokens.count(Role::Auditor), 0);
    }

    #[test]
    fn bad_lines_are_named_by_number() {
        let digest = token_digest("x");
        let cases = [
            (
                format!("# c\nreader {digest}\n"),
                2,
                "unknown role `reader`",
            ),
            ("admin abc\n".to_owned(), 1, "64 hex digits"),
            (format!("\n\nadmin {digest} extra\n"), 3, "found 3 field(s)"),
            ("admin\n".to_owned(), 1, "found 1 field(s)"),
            (
                format!("admin {}\n", "g".repeat(64)),
                1,
                "not the 64 hex digits",
            ),
        ];
        for (text, line, needle) in cases {
            let err = Tokens::parse(&text).unwrap_err();
            let TokenFileError::InvalidLine { line: at, .. } = &err else {
                panic!("{text:?}: expected an invalid line, got {err:?}");
            };
            assert_eq!(*at, line, "{text:?}: {err}");
            assert!(err.to_string().contains(needle), "{text:?}: {err}");
            assert!(
                err.to_string()
                    .starts_with(&format!("token file line {line}: "))
            );
        }
    }

    #[test]
    fn a_repeated_token_and_an_empty_file_are_refused() {
        let digest = token_digest("x");
        let err = Tokens::parse(&format!("admin {digest}\nplanner {digest}\n")).unwrap_err();
        assert!(
            matches!(err, TokenFileError::DuplicateToken { line: 2, first: 1 }),
            "{err:?}"
        );
        let err = Tokens::parse("# nobody yet\n\n").unwrap_err();
        assert!(matches!(err, TokenFileError::NoTokens), "{err:?}");
    }
}
