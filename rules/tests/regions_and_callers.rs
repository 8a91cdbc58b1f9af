//! Your account and Region, keys that live in Regions and have states and specs, cross-Region
//! copies, Amazon EC2 Auto Scaling as the caller, snapshot read permission, `NoDevice` and
//! `VolumeSize`, and reading files and links of the first format (spec §12, research notes on
//! key failures). Each test states the AWS fact in our own words and names its page.

mod common;
use ami_encryption_rules::input;
use ami_encryption_rules::link;
use ami_encryption_rules::{
    device, source, Basis, Caller, Change, ErrorKind, Key, KeyOwner, KeyProblem, KeySpec, KeyState,
    KeyUse, LaunchMapping, Operation, Origin, Outcome, Rule, Scenario, Snapshot, SnapshotOwner,
    Status, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_SNAPSHOT_SIZE, FORMAT,
};
use common::*;

const ROOT: &str = "/dev/xvda";
const DATA: &str = "/dev/sdb";
const NEW: &str = "/dev/sdf";

/// Your account when a scenario gives none (and the one every ARN below that says "yours" names).
const ME: &str = DEFAULT_ACCOUNT_ID;
/// The other account of AWS's examples: never yours here.
const THEIRS: &str = "111122223333";
const EU: &str = "eu-west-1";
const US: &str = DEFAULT_REGION;

/// Keys of the alias `alias/ebs`: yours in us-east-1, the other account's in us-east-1, yours in
/// eu-west-1.
const EBS_US: &str = "aaaa1111-0000-4000-8000-000000000001";
const EBS_THEIRS: &str = "aaaa1111-0000-4000-8000-000000000002";
const EBS_EU: &str = "aaaa1111-0000-4000-8000-000000000003";
/// A key of yours that lives in us-east-1 (a copy's source Region in the cross-Region tests).
const SRC_KEY: &str = "bbbb2222-0000-4000-8000-000000000001";
const SRC_ALIAS: &str = "alias/src";
/// A multi-Region key: the same key ID in us-east-1 and its replica in eu-west-1.
const MRK: &str = "mrk-1234abcd12ab34cd56ef1234567890ab";

fn key_arn(region: &str, account: &str, id: &str) -> String {
    format!("arn:aws:kms:{region}:{account}:key/{id}")
}

fn in_region(mut key: Key, region: &str) -> Key {
    key.region = Some(region.to_owned());
    key
}

/// The three `alias/ebs` keys, each with an explicit Region.
fn ebs_keys() -> Vec<Key> {
    vec![
        in_region(key(EBS_US, Some("alias/ebs"), KeyOwner::Me, true), US),
        in_region(
            key(
                EBS_THEIRS,
                Some("alias/ebs"),
                KeyOwner::Account(THEIRS.into()),
                true,
            ),
            US,
        ),
        in_region(key(EBS_EU, Some("alias/ebs"), KeyOwner::Me, true), EU),
    ]
}

/// A launch of an unencrypted root with `Encrypted=true` and `KmsKeyId`, with the given keys only.
fn launch_with_key(keys: Vec<Key>, kms_key_id: &str) -> Build {
    launch()
        .with(|s| s.account.keys = Some(keys))
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some(kms_key_id))
}

/// A copy from us-east-1 (source) to eu-west-1 (your account's Region, the destination). Keys that
/// give no Region live in eu-west-1; `alias/src` lives in us-east-1.
fn copy_to_eu() -> Build {
    copy()
        .with(|s| {
            s.account.region = EU.into();
            s.copy.source_region = Some(US.into());
        })
        .with_key(in_region(
            key(SRC_KEY, Some(SRC_ALIAS), KeyOwner::Me, true),
            US,
        ))
}

/// Re-applies the source Region after `copy_with` (which resets the CopyImage parameters).
fn from_us(build: Build) -> Build {
    build.with(|s| s.copy.source_region = Some(US.into()))
}

fn own_snapshot(device: &str, kms_key: &str) -> Snapshot {
    Snapshot {
        device: device.into(),
        encrypted: true,
        kms_key: Some(kms_key.into()),
        owner: SnapshotOwner::Me,
        ..Snapshot::default()
    }
}

fn failure_of(outcome: &Outcome) -> &ami_encryption_rules::Failure {
    assert_eq!(outcome.status, Status::FailsLater, "{outcome:#?}");
    outcome.failure.as_ref().unwrap()
}

// --- 1. Identity: your account and Region ---------------------------------------------------------

/// A scenario that names no account or Region is AWS's documentation account in us-east-1; files
/// written before accounts existed get exactly that.
/// (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html)
#[test]
fn old_scenarios_without_account_id_or_region_get_the_defaults() {
    let defaults = Scenario::default();
    assert_eq!(
        (
            defaults.account.id.as_str(),
            defaults.account.region.as_str()
        ),
        ("123456789012", "us-east-1")
    );
    let old = input::parse_one(
        r#"{"operation": "launch", "account": {"encryption_by_default": false},
            "snapshots": [{"device": "/dev/xvda", "encrypted": false}]}"#,
    )
    .unwrap();
    assert_eq!(
        (old.account.id.as_str(), old.account.region.as_str()),
        (ME, US)
    );
    assert_eq!(old.format, FORMAT);
}

/// KMS takes a bare key ID or alias name as a key of the caller's own account, in the Region of the
/// call; an alias of the same name elsewhere is another key.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html#cross-account-use,
/// https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html)
#[test]
fn bare_alias_names_only_your_key_in_your_region() {
    let v = launch_with_key(ebs_keys(), "alias/ebs").volume(ROOT);
    assert_eq!(v.kms_key.as_deref(), Some(EBS_US));
    assert_eq!(v.kms_key_arn, Some(key_arn(US, ME, EBS_US)));

    let in_eu = launch_with_key(ebs_keys(), "alias/ebs").with(|s| s.account.region = EU.into());
    assert_eq!(in_eu.resolve().status, Status::Ok);
    assert_eq!(
        in_eu.volume(ROOT).kms_key_arn,
        Some(key_arn(EU, ME, EBS_EU))
    );
}

