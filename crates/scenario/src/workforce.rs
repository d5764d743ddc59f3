//! The workforce as the HRIS knows it: hire dates, org units, job levels, declared
//! interests, LMS accounts and departures.
//!
//! Everyone was hired before the scenario starts, most within the last few years and
//! leaders long before; the HRIS onboards each of them on their hire date, so the stream
//! opens with the company's history of hires. When the scenario starts the HRIS links the
//! LMS accounts of most employees over three weeks, and near the end it records the few
//! departures. Interests are what people chose to declare: ERG participants often the one
//! their first group stands for.

use std::collections::BTreeMap;

use ladder_domain::command::{LinkLmsAccount, OnboardEmployee, RecordDeparture};
use ladder_domain::{CommandBody, CommandName};
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::catalogue::LMS_HOME_PAGE;
use crate::dice::{Dice, Stream};
use crate::ergs::Erg;
use crate::org::{INTERESTS, JOB_LEVELS, ORG_UNITS};
use crate::people::People;
use crate::plan::Plan;

/// The part an employee plays, as in [`People`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Leader,
    Finance,
    Participant,
    Other,
    Leaver,
}

/// What the HRIS knows about one employee.
#[derive(Debug)]
pub(crate) struct Profile {
    pub(crate) id: Uuid,
    pub(crate) part: Part,
    /// The hire date, as a day before the start (negative).
    pub(crate) hired: i32,
    pub(crate) org_unit: &'static str,
    /// Index into [`JOB_LEVELS`].
    pub(crate) level: usize,
    pub(crate) interests: Vec<&'static str>,
    /// The LMS account, when the HRIS links it.
    pub(crate) account: Option<Account>,
    /// The last day, for those who leave.
    pub(crate) leaves: Option<i32>,
}

/// An employee's LMS account.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Account {
    /// The LMS user id, the account name in statements.
    pub(crate) name: u32,
    /// The day the HRIS links it; the LMS reports on the account from then on.
    pub(crate) linked: i32,
}

impl Profile {
    /// The account and the days on which its statements may fall: from the link to the
    /// last day of employment; `None` without an account.
    pub(crate) fn reporting(&self, last_day: i32) -> Option<(u32, i32, i32)> {
        let account = self.account?;
        Some((
            account.name,
            account.linked,
            self.leaves.map_or(last_day, |l| l.min(last_day)),
        ))
    }
}

/// Everyone's profile, in the order of [`People::employees`].
#[derive(Debug)]
pub(crate) struct Workforce {
    pub(crate) profiles: Vec<Profile>,
    index: BTreeMap<Uuid, usize>,
    /// Talent partners in people operations, who define positions and nominate successors.
    pub(crate) planners: Vec<Uuid>,
}

impl Workforce {
    /// The profile of employee `id`.
    pub(crate) fn profile(&self, id: Uuid) -> Option<&Profile> {
        self.index.get(&id).and_then(|i| self.profiles.get(*i))
    }
}

/// Share of each part whose LMS account the HRIS links, in percent.
fn linked_percent(part: Part) -> u32 {
    match part {
        Part::Participant => 95,
        Part::Finance => 90,
        Part::Leader => 85,
        Part::Other | Part::Leaver => 82,
    }
}

/// Talent partners among the leaders.
const PLANNERS: usize = 2;
/// Days over which the HRIS links the accounts when the scenario starts.
const LINKING_DAYS: i32 = 20;
/// Departures fall within this many days before the scenario's last day.
const LEAVING_WINDOW: i32 = 120;

/// Plans the HRIS's commands: every onboarding, the LMS account links and the departures.
pub(crate) fn plan(
    seed: u64,
    people: &People,
    ergs: &[Erg],
    calendar: &Calendar,
    plan: &mut Plan,
) -> Workforce {
    let mut dice = Dice::new(seed, Stream::Workforce);
    let hris = dice.uuid();
    let mut profiles = profiles(&mut dice, people, ergs, calendar);
    number_accounts(&mut dice, &mut profiles);
    for profile in &profiles {
        let body = CommandBody::OnboardEmployee(OnboardEmployee {
            employee_id: profile.id,
            hire_date: calendar.date(profile.hired),
            org_unit: profile.org_unit.to_owned(),
            job_level: JOB_LEVELS[profile.level].to_owned(),
            interests: profile.interests.iter().map(|i| (*i).to_owned()).collect(),
        });
        plan.push(
            profile.hired,
            &mut dice,
            hris,
            CommandName::OnboardEmployee,
            body,
        );
    }
    for profile in &profiles {
        if let Some(account) = profile.account {
            let body = CommandBody::LinkLmsAccount(LinkLmsAccount {
                employee_id: profile.id,
                home_page: LMS_HOME_PAGE.to_owned(),
                account_name: account.name.to_string(),
            });
            let day = account.linked;
            plan.push(day, &mut dice, hris, CommandName::LinkLmsAccount, body);
        }
        if let Some(last) = profile.leaves {
            let body = CommandBody::RecordDeparture(RecordDeparture {
                employee_id: profile.id,
                departure_date: calendar.date(last),
            });
            plan.push(last, &mut dice, hris, CommandName::RecordDeparture, body);
        }
    }
    let planners = profiles
        .iter()
        .filter(|p| p.part == Part::Leader)
        .take(PLANNERS)
        .map(|p| p.id)
        .collect();
    let index = profiles
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    Workforce {
        profiles,
        index,
        planners,
    }
}

