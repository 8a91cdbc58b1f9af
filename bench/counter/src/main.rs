//! The smallest Leptos page worth the name: a heading and a counter. `scripts/perf` builds it
//! exactly as it builds the explainer and compares first load and first render.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <h1>"Hello, Leptos"</h1>
            <button id="counter" on:click=move |_| count.update(|n| *n += 1)>
                "Count: " {count}
            </button>
        }
    });
}
