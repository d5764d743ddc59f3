//! One field of a catalogue body changed, and whether the parser takes it.

use ladder_domain::{Command, InvalidCommand};
use serde_json::Value;

/// The catalogue body of `name` with `field` set to `value`.
pub(crate) fn body_with(name: &str, field: &str, value: Value) -> Value {
    let catalogue = super::catalogue();
    let (_, mut body) = catalogue
        .into_iter()
        .find(|(n, _)| *n == name)
        .expect("in catalogue");
    body[field] = value;
    body
}

pub(crate) fn parse_with(name: &str, field: &str, value: Value) -> Result<Command, InvalidCommand> {
    Command::parse(name, body_with(name, field, value).to_string().as_bytes())
}

/// Asserts that the value is refused and the refusal names the field; returns the message.
pub(crate) fn refused(name: &str, field: &str, value: Value) -> String {
    let shown = value.to_string();
    match parse_with(name, field, value) {
        Ok(command) => panic!("{name}.{field} = {shown} was accepted: {command:?}"),
        Err(err) => {
            assert_eq!(
                err.field.as_deref(),
                Some(field),
                "{name}.{field} = {shown}: {err}"
            );
            err.message
        }
    }
}
