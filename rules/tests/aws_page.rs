//! One test per statement of the AWS page "Use encryption with EBS-backed AMIs"
//! (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html), named after what it
//! states and citing its section. Paraphrased: the page's own sentences stay on the page.

mod common;
use ami_encryption_rules::{Basis, Change, Rule, Status};
use common::*;

const ROOT: &str = "/dev/xvda";
const DATA: &str = "/dev/sdb";

// --- #AMI-encryption-launch: launch with no encryption parameters -------------------------------

/// #AMI-encryption-launch, intro: with encryption by default on, every volume created from the AMI
/// is encrypted, whether its snapshot was encrypted or not.
#[test]
fn launch_with_encryption_by_default_encrypts_every_volume() {
    let build = launch()
        .by_default(true)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::EncryptedShared);
    assert!(build.resolve().volumes.iter().all(|v| v.encrypted));
}

/// #AMI-encryption-launch, no parameters, bullet 1: unencrypted stays unencrypted.
#[test]
fn launch_no_parameters_unencrypted_snapshot_gives_unencrypted_volume() {
    let v = launch().snapshot(ROOT, Src::UnencryptedOwn).volume(ROOT);
    assert_eq!(
        (v.encrypted, v.change, v.rule, v.basis),
        (
            false,
            Change::Unencrypted,
            Rule::LaunchStatePreserved,
            Basis::Documented
        )
    );
}

/// #AMI-encryption-launch, no parameters, bullet 1 (unless clause): encryption by default encrypts
/// it with the default key.
#[test]
fn launch_no_parameters_unencrypted_snapshot_with_encryption_by_default_uses_default_key() {
    let v = launch()
        .by_default(true)
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change, v.rule),
        (
            Some(DEFAULT_CMK),
            Change::Encrypted,
            Rule::LaunchEncryptionByDefault
        )
    );
}

/// #AMI-encryption-launch, no parameters, bullet 2: an encrypted snapshot you own keeps its key.
#[test]
fn launch_no_parameters_owned_encrypted_snapshot_keeps_its_key() {
    let v = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedOwn)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change, v.rule),
        (Some(APP_KEY), Change::Unchanged, Rule::LaunchOwnedKeepsKey)
    );
}

/// #AMI-encryption-launch, no parameters, bullet 3: a shared encrypted snapshot is re-encrypted with
/// your default key.
#[test]
fn launch_no_parameters_shared_encrypted_snapshot_uses_your_default_key() {
    let v = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedShared)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change, v.rule),
        (
            Some(DEFAULT_CMK),
            Change::ReEncrypted,
            Rule::LaunchSharedDefaultKey
        )
    );
}

// --- #AMI-encryption-launch: Encrypted set, no KmsKeyId ----------------------------------------

/// #AMI-encryption-launch, Encrypted only, bullet 1: an unencrypted snapshot gets the default key.
#[test]
fn launch_encrypted_only_unencrypted_snapshot_gets_default_key() {
    let v = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), None)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change, v.rule),
        (
            Some(DEFAULT_CMK),
            Change::Encrypted,
            Rule::LaunchEncryptedDefaultKey
        )
    );
}

/// #AMI-encryption-launch, Encrypted only, bullet 2: on an owned encrypted snapshot it has no effect.
#[test]
fn launch_encrypted_only_has_no_effect_on_owned_encrypted_snapshot() {
    let with = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedOwn)
        .map(ROOT, Some(true), None)
        .volume(ROOT);
    let without = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedOwn)
        .volume(ROOT);
    assert_eq!(
        (with.kms_key.as_deref(), with.change),
        (Some(APP_KEY), Change::Unchanged)
    );
    assert_eq!(with.kms_key, without.kms_key);
}

/// #AMI-encryption-launch, Encrypted only, bullet 3: on a shared encrypted snapshot it has no effect;
/// the volume lands on your default key, not the owner's.
#[test]
fn launch_encrypted_only_has_no_effect_on_shared_encrypted_snapshot() {
    let with = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedShared)
        .map(ROOT, Some(true), None)
        .volume(ROOT);
    let without = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedShared)
        .volume(ROOT);
    assert_eq!(with.kms_key.as_deref(), Some(DEFAULT_CMK));
    assert_eq!(with.kms_key, without.kms_key);
}

// --- #AMI-encryption-launch: Encrypted and KmsKeyId ---------------------------------------------

/// #AMI-encryption-launch, both parameters, bullet 1: an unencrypted snapshot gets the specified key.
#[test]
fn launch_both_parameters_unencrypted_snapshot_gets_specified_key() {
    let v = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some(OTHER_ALIAS))
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change, v.rule),
        (Some(OTHER_KEY), Change::Encrypted, Rule::LaunchSpecifiedKey)
    );
    assert_eq!(v.kms_key_as_written.as_deref(), Some(OTHER_ALIAS));
}

