//! Planning settings, read from a TOML file: readiness thresholds, the declared-interest
//! table, and how metrics protect small groups. The format is documented in the crate's
//! README with an example (`planning.example.toml`).

use std::collections::BTreeMap;

use proto_events::Currency;
use serde::Deserialize;
use uuid::Uuid;

use crate::activities::{self, ErgActivity};
use crate::error::PlanningError;

/// The smallest group a metric may describe, and the least any file may set: the issue's
/// privacy floor. A file may raise it, never lower it.
pub const MIN_GROUP_SIZE_FLOOR: u32 = 5;

/// Positions have at most this many requirements, each of a level up to `MAX_LEVEL`
/// (`define-position` enforces both): no candidate has more gaps, or is more levels short.
const MAX_REQUIREMENTS: u32 = 20;
const MAX_LEVEL: u32 = 10;
/// Interest ids are onboarding tokens: the same limit as the command's.
const MAX_INTEREST_ID: usize = 80;
const MAX_LABEL: usize = 120;
const MAX_PATH_NAME: usize = 200;
const MAX_ACTIVITY_ID: usize = 1000;

/// Everything planners' answers are tuned by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanningConfig {
    /// When a candidate with gaps still counts as ready soon.
    pub readiness: ReadinessThresholds,
    /// Programme metrics: suppression and currency.
    pub metrics: MetricsSettings,
    /// The declared-interest table by interest id; `None` when the file has no `[interests]`
    /// table, in which case onboarding accepts any well-formed interest.
    pub interests: Option<BTreeMap<String, Interest>>,
    /// LMS activities run by an ERG (its events, its courses), by id prefix: learning
    /// evidence from them tells as much about affinity as the ERG's own evidence, so the
    /// privacy rules of the ERG apply to it. Longest prefixes first.
    pub erg_activities: Vec<ErgActivity>,
}

/// Ready soon: at most `ready_soon_max_gaps` requirements unmet, together at most
/// `ready_soon_max_shortfall` levels short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadinessThresholds {
    /// Most unmet requirements of a ready-soon candidate.
    pub ready_soon_max_gaps: u32,
    /// Most levels short, summed over the unmet requirements, of a ready-soon candidate.
    pub ready_soon_max_shortfall: u32,
}

impl Default for ReadinessThresholds {
    fn default() -> Self {
        ReadinessThresholds {
            ready_soon_max_gaps: 1,
            ready_soon_max_shortfall: 1,
        }
    }
}

/// How programme metrics are computed and protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricsSettings {
    /// Figures about fewer people than this are suppressed; at least 5.
    pub min_group_size: u32,
    /// Recruitment costs in this currency enter the savings; others are left out.
    pub currency: Currency,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        MetricsSettings {
            min_group_size: MIN_GROUP_SIZE_FLOOR,
            currency: euro(),
        }
    }
}

/// Savings are in euros unless the file says otherwise.
#[allow(
    clippy::expect_used,
    reason = "a literal of three ASCII capitals, which Currency always accepts"
)]
fn euro() -> Currency {
    Currency::try_from(*b"EUR").expect("EUR is an ISO 4217 code")
}

/// What one declared interest suggests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interest {
    /// Display label of the interest, e.g. "Veterans".
    pub label: Option<String>,
    /// ERGs to suggest.
    pub ergs: Vec<ErgSuggestion>,
    /// Learning paths to suggest.
    pub learning_paths: Vec<LearningPath>,
}

/// An ERG suggested for an interest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErgSuggestion {
    /// The ERG's id in Ladder.
    pub erg_id: Uuid,
    /// Its display label, e.g. "Veterans in Tech".
    pub label: String,
}

/// A learning path suggested for an interest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearningPath {
    /// Its display name.
    pub name: String,
    /// The LMS activity IRI of the path.
    pub activity_id: String,
}

impl Default for PlanningConfig {
    /// Ready soon within one level of one requirement, groups of at least 5, savings in EUR,
    /// no interest table and no ERG activities.
    fn default() -> Self {
        PlanningConfig {
            readiness: ReadinessThresholds::default(),
            metrics: MetricsSettings::default(),
            interests: None,
            erg_activities: Vec::new(),
        }
    }
}

