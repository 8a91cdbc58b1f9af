//! Scenarios that AWS could never be in: found before any rule runs, each pointing at its field.

use std::collections::HashSet;

use crate::cut::{cut, quote};
use crate::device;
use crate::key::{is_account_id, is_alias_name, is_region, Identifier, KeyOwner, KeyRing};
use crate::outcome::{ErrorKind, RequestError};
use crate::rule::{Basis, Rule};
use crate::scenario::{Scenario, SnapshotOwner};

/// Every problem that makes the scenario impossible, in the order of the scenario's fields.
///
/// The page shows each one at its control; `resolve` refuses the scenario with the first of them.
pub fn check(scenario: &Scenario) -> Vec<RequestError> {
    problems(scenario, &KeyRing::of(&scenario.account))
}

/// [`check`] with the account's keys already indexed.
pub(crate) fn problems(scenario: &Scenario, ring: &KeyRing) -> Vec<RequestError> {
    let mut problems = Vec::new();
    let mut problem =
        |rule: Rule, code: &str, message: String, device: Option<&str>, at: String| {
            problems.push(RequestError {
                code: code.to_owned(),
                message,
                device: device.map(str::to_owned),
                kind: ErrorKind::Scenario,
                rule,
                basis: if rule == Rule::ScenarioAwsManagedKeyShared {
                    Basis::Documented
                } else {
                    Basis::Inferred
                },
                // Only the aws/ebs sharing refusal is an AWS error; the rest are ours.
                code_basis: Basis::Inferred,
                sources: rule.sources().iter().map(|s| s.to_string()).collect(),
                at: Some(at),
            })
        };

    let account = &scenario.account;
    if !is_account_id(&account.id) {
        let message = format!(
            "{} is not an AWS account ID (12 digits).",
            quote(&account.id)
        );
        problem(
            Rule::ScenarioInvalidAccountId,
            "InvalidScenario",
            message,
            None,
            "/account/id".into(),
        );
    }
    let mut region = |text: &str, at: String| {
        if !is_region(text) {
            let message = format!("{} is not a Region code such as us-east-1.", quote(text));
            problem(
                Rule::ScenarioInvalidRegion,
                "InvalidScenario",
                message,
                None,
                at,
            );
        }
    };
    region(&account.region, "/account/region".into());
    if let Some(source) = &scenario.copy.source_region {
        region(source, "/copy/source_region".into());
    }
    if let Some(keys) = &account.keys {
        for (i, key) in keys.iter().enumerate() {
            if let Some(r) = &key.region {
                region(r, format!("/account/keys/{i}/region"));
            }
        }
    }

    if let Some(keys) = &account.keys {
        let mut ids = HashSet::new();
        let mut aliases = HashSet::new();
        for (i, key) in keys.iter().enumerate() {
            let owner_account = match &key.owner {
                KeyOwner::Account(id) => id.as_str(),
                KeyOwner::Me | KeyOwner::AwsManaged => account.id.as_str(),
            };
            let home = (owner_account, key.region_or(&account.region));
            if let KeyOwner::Account(other) = &key.owner {
                if *other == account.id {
                    let message = format!("{other} is your own account ID, so this key is yours.");
                    problem(
                        Rule::ScenarioOtherAccountIsYours,
                        "InvalidScenario",
                        message,
                        None,
                        format!("/account/keys/{i}/owner"),
                    );
                }
            }
            if key.multi_region != key.id.starts_with("mrk-") {
                let message = if key.multi_region {
                    format!(
                        "The multi-Region key {} needs a key ID that starts with mrk-.",
                        cut(&key.id)
                    )
                } else {
                    format!(
                        "The key ID {} starts with mrk-, which only multi-Region keys have.",
                        cut(&key.id)
                    )
                };
                problem(
                    Rule::ScenarioMultiRegionKeyId,
                    "InvalidScenario",
                    message,
                    None,
                    format!("/account/keys/{i}/multi_region"),
                );
            }
            if key.id.trim().is_empty() {
                problem(
                    Rule::ScenarioEmptyKeyId,
                    "InvalidScenario",
                    "A key needs a key ID.".into(),
                    None,
                    format!("/account/keys/{i}/id"),
                );
            } else if !ids.insert((home, key.id.as_str())) {
                let message = format!(
                    "Two keys of one account and Region have the key ID {}.",
                    cut(&key.id)
                );
                problem(
                    Rule::ScenarioDuplicateKey,
                    "InvalidScenario",
                    message,
                    None,
                    format!("/account/keys/{i}/id"),
                );
            }
            let Some(alias) = &key.alias else { continue };
            let at = format!("/account/keys/{i}/alias");
            let reserved = alias.starts_with("alias/aws/") && key.owner != KeyOwner::AwsManaged;
            if !is_alias_name(alias) || reserved {
                let message = format!("{} is not an alias name you can give a key (alias/ followed by letters, digits, /, _ or -; alias/aws/ is reserved for AWS).", cut(alias));
                problem(
                    Rule::ScenarioInvalidAlias,
                    "InvalidScenario",
                    message,
                    None,
                    at,
                );
            } else if !aliases.insert((home, alias.as_str())) {
                let message = format!(
                    "Two keys of one account and Region have the alias {}.",
                    cut(alias)
                );
                problem(
                    Rule::ScenarioDuplicateKey,
                    "InvalidScenario",
                    message,
                    None,
                    at,
                );
            }
        }
    }

    if scenario.snapshots.is_empty() {
        let message = "An EBS-backed AMI has at least one snapshot (its root volume).".to_owned();
        problem(
            Rule::ScenarioNoSnapshots,
            "InvalidScenario",
            message,
            None,
            "/snapshots".into(),
        );
    }
    let ami_region = scenario.ami_region();
    let named_region = cut(ami_region);
    let mut devices = HashSet::new();
    for (i, snapshot) in scenario.snapshots.iter().enumerate() {
        let device = snapshot.device.as_str();
        // The device as messages quote it.
        let named = cut(device);
        if snapshot.size == 0 {
            let message =
                format!("The snapshot for {named} has no size; sizes are whole GiB, at least 1.");
            problem(
                Rule::ScenarioInvalidSize,
                "InvalidScenario",
                message,
                Some(device),
                format!("/snapshots/{i}/size"),
            );
        }
        if !snapshot.readable && snapshot.owner == SnapshotOwner::Me {
            let message = format!("The snapshot for {named} is yours, so you can read it.");
            problem(
                Rule::ScenarioOwnSnapshotUnreadable,
                "InvalidScenario",
                message,
                Some(device),
                format!("/snapshots/{i}/readable"),
            );
        }
        if !device::is_valid(device) {
            let message = format!(
                "{} is not a device name EC2 accepts (for example /dev/xvda or /dev/sdf).",
                quote(device)
            );
            problem(
                Rule::ScenarioInvalidDeviceName,
                "InvalidBlockDeviceMapping",
                message,
                Some(device),
                format!("/snapshots/{i}/device"),
            );
        } else if !devices.insert(device) {
            let message = format!("Two snapshots of the AMI are mapped to {named}.");
            problem(
                Rule::ScenarioDuplicateDevice,
                "InvalidBlockDeviceMapping",
                message,
                Some(device),
                format!("/snapshots/{i}/device"),
            );
        }
        let at = format!("/snapshots/{i}/kms_key");
        match (
            snapshot.encrypted,
            snapshot.kms_key.as_deref().filter(|k| !k.trim().is_empty()),
        ) {
            (true, None) => {
                let message =
                    format!("The encrypted snapshot for {named} needs the key that encrypts it.");
                problem(
                    Rule::ScenarioMissingSnapshotKey,
                    "InvalidScenario",
                    message,
                    Some(device),
                    at,
                );
            }
            (false, Some(key)) => {
                let named_key = cut(key);
                let message = format!(
                    "The snapshot for {named} is unencrypted, so no key ({named_key}) encrypts it."
                );
                problem(
                    Rule::ScenarioKeyOnUnencryptedSnapshot,
                    "InvalidScenario",
                    message,
                    Some(device),
                    at,
                );
            }
            (true, Some(key)) => {
                let named_key = cut(key);
                let found = ring.describe_in(key, ami_region);
                // A snapshot's key lives where the snapshot is: an ARN of another Region (even of
                // a key that exists), or a name only other Regions' keys have, cannot be its key.
                let other_region = match &found {
                    Some(resolved) => resolved.region != ami_region,
                    None => elsewhere(ring, key, ami_region),
                };
                match found {
                    _ if other_region => {
                        let message = format!("The snapshot for {named} is in {named_region}, and a snapshot's key is in the snapshot's Region; {named_key} is not.");
                        problem(
                            Rule::ScenarioSnapshotKeyOtherRegion,
                            "InvalidScenario",
                            message,
                            Some(device),
                            at,
                        );
                    }
                    None => {
                        let message = format!("The snapshot for {named} is encrypted with {named_key}, which is not among the account's keys.");
                        problem(
                            Rule::ScenarioUnknownSnapshotKey,
                            "InvalidScenario",
                            message,
                            Some(device),
                            at,
                        );
                    }
                    Some(resolved)
                        if resolved.aws_managed && snapshot.owner == SnapshotOwner::Shared =>
                    {
                        // The real error of ModifyImageAttribute when the owner tries to share such an AMI.
                        let message = "Snapshots encrypted with the AWS Managed CMK can't be shared. Specify another snapshot.".to_owned();
                        problem(
                            Rule::ScenarioAwsManagedKeyShared,
                            "InvalidParameter",
                            message,
                            Some(device),
                            at,
                        );
                    }
                    Some(_) => {}
                }
            }
            (false, None) => {}
        }
    }
    if scenario.operation == crate::scenario::Operation::Launch {
        for (i, mapping) in scenario.launch.iter().enumerate() {
            if mapping.volume_size == Some(0) {
                let message = format!(
                    "The volume for {} has size 0; sizes are whole GiB, at least 1.",
                    cut(&mapping.device)
                );
                problem(
                    Rule::ScenarioInvalidSize,
                    "InvalidScenario",
                    message,
                    Some(&mapping.device),
                    format!("/launch/{i}/volume_size"),
                );
            }
        }
    }
    problems
}

/// Whether `key` names a key outside `region`: an ARN of another Region, or a name that only keys
/// of other Regions have.
fn elsewhere(ring: &KeyRing, key: &str, region: &str) -> bool {
    match Identifier::parse(key).and_then(|p| p.region) {
        Some(arn_region) => arn_region != region,
        None => ring.is_listed_anywhere(key),
    }
}
