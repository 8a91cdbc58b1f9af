//! Prints how long the resolver takes. Numbers, not assertions: run it in release.
//!
//! ```sh
//! cargo run --release -q -p ami-encryption-rules --example bench
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use ami_encryption_rules::{
    resolve, Account, CopyParameters, Key, KeyOwner, LaunchMapping, Operation, Scenario, Snapshot,
    SnapshotOwner,
};

fn keys() -> Vec<Key> {
    let key = |id: &str, alias: &str, owner: KeyOwner| Key {
        id: id.into(),
        alias: Some(alias.into()),
        owner,
        usable: true,
        ..Key::default()
    };
    vec![
        key(
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "alias/app",
            KeyOwner::Me,
        ),
        key(
            "0987dcba-09fe-87dc-65ba-ab0987654321",
            "alias/other",
            KeyOwner::Me,
        ),
        key(
            "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "alias/partner",
            KeyOwner::Account("444455556666".into()),
        ),
    ]
}

/// One scenario per cell of the decision tables: operation × EBD × source × parameters.
fn table_cells() -> Vec<Scenario> {
    let sources = [
        (false, None, SnapshotOwner::Me),
        (false, None, SnapshotOwner::Shared),
        (true, Some("alias/app"), SnapshotOwner::Me),
        (
            true,
            Some("arn:aws:kms:us-east-1:444455556666:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
            SnapshotOwner::Shared,
        ),
    ];
    let params = [
        (None, None),
        (Some(false), None),
        (Some(true), None),
        (Some(true), Some("alias/other")),
        (None, Some("alias/other")),
        (Some(false), Some("alias/other")),
    ];
    let mut all = Vec::new();
    for operation in [Operation::Launch, Operation::Copy] {
        for encryption_by_default in [false, true] {
            for (encrypted, kms_key, owner) in sources {
                for (p_encrypted, p_key) in params {
                    let device = "/dev/xvda".to_owned();
                    let kms_key_id = p_key.map(str::to_owned);
                    all.push(Scenario {
                        operation,
                        account: Account {
                            encryption_by_default,
                            default_kms_key: "alias/aws/ebs".into(),
                            keys: Some(keys()),
                            ..Account::default()
                        },
                        snapshots: vec![Snapshot {
                            device: device.clone(),
                            encrypted,
                            kms_key: kms_key.map(str::to_owned),
                            owner,
                            ..Snapshot::default()
                        }],
                        launch: vec![LaunchMapping {
                            device,
                            encrypted: p_encrypted,
                            kms_key_id: kms_key_id.clone(),
                            ..LaunchMapping::default()
                        }],
                        copy: CopyParameters {
                            encrypted: p_encrypted,
                            kms_key_id,
                            ..CopyParameters::default()
                        },
                        ..Scenario::default()
                    });
                }
            }
        }
    }
    all
}

/// A 64-snapshot AMI, alternating sources, every device with launch parameters.
fn big_ami() -> Scenario {
    let mut devices = Vec::new();
    for _ in 0..64 {
        devices.push(ami_encryption_rules::device::next_free(
            devices.iter().map(String::as_str),
        ));
    }
    let snapshots = devices
        .iter()
        .enumerate()
        .map(|(i, device)| Snapshot {
            device: device.clone(),
            encrypted: i % 2 == 1,
            kms_key: (i % 2 == 1).then(|| "alias/app".to_owned()),
            owner: if i % 4 < 2 {
                SnapshotOwner::Me
            } else {
                SnapshotOwner::Shared
            },
            ..Snapshot::default()
        })
        .collect();
    let launch = devices
        .iter()
        .enumerate()
        .map(|(i, device)| LaunchMapping {
            device: device.clone(),
            encrypted: (i % 3 != 0).then_some(true),
            kms_key_id: (i % 3 == 2).then(|| "alias/other".to_owned()),
            ..LaunchMapping::default()
        })
        .collect();
    Scenario {
        operation: Operation::Launch,
        account: Account {
            keys: Some(keys()),
            ..Account::default()
        },
        snapshots,
        launch,
        ..Scenario::default()
    }
}

/// Runs `f` for about half a second and returns the time per call.
fn time(mut f: impl FnMut()) -> Duration {
    let mut calls = 0u32;
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(500) {
        f();
        calls += 1;
    }
    start.elapsed() / calls
}

fn main() {
    let cells = table_cells();
    let per_table = time(|| {
        cells.iter().for_each(|s| {
            black_box(resolve(black_box(s)));
        })
    });
    println!(
        "decision tables: {} cells resolved in {:?} ({:?} per cell)",
        cells.len(),
        per_table,
        per_table / cells.len() as u32
    );
    let big = big_ami();
    let per_big = time(|| {
        black_box(resolve(black_box(&big)));
    });
    println!("64-snapshot AMI with 64 launch mappings: {per_big:?} per resolve");
    let mut copy = big.clone();
    copy.operation = Operation::Copy;
    copy.copy = CopyParameters {
        encrypted: Some(true),
        kms_key_id: Some("alias/other".into()),
        ..CopyParameters::default()
    };
    let per_copy = time(|| {
        black_box(resolve(black_box(&copy)));
    });
    println!("64-snapshot AMI copy: {per_copy:?} per resolve");

    // The same AMI copied from another Region without parameters: every encrypted snapshot
    // takes the cross-Region rule and its contested reading.
    let mut cross = big.clone();
    cross.operation = Operation::Copy;
    cross.copy.source_region = Some("eu-west-1".into());
    cross.account.region = "us-west-2".into();
    for key in cross.account.keys.iter_mut().flatten() {
        key.region = Some("eu-west-1".into());
    }
    let per_cross = time(|| {
        black_box(resolve(black_box(&cross)));
    });
    println!("64-snapshot cross-Region AMI copy: {per_cross:?} per resolve");

    let mut scaling = big.clone();
    scaling.caller = ami_encryption_rules::Caller::AutoScaling;
    let per_scaling = time(|| {
        black_box(resolve(black_box(&scaling)));
    });
    println!("64-snapshot launch by Auto Scaling: {per_scaling:?} per resolve");
}
