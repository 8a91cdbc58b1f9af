//! The radio group that picks RunInstances or CopyImage.

use ami_encryption_rules::Operation;
use leptos::prelude::*;

use super::text;
use crate::state::use_explainer;

#[component]
pub fn OperationPicker() -> impl IntoView {
    let explainer = use_explainer();
    let current = move || explainer.scenario.with(|s| s.operation);
    let choice = move |operation: Operation, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="operation"
                    prop:checked=move || current() == operation
                    on:change=move |_| explainer.edit(|s| s.operation = operation)
                />
                <span>{text(label)}</span>
            </label>
        }
    };
    view! {
        <fieldset class="card operation" role="radiogroup" aria-labelledby="operation-legend">
            <legend id="operation-legend">{text("op.legend")}</legend>
            <div class="choices">
                {choice(Operation::Launch, "op.launch")}
                {choice(Operation::Copy, "op.copy")}
            </div>
        </fieldset>
    }
}
