//! The end of a run: the level, the score, the rules missed with their AWS links, and buttons to
//! copy the summary as plain text or print it (print CSS shows only the summary).

use ami_encryption_rules::quiz::{Level, Question};
use ami_encryption_rules::Rule;
use leptos::prelude::*;

use super::reveal::{rule_link, rule_name};
use super::start::QuizStart;
use crate::browser;
use crate::i18n::Lang;
use crate::state::use_explainer;

/// The id of the summary's heading, where focus lands when a run ends.
pub const SUMMARY_HEADING: &str = "quiz-summary-heading";

/// The level's name, in the reader's language.
pub fn level_name(lang: Lang, level: Level) -> String {
    lang.fill(&format!("quiz.level.{}", level.id()), &[])
}

/// The rules of the questions answered wrong, each once, in the order they were asked.
pub fn missed_rules(questions: &[Question], results: &[bool]) -> Vec<Rule> {
    let mut missed = Vec::new();
    for (question, right) in questions.iter().zip(results) {
        if !right && !missed.contains(&question.rule) {
            missed.push(question.rule);
        }
    }
    missed
}

/// The summary as plain text, for the clipboard: one fact per line, links written out.
pub fn summary_text(
    lang: Lang,
    level: Level,
    score: usize,
    total: usize,
    missed: &[Rule],
    link: &str,
) -> String {
    let mut lines = vec![
        lang.t("quiz.summary.title").to_owned(),
        lang.labelled(lang.t("quiz.summary.level"), &level_name(lang, level)),
        lang.fill(
            "quiz.summary.score",
            &[("score", &score.to_string()), ("total", &total.to_string())],
        ),
    ];
    if missed.is_empty() {
        lines.push(lang.t("quiz.summary.none-missed").to_owned());
    } else {
        lines.push(lang.t("quiz.summary.missed").to_owned());
        lines.extend(
            missed
                .iter()
                .map(|rule| format!("- {}: {}", rule_name(lang, *rule), rule_link(*rule))),
        );
    }
    if !link.is_empty() {
        lines.push(lang.labelled(lang.t("quiz.summary.link"), link));
    }
    lines.join("\n")
}

#[component]
pub fn Summary(
    /// The run: its level, and the seed that the link to the same questions carries.
    start: QuizStart,
    /// The run's questions.
    questions: Vec<Question>,
    /// Which answers were right, in order.
    results: Vec<bool>,
    /// "New questions": the same level with a new seed.
    on_again: Callback<()>,
    /// "Next level", when there is one.
    on_next_level: Option<Callback<()>>,
) -> impl IntoView {
    let explainer = use_explainer();
    let level = start.level;
    let total = questions.len();
    let score = results.iter().filter(|r| **r).count();
    let missed = missed_rules(&questions, &results);
    let copied = RwSignal::new(None::<&'static str>);

    let missed_for_copy = missed.clone();
    let copy = move |_| {
        let lang = explainer.lang.get_untracked();
        // The link gives the same questions: a trainer can hand it on with the summary.
        let link = browser::url_with(&[(super::QUERY, Some(&start.encode()))]).unwrap_or_default();
        let text = summary_text(lang, level, score, total, &missed_for_copy, &link);
        leptos::task::spawn_local(async move {
            copied.set(Some(if browser::copy_text(&text).await {
                "quiz.summary.copied"
            } else {
                "quiz.summary.copy-failed"
            }));
        });
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let items = move || {
        let lang = explainer.lang.get();
        missed
            .iter()
            .map(|rule| {
                view! {
                    <li>
                        {rule_name(lang, *rule)} {lang.sentence_gap()}
                        <a href=rule_link(*rule) target="_blank" rel="noopener">{lang.t("link.aws-section")}</a>
                    </li>
                }
            })
            .collect_view()
    };
    let none_missed = score == total;
    view! {
        <section class="quiz-summary card" aria-labelledby=SUMMARY_HEADING>
            <h3 id=SUMMARY_HEADING tabindex="-1">{move || explainer.lang.get().t("quiz.summary.title")}</h3>
            <p>{move || { let lang = explainer.lang.get(); lang.labelled(lang.t("quiz.summary.level"), &level_name(lang, level)) }}</p>
            <p class="quiz-score">
                {move || explainer.lang.get().fill("quiz.summary.score", &[("score", &score.to_string()), ("total", &total.to_string())])}
            </p>
            {move || {
                let lang = explainer.lang.get();
                if none_missed {
                    view! { <p>{lang.t("quiz.summary.none-missed")}</p> }.into_any()
                } else {
                    view! { <h4>{lang.t("quiz.summary.missed")}</h4> }.into_any()
                }
            }}
            <ul class="quiz-missed">{items}</ul>
            <div class="quiz-actions">
                <button type="button" class="button" on:click=copy>{move || explainer.lang.get().t("quiz.summary.copy")}</button>
                <button type="button" class="button" on:click=print>{move || explainer.lang.get().t("quiz.summary.print")}</button>
                <button type="button" class="button primary" on:click=move |_| on_again.run(())>{move || explainer.lang.get().t("quiz.summary.again")}</button>
                {on_next_level.map(|next| view! {
                    <button type="button" class="button" on:click=move |_| next.run(())>{move || explainer.lang.get().t("quiz.summary.next-level")}</button>
                })}
            </div>
            <p class="quiz-copied" role="status">{move || copied.get().map(|key| explainer.lang.get().t(key))}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::quiz::questions;

    #[test]
    fn the_summary_lists_each_missed_rule_once_with_its_link() {
        Lang::En.add_texts(include_str!("../../../locales/quiz.en.txt"));
        Lang::ZhTw.add_texts(include_str!("../../../locales/quiz.zh-TW.txt"));
        let questions = questions(Level::Copy, 5, 10);
        let results: Vec<bool> = (0..questions.len()).map(|i| i % 3 != 0).collect();
        let missed = missed_rules(&questions, &results);
        assert!(!missed.is_empty());
        let mut unique = missed.clone();
        unique.dedup();
        assert_eq!(unique.len(), missed.len());
        let text = summary_text(
            Lang::En,
            Level::Copy,
            6,
            10,
            &missed,
            "http://x/?quiz=copy.5",
        );
        assert!(text.contains("6 of 10"), "{text}");
        assert!(text.contains("?quiz=copy.5"), "{text}");
        for rule in &missed {
            assert!(text.contains(&rule_link(*rule)), "{text}");
        }
        let zh = summary_text(Lang::ZhTw, Level::Copy, 10, 10, &[], "");
        assert!(!zh.contains("quiz."), "{zh}");
        assert!(!text.contains('{') && !zh.contains('{'));
    }
}