/// #AMI-encryption-launch, both parameters, bullet 2: an encrypted snapshot is re-encrypted with the
/// specified key instead of its own.
#[test]
fn launch_both_parameters_encrypted_snapshot_is_re_encrypted_with_specified_key() {
    for src in [Src::EncryptedOwn, Src::EncryptedShared] {
        let v = launch()
            .snapshot(ROOT, src)
            .map(ROOT, Some(true), Some(OTHER_ALIAS))
            .volume(ROOT);
        assert_eq!(
            (v.kms_key.as_deref(), v.change),
            (Some(OTHER_KEY), Change::ReEncrypted),
            "{src:?}"
        );
    }
}

/// #AMI-encryption-launch: a KmsKeyId without Encrypted is an error (InvalidParameterDependency).
#[test]
fn launch_kms_key_id_without_encrypted_is_an_error() {
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, None, Some(OTHER_ALIAS))
        .resolve();
    let error = outcome.error.expect("refused");
    assert_eq!(
        (error.code.as_str(), error.rule, error.device.as_deref()),
        (
            "InvalidParameterDependency",
            Rule::KmsKeyWithoutEncrypted,
            Some(ROOT)
        )
    );
    assert_eq!(
        error.message,
        "The parameter KmsKeyId requires the parameter Encrypted to be set."
    );
    assert!(outcome.volumes.is_empty());
}

// --- The launch scenarios ----------------------------------------------------------------------

/// #launch1: Encrypted alone encrypts the volume with the default key; KmsKeyId is optional and
/// picks another key of yours.
#[test]
fn launch1_encrypt_a_volume_during_launch() {
    let base = launch().snapshot(ROOT, Src::UnencryptedOwn);
    assert_eq!(
        base.clone()
            .map(ROOT, Some(true), None)
            .volume(ROOT)
            .kms_key
            .as_deref(),
        Some("alias/aws/ebs")
    );
    assert_eq!(
        base.map(ROOT, Some(true), Some(OTHER_ALIAS))
            .volume(ROOT)
            .kms_key
            .as_deref(),
        Some(OTHER_KEY)
    );
}

/// #launch2: owned and no parameters → same key; shared and no parameters → default key; with
/// parameters → the specified key.
#[test]
fn launch2_re_encrypt_a_volume_during_launch() {
    let own = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedOwn);
    let shared = launch()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedShared);
    assert_eq!(own.volume(ROOT).kms_key.as_deref(), Some(APP_KEY));
    assert_eq!(shared.volume(ROOT).kms_key.as_deref(), Some(DEFAULT_CMK));
    for build in [own, shared] {
        assert_eq!(
            build
                .map(ROOT, Some(true), Some(OTHER_ALIAS))
                .volume(ROOT)
                .kms_key
                .as_deref(),
            Some(OTHER_KEY)
        );
    }
}

/// #launch3: with every parameter given per device, the instance is the same whether or not you own
/// the AMI.
#[test]
fn launch3_all_parameters_give_the_same_instance_whoever_owns_the_ami() {
    let with_params = |root: Src, data: Src| {
        let mut outcome = launch()
            .snapshot(ROOT, root)
            .snapshot(DATA, data)
            .map(ROOT, Some(true), Some(OTHER_ALIAS))
            .map(DATA, Some(true), Some(APP_ALIAS))
            .resolve();
        outcome
            .volumes
            .iter_mut()
            .for_each(|v| v.change = Change::Unchanged);
        outcome
            .volumes
            .iter()
            .map(|v| (v.device.clone(), v.kms_key.clone()))
            .collect::<Vec<_>>()
    };
    let owned = with_params(Src::UnencryptedOwn, Src::EncryptedOwn);
    assert_eq!(
        owned,
        with_params(Src::UnencryptedShared, Src::EncryptedShared)
    );
    assert_eq!(
        owned,
        vec![
            (ROOT.into(), Some(OTHER_KEY.into())),
            (DATA.into(), Some(APP_KEY.into()))
        ]
    );
}

/// #launch3: one launch newly encrypts one volume and re-encrypts another.
#[test]
fn launch3_one_call_encrypts_one_volume_and_re_encrypts_another() {
    let build = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::EncryptedOwn)
        .map(ROOT, Some(true), None)
        .map(DATA, Some(true), Some(OTHER_ALIAS));
    assert_eq!(build.volume(ROOT).change, Change::Encrypted);
    assert_eq!(build.volume(DATA).change, Change::ReEncrypted);
}

