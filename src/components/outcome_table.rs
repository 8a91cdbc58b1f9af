//! The text equivalent of the picture: one row per device.

use ami_encryption_rules::Basis;
use leptos::prelude::*;

use super::text as t;

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
                let key_class = key.as_ref().map(|k| format!("key-chip {}", k.colour_class()));
                // `data-label` names the column when a phone stacks the cells (style/main.css).
                view! {
                    <tr role="row">
                        <th scope="row" role="rowheader"><code>{v.device.clone()}</code></th>
                        <td role="cell" data-label=lang.t("table.encrypted")>{lang.t(if v.encrypted { "table.yes" } else { "table.no" })}</td>
                        <td role="cell" data-label=lang.t("table.key")>
                            {match key {
                                Some(k) => view! {
                                    <span class=key_class.clone()>
                                        <span class="swatch" aria-hidden="true"></span>
                                        {k.full}
                                    </span>
                                }.into_any(),
                                None => view! { <span class="muted">"—"</span> }.into_any(),
                            }}
                            // The full ARN tells aws/ebs of one Region or account from another's.
                            {v.kms_key_arn.clone().map(|arn| view! {
                                <br />
                                <code class="arn small" title=lang.t("table.arn")>{arn}</code>
                            })}
                        </td>
                        <td role="cell" data-label=lang.t("table.change")>{explain::change_label(lang, v.change)}</td>
                        <td role="cell" data-label=lang.t("table.rule")>
                            {explain::rule_title(lang, v.rule)} <br /> <code class="rule-id">{v.rule.id()}</code>
                        </td>
                        <td role="cell" data-label=lang.t("table.basis")>{basis_badge(lang, v.basis)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let empty = move || explainer.outcome.with(|s| s.outcome.volumes.is_empty());
    view! {
        <div class="table-wrap">
            // Explicit roles keep the table a table for screen readers when a phone stacks its cells.
            <table class="outcome" role="table">
                <caption>{t("table.caption")}</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th scope="col" role="columnheader">{t("table.device")}</th>
                        <th scope="col" role="columnheader">{t("table.encrypted")}</th>
                        <th scope="col" role="columnheader">{t("table.key")}</th>
                        <th scope="col" role="columnheader">{t("table.change")}</th>
                        <th scope="col" role="columnheader">{t("table.rule")}</th>
                        <th scope="col" role="columnheader">{t("table.basis")}</th>
                    </tr>
                </thead>
                <tbody role="rowgroup">
                    {rows}
                    <Show when=empty>
                        <tr role="row"><td role="cell" colspan="6" class="muted">{t("table.nothing")}</td></tr>
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
