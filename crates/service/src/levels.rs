//! Everyone's levels, assessed once per state of the read models.
//!
//! A slate, talent pool or bench-strength answer needs the level of every employee, and
//! assessing one means evaluating every rule of the framework over their evidence. With
//! 100,000 employees that is the expensive part (about a second), so a [`Workforce`] is kept,
//! keyed by what it depends on: the `as_of` date, the framework (id and version) and the read
//! models' applied stream sequence. Questions at the same sequence share it; concurrent
//! questions for the same key wait for one computation instead of each starting their own.
//!
//! A new commit changes the sequence. The next question then starts from the newest
//! workforce kept for its date and framework and assesses again only the people whose
//! evidence or employee record changed after that workforce's sequence (the read models
//! record them per commit), so a steady trickle of commands does not cost a full pass per
//! question. A full pass is made when nothing is kept for the date and framework, or when so
//! many people changed that reading them one by one would cost more than one scan.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use jiff::civil::Date;
use ladder_competency::Framework;
use ladder_projection::{ProjectionError, ReadModels};
use ladder_succession::Workforce;
use tracing::debug;

/// Workforces kept at once: a few `as_of` dates, or the previous sequence while the next
/// one is computed.
const KEPT: usize = 4;

/// Below this many people changed, a workforce is always brought forward, however small.
const FEW_CHANGED: usize = 64;

/// What a workforce depends on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    as_of: Date,
    framework_id: String,
    framework_version: String,
    applied_seq: u64,
}

impl Key {
    /// Whether a workforce filed under `other` was assessed on the same date and framework.
    fn same_question(&self, other: &Key) -> bool {
        self.as_of == other.as_of
            && self.framework_id == other.framework_id
            && self.framework_version == other.framework_version
    }
}

/// Workforces to bring forward, each filed under the sequence it holds.
type Newest = Vec<(Key, Arc<Workforce>)>;

/// How many workforces were assessed in full and how many brought forward, since start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Assessments {
    /// Everyone assessed from one scan of the read models.
    pub full: u64,
    /// A kept workforce with only the changed people assessed again.
    pub brought_forward: u64,
}

/// The cache of assessed workforces. Cheap to clone; clones share the cache.
#[derive(Clone)]
pub struct LevelCache {
    workforces: Arc<quick_cache::sync::Cache<Key, Arc<Workforce>>>,
    /// The newest workforce of each date and framework, filed under the exact sequence it
    /// holds, to bring forward; at most [`KEPT`].
    newest: Arc<Mutex<Newest>>,
    full: Arc<AtomicU64>,
    brought_forward: Arc<AtomicU64>,
}

impl std::fmt::Debug for LevelCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LevelCache")
            .field("kept", &self.workforces.len())
            .field("assessments", &self.assessments())
            .finish()
    }
}

