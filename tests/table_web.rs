//! The decision table in headless Chromium (wasm-bindgen-test): read as a screen reader would
//! (caption, row and column headers), its current cells marked, and a click that loads a cell.
#![cfg(target_arch = "wasm32")]

use ami_encryption_explainer::components::decision_table::DecisionTable;
use ami_encryption_explainer::i18n::Lang;
use ami_encryption_explainer::state::Explainer;
use ami_encryption_rules::table::{self, Column, Parameters, Source};
use ami_encryption_rules::Operation;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::{container, texts};

wasm_bindgen_test_configure!(run_in_browser);

/// The table's texts are not in the first load: the module that shows the table adds them.
fn add_texts() {
    Lang::En.add_texts(include_str!("../locales/table.en.txt"));
    Lang::ZhTw.add_texts(include_str!("../locales/table.zh-TW.txt"));
    // The page fetches its Traditional Chinese texts; the table's module carries them.
    Lang::ZhTw.add_texts(ami_encryption_explainer::i18n::ZH_TW_TEXTS);
}

/// A launch of an unencrypted root snapshot with `Encrypted=true`, and a new volume with nothing
/// set, encryption by default on: two volumes, two different cells.
fn launch_scenario() -> ami_encryption_rules::Scenario {
    let (mut scenario, _) = table::representative(
        Operation::Launch,
        Source::NewVolume,
        Column {
            parameters: Parameters::None,
            encryption_by_default: true,
        },
    );
    scenario.launch.push(ami_encryption_rules::LaunchMapping {
        device: "/dev/xvda".into(),
        encrypted: Some(true),
        ..Default::default()
    });
    scenario
}

fn mount(scenario: ami_encryption_rules::Scenario) -> (web_sys::HtmlElement, Explainer) {
    add_texts();
    let root = container();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let explainer = Explainer::new(scenario);
        provide_context(explainer);
        tx.send(explainer).unwrap();
        view! { <DecisionTable /> }
    });
    std::mem::forget(handle);
    (root, rx.recv().unwrap())
}

/// The (row, data column) of every cell button marked current, by its place in the grid.
fn current_places(root: &web_sys::HtmlElement) -> Vec<(usize, usize)> {
    let rows = root.query_selector_all("table.decision tbody tr").unwrap();
    let mut found = Vec::new();
    for r in 0..rows.length() {
        let row: web_sys::Element = rows.item(r).unwrap().unchecked_into();
        let buttons = row.query_selector_all("td button").unwrap();
        for c in 0..buttons.length() {
            let button: web_sys::Element = buttons.item(c).unwrap().unchecked_into();
            if button.get_attribute("aria-current").as_deref() == Some("true") {
                found.push((r as usize, c as usize));
            }
        }
    }
    found
}

/// Where a located volume sits in the grid of `operation`'s table.
fn place(operation: Operation, source: Source, column: Column) -> (usize, usize) {
    let row = Source::rows(operation)
        .iter()
        .position(|s| *s == source)
        .unwrap();
    let column = Column::all().iter().position(|c| *c == column).unwrap();
    (row, column)
}

#[wasm_bindgen_test]
async fn a_screen_reader_gets_a_table_with_its_headers() {
    let (root, _) = mount(launch_scenario());
    leptos::task::tick().await;
    assert_eq!(texts(&root, "table.decision caption"), ["Decision table"]);
    let rows = texts(&root, "table.decision tbody th[scope=row]");
    assert_eq!(
        rows,
        [
            "New (empty) volume",
            "Unencrypted snapshot",
            "Encrypted snapshot of yours",
            "Encrypted snapshot shared with you"
        ]
    );
    assert_eq!(
        texts(&root, "table.decision th[scope=colgroup]"),
        ["Encryption by default off", "Encryption by default on"]
    );
    // The corner, then five parameter sets twice.
    assert_eq!(
        root.query_selector_all("table.decision th[scope=col]")
            .unwrap()
            .length(),
        11
    );
    assert_eq!(
        root.query_selector_all("table.decision tbody td button")
            .unwrap()
            .length(),
        40
    );
    // The scroll box is focusable and named.
    let scroll = root.query_selector(".decision-scroll").unwrap().unwrap();
    assert_eq!(scroll.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(scroll.get_attribute("aria-labelledby").is_some());
}

#[wasm_bindgen_test]
async fn the_scenarios_cells_are_marked_current() {
    let scenario = launch_scenario();
    let mut expected: Vec<(usize, usize)> = table::locate(&scenario)
        .into_iter()
        .map(|(_, source, column)| place(Operation::Launch, source, column))
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 2);
    let (root, _) = mount(scenario);
    leptos::task::tick().await;
    assert_eq!(current_places(&root), expected);
    // Not by colour alone: each marked cell says so.
    let marks = texts(&root, "table.decision .marker");
    assert_eq!(marks.len(), 2);
    assert!(marks.iter().all(|m| m.contains("current")), "{marks:?}");
}

#[wasm_bindgen_test]
async fn clicking_a_cell_loads_a_scenario_that_lands_there() {
    let (root, explainer) = mount(launch_scenario());
    leptos::task::tick().await;
    // The encrypted snapshot shared with you, KmsKeyId alone, encryption by default off.
    let (row, column) = (3, 4);
    let button: web_sys::HtmlElement = root
        .query_selector_all("table.decision tbody tr")
        .unwrap()
        .item(row as u32)
        .unwrap()
        .unchecked_into::<web_sys::Element>()
        .query_selector_all("td button")
        .unwrap()
        .item(column as u32)
        .unwrap()
        .unchecked_into();
    assert!(button
        .text_content()
        .unwrap()
        .contains("InvalidParameterDependency"));
    button.click();
    leptos::task::tick().await;
    let loaded = explainer.scenario.get_untracked();
    let cell = &table::cells(Operation::Launch)[row * 10 + column];
    assert_eq!(loaded, cell.scenario);
    let landed: Vec<(usize, usize)> = table::locate(&loaded)
        .into_iter()
        .map(|(_, source, column)| place(Operation::Launch, source, column))
        .collect();
    assert!(landed.contains(&(row, column)), "{landed:?}");
    assert_eq!(current_places(&root), vec![(row, column)]);
}

#[wasm_bindgen_test]
async fn the_other_calls_table_is_shown_without_changing_the_scenario() {
    let scenario = launch_scenario();
    let (root, explainer) = mount(scenario.clone());
    leptos::task::tick().await;
    let copy: web_sys::HtmlElement = root
        .query_selector_all(".decision-table-call input")
        .unwrap()
        .item(1)
        .unwrap()
        .unchecked_into();
    copy.click();
    leptos::task::tick().await;
    assert_eq!(explainer.scenario.get_untracked(), scenario);
    assert_eq!(
        texts(&root, "table.decision tbody th[scope=row]").len(),
        3,
        "a copy has no new-volume row"
    );
    assert!(current_places(&root).is_empty());
}
