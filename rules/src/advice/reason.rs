//! Why no parameter setting gives the outcome asked for.

use serde::{Deserialize, Serialize};

use crate::outcome::{ErrorKind, KeyProblem, Outcome};
use crate::rule::Rule;

/// Why no setting of the call's parameters gives the outcome asked for. The id is stable: the
/// page translates it. Some reasons leave account or key-policy suggestions open (noted below).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The scenario itself cannot exist (a `scenario.*` error, such as a shared AMI whose snapshot
    /// is encrypted with the owner's `aws/ebs`): no call, setting or key change fixes it.
    ScenarioCannotExist,
    /// Nothing of the AMI or the request has this device: there is no result to change.
    NoSuchDevice,
    /// The key asked for is not a key the account knows (or not an identifier at all).
    UnknownKey,
    /// The key asked for is another account's, named by alias name or key ID: KMS takes such a
    /// name as your account's; only its ARN names the other account's key.
    KeyNeedsArn,
    /// The key asked for lives in another Region than the call: a volume or copy can only be
    /// encrypted with a key of its own Region (a copy to another Region cannot keep its key).
    KeyWrongRegion,
    /// The key asked for is another account's AWS managed key: only its own account can use it,
    /// and its policy cannot change.
    KeyOtherAccountAwsManaged,
    /// The key asked for is asymmetric: EBS uses symmetric keys only.
    KeyAsymmetric,
    /// A key the call needs (the one asked for, or one that reads a snapshot) does not let the
    /// caller (you, or the Auto Scaling role) use it: only a key-policy change helps (see
    /// `key_policy`).
    KeyNotUsable,
    /// A key the call needs is disabled or pending deletion: only enabling it helps (see
    /// `key_policy`).
    KeyNotEnabled,
    /// Unencrypted was asked for an encrypted snapshot: encryption is never removed.
    EncryptionCannotBeRemoved,
    /// Unencrypted was asked while the account encrypts by default: `Encrypted=false` does not opt
    /// out; only turning the account setting off helps (see `account`).
    EncryptionByDefaultOn,
    /// Copying a shared AMI needs read permission on its snapshots, which only their owner gives.
    SnapshotNotReadable,
    /// The device asked about is a new volume under a device name EC2 refuses: it never becomes a
    /// volume.
    DeviceNameInvalid,
    /// The search found no setting and cannot name a rule that forbids one. The current rules do
    /// not lead here; it keeps the answer total.
    NeedsMoreChanges,
}

impl Reason {
    /// Every reason, in declaration order.
    pub const ALL: &'static [Reason] = &[
        Reason::ScenarioCannotExist,
        Reason::NoSuchDevice,
        Reason::UnknownKey,
        Reason::KeyNeedsArn,
        Reason::KeyWrongRegion,
        Reason::KeyOtherAccountAwsManaged,
        Reason::KeyAsymmetric,
        Reason::KeyNotUsable,
        Reason::KeyNotEnabled,
        Reason::EncryptionCannotBeRemoved,
        Reason::EncryptionByDefaultOn,
        Reason::SnapshotNotReadable,
        Reason::DeviceNameInvalid,
        Reason::NeedsMoreChanges,
    ];

    /// The stable id, such as `encryption-cannot-be-removed`.
    pub fn id(self) -> &'static str {
        match self {
            Reason::ScenarioCannotExist => "scenario-cannot-exist",
            Reason::NoSuchDevice => "no-such-device",
            Reason::UnknownKey => "unknown-key",
            Reason::KeyNeedsArn => "key-needs-arn",
            Reason::KeyWrongRegion => "key-wrong-region",
            Reason::KeyOtherAccountAwsManaged => "key-other-account-aws-managed",
            Reason::KeyAsymmetric => "key-asymmetric",
            Reason::KeyNotUsable => "key-not-usable",
            Reason::KeyNotEnabled => "key-not-enabled",
            Reason::EncryptionCannotBeRemoved => "encryption-cannot-be-removed",
            Reason::EncryptionByDefaultOn => "encryption-by-default-on",
            Reason::SnapshotNotReadable => "snapshot-not-readable",
            Reason::DeviceNameInvalid => "device-name-invalid",
            Reason::NeedsMoreChanges => "needs-more-changes",
        }
    }

    /// The reason a key problem gives.
    pub(crate) fn of_key(problem: KeyProblem) -> Reason {
        match problem {
            KeyProblem::NotUsable | KeyProblem::AutoScalingNotAllowed => Reason::KeyNotUsable,
            KeyProblem::NotFound => Reason::UnknownKey,
            KeyProblem::OtherAccountNeedsArn => Reason::KeyNeedsArn,
            KeyProblem::WrongRegion => Reason::KeyWrongRegion,
            KeyProblem::OtherAccountAwsManaged => Reason::KeyOtherAccountAwsManaged,
            KeyProblem::Disabled | KeyProblem::PendingDeletion => Reason::KeyNotEnabled,
            KeyProblem::Asymmetric => Reason::KeyAsymmetric,
        }
    }

    /// What stops the outcome the search came closest with.
    pub(crate) fn of_outcome(outcome: &Outcome) -> Reason {
        if let Some(failure) = &outcome.failure {
            return Reason::of_key(failure.problem);
        }
        match &outcome.error {
            Some(e) if e.kind == ErrorKind::Scenario => Reason::ScenarioCannotExist,
            Some(e) if e.rule == Rule::CopySnapshotNotReadable => Reason::SnapshotNotReadable,
            Some(e) if e.rule == Rule::LaunchInvalidDeviceName => Reason::DeviceNameInvalid,
            _ => Reason::NeedsMoreChanges,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::RequestError;
    use crate::rule::Basis;

    #[test]
    fn ids_are_unique_kebab_case() {
        for (i, reason) in Reason::ALL.iter().enumerate() {
            let id = reason.id();
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
            assert!(Reason::ALL[..i].iter().all(|r| r.id() != id));
        }
    }

    /// The fallback: a refusal the search should always get past (here a duplicate mapping, which
    /// removing the mapping repairs) is named as such, not as a rule that forbids the outcome.
    #[test]
    fn a_refusal_no_rule_explains_needs_more_changes() {
        let outcome = Outcome::refused(RequestError {
            code: "InvalidBlockDeviceMapping".into(),
            message: String::new(),
            device: Some("/dev/sdb".into()),
            kind: ErrorKind::Request,
            rule: Rule::LaunchDuplicateMapping,
            basis: Basis::Inferred,
            code_basis: Basis::Inferred,
            sources: Vec::new(),
            at: None,
        });
        assert_eq!(Reason::of_outcome(&outcome), Reason::NeedsMoreChanges);
    }
}
