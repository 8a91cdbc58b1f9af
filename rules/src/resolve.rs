//! The resolver: the decision tables of RunInstances and CopyImage, one device at a time.

use std::collections::HashSet;

use crate::check::check;
use crate::device;
use crate::key::{KeyRing, ResolvedKey, Unresolved};
use crate::outcome::{
    Alternative, Change, ErrorKind, Failure, KeyProblem, KeyUse, Origin, Outcome, RequestError,
    Status, Volume,
};
use crate::rule::{source, Basis, Rule};
use crate::scenario::{Operation, Scenario, SnapshotOwner, AWS_MANAGED_EBS_KEY};

/// What a device starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source<'a> {
    /// A new empty volume (launch only).
    New,
    Unencrypted,
    Encrypted {
        key: &'a str,
        owner: SnapshotOwner,
    },
}

/// Which key the rules pick for the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Unencrypted,
    SourceKey,
    DefaultKey,
    SpecifiedKey,
}

/// The encryption parameters that apply to one device.
#[derive(Clone, Copy, Debug, Default)]
struct Parameters<'a> {
    encrypted: Option<bool>,
    kms_key_id: Option<&'a str>,
}

/// Resolves a scenario: every resulting volume (launch) or snapshot copy (copy), the rule that
/// decided it and where AWS says so; or why the request is refused, or fails after it is accepted.
pub fn resolve(scenario: &Scenario) -> Outcome {
    if let Some(problem) = first(check(scenario)) {
        return Outcome::refused(problem);
    }
    let refusal = match scenario.operation {
        Operation::Launch => launch_refusal(scenario),
        Operation::Copy => copy_refusal(scenario),
    };
    if let Some(error) = refusal {
        return Outcome::refused(error);
    }

    let ring = KeyRing::of(&scenario.account);
    let default_key = scenario.account.default_kms_key.as_str();
    let mut devices: Vec<(String, Source, Parameters)> = scenario
        .snapshots
        .iter()
        .map(|snapshot| {
            let source = match (&snapshot.kms_key, snapshot.encrypted) {
                (Some(key), true) => Source::Encrypted {
                    key,
                    owner: snapshot.owner,
                },
                _ => Source::Unencrypted,
            };
            (
                snapshot.device.clone(),
                source,
                parameters(scenario, &snapshot.device),
            )
        })
        .collect();
    if scenario.operation == Operation::Launch {
        for mapping in &scenario.launch {
            if !scenario
                .snapshots
                .iter()
                .any(|s| s.device == mapping.device)
            {
                devices.push((
                    mapping.device.clone(),
                    Source::New,
                    parameters(scenario, &mapping.device),
                ));
            }
        }
    }

    let mut volumes = Vec::with_capacity(devices.len());
    let mut failures = Vec::new();
    for (device, source, params) in devices {
        let (target, rule, mut basis) = decide(
            scenario.operation,
            scenario.account.encryption_by_default,
            source,
            params,
        );
        let written = match target {
            Target::Unencrypted => None,
            Target::SourceKey => match source {
                Source::Encrypted { key, .. } => Some(key),
                _ => unreachable!("only encrypted sources keep their key"),
            },
            Target::DefaultKey => Some(default_key),
            Target::SpecifiedKey => params.kms_key_id,
        };
        let source_key = match source {
            Source::Encrypted { key, .. } => ring.describe(key),
            _ => None,
        };
        let result_key =
            written.map(
                |w| match source_key.as_ref().filter(|_| target == Target::SourceKey) {
                    Some(k) => Ok(k.clone()),
                    None => ring.resolve(w),
                },
            );
        let kms_key = result_key.as_ref().map(|r| {
            r.as_ref().map_or_else(
                |_| written.unwrap_or_default().to_owned(),
                |k| k.name.clone(),
            )
        });

        let alternative =
            contested_reading(scenario, &ring, rule, params, source, kms_key.as_deref());
        if alternative.is_some() {
            basis = Basis::Contested;
        }
        let change = match (&source_key, &kms_key) {
            (_, None) => Change::Unencrypted,
            (None, Some(_)) => Change::Encrypted,
            (Some(k), Some(r)) if &k.name == r => Change::Unchanged,
            (Some(_), Some(_)) => Change::ReEncrypted,
        };

        if let Some(problem) = key_problem(
            scenario.operation,
            &device,
            source,
            source_key.as_ref(),
            written,
            result_key.as_ref(),
        ) {
            failures.push(problem);
        }
        volumes.push(Volume {
            origin: if source == Source::New {
                Origin::New
            } else {
                Origin::Snapshot
            },
            encrypted: kms_key.is_some(),
            kms_key,
            kms_key_as_written: written.map(str::to_owned),
            change,
            rule,
            basis,
            sources: sources(rule),
            alternative,
            device,
        });
    }

    // The first failing device by name, so that the answer never depends on snapshot order.
    let failure = failures.into_iter().min_by(|a, b| a.device.cmp(&b.device));
    Outcome {
        status: if failure.is_some() {
            Status::FailsLater
        } else {
            Status::Ok
        },
        volumes,
        error: None,
        failure,
    }
}

