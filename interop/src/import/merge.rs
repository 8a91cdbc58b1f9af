//! Putting what the outputs say into the scenario: devices and owner from the image, keys from
//! the snapshots and KMS, settings from EBS, your account from STS.

use ami_encryption_rules::key::{self, is_account_id, is_region, Identifier, IdentifierForm};
use ami_encryption_rules::{
    Key, KeyOwner, KeySpec, KeyState, Operation, Scenario, Snapshot, SnapshotOwner,
    DEFAULT_ACCOUNT_ID, DEFAULT_SNAPSHOT_SIZE, MAX_ITEMS,
};
use serde::de::DeserializeOwned;

use super::aliases::{Alias, ListAliases};
use super::identity::CallerIdentity;
use super::images::{DescribeImages, Image};
use super::keys::{DescribeKey, KeyMetadata};
use super::note::{Note, Ownership, RegionOf};
use super::settings::{DefaultKmsKeyId, EncryptionByDefault};
use super::snapshots::{self, DescribeSnapshots};
use super::{Import, ImportError, Output, Problem, Recognised};

/// Everything the outputs said, typed.
#[derive(Default)]
struct Said {
    images: Vec<Image>,
    image_outputs: usize,
    snapshots: Vec<snapshots::Snapshot>,
    by_default: Option<bool>,
    default_key: Option<String>,
    aliases: Vec<Alias>,
    keys: Vec<KeyMetadata>,
    caller: Option<String>,
}

fn typed<T: DeserializeOwned>(output: &Output) -> Result<T, ImportError> {
    serde_json::from_value(output.value.clone()).map_err(|err| {
        let message = ami_encryption_rules::cut::quotes_in(&err.to_string()).into_owned();
        ImportError::new(
            Some(output.at),
            Problem::WrongField {
                shape: output.shape,
                message,
            },
        )
    })
}

fn too_many(what: &'static str, count: usize) -> Result<(), ImportError> {
    if count > MAX_ITEMS {
        return Err(ImportError::new(None, Problem::TooMany { what, count }));
    }
    Ok(())
}

fn gather(outputs: &[Output], notes: &mut Vec<Note>) -> Result<Said, ImportError> {
    let mut said = Said::default();
    for output in outputs {
        if output.shape != Recognised::Bundle {
            notes.push(Note::Read {
                at: output.at,
                shape: output.shape,
            });
        }
        match output.shape {
            Recognised::DescribeImages => {
                said.image_outputs += 1;
                let images: DescribeImages = typed(output)?;
                said.images.extend(images.images.unwrap_or_default());
            }
            Recognised::DescribeSnapshots => {
                let found: DescribeSnapshots = typed(output)?;
                said.snapshots.extend(found.snapshots.unwrap_or_default());
                too_many("snapshots", said.snapshots.len())?;
            }
            Recognised::GetEbsEncryptionByDefault => {
                let setting: EncryptionByDefault = typed(output)?;
                said.by_default = Some(setting.ebs_encryption_by_default);
            }
            Recognised::GetEbsDefaultKmsKeyId => {
                let setting: DefaultKmsKeyId = typed(output)?;
                said.default_key = Some(setting.kms_key_id);
            }
            Recognised::ListAliases => {
                let found: ListAliases = typed(output)?;
                said.aliases.extend(found.aliases.unwrap_or_default());
            }
            Recognised::DescribeKey => {
                let found: DescribeKey = typed(output)?;
                said.keys.push(found.key_metadata);
                too_many("keys", said.keys.len())?;
            }
            Recognised::GetCallerIdentity => {
                let identity: CallerIdentity = typed(output)?;
                if !is_account_id(&identity.account) {
                    return Err(ImportError::new(
                        Some(output.at),
                        Problem::WrongField {
                            shape: output.shape,
                            message: "an `Account` that is no 12-digit account ID".to_owned(),
                        },
                    ));
                }
                said.caller = Some(identity.account);
            }
            Recognised::Bundle => {}
        }
    }
    Ok(said)
}

