//! Which statements become which learning facts: rules over verbs and activities,
//! built in or read from a TOML file (format in the crate's README).

use std::collections::{BTreeMap, BTreeSet};

use proto_events::LearningKind;
use serde::Deserialize;

use crate::error::{MappingError, shown};
use crate::formats::is_absolute_iri;
use crate::outcome::{IgnoreReason, Ignored, LearningFact, Outcome, Void};
use crate::statement::{Activity, Statement, StatementObject, VOIDED};
use crate::vocab::{DEFAULT_RULES, VERBS};

/// Rules turning statements into learning facts, tried in order; the first rule
/// whose verbs include the statement's verb and whose activity selectors match
/// the statement decides the kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    rules: Vec<Rule>,
}

/// One mapping rule, with verb names already resolved to IRIs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    name: String,
    kind: LearningKind,
    verbs: BTreeSet<String>,
    activity_types: BTreeSet<String>,
    activity_ids: BTreeSet<String>,
    activity_prefixes: Vec<String>,
    categories: BTreeSet<String>,
}

impl Rule {
    /// The rule's name, reported with each fact it produces.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kind of fact it produces.
    pub fn kind(&self) -> LearningKind {
        self.kind
    }

    /// Whether the rule takes any activity: it has no activity selector at all.
    fn any_activity(&self) -> bool {
        self.activity_types.is_empty()
            && self.activity_ids.is_empty()
            && self.activity_prefixes.is_empty()
            && self.categories.is_empty()
    }

    fn matches(&self, statement: &Statement, activity: &Activity) -> bool {
        if !self.verbs.contains(&statement.verb) {
            return false;
        }
        self.any_activity()
            || activity
                .activity_type
                .as_ref()
                .is_some_and(|t| self.activity_types.contains(t))
            || self.activity_ids.contains(&activity.id)
            || self
                .activity_prefixes
                .iter()
                .any(|prefix| activity.id.starts_with(prefix))
            || statement
                .context
                .category
                .iter()
                .any(|c| self.categories.contains(&c.id))
    }
}

impl Default for Mapping {
    /// The built-in mapping: awards (achieved, earned, certified, passed or
    /// completed on a badge, certificate or credential; or certified on anything)
    /// are certifications; completed, passed, mastered or satisfied on a course,
    /// module, lesson, assessment, cmi5 course or block, or in a cmi5 statement,
    /// are module completions; attended is event attendance.
    fn default() -> Mapping {
        Mapping {
            rules: default_rules(&builtin_verbs()),
        }
    }
}

/// Verb names and their IRIs: the built-in vocabulary.
type Verbs = BTreeMap<String, BTreeSet<String>>;

fn builtin_verbs() -> Verbs {
    VERBS
        .iter()
        .map(|verb| {
            (
                verb.name.to_owned(),
                verb.iris.iter().map(|i| (*i).to_owned()).collect(),
            )
        })
        .collect()
}

/// The built-in rules, with their verb names resolved in `verbs`, so that IRIs a
/// mapping file adds to a built-in name apply to the built-in rules too.
fn default_rules(verbs: &Verbs) -> Vec<Rule> {
    DEFAULT_RULES
        .iter()
        .map(|rule| Rule {
            name: rule.name.to_owned(),
            kind: rule.kind,
            verbs: rule
                .verbs
                .iter()
                .flat_map(|verb| match verbs.get(verb.name) {
                    Some(iris) => iris.iter().cloned().collect::<Vec<_>>(),
                    None => verb.iris.iter().map(|iri| (*iri).to_owned()).collect(),
                })
                .collect(),
            activity_types: rule
                .activity_types
                .iter()
                .map(|t| (*t).to_owned())
                .collect(),
            activity_ids: BTreeSet::new(),
            activity_prefixes: Vec::new(),
            categories: rule.categories.iter().map(|c| (*c).to_owned()).collect(),
        })
        .collect()
}

/// A mapping file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default = "included")]
    include_default_rules: bool,
    #[serde(default)]
    verbs: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rule: Vec<RuleFile>,
}

fn included() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    name: String,
    kind: String,
    verbs: Vec<String>,
    #[serde(default)]
    activity_types: Vec<String>,
    #[serde(default)]
    activity_ids: Vec<String>,
    #[serde(default)]
    activity_prefixes: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
}

impl Mapping {
    /// Reads a mapping from TOML. The file's rules come first, then (unless
    /// `include_default_rules = false`) the built-in ones; `[verbs]` adds IRIs to
    /// the built-in verb names (for the built-in rules as well) or defines new names.
    ///
    /// Fails on invalid TOML, unknown keys, unknown kinds or verb names, rules
    /// without verbs, and values that must be absolute IRIs but are not.
    pub fn from_toml(text: &str) -> Result<Mapping, MappingError> {
        let file: MappingFile = toml::from_str(text).map_err(MappingError::Toml)?;
        let mut names = builtin_verbs();
        for (name, iris) in file.verbs {
            let place = format!("verbs.{name}");
            names
                .entry(name)
                .or_default()
                .extend(checked::<Vec<_>>(iris, &place)?);
        }
        let mut rules = Vec::with_capacity(file.rule.len() + DEFAULT_RULES.len());
        for rule in file.rule {
            rules.push(compile(rule, &names)?);
        }
        if file.include_default_rules {
            rules.extend(default_rules(&names));
        }
        Ok(Mapping { rules })
    }

