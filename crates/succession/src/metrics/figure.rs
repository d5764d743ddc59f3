//! A figure that is shown, or withheld because it would describe too few people.

use serde::Serialize;
use utoipa::ToSchema;

/// A figure, or the reason it is withheld. Shown figures serialize as themselves; withheld
/// ones as `{"suppressed": true, "reason": "…"}`, never as a zero that could be mistaken for
/// a measurement.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Figure<T> {
    /// The figure.
    Shown(T),
    /// Withheld.
    Suppressed(Suppressed),
}

/// Why a figure is withheld.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Suppressed {
    /// Always `true`.
    pub suppressed: bool,
    /// Which group is too small, and for a complementary suppression, which other figure
    /// it protects.
    pub reason: String,
}

impl<T> Figure<T> {
    /// The figure, when shown.
    pub fn shown(&self) -> Option<&T> {
        match self {
            Figure::Shown(value) => Some(value),
            Figure::Suppressed(_) => None,
        }
    }

    /// Whether it is withheld.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Figure::Suppressed(_))
    }

    pub(crate) fn withheld(reason: String) -> Figure<T> {
        Figure::Suppressed(Suppressed {
            suppressed: true,
            reason,
        })
    }
}

/// A group a figure is about: what it is called in reasons, and how many people it has.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Group<'a> {
    pub(crate) name: &'a str,
    pub(crate) people: u64,
}

/// Applies the smallest group size.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Guard {
    pub(crate) min: u64,
}

impl Guard {
    /// Shows `figure` when every group it rests on has at least `min` people; otherwise
    /// withholds it, naming the first group that is too small.
    pub(crate) fn check<T>(&self, groups: &[Group<'_>], figure: impl FnOnce() -> T) -> Figure<T> {
        match groups.iter().find(|g| g.people < self.min) {
            Some(small) => Figure::withheld(self.too_small(small)),
            None => Figure::Shown(figure()),
        }
    }

    /// Two figures over the two parts of one total: both shown, or neither. Showing one part
    /// beside a total would give the other by subtraction, so when either part is too small
    /// both are withheld: the small one for its size, the other as a complementary
    /// suppression.
    pub(crate) fn split<A, B>(
        &self,
        first: (Group<'_>, impl FnOnce() -> A),
        second: (Group<'_>, impl FnOnce() -> B),
    ) -> (Figure<A>, Figure<B>) {
        let (a, make_a) = first;
        let (b, make_b) = second;
        match (a.people < self.min, b.people < self.min) {
            (false, false) => (Figure::Shown(make_a()), Figure::Shown(make_b())),
            (true, true) => (
                Figure::withheld(self.too_small(&a)),
                Figure::withheld(self.too_small(&b)),
            ),
            (true, false) => (
                Figure::withheld(self.too_small(&a)),
                Figure::withheld(self.complementary(&a)),
            ),
            (false, true) => (
                Figure::withheld(self.complementary(&b)),
                Figure::withheld(self.too_small(&b)),
            ),
        }
    }

    fn too_small(&self, group: &Group<'_>) -> String {
        format!("{} are fewer than {} people", group.name, self.min)
    }

    fn complementary(&self, small: &Group<'_>) -> String {
        format!(
            "complementary suppression: {} are fewer than {} people, and this figure with the \
             total would give theirs by subtraction",
            small.name, self.min
        )
    }
}

/// `part ÷ whole` to three decimals; 0 for an empty whole (never shown: groups are checked
/// first).
pub(crate) fn ratio(part: u64, whole: u64) -> f64 {
    ratio_f(part as f64, whole as f64)
}

/// `part ÷ whole` to three decimals; 0 for a whole of 0.
pub(crate) fn ratio_f(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        return 0.0;
    }
    (part / whole * 1000.0).round() / 1000.0
}
