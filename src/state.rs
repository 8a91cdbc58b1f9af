//! The page's one piece of state, the scenario, and what is derived from it.

use ami_encryption_rules::{check, resolve, ErrorKind, Outcome, RequestError, Scenario};
use leptos::prelude::*;

use crate::i18n::Lang;

/// Provided by `App` to every component.
#[derive(Clone, Copy)]
pub struct Explainer {
    /// The scenario being edited: the only state the explainer has.
    pub scenario: RwSignal<Scenario>,
    /// Every reason the scenario cannot exist, for the controls to show where they are.
    pub problems: Memo<Vec<RequestError>>,
    /// The outcome drawn: the engine's answer, or while the scenario cannot exist, the last answer
    /// for a scenario that could (so a half-typed device name does not blank the picture).
    pub outcome: Memo<Shown>,
    pub lang: RwSignal<Lang>,
    /// Counts whole-scenario loads (an example, a link, a reset): the last possible outcome is
    /// kept only across edits, never across a load.
    pub loads: RwSignal<u32>,
    /// A message about what the page could not restore (a bad link, unreadable saved data).
    pub notice: RwSignal<Option<Notice>>,
    /// The example the scenario started from (a preset's id, or [`STARTER`]), kept after edits so
    /// that its introduction stays at hand and "Next example" knows where it is. It cannot be
    /// derived: an edited scenario no longer says where it came from.
    pub example: RwSignal<Option<&'static str>>,
}

/// The id `example` holds for the page's starter scenario.
pub const STARTER: &str = "starter";

/// Which example a freshly loaded scenario is, if it is one.
pub fn example_of(scenario: &Scenario) -> Option<&'static str> {
    if *scenario == crate::edit::starter() {
        return Some(STARTER);
    }
    ami_encryption_rules::preset::matching(scenario).map(|p| p.id)
}

/// Something the page could not restore or open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    BadLink(ami_encryption_rules::link::LinkError),
    BadSaved,
    /// A file opened or dropped on the page that is not a scenario (the scenario is kept).
    BadFile(String),
}

/// An outcome, and the scenario it answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub scenario: Scenario,
    pub outcome: Outcome,
    /// True when the scenario being edited cannot exist and this is the last one that could.
    pub stale: bool,
    /// The load this outcome belongs to (see `Explainer::loads`).
    pub load: u32,
}

impl Explainer {
    pub fn new(initial: Scenario) -> Explainer {
        Explainer::with_lang(initial, Lang::En)
    }

    pub fn with_lang(initial: Scenario, lang: Lang) -> Explainer {
        let scenario = RwSignal::new(initial);
        let loads = RwSignal::new(0);
        let problems = Memo::new(move |_| scenario.with(check));
        let outcome = Memo::new(move |previous: Option<&Shown>| {
            let load = loads.get();
            scenario.with(|s| {
                let outcome = resolve(s);
                let impossible = |o: &Outcome| {
                    o.error
                        .as_ref()
                        .is_some_and(|e| e.kind == ErrorKind::Scenario)
                };
                match previous {
                    // Keep the last possible picture while an edit is half done, within one load.
                    Some(last)
                        if impossible(&outcome)
                            && last.load == load
                            && !impossible(&last.outcome) =>
                    {
                        Shown {
                            stale: true,
                            ..last.clone()
                        }
                    }
                    _ => Shown {
                        stale: false,
                        scenario: s.clone(),
                        outcome,
                        load,
                    },
                }
            })
        });
        let example = RwSignal::new(scenario.with_untracked(example_of));
        Explainer {
            scenario,
            problems,
            outcome,
            lang: RwSignal::new(lang),
            loads,
            notice: RwSignal::new(None),
            example,
        }
    }

    /// Replaces the whole scenario (an example, a link, a reset).
    pub fn load(&self, scenario: Scenario) {
        self.example.set(example_of(&scenario));
        self.loads.update(|n| *n += 1);
        self.scenario.set(scenario);
    }

    /// The problem at a JSON pointer (`/snapshots/0/device`), for the control that edits it.
    pub fn problem_at(&self, at: &str) -> Option<RequestError> {
        self.problems
            .with(|all| all.iter().find(|p| p.at.as_deref() == Some(at)).cloned())
    }

    /// Applies an edit to the scenario.
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) {
        if crate::crash::test_requested() {
            panic!("a panic asked for by a test, to show the recovery view");
        }
        self.scenario.update(change);
    }
}

pub fn use_explainer() -> Explainer {
    expect_context::<Explainer>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;
    use ami_encryption_rules::Status;

    #[test]
    fn outcome_follows_the_scenario() {
        let owner = Owner::new();
        owner.with(|| {
            let explainer = Explainer::new(edit::starter());
            assert_eq!(explainer.outcome.get_untracked().outcome.status, Status::Ok);
            explainer.edit(|s| s.account.encryption_by_default = true);
            assert!(explainer
                .outcome
                .get_untracked()
                .outcome
                .volumes
                .iter()
                .all(|v| v.encrypted));
        });
    }

    /// A half-typed device name must not blank the picture: the last possible outcome stays.
    #[test]
    fn impossible_scenario_keeps_the_last_outcome() {
        let owner = Owner::new();
        owner.with(|| {
            let explainer = Explainer::new(edit::starter());
            let before = explainer.outcome.get_untracked();
            explainer.edit(|s| s.snapshots[1].device = "/dev/sd".into());
            let shown = explainer.outcome.get_untracked();
            assert!(shown.stale);
            assert_eq!(shown.outcome, before.outcome);
            assert!(explainer.problem_at("/snapshots/1/device").is_some());
            explainer.edit(|s| s.snapshots[1].device = "/dev/sdc".into());
            assert!(!explainer.outcome.get_untracked().stale);
        });
    }

    /// Regression: loading an impossible example kept the previous example's picture.
    #[test]
    fn loading_an_impossible_scenario_shows_it_as_refused() {
        let owner = Owner::new();
        owner.with(|| {
            let explainer = Explainer::new(edit::starter());
            let _ = explainer.outcome.get_untracked();
            let mut impossible = edit::starter();
            impossible.snapshots[0].kms_key = Some("alias/aws/ebs".into());
            explainer.load(impossible);
            let shown = explainer.outcome.get_untracked();
            assert_eq!(shown.outcome.status, Status::Error);
            assert_eq!(shown.outcome.error.unwrap().code, "InvalidParameter");
        });
    }

    /// The first scenario can already be impossible (a bad link): then it is shown as refused.
    #[test]
    fn impossible_first_scenario_is_shown_as_refused() {
        let owner = Owner::new();
        owner.with(|| {
            let explainer = Explainer::new(Scenario::default());
            let shown = explainer.outcome.get_untracked();
            assert!(
                !shown.stale,
                "nothing older to show: the refusal is the picture"
            );
            assert_eq!(shown.outcome.status, Status::Error);
        });
    }
}
