//! Ready-made scenarios: the AWS page's own examples, and the mistakes people make most often.
//! Pure data, shared by the page, the tests and the tools; their titles and introductions live in
//! the page's locale files (`preset.<id>.title`, `preset.<id>.intro`).

use crate::{
    source, Caller, CopyParameters, Key, KeyOwner, KeyState, LaunchMapping, Operation, Scenario,
    Snapshot, SnapshotOwner,
};

/// The account that stands for "another account" in examples and in the page's editor (AWS's
/// documentation example ID; never [`crate::DEFAULT_ACCOUNT_ID`]).
pub const OTHER_ACCOUNT: &str = "111122223333";

/// A made-up but well-formed key ID for the n-th key of an example or of the page's editor.
pub fn key_id(n: usize) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        0x1234abcd_u32.wrapping_add(n as u32 * 0x1111),
        n,
        n,
        n,
        n
    )
}

/// Where a preset comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A scenario of the AWS page this explainer explains ("Use encryption with EBS-backed AMIs").
    AwsPage,
    /// A scenario another AWS page describes (copying across Regions, Auto Scaling).
    Related,
    /// A classic mistake.
    Mistake,
}

/// One ready-made scenario.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    pub id: &'static str,
    pub kind: Kind,
    /// For the AWS page's scenarios, a number after the page's sections, so that a reader can find
    /// it there: `1.x` for the instance-launching scenarios, `2.x` for the image-copying ones, in
    /// the page's order.
    pub number: Option<&'static str>,
    /// Where AWS explains it.
    pub link: &'static str,
    pub build: fn() -> Scenario,
}

const APP: &str = "alias/app";
const TEAM: &str = "alias/team";
const PARTNER: &str = "arn:aws:kms:us-east-1:111122223333:alias/partner";
const EBS_DEFAULT: &str = "alias/ebs-default";

/// Your keys `alias/app` and `alias/team`, and a partner's key shared with you.
fn keys() -> Vec<Key> {
    vec![
        Key {
            id: key_id(0),
            alias: Some(APP.into()),
            owner: KeyOwner::Me,
            usable: true,
            ..Key::default()
        },
        Key {
            id: key_id(1),
            alias: Some(TEAM.into()),
            owner: KeyOwner::Me,
            usable: true,
            ..Key::default()
        },
        Key {
            id: key_id(2),
            alias: Some("alias/partner".into()),
            owner: KeyOwner::Account(OTHER_ACCOUNT.into()),
            usable: true,
            ..Key::default()
        },
    ]
}

fn snapshot(device: &str, key: Option<&str>, owner: SnapshotOwner) -> Snapshot {
    Snapshot {
        device: device.into(),
        encrypted: key.is_some(),
        kms_key: key.map(Into::into),
        owner,
        ..Snapshot::default()
    }
}

fn mapping(device: &str, encrypted: Option<bool>, key: Option<&str>) -> LaunchMapping {
    LaunchMapping {
        device: device.into(),
        encrypted,
        kms_key_id: key.map(Into::into),
        ..LaunchMapping::default()
    }
}

fn scenario(operation: Operation, snapshots: Vec<Snapshot>) -> Scenario {
    let mut s = Scenario {
        operation,
        snapshots,
        ..Scenario::default()
    };
    s.account.keys = Some(keys());
    s
}

use SnapshotOwner::{Me, Shared};

