//! Learning people choose for themselves: catalogue courses, ERG Leadership modules outside
//! the programme, and the learning paths of their declared interests.
//!
//! ERG participants learn about twice as often as everyone else (the learning velocity the
//! programme owners compare). Now and then the LMS administrator voids a completion that
//! was recorded in error, a few days later.

use uuid::Uuid;

use crate::calendar::Calendar;
use crate::catalogue::{COURSES, MODULES, PATHS};
use crate::dice::{Dice, Stream};
use crate::leadership::Taken;
use crate::org::INTERESTS;
use crate::plan::Plan;
use crate::statement::{COMPLETED, MASTERED, Statement, When, kind};
use crate::workforce::{Part, Profile, Workforce};

/// Courses a participant finishes in a year, with their weights.
const PARTICIPANT_YEAR: [(u32, u32); 4] = [(0, 20), (1, 30), (2, 30), (3, 20)];
/// Courses anyone else finishes in a year, with their weights.
const OTHER_YEAR: [(u32, u32); 3] = [(0, 45), (1, 35), (2, 20)];
/// Chance that a participant's course is an ERG Leadership module, in percent.
const MODULE_PERCENT: u32 = 20;
/// Chance of following the path of each declared interest, in percent.
const PATH_PERCENT: u32 = 12;
/// Chance that a catalogue completion is voided later, in tenths of a percent.
const VOID_PER_MILLE: u32 = 15;

/// Plans everyone's own learning; `taken` holds the ERG Leadership modules each employee
/// already completed in the programme and gains those completed here.
pub(crate) fn plan(
    seed: u64,
    workforce: &Workforce,
    calendar: &Calendar,
    taken: &mut Taken,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::Courses);
    let last_day = calendar.last_day();
    let years = calendar.years();
    for profile in &workforce.profiles {
        let Some((account, from, until)) = profile.reporting(last_day) else {
            continue;
        };
        let learner = Learner {
            profile,
            account,
            from,
            until,
        };
        let mut done: Vec<usize> = Vec::new();
        for &(first, last) in &years {
            let weights: &[(u32, u32)] = if profile.part == Part::Participant {
                &PARTICIPANT_YEAR
            } else {
                &OTHER_YEAR
            };
            let count = dice.weighted(weights).copied().unwrap_or(0);
            for _ in 0..count {
                let day = dice.between(first.max(from), last.min(until));
                if day < from || day > until {
                    continue;
                }
                let module = profile.part == Part::Participant && dice.chance(MODULE_PERCENT);
                if module {
                    learner.module(&mut dice, calendar, day, taken, plan);
                } else {
                    learner.course(&mut dice, calendar, day, &mut done, plan);
                }
            }
        }
        for interest in &profile.interests {
            let path = INTERESTS
                .iter()
                .position(|i| i == interest)
                .and_then(|i| PATHS.get(i));
            if let Some(&path) = path.filter(|_| dice.chance(PATH_PERCENT)) {
                let day = dice.between(from, until);
                let when = When::at_work(&mut dice, calendar, day);
                let statement = Statement::finished(
                    dice.uuid(),
                    account,
                    COMPLETED,
                    path,
                    kind::COURSE,
                    None,
                    when,
                );
                plan.push_statement(day, statement);
            }
        }
    }
}

/// One employee reporting to the LMS from day `from` to day `until`.
struct Learner<'a> {
    profile: &'a Profile,
    account: u32,
    from: i32,
    until: i32,
}

impl Learner<'_> {
    /// A catalogue course not finished before, maybe voided later.
    fn course(
        &self,
        dice: &mut Dice,
        calendar: &Calendar,
        day: i32,
        done: &mut Vec<usize>,
        plan: &mut Plan,
    ) {
        let course = dice.below(COURSES.len());
        if done.contains(&course) {
            return;
        }
        done.push(course);
        let (verb, activity_kind, score) = if dice.chance(20) {
            let score = u32::try_from(dice.between(70, 100)).ok();
            (MASTERED, kind::ASSESSMENT, score)
        } else {
            (COMPLETED, kind::COURSE, None)
        };
        let when = When::at_work(dice, calendar, day);
        let id = dice.uuid();
        let statement = Statement::finished(
            id,
            self.account,
            verb,
            COURSES[course],
            activity_kind,
            score,
            when,
        );
        plan.push_statement(day, statement);
        let voided = day + dice.between(1, 30);
        if voided <= self.until && dice.chance_per_mille(VOID_PER_MILLE) {
            void(dice, calendar, id, voided, plan);
        }
    }

    /// An ERG Leadership module not completed before.
    fn module(
        &self,
        dice: &mut Dice,
        calendar: &Calendar,
        day: i32,
        taken: &mut Taken,
        plan: &mut Plan,
    ) {
        let module = dice.below(MODULES.len());
        let bit = 1u8 << module;
        let passed = taken.entry(self.profile.id).or_insert(0);
        if *passed & bit != 0 || day < self.from {
            return;
        }
        *passed |= bit;
        let when = When::at_work(dice, calendar, day);
        let score = u32::try_from(dice.between(65, 100)).ok();
        let statement = Statement::finished(
            dice.uuid(),
            self.account,
            COMPLETED,
            MODULES[module],
            kind::MODULE,
            score,
            when,
        );
        plan.push_statement(day, statement);
    }
}

fn void(dice: &mut Dice, calendar: &Calendar, target: Uuid, day: i32, plan: &mut Plan) {
    let when = When::at_work(dice, calendar, day);
    plan.push_statement(day, Statement::voiding(dice.uuid(), target, when));
}
