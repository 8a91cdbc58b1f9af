//! The decision table: for the scenario's call, every source × parameters × encryption-by-default
//! cell as the engine answers it, the cells the scenario's volumes land in marked, and every cell a
//! button that loads an example landing there.

use ami_encryption_rules::table::{self, Cell, CellResult, Column, KeyKind, Parameters, Source};
use ami_encryption_rules::Operation;
use leptos::prelude::*;

use super::outcome_table::basis_badge;
use super::text;
use crate::explain;
use crate::i18n::Lang;
use crate::state::use_explainer;

/// The table for the scenario's operation, with a switch to look at the other call's table
/// without changing the scenario. Its texts are `locales/table.*.txt`, added with
/// [`Lang::add_texts`] when the module that shows it loads.
#[component]
pub fn DecisionTable() -> impl IntoView {
    let explainer = use_explainer();
    let scenario_operation = Memo::new(move |_| explainer.scenario.with(|s| s.operation));
    // The call the reader chose to look at, and the scenario's call when they chose it: the choice
    // holds only while the scenario stays that call, so a new scenario shows its own table again.
    let chosen = RwSignal::new(None::<(Operation, Operation)>);
    // A memo, so that the table is rebuilt only when its call changes: loading a cell of the same
    // call keeps every button, and so the focus, where it was.
    let shown = Memo::new(move |_| {
        let current = scenario_operation.get();
        match chosen.get() {
            Some((operation, when)) if when == current => operation,
            _ => current,
        }
    });
    // The cells the scenario's volumes land in, when the table shown is the scenario's call.
    let lit = Memo::new(move |_| {
        if shown.get() != scenario_operation.get() {
            return Vec::new();
        }
        explainer.scenario.with(|s| {
            table::locate(s)
                .into_iter()
                .map(|(_, source, column)| (source, column))
                .collect::<Vec<_>>()
        })
    });
    let other_call = move || shown.get() != scenario_operation.get();

    let choice = move |operation: Operation, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="decision-table-operation"
                    prop:checked=move || shown.get() == operation
                    on:change=move |_| chosen.set(Some((operation, scenario_operation.get_untracked())))
                />
                <span>{text(label)}</span>
            </label>
        }
    };

    view! {
        <div class="decision-table">
            <p class="hint">{text("table.decision.intro")}</p>
            <fieldset class="decision-table-call">
                <legend>{text("table.decision.show")}</legend>
                <div class="choices">
                    {choice(Operation::Launch, "op.launch")}
                    {choice(Operation::Copy, "op.copy")}
                </div>
            </fieldset>
            <p class="note" aria-live="polite">
                {move || {
                    let lang = explainer.lang.get();
                    if other_call() {
                        lang.t("table.decision.other-call")
                    } else {
                        lang.t("table.decision.marked")
                    }
                }}
                <Show when=move || shown.get() == Operation::Copy>
                    {move || explainer.lang.get().sentence_gap()}
                    {text("table.decision.copy-no-new")}
                </Show>
            </p>
            <div
                class="decision-scroll"
                tabindex="0"
                role="region"
                aria-labelledby="decision-table-caption"
            >
                {move || grid(shown.get(), lit)}
            </div>
        </div>
    }
}

