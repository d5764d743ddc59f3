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
/// produced and the command's ids.
pub(super) fn row(e: &AuditEvent) -> String {
    let text = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
    let mut details = String::new();
    if let Some(fault) = &e.quarantined {
        let _ = write!(
            details,
            "QUARANTINED {}: {} | ",
            fault.reason_code, fault.reason
        );
    }
    if let Some(Value::Object(fields)) = &e.payload {
        for (key, value) in fields {
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let _ = write!(details, "{key}={value} ");
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
        text(e.command.clone()),
        e.event_type.unwrap_or("(undecodable)"),
        details.trim_end()
    )
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
            f.subject,
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
        _ => format!("{}: {}", fault.reason_code, fault.reason),
    }
}
