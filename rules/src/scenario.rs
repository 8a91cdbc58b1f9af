//! The scenario a user builds: their account, an AMI's snapshots, and the call they make.
//!
//! This is also the scenario file format (JSON) that links, files and imports share. Fields may be
//! added, never renamed.
//!
//! A file writes every scenario, account, key, snapshot, mapping and copy as a JSON object (serde
//! alone would also take an object written as an array of its field values), and holds at most
//! [`MAX_ITEMS`] keys, snapshots and launch mappings.

use serde::{Deserialize, Serialize};

use crate::key::KeyOwner;

/// The identifier of the AWS managed key that EBS creates in every Region.
pub const AWS_MANAGED_EBS_KEY: &str = "alias/aws/ebs";
/// Your account ID when a scenario does not give one (AWS's documentation example ID; never the
/// other-account ID the page's examples use, `111122223333`).
pub const DEFAULT_ACCOUNT_ID: &str = "123456789012";
/// The Region of the call when a scenario does not give one.
pub const DEFAULT_REGION: &str = "us-east-1";
/// The size of a snapshot, in GiB, when a scenario does not give one.
pub const DEFAULT_SNAPSHOT_SIZE: u32 = 8;
/// The most keys, snapshots or launch mappings a scenario file or link holds (the most scenarios,
/// too, in a file of several). More are refused, with a message that says so: an AMI has far
/// fewer devices, and a page that lists more keys is no longer readable.
pub const MAX_ITEMS: usize = 128;

/// Which API call the scenario makes with the AMI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    /// `RunInstances`: restore a volume from every snapshot, per-device parameters.
    #[default]
    Launch,
    /// `CopyImage`: copy every snapshot, one image-level parameter set.
    Copy,
}

/// Who owns an AMI snapshot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SnapshotOwner {
    /// Your own account owns the AMI and its snapshots.
    #[default]
    #[serde(rename = "self")]
    Me,
    /// Another account owns the AMI and shared it with you.
    Shared,
}

/// Who makes the call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Caller {
    /// You (your user or role) call RunInstances or CopyImage.
    #[default]
    You,
    /// Amazon EC2 Auto Scaling launches the instance with its service-linked role
    /// (`AWSServiceRoleForAutoScaling`), for an Auto Scaling group. Launch only.
    AutoScaling,
}

/// Whether a KMS key can be used for cryptography.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyState {
    #[default]
    Enabled,
    Disabled,
    PendingDeletion,
}

/// The kind of key material. EBS uses symmetric keys only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeySpec {
    #[default]
    Symmetric,
    Asymmetric,
}

/// A KMS key the account knows about: its own, the AWS managed one, or one another account shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// The key ID (normally `1234abcd-12ab-34cd-56ef-1234567890ab`; `mrk-…` for a multi-Region key).
    pub id: String,
    /// The alias name, `alias/…`, if the key has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Which account owns the key.
    pub owner: KeyOwner,
    /// Whether the key policy and grants let you use the key.
    #[serde(default = "yes")]
    pub usable: bool,
    /// The Region the key lives in; `None` is the Region of the call (`account.region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// A multi-Region key (its key ID starts with `mrk-`); each Region's replica is its own entry.
    #[serde(default, skip_serializing_if = "is_false")]
    pub multi_region: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub state: KeyState,
    #[serde(default, skip_serializing_if = "is_default")]
    pub spec: KeySpec,
    /// Whether the key policy (and, for another account's key, a grant) lets the Amazon EC2 Auto
    /// Scaling service-linked role use the key. AWS managed keys are usable by it regardless.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_scaling: bool,
}

/// What a key written with only an ID means in a scenario file: usable by you, enabled,
/// symmetric, in the Region of the call. (A derived `Default` would make it unusable, unlike the
/// file format; presets built with `..Key::default()` got unusable keys without saying so.)
impl Default for Key {
    fn default() -> Self {
        Key {
            id: String::new(),
            alias: None,
            owner: KeyOwner::default(),
            usable: true,
            region: None,
            multi_region: false,
            state: KeyState::default(),
            spec: KeySpec::default(),
            auto_scaling: false,
        }
    }
}

impl Key {
    /// The Region the key lives in, given the Region of the call.
    pub fn region_or<'a>(&'a self, call_region: &'a str) -> &'a str {
        self.region.as_deref().unwrap_or(call_region)
    }
}

