//! One change to a scenario, and applying changes: what a suggestion is made of.

use serde::{Deserialize, Serialize};

use crate::device;
use crate::scenario::{KeyState, LaunchMapping, Operation, Scenario};

/// One change to a scenario. `device: None` names CopyImage's image-level parameters; a device
/// names a RunInstances block-device mapping.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edit {
    /// Sets `Encrypted`; `None` is "not set".
    Encrypted {
        device: Option<String>,
        value: Option<bool>,
    },
    /// Sets `KmsKeyId`, as the page writes identifiers; `None` is "not set".
    KmsKeyId {
        device: Option<String>,
        value: Option<String>,
    },
    /// Sets `NoDevice` on a launch mapping. The search only ever clears it: on the device asked
    /// about (a suppressed device gives no volume), or where it comes with EBS parameters (refused).
    NoDevice { device: String, value: bool },
    /// Sets `VolumeSize` on a launch mapping. The search uses it only to fix a refused size: "not
    /// set" on a snapshot's device (the snapshot's size), 8 GiB for a new volume that has none.
    VolumeSize { device: String, value: Option<u32> },
    /// Leaves every mapping of the device out of the launch request. The search uses it only for
    /// mappings no parameter value repairs: an invalid device name, or a device mapped twice.
    RemoveMapping { device: String },
    /// The Region's "EBS encryption by default" setting.
    EncryptionByDefault(bool),
    /// The Region's default KMS key for EBS (`ModifyEbsDefaultKmsKeyId`), as the page writes it.
    DefaultKmsKey(String),
    /// The key policy (and, for another account's key, its owner's grant) lets you use the key.
    /// `key` is the key's `id`; every listed key with that id changes (the replicas of a
    /// multi-Region key share it, and each needs the change).
    LetYouUse { key: String },
    /// The key policy (and a grant, for another account's key) lets the Amazon EC2 Auto Scaling
    /// service-linked role use the key.
    LetAutoScalingUse { key: String },
    /// Enables the key (for a key pending deletion: cancel the deletion, then enable it).
    EnableKey { key: String },
}

/// How wide a change is: a suggestion's scope is the widest of its edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The call's own parameters.
    Parameters,
    /// The account's Region-level EBS settings.
    Account,
    /// A key's policy, grants or state: someone with rights on the key must act.
    KeyPolicy,
}

impl Edit {
    /// Which kind of change this is.
    pub fn scope(&self) -> Scope {
        match self {
            Edit::Encrypted { .. }
            | Edit::KmsKeyId { .. }
            | Edit::NoDevice { .. }
            | Edit::VolumeSize { .. }
            | Edit::RemoveMapping { .. } => Scope::Parameters,
            Edit::EncryptionByDefault(_) | Edit::DefaultKmsKey(_) => Scope::Account,
            Edit::LetYouUse { .. } | Edit::LetAutoScalingUse { .. } | Edit::EnableKey { .. } => {
                Scope::KeyPolicy
            }
        }
    }

    /// The device of a parameter edit (`None` for image-level or non-parameter edits).
    pub(crate) fn device(&self) -> Option<&str> {
        match self {
            Edit::Encrypted { device, .. } | Edit::KmsKeyId { device, .. } => device.as_deref(),
            Edit::NoDevice { device, .. }
            | Edit::VolumeSize { device, .. }
            | Edit::RemoveMapping { device } => Some(device),
            _ => None,
        }
    }

    /// The same parameter edit on another device (used to repeat a fix on devices alike).
    pub(crate) fn on(&self, other: &str) -> Edit {
        let other = other.to_owned();
        match self.clone() {
            Edit::Encrypted {
                device: Some(_),
                value,
            } => Edit::Encrypted {
                device: Some(other),
                value,
            },
            Edit::KmsKeyId {
                device: Some(_),
                value,
            } => Edit::KmsKeyId {
                device: Some(other),
                value,
            },
            Edit::NoDevice { value, .. } => Edit::NoDevice {
                device: other,
                value,
            },
            Edit::VolumeSize { value, .. } => Edit::VolumeSize {
                device: other,
                value,
            },
            Edit::RemoveMapping { .. } => Edit::RemoveMapping { device: other },
            edit => edit,
        }
    }