fn profiles(dice: &mut Dice, people: &People, ergs: &[Erg], calendar: &Calendar) -> Vec<Profile> {
    let earliest = calendar.first_history_day();
    let last_day = calendar.last_day();
    let parts = [
        (&people.leaders, Part::Leader),
        (&people.finance, Part::Finance),
        (&people.participants, Part::Participant),
        (&people.others, Part::Other),
        (&people.leavers, Part::Leaver),
    ];
    let mut profiles = Vec::with_capacity(people.employees().count());
    for (ids, part) in parts {
        for (j, id) in ids.iter().enumerate() {
            let tenure = match part {
                Part::Leader => dice.between(2 * 365, 25 * 365),
                Part::Finance => dice.between(365, 15 * 365),
                // The minimum of two draws: most tenures are short, a few long.
                _ => dice.between(14, 15 * 365).min(dice.between(14, 15 * 365)),
            };
            let (org_unit, level) = match part {
                Part::Leader if j < PLANNERS => ("people-ops", 5),
                Part::Leader => (org_unit(dice), if dice.chance(40) { 6 } else { 5 }),
                Part::Finance => ("finance", usize::try_from(dice.between(2, 4)).unwrap_or(2)),
                _ => (org_unit(dice), level(dice)),
            };
            // A participant's first group is the j-th modulo their number (see
            // `ergs::found`); half of them declare the interest it stands for.
            let theme_interest = match part {
                Part::Participant if !ergs.is_empty() => {
                    ergs.get(j % ergs.len()).and_then(|e| e.theme.interest)
                }
                _ => None,
            };
            let interests = interests(dice, theme_interest, part);
            let account = dice.chance(linked_percent(part)).then(|| Account {
                // Numbered in hire order below.
                name: 0,
                linked: dice.between(0, LINKING_DAYS),
            });
            let leaves = (part == Part::Leaver)
                .then(|| last_day - dice.between(0, LEAVING_WINDOW.min(last_day - LINKING_DAYS)));
            profiles.push(Profile {
                id: *id,
                part,
                hired: (-tenure).max(earliest),
                org_unit,
                level,
                interests,
                account,
                leaves,
            });
        }
    }
    profiles
}

/// LMS user ids count up in the order accounts were created, at hire; ids of deleted
/// accounts (test users, duplicates) leave gaps.
fn number_accounts(dice: &mut Dice, profiles: &mut [Profile]) {
    let mut order: Vec<usize> = (0..profiles.len()).collect();
    order.sort_by_key(|i| (profiles[*i].hired, *i));
    let mut next = 1_000u32;
    for i in order {
        if let Some(account) = profiles[i].account.as_mut() {
            next += u32::try_from(dice.between(1, 3)).unwrap_or(1);
            account.name = next;
        }
    }
}

fn org_unit(dice: &mut Dice) -> &'static str {
    dice.weighted(&ORG_UNITS).copied().unwrap_or("operations")
}

/// L1 to L5 in a pyramid; L6 and L7 are the leaders'.
fn level(dice: &mut Dice) -> usize {
    const PYRAMID: [(usize, u32); 5] = [(0, 12), (1, 25), (2, 28), (3, 22), (4, 13)];
    dice.weighted(&PYRAMID).copied().unwrap_or(2)
}

fn interests(dice: &mut Dice, theme: Option<&'static str>, part: Part) -> Vec<&'static str> {
    let mut interests = Vec::new();
    if let Some(theme) = theme.filter(|_| dice.chance(55)) {
        interests.push(theme);
    }
    let extra = if part == Part::Participant {
        [(0, 45), (1, 40), (2, 15)]
    } else {
        [(0, 55), (1, 30), (2, 15)]
    };
    let extra = dice.weighted(&extra).copied().unwrap_or(0);
    for _ in 0..extra {
        if let Some(&interest) = dice.pick(&INTERESTS)
            && !interests.contains(&interest)
        {
            interests.push(interest);
        }
    }
    interests
}
