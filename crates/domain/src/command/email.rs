//! Spotting e-mail addresses in free text, which must never reach the event log.
//!
//! The log is immutable and names people only by pseudonymous ids, so an address typed
//! into a purpose or an org unit could never be erased. The check looks for the shape
//! `local@domain.tld` around each at sign rather than parsing RFC 5322, which accepts
//! far more than anyone types: a lone `@` ("Q&A @ HQ"), a handle ("@dana") or a version
//! ("v2@3.1") is not an address.

/// The position, counted in characters from 1, of the at sign of the first e-mail
/// address in `text`, if it holds one.
pub(super) fn address_in(text: &str) -> Option<usize> {
    text.char_indices()
        .filter(|&(_, c)| is_at_sign(c))
        .find(|&(i, at)| {
            let before = &text[..i];
            let after = &text[i + at.len_utf8()..];
            has_local_part(before) && has_domain(after)
        })
        .map(|(i, _)| text[..i].chars().count() + 1)
}

/// `@`, and the full-width and small commercial at, which compatibility normalisation
/// (NFKC) turns into `@` and so could slip an address past a check for `@` alone.
fn is_at_sign(c: char) -> bool {
    matches!(c, '@' | '\u{FF20}' | '\u{FE6B}')
}

/// The text just before the at sign ends in a local part: characters people use in
/// mailbox names, at least one of them a letter or digit.
fn has_local_part(before: &str) -> bool {
    before
        .chars()
        .rev()
        .take_while(|&c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\''))
        .any(char::is_alphanumeric)
}

/// The text just after the at sign starts with a domain name of at least two labels whose
/// last, the top-level domain, is two or more letters (or an IDNA `xn--` label). A dot
/// that ends the sentence is not part of the domain.
fn has_domain(after: &str) -> bool {
    let end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .unwrap_or(after.len());
    let domain = after[..end].trim_end_matches('.');
    let labels: Vec<&str> = domain.split('.').collect();
    let Some((tld, _)) = labels.split_last() else {
        return false;
    };
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && (tld.starts_with("xn--")
            || (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)))
}
