//! Everyone's verified levels on one date: the input of every planning question.
//!
//! Assessing a person means evaluating every rule of the framework over their evidence, which
//! is the expensive part of a slate; a [`Workforce`] does it once for everyone so that slates,
//! talent pools and bench strength on the same date only look levels up. Callers cache it per
//! date, framework version and read-model sequence.

use std::collections::BTreeMap;

use jiff::civil::Date;
use ladder_competency::{Assessment, Framework, assess};
use ladder_domain::Evidence;
use ladder_projection::ChangedPerson;
use ladder_projection::records::EmployeeRecord;
use uuid::Uuid;

/// One person's level in one competency and the verified evidence behind it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    /// The level reached; 0 when level 1 is not met.
    pub level: u32,
    /// Pieces of verified evidence behind the granted levels (a budget, a project, a role
    /// term, a learning record, a mentorship), counted once each.
    pub evidence: u32,
}

/// One person as planning sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Pseudonymous id.
    pub employee_id: Uuid,
    /// Their hire date, once the HRIS onboarded them; `None` for people known only from
    /// evidence (an LMS or ERG tool may report someone before the HRIS does).
    pub hired_on: Option<Date>,
    /// Their last day, once they left.
    pub departed_on: Option<Date>,
    standings: Box<[Standing]>,
}

impl Person {
    /// A person with one standing per competency of the workforce, in its order.
    pub fn new(employee_id: Uuid, standings: Vec<Standing>) -> Person {
        Person {
            employee_id,
            hired_on: None,
            departed_on: None,
            standings: standings.into_boxed_slice(),
        }
    }

    /// Takes what planning needs from their employee record.
    fn set_record(&mut self, record: &EmployeeRecord) {
        self.hired_on = record.onboarding.as_ref().map(|o| o.hire_date);
        self.departed_on = record.departed_on;
    }

    /// Whether they work here on `as_of`: onboarded, hired on or before it, and not gone
    /// (the departure date is their last day). Planning weighs only such people, as only
    /// they can be nominated.
    pub fn employed_on(&self, as_of: Date) -> bool {
        self.hired_on.is_some_and(|hired| hired <= as_of)
            && self.departed_on.is_none_or(|last| last >= as_of)
    }

    /// The standing in the competency at `index` of the workforce's competencies.
    pub fn standing(&self, index: usize) -> Standing {
        self.standings.get(index).copied().unwrap_or_default()
    }
}

/// Everyone's standings on one date under one framework version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workforce {
    as_of: Date,
    framework_id: String,
    framework_version: String,
    competencies: Vec<String>,
    /// Sorted by id, each id once.
    people: Vec<Person>,
}

impl Workforce {
    /// Assesses everyone known from evidence or from employee records on `as_of`.
    ///
    /// `evidence` is each employee's evidence (as `ReadModels::level_inputs` reads it);
    /// `employees` the employee records. Only verified evidence effective on `as_of` counts,
    /// as in [`ladder_competency::assess`].
    pub fn assess(
        framework: &Framework,
        as_of: Date,
        evidence: &[(Uuid, Vec<Evidence>)],
        employees: &[(Uuid, EmployeeRecord)],
    ) -> Workforce {
        let competencies: Vec<String> = framework
            .competencies()
            .iter()
            .map(|c| c.id().to_owned())
            .collect();
        let mut people: BTreeMap<Uuid, Person> = BTreeMap::new();
        for (employee_id, records) in evidence {
            people.insert(
                *employee_id,
                assessed(framework, as_of, *employee_id, records),
            );
        }
        for (employee_id, record) in employees {
            people
                .entry(*employee_id)
                .or_insert_with(|| unassessed(*employee_id, competencies.len()))
                .set_record(record);
        }
        Workforce {
            as_of,
            framework_id: framework.id().to_owned(),
            framework_version: framework.version().to_owned(),
            competencies,
            people: people.into_values().collect(),
        }
    }

