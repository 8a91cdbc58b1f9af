//! The scenario a user builds: their account, an AMI's snapshots, and the call they make.
//!
//! This is also the scenario file format (JSON) that links, files and imports share. Fields may be
//! added, never renamed.

use serde::{Deserialize, Serialize};

use crate::key::KeyOwner;

/// The identifier of the AWS managed key that EBS creates in every Region.
pub const AWS_MANAGED_EBS_KEY: &str = "alias/aws/ebs";

/// Which API call the scenario makes with the AMI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    /// `RunInstances`: restore a volume from every snapshot, per-device parameters.
    #[default]
    Launch,
    /// `CopyImage`: copy every snapshot, one image-level parameter set.
    Copy,
}

/// Who owns an AMI snapshot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SnapshotOwner {
    /// Your own account owns the AMI and its snapshots.
    #[default]
    #[serde(rename = "self")]
    Me,
    /// Another account owns the AMI and shared it with you.
    Shared,
}

/// A KMS key the account knows about: its own, the AWS managed one, or one another account shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// The key ID (normally `1234abcd-12ab-34cd-56ef-1234567890ab`).
    pub id: String,
    /// The alias name, `alias/…`, if the key has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Which account owns the key.
    pub owner: KeyOwner,
    /// Whether you may use the key (key policy and grants allow it, and it is enabled).
    pub usable: bool,
}

/// The caller's account in the Region of the call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The Region-level setting "EBS encryption by default".
    pub encryption_by_default: bool,
    /// The default KMS key for EBS encryption. It applies whether or not encryption by default is on.
    #[serde(default = "default_kms_key")]
    pub default_kms_key: String,
    /// The keys the account knows. `None` (omitted) means: take every identifier as a usable key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<Key>>,
}

fn default_kms_key() -> String {
    AWS_MANAGED_EBS_KEY.to_owned()
}

impl Default for Account {
    fn default() -> Self {
        Account {
            encryption_by_default: false,
            default_kms_key: default_kms_key(),
            keys: None,
        }
    }
}

/// One EBS snapshot behind the AMI, with the device it is mapped to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub device: String,
    pub encrypted: bool,
    /// The key that encrypts the snapshot; only for encrypted snapshots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<String>,
    #[serde(default)]
    pub owner: SnapshotOwner,
}

/// The encryption parameters of one `RunInstances` block-device mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaunchMapping {
    /// The device; one that is not in the AMI is a new empty volume.
    pub device: String,
    /// `None` is "not set", which is not the same as `Some(false)`.
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

/// The image-level encryption parameters of `CopyImage`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyParameters {
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default)]
    pub kms_key_id: Option<String>,
}

/// Everything the rules need to answer "what happens to encryption?".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub operation: Operation,
    #[serde(default)]
    pub account: Account,
    pub snapshots: Vec<Snapshot>,
    /// `RunInstances` block-device mappings (used when `operation` is launch).
    #[serde(default)]
    pub launch: Vec<LaunchMapping>,
    /// `CopyImage` parameters (used when `operation` is copy).
    #[serde(default)]
    pub copy: CopyParameters,
}

impl Scenario {
    /// The launch parameters for `device`, if the request names it.
    pub fn launch_mapping(&self, device: &str) -> Option<&LaunchMapping> {
        self.launch.iter().find(|m| m.device == device)
    }
}