/// The parameters that apply to `device`: its own mapping at launch, the image-level set for copy.
fn parameters<'a>(scenario: &'a Scenario, device: &str) -> Parameters<'a> {
    match scenario.operation {
        Operation::Launch => scenario
            .launch_mapping(device)
            .map(|m| Parameters {
                encrypted: m.encrypted,
                kms_key_id: m.kms_key_id.as_deref(),
            })
            .unwrap_or_default(),
        Operation::Copy => Parameters {
            encrypted: scenario.copy.encrypted,
            kms_key_id: scenario.copy.kms_key_id.as_deref(),
        },
    }
}

/// One cell of the decision tables (spec §4 and §5): which key, which rule, how firmly documented.
fn decide(
    operation: Operation,
    by_default: bool,
    source: Source,
    params: Parameters,
) -> (Target, Rule, Basis) {
    use Basis::*;
    let launch = operation == Operation::Launch;
    let pick = |launch_rule: Rule, copy_rule: Rule| if launch { launch_rule } else { copy_rule };
    match (source, params.encrypted, params.kms_key_id) {
        (_, Some(true), Some(_)) => (
            Target::SpecifiedKey,
            pick(Rule::LaunchSpecifiedKey, Rule::CopySpecifiedKey),
            Documented,
        ),
        (Source::Encrypted { owner, .. }, Some(false), None) => {
            // Only reached at launch: a copy with Encrypted=false of an encrypted snapshot is refused.
            let target = if owner == SnapshotOwner::Me {
                Target::SourceKey
            } else {
                Target::DefaultKey
            };
            (target, Rule::LaunchFalseKeepsEncryption, Inferred)
        }
        (
            Source::Encrypted {
                owner: SnapshotOwner::Me,
                ..
            },
            _,
            None,
        ) => (
            Target::SourceKey,
            pick(Rule::LaunchOwnedKeepsKey, Rule::CopyOwnedKeepsKey),
            Documented,
        ),
        (
            Source::Encrypted {
                owner: SnapshotOwner::Shared,
                ..
            },
            _,
            None,
        ) => (
            Target::DefaultKey,
            pick(Rule::LaunchSharedDefaultKey, Rule::CopySharedDefaultKey),
            Documented,
        ),
        (_, Some(true), None) => (
            Target::DefaultKey,
            pick(
                Rule::LaunchEncryptedDefaultKey,
                Rule::CopyEncryptedDefaultKey,
            ),
            Documented,
        ),
        (_, None, None) if by_default => (
            Target::DefaultKey,
            pick(
                Rule::LaunchEncryptionByDefault,
                Rule::CopyEncryptionByDefault,
            ),
            Documented,
        ),
        (_, Some(false), None) if by_default => (
            Target::DefaultKey,
            pick(
                Rule::LaunchFalseOverriddenByDefault,
                Rule::CopyFalseOverriddenByDefault,
            ),
            Inferred,
        ),
        (Source::New, encrypted, None) => (
            Target::Unencrypted,
            Rule::LaunchNewVolumeUnencrypted,
            if encrypted.is_none() {
                Documented
            } else {
                Inferred
            },
        ),
        (Source::Unencrypted, encrypted, None) => (
            Target::Unencrypted,
            pick(Rule::LaunchStatePreserved, Rule::CopyStatePreserved),
            if encrypted.is_none() {
                Documented
            } else {
                Inferred
            },
        ),
        (_, _, Some(_)) => {
            unreachable!("KmsKeyId without Encrypted=true is refused before any device is resolved")
        }
    }
}

