//! The engine's answer: for every volume or snapshot copy, its encryption and why.

use serde::{Deserialize, Serialize};

use crate::rule::{Basis, Rule};

/// Whether the call goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Accepted, and every volume or snapshot copy is created.
    Ok,
    /// Refused as a whole (or the scenario cannot exist): nothing is created.
    Error,
    /// Accepted, then the instance terminates or the new AMI fails.
    FailsLater,
}

/// Where a volume (launch) comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Restored or copied from one of the AMI's snapshots.
    Snapshot,
    /// A new empty volume named only in the launch request.
    New,
}

/// What happened to encryption between the source and the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Encrypted before and after, with the same key.
    Unchanged,
    /// Newly encrypted: the source was unencrypted, or the volume is new.
    Encrypted,
    /// Encrypted before, encrypted with another key after.
    ReEncrypted,
    /// Unencrypted after (an unencrypted source, or a new volume, left unencrypted).
    Unencrypted,
}

/// The other reading of a contested answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub encrypted: bool,
    pub kms_key: Option<String>,
    /// The AWS page that reads it this way.
    pub source: String,
}

/// One resulting volume (launch) or snapshot copy (copy).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volume {
    pub device: String,
    pub origin: Origin,
    pub encrypted: bool,
    /// The key the result is encrypted with: a known key's ID, else the identifier as written.
    pub kms_key: Option<String>,
    /// The identifier that named the key, as written (the request's `KmsKeyId`, the default key, or
    /// the snapshot's key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_as_written: Option<String>,
    pub change: Change,
    pub rule: Rule,
    pub basis: Basis,
    pub sources: Vec<String>,
    pub alternative: Option<Alternative>,
}

/// Whether an error is AWS refusing the request, or a scenario that AWS could never be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    Request,
    Scenario,
}

/// Why nothing is created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestError {
    /// The AWS error code.
    pub code: String,
    /// The message AWS returns (or the closest public record of it).
    pub message: String,
    pub device: Option<String>,
    pub kind: ErrorKind,
    pub rule: Rule,
    pub basis: Basis,
    pub sources: Vec<String>,
    /// Where in the scenario the problem is, as a JSON pointer (`/snapshots/1/device`).
    pub at: Option<String>,
}

/// Why a key stops the call after it was accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyProblem {
    /// The key exists, but you may not use it (policy, grant, or disabled).
    NotUsable,
    /// The identifier names no key.
    NotFound,
    /// The identifier names another account's key by key ID or alias name; KMS needs its ARN.
    OtherAccountNeedsArn,
}

/// What the call needs the key for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyUse {
    /// Reading the source snapshot.
    Decrypt,
    /// Encrypting the new volume or snapshot copy.
    Encrypt,
}

/// Why an accepted call fails afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub code: String,
    pub message: String,
    /// The key identifier at fault, as written.
    pub key: String,
    pub device: String,
    pub problem: KeyProblem,
    pub key_use: KeyUse,
    pub rule: Rule,
    pub basis: Basis,
    pub sources: Vec<String>,
}

/// The answer for a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub status: Status,
    /// Empty when refused; what would have been created when it fails later.
    pub volumes: Vec<Volume>,
    pub error: Option<RequestError>,
    pub failure: Option<Failure>,
}

impl Outcome {
    pub(crate) fn refused(error: RequestError) -> Outcome {
        Outcome {
            status: Status::Error,
            volumes: Vec::new(),
            error: Some(error),
            failure: None,
        }
    }

    /// The result for `device`, if there is one.
    pub fn volume(&self, device: &str) -> Option<&Volume> {
        self.volumes.iter().find(|v| v.device == device)
    }
}
