//! Presenter mode: the examples (or a trainer's own links) as full-viewport slides for a projector.
//! Each slide first asks (the scenario and the call drawn, the outcome as question marks), then on
//! the next step answers (the full picture, the verdict, the reasons).
//!
//! Keys: → / Page Down / Space step forward, ← / Page Up / Shift+Space step back, Home / End jump
//! to the first / last slide (always to its question, never to a spoiled answer), Escape exits.
//! A step back exactly undoes a step forward: from an answer to its question, from a question to
//! the previous slide's answer, which is what a presenter going back wants to show again.
//!
//! `deck` is pure (tested natively); this file is the view; `saved` is the trainer's deck editor.

pub mod deck;
pub mod saved;

pub use deck::{
    parse_deck, parse_deck_from, parse_lines, Deck, DeckError, LineError, Position, Slide,
};
pub use saved::{SavedDeck, STORED_DECK};

use ami_encryption_rules::preset::Kind;
use ami_encryption_rules::{link, Operation};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::diagram::{Diagram, COMPACT_BELOW};
use crate::components::reasons::Reasons;
use crate::components::status::Verdict;
use crate::state::{use_explainer, Explainer};
use deck::SlideKind;

/// The query key of presenter mode; its value is read by [`parse_deck`].
pub const PRESENT: &str = "present";

/// One step through the deck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Next,
    Previous,
    First,
    Last,
}

/// The slide view. Reads the page's `Explainer` for the language; every slide gets an `Explainer`
/// of its own, so the page's scenario is never touched by presenting.
#[component]
pub fn Presenter(
    /// The scenarios to show, one a slide.
    deck: Deck,
    /// The slide to open on, 0-based (its question shown); past the end, the last slide.
    start: usize,
    /// Called on "Exit" or Escape: the caller leaves presenter mode and removes `present` from the
    /// address.
    #[prop(into)]
    on_exit: Callback<()>,
) -> impl IntoView {
    let page = use_explainer();
    let count = deck.len();
    let deck = StoredValue::new(deck);
    let position = RwSignal::new(Position::at(start.min(count.saturating_sub(1))));
    let index = Memo::new(move |_| position.get().slide);
    let revealed = Memo::new(move |_| position.get().revealed);
    let current = Memo::new(move |_| deck.with_value(|d| d.slide(index.get())));
    let title = Memo::new(move |_| {
        let lang = page.lang.get();
        current.with(|s| s.as_ref().map(|s| s.title(lang, index.get())))
    });

    let go = move |step: Step| {
        if count == 0 {
            return;
        }
        position.update(|p| {
            *p = match step {
                Step::Next => p.next(count),
                Step::Previous => p.previous(),
                Step::First => Position::at(0),
                Step::Last => Position::at(count - 1),
            }
        });
    };

    // The address names the slide (not its reveal), so that a reload comes back to its question.
    Effect::new(move |_| {
        let value = deck.with_value(|d| d.value(index.get()));
        if let Some(url) = browser::url_with(&[(PRESENT, Some(&value))]) {
            browser::replace_url(&url);
        }
    });
    // Start where the keyboard is: the forward button, so Enter and Space work at once too.
    Effect::new(move |_| browser::focus("present-next"));

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented()
            || ev.ctrl_key()
            || ev.alt_key()
            || ev.meta_key()
            || ev.repeat()
            || typing(&ev)
        {
            return;
        }
        let step = match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                on_exit.run(());
                return;
            }
            // Space on a focused button or link is that control's own click.
            " " if on_control(&ev) => return,
            " " if ev.shift_key() => Step::Previous,
            "ArrowRight" | "PageDown" | " " => Step::Next,
            "ArrowLeft" | "PageUp" => Step::Previous,
            "Home" => Step::First,
            "End" => Step::Last,
            _ => return,
        };
        // The keys would otherwise also scroll the slide.
        ev.prevent_default();
        go(step);
    });
    on_cleanup(move || keys.remove());

    let width = RwSignal::new(window_width());
    let resize = window_event_listener(leptos::ev::resize, move |_| width.set(window_width()));
    on_cleanup(move || resize.remove());
    let compact = Signal::derive(move || width.get() < COMPACT_BELOW);

    let lang = move || page.lang.get();
    let counter = move || {
        lang().fill(
            "present.count",
            &[
                ("n", &(index.get() + 1).to_string()),
                ("count", &count.to_string()),
            ],
        )
    };
    let announcement = move || match title.get() {
        Some(title) => format!("{}: {title}", counter()),
        None => counter(),
    };
    let open_href = move || {
        current.with(|s| {
            let value = link::encode(&s.as_ref()?.scenario);
            // The full page, not an embed: the trainer explores the scenario with every control.
            browser::url_with(&[
                (PRESENT, None),
                (browser::key::EMBED, None),
                (browser::key::SCENARIO, Some(&value)),
            ])
        })
    };
    let has_previous = move || position.get().has_previous();
    let has_next = move || position.get().has_next(count);

    let slide = move || {
        let i = index.get();
        match current.get() {
            Some(slide) => {
                view! { <SlideView slide=slide index=i revealed=revealed compact=compact /> }
                    .into_any()
            }
            None => {
                let key = if count == 0 {
                    "present.empty"
                } else {
                    "present.unreadable"
                };
                view! { <div class="slide"><p class="slide-story">{move || lang().t(key)}</p></div> }.into_any()
            }
        }
    };

    view! {
        <div class="presenter" role="region" aria-label=move || lang().t("present.label")>
            <nav class="presenter-bar" aria-label=move || lang().t("present.controls")>
                <button
                    type="button"
                    class="presenter-button"
                    id="present-previous"
                    aria-keyshortcuts="ArrowLeft PageUp Shift+Space"
                    aria-disabled=move || (!has_previous()).then_some("true")
                    on:click=move |_| go(Step::Previous)
                >
                    <span aria-hidden="true">"← "</span>
                    {move || lang().t("present.previous")}
                </button>
                <p class="slide-count">{counter}</p>
                <button
                    type="button"
                    class="presenter-button primary"
                    id="present-next"
                    aria-keyshortcuts="ArrowRight PageDown Space"
                    aria-disabled=move || (!has_next()).then_some("true")
                    on:click=move |_| go(Step::Next)
                >
                    {move || lang().t("present.next")}
                    <span aria-hidden="true">" →"</span>
                </button>
                <span class="presenter-spacer"></span>
                {move || open_href().map(|href| view! {
                    <a class="presenter-link" href=href>{lang().t("present.open")}</a>
                })}
                <button
                    type="button"
                    class="presenter-button"
                    aria-keyshortcuts="Escape"
                    on:click=move |_| on_exit.run(())
                >
                    {move || lang().t("present.exit")}
                </button>
            </nav>
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
            {slide}
        </div>
    }
}

