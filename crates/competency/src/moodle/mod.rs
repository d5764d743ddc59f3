//! Import of Moodle competency frameworks (the CSV that Moodle's "Import competency
//! framework" tool reads and writes), with levels and rules from a small mapping file.
//!
//! Moodle knows competencies and a proficiency scale but not Ladder's evidence rules, so the
//! CSV gives the competencies and their tree, and the mapping gives levels and rules per
//! competency id. Competencies the mapping does not name are kept with no levels: the tree
//! and its alignment codes stay whole, and such a competency always assesses at level 0.

mod html;
mod table;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::ImportError;
use crate::model::Framework;
use crate::parse::file::{CompetencyEntry, FrameworkFile, LevelEntry};
use crate::parse::{forbidden_character, is_valid_id};
use table::{Row, Table};

/// A framework imported from Moodle, and what the import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodleImport {
    /// The framework; [`Framework::to_toml`] writes it as a framework file.
    pub framework: Framework,
    /// Counts of what was imported.
    pub report: ImportReport,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Competencies read from the CSV (the framework row not included).
    pub competencies: usize,
    /// Those that the mapping gave levels to.
    pub mapped: usize,
    /// Those kept without levels.
    pub unmapped: usize,
}

/// The mapping file: the framework version and, per competency id, its levels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MappingFile {
    version: String,
    #[serde(default, rename = "competency")]
    competencies: Vec<MappedCompetency>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MappedCompetency {
    id: String,
    #[serde(default, rename = "level")]
    levels: Vec<LevelEntry>,
}

/// Columns of Moodle's export that the import reads.
struct Columns {
    parent: usize,
    id: usize,
    name: usize,
    description: usize,
    format: Option<usize>,
    is_framework: usize,
}

impl Columns {
    fn find(table: &Table) -> Result<Columns, ImportError> {
        let required = |column: &'static str| {
            table
                .column(column)
                .ok_or(ImportError::MissingColumn { column })
        };
        Ok(Columns {
            parent: required("Parent id number")?,
            id: required("Id number")?,
            name: required("Shortname")?,
            description: required("Description")?,
            format: table.column("Description format"),
            is_framework: required("Is framework")?,
        })
    }

    /// Whether the row is the framework row. Moodle writes 1 there and nothing (older
    /// versions 0) on competency rows; anything else is a damaged or hand-made file, and
    /// reading it as "not the framework" would import the wrong tree silently.
    fn is_framework(&self, row: &Row) -> Result<bool, ImportError> {
        match row.get(self.is_framework) {
            "1" => Ok(true),
            "0" | "" => Ok(false),
            value => Err(ImportError::InvalidIsFramework {
                line: row.line,
                value: value.to_owned(),
            }),
        }
    }

    /// Refuses an empty `Id number`, and an `Id number` or `Parent id number` outside the id
    /// alphabet.
    fn check_ids(&self, row: &Row) -> Result<(), ImportError> {
        let id = row.get(self.id);
        if id.is_empty() {
            return Err(ImportError::MissingIdNumber { line: row.line });
        }
        let parent = row.get(self.parent);
        for (column, value) in [("Id number", id), ("Parent id number", parent)] {
            if !value.is_empty() && !is_valid_id(value) {
                return Err(ImportError::InvalidIdNumber {
                    line: row.line,
                    column,
                    id: value.to_owned(),
                });
            }
        }
        Ok(())
    }

    /// Refuses control, bidirectional and zero-width characters in the name and the
    /// description as written, before
    /// trimming, so that none is dropped silently. Moodle's HTML descriptions hold CRLF
    /// line breaks, which the conversion to text folds into spaces.
    fn check_texts(&self, row: &Row) -> Result<(), ImportError> {
        for (index, column, multi_line) in [
            (self.name, "Shortname", false),
            (self.description, "Description", true),
        ] {
            if let Some(character) = forbidden_character(row.raw(index), multi_line) {
                return Err(forbidden(row.line, column, character));
            }
        }
        Ok(())
    }

    /// The description as plain text; HTML unless the row says plain text or Markdown.
    ///
    /// A character reference such as `&#27;` decodes to a control character that the check
    /// of the written text cannot see, so the text is checked again.
    fn description(&self, row: &Row) -> Result<Option<String>, ImportError> {
        let raw = row.get(self.description);
        let text = match self.format.map(|f| row.get(f)) {
            // Moodle's FORMAT_PLAIN and FORMAT_MARKDOWN carry no HTML.
            Some("2" | "4") => raw.split_whitespace().collect::<Vec<_>>().join(" "),
            _ => html::to_text(raw),
        };
        if let Some(character) = forbidden_character(&text, false) {
            return Err(forbidden(row.line, "Description", character));
        }
        Ok((!text.is_empty()).then_some(text))
    }
}

