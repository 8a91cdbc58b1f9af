//! Mounts the explainer; everything else lives in the library so that tests can mount it too.
fn main() {
    ami_encryption_explainer::crash::install();
    ami_encryption_explainer::start();
}
