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
    let region = |rng: &mut Rng| (rng.below(2) == 0).then(|| rng.pick(&REGIONS).to_owned());
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
                state: [
                    KeyState::Enabled,
                    KeyState::Disabled,
                    KeyState::PendingDeletion,
                ][rng.below(3)],
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

/// Changes, removes or inserts (from `alphabet`) between 1 and `most` bytes of `link`.
fn damage(rng: &mut Rng, link: &mut Vec<u8>, alphabet: &[u8], most: usize) {
    for _ in 0..1 + rng.below(most) {
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
}

#[test]
fn random_damage_never_panics() {
    let mut rng = Rng(42);
    let alphabet = b"0123456789abcdeflcnthsu~,*@%'-/:.AZ ";
    for _ in 0..20_000 {
        let mut link = encode(&random_scenario(&mut rng)).into_bytes();
        damage(&mut rng, &mut link, alphabet, 3);
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

// --- Issue 11: one spelling per scenario, and short messages --------------------------------------

/// A link of the current version that decodes is exactly the link its scenario encodes to.
fn assert_refused(link: &str, why: &str) {
    match decode(link) {
        Err(LinkError::Malformed(message)) => {
            assert!(message.len() < 300, "{link:?}: a long message: {message}")
        }
        other => panic!("{why}: {link:?} should be damaged, got {other:?}"),
    }
}

fn sample() -> (Scenario, String) {
    let scenario = launch()
        .snapshot("/dev/xvda", Src::EncryptedShared)
        .snapshot("/dev/sdb", Src::EncryptedOwn)
        .map("/dev/sdb", Some(true), Some(OTHER_ALIAS))
        .0;
    let link = encode(&scenario);
    (scenario, link)
}

#[test]
fn issue_11_the_version_has_one_spelling() {
    let (_, link) = sample();
    assert!(link.starts_with("2~"));
    for version in ["+2", "02", "0002", "2 ", " 2", "２"] {
        assert_refused(
            &link.replacen('2', version, 1),
            "a version with a sign, zeros or spaces",
        );
    }
    let v1 = include_str!("fixtures/v1-link.txt").trim_end();
    assert!(decode(v1).is_ok());
    assert_refused(&format!("0{v1}"), "version 01");
    assert_refused(&format!("+{v1}"), "version +1");
}

#[test]
fn issue_11_references_have_one_spelling() {
    let (scenario, link) = sample();
    assert!(link.contains("*@2*"), "{link}");
    assert_eq!(decode(&link), Ok(scenario));
    for reference in ["@+2", "@02", "@-2", "@ 2", "@2.0", "@"] {
        assert_refused(
            &link.replacen("*@2*", &format!("*{reference}*"), 1),
            "a reference with a sign or zeros",
        );
    }
    // A repeat written out in full instead of @2.
    assert_refused(
        &link.replacen("*@2*", "*alias/app*", 1),
        "a repeat written out",
    );
}

#[test]
fn issue_11_escapes_have_one_spelling() {
    let scenario = launch()
        .snapshot("/dev/xvda", Src::UnencryptedOwn)
        .map("/dev/sdf", Some(true), Some("a key"))
        .0;
    let link = encode(&scenario);
    assert!(link.contains("a%20key"), "{link}");
    assert_eq!(decode(&link), Ok(scenario));
    // `%+A` was read as `%0A`; lowercase hex, and escapes of characters that need none, were read.
    for escape in ["%+2", "%-2", "% 2", "%2g", "%g2", "%2a"] {
        assert_refused(
            &link.replacen("%20", &format!("{escape}0"), 1),
            "a sign or bad digit",
        );
    }
    assert_refused(
        &link.replacen("a%20key", "a%20k%65y", 1),
        "an escape of a letter",
    );
    assert_refused(
        &link.replacen("/dev/sdf", "%2Fdev/sdf", 1),
        "an escape of /",
    );
    assert_refused(&link.replacen("%20", "%2a", 1), "lowercase hex");
}

#[test]
fn issue_11_surrounding_whitespace_is_refused() {
    let (_, link) = sample();
    for wrapped in [
        format!(" {link}"),
        format!("{link} "),
        format!("{link}\n"),
        format!("\t{link}"),
        format!("\u{3000}{link}"),
        format!("{link}\u{a0}"),
        format!("{link}\u{2028}"),
    ] {
        assert_refused(&wrapped, "surrounding whitespace");
    }
    assert!(matches!(decode(" "), Err(LinkError::Malformed(_))));
}

#[test]
fn issue_11_a_percent_before_a_multibyte_character_is_damaged_not_cut_short() {
    let (_, link) = sample();
    for damaged in [
        link.replacen("alias", "%é", 1),
        link.replacen("alias", "%aé", 1),
        link.replacen("alias", "%€", 1),
        link.replacen("alias", "%\u{1F600}", 1),
    ] {
        assert_refused(&damaged, "a % before a multi-byte character");
    }
}

#[test]
fn issue_11_defaults_and_flags_have_one_spelling() {
    let mut scenario = sample().0;
    scenario.account.id = "111122223333".into();
    scenario.account.region = "eu-west-1".into();
    scenario.snapshots[0].size = 30;
    let keys = scenario.account.keys.as_mut().unwrap();
    keys[0].multi_region = true;
    keys[0].auto_scaling = true;
    keys[0].state = KeyState::Disabled;
    let link = encode(&scenario);
    assert_eq!(decode(&link), Ok(scenario));
    assert!(link.ends_with("~111122223333*eu-west-1*"), "{link}");
    assert_refused(
        &link.replace("111122223333*eu-west-1", "123456789012*eu-west-1"),
        "the default account written out",
    );
    assert_refused(
        &link.replace("111122223333*eu-west-1", "111122223333*us-east-1"),
        "the default Region written out",
    );
    assert_refused(
        &link.replacen("*30,", "*8,", 1),
        "the default size written out",
    );
    assert_refused(
        &link
            .replacen("*030,", "*8,", 1)
            .replacen("*30,", "*030,", 1),
        "a size with a zero",
    );
    assert_refused(&link.replacen("*30,", "*+30,", 1), "a size with a sign");
    assert!(link.contains("*mad"), "{link}");
    for flags in ["*amd", "*madd", "*mmad", "*madp"] {
        assert_refused(&link.replacen("*mad", flags, 1), "key flags out of order");
    }
}

/// Every damaged link that still decodes is the link of its scenario: no second spelling.
#[test]
fn issue_11_every_link_that_decodes_is_the_one_its_scenario_encodes_to() {
    let mut rng = Rng(11);
    let alphabet = b"0123456789abcdefACDEFlcnthsumpx~,*@%'-/:. +\n";
    let mut accepted = 0;
    for _ in 0..20_000 {
        let mut link = encode(&random_scenario(&mut rng)).into_bytes();
        damage(&mut rng, &mut link, alphabet, 2);
        let link = String::from_utf8_lossy(&link);
        if let Ok(scenario) = decode(&link) {
            accepted += 1;
            assert_eq!(encode(&scenario), link, "a second spelling");
        }
    }
    assert!(accepted > 100, "only {accepted} damaged links decoded");
}

#[test]
fn issue_11_messages_quote_long_values_cut() {
    let (_, link) = sample();
    let long = "x".repeat(6000);
    for damaged in [
        format!("{long}~l0"),
        link.replacen("l0", &format!("l0{long}"), 1),
        link.replacen("*es*", &format!("*es{long}*"), 1),
    ] {
        let message = decode(&damaged).unwrap_err().to_string();
        assert!(message.len() < 300, "{} bytes: {message}", message.len());
        assert!(
            message.contains('…') || !message.contains("xxxx"),
            "{message}"
        );
    }
}
