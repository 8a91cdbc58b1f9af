//! The page's side of the tools worker (crate `ami-encryption-worker`): a second WebAssembly
//! module, started the first time a tool needs it, so that the first load does not carry the
//! "How do I get…?" search. Requests wait until the worker says it is ready; a worker that fails
//! to start or stops answers every pending request with an error and is started afresh next time.

use std::cell::RefCell;
use std::collections::HashMap;

use ami_encryption_worker::{Outcome, Request, Response, Task, READY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Written by Trunk next to the page (`data-loader-shim`): it loads the worker's module from the
/// same folder, so the page works under any sub-path and a strict Content-Security-Policy.
const LOADER: &str = "./tools-worker_loader.js";

/// Why a tool has no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failed {
    /// The browser could not start the worker, or it stopped.
    Worker(String),
    /// The worker could not read the request.
    Refused(String),
}

struct Client {
    worker: web_sys::Worker,
    ready: bool,
    queue: Vec<String>,
    waiting: HashMap<u32, js_sys::Function>,
    next_id: u32,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Asks the worker to do `task`; resolves with its result.
pub async fn ask(task: Task) -> Result<Outcome, Failed> {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |yes, _no| resolve = Some(yes));
    let resolve = resolve.ok_or_else(|| Failed::Worker("no promise".into()))?;
    send(task, resolve)?;
    let reply = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match serde_json::from_str::<Response>(&reply) {
        Ok(Response {
            result: Outcome::Error(e),
            ..
        }) => Err(Failed::Refused(e)),
        Ok(Response { result, .. }) => Ok(result),
        // What `fail_all` resolves pending requests with.
        Err(_) => Err(Failed::Worker(reply)),
    }
}

fn send(task: Task, resolve: js_sys::Function) -> Result<(), Failed> {
    CLIENT.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Some(start()?);
        }
        let client = cell.as_mut().expect("started above");
        client.next_id = client.next_id.wrapping_add(1);
        let id = client.next_id;
        let text = serde_json::to_string(&Request { id, task })
            .map_err(|e| Failed::Worker(e.to_string()))?;
        client.waiting.insert(id, resolve);
        if client.ready {
            let _ = client.worker.post_message(&text.into());
        } else {
            client.queue.push(text);
        }
        Ok(())
    })
}

fn start() -> Result<Client, Failed> {
    let worker = web_sys::Worker::new(LOADER).map_err(|e| Failed::Worker(describe(&e)))?;
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            CLIENT.with(|cell| {
                let mut cell = cell.borrow_mut();
                let Some(client) = cell.as_mut() else { return };
                if text == READY {
                    client.ready = true;
                    for message in client.queue.drain(..) {
                        let _ = client.worker.post_message(&message.into());
                    }
                    return;
                }
                let id = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v.get("id")?.as_u64())
                    .and_then(|id| u32::try_from(id).ok());
                if let Some(resolve) = id.and_then(|id| client.waiting.remove(&id)) {
                    let _ = resolve.call1(&JsValue::NULL, &text.into());
                }
            });
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_: web_sys::Event| fail_all());
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(Client {
        worker,
        ready: false,
        queue: Vec::new(),
        waiting: HashMap::new(),
        next_id: 0,
    })
}

/// The worker could not load or stopped: every pending request gets an error, and the next
/// request starts a new worker.
fn fail_all() {
    let client = CLIENT.with(|cell| cell.borrow_mut().take());
    if let Some(client) = client {
        client.worker.terminate();
        for (_, resolve) in client.waiting {
            let _ = resolve.call1(&JsValue::NULL, &"the worker stopped".into());
        }
    }
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}
