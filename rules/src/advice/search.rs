//! Finding the smallest sets of parameter edits that give a goal, device by device.
//!
//! RunInstances resolves every device on its own: a device's volume, and whether the device is
//! refused or fails, depend on its snapshot, its own mappings, the account and the keys, never on
//! another device. So a launch gives the goal exactly when the device asked about gives it alone
//! and every other device alone is accepted without failing; the smallest parameter changes are
//! the smallest changes of each device, put together. Devices alike (same snapshot, same
//! mappings) behave alike, so one of each kind is tried and its fix repeated on the others.
//! CopyImage has one image-level parameter set: every combination of it is tried on the whole AMI
//! (one snapshot of each kind).

use std::collections::BTreeMap;

use super::edit::{apply_one, mapping_is_malformed, Edit};
use super::{gives, Wanted};
use crate::device;
use crate::key::KeyRing;
use crate::outcome::{Outcome, Status};
use crate::resolve::resolve;
use crate::scenario::{
    LaunchMapping, Operation, Scenario, Snapshot, SnapshotOwner, DEFAULT_SNAPSHOT_SIZE,
};

/// At most this many keys that work are tried as `KmsKeyId` (or default key) where any working
/// key will do: all of them behave alike there.
const WORKING_KEYS: usize = 2;
/// Above this many combinations of the devices' fixes, only each other device's first fix is kept.
const MAX_COMBINATIONS: usize = 256;

/// The scenario cut to the devices that matter, and which devices each kept one stands for.
pub(crate) struct Reduced {
    pub scenario: Scenario,
    /// Launch: the device asked about alone first, then one group per kind of device, its
    /// representative (the one kept) first. Copy: unused.
    pub groups: Vec<Vec<String>>,
    /// Per group (launch): for a device other than the one asked about that is accepted without
    /// failing as the scenario stands, the keys its result involves (by key ID); else `None`.
    pub fine: Vec<Option<Vec<String>>>,
}

/// Keeps the device asked about and one device of each kind (by name order).
pub(crate) fn reduce(s: &Scenario, goal: &str) -> Reduced {
    let mut devices: Vec<&str> = Vec::new();
    for name in s
        .snapshots
        .iter()
        .map(|x| x.device.as_str())
        .chain(s.launch.iter().map(|m| m.device.as_str()))
    {
        if !devices.contains(&name) {
            devices.push(name);
        }
    }
    devices.sort_unstable();
    let launch = s.operation == Operation::Launch;
    let mut kinds: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for device in devices.iter().filter(|d| **d != goal) {
        let snapshots: Vec<&Snapshot> =
            s.snapshots.iter().filter(|x| x.device == *device).collect();
        let mappings: Vec<&LaunchMapping> = if launch {
            s.launch.iter().filter(|m| m.device == *device).collect()
        } else {
            Vec::new()
        };
        if !launch && snapshots.is_empty() {
            continue;
        }
        let kind = format!(
            "{:?}|{:?}|{}",
            snapshots
                .iter()
                .map(|x| (x.encrypted, &x.kms_key, x.owner, x.size, x.readable))
                .collect::<Vec<_>>(),
            mappings
                .iter()
                .map(|m| (m.encrypted, &m.kms_key_id, m.no_device, m.volume_size))
                .collect::<Vec<_>>(),
            device::is_valid(device)
        );
        let group = kinds.entry(kind.clone()).or_default();
        if group.is_empty() {
            order.push(kind);
        }
        group.push((*device).to_owned());
    }
    let mut groups = vec![vec![goal.to_owned()]];
    groups.extend(order.iter().filter_map(|k| kinds.remove(k)));
    let kept: Vec<&str> = groups.iter().map(|g| g[0].as_str()).collect();
    let mut scenario = s.clone();
    scenario
        .snapshots
        .retain(|x| kept.contains(&x.device.as_str()));
    scenario
        .launch
        .retain(|m| kept.contains(&m.device.as_str()));
    let fine = vec![None; groups.len()];
    let mut reduced = Reduced {
        scenario,
        groups,
        fine,
    };
    if launch {
        survey(&mut reduced);
    }
    reduced
}

