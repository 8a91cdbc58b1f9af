//! The rules that decide an outcome: stable ids the page translates, and the AWS pages behind them.

use serde::{Deserialize, Serialize};

/// How firmly AWS's documentation backs an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Stated in AWS documentation.
    Documented,
    /// AWS is silent; the answer follows from what it does say.
    Inferred,
    /// AWS pages disagree; the outcome carries the other reading.
    Contested,
}

/// AWS pages the rules cite. One place, so a moved page is fixed once.
pub mod source {
    pub const AMI_LAUNCH: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html#AMI-encryption-launch";
    pub const AMI_COPY: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html#AMI-encryption-copy";
    pub const AMI_LAUNCH1: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html#launch1";
    pub const AMI_LAUNCH2: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html#launch2";
    pub const AMI_LAUNCH3: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html#launch3";
    pub const AMI_COPY_ENCRYPT: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html#copy-unencrypted-to-encrypted";
    pub const EBS_OUTCOMES: &str =
        "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-examples.html#ebs-volume-encryption-outcomes";
    pub const EBS_REENCRYPT_SNAPSHOT: &str =
        "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-examples.html";
    pub const EBS_COPY_SNAPSHOT: &str =
        "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html";
    pub const EBS_BY_DEFAULT: &str =
        "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html";
    pub const EBS_BLOCK_DEVICE: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html";
    pub const COPY_IMAGE_API: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html";
    pub const COPYING_AMIS: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html";
    pub const BLOCK_DEVICE_MAPPING: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html";
    pub const DEVICE_NAMING: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/device_naming.html";
    pub const SHARING_AMIS: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html";
    pub const KMS_KEY_ID: &str =
        "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id";
    pub const COPY_AMI_ACROSS_ACCOUNTS: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#copy-ami-across-accounts";
    pub const COPY_AMI_ENCRYPTION: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#ami-copy-encryption";
    pub const COPY_SNAPSHOT_API: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html";
    pub const OVERRIDE_AMI_MAPPING: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html#Using_OverridingAMIBDM";
    pub const MODIFY_DEFAULT_KEY_API: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyEbsDefaultKmsKeyId.html";
    pub const KMS_MULTI_REGION: &str =
        "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html";
    pub const KMS_CROSS_ACCOUNT: &str =
        "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html#cross-account-use";
    pub const KMS_CALLER_ACCOUNT: &str =
        "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account";
    pub const KMS_SERVICES_EBS: &str =
        "https://docs.aws.amazon.com/kms/latest/developerguide/services-ebs.html";
    pub const KMS_DELETING_KEYS: &str =
        "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html";
    pub const AUTO_SCALING_KEY_POLICY: &str =
        "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html";
    pub const AUTO_SCALING_LAUNCH_FAILURE: &str =
        "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ts-as-instancelaunchfailure.html";
    pub const REGIONS: &str =
        "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html";
    pub const ACCOUNT_ID: &str =
        "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html";
    pub const TROUBLESHOOT_LAUNCH: &str =
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/troubleshooting-launch.html#troubleshooting-launch-internal";
}

macro_rules! rules {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal ),* $(,)?) => {
        /// Every rule the engine can fire. The id is stable: the page and its translations key on it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Rule {
            $( $(#[$doc])* #[serde(rename = $id)] $variant, )*
        }

        impl Rule {
            /// Every rule, in declaration order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable id, such as `launch.specified-key`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }
        }
    };
}

