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
    /// The full ARN of that key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
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
    /// The full ARN of that key (an alias ARN for an AWS managed key known only by its alias), so
    /// that `aws/ebs` of one Region or account can be told from another's.
    #[serde(default)]
    pub kms_key_arn: Option<String>,
    /// The size in GiB: the mapping's `VolumeSize`, else the snapshot's.
    #[serde(default)]
    pub size: u32,
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
    /// How firmly AWS documents the rule.
    pub basis: Basis,
    /// How firmly AWS documents the code and message themselves (often only public reports show
    /// them).
    #[serde(default = "inferred")]
    pub code_basis: Basis,
    pub sources: Vec<String>,
    /// Where in the scenario the problem is, as a JSON pointer (`/snapshots/1/device`).
    pub at: Option<String>,
}

fn inferred() -> Basis {
    Basis::Inferred
}

/// Why a key stops the call after it was accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyProblem {
    /// The key exists, but its key policy and grants do not let you use it.
    NotUsable,
    /// The identifier names no key.
    NotFound,
    /// The identifier names another account's key by key ID or alias name; KMS needs its ARN.
    OtherAccountNeedsArn,
    /// The key is in another Region than where it must be used.
    WrongRegion,
    /// Another account's AWS managed key: only its own account can use it.
    OtherAccountAwsManaged,
    /// The Amazon EC2 Auto Scaling service-linked role may not use this customer managed key.
    AutoScalingNotAllowed,
    Disabled,
    PendingDeletion,
    /// EBS uses symmetric keys only.
    Asymmetric,
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
    /// How firmly AWS documents this code and message, apart from the rule's own basis.
    pub code_basis: Basis,
    /// The key identifier at fault, as written.
    pub key: String,
    /// The full ARN it names, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_arn: Option<String>,
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
    /// Devices of the AMI that the launch leaves out with `NoDevice`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<String>,
}

impl Outcome {
    pub(crate) fn refused(error: RequestError) -> Outcome {
        Outcome {
            status: Status::Error,
            volumes: Vec::new(),
            error: Some(error),
            failure: None,
            suppressed: Vec::new(),
        }
    }

    /// The result for `device`, if there is one.
    pub fn volume(&self, device: &str) -> Option<&Volume> {
        self.volumes.iter().find(|v| v.device == device)
    }
}
