//! The quiz in headless Chromium (wasm-bindgen-test): mounted with a page explainer, answered as a
//! learner would (radios, selects, "Check answer"), and read by role and text. The right answers
//! come from the engine (`questions()`), never from the page.
#![cfg(target_arch = "wasm32")]

use ami_encryption_explainer::components::quiz::facts::facts;
use ami_encryption_explainer::components::quiz::form::{devices, Call, Form};
use ami_encryption_explainer::components::quiz::progress::{self, run_questions};
use ami_encryption_explainer::components::quiz::{Quiz, QuizStart};
use ami_encryption_explainer::edit;
use ami_encryption_explainer::i18n::Lang;
use ami_encryption_explainer::state::Explainer;
use ami_encryption_rules::quiz::{Expected, Level, Question};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::{container, texts};

wasm_bindgen_test_configure!(run_in_browser);

const START: QuizStart = QuizStart {
    level: Level::LaunchBasics,
    seed: 7,
};

/// Mounts the quiz for `start` on a fresh container, with nothing saved from an earlier test.
fn mount_quiz(start: QuizStart) -> web_sys::HtmlElement {
    Lang::En.add_texts(include_str!("../locales/quiz.en.txt"));
    Lang::ZhTw.add_texts(include_str!("../locales/quiz.zh-TW.txt"));
    // The page fetches its Traditional Chinese texts; the quiz's module carries them.
    Lang::ZhTw.add_texts(ami_encryption_explainer::i18n::ZH_TW_TEXTS);
    ami_encryption_explainer::browser::forget(progress::STORED);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let explainer = Explainer::new(edit::starter());
        provide_context(explainer);
        view! { <Quiz start=start on_open=|_| {} /> }
    });
    std::mem::forget(handle);
    root
}

fn element(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn status(root: &web_sys::Element) -> String {
    texts(root, "[role=status].quiz-status").join("")
}

/// The fieldset whose legend is exactly `legend`.
fn fieldset(root: &web_sys::Element, legend: &str) -> web_sys::Element {
    let list = root.query_selector_all("fieldset").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<web_sys::Element>())
        .find(|f| {
            f.query_selector(":scope > legend")
                .unwrap()
                .is_some_and(|l| l.text_content().unwrap_or_default().trim() == legend)
        })
        .unwrap_or_else(|| panic!("no fieldset {legend}"))
}

/// Fills the form in as a learner would, then presses "Check answer".
async fn answer(root: &web_sys::Element, form: &Form) {
    let call = form.call.expect("a call");
    element(root, &format!("input[name=quiz-call][value={}]", call.id())).click();
    leptos::task::tick().await;
    if call == Call::GoesThrough {
        for device in &form.devices {
            let group = fieldset(root, &format!("Your answer for {}", device.device));
            let value = match device.encrypted {
                Some(true) => "encrypted",
                _ => "not-encrypted",
            };
            element(&group, &format!("input[value={value}]")).click();
            leptos::task::tick().await;
            if device.encrypted == Some(true) {
                let select: web_sys::HtmlSelectElement = element(&group, "select").unchecked_into();
                assert!(!select.disabled(), "the key is chosen once Encrypted is");
                select.set_value(&device.key);
                assert_eq!(select.value(), device.key, "{} is offered", device.key);
                let change = web_sys::Event::new("change").unwrap();
                select.dispatch_event(&change).unwrap();
                leptos::task::tick().await;
            }
        }
    }
    element(root, "button[type=submit]").click();
    leptos::task::tick().await;
}

/// An answer that is wrong as a whole: another kind of answer than the expected one.
fn wrong(question: &Question) -> Form {
    let mut form = Form::new(&question.scenario);
    form.call = Some(match question.expected {
        Expected::Refused { .. } => Call::FailsLater,
        _ => Call::Refused,
    });
    form
}

