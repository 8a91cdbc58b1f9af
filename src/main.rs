//! Mounts the explainer; everything else lives in the library so that tests can mount it too.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ami_encryption_explainer::App);
}