/// An ARN names the key of exactly the account and Region in it.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id)
#[test]
fn arn_names_the_key_of_its_own_account_and_region() {
    let theirs = format!("arn:aws:kms:{US}:{THEIRS}:alias/ebs");
    let v = launch_with_key(ebs_keys(), &theirs).volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.kms_key_arn),
        (Some(EBS_THEIRS), Some(key_arn(US, THEIRS, EBS_THEIRS)))
    );
    let mine_by_key_arn = key_arn(US, ME, EBS_US);
    let v = launch_with_key(ebs_keys(), &mine_by_key_arn).volume(ROOT);
    assert_eq!(v.kms_key.as_deref(), Some(EBS_US));
}

/// Regression (audit): the alias ARN of another account's `alias/ebs` is that account's key, never
/// your own `alias/ebs`; when the scenario lists no such key, the identifier names nothing and the
/// launch fails after it is accepted.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html#cross-account-use)
#[test]
fn other_accounts_alias_arn_never_resolves_to_your_alias() {
    let theirs = format!("arn:aws:kms:{US}:{THEIRS}:alias/ebs");
    let only_mine = vec![in_region(
        key(EBS_US, Some("alias/ebs"), KeyOwner::Me, true),
        US,
    )];
    let outcome = launch_with_key(only_mine, &theirs).resolve();
    let failure = failure_of(&outcome);
    assert_eq!(
        (failure.problem, failure.rule, failure.key.as_str()),
        (
            KeyProblem::NotFound,
            Rule::LaunchKeyNotFound,
            theirs.as_str()
        )
    );
    let v = &outcome.volumes[0];
    assert_ne!(v.kms_key.as_deref(), Some(EBS_US));
    assert_eq!(v.kms_key_arn.as_deref(), Some(theirs.as_str()));
}

/// Regression (audit): which key an identifier names cannot depend on the order in which the
/// account's keys are listed; here two `alias/ebs` keys differ by account and two by Region, and
/// every order of the list gives the same outcome for every identifier and for the snapshot's key.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html)
#[test]
fn key_list_order_never_changes_the_outcome() {
    let identifiers = [
        "alias/ebs".to_owned(),
        format!("arn:aws:kms:{US}:{THEIRS}:alias/ebs"),
        format!("arn:aws:kms:{EU}:{ME}:alias/ebs"),
        format!("arn:aws:kms:{US}:{ME}:alias/ebs"),
        EBS_EU.to_owned(),
    ];
    let keys = ebs_keys();
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for region in [US, EU] {
        for identifier in &identifiers {
            let build = |order: &[usize; 3], operation: Operation| {
                let keys: Vec<Key> = order.iter().map(|&i| keys[i].clone()).collect();
                let mut b = launch()
                    .with(|s| {
                        s.account.keys = Some(keys);
                        s.account.region = region.into();
                        s.operation = operation;
                    })
                    .raw_snapshot(own_snapshot(ROOT, "alias/ebs"))
                    .snapshot(DATA, Src::UnencryptedOwn);
                if operation == Operation::Launch {
                    b = b.map(DATA, Some(true), Some(identifier));
                } else {
                    b = b.copy_with(Some(true), Some(identifier));
                }
                b.resolve()
            };
            for operation in [Operation::Launch, Operation::Copy] {
                let first = build(&orders[0], operation);
                assert_ne!(
                    first.status,
                    Status::Error,
                    "{identifier} in {region}: {first:?}"
                );
                for order in &orders[1..] {
                    assert_eq!(
                        build(order, operation),
                        first,
                        "{identifier} in {region}, {operation:?}, order {order:?}"
                    );
                }
            }
        }
    }
}

/// Regression (audit): a KMS key works only in its own Region, so a key ARN of another Region is
/// not taken as the local key: the launch is accepted, then fails.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html)
#[test]
fn key_arn_of_another_region_fails_later_as_wrong_region() {
    let eu_arn = key_arn(EU, ME, EBS_EU);
    let outcome = launch_with_key(ebs_keys(), &eu_arn).resolve();
    let failure = failure_of(&outcome);
    assert_eq!(
        (failure.problem, failure.rule, failure.key_use),
        (
            KeyProblem::WrongRegion,
            Rule::KeyWrongRegion,
            KeyUse::Encrypt
        )
    );
    // RunInstances documents no asynchronous key check: the rule is ours.
    assert_eq!(failure.basis, Basis::Inferred);
    assert_eq!(failure.key_arn.as_deref(), Some(eu_arn.as_str()));
    assert_eq!(
        outcome.volumes[0].kms_key_arn.as_deref(),
        Some(eu_arn.as_str())
    );
}

/// The same fact for an alias ARN of another Region whose alias exists only in your Region: it
/// names a key over there, never your local key of that alias, and the launch fails later.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html)
#[test]
fn alias_arn_of_another_region_is_not_your_local_alias() {
    let eu_alias = format!("arn:aws:kms:{EU}:{ME}:{APP_ALIAS}");
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some(&eu_alias))
        .resolve();
    failure_of(&outcome);
    let v = &outcome.volumes[0];
    assert_ne!(v.kms_key.as_deref(), Some(APP_KEY));
    assert_eq!(v.kms_key_arn.as_deref(), Some(eu_alias.as_str()));
}

/// An ARN of another Region is a key in the wrong Region whether or not the scenario lists a key
/// there: the launch fails later as wrong Region (not as "no such key").
/// (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html)
#[test]
fn unlisted_arn_of_another_region_fails_later_as_wrong_region() {
    let eu_alias = format!("arn:aws:kms:{EU}:{ME}:{APP_ALIAS}");
    let eu_key = key_arn(EU, ME, APP_KEY);
    for identifier in [eu_alias, eu_key] {
        let outcome = launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .map(ROOT, Some(true), Some(&identifier))
            .resolve();
        let failure = failure_of(&outcome);
        assert_eq!(
            (failure.problem, failure.rule),
            (KeyProblem::WrongRegion, Rule::KeyWrongRegion),
            "{identifier}"
        );
    }
}

/// The AWS managed key for EBS admits only its own account (its policy checks the caller's
/// account), so another account's `alias/aws/ebs` never works for you, at launch or copy.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account)
#[test]
fn other_accounts_aws_managed_key_is_never_usable() {
    let theirs = format!("arn:aws:kms:{US}:{THEIRS}:alias/aws/ebs");
    for build in [
        launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .map(ROOT, Some(true), Some(&theirs)),
        copy()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .copy_with(Some(true), Some(&theirs)),
    ] {
        let outcome = build.resolve();
        let failure = failure_of(&outcome);
        assert_eq!(
            (failure.problem, failure.rule),
            (
                KeyProblem::OtherAccountAwsManaged,
                Rule::KeyOtherAccountAwsManaged
            )
        );
        assert_eq!(failure.key_arn.as_deref(), Some(theirs.as_str()));
    }
}

