//! JSON forms of typed command fields, with error messages that say what is expected.
//!
//! The modules here plug into `#[serde(with = ...)]`, so a bad value is reported by
//! serde with the path of the field it was found in.

use jiff::civil::Date;
use proto_events::{Currency, ErgRole};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use super::limits::{EARLIEST_DATE, LATEST_DATE, MAX_MINOR};

/// Parses a date written exactly `YYYY-MM-DD`: no times, no week dates, no basic format;
/// a real calendar day within the documented range of business dates.
pub(crate) fn parse(text: &str) -> Result<Date, String> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(format!("`{text}` is not a date of the form YYYY-MM-DD"));
    }
    let date = text
        .parse::<Date>()
        .map_err(|err| format!("`{text}` is not a calendar date: {err}"))?;
    in_range(date)
}

/// `date` when it lies within [`EARLIEST_DATE`]..=[`LATEST_DATE`].
pub(crate) fn in_range(date: Date) -> Result<Date, String> {
    if (EARLIEST_DATE..=LATEST_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(format!(
            "`{date}` is outside the accepted range {EARLIEST_DATE} to {LATEST_DATE}"
        ))
    }
}

/// Dates: exactly `YYYY-MM-DD`, a real calendar day.
pub(crate) mod date {
    use super::{Date, Deserialize, Deserializer, Serializer};
    use serde::de::Error as _;

    pub(crate) fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        super::parse(&text).map_err(D::Error::custom)
    }
}

/// The same for an optional date; `null` and absence both mean none.
pub(crate) mod opt_date {
    use super::{Date, Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.collect_str(date),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => super::parse(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

/// Ids: any UUID but the nil one, which publishers send when an id was never filled in
/// and which would make unrelated commands name the same aggregate or person.
pub(crate) mod id {
    use super::{Deserialize, Deserializer, Serialize, Serializer, Uuid};

    pub(crate) fn serialize<S: Serializer>(id: &Uuid, s: S) -> Result<S::Ok, S::Error> {
        id.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Uuid, D::Error> {
        let id = Uuid::deserialize(d)?;
        if id.is_nil() {
            return Err(serde::de::Error::custom(format!(
                "the nil UUID {id} is not an id"
            )));
        }
        Ok(id)
    }
}

/// The same for an optional id; `null` and absence both mean none.
pub(crate) mod opt_id {
    use super::{Deserialize, Deserializer, Serializer, Uuid};

    pub(crate) fn serialize<S: Serializer>(id: &Option<Uuid>, s: S) -> Result<S::Ok, S::Error> {
        match id {
            Some(id) => super::id::serialize(id, s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Uuid>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::id")] Uuid);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
    }
}

/// Roles: their kebab-case names.
pub(crate) mod role {
    use super::{Deserialize, Deserializer, ErgRole, Serializer};

    pub(crate) fn serialize<S: Serializer>(role: &ErgRole, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(role.as_str())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ErgRole, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(|_| {
            let valid: Vec<&str> = ErgRole::ALL.iter().map(|r| r.as_str()).collect();
            serde::de::Error::custom(format!(
                "unknown role `{name}`; expected one of {}",
                valid.join(", ")
            ))
        })
    }
}

/// A JSON object whose keys are all distinct. serde_json keeps the last of
/// repeated keys; a command body with `name` twice is ambiguous, so it is refused.
#[derive(Debug)]
pub(crate) struct UniqueObject(pub(crate) serde_json::Map<String, serde_json::Value>);

impl<'de> Deserialize<'de> for UniqueObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = UniqueObject;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the body to be a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UniqueObject, A::Error> {
                let mut object = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if object.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "field `{key}` appears more than once"
                        )));
                    }
                    let value = map.next_value()?;
                    object.insert(key, value);
                }
                Ok(UniqueObject(object))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// Currencies: ISO 4217 alphabetic codes in use.
pub(crate) mod currency {
    use super::{Currency, Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(c: &Currency, s: S) -> Result<S::Ok, S::Error> {
        c.as_str().serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
        let code = String::deserialize(d)?;
        let custom = |message: String| serde::de::Error::custom(message);
        let iso = iso_currency::Currency::from_code(&code)
            .ok_or_else(|| custom(format!("`{code}` is not an ISO 4217 currency code")))?;
        if let Some(successor) = iso.is_superseded() {
            return Err(custom(format!(
                "`{code}` was superseded by `{}`",
                successor.code()
            )));
        }
        if iso.is_special() {
            return Err(custom(format!(
                "`{code}` is not a currency for amounts of money"
            )));
        }
        code.parse()
            .map_err(|_| custom(format!("`{code}` is not an ISO 4217 currency code")))
    }
}

/// Kebab-case names of proto enums (`criticality`, `readiness`), listing the valid
/// ones on error.
macro_rules! named_enum {
    ($module:ident, $ty:ty, $what:literal) => {
        pub(crate) mod $module {
            use serde::{Deserialize, Deserializer, Serializer};

            pub(crate) fn serialize<S: Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(value.as_str())
            }

            pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                let name = String::deserialize(d)?;
                name.parse().map_err(|_| {
                    let valid: Vec<&str> = <$ty>::ALL.iter().map(|v| v.as_str()).collect();
                    serde::de::Error::custom(format!(
                        "unknown {} `{name}`; expected one of {}",
                        $what,
                        valid.join(", ")
                    ))
                })
            }

            /// The same for an optional value.
            #[allow(
                dead_code,
                reason = "generated for every enum; not all are optional fields"
            )]
            pub(crate) mod option {
                use serde::{Deserialize, Deserializer, Serializer};

                pub(crate) fn serialize<S: Serializer>(
                    value: &Option<$ty>,
                    s: S,
                ) -> Result<S::Ok, S::Error> {
                    match value {
                        Some(value) => super::serialize(value, s),
                        None => s.serialize_none(),
                    }
                }

                pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
                    d: D,
                ) -> Result<Option<$ty>, D::Error> {
                    #[derive(Deserialize)]
                    struct Wrapped(#[serde(with = "super")] $ty);
                    Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
                }
            }
        }
    };
}

named_enum!(criticality, proto_events::Criticality, "criticality");
named_enum!(readiness, proto_events::Readiness, "readiness");

/// An optional currency.
pub(crate) mod opt_currency {
    use super::{Currency, Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(c: &Option<Currency>, s: S) -> Result<S::Ok, S::Error> {
        match c {
            Some(c) => super::currency::serialize(c, s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Currency>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::currency")] Currency);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
    }
}

/// A list where `null` means empty, as absence does.
pub(crate) fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A money amount in minor units: a whole number, not negative. JSON has one number
/// type, so a value past `u64` (or negative, or with a fraction) reaches serde as a
/// float or a signed integer; the message then says what is expected rather than
/// naming Rust types. The limit itself is checked with the other field checks.
pub(crate) mod minor_units {
    use std::fmt;

    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(value: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(*value)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        d.deserialize_u64(MinorUnits)
    }

    struct MinorUnits;

    impl Visitor<'_> for MinorUnits {
        type Value = u64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "a whole number of minor units from 0 to {} (10^15)",
                super::MAX_MINOR
            )
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
            Ok(value)
        }
    }
}

/// [`minor_units`] for an optional amount; absent or `null` is `None`.
pub(crate) mod minor_units_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(value: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => s.serialize_some(value),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::minor_units")] u64);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
    }
}