/// The one image of the paste, if any: several distinct images, or an empty result, are refused.
fn the_image(said: &Said) -> Result<Option<&Image>, ImportError> {
    let mut ids: Vec<&str> = said
        .images
        .iter()
        .map(|i| i.image_id.as_deref().unwrap_or(""))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    match ids.len() {
        0 if said.image_outputs > 0 => Err(ImportError::new(None, Problem::NoImage)),
        0 => Ok(None),
        1 => Ok(said.images.first()),
        _ => Err(ImportError::new(
            None,
            Problem::SeveralImages {
                images: ids.iter().map(|s| s.to_string()).collect(),
            },
        )),
    }
}

/// A key the import knows of: where it lives, and what the outputs said about it.
struct Found {
    account: String,
    region: String,
    id: String,
    alias: Option<String>,
    described: Option<usize>,
}

impl Found {
    fn arn(&self) -> String {
        format!(
            "arn:aws:kms:{}:{}:key/{}",
            self.region, self.account, self.id
        )
    }
}

/// The keys that outputs name, and how to find them by alias.
struct Keys<'a> {
    said: &'a Said,
    found: Vec<Found>,
}

impl<'a> Keys<'a> {
    /// The key ID an alias points to, from `list-aliases`.
    fn target(&self, account: &str, region: &str, alias: &str) -> Option<&'a str> {
        self.said.aliases.iter().find_map(|a| {
            let arn = Identifier::parse(a.alias_arn.as_deref()?)?;
            let same = arn.form == IdentifierForm::AliasArn
                && arn.account == Some(account)
                && arn.region == Some(region)
                && arn.name == alias
                && a.alias_name.as_deref().is_none_or(|n| n == alias);
            same.then_some(a.target_key_id.as_deref()).flatten()
        })
    }

    /// Adds (or finds) the key an identifier names; `me` and `region` place a bare key ID or alias.
    /// Returns its position, or `None` for an alias whose key is unknown.
    fn add(&mut self, identifier: &str, me: &str, region: &str) -> Option<usize> {
        let parsed = Identifier::parse(identifier)?;
        let account = parsed.account.unwrap_or(me);
        let region = parsed.region.unwrap_or(region);
        let (id, alias) = match parsed.form {
            IdentifierForm::KeyId | IdentifierForm::KeyArn => (parsed.name, None),
            IdentifierForm::AliasName | IdentifierForm::AliasArn => (
                self.target(account, region, parsed.name)?,
                Some(parsed.name),
            ),
        };
        if !key::is_key_id(id) {
            return None;
        }
        let at = self
            .found
            .iter()
            .position(|f| f.account == account && f.region == region && f.id == id);
        let at = at.unwrap_or_else(|| {
            self.found.push(Found {
                account: account.to_owned(),
                region: region.to_owned(),
                id: id.to_owned(),
                alias: None,
                described: None,
            });
            self.found.len() - 1
        });
        if let (Some(alias), Some(found)) = (alias, self.found.get_mut(at)) {
            found.alias.get_or_insert_with(|| alias.to_owned());
        }
        Some(at)
    }
}

/// Where the account and the AMI are, and whose the AMI is.
struct Placed {
    me: String,
    call_region: String,
    ami_region: String,
    shared: bool,
}

