//! The six levels of the quiz, in the order a trainer teaches them, and the rules each one asks.

use serde::{Deserialize, Serialize};

use crate::Rule;

/// A level of the quiz. Each level asks about its own [`Level::rules`], on scenarios that use only
/// what this level and the earlier ones teach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Launching your own AMI: parameters per device, encryption by default, new volumes.
    LaunchBasics,
    /// Copying your own AMI: one image-level parameter set.
    Copy,
    /// AMIs shared with you, and another account's key named by its ARN.
    SharedAndOtherAccounts,
    /// Requests AWS refuses, and calls it accepts that then fail on a key.
    RefusedAndFailures,
    /// Copies from another Region, and launches by Amazon EC2 Auto Scaling.
    RegionsAndAutoScaling,
    /// Cells where AWS's pages disagree: either documented reading is accepted.
    Contested,
}

impl Level {
    /// Every level, in teaching order.
    pub const ALL: [Level; 6] = [
        Level::LaunchBasics,
        Level::Copy,
        Level::SharedAndOtherAccounts,
        Level::RefusedAndFailures,
        Level::RegionsAndAutoScaling,
        Level::Contested,
    ];

    /// The stable id, such as `launch-basics`; the page translates it.
    pub fn id(self) -> &'static str {
        match self {
            Level::LaunchBasics => "launch-basics",
            Level::Copy => "copy",
            Level::SharedAndOtherAccounts => "shared-and-other-accounts",
            Level::RefusedAndFailures => "refused-and-failures",
            Level::RegionsAndAutoScaling => "regions-and-auto-scaling",
            Level::Contested => "contested",
        }
    }

    /// Finds a level by its id.
    pub fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.id() == id)
    }

    /// The rules this level asks about, from the simplest to the most advanced. A question teaches
    /// the most advanced of them that its scenario shows (the last in this list), so that simple
    /// rules are asked on scenarios that show nothing else of the level.
    pub fn rules(self) -> &'static [Rule] {
        use Rule::*;
        match self {
            Level::LaunchBasics => &[
                LaunchStatePreserved,
                LaunchOwnedKeepsKey,
                LaunchEncryptedDefaultKey,
                LaunchSpecifiedKey,
                LaunchEncryptionByDefault,
                LaunchNewVolumeUnencrypted,
                LaunchFalseKeepsEncryption,
                LaunchFalseOverriddenByDefault,
            ],
            Level::Copy => &[
                CopyStatePreserved,
                CopyOwnedKeepsKey,
                CopyEncryptedDefaultKey,
                CopySpecifiedKey,
                CopyEncryptionByDefault,
                CopyFalseOverriddenByDefault,
            ],
            Level::SharedAndOtherAccounts => &[
                LaunchSharedDefaultKey,
                LaunchFalseKeepsEncryption,
                LaunchSpecifiedKey,
                CopySpecifiedKey,
            ],
            Level::RefusedAndFailures => &[
                KmsKeyWithoutEncrypted,
                CopyUnencryptedFromEncrypted,
                CopySnapshotNotReadable,
                LaunchNewVolumeWithoutSize,
                LaunchVolumeSmallerThanSnapshot,
                LaunchKeyNotUsable,
                LaunchKeyNotFound,
                CopyKeyNotUsable,
                CopyKeyNotFound,
                KeyNotEnabled,
            ],
            Level::RegionsAndAutoScaling => &[
                CopyEncryptedDefaultKey,
                CopyEncryptionByDefault,
                CopySpecifiedKey,
                KeyWrongRegion,
                LaunchEncryptedDefaultKey,
                LaunchOwnedKeepsKey,
                LaunchSpecifiedKey,
                LaunchEncryptionByDefault,
                LaunchAutoScalingKeyNotAllowed,
            ],
            Level::Contested => &[
                CopyOwnedKeepsKey,
                CopySharedDefaultKey,
                CopyEncryptedDefaultKey,
                CopyEncryptionByDefault,
                CopyFalseOverriddenByDefault,
                CopyCrossRegionDefaultKey,
            ],
        }
    }

    /// Whether this level asks about cells the engine marks contested. The other levels never show
    /// one.
    pub fn is_contested(self) -> bool {
        self == Level::Contested
    }

    /// Whether this level asks about refused requests and failures after acceptance (its
    /// questions never end well), may ask about them (Regions and Auto Scaling), or never does.
    pub(crate) fn statuses(self) -> &'static [crate::Status] {
        use crate::Status::*;
        match self {
            Level::RefusedAndFailures => &[Error, FailsLater],
            Level::RegionsAndAutoScaling => &[Ok, FailsLater],
            _ => &[Ok],
        }
    }
}
