//! The text equivalent of the picture: one row per device.

use ami_encryption_rules::Basis;
use leptos::prelude::*;

use crate::display::badge;
use crate::explain;
use crate::state::use_explainer;

#[component]
pub fn OutcomeTable() -> impl IntoView {
    let explainer = use_explainer();
    let rows = move || {
        let lang = explainer.lang.get();
        let shown = explainer.outcome.get();
        shown
            .outcome
            .volumes
            .iter()
            .map(|v| {
                let key = v.kms_key.as_deref().map(|k| badge(&shown.scenario, k));
                view! {
                    <tr>
                        <th scope="row"><code>{v.device.clone()}</code></th>
                        <td>{lang.t(if v.encrypted { "table.yes" } else { "table.no" })}</td>
                        <td>
                            {match key {
                                Some(k) => view! {
                                    <span class="key-chip" style=format!("--key: {}", k.colour)>
                                        <span class="swatch" aria-hidden="true"></span>
                                        {k.full}
                                    </span>
                                }.into_any(),
                                None => view! { <span class="muted">"—"</span> }.into_any(),
                            }}
                        </td>
                        <td>{explain::change_label(lang, v.change)}</td>
                        <td>{explain::rule_title(lang, v.rule)} <br /> <code class="rule-id">{v.rule.id()}</code></td>
                        <td>{basis_badge(lang, v.basis)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let empty = move || explainer.outcome.with(|s| s.outcome.volumes.is_empty());
    view! {
        <div class="table-wrap">
            <table class="outcome">
                <caption>{move || explainer.lang.get().t("table.caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || explainer.lang.get().t("table.device")}</th>
                        <th scope="col">{move || explainer.lang.get().t("table.encrypted")}</th>
                        <th scope="col">{move || explainer.lang.get().t("table.key")}</th>
                        <th scope="col">{move || explainer.lang.get().t("table.change")}</th>
                        <th scope="col">{move || explainer.lang.get().t("table.rule")}</th>
                        <th scope="col">{move || explainer.lang.get().t("table.basis")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    <Show when=empty>
                        <tr><td colspan="6" class="muted">{move || explainer.lang.get().t("table.nothing")}</td></tr>
                    </Show>
                </tbody>
            </table>
        </div>
    }
}

/// The basis as a badge: its words, and a class that adds a symbol and a colour (never colour alone).
pub fn basis_badge(lang: crate::i18n::Lang, basis: Basis) -> impl IntoView {
    let slug = match basis {
        Basis::Documented => "documented",
        Basis::Inferred => "inferred",
        Basis::Contested => "contested",
    };
    view! { <span class=format!("badge basis-{slug}")>{explain::basis_label(lang, basis)}</span> }
}
