//! The value formats xAPI prescribes: IRIs, UUIDs, timestamps, durations, versions.
//!
//! Each check returns the [`Violation`] to report, so the caller only adds the path.

use jiff::fmt::temporal::{DateTimeParser, Pieces, PiecesOffset, SpanParser};
use uuid::Uuid;

use crate::error::{Violation, shown};
use crate::statement::StatementTime;

/// An absolute IRI (RFC 3987): a scheme, a colon and something after it, with no
/// whitespace, control characters or characters IRIs exclude (`<>"{}|\^` and the
/// backtick). Relative references such as `completed` or `/course/1` are refused.
pub(crate) fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let rest_ok = !rest.is_empty()
        && !rest.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        });
    scheme_ok && rest_ok
}

/// An absolute `http` or `https` IRI with a host, as an LMS home page must be.
pub(crate) fn is_web_address(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return false;
    };
    is_absolute_iri(text) && !rest.is_empty() && !rest.starts_with('/')
}

pub(crate) fn iri(text: &str, example: &'static str) -> Result<String, Violation> {
    if is_absolute_iri(text) {
        Ok(text.to_owned())
    } else {
        Err(Violation::NotAnIri {
            value: shown(text),
            example,
        })
    }
}

/// A UUID in the hyphenated 8-4-4-4-12 form xAPI uses; braces, `urn:uuid:` and the
/// 32-digit form are refused so that one statement has one spelling of its id.
pub(crate) fn uuid(text: &str) -> Result<Uuid, Violation> {
    let not_uuid = || Violation::NotAUuid { value: shown(text) };
    if text.len() != 36 {
        return Err(not_uuid());
    }
    Uuid::try_parse(text).map_err(|_| not_uuid())
}

/// An ISO 8601 date and time with a UTC offset (`Z` or `±hh:mm`), as xAPI 2.0
/// requires. `-00:00` is refused: ISO 8601 forbids it and xAPI follows ISO 8601.
/// Bracketed time zone annotations (RFC 9557) are not ISO 8601 either.
pub(crate) fn timestamp(text: &str) -> Result<StatementTime, Violation> {
    static PARSER: DateTimeParser = DateTimeParser::new();
    let bad = |reason: &str| Violation::NotATimestamp {
        value: shown(text),
        reason: reason.into(),
    };
    let pieces: Pieces<'_> = PARSER
        .parse_pieces(text)
        .map_err(|err| bad(&format!("{err}").to_lowercase()))?;
    let Some(time) = pieces.time() else {
        return Err(bad("it has no time of day"));
    };
    if pieces.time_zone_annotation().is_some() {
        return Err(bad("bracketed time zone annotations are not ISO 8601"));
    }
    let offset = match pieces.offset() {
        None => return Err(bad("it has no UTC offset")),
        Some(PiecesOffset::Numeric(numeric))
            if numeric.is_negative() && numeric.offset().seconds() == 0 =>
        {
            return Err(bad(
                "ISO 8601 does not allow the offset -00:00; use Z or +00:00",
            ));
        }
        Some(offset) => offset.to_numeric_offset(),
    };
    let at = offset
        .to_timestamp(pieces.date().to_datetime(time))
        .map_err(|_| bad("it is outside the supported range of years"))?;
    Ok(StatementTime { at, offset })
}

/// A [`timestamp`] whose date, at its own offset, is one Ladder accepts as a business
/// date. Either time may become the evidence's effective date, and the command
/// built from it would be refused naming `effective_date`, a field the statement
/// does not have; refusing here names the statement's own field.
pub(crate) fn business_timestamp(text: &str) -> Result<StatementTime, Violation> {
    use ladder_domain::command::limits::{EARLIEST_DATE, LATEST_DATE};
    let time = timestamp(text)?;
    if (EARLIEST_DATE..=LATEST_DATE).contains(&time.date()) {
        Ok(time)
    } else {
        Err(Violation::DateOutOfRange {
            value: shown(text),
            earliest: EARLIEST_DATE,
            latest: LATEST_DATE,
        })
    }
}

