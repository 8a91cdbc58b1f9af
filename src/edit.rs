//! The edits the editor makes to a scenario, as plain functions (tested natively, no DOM).
//!
//! Each takes an index into a list; an index that is gone (a stale event after a removal) is
//! ignored rather than panicking.

use ami_encryption_rules::{
    device, Account, Key, KeyOwner, KeySpec, KeyState, LaunchMapping, Scenario, Snapshot,
    SnapshotOwner, AWS_MANAGED_EBS_KEY, DEFAULT_SNAPSHOT_SIZE,
};

pub use ami_encryption_rules::key::identifier as key_identifier;
pub use ami_encryption_rules::preset::{key_id, OTHER_ACCOUNT};

/// The scenario the page opens with: a shared AMI with an encrypted root and an unencrypted data
/// volume, launched without parameters. It shows the rule people most often miss.
pub fn starter() -> Scenario {
    let mut scenario = Scenario::default();
    add_key(&mut scenario);
    set_key_alias(&mut scenario, 0, "alias/app");
    add_key(&mut scenario);
    set_key_alias(&mut scenario, 1, "alias/partner");
    set_key_owner(&mut scenario, 1, KeyOwner::Account(OTHER_ACCOUNT.into()));
    add_snapshot(&mut scenario);
    add_snapshot(&mut scenario);
    for snapshot in &mut scenario.snapshots {
        snapshot.owner = SnapshotOwner::Shared;
    }
    let partner = key_identifier(&scenario.account, &keys(&scenario)[1]);
    set_snapshot_encrypted(&mut scenario, 0, true);
    set_snapshot_key(&mut scenario, 0, &partner);
    scenario
}

pub fn keys(scenario: &Scenario) -> &[Key] {
    scenario.account.keys.as_deref().unwrap_or_default()
}

pub fn add_key(scenario: &mut Scenario) {
    let keys = scenario.account.keys.get_or_insert_with(Vec::new);
    let n = (0..)
        .find(|n| !keys.iter().any(|k| k.id == key_id(*n)))
        .unwrap_or(0);
    let alias = (1..)
        .map(|i| format!("alias/key-{i}"))
        .find(|a| !keys.iter().any(|k| k.alias.as_ref() == Some(a)));
    keys.push(Key {
        id: key_id(n),
        alias,
        owner: KeyOwner::Me,
        usable: true,
        ..Key::default()
    });
}

/// Removes a key, and every use of it (snapshots fall back to unencrypted, parameters to not set).
pub fn remove_key(scenario: &mut Scenario, index: usize) {
    let Some(keys) = scenario.account.keys.as_mut() else {
        return;
    };
    if index >= keys.len() {
        return;
    }
    let key = keys.remove(index);
    let names = [key.id.clone(), key_identifier(&scenario.account, &key)]
        .into_iter()
        .chain(key.alias.clone())
        .collect::<Vec<_>>();
    let named =
        |identifier: &Option<String>| identifier.as_ref().is_some_and(|i| names.contains(i));
    for snapshot in &mut scenario.snapshots {
        if named(&snapshot.kms_key) {
            snapshot.kms_key = None;
            snapshot.encrypted = false;
        }
    }
    for mapping in &mut scenario.launch {
        if named(&mapping.kms_key_id) {
            mapping.kms_key_id = None;
        }
    }
    if named(&scenario.copy.kms_key_id) {
        scenario.copy.kms_key_id = None;
    }
    if names.contains(&scenario.account.default_kms_key) {
        scenario.account.default_kms_key = AWS_MANAGED_EBS_KEY.into();
    }
}

/// Renames every use of a key when its identifier changes (alias or owner edits).
fn rename_key(scenario: &mut Scenario, before: &str, after: &str) {
    if before == after {
        return;
    }
    let rename = |identifier: &mut Option<String>| {
        if identifier.as_deref() == Some(before) {
            *identifier = Some(after.to_owned());
        }
    };
    scenario
        .snapshots
        .iter_mut()
        .for_each(|s| rename(&mut s.kms_key));
    scenario
        .launch
        .iter_mut()
        .for_each(|m| rename(&mut m.kms_key_id));
    rename(&mut scenario.copy.kms_key_id);
    if scenario.account.default_kms_key == before {
        scenario.account.default_kms_key = after.to_owned();
    }
}

