//! The answer, once checked: for the whole call or for every volume, the right answer with its rule
//! in plain words, its basis, the AWS link and what in the scenario decided it; the learner's own
//! answer marked right or wrong; and for a contested cell, the other documented reading.
//!
//! It reads the question-local explainer (the question's scenario and its outcome), so the
//! sentences are the page's own (`crate::explain`).

use ami_encryption_rules::quiz::{Answer, DeviceAnswer, Expected, Question, Reading, Verdict};
use ami_encryption_rules::{Rule, Scenario};
use leptos::prelude::*;

use crate::components::outcome_table::basis_badge;
use crate::display::badge;
use crate::explain;
use crate::i18n::Lang;
use crate::state::use_explainer;

/// The id of the heading that focus moves to after "Check answer".
pub const RESULT_HEADING: &str = "quiz-result-heading";

/// A rule's name in plain words: the page's own (`rule.*`) where it has one, else the quiz's
/// (`quiz.rule.*`, for the rules that refuse a request or make it fail, which the page tells by
/// their error sentences).
pub fn rule_name(lang: Lang, rule: Rule) -> String {
    let own = format!("rule.{}", rule.id());
    if lang.t(&own) != own {
        explain::rule_title(lang, rule)
    } else {
        lang.fill(&format!("quiz.rule.{}", rule.id()), &[])
    }
}

/// The first AWS page behind a rule.
pub fn rule_link(rule: Rule) -> String {
    rule.sources()
        .first()
        .copied()
        .unwrap_or_default()
        .to_owned()
}

/// "Encrypted with alias/app" or "Not encrypted".
fn state_words(lang: Lang, scenario: &Scenario, encrypted: bool, key: Option<&str>) -> String {
    match (encrypted, key) {
        (true, Some(key)) => lang.fill(
            "quiz.state.encrypted-with",
            &[("key", &badge(scenario, key).full)],
        ),
        (true, None) => lang.t("quiz.state.encrypted").to_owned(),
        (false, _) => lang.t("quiz.state.not-encrypted").to_owned(),
    }
}

/// What the learner said about the call as a whole, in words.
fn answer_words(lang: Lang, answer: &Answer) -> &'static str {
    lang.t(match answer {
        Answer::Volumes(_) => "quiz.call.goes-through",
        Answer::Refused => "quiz.call.refused",
        Answer::FailsLater => "quiz.call.fails-later",
    })
}

/// ✓ or ✗ and a word: never colour alone.
fn mark(lang: Lang, right: bool) -> impl IntoView {
    let (class, symbol, word) = if right {
        ("quiz-mark right", "✓", "quiz.mark.right")
    } else {
        ("quiz-mark wrong", "✗", "quiz.mark.wrong")
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{symbol}</span>
            " "
            {lang.t(word)}
        </span>
    }
}

