//! The answer form as data: what the learner has chosen, and the [`Answer`] it makes. Pure, so that
//! "the form leaks nothing" and "a right form is marked right" are tested natively.

use ami_encryption_rules::quiz::{key_arn, key_choices, Answer, DeviceAnswer, Expected, Question};
use ami_encryption_rules::{Operation, Scenario};

/// What the learner says happens to the call as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    /// Accepted: then the learner says what each device becomes.
    GoesThrough,
    Refused,
    /// Accepted, then the instance terminates or the new AMI fails.
    FailsLater,
}

impl Call {
    pub const ALL: [Call; 3] = [Call::GoesThrough, Call::Refused, Call::FailsLater];

    /// The radio's value and the end of its text key.
    pub fn id(self) -> &'static str {
        match self {
            Call::GoesThrough => "goes-through",
            Call::Refused => "refused",
            Call::FailsLater => "fails-later",
        }
    }

    /// The translation key of the radio's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Call::GoesThrough => "quiz.call.goes-through",
            Call::Refused => "quiz.call.refused",
            Call::FailsLater => "quiz.call.fails-later",
        }
    }
}

/// The learner's choices for one device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceForm {
    pub device: String,
    /// `None` until the learner picks "Encrypted" or "Not encrypted".
    pub encrypted: Option<bool>,
    /// One of [`key_choices`]; empty until chosen. Kept while "Not encrypted" is picked, so that
    /// switching back does not lose it.
    pub key: String,
}

/// The whole form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub call: Option<Call>,
    /// One per device of [`devices`], whatever the answer: the form must not give it away.
    pub devices: Vec<DeviceForm>,
}

/// What is still missing before the answer can be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Nothing is chosen for the call.
    Call,
    /// "Encrypted" or "Not encrypted" is not chosen for this device.
    State(String),
    /// "Encrypted" without a key, for this device.
    Key(String),
}

impl Missing {
    /// The translation key of the message, which names the device as `{device}`.
    pub fn text_key(&self) -> &'static str {
        match self {
            Missing::Call => "quiz.missing.call",
            Missing::State(_) => "quiz.missing.state",
            Missing::Key(_) => "quiz.missing.key",
        }
    }

    pub fn device(&self) -> &str {
        match self {
            Missing::Call => "",
            Missing::State(d) | Missing::Key(d) => d,
        }
    }
}

/// The devices the learner answers for, as the picture draws them: the AMI's snapshots, then, for
/// a launch, the new volumes the mappings add. They come from the scenario alone, never from the
/// expected answer.
pub fn devices(scenario: &Scenario) -> Vec<String> {
    let mut devices: Vec<String> = scenario
        .snapshots
        .iter()
        .map(|s| s.device.clone())
        .collect();
    if scenario.operation == Operation::Launch {
        devices.extend(crate::edit::new_volume_devices(scenario));
    }
    devices
}

impl Form {
    /// An empty form for a scenario: nothing chosen.
    pub fn new(scenario: &Scenario) -> Form {
        Form {
            call: None,
            devices: devices(scenario)
                .into_iter()
                .map(|device| DeviceForm {
                    device,
                    encrypted: None,
                    key: String::new(),
                })
                .collect(),
        }
    }