pub const ALL: &[Preset] = &[
    Preset {
        id: "launch-reencrypt-shared",
        kind: Kind::AwsPage,
        number: Some("1.1"),
        link: source::AMI_LAUNCH2,
        build: || {
            scenario(
                Operation::Launch,
                vec![snapshot("/dev/xvda", Some(PARTNER), Shared)],
            )
        },
    },
    Preset {
        id: "launch-encrypt",
        kind: Kind::AwsPage,
        number: Some("1.2"),
        link: source::AMI_LAUNCH1,
        build: || {
            let mut s = scenario(Operation::Launch, vec![snapshot("/dev/xvda", None, Me)]);
            s.launch = vec![mapping("/dev/xvda", Some(true), None)];
            s
        },
    },
    Preset {
        id: "launch-reencrypt-owned",
        kind: Kind::AwsPage,
        number: Some("1.3"),
        link: source::AMI_LAUNCH2,
        build: || {
            let mut s = scenario(
                Operation::Launch,
                vec![snapshot("/dev/xvda", Some(APP), Me)],
            );
            s.launch = vec![mapping("/dev/xvda", Some(true), Some(TEAM))];
            s
        },
    },
    Preset {
        id: "launch-mixed",
        kind: Kind::AwsPage,
        number: Some("1.4"),
        link: source::AMI_LAUNCH3,
        build: || {
            let mut s = scenario(
                Operation::Launch,
                vec![
                    snapshot("/dev/xvda", None, Me),
                    snapshot("/dev/sdb", Some(APP), Me),
                ],
            );
            s.launch = vec![
                mapping("/dev/xvda", Some(true), None),
                mapping("/dev/sdb", Some(true), Some(TEAM)),
            ];
            s
        },
    },
    Preset {
        id: "copy-owned-encrypted",
        kind: Kind::AwsPage,
        number: Some("2.1"),
        link: source::AMI_COPY,
        build: || {
            scenario(
                Operation::Copy,
                vec![
                    snapshot("/dev/xvda", Some(APP), Me),
                    snapshot("/dev/sdb", None, Me),
                ],
            )
        },
    },
    Preset {
        id: "copy-shared-encrypted",
        kind: Kind::AwsPage,
        number: Some("2.2"),
        link: source::AMI_COPY,
        build: || {
            scenario(
                Operation::Copy,
                vec![snapshot("/dev/xvda", Some(PARTNER), Shared)],
            )
        },
    },
    Preset {
        id: "copy-encrypt",
        kind: Kind::AwsPage,
        number: Some("2.3"),
        link: source::AMI_COPY_ENCRYPT,
        build: || {
            let mut s = scenario(Operation::Copy, vec![snapshot("/dev/xvda", None, Me)]);
            s.copy = CopyParameters {
                encrypted: Some(true),
                kms_key_id: Some(APP.into()),
                ..CopyParameters::default()
            };
            s
        },
    },
    Preset {
        id: "copy-cross-region",
        kind: Kind::Related,
        number: None,
        link: source::COPY_AMI_ENCRYPTION,
        build: cross_region_copy,
    },
    Preset {
        id: "auto-scaling-cmk-granted",
        kind: Kind::Related,
        number: None,
        link: source::AUTO_SCALING_KEY_POLICY,
        build: || auto_scaling_launch(true),
    },
    Preset {
        id: "mistake-key-without-encrypted",
        kind: Kind::Mistake,
        number: None,
        link: source::AMI_LAUNCH,
        build: || {
            let mut s = scenario(Operation::Launch, vec![snapshot("/dev/xvda", None, Me)]);
            s.launch = vec![mapping("/dev/xvda", None, Some(APP))];
            s
        },
    },
    Preset {
        id: "mistake-copy-encrypted-false",
        kind: Kind::Mistake,
        number: None,
        link: source::COPY_IMAGE_API,
        build: || {
            let mut s = scenario(
                Operation::Copy,
                vec![
                    snapshot("/dev/xvda", None, Me),
                    snapshot("/dev/sdb", Some(APP), Me),
                ],
            );
            s.copy = CopyParameters {
                encrypted: Some(false),
                kms_key_id: None,
                ..CopyParameters::default()
            };
            s
        },
    },
    Preset {
        id: "mistake-share-aws-ebs",
        kind: Kind::Mistake,
        number: None,
        link: source::SHARING_AMIS,
        build: || {
            scenario(
                Operation::Launch,
                vec![snapshot("/dev/xvda", Some("alias/aws/ebs"), Shared)],
            )
        },
    },
    Preset {
        id: "mistake-unusable-shared-key",
        kind: Kind::Mistake,
        number: None,
        link: source::TROUBLESHOOT_LAUNCH,
        build: || {
            let mut s = scenario(
                Operation::Launch,
                vec![snapshot("/dev/xvda", Some(PARTNER), Shared)],
            );
            if let Some(keys) = s.account.keys.as_mut() {
                keys[2].usable = false;
            }
            s
        },
    },
    Preset {
        id: "mistake-cmk-default",
        kind: Kind::Mistake,
        number: None,
        link: source::EBS_BY_DEFAULT,
        build: || {
            let mut s = scenario(
                Operation::Launch,
                vec![snapshot("/dev/xvda", Some(PARTNER), Shared)],
            );
            s.account.default_kms_key = EBS_DEFAULT.into();
            if let Some(keys) = s.account.keys.as_mut() {
                keys.push(Key {
                    id: key_id(3),
                    alias: Some(EBS_DEFAULT.into()),
                    owner: KeyOwner::Me,
                    usable: false,
                    ..Key::default()
                });
            }
            s
        },
    },
    Preset {
        id: "mistake-cross-region-source-key",
        kind: Kind::Mistake,
        number: None,
        link: source::COPY_IMAGE_API,
        build: || {
            let mut s = cross_region_copy();
            if let Some(keys) = s.account.keys.as_mut() {
                keys.push(Key {
                    id: key_id(4),
                    alias: Some("alias/app-eu".into()),
                    ..Key::default()
                });
            }
            s.copy.encrypted = Some(true);
            s.copy.kms_key_id = Some(APP_US_EAST_1.into());
            s
        },
    },
    Preset {
        id: "mistake-auto-scaling-cmk-default",
        kind: Kind::Mistake,
        number: None,
        link: source::AUTO_SCALING_LAUNCH_FAILURE,
        build: || auto_scaling_launch(false),
    },
    Preset {
        id: "mistake-copy-shared-unreadable",
        kind: Kind::Mistake,
        number: None,
        link: source::COPY_AMI_ACROSS_ACCOUNTS,
        build: || {
            let mut root = snapshot("/dev/xvda", Some(PARTNER), Shared);
            root.readable = false;
            scenario(Operation::Copy, vec![root])
        },
    },
    Preset {
        id: "mistake-disabled-key",
        kind: Kind::Mistake,
        number: None,
        link: source::KMS_SERVICES_EBS,
        build: || {
            let mut s = scenario(Operation::Launch, vec![snapshot("/dev/xvda", None, Me)]);
            if let Some(team) = s.account.keys.as_mut().and_then(|k| k.get_mut(1)) {
                team.state = KeyState::Disabled;
            }
            s.launch = vec![mapping("/dev/xvda", Some(true), Some(TEAM))];
            s
        },
    },
];

