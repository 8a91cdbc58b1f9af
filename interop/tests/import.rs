//! The importers on real-shaped AWS CLI outputs (field names and shapes from the AWS CLI
//! reference; `scripts/check-exports` also checks every fixture against botocore's output shapes).

mod common;

use ami_encryption_interop::import::{Ownership, RegionOf};
use ami_encryption_interop::{import, recognise, Note, Problem, Recognised};
use ami_encryption_rules::preset::{key_id, OTHER_ACCOUNT};
use ami_encryption_rules::{
    input, resolve, Key, KeyOwner, KeySpec, KeyState, LaunchMapping, Operation, Scenario, Snapshot,
    SnapshotOwner,
};
use common::fixture;

/// Every output of the owned AMI, in the order a person would run the commands.
const OWNED: [&str; 8] = [
    "describe-images-owned",
    "describe-snapshots-owned",
    "list-aliases",
    "describe-key-app",
    "describe-key-team",
    "get-ebs-encryption-by-default",
    "get-ebs-default-kms-key-id",
    "get-caller-identity",
];

fn texts(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| fixture(n)).collect()
}

fn run(names: &[&str], into: &Scenario) -> ami_encryption_interop::Import {
    let texts = texts(names);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    import(&refs, into).unwrap_or_else(|e| panic!("{e}"))
}

fn key(id: String, alias: &str, owner: KeyOwner) -> Key {
    Key {
        id,
        alias: Some(alias.into()),
        owner,
        usable: true,
        ..Key::default()
    }
}

/// The scenario the owned AMI's outputs describe, written out by hand.
fn owned_scenario() -> Scenario {
    let mut expected = Scenario::default();
    // Listed by account, Region and key ID.
    expected.account.keys = Some(vec![
        key(
            "0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9".into(),
            "alias/aws/ebs",
            KeyOwner::AwsManaged,
        ),
        key(key_id(0), "alias/app", KeyOwner::Me),
        Key {
            state: KeyState::Disabled,
            ..key(key_id(1), "alias/team", KeyOwner::Me)
        },
    ]);
    expected.snapshots = vec![
        Snapshot {
            device: "/dev/xvda".into(),
            encrypted: true,
            kms_key: Some("alias/app".into()),
            ..Snapshot::default()
        },
        Snapshot {
            device: "/dev/sdb".into(),
            size: 20,
            ..Snapshot::default()
        },
    ];
    expected
}

/// Done when: pasting the outputs of the listed commands for a real AMI reproduces its scenario.
#[test]
fn the_outputs_of_an_owned_ami_reproduce_its_scenario() {
    let imported = run(&OWNED, &Scenario::default());
    assert_eq!(imported.scenario, owned_scenario());
    // The root device comes first, though the image lists it second.
    assert_eq!(imported.scenario.snapshots[0].device, "/dev/xvda");
    let notes = &imported.notes;
    for expected in [
        Note::SkippedInstanceStore {
            device: "/dev/sdc".into(),
            virtual_name: "ephemeral0".into(),
        },
        Note::SkippedNoDevice {
            device: "/dev/sdd".into(),
        },
        Note::Image {
            image_id: "ami-0abcdef1234567890".into(),
            owner_id: "123456789012".into(),
            shared: false,
            ownership: Ownership::CallerIdentity,
        },
        Note::AliasMatched {
            arn: format!("arn:aws:kms:us-east-1:123456789012:key/{}", key_id(0)),
            alias: "alias/app".into(),
        },
    ] {
        assert!(notes.contains(&expected), "{expected:?} in {notes:#?}");
    }
    let read = notes
        .iter()
        .filter(|n| matches!(n, Note::Read { .. }))
        .count();
    assert_eq!(read, OWNED.len());
    // The result is a scenario file the rules read back unchanged.
    let json = serde_json::to_string(&imported.scenario).unwrap();
    assert_eq!(input::parse_one(&json).unwrap(), imported.scenario);
}

