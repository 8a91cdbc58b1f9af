//! Exhaustive loops over the small input space, asserting what must hold for every scenario.

mod common;
use ami_encryption_rules::{Basis, Change, Operation, Origin, Outcome, Scenario, Status};
use common::*;

const ROOT: &str = "/dev/xvda";
const DATA: &str = "/dev/sdb";
const NEW: &str = "/dev/sdf";

/// Every launch of a one- or two-snapshot AMI, with or without a new volume, and every copy.
fn every_scenario() -> Vec<Scenario> {
    let mut all = Vec::new();
    for by_default in [false, true] {
        for default_key in ["alias/aws/ebs", DEFAULT_ALIAS, LOCKED_ALIAS] {
            let account = |b: Build| b.by_default(by_default).default_key(default_key);
            for root in Src::ALL {
                for data in [None].into_iter().chain(Src::ALL.map(Some)) {
                    let ami = |b: Build| {
                        let b = account(b).snapshot(ROOT, root);
                        match data {
                            Some(d) => b.snapshot(DATA, d),
                            None => b,
                        }
                    };
                    for params in Params::ALL {
                        all.push(ami(copy()).copy_params(params).0);
                    }
                    for root_params in Params::ALL {
                        for data_params in Params::ALL {
                            for new_volume in [None].into_iter().chain(Params::ALL.map(Some)) {
                                let mut b = ami(launch()).map_params(ROOT, root_params);
                                if data.is_some() {
                                    b = b.map_params(DATA, data_params);
                                } else if data_params != Params::None {
                                    continue;
                                }
                                if let Some(p) = new_volume {
                                    b = b.map_params(NEW, p);
                                }
                                all.push(b.0);
                            }
                        }
                    }
                }
            }
        }
    }
    all
}

fn for_every(check: impl Fn(&Scenario, &Outcome)) -> usize {
    let all = every_scenario();
    for scenario in &all {
        check(scenario, &ami_encryption_rules::resolve(scenario));
    }
    all.len()
}

fn parameters(scenario: &Scenario, device: &str) -> (Option<bool>, Option<String>) {
    match scenario.operation {
        Operation::Copy => (scenario.copy.encrypted, scenario.copy.kms_key_id.clone()),
        Operation::Launch => scenario
            .launch_mapping(device)
            .map_or((None, None), |m| (m.encrypted, m.kms_key_id.clone())),
    }
}

#[test]
fn the_space_is_covered() {
    // 2 EBD × 3 default keys × 4 roots × 5 data choices, each with its copies and launches.
    assert!(for_every(|_, _| {}) > 20_000);
}

#[test]
fn an_encrypted_source_never_yields_an_unencrypted_result() {
    for_every(|scenario, outcome| {
        for snapshot in scenario.snapshots.iter().filter(|s| s.encrypted) {
            if let Some(v) = outcome.volume(&snapshot.device) {
                assert!(v.encrypted, "{scenario:?}");
            }
        }
    });
}

#[test]
fn kms_key_id_without_encrypted_true_always_errors() {
    for_every(|scenario, outcome| {
        let devices = scenario
            .snapshots
            .iter()
            .map(|s| s.device.as_str())
            .chain(scenario.launch.iter().map(|m| m.device.as_str()));
        let bad = devices.into_iter().any(|d| {
            let (encrypted, key) = parameters(scenario, d);
            key.is_some() && encrypted != Some(true)
        });
        if bad {
            assert_eq!(
                outcome.error.as_ref().map(|e| e.code.as_str()),
                Some("InvalidParameterDependency"),
                "{scenario:?}"
            );
        }
    });
}

#[test]
fn encrypted_true_with_kms_key_id_always_gives_that_key_whoever_owns_the_ami() {
    for_every(|scenario, outcome| {
        for v in &outcome.volumes {
            if let (Some(true), Some(_)) = parameters(scenario, &v.device) {
                assert_eq!(v.kms_key.as_deref(), Some(OTHER_KEY), "{scenario:?}");
            }
        }
    });
}

