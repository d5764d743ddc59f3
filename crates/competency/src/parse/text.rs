//! What ids and texts of a framework may hold; shared by framework files and the Moodle
//! import, so that whatever one accepts the other accepts too.

/// What an id may be, for error messages and documentation.
pub(crate) const ID_ALPHABET: &str =
    "ASCII letters, digits, `-`, `_` and `.`, not starting with `.` and without `..`";

/// Whether `id` is a framework or competency id.
///
/// Ids travel unescaped into URL paths (`/v1/employees/{id}/competencies/{competency}/explain`)
/// and alignment codes (`<framework>:<competency>`), and are printed in reports and logs, so
/// they keep to characters that need no escaping in any of them. Moodle's `Id number`
/// fields of real exports (e.g. `OECD-CORE`, `DR-AT-2`, `level-1`) fit this alphabet.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.contains("..")
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The first control character of `text` that it may not hold, if any.
///
/// Control characters (C0, DEL and C1, ANSI escapes among them) in a name would reach
/// terminals, logs and reports verbatim. Descriptions may span lines: Moodle's HTML
/// descriptions carry CRLF line breaks, and TOML multi-line strings carry LF and tabs, so
/// `multi_line` texts may hold tab, line feed and carriage return.
pub(crate) fn forbidden_control(text: &str, multi_line: bool) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !(multi_line && matches!(c, '\t' | '\n' | '\r')))
}

#[cfg(test)]
mod tests {
    use super::{forbidden_control, is_valid_id};

    #[test]
    fn ids_keep_to_the_alphabet() {
        for id in ["OECD-CORE", "DR-AT1", "level-1", "a.b_c", "v2.0", "x"] {
            assert!(is_valid_id(id), "{id}");
        }
        for id in [
            "",
            "../../etc",
            ".hidden",
            "a..b",
            "Führung",
            "a b",
            "a/b",
            "a:b",
            "x\u{1}",
        ] {
            assert!(!is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn line_breaks_are_allowed_only_in_multi_line_texts() {
        assert_eq!(forbidden_control("one\r\ntwo\tthree", true), None);
        assert_eq!(forbidden_control("one\ntwo", false), Some('\n'));
        assert_eq!(forbidden_control("d\u{1b}[31m", true), Some('\u{1b}'));
        assert_eq!(forbidden_control("x\u{85}y", true), Some('\u{85}'));
        assert_eq!(forbidden_control("Führung \u{2019}", false), None);
    }
}