/// Block device mapping: a device in the request that is not in the AMI is a new empty volume.
#[test]
fn launch_new_device_is_a_new_empty_volume() {
    let build = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map("/dev/sdf", None, None);
    let v = build.volume("/dev/sdf");
    assert_eq!(
        (v.origin, v.encrypted, v.rule),
        (
            ami_encryption_rules::Origin::New,
            false,
            Rule::LaunchNewVolumeUnencrypted
        )
    );
    let v = launch()
        .by_default(true)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map("/dev/sdf", None, None)
        .volume("/dev/sdf");
    assert_eq!((v.encrypted, v.change), (true, Change::Encrypted));
}

// --- #AMI-encryption-copy ------------------------------------------------------------------------

/// #AMI-encryption-copy, no parameters, bullet 1: unencrypted is copied unencrypted.
#[test]
fn copy_no_parameters_unencrypted_snapshot_stays_unencrypted() {
    let v = copy().snapshot(ROOT, Src::UnencryptedOwn).volume(ROOT);
    assert_eq!(
        (v.encrypted, v.rule, v.basis),
        (false, Rule::CopyStatePreserved, Basis::Documented)
    );
}

/// #AMI-encryption-copy, no parameters, bullet 1 (unless clause): encryption by default encrypts the copy.
#[test]
fn copy_no_parameters_with_encryption_by_default_encrypts_the_copy() {
    let v = copy()
        .by_default(true)
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.rule),
        (Some(DEFAULT_CMK), Rule::CopyEncryptionByDefault)
    );
}

/// #AMI-encryption-copy, no parameters, bullet 2: an owned encrypted snapshot keeps its key. The EBS
/// snapshot-copy page reads otherwise (aws/ebs), so the answer carries that reading.
#[test]
fn copy_no_parameters_owned_encrypted_snapshot_keeps_its_key() {
    let v = copy().snapshot(ROOT, Src::EncryptedOwn).volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change, v.rule, v.basis),
        (
            Some(APP_KEY),
            Change::Unchanged,
            Rule::CopyOwnedKeepsKey,
            Basis::Contested
        )
    );
    let other = v.alternative.expect("the other reading");
    assert_eq!(other.kms_key.as_deref(), Some("alias/aws/ebs"));
    assert!(other.source.contains("ebs-copy-snapshot"));
}

/// #AMI-encryption-copy, no parameters, bullet 3: a shared encrypted snapshot is copied with your
/// default key (the EBS examples page says the owner's key: contested).
#[test]
fn copy_no_parameters_shared_encrypted_snapshot_uses_your_default_key() {
    let v = copy()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::EncryptedShared)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.rule, v.basis),
        (
            Some(DEFAULT_CMK),
            Rule::CopySharedDefaultKey,
            Basis::Contested
        )
    );
    assert_eq!(v.alternative.unwrap().kms_key.as_deref(), Some(PARTNER_KEY));
}

/// #AMI-encryption-copy, Encrypted only, bullet 1: an unencrypted snapshot is copied with the
/// default key.
#[test]
fn copy_encrypted_only_unencrypted_snapshot_gets_default_key() {
    let v = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(Some(true), None)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.rule, v.basis),
        (
            Some("alias/aws/ebs"),
            Rule::CopyEncryptedDefaultKey,
            Basis::Documented
        )
    );
}

/// #AMI-encryption-copy, Encrypted only, bullet 1, with a customer managed default key: the CopyImage
/// API says the AWS managed key is used, so the answer is contested (spec §8.3).
#[test]
fn copy_encrypted_only_with_customer_managed_default_key_is_contested() {
    let v = copy()
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(Some(true), None)
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.basis),
        (Some(DEFAULT_CMK), Basis::Contested)
    );
    assert_eq!(
        v.alternative.unwrap().kms_key.as_deref(),
        Some("alias/aws/ebs")
    );
}

/// #AMI-encryption-copy, Encrypted only, bullets 2 and 3: no effect on encrypted snapshots.
#[test]
fn copy_encrypted_only_has_no_effect_on_encrypted_snapshots() {
    for src in [Src::EncryptedOwn, Src::EncryptedShared] {
        let base = copy().default_key(DEFAULT_ALIAS).snapshot(ROOT, src);
        assert_eq!(
            base.clone()
                .copy_with(Some(true), None)
                .volume(ROOT)
                .kms_key,
            base.volume(ROOT).kms_key,
            "{src:?}"
        );
    }
}

