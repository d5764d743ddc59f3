//! Field checks that need no history: lengths, codes, amounts.

use super::{CommandBody, InvalidCommand};

/// Documented limits of command fields: text lengths in characters, dates, amounts.
pub mod limits {
    use jiff::civil::Date;

    /// `register-erg.name`
    pub const ERG_NAME: usize = 120;
    /// `request-budget.purpose`
    pub const PURPOSE: usize = 500;
    /// `reject-budget.reason`
    pub const REASON: usize = 500;
    /// `start-project.title`
    pub const TITLE: usize = 200;
    /// `start-project.kind`
    pub const KIND: usize = 40;
    /// `complete-project.outcome`
    pub const OUTCOME: usize = 2000;
    /// `link-lms-account.home_page`
    pub const HOME_PAGE: usize = 300;
    /// `link-lms-account.account_name`
    pub const ACCOUNT_NAME: usize = 200;
    /// `start-mentorship.focus_competency`
    pub const COMPETENCY_ID: usize = 80;
    /// `record-mentorship-milestone.summary`
    pub const SUMMARY: usize = 1000;
    /// An xAPI activity IRI.
    pub const ACTIVITY_ID: usize = 1000;
    /// `define-position.title`
    pub const POSITION_TITLE: usize = 200;
    /// `define-position.requirements`, entries
    pub const REQUIREMENTS: usize = 20;
    /// A required level.
    pub const MAX_LEVEL: u8 = 10;
    /// `nominate-successor.reason`, `withdraw-nomination.reason`
    pub const NOMINATION_REASON: usize = 500;
    /// `onboard-employee.org_unit`
    pub const ORG_UNIT: usize = 60;
    /// `onboard-employee.job_level`
    pub const JOB_LEVEL: usize = 20;
    /// `onboard-employee.interests`, entries
    pub const INTERESTS: usize = 30;
    /// The earliest business date a command may carry (`effective_date`, `hire_date`,
    /// `term_start`, …). Nobody employed today was hired before it.
    pub const EARLIEST_DATE: Date = jiff::civil::date(1900, 1, 1);
    /// The latest business date a command may carry. Plans reach decades ahead at most;
    /// a date past this is a typo or a placeholder such as `9999-12-31`.
    pub const LATEST_DATE: Date = jiff::civil::date(2199, 12, 31);
    /// The largest money amount, in minor units (`amount_minor`, `approved_minor`,
    /// `spent_minor`, `cost_minor`): 10^15, ten trillion in a currency with cents, far
    /// above any real budget or hire. Totals are summed in `u128`, which holds any number
    /// of such amounts a stream can carry.
    pub const MAX_MINOR: u64 = 1_000_000_000_000_000;
}

