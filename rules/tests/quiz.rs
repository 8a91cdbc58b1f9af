//! The quiz generator: seeded, covering each level's rules evenly, and always expecting what the
//! engine says (both readings of a contested cell, and only those).

use std::collections::HashSet;

use ami_encryption_rules::quiz::{
    check, distinct, distinct_per_rule, key_arn, key_choices, questions, Answer, DeviceAnswer,
    Expected, Level, Question, Reading,
};
use ami_encryption_rules::{resolve, Status};

const SEEDS: std::ops::Range<u64> = 0..40;

fn right_answer(question: &Question) -> Answer {
    match &question.expected {
        Expected::Refused { .. } => Answer::Refused,
        Expected::FailsLater { .. } => Answer::FailsLater,
        Expected::Volumes(volumes) => Answer::Volumes(
            volumes
                .iter()
                .map(|v| DeviceAnswer {
                    device: v.device.clone(),
                    encrypted: v.encrypted,
                    key: v.key.clone(),
                })
                .collect(),
        ),
    }
}

#[test]
fn the_same_seed_gives_the_same_questions_and_other_seeds_another_order() {
    for level in Level::ALL {
        let a = questions(level, 42, 30);
        assert_eq!(a, questions(level, 42, 30), "{}", level.id());
        assert_eq!(a.len(), 30);
        // A longer quiz starts with the shorter one.
        assert_eq!(a[..10], questions(level, 42, 10)[..], "{}", level.id());
        let differ = (0..5u64).filter(|&s| questions(level, s, 30) != a).count();
        assert!(differ >= 4, "{}: other seeds repeat seed 42", level.id());
    }
}

#[test]
fn every_rule_of_a_level_is_asked_once_before_any_is_asked_again() {
    for level in Level::ALL {
        let rules = level.rules();
        for seed in SEEDS {
            let asked = questions(level, seed, rules.len() * 3);
            for round in asked.chunks(rules.len()) {
                let seen: HashSet<_> = round.iter().map(|q| q.rule).collect();
                assert_eq!(seen.len(), rules.len(), "{} seed {seed}", level.id());
                assert!(round.iter().all(|q| rules.contains(&q.rule)));
                assert!(round.iter().all(|q| q.level == level));
            }
        }
    }
}

#[test]
fn a_rule_repeats_no_scenario_before_using_all_and_never_twice_in_a_row() {
    for level in Level::ALL {
        let per_rule = distinct_per_rule(level);
        let count = 200;
        for seed in 0..5 {
            let asked = questions(level, seed, count);
            for pair in asked.windows(2) {
                assert_ne!(pair[0].scenario, pair[1].scenario, "{}", level.id());
            }
            for &(rule, size) in &per_rule {
                let of_rule: Vec<_> = asked.iter().filter(|q| q.rule == rule).collect();
                let first = &of_rule[..of_rule.len().min(size)];
                let unique: HashSet<String> = first
                    .iter()
                    .map(|q| serde_json::to_string(&q.scenario).unwrap())
                    .collect();
                assert_eq!(unique.len(), first.len(), "{} {}", level.id(), rule.id());
            }
        }
    }
}