// --- 2. Keys: multi-Region, state, spec, permissions ------------------------------------------------

/// Multi-Region keys, and only they, have key IDs that start with `mrk-`.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html)
#[test]
fn multi_region_flag_must_match_an_mrk_key_id() {
    let plain_id_flagged = Key {
        multi_region: true,
        ..key(SRC_KEY, None, KeyOwner::Me, true)
    };
    let mrk_not_flagged = key(MRK, None, KeyOwner::Me, true);
    for bad in [plain_id_flagged, mrk_not_flagged] {
        let error = launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .with_key(bad)
            .resolve()
            .error
            .unwrap();
        assert_eq!(
            (error.rule, error.kind, error.at.as_deref()),
            (
                Rule::ScenarioMultiRegionKeyId,
                ErrorKind::Scenario,
                Some("/account/keys/5/multi_region")
            )
        );
    }
    let good = Key {
        multi_region: true,
        ..key(MRK, None, KeyOwner::Me, true)
    };
    assert_eq!(
        launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .with_key(good)
            .resolve()
            .status,
        Status::Ok
    );
}

/// A key that is disabled or pending deletion cannot be used, so the launch is accepted and the
/// instance then fails; the state code is known from public reports only.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/services-ebs.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html)
#[test]
fn disabled_or_pending_deletion_key_fails_later_as_not_enabled() {
    for (state, problem) in [
        (KeyState::Disabled, KeyProblem::Disabled),
        (KeyState::PendingDeletion, KeyProblem::PendingDeletion),
    ] {
        let outcome = launch()
            .with(|s| s.account.keys.as_mut().unwrap()[1].state = state)
            .snapshot(ROOT, Src::UnencryptedOwn)
            .map(ROOT, Some(true), Some(OTHER_ALIAS))
            .resolve();
        let failure = failure_of(&outcome);
        assert_eq!(
            (failure.problem, failure.rule),
            (problem, Rule::KeyNotEnabled)
        );
        assert_eq!(
            (failure.code.as_str(), failure.code_basis),
            ("Client.InvalidKMSKey.InvalidState", Basis::Inferred)
        );
    }
}

/// EBS works with symmetric keys only; an asymmetric key is accepted and then fails.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/services-ebs.html)
#[test]
fn asymmetric_key_fails_later() {
    for build in [
        launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .map(ROOT, Some(true), Some(OTHER_ALIAS)),
        copy()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .copy_with(Some(true), Some(OTHER_ALIAS)),
    ] {
        let outcome = build
            .with(|s| s.account.keys.as_mut().unwrap()[1].spec = KeySpec::Asymmetric)
            .resolve();
        let failure = failure_of(&outcome);
        assert_eq!(
            (failure.problem, failure.rule),
            (KeyProblem::Asymmetric, Rule::KeyAsymmetric)
        );
    }
}

/// A key you have no permission to use terminates the launched instance with the client error that
/// EC2's launch troubleshooting page names.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/troubleshooting-launch.html#troubleshooting-launch-internal)
#[test]
fn key_without_permission_at_launch_is_a_documented_client_error() {
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some(LOCKED_ALIAS))
        .resolve();
    let failure = failure_of(&outcome);
    assert_eq!(
        (
            failure.code.as_str(),
            failure.message.as_str(),
            failure.code_basis
        ),
        (
            "Client.InternalError",
            "Client error on launch",
            Basis::Documented
        )
    );
    assert_eq!(
        (failure.problem, failure.rule),
        (KeyProblem::NotUsable, Rule::LaunchKeyNotUsable)
    );
}

/// CopyImage documents that a key identifier that is not valid fails after the call appears to
/// succeed; RunInstances documents no such asynchronous check, so at launch the same failure is
/// ours to infer.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html)
#[test]
fn unknown_key_is_documented_for_copy_and_inferred_for_launch() {
    let at_launch = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some("alias/typo"))
        .resolve();
    let failure = failure_of(&at_launch);
    assert_eq!(
        (
            failure.problem,
            failure.rule,
            failure.basis,
            failure.code_basis
        ),
        (
            KeyProblem::NotFound,
            Rule::LaunchKeyNotFound,
            Basis::Inferred,
            Basis::Inferred
        )
    );
    let at_copy = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(Some(true), Some("alias/typo"))
        .resolve();
    let failure = failure_of(&at_copy);
    assert_eq!(
        (failure.problem, failure.rule, failure.basis),
        (
            KeyProblem::NotFound,
            Rule::CopyKeyNotFound,
            Basis::Documented
        )
    );
}

// --- 3. Cross-Region copy -----------------------------------------------------------------------

/// A snapshot's key lives in the snapshot's Region: for a cross-Region copy, the source Region. A
/// bare alias on the snapshot names your key there; a key that exists only in the destination
/// cannot encrypt the source snapshot.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html)
#[test]
fn snapshot_keys_of_a_cross_region_copy_live_in_the_source_region() {
    let build = copy_to_eu().raw_snapshot(own_snapshot(ROOT, SRC_ALIAS));
    assert_eq!(build.0.ami_region(), US);
    assert_eq!(build.resolve().status, Status::Ok);

    // alias/app gives no Region, so it lives in eu-west-1, the destination.
    let error = copy_to_eu()
        .raw_snapshot(own_snapshot(ROOT, APP_ALIAS))
        .resolve()
        .error
        .unwrap();
    assert_eq!(
        (error.rule, error.at.as_deref()),
        (
            Rule::ScenarioSnapshotKeyOtherRegion,
            Some("/snapshots/0/kms_key")
        )
    );
}

