//! "How do I get…?": every suggestion, applied, gives what was asked; "impossible" agrees with an
//! exhaustive search of the call's parameters; each reason is given where the rules say so.

mod common;
use ami_encryption_rules::advice::{
    advise, apply, wanted_keys, Advice, Edit, Goal, Reason, Scope, Suggestion, Want,
};
use ami_encryption_rules::preset::{self, key_id, OTHER_ACCOUNT};
use ami_encryption_rules::{
    device, resolve, Caller, Key, KeyOwner, KeyRing, KeySpec, KeyState, LaunchMapping, Operation,
    Outcome, Scenario, Snapshot, SnapshotOwner, Status,
};
use common::*;

const ROOT: &str = "/dev/xvda";
const DATA: &str = "/dev/sdb";
const PARTNER_ARN: &str = "arn:aws:kms:us-east-1:111122223333:alias/partner";

/// The page's starter: your `alias/app`, a partner's `alias/partner` shared with you, and a shared
/// AMI whose root is encrypted with the partner's key and whose data volume is unencrypted,
/// launched without parameters.
fn starter() -> Scenario {
    let mut s = Scenario::default();
    s.account.keys = Some(vec![
        Key {
            id: key_id(0),
            alias: Some("alias/app".into()),
            owner: KeyOwner::Me,
            usable: true,
            ..Key::default()
        },
        Key {
            id: key_id(1),
            alias: Some("alias/partner".into()),
            owner: KeyOwner::Account(OTHER_ACCOUNT.into()),
            usable: true,
            ..Key::default()
        },
    ]);
    let root = device::next_free([]);
    let data = device::next_free([root.as_str()]);
    assert_eq!((root.as_str(), data.as_str()), (ROOT, DATA));
    s.snapshots = vec![
        Snapshot {
            device: root,
            encrypted: true,
            kms_key: Some(PARTNER_ARN.into()),
            owner: SnapshotOwner::Shared,
            ..Snapshot::default()
        },
        Snapshot {
            device: data,
            owner: SnapshotOwner::Shared,
            ..Snapshot::default()
        },
    ];
    s
}

fn goal(device: &str, want: Want) -> Goal {
    Goal {
        device: device.into(),
        want,
    }
}

fn encrypted_with(key: &str) -> Want {
    Want::EncryptedWith(key.into())
}

/// Whether an outcome gives the goal, decided here without the advice module's own code.
fn gives(scenario: &Scenario, outcome: &Outcome, goal: &Goal) -> bool {
    if outcome.status != Status::Ok {
        return false;
    }
    let Some(volume) = outcome.volume(&goal.device) else {
        return false;
    };
    match &goal.want {
        Want::Unencrypted => !volume.encrypted,
        Want::Accepted => true,
        Want::EncryptedWith(key) => {
            let arn = KeyRing::of(&scenario.account).resolve(key).map(|k| k.arn);
            volume.encrypted && arn.is_ok_and(|arn| volume.kms_key_arn.as_deref() == Some(&arn))
        }
    }
}

/// The devices a goal can name: every snapshot's, and at launch every mapping's.
fn devices(s: &Scenario) -> Vec<String> {
    let mut all: Vec<String> = s.snapshots.iter().map(|x| x.device.clone()).collect();
    if s.operation == Operation::Launch {
        all.extend(s.launch.iter().map(|m| m.device.clone()));
    }
    all.sort();
    all.dedup();
    all
}

fn wants(s: &Scenario) -> Vec<Want> {
    let mut all = vec![Want::Unencrypted, Want::Accepted];
    all.extend(wanted_keys(s).into_iter().map(Want::EncryptedWith));
    all
}

fn lists(advice: &Advice) -> [(&[Suggestion], Scope); 3] {
    [
        (&advice.parameters[..], Scope::Parameters),
        (&advice.account[..], Scope::Account),
        (&advice.key_policy[..], Scope::KeyPolicy),
    ]
}

