//! The verdict above the picture: accepted, refused (with the error code), or failing later.

use ami_encryption_rules::{ErrorKind, Operation, Status};
use leptos::prelude::*;

use crate::explain;
use crate::i18n::Lang;
use crate::state::{use_explainer, Shown};

#[component]
pub fn Verdict() -> impl IntoView {
    let explainer = use_explainer();
    let content = move || {
        let lang = explainer.lang.get();
        let shown = explainer.outcome.get();
        let stale = shown.stale.then(|| {
            let problems = explainer.problems.get();
            view! {
                <div class="alert warning" role="status">
                    <p><strong>{lang.t("stale.title")}</strong> {lang.sentence_gap()} {lang.t("stale.body")}</p>
                    <ul>{problems.iter().map(|p| view! { <li>{explain::problem(lang, p)}</li> }).collect_view()}</ul>
                </div>
            }
        });
        view! { {stale} {verdict(lang, &shown)} }
    };
    view! { <div class="verdict">{content}</div> }
}

fn verdict(lang: Lang, shown: &Shown) -> AnyView {
    let outcome = &shown.outcome;
    let launch = shown.scenario.operation == Operation::Launch;
    let call = if launch { "RunInstances" } else { "CopyImage" };
    // Each alert names the AWS code, quotes what AWS answers, then says it in our words.
    let alert = |title: String,
                 icon: &'static str,
                 code: String,
                 message: String,
                 sentence: String,
                 code_note: Option<&'static str>,
                 link: String| {
        view! {
            <div class="alert error" role="alert">
                <p>
                    <span class="status-icon" aria-hidden="true">{icon}</span>
                    <strong>{title}</strong> {lang.sentence_gap()} <code class="error-code">{code}</code>
                </p>
                <p class="aws-message"><span class="label">{lang.t("verdict.aws-says")}</span> {lang.sentence_gap()} <q lang="en">{message}</q></p>
                {code_note.map(|note| view! { <p class="small muted code-basis">{note}</p> })}
                <p>{sentence}</p>
                <p><a href=link target="_blank" rel="noopener">{lang.t("link.aws")}</a></p>
            </div>
        }
        .into_any()
    };
    match (outcome.status, &outcome.error, &outcome.failure) {
        (Status::Error, Some(error), _) => {
            let title = match error.kind {
                ErrorKind::Request => lang.fill("verdict.refused", &[("call", call)]),
                ErrorKind::Scenario => lang.t("verdict.impossible").to_owned(),
            };
            let link = error.sources.first().cloned().unwrap_or_default();
            alert(
                title,
                "✕",
                error.code.clone(),
                error.message.clone(),
                explain::error_sentence(lang, error),
                (error.kind == ErrorKind::Request)
                    .then(|| explain::code_basis_note(lang, error.code_basis)),
                link,
            )
        }
        (Status::FailsLater, _, Some(failure)) => {
            let title = lang.fill(
                if launch {
                    "verdict.fails.launch"
                } else {
                    "verdict.fails.copy"
                },
                &[("call", call)],
            );
            let link = failure.sources.first().cloned().unwrap_or_default();
            let sentence = explain::failure_sentence(lang, &shown.scenario, failure);
            alert(
                title,
                "⚠",
                failure.code.clone(),
                failure.message.clone(),
                sentence,
                Some(explain::code_basis_note(lang, failure.code_basis)),
                link,
            )
        }
        _ => {
            let n = outcome.volumes.len();
            // Plural forms: "1 EBS volume", "2 EBS volumes".
            let text = if launch {
                lang.plural("verdict.ok.launch", n, &[("call", call)])
            } else {
                lang.plural("verdict.ok.copy", n, &[("call", call)])
            };
            view! {
                <div class="alert success" role="status">
                    <p><span class="status-icon" aria-hidden="true">"✓"</span> {text}</p>
                </div>
            }
            .into_any()
        }
    }
}
