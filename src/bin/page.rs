//! The page module: the explainer with its editor and tools. The first module (`src/main.rs`)
//! fetches it while it draws the first picture, then calls [`open_page`] in place of that picture.
//! Built by Trunk as a "worker" only so that it is neither injected nor hashed: an ES module.

use wasm_bindgen::prelude::*;

fn main() {
    ami_encryption_explainer::crash::install();
}

/// Mounts the page (the first module has removed its picture in the same task).
#[wasm_bindgen]
pub fn open_page() {
    ami_encryption_explainer::start();
}
