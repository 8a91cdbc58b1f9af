//! Key identifiers, unusable keys and the asynchronous failures they cause (spec §6, §7, §11.7–8).

mod common;
use ami_encryption_rules::{
    Change, KeyOwner, KeyProblem, KeyUse, Rule, Status, DEFAULT_ACCOUNT_ID,
};
use common::*;

const ROOT: &str = "/dev/xvda";

/// §11.8: key ID, key ARN, alias name and alias ARN name the same key.
#[test]
fn the_four_identifier_forms_resolve_to_the_same_key() {
    for form in [
        OTHER_KEY.to_owned(),
        format!("arn:aws:kms:us-east-1:{DEFAULT_ACCOUNT_ID}:key/{OTHER_KEY}"),
        OTHER_ALIAS.to_owned(),
        format!("arn:aws:kms:us-east-1:{DEFAULT_ACCOUNT_ID}:{OTHER_ALIAS}"),
    ] {
        let v = launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .map(ROOT, Some(true), Some(&form))
            .volume(ROOT);
        assert_eq!(v.kms_key.as_deref(), Some(OTHER_KEY), "{form}");
        assert_eq!(v.kms_key_as_written.as_deref(), Some(form.as_str()));
    }
}

/// The default key may be given in any form too; `alias/aws/ebs` needs no entry in the key list.
#[test]
fn default_key_forms() {
    let v = launch()
        .default_key(DEFAULT_CMK)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), None)
        .volume(ROOT);
    assert_eq!(v.kms_key.as_deref(), Some(DEFAULT_CMK));
    let v = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), None)
        .volume(ROOT);
    assert_eq!(v.kms_key.as_deref(), Some("alias/aws/ebs"));
}

/// §11.7: an identifier that names no key is accepted, then the instance terminates.
#[test]
fn unknown_key_identifier_terminates_the_instance() {
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some("alias/typo"))
        .resolve();
    assert_eq!(outcome.status, Status::FailsLater);
    let failure = outcome.failure.unwrap();
    assert_eq!(
        (failure.code.as_str(), failure.message.as_str()),
        ("Client.InternalError", "Client error on launch")
    );
    assert_eq!(
        (failure.key.as_str(), failure.problem, failure.rule),
        ("alias/typo", KeyProblem::NotFound, Rule::LaunchKeyNotFound)
    );
    // What would have been created is still shown.
    assert_eq!(outcome.volumes[0].kms_key.as_deref(), Some("alias/typo"));
}

/// A malformed identifier is accepted and fails the same way (AWS validates keys asynchronously).
#[test]
fn malformed_identifier_fails_later() {
    let outcome = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(Some(true), Some("not a key"))
        .resolve();
    assert_eq!(
        (outcome.status, outcome.failure.unwrap().rule),
        (Status::FailsLater, Rule::CopyKeyNotFound)
    );
}

/// KMS resolves a bare key ID or alias name in your own account only.
#[test]
fn another_accounts_key_must_be_named_by_arn() {
    let by_id = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some(PARTNER_KEY))
        .resolve();
    assert_eq!(
        by_id.failure.unwrap().problem,
        KeyProblem::OtherAccountNeedsArn
    );
    let by_arn =
        launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .map(ROOT, Some(true), Some(PARTNER_KEY_ARN));
    assert_eq!(by_arn.volume(ROOT).kms_key.as_deref(), Some(PARTNER_KEY));
    assert_eq!(by_arn.resolve().status, Status::Ok);
    let wrong_account = format!("arn:aws:kms:us-east-1:777788889999:key/{PARTNER_KEY}");
    let outcome = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), Some(&wrong_account))
        .resolve();
    assert_eq!(outcome.failure.unwrap().problem, KeyProblem::NotFound);
}

