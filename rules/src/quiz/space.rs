//! The scenario space of each level: a deterministic enumeration of small AMIs (one or two
//! snapshots, or a snapshot and a new volume) over the examples' keys, the call's parameters and
//! the account's encryption settings. Which of them a level asks is decided in `pool`.

use crate::preset::{key_id, OTHER_ACCOUNT};
use crate::{
    Caller, CopyParameters, Key, KeyOwner, KeyState, LaunchMapping, Operation, Scenario, Snapshot,
    SnapshotOwner, AWS_MANAGED_EBS_KEY, DEFAULT_SNAPSHOT_SIZE,
};

use super::Level;

/// The root device of every AMI in the quiz.
pub const ROOT: &str = "/dev/xvda";
/// The second snapshot's device.
pub const DATA: &str = "/dev/sdb";
/// The device of a new empty volume.
pub const NEW: &str = "/dev/sdf";

const APP: &str = "alias/app";
const TEAM: &str = "alias/team";
const PARTNER: &str = "arn:aws:kms:us-east-1:111122223333:alias/partner";
const EBS_DEFAULT: &str = "alias/ebs-default";
/// An alias that no listed key has.
const MISSING: &str = "alias/missing";
/// The Region a cross-Region copy comes from (where `alias/app` lives then).
const SOURCE_REGION: &str = "us-east-1";
/// The Region a cross-Region copy goes to.
const DESTINATION_REGION: &str = "eu-west-1";
/// Your `alias/app` of the source Region, named from the destination.
const APP_SOURCE: &str = "arn:aws:kms:us-east-1:123456789012:alias/app";

/// What a snapshot of the AMI is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Src {
    /// Yours, unencrypted.
    Plain,
    /// Yours, encrypted with `alias/app`.
    App,
    /// Yours, encrypted with `alias/aws/ebs`.
    AwsEbs,
    /// Yours, encrypted with `alias/app` of the copy's source Region.
    AppSource,
    /// Shared with you, unencrypted.
    SharedPlain,
    /// Shared with you, encrypted with the partner's key.
    Partner,
    /// Shared with you, encrypted with the partner's key, without read permission on it.
    PartnerUnreadable,
}

impl Src {
    fn snapshot(self, device: &str) -> Snapshot {
        let (key, owner) = match self {
            Src::Plain => (None, SnapshotOwner::Me),
            Src::App => (Some(APP), SnapshotOwner::Me),
            Src::AwsEbs => (Some(AWS_MANAGED_EBS_KEY), SnapshotOwner::Me),
            Src::AppSource => (Some(APP_SOURCE), SnapshotOwner::Me),
            Src::SharedPlain => (None, SnapshotOwner::Shared),
            Src::Partner | Src::PartnerUnreadable => (Some(PARTNER), SnapshotOwner::Shared),
        };
        Snapshot {
            device: device.into(),
            encrypted: key.is_some(),
            kms_key: key.map(Into::into),
            owner,
            readable: self != Src::PartnerUnreadable,
            ..Snapshot::default()
        }
    }

    /// An unencrypted snapshot of the same owner, to go with this one in one AMI.
    fn plain_companion(self) -> Src {
        match self {
            Src::SharedPlain | Src::Partner | Src::PartnerUnreadable => Src::SharedPlain,
            _ => Src::Plain,
        }
    }
}

