//! What an import read, skipped or assumed: ids with arguments, for the page to translate.

use serde::Serialize;

use super::{At, Recognised};

/// How the import decided whether the AMI is yours or shared with you.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ownership {
    /// `OwnerId` compared with the account of `aws sts get-caller-identity`.
    CallerIdentity,
    /// `OwnerId` compared with the scenario's account ID (no caller identity was pasted).
    ScenarioAccount,
    /// Neither was known: the AMI is taken as yours, and its owner as your account.
    AssumedYours,
    /// The image has an owner alias (`amazon`, `aws-marketplace`): AWS's or the Marketplace's.
    OwnerAlias,
}

/// Which Region an ARN or a bundle told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionOf {
    /// The Region of the call (a launch's, or a copy's destination).
    Call,
    /// A copy's source Region, where the AMI is.
    Ami,
}

/// One thing the page tells about an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum Note {
    /// An output was recognised.
    Read { at: At, shape: Recognised },
    /// The AMI that was read, and whose it is.
    Image {
        image_id: String,
        owner_id: String,
        shared: bool,
        ownership: Ownership,
    },
    /// An instance-store volume (`VirtualName` `ephemeral0` …): no snapshot, no encryption to explain.
    SkippedInstanceStore {
        device: String,
        virtual_name: String,
    },
    /// A mapping that leaves its device out (`NoDevice`).
    SkippedNoDevice { device: String },
    /// An EBS mapping without a snapshot.
    SkippedNoSnapshot { device: String },
    /// An encrypted snapshot whose key is unknown: paste `describe-snapshots` for it.
    SnapshotKeyUnknown { device: String, snapshot_id: String },
    /// A described snapshot that the image does not use (or no image was pasted): left out.
    SnapshotNotReferenced { snapshot_id: String },
    /// A key was added to the account's keys, or updated there.
    KeyAdded { arn: String, described: bool },
    /// A key no `describe-key` output describes: taken as usable, enabled, symmetric, and
    /// customer managed unless its alias is an AWS one (`alias/aws/…`).
    KeyNotDescribed { arn: String },
    /// `list-aliases` named this key.
    AliasMatched { arn: String, alias: String },
    /// A key state EBS cannot use (`PendingImport`, `Unavailable`, …), taken as disabled.
    KeyStateUnusable { arn: String, state: String },
    /// Another account's AWS managed key: named by its alias ARN, not listed as a key (only its
    /// own account can use it, which the rules know without a list entry).
    OtherAccountAwsManaged { arn: String },
    /// A Region taken from ARNs or the bundle, replacing the scenario's.
    Region { region: String, of: RegionOf },
    /// Your account ID, from `get-caller-identity` (or, when assumed, the AMI's owner).
    Account { account: String },
}