/// The error for a character [`forbidden_character`] found.
fn forbidden(line: u64, column: &'static str, character: char) -> ImportError {
    if character.is_control() {
        ImportError::ControlCharacter {
            line,
            column,
            character,
        }
    } else {
        ImportError::DisguisingCharacter {
            line,
            column,
            character,
        }
    }
}

/// Imports a Moodle competency-framework CSV export, with levels and rules from `mapping`.
///
/// The framework's id, name and description come from the row with `Is framework` = 1; each
/// other row becomes a competency: id = `Id number`, name = `Shortname`, description = the
/// text of the HTML description, parent = `Parent id number`, alignment =
/// `<framework id number>:<id number>`. The version comes from the mapping.
///
/// # Errors
///
/// CSV faults with the line the record starts on ([`ImportError::UnbalancedQuote`],
/// [`ImportError::WrongFieldCount`], [`ImportError::Csv`]); a missing header column; no or two
/// framework rows; an `Is framework` other than 1, 0 or empty; empty, repeated or malformed
/// ids ([`ImportError::InvalidIdNumber`]); control characters in a name or description
/// ([`ImportError::ControlCharacter`], [`ImportError::DisguisingCharacter`]); all of these with the line the record starts on. Then
/// a mapping that does not parse or names unknown ids, and any framework check
/// ([`ImportError::Framework`]).
pub fn import_moodle_csv(csv: &str, mapping: &str) -> Result<MoodleImport, ImportError> {
    let table = table::read(csv)?;
    let columns = Columns::find(&table)?;
    let mapping: MappingFile =
        toml::from_str(mapping).map_err(|source| ImportError::Mapping { source })?;
    let mut levels = mapped_levels(mapping.competencies)?;

    let mut framework_row: Option<&Row> = None;
    let mut first_lines: BTreeMap<&str, u64> = BTreeMap::new();
    let mut rows = Vec::new();
    for row in &table.rows {
        let is_framework = columns.is_framework(row)?;
        columns.check_ids(row)?;
        columns.check_texts(row)?;
        if is_framework {
            if framework_row.is_some() {
                return Err(ImportError::SecondFrameworkRow { line: row.line });
            }
            framework_row = Some(row);
            continue;
        }
        let id = row.get(columns.id);
        if let Some(first_line) = first_lines.insert(id, row.line) {
            return Err(ImportError::DuplicateIdNumber {
                id: id.to_owned(),
                line: row.line,
                first_line,
            });
        }
        rows.push(row);
    }
    let framework_row = framework_row.ok_or(ImportError::NoFrameworkRow)?;
    if let Some(id) = levels
        .keys()
        .find(|id| !first_lines.contains_key(id.as_str()))
    {
        return Err(ImportError::UnknownMappedCompetency { id: id.clone() });
    }

    let framework_id = framework_row.get(columns.id).to_owned();
    let mut competencies = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.get(columns.id).to_owned();
        let parent = row.get(columns.parent);
        competencies.push(CompetencyEntry {
            name: row.get(columns.name).to_owned(),
            description: columns.description(row)?,
            alignment: Some(format!("{framework_id}:{id}")),
            parent: (!parent.is_empty()).then(|| parent.to_owned()),
            levels: levels.remove(&id).unwrap_or_default(),
            id,
        });
    }
    let mapped = competencies.iter().filter(|c| !c.levels.is_empty()).count();
    let report = ImportReport {
        competencies: competencies.len(),
        mapped,
        unmapped: competencies.len() - mapped,
    };
    let file = FrameworkFile {
        id: framework_id,
        version: mapping.version,
        name: framework_row.get(columns.name).to_owned(),
        description: columns.description(framework_row)?,
        competencies,
    };
    let framework =
        crate::parse::validate(file).map_err(|source| ImportError::Framework { source })?;
    Ok(MoodleImport { framework, report })
}

fn mapped_levels(
    entries: Vec<MappedCompetency>,
) -> Result<BTreeMap<String, Vec<LevelEntry>>, ImportError> {
    let mut levels = BTreeMap::new();
    for entry in entries {
        if levels.contains_key(&entry.id) {
            return Err(ImportError::DuplicateMapping { id: entry.id });
        }
        levels.insert(entry.id, entry.levels);
    }
    Ok(levels)
}
