//! The words of the organisation: org units, job levels, declared interests, positions that
//! need successors, and what planners and mentors write. None of it names a person.

use proto_events::{Criticality, Readiness};

/// The interests employees may declare at onboarding, a fixed list the demo's planning
/// configuration (`ops/scenarios/planning.toml`) lists too. They are what people choose to
/// share, never protected attributes.
pub const INTERESTS: [&str; 10] = [
    "veterans",
    "women-in-engineering",
    "black-professionals",
    "lgbtq-allies",
    "disability-inclusion",
    "parents-caregivers",
    "public-speaking",
    "mentoring",
    "budgeting",
    "strategy",
];

/// Org units and their share of the workforce, in parts of the weights' sum.
pub(crate) const ORG_UNITS: [(&str, u32); 15] = [
    ("eng-platform", 14),
    ("eng-product", 16),
    ("eng-data", 8),
    ("eng-security", 4),
    ("product-management", 6),
    ("design", 4),
    ("sales-emea", 9),
    ("sales-americas", 9),
    ("sales-apac", 4),
    ("customer-success", 8),
    ("marketing", 6),
    ("finance", 4),
    ("people-ops", 4),
    ("legal", 2),
    ("operations", 6),
];

/// Job level codes, from entry level to executive.
pub(crate) const JOB_LEVELS: [&str; 7] = ["L1", "L2", "L3", "L4", "L5", "L6", "L7"];

/// Positions that need successors: title, criticality and the competency the role leans on
/// most. The first four give the smallest scenario one of each criticality.
pub(crate) const POSITIONS: [(&str, Criticality, &str); 20] = [
    (
        "Head of Platform Engineering",
        Criticality::Critical,
        "strategic-planning",
    ),
    ("VP Sales EMEA", Criticality::High, "stakeholder-influence"),
    ("FP&A Manager", Criticality::Standard, "budget-management"),
    (
        "Head of People Operations",
        Criticality::High,
        "developing-others",
    ),
    (
        "Chief Information Security Officer",
        Criticality::Critical,
        "stakeholder-influence",
    ),
    (
        "Financial Controller",
        Criticality::Critical,
        "budget-management",
    ),
    (
        "Director of Product Engineering",
        Criticality::High,
        "delivery",
    ),
    (
        "Head of Customer Success",
        Criticality::High,
        "community-leadership",
    ),
    (
        "Engineering Manager, Payments",
        Criticality::Standard,
        "developing-others",
    ),
    ("Site Reliability Lead", Criticality::Standard, "delivery"),
    (
        "Regional Sales Director, Americas",
        Criticality::High,
        "stakeholder-influence",
    ),
    ("Marketing Director", Criticality::High, "public-speaking"),
    (
        "Head of Data & Analytics",
        Criticality::Critical,
        "strategic-planning",
    ),
    (
        "Talent Acquisition Lead",
        Criticality::Standard,
        "community-leadership",
    ),
    (
        "Group Product Manager",
        Criticality::Standard,
        "strategic-planning",
    ),
    ("Head of Operations", Criticality::High, "delivery"),
    (
        "General Counsel",
        Criticality::Critical,
        "stakeholder-influence",
    ),
    ("Design Lead", Criticality::Standard, "developing-others"),
    (
        "Sales Team Lead, DACH",
        Criticality::Standard,
        "public-speaking",
    ),
    (
        "Customer Success Manager, Enterprise",
        Criticality::Standard,
        "community-leadership",
    ),
];

/// Why a planner nominates someone, without overriding the computed readiness.
pub(crate) const NOMINATION_REASONS: [&str; 4] = [
    "Identified at the annual talent review",
    "Nominated by the department head",
    "Applied through the internal mobility programme",
    "Recommended by the executive sponsor of their ERG",
];

/// Why a planner overrides the computed readiness, by the readiness they set.
pub(crate) const OVERRIDE_REASONS: [(Readiness, &str); 6] = [
    (
        Readiness::ReadyNow,
        "Acted as interim lead for six months; the talent panel rated them ready now",
    ),
    (
        Readiness::ReadyNow,
        "Ran the function during the incumbent's leave with strong results",
    ),
    (
        Readiness::ReadySoon,
        "Strong delivery record; needs one more budget cycle at this scale",
    ),
    (
        Readiness::ReadySoon,
        "Completing the ERG Leadership certification this quarter",
    ),
    (
        Readiness::Developing,
        "High potential, new to leading a team of this size",
    ),
    (
        Readiness::Developing,
        "Recently promoted; revisit at the next talent review",
    ),
];

/// Why a nomination is withdrawn.
pub(crate) const WITHDRAWAL_REASONS: [&str; 4] = [
    "Candidate accepted a role in another business unit",
    "Candidate asked to defer for personal reasons",
    "Relocation is not possible for the candidate",
    "Superseded by the updated talent review",
];

/// What a mentor or mentee records as a milestone; `{}` is the focus competency's name.
pub(crate) const MILESTONES: [&str; 6] = [
    "Agreed goals and a development plan for {}",
    "Mentee led a session with the mentor's feedback on {}",
    "Mid-point review of progress in {}",
    "Mentee shadowed the mentor in a meeting that called for {}",
    "Mentee completed a stretch assignment in {}",
    "Reviewed feedback from colleagues on {}",
];

/// The milestone text `template` about the competency `name`.
pub(crate) fn milestone(template: &str, name: &str) -> String {
    template.replacen("{}", name, 1)
}