pub(super) fn body(body: &CommandBody) -> Result<(), InvalidCommand> {
    match body {
        CommandBody::RegisterErg(c) => name("name", &c.name, limits::ERG_NAME),
        CommandBody::AssignErgRole(_) | CommandBody::EndErgRole(_) => Ok(()),
        CommandBody::RequestBudget(c) => {
            positive("amount_minor", c.amount_minor)?;
            amount("amount_minor", c.amount_minor)?;
            text("purpose", &c.purpose, limits::PURPOSE)
        }
        CommandBody::ApproveBudget(c) => {
            positive("approved_minor", c.approved_minor)?;
            amount("approved_minor", c.approved_minor)
        }
        CommandBody::RejectBudget(c) => text("reason", &c.reason, limits::REASON),
        CommandBody::CloseBudget(c) => amount("spent_minor", c.spent_minor),
        CommandBody::StartProject(c) => {
            name("title", &c.title, limits::TITLE)?;
            kebab("kind", &c.kind, limits::KIND)
        }
        CommandBody::CompleteProject(c) => text("outcome", &c.outcome, limits::OUTCOME),
        CommandBody::LinkLmsAccount(c) => {
            url("home_page", &c.home_page, limits::HOME_PAGE)?;
            line("account_name", &c.account_name, limits::ACCOUNT_NAME)
        }
        CommandBody::StartMentorship(c) => line(
            "focus_competency",
            &c.focus_competency,
            limits::COMPETENCY_ID,
        ),
        CommandBody::RecordMentorshipMilestone(c) => text("summary", &c.summary, limits::SUMMARY),
        CommandBody::CompleteMentorship(_) | CommandBody::RevokeLearning(_) => Ok(()),
        CommandBody::DefinePosition(c) => position(c),
        CommandBody::NominateSuccessor(c) => {
            optional_text("reason", c.reason.as_deref(), limits::NOMINATION_REASON)?;
            if c.readiness_override.is_some() && c.reason.is_none() {
                return Err(InvalidCommand::field(
                    "reason",
                    "a readiness override needs a reason",
                ));
            }
            Ok(())
        }
        CommandBody::WithdrawNomination(c) => {
            optional_text("reason", c.reason.as_deref(), limits::NOMINATION_REASON)
        }
        CommandBody::FillPosition(c) => fill(c),
        CommandBody::OnboardEmployee(c) => {
            name("org_unit", &c.org_unit, limits::ORG_UNIT)?;
            name("job_level", &c.job_level, limits::JOB_LEVEL)?;
            if c.interests.len() > limits::INTERESTS {
                return Err(InvalidCommand::field(
                    "interests",
                    format!("at most {} interests", limits::INTERESTS),
                ));
            }
            for (i, interest) in c.interests.iter().enumerate() {
                kebab(&format!("interests[{i}]"), interest, limits::COMPETENCY_ID)?;
            }
            Ok(())
        }
        CommandBody::RecordDeparture(_)
        | CommandBody::GrantVisibilityConsent(_)
        | CommandBody::WithdrawVisibilityConsent(_) => Ok(()),
        CommandBody::RecordLearning(c) => {
            url("issuer", &c.issuer, limits::HOME_PAGE)?;
            line("activity_id", &c.activity_id, limits::ACTIVITY_ID)
        }
    }
}

/// Free text that may span lines (`purpose`, `reason`, `outcome`, `summary`). The limit
/// counts the characters that are kept, i.e. after trimming surrounding space.
fn text(field: &str, value: &str, max: usize) -> Result<(), InvalidCommand> {
    checked(field, value, max, |c| matches!(c, '\n' | '\r' | '\t'))?;
    no_address(field, value)
}

/// A one-line name or label people write (an ERG's name, a title, an org unit, a job
/// level), as [`line`], which names no one by their e-mail address.
fn name(field: &str, value: &str, max: usize) -> Result<(), InvalidCommand> {
    line(field, value, max)?;
    no_address(field, value)
}

/// The event log is permanent and names people only by ids, so free text must not carry
/// an e-mail address. Identifiers are not checked here: an LMS account name, often an
/// e-mail login, enters the log only as a hash, and URLs and IRIs are not prose.
fn no_address(field: &str, value: &str) -> Result<(), InvalidCommand> {
    match super::email::address_in(value) {
        Some(at) => Err(InvalidCommand::field(
            field,
            format!(
                "must not contain an e-mail address (found at character {at}): the event log \
                 is permanent and names people only by their ids"
            ),
        )),
        None => Ok(()),
    }
}

/// A one-line name or title: no line breaks or tabs, including Unicode's line and
/// paragraph separators, which are not control characters but break lines all the same.
fn line(field: &str, value: &str, max: usize) -> Result<(), InvalidCommand> {
    checked(field, value, max, |_| false)?;
    if value.contains(['\u{2028}', '\u{2029}']) {
        return Err(InvalidCommand::field(
            field,
            "must be one line: no line or paragraph separators",
        ));
    }
    Ok(())
}

fn checked(
    field: &str,
    value: &str,
    max: usize,
    allowed_control: impl Fn(char) -> bool,
) -> Result<(), InvalidCommand> {
    let kept = value.trim();
    let len = kept.chars().count();
    if kept.is_empty() {
        Err(InvalidCommand::field(field, "must not be empty"))
    } else if len > max {
        Err(InvalidCommand::field(
            field,
            format!("is {len} characters long; the limit is {max}"),
        ))
    } else if kept.chars().any(|c| c.is_control() && !allowed_control(c)) {
        Err(InvalidCommand::field(
            field,
            "must not contain control characters",
        ))
    } else if kept.chars().any(is_bidi_control) {
        Err(InvalidCommand::field(
            field,
            "must not contain bidirectional control characters, which can disguise text",
        ))
    } else if kept.chars().any(is_zero_width) {
        Err(InvalidCommand::field(
            field,
            "must not contain zero-width characters, which can disguise text",
        ))
    } else {
        Ok(())
    }
}

