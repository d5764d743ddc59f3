//! The workforce: pseudonymous employee ids and the part each plays.

use uuid::Uuid;

use crate::dice::{Dice, Stream};

/// Everyone the scenario can name, by the part they play. The groups do not overlap,
/// so an approver is never the owner of a budget they decide and a sponsor never
/// leads the project they sign off.
#[derive(Debug)]
pub(crate) struct People {
    /// The ERG tool, the service that registers groups and records role terms.
    pub(crate) erg_tool: Uuid,
    /// Senior leaders: executive sponsors of ERGs and of projects, budget approvers.
    pub(crate) leaders: Vec<Uuid>,
    /// Finance partners who decide some budget requests.
    pub(crate) finance: Vec<Uuid>,
    /// Employees who volunteer in ERGs: about 30 percent of the workforce.
    pub(crate) participants: Vec<Uuid>,
    /// Everyone else; some lead cross-functional projects.
    pub(crate) others: Vec<Uuid>,
    /// Employees who leave near the scenario's end: 1.5 percent, at least two. They play
    /// no other part, so nothing names them after they left.
    pub(crate) leavers: Vec<Uuid>,
}

/// Share of the workforce active in ERGs, in percent.
const PARTICIPATION_PERCENT: usize = 30;
/// Share of the workforce that leaves near the end, in tenths of a percent.
const LEAVING_PER_MILLE: usize = 15;

impl People {
    /// A workforce of `employees` people; at least [`crate::MIN_EMPLOYEES`], so every
    /// group below has members.
    pub(crate) fn new(seed: u64, employees: u32) -> People {
        let mut dice = Dice::new(seed, Stream::People);
        let erg_tool = dice.uuid();
        let total = usize::try_from(employees).unwrap_or(usize::MAX);
        let mut everyone: Vec<Uuid> = (0..total).map(|_| dice.uuid()).collect();
        let leaders = (total / 40).max(4);
        let finance = (total / 500).max(2);
        let participants = total * PARTICIPATION_PERCENT / 100;
        let mut others = everyone.split_off((leaders + finance + participants).min(total));
        let leavers = (total * LEAVING_PER_MILLE / 1_000).max(2);
        let leavers = others.split_off(others.len().saturating_sub(leavers));
        let participants = everyone.split_off((leaders + finance).min(everyone.len()));
        let finance = everyone.split_off(leaders.min(everyone.len()));
        People {
            erg_tool,
            leaders: everyone,
            finance,
            participants,
            others,
            leavers,
        }
    }

    /// Every employee, in the order of the parts above: leaders, finance partners,
    /// participants, others, leavers.
    pub(crate) fn employees(&self) -> impl Iterator<Item = &Uuid> {
        self.leaders
            .iter()
            .chain(&self.finance)
            .chain(&self.participants)
            .chain(&self.others)
            .chain(&self.leavers)
    }
}

#[cfg(test)]
mod tests {
    use super::People;

    #[test]
    fn parts_add_up_to_the_workforce_without_overlap() {
        let people = People::new(3, 1_000);
        assert_eq!(people.leaders.len(), 25);
        assert_eq!(people.finance.len(), 2);
        assert_eq!(people.participants.len(), 300);
        assert_eq!(people.others.len(), 658);
        assert_eq!(people.leavers.len(), 15);
        let mut all: Vec<_> = people.employees().chain([&people.erg_tool]).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 1_001);
    }

    #[test]
    fn the_smallest_workforce_still_has_every_part() {
        let people = People::new(3, crate::MIN_EMPLOYEES);
        assert_eq!(people.leaders.len(), 4);
        assert_eq!(people.finance.len(), 2);
        assert_eq!(people.participants.len(), 6);
        assert_eq!(people.others.len(), 6);
        assert_eq!(people.leavers.len(), 2);
    }
}
