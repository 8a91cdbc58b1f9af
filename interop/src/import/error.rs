//! Why a paste is refused, in one line that names what was and was not understood.

use std::fmt;

use ami_encryption_rules::cut;
use serde::Serialize;

use super::Recognised;

/// Where an output was pasted; all 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct At {
    /// Which pasted text.
    pub paste: usize,
    /// Which JSON text within it (several may be pasted one after another).
    pub text: usize,
    /// Which output of a bundle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<usize>,
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "paste {}", self.paste)?;
        if self.text > 1 {
            write!(f, ", JSON text {}", self.text)?;
        }
        if let Some(output) = self.output {
            write!(f, ", output {output}")?;
        }
        Ok(())
    }
}

/// What is wrong with a paste.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum Problem {
    /// Nothing but whitespace was pasted.
    Empty,
    /// More than 1 MiB in all.
    TooLong { bytes: usize },
    /// Not JSON: where the reader stopped, and why (serde's words, quotes cut).
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not an object.
    NotAnObject,
    /// An object of no shape this reader knows; its first field names.
    UnknownShape { fields: Vec<String> },
    /// A bundle of a version this reader does not know, or without its list of outputs.
    BadBundle { message: String },
    /// A bundle inside a bundle.
    NestedBundle,
    /// A recognised output with a field of the wrong type.
    WrongField { shape: Recognised, message: String },
    /// `describe-images` found no image.
    NoImage,
    /// Several images; the explainer follows one AMI at a time.
    SeveralImages { images: Vec<String> },
    /// An instance-store-backed AMI: no EBS snapshots, so nothing to explain.
    NotEbsBacked {
        image_id: String,
        root_device_type: String,
    },
    /// More than [`MAX_ITEMS`](ami_encryption_rules::MAX_ITEMS) devices, snapshots or keys.
    TooMany { what: &'static str, count: usize },
}

impl Problem {
    pub(crate) fn not_json(err: &serde_json::Error) -> Problem {
        let text = err.to_string();
        let what = text
            .rsplit_once(" at line ")
            .map_or(text.as_str(), |(what, _)| what);
        Problem::NotJson {
            line: err.line(),
            column: err.column(),
            message: cut::quotes_in(what).into_owned(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => f.write_str("nothing was pasted"),
            Problem::TooLong { bytes } => write!(
                f,
                "the text is {bytes} bytes long; at most {} (1 MiB) are read",
                ami_encryption_rules::input::MAX_LEN
            ),
            Problem::NotJson {
                line,
                column,
                message,
            } => write!(f, "not JSON at line {line}, column {column}: {message}"),
            Problem::NotAnObject => {
                f.write_str("JSON, but not an object {…} that a command prints")
            }
            Problem::UnknownShape { fields } => {
                let fields: Vec<String> = fields.iter().map(|n| cut::quote(n)).collect();
                write!(
                    f,
                    "an object of no known shape (fields {}); expected the output of {}",
                    fields.join(", "),
                    Recognised::COMMANDS
                )
            }
            Problem::BadBundle { message } => write!(f, "a bundle that cannot be read: {message}"),
            Problem::NestedBundle => f.write_str("a bundle inside a bundle"),
            Problem::WrongField { shape, message } => {
                write!(f, "the output of `{}` has {message}", shape.command())
            }
            Problem::NoImage => f.write_str("`aws ec2 describe-images` found no image"),
            Problem::SeveralImages { images } => {
                let images: Vec<String> = images.iter().map(|n| cut::quote(n)).collect();
                write!(
                    f,
                    "{} images ({}); describe one AMI at a time (`--image-ids ami-…`)",
                    images.len(),
                    images.join(", ")
                )
            }
            Problem::NotEbsBacked {
                image_id,
                root_device_type,
            } => write!(
                f,
                "the AMI {} is backed by {}, not EBS: it has no EBS snapshots to encrypt",
                cut::quote(image_id),
                cut::quote(root_device_type)
            ),
            Problem::TooMany { what, count } => write!(
                f,
                "{count} {what}; at most {} are read",
                ami_encryption_rules::MAX_ITEMS
            ),
        }
    }
}

/// Why nothing was imported: where, what, and which outputs were understood. The scenario that
/// was passed in is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportError {
    /// The output at fault, when one is.
    pub at: Option<At>,
    /// What is wrong.
    pub problem: Problem,
    /// The outputs that were recognised, in the order pasted.
    pub understood: Vec<Recognised>,
}

impl ImportError {
    pub(crate) fn new(at: Option<At>, problem: Problem) -> ImportError {
        ImportError {
            at,
            problem,
            understood: Vec::new(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = self.at {
            write!(f, "{at}: ")?;
        }
        write!(f, "{}", self.problem)?;
        let understood: Vec<&str> = self
            .understood
            .iter()
            .filter(|r| **r != Recognised::Bundle)
            .map(|r| r.command())
            .collect();
        if understood.is_empty() {
            f.write_str("; nothing was understood")
        } else {
            write!(f, "; understood: {}", understood.join(", "))
        }
    }
}

impl std::error::Error for ImportError {}
