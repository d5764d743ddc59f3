//! How LMS accounts are identified in the log without storing who they are.
//!
//! An xAPI actor's account is a home page and a name; the name is often a login
//! that can identify a person. The log stores only [`account_key`], and the
//! account's aggregate id is derived from that key, so the HRIS's link command and
//! the LMS's statements meet on the same aggregate without either being stored.

use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Namespace of account aggregate ids (UUID v5); fixed forever.
const ACCOUNT_NAMESPACE: Uuid = Uuid::from_u128(0x6c61_6464_6572_4c4d_5361_6363_6f75_6e74);

/// The canonical form of a home page: surrounding space and trailing slashes do not
/// make a different LMS (`https://lms.example.org/` is `https://lms.example.org`).
pub fn canonical_home_page(home_page: &str) -> &str {
    home_page.trim().trim_end_matches('/')
}

/// SHA-256 over the canonical home page, a zero byte, and the account name.
pub fn account_key(home_page: &str, name: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(canonical_home_page(home_page).as_bytes());
    hasher.update([0]);
    hasher.update(name.as_bytes());
    hasher.finalize().into()
}

/// The id of the account's aggregate: UUID v5 of the key in Ladder's namespace.
pub fn account_id(key: &[u8; 32]) -> Uuid {
    Uuid::new_v5(&ACCOUNT_NAMESPACE, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_page_spelling_does_not_change_the_key() {
        let a = account_key("http://www.example.org", "1");
        assert_eq!(a, account_key(" http://www.example.org/ ", "1"));
        assert_ne!(a, account_key("http://www.example.org", "2"));
        assert_ne!(a, account_key("http://www.example.com", "1"));
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        assert_ne!(account_key("ab", "c"), account_key("a", "bc"));
        assert_eq!(
            account_id(&a),
            account_id(&account_key("http://www.example.org/", "1"))
        );
    }
}