    /// The order suggestions are listed in (see [`crate::advice`]): parameters, then account,
    /// then key edits; the device asked about (or the image) before other devices, others by
    /// name; `Encrypted`, `KmsKeyId`, `NoDevice`, `VolumeSize`, mapping removal; values in their
    /// natural order (not set first).
    pub(crate) fn rank(&self, goal: &str) -> (Scope, bool, String, u8, String) {
        let device = self.device().unwrap_or_default();
        let (kind, value) = match self {
            Edit::Encrypted { value, .. } => (0, format!("{value:?}")),
            Edit::KmsKeyId { value, .. } => (1, value.clone().unwrap_or_default()),
            Edit::NoDevice { value, .. } => (2, value.to_string()),
            Edit::VolumeSize { value, .. } => (3, format!("{value:?}")),
            Edit::RemoveMapping { .. } => (4, String::new()),
            Edit::EncryptionByDefault(on) => (5, on.to_string()),
            Edit::DefaultKmsKey(key) => (6, key.clone()),
            Edit::LetYouUse { key } => (7, key.clone()),
            Edit::LetAutoScalingUse { key } => (8, key.clone()),
            Edit::EnableKey { key } => (9, key.clone()),
        };
        let other_device = !device.is_empty() && device != goal;
        (self.scope(), other_device, device.to_owned(), kind, value)
    }
}

/// The scenario with `edits` made, in order. Total: an edit that names a missing key or device, or
/// does not fit the operation (a device edit on a copy, an image-level edit on a launch), changes
/// nothing. At launch, a parameter set on an AMI device without a mapping adds the mapping, and a
/// mapping of an AMI device left with nothing set is removed (it meant nothing). A device that is
/// neither the AMI's nor mapped gets no mapping: a new volume needs a size the edit does not give.
pub fn apply(scenario: &Scenario, edits: &[Edit]) -> Scenario {
    let mut changed = scenario.clone();
    for edit in edits {
        apply_one(&mut changed, edit);
    }
    changed
}

/// Makes one edit in place.
pub(crate) fn apply_one(s: &mut Scenario, edit: &Edit) {
    match edit {
        Edit::Encrypted { device, value } => set_parameter(
            s,
            device.as_deref(),
            |m| m.encrypted = *value,
            |s| s.copy.encrypted = *value,
        ),
        Edit::KmsKeyId { device, value } => set_parameter(
            s,
            device.as_deref(),
            |m| m.kms_key_id = value.clone(),
            |s| s.copy.kms_key_id = value.clone(),
        ),
        Edit::NoDevice { device, value } => {
            set_parameter(s, Some(device), |m| m.no_device = *value, |_| {})
        }
        Edit::VolumeSize { device, value } => {
            set_parameter(s, Some(device), |m| m.volume_size = *value, |_| {})
        }
        Edit::RemoveMapping { device } => {
            if s.operation == Operation::Launch {
                s.launch.retain(|m| m.device != *device);
            }
        }
        Edit::EncryptionByDefault(on) => s.account.encryption_by_default = *on,
        Edit::DefaultKmsKey(key) => s.account.default_kms_key = key.clone(),
        Edit::LetYouUse { key } => each_key(s, key, |k| k.usable = true),
        Edit::LetAutoScalingUse { key } => each_key(s, key, |k| k.auto_scaling = true),
        Edit::EnableKey { key } => each_key(s, key, |k| k.state = KeyState::Enabled),
    }
}

fn each_key(s: &mut Scenario, id: &str, change: impl Fn(&mut crate::Key)) {
    for key in s.account.keys.iter_mut().flatten() {
        if key.id == id {
            change(key);
        }
    }
}

fn set_parameter(
    s: &mut Scenario,
    device: Option<&str>,
    on_mapping: impl FnOnce(&mut LaunchMapping),
    on_copy: impl FnOnce(&mut Scenario),
) {
    match (s.operation, device) {
        (Operation::Copy, None) => on_copy(s),
        (Operation::Launch, Some(device)) => {
            let from_ami = s.snapshots.iter().any(|snap| snap.device == device);
            let at = match s.launch.iter().position(|m| m.device == device) {
                Some(at) => at,
                None if from_ami => {
                    s.launch.push(LaunchMapping {
                        device: device.to_owned(),
                        ..LaunchMapping::default()
                    });
                    s.launch.len() - 1
                }
                None => return,
            };
            on_mapping(&mut s.launch[at]);
            let m = &s.launch[at];
            let empty = m.encrypted.is_none()
                && m.kms_key_id.is_none()
                && !m.no_device
                && m.volume_size.is_none();
            if empty && from_ami {
                s.launch.remove(at);
            }
        }
        _ => {}
    }
}

/// Whether `device` has a mapping that no parameter value repairs.
pub(crate) fn mapping_is_malformed(s: &Scenario, device: &str) -> bool {
    let count = s.launch.iter().filter(|m| m.device == device).count();
    count > 1 || (count == 1 && !device::is_valid(device))
}
