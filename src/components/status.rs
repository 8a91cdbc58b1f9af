//! The verdict above the picture: accepted, refused (with the error code), or failing later.

use ami_encryption_rules::{ErrorKind, Operation, Status};
use leptos::prelude::*;

use crate::explain;
use crate::state::use_explainer;

#[component]
pub fn Verdict() -> impl IntoView {
    let explainer = use_explainer();
    let view = move || {
        let lang = explainer.lang.get();
        let shown = explainer.outcome.get();
        let outcome = &shown.outcome;
        let call = if shown.scenario.operation == Operation::Launch { "RunInstances" } else { "CopyImage" };
        let stale = shown.stale.then(|| {
            let problems = explainer.problems.get();
            view! {
                <div class="alert warning" role="status">
                    <p><strong>{lang.t("stale.title")}</strong> " " {lang.t("stale.body")}</p>
                    <ul>
                        {problems.iter().map(|p| view! { <li>{explain::problem(lang, p)}</li> }).collect_view()}
                    </ul>
                </div>
            }
        });
        let verdict = match outcome.status {
            Status::Ok => {
                let n = outcome.volumes.len().to_string();
                let key = if shown.scenario.operation == Operation::Launch { "verdict.ok.launch" } else { "verdict.ok.copy" };
                view! {
                    <div class="alert success" role="status">
                        <p><span class="status-icon" aria-hidden="true">"✓"</span> {lang.fill(key, &[("call", call), ("n", &n)])}</p>
                    </div>
                }
                .into_any()
            }
            Status::Error => {
                let error = outcome.error.clone().expect("an error outcome carries its error");
                let title = match error.kind {
                    ErrorKind::Request => lang.fill("verdict.refused", &[("call", call)]),
                    ErrorKind::Scenario => lang.t("verdict.impossible").to_owned(),
                };
                view! {
                    <div class="alert error" role="alert">
                        <p>
                            <span class="status-icon" aria-hidden="true">"✕"</span>
                            <strong>{title}</strong> " " <code class="error-code">{error.code.clone()}</code>
                        </p>
                        <p class="aws-message"><span class="label">{lang.t("verdict.aws-says")}</span> " " <q lang="en">{error.message.clone()}</q></p>
                        <p>{explain::error_sentence(lang, &error)}</p>
                        <p><a href=error.sources.first().cloned().unwrap_or_default() target="_blank" rel="noopener">{lang.t("link.aws")}</a></p>
                    </div>
                }
                .into_any()
            }
            Status::FailsLater => {
                let failure = outcome.failure.clone().expect("a failing outcome carries its failure");
                let key = if shown.scenario.operation == Operation::Launch { "verdict.fails.launch" } else { "verdict.fails.copy" };
                view! {
                    <div class="alert error" role="alert">
                        <p>
                            <span class="status-icon" aria-hidden="true">"⚠"</span>
                            <strong>{lang.fill(key, &[("call", call)])}</strong> " "
                            <code class="error-code">{failure.code.clone()}</code>
                        </p>
                        <p class="aws-message"><span class="label">{lang.t("verdict.aws-says")}</span> " " <q lang="en">{failure.message.clone()}</q></p>
                        <p>{explain::failure_sentence(lang, &shown.scenario, &failure)}</p>
                        <p><a href=failure.sources.first().cloned().unwrap_or_default() target="_blank" rel="noopener">{lang.t("link.aws")}</a></p>
                    </div>
                }
                .into_any()
            }
        };
        view! { {stale} {verdict} }
    };
    view! { <div class="verdict">{view}</div> }
}
