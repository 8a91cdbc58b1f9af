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
    /// Merge what AWS CLI commands printed (one text per paste or file) into a scenario.
    Import { pasted: Vec<String>, into: Scenario },
    /// The call that makes a scenario, in a format (`cli`, `terraform`, `cloudformation`, `packer`).
    Export { scenario: Scenario, format: String },
}

/// One thing the importer read, skipped or assumed: a note id (`import.note.<id>` in the page's
/// locale files) and its arguments as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub args: Vec<(String, String)>,
}

impl From<&ami_encryption_interop::Note> for Note {
    fn from(note: &ami_encryption_interop::Note) -> Note {
        let value = serde_json::to_value(note).unwrap_or_default();
        let mut id = String::new();
        let mut args = Vec::new();
        if let Some(fields) = value.as_object() {
            for (name, field) in fields {
                let text = match field {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Object(at) => {
                        at.get("paste").map(|p| p.to_string()).unwrap_or_default()
                    }
                    other => other.to_string(),
                };
                if name == "id" {
                    id = text;
                } else {
                    args.push((name.clone(), text));
                }
            }
        }
        match note {
            ami_encryption_interop::Note::Read { shape, .. } => {
                args.push(("command".into(), shape.command().into()));
            }
            // Two sentences read better than "shared with you: true".
            ami_encryption_interop::Note::Image { shared, .. } => {
                id = if *shared {
                    "image-shared"
                } else {
                    "image-owned"
                }
                .into();
            }
            _ => {}
        }
        Note { id, args }
    }
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
    /// The scenario the outputs make (merged into the one given) and what was noted on the way.
    Imported {
        scenario: Scenario,
        notes: Vec<Note>,
    },
    /// Why the outputs could not be imported, in one line (nothing of the scenario is lost).
    NotImported(String),
    Exported(String),
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
                Task::Import { pasted, into } => {
                    let texts: Vec<&str> = pasted.iter().map(String::as_str).collect();
                    match ami_encryption_interop::import(&texts, &into) {
                        Ok(done) => Outcome::Imported {
                            notes: done.notes.iter().map(Note::from).collect(),
                            scenario: done.scenario,
                        },
                        Err(e) => Outcome::NotImported(e.to_string()),
                    }
                }
                Task::Export { scenario, format } => match format.parse() {
                    Ok(format) => {
                        Outcome::Exported(ami_encryption_interop::export(&scenario, format))
                    }
                    Err(e) => Outcome::Error(e.to_string()),
                },
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
    fn imports_and_exports_go_through_the_worker() {
        let scenario = (ami_encryption_rules::preset::ALL[0].build)();
        let ask = |task| {
            let text = answer(&serde_json::to_string(&Request { id: 1, task }).unwrap());
            serde_json::from_str::<Response>(&text).unwrap().result
        };
        let Outcome::Exported(cli) = ask(Task::Export {
            scenario: scenario.clone(),
            format: "cli".into(),
        }) else {
            panic!("no export")
        };
        assert!(cli.contains("aws ec2 run-instances"), "{cli}");
        assert!(matches!(
            ask(Task::Export {
                scenario: scenario.clone(),
                format: "yaml".into()
            }),
            Outcome::Error(_)
        ));
        let identity = r#"{"UserId": "AIDAEXAMPLE", "Account": "444455556666", "Arn": "arn:aws:iam::444455556666:user/me"}"#;
        let Outcome::Imported {
            scenario: merged,
            notes,
        } = ask(Task::Import {
            pasted: vec![identity.into()],
            into: scenario.clone(),
        })
        else {
            panic!("not imported")
        };
        assert_eq!(merged.account.id, "444455556666");
        assert!(
            notes.iter().any(|n| n.id == "read"
                && n.args
                    .contains(&("command".into(), "aws sts get-caller-identity".into()))),
            "{notes:?}"
        );
        assert!(matches!(
            ask(Task::Import {
                pasted: vec!["{}".into()],
                into: scenario
            }),
            Outcome::NotImported(_)
        ));
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
