//! Why, for every volume or snapshot copy: our sentence, the basis, the AWS link, and where AWS
//! disagrees with itself, the other reading one click away.

use ami_encryption_rules::Basis;
use leptos::prelude::*;

use super::text as t;

use super::outcome_table::basis_badge;
use crate::display::badge;
use crate::explain;
use crate::state::use_explainer;

#[component]
pub fn Reasons() -> impl IntoView {
    let explainer = use_explainer();
    let items = move || {
        let lang = explainer.lang.get();
        let shown = explainer.outcome.get();
        shown
            .outcome
            .volumes
            .iter()
            .map(|v| {
                let sentence = explain::why(lang, &shown.scenario, v);
                let other = v.alternative.clone().map(|a| {
                    let key = a.kms_key.as_deref().map(|k| badge(&shown.scenario, k).full).unwrap_or_default();
                    view! {
                        <details class="other-reading">
                            <summary>{lang.t("reasons.other-reading")}</summary>
                            <p>
                                {lang.fill(explain::contest_key(&shown.scenario, &a), &[("key", &key), ("region", shown.scenario.ami_region())])} {lang.sentence_gap()}
                                <a href=a.source.clone() target="_blank" rel="noopener">{lang.t("link.other-page")}</a>
                            </p>
                        </details>
                    }
                });
                let inferred = (v.basis == Basis::Inferred).then(|| view! { <p class="muted small">{lang.t("reasons.inferred-note")}</p> });
                view! {
                    <li class="reason">
                        <h3><code>{v.device.clone()}</code> " " {basis_badge(lang, v.basis)}</h3>
                        <p>{sentence}</p>
                        {inferred}
                        {other}
                        <p class="small">
                            <a href=v.sources.first().cloned().unwrap_or_default() target="_blank" rel="noopener">{lang.t("link.aws-section")}</a>
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    let any = move || explainer.outcome.with(|s| !s.outcome.volumes.is_empty());
    view! {
        <section class="reasons" aria-labelledby="reasons-heading" hidden=move || !any()>
            <h2 id="reasons-heading">{t("reasons.heading")}</h2>
            <ul class="reason-list">{items}</ul>
        </section>
    }
}