fn yes() -> bool {
    true
}

fn is_false(value: &bool) -> bool {
    !value
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The caller's account in the Region of the call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Your 12-digit account ID.
    #[serde(default = "default_account_id")]
    pub id: String,
    /// The Region the call is made in: the launch Region, or a copy's destination Region.
    #[serde(default = "default_region")]
    pub region: String,
    /// The Region-level setting "EBS encryption by default".
    pub encryption_by_default: bool,
    /// The default KMS key for EBS encryption. It applies whether or not encryption by default is on.
    #[serde(default = "default_kms_key")]
    pub default_kms_key: String,
    /// The keys the account knows. `None` (omitted) means: take every identifier as a usable key.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "shape::optional_list"
    )]
    pub keys: Option<Vec<Key>>,
}

fn default_kms_key() -> String {
    AWS_MANAGED_EBS_KEY.to_owned()
}

fn default_account_id() -> String {
    DEFAULT_ACCOUNT_ID.to_owned()
}

fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

fn default_snapshot_size() -> u32 {
    DEFAULT_SNAPSHOT_SIZE
}

fn is_default_snapshot_size(size: &u32) -> bool {
    *size == DEFAULT_SNAPSHOT_SIZE
}

impl Default for Account {
    fn default() -> Self {
        Account {
            id: default_account_id(),
            region: default_region(),
            encryption_by_default: false,
            default_kms_key: default_kms_key(),
            keys: None,
        }
    }
}

/// One EBS snapshot behind the AMI, with the device it is mapped to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub device: String,
    pub encrypted: bool,
    /// The key that encrypts the snapshot; only for encrypted snapshots. It lives in the AMI's
    /// Region (a copy's source Region).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<String>,
    #[serde(default)]
    pub owner: SnapshotOwner,
    /// The snapshot's size in GiB.
    #[serde(
        default = "default_snapshot_size",
        skip_serializing_if = "is_default_snapshot_size"
    )]
    pub size: u32,
    /// Whether you may read (create volumes from) the snapshot. Copying a shared AMI needs it;
    /// launching does not. Your own snapshots are always readable.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub readable: bool,
}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot {
            device: String::new(),
            encrypted: false,
            kms_key: None,
            owner: SnapshotOwner::Me,
            size: DEFAULT_SNAPSHOT_SIZE,
            readable: true,
        }
    }
}

/// The encryption parameters of one `RunInstances` block-device mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaunchMapping {
    /// The device; one that is not in the AMI is a new empty volume.
    pub device: String,
    /// `None` is "not set", which is not the same as `Some(false)`.
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// `NoDevice`: leave the AMI's device out of the instance (no volume).
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_device: bool,
    /// `VolumeSize` in GiB: at least the snapshot's size; required for a new empty volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_size: Option<u32>,
}

/// The image-level encryption parameters of `CopyImage`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyParameters {
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// `SourceRegion`: where the AMI is; `None` is the destination (`account.region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_region: Option<String>,
}

/// The version of the scenario format this code writes. Version 2 added accounts, Regions, key
/// states, sizes, `NoDevice` and the caller.
pub const FORMAT: u32 = 2;

/// Everything the rules need to answer "what happens to encryption?".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The format version. Files written before version 2 have none and are read as version 1;
    /// [`Scenario::upgrade`] brings them to [`FORMAT`].
    #[serde(default = "format_1")]
    pub format: u32,
    pub operation: Operation,
    /// Who makes the call (launch only): you, or Amazon EC2 Auto Scaling.
    #[serde(default, skip_serializing_if = "is_default")]
    pub caller: Caller,
    #[serde(default, deserialize_with = "shape::object")]
    pub account: Account,
    #[serde(deserialize_with = "shape::list")]
    pub snapshots: Vec<Snapshot>,
    /// `RunInstances` block-device mappings (used when `operation` is launch).
    #[serde(default, deserialize_with = "shape::list")]
    pub launch: Vec<LaunchMapping>,
    /// `CopyImage` parameters (used when `operation` is copy).
    #[serde(default, deserialize_with = "shape::object")]
    pub copy: CopyParameters,
}