    /// This workforce with the people in `changed` assessed again from what they have now;
    /// everyone else keeps their standings. Equals [`Workforce::assess`] over the inputs
    /// after the change, provided that `changed` names everyone whose evidence or employee
    /// record changed since this workforce was assessed, under the same `framework`.
    ///
    /// `changed` is in id order, each person once (as `ReadModels::level_changes` gives it).
    pub fn reassess(&self, framework: &Framework, changed: &[ChangedPerson]) -> Workforce {
        let width = self.competencies.len();
        let now = |change: &ChangedPerson| -> Option<Person> {
            let mut person = if change.evidence.is_empty() {
                // Like `assess`: without evidence a person is known only from their record.
                change.record.as_ref()?;
                unassessed(change.employee_id, width)
            } else {
                assessed(framework, self.as_of, change.employee_id, &change.evidence)
            };
            if let Some(record) = &change.record {
                person.set_record(record);
            }
            Some(person)
        };
        let mut people = Vec::with_capacity(self.people.len() + changed.len());
        let mut changes = changed.iter().peekable();
        for person in &self.people {
            while let Some(change) = changes.next_if(|c| c.employee_id < person.employee_id) {
                people.extend(now(change));
            }
            match changes.next_if(|c| c.employee_id == person.employee_id) {
                Some(change) => people.extend(now(change)),
                None => people.push(person.clone()),
            }
        }
        people.extend(changes.filter_map(now));
        Workforce {
            as_of: self.as_of,
            framework_id: self.framework_id.clone(),
            framework_version: self.framework_version.clone(),
            competencies: self.competencies.clone(),
            people,
        }
    }

    /// A workforce from standings already known, e.g. for tests or another assessor.
    /// Later entries for the same id replace earlier ones.
    pub fn from_people(
        as_of: Date,
        framework: (&str, &str),
        competencies: Vec<String>,
        people: impl IntoIterator<Item = Person>,
    ) -> Workforce {
        let people: BTreeMap<Uuid, Person> =
            people.into_iter().map(|p| (p.employee_id, p)).collect();
        Workforce {
            as_of,
            framework_id: framework.0.to_owned(),
            framework_version: framework.1.to_owned(),
            competencies,
            people: people.into_values().collect(),
        }
    }

    /// The date the levels hold for.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The framework's id.
    pub fn framework_id(&self) -> &str {
        &self.framework_id
    }

    /// The framework version the levels come from.
    pub fn framework_version(&self) -> &str {
        &self.framework_version
    }

    /// The competency ids, in framework order; a person's standings follow it.
    pub fn competencies(&self) -> &[String] {
        &self.competencies
    }

    /// The index of a competency, if the framework has it.
    pub fn competency_index(&self, id: &str) -> Option<usize> {
        self.competencies.iter().position(|c| c == id)
    }

    /// Everyone, by id.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// One person, if known.
    pub fn person(&self, employee_id: Uuid) -> Option<&Person> {
        self.people
            .binary_search_by(|p| p.employee_id.cmp(&employee_id))
            .ok()
            .and_then(|i| self.people.get(i))
    }

    /// The level of a person in the competency at `index`; 0 for unknown people and for
    /// competencies the framework lacks.
    pub fn level(&self, employee_id: Uuid, index: Option<usize>) -> u32 {
        match (self.person(employee_id), index) {
            (Some(person), Some(index)) => person.standing(index).level,
            _ => 0,
        }
    }
}

/// A person with evidence, assessed on `as_of`; not yet hired or departed.
fn assessed(
    framework: &Framework,
    as_of: Date,
    employee_id: Uuid,
    evidence: &[Evidence],
) -> Person {
    let assessment = assess(framework, evidence, as_of);
    Person::new(employee_id, standings(&assessment, evidence, as_of))
}

/// A person without evidence: no level anywhere.
fn unassessed(employee_id: Uuid, width: usize) -> Person {
    Person::new(employee_id, vec![Standing::default(); width])
}

/// The standings of one assessment, with the evidence behind each competency's levels.
fn standings(assessment: &Assessment, evidence: &[Evidence], as_of: Date) -> Vec<Standing> {
    let counted: Vec<&Evidence> = evidence
        .iter()
        .filter(|e| e.verified && e.effective_date <= as_of)
        .collect();
    assessment
        .competencies
        .iter()
        .map(|c| {
            // `c.evidence` is sorted: a piece of evidence counts when one of its events is
            // behind the granted levels.
            let behind = counted
                .iter()
                .filter(|e| {
                    e.source_event_ids
                        .iter()
                        .any(|id| c.evidence.binary_search(id).is_ok())
                })
                .count();
            Standing {
                level: c.level,
                evidence: u32::try_from(behind).unwrap_or(u32::MAX),
            }
        })
        .collect()
}