/// The revealed answer to `question`, for the learner's `answer`.
#[component]
pub fn Reveal(
    /// The question answered.
    question: Question,
    /// What the learner answered.
    answer: Answer,
    /// How the engine marked it.
    verdict: Verdict,
) -> impl IntoView {
    let local = use_explainer();
    move || {
        let lang = local.lang.get();
        let shown = local.outcome.get();
        let scenario = &shown.scenario;
        let outcome = &shown.outcome;
        let whole = match &question.expected {
            Expected::Volumes(_) => None,
            Expected::Refused { code, rule } | Expected::FailsLater { code, rule } => {
                let refused = matches!(question.expected, Expected::Refused { .. });
                let call = if scenario.operation == ami_encryption_rules::Operation::Launch {
                    "RunInstances"
                } else {
                    "CopyImage"
                };
                // What in the scenario decided it: the page's own sentence for this error.
                let sentence = match (&outcome.error, &outcome.failure) {
                    (Some(error), _) if refused => explain::error_sentence(lang, error),
                    (_, Some(failure)) => explain::failure_sentence(lang, scenario, failure),
                    _ => String::new(),
                };
                let title = lang.fill(
                    if refused {
                        "quiz.right.refused"
                    } else {
                        "quiz.right.fails-later"
                    },
                    &[("call", call)],
                );
                Some(view! {
                    <div class="quiz-whole">
                        <p class="quiz-yours">
                            {lang.labelled(lang.t("quiz.your-answer"), answer_words(lang, &answer))}
                            " " {mark(lang, verdict.correct)}
                        </p>
                        <p><strong>{title}</strong> " " <code class="error-code">{code.clone()}</code></p>
                        <p>{sentence}</p>
                        <p>
                            {lang.labelled(lang.t("quiz.rule"), &rule_name(lang, *rule))}
                            {lang.sentence_gap()}
                            <a href=rule_link(*rule) target="_blank" rel="noopener">{lang.t("link.aws-section")}</a>
                        </p>
                    </div>
                })
            }
        };
        let volumes = match &question.expected {
            Expected::Volumes(volumes) => volumes.clone(),
            _ => Vec::new(),
        };
        // The call went through but the learner said it would not: say so once, above the volumes.
        let wrong_call =
            (!volumes.is_empty() && !matches!(answer, Answer::Volumes(_))).then(|| {
                view! {
                    <p class="quiz-yours">
                        {lang.labelled(lang.t("quiz.your-answer"), answer_words(lang, &answer))}
                        " " {mark(lang, false)}
                        {lang.sentence_gap()}
                        {lang.t("quiz.right.goes-through")}
                    </p>
                }
            });
        let given: Vec<DeviceAnswer> = match &answer {
            Answer::Volumes(given) => given.clone(),
            _ => Vec::new(),
        };
        let items = volumes
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let reading = verdict.devices.get(i).copied().flatten();
                let volume = outcome.volume(&v.device).cloned();
                let yours = given.iter().find(|d| d.device == v.device).map(|d| {
                    view! {
                        <p class="quiz-yours">
                            {lang.labelled(
                                lang.t("quiz.your-answer"),
                                &state_words(lang, scenario, d.encrypted, d.key.as_deref()),
                            )}
                            " " {mark(lang, reading.is_some())}
                        </p>
                    }
                });
                let why = volume
                    .as_ref()
                    .map(|volume| explain::why(lang, scenario, volume))
                    .unwrap_or_default();
                let link = volume
                    .as_ref()
                    .and_then(|volume| volume.sources.first().cloned())
                    .unwrap_or_else(|| rule_link(v.rule));
                let other = v.also.as_ref().map(|also| {
                    let sentence = volume
                        .as_ref()
                        .and_then(|volume| volume.alternative.as_ref())
                        .map(|a| {
                            let key = a.kms_key.as_deref().map(|k| badge(scenario, k).full).unwrap_or_default();
                            lang.fill(
                                explain::contest_key(scenario, a),
                                &[("key", &key), ("region", scenario.ami_region())],
                            )
                        })
                        .unwrap_or_default();
                    let other_state = state_words(lang, scenario, also.encrypted, also.key.as_deref());
                    let took = (reading == Some(Reading::Other))
                        .then(|| view! { <p><strong>{lang.t("quiz.contested.yours-other")}</strong></p> });
                    view! {
                        <div class="quiz-contested">
                            <p>{lang.t("quiz.contested.either")}</p>
                            <p>{lang.labelled(lang.t("quiz.contested.other"), &other_state)}</p>
                            <p>{sentence} {lang.sentence_gap()}
                                <a href=also.source.clone() target="_blank" rel="noopener">{lang.t("link.other-page")}</a>
                            </p>
                            {took}
                        </div>
                    }
                });
                view! {
                    <li class="quiz-volume">
                        <h4><code>{v.device.clone()}</code></h4>
                        {yours}
                        <p class="quiz-right">
                            {lang.labelled(lang.t("quiz.right-answer"), &state_words(lang, scenario, v.encrypted, v.key.as_deref()))}
                        </p>
                        <p>
                            {lang.labelled(lang.t("quiz.rule"), &rule_name(lang, v.rule))}
                            " " {basis_badge(lang, v.basis)}
                        </p>
                        <p>{why}</p>
                        {other}
                        <p><a href=link target="_blank" rel="noopener">{lang.t("link.aws-section")}</a></p>
                    </li>
                }
            })
            .collect_view();
        view! {
            {whole}
            {wrong_call}
            <ul class="quiz-volumes">{items}</ul>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::quiz::{questions, Level};

    /// Every rule a question can teach or show has a name and a link, in both languages.
    #[test]
    fn every_rule_the_quiz_shows_has_a_name_and_a_link() {
        Lang::En.add_texts(include_str!("../../../locales/quiz.en.txt"));
        Lang::ZhTw.add_texts(include_str!("../../../locales/quiz.zh-TW.txt"));
        for level in Level::ALL {
            let mut rules: Vec<Rule> = level.rules().to_vec();
            for question in questions(level, 11, 40) {
                rules.push(question.rule);
                match &question.expected {
                    Expected::Volumes(volumes) => rules.extend(volumes.iter().map(|v| v.rule)),
                    Expected::Refused { rule, .. } | Expected::FailsLater { rule, .. } => {
                        rules.push(*rule)
                    }
                }
            }
            for rule in rules {
                for lang in Lang::ALL {
                    let name = rule_name(lang, rule);
                    assert!(
                        !name.starts_with("rule.") && !name.starts_with("quiz."),
                        "{}: no name for {}",
                        lang.tag(),
                        rule.id()
                    );
                }
                assert!(rule_link(rule).starts_with("https://"), "{}", rule.id());
            }
        }
    }
}
