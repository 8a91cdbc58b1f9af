//! Named fixtures: an account with a few keys, and a builder for the AMI and the call.
#![allow(dead_code)]

use ami_encryption_rules::{
    resolve, Account, CopyParameters, Key, KeyOwner, LaunchMapping, Operation, Outcome, Scenario,
    Snapshot, SnapshotOwner, Volume,
};

/// Your customer managed key that encrypts your own snapshots.
pub const APP_KEY: &str = "1234abcd-12ab-34cd-56ef-1234567890ab";
pub const APP_ALIAS: &str = "alias/app";
/// Another key of yours, the one requests name as `KmsKeyId`.
pub const OTHER_KEY: &str = "0987dcba-09fe-87dc-65ba-ab0987654321";
pub const OTHER_ALIAS: &str = "alias/other";
/// Your customer managed key set as the default key for EBS encryption.
pub const DEFAULT_CMK: &str = "11111111-2222-3333-4444-555555555555";
pub const DEFAULT_ALIAS: &str = "alias/ebs-default";
/// The AMI owner's key, shared with you; it encrypts the snapshots of the shared AMI.
pub const PARTNER_ACCOUNT: &str = "444455556666";
pub const PARTNER_KEY: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
pub const PARTNER_KEY_ARN: &str =
    "arn:aws:kms:us-east-1:444455556666:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
/// A key of yours that is disabled (or that your policy does not let you use).
pub const LOCKED_KEY: &str = "99999999-8888-7777-6666-555555555555";
pub const LOCKED_ALIAS: &str = "alias/locked";

pub fn key(id: &str, alias: Option<&str>, owner: KeyOwner, usable: bool) -> Key {
    Key {
        id: id.into(),
        alias: alias.map(Into::into),
        owner,
        usable,
        ..Key::default()
    }
}

/// The keys every fixture account knows.
pub fn known_keys() -> Vec<Key> {
    vec![
        key(APP_KEY, Some(APP_ALIAS), KeyOwner::Me, true),
        key(OTHER_KEY, Some(OTHER_ALIAS), KeyOwner::Me, true),
        key(DEFAULT_CMK, Some(DEFAULT_ALIAS), KeyOwner::Me, true),
        key(
            PARTNER_KEY,
            Some("alias/partner"),
            KeyOwner::Account(PARTNER_ACCOUNT.into()),
            true,
        ),
        key(LOCKED_KEY, Some(LOCKED_ALIAS), KeyOwner::Me, false),
    ]
}

/// What an AMI snapshot is, in the words of the decision tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    UnencryptedOwn,
    UnencryptedShared,
    /// Encrypted with your `alias/app`.
    EncryptedOwn,
    /// Encrypted with the partner's shared key.
    EncryptedShared,
}

impl Src {
    pub const ALL: [Src; 4] = [
        Src::UnencryptedOwn,
        Src::UnencryptedShared,
        Src::EncryptedOwn,
        Src::EncryptedShared,
    ];

    pub fn snapshot(self, device: &str) -> Snapshot {
        let (encrypted, kms_key, owner) = match self {
            Src::UnencryptedOwn => (false, None, SnapshotOwner::Me),
            Src::UnencryptedShared => (false, None, SnapshotOwner::Shared),
            Src::EncryptedOwn => (true, Some(APP_ALIAS.to_owned()), SnapshotOwner::Me),
            Src::EncryptedShared => (
                true,
                Some(PARTNER_KEY_ARN.to_owned()),
                SnapshotOwner::Shared,
            ),
        };
        Snapshot {
            device: device.into(),
            encrypted,
            kms_key,
            owner,
            ..Snapshot::default()
        }
    }
}

/// The encryption parameters of a call, in the words of the decision tables' columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Params {
    None,
    EncryptedFalse,
    EncryptedTrue,
    EncryptedTrueWithKey,
    KeyOnly,
    EncryptedFalseWithKey,
}

impl Params {
    pub const ALL: [Params; 6] = [
        Params::None,
        Params::EncryptedFalse,
        Params::EncryptedTrue,
        Params::EncryptedTrueWithKey,
        Params::KeyOnly,
        Params::EncryptedFalseWithKey,
    ];