/// Everything an answer must be, whatever the scenario: suggestions that work, minimal, in their
/// list by scope; `already` as the engine says; a reason exactly when no parameter change works.
fn check_advice(s: &Scenario, goal: &Goal) -> Advice {
    let advice = advise(s, goal);
    let now = gives(s, &resolve(s), goal);
    assert_eq!(advice.already, now, "already: {goal:?} {s:?}");
    assert_eq!(
        advice.why_not.is_some(),
        !advice.already && advice.parameters.is_empty(),
        "why_not: {goal:?} {advice:?}"
    );
    let all: Vec<&Suggestion> = lists(&advice).iter().flat_map(|(l, _)| l.iter()).collect();
    for (list, scope) in lists(&advice) {
        assert!(list.len() <= 5);
        for suggestion in list {
            assert_eq!(suggestion.scope, scope);
            let widest = suggestion.edits.iter().map(Edit::scope).max();
            assert_eq!(widest, Some(scope), "{suggestion:?}");
            let changed = apply(s, &suggestion.edits);
            let outcome = resolve(&changed);
            assert_eq!(outcome, suggestion.result);
            assert!(
                gives(s, &outcome, goal),
                "{goal:?}: {:?} gives {outcome:?}\nin {s:?}",
                suggestion.edits
            );
        }
    }
    for (i, a) in all.iter().enumerate() {
        for (j, b) in all.iter().enumerate() {
            if i != j {
                assert!(
                    !a.edits.iter().all(|e| b.edits.contains(e)),
                    "{:?} is part of {:?}",
                    a.edits,
                    b.edits
                );
            }
        }
    }
    advice
}

#[test]
fn your_own_key_on_a_shared_root_needs_encrypted_and_the_key_or_a_new_default() {
    let s = starter();
    let advice = check_advice(&s, &goal(ROOT, encrypted_with("alias/app")));
    assert!(!advice.already);
    assert_eq!(
        advice.parameters[0].edits,
        [
            Edit::Encrypted {
                device: Some(ROOT.into()),
                value: Some(true)
            },
            Edit::KmsKeyId {
                device: Some(ROOT.into()),
                value: Some("alias/app".into())
            },
        ]
    );
    assert!(advice
        .account
        .iter()
        .any(|a| a.edits == [Edit::DefaultKmsKey("alias/app".into())]));
    assert_eq!(advice.why_not, None);
}

#[test]
fn the_starter_already_gives_an_unencrypted_data_volume() {
    let advice = check_advice(&starter(), &goal(DATA, Want::Unencrypted));
    assert!(advice.already && advice.parameters.is_empty() && advice.why_not.is_none());
}

#[test]
fn wanted_keys_start_with_aws_ebs_and_name_other_accounts_keys_by_arn() {
    assert_eq!(
        wanted_keys(&starter()),
        ["alias/aws/ebs", "alias/app", PARTNER_ARN]
    );
}

#[test]
fn every_preset_device_and_want_gets_suggestions_that_work() {
    for p in preset::ALL {
        let s = (p.build)();
        for device in devices(&s) {
            for want in wants(&s) {
                check_advice(&s, &goal(&device, want));
            }
        }
    }
}

/// Every combination of `Encrypted` ∈ {not set, true, false} and `KmsKeyId` ∈ {not set} ∪ the
/// keys a user can ask for, on every device of a launch (image-level for a copy): the outcomes.
fn every_parameter_setting(s: &Scenario) -> Vec<(Scenario, Outcome)> {
    let mut keys: Vec<Option<String>> = vec![None];
    keys.extend(wanted_keys(s).into_iter().map(Some));
    let pairs: Vec<(Option<bool>, Option<String>)> = [None, Some(true), Some(false)]
        .into_iter()
        .flat_map(|e| keys.iter().map(move |k| (e, k.clone())))
        .collect();
    let mut all = Vec::new();
    match s.operation {
        Operation::Copy => {
            for (encrypted, key) in &pairs {
                let mut c = s.clone();
                c.copy.encrypted = *encrypted;
                c.copy.kms_key_id = key.clone();
                all.push(c);
            }
        }
        Operation::Launch => {
            let devices = devices(s);
            assert!(devices.len() <= 3);
            let mut settings: Vec<Vec<usize>> = vec![Vec::new()];
            for _ in &devices {
                settings = settings
                    .into_iter()
                    .flat_map(|v| {
                        (0..pairs.len()).map(move |i| {
                            let mut v = v.clone();
                            v.push(i);
                            v
                        })
                    })
                    .collect();
            }
            for setting in settings {
                let mut c = s.clone();
                for (device, &i) in devices.iter().zip(&setting) {
                    let (encrypted, key) = &pairs[i];
                    match c.launch.iter_mut().find(|m| m.device == *device) {
                        Some(m) => {
                            m.encrypted = *encrypted;
                            m.kms_key_id = key.clone();
                        }
                        None => c.launch.push(LaunchMapping {
                            device: device.clone(),
                            encrypted: *encrypted,
                            kms_key_id: key.clone(),
                            ..LaunchMapping::default()
                        }),
                    }
                }
                all.push(c);
            }
        }
    }
    all.into_iter()
        .map(|c| {
            let o = resolve(&c);
            (c, o)
        })
        .collect()
}