/// Several outputs at once, in any order, as separate pastes, in one text, or as a bundle.
#[test]
fn the_order_and_the_packaging_do_not_matter() {
    let expected = owned_scenario();
    let mut names = OWNED.to_vec();
    for turn in 0..names.len() {
        names.rotate_left(1);
        if turn % 2 == 1 {
            names.reverse();
        }
        assert_eq!(
            run(&names, &Scenario::default()).scenario,
            expected,
            "{names:?}"
        );
    }
    let all_in_one = texts(&OWNED).join("\n");
    assert_eq!(
        import(&[&all_in_one], &Scenario::default())
            .unwrap()
            .scenario,
        expected
    );
    let outputs: Vec<serde_json::Value> = texts(&OWNED)
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
    let bundle = serde_json::json!({"bundle": 1, "region": "us-east-1", "outputs": outputs});
    let imported = import(&[&bundle.to_string()], &Scenario::default()).unwrap();
    assert_eq!(imported.scenario, expected);
    assert!(imported.notes.iter().any(|n| matches!(
        n,
        Note::Read { at, shape: Recognised::DescribeImages } if at.output == Some(1)
    )));
}

/// What the import leaves alone: the operation, the launch mappings, settings no output gives,
/// and what the scenario's keys say that no output does (here: a key's usability).
#[test]
fn nothing_already_in_the_scenario_is_lost() {
    let mut into = Scenario {
        launch: vec![LaunchMapping {
            device: "/dev/xvda".into(),
            encrypted: Some(true),
            kms_key_id: Some("alias/team".into()),
            ..LaunchMapping::default()
        }],
        ..Scenario::default()
    };
    into.account.keys = Some(vec![Key {
        usable: false,
        auto_scaling: true,
        ..key(key_id(1), "alias/team", KeyOwner::Me)
    }]);
    let imported = run(&OWNED, &into).scenario;
    assert_eq!(imported.launch, into.launch);
    let team = imported
        .account
        .keys
        .as_ref()
        .unwrap()
        .iter()
        .find(|k| k.id == key_id(1))
        .unwrap();
    assert!(!team.usable && team.auto_scaling);
    assert_eq!(team.state, KeyState::Disabled, "described: disabled");
    // The outcome follows: the request names a disabled key.
    assert_eq!(
        resolve(&imported).failure.map(|f| f.rule.id()),
        Some("key.not-enabled")
    );
    // A bad paste returns an error and no scenario: the one passed in is untouched.
    let before = into.clone();
    let err = import(&[&fixture("describe-images-owned"), "{\"Foo\": 1}"], &into).unwrap_err();
    assert_eq!(into, before);
    assert!(err.understood.contains(&Recognised::DescribeImages));
}

/// Another account's AMI shared with you: shared snapshots, the partner's key by its ARN.
#[test]
fn another_accounts_ami_is_shared() {
    let names = [
        "describe-images-shared",
        "describe-snapshots-shared",
        "get-caller-identity",
    ];
    let imported = run(&names, &Scenario::default());
    let snapshot = &imported.scenario.snapshots[0];
    assert_eq!(snapshot.owner, SnapshotOwner::Shared);
    assert_eq!(snapshot.size, 10);
    let arn = format!("arn:aws:kms:us-east-1:{OTHER_ACCOUNT}:key/{}", key_id(2));
    assert_eq!(snapshot.kms_key.as_deref(), Some(arn.as_str()));
    let keys = imported.scenario.account.keys.as_ref().unwrap();
    assert_eq!(keys[0].owner, KeyOwner::Account(OTHER_ACCOUNT.into()));
    assert!(imported.notes.contains(&Note::KeyNotDescribed { arn }));
    // The rules answer as for the page's example of a shared encrypted AMI.
    assert_eq!(
        resolve(&imported.scenario).volumes[0].rule.id(),
        "launch.shared-default-key"
    );
    // Without the caller identity, and with the scenario's default account ID, the AMI is taken
    // as yours, and the note says so.
    let assumed = run(&names[..2], &Scenario::default());
    assert_eq!(assumed.scenario.snapshots[0].owner, SnapshotOwner::Me);
    assert_eq!(assumed.scenario.account.id, OTHER_ACCOUNT);
    assert!(assumed.notes.iter().any(|n| matches!(
        n,
        Note::Image {
            ownership: Ownership::AssumedYours,
            ..
        }
    )));
    // With an account ID in the scenario, that one is compared.
    let mut mine = Scenario::default();
    mine.account.id = "444455556666".into();
    let compared = run(&names[..2], &mine);
    assert_eq!(compared.scenario.snapshots[0].owner, SnapshotOwner::Shared);
}