/// #AMI-encryption-copy, both parameters: every snapshot, encrypted or not, gets the specified key.
#[test]
fn copy_both_parameters_encrypt_every_snapshot_with_the_specified_key() {
    let build = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::EncryptedOwn)
        .snapshot("/dev/sdc", Src::EncryptedShared)
        .copy_with(Some(true), Some(OTHER_ALIAS));
    let outcome = build.resolve();
    assert_eq!(outcome.volumes.len(), 3);
    assert!(outcome
        .volumes
        .iter()
        .all(|v| v.kms_key.as_deref() == Some(OTHER_KEY) && v.rule == Rule::CopySpecifiedKey));
}

/// #AMI-encryption-copy: a KmsKeyId without Encrypted is an error.
#[test]
fn copy_kms_key_id_without_encrypted_is_an_error() {
    let outcome = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(None, Some(OTHER_ALIAS))
        .resolve();
    let error = outcome.error.unwrap();
    assert_eq!(
        (error.code.as_str(), error.device),
        ("InvalidParameterDependency", None)
    );
}

/// #copy-unencrypted-to-encrypted: an unencrypted root copied with both parameters is encrypted with
/// the customer managed key; without KmsKeyId the default key.
#[test]
fn copy_unencrypted_to_encrypted_scenario() {
    let base = copy().snapshot(ROOT, Src::UnencryptedOwn);
    let v = base
        .clone()
        .copy_with(Some(true), Some(OTHER_ALIAS))
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change),
        (Some(OTHER_KEY), Change::Encrypted)
    );
    assert_eq!(
        base.copy_with(Some(true), None)
            .volume(ROOT)
            .kms_key
            .as_deref(),
        Some("alias/aws/ebs")
    );
}

/// #copy-unencrypted-to-encrypted, note: encryption by default has the same effect as Encrypted=true
/// for every snapshot.
#[test]
fn copy_encryption_by_default_equals_encrypted_true() {
    let ami = |b: Build| {
        b.default_key(DEFAULT_ALIAS)
            .snapshot(ROOT, Src::UnencryptedOwn)
            .snapshot(DATA, Src::UnencryptedShared)
    };
    let by_default = ami(copy().by_default(true)).resolve();
    let flag = ami(copy()).copy_with(Some(true), None).resolve();
    let keys = |o: &ami_encryption_rules::Outcome| {
        o.volumes
            .iter()
            .map(|v| v.kms_key.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&by_default), keys(&flag));
}

/// Copy an AMI: with no parameters, each snapshot of a multi-snapshot AMI keeps its own state.
#[test]
fn copy_multiple_snapshots_each_keep_their_state() {
    let build = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::EncryptedOwn);
    assert!(!build.volume(ROOT).encrypted);
    assert_eq!(build.volume(DATA).kms_key.as_deref(), Some(APP_KEY));
}

/// CopyImage API: no unencrypted copy of an encrypted snapshot. Explicit Encrypted=false fails the
/// whole request even when only a data snapshot is encrypted (packer #7393).
#[test]
fn copy_encrypted_false_with_any_encrypted_snapshot_is_refused() {
    let outcome = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::EncryptedOwn)
        .copy_with(Some(false), None)
        .resolve();
    assert_eq!(outcome.status, Status::Error);
    let error = outcome.error.unwrap();
    assert_eq!(
        (error.code.as_str(), error.device.as_deref(), error.rule),
        (
            "InvalidRequest",
            Some(DATA),
            Rule::CopyUnencryptedFromEncrypted
        )
    );
    assert!(error
        .message
        .contains("Creating unencrypted copy from an encrypted snapshot is not supported"));
}

/// Spec §11.3: on an AMI with only unencrypted snapshots, Encrypted=false is accepted.
#[test]
fn copy_encrypted_false_of_unencrypted_ami_is_accepted() {
    let v = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(Some(false), None)
        .volume(ROOT);
    assert_eq!((v.encrypted, v.basis), (false, Basis::Inferred));
    let v = copy()
        .by_default(true)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(Some(false), None)
        .volume(ROOT);
    assert_eq!(
        (v.encrypted, v.rule),
        (true, Rule::CopyFalseOverriddenByDefault)
    );
}

/// Launch ignores the copy parameters and copy ignores the launch mappings.
#[test]
fn each_operation_reads_only_its_own_parameters() {
    let v = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(None, Some(OTHER_ALIAS))
        .volume(ROOT);
    assert!(!v.encrypted);
    let outcome = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, None, Some(OTHER_ALIAS))
        .map("/dev/sdf", Some(true), None)
        .resolve();
    assert_eq!((outcome.status, outcome.volumes.len()), (Status::Ok, 1));
}
