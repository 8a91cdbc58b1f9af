//! Scenarios that AWS could never be in: found before any rule runs, each pointing at its field.

use std::collections::HashSet;

use crate::device;
use crate::key::{is_alias_name, KeyOwner, KeyRing};
use crate::outcome::{ErrorKind, RequestError};
use crate::rule::{Basis, Rule};
use crate::scenario::{Scenario, SnapshotOwner};

/// Every problem that makes the scenario impossible, in the order of the scenario's fields.
///
/// The page shows each one at its control; `resolve` refuses the scenario with the first of them.
pub fn check(scenario: &Scenario) -> Vec<RequestError> {
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
                sources: rule.sources().iter().map(|s| s.to_string()).collect(),
                at: Some(at),
            })
        };

    if let Some(keys) = &scenario.account.keys {
        let mut ids = HashSet::new();
        let mut aliases = HashSet::new();
        for (i, key) in keys.iter().enumerate() {
            if key.id.trim().is_empty() {
                problem(
                    Rule::ScenarioEmptyKeyId,
                    "InvalidScenario",
                    "A key needs a key ID.".into(),
                    None,
                    format!("/account/keys/{i}/id"),
                );
            } else if !ids.insert(key.id.as_str()) {
                let message = format!("Two keys have the key ID {}.", key.id);
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
                let message = format!("{alias} is not an alias name you can give a key (alias/ followed by letters, digits, /, _ or -; alias/aws/ is reserved for AWS).");
                problem(
                    Rule::ScenarioInvalidAlias,
                    "InvalidScenario",
                    message,
                    None,
                    at,
                );
            } else if !aliases.insert((account_of(&key.owner), alias.as_str())) {
                let message = format!("Two keys of one account have the alias {alias}.");
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
    let ring = KeyRing::of(&scenario.account);
    let mut devices = HashSet::new();
    for (i, snapshot) in scenario.snapshots.iter().enumerate() {
        let device = snapshot.device.as_str();
        if !device::is_valid(device) {
            let message = format!(
                "{device:?} is not a device name EC2 accepts (for example /dev/xvda or /dev/sdf)."
            );
            problem(
                Rule::ScenarioInvalidDeviceName,
                "InvalidBlockDeviceMapping",
                message,
                Some(device),
                format!("/snapshots/{i}/device"),
            );
        } else if !devices.insert(device) {
            let message = format!("Two snapshots of the AMI are mapped to {device}.");
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
                    format!("The encrypted snapshot for {device} needs the key that encrypts it.");
                problem(
                    Rule::ScenarioMissingSnapshotKey,
                    "InvalidScenario",
                    message,
                    Some(device),
                    at,
                );
            }
            (false, Some(key)) => {
                let message = format!(
                    "The snapshot for {device} is unencrypted, so no key ({key}) encrypts it."
                );
                problem(
                    Rule::ScenarioKeyOnUnencryptedSnapshot,
                    "InvalidScenario",
                    message,
                    Some(device),
                    at,
                );
            }
            (true, Some(key)) => match ring.describe(key) {
                None => {
                    let message = format!("The snapshot for {device} is encrypted with {key}, which is not among the account's keys.");
                    problem(
                        Rule::ScenarioUnknownSnapshotKey,
                        "InvalidScenario",
                        message,
                        Some(device),
                        at,
                    );
                }
                Some(resolved)
                    if resolved.owner == KeyOwner::AwsManaged
                        && snapshot.owner == SnapshotOwner::Shared =>
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
            },
            (false, None) => {}
        }
    }
    problems
}

/// Aliases are unique per account; your own keys and your AWS managed keys share one account.
fn account_of(owner: &KeyOwner) -> Option<&str> {
    match owner {
        KeyOwner::Account(id) => Some(id),
        KeyOwner::Me | KeyOwner::AwsManaged => None,
    }
}
