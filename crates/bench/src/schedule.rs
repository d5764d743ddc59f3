//! Which lines of a command stream may be in flight together.
//!
//! The generator's order is valid when lines are sent one at a time. Sending them
//! concurrently keeps it valid as long as every line waits for the earlier lines it
//! depends on: the last earlier line that wrote any aggregate it writes (so each
//! aggregate sees its commands in stream order) or reads (so a referenced aggregate
//! exists). A read only asks whether the aggregate exists, which no later command
//! undoes, so later writers do not wait for earlier readers. Lines on unrelated
//! aggregates go in any order.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::Hash;

/// What one line touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Access<K> {
    /// Keys that must exist before the line is sent.
    pub(crate) reads: Vec<K>,
    /// Keys the line changes, in order with every other line changing them.
    pub(crate) writes: Vec<K>,
}

/// The lines still to send and the ones ready to go.
#[derive(Debug)]
pub(crate) struct Schedule {
    /// Per line, how many of its prerequisites have not finished.
    waiting: Vec<u32>,
    /// Per line, the lines waiting for it.
    dependents: Vec<Vec<u32>>,
    /// Lines whose prerequisites have all finished, earliest first, so that the stream
    /// is sent in roughly its own order.
    ready: BinaryHeap<Reverse<u32>>,
    finished: usize,
}

impl Schedule {
    /// The schedule of `lines`, in stream order. Lookups only: the map's order never
    /// reaches the result.
    pub(crate) fn new<K: Eq + Hash + Clone>(lines: &[Access<K>]) -> Schedule {
        let mut last_writer: HashMap<K, u32> = HashMap::new();
        let mut waiting = vec![0; lines.len()];
        let mut dependents: Vec<Vec<u32>> = vec![Vec::new(); lines.len()];
        let mut prerequisites = Vec::new();
        for (index, access) in (0u32..).zip(lines) {
            prerequisites.clear();
            prerequisites.extend(
                access
                    .reads
                    .iter()
                    .chain(&access.writes)
                    .filter_map(|key| last_writer.get(key).copied()),
            );
            prerequisites.sort_unstable();
            prerequisites.dedup();
            for &earlier in &prerequisites {
                dependents[earlier as usize].push(index);
            }
            waiting[index as usize] = u32::try_from(prerequisites.len()).unwrap_or(u32::MAX);
            for key in &access.writes {
                last_writer.insert(key.clone(), index);
            }
        }
        let ready = (0u32..)
            .zip(&waiting)
            .filter(|(_, w)| **w == 0)
            .map(|(i, _)| Reverse(i))
            .collect();
        Schedule {
            waiting,
            dependents,
            ready,
            finished: 0,
        }
    }

    /// The earliest line that may be sent now, taken off the ready set.
    pub(crate) fn next(&mut self) -> Option<usize> {
        self.ready.pop().map(|Reverse(i)| i as usize)
    }

    /// Records that `line` finished, releasing the lines that waited only for it.
    pub(crate) fn finish(&mut self, line: usize) {
        self.finished += 1;
        for &dependent in &self.dependents[line] {
            let waiting = &mut self.waiting[dependent as usize];
            *waiting -= 1;
            if *waiting == 0 {
                self.ready.push(Reverse(dependent));
            }
        }
    }

    /// Whether every line finished.
    pub(crate) fn is_complete(&self) -> bool {
        self.finished == self.waiting.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(reads: &[&'static str], writes: &[&'static str]) -> Access<&'static str> {
        Access {
            reads: reads.to_vec(),
            writes: writes.to_vec(),
        }
    }

    /// Everything ready now, in the order handed out.
    fn drain(schedule: &mut Schedule) -> Vec<usize> {
        std::iter::from_fn(|| schedule.next()).collect()
    }

    #[test]
    fn lines_on_one_key_go_one_after_another() {
        let lines = [
            access(&[], &["a"]),
            access(&[], &["a"]),
            access(&[], &["a"]),
        ];
        let mut schedule = Schedule::new(&lines);

        for line in 0..3 {
            assert_eq!(drain(&mut schedule), [line]);
            schedule.finish(line);
        }
        assert!(schedule.is_complete());
    }

    #[test]
    fn lines_on_different_keys_are_ready_together() {
        let lines = [
            access(&[], &["a"]),
            access(&[], &["b"]),
            access(&[], &["c"]),
        ];
        let mut schedule = Schedule::new(&lines);

        assert_eq!(drain(&mut schedule), [0, 1, 2]);
    }

    #[test]
    fn a_reader_waits_for_the_writer_but_later_writers_do_not_wait_for_it() {
        // 0 creates the ERG, 1 requests a budget on it, 2 changes the ERG again.
        let lines = [
            access(&[], &["erg"]),
            access(&["erg"], &["budget"]),
            access(&[], &["erg"]),
        ];
        let mut schedule = Schedule::new(&lines);

        assert_eq!(drain(&mut schedule), [0]);
        schedule.finish(0);
        assert_eq!(drain(&mut schedule), [1, 2]);
        schedule.finish(2);
        assert!(!schedule.is_complete());
        schedule.finish(1);
        assert!(schedule.is_complete());
    }

    #[test]
    fn a_line_with_several_keys_waits_for_each_and_releases_each() {
        // A batch of statements from two learners, between their other lines.
        let lines = [
            access(&[], &["x"]),
            access(&[], &["y"]),
            access(&[], &["x", "y"]),
            access(&[], &["y"]),
            access(&["x"], &[]),
        ];
        let mut schedule = Schedule::new(&lines);

        assert_eq!(drain(&mut schedule), [0, 1]);
        schedule.finish(1);
        assert_eq!(drain(&mut schedule), Vec::<usize>::new());
        schedule.finish(0);
        assert_eq!(drain(&mut schedule), [2]);
        schedule.finish(2);
        assert_eq!(drain(&mut schedule), [3, 4]);
    }

    #[test]
    fn a_line_never_waits_for_itself_or_twice_for_one_line() {
        let lines = [access(&[], &["a", "b"]), access(&["a", "b"], &["a", "b"])];
        let mut schedule = Schedule::new(&lines);

        assert_eq!(drain(&mut schedule), [0]);
        schedule.finish(0);
        assert_eq!(drain(&mut schedule), [1]);
        schedule.finish(1);
        assert!(schedule.is_complete());
    }
}