fn place(
    said: &Said,
    image: Option<&Image>,
    bundle_region: Option<&str>,
    into: &Scenario,
    notes: &mut Vec<Note>,
) -> Placed {
    // The snapshots of an AMI belong to its owner: their `OwnerId` stands in for a missing one.
    let owner = image
        .and_then(|i| i.owner_id.clone())
        .or_else(|| said.snapshots.iter().find_map(|s| s.owner_id.clone()))
        .unwrap_or_default();
    let (me, shared, ownership) = if image.is_some_and(|i| i.image_owner_alias.is_some()) {
        let me = said
            .caller
            .clone()
            .unwrap_or_else(|| into.account.id.clone());
        (me, true, Ownership::OwnerAlias)
    } else if let Some(caller) = &said.caller {
        (caller.clone(), owner != *caller, Ownership::CallerIdentity)
    } else if into.account.id != DEFAULT_ACCOUNT_ID || !is_account_id(&owner) {
        let me = into.account.id.clone();
        (me.clone(), owner != me, Ownership::ScenarioAccount)
    } else {
        (owner.clone(), false, Ownership::AssumedYours)
    };
    if let Some(image) = image {
        notes.push(Note::Image {
            image_id: image.image_id.clone().unwrap_or_default(),
            owner_id: owner,
            shared,
            ownership,
        });
    }
    if me != into.account.id {
        notes.push(Note::Account {
            account: me.clone(),
        });
    }
    let region_of = |text: Option<&str>| {
        Identifier::parse(text?)
            .and_then(|i| i.region)
            .map(str::to_owned)
    };
    let from_snapshots = said
        .snapshots
        .iter()
        .find_map(|s| region_of(s.kms_key_id.as_deref()));
    let from_default = region_of(said.default_key.as_deref());
    let bundle = bundle_region.filter(|r| is_region(r)).map(str::to_owned);
    let (call_region, ami_region) = match into.operation {
        Operation::Launch => {
            let region = bundle
                .or(from_snapshots)
                .or(from_default)
                .unwrap_or_else(|| into.account.region.clone());
            (region.clone(), region)
        }
        // CopyImage is called in the destination, where the EBS settings are read; the AMI and
        // its snapshots are described in the source Region.
        Operation::Copy => (
            from_default.unwrap_or_else(|| into.account.region.clone()),
            from_snapshots
                .or(bundle)
                .unwrap_or_else(|| into.ami_region().to_owned()),
        ),
    };
    if call_region != into.account.region {
        notes.push(Note::Region {
            region: call_region.clone(),
            of: RegionOf::Call,
        });
    }
    if into.operation == Operation::Copy && ami_region != into.ami_region() {
        notes.push(Note::Region {
            region: ami_region.clone(),
            of: RegionOf::Ami,
        });
    }
    Placed {
        me,
        call_region,
        ami_region,
        shared,
    }
}

