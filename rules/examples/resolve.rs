//! Resolves scenarios from standard input and prints their outcomes as JSON.
//!
//! ```sh
//! cargo run -q -p ami-encryption-rules --example resolve < scenario.json
//! ```
//! Input is one scenario object, or an array of them (then the output is an array too). Bad input
//! gets one line on standard error naming where and what was expected, and exit code 2.

use std::io::Read;
use std::process::ExitCode;

use ami_encryption_rules::{resolve, Scenario};

fn main() -> ExitCode {
    let mut input = String::new();
    if let Err(err) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("resolve: cannot read standard input: {err}");
        return ExitCode::from(2);
    }
    let output = if input.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<Scenario>>(&input).map(|all| {
            let outcomes: Vec<_> = all.iter().map(resolve).collect();
            serde_json::to_string_pretty(&outcomes)
        })
    } else {
        serde_json::from_str::<Scenario>(&input).map(|one| serde_json::to_string_pretty(&resolve(&one)))
    };
    match output {
        Ok(Ok(json)) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Ok(Err(err)) => {
            eprintln!("resolve: cannot write the outcome: {err}");
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("resolve: {}", describe(&err));
            ExitCode::from(2)
        }
    }
}

/// `line 3, column 17: unknown variant `lunch`, expected `launch` or `copy``: serde_json puts the
/// position last; a reader looks for it first.
fn describe(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let what = text.rsplit_once(" at line ").map_or(text.as_str(), |(what, _)| what);
    if err.is_eof() {
        return format!("line {}, column {}: the input ends too early ({what})", err.line(), err.column());
    }
    format!("line {}, column {}: {what}", err.line(), err.column())
}
