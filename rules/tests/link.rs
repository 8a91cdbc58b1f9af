//! The permalink codec: exact round trips, and a clear error (never a panic) for every bad link.

mod common;
use ami_encryption_rules::link::{decode, encode, LinkError, MAX_LEN};
use ami_encryption_rules::{
    Account, Caller, CopyParameters, Key, KeyOwner, KeySpec, KeyState, LaunchMapping, Operation,
    Scenario, Snapshot, SnapshotOwner,
};
use common::*;

/// A small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Texts that stress the escaping: separators, escapes, spaces, non-ASCII, empty.
const TEXTS: &[&str] = &[
    "alias/app",
    "alias/aws/ebs",
    "1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:us-east-1:111122223333:alias/partner",
    "",
    "@0",
    "a~b",
    "a,b*c",
    "100%",
    "'",
    "-",
    "not a key",
    "ключ",
    "金鑰/測試",
    "%41",
    "alias/a_b-c",
    "s",
    "a",
];

/// Regions, and texts where a Region goes that stress the escaping.
const REGIONS: [&str; 6] = ["us-east-1", "eu-west-1", "ap-southeast-4", "", "'", "a*b~c"];

fn random_scenario(rng: &mut Rng) -> Scenario {
    let opt = |rng: &mut Rng| {
        if rng.below(3) == 0 {
            None
        } else {
            Some(rng.pick(TEXTS).to_owned())
        }
    };
    let tri = |rng: &mut Rng| [None, Some(true), Some(false)][rng.below(3)];
    let region = |rng: &mut Rng| {
        (rng.below(2) == 0).then(|| rng.pick(&REGIONS).to_owned())
    };
    let size = |rng: &mut Rng| [0, 1, 8, 30, 16384, u32::MAX][rng.below(6)];
    let keys = (rng.below(4) > 0).then(|| {
        (0..rng.below(5))
            .map(|_| Key {
                id: rng.pick(TEXTS).to_owned(),
                alias: opt(rng),
                owner: [
                    KeyOwner::Me,
                    KeyOwner::AwsManaged,
                    KeyOwner::Account("444455556666".into()),
                ][rng.below(3)]
                .clone(),
                usable: rng.below(2) == 0,
                region: region(rng),
                multi_region: rng.below(2) == 0,
                state: [KeyState::Enabled, KeyState::Disabled, KeyState::PendingDeletion]
                    [rng.below(3)],
                spec: [KeySpec::Symmetric, KeySpec::Asymmetric][rng.below(2)],
                auto_scaling: rng.below(2) == 0,
            })
            .collect()
    });
    Scenario {
        format: ami_encryption_rules::FORMAT,
        operation: if rng.below(2) == 0 {
            Operation::Launch
        } else {
            Operation::Copy
        },
        caller: [Caller::You, Caller::AutoScaling][rng.below(2)],
        account: Account {
            id: rng
                .pick(&["123456789012", "444455556666", "", "'", "x~y"])
                .to_owned(),
            region: rng.pick(&REGIONS).to_owned(),
            encryption_by_default: rng.below(2) == 0,
            default_kms_key: rng.pick(TEXTS).to_owned(),
            keys,
        },
        snapshots: (0..rng.below(30))
            .map(|_| Snapshot {
                device: rng
                    .pick(&["/dev/xvda", "/dev/sdb", "", "x y", "/dev/sd~"])
                    .to_owned(),
                encrypted: rng.below(2) == 0,
                kms_key: opt(rng),
                owner: if rng.below(2) == 0 {
                    SnapshotOwner::Me
                } else {
                    SnapshotOwner::Shared
                },
                size: size(rng),
                readable: rng.below(2) == 0,
            })
            .collect(),
        launch: (0..rng.below(5))
            .map(|_| LaunchMapping {
                device: rng.pick(&["/dev/xvda", "/dev/sdf", ""]).to_owned(),
                encrypted: tri(rng),
                kms_key_id: opt(rng),
                no_device: rng.below(3) == 0,
                volume_size: (rng.below(2) == 0).then(|| size(rng)),
            })
            .collect(),
        copy: CopyParameters {
            encrypted: tri(rng),
            kms_key_id: opt(rng),
            source_region: region(rng),
        },
    }
}

#[test]
fn random_scenarios_round_trip_exactly() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..5_000 {
        let scenario = random_scenario(&mut rng);
        let link = encode(&scenario);
        assert!(
            link.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_:.-~,*@%'".contains(&b)),
            "URL-safe: {link}"
        );
        assert_eq!(decode(&link).as_ref(), Ok(&scenario), "{link}");
    }
}

