//! Importing Moodle's competency-framework CSV export, from the real fixture and broken copies.
//!
//! The fixture `shared/fixtures/frameworks/oecd-core-competencies-moodle.csv` is Moodle's own
//! test file moodle/moodle `admin/tool/lpimportcsv/tests/fixtures/example.csv` (commit
//! 337fd7b2e88cc06ef97c6ec30bbc63172e0b94f4, GPL-3.0-or-later; see shared/fixtures/README.md).
//! It is read from the shared folder beside the repository (or `LADDER_SHARED_DIR`), not
//! copied into it. Its line ends are mixed: CRLF inside quoted fields, LF at record ends.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::error::Error as _;
use std::path::PathBuf;

use common::project;
use jiff::civil::date;
use ladder_competency::{
    Framework, FrameworkError, ImportError, MoodleImport, RuleProblem, assess, import_moodle_csv,
};

fn fixture() -> String {
    let shared = std::env::var_os("LADDER_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let path = shared.join("fixtures/frameworks/oecd-core-competencies-moodle.csv");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; set LADDER_SHARED_DIR to the shared folder",
            path.display()
        )
    })
}

const MAPPING: &str = r#"
version = "oecd-2026.1"

[[competency]]
id = "teamwork"

[[competency.level]]
level = 1
name = "Contributes"
rule = { projects = { count = 1 } }

[[competency.level]]
level = 2
name = "Leads"
rule.all = [
  { projects = { count = 2 } },
  { role = { roles = ["chair", "co-chair"], months = 6 } },
]

[[competency]]
id = "developing-talent"

[[competency.level]]
level = 1
name = "Mentors"
rule = { mentorships = { count = 1 } }
"#;

fn import(csv: &str) -> MoodleImport {
    import_moodle_csv(csv, MAPPING).unwrap()
}

fn refuse(csv: &str, mapping: &str) -> ImportError {
    match import_moodle_csv(csv, mapping) {
        Ok(_) => panic!("import accepted"),
        Err(e) => e,
    }
}

#[test]
fn the_fixture_imports_with_its_tree_and_plain_descriptions() {
    let MoodleImport { framework, report } = import(&fixture());
    assert_eq!(framework.id(), "OECD-CORE");
    assert_eq!(framework.name(), "OECD");
    assert_eq!(framework.version(), "oecd-2026.1");
    assert_eq!(framework.competencies().len(), 64);
    assert_eq!(
        (report.competencies, report.mapped, report.unmapped),
        (64, 2, 62)
    );

    let parent = |id: &str| {
        framework
            .competency(id)
            .unwrap()
            .parent()
            .map(str::to_owned)
    };
    assert_eq!(parent("DR-AT1").as_deref(), Some("analytical-thinking"));
    assert_eq!(parent("analytical-thinking").as_deref(), Some("delivery"));
    assert_eq!(parent("delivery").as_deref(), Some("competencies"));
    assert_eq!(parent("competencies"), None);
    assert_eq!(framework.competencies()[0].id(), "levels");
    assert_eq!(framework.competencies()[63].id(), "S-ST-1");

    let analytical = framework.competency("analytical-thinking").unwrap();
    assert_eq!(analytical.name(), "Analytical Thinking");
    assert_eq!(
        analytical.description(),
        Some(
            "Analytical Thinking is the ability to identify patterns across situations that are \
             not obviously related, and to identify key or underlying issues in complex \
             situations."
        )
    );
    assert_eq!(
        analytical.alignment(),
        Some("OECD-CORE:analytical-thinking")
    );
    assert_eq!(
        framework.competency("delivery").unwrap().description(),
        Some("Achieving Results")
    );
    assert_eq!(
        framework.competency("competencies").unwrap().description(),
        None
    );

    let overview = framework.description().unwrap();
    assert!(overview.starts_with("The Core Competencies summarise the capabilities"));
    assert!(overview.contains("contribute to the OECD\u{2019}s overall success."));
    assert!(overview.ends_with(
        "clusters. \u{2022} The delivery-related competencies \u{2022} The interpersonal \
         competencies \u{2022} The strategic competencies"
    ));
    for competency in framework.competencies() {
        let text = competency.description().unwrap_or_default();
        assert!(
            !text.contains(['<', '>', '\r', '\n']),
            "{}: {text}",
            competency.id()
        );
    }

    let teamwork = framework.competency("teamwork").unwrap();
    assert_eq!(teamwork.name(), "Teamwork and Team Leadership");
    assert_eq!(teamwork.levels().len(), 2);
    assert!(framework.competency("DR-AT1").unwrap().levels().is_empty());
}