/// The AWS managed key `aws/ebs`: described with `KeyManager: AWS`, named by its alias.
#[test]
fn an_aws_managed_key_is_aws_managed() {
    let imported = run(
        &[
            "describe-images-aws-managed",
            "describe-snapshots-aws-managed",
            "describe-key-aws-ebs",
            "list-aliases",
            "get-caller-identity",
        ],
        &Scenario::default(),
    );
    let keys = imported.scenario.account.keys.as_ref().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].owner, KeyOwner::AwsManaged);
    assert_eq!(
        imported.scenario.snapshots[0].kms_key.as_deref(),
        Some("alias/aws/ebs")
    );
}

/// A multi-Region key in eu-west-1: the Region comes from its ARN.
#[test]
fn a_multi_region_key_sets_the_region() {
    let imported = run(
        &[
            "describe-images-multi-region",
            "describe-snapshots-multi-region",
            "describe-key-multi-region",
            "get-caller-identity",
        ],
        &Scenario::default(),
    );
    let scenario = &imported.scenario;
    assert_eq!(scenario.account.region, "eu-west-1");
    let keys = scenario.account.keys.as_ref().unwrap();
    assert!(keys[0].multi_region && keys[0].id.starts_with("mrk-"));
    assert_eq!(keys[0].region, None, "the call's Region");
    assert_eq!(scenario.snapshots[0].device, "/dev/sda1");
    assert_eq!(scenario.snapshots[0].size, 30);
    assert!(imported.notes.contains(&Note::Region {
        region: "eu-west-1".into(),
        of: RegionOf::Call
    }));
}

/// A copy: the snapshots' ARNs give the source Region, the default key's ARN the destination.
#[test]
fn a_copy_takes_its_source_region_from_the_snapshots() {
    let into = Scenario {
        operation: Operation::Copy,
        ..Scenario::default()
    };
    let mut names = vec![
        "describe-images-multi-region",
        "describe-snapshots-multi-region",
        "describe-key-multi-region",
        "get-caller-identity",
        "get-ebs-default-kms-key-id-cmk",
    ];
    let imported = run(&names, &into).scenario;
    assert_eq!(imported.account.region, "us-east-1");
    assert_eq!(imported.copy.source_region.as_deref(), Some("eu-west-1"));
    let keys = imported.account.keys.as_ref().unwrap();
    let mrk = keys.iter().find(|k| k.multi_region).unwrap();
    assert_eq!(mrk.region.as_deref(), Some("eu-west-1"));
    // Named by ARN: the key is in another Region than the call's.
    assert!(imported.snapshots[0]
        .kms_key
        .as_deref()
        .unwrap()
        .starts_with("arn:aws:kms:eu-west-1:123456789012:key/mrk-"));
    names.pop();
    let same_region = run(&names, &into).scenario;
    assert_eq!(same_region.copy.source_region.as_deref(), Some("eu-west-1"));
}

/// Key states and specs EBS cannot use are kept as such.
#[test]
fn key_states_and_specs_are_read() {
    let text = fixture("describe-key-asymmetric");
    let imported = import(&[&text], &Scenario::default()).unwrap();
    let keys = imported.scenario.account.keys.unwrap();
    assert_eq!(keys[0].spec, KeySpec::Asymmetric);
    assert_eq!(keys[0].state, KeyState::Disabled);
    assert!(imported
        .notes
        .iter()
        .any(|n| matches!(n, Note::KeyStateUnusable { state, .. } if state == "PendingImport")));
}

#[test]
fn a_snapshot_no_image_references_gets_a_note() {
    let mut names = OWNED.to_vec();
    names.push("describe-snapshots-extra");
    let imported = run(&names, &Scenario::default());
    assert!(imported.notes.contains(&Note::SnapshotNotReferenced {
        snapshot_id: "snap-0ffffffffffffffff".into()
    }));
    // Without an image, every described snapshot is unreferenced and the snapshots stay.
    let alone = run(&["describe-snapshots-owned"], &Scenario::default());
    assert_eq!(alone.scenario.snapshots, Scenario::default().snapshots);
    assert_eq!(
        alone
            .notes
            .iter()
            .filter(|n| matches!(n, Note::SnapshotNotReferenced { .. }))
            .count(),
        2
    );
}

#[test]
fn an_encrypted_snapshot_without_its_description_gets_a_note() {
    let imported = run(&["describe-images-owned"], &Scenario::default());
    assert!(imported.notes.contains(&Note::SnapshotKeyUnknown {
        device: "/dev/xvda".into(),
        snapshot_id: "snap-0a1b2c3d4e5f6a7b8".into()
    }));
    assert_eq!(imported.scenario.snapshots[0].kms_key, None);
}