impl PlanningConfig {
    /// Reads and validates a planning file.
    ///
    /// # Errors
    ///
    /// [`PlanningError::Syntax`] for text that is not TOML or has unknown keys (the source
    /// names line and column); the other variants name the setting that cannot be used.
    pub fn from_toml(text: &str) -> Result<PlanningConfig, PlanningError> {
        let file: File = toml::from_str(text).map_err(|source| PlanningError::Syntax { source })?;
        file.validate()
    }

    /// The interests onboarding may accept, sorted; `None` when no table is configured and
    /// any well-formed interest is accepted.
    pub fn interest_ids(&self) -> Option<Vec<String>> {
        self.interests
            .as_ref()
            .map(|table| table.keys().cloned().collect())
    }

    /// The entry for one interest, if configured.
    pub fn interest(&self, id: &str) -> Option<&Interest> {
        self.interests.as_ref().and_then(|table| table.get(id))
    }

    /// The ERG whose activity `activity_id` is, by the longest configured prefix, however
    /// the id spells its scheme, host, port or path (see [`crate::activities`]).
    pub fn erg_of_activity(&self, activity_id: &str) -> Option<Uuid> {
        if self.erg_activities.is_empty() {
            return None;
        }
        let activity = activities::normal(activity_id);
        self.erg_activities
            .iter()
            .find(|a| a.covers(&activity))
            .map(|a| a.erg_id)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    readiness: FileReadiness,
    #[serde(default)]
    metrics: FileMetrics,
    interests: Option<BTreeMap<String, FileInterest>>,
    #[serde(default)]
    erg_activities: Vec<FileErgActivity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileErgActivity {
    erg_id: Uuid,
    activity_prefix: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileReadiness {
    ready_soon_max_gaps: Option<u32>,
    ready_soon_max_shortfall: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileMetrics {
    min_group_size: Option<u32>,
    currency: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileInterest {
    label: Option<String>,
    #[serde(default)]
    ergs: Vec<FileErg>,
    #[serde(default)]
    learning_paths: Vec<FilePath>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileErg {
    erg_id: Uuid,
    label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePath {
    name: String,
    activity_id: String,
}

impl File {
    fn validate(self) -> Result<PlanningConfig, PlanningError> {
        let defaults = PlanningConfig::default();
        let readiness = ReadinessThresholds {
            ready_soon_max_gaps: self
                .readiness
                .ready_soon_max_gaps
                .unwrap_or(defaults.readiness.ready_soon_max_gaps),
            ready_soon_max_shortfall: self
                .readiness
                .ready_soon_max_shortfall
                .unwrap_or(defaults.readiness.ready_soon_max_shortfall),
        };
        check_thresholds(readiness)?;
        let min_group_size = self
            .metrics
            .min_group_size
            .unwrap_or(defaults.metrics.min_group_size);
        if min_group_size < MIN_GROUP_SIZE_FLOOR {
            return Err(PlanningError::GroupSizeBelowFloor {
                size: min_group_size,
                floor: MIN_GROUP_SIZE_FLOOR,
            });
        }
        let currency = match self.metrics.currency {
            Some(code) => code
                .trim()
                .parse::<Currency>()
                .map_err(|source| PlanningError::InvalidCurrency { source })?,
            None => defaults.metrics.currency,
        };
        let interests = match self.interests {
            Some(table) => Some(
                table
                    .into_iter()
                    .map(|(id, entry)| interest(id, entry))
                    .collect::<Result<_, _>>()?,
            ),
            None => None,
        };
        let mut erg_activities: Vec<ErgActivity> = Vec::with_capacity(self.erg_activities.len());
        for (index, entry) in self.erg_activities.into_iter().enumerate() {
            let activity_prefix = entry.activity_prefix.trim().to_owned();
            if let Some(problem) = activities::prefix_problem(&activity_prefix) {
                return Err(PlanningError::InvalidActivityPrefix {
                    index,
                    activity_prefix: shortened(&activity_prefix),
                    problem,
                });
            }
            let normal = activities::normal(&activity_prefix);
            // Two ERGs claiming the same activities would leave one of them, perhaps the
            // sensitive one, silently unprotected.
            if let Some(first) = erg_activities.iter().position(|a| a.normal == normal) {
                return Err(PlanningError::DuplicateActivityPrefix {
                    first,
                    index,
                    activity_prefix,
                });
            }
            if entry.erg_id.is_nil() {
                return Err(PlanningError::NilErg { index });
            }
            erg_activities.push(ErgActivity {
                erg_id: entry.erg_id,
                activity_prefix,
                normal,
            });
        }
        // Longest first, so that the first match is the most specific one.
        erg_activities
            .sort_by(|a, b| (b.normal.len(), &a.normal).cmp(&(a.normal.len(), &b.normal)));
        Ok(PlanningConfig {
            readiness,
            metrics: MetricsSettings {
                min_group_size,
                currency,
            },
            interests,
            erg_activities,
        })
    }
}

fn check_thresholds(t: ReadinessThresholds) -> Result<(), PlanningError> {
    for (field, value, max) in [
        (
            "ready_soon_max_gaps",
            t.ready_soon_max_gaps,
            MAX_REQUIREMENTS,
        ),
        (
            "ready_soon_max_shortfall",
            t.ready_soon_max_shortfall,
            MAX_REQUIREMENTS * MAX_LEVEL,
        ),
    ] {
        if value > max {
            return Err(PlanningError::ThresholdTooLarge { field, value, max });
        }
    }
    if t.ready_soon_max_shortfall < t.ready_soon_max_gaps {
        return Err(PlanningError::UnreachableThreshold {
            gaps: t.ready_soon_max_gaps,
            shortfall: t.ready_soon_max_shortfall,
        });
    }
    Ok(())
}

fn interest(id: String, entry: FileInterest) -> Result<(String, Interest), PlanningError> {
    if !is_kebab(&id) || id.len() > MAX_INTEREST_ID {
        return Err(PlanningError::InvalidInterestId { id });
    }
    let text = |field: String, value: String, max: usize| {
        let kept = value.trim();
        if kept.is_empty() || kept.chars().count() > max || kept.chars().any(char::is_control) {
            Err(PlanningError::InvalidText {
                interest: id.clone(),
                field,
                max,
            })
        } else {
            Ok(kept.to_owned())
        }
    };
    let label = entry
        .label
        .map(|l| text("label".to_owned(), l, MAX_LABEL))
        .transpose()?;
    let mut ergs = Vec::with_capacity(entry.ergs.len());
    for (i, erg) in entry.ergs.into_iter().enumerate() {
        ergs.push(ErgSuggestion {
            erg_id: erg.erg_id,
            label: text(format!("ergs[{i}].label"), erg.label, MAX_LABEL)?,
        });
    }
    let mut learning_paths = Vec::with_capacity(entry.learning_paths.len());
    for (i, path) in entry.learning_paths.into_iter().enumerate() {
        let activity_id = path.activity_id.trim().to_owned();
        if !is_absolute_iri(&activity_id) || activity_id.len() > MAX_ACTIVITY_ID {
            return Err(PlanningError::InvalidActivity {
                interest: id,
                activity_id,
            });
        }
        learning_paths.push(LearningPath {
            name: text(
                format!("learning_paths[{i}].name"),
                path.name,
                MAX_PATH_NAME,
            )?,
            activity_id,
        });
    }
    Ok((
        id,
        Interest {
            label,
            ergs,
            learning_paths,
        },
    ))
}

/// The shape `onboard-employee` accepts for an interest: lowercase words joined by hyphens.
fn is_kebab(value: &str) -> bool {
    !value.is_empty()
        && value.split('-').all(|w| !w.is_empty())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A scheme (a letter, then letters, digits, `+`, `-` or `.`), a colon, and no whitespace.
fn is_absolute_iri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !value.chars().any(char::is_whitespace)
}

/// At most 200 characters of `text`, for an error message.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(200) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
