//! The words of the scenario: group themes, chapters, budget purposes, projects.
//!
//! Text is data here so that the generating modules read as rules. None of it names a
//! person: people are UUIDs only, as in the event log.

/// The kind of community an ERG is, with what such a group spends on and runs.
#[derive(Debug)]
pub(crate) struct Theme {
    /// The group's name.
    pub(crate) name: &'static str,
    /// Whether membership reveals a protected affinity.
    pub(crate) sensitive: bool,
    /// The declared interest (see [`crate::INTERESTS`]) that suggests the group, if any.
    pub(crate) interest: Option<&'static str>,
    /// What its budget requests are for.
    pub(crate) purposes: &'static [&'static str],
    /// Its projects: title and kind.
    pub(crate) projects: &'static [(&'static str, &'static str)],
}

/// The first six are the company-wide groups every scenario has; the rest name the local
/// chapters that larger workforces add.
pub(crate) const THEMES: [Theme; 11] = [
    Theme {
        name: "Veterans in Tech",
        sensitive: false,
        interest: Some("veterans"),
        purposes: &[
            "Veterans Day breakfast and panel",
            "Transition-to-tech workshop for new hires",
            "Military spouse networking evening",
        ],
        projects: &[
            ("Skills translation guide for veteran hires", "career-guide"),
            (
                "Veteran hiring pipeline with local bases",
                "inclusive-hiring",
            ),
        ],
    },
    Theme {
        name: "Women in Engineering",
        sensitive: false,
        interest: Some("women-in-engineering"),
        purposes: &[
            "Conference tickets for engineering members",
            "Technical talk series with external speakers",
            "Returnship cohort welcome event",
        ],
        projects: &[
            (
                "Promotion readiness circles for engineers",
                "mentoring-circle",
            ),
            ("Inclusive job description review", "inclusive-hiring"),
        ],
    },
    Theme {
        name: "Black Professionals Network",
        sensitive: false,
        interest: Some("black-professionals"),
        purposes: &[
            "Black History Month speaker series",
            "University partnership recruiting booth",
            "Leadership summit travel for members",
        ],
        projects: &[
            (
                "Sponsorship programme for senior talent",
                "sponsorship-programme",
            ),
            ("Campus ambassador programme", "community-outreach"),
        ],
    },
    Theme {
        name: "Pride Alliance",
        sensitive: true,
        interest: Some("lgbtq-allies"),
        purposes: &[
            "Pride month parade participation",
            "Allyship training facilitator fees",
            "Community partner donation drive",
        ],
        projects: &[
            ("Inclusive benefits review", "policy-review"),
            ("Allyship learning path", "learning-path"),
        ],
    },
    Theme {
        name: "Disability & Neurodiversity Network",
        sensitive: true,
        interest: Some("disability-inclusion"),
        purposes: &[
            "Accessibility audit workshop",
            "Captioning and sign language for all-hands",
            "Neurodiversity awareness week",
        ],
        projects: &[
            ("Workplace adjustments playbook", "policy-review"),
            ("Accessible tooling audit", "accessibility-audit"),
        ],
    },
    Theme {
        name: "Parents & Caregivers",
        sensitive: false,
        interest: Some("parents-caregivers"),
        purposes: &[
            "Back-to-school webinar series",
            "Caregiver support circle facilitation",
            "Family day at the office",
        ],
        projects: &[
            ("Return-from-leave buddy programme", "mentoring-circle"),
            ("Flexible working guide for managers", "policy-review"),
        ],
    },
    Theme {
        name: "Asian Heritage Network",
        sensitive: false,
        interest: None,
        purposes: &[
            "Lunar New Year celebration",
            "Heritage month storytelling evening",
        ],
        projects: &[("Cross-cultural leadership workshop", "learning-path")],
    },
    Theme {
        name: "Latinx Network",
        sensitive: false,
        interest: None,
        purposes: &[
            "Hispanic Heritage Month festival",
            "Bilingual mentoring kickoff",
        ],
        projects: &[("Bilingual customer outreach pilot", "community-outreach")],
    },
    Theme {
        name: "Interfaith Network",
        sensitive: true,
        interest: None,
        purposes: &[
            "Quiet room furnishing",
            "Interfaith calendar awareness sessions",
        ],
        projects: &[("Religious observance scheduling guide", "policy-review")],
    },
    Theme {
        name: "Early Careers Network",
        sensitive: false,
        interest: None,
        purposes: &[
            "Graduate cohort hackathon",
            "Career conversations with senior leaders",
        ],
        projects: &[("Graduate onboarding refresh", "onboarding")],
    },
    Theme {
        name: "Mental Health Allies",
        sensitive: true,
        interest: None,
        purposes: &[
            "Mental health first aider training",
            "Wellbeing week sessions",
        ],
        projects: &[("Manager guide to wellbeing conversations", "learning-path")],
    },
];