/// One slide, with an `Explainer` of its own for the picture, the verdict and the reasons.
#[component]
fn SlideView(
    /// The scenario shown and what names it.
    slide: Slide,
    /// Its place in the deck, 0-based (for "Scenario n").
    index: usize,
    /// Whether the outcome is shown (else the question only).
    #[prop(into)]
    revealed: Signal<bool>,
    /// Whether the picture stacks vertically (a narrow window or a high zoom).
    compact: Signal<bool>,
) -> impl IntoView {
    let page = use_explainer();
    let local = Explainer {
        lang: page.lang,
        ..Explainer::with_lang(slide.scenario.clone(), page.lang.get_untracked())
    };
    provide_context(local);
    let lang = move || page.lang.get();
    let kind = match slide.kind {
        SlideKind::Starter => "present.kind.starter",
        SlideKind::Example(Kind::AwsPage) => "present.kind.aws-page",
        SlideKind::Example(Kind::Related) => "present.kind.related",
        SlideKind::Example(Kind::Mistake) => "present.kind.mistake",
        SlideKind::Link => "present.kind.link",
    };
    let ask = match slide.scenario.operation {
        Operation::Launch => "present.ask.launch",
        Operation::Copy => "present.ask.copy",
    };
    let story = slide
        .example
        .filter(|_| slide.story)
        .map(|id| format!("preset.{id}.intro"));
    let title = {
        let slide = slide.clone();
        move || slide.title(lang(), index)
    };
    let hidden = Signal::derive(move || !revealed.get());
    view! {
        <article class="slide" aria-labelledby="slide-title">
            <header class="slide-head">
                <p class="slide-kind">{move || lang().t(kind)}</p>
                <h1 id="slide-title" class="slide-title">{title}</h1>
            </header>
            <div class="slide-body">
                <div class="slide-text">
                    {story.map(|key| view! { <p class="slide-story">{move || lang().t(&key).to_owned()}</p> })}
                    <p class="slide-ask">
                        <strong>{move || lang().t("present.ask.label")}</strong>
                        {move || lang().sentence_gap()}
                        {move || lang().t(ask)}
                    </p>
                    <Show
                        when=move || revealed.get()
                        fallback=move || view! { <p class="slide-hint">{move || lang().t("present.reveal-hint")}</p> }
                    >
                        <div class="slide-answer">
                            <Verdict />
                            <Reasons />
                        </div>
                    </Show>
                </div>
                <div class="slide-picture">
                    <Diagram compact=compact hide_outcome=hidden id="slide-diagram" />
                </div>
            </div>
        </article>
    }
}

/// Whether the key press is typing: into a text field, a select or editable text.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(
        element.tag_name().to_ascii_lowercase().as_str(),
        "input" | "textarea" | "select"
    ) || element.is_content_editable()
}

/// Whether the key press lands on a control that Space activates by itself.
fn on_control(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(
                e.tag_name().to_ascii_lowercase().as_str(),
                "button" | "a" | "summary"
            )
        })
}

fn window_width() -> i32 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .map_or(1280, |w| w as i32)
}
