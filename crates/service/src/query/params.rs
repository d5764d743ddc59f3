//! Reading query parameters: ids, dates, and which parameters a query accepts.

use std::collections::BTreeMap;

use jiff::civil::Date;
use ladder_domain::command::limits::{EARLIEST_DATE, LATEST_DATE};
use uuid::Uuid;

use super::{QueryError, QueryName};

/// Query parameters: the id and any options, as text.
pub type QueryParams = BTreeMap<String, String>;

pub(crate) fn param_id(params: &QueryParams, field: &str) -> Result<Uuid, QueryError> {
    let text = params.get(field).ok_or_else(|| QueryError::Invalid {
        field: field.to_owned(),
        message: format!("parameter `{field}` is required"),
    })?;
    let id = Uuid::try_parse(text).map_err(|err| QueryError::Invalid {
        field: field.to_owned(),
        message: format!("parameter `{field}`: `{text}` is not a UUID ({err})"),
    })?;
    // Commands refuse the nil UUID as an id, so nothing can be found under it: say so
    // rather than answer an empty record.
    if id.is_nil() {
        return Err(QueryError::Invalid {
            field: field.to_owned(),
            message: format!("parameter `{field}`: the nil UUID names nothing"),
        });
    }
    Ok(id)
}

/// Refuses any parameter `query` does not read, naming it and the accepted ones.
pub(crate) fn check_known(query: QueryName, params: &QueryParams) -> Result<(), QueryError> {
    refuse_unknown(
        &format!("query `{}`", query.as_str()),
        query.parameters(),
        params,
    )
}

/// Refuses any parameter not in `accepted`, naming every unknown one and listing the
/// accepted ones: as commands refuse unknown fields, a misspelt parameter is an error,
/// not a silent default. `what` names the endpoint in the message.
pub(crate) fn refuse_unknown(
    what: &str,
    accepted: &[&str],
    params: &QueryParams,
) -> Result<(), QueryError> {
    let unknown: Vec<&str> = params
        .keys()
        .map(String::as_str)
        .filter(|key| !accepted.contains(key))
        .collect();
    let Some(first) = unknown.first() else {
        return Ok(());
    };
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let subject = if unknown.len() == 1 {
        format!("parameter {} is", quoted(&unknown))
    } else {
        format!("parameters {} are", quoted(&unknown))
    };
    Err(QueryError::Invalid {
        field: (*first).to_owned(),
        message: format!(
            "{subject} not accepted by {what}; accepted: {}",
            quoted(accepted)
        ),
    })
}

/// A date parameter written exactly `YYYY-MM-DD`. The two messages are those commands give
/// for a date field: a value of the wrong shape, and a well-shaped one that is no day of the
/// calendar (`2023-02-30`), so that a caller reads the same complaint from both.
pub(crate) fn param_date(params: &QueryParams, field: &str) -> Result<Option<Date>, QueryError> {
    let Some(text) = params.get(field) else {
        return Ok(None);
    };
    let invalid = |problem: String| QueryError::Invalid {
        field: field.to_owned(),
        message: format!("parameter `{field}`: `{text}` is not {problem}"),
    };
    let bytes = text.as_bytes();
    let well_formed = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !well_formed {
        return Err(invalid("a date of the form YYYY-MM-DD".to_owned()));
    }
    let date = text
        .parse::<Date>()
        .map_err(|err| invalid(format!("a calendar date: {err}")))?;
    // The range commands accept: no fact can be dated outside it, so a date beyond it is
    // a typo or a placeholder such as `9999-12-31`, not a day worth answering for.
    if (EARLIEST_DATE..=LATEST_DATE).contains(&date) {
        Ok(Some(date))
    } else {
        Err(QueryError::Invalid {
            field: field.to_owned(),
            message: format!(
                "parameter `{field}`: `{date}` is outside the accepted range {EARLIEST_DATE} to \
                 {LATEST_DATE}"
            ),
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]
mod tests {
    use super::{QueryError, QueryParams, param_date};

    fn message(value: &str) -> String {
        let params = QueryParams::from([("as_of".to_owned(), value.to_owned())]);
        match param_date(&params, "as_of") {
            Err(QueryError::Invalid { field, message }) => {
                assert_eq!(field, "as_of");
                message
            }
            other => panic!("{value}: expected an invalid parameter, got {other:?}"),
        }
    }

    #[test]
    fn an_impossible_day_is_not_a_calendar_date() {
        // Tester's report: `2023-02-30` was called "not a date of the form YYYY-MM-DD" while
        // commands call it "not a calendar date".
        for value in ["2023-02-30", "2027-13-01", "2027-00-10", "2027-04-31"] {
            let text = message(value);
            assert!(
                text.starts_with(&format!(
                    "parameter `as_of`: `{value}` is not a calendar date: "
                )),
                "{text}"
            );
        }
    }

    #[test]
    fn other_shapes_are_not_of_the_form_yyyy_mm_dd() {
        for value in [
            "2027-3-1",
            "yesterday",
            "20270301",
            "2027-03-01T00:00:00Z",
            "2027/03/01",
        ] {
            assert_eq!(
                message(value),
                format!("parameter `as_of`: `{value}` is not a date of the form YYYY-MM-DD")
            );
        }
    }

    #[test]
    fn a_calendar_date_and_no_value_are_accepted() {
        let params = QueryParams::from([("as_of".to_owned(), "2024-02-29".to_owned())]);
        let date = param_date(&params, "as_of").map(|d| d.map(|d| d.to_string()));
        assert_eq!(date.ok().flatten().as_deref(), Some("2024-02-29"));
        assert!(matches!(param_date(&QueryParams::new(), "as_of"), Ok(None)));
    }
}
