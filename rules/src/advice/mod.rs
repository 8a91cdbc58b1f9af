//! "How do I get…?": the smallest changes to a scenario that give the outcome a user wants for one
//! volume or snapshot copy, each checked by running the engine on the changed scenario.
//!
//! [`advise`] answers in three lists, by how wide the change is ([`Scope`]):
//! - `parameters`: changes to the call alone. At launch, the parameters of the device asked about
//!   and of every other device that is refused or fails (the whole launch must go through); for a
//!   copy, the image-level `Encrypted` and `KmsKeyId`, which change every snapshot copy, not only
//!   the one asked about (the suggestion's `result` shows them all). This search is complete: when
//!   it finds nothing, no combination of `Encrypted` ∈ {not set, true, false} and `KmsKeyId` ∈
//!   {not set} ∪ [`wanted_keys`] on the call's devices gives the outcome, and `why_not` says why.
//! - `account`: at least one change of encryption by default or of the default key, with the
//!   parameter changes it still needs; at most [`MAX_EDITS`] edits in all.
//! - `key_policy`: at least one change to a key the call needs (let you, or the Auto Scaling role,
//!   use it; enable it), with the account and parameter changes it still needs; at most
//!   [`MAX_EDITS`] edits, at most two of them outside the parameters.
//!
//! "Smallest": a suggestion is listed only if no other working set of changes is part of it, so
//! every list holds only minimal suggestions. Each list is in order: fewest edits first; then
//! edits of the device asked about (or the image) before those of other devices, other devices by
//! name; `Encrypted` before `KmsKeyId`; values in their natural order (not set first); at most
//! [`MAX_SUGGESTIONS`] per list.
//!
//! What counts as the outcome ([`Want`]): the call must be accepted and not fail later (status
//! `ok`), and the device's result must be unencrypted, or encrypted with the key asked for (its ARN
//! equal to the one the identifier names in the call's account and Region), or anything at all for
//! [`Want::Accepted`]; a device left out with `NoDevice` has no result, so it gives none of them. A
//! contested result counts by the engine's main answer; its `alternative` (another AWS page's
//! reading) is not what the search aims at, and the page shows it on the suggestion's result.

use serde::{Deserialize, Serialize};

mod edit;
mod reason;
mod search;

pub use edit::{apply, Edit, Scope};
pub use reason::Reason;

use crate::check::check;
use crate::key::{identifier, Identifier, KeyRing, Unresolved};
use crate::outcome::{Outcome, Status, Volume};
use crate::resolve::resolve;
use crate::scenario::{Caller, KeySpec, KeyState, Operation, Scenario, AWS_MANAGED_EBS_KEY};
use search::{is_subset, reduce, sort, Fixes, Search};

/// At most this many suggestions per list.
pub const MAX_SUGGESTIONS: usize = 5;
/// At most this many edits in an account or key-policy suggestion (parameter suggestions have no
/// such limit: they change as many devices as must change).
pub const MAX_EDITS: usize = 3;

/// What the user wants for one result.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Want {
    /// An unencrypted volume or snapshot copy.
    Unencrypted,
    /// Encrypted with this key: an identifier as the page writes it (see [`wanted_keys`]),
    /// compared by the ARN it names in the call's account and Region.
    EncryptedWith(String),
    /// Accepted and not failing later, whatever the encryption.
    Accepted,
}

/// The outcome wanted for one device (a launch's volume, or a copy's snapshot copy).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Goal {
    pub device: String,
    pub want: Want,
}

/// A set of changes that gives the goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// In suggestion order (see the module documentation).
    pub edits: Vec<Edit>,
    /// The widest of the edits' scopes.
    pub scope: Scope,
    /// The engine's outcome of the changed scenario.
    pub result: Outcome,
}