/// Your `alias/app` in us-east-1, named from eu-west-1 (so by its ARN).
const APP_US_EAST_1: &str = "arn:aws:kms:us-east-1:123456789012:alias/app";

/// Your AMI in us-east-1, its root encrypted with `alias/app` of us-east-1, copied to eu-west-1
/// without parameters.
fn cross_region_copy() -> Scenario {
    let mut s = scenario(
        Operation::Copy,
        vec![
            snapshot("/dev/xvda", Some(APP_US_EAST_1), Me),
            snapshot("/dev/sdb", None, Me),
        ],
    );
    s.account.region = "eu-west-1".into();
    s.copy.source_region = Some("us-east-1".into());
    if let Some(app) = s.account.keys.as_mut().and_then(|k| k.get_mut(0)) {
        app.region = Some("us-east-1".into());
    }
    s
}

/// An Auto Scaling group launching your unencrypted AMI with encryption by default on and your
/// customer managed key `alias/ebs-default` as the default key; `granted`: the key policy lets the
/// Auto Scaling service-linked role use it.
fn auto_scaling_launch(granted: bool) -> Scenario {
    let mut s = scenario(Operation::Launch, vec![snapshot("/dev/xvda", None, Me)]);
    s.caller = Caller::AutoScaling;
    s.account.encryption_by_default = true;
    s.account.default_kms_key = EBS_DEFAULT.into();
    if let Some(keys) = s.account.keys.as_mut() {
        keys.push(Key {
            id: key_id(3),
            alias: Some(EBS_DEFAULT.into()),
            auto_scaling: granted,
            ..Key::default()
        });
    }
    s
}

