//! Human-readable forms of audit output: event rows and the verification report.

use std::fmt::Write as _;

use ladder_audit::chain::Fault;
use ladder_audit::events::AuditEvent;
use ladder_audit::verify::{Finding, VerifyReport};
use serde_json::Value;

/// Column titles of [`row`].
pub(super) const HEADER: &str = "     SEQ  RECORDED              EFFECTIVE   ACTOR                                 \
     COMMAND               EVENT                           DETAILS";

/// One event as a table row: fixed columns, then the payload, the evidence it
/// produced and the command's ids. Every text from the stream is [`escaped`]: a row
/// is one line, whatever a publisher wrote.
pub(super) fn row(e: &AuditEvent) -> String {
    let text = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
    let mut details = String::new();
    if let Some(fault) = &e.quarantined {
        let _ = write!(
            details,
            "QUARANTINED {}: {} | ",
            escaped(&fault.reason_code),
            escaped(&fault.reason)
        );
    }
    if let Some(Value::Object(fields)) = &e.payload {
        for (key, value) in fields {
            let value = match value {
                Value::String(s) => escaped(s),
                // JSON already wrote backslashes and C0 controls as escapes; escaping its
                // backslashes again would only double them.
                other => escaped_json(&other.to_string()),
            };
            let _ = write!(details, "{}={value} ", escaped(key));
        }
    }
    for note in &e.evidence {
        let _ = write!(details, "| {note} ");
    }
    if let (Some(command), Some(correlation), Some(causation)) =
        (e.command_id, e.correlation_id, e.causation_id)
    {
        let _ = write!(
            details,
            "| command_id={command} correlation_id={correlation} causation_id={causation}"
        );
    }
    format!(
        "{:>8}  {:<20}  {:<10}  {:<36}  {:<20}  {:<30}  {}",
        e.seq,
        text(e.recorded_at.map(|t| format!("{t:.0}"))),
        text(e.effective_date.map(|d| d.to_string())),
        text(e.actor.map(|a| a.to_string())),
        text(e.command.as_deref().map(escaped)),
        e.event_type.unwrap_or("(undecodable)"),
        details.trim_end()
    )
}

/// `text` for one line of a table: control characters (a newline would start a
/// forged row, a tab shift columns, an ANSI escape restyle the terminal) and the
/// bidirectional controls (which reorder what is shown, so a cell reads other than it
/// is) written as escapes, and backslashes doubled so that no text can pass for an
/// escape.
fn escaped(text: &str) -> String {
    escape(text, true)
}

/// [`escaped`] for JSON text, whose backslashes already begin escapes.
fn escaped_json(text: &str) -> String {
    escape(text, false)
}