/// The answer to "how do I get…?".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    /// The scenario already gives it (and every list is empty).
    pub already: bool,
    pub parameters: Vec<Suggestion>,
    pub account: Vec<Suggestion>,
    pub key_policy: Vec<Suggestion>,
    /// Why no parameter change gives it: `Some` exactly when `parameters` is empty and not
    /// `already`.
    pub why_not: Option<Reason>,
}

/// The result wanted, with the key asked for turned into the ARN to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Wanted {
    Unencrypted,
    Arn(String),
    Accepted,
}

impl Wanted {
    /// Whether a result is the one wanted (the engine's main answer; status aside).
    pub(crate) fn matches(&self, volume: &Volume) -> bool {
        match self {
            Wanted::Unencrypted => !volume.encrypted,
            Wanted::Arn(arn) => volume.encrypted && volume.kms_key_arn.as_deref() == Some(arn),
            Wanted::Accepted => true,
        }
    }
}

/// Whether an outcome gives the goal: accepted, not failing, and the device's result as wanted.
pub(crate) fn gives(outcome: &Outcome, device: &str, wanted: &Wanted) -> bool {
    outcome.status == Status::Ok && outcome.volume(device).is_some_and(|v| wanted.matches(v))
}

/// The smallest changes to `scenario` that give `goal`, each checked with [`resolve`]; or why the
/// call's parameters cannot give it. See the module documentation for the search and its order.
pub fn advise(scenario: &Scenario, goal: &Goal) -> Advice {
    let refuse = |reason| Advice {
        why_not: Some(reason),
        ..Advice::default()
    };
    if !has_device(scenario, &goal.device) {
        return refuse(Reason::NoSuchDevice);
    }
    if cannot_exist(scenario) {
        return refuse(Reason::ScenarioCannotExist);
    }
    let wanted = match wanted(scenario, &goal.want) {
        Ok(wanted) => wanted,
        Err(reason) => return refuse(reason),
    };
    let outcome = resolve(scenario);
    if gives(&outcome, &goal.device, &wanted) {
        return Advice {
            already: true,
            ..Advice::default()
        };
    }
    if wanted == Wanted::Unencrypted && source_is_encrypted(scenario, &goal.device) {
        return refuse(Reason::EncryptionCannotBeRemoved);
    }

    let keys = wanted_keys(scenario);
    let want_key = match &goal.want {
        Want::EncryptedWith(key) => Some(key.as_str()),
        _ => None,
    };
    let search = Search {
        goal: &goal.device,
        wanted: &wanted,
        want_key,
        keys: &keys,
    };
    let reduced = reduce(scenario, &goal.device);
    let mut candidates = Vec::new();
    let mut blocked = None;
    match search.fixes(&reduced.scenario, &reduced, None, None) {
        Fixes::Found(found) => candidates.extend(found),
        Fixes::Blocked(outcome) => blocked = Some(outcome),
    }
    for outside in outside_edits(&reduced.scenario, &search) {
        let changed = apply(&reduced.scenario, &outside);
        let budget = MAX_EDITS - outside.len();
        let keys_only: Option<Vec<String>> = outside
            .iter()
            .map(|e| match e {
                Edit::LetYouUse { key }
                | Edit::LetAutoScalingUse { key }
                | Edit::EnableKey { key } => Some(key.clone()),
                _ => None,
            })
            .collect();
        let found = search.fixes(&changed, &reduced, Some(budget), keys_only.as_deref());
        if let Fixes::Found(found) = found {
            for fix in found {
                candidates.push(outside.iter().cloned().chain(fix).collect());
            }
        }
    }
    sort(&mut candidates, &goal.device);

    let mut advice = Advice::default();
    let mut kept: Vec<Vec<Edit>> = Vec::new();
    for edits in candidates {
        if edits.is_empty() || kept.iter().any(|k| is_subset(k, &edits)) {
            continue;
        }
        kept.push(edits.clone());
        let scope = edits
            .iter()
            .map(Edit::scope)
            .max()
            .unwrap_or(Scope::Parameters);
        let list = match scope {
            Scope::Parameters => &mut advice.parameters,
            Scope::Account => &mut advice.account,
            Scope::KeyPolicy => &mut advice.key_policy,
        };
        if list.len() == MAX_SUGGESTIONS {
            continue;
        }
        // The search ran on one device of each kind; the suggestion must hold for the whole call.
        let result = resolve(&apply(scenario, &edits));
        if gives(&result, &goal.device, &wanted) {
            list.push(Suggestion {
                edits,
                scope,
                result,
            });
        }
    }
    if advice.parameters.is_empty() {
        advice.why_not = Some(why_not(scenario, goal, &wanted, blocked.as_deref()));
    }
    advice
}

