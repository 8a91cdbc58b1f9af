//! The quiz: questions from the rules engine (`ami_encryption_rules::quiz`), answered per volume,
//! checked by the engine, and explained with the page's own sentences.
//!
//! The page opens it for `?quiz=<level>.<seed>` ([`begin`] reads that value); the quiz changes the
//! level and seed in the address when the learner picks another level, and reads nothing else from
//! it. Score, streak and progress live in local storage ([`progress`]).

pub mod facts;
pub mod form;
pub mod progress;
pub mod question;
pub mod reveal;
pub mod start;
pub mod summary;

use ami_encryption_rules::quiz::Level;
use ami_encryption_rules::Scenario;
use leptos::prelude::*;

use crate::browser;
use crate::components::diagram::COMPACT_BELOW;
use crate::i18n::Lang;
use crate::state::use_explainer;
use progress::{run_length, run_questions, Progress, Run};
use question::{QuestionCard, QUESTION_HEADING};
use summary::{level_name, Summary, SUMMARY_HEADING};

pub use start::{QuizLink, QuizStart, StartError};

/// The query key of the quiz.
pub const QUERY: &str = "quiz";

/// Adds the quiz's texts to both languages (they are not in the page's first load). Safe to call
/// more than once.
pub fn add_texts() {
    Lang::En.add_texts(include_str!("../../../locales/quiz.en.txt"));
    Lang::ZhTw.add_texts(include_str!("../../../locales/quiz.zh-TW.txt"));
}

/// A new seed, short enough to read out in a classroom.
pub fn new_seed() -> u64 {
    (js_sys::Math::random() * start::SEED_RANGE as f64) as u64
}

/// The run a `?quiz=` value opens. Without a seed, a new one is picked (without a level either, the
/// run in progress is resumed, else the first level starts) and written into the address, so that
/// the address a trainer copies carries it.
pub fn begin(value: &str) -> Result<QuizStart, StartError> {
    let start = match QuizStart::parse(value)? {
        QuizLink::Start(start) => return Ok(start),
        QuizLink::NewSeed(Some(level)) => QuizStart {
            level,
            seed: new_seed(),
        },
        QuizLink::NewSeed(None) => {
            progress::load()
                .run
                .map(|run| run.start())
                .unwrap_or(QuizStart {
                    level: Level::ALL[0],
                    seed: new_seed(),
                })
        }
    };
    write_address(start);
    Ok(start)
}

fn write_address(start: QuizStart) {
    if let Some(url) = browser::url_with(&[(QUERY, Some(&start.encode()))]) {
        browser::replace_url(&url);
    }
}

/// What the quiz shows: a question, or the summary of a run that is over. A change of this (not of
/// the answers) draws a new question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    start: QuizStart,
    index: usize,
    over: bool,
}

fn place_of(progress: &Progress) -> Option<Place> {
    progress.run.as_ref().map(|run| Place {
        start: run.start(),
        index: run.index,
        over: run.over(),
    })
}

