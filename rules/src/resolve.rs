//! The resolver: the decision tables of RunInstances and CopyImage, one device at a time, then
//! the keys each device needs, checked where and by whom they are used.

use std::collections::{HashMap, HashSet};

use crate::check;
use crate::cut::cut;
use crate::device;
use crate::key::{arn_of, Identifier, KeyRing, ResolvedKey, Unresolved};
use crate::outcome::{
    Alternative, Change, ErrorKind, Failure, KeyProblem, KeyUse, Origin, Outcome, RequestError,
    Status, Volume,
};
use crate::rule::{source, Basis, Rule};
use crate::scenario::{
    Caller, KeySpec, KeyState, LaunchMapping, Operation, Scenario, Snapshot, SnapshotOwner,
    AWS_MANAGED_EBS_KEY,
};

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

/// One device of the result, before its rule is known.
struct Device<'a> {
    name: &'a str,
    source: Source<'a>,
    params: Parameters<'a>,
    size: u32,
}

/// Where the call happens and who makes it: what every key is checked against.
struct Context<'a> {
    scenario: &'a Scenario,
    ring: KeyRing<'a>,
    /// The Region of the call (the launch Region, or a copy's destination).
    call_region: &'a str,
    /// The Region of the AMI and its snapshots (a copy's source Region).
    ami_region: &'a str,
    caller: Caller,
}

/// Resolves a scenario: every resulting volume (launch) or snapshot copy (copy), the rule that
/// decided it and where AWS says so; or why the request is refused, or fails after it is accepted.
pub fn resolve(scenario: &Scenario) -> Outcome {
    let ring = KeyRing::of(&scenario.account);
    if let Some(problem) = first(check::problems(scenario, &ring)) {
        return Outcome::refused(problem);
    }
    let refusal = match scenario.operation {
        Operation::Launch => launch_refusal(scenario),
        Operation::Copy => copy_refusal(scenario),
    };
    if let Some(error) = refusal {
        return Outcome::refused(error);
    }

    let context = Context {
        scenario,
        ring,
        call_region: &scenario.account.region,
        ami_region: scenario.ami_region(),
        caller: scenario.effective_caller(),
    };
    let (devices, suppressed) = devices(scenario);
    let mut volumes = Vec::with_capacity(devices.len());
    let mut failures = Vec::new();
    for device in devices {
        let (volume, failure) = context.volume(device);
        volumes.push(volume);
        failures.extend(failure);
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
        suppressed,
    }
}

/// Every device of the result: each snapshot's (unless the launch suppresses it with `NoDevice`),
/// then each new empty volume of the launch. Also the suppressed devices.
fn devices(scenario: &Scenario) -> (Vec<Device<'_>>, Vec<String>) {
    let launch = scenario.operation == Operation::Launch;
    // The first mapping of each device, as `Scenario::launch_mapping` finds it.
    let mut mappings: HashMap<&str, &LaunchMapping> = HashMap::new();
    if launch {
        for mapping in &scenario.launch {
            mappings.entry(mapping.device.as_str()).or_insert(mapping);
        }
    }
    let mut devices = Vec::new();
    let mut suppressed = Vec::new();
    for snapshot in &scenario.snapshots {
        let mapping = mappings.get(snapshot.device.as_str()).copied();
        if mapping.is_some_and(|m| m.no_device) {
            suppressed.push(snapshot.device.clone());
            continue;
        }
        let source = match (&snapshot.kms_key, snapshot.encrypted) {
            (Some(key), true) => Source::Encrypted {
                key,
                owner: snapshot.owner,
            },
            _ => Source::Unencrypted,
        };
        devices.push(Device {
            name: &snapshot.device,
            source,
            params: parameters(scenario, mapping),
            size: mapping.and_then(|m| m.volume_size).unwrap_or(snapshot.size),
        });
    }
    if launch {
        let snapshot_devices: HashSet<&str> = scenario
            .snapshots
            .iter()
            .map(|s| s.device.as_str())
            .collect();
        for mapping in &scenario.launch {
            let is_snapshot = snapshot_devices.contains(mapping.device.as_str());
            if !is_snapshot && !mapping.no_device {
                devices.push(Device {
                    name: &mapping.device,
                    source: Source::New,
                    params: parameters(scenario, mappings.get(mapping.device.as_str()).copied()),
                    // A new volume without a size is refused before this point.
                    size: mapping.volume_size.unwrap_or_default(),
                });
            }
        }
    }
    (devices, suppressed)
}

