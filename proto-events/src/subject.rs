//! NATS subject names fixed by the design.

use uuid::Uuid;

use crate::values::AggregateKind;

/// Every event subject lives under this prefix.
pub const EVENTS_PREFIX: &str = "ladder.evt";

/// The stream filter covering all events.
pub const EVENTS_WILDCARD: &str = "ladder.evt.>";

/// The JetStream stream holding every commit.
pub const STREAM_NAME: &str = "LADDER_EVENTS";

/// The subject of one aggregate, e.g. `ladder.evt.budget.<uuid>`.
pub fn aggregate(kind: AggregateKind, id: Uuid) -> String {
    format!("{EVENTS_PREFIX}.{kind}.{}", id.as_hyphenated())
}

/// Splits an event subject back into kind and id; `None` if it is not one Ladder writes.
pub fn parse_aggregate(subject: &str) -> Option<(AggregateKind, Uuid)> {
    let rest = subject.strip_prefix(EVENTS_PREFIX)?.strip_prefix('.')?;
    let (kind, id) = rest.split_once('.')?;
    let kind = kind.parse().ok()?;
    let id = Uuid::try_parse(id).ok()?;
    // Only the canonical hyphenated lowercase form is ever written.
    (aggregate(kind, id) == subject).then_some((kind, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_round_trip_and_reject_foreign_forms() {
        let id = Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0001);
        let subject = aggregate(AggregateKind::Budget, id);
        assert_eq!(
            subject,
            "ladder.evt.budget.01930000-0000-7000-8000-000000000001"
        );
        assert_eq!(parse_aggregate(&subject), Some((AggregateKind::Budget, id)));
        assert_eq!(
            parse_aggregate("ladder.evt.budget.01930000000070008000000000000001"),
            None
        );
        assert_eq!(
            parse_aggregate("ladder.evt.wallet.01930000-0000-7000-8000-000000000001"),
            None
        );
        assert_eq!(parse_aggregate("ladder.cmd.register-erg"), None);
    }
}