/// Whether the AMI or the request has the device: any snapshot's (a copy has only those), or at
/// launch any mapping's.
fn has_device(s: &Scenario, device: &str) -> bool {
    s.snapshots.iter().any(|x| x.device == device)
        || (s.operation == Operation::Launch && s.launch.iter().any(|m| m.device == device))
}

/// Whether the scenario has a problem no call can fix: a `scenario.*` error apart from the request
/// (a mapping's size of 0 is one, but a parameter fixes it).
fn cannot_exist(s: &Scenario) -> bool {
    let mut without_request = s.clone();
    without_request.launch.clear();
    !check(&without_request).is_empty()
}

fn source_is_encrypted(s: &Scenario, device: &str) -> bool {
    s.snapshots
        .iter()
        .any(|x| x.device == device && x.encrypted && x.kms_key.is_some())
}

/// The result wanted; for a key, the ARN it names, or why no result can have it.
fn wanted(s: &Scenario, want: &Want) -> Result<Wanted, Reason> {
    let key = match want {
        Want::Unencrypted => return Ok(Wanted::Unencrypted),
        Want::Accepted => return Ok(Wanted::Accepted),
        Want::EncryptedWith(key) => key,
    };
    let ring = KeyRing::of(&s.account);
    let resolved = match ring.resolve(key) {
        Ok(resolved) => resolved,
        Err(Unresolved::OtherAccountNeedsArn) => return Err(Reason::KeyNeedsArn),
        Err(Unresolved::OnlyInRegion(_)) => return Err(Reason::KeyWrongRegion),
        // An ARN of another Region names a key there, listed or not.
        Err(Unresolved::NotFound)
            if Identifier::parse(key)
                .and_then(|i| i.region)
                .is_some_and(|r| r != s.account.region) =>
        {
            return Err(Reason::KeyWrongRegion)
        }
        Err(Unresolved::NotFound) => return Err(Reason::UnknownKey),
    };
    if resolved.region != s.account.region {
        return Err(Reason::KeyWrongRegion);
    }
    if resolved.aws_managed && !resolved.yours {
        return Err(Reason::KeyOtherAccountAwsManaged);
    }
    if resolved.spec == KeySpec::Asymmetric {
        return Err(Reason::KeyAsymmetric);
    }
    Ok(Wanted::Arn(resolved.arn))
}

/// Why no parameter change gives the goal: the rule that forbids it, else what stops the closest
/// attempt.
fn why_not(s: &Scenario, goal: &Goal, wanted: &Wanted, blocked: Option<&Outcome>) -> Reason {
    if *wanted == Wanted::Unencrypted && s.account.encryption_by_default {
        return Reason::EncryptionByDefaultOn;
    }
    if let Want::EncryptedWith(key) = &goal.want {
        if let Ok(k) = KeyRing::of(&s.account).resolve(key) {
            if k.state != KeyState::Enabled {
                return Reason::KeyNotEnabled;
            }
            let usable = match s.effective_caller() {
                Caller::You => k.usable,
                Caller::AutoScaling => k.auto_scaling,
            };
            if !usable {
                return Reason::KeyNotUsable;
            }
        }
    }
    blocked.map_or(Reason::NeedsMoreChanges, Reason::of_outcome)
}