fn edit_key(scenario: &mut Scenario, index: usize, change: impl FnOnce(&mut Key)) {
    edit_account(scenario, |account| {
        if let Some(key) = account.keys.as_mut().and_then(|keys| keys.get_mut(index)) {
            change(key);
        }
    });
}

/// Changes the account, renaming every use of a key whose identifier the change alters (a key
/// moved to another Region is named by its ARN; an alias renamed is renamed where it is used).
fn edit_account(scenario: &mut Scenario, change: impl FnOnce(&mut Account)) {
    let identifiers = |account: &Account| -> Vec<String> {
        account
            .keys
            .iter()
            .flatten()
            .map(|key| key_identifier(account, key))
            .collect()
    };
    let before = identifiers(&scenario.account);
    change(&mut scenario.account);
    let after = identifiers(&scenario.account);
    for (before, after) in before.iter().zip(&after) {
        rename_key(scenario, before, after);
    }
}

/// Sets a key's alias; an empty text removes it.
pub fn set_key_alias(scenario: &mut Scenario, index: usize, alias: &str) {
    let alias = alias.trim();
    edit_key(scenario, index, |key| {
        key.alias = (!alias.is_empty()).then(|| alias.to_owned())
    });
}

pub fn set_key_owner(scenario: &mut Scenario, index: usize, owner: KeyOwner) {
    edit_key(scenario, index, |key| key.owner = owner);
}

pub fn set_key_usable(scenario: &mut Scenario, index: usize, usable: bool) {
    edit_key(scenario, index, |key| key.usable = usable);
}

/// Sets a key's Region; an empty text means the Region of the call.
pub fn set_key_region(scenario: &mut Scenario, index: usize, region: &str) {
    let region = region.trim();
    edit_key(scenario, index, |key| {
        key.region = (!region.is_empty()).then(|| region.to_owned())
    });
}

pub fn set_key_state(scenario: &mut Scenario, index: usize, state: KeyState) {
    edit_key(scenario, index, |key| key.state = state);
}

pub fn set_key_spec(scenario: &mut Scenario, index: usize, spec: KeySpec) {
    edit_key(scenario, index, |key| key.spec = spec);
}

pub fn set_key_auto_scaling(scenario: &mut Scenario, index: usize, allowed: bool) {
    edit_key(scenario, index, |key| key.auto_scaling = allowed);
}

/// Makes a key multi-Region or not; its key ID takes the matching form (`mrk-` and 32 hex digits,
/// or a UUID), and every use of it follows.
pub fn set_key_multi_region(scenario: &mut Scenario, index: usize, multi_region: bool) {
    let Some(old_id) = keys(scenario).get(index).map(|k| k.id.clone()) else {
        return;
    };
    let hex: String = old_id
        .chars()
        .filter(char::is_ascii_hexdigit)
        .chain(std::iter::repeat('0'))
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    let new_id = if multi_region {
        format!("mrk-{hex}")
    } else {
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    };
    let new_id = if old_id.starts_with("mrk-") == multi_region {
        old_id.clone()
    } else {
        new_id
    };
    edit_key(scenario, index, |key| {
        key.multi_region = multi_region;
        key.id = new_id.clone();
    });
    rename_key(scenario, &old_id, &new_id);
}

pub fn set_account_id(scenario: &mut Scenario, id: &str) {
    let id = id.trim().to_owned();
    edit_account(scenario, |account| account.id = id);
}

pub fn set_account_region(scenario: &mut Scenario, region: &str) {
    let region = region.trim().to_owned();
    edit_account(scenario, |account| account.region = region);
}