#[wasm_bindgen_test]
async fn a_right_answer_is_correct_and_a_wrong_one_is_not() {
    let root = mount_quiz(START);
    leptos::task::tick().await;
    let questions = run_questions(START);
    assert_eq!(
        texts(&root, "h3")[0],
        format!("Question 1 of {}", questions.len())
    );
    assert_eq!(
        status(&root),
        "",
        "nothing is announced before the first check"
    );
    answer(&root, &Form::answering(&questions[0])).await;
    assert_eq!(status(&root), "✓ Correct");
    assert!(
        texts(&root, ".quiz-yours")
            .iter()
            .all(|t| t.ends_with("right")),
        "{:?}",
        texts(&root, ".quiz-yours")
    );
    // The picture now shows the outcome: no question marks left.
    assert_eq!(
        root.query_selector_all("svg g.chip.hidden")
            .unwrap()
            .length(),
        0
    );

    element(&root, "#quiz-next").click();
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, "h3")[0],
        format!("Question 2 of {}", questions.len())
    );
    assert_eq!(status(&root), "");
    answer(&root, &wrong(&questions[1])).await;
    assert_eq!(status(&root), "✗ Not quite");
    assert!(texts(&root, ".quiz-yours")
        .iter()
        .any(|t| t.contains("wrong")));
    // The header's score follows.
    assert!(
        texts(&root, ".quiz-stat")
            .iter()
            .any(|t| t == "Score: 1 of 2 right"),
        "{:?}",
        texts(&root, ".quiz-stat")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn each_device_has_its_own_fieldset() {
    let root = mount_quiz(START);
    leptos::task::tick().await;
    let question = &run_questions(START)[0];
    assert!(texts(&root, "legend")
        .iter()
        .all(|l| !l.starts_with("Your answer for")));
    element(&root, "input[name=quiz-call][value=goes-through]").click();
    leptos::task::tick().await;
    let legends: Vec<String> = texts(&root, "fieldset.quiz-device > legend");
    let wanted: Vec<String> = devices(&question.scenario)
        .iter()
        .map(|d| format!("Your answer for {d}"))
        .collect();
    assert_eq!(legends, wanted);
    // Each has "Encrypted", "Not encrypted" and a labelled key, disabled until "Encrypted".
    let group = fieldset(&root, &wanted[0]);
    let labels = texts(&group, "label");
    assert_eq!(labels[..2], ["Encrypted", "Not encrypted"]);
    assert!(labels[2].starts_with("Key"), "{labels:?}");
    let select: web_sys::HtmlSelectElement = element(&group, "select").unchecked_into();
    assert!(select.disabled());
    element(&group, "input[value=encrypted]").click();
    leptos::task::tick().await;
    assert!(!select.disabled());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_same_seed_shows_the_same_first_question() {
    let first = run_questions(START).remove(0);
    let mut seen = Vec::new();
    for _ in 0..2 {
        let root = mount_quiz(START);
        leptos::task::tick().await;
        let shown = texts(&root, ".quiz-facts li");
        assert_eq!(shown, facts(Lang::En, &first.scenario));
        seen.push((shown, texts(&root, "svg desc")));
        root.remove();
    }
    assert_eq!(seen[0], seen[1]);
}

#[wasm_bindgen_test]
async fn a_reload_resumes_at_the_same_question() {
    let root = mount_quiz(START);
    leptos::task::tick().await;
    let questions = run_questions(START);
    answer(&root, &Form::answering(&questions[0])).await;
    element(&root, "#quiz-next").click();
    leptos::task::tick().await;
    root.remove();
    // Mounted again without forgetting the saved progress: the second question, score kept.
    let again = container();
    std::mem::forget(leptos::mount::mount_to(again.clone(), move || {
        provide_context(Explainer::new(edit::starter()));
        view! { <Quiz start=START on_open=|_| {} /> }
    }));
    leptos::task::tick().await;
    assert_eq!(
        texts(&again, "h3")[0],
        format!("Question 2 of {}", questions.len())
    );
    assert!(texts(&again, ".quiz-stat")
        .iter()
        .any(|t| t == "Score: 1 of 1 right"));
    again.remove();
}

#[wasm_bindgen_test]
async fn switching_the_language_re_renders_the_quiz() {
    Lang::En.add_texts(include_str!("../locales/quiz.en.txt"));
    Lang::ZhTw.add_texts(include_str!("../locales/quiz.zh-TW.txt"));
    // The page fetches its Traditional Chinese texts; the quiz's module carries them.
    Lang::ZhTw.add_texts(ami_encryption_explainer::i18n::ZH_TW_TEXTS);
    ami_encryption_explainer::browser::forget(progress::STORED);
    let root = container();
    let (tx, rx) = std::sync::mpsc::channel();
    std::mem::forget(leptos::mount::mount_to(root.clone(), move || {
        let explainer = Explainer::new(edit::starter());
        provide_context(explainer);
        tx.send(explainer).unwrap();
        view! { <Quiz start=START on_open=|_| {} /> }
    }));
    let explainer = rx.recv().unwrap();
    leptos::task::tick().await;
    assert_eq!(texts(&root, "h2"), ["Quiz"]);
    explainer.lang.set(Lang::ZhTw);
    leptos::task::tick().await;
    assert_eq!(texts(&root, "h2"), ["測驗"]);
    assert!(texts(&root, "h3")[0].starts_with("第 1 題"));
    root.remove();
}