rules! {
    // RunInstances, per volume.
    /// `Encrypted=true` with `KmsKeyId=X`: the volume is encrypted with X, whatever the source.
    LaunchSpecifiedKey = "launch.specified-key",
    /// An encrypted snapshot you own keeps its key (with no parameters, or `Encrypted=true`).
    LaunchOwnedKeepsKey = "launch.owned-keeps-key",
    /// An encrypted snapshot shared with you is re-encrypted with your default key.
    LaunchSharedDefaultKey = "launch.shared-default-key",
    /// `Encrypted=true` without a key on an unencrypted snapshot or new volume: your default key.
    LaunchEncryptedDefaultKey = "launch.encrypted-default-key",
    /// Encryption by default encrypts an unencrypted snapshot or new volume with your default key.
    LaunchEncryptionByDefault = "launch.encryption-by-default",
    /// Nothing asks for encryption: an unencrypted snapshot gives an unencrypted volume.
    LaunchStatePreserved = "launch.state-preserved",
    /// Nothing asks for encryption: a new empty volume is unencrypted.
    LaunchNewVolumeUnencrypted = "launch.new-volume-unencrypted",
    /// `Encrypted=false` cannot remove encryption from an encrypted snapshot's volume.
    LaunchFalseKeepsEncryption = "launch.false-keeps-encryption",
    /// `Encrypted=false` cannot opt a volume out of encryption by default.
    LaunchFalseOverriddenByDefault = "launch.false-overridden-by-default",

    // CopyImage, per snapshot.
    /// `Encrypted=true` with `KmsKeyId=X`: every snapshot copy is encrypted with X.
    CopySpecifiedKey = "copy.specified-key",
    /// An encrypted snapshot you own is copied with the same key.
    CopyOwnedKeepsKey = "copy.owned-keeps-key",
    /// An encrypted snapshot shared with you is copied with your default key.
    CopySharedDefaultKey = "copy.shared-default-key",
    /// `Encrypted=true` without a key on an unencrypted snapshot: your default key.
    CopyEncryptedDefaultKey = "copy.encrypted-default-key",
    /// Encryption by default encrypts the copy of an unencrypted snapshot with your default key.
    CopyEncryptionByDefault = "copy.encryption-by-default",
    /// Nothing asks for encryption: an unencrypted snapshot is copied unencrypted.
    CopyStatePreserved = "copy.state-preserved",
    /// An encrypted snapshot copied to another Region without `KmsKeyId` cannot keep its key (KMS
    /// keys stay in their Region): the destination's default key encrypts the copy.
    CopyCrossRegionDefaultKey = "copy.cross-region-default-key",
    /// `Encrypted=false` cannot opt a copy out of encryption by default.
    CopyFalseOverriddenByDefault = "copy.false-overridden-by-default",

    // Whole-request errors.
    /// `KmsKeyId` without `Encrypted=true` is refused.
    KmsKeyWithoutEncrypted = "request.kms-key-without-encrypted",
    /// `Encrypted=false` on a copy of an AMI with any encrypted snapshot is refused.
    CopyUnencryptedFromEncrypted = "copy.unencrypted-copy-of-encrypted",
    /// Two mappings of one RunInstances request name the same device.
    LaunchDuplicateMapping = "launch.duplicate-mapping",
    /// A RunInstances mapping names a device EC2 does not accept.
    LaunchInvalidDeviceName = "launch.invalid-device-name",
    /// A mapping for a new empty volume gives no `VolumeSize` (and has no snapshot).
    LaunchNewVolumeWithoutSize = "launch.new-volume-without-size",
    /// A mapping's `VolumeSize` is smaller than its snapshot.
    LaunchVolumeSmallerThanSnapshot = "launch.volume-smaller-than-snapshot",
    /// A mapping both suppresses its device (`NoDevice`) and sets EBS parameters for it.
    LaunchNoDeviceWithParameters = "launch.no-device-with-parameters",
    /// Copying a shared AMI needs read permission on its snapshots; launching does not.
    CopySnapshotNotReadable = "copy.snapshot-not-readable",

    // Accepted, then failing.
    /// A key the launch needs is not usable by you: the instance terminates.
    LaunchKeyNotUsable = "launch.key-not-usable",
    /// An identifier names no key you can use: the instance terminates.
    LaunchKeyNotFound = "launch.key-not-found",
    /// A key the copy needs is not usable by you: the new AMI fails.
    CopyKeyNotUsable = "copy.key-not-usable",
    /// An identifier names no key you can use: the new AMI fails.
    CopyKeyNotFound = "copy.key-not-found",
    /// A KMS key works only in its own Region; this one is elsewhere.
    KeyWrongRegion = "key.wrong-region",
    /// Another account's AWS managed key: its key policy admits only its own account.
    KeyOtherAccountAwsManaged = "key.other-account-aws-managed",
    /// A disabled key, or one pending deletion, cannot encrypt or decrypt.
    KeyNotEnabled = "key.not-enabled",
    /// EBS uses symmetric keys only.
    KeyAsymmetric = "key.asymmetric",
    /// The Amazon EC2 Auto Scaling service-linked role may not use a customer managed key it needs.
    LaunchAutoScalingKeyNotAllowed = "launch.auto-scaling-key-not-allowed",

    // Scenarios that cannot exist.
    /// A shared AMI cannot have a snapshot encrypted with an AWS managed key.
    ScenarioAwsManagedKeyShared = "scenario.aws-managed-key-shared",
    /// Two snapshots of one AMI are mapped to the same device.
    ScenarioDuplicateDevice = "scenario.duplicate-device",
    /// A snapshot is mapped to a device name EC2 does not accept.
    ScenarioInvalidDeviceName = "scenario.invalid-device-name",
    /// An EBS-backed AMI has at least its root snapshot.
    ScenarioNoSnapshots = "scenario.no-snapshots",
    /// An encrypted snapshot names no key.
    ScenarioMissingSnapshotKey = "scenario.missing-snapshot-key",
    /// An unencrypted snapshot names a key.
    ScenarioKeyOnUnencryptedSnapshot = "scenario.key-on-unencrypted-snapshot",
    /// A snapshot's key is not among the account's keys.
    ScenarioUnknownSnapshotKey = "scenario.unknown-snapshot-key",
    /// Two keys share a key ID, or two keys of one account share an alias.
    ScenarioDuplicateKey = "scenario.duplicate-key",
    /// A key's alias is not of the form `alias/…`, or takes the reserved `alias/aws/` prefix.
    ScenarioInvalidAlias = "scenario.invalid-alias",
    /// A key has an empty key ID.
    ScenarioEmptyKeyId = "scenario.empty-key-id",
    /// An account ID is 12 digits.
    ScenarioInvalidAccountId = "scenario.invalid-account-id",
    /// A Region code such as `us-east-1`.
    ScenarioInvalidRegion = "scenario.invalid-region",
    /// A key said to be another account's carries your own account ID.
    ScenarioOtherAccountIsYours = "scenario.other-account-is-yours",
    /// Multi-Region keys, and only they, have `mrk-` key IDs.
    ScenarioMultiRegionKeyId = "scenario.multi-region-key-id",
    /// A snapshot's key lives in the snapshot's Region.
    ScenarioSnapshotKeyOtherRegion = "scenario.snapshot-key-other-region",
    /// You can always read your own snapshots.
    ScenarioOwnSnapshotUnreadable = "scenario.own-snapshot-unreadable",
    /// Sizes are whole GiB, at least 1.
    ScenarioInvalidSize = "scenario.invalid-size",
}