/// What any group might also spend on.
pub(crate) const COMMON_PURPOSES: [&str; 5] = [
    "Quarterly member meetup catering",
    "Mentoring programme kickoff",
    "Community volunteering day",
    "External coach for the committee",
    "Annual ERG summit attendance",
];

/// Why finance or a sponsor turns a request down.
pub(crate) const REJECTION_REASONS: [&str; 5] = [
    "Exceeds the quarterly ERG allocation; resubmit with a reduced scope",
    "Overlaps with a company-wide event that is already funded",
    "Missing vendor quote; resubmit with two quotes attached",
    "Submitted after the quarterly budget deadline",
    "Travel freeze this quarter; consider a virtual format",
];

/// Projects any group might run: title and kind. The kinds `speaker-series`, `panel` and
/// `town-hall` are the public-speaking evidence of the default competency framework.
pub(crate) const COMMON_PROJECTS: [(&str, &str); 6] = [
    ("Mentoring circle for new joiners", "mentoring-circle"),
    ("Annual ERG summit", "event-series"),
    ("Member skills survey", "survey"),
    ("Speaker series with external guests", "speaker-series"),
    ("Leadership panel for members", "panel"),
    ("Town hall with the executive team", "town-hall"),
];

/// The plan a group's leads write for its year and its executive sponsor signs off: the
/// strategic-planning evidence of the default competency framework.
pub(crate) const ANNUAL_PLAN: (&str, &str) = ("Annual plan and goals", "annual-plan");

/// Cross-functional projects that run outside any ERG: title and kind.
pub(crate) const INITIATIVES: [(&str, &str); 8] = [
    ("Inclusive hiring playbook", "inclusive-hiring"),
    ("Internal mobility pilot", "internal-mobility"),
    ("Cross-functional ERG council", "cross-functional"),
    ("University partnership programme", "partnership"),
    ("Manager coaching programme", "learning-path"),
    ("Accessible intranet redesign", "accessibility-audit"),
    ("Pay equity review", "policy-review"),
    ("New starter onboarding revamp", "onboarding"),
];

/// Local chapters of larger workforces, with the currency they budget in.
pub(crate) const CHAPTERS: [(&str, Money); 16] = [
    ("Dublin", Money::Eur),
    ("Austin", Money::Usd),
    ("Berlin", Money::Eur),
    ("New York", Money::Usd),
    ("Amsterdam", Money::Eur),
    ("Chicago", Money::Usd),
    ("Paris", Money::Eur),
    ("Seattle", Money::Usd),
    ("Madrid", Money::Eur),
    ("Boston", Money::Usd),
    ("Lisbon", Money::Eur),
    ("Atlanta", Money::Usd),
    ("Milan", Money::Eur),
    ("Denver", Money::Usd),
    ("Vienna", Money::Eur),
    ("San Francisco", Money::Usd),
];

/// The currencies groups budget in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Money {
    /// Euro.
    Eur,
    /// US dollar.
    Usd,
}

/// An outcome line for a signed-off project, filled with drawn figures.
pub(crate) fn outcome(kind: &str, people: i32, percent: i32) -> String {
    match kind {
        "mentoring-circle" | "sponsorship-programme" => format!(
            "Ran circles for {people} participants; {percent}% would recommend them to a colleague"
        ),
        "inclusive-hiring" => format!(
            "Adopted by {people} hiring managers; diverse shortlists up {percent}% on the baseline"
        ),
        "policy-review" => format!(
            "Recommendations accepted by the people team; {people} managers briefed, \
             {percent}% of them rated the guidance clear"
        ),
        "accessibility-audit" => {
            format!("Audited {people} tools; {percent}% of the findings fixed before sign-off")
        }
        "learning-path" | "career-guide" => format!(
            "Published and completed by {people} employees with a {percent}% satisfaction score"
        ),
        "speaker-series" | "panel" | "town-hall" => format!(
            "Hosted for {people} attendees; {percent}% rated the sessions useful for their work"
        ),
        "annual-plan" => format!(
            "Plan signed off by the sponsor; {people} members consulted, {percent}% of last \
             year's goals met"
        ),
        "cross-functional" | "partnership" => format!(
            "Brought {people} people from several functions together; {percent}% of the agreed \
             actions delivered"
        ),
        "community-outreach" => {
            format!("Reached {people} students and partners; {percent}% asked to stay in touch")
        }
        _ => format!("Delivered to {people} employees; {percent}% positive feedback in the survey"),
    }
}