/// "Impossible" agrees with trying everything, and so does "possible".
fn agrees_with_exhaustive_search(s: &Scenario) {
    let settings = every_parameter_setting(s);
    for device in devices(s) {
        for want in wants(s) {
            let g = goal(&device, want);
            let advice = check_advice(s, &g);
            let found = settings.iter().find(|(c, o)| gives(c, o, &g));
            if advice.already {
                continue;
            }
            match (advice.parameters.is_empty(), found) {
                (true, Some((c, _))) => panic!(
                    "{g:?}: advice says impossible ({:?}) but this works: {:?}\nfrom {s:?}",
                    advice.why_not, c
                ),
                (false, None) => panic!(
                    "{g:?}: no setting works, yet advice suggests {:?}",
                    advice.parameters[0].edits
                ),
                _ => {}
            }
        }
    }
}

#[test]
fn impossibility_agrees_with_exhaustive_search_on_presets() {
    for p in preset::ALL {
        agrees_with_exhaustive_search(&(p.build)());
    }
    agrees_with_exhaustive_search(&starter());
}

/// Small launches and copies: every source of a one- or two-snapshot AMI, encryption by default
/// on and off, three default keys (one locked), callers, and a sample of the root's parameters.
fn small_scenarios() -> Vec<Scenario> {
    let mut all = Vec::new();
    let mut n = 0usize;
    for operation in [Operation::Launch, Operation::Copy] {
        for by_default in [false, true] {
            for default_key in ["alias/aws/ebs", DEFAULT_ALIAS, LOCKED_ALIAS] {
                for root in Src::ALL {
                    for data in [None].into_iter().chain(Src::ALL.map(Some)) {
                        for params in Params::ALL {
                            n += 1;
                            // A fixed sample keeps the debug build's run short.
                            if !n.is_multiple_of(5) {
                                continue;
                            }
                            let mut b = if operation == Operation::Launch {
                                launch()
                            } else {
                                copy()
                            };
                            b = b
                                .by_default(by_default)
                                .default_key(default_key)
                                .snapshot(ROOT, root);
                            if let Some(d) = data {
                                b = b.snapshot(DATA, d);
                            }
                            b = match operation {
                                Operation::Launch => b.map_params(ROOT, params),
                                Operation::Copy => b.copy_params(params),
                            };
                            if n.is_multiple_of(7) {
                                b = b.with(|s| s.caller = Caller::AutoScaling);
                            }
                            all.push(b.0);
                        }
                    }
                }
            }
        }
    }
    all
}

#[test]
fn impossibility_agrees_with_exhaustive_search_on_small_scenarios() {
    let all = small_scenarios();
    assert!(all.len() > 200);
    for s in &all {
        agrees_with_exhaustive_search(s);
    }
}

fn why_not(s: &Scenario, g: Goal) -> (Option<&'static str>, Advice) {
    let advice = check_advice(s, &g);
    (advice.why_not.map(Reason::id), advice)
}

fn find(id: &str) -> Scenario {
    (preset::ALL.iter().find(|p| p.id == id).unwrap().build)()
}