/// §10.4: a shared key you may not use: the instance goes pending → terminated.
#[test]
fn shared_key_you_may_not_use_terminates_the_instance() {
    let mut build = launch().snapshot(ROOT, Src::EncryptedShared);
    build.0.account.keys.as_mut().unwrap()[3].usable = false;
    let outcome = build.resolve();
    let failure = outcome.failure.unwrap();
    assert_eq!(
        (failure.key.as_str(), failure.key_use, failure.problem),
        (PARTNER_KEY_ARN, KeyUse::Decrypt, KeyProblem::NotUsable)
    );
}

/// §10.4/§10.5 (Karpenter #1407): a customer managed default key you cannot use, with encryption by
/// default off, still breaks launches of shared encrypted AMIs.
#[test]
fn unusable_default_key_breaks_launch_even_with_encryption_by_default_off() {
    let outcome = launch()
        .default_key(LOCKED_ALIAS)
        .snapshot(ROOT, Src::EncryptedShared)
        .resolve();
    let failure = outcome.failure.unwrap();
    assert_eq!(
        (failure.key.as_str(), failure.key_use),
        (LOCKED_ALIAS, KeyUse::Encrypt)
    );
    // ...but not launches that never need it.
    assert_eq!(
        launch()
            .default_key(LOCKED_ALIAS)
            .snapshot(ROOT, Src::EncryptedOwn)
            .resolve()
            .status,
        Status::Ok
    );
}

/// A copy that needs an unusable key fails after it is accepted (the new AMI ends `failed`).
#[test]
fn copy_with_unusable_key_fails_later() {
    let outcome = copy()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .copy_with(Some(true), Some(LOCKED_ALIAS))
        .resolve();
    let failure = outcome.failure.unwrap();
    assert_eq!(
        (failure.code.as_str(), failure.rule),
        ("failed", Rule::CopyKeyNotUsable)
    );
}

/// Without a key list, every identifier is taken as a usable key and reported as written.
#[test]
fn without_a_key_list_identifiers_are_taken_as_written() {
    let v = launch()
        .no_key_list()
        .snapshot(ROOT, Src::EncryptedOwn)
        .map(ROOT, Some(true), Some("alias/anything"))
        .volume(ROOT);
    assert_eq!(
        (v.kms_key.as_deref(), v.change),
        (Some("alias/anything"), Change::ReEncrypted)
    );
}

/// Re-encrypting to the key the snapshot already has is "unchanged", whatever form named it.
#[test]
fn same_key_by_another_name_is_unchanged() {
    let v = launch()
        .snapshot(ROOT, Src::EncryptedOwn)
        .map(ROOT, Some(true), Some(APP_KEY))
        .volume(ROOT);
    assert_eq!(v.change, Change::Unchanged);
}

// --- Scenarios that cannot exist ----------------------------------------------------------------

/// §11.6: a shared AMI with a snapshot encrypted with the owner's aws/ebs cannot exist.
#[test]
fn shared_snapshot_encrypted_with_aws_managed_key_is_impossible() {
    let mut snapshot = Src::EncryptedShared.snapshot(ROOT);
    snapshot.kms_key = Some("alias/aws/ebs".into());
    let error = launch().raw_snapshot(snapshot).resolve().error.unwrap();
    assert_eq!(
        (error.rule, error.code.as_str()),
        (Rule::ScenarioAwsManagedKeyShared, "InvalidParameter")
    );
    assert_eq!(
        error.message,
        "Snapshots encrypted with the AWS Managed CMK can't be shared. Specify another snapshot."
    );
    assert_eq!(error.at.as_deref(), Some("/snapshots/0/kms_key"));
}

#[test]
fn duplicate_snapshot_devices_are_refused() {
    let error = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(ROOT, Src::EncryptedOwn)
        .resolve()
        .error
        .unwrap();
    assert_eq!(
        (error.rule, error.at.as_deref()),
        (Rule::ScenarioDuplicateDevice, Some("/snapshots/1/device"))
    );
}

#[test]
fn malformed_snapshot_device_is_refused() {
    let error = launch()
        .snapshot("/dev/nvme0n1", Src::UnencryptedOwn)
        .resolve()
        .error
        .unwrap();
    assert_eq!(
        (error.rule, error.device.as_deref()),
        (Rule::ScenarioInvalidDeviceName, Some("/dev/nvme0n1"))
    );
}