/// Sets where a copy comes from; an empty text, or the call's own Region, is an in-Region copy.
///
/// The AMI moves with its keys: a key that only the AMI's snapshots use moves to the new source
/// Region (a snapshot is encrypted with a key of its own Region). A key the call also uses (as
/// `KmsKeyId` or the default key) stays, and the page then says where it is needed.
pub fn set_source_region(scenario: &mut Scenario, region: &str) {
    let region = region.trim();
    let before = scenario.ami_region().to_owned();
    scenario.copy.source_region =
        (!region.is_empty() && region != scenario.account.region).then(|| region.to_owned());
    let after = scenario.ami_region().to_owned();
    if before == after {
        return;
    }
    let account = &scenario.account;
    let used_by_call = |name: &str| {
        account.default_kms_key == name
            || scenario.copy.kms_key_id.as_deref() == Some(name)
            || scenario
                .launch
                .iter()
                .any(|m| m.kms_key_id.as_deref() == Some(name))
    };
    let moving: Vec<usize> = keys(scenario)
        .iter()
        .enumerate()
        .filter(|(_, key)| key.region_or(&account.region) == before)
        .filter(|(_, key)| {
            let name = key_identifier(account, key);
            scenario
                .snapshots
                .iter()
                .any(|s| s.kms_key.as_deref() == Some(&name))
                && !used_by_call(&name)
        })
        .map(|(i, _)| i)
        .collect();
    edit_account(scenario, |account| {
        let call_region = account.region.clone();
        for key in account
            .keys
            .iter_mut()
            .flatten()
            .enumerate()
            .filter_map(|(i, k)| moving.contains(&i).then_some(k))
        {
            key.region = (after != call_region).then(|| after.clone());
        }
    });
}

pub fn set_snapshot_size(scenario: &mut Scenario, index: usize, size: u32) {
    if let Some(snapshot) = scenario.snapshots.get_mut(index) {
        snapshot.size = size;
    }
}

pub fn set_snapshot_readable(scenario: &mut Scenario, index: usize, readable: bool) {
    if let Some(snapshot) = scenario.snapshots.get_mut(index) {
        snapshot.readable = readable;
    }
}

/// Leaves an AMI device out of the launch (`NoDevice`), or brings it back. A suppressed device
/// has no EBS parameters, so they are cleared.
pub fn set_no_device(scenario: &mut Scenario, device: &str, no_device: bool) {
    let mapping = launch_mapping_mut(scenario, device);
    mapping.no_device = no_device;
    if no_device {
        mapping.encrypted = None;
        mapping.kms_key_id = None;
        mapping.volume_size = None;
    }
    drop_empty_mapping(scenario, device);
}

/// Sets a mapping's `VolumeSize`; `None` leaves it to the snapshot.
pub fn set_volume_size(scenario: &mut Scenario, device: &str, size: Option<u32>) {
    launch_mapping_mut(scenario, device).volume_size = size;
    drop_empty_mapping(scenario, device);
}

/// A snapshot device with nothing set needs no mapping; keep the request minimal.
pub fn drop_empty_mapping(scenario: &mut Scenario, device: &str) {
    let is_snapshot = scenario.snapshots.iter().any(|s| s.device == device);
    let empty = |m: &LaunchMapping| {
        m.encrypted.is_none() && m.kms_key_id.is_none() && !m.no_device && m.volume_size.is_none()
    };
    if is_snapshot {
        scenario.launch.retain(|m| m.device != device || !empty(m));
    }
}

/// The AMI's root device: its first snapshot's (the page adds the root first).
pub fn root_device(scenario: &Scenario) -> Option<&str> {
    scenario.snapshots.first().map(|s| s.device.as_str())
}

/// Adds a snapshot on the next free device (`/dev/xvda`, then `/dev/sdb`, …), unencrypted and
/// owned like the others.
pub fn add_snapshot(scenario: &mut Scenario) {
    let device = device::next_free(
        scenario
            .snapshots
            .iter()
            .map(|s| s.device.as_str())
            .chain(scenario.launch.iter().map(|m| m.device.as_str())),
    );
    let owner = scenario
        .snapshots
        .first()
        .map_or(SnapshotOwner::Me, |s| s.owner);
    scenario.snapshots.push(Snapshot {
        device,
        owner,
        ..Snapshot::default()
    });
}

