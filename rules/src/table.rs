//! The decision table of one operation, every cell asked of the engine: for each source (a new
//! volume, an unencrypted snapshot, an encrypted snapshot of yours, one shared with you) and each
//! parameter set, with encryption by default off and on, a small representative scenario and what
//! [`resolve`] makes of it. And the reverse: which cell each volume of any scenario lands in.
//!
//! Nothing here is written down twice: the table is the engine's answers, so it can never drift from
//! the rules that the rest of the page shows.

use std::collections::HashSet;

use crate::outcome::{Outcome, Status};
use crate::preset::{key_id, OTHER_ACCOUNT};
use crate::rule::{Basis, Rule};
use crate::scenario::{
    CopyParameters, Key, LaunchMapping, Operation, Scenario, Snapshot, SnapshotOwner,
    DEFAULT_SNAPSHOT_SIZE,
};
use crate::{resolve, KeyOwner};

/// The device every representative scenario maps its one snapshot to.
pub const ROOT: &str = "/dev/xvda";
/// The device of the new empty volume in the new-volume row's scenarios.
pub const NEW: &str = "/dev/sdf";

/// Your key that encrypts the "encrypted snapshot of yours".
const APP: &str = "alias/app";
/// Your key that the "Encrypted=true + KmsKeyId" and "KmsKeyId alone" columns name.
const TEAM: &str = "alias/team";
/// The partner's key that encrypts the "encrypted snapshot shared with you", named by its ARN as
/// another account's key must be.
const PARTNER: &str = "arn:aws:kms:us-east-1:111122223333:alias/partner";

/// A row: what a volume (launch) or snapshot copy (copy) starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A new empty volume named only in the launch request (launch only).
    NewVolume,
    /// An unencrypted snapshot, yours or shared with you (the rules do not tell them apart).
    Unencrypted,
    /// An encrypted snapshot of your own.
    EncryptedYours,
    /// An encrypted snapshot of another account's AMI, shared with you.
    EncryptedShared,
}

impl Source {
    /// Every row, in the table's order.
    pub const ALL: [Source; 4] = [
        Source::NewVolume,
        Source::Unencrypted,
        Source::EncryptedYours,
        Source::EncryptedShared,
    ];

    /// The rows of an operation's table: a copy has no new volumes.
    pub fn rows(operation: Operation) -> &'static [Source] {
        match operation {
            Operation::Launch => &Source::ALL,
            Operation::Copy => &Source::ALL[1..],
        }
    }

    /// The row of an AMI snapshot, as `resolve` reads it (an `encrypted` flag without a key is
    /// taken as unencrypted, as the resolver does; `check` refuses such a scenario anyway).
    fn of(snapshot: &Snapshot) -> Source {
        match (snapshot.encrypted, &snapshot.kms_key, snapshot.owner) {
            (true, Some(_), SnapshotOwner::Me) => Source::EncryptedYours,
            (true, Some(_), SnapshotOwner::Shared) => Source::EncryptedShared,
            _ => Source::Unencrypted,
        }
    }
}

/// The request's `Encrypted` and `KmsKeyId` for one device (launch) or the whole image (copy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Parameters {
    /// Neither is set.
    None,
    /// `Encrypted=true`.
    EncryptedTrue,
    /// `Encrypted=true` and `KmsKeyId`.
    EncryptedTrueWithKey,
    /// `Encrypted=false`.
    EncryptedFalse,
    /// `KmsKeyId` without `Encrypted=true`: alone, or with `Encrypted=false` (both refused alike,
    /// spec §4, §11.4).
    KeyAlone,
}

impl Parameters {
    /// Every parameter set, in the table's order.
    pub const ALL: [Parameters; 5] = [
        Parameters::None,
        Parameters::EncryptedTrue,
        Parameters::EncryptedTrueWithKey,
        Parameters::EncryptedFalse,
        Parameters::KeyAlone,
    ];

    /// The column of a request's `Encrypted` flag and whether it names a key.
    pub fn of(encrypted: Option<bool>, has_key: bool) -> Parameters {
        match (encrypted, has_key) {
            (None, false) => Parameters::None,
            (Some(true), false) => Parameters::EncryptedTrue,
            (Some(true), true) => Parameters::EncryptedTrueWithKey,
            (Some(false), false) => Parameters::EncryptedFalse,
            (_, true) => Parameters::KeyAlone,
        }
    }

    /// The `Encrypted` and `KmsKeyId` of the representative scenarios.
    fn values(self) -> (Option<bool>, Option<&'static str>) {
        match self {
            Parameters::None => (None, None),
            Parameters::EncryptedTrue => (Some(true), None),
            Parameters::EncryptedTrueWithKey => (Some(true), Some(TEAM)),
            Parameters::EncryptedFalse => (Some(false), None),
            Parameters::KeyAlone => (None, Some(TEAM)),
        }
    }
}

/// A column: a parameter set, with the Region's encryption by default off or on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    pub parameters: Parameters,
    pub encryption_by_default: bool,
}

