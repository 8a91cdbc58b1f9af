//! Reading what AWS CLI commands print and merging it into a scenario.
//!
//! Each pasted text holds one or more JSON outputs, one after another; each output is recognised
//! by its shape ([`recognise`]), whatever the order. A *bundle*, the one JSON text a CloudShell
//! snippet prints, holds several:
//!
//! ```json
//! {"bundle": 1, "region": "eu-west-1", "outputs": [ {"Images": [...]}, {"Account": "..."} ]}
//! ```
//!
//! (`region`, optional, is the Region the commands ran in.) Nothing of the scenario passed in is
//! changed: [`import`] returns a new one, or an [`ImportError`] that leaves the old one as it was.

mod aliases;
mod error;
mod identity;
mod images;
mod keys;
mod merge;
mod note;
mod recognise;
mod settings;
mod snapshots;

use ami_encryption_rules::input::MAX_LEN;
use ami_encryption_rules::Scenario;
use serde_json::Value;

pub use error::{At, ImportError, Problem};
pub use note::{Note, Ownership, RegionOf};
pub use recognise::{recognise, Recognised};

/// What an import produced: the merged scenario, and what was read or left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The scenario passed in, with what the outputs say merged in.
    pub scenario: Scenario,
    /// What was read, skipped or assumed, in the order it happened.
    pub notes: Vec<Note>,
}

/// One recognised output, with where it was pasted.
#[derive(Clone, Debug)]
pub(crate) struct Output {
    pub at: At,
    pub shape: Recognised,
    pub value: Value,
}

/// Reads every pasted text and merges what the outputs say into a copy of `into`.
///
/// `into` gives what the outputs cannot: the operation and its parameters, and the Region when no
/// ARN or bundle names one (a command-line `--region` sets `into.account.region`). Texts that are
/// empty or only whitespace are skipped. At most [`MAX_LEN`] bytes (1 MiB) are read in all.
pub fn import(pasted: &[&str], into: &Scenario) -> Result<Import, ImportError> {
    let total: usize = pasted.iter().map(|text| text.len()).sum();
    if total > MAX_LEN {
        return Err(ImportError::new(None, Problem::TooLong { bytes: total }));
    }
    let (outputs, bundle_region) = read_all(pasted)?;
    if outputs.is_empty() {
        return Err(ImportError::new(None, Problem::Empty));
    }
    let understood: Vec<Recognised> = outputs.iter().map(|o| o.shape).collect();
    merge::merge(&outputs, bundle_region.as_deref(), into).map_err(|mut err| {
        err.understood = understood;
        err
    })
}

/// Parses and recognises every output of every text. The first text that is not understood stops
/// the import, naming what the others were.
fn read_all(pasted: &[&str]) -> Result<(Vec<Output>, Option<String>), ImportError> {
    let mut outputs = Vec::new();
    let mut failure: Option<ImportError> = None;
    let mut bundle_region = None;
    for (i, text) in pasted.iter().enumerate() {
        let stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        for (j, value) in stream.enumerate() {
            let at = At {
                paste: i + 1,
                text: j + 1,
                output: None,
            };
            let value = match value {
                Ok(value) => value,
                Err(err) => {
                    failure.get_or_insert(ImportError::new(Some(at), Problem::not_json(&err)));
                    // After a syntax error the rest of the text cannot be split into outputs.
                    break;
                }
            };
            if let Err(err) = read_one(at, value, &mut outputs, &mut bundle_region) {
                failure.get_or_insert(err);
            }
        }
    }
    match failure {
        Some(mut err) => {
            err.understood = outputs.iter().map(|o| o.shape).collect();
            Err(err)
        }
        None => Ok((outputs, bundle_region)),
    }
}

fn read_one(
    at: At,
    value: Value,
    outputs: &mut Vec<Output>,
    bundle_region: &mut Option<String>,
) -> Result<(), ImportError> {
    match recognise(&value) {
        Ok(Recognised::Bundle) if at.output.is_none() => {
            let (region, inner) =
                recognise::bundle(value).map_err(|p| ImportError::new(Some(at), p))?;
            if region.is_some() {
                *bundle_region = region;
            }
            for (k, value) in inner.into_iter().enumerate() {
                let at = At {
                    output: Some(k + 1),
                    ..at
                };
                read_one(at, value, outputs, bundle_region)?;
            }
            outputs.push(Output {
                at,
                shape: Recognised::Bundle,
                value: Value::Null,
            });
            Ok(())
        }
        Ok(Recognised::Bundle) => Err(ImportError::new(Some(at), Problem::NestedBundle)),
        Ok(shape) => {
            outputs.push(Output { at, shape, value });
            Ok(())
        }
        Err(problem) => Err(ImportError::new(Some(at), problem)),
    }
}