fn format_1() -> u32 {
    1
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            format: FORMAT,
            operation: Operation::default(),
            caller: Caller::default(),
            account: Account::default(),
            snapshots: Vec::new(),
            launch: Vec::new(),
            copy: CopyParameters::default(),
        }
    }
}

impl Scenario {
    /// Brings a scenario of an older format to [`FORMAT`], keeping what it meant. Version 1 could
    /// not give a new empty volume a size, and every volume it described was a valid one, so its
    /// new volumes get 8 GiB (EC2 refuses a new volume without `VolumeSize`).
    pub fn upgrade(&mut self) {
        if self.format < 2 {
            let snapshots: std::collections::HashSet<&str> =
                self.snapshots.iter().map(|s| s.device.as_str()).collect();
            for mapping in &mut self.launch {
                let is_new = !snapshots.contains(mapping.device.as_str());
                if is_new && !mapping.no_device && mapping.volume_size.is_none() {
                    mapping.volume_size = Some(DEFAULT_SNAPSHOT_SIZE);
                }
            }
        }
        self.format = self.format.max(FORMAT);
    }

    /// The launch parameters for `device`, if the request names it.
    pub fn launch_mapping(&self, device: &str) -> Option<&LaunchMapping> {
        self.launch.iter().find(|m| m.device == device)
    }

    /// The Region the AMI and its snapshots are in: a copy's source Region, else the call's.
    pub fn ami_region(&self) -> &str {
        match self.operation {
            Operation::Copy => self
                .copy
                .source_region
                .as_deref()
                .unwrap_or(&self.account.region),
            Operation::Launch => &self.account.region,
        }
    }

    /// Whether this is a copy from another Region.
    pub fn is_cross_region(&self) -> bool {
        self.ami_region() != self.account.region
    }

    /// Who makes the call; only a launch can be made by Auto Scaling.
    pub fn effective_caller(&self) -> Caller {
        match self.operation {
            Operation::Launch => self.caller,
            Operation::Copy => Caller::You,
        }
    }
}

/// How the file format reads lists and objects: objects only, lists of at most [`MAX_ITEMS`].
pub(crate) mod shape {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::value::MapAccessDeserializer;
    use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

    use super::{Key, LaunchMapping, Scenario, Snapshot, MAX_ITEMS};

    /// A `T` written as a JSON object, and only so.
    pub struct Object<T>(pub T);

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ObjectVisitor<T>(PhantomData<T>);
            impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
                type Value = T;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an object {…}")
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                    T::deserialize(MapAccessDeserializer::new(map))
                }
            }
            deserializer
                .deserialize_map(ObjectVisitor(PhantomData))
                .map(Object)
        }
    }

    /// What a list of these is called in a message.
    pub trait Named {
        const PLURAL: &'static str;
    }

    impl Named for Key {
        const PLURAL: &'static str = "keys";
    }

    impl Named for Snapshot {
        const PLURAL: &'static str = "snapshots";
    }

    impl Named for LaunchMapping {
        const PLURAL: &'static str = "launch mappings";
    }

    impl Named for Scenario {
        const PLURAL: &'static str = "scenarios";
    }

    /// At most [`MAX_ITEMS`] objects; the one past the limit is refused where it starts.
    pub struct List<T>(pub Vec<T>);

    impl<'de, T: Deserialize<'de> + Named> Deserialize<'de> for List<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ListVisitor<T>(PhantomData<T>);
            impl<'de, T: Deserialize<'de> + Named> Visitor<'de> for ListVisitor<T> {
                type Value = Vec<T>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    write!(f, "a list [...] of {}", T::PLURAL)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                    let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_ITEMS));
                    while let Some(Object(item)) = seq.next_element::<Object<T>>()? {
                        if all.len() == MAX_ITEMS {
                            return Err(de::Error::custom(format_args!(
                                "more than {MAX_ITEMS} {}; at most {MAX_ITEMS} are read",
                                T::PLURAL
                            )));
                        }
                        all.push(item);
                    }
                    Ok(all)
                }
            }
            deserializer
                .deserialize_seq(ListVisitor(PhantomData))
                .map(List)
        }
    }

    pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
        Object::deserialize(d).map(|Object(value)| value)
    }

    pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Named,
    {
        List::deserialize(d).map(|List(all)| all)
    }

    pub fn optional_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Named,
    {
        Option::<List<T>>::deserialize(d).map(|list| list.map(|List(all)| all))
    }
}
