//! Component tests in headless Chromium (wasm-bindgen-test): mount the page, read it by role and text.
#![cfg(target_arch = "wasm32")]

use ami_encryption_explainer::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    std::mem::forget(leptos::mount::mount_to(container.clone(), App));
    container
}

#[wasm_bindgen_test]
async fn app_mounts_with_its_heading() {
    let root = mount();
    leptos::task::tick().await;
    let h1 = root.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(h1.text_content().unwrap(), "AMI Encryption Explainer");
}
