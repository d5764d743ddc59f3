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

/// The first character of `text` that it may not hold, if any.
///
/// Control characters (C0, DEL and C1, ANSI escapes among them) in a name would reach
/// terminals, logs and reports verbatim. Descriptions may span lines: Moodle's HTML
/// descriptions carry CRLF line breaks, and TOML multi-line strings carry LF and tabs, so
/// `multi_line` texts may hold tab, line feed and carriage return, and Unicode's line and
/// paragraph separators. Bidirectional controls and zero-width characters are refused
/// everywhere, as commands refuse them: they make a text read differently from what it
/// holds, or two names that look alike differ.
pub(crate) fn forbidden_character(text: &str, multi_line: bool) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && !(multi_line && matches!(c, '\t' | '\n' | '\r')))
            || is_bidi_control(c)
            || is_zero_width(c)
            || (!multi_line && matches!(c, '\u{2028}' | '\u{2029}'))
    })
}

/// What a character [`forbidden_character`] found is, and why it is refused, for error
/// messages.
pub(crate) fn why_forbidden(c: char) -> &'static str {
    if is_bidi_control(c) {
        "a bidirectional control character, which can disguise text"
    } else if is_zero_width(c) {
        "a zero-width character, which can disguise text"
    } else if matches!(c, '\u{2028}' | '\u{2029}') {
        "a line or paragraph separator; only descriptions may span lines"
    } else {
        "a control character"
    }
}

/// Unicode's explicit directional embeddings, overrides and isolates, and the implicit
/// marks (LRM, RLM, ALM): each reorders or hides how the text around it is shown. The
/// same set as command validation in `ladder-domain`.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Zero-width space, non-joiner and joiner, word joiner and the byte-order mark.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::{forbidden_character, is_valid_id, why_forbidden};

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
        assert_eq!(forbidden_character("one\r\ntwo\tthree", true), None);
        assert_eq!(forbidden_character("one\ntwo", false), Some('\n'));
        assert_eq!(forbidden_character("d\u{1b}[31m", true), Some('\u{1b}'));
        assert_eq!(forbidden_character("x\u{85}y", true), Some('\u{85}'));
        assert_eq!(forbidden_character("Führung \u{2019}", false), None);
    }

    #[test]
    fn bidi_controls_and_zero_width_characters_are_refused_everywhere() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
            '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}',
        ] {
            let text = format!("admin{c}txt.exe");
            assert_eq!(
                forbidden_character(&text, false),
                Some(c),
                "U+{:04X}",
                u32::from(c)
            );
            assert_eq!(
                forbidden_character(&text, true),
                Some(c),
                "U+{:04X}",
                u32::from(c)
            );
            assert!(why_forbidden(c).contains("can disguise text"));
        }
        // Arabic and Hebrew text carries its direction itself and needs no controls.
        assert_eq!(forbidden_character("قيادة שיתוף", false), None);
    }

    #[test]
    fn unicode_line_separators_are_refused_in_one_line_texts_only() {
        assert_eq!(forbidden_character("a\u{2028}b", false), Some('\u{2028}'));
        assert_eq!(forbidden_character("a\u{2029}b", false), Some('\u{2029}'));
        assert_eq!(forbidden_character("a\u{2028}b\u{2029}c", true), None);
    }
}