pub fn remove_snapshot(scenario: &mut Scenario, index: usize) {
    if index < scenario.snapshots.len() {
        let removed = scenario.snapshots.remove(index);
        scenario.launch.retain(|m| m.device != removed.device);
    }
}

/// Renames a snapshot's device, and its launch parameters with it.
pub fn set_snapshot_device(scenario: &mut Scenario, index: usize, device: &str) {
    let Some(snapshot) = scenario.snapshots.get_mut(index) else {
        return;
    };
    let before = std::mem::replace(&mut snapshot.device, device.trim().to_owned());
    let taken_elsewhere = scenario
        .snapshots
        .iter()
        .enumerate()
        .any(|(i, s)| i != index && s.device == before);
    if !taken_elsewhere {
        for mapping in scenario.launch.iter_mut().filter(|m| m.device == before) {
            mapping.device = device.trim().to_owned();
        }
    }
}

/// Encrypting a snapshot picks a key it can really have: for a shared snapshot another account's
/// key first (a shared AMI cannot use `aws/ebs`), for yours the AWS managed key. Decrypting drops it.
pub fn set_snapshot_encrypted(scenario: &mut Scenario, index: usize, encrypted: bool) {
    let Some(shared) = scenario
        .snapshots
        .get(index)
        .map(|s| s.owner == SnapshotOwner::Shared)
    else {
        return;
    };
    let first_key = if shared {
        let foreign = keys(scenario)
            .iter()
            .find(|k| matches!(k.owner, KeyOwner::Account(_)));
        let customer = keys(scenario)
            .iter()
            .find(|k| k.owner != KeyOwner::AwsManaged);
        foreign
            .or(customer)
            .map(|k| key_identifier(&scenario.account, k))
            .unwrap_or_else(|| AWS_MANAGED_EBS_KEY.to_owned())
    } else {
        AWS_MANAGED_EBS_KEY.to_owned()
    };
    let snapshot = &mut scenario.snapshots[index];
    snapshot.encrypted = encrypted;
    snapshot.kms_key = if encrypted {
        snapshot.kms_key.take().or(Some(first_key))
    } else {
        None
    };
}

pub fn set_snapshot_key(scenario: &mut Scenario, index: usize, identifier: &str) {
    if let Some(snapshot) = scenario.snapshots.get_mut(index) {
        snapshot.kms_key = Some(identifier.to_owned());
    }
}

pub fn set_snapshot_owner(scenario: &mut Scenario, index: usize, owner: SnapshotOwner) {
    if let Some(snapshot) = scenario.snapshots.get_mut(index) {
        snapshot.owner = owner;
    }
}

/// The keys a list of choices offers: `alias/aws/ebs`, then every listed key, each named as a
/// request names it. (For a shared snapshot `alias/aws/ebs` is offered too: the page then explains
/// why it cannot be.)
pub fn key_choices(scenario: &Scenario) -> Vec<String> {
    let mut choices = vec![AWS_MANAGED_EBS_KEY.to_owned()];
    choices.extend(
        keys(scenario)
            .iter()
            .map(|k| key_identifier(&scenario.account, k))
            .filter(|i| i != AWS_MANAGED_EBS_KEY),
    );
    choices
}

/// The launch parameters of `device`, creating an empty mapping on first edit.
pub fn launch_mapping_mut<'a>(scenario: &'a mut Scenario, device: &str) -> &'a mut LaunchMapping {
    match scenario.launch.iter().position(|m| m.device == device) {
        Some(i) => &mut scenario.launch[i],
        None => {
            scenario.launch.push(LaunchMapping {
                device: device.to_owned(),
                ..LaunchMapping::default()
            });
            scenario.launch.last_mut().expect("just pushed")
        }
    }
}