impl Context<'_> {
    /// The result for one device, and the key problem that stops the call there, if any.
    fn volume(&self, device: Device) -> (Volume, Option<Failure>) {
        let scenario = self.scenario;
        let cross_region = scenario.is_cross_region();
        let (target, rule, mut basis) = decide(
            scenario.operation,
            scenario.account.encryption_by_default,
            cross_region,
            device.source,
            device.params,
        );
        let source_key = match device.source {
            // `check` has made sure every snapshot key is known.
            Source::Encrypted { key, .. } => self.ring.describe_in(key, self.ami_region),
            _ => None,
        };
        let written = match target {
            Target::Unencrypted => None,
            Target::SourceKey => match device.source {
                Source::Encrypted { key, .. } => Some(key),
                _ => unreachable!("only encrypted sources keep their key"),
            },
            Target::DefaultKey => Some(scenario.account.default_kms_key.as_str()),
            Target::SpecifiedKey => device.params.kms_key_id,
        };
        let result_key = written.map(|w| match (target, &source_key) {
            (Target::SourceKey, Some(k)) => Ok(k.clone()),
            _ => self.ring.resolve(w),
        });
        let kms_key = result_key.as_ref().map(|r| match r {
            Ok(k) => k.name.clone(),
            Err(_) => written.unwrap_or_default().to_owned(),
        });
        let kms_key_arn = result_key.as_ref().and_then(|r| match r {
            Ok(k) => Some(k.arn.clone()),
            Err(_) => arn_of(
                written.unwrap_or_default(),
                &scenario.account.id,
                self.call_region,
            ),
        });

        let alternative = self.contested_reading(
            rule,
            device.source,
            source_key.as_ref(),
            kms_key_arn.as_deref(),
        );
        if alternative.is_some() {
            basis = Basis::Contested;
        }
        let change = match (&source_key, &kms_key_arn, &kms_key) {
            (_, _, None) => Change::Unencrypted,
            (None, _, Some(_)) => Change::Encrypted,
            (Some(k), Some(arn), Some(_)) if &k.arn == arn => Change::Unchanged,
            (Some(_), _, Some(_)) => Change::ReEncrypted,
        };

        let failure = self.key_failure(
            device.name,
            device.source,
            source_key.as_ref(),
            written,
            result_key.as_ref(),
        );
        let volume = Volume {
            device: device.name.to_owned(),
            origin: if device.source == Source::New {
                Origin::New
            } else {
                Origin::Snapshot
            },
            encrypted: kms_key.is_some(),
            kms_key,
            kms_key_arn,
            size: device.size,
            kms_key_as_written: written.map(str::to_owned),
            change,
            rule,
            basis,
            sources: sources(rule),
            alternative,
        };
        (volume, failure)
    }

    /// Where AWS's pages disagree (spec §8, §12), the other reading, when it gives another key.
    fn contested_reading(
        &self,
        rule: Rule,
        source: Source,
        source_key: Option<&ResolvedKey>,
        result_arn: Option<&str>,
    ) -> Option<Alternative> {
        let account = &self.scenario.account;
        let by_default = account.encryption_by_default;
        let (written, region, page) = match rule {
            // §8.2: the EBS snapshot-copy table uses the default key (EBD on) or aws/ebs (EBD off).
            Rule::CopyOwnedKeepsKey => (
                if by_default {
                    account.default_kms_key.clone()
                } else {
                    AWS_MANAGED_EBS_KEY.to_owned()
                },
                self.call_region,
                source::EBS_COPY_SNAPSHOT,
            ),
            // §8.1: the EBS examples say a copy of a shared snapshot keeps the owner's key.
            Rule::CopySharedDefaultKey => match source {
                Source::Encrypted { key, .. } => (
                    key.to_owned(),
                    self.ami_region,
                    source::EBS_REENCRYPT_SNAPSHOT,
                ),
                _ => return None,
            },
            // §8.3: the CopyImage API names the AWS managed key, not the account's default key.
            Rule::CopyEncryptedDefaultKey
            | Rule::CopyEncryptionByDefault
            | Rule::CopyFalseOverriddenByDefault => (
                AWS_MANAGED_EBS_KEY.to_owned(),
                self.call_region,
                source::COPY_IMAGE_API,
            ),
            // §12: the Copy-an-AMI page says a copy of an encrypted snapshot keeps "the same
            // key". Across Regions that can only be a multi-Region key's replica in the
            // destination; for any other key the page's reading names a key that stays behind in
            // the source Region (the page then explains why it cannot be).
            Rule::CopyCrossRegionDefaultKey => {
                match (source_key.and_then(|k| self.replica(k)), source) {
                    (Some(replica), _) => (replica, self.call_region, source::COPY_AMI_ENCRYPTION),
                    (None, Source::Encrypted { key, .. }) => {
                        (key.to_owned(), self.ami_region, source::COPY_AMI_ENCRYPTION)
                    }
                    (None, _) => return None,
                }
            }
            _ => return None,
        };
        let other = self.ring.describe_in(&written, region);
        let other_arn = other
            .as_ref()
            .map(|k| k.arn.clone())
            .or_else(|| arn_of(&written, &account.id, region));
        (other_arn.as_deref() != result_arn).then(|| Alternative {
            encrypted: true,
            kms_key: Some(other.map_or(written, |k| k.name)),
            kms_key_arn: other_arn,
            source: page.to_owned(),
        })
    }

    /// The replica of a multi-Region key in the call's Region, as a key ARN, if the account lists one.
    fn replica(&self, key: &ResolvedKey) -> Option<String> {
        if !key.multi_region {
            return None;
        }
        let arn = format!(
            "arn:aws:kms:{}:{}:key/{}",
            self.call_region, key.account, key.name
        );
        self.ring.resolve(&arn).ok().map(|k| k.arn)
    }

    /// Whether a key the device needs stops the call after it is accepted (spec §11.7, §12).
    fn key_failure(
        &self,
        device: &str,
        source: Source,
        source_key: Option<&ResolvedKey>,
        written: Option<&str>,
        result_key: Option<&Result<ResolvedKey, Unresolved>>,
    ) -> Option<Failure> {
        let decrypt = match (source, source_key) {
            (Source::Encrypted { key, .. }, Some(k)) => self
                .problem(k, self.ami_region)
                .map(|p| (p, KeyUse::Decrypt, key, Some(k.arn.clone()))),
            _ => None,
        };
        let encrypt = || {
            let written = written?;
            let problem = match result_key? {
                Ok(k) => self.problem(k, self.call_region)?,
                // An ARN of another Region is the wrong Region, whether or not the key is listed.
                Err(Unresolved::NotFound)
                    if Identifier::parse(written)
                        .and_then(|i| i.region)
                        .is_some_and(|r| r != self.call_region) =>
                {
                    KeyProblem::WrongRegion
                }
                Err(Unresolved::NotFound) => KeyProblem::NotFound,
                Err(Unresolved::OtherAccountNeedsArn) => KeyProblem::OtherAccountNeedsArn,
                Err(Unresolved::OnlyInRegion(_)) => KeyProblem::WrongRegion,
            };
            let arn = match result_key? {
                Ok(k) => Some(k.arn.clone()),
                Err(_) => arn_of(written, &self.scenario.account.id, self.call_region),
            };
            Some((problem, KeyUse::Encrypt, written, arn))
        };
        let (problem, key_use, key, key_arn) = decrypt.or_else(encrypt)?;
        let launch = self.scenario.operation == Operation::Launch;
        let effect = effect(launch, problem);
        Some(Failure {
            code: effect.code.to_owned(),
            message: effect.message.to_owned(),
            code_basis: effect.code_basis,
            key: key.to_owned(),
            key_arn,
            device: device.to_owned(),
            problem,
            key_use,
            rule: effect.rule,
            basis: effect.basis,
            sources: sources(effect.rule),
        })
    }

    /// What keeps a resolved key from working in `region` for the caller, in the order a reader
    /// would check: where it is, whose it is, what it is, its state, then permissions.
    fn problem(&self, key: &ResolvedKey, region: &str) -> Option<KeyProblem> {
        if key.region != region {
            return Some(KeyProblem::WrongRegion);
        }
        if key.aws_managed && !key.yours {
            return Some(KeyProblem::OtherAccountAwsManaged);
        }
        if key.spec == KeySpec::Asymmetric {
            return Some(KeyProblem::Asymmetric);
        }
        match key.state {
            KeyState::Disabled => return Some(KeyProblem::Disabled),
            KeyState::PendingDeletion => return Some(KeyProblem::PendingDeletion),
            KeyState::Enabled => {}
        }
        match self.caller {
            Caller::You if !key.usable => Some(KeyProblem::NotUsable),
            Caller::AutoScaling if !key.auto_scaling => Some(KeyProblem::AutoScalingNotAllowed),
            _ => None,
        }
    }
}