impl Rule {
    /// Finds a rule by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.id() == id)
    }

    /// The AWS pages that back this rule, most specific first.
    pub fn sources(self) -> &'static [&'static str] {
        use source::*;
        use Rule::*;
        match self {
            LaunchSpecifiedKey => &[AMI_LAUNCH, AMI_LAUNCH2, EBS_OUTCOMES],
            LaunchOwnedKeepsKey | LaunchSharedDefaultKey => {
                &[AMI_LAUNCH, AMI_LAUNCH2, EBS_OUTCOMES]
            }
            LaunchEncryptedDefaultKey => &[AMI_LAUNCH, AMI_LAUNCH1, EBS_OUTCOMES],
            LaunchEncryptionByDefault => &[AMI_LAUNCH, EBS_BY_DEFAULT, EBS_OUTCOMES],
            LaunchStatePreserved | LaunchNewVolumeUnencrypted => &[AMI_LAUNCH, EBS_OUTCOMES],
            LaunchFalseKeepsEncryption => &[EBS_BLOCK_DEVICE],
            LaunchFalseOverriddenByDefault | CopyFalseOverriddenByDefault => &[EBS_BY_DEFAULT],
            CopySpecifiedKey => &[AMI_COPY, AMI_COPY_ENCRYPT, COPY_IMAGE_API],
            CopyOwnedKeepsKey => &[AMI_COPY, COPYING_AMIS],
            CopySharedDefaultKey => &[AMI_COPY],
            CopyEncryptedDefaultKey => &[AMI_COPY, AMI_COPY_ENCRYPT],
            CopyEncryptionByDefault => &[AMI_COPY, AMI_COPY_ENCRYPT, EBS_BY_DEFAULT],
            CopyStatePreserved => &[AMI_COPY, COPYING_AMIS],
            KmsKeyWithoutEncrypted => &[AMI_LAUNCH, AMI_COPY, COPY_IMAGE_API],
            CopyUnencryptedFromEncrypted => &[COPY_IMAGE_API, COPYING_AMIS],
            LaunchDuplicateMapping => &[BLOCK_DEVICE_MAPPING],
            LaunchInvalidDeviceName | ScenarioInvalidDeviceName => &[DEVICE_NAMING],
            LaunchKeyNotUsable | LaunchKeyNotFound => &[TROUBLESHOOT_LAUNCH, EBS_OUTCOMES],
            CopyKeyNotUsable | CopyKeyNotFound => &[COPY_IMAGE_API],
            CopyCrossRegionDefaultKey => {
                &[COPY_AMI_ENCRYPTION, KMS_MULTI_REGION, COPY_SNAPSHOT_API]
            }
            LaunchNewVolumeWithoutSize | LaunchVolumeSmallerThanSnapshot => &[EBS_BLOCK_DEVICE],
            LaunchNoDeviceWithParameters => &[OVERRIDE_AMI_MAPPING],
            CopySnapshotNotReadable => &[COPY_AMI_ACROSS_ACCOUNTS, SHARING_AMIS],
            KeyWrongRegion => &[KMS_MULTI_REGION, COPY_IMAGE_API],
            KeyOtherAccountAwsManaged => &[KMS_CALLER_ACCOUNT, KMS_CROSS_ACCOUNT],
            KeyNotEnabled => &[KMS_SERVICES_EBS, MODIFY_DEFAULT_KEY_API, KMS_DELETING_KEYS],
            KeyAsymmetric => &[KMS_SERVICES_EBS, COPY_IMAGE_API],
            LaunchAutoScalingKeyNotAllowed => {
                &[AUTO_SCALING_KEY_POLICY, AUTO_SCALING_LAUNCH_FAILURE]
            }
            ScenarioInvalidAccountId | ScenarioOtherAccountIsYours => &[ACCOUNT_ID],
            ScenarioInvalidRegion => &[REGIONS],
            ScenarioMultiRegionKeyId => &[KMS_MULTI_REGION],
            ScenarioSnapshotKeyOtherRegion => &[KMS_MULTI_REGION, COPY_AMI_ENCRYPTION],
            ScenarioOwnSnapshotUnreadable => &[COPY_AMI_ACROSS_ACCOUNTS],
            ScenarioInvalidSize => &[EBS_BLOCK_DEVICE],
            ScenarioAwsManagedKeyShared => &[SHARING_AMIS],
            ScenarioDuplicateDevice | ScenarioNoSnapshots => &[BLOCK_DEVICE_MAPPING],
            ScenarioMissingSnapshotKey
            | ScenarioKeyOnUnencryptedSnapshot
            | ScenarioUnknownSnapshotKey => &[AMI_LAUNCH],
            ScenarioDuplicateKey | ScenarioInvalidAlias | ScenarioEmptyKeyId => &[KMS_KEY_ID],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        for (i, rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(Rule::from_id(rule.id()), Some(*rule));
            assert!(
                Rule::ALL[..i].iter().all(|other| other.id() != rule.id()),
                "{} twice",
                rule.id()
            );
            let json = serde_json::to_string(rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.id()));
            assert!(!rule.sources().is_empty());
        }
    }
}