/// Each refusal names what was and was not understood, in one line.
#[test]
fn refusals_name_what_was_understood() {
    let owned = fixture("describe-images-owned");
    let identity = fixture("get-caller-identity");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![identity.clone(), fixture("describe-images-instance-store")],
            "is backed by \"instance-store\", not EBS",
        ),
        (
            vec![fixture("describe-images-two")],
            "2 images (\"ami-0abcdef1234567890\", \"ami-0abcdef1234567891\")",
        ),
        (
            vec![owned.clone(), "{\"Reservations\": []}".into()],
            "paste 2: an object of no known shape (fields \"Reservations\")",
        ),
        (
            vec![owned.clone(), "[1, 2]".into()],
            "paste 2: JSON, but not an object",
        ),
        (
            vec![identity.clone(), "{\"Images\": 4}".into()],
            "paste 2: the output of `aws ec2 describe-images` has invalid type",
        ),
        (
            vec![format!("{identity}\n{{\"Images\": [], oops")],
            "paste 1, JSON text 2: not JSON at line 7, column 16: key must be a string",
        ),
        (vec!["  \n".into()], "nothing was pasted"),
        (
            vec!["{\"Images\": []}".into()],
            "`aws ec2 describe-images` found no image",
        ),
        (
            vec!["{\"bundle\": 2, \"outputs\": []}".into()],
            "`bundle` must be 1",
        ),
        (
            vec!["{\"bundle\": 1, \"outputs\": [{\"bundle\": 1, \"outputs\": []}]}".into()],
            "paste 1, output 1: a bundle inside a bundle",
        ),
        (
            vec!["{\"UserId\": \"x\", \"Account\": \"12\", \"Arn\": \"y\"}".into()],
            "no 12-digit account ID",
        ),
    ];
    for (pasted, expected) in cases {
        let refs: Vec<&str> = pasted.iter().map(String::as_str).collect();
        let err = import(&refs, &Scenario::default()).unwrap_err().to_string();
        assert!(err.contains(expected), "{err}\nwant: {expected}");
        assert!(!err.contains('\n'), "one line: {err}");
        let understood = if refs.len() > 1 && !refs[0].contains("Images\": 4") {
            "; understood: aws"
        } else {
            ""
        };
        assert!(err.contains(understood), "{err}");
    }
    let err = import(&[&owned, "{\"Foo\": 1}"], &Scenario::default()).unwrap_err();
    assert_eq!(
        err.to_string().rsplit("; ").next(),
        Some("understood: aws ec2 describe-images")
    );
}

#[test]
fn limits_are_kept() {
    let big = " ".repeat(1024 * 1024 + 1);
    assert!(matches!(
        import(&[&big], &Scenario::default()).unwrap_err().problem,
        Problem::TooLong { .. }
    ));
    let many: Vec<serde_json::Value> = (0..129)
        .map(|i| serde_json::json!({"SnapshotId": format!("snap-{i}"), "Encrypted": false}))
        .collect();
    let text = serde_json::json!({ "Snapshots": many }).to_string();
    assert!(matches!(
        import(&[&text], &Scenario::default()).unwrap_err().problem,
        Problem::TooMany {
            what: "snapshots",
            count: 129
        }
    ));
}

#[test]
fn shapes_are_recognised_by_their_fields() {
    for (name, shape) in [
        ("describe-images-owned", Recognised::DescribeImages),
        ("describe-snapshots-owned", Recognised::DescribeSnapshots),
        (
            "get-ebs-encryption-by-default",
            Recognised::GetEbsEncryptionByDefault,
        ),
        (
            "get-ebs-default-kms-key-id",
            Recognised::GetEbsDefaultKmsKeyId,
        ),
        ("list-aliases", Recognised::ListAliases),
        ("describe-key-app", Recognised::DescribeKey),
        ("get-caller-identity", Recognised::GetCallerIdentity),
    ] {
        let value: serde_json::Value = serde_json::from_str(&fixture(name)).unwrap();
        assert_eq!(recognise(&value), Ok(shape), "{name}");
    }
}

/// Notes are ids with arguments, for the page to translate.
#[test]
fn notes_serialize_as_ids_with_arguments() {
    let note = Note::SkippedNoDevice {
        device: "/dev/sdd".into(),
    };
    assert_eq!(
        serde_json::to_value(note).unwrap(),
        serde_json::json!({"id": "skipped-no-device", "device": "/dev/sdd"})
    );
}