    /// `(Encrypted, KmsKeyId)`, with `alias/other` as X.
    pub fn values(self) -> (Option<bool>, Option<String>) {
        let x = || Some(OTHER_ALIAS.to_owned());
        match self {
            Params::None => (None, None),
            Params::EncryptedFalse => (Some(false), None),
            Params::EncryptedTrue => (Some(true), None),
            Params::EncryptedTrueWithKey => (Some(true), x()),
            Params::KeyOnly => (None, x()),
            Params::EncryptedFalseWithKey => (Some(false), x()),
        }
    }
}

/// Builds a scenario step by step, starting from an account with [`known_keys`], the AWS managed
/// default key and encryption by default off.
#[derive(Clone, Debug)]
pub struct Build(pub Scenario);

pub fn launch() -> Build {
    Build(Scenario {
        operation: Operation::Launch,
        account: Account {
            keys: Some(known_keys()),
            ..Account::default()
        },
        ..Scenario::default()
    })
}

pub fn copy() -> Build {
    let mut build = launch();
    build.0.operation = Operation::Copy;
    build
}

impl Build {
    pub fn by_default(mut self, on: bool) -> Self {
        self.0.account.encryption_by_default = on;
        self
    }
    pub fn default_key(mut self, identifier: &str) -> Self {
        self.0.account.default_kms_key = identifier.into();
        self
    }
    pub fn no_key_list(mut self) -> Self {
        self.0.account.keys = None;
        self
    }
    pub fn with_key(mut self, key: Key) -> Self {
        self.0.account.keys.get_or_insert_with(Vec::new).push(key);
        self
    }
    pub fn snapshot(mut self, device: &str, src: Src) -> Self {
        self.0.snapshots.push(src.snapshot(device));
        self
    }
    pub fn raw_snapshot(mut self, snapshot: Snapshot) -> Self {
        self.0.snapshots.push(snapshot);
        self
    }
    /// A RunInstances mapping for `device`. A device that no snapshot added so far has is a new
    /// empty volume, and gets the 8 GiB `VolumeSize` that EC2 requires of it.
    pub fn map(mut self, device: &str, encrypted: Option<bool>, kms_key_id: Option<&str>) -> Self {
        let new = !self.0.snapshots.iter().any(|s| s.device == device);
        self.0.launch.push(LaunchMapping {
            device: device.into(),
            encrypted,
            kms_key_id: kms_key_id.map(Into::into),
            volume_size: new.then_some(8),
            ..LaunchMapping::default()
        });
        self
    }
    /// Changes the last mapping.
    pub fn mapping_with(mut self, change: impl FnOnce(&mut LaunchMapping)) -> Self {
        if let Some(last) = self.0.launch.last_mut() {
            change(last);
        }
        self
    }
    /// Changes the whole scenario.
    pub fn with(mut self, change: impl FnOnce(&mut Scenario)) -> Self {
        change(&mut self.0);
        self
    }
    pub fn map_params(self, device: &str, params: Params) -> Self {
        let (encrypted, key) = params.values();
        self.map(device, encrypted, key.as_deref())
    }
    /// The image-level CopyImage parameters.
    pub fn copy_with(mut self, encrypted: Option<bool>, kms_key_id: Option<&str>) -> Self {
        self.0.copy = CopyParameters {
            encrypted,
            kms_key_id: kms_key_id.map(Into::into),
            ..CopyParameters::default()
        };
        self
    }
    pub fn copy_params(self, params: Params) -> Self {
        let (encrypted, key) = params.values();
        self.copy_with(encrypted, key.as_deref())
    }
    pub fn resolve(&self) -> Outcome {
        resolve(&self.0)
    }
    /// The one result for `device`, when the call is accepted.
    pub fn volume(&self, device: &str) -> Volume {
        let outcome = self.resolve();
        assert!(outcome.error.is_none(), "refused: {:?}", outcome.error);
        outcome
            .volume(device)
            .unwrap_or_else(|| panic!("no result for {device}: {outcome:?}"))
            .clone()
    }
}

/// Runs the `resolve` example (built next to the test binaries, in target/<profile>/examples)
/// with `stdin` as its standard input.
pub fn run_resolve_example(stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let exe = std::env::current_exe().unwrap();
    let example = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join("resolve");
    let mut child = Command::new(&example)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", example.display()));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