#[test]
fn an_ami_needs_a_snapshot() {
    assert_eq!(
        launch().resolve().error.unwrap().rule,
        Rule::ScenarioNoSnapshots
    );
}

#[test]
fn encrypted_snapshot_needs_its_key_and_unencrypted_has_none() {
    let mut encrypted = Src::EncryptedOwn.snapshot(ROOT);
    encrypted.kms_key = None;
    assert_eq!(
        launch()
            .raw_snapshot(encrypted)
            .resolve()
            .error
            .unwrap()
            .rule,
        Rule::ScenarioMissingSnapshotKey
    );
    let mut plain = Src::UnencryptedOwn.snapshot(ROOT);
    plain.kms_key = Some(APP_ALIAS.into());
    assert_eq!(
        launch().raw_snapshot(plain).resolve().error.unwrap().rule,
        Rule::ScenarioKeyOnUnencryptedSnapshot
    );
    let mut unknown = Src::EncryptedOwn.snapshot(ROOT);
    unknown.kms_key = Some("alias/nowhere".into());
    assert_eq!(
        launch().raw_snapshot(unknown).resolve().error.unwrap().rule,
        Rule::ScenarioUnknownSnapshotKey
    );
}

#[test]
fn key_list_problems_are_refused() {
    let dup = launch().snapshot(ROOT, Src::UnencryptedOwn).with_key(key(
        APP_KEY,
        None,
        KeyOwner::Me,
        true,
    ));
    assert_eq!(
        dup.resolve().error.unwrap().at.as_deref(),
        Some("/account/keys/5/id")
    );
    let alias = launch().snapshot(ROOT, Src::UnencryptedOwn).with_key(key(
        "k2",
        Some(APP_ALIAS),
        KeyOwner::Me,
        true,
    ));
    assert_eq!(
        alias.resolve().error.unwrap().rule,
        Rule::ScenarioDuplicateKey
    );
    // The same alias in another account is fine.
    let elsewhere = launch().snapshot(ROOT, Src::UnencryptedOwn).with_key(key(
        "k2",
        Some(APP_ALIAS),
        KeyOwner::Account("777788889999".into()),
        true,
    ));
    assert_eq!(elsewhere.resolve().status, Status::Ok);
    let reserved = launch().snapshot(ROOT, Src::UnencryptedOwn).with_key(key(
        "k3",
        Some("alias/aws/mine"),
        KeyOwner::Me,
        true,
    ));
    assert_eq!(
        reserved.resolve().error.unwrap().rule,
        Rule::ScenarioInvalidAlias
    );
    let empty =
        launch()
            .snapshot(ROOT, Src::UnencryptedOwn)
            .with_key(key(" ", None, KeyOwner::Me, true));
    assert_eq!(
        empty.resolve().error.unwrap().rule,
        Rule::ScenarioEmptyKeyId
    );
}

#[test]
fn launch_mapping_problems_are_refused() {
    let dup = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), None)
        .map(ROOT, None, None)
        .resolve();
    let error = dup.error.unwrap();
    assert_eq!(
        (error.code.as_str(), error.rule),
        ("InvalidBlockDeviceMapping", Rule::LaunchDuplicateMapping)
    );
    let bad = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map("sdf", None, None)
        .resolve();
    assert_eq!(bad.error.unwrap().rule, Rule::LaunchInvalidDeviceName);
}

/// `check` lists every problem, so that the page can mark each control at once.
#[test]
fn check_lists_every_problem() {
    let build = launch()
        .snapshot("bad", Src::UnencryptedOwn)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(ROOT, Src::UnencryptedOwn);
    let problems = ami_encryption_rules::check(&build.0);
    let at: Vec<_> = problems.iter().map(|p| p.at.clone().unwrap()).collect();
    assert_eq!(at, ["/snapshots/0/device", "/snapshots/2/device"]);
}