    /// The rules, in the order they are tried.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

fn checked<C: FromIterator<String>>(values: Vec<String>, place: &str) -> Result<C, MappingError> {
    values
        .into_iter()
        .map(|value| {
            if is_absolute_iri(&value) {
                Ok(value)
            } else {
                Err(MappingError::NotAnIri {
                    place: place.to_owned(),
                    value,
                })
            }
        })
        .collect()
}

fn compile(rule: RuleFile, names: &Verbs) -> Result<Rule, MappingError> {
    let kind = rule
        .kind
        .parse::<LearningKind>()
        .map_err(|_| MappingError::UnknownKind {
            rule: rule.name.clone(),
            kind: rule.kind.clone(),
        })?;
    if rule.verbs.is_empty() {
        return Err(MappingError::RuleWithoutVerbs { rule: rule.name });
    }
    let mut verbs = BTreeSet::new();
    for verb in rule.verbs {
        // A name has no colon; anything with one is taken as an IRI.
        if verb.contains(':') {
            verbs.extend(checked::<Vec<_>>(
                vec![verb],
                &format!("rule {}, verbs", rule.name),
            )?);
        } else if let Some(iris) = names.get(&verb) {
            verbs.extend(iris.iter().cloned());
        } else {
            return Err(MappingError::UnknownVerb {
                rule: rule.name,
                verb,
            });
        }
    }
    let place = |field: &str| format!("rule {}, {field}", rule.name);
    let activity_types = checked(rule.activity_types, &place("activity_types"))?;
    let activity_ids = checked(rule.activity_ids, &place("activity_ids"))?;
    let activity_prefixes = checked(rule.activity_prefixes, &place("activity_prefixes"))?;
    let categories = checked(rule.categories, &place("categories"))?;
    Ok(Rule {
        name: rule.name,
        kind,
        verbs,
        activity_types,
        activity_ids,
        activity_prefixes,
        categories,
    })
}

/// What the statement means to Ladder under the mapping.
///
/// A voiding statement is always a [`Outcome::Void`]. Otherwise the first
/// matching rule gives the kind, unless the result says the attempt failed
/// (`success: false`) or was not finished (`completion: false`); a statement no
/// rule matches is [`Outcome::Ignored`] with the reason.
pub fn map(statement: &Statement, mapping: &Mapping) -> Outcome {
    let ignored = |reason| {
        Outcome::Ignored(Ignored {
            statement_id: statement.id,
            id_derived: statement.id_derived,
            reason,
        })
    };
    let activity = match &statement.object {
        StatementObject::StatementRef(target) if statement.verb == VOIDED => {
            return Outcome::Void(Void {
                statement_id: statement.id,
                id_derived: statement.id_derived,
                target: *target,
                issuer: statement.actor.home_page().to_owned(),
            });
        }
        StatementObject::Activity(activity) => activity,
        other => {
            return ignored(IgnoreReason::NotAnActivity {
                object_type: other.object_type(),
            });
        }
    };
    let Some(rule) = mapping
        .rules
        .iter()
        .find(|rule| rule.matches(statement, activity))
    else {
        let verb = shown(&statement.verb);
        if mapping
            .rules
            .iter()
            .any(|rule| rule.verbs.contains(&statement.verb))
        {
            return ignored(IgnoreReason::NoMatchingRule {
                verb,
                activity_id: shown(&activity.id),
                activity_type: activity.activity_type.as_deref().map(shown),
            });
        }
        return ignored(IgnoreReason::UnmappedVerb { verb });
    };
    let result = statement.result.unwrap_or_default();
    if result.success == Some(false) {
        return ignored(IgnoreReason::NotSuccessful { kind: rule.kind });
    }
    if result.completion == Some(false) {
        return ignored(IgnoreReason::NotCompleted { kind: rule.kind });
    }
    let occurred = statement.occurred();
    let account = &statement.actor;
    Outcome::Learning(LearningFact {
        statement_id: statement.id,
        id_derived: statement.id_derived,
        kind: rule.kind,
        rule: rule.name.clone(),
        verb: statement.verb.clone(),
        activity_id: activity.id.clone(),
        activity_type: activity.activity_type.clone(),
        account: account.clone(),
        account_key: account.key(),
        account_id: account.id(),
        issuer: account.home_page().to_owned(),
        occurred_at: occurred.map(|time| time.at),
        occurred_on: occurred.map(|time| time.date()),
        registration: statement.context.registration,
        content_digest: statement.content_digest(),
    })
}