/// Merges every output into a copy of `into`.
pub(crate) fn merge(
    outputs: &[Output],
    bundle_region: Option<&str>,
    into: &Scenario,
) -> Result<Import, ImportError> {
    let mut notes = Vec::new();
    let said = gather(outputs, &mut notes)?;
    let image = the_image(&said)?;
    if let Some(image) = image {
        let kind = image.root_device_type.as_deref().unwrap_or("ebs");
        if kind != "ebs" {
            return Err(ImportError::new(
                None,
                Problem::NotEbsBacked {
                    image_id: image.image_id.clone().unwrap_or_default(),
                    root_device_type: kind.to_owned(),
                },
            ));
        }
        too_many(
            "devices",
            image.block_device_mappings.as_ref().map_or(0, Vec::len),
        )?;
    }
    let placed = place(&said, image, bundle_region, into, &mut notes);
    let mut scenario = into.clone();
    scenario.upgrade();
    scenario.account.id = placed.me.clone();
    scenario.account.region = placed.call_region.clone();
    if scenario.operation == Operation::Copy
        && (into.ami_region() != placed.ami_region || into.account.region != placed.call_region)
    {
        scenario.copy.source_region =
            (placed.ami_region != placed.call_region).then(|| placed.ami_region.clone());
    }
    if let Some(on) = said.by_default {
        scenario.account.encryption_by_default = on;
    }
    if let Some(default) = &said.default_key {
        scenario.account.default_kms_key = default.clone();
    }

    let mut keys = Keys {
        said: &said,
        found: Vec::new(),
    };
    for (i, metadata) in said.keys.iter().enumerate() {
        // Without its ARN, a key is placed by its account ID in the call's Region.
        let account = metadata.aws_account_id.as_deref().unwrap_or(&placed.me);
        let named = metadata.arn.as_deref().or(metadata.key_id.as_deref());
        if let Some(at) = named.and_then(|n| keys.add(n, account, &placed.call_region)) {
            if let Some(found) = keys.found.get_mut(at) {
                found.described = Some(i);
            }
        }
    }
    if let Some(default) = &said.default_key {
        keys.add(default, &placed.me, &placed.call_region);
    }
    // The image's snapshots, each with the position of its key among the found keys.
    let mut taken: Vec<(Snapshot, Option<usize>, Option<String>)> = Vec::new();
    let mut used = vec![false; said.snapshots.len()];
    if let Some(image) = image {
        let mut mappings: Vec<_> = image.block_device_mappings.iter().flatten().collect();
        let root = image.root_device_name.as_deref();
        mappings.sort_by_key(|m| m.device_name.as_deref() != root);
        for mapping in mappings {
            let device = mapping.device_name.clone().unwrap_or_default();
            if let Some(virtual_name) = &mapping.virtual_name {
                notes.push(Note::SkippedInstanceStore {
                    device,
                    virtual_name: virtual_name.clone(),
                });
                continue;
            }
            if mapping.no_device.is_some() {
                notes.push(Note::SkippedNoDevice { device });
                continue;
            }
            let Some(ebs) = mapping.ebs.as_ref() else {
                notes.push(Note::SkippedNoSnapshot { device });
                continue;
            };
            let Some(snapshot_id) = ebs.snapshot_id.clone() else {
                notes.push(Note::SkippedNoSnapshot { device });
                continue;
            };
            let described = said
                .snapshots
                .iter()
                .position(|s| s.snapshot_id.as_deref() == Some(snapshot_id.as_str()));
            if let Some(flag) = described.and_then(|i| used.get_mut(i)) {
                *flag = true;
            }
            let described = described.and_then(|i| said.snapshots.get(i));
            let encrypted = ebs
                .encrypted
                .or(described.and_then(|s| s.encrypted))
                .unwrap_or(false);
            let key_text = described
                .and_then(|s| s.kms_key_id.clone())
                .or_else(|| ebs.kms_key_id.clone())
                .filter(|_| encrypted);
            if encrypted && key_text.is_none() {
                notes.push(Note::SnapshotKeyUnknown {
                    device: device.clone(),
                    snapshot_id,
                });
            }
            let position = key_text
                .as_deref()
                .and_then(|k| keys.add(k, &placed.me, &placed.ami_region));
            let size = ebs
                .volume_size
                .or(described.and_then(|s| s.volume_size))
                .unwrap_or(DEFAULT_SNAPSHOT_SIZE);
            let snapshot = Snapshot {
                device,
                encrypted,
                kms_key: None,
                owner: if placed.shared {
                    SnapshotOwner::Shared
                } else {
                    SnapshotOwner::Me
                },
                size,
                readable: true,
            };
            taken.push((snapshot, position, key_text));
        }
    }
    for (snapshot, flag) in said.snapshots.iter().zip(&used) {
        if !flag {
            notes.push(Note::SnapshotNotReferenced {
                snapshot_id: snapshot.snapshot_id.clone().unwrap_or_default(),
            });
        }
    }
    too_many("keys", keys.found.len())?;

    let keys_found = keys.found;
    let entries = key_entries(&keys_found, &said, &placed, &mut notes);
    let mut listed = scenario.account.keys.take().unwrap_or_default();
    // Where each found key ended up in the list; `None`: it is not listed (another account's AWS
    // managed key, named by its alias ARN instead).
    let mut slots: Vec<Option<usize>> = vec![None; entries.len()];
    // New keys are listed by account, Region and key ID, so that the order of the pastes does not
    // change the scenario.
    let mut order: Vec<usize> = (0..keys_found.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&keys_found[a], &keys_found[b]);
        (&a.account, &a.region, &a.id).cmp(&(&b.account, &b.region, &b.id))
    });
    let mut entries: Vec<Option<Key>> = entries;
    for i in order {
        let (Some(found), Some(entry)) =
            (keys_found.get(i), entries.get_mut(i).and_then(Option::take))
        else {
            continue;
        };
        let me = placed.me.as_str();
        let existing = listed.iter().position(|k| {
            let account = match &k.owner {
                KeyOwner::Account(other) => other.as_str(),
                _ => me,
            };
            k.id == found.id
                && account == found.account
                && k.region_or(&placed.call_region) == found.region
        });
        let slot = match existing.and_then(|at| listed.get_mut(at).map(|k| (at, k))) {
            Some((at, key)) => {
                key.owner = entry.owner;
                key.alias = entry.alias.or(key.alias.take());
                key.multi_region = entry.multi_region;
                key.region = entry.region;
                if found.described.is_some() {
                    key.state = entry.state;
                    key.spec = entry.spec;
                }
                at
            }
            None => {
                listed.push(entry);
                listed.len() - 1
            }
        };
        if let Some(s) = slots.get_mut(i) {
            *s = Some(slot);
        }
    }
    too_many("keys", listed.len())?;
    if !listed.is_empty() || into.account.keys.is_some() {
        scenario.account.keys = Some(listed);
    }

    if image.is_some() {
        let mut snapshots = Vec::with_capacity(taken.len());
        for (mut snapshot, position, key_text) in taken {
            snapshot.kms_key = match position {
                Some(p) => match (slots.get(p).copied().flatten(), keys_found.get(p)) {
                    (Some(slot), _) => scenario
                        .account
                        .keys
                        .as_deref()
                        .and_then(|k| k.get(slot))
                        .map(|k| key::identifier(&scenario.account, k)),
                    (None, Some(found)) => Some(format!(
                        "arn:aws:kms:{}:{}:alias/aws/ebs",
                        found.region, found.account
                    )),
                    (None, None) => key_text,
                },
                None => key_text,
            };
            snapshots.push(snapshot);
        }
        scenario.snapshots = snapshots;
    }
    Ok(Import { scenario, notes })
}

