//! What the company's LMS offers, as xAPI activities, and the competencies of the default
//! framework the scenario's mentorships and positions name.
//!
//! The ERG Leadership certification and its four modules carry the activity IRIs of Ladder's
//! default competency framework (`crates/competency/frameworks/erg-leadership.toml`), so that
//! their statements count towards levels; the replay test holds the two lists together.

/// The LMS's home page: `actor.account.homePage` of every statement, and the home page of
/// every `link-lms-account`.
pub const LMS_HOME_PAGE: &str = "https://lms.example.org";

/// An activity of the LMS: its IRI and display name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Activity {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
}

/// The "ERG Leadership" certification, awarded after its four modules.
pub(crate) const CERTIFICATION: Activity = Activity {
    id: "https://lms.example.org/certifications/erg-leadership",
    name: "ERG Leadership certification",
};

/// The certification's modules: budget management, public speaking, strategic planning and
/// stakeholder influence, as the article behind Ladder lists them.
pub(crate) const MODULES: [Activity; 4] = [
    Activity {
        id: "https://lms.example.org/courses/erg-leadership/budget-management",
        name: "ERG Leadership: budget management",
    },
    Activity {
        id: "https://lms.example.org/courses/erg-leadership/public-speaking",
        name: "ERG Leadership: public speaking",
    },
    Activity {
        id: "https://lms.example.org/courses/erg-leadership/strategic-planning",
        name: "ERG Leadership: strategic planning",
    },
    Activity {
        id: "https://lms.example.org/courses/erg-leadership/stakeholder-influence",
        name: "ERG Leadership: stakeholder influence",
    },
];

/// Courses anyone may take on their own initiative.
pub(crate) const COURSES: [Activity; 12] = [
    Activity {
        id: "https://lms.example.org/courses/data-analytics-fundamentals",
        name: "Data analytics fundamentals",
    },
    Activity {
        id: "https://lms.example.org/courses/negotiation-skills",
        name: "Negotiation skills",
    },
    Activity {
        id: "https://lms.example.org/courses/giving-and-receiving-feedback",
        name: "Giving and receiving feedback",
    },
    Activity {
        id: "https://lms.example.org/courses/project-management-essentials",
        name: "Project management essentials",
    },
    Activity {
        id: "https://lms.example.org/courses/inclusive-hiring-practices",
        name: "Inclusive hiring practices",
    },
    Activity {
        id: "https://lms.example.org/courses/working-styles-and-focus",
        name: "Working styles and focus",
    },
    Activity {
        id: "https://lms.example.org/courses/presenting-with-confidence",
        name: "Presenting with confidence",
    },
    Activity {
        id: "https://lms.example.org/courses/financial-acumen-for-managers",
        name: "Financial acumen for managers",
    },
    Activity {
        id: "https://lms.example.org/courses/coaching-conversations",
        name: "Coaching conversations",
    },
    Activity {
        id: "https://lms.example.org/courses/secure-coding-basics",
        name: "Secure coding basics",
    },
    Activity {
        id: "https://lms.example.org/courses/customer-discovery",
        name: "Customer discovery",
    },
    Activity {
        id: "https://lms.example.org/courses/time-management",
        name: "Time management",
    },
];

/// The learning path each declared interest suggests, in the order of [`crate::INTERESTS`];
/// `ops/scenarios/planning.toml` lists the same IRIs.
pub(crate) const PATHS: [Activity; 10] = [
    Activity {
        id: "https://lms.example.org/paths/veterans-in-tech",
        name: "Veterans in Tech learning path",
    },
    Activity {
        id: "https://lms.example.org/paths/women-in-engineering-leadership",
        name: "Women in Engineering leadership path",
    },
    Activity {
        id: "https://lms.example.org/paths/black-professionals-leadership",
        name: "Black Professionals leadership path",
    },
    Activity {
        id: "https://lms.example.org/paths/allyship",
        name: "Allyship learning path",
    },
    Activity {
        id: "https://lms.example.org/paths/disability-inclusion",
        name: "Disability inclusion learning path",
    },
    Activity {
        id: "https://lms.example.org/paths/working-parents-and-caregivers",
        name: "Working parents and caregivers path",
    },
    Activity {
        id: "https://lms.example.org/paths/public-speaking",
        name: "Public speaking learning path",
    },
    Activity {
        id: "https://lms.example.org/paths/mentoring-others",
        name: "Mentoring others learning path",
    },
    Activity {
        id: "https://lms.example.org/paths/budgeting-basics",
        name: "Budgeting basics learning path",
    },
    Activity {
        id: "https://lms.example.org/paths/strategic-thinking",
        name: "Strategic thinking learning path",
    },
];

/// Where the ERGs' member events live; each event is `<EVENTS>/<group>/<year>-q<n>`.
pub(crate) const EVENTS: &str = "https://lms.example.org/events";

/// The competencies of the default framework: id and name.
pub(crate) const COMPETENCIES: [(&str, &str); 7] = [
    ("community-leadership", "community leadership"),
    ("budget-management", "budget management"),
    ("public-speaking", "public speaking"),
    ("strategic-planning", "strategic planning"),
    ("stakeholder-influence", "stakeholder influence"),
    ("developing-others", "developing others"),
    ("delivery", "delivery"),
];

/// The lowercase words of `name` joined by hyphens, for an IRI path segment.
pub(crate) fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_keep_words_and_drop_punctuation() {
        assert_eq!(
            slug("Disability & Neurodiversity Network (New York 2)"),
            "disability-neurodiversity-network-new-york-2"
        );
        assert_eq!(slug("Q3 2025"), "q3-2025");
    }
}