/// A copy to another Region cannot keep a single-Region key, so without `KmsKeyId` the destination's
/// default key (aws/ebs of the destination) encrypts it; with aws/ebs as the default key CopyImage's
/// reading gives the same key, so nothing is contested.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#ami-copy-encryption,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html)
#[test]
fn cross_region_copy_without_key_uses_the_destinations_default_key() {
    let v = copy_to_eu()
        .raw_snapshot(own_snapshot(ROOT, SRC_ALIAS))
        .volume(ROOT);
    assert_eq!(
        (v.rule, v.basis, v.change),
        (
            Rule::CopyCrossRegionDefaultKey,
            Basis::Contested,
            Change::ReEncrypted
        )
    );
    assert_eq!(v.kms_key.as_deref(), Some("alias/aws/ebs"));
    assert_eq!(
        v.kms_key_arn.as_deref(),
        Some("arn:aws:kms:eu-west-1:123456789012:alias/aws/ebs")
    );
    // The Copy-an-AMI page's "same key": the source key, which stays in us-east-1.
    let alternative = v.alternative.unwrap();
    assert_eq!(alternative.kms_key_arn, Some(key_arn(US, ME, SRC_KEY)));
    assert_eq!(alternative.source, source::COPY_AMI_ENCRYPTION);
}

/// With a customer managed default key in the destination, the copy uses it; the other reading is
/// still the Copy-an-AMI page's "same key" (one alternative is carried; the CopyImage API's aws/ebs
/// reading is the one the same-Region cells carry).
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#ami-copy-encryption)
#[test]
fn cross_region_copy_with_customer_managed_default_key_is_contested() {
    let v = copy_to_eu()
        .default_key(DEFAULT_ALIAS)
        .raw_snapshot(own_snapshot(ROOT, SRC_ALIAS))
        .volume(ROOT);
    assert_eq!(
        (v.rule, v.basis, v.kms_key.as_deref()),
        (
            Rule::CopyCrossRegionDefaultKey,
            Basis::Contested,
            Some(DEFAULT_CMK)
        )
    );
    assert_eq!(v.kms_key_arn, Some(key_arn(EU, ME, DEFAULT_CMK)));
    let alternative = v.alternative.unwrap();
    assert_eq!(alternative.kms_key_arn, Some(key_arn(US, ME, SRC_KEY)));
    assert_eq!(alternative.source, source::COPY_AMI_ENCRYPTION);
}

/// The Copy-an-AMI page says an encrypted snapshot's copy keeps "the same key"; across Regions that
/// can hold only for a multi-Region key whose replica is in the destination, so the replica is the
/// other reading.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#ami-copy-encryption,
/// https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html)
#[test]
fn cross_region_copy_of_a_multi_region_key_offers_its_replica() {
    let mrk = |region: &str| Key {
        multi_region: true,
        ..in_region(key(MRK, None, KeyOwner::Me, true), region)
    };
    let v = copy_to_eu()
        .with_key(mrk(US))
        .with_key(mrk(EU))
        .raw_snapshot(own_snapshot(ROOT, MRK))
        .volume(ROOT);
    assert_eq!(
        (v.rule, v.basis, v.kms_key.as_deref()),
        (
            Rule::CopyCrossRegionDefaultKey,
            Basis::Contested,
            Some("alias/aws/ebs")
        )
    );
    let alternative = v.alternative.unwrap();
    assert_eq!(alternative.kms_key_arn, Some(key_arn(EU, ME, MRK)));
    assert_eq!(alternative.source, source::COPY_AMI_ENCRYPTION);
}

/// CopyImage's key must exist in the destination Region; naming the source Region's key by its ARN
/// is accepted and the new AMI then fails.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html)
#[test]
fn copy_kms_key_of_the_source_region_fails_later_as_wrong_region() {
    let source_key = key_arn(US, ME, SRC_KEY);
    let outcome = from_us(
        copy_to_eu()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .copy_with(Some(true), Some(&source_key)),
    )
    .resolve();
    let failure = failure_of(&outcome);
    assert_eq!(
        (failure.problem, failure.rule, failure.basis),
        (
            KeyProblem::WrongRegion,
            Rule::KeyWrongRegion,
            Basis::Documented
        )
    );
    // By its bare alias the source Region's key is no key of the destination either.
    let by_alias = from_us(
        copy_to_eu()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .copy_with(Some(true), Some(SRC_ALIAS)),
    )
    .resolve();
    assert_eq!(failure_of(&by_alias).problem, KeyProblem::WrongRegion);
}

/// Encryption by default is a setting of each Region: for a snapshot copy, the destination's
/// setting decides whether an unencrypted snapshot's copy is encrypted.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html)
#[test]
fn destinations_encryption_by_default_decides_for_unencrypted_snapshots() {
    let on = copy_to_eu()
        .by_default(true)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .volume(ROOT);
    assert_eq!(
        (on.encrypted, on.rule, on.kms_key_arn.as_deref()),
        (
            true,
            Rule::CopyEncryptionByDefault,
            Some("arn:aws:kms:eu-west-1:123456789012:alias/aws/ebs")
        )
    );
    let off = copy_to_eu()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .volume(ROOT);
    assert_eq!((off.encrypted, off.rule), (false, Rule::CopyStatePreserved));
}

// --- 4. Amazon EC2 Auto Scaling as the caller ----------------------------------------------------

fn by_auto_scaling(build: Build) -> Build {
    build.with(|s| s.caller = Caller::AutoScaling)
}

/// The Auto Scaling service-linked role may use your AWS managed keys without any key policy,
/// whether the AWS managed key is listed or not.
/// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html)
#[test]
fn auto_scaling_may_use_your_aws_managed_keys() {
    let implicit = by_auto_scaling(
        launch()
            .by_default(true)
            .snapshot(ROOT, Src::UnencryptedOwn),
    );
    assert_eq!(implicit.resolve().status, Status::Ok);
    let aws_managed = key(
        "cccc3333-0000-4000-8000-000000000001",
        Some("alias/aws/ebs"),
        KeyOwner::AwsManaged,
        true,
    );
    let listed = by_auto_scaling(
        launch()
            .by_default(true)
            .with_key(aws_managed)
            .snapshot(ROOT, Src::UnencryptedOwn),
    );
    let outcome = listed.resolve();
    assert_eq!(outcome.status, Status::Ok, "{outcome:?}");
    assert_eq!(
        outcome.volumes[0].kms_key.as_deref(),
        Some("cccc3333-0000-4000-8000-000000000001")
    );
}

