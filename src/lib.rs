use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! { <main id="app"><h1>"AMI Encryption Explainer"</h1></main> }
}