/// What a key problem does to an accepted call: the rule, and the code and message AWS shows.
struct Effect {
    rule: Rule,
    /// How firmly AWS documents the rule.
    basis: Basis,
    code: &'static str,
    message: &'static str,
    /// How firmly AWS documents the code and message (separately from the rule).
    code_basis: Basis,
}

/// Every key problem is accepted first and fails afterwards: AWS checks keys asynchronously
/// (CopyImage documents it; for launches every public report shows a terminated instance, none a
/// refusal). The code is documented only for missing permissions (EC2's and Auto Scaling's
/// troubleshooting pages); the key-state code is known from public reports only.
fn effect(launch: bool, problem: KeyProblem) -> Effect {
    use Basis::{Documented, Inferred};
    use KeyProblem::*;
    if launch {
        let (rule, basis) = match problem {
            NotUsable => (Rule::LaunchKeyNotUsable, Documented),
            AutoScalingNotAllowed => (Rule::LaunchAutoScalingKeyNotAllowed, Documented),
            // RunInstances does not document asynchronous key checks, unlike CopyImage.
            NotFound | OtherAccountNeedsArn => (Rule::LaunchKeyNotFound, Inferred),
            WrongRegion => (Rule::KeyWrongRegion, Inferred),
            OtherAccountAwsManaged => (Rule::KeyOtherAccountAwsManaged, Inferred),
            Disabled | PendingDeletion => (Rule::KeyNotEnabled, Documented),
            Asymmetric => (Rule::KeyAsymmetric, Inferred),
        };
        let (code, message, code_basis) = match problem {
            Disabled | PendingDeletion => (
                "Client.InvalidKMSKey.InvalidState",
                "The KMS key provided is in an incorrect state",
                Inferred,
            ),
            NotUsable | AutoScalingNotAllowed => {
                ("Client.InternalError", "Client error on launch", Documented)
            }
            _ => ("Client.InternalError", "Client error on launch", Inferred),
        };
        Effect {
            rule,
            basis,
            code,
            message,
            code_basis,
        }
    } else {
        let (rule, basis) = match problem {
            NotUsable | AutoScalingNotAllowed => (Rule::CopyKeyNotUsable, Inferred),
            // CopyImage: an identifier that is not valid "eventually fails".
            NotFound | OtherAccountNeedsArn => (Rule::CopyKeyNotFound, Documented),
            // CopyImage: the key "must exist in the destination Region".
            WrongRegion => (Rule::KeyWrongRegion, Documented),
            OtherAccountAwsManaged => (Rule::KeyOtherAccountAwsManaged, Inferred),
            Disabled | PendingDeletion => (Rule::KeyNotEnabled, Inferred),
            Asymmetric => (Rule::KeyAsymmetric, Inferred),
        };
        // The AMI ends `failed`; the public record of the reason is the snapshot copy's.
        Effect {
            rule,
            basis,
            code: "failed",
            message: "Given key ID is not accessible",
            code_basis: Inferred,
        }
    }
}