/// Where AWS's pages disagree (spec §8), the other reading, when it gives a different key.
fn contested_reading(
    scenario: &Scenario,
    ring: &KeyRing,
    rule: Rule,
    params: Parameters,
    source: Source,
    result: Option<&str>,
) -> Option<Alternative> {
    let by_default = scenario.account.encryption_by_default;
    let (written, page) = match (rule, params.encrypted) {
        // §8.2: the EBS snapshot-copy table uses the default key (EBD on) or aws/ebs (EBD off).
        (Rule::CopyOwnedKeepsKey, None) => (
            if by_default {
                scenario.account.default_kms_key.as_str()
            } else {
                AWS_MANAGED_EBS_KEY
            },
            source::EBS_COPY_SNAPSHOT,
        ),
        // §8.1: the EBS examples say a copy of a shared snapshot keeps the owner's key.
        (Rule::CopySharedDefaultKey, None) => match source {
            Source::Encrypted { key, .. } => (key, source::EBS_REENCRYPT_SNAPSHOT),
            _ => return None,
        },
        // §8.3: the CopyImage API names the AWS managed key, not the account's default key.
        (Rule::CopyEncryptedDefaultKey, _) if !by_default => {
            (AWS_MANAGED_EBS_KEY, source::COPY_IMAGE_API)
        }
        _ => return None,
    };
    let other = ring
        .describe(written)
        .map_or_else(|| written.to_owned(), |k| k.name);
    (Some(other.as_str()) != result).then(|| Alternative {
        encrypted: true,
        kms_key: Some(other),
        source: page.to_owned(),
    })
}

/// Whether a key the device needs stops the call after it is accepted (spec §11.7).
fn key_problem(
    operation: Operation,
    device: &str,
    source: Source,
    source_key: Option<&ResolvedKey>,
    written: Option<&str>,
    result_key: Option<&Result<ResolvedKey, Unresolved>>,
) -> Option<Failure> {
    let (problem, key_use, key) =
        if let (Source::Encrypted { key, .. }, Some(k)) = (source, source_key) {
            if !k.usable {
                (KeyProblem::NotUsable, KeyUse::Decrypt, key)
            } else {
                result_problem(written, result_key, &k.name)?
            }
        } else {
            result_problem(written, result_key, "")?
        };
    let launch = operation == Operation::Launch;
    let rule = match (launch, problem) {
        (true, KeyProblem::NotUsable) => Rule::LaunchKeyNotUsable,
        (true, _) => Rule::LaunchKeyNotFound,
        (false, KeyProblem::NotUsable) => Rule::CopyKeyNotUsable,
        (false, _) => Rule::CopyKeyNotFound,
    };
    let (code, message, basis) = if launch {
        (
            "Client.InternalError",
            "Client error on launch",
            Basis::Documented,
        )
    } else {
        // The AMI ends in state `failed`; the public record of the reason is the snapshot copy's.
        ("failed", "Given key ID is not accessible", Basis::Inferred)
    };
    Some(Failure {
        code: code.to_owned(),
        message: message.to_owned(),
        key: key.to_owned(),
        device: device.to_owned(),
        problem,
        key_use,
        rule,
        basis,
        sources: sources(rule),
    })
}

fn result_problem<'a>(
    written: Option<&'a str>,
    result_key: Option<&Result<ResolvedKey, Unresolved>>,
    source_key_name: &str,
) -> Option<(KeyProblem, KeyUse, &'a str)> {
    let written = written?;
    match result_key? {
        Ok(k) if k.usable || k.name == source_key_name => None,
        Ok(_) => Some((KeyProblem::NotUsable, KeyUse::Encrypt, written)),
        Err(Unresolved::NotFound) => Some((KeyProblem::NotFound, KeyUse::Encrypt, written)),
        Err(Unresolved::OtherAccountNeedsArn) => {
            Some((KeyProblem::OtherAccountNeedsArn, KeyUse::Encrypt, written))
        }
    }
}

