//! Moodle descriptions are HTML; the framework keeps plain text.
//!
//! Tags are dropped (block tags leave a space so words do not run together), character
//! references are decoded, and runs of whitespace, line breaks included, become one space.

/// Tags after which text continues on a new line in a browser.
const BLOCK_TAGS: [&str; 18] = [
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "hr",
];

/// The text of an HTML fragment.
pub(crate) fn to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let Some(end) = rest.find('>') else {
                    // A `<` that opens no tag is text.
                    text.push('<');
                    rest = &rest[1..];
                    continue;
                };
                if is_block(&rest[1..end]) {
                    text.push(' ');
                }
                rest = &rest[end + 1..];
            }
            '&' => {
                let (decoded, used) = reference(rest);
                text.push_str(&decoded);
                rest = &rest[used..];
            }
            _ => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    collapse_whitespace(&text)
}

fn is_block(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCK_TAGS.contains(&name.as_str())
}

/// Decodes the character reference at the start of `text` (which starts with `&`); returns
/// the decoded text and the bytes used. An unknown or malformed reference stays as written.
fn reference(text: &str) -> (String, usize) {
    let literal = ("&".to_owned(), 1);
    let Some(end) = text[1..].find(';').map(|i| i + 1).filter(|end| *end <= 12) else {
        return literal;
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "ndash" => Some('\u{2013}'),
        "mdash" => Some('\u{2014}'),
        "lsquo" => Some('\u{2018}'),
        "rsquo" => Some('\u{2019}'),
        "ldquo" => Some('\u{201c}'),
        "rdquo" => Some('\u{201d}'),
        "hellip" => Some('\u{2026}'),
        "bull" => Some('\u{2022}'),
        _ => numeric(name),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => literal,
    }
}

fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    char::from_u32(code)
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn tags_go_and_block_tags_separate_words() {
        assert_eq!(
            to_text("<p>one<br>two</p><p>th<b>re</b>e</p>"),
            "one two three"
        );
    }

    #[test]
    fn references_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            to_text("a &amp; b &lt;c&gt; &#8217; &#x2022; &nbsp;x &bogus; & y"),
            "a & b <c> \u{2019} \u{2022} x &bogus; & y"
        );
    }

    #[test]
    fn crlf_inside_text_becomes_one_space() {
        assert_eq!(to_text("<p>first\r\nsecond  line</p>"), "first second line");
    }
}
