//! The module the page loads first: it draws the outcome of the scenario the page opens with, then
//! hands over to the page module (`src/bin/page.rs`); see `first_picture`.
fn main() {
    ami_encryption_explainer::crash::install();
    ami_encryption_explainer::first_picture::start();
}