#[test]
fn the_imported_framework_assesses_and_round_trips() {
    let framework = import(&fixture()).framework;
    let evidence = [project(1, "panel", date(2026, 2, 1))];
    let assessment = assess(&framework, &evidence, date(2026, 3, 1));
    assert_eq!(assessment.framework_id, "OECD-CORE");
    assert_eq!(assessment.competencies.len(), 64);
    let level = |id: &str| {
        assessment
            .competencies
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .level
    };
    assert_eq!(
        (
            level("teamwork"),
            level("developing-talent"),
            level("DR-AT1")
        ),
        (1, 0, 0)
    );

    let written = framework.to_toml().unwrap();
    assert_eq!(Framework::from_toml(&written).unwrap(), framework);
}

#[test]
fn lf_only_and_crlf_only_copies_import_the_same() {
    let original = fixture();
    assert!(original.contains("\r\n") && original.contains("\",1,,,,0,null,,8,,\n"));
    let lf = original.replace("\r\n", "\n");
    let crlf = lf.replace('\n', "\r\n");
    let expected = import(&original);
    assert_eq!(import(&lf), expected);
    assert_eq!(import(&crlf), expected);
    let with_bom = format!("\u{feff}{original}");
    assert_eq!(import(&with_bom), expected);
}

#[test]
fn an_unbalanced_quote_names_the_line_it_starts_on() {
    // Line 18 holds `competencies,delivery,Delivery-related,"<p>Achieving Results<br></p>",…`.
    let broken = fixture().replacen(
        "Achieving Results<br></p>\"",
        "Achieving Results<br></p>",
        1,
    );
    let err = refuse(&broken, MAPPING);
    assert!(
        matches!(err, ImportError::UnbalancedQuote { line: 18 }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "csv line 18: unbalanced quote in the record starting here"
    );

    let stray = "\"Parent id number\",\"Id number\",Shortname,Description,\"Is framework\"\n\
                 ,F,F,,1\n,a,A,\"ok\",0\n,b,B\"x,,0\n";
    assert!(matches!(
        refuse(stray, MAPPING),
        ImportError::UnbalancedQuote { line: 4 }
    ));

    let unterminated = "\"Parent id number\",\"Id number\",Shortname,Description,\"Is framework\"\n\
                        ,F,F,,1\n,a,A,\"never closed,0\n,b,B,,0\n";
    assert!(matches!(
        refuse(unterminated, MAPPING),
        ImportError::UnbalancedQuote { line: 3 }
    ));
}

#[test]
fn a_wrong_number_of_fields_names_the_line() {
    // Line 19 is `competencies,interpersonal,Interpersonal,"<p>Building relationships</p>",1,,,,0,null,,9,,`.
    let short = fixture().replacen(",null,,9,,\n", ",null,,9,\n", 1);
    let err = refuse(&short, MAPPING);
    assert!(
        matches!(
            err,
            ImportError::WrongFieldCount {
                line: 19,
                expected: 14,
                found: 13
            }
        ),
        "{err:?}"
    );
    // The last record starts on line 207, after 143 line breaks inside quoted fields.
    let long = fixture().replacen(
        "strategic-thinking,S-ST-1,",
        "strategic-thinking,S-ST-1,x,",
        1,
    );
    let err = refuse(&long, MAPPING);
    assert!(
        matches!(
            err,
            ImportError::WrongFieldCount {
                line: 207,
                expected: 14,
                found: 15
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "csv line 207: expected 14 fields as in the header, found 15"
    );
}

#[test]
fn missing_header_columns_are_named() {
    let renamed = fixture().replacen("\"Is framework\"", "\"Framework\"", 1);
    assert!(matches!(
        refuse(&renamed, MAPPING),
        ImportError::MissingColumn {
            column: "Is framework"
        }
    ));
    let renamed = fixture().replacen("\"Id number\"", "\"Idnumber\"", 1);
    let err = refuse(&renamed, MAPPING);
    assert_eq!(
        err.to_string(),
        "csv header (line 1) lacks the column `Id number`"
    );
    assert!(matches!(
        refuse("", MAPPING),
        ImportError::MissingColumn { .. }
    ));
}

const HEADER: &str = "\"Parent id number\",\"Id number\",Shortname,Description,\"Is framework\"\n";

#[test]
fn framework_rows_and_ids_are_checked() {
    let none = format!("{HEADER},a,A,,0\n");
    assert!(matches!(
        refuse(&none, MAPPING),
        ImportError::NoFrameworkRow
    ));
    let two = format!("{HEADER},F,F,,1\n,a,A,,0\n,G,G,,1\n");
    assert!(matches!(
        refuse(&two, MAPPING),
        ImportError::SecondFrameworkRow { line: 4 }
    ));
    let duplicate = format!("{HEADER},F,F,,1\n,a,A,,0\n,a,A2,,0\n");
    let err = refuse(&duplicate, MAPPING);
    assert!(matches!(
        err,
        ImportError::DuplicateIdNumber {
            line: 4,
            first_line: 3,
            ..
        }
    ));
    let empty = format!("{HEADER},F,F,,1\n,,A,,0\n");
    assert!(matches!(
        refuse(&empty, MAPPING),
        ImportError::MissingIdNumber { line: 3 }
    ));
    let orphan = format!("{HEADER},F,F,,1\nnowhere,a,A,,0\n");
    match refuse(&orphan, "version = \"1\"") {
        ImportError::Framework {
            source: FrameworkError::UnknownParent { competency, parent },
        } => assert_eq!((competency.as_str(), parent.as_str()), ("a", "nowhere")),
        other => panic!("expected an unknown parent, got {other:?}"),
    }
}

#[test]
fn mapping_errors_are_reported() {
    let csv = fixture();
    let unknown = "version = \"1\"\n[[competency]]\nid = \"leadership\"\n";
    let err = refuse(&csv, unknown);
    assert!(matches!(&err, ImportError::UnknownMappedCompetency { id } if id == "leadership"));

    let twice =
        "version = \"1\"\n[[competency]]\nid = \"teamwork\"\n[[competency]]\nid = \"teamwork\"\n";
    assert!(matches!(
        refuse(&csv, twice),
        ImportError::DuplicateMapping { .. }
    ));

    let extra_key = "version = \"1\"\nscale = \"x\"\n";
    let err = refuse(&csv, extra_key);
    assert!(matches!(err, ImportError::Mapping { .. }));
    assert!(err.source().unwrap().to_string().contains("scale"));

    let bad_rule = "version = \"1\"\n[[competency]]\nid = \"teamwork\"\n[[competency.level]]\n\
                    level = 1\nname = \"L\"\nrule = { projects = { count = 0 } }\n";
    match refuse(&csv, bad_rule) {
        ImportError::Framework {
            source:
                FrameworkError::InvalidRule {
                    competency,
                    level: 1,
                    problem:
                        RuleProblem::NotPositive {
                            field: "count",
                            value: 0,
                        },
                    ..
                },
        } => assert_eq!(competency, "teamwork"),
        other => panic!("expected an invalid rule, got {other:?}"),
    }
}

#[test]
fn control_characters_in_names_and_descriptions_name_line_and_column() {
    // Tester's report: `x\u0001y` and `d\u001B[31m` were imported and passed `framework check`.
    // Line 18 holds `competencies,delivery,Delivery-related,"<p>Achieving Results<br></p>",…`.
    let name = fixture().replacen(",Delivery-related,", ",Deli\u{1}very,", 1);
    let err = refuse(&name, MAPPING);
    assert!(
        matches!(
            err,
            ImportError::ControlCharacter {
                line: 18,
                column: "Shortname",
                character: '\u{1}'
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "csv line 18, column `Shortname`: control character U+0001 is not allowed"
    );

    let escape = fixture().replacen("<p>Achieving Results", "<p>d\u{1b}[31mAchieving Results", 1);
    let err = refuse(&escape, MAPPING);
    assert!(
        matches!(
            err,
            ImportError::ControlCharacter {
                line: 18,
                column: "Description",
                character: '\u{1b}'
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "csv line 18, column `Description`: control character U+001B is not allowed (only line \
         breaks and tabs are)"
    );

    // A character reference decodes to the same escape; the decoded text is checked too.
    let reference = fixture().replacen("<p>Achieving Results", "<p>&#27;[31mAchieving Results", 1);
    assert!(matches!(
        refuse(&reference, MAPPING),
        ImportError::ControlCharacter {
            line: 18,
            column: "Description",
            character: '\u{1b}'
        }
    ));

    // A name is one line; a leading control character is not trimmed away either.
    let tab_name = format!("{HEADER},F,F,,1\n,a,\"\u{b}A\",,\n");
    assert!(matches!(
        refuse(&tab_name, MAPPING),
        ImportError::ControlCharacter {
            line: 3,
            column: "Shortname",
            character: '\u{b}'
        }
    ));
    // Line breaks and tabs in a description are layout, as in the fixture's CRLF descriptions.
    let layout = format!("{HEADER},F,F,,1\n,a,A,\"<p>one\r\n\ttwo</p>\",\n");
    let framework = import_moodle_csv(&layout, "version = \"1\"")
        .unwrap()
        .framework;
    assert_eq!(
        framework.competency("a").unwrap().description(),
        Some("one two")
    );
}

#[test]
fn bidi_and_zero_width_characters_name_line_and_column() {
    // Tester's report: a Shortname holding U+202E imported, and `framework check` passed it,
    // though commands refuse the same character.
    let name = fixture().replacen(",Delivery-related,", ",Deli\u{202E}very,", 1);
    let err = refuse(&name, MAPPING);
    assert!(
        matches!(
            err,
            ImportError::DisguisingCharacter {
                line: 18,
                column: "Shortname",
                character: '\u{202E}'
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "csv line 18, column `Shortname`: U+202E is not allowed: it is a bidirectional control \
         character, which can disguise text"
    );

    let zero_width = fixture().replacen("<p>Achieving Results", "<p>Achieving\u{200B}Results", 1);
    assert!(matches!(
        refuse(&zero_width, MAPPING),
        ImportError::DisguisingCharacter {
            line: 18,
            column: "Description",
            character: '\u{200B}'
        }
    ));
    // Decoded from a character reference, it is found all the same.
    let reference = fixture().replacen("<p>Achieving Results", "<p>&#x2066;Achieving Results", 1);
    assert!(matches!(
        refuse(&reference, MAPPING),
        ImportError::DisguisingCharacter {
            line: 18,
            column: "Description",
            character: '\u{2066}'
        }
    ));

    // A name is one line: Unicode's line separator breaks it as a line feed would.
    let separator = format!("{HEADER},F,F,,1\n,a,\"A\u{2028}B\",,\n");
    let err = refuse(&separator, MAPPING);
    assert!(
        matches!(
            err,
            ImportError::DisguisingCharacter {
                line: 3,
                column: "Shortname",
                character: '\u{2028}'
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("only descriptions may span lines"),
        "{err}"
    );
}

#[test]
fn is_framework_takes_only_the_values_moodle_writes() {
    // Tester's report: `Is framework` = `maybe` was read as 0.
    let maybe = format!("{HEADER},F,F,,1\n,a,A,,maybe\n");
    let err = refuse(&maybe, MAPPING);
    assert!(
        matches!(&err, ImportError::InvalidIsFramework { line: 3, value } if value == "maybe"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "csv line 3: `Is framework` is `maybe`; expected 1 for the framework row, 0 or nothing \
         for a competency"
    );
    let yes = format!("{HEADER},F,F,,yes\n,a,A,,\n");
    assert!(matches!(
        refuse(&yes, MAPPING),
        ImportError::InvalidIsFramework { line: 2, .. }
    ));

    // Moodle writes nothing on competency rows (the fixture) and older versions 0.
    let written = format!("{HEADER},F,F,,1\n,a,A,,\na,b,B,,0\n");
    let framework = import_moodle_csv(&written, "version = \"1\"")
        .unwrap()
        .framework;
    assert_eq!(framework.id(), "F");
    assert_eq!(framework.competencies().len(), 2);
}

#[test]
fn id_numbers_keep_to_the_id_alphabet() {
    // Tester's report: ids such as `../../etc` and `Führung` were imported.
    for id in [
        "../../etc",
        "Führung",
        ".hidden",
        "a..b",
        "a b",
        "a/b",
        "F:a",
    ] {
        let csv = format!("{HEADER},F,F,,1\n,ok,Ok,,\nok,\"{id}\",X,,\n");
        match refuse(&csv, MAPPING) {
            ImportError::InvalidIdNumber {
                line: 4,
                column: "Id number",
                id: found,
            } => assert_eq!(found, id),
            other => panic!("{id}: expected an invalid id number, got {other:?}"),
        }
    }
    let parent = format!("{HEADER},F,F,,1\n../x,a,A,,\n");
    let err = refuse(&parent, MAPPING);
    assert!(
        matches!(
            err,
            ImportError::InvalidIdNumber {
                line: 3,
                column: "Parent id number",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "csv line 3: `Parent id number` `../x` is not a valid id: ids are made of ASCII letters, \
         digits, `-`, `_` and `.`, not starting with `.` and without `..`"
    );
    let framework_id = format!("{HEADER},\"OECD CORE\",F,,1\n,a,A,,\n");
    assert!(matches!(
        refuse(&framework_id, MAPPING),
        ImportError::InvalidIdNumber { line: 2, .. }
    ));
    let escape = format!("{HEADER},F,F,,1\n,\"a\u{1b}[2J\",A,,\n");
    let message = refuse(&escape, MAPPING).to_string();
    assert!(message.contains("`a\\u{1b}[2J`"), "{message}");
}