/// `Encrypted` and `KmsKeyId` of a mapping or a copy.
type Params = (Option<bool>, Option<&'static str>);

/// The parameters EC2 accepts: nothing, `Encrypted=false`, `Encrypted=true`, and `Encrypted=true`
/// with each of `keys`.
fn accepted(keys: &[&'static str]) -> Vec<Params> {
    let mut all = vec![(None, None), (Some(false), None), (Some(true), None)];
    all.extend(keys.iter().map(|k| (Some(true), Some(*k))));
    all
}

/// [`accepted`], and `KmsKeyId` without `Encrypted=true`, which EC2 refuses.
fn with_refused(keys: &[&'static str]) -> Vec<Params> {
    let mut all = accepted(keys);
    for key in keys {
        all.push((None, Some(*key)));
        all.push((Some(false), Some(*key)));
    }
    all
}

/// Encryption by default, and the default key.
const SETTINGS: [(bool, &str); 4] = [
    (false, AWS_MANAGED_EBS_KEY),
    (true, AWS_MANAGED_EBS_KEY),
    (false, EBS_DEFAULT),
    (true, EBS_DEFAULT),
];

/// What is wrong with the account's keys (refused requests and failures only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trouble {
    None,
    /// The partner's key policy does not let you use its key.
    PartnerUnusable,
    /// `alias/team` is disabled.
    TeamDisabled,
    /// Your policy does not let you use `alias/ebs-default`.
    DefaultUnusable,
}

fn key(n: usize, alias: &str, owner: KeyOwner) -> Key {
    Key {
        id: key_id(n),
        alias: Some(alias.into()),
        owner,
        // `Key::default()` is not usable; the scenario format's default is.
        usable: true,
        ..Key::default()
    }
}

/// Your `alias/app`, `alias/team` and `alias/ebs-default`, and the partner's key shared with you.
fn keys(trouble: Trouble) -> Vec<Key> {
    let mut keys = vec![
        key(0, APP, KeyOwner::Me),
        key(1, TEAM, KeyOwner::Me),
        key(2, "alias/partner", KeyOwner::Account(OTHER_ACCOUNT.into())),
        key(3, EBS_DEFAULT, KeyOwner::Me),
    ];
    match trouble {
        Trouble::None => {}
        Trouble::PartnerUnusable => keys[2].usable = false,
        Trouble::TeamDisabled => keys[1].state = KeyState::Disabled,
        Trouble::DefaultUnusable => keys[3].usable = false,
    }
    keys
}

fn base(operation: Operation, setting: (bool, &str), trouble: Trouble) -> Scenario {
    let mut s = Scenario {
        operation,
        ..Scenario::default()
    };
    s.account.encryption_by_default = setting.0;
    s.account.default_kms_key = setting.1.into();
    s.account.keys = Some(keys(trouble));
    s
}

fn mapping(device: &str, (encrypted, key): Params) -> LaunchMapping {
    LaunchMapping {
        device: device.into(),
        encrypted,
        kms_key_id: key.map(Into::into),
        ..LaunchMapping::default()
    }
}

/// A launch: each snapshot's mapping (none for "nothing set"), then the extra mappings.
fn launch(mut s: Scenario, snapshots: &[(Src, Params)], extra: Vec<LaunchMapping>) -> Scenario {
    let devices = [ROOT, DATA];
    for ((src, params), device) in snapshots.iter().zip(devices) {
        s.snapshots.push(src.snapshot(device));
        if *params != (None, None) {
            s.launch.push(mapping(device, *params));
        }
    }
    s.launch.extend(extra);
    s
}

fn copy(mut s: Scenario, snapshots: &[Src], (encrypted, key): Params) -> Scenario {
    s.snapshots = snapshots
        .iter()
        .zip([ROOT, DATA])
        .map(|(src, device)| src.snapshot(device))
        .collect();
    s.copy = CopyParameters {
        encrypted,
        kms_key_id: key.map(Into::into),
        source_region: None,
    };
    s
}

/// The AMI's snapshots: `root` alone, or with a second snapshot from `data` (never the same kind
/// as the root, which would only repeat it).
fn amis(roots: &[Src], data: &[Src]) -> Vec<Vec<Src>> {
    let mut all = Vec::new();
    for &root in roots {
        all.push(vec![root]);
        for &second in data.iter().filter(|d| **d != root) {
            all.push(vec![root, second]);
        }
    }
    all
}

/// Every scenario the level may ask about, in a fixed order. Some are dropped later (see `pool`).
pub fn scenarios(level: Level) -> Vec<Scenario> {
    match level {
        Level::LaunchBasics => launch_basics(),
        Level::Copy => copies(),
        Level::SharedAndOtherAccounts => shared(),
        Level::RefusedAndFailures => refused_and_failures(),
        Level::RegionsAndAutoScaling => regions_and_auto_scaling(),
        Level::Contested => contested(),
    }
}

fn launch_basics() -> Vec<Scenario> {
    let params = accepted(&[TEAM]);
    let mut all = Vec::new();
    for setting in SETTINGS {
        let s = || base(Operation::Launch, setting, Trouble::None);
        for root in [Src::Plain, Src::App, Src::AwsEbs] {
            for &p in &params {
                all.push(launch(s(), &[(root, p)], vec![]));
                for data in [Src::Plain, Src::App, Src::AwsEbs] {
                    for &q in &params {
                        if (data, q) != (root, p) {
                            all.push(launch(s(), &[(root, p), (data, q)], vec![]));
                        }
                    }
                }
                for &q in &params {
                    let mut new = mapping(NEW, q);
                    new.volume_size = Some(DEFAULT_SNAPSHOT_SIZE);
                    all.push(launch(s(), &[(root, p)], vec![new]));
                }
            }
        }
    }
    all
}

fn copies() -> Vec<Scenario> {
    let kinds = [Src::Plain, Src::App, Src::AwsEbs];
    let mut all = Vec::new();
    for setting in SETTINGS {
        for ami in amis(&kinds, &kinds) {
            for p in accepted(&[TEAM]) {
                all.push(copy(base(Operation::Copy, setting, Trouble::None), &ami, p));
            }
        }
    }
    all
}

fn shared() -> Vec<Scenario> {
    let kinds = [Src::SharedPlain, Src::Partner];
    let params = accepted(&[TEAM, PARTNER]);
    let mut all = Vec::new();
    for setting in SETTINGS {
        let s = |operation| base(operation, setting, Trouble::None);
        for ami in amis(&kinds, &kinds) {
            for &p in &params {
                all.push(copy(s(Operation::Copy), &ami, p));
                if let [root, data] = ami[..] {
                    for &q in &params {
                        all.push(launch(
                            s(Operation::Launch),
                            &[(root, p), (data, q)],
                            vec![],
                        ));
                    }
                } else {
                    all.push(launch(s(Operation::Launch), &[(ami[0], p)], vec![]));
                }
            }
        }
        // Your own AMI, re-encrypted with the partner's key (named by its ARN).
        for root in [Src::Plain, Src::App] {
            let p = (Some(true), Some(PARTNER));
            all.push(launch(s(Operation::Launch), &[(root, p)], vec![]));
            all.push(copy(s(Operation::Copy), &[root], p));
        }
    }
    all
}

fn refused_and_failures() -> Vec<Scenario> {
    let troubles = [
        Trouble::None,
        Trouble::PartnerUnusable,
        Trouble::TeamDisabled,
        Trouble::DefaultUnusable,
    ];
    let keys = [TEAM, PARTNER, MISSING];
    let mut all = Vec::new();
    for trouble in troubles {
        for setting in SETTINGS {
            let s = |operation| base(operation, setting, trouble);
            // A refusal does not depend on the keys' trouble: ask it with healthy keys only.
            let params = if trouble == Trouble::None {
                with_refused(&keys)
            } else {
                accepted(&keys)
            };
            for root in [Src::Plain, Src::App, Src::Partner] {
                for &p in &params {
                    all.push(launch(s(Operation::Launch), &[(root, p)], vec![]));
                }
                if trouble != Trouble::None {
                    continue;
                }
                // A new volume without a size; a volume smaller than its snapshot.
                let new = mapping(NEW, (None, None));
                all.push(launch(
                    s(Operation::Launch),
                    &[(root, (None, None))],
                    vec![new],
                ));
                let mut small = mapping(ROOT, (None, None));
                small.volume_size = Some(DEFAULT_SNAPSHOT_SIZE / 2);
                all.push(launch(
                    s(Operation::Launch),
                    &[(root, (None, None))],
                    vec![small],
                ));
            }
            for root in [Src::Plain, Src::App, Src::Partner, Src::PartnerUnreadable] {
                for &p in &params {
                    all.push(copy(s(Operation::Copy), &[root], p));
                    let ami = [root, root.plain_companion()];
                    all.push(copy(s(Operation::Copy), &ami, p));
                }
            }
        }
    }
    all
}

fn regions_and_auto_scaling() -> Vec<Scenario> {
    let mut all = Vec::new();
    for setting in SETTINGS {
        // Your AMI in us-east-1 copied to eu-west-1, where `alias/team` and the default key live.
        for ami in amis(&[Src::Plain, Src::AppSource], &[Src::Plain, Src::AppSource]) {
            for p in accepted(&[TEAM, APP_SOURCE]) {
                let mut s = copy(base(Operation::Copy, setting, Trouble::None), &ami, p);
                into_destination(&mut s);
                all.push(s);
            }
        }
        // An Auto Scaling group launching your AMI; which keys its role may use.
        let params = [(None, None), (Some(true), None), (Some(true), Some(TEAM))];
        for ami in amis(&[Src::Plain, Src::App], &[Src::Plain, Src::App]) {
            let mut mappings: Vec<Vec<(Src, Params)>> = vec![vec![]];
            for &src in &ami {
                mappings = mappings
                    .into_iter()
                    .flat_map(|m| {
                        params.iter().map(move |&p| {
                            let mut m = m.clone();
                            m.push((src, p));
                            m
                        })
                    })
                    .collect();
            }
            for m in mappings {
                for granted in 0..8u8 {
                    let mut s = base(Operation::Launch, setting, Trouble::None);
                    s.caller = Caller::AutoScaling;
                    if let Some(keys) = s.account.keys.as_mut() {
                        keys[0].auto_scaling = granted & 1 != 0;
                        keys[1].auto_scaling = granted & 2 != 0;
                        keys[3].auto_scaling = granted & 4 != 0;
                    }
                    all.push(launch(s, &m, vec![]));
                }
            }
        }
    }
    all
}

/// Makes a copy cross-Region: the call in eu-west-1, the AMI and `alias/app` in us-east-1.
fn into_destination(s: &mut Scenario) {
    s.account.region = DESTINATION_REGION.into();
    s.copy.source_region = Some(SOURCE_REGION.into());
    if let Some(app) = s.account.keys.as_mut().and_then(|k| k.get_mut(0)) {
        app.region = Some(SOURCE_REGION.into());
    }
}

fn contested() -> Vec<Scenario> {
    let mut all = Vec::new();
    for setting in SETTINGS {
        for root in [Src::App, Src::AwsEbs, Src::Partner, Src::Plain] {
            for ami in [vec![root], vec![root, root.plain_companion()]] {
                if ami.len() == 2 && ami[0] == ami[1] {
                    continue;
                }
                for p in accepted(&[TEAM]) {
                    all.push(copy(base(Operation::Copy, setting, Trouble::None), &ami, p));
                }
            }
        }
        for ami in [vec![Src::AppSource], vec![Src::AppSource, Src::Plain]] {
            for p in [(None, None), (Some(true), None)] {
                let mut s = copy(base(Operation::Copy, setting, Trouble::None), &ami, p);
                into_destination(&mut s);
                all.push(s);
            }
        }
    }
    all
}
