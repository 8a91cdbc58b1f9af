//! Reading scenarios that people write or paste: one object or an array, with errors a person can act on.

use std::fmt;

use crate::scenario::{Scenario, FORMAT};

/// What a scenario file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    One(Scenario),
    Many(Vec<Scenario>),
}

/// Why a text is no scenario: where, and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for InputError {}

impl From<serde_json::Error> for InputError {
    fn from(err: serde_json::Error) -> InputError {
        // serde_json puts the position last; a reader looks for it first.
        let text = err.to_string();
        let what = text
            .rsplit_once(" at line ")
            .map_or(text.as_str(), |(what, _)| what);
        let message = if err.is_eof() {
            format!("the text ends too early ({what})")
        } else {
            what.to_owned()
        };
        InputError {
            line: err.line(),
            column: err.column(),
            message,
        }
    }
}

/// Reads one scenario object, or an array of them, upgraded to the current format.
pub fn parse(text: &str) -> Result<Input, InputError> {
    if text.trim_start().starts_with('[') {
        let mut many: Vec<Scenario> = serde_json::from_str(text)?;
        for scenario in &mut many {
            upgrade(scenario)?;
        }
        Ok(Input::Many(many))
    } else {
        parse_one(text).map(Input::One)
    }
}

/// Reads exactly one scenario object (a pasted or imported file), upgraded to the current format.
pub fn parse_one(text: &str) -> Result<Scenario, InputError> {
    let mut scenario: Scenario = serde_json::from_str(text)?;
    upgrade(&mut scenario)?;
    Ok(scenario)
}

fn upgrade(scenario: &mut Scenario) -> Result<(), InputError> {
    if scenario.format > FORMAT {
        return Err(InputError {
            line: 1,
            column: 1,
            message: format!(
                "format {} was written by a newer version (this one reads up to {FORMAT})",
                scenario.format
            ),
        });
    }
    scenario.upgrade();
    Ok(())
}