/// An ISO 8601 duration such as `PT1H30M` or `P1DT2.5S`.
pub(crate) fn duration(text: &str) -> Result<(), Violation> {
    static PARSER: SpanParser = SpanParser::new();
    PARSER
        .parse_span(text)
        .map(|_| ())
        .map_err(|_| Violation::NotADuration { value: shown(text) })
}

/// `1.0`, `1.0.x`, `2.0` or `2.0.x`: the versions whose statement shapes Ladder reads.
pub(crate) fn version(text: &str) -> Result<String, Violation> {
    let mut parts = text.split('.');
    let major = parts.next();
    let minor = parts.next();
    let patch = parts.next();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let ok = matches!(major, Some("1" | "2"))
        && minor == Some("0")
        && patch.is_none_or(digits)
        && parts.next().is_none();
    if ok {
        Ok(text.to_owned())
    } else {
        Err(Violation::UnsupportedVersion { value: shown(text) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_iris_need_a_scheme_and_no_spaces() {
        for good in [
            "http://adlnet.gov/expapi/verbs/completed",
            "https://w3id.org/xapi/tla/verbs/achieved",
            "urn:uuid:0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01",
            "http://www.example.org/mod/book/view.php?id=1",
            "https://例え.jp/コース",
        ] {
            assert!(is_absolute_iri(good), "{good}");
        }
        for bad in [
            "",
            "completed",
            "/course/1",
            "http:",
            "1http://x",
            "http://x/a b",
            "http://x/<b>",
            ":no-scheme",
        ] {
            assert!(!is_absolute_iri(bad), "{bad}");
        }
    }

    #[test]
    fn home_pages_are_web_addresses() {
        for good in [
            "http://www.example.org",
            "HTTPS://lms.example.org/moodle/",
            "https://x",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "mailto:lms@example.org",
            "https://",
            "http:///path",
            "lms.example.org",
            "ftp://x",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn timestamps_need_a_time_and_an_offset() {
        let t = timestamp("2015-06-10T15:31:41+01:00").map_err(|e| e.to_string());
        let t = t
            .as_ref()
            .map(|t| (t.at.to_string(), t.offset.seconds(), t.date().to_string()));
        assert_eq!(
            t,
            Ok((
                "2015-06-10T14:31:41Z".to_owned(),
                3600,
                "2015-06-10".to_owned()
            ))
        );
        assert!(timestamp("2015-06-10T15:31:41.123456Z").is_ok());
        assert!(timestamp("2015-06-10T15:31:41+00:00").is_ok());
        for bad in [
            "2015-06-10T15:31:41",
            "2015-06-10",
            "2015-06-10T15:31:41-00:00",
            "2015-06-10T15:31:41+01:00[Europe/London]",
            "10/06/2015 15:31",
            "2015-02-30T10:00:00Z",
            "",
        ] {
            assert!(
                matches!(timestamp(bad), Err(Violation::NotATimestamp { .. })),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn the_date_is_taken_at_the_statements_own_offset() {
        let late_in_new_york = timestamp("2026-03-05T23:30:00-05:00").map(|t| t.date().to_string());
        assert_eq!(late_in_new_york, Ok("2026-03-05".to_owned()));
    }

    #[test]
    fn versions_are_1_0_or_2_0() {
        for good in ["1.0", "1.0.0", "1.0.3", "2.0", "2.0.0"] {
            assert!(version(good).is_ok(), "{good}");
        }
        for bad in [
            "", "1", "0.95", "1.1.0", "2.1", "1.0.", "1.0.x", "1.0.3.1", "3.0.0",
        ] {
            assert!(version(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn uuids_are_hyphenated() {
        assert!(uuid("6fbd600f-d17c-4c74-801a-2ec2e53231c8").is_ok());
        assert!(uuid("6fbd600fd17c4c74801a2ec2e53231c8").is_err());
        assert!(uuid("{6fbd600f-d17c-4c74-801a-2ec2e53231c8}").is_err());
        assert!(uuid("6fbd600f-d17c-4c74-801a-2ec2e53231cz").is_err());
    }

    #[test]
    fn durations_are_iso_8601() {
        assert!(duration("PT0S").is_ok());
        assert!(duration("P1DT2H30M").is_ok());
        assert!(duration("PT1.5S").is_ok());
        assert!(duration("90 minutes").is_err());
        assert!(duration("1:30:00").is_err());
    }
}