/// The account and key changes worth trying, alone and in pairs: encryption by default switched,
/// the default key set to the key asked for or to a key that works, and each key the call
/// involves made usable or enabled.
fn outside_edits(s: &Scenario, search: &Search) -> Vec<Vec<Edit>> {
    let mut slots: Vec<Vec<Edit>> = vec![vec![Edit::EncryptionByDefault(
        !s.account.encryption_by_default,
    )]];
    let mut defaults: Vec<String> = search.want_key.map(str::to_owned).into_iter().collect();
    // The first keys a user can ask for (`alias/aws/ebs` first): enough to move off a default key
    // that fails.
    defaults.extend(search.keys.iter().take(3).cloned());
    defaults.dedup();
    slots.push(
        defaults
            .into_iter()
            .filter(|k| *k != s.account.default_kms_key)
            .map(Edit::DefaultKmsKey)
            .collect(),
    );
    let ring = KeyRing::of(&s.account);
    let mut named: Vec<&str> = vec![s.account.default_kms_key.as_str()];
    named.extend(search.want_key);
    named.extend(s.snapshots.iter().filter_map(|x| x.kms_key.as_deref()));
    named.extend(s.launch.iter().filter_map(|m| m.kms_key_id.as_deref()));
    named.extend(s.copy.kms_key_id.as_deref());
    named.extend(search.keys.iter().take(3).map(String::as_str));
    let region = s.ami_region();
    let mut ids: Vec<String> = Vec::new();
    for name in named {
        for found in [ring.describe(name), ring.describe_in(name, region)]
            .into_iter()
            .flatten()
        {
            if !ids.contains(&found.name) {
                ids.push(found.name);
            }
        }
    }
    let caller = s.effective_caller();
    for key in s.account.keys.iter().flatten() {
        if !ids.contains(&key.id) {
            continue;
        }
        let mut slot = Vec::new();
        if caller == Caller::You && !key.usable {
            slot.push(Edit::LetYouUse {
                key: key.id.clone(),
            });
        }
        if caller == Caller::AutoScaling && !key.auto_scaling {
            slot.push(Edit::LetAutoScalingUse {
                key: key.id.clone(),
            });
        }
        if key.state != KeyState::Enabled {
            slot.push(Edit::EnableKey {
                key: key.id.clone(),
            });
        }
        // Each key change is its own slot: a key may need both a policy change and enabling.
        slots.extend(slot.into_iter().map(|e| vec![e]));
    }
    slots.retain(|slot| !slot.is_empty());
    slots.dedup();

    let mut sets = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        for edit in slot {
            sets.push(vec![edit.clone()]);
            for later in &slots[i + 1..] {
                for other in later {
                    sets.push(vec![edit.clone(), other.clone()]);
                }
            }
        }
    }
    sets
}

/// The keys a user can ask for on this scenario, as the page writes them: `alias/aws/ebs`, then
/// every listed key (an ARN for another account's or another Region's key, else its alias, else
/// its key ID). With no key list, the identifiers the scenario writes (default key, snapshots'
/// keys, request keys), as written.
pub fn wanted_keys(scenario: &Scenario) -> Vec<String> {
    let mut keys = vec![AWS_MANAGED_EBS_KEY.to_owned()];
    let mut add = |key: String| {
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    };
    match &scenario.account.keys {
        Some(listed) => listed
            .iter()
            .for_each(|k| add(identifier(&scenario.account, k))),
        None => {
            add(scenario.account.default_kms_key.clone());
            for written in scenario
                .snapshots
                .iter()
                .filter_map(|x| x.kms_key.clone())
                .chain(scenario.launch.iter().filter_map(|m| m.kms_key_id.clone()))
                .chain(scenario.copy.kms_key_id.clone())
            {
                add(written);
            }
        }
    }
    keys
}
