//! What the page asks its Web Worker, and what the worker answers: JSON text both ways (the
//! worker is a second WebAssembly module, fetched only when a tool that needs it is opened).
//!
//! Pure: [`answer`] is the whole worker apart from the message plumbing, tested natively.

use ami_encryption_rules::advice::{self, Edit, Goal, Reason};
use ami_encryption_rules::Scenario;
use serde::{Deserialize, Serialize};

/// A question for the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Echoed in the reply, so that the page can drop answers to questions it no longer asks.
    pub id: u32,
    pub task: Task,
}

/// What to work out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Task {
    /// "How do I get…?" for one device of a scenario.
    Advise { scenario: Scenario, goal: Goal },
}

/// The worker's reply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: u32,
    pub result: Outcome,
}

/// "How do I get…?" as the page shows it: each suggestion's edits (the engine's outcome of each
/// changed scenario stays in the worker; the page applies the edits and resolves for itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    pub already: bool,
    pub parameters: Vec<Vec<Edit>>,
    pub account: Vec<Vec<Edit>>,
    pub key_policy: Vec<Vec<Edit>>,
    pub why_not: Option<Reason>,
}

impl From<advice::Advice> for Advice {
    fn from(full: advice::Advice) -> Advice {
        let edits = |list: Vec<advice::Suggestion>| list.into_iter().map(|s| s.edits).collect();
        Advice {
            already: full.already,
            parameters: edits(full.parameters),
            account: edits(full.account),
            key_policy: edits(full.key_policy),
            why_not: full.why_not,
        }
    }
}

/// The result of a task, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Advice(Advice),
    /// The request could not be read (a page and a worker of different builds): never a panic.
    Error(String),
}

/// The message the worker posts once it can take requests (messages sent before are lost).
pub const READY: &str = "ready";

/// Answers one request, given and returned as JSON text.
pub fn answer(request: &str) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Ok(Request { id, task }) => Response {
            id,
            result: match task {
                Task::Advise { scenario, goal } => {
                    Outcome::Advice(advice::advise(&scenario, &goal).into())
                }
            },
        },
        Err(e) => Response {
            id: serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|v| v.get("id")?.as_u64())
                .and_then(|id| u32::try_from(id).ok())
                .unwrap_or(0),
            result: Outcome::Error(ami_encryption_rules::cut::cut(&e.to_string()).into_owned()),
        },
    };
    serde_json::to_string(&response).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::advice::Want;

    #[test]
    fn advice_goes_through_json_and_back_unchanged() {
        let scenario = (ami_encryption_rules::preset::ALL[0].build)();
        let goal = Goal {
            device: scenario.snapshots[0].device.clone(),
            want: Want::EncryptedWith("alias/app".into()),
        };
        let request = Request {
            id: 7,
            task: Task::Advise {
                scenario: scenario.clone(),
                goal: goal.clone(),
            },
        };
        let reply: Response =
            serde_json::from_str(&answer(&serde_json::to_string(&request).unwrap())).unwrap();
        assert_eq!(reply.id, 7);
        assert_eq!(
            reply.result,
            Outcome::Advice(advice::advise(&scenario, &goal).into())
        );
    }

    #[test]
    fn a_request_it_cannot_read_gets_an_error_not_a_panic() {
        for junk in [
            "",
            "{",
            "null",
            "{\"id\": 3}",
            "{\"id\": 3, \"task\": {\"quiz\": 1}}",
        ] {
            let reply: Response = serde_json::from_str(&answer(junk)).unwrap();
            assert!(matches!(reply.result, Outcome::Error(_)), "{junk}");
        }
        let reply: Response = serde_json::from_str(&answer("{\"id\": 3}")).unwrap();
        assert_eq!(reply.id, 3, "the id is kept when it can be read");
    }
}
