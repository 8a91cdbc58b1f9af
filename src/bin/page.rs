//! The page module: the explainer with its editor and tools. The first module (`src/main.rs`)
//! fetches it once it has drawn the first picture, waits for [`texts_ready`], then calls
//! [`open_page`] in place of that picture.
//! Built by Trunk as a "worker" only so that it is neither injected nor hashed: an ES module.

use wasm_bindgen::prelude::*;

fn main() {
    ami_encryption_explainer::crash::install();
}

/// Resolves once the page's texts are at hand: [`open_page`] then mounts at once.
#[wasm_bindgen]
pub async fn texts_ready() {
    ami_encryption_explainer::texts_ready().await;
}

/// Mounts the page (the first module has removed its picture in the same task, if it drew one:
/// `picture_on_screen`).
#[wasm_bindgen]
pub fn open_page(picture_on_screen: bool) {
    if picture_on_screen {
        ami_encryption_explainer::components::shapes::replacing_picture_on_screen();
    }
    ami_encryption_explainer::start();
}
