//! Reading scenarios that people write or paste: one object or an array, with errors a person can act on.
//!
//! Limits: a text of at most [`MAX_LEN`] bytes (1 MiB); at most [`MAX_ITEMS`](crate::MAX_ITEMS) keys, snapshots
//! and launch mappings per scenario, and scenarios per array. Beyond them the text is refused with
//! a message that gives the limit. Values quoted in messages are cut to
//! [`QUOTE_CHARS`](crate::cut::QUOTE_CHARS) characters.

use std::fmt;

use crate::cut;
use crate::scenario::shape::{List, Object};
use crate::scenario::{Scenario, FORMAT};

/// Texts longer than this many bytes (1 MiB) are refused before they are read. A scenario at every
/// other limit, with identifiers of a usual length, takes well under a tenth of it.
pub const MAX_LEN: usize = 1024 * 1024;

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
        let what = cut::quotes_in(what);
        let message = if err.is_eof() {
            format!("the text ends too early ({what})")
        } else {
            what.into_owned()
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
        within_limit(text)?;
        let List(mut many) = serde_json::from_str::<List<Scenario>>(text)?;
        for scenario in &mut many {
            upgrade(scenario)?;
        }
        Ok(Input::Many(many))
    } else {
        parse_one(text).map(Input::One)
    }
}

/// Reads exactly one scenario object (a pasted or imported file), upgraded to the current format.
/// An array is refused, even one of a single scenario (or a scenario's field values).
pub fn parse_one(text: &str) -> Result<Scenario, InputError> {
    within_limit(text)?;
    let Object(mut scenario) = serde_json::from_str::<Object<Scenario>>(text)?;
    upgrade(&mut scenario)?;
    Ok(scenario)
}

fn within_limit(text: &str) -> Result<(), InputError> {
    if text.len() <= MAX_LEN {
        return Ok(());
    }
    Err(InputError {
        line: 1,
        column: 1,
        message: format!(
            "the text is {} bytes long; at most {MAX_LEN} (1 MiB) are read",
            text.len()
        ),
    })
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