/// Puts the devices that are refused or fail first (after the one asked about), so that a search
/// with a budget gives up early, and notes the keys each other device involves.
fn survey(reduced: &mut Reduced) {
    let s = &reduced.scenario;
    let ring = KeyRing::of(&s.account);
    let mut solo = Scenario {
        snapshots: Vec::new(),
        launch: Vec::new(),
        ..s.clone()
    };
    let mut fine: Vec<Option<Vec<String>>> = vec![None];
    for group in &reduced.groups[1..] {
        let device = group[0].as_str();
        solo.snapshots = s
            .snapshots
            .iter()
            .filter(|x| x.device == device)
            .cloned()
            .collect();
        solo.launch = s
            .launch
            .iter()
            .filter(|m| m.device == device)
            .cloned()
            .collect();
        if solo.snapshots.is_empty() {
            // New volumes: surveyed by the search itself.
            fine.push(None);
            continue;
        }
        let outcome = resolve(&solo);
        if outcome.status != Status::Ok {
            fine.push(None);
            continue;
        }
        let mut keys: Vec<String> = outcome
            .volumes
            .iter()
            .filter_map(|v| v.kms_key.clone())
            .collect();
        for snapshot in &solo.snapshots {
            if let Some(k) = snapshot.kms_key.as_deref() {
                keys.extend(ring.describe_in(k, s.ami_region()).map(|k| k.name));
            }
        }
        fine.push(Some(keys));
    }
    let mut order: Vec<usize> = (1..reduced.groups.len()).collect();
    order.sort_by_key(|&i| fine[i].is_some());
    let mut groups = vec![reduced.groups[0].clone()];
    let mut sorted_fine = vec![None];
    for i in order {
        groups.push(reduced.groups[i].clone());
        sorted_fine.push(fine[i].take());
    }
    reduced.groups = groups;
    reduced.fine = sorted_fine;
}

/// What the parameter search found.
pub(crate) enum Fixes {
    /// Every smallest set of parameter edits (within the budget), in suggestion order.
    Found(Vec<Vec<Edit>>),
    /// None: the outcome that shows why (the closest the search came to the goal on the device
    /// that cannot be fixed).
    Blocked(Box<Outcome>),
}

/// The goal, and the keys worth trying.
pub(crate) struct Search<'a> {
    pub goal: &'a str,
    pub wanted: &'a Wanted,
    /// The key asked for, as written: the only `KmsKeyId` worth setting on the device asked about.
    pub want_key: Option<&'a str>,
    /// Every key a user can ask for, in `wanted_keys` order: where any working key will do, the
    /// first that work are tried.
    pub keys: &'a [String],
}

