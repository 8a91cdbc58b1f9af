//! The Web Worker: answers the page's requests (see the library) off the page's thread. Trunk
//! builds it as a second module with a loader (`tools-worker_loader.js`) that the page starts
//! only when a tool needs it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |message: MessageEvent| {
        if let Some(request) = message.data().as_string() {
            let _ = reply_to.post_message(&ami_encryption_worker::answer(&request).into());
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before the module was running are lost: the page waits for this.
    let _ = scope.post_message(&ami_encryption_worker::READY.into());
}

/// Natively there is nothing to run: the library is what the tests exercise.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
