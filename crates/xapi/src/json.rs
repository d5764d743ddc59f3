//! Reading a parsed JSON value with the path of each field, for error messages.
//!
//! A property whose value is `null` counts as absent: some exporters write
//! `"result": null` for a statement without a result, and nothing in xAPI gives
//! `null` a meaning of its own.

use serde_json::{Map, Value};

use crate::error::{StatementError, Violation};

pub(crate) type Object = Map<String, Value>;

/// The path of a property of the object at `path`.
pub(crate) fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The path of an element of the array at `path`.
pub(crate) fn element(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

fn fail<T>(path: &str, violation: Violation) -> Result<T, StatementError> {
    Err(StatementError::new(path, violation))
}

/// The property, unless absent or `null`.
pub(crate) fn get<'a>(object: &'a Object, key: &str) -> Option<&'a Value> {
    object.get(key).filter(|value| !value.is_null())
}

/// The property; absent or `null` is [`Violation::Missing`].
pub(crate) fn require<'a>(
    object: &'a Object,
    key: &str,
    path: &str,
) -> Result<&'a Value, StatementError> {
    match get(object, key) {
        Some(value) => Ok(value),
        None => fail(&child(path, key), Violation::Missing),
    }
}

pub(crate) fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Object, StatementError> {
    match value {
        Value::Object(object) => Ok(object),
        _ => fail(path, Violation::NotAnObject),
    }
}

pub(crate) fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str, StatementError> {
    match value {
        Value::String(text) => Ok(text),
        _ => fail(path, Violation::NotAString),
    }
}

pub(crate) fn boolean(value: &Value, path: &str) -> Result<bool, StatementError> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        _ => fail(path, Violation::NotABoolean),
    }
}

pub(crate) fn number(value: &Value, path: &str) -> Result<f64, StatementError> {
    match value.as_f64() {
        Some(number) => Ok(number),
        None => fail(path, Violation::NotANumber),
    }
}

/// An optional property read with `read`; absent or `null` is `None`.
pub(crate) fn optional<'a, T>(
    object: &'a Object,
    key: &str,
    path: &str,
    read: impl FnOnce(&'a Value, &str) -> Result<T, StatementError>,
) -> Result<Option<T>, StatementError> {
    get(object, key)
        .map(|value| read(value, &child(path, key)))
        .transpose()
}

/// An optional string property checked by `check`, which names the violation.
pub(crate) fn optional_formatted<T>(
    object: &Object,
    key: &str,
    path: &str,
    check: impl FnOnce(&str) -> Result<T, Violation>,
) -> Result<Option<T>, StatementError> {
    optional(object, key, path, |value, at| {
        check(string(value, at)?).map_err(|violation| StatementError::new(at, violation))
    })
}

/// A language map: an object whose values are strings, e.g. `{"en": "completed"}`.
pub(crate) fn language_map(value: &Value, path: &str) -> Result<(), StatementError> {
    match value {
        Value::Object(map) if map.values().all(Value::is_string) => Ok(()),
        _ => fail(path, Violation::NotALanguageMap),
    }
}

/// What kind of JSON value this is, in words, for messages.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
