//! Component tests in headless Chromium (wasm-bindgen-test): mount components against engine
//! outcomes and read them as a user would, by role and text.
#![cfg(target_arch = "wasm32")]

use ami_encryption_explainer::components::diagram::Diagram;
use ami_encryption_explainer::components::outcome_table::OutcomeTable;
use ami_encryption_explainer::components::status::Verdict;
use ami_encryption_explainer::edit;
use ami_encryption_explainer::state::Explainer;
use ami_encryption_explainer::App;
use ami_encryption_rules::{resolve, LaunchMapping, Scenario};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::{container, texts};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the picture, the verdict and the table for `scenario`; returns the root and the state.
fn mount_result(scenario: Scenario) -> (web_sys::HtmlElement, Explainer) {
    let root = container();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let explainer = Explainer::new(scenario);
        provide_context(explainer);
        tx.send(explainer).unwrap();
        view! { <Verdict /> <Diagram compact=false /> <OutcomeTable /> }
    });
    std::mem::forget(handle);
    (root, rx.recv().unwrap())
}

/// The table's Device and Rule cells, to hold against the engine's answer.
fn table_rows(root: &web_sys::HtmlElement) -> Vec<(String, String)> {
    let devices = texts(root, "table.outcome tbody th");
    let rules = texts(root, "table.outcome tbody td .rule-id");
    devices.into_iter().zip(rules).collect()
}

fn scenarios() -> Vec<Scenario> {
    let mut all = vec![edit::starter()];
    let mut encrypt = edit::starter();
    encrypt.launch.push(LaunchMapping {
        device: "/dev/sdb".into(),
        encrypted: Some(true),
        kms_key_id: Some("alias/app".into()),
        ..LaunchMapping::default()
    });
    all.push(encrypt);
    let mut copy = edit::starter();
    copy.operation = ami_encryption_rules::Operation::Copy;
    copy.account.encryption_by_default = true;
    all.push(copy);
    let mut many = Scenario::default();
    for _ in 0..26 {
        edit::add_snapshot(&mut many);
    }
    all.push(many);
    all
}

#[wasm_bindgen_test]
async fn table_and_picture_match_the_engine() {
    for scenario in scenarios() {
        let expected: Vec<(String, String)> = resolve(&scenario)
            .volumes
            .iter()
            .map(|v| (v.device.clone(), v.rule.id().to_owned()))
            .collect();
        let (root, _) = mount_result(scenario);
        leptos::task::tick().await;
        assert_eq!(table_rows(&root), expected);
        let svg = root
            .query_selector("svg[role=img]")
            .unwrap()
            .expect("the picture");
        assert!(svg
            .get_attribute("aria-labelledby")
            .unwrap()
            .contains("diagram-title"));
        // Each device is drawn before and after.
        assert_eq!(
            root.query_selector_all("svg g.chip").unwrap().length() as usize,
            expected.len() * 2
        );
        assert_eq!(texts(&root, "[role=status]").len(), 1);
    }
}

#[wasm_bindgen_test]
async fn a_refused_request_shows_an_alert_and_no_after() {
    let mut scenario = edit::starter();
    scenario.launch.push(LaunchMapping {
        device: "/dev/xvda".into(),
        encrypted: None,
        kms_key_id: Some("alias/app".into()),
        ..LaunchMapping::default()
    });
    let (root, _) = mount_result(scenario);
    leptos::task::tick().await;
    let alert = texts(&root, "[role=alert]");
    assert_eq!(alert.len(), 1);
    assert!(alert[0].contains("InvalidParameterDependency"), "{alert:?}");
    assert!(table_rows(&root).is_empty());
    assert_eq!(
        root.query_selector_all("svg g.chip.after")
            .unwrap()
            .length(),
        0
    );
    assert!(root.query_selector("svg g.nothing").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn edits_redraw_the_picture() {
    let (root, explainer) = mount_result(edit::starter());
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector_all("svg g.chip.is-encrypted")
            .unwrap()
            .length(),
        2
    );
    explainer.edit(|s| s.account.encryption_by_default = true);
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector_all("svg g.chip.is-encrypted")
            .unwrap()
            .length(),
        3
    );
    let desc = texts(&root, "svg desc");
    assert!(
        desc[0].contains("/dev/sdb: unencrypted → encrypted with alias/aws/ebs"),
        "{desc:?}"
    );
}

#[wasm_bindgen_test]
async fn app_mounts_with_its_heading_and_editor() {
    let root = container();
    std::mem::forget(leptos::mount::mount_to(root.clone(), App));
    leptos::task::tick().await;
    assert_eq!(texts(&root, "h1"), ["AMI Encryption Explainer"]);
    let legends = texts(&root, "legend");
    for expected in [
        "Operation",
        "Account",
        "Snapshot /dev/xvda",
        "RunInstances parameters for /dev/xvda",
    ] {
        assert!(
            legends.iter().any(|l| l == expected),
            "{expected} in {legends:?}"
        );
    }
    // Every form control has a visible label around it.
    let controls = root.query_selector_all("input, select").unwrap();
    for i in 0..controls.length() {
        let control: web_sys::Element = controls.item(i).unwrap().unchecked_into();
        let label = control.closest("label").unwrap();
        assert!(
            label.is_some_and(|l| !l.text_content().unwrap_or_default().trim().is_empty()),
            "unlabelled {}",
            control.outer_html()
        );
    }
}