/// The quiz for one run: a header with the level picker, score, streak and "Reset progress", then
/// the question on screen, or the summary at the end.
#[component]
pub fn Quiz(
    /// The level and seed to start (or resume, when it is the run in progress).
    start: QuizStart,
    /// "Open in the explainer" on a revealed answer: the caller loads the scenario into the page
    /// and leaves the quiz.
    #[prop(into)]
    on_open: Callback<Scenario>,
) -> impl IntoView {
    add_texts();
    let page = use_explainer();
    let lang = page.lang;
    let kept = RwSignal::new({
        let mut saved = progress::load();
        saved.begin(start);
        progress::save(&saved);
        saved
    });
    let update = move |change: &dyn Fn(&mut Progress)| {
        kept.update(|p| change(p));
        kept.with_untracked(progress::save);
    };
    let place = Memo::new(move |_| kept.with(place_of));
    // Counts fresh starts (another level, "Reset progress"): a fresh start draws its first question
    // anew even when the place is the same (a reset while on the first question).
    let restarts = RwSignal::new(0u32);

    // The picture stacks vertically on narrow screens, as the page's own does.
    let width = RwSignal::new(window_width());
    let _resize = window_event_listener(leptos::ev::resize, move |_| width.set(window_width()));
    let compact = Signal::derive(move || width.get() < COMPACT_BELOW);

    let start_level = move |level: Level| {
        let start = QuizStart {
            level,
            seed: new_seed(),
        };
        update(&|p| p.run = Some(Run::new(start)));
        restarts.update(|n| *n += 1);
        write_address(start);
        request_animation_frame(|| browser::focus(QUESTION_HEADING));
    };

    let picker = move || {
        let lang = lang.get();
        let current = place.get().map(|p| p.start.level);
        let options = Level::ALL
            .into_iter()
            .map(|level| {
                let done = kept.with(|p| p.level(level));
                let mut label = level_name(lang, level);
                if done.answered > 0 {
                    label = lang.with_note(
                        &label,
                        &lang.fill(
                            if done.finished {
                                "quiz.level.progress.finished"
                            } else {
                                "quiz.level.progress"
                            },
                            &[
                                ("answered", &done.answered.to_string()),
                                ("correct", &done.correct.to_string()),
                            ],
                        ),
                    );
                }
                view! { <option value=level.id() prop:selected={current == Some(level)}>{label}</option> }
            })
            .collect_view();
        view! {
            <label class="field quiz-level">
                <span>{lang.t("quiz.level")}</span>
                // Named by the label's words alone (a wrapping label would add the chosen level).
                <select aria-label=lang.t("quiz.level") on:change=move |ev| {
                    if let Some(level) = Level::from_id(&event_target_value(&ev)) {
                        start_level(level);
                    }
                }>{options}</select>
            </label>
        }
    };
    let description = move || {
        let lang = lang.get();
        place.get().map(|p| {
            lang.fill(
                &format!("quiz.level.{}.description", p.start.level.id()),
                &[],
            )
        })
    };

    let stats = move || {
        let lang = lang.get();
        kept.with(|p| {
            let run = p.run.as_ref()?;
            let questions = run_questions(run.start());
            let results = run.results(&questions);
            let score = results.iter().filter(|r| **r).count();
            Some(view! {
                <p class="quiz-stat">
                    {lang.fill("quiz.score", &[("score", &score.to_string()), ("answered", &results.len().to_string())])}
                </p>
                <p class="quiz-stat">
                    {lang.fill("quiz.streak", &[("streak", &p.streak.to_string()), ("best", &p.best_streak.to_string())])}
                </p>
            })
        })
    };

    let reset = move |_| {
        progress::forget();
        let start = place.get_untracked().map_or(start, |p| p.start);
        update(&|p| {
            *p = Progress::default();
            p.begin(start);
        });
        restarts.update(|n| *n += 1);
        request_animation_frame(|| browser::focus(QUESTION_HEADING));
    };

    let body = move || {
        restarts.track();
        let Place {
            start: run_start,
            index,
            over,
        } = place.get()?;
        let questions = run_questions(run_start);
        if over {
            let results = kept.with_untracked(|p| {
                p.run
                    .as_ref()
                    .map(|r| r.results(&questions))
                    .unwrap_or_default()
            });
            let level = run_start.level;
            let next_level = Level::ALL
                .iter()
                .position(|l| *l == level)
                .and_then(|i| Level::ALL.get(i + 1).copied())
                .map(|next| Callback::new(move |()| start_level(next)));
            return Some(
                view! {
                    <Summary
                        start=run_start
                        questions=questions
                        results=results
                        on_again=Callback::new(move |()| start_level(level))
                        on_next_level=next_level
                    />
                }
                .into_any(),
            );
        }
        let question = questions.get(index)?.clone();
        let checked = kept.with_untracked(|p| {
            p.run
                .as_ref()
                .filter(|r| r.revealed())
                .and_then(|r| r.answers.get(index).cloned())
        });
        let asked = question.clone();
        let on_check = Callback::new(move |answer: ami_encryption_rules::quiz::Answer| {
            update(&|p| {
                p.record(&asked, answer.clone());
            })
        });
        let on_next = Callback::new(move |()| {
            update(&|p| p.next());
            let over = place.get_untracked().is_some_and(|p| p.over);
            request_animation_frame(move || {
                browser::focus(if over {
                    SUMMARY_HEADING
                } else {
                    QUESTION_HEADING
                })
            });
        });
        Some(
            view! {
                <QuestionCard
                    question=question
                    number=index + 1
                    total=run_length(run_start.level)
                    checked=checked
                    compact=compact
                    on_check=on_check
                    on_next=on_next
                    on_open=on_open
                />
            }
            .into_any(),
        )
    };

    view! {
        <section class="quiz" aria-labelledby="quiz-heading">
            <header class="quiz-header card">
                <h2 id="quiz-heading" tabindex="-1">{move || lang.get().t("quiz.heading")}</h2>
                <div class="quiz-controls">
                    {picker}
                    <div class="quiz-stats">{stats}</div>
                    <button type="button" class="button" on:click=reset>{move || lang.get().t("quiz.reset")}</button>
                </div>
                <p class="hint">{description}</p>
            </header>
            {body}
        </section>
    }
}

fn window_width() -> i32 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .map_or(1280, |w| w as i32)
}