    /// The answer this form gives, or the first thing missing.
    pub fn answer(&self) -> Result<Answer, Missing> {
        match self.call {
            None => Err(Missing::Call),
            Some(Call::Refused) => Ok(Answer::Refused),
            Some(Call::FailsLater) => Ok(Answer::FailsLater),
            Some(Call::GoesThrough) => self
                .devices
                .iter()
                .map(|d| match d.encrypted {
                    None => Err(Missing::State(d.device.clone())),
                    Some(true) if d.key.is_empty() => Err(Missing::Key(d.device.clone())),
                    Some(encrypted) => Ok(DeviceAnswer {
                        device: d.device.clone(),
                        encrypted,
                        key: encrypted.then(|| d.key.clone()),
                    }),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Answer::Volumes),
        }
    }

    /// The form filled in with an answer already given (a run resumed after its question was
    /// checked), so that the learner sees what they answered.
    pub fn from_answer(scenario: &Scenario, answer: &Answer) -> Form {
        let mut form = Form::new(scenario);
        match answer {
            Answer::Refused => form.call = Some(Call::Refused),
            Answer::FailsLater => form.call = Some(Call::FailsLater),
            Answer::Volumes(given) => {
                form.call = Some(Call::GoesThrough);
                for d in &mut form.devices {
                    if let Some(g) = given.iter().find(|g| g.device == d.device) {
                        d.encrypted = Some(g.encrypted);
                        d.key = g.key.clone().unwrap_or_default();
                    }
                }
            }
        }
        form
    }

    /// The form a learner who knows the answer fills in, choosing keys only from the list the page
    /// offers (the one that is the expected key). For tests, here and in the browser.
    pub fn answering(question: &Question) -> Form {
        let scenario = &question.scenario;
        let mut form = Form::new(scenario);
        match &question.expected {
            Expected::Refused { .. } => form.call = Some(Call::Refused),
            Expected::FailsLater { .. } => form.call = Some(Call::FailsLater),
            Expected::Volumes(volumes) => {
                form.call = Some(Call::GoesThrough);
                for d in &mut form.devices {
                    if let Some(v) = volumes.iter().find(|v| v.device == d.device) {
                        d.encrypted = Some(v.encrypted);
                        d.key = v
                            .key
                            .as_deref()
                            .and_then(|key| choice_for(scenario, key))
                            .unwrap_or_default();
                    }
                }
            }
        }
        form
    }
}

/// The entry of [`key_choices`] that names the same key as `key` (compared by ARN, as `check`
/// compares them).
pub fn choice_for(scenario: &Scenario, key: &str) -> Option<String> {
    let wanted = key_arn(scenario, key)?;
    key_choices(scenario)
        .into_iter()
        .find(|c| key_arn(scenario, c).as_deref() == Some(wanted.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::quiz::{check, questions, Level};

    const SEEDS: [u64; 4] = [0, 7, 4821, 99_999];

    fn every_question() -> impl Iterator<Item = Question> {
        Level::ALL.into_iter().flat_map(|level| {
            SEEDS
                .into_iter()
                .flat_map(move |seed| questions(level, seed, 12))
        })
    }

    /// The form asks about the devices of the picture, and those are exactly the devices the
    /// engine answers for: never fewer or more depending on the answer.
    #[test]
    fn the_form_s_devices_are_the_scenario_s_devices() {
        let mut checked = 0;
        for question in every_question() {
            let form = Form::new(&question.scenario);
            let shown: Vec<&str> = form.devices.iter().map(|d| d.device.as_str()).collect();
            assert!(!shown.is_empty());
            if let Expected::Volumes(volumes) = &question.expected {
                let mut expected: Vec<&str> = volumes.iter().map(|v| v.device.as_str()).collect();
                let mut sorted = shown.clone();
                expected.sort_unstable();
                sorted.sort_unstable();
                assert_eq!(sorted, expected, "{:?}", question.scenario);
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} questions with volumes");
    }

    /// A learner who gives the expected answer, with keys from the page's list, is right; and
    /// every expected key is in that list.
    #[test]
    fn a_form_matching_the_expected_answer_is_correct() {
        for question in every_question() {
            if let Expected::Volumes(volumes) = &question.expected {
                for v in volumes.iter().filter(|v| v.encrypted) {
                    let key = v.key.as_deref().expect("an encrypted volume has a key");
                    assert!(
                        choice_for(&question.scenario, key).is_some(),
                        "{key} is not offered for {:?}",
                        question.scenario
                    );
                }
            }
            let answer = Form::answering(&question).answer().expect("complete");
            assert!(check(&question, &answer).correct, "{question:?}");
            // And a form reopened from that answer gives it again.
            let again = Form::from_answer(&question.scenario, &answer);
            assert_eq!(again.answer(), Ok(answer));
        }
    }

    #[test]
    fn a_wrong_or_incomplete_form_is_not_correct() {
        for question in every_question().take(40) {
            let mut form = Form::answering(&question);
            let wrong = match form.call {
                Some(Call::GoesThrough) => {
                    let d = &mut form.devices[0];
                    let right = d.encrypted.unwrap();
                    d.encrypted = Some(!right);
                    if d.key.is_empty() {
                        d.key = key_choices(&question.scenario)[0].clone();
                    }
                    // A contested cell may accept the flip: then that is the other reading.
                    form.answer().unwrap()
                }
                _ => Answer::Volumes(Vec::new()),
            };
            let verdict = check(&question, &wrong);
            if !question.level.is_contested() {
                assert!(!verdict.correct, "{question:?}");
            }
        }
        let question = questions(Level::LaunchBasics, 1, 1).remove(0);
        let mut form = Form::new(&question.scenario);
        assert_eq!(form.answer(), Err(Missing::Call));
        form.call = Some(Call::GoesThrough);
        assert_eq!(form.answer(), Err(Missing::State("/dev/xvda".into())));
        form.devices[0].encrypted = Some(true);
        assert_eq!(form.answer(), Err(Missing::Key("/dev/xvda".into())));
        form.call = Some(Call::Refused);
        assert_eq!(form.answer(), Ok(Answer::Refused));
    }
}
