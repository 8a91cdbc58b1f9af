//! Prints how long `advice::advise` takes (the page calls it on every change of the goal).
//! Numbers, not assertions: run it in release.
//!
//! ```sh
//! cargo run --release -q -p ami-encryption-rules --example advice_bench
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use ami_encryption_rules::advice::{advise, wanted_keys, Goal, Want};
use ami_encryption_rules::preset::{self, key_id, OTHER_ACCOUNT};
use ami_encryption_rules::{
    device, Key, KeyOwner, LaunchMapping, Operation, Scenario, Snapshot, SnapshotOwner,
};

/// The fastest of a few runs, so that the machine's other work shows least.
fn time(mut f: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn goals(s: &Scenario) -> Vec<Goal> {
    let mut devices: Vec<String> = s.snapshots.iter().map(|x| x.device.clone()).collect();
    if s.operation == Operation::Launch {
        devices.extend(s.launch.iter().map(|m| m.device.clone()));
    }
    devices.dedup();
    let mut wants = vec![Want::Unencrypted, Want::Accepted];
    wants.extend(wanted_keys(s).into_iter().map(Want::EncryptedWith));
    devices
        .iter()
        .flat_map(|d| {
            wants.iter().map(move |w| Goal {
                device: d.clone(),
                want: w.clone(),
            })
        })
        .collect()
}

/// 16 keys (yours, another account's, some you may not use) and 26 snapshots, own and shared,
/// encrypted with several of them; every third device mapped.
fn big(operation: Operation) -> Scenario {
    let keys: Vec<Key> = (0..16)
        .map(|i| Key {
            id: key_id(i),
            alias: Some(format!("alias/k{i}")),
            owner: if i % 4 == 3 {
                KeyOwner::Account(OTHER_ACCOUNT.into())
            } else {
                KeyOwner::Me
            },
            usable: i % 5 != 4,
            ..Key::default()
        })
        .collect();
    let mut s = Scenario {
        operation,
        ..Scenario::default()
    };
    let mut devices: Vec<String> = Vec::new();
    for _ in 0..26 {
        devices.push(device::next_free(devices.iter().map(String::as_str)));
    }
    for (i, d) in devices.iter().enumerate() {
        let encrypted = i % 2 == 1;
        let shared = i % 3 == 0;
        let key = &keys[i % 16];
        let named = ami_encryption_rules::key::identifier(&s.account, key);
        // A shared snapshot is encrypted with another account's key.
        let usable_key = if shared {
            format!("arn:aws:kms:us-east-1:{OTHER_ACCOUNT}:alias/k3")
        } else if key.owner == KeyOwner::Me {
            named
        } else {
            "alias/k0".into()
        };
        s.snapshots.push(Snapshot {
            device: d.clone(),
            encrypted,
            kms_key: encrypted.then_some(usable_key),
            owner: if shared {
                SnapshotOwner::Shared
            } else {
                SnapshotOwner::Me
            },
            ..Snapshot::default()
        });
        if i % 3 == 1 {
            s.launch.push(LaunchMapping {
                device: d.clone(),
                encrypted: Some(true),
                kms_key_id: (i % 2 == 0).then(|| format!("alias/k{}", i % 16)),
                ..LaunchMapping::default()
            });
        }
    }
    s.account.keys = Some(keys);
    s
}

fn report(label: &str, s: &Scenario, goals: &[Goal]) {
    let times: Vec<Duration> = goals
        .iter()
        .map(|g| {
            time(|| {
                black_box(advise(black_box(s), g));
            })
        })
        .collect();
    let worst = times.iter().max().copied().unwrap_or_default();
    let total: Duration = times.iter().sum();
    println!(
        "{label}: {} goals, mean {:?}, worst {:?}",
        goals.len(),
        total / goals.len().max(1) as u32,
        worst
    );
}

fn main() {
    let mut worst_preset = Duration::ZERO;
    for p in preset::ALL {
        let s = (p.build)();
        let goals = goals(&s);
        for g in &goals {
            let t = time(|| {
                black_box(advise(black_box(&s), g));
            });
            worst_preset = worst_preset.max(t);
        }
        report(p.id, &s, &goals);
    }
    println!("worst over every preset, device and want: {worst_preset:?}");
    for operation in [Operation::Launch, Operation::Copy] {
        let s = big(operation);
        let root: Vec<Goal> = goals(&s)
            .into_iter()
            .filter(|g| g.device == "/dev/xvda" || g.device == "/dev/sdb")
            .collect();
        report(
            &format!("26 snapshots, 16 keys, {operation:?}, root and sdb"),
            &s,
            &root,
        );
    }
}