/// The `<table>` of one call's cells.
fn grid(operation: Operation, lit: Memo<Vec<(Source, Column)>>) -> impl IntoView {
    let explainer = use_explainer();
    let cells = table::cells(operation);
    let columns = Column::all();
    let rows = Source::rows(operation)
        .iter()
        .map(|&source| {
            let row: Vec<Cell> = cells
                .iter()
                .filter(|c| c.source == source)
                .cloned()
                .collect();
            view! {
                <tr>
                    <th scope="row">{text(row_key(source))}</th>
                    {row.into_iter().map(|cell| view! { <CellView cell lit /> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let group = |on: bool| {
        view! {
            <th scope="colgroup" colspan="5" class=if on { "group on" } else { "group off" }>
                {text(if on { "table.decision.ebd-on" } else { "table.decision.ebd-off" })}
            </th>
        }
    };
    view! {
        <table class="decision">
            <caption id="decision-table-caption">{text("table.decision.caption")}</caption>
            <colgroup><col class="row-heads" /></colgroup>
            <colgroup span="5" class="off"></colgroup>
            <colgroup span="5" class="on"></colgroup>
            <thead>
                <tr>
                    <th scope="col" rowspan="2" class="corner">
                        {text("table.decision.source")}
                    </th>
                    {group(false)}
                    {group(true)}
                </tr>
                <tr>
                    {columns
                        .into_iter()
                        .map(|c| view! {
                            <th scope="col" class=if c.encryption_by_default { "on" } else { "off" }>
                                {move || explainer.lang.get().t(parameters_key(c.parameters))}
                            </th>
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// One cell: the result and its basis, as a button that loads the cell's example.
#[component]
fn CellView(
    /// The cell, with its example scenario and the engine's answer.
    cell: Cell,
    /// The cells the scenario's volumes land in.
    lit: Memo<Vec<(Source, Column)>>,
) -> impl IntoView {
    let explainer = use_explainer();
    let (source, column) = (cell.source, cell.column);
    let current = move || lit.with(|l| l.contains(&(source, column)));
    let result = cell.result.clone();
    let device = cell.device;
    let why = {
        let result = result.clone();
        move || tooltip(explainer.lang.get(), &result, device)
    };
    let scenario = cell.scenario;
    let kind = match &result {
        CellResult::Created { key, .. } => key_class(*key),
        CellResult::Refused { .. } => "refused",
        CellResult::FailsLater { .. } => "fails",
    };
    let basis = result.basis();
    view! {
        <td class=move || if current() { format!("cell {kind} current") } else { format!("cell {kind}") }>
            <button
                type="button"
                class="cell-button"
                title=why
                aria-current=move || current().then_some("true")
                on:click=move |_| explainer.load(scenario.clone())
            >
                <span class="result">{result_text(result)}</span>
                {move || basis_badge(explainer.lang.get(), basis)}
                <Show when=current>
                    <span class="marker">
                        <span aria-hidden="true">"● "</span>
                        {text("table.decision.current")}
                    </span>
                </Show>
            </button>
        </td>
    }
}

/// What a cell says, in words: the key, or the error code.
fn result_text(result: CellResult) -> impl IntoView {
    let explainer = use_explainer();
    // "refused: ", "遭拒：": the label and its language's colon, the code after it in `<code>`.
    let label = move |key: &'static str| {
        move || {
            let lang = explainer.lang.get();
            lang.labelled(lang.t(key), "")
        }
    };
    match result {
        CellResult::Created { key, .. } => {
            view! { <span>{move || explainer.lang.get().t(key_text(key))}</span> }.into_any()
        }
        CellResult::Refused { code, .. } => view! {
            <span>{label("table.decision.refused")}<code class="error-code">{code}</code></span>
        }
        .into_any(),
        CellResult::FailsLater { key, code, .. } => view! {
            <span>
                {move || explainer.lang.get().t(key_text(key))}
                <br />
                {label("table.decision.fails")}<code class="error-code">{code}</code>
            </span>
        }
        .into_any(),
    }
}

/// The rule behind a cell, for the button's title: its short name, or for a refusal the sentence
/// that says what to change.
fn tooltip(lang: Lang, result: &CellResult, device: &str) -> String {
    match result {
        CellResult::Refused { rule, .. } => {
            lang.fill(&format!("error.{}", rule.id()), &[("device", device)])
        }
        _ => explain::rule_title(lang, result.rule()),
    }
}

fn row_key(source: Source) -> &'static str {
    match source {
        Source::NewVolume => "table.decision.row.new",
        Source::Unencrypted => "table.decision.row.unencrypted",
        Source::EncryptedYours => "table.decision.row.yours",
        Source::EncryptedShared => "table.decision.row.shared",
    }
}

fn parameters_key(parameters: Parameters) -> &'static str {
    match parameters {
        Parameters::None => "table.decision.param.none",
        Parameters::EncryptedTrue => "table.decision.param.encrypted-true",
        Parameters::EncryptedTrueWithKey => "table.decision.param.encrypted-true-key",
        Parameters::EncryptedFalse => "table.decision.param.encrypted-false",
        Parameters::KeyAlone => "table.decision.param.key-alone",
    }
}

fn key_text(key: KeyKind) -> &'static str {
    match key {
        KeyKind::Unencrypted => "table.decision.key.unencrypted",
        KeyKind::SourceKey => "table.decision.key.source",
        KeyKind::DefaultKey => "table.decision.key.default",
        KeyKind::SpecifiedKey => "table.decision.key.specified",
    }
}

/// The class that gives a result kind its border (text always says the result too).
fn key_class(key: KeyKind) -> &'static str {
    match key {
        KeyKind::Unencrypted => "unencrypted",
        KeyKind::SourceKey => "source-key",
        KeyKind::DefaultKey => "default-key",
        KeyKind::SpecifiedKey => "specified-key",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::parse;

    /// The keys this file picks by match (which `tests/locales.rs` cannot see) are in both of the
    /// table's locale files.
    #[test]
    fn every_key_picked_by_a_match_is_in_the_tables_texts() {
        let mut wanted: Vec<&str> = vec!["table.decision.ebd-off", "table.decision.ebd-on"];
        wanted.extend(Source::ALL.map(row_key));
        wanted.extend(Parameters::ALL.map(parameters_key));
        wanted.extend(
            [
                KeyKind::Unencrypted,
                KeyKind::SourceKey,
                KeyKind::DefaultKey,
                KeyKind::SpecifiedKey,
            ]
            .map(key_text),
        );
        for source in [
            include_str!("../../locales/table.en.txt"),
            include_str!("../../locales/table.zh-TW.txt"),
        ] {
            let texts = parse(source);
            for key in &wanted {
                assert!(texts.contains_key(key), "{key}");
            }
        }
    }

    /// Every rule a cell can show has the short name or error sentence its tooltip uses.
    #[test]
    fn every_cells_tooltip_has_its_text() {
        for lang in Lang::ALL {
            for operation in [Operation::Launch, Operation::Copy] {
                for cell in table::cells(operation) {
                    let text = tooltip(lang, &cell.result, cell.device);
                    assert!(
                        !text.starts_with("rule.") && !text.starts_with("error."),
                        "{text}"
                    );
                    assert!(!text.contains('{'), "{text}");
                }
            }
        }
    }
}
