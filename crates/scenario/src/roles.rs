//! Role terms in one ERG: who holds which role when, with handovers.
//!
//! Each role is a seat filled by one person at a time for terms of six to eighteen
//! months. When a term ends the seat passes to another member who holds no other seat
//! in the group; the chair's seat passes on the next day, other seats may stay empty
//! for a few weeks. When no member is free, the holder serves another term.

use proto_events::ErgRole;
use uuid::Uuid;

use crate::dice::Dice;

/// One planned term; `last` is its last day, `None` while it runs past the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TermPlan {
    pub(crate) employee: Uuid,
    pub(crate) role: ErgRole,
    pub(crate) first: i32,
    pub(crate) last: Option<i32>,
}

/// A seat: its holder (as an index into the terms) and the day it next changes hands.
#[derive(Debug)]
struct Seat {
    role: ErgRole,
    holder: Option<usize>,
    next: i32,
}

/// The seats, most important first, so that a small group fills the chair first.
const SEATS: [ErgRole; 7] = [
    ErgRole::Chair,
    ErgRole::Treasurer,
    ErgRole::CoChair,
    ErgRole::MentorshipLead,
    ErgRole::CommitteeMember,
    ErgRole::CommitteeMember,
    ErgRole::EventLead,
];

/// Plans the terms of a group registered on day `registered` whose members are
/// `members`, up to day `last_day`.
pub(crate) fn plan(
    dice: &mut Dice,
    members: &[Uuid],
    registered: i32,
    last_day: i32,
) -> Vec<TermPlan> {
    let mut roles = SEATS.to_vec();
    if members.len() >= 12 && dice.chance(50) {
        roles.push(ErgRole::CoChair);
    }
    if dice.chance(50) {
        roles.push(ErgRole::CommitteeMember);
    }
    if dice.chance(40) {
        roles.push(ErgRole::EventLead);
    }
    // Leave a third of the members free, so that seats can change hands.
    roles.truncate((members.len() * 7 / 10).max(1));
    let mut seats: Vec<Seat> = roles
        .into_iter()
        .map(|role| Seat {
            role,
            holder: None,
            next: if role == ErgRole::Chair {
                registered
            } else {
                registered + dice.between(0, 60)
            },
        })
        .collect();
    let mut terms: Vec<TermPlan> = Vec::new();
    while let Some(seat) = next_change(&seats, last_day) {
        let day = seats[seat].next;
        let role = seats[seat].role;
        let holder = seats[seat].holder;
        if holder.is_some() && role != ErgRole::Chair && dice.chance(15) {
            end(&mut terms, holder, day);
            seats[seat].holder = None;
            seats[seat].next = day + dice.between(14, 75);
            continue;
        }
        let busy: Vec<Uuid> = seats
            .iter()
            .filter_map(|s| s.holder.and_then(|t| terms.get(t)))
            .map(|t| t.employee)
            .collect();
        let free: Vec<Uuid> = members
            .iter()
            .filter(|m| !busy.contains(m))
            .copied()
            .collect();
        match dice.pick(&free) {
            Some(&successor) => {
                end(&mut terms, holder, day);
                terms.push(TermPlan {
                    employee: successor,
                    role,
                    first: day,
                    last: None,
                });
                seats[seat].holder = Some(terms.len() - 1);
                seats[seat].next = day + dice.between(183, 548);
            }
            None if holder.is_some() => seats[seat].next = day + dice.between(183, 365),
            None => seats[seat].next = day + 30,
        }
    }
    terms
}

/// The seat that changes hands first, the earliest seat on a tie; `None` once every
/// seat's next change falls after the scenario.
fn next_change(seats: &[Seat], last_day: i32) -> Option<usize> {
    seats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.next <= last_day)
        .min_by_key(|(i, s)| (s.next, *i))
        .map(|(i, _)| i)
}

/// Ends the term `holder` the day before `day`.
fn end(terms: &mut [TermPlan], holder: Option<usize>, day: i32) {
    if let Some(term) = holder.and_then(|t| terms.get_mut(t)) {
        term.last = Some(day - 1);
    }
}

#[cfg(test)]
mod tests {
    use proto_events::ErgRole;
    use uuid::Uuid;

    use super::plan;
    use crate::dice::{Dice, Stream};

    fn members(n: u128) -> Vec<Uuid> {
        (1..=n).map(Uuid::from_u128).collect()
    }

    #[test]
    fn chairs_follow_one_another_without_gap_or_overlap() {
        let mut dice = Dice::new(11, Stream::Roles(0));
        let terms = plan(&mut dice, &members(12), 5, 3 * 365);
        let chairs: Vec<_> = terms.iter().filter(|t| t.role == ErgRole::Chair).collect();
        assert!(chairs.len() >= 2, "three years see at least one handover");
        assert_eq!(chairs[0].first, 5);
        for pair in chairs.windows(2) {
            assert_eq!(pair[0].last, Some(pair[1].first - 1));
            assert_ne!(pair[0].employee, pair[1].employee);
        }
        assert_eq!(chairs.last().and_then(|t| t.last), None);
    }

    #[test]
    fn nobody_holds_two_seats_of_one_group_at_once() {
        let mut dice = Dice::new(12, Stream::Roles(1));
        let terms = plan(&mut dice, &members(9), 0, 2 * 365);
        for a in &terms {
            let a_last = a.last.unwrap_or(i32::MAX);
            assert!(
                a_last - a.first + 1 >= 183,
                "a term lasts six months at least: {a:?}"
            );
            for b in terms
                .iter()
                .filter(|b| !std::ptr::eq(*b, a) && b.employee == a.employee)
            {
                let b_last = b.last.unwrap_or(i32::MAX);
                assert!(a_last < b.first || b_last < a.first, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_lone_member_keeps_the_chair() {
        let mut dice = Dice::new(13, Stream::Roles(2));
        let terms = plan(&mut dice, &members(1), 0, 3 * 365);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].role, ErgRole::Chair);
        assert_eq!(terms[0].last, None);
    }
}
