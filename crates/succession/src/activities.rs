//! Which ERG an LMS activity belongs to, by the prefix of its id.
//!
//! The same activity can be written in several ways that an LMS, a proxy or a copy-paste
//! may produce: `HTTPS://LMS.example.org:443/events/x/../pride/` is
//! `https://lms.example.org/events/pride/`. A privacy rule that a change of spelling
//! escapes protects nothing, so prefixes and activity ids are compared in one normal
//! form: the URL standard's parse (scheme and host in lower case, no default port, dot
//! segments resolved), repeated slashes in the path collapsed, and percent-escapes of
//! unreserved characters (`%2D` for `-`) decoded. Ids that are not URLs are compared as
//! written.

use uuid::Uuid;

/// LMS activities whose id starts with `activity_prefix` belong to the ERG `erg_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErgActivity {
    /// The ERG.
    pub erg_id: Uuid,
    /// An absolute URL the activity ids start with, as written in the planning file,
    /// e.g. `https://lms.example.org/events/pride-alliance/`.
    pub activity_prefix: String,
    /// `activity_prefix` in normal form.
    pub(crate) normal: String,
}

impl ErgActivity {
    /// Whether `activity` (in normal form) is one of this ERG's: it starts with the
    /// prefix, or is the prefix itself without its closing slash.
    pub(crate) fn covers(&self, activity: &str) -> bool {
        activity.starts_with(&self.normal) || self.normal.strip_suffix('/') == Some(activity)
    }
}

/// Why an `activity_prefix` cannot be used.
pub(crate) fn prefix_problem(prefix: &str) -> Option<&'static str> {
    if prefix.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Some("contains a control or space character");
    }
    match url::Url::parse(prefix) {
        Err(_) => Some("is not an absolute URL"),
        Ok(url) if !url.has_host() => Some("names no host"),
        Ok(_) if prefix.len() > 1000 => Some("is longer than 1000 bytes"),
        Ok(_) => None,
    }
}

/// The normal form of an activity id or prefix; see the module docs.
pub(crate) fn normal(id: &str) -> String {
    let Ok(mut url) = url::Url::parse(id.trim()) else {
        return id.trim().to_owned();
    };
    if url.has_host() {
        let path = collapse_slashes(&decode_unreserved(url.path()));
        url.set_path(&path);
    }
    url.into()
}

fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// Decodes `%XX` where XX is an unreserved character (RFC 3986: letters, digits, `-._~`),
/// which means the same escaped or not; other escapes stay, as decoding them could change
/// the path (`%2F` is not `/`).
fn decode_unreserved(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let decoded = (b == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~'));
        match decoded {
            Some(c) => {
                out.push(c);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    // Only ASCII bytes were substituted for ASCII escapes: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "test code")]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_activity_share_a_normal_form() {
        let plain = "https://lms.example.org/events/pride-alliance/2026-q4";
        for spelling in [
            "HTTPS://LMS.EXAMPLE.ORG/events/pride-alliance/2026-q4",
            "https://lms.example.org:443/events/pride-alliance/2026-q4",
            "https://lms.example.org//events/pride-alliance/2026-q4",
            "https://lms.example.org/events/pride%2Dalliance/2026-q4",
            "https://lms.example.org/events/x/../pride-alliance/2026-q4",
            " https://lms.example.org/events/./pride-alliance/2026-q4 ",
        ] {
            assert_eq!(normal(spelling), plain, "{spelling}");
        }
        // A reserved escape keeps its meaning; a path differing in case is another path.
        assert!(normal("https://a.example/x%2Fy").contains("%2F"));
        assert_ne!(
            normal("https://a.example/Events"),
            normal("https://a.example/events")
        );
        assert_eq!(normal("urn:x:Course"), "urn:x:Course");
    }

    #[test]
    fn only_usable_prefixes_pass() {
        assert_eq!(prefix_problem("https://lms.example.org/events/"), None);
        for bad in [
            "https:/",
            "events/",
            "not an iri",
            "https://a.example/\u{7}x",
            "urn:x:",
        ] {
            assert!(prefix_problem(bad).is_some(), "{bad:?}");
        }
    }
}