/// Unicode's explicit directional embeddings, overrides and isolates, and the implicit
/// marks (LRM, RLM, ALM): each reorders or hides how the text around it is shown.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Characters that take no space: zero-width space, non-joiner and joiner, word joiner and
/// the byte-order mark. They make two names that look alike compare unequal.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn kebab(field: &str, value: &str, max: usize) -> Result<(), InvalidCommand> {
    let well_formed = !value.is_empty()
        && value.split('-').all(|w| !w.is_empty())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !well_formed {
        return Err(InvalidCommand::field(
            field,
            format!("`{value}` must be lowercase words joined by hyphens, e.g. `mentoring-circle`"),
        ));
    }
    if value.len() > max {
        return Err(InvalidCommand::field(
            field,
            format!("the limit is {max} characters"),
        ));
    }
    Ok(())
}

/// An absolute http(s) URL, as LMS home pages are.
fn url(field: &str, value: &str, max: usize) -> Result<(), InvalidCommand> {
    line(field, value, max)?;
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(()),
        _ => Err(InvalidCommand::field(
            field,
            format!("`{value}` is not an http(s) URL"),
        )),
    }
}

fn positive(field: &str, value: u64) -> Result<(), InvalidCommand> {
    if value == 0 {
        Err(InvalidCommand::field(field, "must be greater than zero"))
    } else {
        Ok(())
    }
}

/// A money amount in minor units, at most [`limits::MAX_MINOR`].
fn amount(field: &str, value: u64) -> Result<(), InvalidCommand> {
    if value > limits::MAX_MINOR {
        Err(InvalidCommand::field(
            field,
            format!("is {value} minor units; the limit is {}", limits::MAX_MINOR),
        ))
    } else {
        Ok(())
    }
}

fn optional_text(field: &str, value: Option<&str>, max: usize) -> Result<(), InvalidCommand> {
    value.map_or(Ok(()), |v| text(field, v, max))
}

fn position(c: &super::DefinePosition) -> Result<(), InvalidCommand> {
    name("title", &c.title, limits::POSITION_TITLE)?;
    if c.requirements.is_empty() || c.requirements.len() > limits::REQUIREMENTS {
        return Err(InvalidCommand::field(
            "requirements",
            format!("needs 1 to {} competency levels", limits::REQUIREMENTS),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, r) in c.requirements.iter().enumerate() {
        line(
            &format!("requirements[{i}].competency"),
            &r.competency,
            limits::COMPETENCY_ID,
        )?;
        if !(1..=limits::MAX_LEVEL).contains(&r.level) {
            return Err(InvalidCommand::field(
                format!("requirements[{i}].level"),
                format!("must be 1 to {}", limits::MAX_LEVEL),
            ));
        }
        if !seen.insert(r.competency.trim()) {
            return Err(InvalidCommand::field(
                format!("requirements[{i}].competency"),
                format!("`{}` is required twice", r.competency.trim()),
            ));
        }
    }
    Ok(())
}

/// An internal fill may carry what the move cost (relocation, training, backfill): the
/// programme metrics average it against external hires. An external hire must carry its
/// recruitment cost. Either way, a cost comes with its currency.
fn fill(c: &super::FillPosition) -> Result<(), InvalidCommand> {
    if let Some(cost) = c.cost_minor {
        amount("cost_minor", cost)?;
    }
    match (c.employee_id, c.cost_minor, c.currency) {
        (None, None, _) => Err(InvalidCommand::field(
            "cost_minor",
            "an external hire needs its cost; an internal fill names `employee_id`",
        )),
        (_, Some(_), None) => Err(InvalidCommand::field(
            "currency",
            "is required with `cost_minor`",
        )),
        (_, None, Some(_)) => Err(InvalidCommand::field(
            "cost_minor",
            "is required with `currency`",
        )),
        _ => Ok(()),
    }
}
