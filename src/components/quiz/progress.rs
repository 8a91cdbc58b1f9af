//! What the quiz remembers in the browser: the streak, each level's progress, and the run in
//! progress (so that a reload resumes at the same question). One local storage key, JSON.
//!
//! Saved data is never trusted: anything unreadable, or a run that does not fit its level, is a
//! fresh start rather than a panic (a panic in wasm kills the page).

use std::collections::BTreeMap;

use ami_encryption_rules::quiz::{check, distinct, questions, Answer, Level, Question};
use serde::{Deserialize, Serialize};

use super::start::QuizStart;

/// The local storage key, versioned with the format below.
pub const STORED: &str = "ami-explainer:quiz-progress:v1";

/// How many questions a run asks: ten, or fewer when the level has fewer distinct questions.
pub fn run_length(level: Level) -> usize {
    distinct(level).min(10)
}

/// The questions of a run, always the same for one level and seed.
pub fn run_questions(start: QuizStart) -> Vec<Question> {
    questions(start.level, start.seed, run_length(start.level))
}

/// Everything the quiz keeps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// Right answers in a row, across runs and levels.
    pub streak: u32,
    /// The longest streak so far.
    pub best_streak: u32,
    /// Each level's progress, by level id (an id this version does not know is kept, unused).
    pub levels: BTreeMap<String, LevelProgress>,
    /// The run in progress.
    pub run: Option<Run>,
}

/// One level's progress, over every run of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LevelProgress {
    /// Questions answered (checked), over every run.
    pub answered: u32,
    /// Of those, answered right.
    pub correct: u32,
    /// Whether a run of this level was answered to the end.
    pub finished: bool,
}

/// A run: its level and seed, where the learner is, and the answers checked so far (the score is
/// derived from them, so it cannot disagree with what the learner saw).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub level: Level,
    pub seed: u64,
    /// The question on screen; equal to the run's length once it is over.
    pub index: usize,
    /// The answers checked, one per question from the first. One more than `index` while the
    /// question on screen shows its answer.
    pub answers: Vec<Answer>,
}

impl Run {
    /// A run at its first question.
    pub fn new(start: QuizStart) -> Run {
        Run {
            level: start.level,
            seed: start.seed,
            index: 0,
            answers: Vec::new(),
        }
    }

    pub fn start(&self) -> QuizStart {
        QuizStart {
            level: self.level,
            seed: self.seed,
        }
    }

    /// Whether the question on screen has been checked.
    pub fn revealed(&self) -> bool {
        self.answers.len() > self.index
    }

    /// Whether every question has been answered and "Next" pressed on the last.
    pub fn over(&self) -> bool {
        self.index >= run_length(self.level)
    }

    /// Which checked answers were right, in order.
    pub fn results(&self, questions: &[Question]) -> Vec<bool> {
        questions
            .iter()
            .zip(&self.answers)
            .map(|(q, a)| check(q, a).correct)
            .collect()
    }

    /// Whether this run could have come from the page: an index and answers its level has room for.
    fn fits(&self) -> bool {
        let n = run_length(self.level);
        self.index <= n
            && self.answers.len() <= n
            && (self.answers.len() == self.index || self.answers.len() == self.index + 1)
    }
}