/// The parameters that apply to a device: its own mapping at launch (the first for its device),
/// the image-level set for copy.
fn parameters<'a>(scenario: &'a Scenario, mapping: Option<&'a LaunchMapping>) -> Parameters<'a> {
    match scenario.operation {
        Operation::Launch => mapping
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
    cross_region: bool,
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
        // §12: a key never leaves its Region, so a copy to another Region cannot keep it.
        (Source::Encrypted { .. }, _, None) if cross_region && !launch => (
            Target::DefaultKey,
            Rule::CopyCrossRegionDefaultKey,
            Inferred,
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

/// Launch requests EC2 refuses as a whole: bad mappings first, then `KmsKeyId` without `Encrypted`.
fn launch_refusal(scenario: &Scenario) -> Option<RequestError> {
    use Basis::{Documented, Inferred};
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    // The first snapshot of each device.
    let mut snapshots: HashMap<&str, &Snapshot> = HashMap::new();
    for snapshot in &scenario.snapshots {
        snapshots
            .entry(snapshot.device.as_str())
            .or_insert(snapshot);
    }
    for (i, mapping) in scenario.launch.iter().enumerate() {
        let device = mapping.device.as_str();
        let at = |field: &str| Some(format!("/launch/{i}/{field}"));
        let mut refuse = |rule, message: String, basis, field: &str| {
            errors.push(request_error(
                rule,
                "InvalidBlockDeviceMapping",
                message,
                Some(device),
                basis,
                Inferred,
                at(field),
            ))
        };
        if !device::is_valid(device) {
            let message = format!("Invalid device name {}", cut(device));
            refuse(Rule::LaunchInvalidDeviceName, message, Inferred, "device");
            continue;
        }
        if !seen.insert(device) {
            let message = format!(
                "The device '{}' is used in more than one block-device mapping",
                cut(device)
            );
            refuse(Rule::LaunchDuplicateMapping, message, Inferred, "device");
            continue;
        }
        let snapshot = snapshots.get(device).copied();
        if mapping.no_device {
            if mapping.encrypted.is_some()
                || mapping.kms_key_id.is_some()
                || mapping.volume_size.is_some()
            {
                let message = format!(
                    "The mapping for {} sets NoDevice and EBS parameters; it can have only one of them",
                    cut(device)
                );
                refuse(
                    Rule::LaunchNoDeviceWithParameters,
                    message,
                    Inferred,
                    "no_device",
                );
            }
            continue;
        }
        match (snapshot, mapping.volume_size) {
            (None, None) => {
                let message = format!(
                    "Either snapshot ID or volume size must be provided for: {}",
                    cut(device)
                );
                refuse(
                    Rule::LaunchNewVolumeWithoutSize,
                    message,
                    Documented,
                    "volume_size",
                );
            }
            (Some(snapshot), Some(size)) if size < snapshot.size => {
                // The real message has two spaces before "snapshot"; we do not know the ID.
                let message = format!(
                    "Volume of size {size}GB is smaller than  snapshot 'snap-…', expect size >= {}GB",
                    snapshot.size
                );
                refuse(
                    Rule::LaunchVolumeSmallerThanSnapshot,
                    message,
                    Documented,
                    "volume_size",
                );
            }
            _ => {}
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
    // Copying another account's AMI reads its snapshots: the owner must share them too.
    if let Some((i, snapshot)) = scenario
        .snapshots
        .iter()
        .enumerate()
        .filter(|(_, s)| s.owner == SnapshotOwner::Shared && !s.readable)
        .min_by(|(_, a), (_, b)| a.device.cmp(&b.device))
    {
        return Some(request_error(
            Rule::CopySnapshotNotReadable,
            "InvalidRequest",
            "You do not have permission to access the storage of this ami".to_owned(),
            Some(&snapshot.device),
            Basis::Documented,
            Basis::Inferred,
            Some(format!("/snapshots/{i}/readable")),
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
            format!("Snapshot for {} is encrypted. Creating unencrypted copy from an encrypted snapshot is not supported.", cut(device));
        let at = Some("/copy/encrypted".to_owned());
        return Some(request_error(
            Rule::CopyUnencryptedFromEncrypted,
            "InvalidRequest",
            message,
            Some(device),
            Basis::Documented,
            Basis::Inferred,
            at,
        ));
    }
    None
}

/// `KmsKeyId` without `Encrypted=true`. Documented when `Encrypted` is absent; with `false` it is
/// inferred from "you must also set the encrypted state to true". The code and message are known
/// from public reports.
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
        Basis::Inferred,
        Some(at),
    )
}

fn request_error(
    rule: Rule,
    code: &str,
    message: String,
    device: Option<&str>,
    basis: Basis,
    code_basis: Basis,
    at: Option<String>,
) -> RequestError {
    RequestError {
        code: code.to_owned(),
        message,
        device: device.map(str::to_owned),
        kind: ErrorKind::Request,
        rule,
        basis,
        code_basis,
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
