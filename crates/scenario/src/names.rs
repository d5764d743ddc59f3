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
        purposes: &[
            "Lunar New Year celebration",
            "Heritage month storytelling evening",
        ],
        projects: &[("Cross-cultural leadership workshop", "learning-path")],
    },
    Theme {
        name: "Latinx Network",
        sensitive: false,
        purposes: &[
            "Hispanic Heritage Month festival",
            "Bilingual mentoring kickoff",
        ],
        projects: &[("Bilingual customer outreach pilot", "community-outreach")],
    },
    Theme {
        name: "Interfaith Network",
        sensitive: true,
        purposes: &[
            "Quiet room furnishing",
            "Interfaith calendar awareness sessions",
        ],
        projects: &[("Religious observance scheduling guide", "policy-review")],
    },
    Theme {
        name: "Early Careers Network",
        sensitive: false,
        purposes: &[
            "Graduate cohort hackathon",
            "Career conversations with senior leaders",
        ],
        projects: &[("Graduate onboarding refresh", "onboarding")],
    },
    Theme {
        name: "Mental Health Allies",
        sensitive: true,
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

/// Projects any group might run: title and kind.
pub(crate) const COMMON_PROJECTS: [(&str, &str); 3] = [
    ("Mentoring circle for new joiners", "mentoring-circle"),
    ("Annual ERG summit", "event-series"),
    ("Member skills survey", "survey"),
];

/// Cross-functional projects that run outside any ERG: title and kind.
pub(crate) const INITIATIVES: [(&str, &str); 6] = [
    ("Inclusive hiring playbook", "inclusive-hiring"),
    ("Internal mobility pilot", "internal-mobility"),
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
        "community-outreach" => {
            format!("Reached {people} students and partners; {percent}% asked to stay in touch")
        }
        _ => format!("Delivered to {people} employees; {percent}% positive feedback in the survey"),
    }
}