/// A customer managed key needs a key policy that lets the Auto Scaling service-linked role use it;
/// without one, Auto Scaling's launch fails with the client error its troubleshooting page names.
/// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ts-as-instancelaunchfailure.html)
#[test]
fn auto_scaling_cannot_use_a_customer_managed_default_key_its_policy_does_not_allow() {
    let outcome = by_auto_scaling(
        launch()
            .by_default(true)
            .default_key(DEFAULT_ALIAS)
            .snapshot(ROOT, Src::UnencryptedOwn),
    )
    .resolve();
    let failure = failure_of(&outcome);
    assert_eq!(
        (failure.problem, failure.rule, failure.basis),
        (
            KeyProblem::AutoScalingNotAllowed,
            Rule::LaunchAutoScalingKeyNotAllowed,
            Basis::Documented
        )
    );
    assert_eq!(
        (
            failure.code.as_str(),
            failure.message.as_str(),
            failure.code_basis
        ),
        (
            "Client.InternalError",
            "Client error on launch",
            Basis::Documented
        )
    );
}

/// With a key policy that allows the Auto Scaling role, the same launch works.
/// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html)
#[test]
fn auto_scaling_may_use_a_customer_managed_key_its_policy_allows() {
    let outcome = by_auto_scaling(
        launch()
            .by_default(true)
            .default_key(DEFAULT_ALIAS)
            .with(|s| s.account.keys.as_mut().unwrap()[2].auto_scaling = true)
            .snapshot(ROOT, Src::UnencryptedOwn),
    )
    .resolve();
    assert_eq!(outcome.status, Status::Ok, "{outcome:?}");
    assert_eq!(outcome.volumes[0].kms_key.as_deref(), Some(DEFAULT_CMK));
}

/// What counts for Auto Scaling is the role's access, not yours: a key you may not use but the role
/// may works, and a key you may use but the role may not fails (here the snapshot's own key).
/// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html)
#[test]
fn auto_scaling_is_checked_against_the_roles_access_not_yours() {
    let role_only = by_auto_scaling(
        launch()
            .with(|s| s.account.keys.as_mut().unwrap()[4].auto_scaling = true)
            .snapshot(ROOT, Src::UnencryptedOwn)
            .map(ROOT, Some(true), Some(LOCKED_ALIAS)),
    );
    assert_eq!(role_only.resolve().status, Status::Ok);

    let you_only = by_auto_scaling(launch().snapshot(ROOT, Src::EncryptedOwn)).resolve();
    let failure = failure_of(&you_only);
    assert_eq!(
        (failure.problem, failure.key_use),
        (KeyProblem::AutoScalingNotAllowed, KeyUse::Decrypt)
    );
}

/// Auto Scaling launches instances; it does not copy AMIs, so the caller means nothing to a copy.
/// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html)
#[test]
fn caller_is_ignored_for_copy() {
    let you = copy()
        .by_default(true)
        .default_key(DEFAULT_ALIAS)
        .snapshot(ROOT, Src::UnencryptedOwn);
    let auto_scaling = by_auto_scaling(you.clone());
    assert_eq!(auto_scaling.0.effective_caller(), Caller::You);
    assert_eq!(auto_scaling.resolve(), you.resolve());
    assert_eq!(auto_scaling.resolve().status, Status::Ok);
}

// --- 5. Read permission on a shared AMI's snapshots ----------------------------------------------

fn shared_ami_with_unreadable_data() -> Build {
    launch()
        .snapshot(ROOT, Src::UnencryptedShared)
        .snapshot(DATA, Src::EncryptedShared)
        .with(|s| s.snapshots[1].readable = false)
}

/// Copying another account's AMI needs read permission on its snapshots: without it CopyImage is
/// refused at once.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#copy-ami-across-accounts)
#[test]
fn copying_a_shared_ami_with_an_unreadable_snapshot_is_refused() {
    let outcome = shared_ami_with_unreadable_data()
        .with(|s| s.operation = Operation::Copy)
        .resolve();
    assert_eq!(outcome.status, Status::Error);
    let error = outcome.error.unwrap();
    assert_eq!(
        (error.code.as_str(), error.message.as_str()),
        (
            "InvalidRequest",
            "You do not have permission to access the storage of this ami"
        )
    );
    assert_eq!(
        (error.rule, error.kind, error.at.as_deref()),
        (
            Rule::CopySnapshotNotReadable,
            ErrorKind::Request,
            Some("/snapshots/1/readable")
        )
    );
}

/// Launching a shared AMI needs only the AMI and its keys, not read permission on its snapshots.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html)
#[test]
fn launching_a_shared_ami_with_an_unreadable_snapshot_is_not_refused() {
    let outcome = shared_ami_with_unreadable_data().resolve();
    assert_eq!(outcome.status, Status::Ok, "{outcome:?}");
    assert_eq!(outcome.volumes.len(), 2);
}

/// Your own snapshots are always readable to you.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#copy-ami-across-accounts)
#[test]
fn unreadable_own_snapshot_is_an_impossible_scenario() {
    let error = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .with(|s| s.snapshots[0].readable = false)
        .resolve()
        .error
        .unwrap();
    assert_eq!(
        (error.rule, error.kind, error.at.as_deref()),
        (
            Rule::ScenarioOwnSnapshotUnreadable,
            ErrorKind::Scenario,
            Some("/snapshots/0/readable")
        )
    );
}

// --- 6. Mappings: NoDevice and VolumeSize --------------------------------------------------------

/// `NoDevice` in a launch mapping leaves the AMI's device out of the instance.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html#Using_OverridingAMIBDM)
#[test]
fn no_device_suppresses_the_amis_device() {
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::EncryptedOwn)
        .map(DATA, None, None)
        .mapping_with(|m| m.no_device = true)
        .resolve();
    assert_eq!(outcome.status, Status::Ok);
    assert_eq!(outcome.volume(DATA), None);
    assert_eq!(outcome.volumes.len(), 1);
    assert_eq!(outcome.suppressed, vec![DATA.to_owned()]);
}

/// A mapping either suppresses its device or describes its EBS volume, not both.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html#Using_OverridingAMIBDM)
#[test]
fn no_device_with_ebs_parameters_is_refused() {
    let changes: [fn(&mut LaunchMapping); 3] = [
        |m| m.encrypted = Some(true),
        |m| m.kms_key_id = Some(OTHER_ALIAS.into()),
        |m| m.volume_size = Some(20),
    ];
    for change in changes {
        let outcome = launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .snapshot(DATA, Src::UnencryptedOwn)
            .map(DATA, None, None)
            .mapping_with(|m| {
                m.no_device = true;
                change(m);
            })
            .resolve();
        let error = outcome.error.unwrap();
        assert_eq!(
            (error.rule, error.at.as_deref()),
            (
                Rule::LaunchNoDeviceWithParameters,
                Some("/launch/0/no_device")
            )
        );
    }
}

