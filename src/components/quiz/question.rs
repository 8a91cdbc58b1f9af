//! One question: its scenario (the picture with the outcome hidden, and what the picture does not
//! show), the answer form, "Check answer", and once checked, the picture with the outcome and the
//! answer explained.
//!
//! The question provides its own explainer context, so that the picture and the sentences show the
//! question's scenario, not the page's; the page's explainer is the parent (its language is shared).

use ami_encryption_rules::quiz::{check, key_choices, Answer, Question, Verdict};
use ami_encryption_rules::Scenario;
use leptos::prelude::*;

use super::facts::facts;
use super::form::{Call, Form, Missing};
use super::reveal::{Reveal, RESULT_HEADING};
use crate::browser;
use crate::components::diagram::Diagram;
use crate::explain;
use crate::state::{use_explainer, Explainer};

/// The id of the question's heading, where focus lands on "Next question".
pub const QUESTION_HEADING: &str = "quiz-question-heading";

/// What the status region says.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    Correct,
    NotQuite,
    Missing(Missing),
}

#[component]
pub fn QuestionCard(
    /// The question asked.
    question: Question,
    /// Its place in the run, from 1.
    number: usize,
    /// How many questions the run asks.
    total: usize,
    /// The answer already checked, when a reload resumes a run at a checked question.
    checked: Option<Answer>,
    /// Whether the picture stacks vertically (narrow screens).
    #[prop(into)]
    compact: Signal<bool>,
    /// Called once with the learner's answer when it is checked.
    on_check: Callback<Answer>,
    /// "Next question" (or, on the last question, "See the summary").
    on_next: Callback<()>,
    /// "Open in the explainer": the question's scenario, for the page to load.
    on_open: Callback<Scenario>,
) -> impl IntoView {
    let page = use_explainer();
    let scenario = question.scenario.clone();
    let local = Explainer {
        lang: page.lang,
        ..Explainer::with_lang(scenario.clone(), page.lang.get_untracked())
    };
    provide_context(local);
    let lang = page.lang;

    let form = RwSignal::new(match &checked {
        Some(answer) => Form::from_answer(&scenario, answer),
        None => Form::new(&scenario),
    });
    let revealed = RwSignal::new(checked.map(|answer| {
        let verdict = check(&question, &answer);
        (answer, verdict)
    }));
    let status = RwSignal::new(revealed.with_untracked(|r| {
        r.as_ref().map(|(_, v)| {
            if v.correct {
                Status::Correct
            } else {
                Status::NotQuite
            }
        })
    }));
    let hidden = Signal::derive(move || revealed.with(Option::is_none));
    let last = number == total;

    let question_for_check = question.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if revealed.with_untracked(Option::is_some) {
            return;
        }
        match form.with_untracked(Form::answer) {
            Err(missing) => status.set(Some(Status::Missing(missing))),
            Ok(answer) => {
                let verdict: Verdict = check(&question_for_check, &answer);
                status.set(Some(if verdict.correct {
                    Status::Correct
                } else {
                    Status::NotQuite
                }));
                revealed.set(Some((answer.clone(), verdict)));
                on_check.run(answer);
                request_animation_frame(|| browser::focus(RESULT_HEADING));
            }
        }
    };

    let status_text = move || {
        let lang = lang.get();
        status.get().map(|s| match s {
            Status::Correct => view! { <span class="quiz-mark right"><span aria-hidden="true">"✓ "</span>{lang.t("quiz.status.correct")}</span> }.into_any(),
            Status::NotQuite => view! { <span class="quiz-mark wrong"><span aria-hidden="true">"✗ "</span>{lang.t("quiz.status.not-quite")}</span> }.into_any(),
            Status::Missing(m) => view! { <span>{lang.fill(m.text_key(), &[("device", m.device())])}</span> }.into_any(),
        })
    };

    let lines = {
        let scenario = scenario.clone();
        move || {
            facts(lang.get(), &scenario)
                .into_iter()
                .map(|line| view! { <li>{line}</li> })
                .collect_view()
        }
    };

    let call_radios = move || {
        let lang = lang.get();
        Call::ALL
            .into_iter()
            .map(|call| {
                view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name="quiz-call"
                            value=call.id()
                            prop:checked=move || form.with(|f| f.call == Some(call))
                            on:change=move |_| form.update(|f| f.call = Some(call))
                        />
                        <span>{lang.t(call.label_key())}</span>
                    </label>
                }
            })
            .collect_view()
    };

    let choices = key_choices(&scenario);
    let device_count = form.with_untracked(|f| f.devices.len());
    let device_fieldsets = move || {
        let lang = lang.get();
        (0..device_count)
            .map(|i| {
                let device = form.with_untracked(|f| f.devices[i].device.clone());
                let encrypted = move || form.with(|f| f.devices[i].encrypted);
                let set_encrypted = move |value: bool| form.update(|f| f.devices[i].encrypted = Some(value));
                let options = choices
                    .iter()
                    .map(|choice| {
                        let value = choice.clone();
                        let label = explain::key_choice_label(&local, choice);
                        let selected = move || form.with(|f| f.devices[i].key == value);
                        view! { <option value=choice.clone() prop:selected=selected>{label}</option> }
                    })
                    .collect_view();
                view! {
                    <fieldset class="quiz-device">
                        <legend>{lang.fill("quiz.device.legend", &[("device", &device)])}</legend>
                        <div class="choices">
                            <label class="choice">
                                <input type="radio" name=format!("quiz-state-{i}") value="encrypted"
                                    prop:checked=move || encrypted() == Some(true)
                                    on:change=move |_| set_encrypted(true) />
                                <span>{lang.t("quiz.device.encrypted")}</span>
                            </label>
                            <label class="choice">
                                <input type="radio" name=format!("quiz-state-{i}") value="not-encrypted"
                                    prop:checked=move || encrypted() == Some(false)
                                    on:change=move |_| set_encrypted(false) />
                                <span>{lang.t("quiz.device.not-encrypted")}</span>
                            </label>
                        </div>
                        <label class="field quiz-key">
                            <span>{lang.t("quiz.device.key")}</span>
                            <select
                                prop:disabled=move || encrypted() != Some(true)
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    form.update(|f| f.devices[i].key = value);
                                }
                            >
                                <option value="" prop:selected=move || form.with(|f| f.devices[i].key.is_empty())>
                                    {lang.t("quiz.device.choose-key")}
                                </option>
                                {options}
                            </select>
                        </label>
                    </fieldset>
                }
            })
            .collect_view()
    };
    // A memo: the fieldsets are rebuilt when "Goes through" is chosen or left, not on every click.
    let goes_through = Memo::new(move |_| form.with(|f| f.call == Some(Call::GoesThrough)));

    let reveal = {
        let question = question.clone();
        move || {
            revealed.get().map(|(answer, verdict)| {
                let correct = verdict.correct;
                view! {
                    <section class="quiz-result" aria-labelledby=RESULT_HEADING>
                        <h3 id=RESULT_HEADING tabindex="-1">
                            {move || lang.get().t(if correct { "quiz.result.correct" } else { "quiz.result.not-quite" })}
                        </h3>
                        <Reveal question=question.clone() answer=answer verdict=verdict.clone() />
                    </section>
                }
            })
        }
    };

    let open_scenario = scenario.clone();
    let heading = move || {
        lang.get().fill(
            "quiz.question.heading",
            &[("n", &number.to_string()), ("total", &total.to_string())],
        )
    };
    view! {
        <article class="quiz-question card" aria-labelledby=QUESTION_HEADING>
            <h3 id=QUESTION_HEADING tabindex="-1">{heading}</h3>
            <p class="quiz-prompt">{move || lang.get().t("quiz.question.prompt")}</p>
            <Diagram compact=compact hide_outcome=hidden id="quiz-diagram" />
            <h4>{move || lang.get().t("quiz.facts.heading")}</h4>
            <ul class="quiz-facts">{lines}</ul>
            <form class="quiz-form" on:submit=on_submit>
                // Once checked, the answer stays as given: the whole form is disabled.
                <fieldset class="quiz-answer" prop:disabled=move || revealed.with(Option::is_some)>
                    <fieldset class="quiz-call">
                        <legend>{move || lang.get().t("quiz.call.legend")}</legend>
                        <div class="choices">{call_radios}</div>
                    </fieldset>
                    {move || goes_through.get().then(&device_fieldsets)}
                    <div class="quiz-actions">
                        <button type="submit" class="button primary">{move || lang.get().t("quiz.check")}</button>
                    </div>
                </fieldset>
            </form>
            <p id="quiz-status" class="quiz-status" role="status">{status_text}</p>
            {reveal}
            <div class="quiz-actions">
                <button type="button" class="button primary" id="quiz-next"
                    prop:disabled=move || revealed.with(Option::is_none)
                    on:click=move |_| on_next.run(())>
                    {move || lang.get().t(if last { "quiz.finish" } else { "quiz.next" })}
                </button>
                <Show when=move || revealed.with(Option::is_some)>
                    <button type="button" class="button" on:click={
                        let open_scenario = open_scenario.clone();
                        move |_| on_open.run(open_scenario.clone())
                    }>
                        {move || lang.get().t("quiz.open")}
                    </button>
                </Show>
            </div>
        </article>
    }
}