/// Adds a mapping for a new empty volume on the next free device.
pub fn add_new_volume(scenario: &mut Scenario) {
    let device = device::next_free(
        scenario
            .snapshots
            .iter()
            .map(|s| s.device.as_str())
            .chain(scenario.launch.iter().map(|m| m.device.as_str())),
    );
    // EC2 refuses a new empty volume without a size.
    scenario.launch.push(LaunchMapping {
        device,
        volume_size: Some(DEFAULT_SNAPSHOT_SIZE),
        ..LaunchMapping::default()
    });
}

/// Removes the mapping of a new volume (snapshot devices keep theirs: clear the parameters instead).
pub fn remove_new_volume(scenario: &mut Scenario, device: &str) {
    if !scenario.snapshots.iter().any(|s| s.device == device) {
        scenario.launch.retain(|m| m.device != device);
    }
}

/// The devices of new empty volumes: launch mappings not backed by a snapshot.
pub fn new_volume_devices(scenario: &Scenario) -> Vec<String> {
    let mut devices = Vec::new();
    for mapping in &scenario.launch {
        if !scenario
            .snapshots
            .iter()
            .any(|s| s.device == mapping.device)
            && !devices.contains(&mapping.device)
        {
            devices.push(mapping.device.clone());
        }
    }
    devices
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::{resolve, Status};

    #[test]
    fn starter_scenario_resolves() {
        let outcome = resolve(&starter());
        assert_eq!(outcome.status, Status::Ok, "{outcome:?}");
        assert_eq!(outcome.volumes[0].rule.id(), "launch.shared-default-key");
        // The page tells the starter from an example by comparing scenarios.
        assert!(ami_encryption_rules::preset::matching(&starter()).is_none());
    }

    #[test]
    fn twenty_six_snapshots_get_distinct_devices() {
        let mut scenario = Scenario::default();
        for _ in 0..26 {
            add_snapshot(&mut scenario);
        }
        assert_eq!(scenario.snapshots[0].device, "/dev/xvda");
        assert_eq!(scenario.snapshots[25].device, "/dev/sdz");
        assert_eq!(resolve(&scenario).status, Status::Ok);
    }

    #[test]
    fn new_volumes_take_devices_the_ami_does_not_use() {
        let mut scenario = starter();
        add_new_volume(&mut scenario);
        assert_eq!(new_volume_devices(&scenario), ["/dev/sdc"]);
        add_snapshot(&mut scenario);
        assert_eq!(scenario.snapshots[2].device, "/dev/sdd");
    }

    #[test]
    fn renaming_a_key_alias_follows_its_uses() {
        let mut scenario = starter();
        set_key_alias(&mut scenario, 1, "alias/vendor");
        assert_eq!(
            scenario.snapshots[0].kms_key.as_deref(),
            Some("arn:aws:kms:us-east-1:111122223333:alias/vendor")
        );
        assert_eq!(resolve(&scenario).status, Status::Ok);
    }

    #[test]
    fn removing_a_key_removes_its_uses() {
        let mut scenario = starter();
        remove_key(&mut scenario, 1);
        assert!(!scenario.snapshots[0].encrypted);
        assert_eq!(resolve(&scenario).status, Status::Ok);
    }

    /// Regression: encrypting a shared snapshot picked `aws/ebs`, a scenario that cannot exist.
    #[test]
    fn encrypting_a_shared_snapshot_picks_a_shareable_key() {
        let mut scenario = starter();
        set_snapshot_encrypted(&mut scenario, 1, true);
        assert_eq!(
            scenario.snapshots[1].kms_key.as_deref(),
            Some("arn:aws:kms:us-east-1:111122223333:alias/partner")
        );
        assert_eq!(resolve(&scenario).status, Status::Ok);
    }

    #[test]
    fn stale_indexes_are_ignored() {
        let mut scenario = starter();
        let before = scenario.clone();
        remove_snapshot(&mut scenario, 9);
        set_snapshot_device(&mut scenario, 9, "/dev/sdq");
        set_snapshot_encrypted(&mut scenario, 9, true);
        remove_key(&mut scenario, 9);
        set_key_alias(&mut scenario, 9, "alias/x");
        assert_eq!(scenario, before);
    }

    #[test]
    fn moving_a_key_to_another_region_names_it_by_arn() {
        let mut scenario = starter();
        scenario.snapshots[1].encrypted = true;
        scenario.snapshots[1].kms_key = Some("alias/app".into());
        set_key_region(&mut scenario, 0, "eu-west-1");
        assert_eq!(
            scenario.snapshots[1].kms_key.as_deref(),
            Some("arn:aws:kms:eu-west-1:123456789012:alias/app")
        );
        set_key_region(&mut scenario, 0, "");
        assert_eq!(scenario.snapshots[1].kms_key.as_deref(), Some("alias/app"));
    }

    /// The AMI moves with the keys only its snapshots use; a key the call uses stays.
    #[test]
    fn a_source_region_takes_the_snapshots_keys_along() {
        let mut scenario = starter();
        scenario.operation = ami_encryption_rules::Operation::Copy;
        scenario.snapshots[1].encrypted = true;
        scenario.snapshots[1].owner = SnapshotOwner::Me;
        scenario.snapshots[0].owner = SnapshotOwner::Me;
        scenario.snapshots[1].kms_key = Some("alias/app".into());
        scenario.copy.encrypted = Some(true);
        scenario.copy.kms_key_id = Some("alias/app".into());
        set_source_region(&mut scenario, "eu-west-1");
        // alias/app is also the call's KmsKeyId: it stays in the call's Region.
        assert_eq!(keys(&scenario)[0].region, None);
        // The partner's key encrypts only a snapshot: it moves, and is named by its ARN there.
        assert_eq!(keys(&scenario)[1].region.as_deref(), Some("eu-west-1"));
        assert_eq!(
            scenario.snapshots[0].kms_key.as_deref(),
            Some("arn:aws:kms:eu-west-1:111122223333:alias/partner")
        );
        set_source_region(&mut scenario, "");
        assert_eq!(keys(&scenario)[1].region, None);
        assert_eq!(
            scenario.snapshots[0].kms_key.as_deref(),
            Some("arn:aws:kms:us-east-1:111122223333:alias/partner")
        );
    }

    #[test]
    fn a_multi_region_key_gets_an_mrk_id_and_back() {
        let mut scenario = starter();
        let id = keys(&scenario)[0].id.clone();
        scenario.launch.push(LaunchMapping {
            device: "/dev/xvda".into(),
            encrypted: Some(true),
            kms_key_id: Some(id.clone()),
            ..LaunchMapping::default()
        });
        set_key_multi_region(&mut scenario, 0, true);
        let mrk = keys(&scenario)[0].id.clone();
        assert!(mrk.starts_with("mrk-") && mrk.len() == 36, "{mrk}");
        assert_eq!(scenario.launch[0].kms_key_id.as_deref(), Some(mrk.as_str()));
        assert_eq!(resolve(&scenario).status, Status::Ok);
        set_key_multi_region(&mut scenario, 0, false);
        assert_eq!(keys(&scenario)[0].id, id);
    }

    #[test]
    fn no_device_clears_the_parameters_and_back() {
        let mut scenario = starter();
        launch_mapping_mut(&mut scenario, "/dev/sdb").encrypted = Some(true);
        set_no_device(&mut scenario, "/dev/sdb", true);
        let outcome = resolve(&scenario);
        assert_eq!(outcome.suppressed, ["/dev/sdb"]);
        set_no_device(&mut scenario, "/dev/sdb", false);
        assert!(scenario.launch.is_empty());
    }

    #[test]
    fn new_volumes_get_a_size() {
        let mut scenario = starter();
        add_new_volume(&mut scenario);
        assert_eq!(scenario.launch[0].volume_size, Some(8));
        assert_eq!(resolve(&scenario).status, Status::Ok);
    }

    #[test]
    fn renaming_a_device_moves_its_parameters() {
        let mut scenario = starter();
        launch_mapping_mut(&mut scenario, "/dev/sdb").encrypted = Some(true);
        set_snapshot_device(&mut scenario, 1, "/dev/sdf");
        assert_eq!(scenario.launch[0].device, "/dev/sdf");
    }
}