/// A volume may be as large as its snapshot or larger, never smaller: EC2 refuses the request.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html)
#[test]
fn volume_smaller_than_its_snapshot_is_refused() {
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .with(|s| s.snapshots[0].size = 30)
        .map(ROOT, None, None)
        .mapping_with(|m| m.volume_size = Some(15))
        .resolve();
    assert_eq!(outcome.status, Status::Error);
    let error = outcome.error.unwrap();
    assert_eq!(
        (error.rule, error.code.as_str(), error.at.as_deref()),
        (
            Rule::LaunchVolumeSmallerThanSnapshot,
            "InvalidBlockDeviceMapping",
            Some("/launch/0/volume_size")
        )
    );
    // The default snapshot size is 8 GiB.
    let default_size = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, None, None)
        .mapping_with(|m| m.volume_size = Some(DEFAULT_SNAPSHOT_SIZE - 1))
        .resolve();
    assert_eq!(
        default_size.error.unwrap().rule,
        Rule::LaunchVolumeSmallerThanSnapshot
    );
}

/// A volume as large as its snapshot, or larger, is accepted and has the size asked for.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html)
#[test]
fn volume_equal_to_or_larger_than_its_snapshot_has_that_size() {
    for size in [30, 50] {
        let v = launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .with(|s| s.snapshots[0].size = 30)
            .map(ROOT, None, None)
            .mapping_with(|m| m.volume_size = Some(size))
            .volume(ROOT);
        assert_eq!(v.size, size);
    }
    let no_size = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .with(|s| s.snapshots[0].size = 30)
        .volume(ROOT);
    assert_eq!(no_size.size, 30);
}

/// A new empty volume has no snapshot, so it needs a size; without one EC2 refuses the request.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html)
#[test]
fn new_volume_without_size_is_refused() {
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(NEW, Some(true), None)
        .mapping_with(|m| m.volume_size = None)
        .resolve();
    let error = outcome.error.unwrap();
    assert_eq!(
        (error.rule, error.code.as_str(), error.message.as_str()),
        (
            Rule::LaunchNewVolumeWithoutSize,
            "InvalidBlockDeviceMapping",
            "Either snapshot ID or volume size must be provided for: /dev/sdf"
        )
    );
    assert_eq!(error.basis, Basis::Documented);
}

/// AMIs name their root `/dev/xvda` or `/dev/sda1`; a mapping for the other root name adds a new
/// volume rather than changing the root, which looks like a typo.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/device_naming.html)
#[test]
fn the_other_root_name_looks_like_a_typo() {
    assert!(device::looks_like_root_typo("/dev/sda1", "/dev/xvda"));
    assert!(!device::looks_like_root_typo("/dev/sdf", "/dev/xvda"));
}

// --- 7. Labels ------------------------------------------------------------------------------------

/// Without `KmsKeyId`, the AMI pages and the EBS and API pages disagree on the key of an encrypted
/// snapshot's copy; leaving `Encrypted` out and setting it to true ask for the same thing, so both
/// are contested with the same other reading.
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html#AMI-encryption-copy,
/// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html)
#[test]
fn copy_of_an_encrypted_snapshot_without_key_is_contested_with_or_without_encrypted_true() {
    let cases = [
        copy().snapshot(ROOT, Src::EncryptedOwn),
        copy().snapshot(ROOT, Src::EncryptedShared),
        copy_to_eu()
            .default_key(DEFAULT_ALIAS)
            .raw_snapshot(own_snapshot(ROOT, SRC_ALIAS)),
    ];
    for build in cases {
        let (absent, set) = (
            build.clone().with(|s| s.copy.encrypted = None).volume(ROOT),
            build
                .clone()
                .with(|s| s.copy.encrypted = Some(true))
                .volume(ROOT),
        );
        assert_eq!(absent.basis, Basis::Contested, "{absent:?}");
        assert_eq!(set.basis, Basis::Contested, "{set:?}");
        assert!(absent.alternative.is_some());
        assert_eq!(absent.alternative, set.alternative);
        assert_eq!(absent.kms_key_arn, set.kms_key_arn);
    }
}

// --- 8. Output: the key's full ARN ------------------------------------------------------------------

/// A key is told apart from keys of other accounts and Regions only by its ARN, so every encrypted
/// result carries it: the key ARN of a listed key, the alias ARN of the implicit aws/ebs.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id)
#[test]
fn every_encrypted_volume_has_its_key_arn() {
    let outcome = launch()
        .by_default(true)
        .snapshot(ROOT, Src::EncryptedOwn)
        .snapshot(DATA, Src::UnencryptedOwn)
        .map(NEW, Some(true), Some(OTHER_ALIAS))
        .resolve();
    assert_eq!(outcome.status, Status::Ok);
    let arn = |device: &str| outcome.volume(device).unwrap().kms_key_arn.clone();
    assert_eq!(arn(ROOT), Some(key_arn(US, ME, APP_KEY)));
    assert_eq!(
        arn(DATA).as_deref(),
        Some("arn:aws:kms:us-east-1:123456789012:alias/aws/ebs")
    );
    assert_eq!(arn(NEW), Some(key_arn(US, ME, OTHER_KEY)));
    assert_eq!(outcome.volume(NEW).unwrap().origin, Origin::New);

    for src in Src::ALL {
        for params in Params::ALL {
            for by_default in [false, true] {
                for build in [
                    launch().snapshot(ROOT, src).map_params(ROOT, params),
                    copy().snapshot(ROOT, src).copy_params(params),
                ] {
                    let outcome = build.by_default(by_default).resolve();
                    for v in outcome.volumes.iter().filter(|v| v.encrypted) {
                        let arn = v.kms_key_arn.as_deref().unwrap_or_default();
                        assert!(arn.starts_with("arn:aws:kms:"), "{src:?} {params:?}: {v:?}");
                    }
                }
            }
        }
    }
}

/// The `resolve` example prints the key's ARN with every encrypted volume.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id)
#[test]
fn the_resolve_example_prints_the_key_arn() {
    let scenario = serde_json::to_string(
        &launch()
            .snapshot(ROOT, Src::EncryptedOwn)
            .map(NEW, Some(true), None)
            .0,
    )
    .unwrap();
    let output = run_resolve_example(&scenario);
    assert!(output.status.success(), "{output:?}");
    let outcome: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        outcome["volumes"][0]["kms_key_arn"],
        key_arn(US, ME, APP_KEY).as_str()
    );
    assert_eq!(
        outcome["volumes"][1]["kms_key_arn"],
        "arn:aws:kms:us-east-1:123456789012:alias/aws/ebs"
    );
}

