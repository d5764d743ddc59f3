//! The xAPI vocabulary Ladder knows out of the box, and the default mapping rules.
//!
//! The same act arrives under different verb IRIs depending on the vocabulary the
//! LMS follows: ADL's (also used by cmi5 and SCORM profiles), the Tin Can
//! registry's, Activity Streams', the Total Learning Architecture's, Open Badges'.
//! A verb *name* here groups the IRIs that mean one act; mapping rules name verbs,
//! and a mapping file may add IRIs to a name or define new names.

use proto_events::LearningKind;

/// A verb name and the IRIs that mean it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Verb {
    pub(crate) name: &'static str,
    pub(crate) iris: &'static [&'static str],
}

pub(crate) const COMPLETED: Verb = Verb {
    name: "completed",
    iris: &[
        "http://adlnet.gov/expapi/verbs/completed",
        "http://id.tincanapi.com/verb/completed",
        "http://activitystrea.ms/schema/1.0/complete",
    ],
};

pub(crate) const PASSED: Verb = Verb {
    name: "passed",
    iris: &["http://adlnet.gov/expapi/verbs/passed"],
};

pub(crate) const MASTERED: Verb = Verb {
    name: "mastered",
    iris: &[
        "http://adlnet.gov/expapi/verbs/mastered",
        "https://w3id.org/xapi/tla/verbs/mastered",
    ],
};

/// cmi5's "the learner met the course's or block's move-on criteria"; issued by
/// the LMS. cmi5 moved it from the ADL namespace to w3id.org.
pub(crate) const SATISFIED: Verb = Verb {
    name: "satisfied",
    iris: &[
        "https://w3id.org/xapi/adl/verbs/satisfied",
        "http://adlnet.gov/expapi/verbs/satisfied",
    ],
};

/// Moodle's logstore sends TLA's `achieved` when a badge is awarded.
pub(crate) const ACHIEVED: Verb = Verb {
    name: "achieved",
    iris: &["https://w3id.org/xapi/tla/verbs/achieved"],
};

pub(crate) const EARNED: Verb = Verb {
    name: "earned",
    iris: &[
        "http://id.tincanapi.com/verb/earned",
        "http://specification.openbadges.org/xapi/verbs/earned.json",
    ],
};

pub(crate) const CERTIFIED: Verb = Verb {
    name: "certified",
    iris: &["https://w3id.org/xapi/tla/verbs/certified"],
};

pub(crate) const ATTENDED: Verb = Verb {
    name: "attended",
    iris: &[
        "http://adlnet.gov/expapi/verbs/attended",
        "http://activitystrea.ms/schema/1.0/attend",
        "https://w3id.org/xapi/tla/verbs/attended",
    ],
};

/// Every built-in verb name.
pub(crate) const VERBS: [Verb; 8] = [
    COMPLETED, PASSED, MASTERED, SATISFIED, ACHIEVED, EARNED, CERTIFIED, ATTENDED,
];

/// Activity types of units of learning: courses, modules, lessons, assessments.
const MODULE_TYPES: &[&str] = &[
    "http://adlnet.gov/expapi/activities/course",
    "http://adlnet.gov/expapi/activities/module",
    "http://adlnet.gov/expapi/activities/lesson",
    "http://adlnet.gov/expapi/activities/assessment",
    "http://id.tincanapi.com/activitytype/lms/course",
    "http://id.tincanapi.com/activitytype/lms/module",
    "https://w3id.org/xapi/cmi5/activitytype/course",
    "https://w3id.org/xapi/cmi5/activitytype/block",
    "https://w3id.org/xapi/tla/activity-types/assessment",
];

/// Activity types of awards: badges, certificates, credentials.
const CERTIFICATION_TYPES: &[&str] = &[
    "http://activitystrea.ms/schema/1.0/badge",
    "https://xapi.edlm/profiles/edlm-lms/concepts/activity-types/badge",
    "https://w3id.org/xapi/tla/activity-types/badge",
    "https://w3id.org/xapi/tla/activity-types/credential",
    "http://id.tincanapi.com/activitytype/certificate",
];

/// The cmi5 profile's category: cmi5 assignable units often carry no activity
/// type, and this category is what marks their statements.
const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";

/// A rule of the built-in mapping.
#[derive(Debug)]
pub(crate) struct DefaultRule {
    pub(crate) name: &'static str,
    pub(crate) kind: LearningKind,
    pub(crate) verbs: &'static [Verb],
    pub(crate) activity_types: &'static [&'static str],
    pub(crate) categories: &'static [&'static str],
}

/// The built-in rules, tried in this order; the first that matches decides.
/// Awards come before completions so that passing a certificate is a
/// certification, not a module.
pub(crate) const DEFAULT_RULES: [DefaultRule; 4] = [
    DefaultRule {
        name: "award",
        kind: LearningKind::CertificationAwarded,
        verbs: &[ACHIEVED, EARNED, CERTIFIED, PASSED, COMPLETED],
        activity_types: CERTIFICATION_TYPES,
        categories: &[],
    },
    DefaultRule {
        name: "certified",
        kind: LearningKind::CertificationAwarded,
        verbs: &[CERTIFIED],
        activity_types: &[],
        categories: &[],
    },
    DefaultRule {
        name: "module-completion",
        kind: LearningKind::ModuleCompleted,
        verbs: &[COMPLETED, PASSED, MASTERED, SATISFIED],
        activity_types: MODULE_TYPES,
        categories: &[CMI5_CATEGORY],
    },
    DefaultRule {
        name: "attendance",
        kind: LearningKind::EventAttended,
        verbs: &[ATTENDED],
        activity_types: &[],
        categories: &[],
    },
];
