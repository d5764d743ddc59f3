//! Kebab-case names of event enums in answers (`ready-now`, `critical`), which the wire
//! types do not serialize as such.

use proto_events::{Criticality, Readiness};
use serde::Serializer;

pub(crate) fn readiness<S: Serializer>(value: &Readiness, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.as_str())
}

pub(crate) fn criticality<S: Serializer>(value: &Criticality, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.as_str())
}

pub(crate) mod option_readiness {
    use proto_events::Readiness;
    use serde::Serializer;

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Readiness>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(r) => s.serialize_some(r.as_str()),
            None => s.serialize_none(),
        }
    }
}
