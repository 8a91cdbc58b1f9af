//! The quiz: questions generated from the rules engine over the whole scenario space, in six
//! levels a trainer teaches in order ([`Level::ALL`]).
//!
//! A question is a scenario and the rule it teaches; the learner answers per volume (encrypted or
//! not, and with which of [`key_choices`]), or "refused", or "accepted, then fails". The expected
//! answer is what [`crate::resolve`] says; a contested cell also accepts the other documented
//! reading, and says which AWS page reads it so.
//!
//! Generation is seeded and deterministic: [`questions`] gives the same questions in the same order
//! for the same level and seed, on every machine. Within a level, every rule is asked once (in an
//! order shuffled by the seed) before any rule is asked again; within a rule, every scenario once
//! before any again; and never the same scenario twice in a row. No two scenarios of a level
//! differ only in device names, or only in the state or grants of keys the call does not use.
//!
//! Levels one to five never show a cell the engine marks contested; the contested level asks only
//! about such cells, and every contested volume's [`VolumeAnswer::also`] holds the other reading.

mod answer;
mod deal;
mod level;
mod pool;
mod rng;
mod space;

use serde::{Deserialize, Serialize};

use crate::{Rule, Scenario};

pub use answer::{
    key_arn, key_choices, Answer, DeviceAnswer, Expected, OtherReading, Reading, Verdict,
    VolumeAnswer,
};
pub use level::Level;
pub use space::{DATA, NEW, ROOT};

/// One question: a scenario, the rule it teaches, and the answer the engine gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub level: Level,
    pub scenario: Scenario,
    /// The rule this question teaches: the most advanced rule of its level that the scenario shows
    /// (for a refused or failing call, the rule that refuses it or makes it fail).
    pub rule: Rule,
    pub expected: Expected,
}

/// `count` questions of `level` for `seed`, always the same ones in the same order. The level's
/// rules are covered evenly (see the module documentation); a level with no question gives none.
pub fn questions(level: Level, seed: u64, count: usize) -> Vec<Question> {
    let pools = pool::pools(level);
    let sizes: Vec<usize> = pools.iter().map(|p| p.questions.len()).collect();
    // Each level shuffles differently for one seed.
    let salt = (level_index(level) as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    deal::deal(&sizes, seed ^ salt, count)
        .into_iter()
        .map(|(rule, question)| pools[rule].questions[question].clone())
        .collect()
}

/// How many distinct questions `level` can generate (each scenario of the level is one question).
pub fn distinct(level: Level) -> usize {
    pool::pools(level).iter().map(|p| p.questions.len()).sum()
}

/// How many distinct questions `level` can generate for each of its rules, in [`Level::rules`]
/// order.
pub fn distinct_per_rule(level: Level) -> Vec<(Rule, usize)> {
    pool::pools(level)
        .iter()
        .map(|p| (p.rule, p.questions.len()))
        .collect()
}

/// Marks a learner's answer to `question`.
pub fn check(question: &Question, answer: &Answer) -> Verdict {
    answer::mark(&question.scenario, &question.expected, answer)
}

fn level_index(level: Level) -> usize {
    Level::ALL.iter().position(|l| *l == level).unwrap_or(0)
}