#[test]
fn fixture_scenarios_round_trip() {
    let scenarios = [
        launch()
            .snapshot("/dev/xvda", Src::EncryptedShared)
            .snapshot("/dev/sdb", Src::EncryptedOwn)
            .map("/dev/sdb", Some(true), Some(OTHER_ALIAS))
            .0,
        copy()
            .by_default(true)
            .default_key(DEFAULT_ALIAS)
            .snapshot("/dev/xvda", Src::UnencryptedShared)
            .copy_with(Some(false), Some(""))
            .0,
        launch()
            .no_key_list()
            .snapshot("/dev/xvda", Src::UnencryptedOwn)
            .0,
        Scenario {
            account: Account {
                keys: Some(vec![]),
                ..Account::default()
            },
            ..Scenario::default()
        },
    ];
    for scenario in scenarios {
        assert_eq!(decode(&encode(&scenario)), Ok(scenario));
    }
}

/// Repeated ARNs are written once: a shared 26-snapshot AMI stays short.
#[test]
fn repeats_are_written_once() {
    let mut build = launch();
    let mut names = vec!["/dev/xvda".to_owned()];
    for c in b'b'..=b'z' {
        names.push(format!("/dev/sd{}", c as char));
    }
    for name in &names {
        build = build.snapshot(name, Src::EncryptedShared);
    }
    let link = encode(&build.0);
    assert_eq!(link.matches(PARTNER_KEY_ARN).count(), 1, "{link}");
    assert!(link.len() < 900, "{} characters: {link}", link.len());
}

#[test]
fn every_cut_of_a_link_is_an_error_or_a_scenario_never_a_panic() {
    let scenario = launch()
        .snapshot("/dev/xvda", Src::EncryptedShared)
        .map("/dev/xvda", Some(true), Some("not a key"))
        .0;
    let link = encode(&scenario);
    for end in 0..link.len() {
        if let Ok(other) = decode(&link[..end]) {
            assert_ne!(other, scenario);
        }
    }
}

#[test]
fn random_damage_never_panics() {
    let mut rng = Rng(42);
    let alphabet = b"0123456789abcdeflcnthsu~,*@%'-/:.AZ ";
    for _ in 0..20_000 {
        let mut link = encode(&random_scenario(&mut rng)).into_bytes();
        for _ in 0..1 + rng.below(3) {
            if link.is_empty() {
                break;
            }
            let at = rng.below(link.len());
            match rng.below(3) {
                0 => link[at] = alphabet[rng.below(alphabet.len())],
                1 => {
                    link.remove(at);
                }
                _ => link.insert(at, alphabet[rng.below(alphabet.len())]),
            }
        }
        let _ = decode(&String::from_utf8_lossy(&link));
    }
}

#[test]
fn each_kind_of_bad_link_says_what_is_wrong() {
    let good = encode(&launch().snapshot("/dev/xvda", Src::UnencryptedOwn).0);
    assert_eq!(decode(""), Err(LinkError::Empty));
    assert_eq!(
        decode(&"1".repeat(MAX_LEN + 1)),
        Err(LinkError::TooLong { len: MAX_LEN + 1 })
    );
    assert_eq!(
        decode(&good.replacen('2', "3", 1)),
        Err(LinkError::FutureVersion(3))
    );
    assert_eq!(
        decode(good[..good.len() / 2].rsplit_once('~').unwrap().0),
        Err(LinkError::Truncated)
    );
    assert!(matches!(decode("hello"), Err(LinkError::Malformed(_))));
    assert!(
        matches!(decode(&good.replacen("l0", "x0", 1)), Err(LinkError::Malformed(m)) if m.contains("operation"))
    );
    assert!(matches!(
        decode(&format!("{good}~extra")),
        Err(LinkError::Malformed(_))
    ));
    let many = format!(
        "1~l0~alias/aws/ebs~-~{}~~n*",
        vec!["/dev/xvda*us*"; 200].join(",")
    );
    assert_eq!(
        decode(&many),
        Err(LinkError::TooMany {
            what: "snapshots",
            count: 200
        })
    );
    for err in [
        LinkError::Empty,
        LinkError::Truncated,
        LinkError::FutureVersion(9),
    ] {
        assert!(!err.to_string().is_empty());
    }
}