impl Column {
    /// Every column, in the table's order: the five parameter sets with encryption by default off,
    /// then the same five with it on.
    pub fn all() -> Vec<Column> {
        [false, true]
            .into_iter()
            .flat_map(|encryption_by_default| {
                Parameters::ALL.into_iter().map(move |parameters| Column {
                    parameters,
                    encryption_by_default,
                })
            })
            .collect()
    }
}

/// Which key a result is encrypted with, as the decision tables name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// Not encrypted.
    Unencrypted,
    /// The key the source snapshot is encrypted with.
    SourceKey,
    /// Your account's default KMS key for EBS in the Region of the call.
    DefaultKey,
    /// The key the request names in `KmsKeyId`.
    SpecifiedKey,
}

/// What a cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellResult {
    /// The volume or snapshot copy is created, with this key.
    Created {
        key: KeyKind,
        rule: Rule,
        basis: Basis,
    },
    /// The request is refused as a whole (or the scenario cannot exist).
    Refused {
        /// The AWS error code.
        code: String,
        rule: Rule,
        basis: Basis,
    },
    /// The request is accepted, then the instance terminates or the new AMI fails.
    FailsLater {
        /// The key the result would have had.
        key: KeyKind,
        code: String,
        rule: Rule,
        basis: Basis,
    },
}

impl CellResult {
    /// The rule that decided the cell.
    pub fn rule(&self) -> Rule {
        match self {
            CellResult::Created { rule, .. }
            | CellResult::Refused { rule, .. }
            | CellResult::FailsLater { rule, .. } => *rule,
        }
    }

    /// How firmly AWS documents that rule here.
    pub fn basis(&self) -> Basis {
        match self {
            CellResult::Created { basis, .. }
            | CellResult::Refused { basis, .. }
            | CellResult::FailsLater { basis, .. } => *basis,
        }
    }
}

/// One cell of the table, with the scenario that stands for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub source: Source,
    pub column: Column,
    /// The device of `scenario` that the cell describes ([`NEW`] for a new volume, else [`ROOT`]).
    pub device: &'static str,
    /// A small scenario whose `device` lands in this cell.
    pub scenario: Scenario,
    /// What `resolve` answers for `device` of `scenario`.
    pub result: CellResult,
}

/// Every cell of an operation's table, row by row ([`Source::rows`]), each row in the order of
/// [`Column::all`]: 4 × 10 cells for a launch, 3 × 10 for a copy.
pub fn cells(operation: Operation) -> Vec<Cell> {
    let columns = Column::all();
    Source::rows(operation)
        .iter()
        .flat_map(|&source| {
            columns.iter().filter_map(move |&column| {
                let (scenario, device) = representative(operation, source, column);
                // Every representative scenario has a result for its device (the tests count the
                // cells); were one to lose it, its cell is left out rather than the page stopped.
                let result = result(&scenario, &resolve(&scenario), device)?;
                Some(Cell {
                    source,
                    column,
                    device,
                    scenario,
                    result,
                })
            })
        })
        .collect()
}

/// The scenario that stands for a cell, and the device of it that lands there: one snapshot at
/// [`ROOT`]; for a new volume, an unencrypted root snapshot without parameters beside it (an AMI
/// always has a root) and an 8 GiB new volume at [`NEW`]. The keys are those of the page's
/// examples (`alias/app`, `alias/team`, the partner's key), the default key is `aws/ebs`, the
/// Region and account are the defaults: nothing else that could change the answer.
pub fn representative(
    operation: Operation,
    source: Source,
    column: Column,
) -> (Scenario, &'static str) {
    let mut scenario = Scenario {
        operation,
        ..Scenario::default()
    };
    scenario.account.encryption_by_default = column.encryption_by_default;
    scenario.account.keys = Some(keys());
    let (snapshot_key, owner) = match source {
        Source::NewVolume | Source::Unencrypted => (None, SnapshotOwner::Me),
        Source::EncryptedYours => (Some(APP), SnapshotOwner::Me),
        Source::EncryptedShared => (Some(PARTNER), SnapshotOwner::Shared),
    };
    scenario.snapshots.push(Snapshot {
        device: ROOT.into(),
        encrypted: snapshot_key.is_some(),
        kms_key: snapshot_key.map(Into::into),
        owner,
        ..Snapshot::default()
    });
    let (encrypted, kms_key_id) = column.parameters.values();
    let kms_key_id = kms_key_id.map(String::from);
    let device = if source == Source::NewVolume {
        NEW
    } else {
        ROOT
    };
    match operation {
        Operation::Launch => {
            // "No parameters" is no mapping at all for a snapshot, as the page's editor writes it;
            // a new volume always has its mapping, with the size EC2 requires.
            if source == Source::NewVolume || column.parameters != Parameters::None {
                scenario.launch.push(LaunchMapping {
                    device: device.into(),
                    encrypted,
                    kms_key_id,
                    volume_size: (source == Source::NewVolume).then_some(DEFAULT_SNAPSHOT_SIZE),
                    ..LaunchMapping::default()
                });
            }
        }
        Operation::Copy => {
            scenario.copy = CopyParameters {
                encrypted,
                kms_key_id,
                source_region: None,
            };
        }
    }
    (scenario, device)
}