impl Search<'_> {
    /// The smallest parameter edits that make `s` give the goal; at most `budget` edits when given.
    ///
    /// `touched`: the key IDs the scenario's changes touch, when they are only key changes; the
    /// devices that were fine and involve none of them stay fine and are not tried again.
    pub fn fixes(
        &self,
        s: &Scenario,
        reduced: &Reduced,
        budget: Option<usize>,
        touched: Option<&[String]>,
    ) -> Fixes {
        let mut working = None;
        match s.operation {
            Operation::Copy => self.copy_fixes(s, &mut working, budget),
            Operation::Launch => self.launch_fixes(s, reduced, &mut working, budget, touched),
        }
    }

    /// Keys that encrypt a new volume (or copy) of `s`'s account without failing, for its caller.
    fn working_keys(&self, s: &Scenario) -> Vec<String> {
        let mut probe = Scenario {
            snapshots: vec![Snapshot {
                device: "/dev/xvda".into(),
                owner: SnapshotOwner::Me,
                ..Snapshot::default()
            }],
            launch: Vec::new(),
            ..s.clone()
        };
        probe.copy.encrypted = Some(true);
        let mut found = Vec::new();
        for key in self.keys {
            if found.len() == WORKING_KEYS {
                break;
            }
            probe.launch = vec![LaunchMapping {
                device: "/dev/xvda".into(),
                encrypted: Some(true),
                kms_key_id: Some(key.clone()),
                ..LaunchMapping::default()
            }];
            probe.copy.kms_key_id = Some(key.clone());
            if resolve(&probe).status == Status::Ok {
                found.push(key.clone());
            }
        }
        found
    }

    /// The `KmsKeyId` values to try: the key asked for on the device asked about, none when it
    /// must stay unencrypted, else the first keys that work.
    fn key_values(
        &self,
        s: &Scenario,
        on_goal: bool,
        working: &mut Option<Vec<String>>,
    ) -> Vec<Option<String>> {
        let mut values = vec![None];
        match (on_goal, self.wanted, self.want_key) {
            (true, Wanted::Unencrypted, _) => {}
            (true, Wanted::Arn(_), Some(key)) => values.push(Some(key.to_owned())),
            _ => values.extend(
                working
                    .get_or_insert_with(|| self.working_keys(s))
                    .iter()
                    .cloned()
                    .map(Some),
            ),
        }
        values
    }

    fn copy_fixes(
        &self,
        s: &Scenario,
        working: &mut Option<Vec<String>>,
        budget: Option<usize>,
    ) -> Fixes {
        let on_goal = true;
        let keys = self.key_values(s, on_goal, working);
        let slots = vec![
            alternatives(
                &[None, Some(true), Some(false)],
                &s.copy.encrypted,
                |value| Edit::Encrypted {
                    device: None,
                    value,
                },
            ),
            alternatives(&keys, &s.copy.kms_key_id, |value| Edit::KmsKeyId {
                device: None,
                value,
            }),
        ];
        let mut trial = s.clone();
        let (found, closest) = smallest(
            &slots,
            budget,
            self.goal,
            |edits| {
                trial.copy = s.copy.clone();
                for edit in edits {
                    apply_one(&mut trial, edit);
                }
                resolve(&trial)
            },
            |outcome| gives(outcome, self.goal, self.wanted),
            |outcome| self.close(outcome),
        );
        if found.is_empty() {
            Fixes::Blocked(Box::new(closest))
        } else {
            Fixes::Found(found)
        }
    }

    fn launch_fixes(
        &self,
        s: &Scenario,
        reduced: &Reduced,
        working: &mut Option<Vec<String>>,
        budget: Option<usize>,
        touched: Option<&[String]>,
    ) -> Fixes {
        let mut solo = Scenario {
            snapshots: Vec::new(),
            launch: Vec::new(),
            ..s.clone()
        };
        let mut per_group: Vec<(&[String], Vec<Vec<Edit>>)> = Vec::new();
        // The fewest edits the devices seen so far need: past the budget, give up.
        let mut needed = 0;
        for (i, group) in reduced.groups.iter().enumerate() {
            let device = group[0].as_str();
            let on_goal = i == 0;
            if let (Some(keys), Some(touched)) = (&reduced.fine[i], touched) {
                if !keys.iter().any(|k| touched.contains(k)) {
                    continue;
                }
            }
            solo.snapshots = s
                .snapshots
                .iter()
                .filter(|x| x.device == device)
                .cloned()
                .collect();
            let own: Vec<LaunchMapping> = s
                .launch
                .iter()
                .filter(|m| m.device == device)
                .cloned()
                .collect();
            if !on_goal && solo.snapshots.is_empty() && own.is_empty() {
                continue;
            }
            let mut mappings = own.clone();
            if solo.snapshots.is_empty() {
                // A new volume alone would be an AMI without snapshots, which cannot exist: give
                // it one, left out with `NoDevice` so that it has no result of its own.
                let spare = device::next_free(
                    s.snapshots
                        .iter()
                        .map(|x| x.device.as_str())
                        .chain(s.launch.iter().map(|m| m.device.as_str())),
                );
                solo.snapshots.push(Snapshot {
                    device: spare.clone(),
                    ..Snapshot::default()
                });
                mappings.push(LaunchMapping {
                    device: spare,
                    no_device: true,
                    ..LaunchMapping::default()
                });
            }
            solo.launch = mappings.clone();
            let good = |outcome: &Outcome| {
                if on_goal {
                    gives(outcome, device, self.wanted)
                } else {
                    outcome.status == Status::Ok
                }
            };
            let now = resolve(&solo);
            if good(&now) {
                continue;
            }
            needed += group.len();
            if budget.is_some_and(|b| needed > b) {
                return Fixes::Blocked(Box::new(now));
            }
            let slots = self.device_slots(s, device, on_goal, &own, working);
            let (found, closest) = smallest(
                &slots,
                budget,
                self.goal,
                |edits| {
                    solo.launch = mappings.clone();
                    for edit in edits {
                        apply_one(&mut solo, edit);
                    }
                    resolve(&solo)
                },
                good,
                |outcome| !on_goal || self.close(outcome),
            );
            if found.is_empty() {
                return Fixes::Blocked(Box::new(closest));
            }
            needed += (found[0].len() - 1) * group.len();
            per_group.push((group, found));
        }
        combine(per_group, budget, self.goal)
    }

    /// What can change on one device: `Encrypted`, `KmsKeyId`, and only where the mapping needs it,
    /// `NoDevice`, `VolumeSize` or the mapping's removal.
    fn device_slots(
        &self,
        s: &Scenario,
        device: &str,
        on_goal: bool,
        mappings: &[LaunchMapping],
        working: &mut Option<Vec<String>>,
    ) -> Vec<Vec<Edit>> {
        let first = mappings.first();
        let from_ami = s.snapshots.iter().any(|x| x.device == device);
        let dev = || Some(device.to_owned());
        let keys = self.key_values(s, on_goal, working);
        let mut slots = vec![
            alternatives(
                &[None, Some(true), Some(false)],
                &first.and_then(|m| m.encrypted),
                |value| Edit::Encrypted {
                    device: dev(),
                    value,
                },
            ),
            alternatives(&keys, &first.and_then(|m| m.kms_key_id.clone()), |value| {
                Edit::KmsKeyId {
                    device: dev(),
                    value,
                }
            }),
        ];
        if let Some(first) = first {
            if first.no_device {
                slots.push(vec![Edit::NoDevice {
                    device: device.to_owned(),
                    value: false,
                }]);
            }
            let size_fix = match (from_ami, first.volume_size) {
                (true, Some(_)) => Some(None),
                (false, None | Some(0)) => Some(Some(DEFAULT_SNAPSHOT_SIZE)),
                _ => None,
            };
            if let Some(value) = size_fix {
                slots.push(vec![Edit::VolumeSize {
                    device: device.to_owned(),
                    value,
                }]);
            }
            if mapping_is_malformed(s, device) {
                slots.push(vec![Edit::RemoveMapping {
                    device: device.to_owned(),
                }]);
            }
        }
        slots.retain(|slot| !slot.is_empty());
        slots
    }

    /// Whether the result on the device asked about is the one wanted, refused or failing aside.
    fn close(&self, outcome: &Outcome) -> bool {
        outcome
            .volume(self.goal)
            .is_some_and(|v| self.wanted.matches(v))
    }
}