impl Progress {
    /// Reads saved progress; unreadable or impossible data is a fresh start.
    pub fn from_json(text: &str) -> Progress {
        let mut progress: Progress = serde_json::from_str(text).unwrap_or_default();
        if progress.run.as_ref().is_some_and(|run| !run.fits()) {
            progress.run = None;
        }
        progress.best_streak = progress.best_streak.max(progress.streak);
        progress
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The progress of `level`.
    pub fn level(&self, level: Level) -> LevelProgress {
        self.levels.get(level.id()).copied().unwrap_or_default()
    }

    /// Starts `start`'s run, unless it is the run in progress (a reload, or the same link again).
    pub fn begin(&mut self, start: QuizStart) {
        if self.run.as_ref().map(Run::start) != Some(start) {
            self.run = Some(Run::new(start));
        }
    }

    /// Records the learner's checked answer to the question on screen; whether it was right.
    /// A question already checked keeps its first answer (it counts once).
    pub fn record(&mut self, question: &Question, answer: Answer) -> Option<bool> {
        let run = self.run.as_mut()?;
        if run.revealed() || run.over() {
            return None;
        }
        let correct = check(question, &answer).correct;
        run.answers.push(answer);
        let level = run.level;
        let entry = self.levels.entry(level.id().to_owned()).or_default();
        entry.answered += 1;
        if correct {
            entry.correct += 1;
            self.streak += 1;
            self.best_streak = self.best_streak.max(self.streak);
        } else {
            self.streak = 0;
        }
        Some(correct)
    }

    /// Moves on from a checked question; past the last one the run is over and its level finished.
    pub fn next(&mut self) {
        let Some(run) = self.run.as_mut() else { return };
        if !run.revealed() {
            return;
        }
        run.index += 1;
        if run.over() {
            let level = run.level;
            self.levels
                .entry(level.id().to_owned())
                .or_default()
                .finished = true;
        }
    }
}

/// The saved progress, or a fresh start.
pub fn load() -> Progress {
    crate::browser::load(STORED)
        .map(|text| Progress::from_json(&text))
        .unwrap_or_default()
}

pub fn save(progress: &Progress) {
    crate::browser::save(STORED, &progress.to_json());
}

/// "Reset progress": forgets everything saved.
pub fn forget() {
    crate::browser::forget(STORED);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(level: Level, seed: u64) -> QuizStart {
        QuizStart { level, seed }
    }

    fn right_answer(question: &Question) -> Answer {
        super::super::form::Form::answering(question)
            .answer()
            .expect("a complete form")
    }

    #[test]
    fn progress_survives_a_round_trip() {
        let mut progress = Progress::default();
        let first = start(Level::Copy, 42);
        progress.begin(first);
        let questions = run_questions(first);
        assert_eq!(
            progress.record(&questions[0], right_answer(&questions[0])),
            Some(true)
        );
        progress.next();
        assert_eq!(
            progress.record(&questions[1], Answer::Volumes(Vec::new())),
            Some(false),
            "an empty answer to a question that expects volumes, or a refusal, is wrong"
        );
        let text = progress.to_json();
        let back = Progress::from_json(&text);
        assert_eq!(back, progress);
        let run = back.run.unwrap();
        assert_eq!((run.index, run.answers.len()), (1, 2));
        assert!(run.revealed());
        assert_eq!(run.results(&questions), [true, false]);
        assert_eq!(
            back.levels["copy"],
            LevelProgress {
                answered: 2,
                correct: 1,
                finished: false
            }
        );
        assert_eq!((back.streak, back.best_streak), (0, 1));
    }

    #[test]
    fn garbage_is_a_fresh_start() {
        for text in [
            "",
            "null",
            "[]",
            "{\"streak\": -1}",
            "{\"streak\": \"many\"}",
            "{\"run\": {\"level\": \"no-such-level\", \"seed\": 1, \"index\": 0, \"answers\": []}}",
            "{\"levels\": [1, 2]}",
            "not json at all",
            "{\"run\":",
        ] {
            assert_eq!(Progress::from_json(text), Progress::default(), "{text}");
        }
    }

    #[test]
    fn missing_fields_are_defaults_and_unknown_levels_are_kept() {
        let progress = Progress::from_json(
            "{\"streak\": 3, \"levels\": {\"later-level\": {\"answered\": 2}}}",
        );
        assert_eq!(progress.streak, 3);
        assert_eq!(
            progress.best_streak, 3,
            "a best streak is at least the streak"
        );
        assert_eq!(progress.levels["later-level"].answered, 2);
        assert_eq!(progress.level(Level::Copy), LevelProgress::default());
    }

    #[test]
    fn an_impossible_run_is_dropped() {
        for (index, answers) in [(11, 0), (0, 2), (5, 3)] {
            let run = Run {
                level: Level::Copy,
                seed: 1,
                index,
                answers: vec![Answer::Refused; answers],
            };
            let progress = Progress {
                run: Some(run),
                ..Progress::default()
            };
            assert_eq!(Progress::from_json(&progress.to_json()).run, None);
        }
    }

    #[test]
    fn a_question_counts_once_and_a_run_finishes_its_level() {
        let mut progress = Progress::default();
        let first = start(Level::LaunchBasics, 7);
        progress.begin(first);
        let questions = run_questions(first);
        assert_eq!(questions.len(), run_length(Level::LaunchBasics));
        for (i, question) in questions.iter().enumerate() {
            assert_eq!(
                progress.record(question, right_answer(question)),
                Some(true)
            );
            assert_eq!(progress.record(question, Answer::Refused), None, "{i}");
            assert!(!progress.level(Level::LaunchBasics).finished);
            progress.next();
        }
        let level = progress.level(Level::LaunchBasics);
        assert!(level.finished);
        assert_eq!(level.answered as usize, questions.len());
        assert_eq!(progress.best_streak as usize, questions.len());
        assert!(progress.run.as_ref().unwrap().over());
        // The same link again keeps the run; another link starts a new one.
        progress.begin(first);
        assert!(progress.run.as_ref().unwrap().over());
        progress.begin(start(Level::LaunchBasics, 8));
        assert_eq!(progress.run.as_ref().unwrap().index, 0);
    }
}
