//! Resolves scenarios from standard input and prints their outcomes as JSON.
//!
//! ```sh
//! cargo run -q -p ami-encryption-rules --example resolve < scenario.json
//! ```
//! Input is one scenario object, or an array of them (then the output is an array too). Bad input
//! gets one line on standard error naming where and what was expected, and exit code 2.

use std::io::{Read, Write};
use std::process::ExitCode;

use ami_encryption_rules::input::{self, Input};
use ami_encryption_rules::resolve;

fn main() -> ExitCode {
    let mut text = String::new();
    if let Err(err) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("resolve: cannot read standard input: {err}");
        return ExitCode::from(2);
    }
    let json = match input::parse(&text) {
        Ok(Input::One(scenario)) => serde_json::to_string_pretty(&resolve(&scenario)),
        Ok(Input::Many(all)) => {
            serde_json::to_string_pretty(&all.iter().map(resolve).collect::<Vec<_>>())
        }
        Err(err) => {
            eprintln!("resolve: {err}");
            return ExitCode::from(2);
        }
    };
    // `writeln!`, not `println!`: a closed pipe (`| head`) is an error to report, not a panic.
    let written = json
        .map_err(std::io::Error::from)
        .and_then(|json| writeln!(std::io::stdout(), "{json}"));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("resolve: cannot write the outcome: {err}");
            ExitCode::FAILURE
        }
    }
}