/// Your `alias/app` and `alias/team`, and the partner's key shared with you (as in the examples).
fn keys() -> Vec<Key> {
    let key = |n, alias: &str, owner| Key {
        id: key_id(n),
        alias: Some(alias.into()),
        owner,
        ..Key::default()
    };
    vec![
        key(0, APP, KeyOwner::Me),
        key(1, TEAM, KeyOwner::Me),
        key(2, "alias/partner", KeyOwner::Account(OTHER_ACCOUNT.into())),
    ]
}

/// What an outcome says about one device of its scenario, in the table's terms.
///
/// The key kind is read from the identifier the engine says named the key
/// (`Volume::kms_key_as_written`): the device's `KmsKeyId`, else the snapshot's key, else the
/// default key. In the representative scenarios these three are different identifiers, so the
/// kind is never ambiguous; in a scenario where two of them coincide, the first in that order wins.
///
/// `None` when the call is accepted but makes nothing of `device` (left out with `NoDevice`, or
/// not in the scenario).
pub fn result(scenario: &Scenario, outcome: &Outcome, device: &str) -> Option<CellResult> {
    if let Some(error) = &outcome.error {
        return Some(CellResult::Refused {
            code: error.code.clone(),
            rule: error.rule,
            basis: error.basis,
        });
    }
    let volume = outcome.volume(device)?;
    let request_key = match scenario.operation {
        Operation::Launch => scenario
            .launch_mapping(device)
            .and_then(|m| m.kms_key_id.as_deref()),
        Operation::Copy => scenario.copy.kms_key_id.as_deref(),
    };
    let snapshot_key = scenario
        .snapshots
        .iter()
        .find(|s| s.device == device)
        .and_then(|s| s.kms_key.as_deref());
    let written = volume.kms_key_as_written.as_deref();
    let key = match written {
        _ if !volume.encrypted => KeyKind::Unencrypted,
        Some(w) if Some(w) == request_key => KeyKind::SpecifiedKey,
        Some(w) if Some(w) == snapshot_key => KeyKind::SourceKey,
        // What is left is the default key (`resolve` names no fourth identifier).
        _ => KeyKind::DefaultKey,
    };
    Some(match (&outcome.failure, outcome.status) {
        (Some(failure), Status::FailsLater) if failure.device == device => CellResult::FailsLater {
            key,
            code: failure.code.clone(),
            rule: failure.rule,
            basis: failure.basis,
        },
        _ => CellResult::Created {
            key,
            rule: volume.rule,
            basis: volume.basis,
        },
    })
}

/// Which cell each volume (launch) or snapshot copy (copy) of a scenario lands in, as
/// `(device, row, column)`, in the scenario's order: every snapshot not left out with `NoDevice`,
/// then every new empty volume (a launch mapping of a device that no snapshot has).
///
/// Only the source, the parameters and encryption by default place a volume. Everything else that
/// can change an answer is not a dimension of the table and is ignored: the Region (a cross-Region
/// copy lands in its same-Region cell, although its encrypted snapshots get the default key there),
/// the caller, key states and permissions, sizes, and refusals of the whole request for another
/// device (a refused request still lands each volume in its cell). An unencrypted snapshot shared
/// with you lands in the unencrypted row, as the rules do not tell it from yours. `Encrypted=false`
/// with `KmsKeyId` lands in the "KmsKeyId alone" column (both are refused alike). A device mapped
/// twice is placed by its first mapping, as `resolve` reads it.
pub fn locate(scenario: &Scenario) -> Vec<(String, Source, Column)> {
    let encryption_by_default = scenario.account.encryption_by_default;
    let column = |encrypted: Option<bool>, key: Option<&String>| Column {
        parameters: Parameters::of(encrypted, key.is_some()),
        encryption_by_default,
    };
    let mut found = Vec::new();
    match scenario.operation {
        Operation::Launch => {
            for snapshot in &scenario.snapshots {
                let mapping = scenario.launch_mapping(&snapshot.device);
                if mapping.is_some_and(|m| m.no_device) {
                    continue;
                }
                let column = column(
                    mapping.and_then(|m| m.encrypted),
                    mapping.and_then(|m| m.kms_key_id.as_ref()),
                );
                found.push((snapshot.device.clone(), Source::of(snapshot), column));
            }
            let snapshots: HashSet<&str> = scenario
                .snapshots
                .iter()
                .map(|s| s.device.as_str())
                .collect();
            let mut seen = HashSet::new();
            for mapping in &scenario.launch {
                let device = mapping.device.as_str();
                if snapshots.contains(device) || !seen.insert(device) || mapping.no_device {
                    continue;
                }
                let column = column(mapping.encrypted, mapping.kms_key_id.as_ref());
                found.push((device.to_owned(), Source::NewVolume, column));
            }
        }
        Operation::Copy => {
            let column = column(scenario.copy.encrypted, scenario.copy.kms_key_id.as_ref());
            for snapshot in &scenario.snapshots {
                found.push((snapshot.device.clone(), Source::of(snapshot), column));
            }
        }
    }
    found
}
