//! The groups: how many, their names, members, sponsors and role terms.

use ladder_domain::command::{AssignErgRole, EndErgRole, RegisterErg};
use ladder_domain::{CommandBody, CommandName};
use proto_events::ErgRole;
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::dice::{Dice, Stream};
use crate::names::{CHAPTERS, Money, THEMES, Theme};
use crate::people::People;
use crate::plan::Plan;
use crate::roles::{self, TermPlan};

/// Employees per group once a workforce outgrows the six company-wide groups.
const EMPLOYEES_PER_ERG: u32 = 35;
/// The company-wide groups every scenario has.
const COMPANY_WIDE: u32 = 6;
/// Share of participants who are active in a second group, in percent.
const SECOND_GROUP_PERCENT: u32 = 15;

/// One planned group.
#[derive(Debug)]
pub(crate) struct Erg {
    /// Position among the groups; names its random streams.
    pub(crate) index: u32,
    pub(crate) id: Uuid,
    pub(crate) theme: &'static Theme,
    pub(crate) name: String,
    pub(crate) currency: Money,
    /// Day of registration.
    pub(crate) registered: i32,
    /// The executive sponsor: approves most budgets, sponsors most projects.
    pub(crate) sponsor: Uuid,
    pub(crate) members: Vec<Uuid>,
    pub(crate) terms: Vec<TermPlan>,
}

impl Erg {
    /// Who holds one of `roles` on `day`, in the order the terms began.
    pub(crate) fn holders(&self, day: i32, roles: &[ErgRole]) -> Vec<Uuid> {
        self.terms
            .iter()
            .filter(|t| {
                roles.contains(&t.role) && t.first <= day && t.last.is_none_or(|l| l >= day)
            })
            .map(|t| t.employee)
            .collect()
    }
}

/// How many groups a workforce of `employees` has: one per 35 employees, six at least.
pub(crate) fn count(employees: u32) -> u32 {
    (employees.saturating_add(EMPLOYEES_PER_ERG / 2) / EMPLOYEES_PER_ERG).max(COMPANY_WIDE)
}

/// Plans every group: registration, members and role terms.
pub(crate) fn found(seed: u64, people: &People, calendar: &Calendar, employees: u32) -> Vec<Erg> {
    let mut dice = Dice::new(seed, Stream::Ergs);
    let total = count(employees);
    let mut ergs: Vec<Erg> = (0..total)
        .map(|index| {
            let (theme, name, chapter_money) = naming(index);
            let currency = chapter_money.unwrap_or(if dice.chance(60) {
                Money::Eur
            } else {
                Money::Usd
            });
            let registered = if index < COMPANY_WIDE {
                dice.between(0, 30)
            } else {
                dice.between(0, calendar.last_day() / 2)
            };
            Erg {
                index,
                id: dice.uuid(),
                theme,
                name,
                currency,
                registered,
                sponsor: dice
                    .pick(&people.leaders)
                    .copied()
                    .unwrap_or(people.erg_tool),
                members: Vec::new(),
                terms: Vec::new(),
            }
        })
        .collect();
    let groups = ergs.len();
    for (j, participant) in people.participants.iter().enumerate() {
        let first = j % groups;
        if let Some(erg) = ergs.get_mut(first) {
            erg.members.push(*participant);
        }
        if groups > 1 && dice.chance(SECOND_GROUP_PERCENT) {
            let second = (first + 1 + dice.below(groups - 1)) % groups;
            if let Some(erg) = ergs.get_mut(second) {
                erg.members.push(*participant);
            }
        }
    }
    for erg in &mut ergs {
        let mut dice = Dice::new(seed, Stream::Roles(erg.index));
        erg.terms = roles::plan(&mut dice, &erg.members, erg.registered, calendar.last_day());
    }
    ergs
}

/// Plans the registration and every role assignment and ending, all issued by the ERG
/// tool: it is where group leads record who holds which role.
pub(crate) fn register(
    seed: u64,
    erg: &Erg,
    people: &People,
    calendar: &Calendar,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::ErgCommands(erg.index));
    let tool = people.erg_tool;
    let body = CommandBody::RegisterErg(RegisterErg {
        erg_id: erg.id,
        name: erg.name.clone(),
        sensitive: erg.theme.sensitive,
    });
    plan.push(
        erg.registered,
        &mut dice,
        tool,
        CommandName::RegisterErg,
        body,
    );
    for term in &erg.terms {
        let assign = CommandBody::AssignErgRole(AssignErgRole {
            erg_id: erg.id,
            employee_id: term.employee,
            role: term.role,
            term_start: calendar.date(term.first),
        });
        plan.push(
            term.first,
            &mut dice,
            tool,
            CommandName::AssignErgRole,
            assign,
        );
        if let Some(last) = term.last {
            let end = CommandBody::EndErgRole(EndErgRole {
                erg_id: erg.id,
                employee_id: term.employee,
                role: term.role,
                term_end: calendar.date(last),
            });
            plan.push(last, &mut dice, tool, CommandName::EndErgRole, end);
        }
    }
}

/// The group's theme, name, and the chapter's currency if it is a local chapter.
fn naming(index: u32) -> (&'static Theme, String, Option<Money>) {
    let index = index as usize;
    let company_wide = COMPANY_WIDE as usize;
    if index < company_wide {
        // The company-wide groups are the first themes, under their plain names.
        let theme = &THEMES[index];
        return (theme, theme.name.to_owned(), None);
    }
    let k = index - company_wide;
    let theme = &THEMES[k % THEMES.len()];
    let (city, money) = CHAPTERS[(k / THEMES.len()) % CHAPTERS.len()];
    let round = k / (THEMES.len() * CHAPTERS.len());
    let name = if round == 0 {
        format!("{} ({city})", theme.name)
    } else {
        format!("{} ({city} {})", theme.name, round + 1)
    };
    (theme, name, Some(money))
}