/// The edits that change a parameter from `current` to each other value.
fn alternatives<T: Clone + PartialEq>(
    values: &[T],
    current: &T,
    edit: impl Fn(T) -> Edit,
) -> Vec<Edit> {
    values
        .iter()
        .filter(|v| *v != current)
        .map(|v| edit(v.clone()))
        .collect()
}

/// Every smallest combination of slot edits (at most one per slot) that is `good`, in suggestion
/// order, and the outcome closest to the goal seen (the first `close` one, else the unchanged).
fn smallest(
    slots: &[Vec<Edit>],
    budget: Option<usize>,
    goal: &str,
    mut run: impl FnMut(&[Edit]) -> Outcome,
    good: impl Fn(&Outcome) -> bool,
    close: impl Fn(&Outcome) -> bool,
) -> (Vec<Vec<Edit>>, Outcome) {
    let mut combos: Vec<Vec<Edit>> = vec![Vec::new()];
    for slot in slots {
        let mut next = Vec::with_capacity(combos.len() * (slot.len() + 1));
        for combo in &combos {
            next.push(combo.clone());
            for edit in slot {
                let mut with = combo.clone();
                with.push(edit.clone());
                next.push(with);
            }
        }
        combos = next;
    }
    combos.retain(|c| budget.is_none_or(|b| c.len() <= b));
    sort(&mut combos, goal);
    let mut found: Vec<Vec<Edit>> = Vec::new();
    let mut closest: Option<Outcome> = None;
    let mut unchanged: Option<Outcome> = None;
    for combo in combos {
        if found.iter().any(|f| is_subset(f, &combo)) {
            continue;
        }
        let outcome = run(&combo);
        if good(&outcome) {
            found.push(combo);
        } else if closest.is_none() && close(&outcome) {
            closest = Some(outcome);
        } else if unchanged.is_none() {
            unchanged = Some(outcome);
        }
    }
    let shown = closest.or(unchanged).unwrap_or_else(|| run(&[]));
    (found, shown)
}

/// Puts the devices' fixes together: every combination (each device's fix repeated on the devices
/// alike), the smallest first; only each other device's first fix when there would be too many.
fn combine(
    per_group: Vec<(&[String], Vec<Vec<Edit>>)>,
    budget: Option<usize>,
    goal: &str,
) -> Fixes {
    let count: usize = per_group
        .iter()
        .map(|(_, f)| f.len())
        .fold(1usize, |a, n| a.saturating_mul(n));
    let mut combos: Vec<Vec<Edit>> = vec![Vec::new()];
    for (i, (group, fixes)) in per_group.iter().enumerate() {
        let fixes = if count > MAX_COMBINATIONS && i > 0 {
            &fixes[..1]
        } else {
            &fixes[..]
        };
        let mut next = Vec::new();
        for combo in &combos {
            for fix in fixes {
                let mut with = combo.clone();
                for device in group.iter() {
                    with.extend(fix.iter().map(|e| e.on(device)));
                }
                next.push(with);
            }
        }
        combos = next;
    }
    combos.retain(|c| budget.is_none_or(|b| c.len() <= b));
    sort(&mut combos, goal);
    Fixes::Found(combos)
}

/// Suggestion order: fewest edits, then by the edits' ranks (see [`Edit::rank`]).
pub(crate) fn sort(combos: &mut [Vec<Edit>], goal: &str) {
    for combo in combos.iter_mut() {
        combo.sort_by_cached_key(|e| e.rank(goal));
    }
    combos.sort_by_cached_key(|c| (c.len(), c.iter().map(|e| e.rank(goal)).collect::<Vec<_>>()));
}

/// Whether every edit of `small` is in `big`.
pub(crate) fn is_subset(small: &[Edit], big: &[Edit]) -> bool {
    small.iter().all(|e| big.contains(e))
}