#[test]
fn every_question_expects_what_resolve_says() {
    for level in Level::ALL {
        for seed in SEEDS {
            for question in questions(level, seed, 60) {
                let outcome = resolve(&question.scenario);
                let scenario = &question.scenario;
                let arn = |key: &Option<String>| key.as_ref().and_then(|k| key_arn(scenario, k));
                match &question.expected {
                    Expected::Refused { code, rule } => {
                        assert_eq!(outcome.status, Status::Error);
                        let error = outcome.error.as_ref().unwrap();
                        assert_eq!((code, *rule), (&error.code, error.rule));
                    }
                    Expected::FailsLater { code, rule } => {
                        assert_eq!(outcome.status, Status::FailsLater);
                        let failure = outcome.failure.as_ref().unwrap();
                        assert_eq!((code, *rule), (&failure.code, failure.rule));
                    }
                    Expected::Volumes(volumes) => {
                        assert_eq!(outcome.status, Status::Ok);
                        assert_eq!(volumes.len(), outcome.volumes.len());
                        for (expected, volume) in volumes.iter().zip(&outcome.volumes) {
                            assert_eq!(expected.device, volume.device);
                            assert_eq!(expected.encrypted, volume.encrypted);
                            assert_eq!(expected.rule, volume.rule);
                            assert_eq!(arn(&expected.key), volume.kms_key_arn);
                            // The key is one the learner can choose.
                            if let Some(key) = &expected.key {
                                assert!(key_choices(scenario).contains(key), "{key}");
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn contested_cells_accept_both_readings_and_only_there() {
    let mut other_readings = 0;
    for level in Level::ALL {
        for seed in SEEDS {
            for question in questions(level, seed, 30) {
                let outcome = resolve(&question.scenario);
                let Expected::Volumes(volumes) = &question.expected else {
                    assert!(outcome.volumes.iter().all(|v| v.alternative.is_none()));
                    continue;
                };
                let contested = outcome.volumes.iter().any(|v| v.alternative.is_some());
                assert_eq!(contested, level == Level::Contested, "{}", level.id());
                for (expected, volume) in volumes.iter().zip(&outcome.volumes) {
                    let Some(alternative) = &volume.alternative else {
                        assert!(expected.also.is_none());
                        continue;
                    };
                    let also = expected.also.as_ref().expect("both readings");
                    assert_eq!(also.source, alternative.source);
                    assert_eq!(
                        also.key
                            .as_ref()
                            .and_then(|k| key_arn(&question.scenario, k)),
                        alternative.kms_key_arn
                    );
                    // The other reading is right for this device.
                    let Answer::Volumes(mut answer) = right_answer(&question) else {
                        unreachable!()
                    };
                    let at = answer
                        .iter()
                        .position(|d| d.device == expected.device)
                        .unwrap();
                    answer[at].encrypted = also.encrypted;
                    answer[at].key = also.key.clone();
                    let verdict = check(&question, &Answer::Volumes(answer.clone()));
                    assert!(verdict.correct);
                    assert_eq!(verdict.devices[at], Some(Reading::Other));
                    other_readings += 1;
                    // A third key is not.
                    let third = key_choices(&question.scenario).into_iter().find(|k| {
                        let arn = key_arn(&question.scenario, k);
                        arn != key_arn(&question.scenario, also.key.as_ref().unwrap())
                            && arn != volume.kms_key_arn
                    });
                    answer[at].key = third;
                    assert!(!check(&question, &Answer::Volumes(answer)).correct);
                }
            }
        }
    }
    assert!(other_readings > 0);
}

#[test]
fn check_marks_right_and_wrong_answers() {
    for level in Level::ALL {
        for question in questions(level, 7, 40) {
            let right = right_answer(&question);
            let verdict = check(&question, &right);
            assert!(verdict.correct, "{}", level.id());
            assert!(verdict.devices.iter().all(|r| *r == Some(Reading::Engine)));
            match &right {
                Answer::Refused => {
                    assert!(!check(&question, &Answer::FailsLater).correct);
                    assert!(!check(&question, &Answer::Volumes(vec![])).correct);
                }
                Answer::FailsLater => {
                    assert!(!check(&question, &Answer::Refused).correct);
                }
                Answer::Volumes(devices) => {
                    assert!(!check(&question, &Answer::Refused).correct);
                    assert!(!check(&question, &Answer::FailsLater).correct);
                    // A missing device is wrong.
                    let mut missing = devices.clone();
                    missing.pop();
                    assert!(!check(&question, &Answer::Volumes(missing)).correct);
                    // Flipping a device's encryption is wrong, unless the other reading says so.
                    let mut flipped = devices.clone();
                    flipped[0].encrypted = !flipped[0].encrypted;
                    flipped[0].key = flipped[0]
                        .encrypted
                        .then(|| key_choices(&question.scenario)[0].clone());
                    let verdict = check(&question, &Answer::Volumes(flipped));
                    let Expected::Volumes(volumes) = &question.expected else {
                        unreachable!()
                    };
                    if volumes[0].also.as_ref().map(|o| o.encrypted) != Some(!volumes[0].encrypted)
                    {
                        assert!(!verdict.correct);
                        assert_eq!(verdict.devices[0], None);
                    }
                    // An encrypted volume with another key is wrong.
                    if let Some(key) = &volumes[0].key {
                        let mut other = devices.clone();
                        let others: Vec<String> = key_choices(&question.scenario)
                            .into_iter()
                            .filter(|k| {
                                let arn = key_arn(&question.scenario, k);
                                arn != key_arn(&question.scenario, key)
                                    && volumes[0].also.as_ref().is_none_or(|o| {
                                        o.key.as_ref().and_then(|k| key_arn(&question.scenario, k))
                                            != arn
                                    })
                            })
                            .collect();
                        other[0].key = others.first().cloned();
                        assert!(!check(&question, &Answer::Volumes(other)).correct);
                    }
                }
            }
        }
    }
}

#[test]
fn a_key_may_be_named_by_any_of_its_identifiers() {
    let question = questions(Level::LaunchBasics, 1, 200)
        .into_iter()
        .find(|q| {
            matches!(&q.expected, Expected::Volumes(v) if v[0].key.as_deref() == Some("alias/team"))
        })
        .expect("a question whose first volume uses alias/team");
    let Answer::Volumes(mut answer) = right_answer(&question) else {
        unreachable!()
    };
    let keys = question.scenario.account.keys.as_ref().unwrap();
    let team = keys
        .iter()
        .find(|k| k.alias.as_deref() == Some("alias/team"))
        .unwrap();
    answer[0].key = Some(team.id.clone());
    assert!(check(&question, &Answer::Volumes(answer.clone())).correct);
    answer[0].key = Some(format!(
        "arn:aws:kms:us-east-1:123456789012:key/{}",
        team.id
    ));
    assert!(check(&question, &Answer::Volumes(answer)).correct);
}

#[test]
fn every_level_has_questions_for_every_rule_and_distinct_scenarios() {
    let minimum = [100, 20, 50, 200, 50, 20];
    for (level, minimum) in Level::ALL.into_iter().zip(minimum) {
        let n = distinct(level);
        eprintln!("{:<28} {n:>5} distinct questions", level.id());
        for (rule, count) in distinct_per_rule(level) {
            eprintln!("    {:<40} {count}", rule.id());
            assert!(count > 0, "{}: no question for {}", level.id(), rule.id());
        }
        assert!(n >= minimum, "{}: {n}", level.id());
        // Dealing enough questions of a level asks every one of them.
        let largest = distinct_per_rule(level).iter().map(|p| p.1).max().unwrap();
        let all: HashSet<String> = questions(level, 3, largest * level.rules().len())
            .iter()
            .map(|q| serde_json::to_string(&q.scenario).unwrap())
            .collect();
        assert_eq!(all.len(), n, "{}", level.id());
    }
}

#[test]
fn every_question_scenario_passes_the_scenario_checks() {
    for level in Level::ALL {
        for question in questions(level, 11, distinct(level)) {
            assert!(
                ami_encryption_rules::check(&question.scenario).is_empty(),
                "{}",
                level.id()
            );
        }
    }
}

#[test]
fn level_ids_round_trip() {
    for level in Level::ALL {
        assert_eq!(Level::from_id(level.id()), Some(level));
        let json = serde_json::to_string(&level).unwrap();
        assert_eq!(json, format!("\"{}\"", level.id()));
    }
}
