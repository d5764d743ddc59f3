//! Reading and writing framework files (TOML).

pub(crate) mod file;
mod text;
mod validate;
mod write;

pub(crate) use text::{ID_ALPHABET, forbidden_character, is_valid_id, why_forbidden};
pub(crate) use validate::framework as validate;

use crate::error::FrameworkError;
use crate::model::Framework;

impl Framework {
    /// Reads and validates a framework file.
    ///
    /// # Errors
    ///
    /// [`FrameworkError::Syntax`] when the text is not TOML or has keys or shapes the format
    /// does not know (the source names line and column); any other variant when a check fails,
    /// naming the competency and level.
    pub fn from_toml(text: &str) -> Result<Framework, FrameworkError> {
        let file = toml::from_str(text).map_err(|source| FrameworkError::Syntax { source })?;
        validate(file)
    }

    /// Writes the framework as a framework file that [`Framework::from_toml`] reads back.
    ///
    /// # Errors
    ///
    /// [`FrameworkError::Write`] if the TOML writer refuses a value.
    pub fn to_toml(&self) -> Result<String, FrameworkError> {
        toml::to_string(&write::framework_file(self))
            .map_err(|source| FrameworkError::Write { source })
    }
}