fn escape(text: &str, backslashes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' if backslashes => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_bidi_control(c) || is_line_separator(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The characters Unicode defines to change the direction of text (`Bidi_Control`):
/// marks, embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// The Unicode line and paragraph separators, which some viewers break lines at.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// The verification report in sections, ending with the verdict.
pub(super) fn report(r: &VerifyReport) -> String {
    let mut out = String::new();
    let s = &r.stream.state;
    let _ = writeln!(out, "stream LADDER_EVENTS");
    let _ = writeln!(
        out,
        "  sequences       {}..={} ({} messages, {} missing)",
        s.first_seq, s.last_seq, s.messages, s.deleted
    );
    if r.stream.config_drift.is_empty() {
        let _ = writeln!(
            out,
            "  configuration   ok (deny delete, deny purge, no rollups, no limits)"
        );
    } else {
        let _ = writeln!(out, "  configuration   DRIFT");
        for problem in &r.stream.config_drift {
            let _ = writeln!(out, "    - {problem}");
        }
    }
    let c = &r.chain;
    let _ = writeln!(out, "hash chains");
    let _ = writeln!(
        out,
        "  checked         {} messages, {} aggregates",
        c.messages, c.aggregates
    );
    findings(&mut out, "  broken links    ", &c.broken);
    if c.gaps.is_empty() {
        let _ = writeln!(out, "  sequence gaps   none");
    } else {
        let _ = writeln!(out, "  sequence gaps   {}", c.gaps.len());
        for gap in &c.gaps {
            let _ = writeln!(
                out,
                "    - sequences {}..={} missing ({} messages)",
                gap.from,
                gap.to,
                gap.to - gap.from + 1
            );
        }
    }
    let m = &r.models;
    let _ = writeln!(out, "read models {}", m.path);
    let _ = writeln!(out, "  applied seq     {}", m.applied_seq);
    let digest = |d: &Option<String>| d.clone().unwrap_or_else(|| "-".to_owned());
    let _ = writeln!(out, "  live digest     {}", digest(&m.live_digest));
    let _ = writeln!(out, "  rebuilt digest  {}", digest(&m.rebuilt_digest));
    let verdict = match (&m.error, m.matches) {
        (Some(err), _) => format!("ERROR: {err}"),
        (None, true) => "match".to_owned(),
        (None, false) => "MISMATCH: the live models differ from a rebuild".to_owned(),
    };
    let _ = writeln!(out, "  comparison      {verdict}");
    findings(&mut out, "  quarantined     ", &m.quarantined);
    let _ = write!(
        out,
        "result          {}",
        if r.ok { "ok" } else { "FAILED" }
    );
    out
}

fn findings(out: &mut String, title: &str, list: &[Finding]) {
    if list.is_empty() {
        let _ = writeln!(out, "{title}none");
        return;
    }
    let _ = writeln!(out, "{title}{}", list.len());
    for f in list {
        let _ = writeln!(
            out,
            "    - seq {} {}: {}",
            f.seq,
            escaped(&f.subject),
            describe(&f.fault)
        );
    }
}

fn describe(fault: &Fault) -> String {
    match (&fault.expected, &fault.found) {
        (Some(expected), Some(found)) => format!(
            "{} (expected previous hash {expected}, found {found})",
            fault.reason_code
        ),
        _ => format!(
            "{}: {}",
            escaped(&fault.reason_code),
            escaped(&fault.reason)
        ),
    }
}

#[cfg(test)]
mod tests {
    use ladder_audit::events::AuditEvent;
    use serde_json::json;

    use super::{escaped, row};

    fn event(payload: serde_json::Value) -> AuditEvent {
        AuditEvent {
            seq: 7,
            subject: "ladder.evt.mentorship.0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01".to_owned(),
            recorded_at: None,
            effective_date: None,
            actor: None,
            command: Some("record-mentorship-milestone".to_owned()),
            command_id: None,
            correlation_id: None,
            causation_id: None,
            event_id: None,
            event_index: Some(0),
            event_type: Some("mentorship-milestone-recorded"),
            schema_version: Some(1),
            payload: Some(payload),
            evidence: Vec::new(),
            quarantined: None,
        }
    }

    #[test]
    fn a_forged_row_in_free_text_stays_inside_its_own_row() {
        // Pins a past failure: a milestone summary holding a newline and tabs printed a
        // second, fake audit row under the real one.
        let forged = "met twice\n       8  2026-03-01T10:00:00Z  2026-03-01  \
                      0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e99\tapprove-budget\tbudget-approved";
        let text = row(&event(
            json!({ "summary": forged, "notes": { "more": "a\nb" } }),
        ));
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(!text.contains('\t'), "{text}");
        assert!(
            text.contains("summary=met twice\\n       8  2026-03-01T10:00:00Z"),
            "{text}"
        );
        assert!(text.contains("notes={\"more\":\"a\\nb\"}"), "{text}");
    }

    #[test]
    fn controls_bidi_overrides_and_backslashes_are_written_as_escapes() {
        assert_eq!(escaped("plain text, ünïcode"), "plain text, ünïcode");
        assert_eq!(escaped("a\r\nb\tc"), "a\\r\\nb\\tc");
        assert_eq!(escaped("\u{1b}[31mred"), "\\u{001b}[31mred");
        assert_eq!(escaped("next\u{85}line"), "next\\u{0085}line");
        assert_eq!(escaped("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escaped("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(escaped("a\u{2028}b"), "a\\u{2028}b");
        // A literal backslash-n is not a newline escape.
        assert_eq!(escaped("a\\nb"), "a\\\\nb");
    }
}
