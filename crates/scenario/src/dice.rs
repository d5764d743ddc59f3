//! The only source of randomness: seeded ChaCha8 streams, one per part of the scenario.
//!
//! Each part (people, one ERG's roles, one ERG's budgets, …) draws from its own ChaCha
//! stream of the same seed. A change in how one part draws numbers therefore leaves
//! every other part's output as it was, and nothing depends on generation order.

use rand::rngs::ChaCha8Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use uuid::Uuid;

/// Which part of the scenario a stream feeds; the number is the ChaCha stream id.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Stream {
    /// The workforce: employee ids and who plays which part.
    People,
    /// The ERGs' registrations: dates, currencies, sponsors.
    Ergs,
    /// One ERG's role terms.
    Roles(u32),
    /// The command ids of one ERG's registration and role terms.
    ErgCommands(u32),
    /// One ERG's budgets.
    Budgets(u32),
    /// One ERG's projects.
    Projects(u32),
    /// Projects outside any ERG.
    Initiatives,
    /// The HRIS's records: profiles, onboarding, LMS accounts, departures.
    Workforce,
    /// Employees' consent to show their ERGs to planners.
    Consent,
    /// Courses and learning paths people take on their own, and records voided in error.
    Courses,
    /// The ERG Leadership programme of role holders.
    Leadership,
    /// One ERG's member events and who attended them.
    Events(u32),
    /// Mentorships.
    Mentoring,
    /// Positions, nominations and fills.
    Positions,
}

impl Stream {
    fn id(self) -> u64 {
        // The high half names the part, the low half the ERG, so no two parts share a stream.
        match self {
            Stream::People => 1 << 32,
            Stream::Ergs => 2 << 32,
            Stream::Roles(erg) => (3 << 32) | u64::from(erg),
            Stream::Budgets(erg) => (4 << 32) | u64::from(erg),
            Stream::Projects(erg) => (5 << 32) | u64::from(erg),
            Stream::Initiatives => 6 << 32,
            Stream::ErgCommands(erg) => (7 << 32) | u64::from(erg),
            Stream::Workforce => 8 << 32,
            Stream::Consent => 9 << 32,
            Stream::Courses => 10 << 32,
            Stream::Leadership => 11 << 32,
            Stream::Events(erg) => (12 << 32) | u64::from(erg),
            Stream::Mentoring => 13 << 32,
            Stream::Positions => 14 << 32,
        }
    }
}

/// A seeded random stream with the draws the generator needs.
#[derive(Debug)]
pub(crate) struct Dice(ChaCha8Rng);

impl Dice {
    pub(crate) fn new(seed: u64, stream: Stream) -> Dice {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream.id());
        Dice(rng)
    }

    /// A version 4 UUID made of sixteen drawn bytes.
    pub(crate) fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        self.0.fill(&mut bytes);
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// A number in `low..=high`; `low` when the range is empty.
    pub(crate) fn between(&mut self, low: i32, high: i32) -> i32 {
        if high <= low {
            return low;
        }
        self.0.random_range(low..=high)
    }

    /// An index below `len`; 0 when `len` is 0.
    pub(crate) fn below(&mut self, len: usize) -> usize {
        if len == 0 {
            return 0;
        }
        self.0.random_range(0..len)
    }

    /// A number in `low..=high` for amounts; `low` when the range is empty.
    pub(crate) fn between_u64(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        self.0.random_range(low..=high)
    }

    /// True with a probability of `percent` in a hundred.
    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        self.0.random_ratio(percent.min(100), 100)
    }

    /// True with a probability of `per_mille` in a thousand.
    pub(crate) fn chance_per_mille(&mut self, per_mille: u32) -> bool {
        self.0.random_ratio(per_mille.min(1_000), 1_000)
    }

    /// One of `items`, `None` when there are none.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.choose(&mut self.0)
    }

    /// One of `items`, each as likely as its weight; `None` when the weights sum to 0.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> Option<&'a T> {
        let total: u32 = items.iter().map(|(_, w)| *w).sum();
        if total == 0 {
            return None;
        }
        let mut draw = self.0.random_range(0..total);
        for (item, weight) in items {
            if draw < *weight {
                return Some(item);
            }
            draw -= weight;
        }
        None
    }

    /// `items` in a random order.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        items.shuffle(&mut self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::{Dice, Stream};

    #[test]
    fn streams_of_one_seed_differ_and_repeat() {
        let draw = |stream| {
            let mut dice = Dice::new(7, stream);
            (dice.uuid(), dice.between(0, 1_000_000))
        };
        assert_eq!(draw(Stream::Roles(3)), draw(Stream::Roles(3)));
        assert_ne!(draw(Stream::Roles(3)), draw(Stream::Roles(4)));
        assert_ne!(draw(Stream::Roles(3)), draw(Stream::Budgets(3)));
    }

    #[test]
    fn uuids_are_version_4() {
        let mut dice = Dice::new(1, Stream::People);
        let id = dice.uuid();
        assert_eq!(id.get_version_num(), 4);
        assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn empty_ranges_give_their_low_end() {
        let mut dice = Dice::new(1, Stream::People);
        assert_eq!(dice.between(5, 5), 5);
        assert_eq!(dice.between(5, 2), 5);
        assert_eq!(dice.between_u64(9, 3), 9);
        assert_eq!(dice.pick::<u8>(&[]), None);
        assert_eq!(dice.weighted::<u8>(&[(1, 0), (2, 0)]), None);
    }

    #[test]
    fn weights_steer_the_draw() {
        let mut dice = Dice::new(2, Stream::Workforce);
        let items = [("never", 0), ("rare", 1), ("common", 9)];
        let common = (0..1_000)
            .filter(|_| dice.weighted(&items) == Some(&"common"))
            .count();
        assert!((850..=950).contains(&common), "{common}");
        assert!((0..1_000).all(|_| dice.weighted(&items) != Some(&"never")));
    }
}
