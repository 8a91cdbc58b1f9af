//! Which scenarios of a level's space the level asks, and which rule each one teaches: the pools
//! the quiz deals from, built once per level.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::{
    resolve, ErrorKind, KeyOwner, KeyRing, KeyState, LaunchMapping, Outcome, Rule, Scenario,
    Snapshot, Status,
};

use super::answer::expected;
use super::{space, Level, Question};

/// The questions that teach one rule of a level, in the space's order.
#[derive(Debug)]
pub struct Pool {
    pub rule: Rule,
    pub questions: Vec<Question>,
}

/// The pools of `level`, one per rule of [`Level::rules`] in that order, built on first use.
pub fn pools(level: Level) -> &'static [Pool] {
    static POOLS: [OnceLock<Vec<Pool>>; 6] = [const { OnceLock::new() }; 6];
    let index = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
    POOLS[index].get_or_init(|| build(level))
}

fn build(level: Level) -> Vec<Pool> {
    let mut pools: Vec<Pool> = level
        .rules()
        .iter()
        .map(|&rule| Pool {
            rule,
            questions: Vec::new(),
        })
        .collect();
    let mut seen = HashSet::new();
    for scenario in space::scenarios(level) {
        let outcome = resolve(&scenario);
        let Some(rule) = teaches(level, &outcome) else {
            continue;
        };
        // Two scenarios that differ only in which device is which, or in keys the call does not
        // use, are one question.
        if !seen.insert(without_devices(&with_unused_keys_plain(
            &scenario, &outcome,
        ))) {
            continue;
        }
        let expected = expected(&scenario, &outcome);
        if let Some(pool) = pools.iter_mut().find(|p| p.rule == rule) {
            pool.questions.push(Question {
                level,
                scenario,
                rule,
                expected,
            });
        }
    }
    pools
}

/// The rule a scenario teaches in `level`, or `None` when the level does not ask it: the outcome
/// must have one of the level's statuses (a refusal must be AWS's, not an impossible scenario),
/// show no contested cell outside the contested level, show only rules of this level and the
/// earlier ones when it goes through, and show a rule of this level (in the contested level, on a
/// contested cell). The rule is the most advanced one it shows.
pub fn teaches(level: Level, outcome: &Outcome) -> Option<Rule> {
    if !level.statuses().contains(&outcome.status) {
        return None;
    }
    let contested = outcome.volumes.iter().any(|v| v.alternative.is_some());
    if contested != level.is_contested() {
        return None;
    }
    let shown: Vec<Rule> = match outcome.status {
        Status::Error => {
            let error = outcome.error.as_ref()?;
            if error.kind != ErrorKind::Request {
                return None;
            }
            vec![error.rule]
        }
        Status::FailsLater => vec![outcome.failure.as_ref()?.rule],
        Status::Ok => {
            let taught = |rule: &Rule| {
                Level::ALL
                    .iter()
                    .take_while(|l| **l != level)
                    .chain([&level])
                    .any(|l| l.rules().contains(rule))
            };
            if !outcome.volumes.iter().all(|v| taught(&v.rule)) {
                return None;
            }
            outcome
                .volumes
                .iter()
                .filter(|v| !level.is_contested() || v.alternative.is_some())
                .map(|v| v.rule)
                .collect()
        }
    };
    level
        .rules()
        .iter()
        .rev()
        .find(|rule| shown.contains(rule))
        .copied()
}

/// The scenario with every key the outcome does not touch (as a result, the other reading, the
/// source of a snapshot, or the key at fault) made healthy: usable, enabled, not granted to Auto
/// Scaling. What is wrong with a key nobody uses changes nothing a learner could see.
fn with_unused_keys_plain(scenario: &Scenario, outcome: &Outcome) -> Scenario {
    let mut touched: HashSet<&str> = HashSet::new();
    for volume in &outcome.volumes {
        touched.extend(volume.kms_key_arn.as_deref());
        touched.extend(
            volume
                .alternative
                .as_ref()
                .and_then(|a| a.kms_key_arn.as_deref()),
        );
    }
    touched.extend(outcome.failure.as_ref().and_then(|f| f.key_arn.as_deref()));
    let ring = KeyRing::of(&scenario.account);
    let sources: Vec<String> = scenario
        .snapshots
        .iter()
        .filter_map(|s| s.kms_key.as_deref())
        .filter_map(|k| ring.describe_in(k, scenario.ami_region()))
        .map(|k| k.arn)
        .collect();
    touched.extend(sources.iter().map(String::as_str));
    let mut plain = scenario.clone();
    let account = &scenario.account;
    for key in plain.account.keys.iter_mut().flatten() {
        let owner = match &key.owner {
            KeyOwner::Account(other) => other.as_str(),
            _ => account.id.as_str(),
        };
        let region = key.region.as_deref().unwrap_or(&account.region);
        let arn = format!("arn:aws:kms:{region}:{owner}:key/{}", key.id);
        if !touched.contains(arn.as_str()) {
            key.usable = true;
            key.state = KeyState::Enabled;
            key.auto_scaling = false;
        }
    }
    plain
}

/// The scenario as JSON with every device name blanked (each snapshot kept with its mapping) and
/// its lists sorted: equal for two scenarios that differ only in device names.
fn without_devices(scenario: &Scenario) -> String {
    let blank_mapping = |m: &LaunchMapping| {
        json(&LaunchMapping {
            device: String::new(),
            ..m.clone()
        })
    };
    let mut snapshots: Vec<String> = scenario
        .snapshots
        .iter()
        .map(|snapshot| {
            let blank = Snapshot {
                device: String::new(),
                ..snapshot.clone()
            };
            let mapping = scenario.launch_mapping(&snapshot.device);
            format!(
                "{}/{}",
                json(&blank),
                mapping.map(blank_mapping).unwrap_or_default()
            )
        })
        .collect();
    let mut extra: Vec<String> = scenario
        .launch
        .iter()
        .filter(|m| scenario.snapshots.iter().all(|s| s.device != m.device))
        .map(blank_mapping)
        .collect();
    snapshots.sort();
    extra.sort();
    let rest = Scenario {
        snapshots: Vec::new(),
        launch: Vec::new(),
        ..scenario.clone()
    };
    format!(
        "{}|{}|{}",
        json(&rest),
        snapshots.join(","),
        extra.join(",")
    )
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
