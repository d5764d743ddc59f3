//! Spotting e-mail addresses in free text, which must never reach the event log.
//!
//! The log is immutable and names people only by pseudonymous ids, so an address typed
//! into a purpose or an org unit could never be erased. The check looks for the shape
//! `local@domain.tld` around each at sign rather than parsing RFC 5322, which accepts
//! far more than anyone types: a lone `@` ("Q&A @ HQ"), a handle ("@dana") or a version
//! ("v2@3.1") is not an address.
//!
//! Mail software reads an address after IDNA mapping, which folds compatibility forms
//! (full-width letters), drops invisible format characters (a soft hyphen) and reads
//! ideographic full stops as dots. The shape is therefore looked for in text folded the
//! same way, or `ｄａｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ` would pass while reaching the same mailbox.

use std::net::{Ipv4Addr, Ipv6Addr};

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// The position, counted in characters of `text` as given from 1, of the at sign of the
/// first e-mail address in `text`, if it holds one.
pub fn address_in(text: &str) -> Option<usize> {
    let folded = folded(text);
    let nth = folded
        .char_indices()
        .filter(|&(_, c)| c == '@')
        .position(|(i, _)| has_local_part(&folded[..i]) && has_domain(&folded[i + 1..]))?;
    // Folding turns each at sign, and only those, into exactly one `@` (a unit test checks
    // every character), so the n-th `@` of the folded text is the n-th at sign of `text`.
    text.chars()
        .enumerate()
        .filter(|&(_, c)| is_at_sign(c))
        .nth(nth)
        .map(|(i, _)| i + 1)
}

/// `text` as IDNA would read it: format characters (category Cf) removed, then NFKC, then
/// the ideographic full stop as `.`. Removing format characters first lets a base letter
/// and the combining accent a soft hyphen separated compose again.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|&c| get_general_category(c) != GeneralCategory::Format)
        .nfkc()
        // NFKC already turns the full-width stop into `.` and the halfwidth ideographic
        // stop into this one, which IDNA, unlike NFKC, takes for a dot.
        .map(|c| if c == '\u{3002}' { '.' } else { c })
        .collect()
}

/// `@`, and the full-width and small commercial at, which NFKC turns into `@`.
fn is_at_sign(c: char) -> bool {
    matches!(c, '@' | '\u{FF20}' | '\u{FE6B}')
}

/// A combining mark, which belongs to the letter before it: an accent NFKC has no
/// precomposed letter for must not end the local part or a label it sits in.
fn is_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    )
}

/// The text just before the at sign ends in a local part: characters people use in
/// mailbox names, at least one of them a letter or digit, or a quoted string such as
/// `"dana smith"`.
fn has_local_part(before: &str) -> bool {
    if let Some(quoted) = before.strip_suffix('"') {
        return has_quoted_string(quoted);
    }
    before
        .chars()
        .rev()
        .take_while(|&c| {
            c.is_alphanumeric() || is_mark(c) || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
        })
        .any(char::is_alphanumeric)
}

/// `before` ends in the inside of a quoted local part, whose closing quote has been cut
/// off: it reaches back to an opening quote that no backslash escapes, and names someone,
/// i.e. holds a letter or digit.
fn has_quoted_string(before: &str) -> bool {
    let mut end = before.len();
    while let Some(quote) = before[..end].rfind('"') {
        let backslashes = before[..quote]
            .chars()
            .rev()
            .take_while(|&c| c == '\\')
            .count();
        if backslashes % 2 == 0 {
            return before[quote + 1..].chars().any(char::is_alphanumeric);
        }
        end = quote;
    }
    false
}

/// The text just after the at sign starts with a domain: an address literal in brackets
/// (`[192.0.2.1]`, `[IPv6:2001:db8::1]`), or a domain name of at least two labels whose
/// last, the top-level domain, is two or more letters (or an IDNA `xn--` label). A dot
/// that ends the sentence is not part of the domain.
fn has_domain(after: &str) -> bool {
    if let Some(literal) = after.strip_prefix('[') {
        return is_address_literal(literal);
    }
    let end = after
        .find(|c: char| !(c.is_alphanumeric() || is_mark(c) || c == '-' || c == '.'))
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
            || (tld.chars().count() >= 2 && tld.chars().all(|c| c.is_alphabetic() || is_mark(c))))
        && !labels
            .first()
            .is_some_and(|first| is_scaled_image(first, tld))
}

/// The inside of an address literal, after its opening bracket: an IPv4 address or a
/// tagged IPv6 address, then the closing bracket.
fn is_address_literal(after_bracket: &str) -> bool {
    let Some((inside, _)) = after_bracket.split_once(']') else {
        return false;
    };
    inside.parse::<Ipv4Addr>().is_ok()
        || inside.split_at_checked(5).is_some_and(|(tag, address)| {
            tag.eq_ignore_ascii_case("IPv6:") && address.parse::<Ipv6Addr>().is_ok()
        })
}

/// A file named by the `@2x` convention for images drawn at a scale (`icon@2x.png`,
/// `logo@1.5x.webp`): the first label starts with a digit and the last is an image file's
/// extension. No address is let through: none of these extensions is a top-level domain.
fn is_scaled_image(first_label: &str, tld: &str) -> bool {
    const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];
    first_label.starts_with(|c: char| c.is_ascii_digit())
        && IMAGE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(tld))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_one_at_sign_of_each_at_sign_and_of_nothing_else() {
        for c in '\0'..=char::MAX {
            let ats = folded(c.encode_utf8(&mut [0; 4])).matches('@').count();

            assert_eq!(ats, usize::from(is_at_sign(c)), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn the_position_counts_characters_of_the_text_as_given() {
        // Two full-width letters fold to two, the soft hyphen to none, `ﬀ` to two.
        assert_eq!(address_in("ｘｙ\u{AD}ﬀ x@example.com"), Some(7));
        assert_eq!(
            address_in("a @ b, ｄａｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
            Some(12)
        );
    }
}