/// The scenario's entry for each found key; `None` for another account's AWS managed key.
fn key_entries(
    found: &[Found],
    said: &Said,
    placed: &Placed,
    notes: &mut Vec<Note>,
) -> Vec<Option<Key>> {
    found
        .iter()
        .map(|f| {
            let arn = f.arn();
            let alias = f.alias.clone().or_else(|| smallest_alias(said, f));
            if let Some(alias) = &alias {
                notes.push(Note::AliasMatched {
                    arn: arn.clone(),
                    alias: alias.clone(),
                });
            }
            let metadata = f.described.and_then(|i| said.keys.get(i));
            let aws_managed = match metadata.and_then(|m| m.key_manager.as_deref()) {
                Some(manager) => manager == "AWS",
                None => alias
                    .as_deref()
                    .is_some_and(|a| a.starts_with("alias/aws/")),
            };
            let yours = f.account == placed.me;
            if aws_managed && !yours {
                notes.push(Note::OtherAccountAwsManaged {
                    arn: format!("arn:aws:kms:{}:{}:alias/aws/ebs", f.region, f.account),
                });
                return None;
            }
            notes.push(Note::KeyAdded {
                arn: arn.clone(),
                described: metadata.is_some(),
            });
            if metadata.is_none() {
                notes.push(Note::KeyNotDescribed { arn: arn.clone() });
            }
            let state_text = metadata
                .and_then(|m| m.key_state.as_deref())
                .unwrap_or("Enabled");
            let state = match state_text {
                "Enabled" => KeyState::Enabled,
                "PendingDeletion" | "PendingReplicaDeletion" => KeyState::PendingDeletion,
                "Disabled" => KeyState::Disabled,
                other => {
                    notes.push(Note::KeyStateUnusable {
                        arn: arn.clone(),
                        state: other.to_owned(),
                    });
                    KeyState::Disabled
                }
            };
            let spec = metadata
                .and_then(|m| {
                    m.key_spec
                        .as_deref()
                        .or(m.customer_master_key_spec.as_deref())
                })
                .map_or(KeySpec::Symmetric, |s| {
                    if s == "SYMMETRIC_DEFAULT" {
                        KeySpec::Symmetric
                    } else {
                        KeySpec::Asymmetric
                    }
                });
            Some(Key {
                id: f.id.clone(),
                alias,
                owner: match (yours, aws_managed) {
                    (true, true) => KeyOwner::AwsManaged,
                    (true, false) => KeyOwner::Me,
                    (false, _) => KeyOwner::Account(f.account.clone()),
                },
                usable: true,
                region: (f.region != placed.call_region).then(|| f.region.clone()),
                multi_region: metadata
                    .and_then(|m| m.multi_region)
                    .unwrap_or(f.id.starts_with("mrk-")),
                state,
                spec,
                auto_scaling: false,
            })
        })
        .collect()
}

/// The first alias, by name, that `list-aliases` gives for a key: the same whatever the order of
/// the paste.
fn smallest_alias(said: &Said, found: &Found) -> Option<String> {
    said.aliases
        .iter()
        .filter(|a| a.target_key_id.as_deref() == Some(found.id.as_str()))
        .filter(|a| {
            a.alias_arn
                .as_deref()
                .and_then(Identifier::parse)
                .is_some_and(|arn| {
                    arn.account == Some(found.account.as_str())
                        && arn.region == Some(found.region.as_str())
                })
        })
        .filter_map(|a| a.alias_name.clone())
        .filter(|name| key::is_alias_name(name))
        .min()
}
