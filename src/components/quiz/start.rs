//! The value of `?quiz=…`: which level, and which seed, so that a trainer's link gives every
//! learner the same questions in the same order. Pure, tested natively.

use ami_encryption_rules::quiz::Level;

/// A run of the quiz as a link names it: `<level-id>.<seed>`, such as `launch-basics.4821`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuizStart {
    pub level: Level,
    /// The seed of [`ami_encryption_rules::quiz::questions`]: the same seed, the same questions.
    pub seed: u64,
}

/// What a `?quiz=` value asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuizLink {
    /// A level and a seed: exactly these questions.
    Start(QuizStart),
    /// No seed (`?quiz=copy`, or `?quiz=` with no level): the caller picks a new seed and writes it
    /// into the address, so that the address a trainer copies carries it. `None`: no level either.
    NewSeed(Option<Level>),
}

/// Why a `?quiz=` value names no run. Each has a message, in every language (`text_key`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartError {
    /// The part before the dot is no level's id.
    UnknownLevel(String),
    /// The part after the dot is not a whole number from 0 to 2⁶⁴−1.
    BadSeed(String),
    /// More than `<level>.<seed>`.
    ExtraParts,
}

impl StartError {
    /// The translation key of the message that says what is wrong with the link.
    pub fn text_key(&self) -> &'static str {
        match self {
            StartError::UnknownLevel(_) => "quiz.link.unknown-level",
            StartError::BadSeed(_) => "quiz.link.bad-seed",
            StartError::ExtraParts => "quiz.link.extra-parts",
        }
    }

    /// What the message quotes from the link (`{value}`).
    pub fn value(&self) -> &str {
        match self {
            StartError::UnknownLevel(v) | StartError::BadSeed(v) => v,
            StartError::ExtraParts => "",
        }
    }
}

impl QuizStart {
    /// Reads a `?quiz=` value. Never panics: a value that names no run is a [`StartError`].
    pub fn parse(value: &str) -> Result<QuizLink, StartError> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(QuizLink::NewSeed(None));
        }
        let mut parts = value.split('.');
        let level_id = parts.next().unwrap_or_default();
        let seed = parts.next();
        if parts.next().is_some() {
            return Err(StartError::ExtraParts);
        }
        let level = Level::from_id(level_id)
            .ok_or_else(|| StartError::UnknownLevel(level_id.to_owned()))?;
        match seed {
            None => Ok(QuizLink::NewSeed(Some(level))),
            // Digits only: `+7` or ` 7` would give a second spelling of the same link.
            Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s
                .parse::<u64>()
                .map(|seed| QuizLink::Start(QuizStart { level, seed }))
                .map_err(|_| StartError::BadSeed(s.to_owned())),
            Some(s) => Err(StartError::BadSeed(s.to_owned())),
        }
    }

    /// The `?quiz=` value for this run.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.level.id(), self.seed)
    }
}

/// The largest seed the page picks: short enough to read out in a classroom.
pub const SEED_RANGE: u64 = 100_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_and_seed_round_trips() {
        for level in Level::ALL {
            for seed in [0, 7, 4821, u64::MAX] {
                let start = QuizStart { level, seed };
                assert_eq!(
                    QuizStart::parse(&start.encode()),
                    Ok(QuizLink::Start(start))
                );
            }
        }
        assert_eq!(
            QuizStart {
                level: Level::LaunchBasics,
                seed: 4821
            }
            .encode(),
            "launch-basics.4821"
        );
    }

    #[test]
    fn a_level_alone_or_nothing_asks_for_a_new_seed() {
        assert_eq!(
            QuizStart::parse("copy"),
            Ok(QuizLink::NewSeed(Some(Level::Copy)))
        );
        assert_eq!(QuizStart::parse(""), Ok(QuizLink::NewSeed(None)));
        assert_eq!(QuizStart::parse("  "), Ok(QuizLink::NewSeed(None)));
    }

    #[test]
    fn an_unknown_level_is_an_error() {
        let error = QuizStart::parse("launch.7").unwrap_err();
        assert_eq!(error, StartError::UnknownLevel("launch".into()));
        assert_eq!(error.text_key(), "quiz.link.unknown-level");
        assert_eq!(error.value(), "launch");
        assert_eq!(
            QuizStart::parse("Copy.7"),
            Err(StartError::UnknownLevel("Copy".into())),
            "ids are lower case"
        );
    }

    #[test]
    fn a_seed_that_is_not_a_whole_number_is_an_error() {
        for seed in ["", "x", "-1", "+7", "7.5e3", "18446744073709551616", "٣"] {
            let value = format!("copy.{seed}");
            let result = QuizStart::parse(&value);
            // "7.5e3" has a third part: that is its error.
            if seed.contains('.') {
                assert_eq!(result, Err(StartError::ExtraParts), "{value}");
            } else {
                assert_eq!(result, Err(StartError::BadSeed(seed.into())), "{value}");
                assert_eq!(result.unwrap_err().text_key(), "quiz.link.bad-seed");
            }
        }
    }

    #[test]
    fn extra_parts_are_an_error() {
        assert_eq!(QuizStart::parse("copy.7.8"), Err(StartError::ExtraParts));
        assert_eq!(QuizStart::parse("copy.7."), Err(StartError::ExtraParts));
        assert_eq!(
            QuizStart::parse("copy.7.8").unwrap_err().text_key(),
            "quiz.link.extra-parts"
        );
    }
}
