//! The audit log's filter as read from query parameters: a reversed period is refused
//! instead of listing nothing.

use std::collections::BTreeMap;

use jiff::civil::date;
use ladder_audit::events::Filter;

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn a_reversed_period_is_refused_naming_both_dates() {
    let err = Filter::from_params(&params(&[("from", "2025-01-01"), ("to", "2024-01-01")]))
        .expect_err("a period ending before it starts must be refused");
    assert_eq!(err.field, "to");
    let text = err.to_string();
    assert!(text.starts_with("parameter `to`: "), "{text}");
    assert!(text.contains("2024-01-01"), "{text}");
    assert!(text.contains("2025-01-01"), "{text}");
}

#[test]
fn a_one_day_period_and_open_ended_periods_are_accepted() {
    let day = Filter::from_params(&params(&[("from", "2024-05-01"), ("to", "2024-05-01")]))
        .expect("from == to is one day");
    assert_eq!(day.from, Some(date(2024, 5, 1)));
    assert_eq!(day.to, Some(date(2024, 5, 1)));
    let open = Filter::from_params(&params(&[("to", "2024-01-01")])).expect("no start");
    assert_eq!(open.from, None);
    assert_eq!(open.to, Some(date(2024, 1, 1)));
}

#[test]
fn a_filter_built_in_code_is_checked_the_same_way() {
    let reversed = Filter {
        from: Some(date(2025, 1, 1)),
        to: Some(date(2024, 1, 1)),
        ..Filter::default()
    };
    let err = reversed.check().expect_err("reversed");
    assert_eq!(err.field, "to");
    assert!(Filter::default().check().is_ok());
}
