//! What the browser test files share: a fresh element to mount into, and reading texts back.
#![allow(dead_code)] // each test file uses what it needs

use wasm_bindgen::JsCast;

/// A new, empty element at the end of the test page's body.
pub fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    container
}

/// The trimmed text of every element under `root` that matches `selector`, in document order.
pub fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .text_content()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .collect()
}