/// The preset whose scenario is exactly `scenario`, if any.
pub fn matching(scenario: &Scenario) -> Option<&'static Preset> {
    ALL.iter().find(|p| &(p.build)() == scenario)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{resolve, Status};

    fn rules(id: &str) -> (Status, Vec<&'static str>, Option<String>) {
        let preset = ALL.iter().find(|p| p.id == id).unwrap();
        let outcome = resolve(&(preset.build)());
        let code = outcome
            .error
            .map(|e| e.code)
            .or(outcome.failure.map(|f| f.code));
        (
            outcome.status,
            outcome.volumes.iter().map(|v| v.rule.id()).collect(),
            code,
        )
    }

    /// Each preset shows what the AWS page (or the mistake's story) says it shows.
    #[test]
    fn presets_show_their_documented_outcomes() {
        assert_eq!(rules("launch-encrypt").1, ["launch.encrypted-default-key"]);
        assert_eq!(rules("launch-reencrypt-owned").1, ["launch.specified-key"]);
        assert_eq!(
            rules("launch-reencrypt-shared").1,
            ["launch.shared-default-key"]
        );
        assert_eq!(
            rules("launch-mixed").1,
            ["launch.encrypted-default-key", "launch.specified-key"]
        );
        assert_eq!(rules("copy-encrypt").1, ["copy.specified-key"]);
        assert_eq!(
            rules("copy-owned-encrypted").1,
            ["copy.owned-keeps-key", "copy.state-preserved"]
        );
        assert_eq!(
            rules("copy-shared-encrypted").1,
            ["copy.shared-default-key"]
        );
        assert_eq!(
            rules("mistake-key-without-encrypted").2.as_deref(),
            Some("InvalidParameterDependency")
        );
        assert_eq!(
            rules("mistake-copy-encrypted-false").2.as_deref(),
            Some("InvalidRequest")
        );
        assert_eq!(
            rules("mistake-share-aws-ebs").2.as_deref(),
            Some("InvalidParameter")
        );
        assert_eq!(rules("mistake-unusable-shared-key").0, Status::FailsLater);
        assert_eq!(rules("mistake-cmk-default").0, Status::FailsLater);
        assert_eq!(
            rules("copy-cross-region").1,
            ["copy.cross-region-default-key", "copy.state-preserved"]
        );
        let wrong_region = resolve(&(find("mistake-cross-region-source-key").build)());
        assert_eq!(
            wrong_region.failure.map(|f| f.rule.id()),
            Some("key.wrong-region")
        );
        let trap = resolve(&(find("mistake-auto-scaling-cmk-default").build)());
        assert_eq!(
            trap.failure.map(|f| (f.rule.id(), f.code)),
            Some((
                "launch.auto-scaling-key-not-allowed",
                "Client.InternalError".to_owned()
            ))
        );
        assert_eq!(
            rules("auto-scaling-cmk-granted"),
            (Status::Ok, vec!["launch.encryption-by-default"], None)
        );
        assert_eq!(
            rules("mistake-copy-shared-unreadable").2.as_deref(),
            Some("InvalidRequest")
        );
        let disabled = resolve(&(find("mistake-disabled-key").build)());
        assert_eq!(
            disabled.failure.map(|f| f.rule.id()),
            Some("key.not-enabled")
        );
    }

    fn find(id: &str) -> &'static Preset {
        ALL.iter().find(|p| p.id == id).unwrap()
    }

    /// The AWS page's scenarios come first, numbered in the page's order; the others have no number.
    #[test]
    fn aws_page_scenarios_are_numbered_in_page_order() {
        let numbers: Vec<_> = ALL.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3"]);
        for (i, preset) in ALL.iter().enumerate() {
            assert_eq!(
                preset.number.is_some(),
                preset.kind == Kind::AwsPage,
                "{}",
                preset.id
            );
            if preset.kind == Kind::AwsPage {
                assert!(ALL[..i].iter().all(|p| p.kind == Kind::AwsPage));
            }
        }
    }

    #[test]
    fn ids_are_unique_and_presets_are_recognised() {
        for (i, preset) in ALL.iter().enumerate() {
            assert!(ALL[..i].iter().all(|p| p.id != preset.id));
            assert_eq!(matching(&(preset.build)()).map(|p| p.id), Some(preset.id));
        }
    }
}