#[test]
fn a_shared_aws_ebs_snapshot_cannot_exist() {
    let s = find("mistake-share-aws-ebs");
    let (reason, advice) = why_not(&s, goal(ROOT, Want::Accepted));
    assert_eq!(reason, Some("scenario-cannot-exist"));
    assert!(advice.account.is_empty() && advice.key_policy.is_empty());
}

#[test]
fn a_device_nothing_has_gets_no_advice() {
    let (reason, _) = why_not(&starter(), goal("/dev/sdz", Want::Accepted));
    assert_eq!(reason, Some("no-such-device"));
    // A copy has only the AMI's devices.
    let (reason, _) = why_not(&find("copy-encrypt"), goal("/dev/sdb", Want::Accepted));
    assert_eq!(reason, Some("no-such-device"));
}

#[test]
fn a_key_the_account_does_not_know_cannot_be_asked_for() {
    for key in ["alias/nope", "not a key"] {
        let (reason, _) = why_not(&starter(), goal(ROOT, encrypted_with(key)));
        assert_eq!(reason, Some("unknown-key"), "{key}");
    }
}

#[test]
fn another_accounts_key_by_alias_name_needs_its_arn() {
    let (reason, _) = why_not(&starter(), goal(ROOT, encrypted_with("alias/partner")));
    assert_eq!(reason, Some("key-needs-arn"));
}

#[test]
fn a_key_of_another_region_cannot_encrypt_here() {
    // The cross-Region copy cannot keep the source Region's key.
    let s = find("copy-cross-region");
    let source_key = "arn:aws:kms:us-east-1:123456789012:alias/app";
    assert!(wanted_keys(&s).contains(&source_key.to_owned()));
    let (reason, advice) = why_not(&s, goal(ROOT, encrypted_with(source_key)));
    assert_eq!(reason, Some("key-wrong-region"));
    assert!(advice.account.is_empty() && advice.key_policy.is_empty());
}

#[test]
fn another_accounts_aws_managed_key_is_never_yours_to_use() {
    let key = "arn:aws:kms:us-east-1:111122223333:alias/aws/ebs";
    let (reason, _) = why_not(&starter(), goal(ROOT, encrypted_with(key)));
    assert_eq!(reason, Some("key-other-account-aws-managed"));
}

#[test]
fn an_asymmetric_key_never_encrypts_a_volume() {
    let s = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .with_key(Key {
            spec: KeySpec::Asymmetric,
            ..key(&key_id(7), Some("alias/rsa"), KeyOwner::Me, true)
        })
        .0;
    let (reason, _) = why_not(&s, goal(ROOT, encrypted_with("alias/rsa")));
    assert_eq!(reason, Some("key-asymmetric"));
}

#[test]
fn a_key_you_may_not_use_needs_its_policy_changed() {
    // The shared root's key: the launch fails whatever its parameters.
    let s = find("mistake-unusable-shared-key");
    let (reason, advice) = why_not(&s, goal(ROOT, Want::Accepted));
    assert_eq!(reason, Some("key-not-usable"));
    assert_eq!(
        advice.key_policy[0].edits,
        [Edit::LetYouUse { key: key_id(2) }]
    );
    // A key you ask for yourself.
    let s = launch().snapshot(ROOT, Src::UnencryptedOwn).0;
    let (reason, advice) = why_not(&s, goal(ROOT, encrypted_with(LOCKED_ALIAS)));
    assert_eq!(reason, Some("key-not-usable"));
    assert!(advice
        .key_policy
        .iter()
        .any(|k| k.edits.contains(&Edit::LetYouUse {
            key: LOCKED_KEY.into()
        })));
    // The Auto Scaling role and the default key it may not use.
    let s = find("mistake-auto-scaling-cmk-default");
    let (reason, advice) = why_not(&s, goal(ROOT, encrypted_with("alias/ebs-default")));
    assert_eq!(reason, Some("key-not-usable"));
    assert_eq!(
        advice.key_policy[0].edits,
        [Edit::LetAutoScalingUse { key: key_id(3) }]
    );
}