// --- 9. Compatibility: files and links of the first format -----------------------------------------

/// A scenario file of the first format (no `format`, no account ID or Region, a new volume without
/// a size) is read, brought to the current format, and still means a valid launch: its new volume
/// gets 8 GiB, since EC2 requires a size for it.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html)
#[test]
fn version_1_scenario_file_is_upgraded_and_resolves() {
    let text = include_str!("fixtures/v1-scenario.json");
    assert!(!text.contains("\"format\"") && !text.contains("volume_size"));
    let scenario = input::parse_one(text).unwrap();
    assert_eq!(scenario.format, FORMAT);
    assert_eq!(
        (
            scenario.account.id.as_str(),
            scenario.account.region.as_str()
        ),
        (ME, US)
    );
    let new = scenario.launch_mapping(NEW).unwrap();
    assert_eq!(new.volume_size, Some(8));
    // The AMI's own device keeps no size of its own: its snapshot's.
    assert_eq!(scenario.launch_mapping(ROOT).unwrap().volume_size, None);
    let outcome = ami_encryption_rules::resolve(&scenario);
    assert_eq!(outcome.status, Status::Ok, "{outcome:?}");
    assert_eq!(outcome.volume(NEW).unwrap().size, 8);
    assert!(outcome.volume(NEW).unwrap().encrypted);
}

/// A link of the first format (seven sections, four fields per key, three per snapshot and per
/// mapping, two for the copy) is still read, with every default and 8 GiB for its new volume.
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html)
#[test]
fn version_1_link_is_read_with_defaults_and_sized_new_volumes() {
    let text = include_str!("fixtures/v1-link.txt");
    assert!(text.starts_with("1~"));
    assert_eq!(text.trim().split('~').count(), 7);
    // The file ends with a newline; a link has none, and the decoder reads only what links hold.
    let scenario = link::decode(text.trim_end()).unwrap();
    assert_eq!(scenario.format, FORMAT);
    assert_eq!(scenario.operation, Operation::Launch);
    assert_eq!(
        (
            scenario.account.id.as_str(),
            scenario.account.region.as_str()
        ),
        (ME, US)
    );
    assert_eq!(scenario.caller, Caller::You);
    assert_eq!(scenario.snapshots[0].kms_key.as_deref(), Some(APP_ALIAS));
    assert_eq!(scenario.snapshots[0].size, DEFAULT_SNAPSHOT_SIZE);
    assert!(scenario.snapshots[0].readable);
    assert_eq!(scenario.launch_mapping(NEW).unwrap().volume_size, Some(8));
    assert_eq!(scenario.launch_mapping(ROOT).unwrap().volume_size, None);
    let keys = scenario.account.keys.as_ref().unwrap();
    assert_eq!(
        (keys[0].id.as_str(), keys[0].region.as_ref(), keys[0].state),
        (APP_KEY, None, KeyState::Enabled)
    );

    let outcome = ami_encryption_rules::resolve(&scenario);
    assert_eq!(outcome.status, Status::Ok, "{outcome:?}");
    assert_eq!(outcome.volume(NEW).unwrap().size, 8);
    assert_eq!(
        outcome.volume(ROOT).unwrap().kms_key.as_deref(),
        Some(APP_KEY)
    );
    // Written again, it is a current link of the same scenario.
    let again = link::encode(&scenario);
    assert!(again.starts_with("2~"));
    assert_eq!(link::decode(&again).unwrap(), scenario);
}

/// Every field added by the second format survives a JSON round trip with a value that is not its
/// default.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id)
#[test]
fn new_fields_round_trip_through_json() {
    let keys = vec![
        Key {
            id: MRK.into(),
            alias: Some("alias/everything".into()),
            owner: KeyOwner::Account(THEIRS.into()),
            usable: false,
            region: Some("eu-central-1".into()),
            multi_region: true,
            state: KeyState::Disabled,
            spec: KeySpec::Asymmetric,
            auto_scaling: true,
        },
        Key {
            state: KeyState::PendingDeletion,
            region: Some("ap-southeast-4".into()),
            ..key(SRC_KEY, None, KeyOwner::Me, true)
        },
    ];
    let base = launch()
        .with(|s| {
            s.caller = Caller::AutoScaling;
            s.account.id = "210987654321".into();
            s.account.region = "us-west-2".into();
            s.account.keys = Some(keys);
        })
        .raw_snapshot(Snapshot {
            device: ROOT.into(),
            encrypted: true,
            kms_key: Some(MRK.into()),
            owner: SnapshotOwner::Shared,
            size: 30,
            readable: false,
        })
        .snapshot(DATA, Src::UnencryptedOwn)
        .map(ROOT, Some(true), None)
        .mapping_with(|m| m.volume_size = Some(40))
        .map(DATA, None, None)
        .mapping_with(|m| m.no_device = true);
    let copied = base.clone().with(|s| {
        s.operation = Operation::Copy;
        s.copy.encrypted = Some(true);
        s.copy.kms_key_id = Some(SRC_KEY.into());
        s.copy.source_region = Some("sa-east-1".into());
    });
    for scenario in [base.0, copied.0] {
        let json = serde_json::to_string(&scenario).unwrap();
        for field in [
            "\"format\"",
            "\"caller\"",
            "\"region\"",
            "\"multi_region\"",
            "\"state\"",
            "\"spec\"",
            "\"auto_scaling\"",
            "\"size\"",
            "\"readable\"",
            "\"no_device\"",
            "\"volume_size\"",
        ] {
            assert!(json.contains(field), "{field} missing from {json}");
        }
        assert_eq!(input::parse_one(&json).unwrap(), scenario, "{json}");
    }
}

// --- 10. Invariants over keys of every state, spec and Region ------------------------------------

/// The key whose state, spec and Region vary: yours, allowed for you and for Auto Scaling.
const SUBJECT: &str = "dddd4444-0000-4000-8000-000000000001";
const SUBJECT_ALIAS: &str = "alias/subject";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// `Encrypted=true` and `KmsKeyId` = the key's ARN, on an unencrypted snapshot.
    KmsKeyId,
    /// The default key (by ARN), with encryption by default on, for an unencrypted snapshot.
    DefaultKey,
    /// The key of your encrypted snapshot, named by its bare alias in the AMI's Region.
    SnapshotKey,
}