/// Launch requests EC2 refuses as a whole: bad mappings first, then `KmsKeyId` without `Encrypted`.
fn launch_refusal(scenario: &Scenario) -> Option<RequestError> {
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    for (i, mapping) in scenario.launch.iter().enumerate() {
        let device = mapping.device.as_str();
        let at = Some(format!("/launch/{i}/device"));
        if !device::is_valid(device) {
            let message = format!("Invalid device name {device}");
            errors.push(request_error(
                Rule::LaunchInvalidDeviceName,
                "InvalidBlockDeviceMapping",
                message,
                Some(device),
                Basis::Inferred,
                at,
            ));
        } else if !seen.insert(device) {
            let message =
                format!("The device '{device}' is used in more than one block-device mapping");
            errors.push(request_error(
                Rule::LaunchDuplicateMapping,
                "InvalidBlockDeviceMapping",
                message,
                Some(device),
                Basis::Inferred,
                at,
            ));
        }
    }
    if let Some(error) = first(errors) {
        return Some(error);
    }
    scenario
        .launch
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kms_key_id.is_some() && m.encrypted != Some(true))
        .min_by(|(_, a), (_, b)| a.device.cmp(&b.device))
        .map(|(i, m)| {
            dependency_error(
                Some(&m.device),
                m.encrypted,
                format!("/launch/{i}/kms_key_id"),
            )
        })
}

/// Copy requests EC2 refuses as a whole.
fn copy_refusal(scenario: &Scenario) -> Option<RequestError> {
    let copy = &scenario.copy;
    if copy.kms_key_id.is_some() && copy.encrypted != Some(true) {
        return Some(dependency_error(
            None,
            copy.encrypted,
            "/copy/kms_key_id".to_owned(),
        ));
    }
    if copy.encrypted == Some(false) {
        let device = scenario
            .snapshots
            .iter()
            .filter(|s| s.encrypted)
            .map(|s| s.device.as_str())
            .min()?;
        let message =
            format!("Snapshot for {device} is encrypted. Creating unencrypted copy from an encrypted snapshot is not supported.");
        let at = Some("/copy/encrypted".to_owned());
        return Some(request_error(
            Rule::CopyUnencryptedFromEncrypted,
            "InvalidRequest",
            message,
            Some(device),
            Basis::Documented,
            at,
        ));
    }
    None
}

/// `KmsKeyId` without `Encrypted=true`. Documented when `Encrypted` is absent; with `false` it is
/// inferred from "you must also set the encrypted state to true".
fn dependency_error(device: Option<&str>, encrypted: Option<bool>, at: String) -> RequestError {
    let basis = if encrypted.is_none() {
        Basis::Documented
    } else {
        Basis::Inferred
    };
    let message = "The parameter KmsKeyId requires the parameter Encrypted to be set.".to_owned();
    request_error(
        Rule::KmsKeyWithoutEncrypted,
        "InvalidParameterDependency",
        message,
        device,
        basis,
        Some(at),
    )
}

fn request_error(
    rule: Rule,
    code: &str,
    message: String,
    device: Option<&str>,
    basis: Basis,
    at: Option<String>,
) -> RequestError {
    RequestError {
        code: code.to_owned(),
        message,
        device: device.map(str::to_owned),
        kind: ErrorKind::Request,
        rule,
        basis,
        sources: sources(rule),
        at,
    }
}

fn sources(rule: Rule) -> Vec<String> {
    rule.sources().iter().map(|s| s.to_string()).collect()
}

/// The error to report when there are several: by rule, then by device, so that snapshot order
/// never changes the answer.
fn first(errors: Vec<RequestError>) -> Option<RequestError> {
    errors.into_iter().min_by(|a, b| {
        let rank = |e: &RequestError| Rule::ALL.iter().position(|r| *r == e.rule);
        rank(a).cmp(&rank(b)).then_with(|| a.device.cmp(&b.device))
    })
}