#[test]
fn a_disabled_key_needs_enabling() {
    let s = find("mistake-disabled-key");
    let (reason, advice) = why_not(&s, goal(ROOT, encrypted_with("alias/team")));
    assert_eq!(reason, Some("key-not-enabled"));
    assert_eq!(
        advice.key_policy[0].edits,
        [Edit::EnableKey { key: key_id(1) }]
    );
    // Other keys still work, by parameters alone.
    let advice = check_advice(&s, &goal(ROOT, Want::Accepted));
    assert!(!advice.parameters.is_empty());
}

#[test]
fn encryption_cannot_be_removed_from_an_encrypted_snapshot() {
    let (reason, advice) = why_not(&starter(), goal(ROOT, Want::Unencrypted));
    assert_eq!(reason, Some("encryption-cannot-be-removed"));
    assert!(advice.account.is_empty() && advice.key_policy.is_empty());
}

#[test]
fn encryption_by_default_is_turned_off_in_the_account_not_by_parameters() {
    let s = launch()
        .by_default(true)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .0;
    let (reason, advice) = why_not(&s, goal(ROOT, Want::Unencrypted));
    assert_eq!(reason, Some("encryption-by-default-on"));
    assert_eq!(advice.account[0].edits, [Edit::EncryptionByDefault(false)]);
    // With Encrypted=true on the mapping, the account change needs the parameter cleared too.
    let s = launch()
        .by_default(true)
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map(ROOT, Some(true), None)
        .0;
    let (_, advice) = why_not(&s, goal(ROOT, Want::Unencrypted));
    let edits = &advice.account[0].edits;
    assert_eq!(edits.len(), 2);
    assert!(edits.contains(&Edit::EncryptionByDefault(false)));
}

#[test]
fn an_unreadable_shared_snapshot_cannot_be_copied() {
    let s = find("mistake-copy-shared-unreadable");
    let (reason, _) = why_not(&s, goal(ROOT, Want::Accepted));
    assert_eq!(reason, Some("snapshot-not-readable"));
}

#[test]
fn a_new_volume_under_a_refused_name_never_exists() {
    let s = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .map("/dev/xvdb", None, None)
        .0;
    let (reason, _) = why_not(&s, goal("/dev/xvdb", Want::Accepted));
    assert_eq!(reason, Some("device-name-invalid"));
    // The root can be had: leave the bad mapping out.
    let advice = check_advice(&s, &goal(ROOT, Want::Accepted));
    assert_eq!(
        advice.parameters[0].edits,
        [Edit::RemoveMapping {
            device: "/dev/xvdb".into()
        }]
    );
}

#[test]
fn every_reason_but_the_fallback_is_reached_above() {
    // The ids the tests above assert; `needs-more-changes` is unit-tested in the module.
    let reached = [
        "scenario-cannot-exist",
        "no-such-device",
        "unknown-key",
        "key-needs-arn",
        "key-wrong-region",
        "key-other-account-aws-managed",
        "key-asymmetric",
        "key-not-usable",
        "key-not-enabled",
        "encryption-cannot-be-removed",
        "encryption-by-default-on",
        "snapshot-not-readable",
        "device-name-invalid",
        "needs-more-changes",
    ];
    let ids: Vec<&str> = Reason::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(ids, reached);
}

#[test]
fn other_devices_that_fail_are_fixed_too() {
    // The data volume names a locked key: the launch fails, whatever the root gets.
    let s = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::UnencryptedOwn)
        .map(DATA, Some(true), Some(LOCKED_ALIAS))
        .0;
    let advice = check_advice(&s, &goal(ROOT, encrypted_with(APP_ALIAS)));
    let first = &advice.parameters[0].edits;
    assert!(first.contains(&Edit::KmsKeyId {
        device: Some(ROOT.into()),
        value: Some(APP_ALIAS.into())
    }));
    assert!(first
        .iter()
        .any(|e| matches!(e, Edit::KmsKeyId { device: Some(d), .. } if d == DATA)));
    // Or let you use the locked key.
    assert!(advice
        .key_policy
        .iter()
        .any(|k| k.edits.contains(&Edit::LetYouUse {
            key: LOCKED_KEY.into()
        })));
}