/// Which problems the subject key has where it is used; empty when it works.
fn expected_problems(state: KeyState, spec: KeySpec, wrong_region: bool) -> Vec<KeyProblem> {
    let mut problems = Vec::new();
    if wrong_region {
        problems.push(KeyProblem::WrongRegion);
    }
    if spec == KeySpec::Asymmetric {
        problems.push(KeyProblem::Asymmetric);
    }
    match state {
        KeyState::Disabled => problems.push(KeyProblem::Disabled),
        KeyState::PendingDeletion => problems.push(KeyProblem::PendingDeletion),
        KeyState::Enabled => {}
    }
    problems
}

/// Over a stated sample of 132 scenarios, each resolved with its key list forward and reversed
/// (264 resolutions): caller (you, Auto Scaling) × key state (enabled, disabled, pending deletion)
/// × spec (symmetric, asymmetric) × where the key is used and its Region: at launch as `KmsKeyId`
/// (same Region, other Region), as the default key with encryption by default on (same, other) and
/// as your snapshot's key (same Region only: a snapshot's key in another Region than the snapshot
/// is an impossible scenario); at copy the same, plus the snapshot's key in another Region, which
/// is a cross-Region copy from the key's Region. The key list also holds keys of the same alias in
/// another account and in the other Region. For every scenario: the outcome does not depend on the
/// key list's order; a disabled, pending-deletion, asymmetric or wrong-Region key is never used
/// without the call failing later (and a healthy one never fails); an encrypted snapshot never
/// gives an unencrypted result; a key's state, Region or spec never makes the status `error`.
/// (https://docs.aws.amazon.com/kms/latest/developerguide/services-ebs.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html)
#[test]
fn key_state_spec_and_region_invariants() {
    let mut count = 0;
    for caller in [Caller::You, Caller::AutoScaling] {
        for state in [
            KeyState::Enabled,
            KeyState::Disabled,
            KeyState::PendingDeletion,
        ] {
            for spec in [KeySpec::Symmetric, KeySpec::Asymmetric] {
                for operation in [Operation::Launch, Operation::Copy] {
                    for key_use in [Use::KmsKeyId, Use::DefaultKey, Use::SnapshotKey] {
                        for key_region in [US, EU] {
                            let other_region = key_region != US;
                            if operation == Operation::Launch
                                && key_use == Use::SnapshotKey
                                && other_region
                            {
                                continue;
                            }
                            count += 1;
                            let build = |reversed: bool| {
                                invariant_scenario(
                                    caller, state, spec, operation, key_use, key_region, reversed,
                                )
                            };
                            let context = format!(
                                "{caller:?} {state:?} {spec:?} {operation:?} {key_use:?} key in {key_region}"
                            );
                            let forward = ami_encryption_rules::resolve(&build(false));
                            let reversed = ami_encryption_rules::resolve(&build(true));
                            assert_eq!(forward, reversed, "order: {context}");
                            assert_ne!(forward.status, Status::Error, "{context}: {forward:?}");

                            // For the snapshot's key, its Region is the snapshot's: never wrong.
                            let wrong_region = other_region && key_use != Use::SnapshotKey;
                            let problems = expected_problems(state, spec, wrong_region);
                            if problems.is_empty() {
                                assert_eq!(forward.status, Status::Ok, "{context}: {forward:?}");
                            } else {
                                assert_eq!(
                                    forward.status,
                                    Status::FailsLater,
                                    "{context}: {forward:?}"
                                );
                                let failure = forward.failure.as_ref().unwrap();
                                assert!(
                                    problems.contains(&failure.problem),
                                    "{context}: {:?} not in {problems:?}",
                                    failure.problem
                                );
                            }
                            let scenario = build(false);
                            for snapshot in scenario.snapshots.iter().filter(|s| s.encrypted) {
                                let v = forward.volume(&snapshot.device).unwrap();
                                assert!(v.encrypted, "{context}: {v:?}");
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(count, 132);
}

fn invariant_scenario(
    caller: Caller,
    state: KeyState,
    spec: KeySpec,
    operation: Operation,
    key_use: Use,
    key_region: &str,
    reversed: bool,
) -> Scenario {
    let other = if key_region == US { EU } else { US };
    let subject = Key {
        state,
        spec,
        auto_scaling: true,
        ..in_region(
            key(SUBJECT, Some(SUBJECT_ALIAS), KeyOwner::Me, true),
            key_region,
        )
    };
    let mut keys = known_keys();
    keys.push(subject);
    // Same alias, another account, the subject's Region; same alias, yours, the other Region.
    keys.push(in_region(
        key(
            "dddd4444-0000-4000-8000-000000000002",
            Some(SUBJECT_ALIAS),
            KeyOwner::Account(THEIRS.into()),
            true,
        ),
        key_region,
    ));
    keys.push(in_region(
        key(
            "dddd4444-0000-4000-8000-000000000003",
            Some(SUBJECT_ALIAS),
            KeyOwner::Me,
            true,
        ),
        other,
    ));
    if reversed {
        keys.reverse();
    }
    let subject_arn = key_arn(key_region, ME, SUBJECT);
    let mut b = launch().with(|s| {
        s.operation = operation;
        s.caller = caller;
        s.account.keys = Some(keys);
    });
    b = match key_use {
        Use::KmsKeyId => {
            let b = b.snapshot(ROOT, Src::UnencryptedOwn);
            match operation {
                Operation::Launch => b.map(ROOT, Some(true), Some(&subject_arn)),
                Operation::Copy => b.copy_with(Some(true), Some(&subject_arn)),
            }
        }
        Use::DefaultKey => b
            .by_default(true)
            .default_key(&subject_arn)
            .snapshot(ROOT, Src::UnencryptedOwn),
        Use::SnapshotKey => {
            let b = b.raw_snapshot(own_snapshot(ROOT, SUBJECT_ALIAS));
            if key_region != US {
                // A cross-Region copy from the key's Region (the AMI's) to us-east-1.
                b.with(|s| s.copy.source_region = Some(key_region.into()))
            } else {
                b
            }
        }
    };
    b.0
}
