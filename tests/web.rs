//! Component tests in headless Chromium (wasm-bindgen-test): mount components against engine
//! outcomes and read them as a user would, by role and text.
#![cfg(target_arch = "wasm32")]

use ami_encryption_explainer::components::diagram::{self, Diagram, Shape};
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

/// Every text a shape carries, in drawing order: what the picture must show.
fn shape_texts(shapes: &[Shape]) -> Vec<String> {
    let mut out = Vec::new();
    for shape in shapes {
        match shape {
            Shape::Heading { text, sub, .. } => {
                out.push(text.clone());
                out.extend(sub.iter().cloned());
            }
            Shape::Chip(chip) => {
                if chip.class == "hidden" {
                    out.push("?".into());
                }
                out.push(chip.device.clone());
                out.push(chip.note.clone());
                out.extend(chip.key.iter().map(|k| k.label.clone()));
                out.extend(chip.mark.iter().map(|m| format!("★ {m}")));
            }
            Shape::Call {
                title,
                lines,
                refused,
                ..
            } => {
                out.extend((!title.is_empty()).then(|| title.clone()));
                out.extend(lines.iter().cloned());
                out.extend(refused.iter().map(|code| format!("✕ {code}")));
            }
            Shape::Arrow { .. } => {}
            Shape::Nothing { text, .. } => out.push(text.clone()),
        }
    }
    out.into_iter().map(|t| t.trim().to_owned()).collect()
}

/// Asserts that the picture shows the layout of the outcome on screen, text for text and in order;
/// returns that layout.
fn assert_drawn_as_laid_out(root: &web_sys::HtmlElement, explainer: Explainer) -> diagram::Layout {
    let layout = explainer
        .outcome
        .with_untracked(|shown| diagram::layout(explainer.lang.get_untracked(), shown, false));
    assert_eq!(
        texts(root, "svg g.shapes text"),
        shape_texts(&layout.shapes)
    );
    layout
}

#[wasm_bindgen_test]
async fn the_picture_draws_every_shape_of_the_layout_as_svg() {
    let mut scenarios = scenarios();
    // A name that looks like markup is drawn as text: no element comes of it.
    let mut odd = edit::starter();
    odd.snapshots[1].device = "/dev/<b>sdb</b>&amp;".into();
    scenarios.push(odd);
    for scenario in scenarios {
        let (root, explainer) = mount_result(scenario);
        leptos::task::tick().await;
        let layout = assert_drawn_as_laid_out(&root, explainer);
        let group = root
            .query_selector("svg g.shapes")
            .unwrap()
            .expect("the shapes");
        assert_eq!(group.child_element_count() as usize, layout.shapes.len());
        let svg = "http://www.w3.org/2000/svg";
        let all = group.query_selector_all("*").unwrap();
        for i in 0..all.length() {
            let element: web_sys::Element = all.item(i).unwrap().unchecked_into();
            assert_eq!(
                element.namespace_uri().as_deref(),
                Some(svg),
                "{}",
                element.tag_name()
            );
            assert_ne!(element.tag_name(), "b");
        }
        assert_eq!(
            root.query_selector_all("svg line.arrow").unwrap().length() as usize,
            layout
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Arrow { .. }))
                .count()
        );
    }
}

/// Drawing everything again on every edit made an edit at 26 snapshots cost the browser three
/// times what redrawing the changed volumes does (restyle, layout and paint of every element).
#[wasm_bindgen_test]
async fn an_edit_redraws_only_the_shapes_it_changed() {
    let (root, explainer) = mount_result(edit::starter());
    leptos::task::tick().await;
    let mark_all = || {
        let all = root.query_selector_all("svg g.shapes > *").unwrap();
        for i in 0..all.length() {
            let element: web_sys::Element = all.item(i).unwrap().unchecked_into();
            element.set_attribute("data-seen", "").unwrap();
        }
        all.length()
    };
    assert_eq!(root.query_selector_all("svg .settled").unwrap().length(), 0);
    let before = mark_all();
    // Encryption by default changes the unencrypted /dev/sdb's volume, and nothing before the call.
    explainer.edit(|s| s.account.encryption_by_default = true);
    leptos::task::tick().await;
    let kept = texts(&root, "svg g.shapes > [data-seen]");
    let redrawn = texts(&root, "svg g.shapes > :not([data-seen])");
    assert_eq!(kept.len() + redrawn.len(), before as usize);
    assert!(
        !redrawn.is_empty() && redrawn.len() < 4,
        "redrawn: {redrawn:?}"
    );
    assert!(
        redrawn.iter().any(|t| t.contains("/dev/sdb")),
        "redrawn: {redrawn:?}"
    );
    // The volume was there before: it does not play its arrival again (it flickered while typing).
    assert_eq!(
        texts(&root, "svg g.chip.after.settled text.device"),
        ["/dev/sdb"]
    );
    // The picture is still the layout, in order.
    assert_drawn_as_laid_out(&root, explainer);
    // Back as it was: the same again, and a shorter picture drops the shapes it no longer has.
    explainer.edit(|s| {
        s.account.encryption_by_default = false;
        s.snapshots.truncate(1);
    });
    leptos::task::tick().await;
    let layout = assert_drawn_as_laid_out(&root, explainer);
    assert_eq!(
        root.query_selector("svg g.shapes")
            .unwrap()
            .unwrap()
            .child_element_count() as usize,
        layout.shapes.len()
    );
}

/// A picture built again in the place of one of the same shape (the presenter's next slide) kept
/// the old slide's shapes under the new ones: tachys reuses the element and runs the drawing again.
#[wasm_bindgen_test]
async fn a_picture_drawn_again_in_the_same_place_starts_empty() {
    let root = container();
    let slide = RwSignal::new(0usize);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        move || {
            let mut scenario = edit::starter();
            if slide.get() == 1 {
                scenario.snapshots.truncate(1);
            }
            provide_context(Explainer::new(scenario));
            view! { <Diagram compact=false /> }
        }
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    assert_eq!(root.query_selector_all("svg g.chip").unwrap().length(), 4);
    slide.set(1);
    leptos::task::tick().await;
    assert_eq!(root.query_selector_all("svg g.chip").unwrap().length(), 2);
    assert_eq!(
        texts(&root, "svg g.shapes text.device"),
        ["/dev/xvda", "/dev/xvda"]
    );
}

/// The page module drew its diagram anew where the first picture had been, and every volume played
/// its arrival a second time. Only the first diagram after the hand-over starts settled.
#[wasm_bindgen_test]
async fn the_diagram_that_takes_the_first_pictures_place_has_its_volumes_arrived_once() {
    let settled = |root: &web_sys::HtmlElement| {
        let all = root.query_selector_all("svg g.chip").unwrap().length();
        let settled = root
            .query_selector_all("svg g.chip.settled")
            .unwrap()
            .length();
        (all, settled)
    };
    ami_encryption_explainer::components::shapes::replacing_picture_on_screen();
    let (taking_over, _) = mount_result(edit::starter());
    leptos::task::tick().await;
    assert_eq!(settled(&taking_over), (4, 4));
    let (next, _) = mount_result(edit::starter());
    leptos::task::tick().await;
    assert_eq!(settled(&next), (4, 0));
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