#[test]
fn encryption_by_default_only_ever_adds_encryption() {
    for_every(|scenario, outcome| {
        if scenario.account.encryption_by_default {
            return;
        }
        let mut on = scenario.clone();
        on.account.encryption_by_default = true;
        let with = ami_encryption_rules::resolve(&on);
        assert_eq!(
            outcome.error.as_ref().map(|e| &e.code),
            with.error.as_ref().map(|e| &e.code),
            "{scenario:?}"
        );
        for (off, on) in outcome.volumes.iter().zip(&with.volumes) {
            assert!(on.encrypted, "{scenario:?}");
            if off.encrypted {
                assert_eq!(off.kms_key, on.kms_key, "{scenario:?}");
            }
        }
    });
}

#[test]
fn results_do_not_depend_on_snapshot_or_mapping_order() {
    let sorted = |o: &Outcome| {
        let mut volumes = o.volumes.clone();
        volumes.sort_by(|a, b| a.device.cmp(&b.device));
        (
            o.status,
            volumes,
            o.error.as_ref().map(|e| (e.code.clone(), e.device.clone())),
            o.failure.clone(),
        )
    };
    for_every(|scenario, outcome| {
        let mut reversed = scenario.clone();
        reversed.snapshots.reverse();
        reversed.launch.reverse();
        assert_eq!(
            sorted(outcome),
            sorted(&ami_encryption_rules::resolve(&reversed)),
            "{scenario:?}"
        );
    });
}

#[test]
fn outcomes_are_consistent() {
    for_every(|scenario, outcome| {
        match outcome.status {
            Status::Error => assert!(
                outcome.error.is_some() && outcome.volumes.is_empty() && outcome.failure.is_none()
            ),
            Status::FailsLater => assert!(outcome.failure.is_some() && outcome.error.is_none()),
            Status::Ok => assert!(outcome.failure.is_none() && outcome.error.is_none()),
        }
        if outcome.status == Status::Error {
            return;
        }
        // Every snapshot once; at launch every new device once too; nothing else.
        let mut expected: Vec<&str> = scenario
            .snapshots
            .iter()
            .map(|s| s.device.as_str())
            .collect();
        if scenario.operation == Operation::Launch {
            for mapping in &scenario.launch {
                if !expected.contains(&mapping.device.as_str()) {
                    expected.push(&mapping.device);
                }
            }
        }
        let got: Vec<&str> = outcome.volumes.iter().map(|v| v.device.as_str()).collect();
        assert_eq!(got, expected, "{scenario:?}");
        for v in &outcome.volumes {
            assert_eq!(v.encrypted, v.kms_key.is_some());
            assert_eq!(
                v.basis == Basis::Contested,
                v.alternative.is_some(),
                "{scenario:?}"
            );
            assert!(!v.sources.is_empty());
            if let Some(other) = &v.alternative {
                assert_ne!(
                    other.kms_key, v.kms_key,
                    "an alternative that agrees is no contest"
                );
            }
            let source = scenario.snapshots.iter().find(|s| s.device == v.device);
            assert_eq!(v.origin == Origin::New, source.is_none());
            let expected_change = match (source.filter(|s| s.encrypted), v.encrypted) {
                (_, false) => Change::Unencrypted,
                (None, true) => Change::Encrypted,
                (Some(_), true) => v.change, // unchanged or re-encrypted: checked by key below
            };
            assert_eq!(v.change, expected_change);
            if v.change == Change::Unchanged {
                assert!(source.is_some_and(|s| s.encrypted));
            }
        }
    });
}

/// The locked default key is the only unusable key in play, so it is the only cause of failures.
#[test]
fn failures_come_only_from_keys_you_cannot_use() {
    for_every(|scenario, outcome| {
        if let Some(failure) = &outcome.failure {
            assert_eq!(failure.key, LOCKED_ALIAS, "{scenario:?}");
            assert!(outcome
                .volumes
                .iter()
                .any(|v| v.kms_key.as_deref() == Some(LOCKED_KEY)));
        } else if outcome.status == Status::Ok {
            assert!(
                outcome
                    .volumes
                    .iter()
                    .all(|v| v.kms_key.as_deref() != Some(LOCKED_KEY)),
                "{scenario:?}"
            );
        }
    });
}