#[test]
fn devices_alike_get_the_same_fix() {
    // Three new volumes without a size: each needs one.
    let mut b = launch().snapshot(ROOT, Src::UnencryptedOwn);
    for device in ["/dev/sdf", "/dev/sdg", "/dev/sdh"] {
        b = b
            .map(device, None, None)
            .mapping_with(|m| m.volume_size = None);
    }
    let advice = check_advice(&b.0, &goal(ROOT, Want::Accepted));
    assert_eq!(advice.parameters[0].edits.len(), 3);
}

#[test]
fn a_suppressed_device_comes_back() {
    let s = launch()
        .snapshot(ROOT, Src::UnencryptedOwn)
        .snapshot(DATA, Src::UnencryptedOwn)
        .map(DATA, None, None)
        .mapping_with(|m| m.no_device = true)
        .0;
    let advice = check_advice(&s, &goal(DATA, Want::Accepted));
    assert_eq!(
        advice.parameters[0].edits,
        [Edit::NoDevice {
            device: DATA.into(),
            value: false
        }]
    );
}

#[test]
fn applying_nothing_changes_nothing_and_stale_edits_are_ignored() {
    let stale = [
        Edit::Encrypted {
            device: Some("/dev/sdz".into()),
            value: Some(true),
        },
        Edit::KmsKeyId {
            device: None,
            value: Some("alias/app".into()),
        },
        Edit::NoDevice {
            device: "nowhere".into(),
            value: true,
        },
        Edit::VolumeSize {
            device: "/dev/sdq".into(),
            value: Some(1),
        },
        Edit::RemoveMapping {
            device: "/dev/sdq".into(),
        },
        Edit::LetYouUse { key: "gone".into() },
        Edit::LetAutoScalingUse { key: "gone".into() },
        Edit::EnableKey { key: "gone".into() },
    ];
    for p in preset::ALL {
        let s = (p.build)();
        assert_eq!(apply(&s, &[]), s);
        let changed = apply(&s, &stale);
        // Only the image-level key lands, and only on a copy.
        let mut expected = s.clone();
        if s.operation == Operation::Copy {
            expected.copy.kms_key_id = Some("alias/app".into());
        }
        assert_eq!(changed, expected, "{}", p.id);
    }
    // No key list at all.
    let bare = launch().no_key_list().snapshot(ROOT, Src::UnencryptedOwn).0;
    assert_eq!(apply(&bare, &stale), bare);
}

#[test]
fn a_parameter_on_an_unmapped_device_adds_its_mapping_and_clearing_it_removes_it() {
    let s = starter();
    let on = Edit::Encrypted {
        device: Some(DATA.into()),
        value: Some(true),
    };
    let changed = apply(&s, &[on]);
    assert_eq!(changed.launch_mapping(DATA).unwrap().encrypted, Some(true));
    let off = Edit::Encrypted {
        device: Some(DATA.into()),
        value: None,
    };
    assert_eq!(apply(&changed, &[off]), s);
}

#[test]
fn keys_in_other_states_are_made_usable_by_id() {
    let s = find("mistake-disabled-key");
    let enabled = apply(&s, &[Edit::EnableKey { key: key_id(1) }]);
    assert_eq!(
        enabled.account.keys.as_ref().unwrap()[1].state,
        KeyState::Enabled
    );
    assert_eq!(resolve(&enabled).status, Status::Ok);
}

/// The fuzzing harness's scenarios, valid or not, and every device and want: never a panic, and
/// every answer holds together.
#[path = "../examples/fuzz/harness.rs"]
mod harness;

#[test]
fn generated_scenarios_never_panic_and_every_suggestion_works() {
    let scenarios = harness::small_scenarios(0xad_0001, 400);
    let mut advised = 0;
    for s in &scenarios {
        let mut goals: Vec<String> = devices(s);
        goals.push("/dev/nothing".into());
        for device in goals {
            for want in wants(s).into_iter().take(6) {
                check_advice(s, &goal(&device, want));
                advised += 1;
            }
        }
    }
    assert!(advised > 1000);
}
