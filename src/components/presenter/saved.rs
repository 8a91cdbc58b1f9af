//! The trainer's own deck: scenario links pasted one a line, checked line by line, and the good
//! ones kept in this browser for `?present=saved`.

use leptos::prelude::*;

use super::deck::{parse_lines, LineError, SAVED};
use super::PRESENT;
use crate::browser;
use crate::components::text as t;
use crate::state::use_explainer;

/// The local storage key of the saved deck: link values, one a line. Each value carries its own
/// format version, so the key needs none.
pub const STORED_DECK: &str = "present-deck";

/// What the last "Save" did.
#[derive(Clone, Debug, PartialEq)]
enum Saved {
    /// This many scenarios are now saved; these lines were left out.
    Some(usize, Vec<LineError>),
    /// The field was blank: the saved deck is now empty.
    Cleared,
    /// No line was a scenario link, so the saved deck was left as it was.
    Nothing(Vec<LineError>),
}

/// A form for the trainer's own deck: a labelled text field of scenario links (page links or bare
/// `s` values), saved to local storage; lines that are not scenarios are named with the reason.
#[component]
pub fn SavedDeck() -> impl IntoView {
    let explainer = use_explainer();
    // What was saved, one value a line, so that the trainer edits the deck rather than retypes it.
    let text = RwSignal::new(browser::load(STORED_DECK).unwrap_or_default());
    let saved = RwSignal::new(None::<Saved>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (good, bad) = text.with(|t| parse_lines(t));
        let result = if good.is_empty() && bad.is_empty() {
            browser::forget(STORED_DECK);
            Saved::Cleared
        } else if good.is_empty() {
            // Never replace a working deck with nothing because of a bad paste.
            Saved::Nothing(bad)
        } else {
            browser::save(STORED_DECK, &good.join("\n"));
            Saved::Some(good.len(), bad)
        };
        saved.set(Some(result));
    };
    let errors = move || match saved.get() {
        Some(Saved::Some(_, bad) | Saved::Nothing(bad)) => bad,
        _ => Vec::new(),
    };
    let has_errors = move || !errors().is_empty();
    let present_href = move || {
        browser::url_with(&[(PRESENT, Some(SAVED)), (browser::key::SCENARIO, None)])
            .unwrap_or_else(|| format!("?{PRESENT}={SAVED}"))
    };
    let status = move || {
        let lang = explainer.lang.get();
        saved.get().map(|result| match result {
            Saved::Some(n, _) => view! {
                <p>
                    {lang.plural("present.saved.saved", n, &[])} {lang.sentence_gap()}
                    <a href=present_href()>{lang.t("present.saved.present")}</a>
                </p>
            }
            .into_any(),
            Saved::Cleared => view! { <p>{lang.t("present.saved.cleared")}</p> }.into_any(),
            Saved::Nothing(_) => view! { <p>{lang.t("present.saved.nothing")}</p> }.into_any(),
        })
    };
    view! {
        <section class="card saved-deck" aria-labelledby="saved-deck-heading">
            <h2 id="saved-deck-heading">{t("present.saved.heading")}</h2>
            <p id="saved-deck-hint">{t("present.saved.intro")}</p>
            <form on:submit=save>
                <label for="saved-deck-links">{t("present.saved.label")}</label>
                <textarea
                    id="saved-deck-links"
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    aria-describedby=move || {
                        if has_errors() { "saved-deck-hint saved-deck-errors" } else { "saved-deck-hint" }
                    }
                    aria-invalid=move || has_errors().then_some("true")
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <div class="saved-deck-actions">
                    <button type="submit" class="button">{t("present.saved.save")}</button>
                </div>
            </form>
            <div role="status" class="saved-deck-status">{status}</div>
            <Show when=has_errors>
                <div class="alert warning" id="saved-deck-errors">
                    <p>{t("present.saved.errors")}</p>
                    <ul>
                        {move || {
                            let lang = explainer.lang.get();
                            errors()
                                .iter()
                                .map(|e| view! { <li>{e.message(lang)}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
        </section>
    }
}
