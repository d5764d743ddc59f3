//! The identifiers Ladder derives: account keys and ids, and statement ids for
//! statements sent without one.
//!
//! Account keys are defined once, in `proto_events::lms`, because the HRIS's
//! `link-lms-account` command and the LMS's statements must meet on the same key;
//! this module only forwards to it.
//!
//! A derived statement id is a UUID v5, in [`STATEMENT_NAMESPACE`], of the
//! statement's canonical JSON:
//! - parsed first, so whitespace, `\/` and other escapes do not matter;
//! - object keys sorted (by UTF-8 bytes) at every level, so key order does not matter;
//! - properties whose value is `null` dropped, as validation reads them as absent;
//! - numbers written as integers when they are whole (`1.0` and `1` are one score);
//! - single context activities written as one-element arrays, as an LRS stores them;
//! - without `id`, `stored`, `authority` and `version`, the properties an LRS
//!   assigns, so a statement exported from an LRS and the same statement sent by
//!   the LMS get the same id.
//!
//! Everything else counts, labels included: a statement re-sent with a changed
//! display name is a different statement to Ladder. LMSs that can send an `id`
//! should, since only they know which statements are the same.

use serde_json::Value;
use uuid::Uuid;

use crate::json::Object;

/// Namespace of derived statement ids (UUID v5); the bytes spell `ladder-xapi-stmt`.
/// Fixed forever: changing it would give every id-less statement a new id, and the
/// log would take re-sent statements for new ones.
pub const STATEMENT_NAMESPACE: Uuid = Uuid::from_u128(0x6c61_6464_6572_2d78_6170_692d_7374_6d74);

/// Top-level properties an LRS assigns; they do not make a statement different.
const ASSIGNED_BY_LRS: [&str; 4] = ["id", "stored", "authority", "version"];

/// The canonical form of an LMS home page: surrounding whitespace and trailing
/// slashes removed (`https://lms.example.org/` is `https://lms.example.org`).
/// Case is kept: xAPI compares IRIs as strings.
pub fn canonical_home_page(home_page: &str) -> &str {
    proto_events::lms::canonical_home_page(home_page)
}

/// The key the event log stores instead of an LMS account: SHA-256 over the
/// canonical home page, a zero byte, and the account name as given.
pub fn account_key(home_page: &str, name: &str) -> [u8; 32] {
    proto_events::lms::account_key(home_page, name)
}

/// The id of an LMS account's aggregate: UUID v5 of [`account_key`] in Ladder's
/// fixed account namespace. The same for every spelling of the home page that
/// [`canonical_home_page`] maps to one form.
pub fn account_id(home_page: &str, name: &str) -> Uuid {
    proto_events::lms::account_id(&account_key(home_page, name))
}

/// The id of a statement sent without one.
pub(crate) fn derived_statement_id(statement: &Object) -> Uuid {
    Uuid::new_v5(&STATEMENT_NAMESPACE, &canonical_json(statement))
}

/// The canonical JSON bytes described in the module documentation.
pub(crate) fn canonical_json(statement: &Object) -> Vec<u8> {
    let mut statement = statement.clone();
    for key in ASSIGNED_BY_LRS {
        statement.remove(key);
    }
    if let Some(Value::Object(context)) = statement.get_mut("context")
        && let Some(Value::Object(activities)) = context.get_mut("contextActivities")
    {
        for list in activities.values_mut() {
            if list.is_object() {
                *list = Value::Array(vec![list.take()]);
            }
        }
    }
    let mut out = Vec::new();
    write_object(&mut out, &statement);
    out
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(flag) => out.extend_from_slice(if *flag { b"true" } else { b"false" }),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write_value(out, item);
            }
            out.push(b']');
        }
        Value::Object(object) => write_object(out, object),
    }
}

fn write_object(out: &mut Vec<u8>, object: &Object) {
    let mut members: Vec<(&String, &Value)> = object
        .iter()
        .filter(|(_, value)| !value.is_null())
        .collect();
    members.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    out.push(b'{');
    for (index, (key, value)) in members.into_iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_string(out, key);
        out.push(b':');
        write_value(out, value);
    }
    out.push(b'}');
}

/// Whole numbers as integers; others in Rust's shortest round-trip form.
fn write_number(out: &mut Vec<u8>, number: &serde_json::Number) {
    /// Beyond 2^53 an f64 no longer holds every integer, so it stays a float.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let text = if let Some(n) = number.as_u64() {
        n.to_string()
    } else if let Some(n) = number.as_i64() {
        n.to_string()
    } else {
        let f = number.as_f64().unwrap_or(0.0);
        if f == 0.0 {
            // Also -0.0, which is the same score as 0.
            "0".to_owned()
        } else if f.fract() == 0.0 && f.abs() < EXACT {
            format!("{f:.0}")
        } else {
            format!("{f}")
        }
    };
    out.extend_from_slice(text.as_bytes());
}

fn write_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            c if u32::from(c) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes());
            }
            c => {
                let mut buffer = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
    }
    out.push(b'"');
}