impl Default for LevelCache {
    fn default() -> Self {
        LevelCache {
            workforces: Arc::new(quick_cache::sync::Cache::new(KEPT)),
            newest: Arc::new(Mutex::new(Vec::with_capacity(KEPT))),
            full: Arc::new(AtomicU64::new(0)),
            brought_forward: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl LevelCache {
    /// Everyone's levels in `models` on `as_of` under `framework`, assessed now or taken
    /// from the cache. Blocking: call from a blocking task.
    ///
    /// The sequence is read before the evidence, so a cached workforce is never older than
    /// the sequence it is filed under, and a caller that waited for `min_seq` reads its
    /// writes.
    ///
    /// # Errors
    ///
    /// A [`ProjectionError`] when the read models cannot be read; nothing is cached then.
    pub fn workforce(
        &self,
        models: &ReadModels,
        framework: &Framework,
        as_of: Date,
    ) -> Result<Arc<Workforce>, ProjectionError> {
        let key = Key {
            as_of,
            framework_id: framework.id().to_owned(),
            framework_version: framework.version().to_owned(),
            applied_seq: models.applied_seq()?,
        };
        self.workforces
            .get_or_insert_with(&key, || self.assess(models, framework, &key))
    }

    /// How many workforces were assessed in full and how many brought forward.
    pub fn assessments(&self) -> Assessments {
        Assessments {
            full: self.full.load(Ordering::Relaxed),
            brought_forward: self.brought_forward.load(Ordering::Relaxed),
        }
    }

    fn assess(
        &self,
        models: &ReadModels,
        framework: &Framework,
        key: &Key,
    ) -> Result<Arc<Workforce>, ProjectionError> {
        let started = Instant::now();
        if let Some((base_seq, base)) = self.newest_for(key) {
            let most = (base.people().len() / 4).max(FEW_CHANGED);
            if let Some(changes) = models.level_changes(base_seq, most)? {
                let workforce = Arc::new(base.reassess(framework, &changes.people));
                self.brought_forward.fetch_add(1, Ordering::Relaxed);
                debug!(
                    as_of = %key.as_of,
                    from_seq = base_seq,
                    applied_seq = changes.applied_seq,
                    changed = changes.people.len(),
                    people = workforce.people().len(),
                    elapsed_ms = started.elapsed().as_millis(),
                    "levels brought forward"
                );
                self.keep_newest(key, changes.applied_seq, &workforce);
                return Ok(workforce);
            }
        }
        let inputs = models.level_inputs()?;
        let workforce = Arc::new(Workforce::assess(
            framework,
            key.as_of,
            &inputs.evidence,
            &inputs.employees,
        ));
        self.full.fetch_add(1, Ordering::Relaxed);
        debug!(
            as_of = %key.as_of,
            applied_seq = inputs.applied_seq,
            people = workforce.people().len(),
            elapsed_ms = started.elapsed().as_millis(),
            "levels assessed"
        );
        self.keep_newest(key, inputs.applied_seq, &workforce);
        Ok(workforce)
    }

    /// The newest workforce kept for the date and framework of `key`, with the sequence it
    /// holds. It may hold more than `key` asks for (another question read the models
    /// later), which the cache allows: a workforce is never older than its key.
    fn newest_for(&self, key: &Key) -> Option<(u64, Arc<Workforce>)> {
        let newest = self.newest.lock().unwrap_or_else(PoisonError::into_inner);
        newest
            .iter()
            .find(|(kept, _)| kept.same_question(key))
            .map(|(kept, workforce)| (kept.applied_seq, Arc::clone(workforce)))
    }

    /// Keeps `workforce`, which holds everything up to `applied_seq`, as the newest of its
    /// date and framework unless a newer one is kept; forgets the oldest kept beyond
    /// [`KEPT`].
    fn keep_newest(&self, key: &Key, applied_seq: u64, workforce: &Arc<Workforce>) {
        let mut newest = self.newest.lock().unwrap_or_else(PoisonError::into_inner);
        let filed = Key {
            applied_seq,
            ..key.clone()
        };
        match newest.iter().position(|(kept, _)| kept.same_question(key)) {
            Some(at) if newest[at].0.applied_seq >= applied_seq => {}
            Some(at) => {
                newest.remove(at);
                newest.push((filed, Arc::clone(workforce)));
            }
            None => {
                if newest.len() >= KEPT {
                    newest.remove(0);
                }
                newest.push((filed, Arc::clone(workforce)));
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]
mod tests {
    use std::collections::BTreeMap;

    use jiff::Timestamp;
    use ladder_projection::Message;
    use proto_events::{
        AggregateKind, Commit, CommitHash, CommitHeader, EmployeeDeparted, EmployeeOnboarded,
        ErgRegistered, ErgRole, ErgRoleAssigned, Event, EventRecord, GENESIS_HASH,
    };
    use uuid::Uuid;

    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    /// Read models fed genuine commits, one event each, as the projector would.
    struct Models {
        models: ReadModels,
        _dir: tempfile::TempDir,
        heads: BTreeMap<String, CommitHash>,
        seq: u64,
        admin: Uuid,
    }

    impl Models {
        fn new() -> Models {
            let dir = tempfile::tempdir().unwrap();
            let models = ReadModels::open(&dir.path().join("models.redb")).unwrap();
            Models {
                models,
                _dir: dir,
                heads: BTreeMap::new(),
                seq: 0,
                admin: Uuid::now_v7(),
            }
        }

        fn append(&mut self, kind: AggregateKind, id: Uuid, on: &str, event: Event) {
            let command_id = Uuid::now_v7();
            let commit = Commit {
                header: CommitHeader {
                    aggregate_kind: kind,
                    aggregate_id: id,
                    command: "test".to_owned(),
                    command_id,
                    command_digest: [0; 32],
                    actor: self.admin,
                    correlation_id: command_id,
                    causation_id: command_id,
                    recorded_at: Timestamp::UNIX_EPOCH,
                    prev_hash: GENESIS_HASH,
                },
                events: vec![EventRecord {
                    event_id: Uuid::now_v7(),
                    effective_date: day(on),
                    schema_version: event.event_type().current_version(),
                    event,
                }],
            };
            let subject = commit.subject();
            let mut commit = commit;
            commit.header.prev_hash = self.heads.get(&subject).copied().unwrap_or(GENESIS_HASH);
            let bytes = commit.encode().unwrap();
            self.heads.insert(subject.clone(), CommitHash::of(&bytes));
            self.seq += 1;
            let outcome = self
                .models
                .apply(&[Message {
                    seq: self.seq,
                    subject: &subject,
                    payload: &bytes,
                }])
                .unwrap();
            assert_eq!(outcome.applied, 1, "seq {} applied", self.seq);
        }

        fn register_erg(&mut self) -> Uuid {
            let erg = Uuid::now_v7();
            let event = Event::ErgRegistered(ErgRegistered {
                name: "Parents at Work".to_owned(),
                sensitive: false,
            });
            self.append(AggregateKind::Erg, erg, "2024-01-01", event);
            erg
        }

        fn assign(&mut self, erg: Uuid, employee: Uuid, role: ErgRole, on: &str) {
            let event = Event::ErgRoleAssigned(ErgRoleAssigned {
                employee_id: employee,
                role,
                term_start: day(on),
            });
            self.append(AggregateKind::Erg, erg, on, event);
        }

        fn onboard(&mut self, employee: Uuid) {
            let event = Event::EmployeeOnboarded(EmployeeOnboarded {
                hire_date: day("2020-01-06"),
                org_unit: "finance".to_owned(),
                job_level: "L4".to_owned(),
                interests: Vec::new(),
            });
            self.append(AggregateKind::Employee, employee, "2020-01-06", event);
        }

        fn depart(&mut self, employee: Uuid, on: &str) {
            let event = Event::EmployeeDeparted(EmployeeDeparted {
                departure_date: day(on),
            });
            self.append(AggregateKind::Employee, employee, on, event);
        }

        /// Everyone assessed from scratch, as a fresh node would.
        fn assessed_from_scratch(&self, framework: &Framework, as_of: Date) -> Workforce {
            let inputs = self.models.level_inputs().unwrap();
            assert_eq!(inputs.applied_seq, self.seq);
            Workforce::assess(framework, as_of, &inputs.evidence, &inputs.employees)
        }
    }

    #[test]
    fn one_assessment_per_date_framework_and_sequence() {
        let models = Models::new();
        let framework = ladder_competency::erg_leadership().unwrap();
        let cache = LevelCache::default();

        let first = cache
            .workforce(&models.models, &framework, day("2026-06-30"))
            .unwrap();
        let again = cache
            .workforce(&models.models, &framework, day("2026-06-30"))
            .unwrap();
        let other_day = cache
            .workforce(&models.models, &framework, day("2026-07-01"))
            .unwrap();

        assert!(Arc::ptr_eq(&first, &again), "the same key is assessed once");
        assert!(!Arc::ptr_eq(&first, &other_day));
        assert_eq!(other_day.as_of(), day("2026-07-01"));
        let shared = cache.clone();
        let through_clone = shared
            .workforce(&models.models, &framework, day("2026-06-30"))
            .unwrap();
        assert!(
            Arc::ptr_eq(&first, &through_clone),
            "clones share the cache"
        );
        assert_eq!(
            cache.assessments(),
            Assessments {
                full: 2,
                brought_forward: 0
            },
            "one full pass per date"
        );
    }

    #[test]
    fn after_new_commits_only_the_people_they_changed_are_assessed_again() {
        let mut models = Models::new();
        let framework = ladder_competency::erg_leadership().unwrap();
        let community = framework
            .competencies()
            .iter()
            .position(|c| c.id() == "community-leadership");
        let as_of = day("2026-06-30");
        let cache = LevelCache::default();
        let (chair, member, newcomer) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let erg = models.register_erg();
        models.onboard(chair);
        models.onboard(member);
        models.assign(erg, chair, ErgRole::Chair, "2025-01-01");

        let before = cache.workforce(&models.models, &framework, as_of).unwrap();
        assert_eq!(before.level(chair, community), 2, "chair for 18 months");
        assert_eq!(before.level(member, community), 0);

        // A role for someone known, a person known only from evidence, a departure.
        models.assign(erg, member, ErgRole::CommitteeMember, "2025-06-01");
        models.assign(erg, newcomer, ErgRole::EventLead, "2025-03-01");
        models.depart(chair, "2026-03-31");
        let after = cache.workforce(&models.models, &framework, as_of).unwrap();

        assert_eq!(
            cache.assessments(),
            Assessments {
                full: 1,
                brought_forward: 1
            }
        );
        assert_eq!(*after, models.assessed_from_scratch(&framework, as_of));
        assert_eq!(after.level(member, community), 1);
        assert_eq!(after.level(newcomer, community), 1);
        let left = after.person(chair).unwrap();
        assert!(!left.employed_on(as_of), "the departure reached the chair");
        assert_eq!(
            before.person(chair).unwrap().departed_on,
            None,
            "kept as it was"
        );
    }

    #[test]
    fn many_changes_at_once_are_assessed_in_one_full_pass() {
        let mut models = Models::new();
        let framework = ladder_competency::erg_leadership().unwrap();
        let as_of = day("2026-06-30");
        let cache = LevelCache::default();
        let erg = models.register_erg();
        cache.workforce(&models.models, &framework, as_of).unwrap();

        for _ in 0..=FEW_CHANGED {
            models.assign(erg, Uuid::now_v7(), ErgRole::CommitteeMember, "2025-06-01");
        }
        let after = cache.workforce(&models.models, &framework, as_of).unwrap();

        assert_eq!(
            cache.assessments(),
            Assessments {
                full: 2,
                brought_forward: 0
            },
            "{} people changed: more than bringing forward pays for",
            FEW_CHANGED + 1
        );
        assert_eq!(after.people().len(), FEW_CHANGED + 1);
        assert_eq!(*after, models.assessed_from_scratch(&framework, as_of));

        // One more is few again: brought forward from the full pass.
        models.onboard(Uuid::now_v7());
        let last = cache.workforce(&models.models, &framework, as_of).unwrap();
        assert_eq!(cache.assessments().brought_forward, 1);
        assert_eq!(*last, models.assessed_from_scratch(&framework, as_of));
    }
}
