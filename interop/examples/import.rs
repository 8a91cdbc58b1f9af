//! Reads AWS CLI JSON outputs and prints the scenario they describe.
//!
//! ```sh
//! cargo run -q -p ami-encryption-interop --example import -- [--region R] [--into scenario.json] [FILE…] < outputs.json
//! ```
//! Each file is one paste (`-` is standard input); without files, standard input is. A paste may hold several outputs one
//! after another, or a bundle (`{"bundle": 1, "outputs": [...]}`). `--into` merges into a scenario
//! file (else the default launch scenario); `--region` gives the Region when no ARN names one.
//! The scenario goes to standard output; the notes, one JSON object a line, to standard error
//! after `import: note: `. Bad input gets one line on standard error and exit code 2.

use std::io::{Read, Write};
use std::process::ExitCode;

use ami_encryption_interop::import;
use ami_encryption_rules::{input, Scenario};

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("import: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut region = None;
    let mut into = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--region" => match args.next() {
                Some(value) => region = Some(value),
                None => return fail("--region needs a Region, such as eu-west-1"),
            },
            "--into" => match args.next() {
                Some(value) => into = Some(value),
                None => return fail("--into needs a scenario file"),
            },
            other if other.starts_with("--") => {
                return fail(format_args!(
                    "unknown option {other:?}; expected --region or --into"
                ))
            }
            _ => files.push(arg),
        }
    }
    let mut scenario = match into {
        None => Scenario::default(),
        Some(path) => match std::fs::read_to_string(&path).map(|text| input::parse_one(&text)) {
            Ok(Ok(scenario)) => scenario,
            Ok(Err(err)) => return fail(format_args!("{path}: {err}")),
            Err(err) => return fail(format_args!("cannot read {path}: {err}")),
        },
    };
    if let Some(region) = region {
        scenario.account.region = region;
    }
    let mut pasted = Vec::new();
    if files.is_empty() {
        let mut text = String::new();
        if let Err(err) = std::io::stdin().read_to_string(&mut text) {
            return fail(format_args!("cannot read standard input: {err}"));
        }
        pasted.push(text);
    }
    for path in &files {
        if path == "-" {
            let mut text = String::new();
            if let Err(err) = std::io::stdin().read_to_string(&mut text) {
                return fail(format_args!("cannot read standard input: {err}"));
            }
            pasted.push(text);
            continue;
        }
        match std::fs::read_to_string(path) {
            Ok(text) => pasted.push(text),
            Err(err) => return fail(format_args!("cannot read {path}: {err}")),
        }
    }
    let texts: Vec<&str> = pasted.iter().map(String::as_str).collect();
    let imported = match import(&texts, &scenario) {
        Ok(imported) => imported,
        Err(err) => return fail(err),
    };
    for note in &imported.notes {
        if let Ok(json) = serde_json::to_string(note) {
            eprintln!("import: note: {json}");
        }
    }
    // `writeln!`, not `println!`: a closed pipe (`| head`) is an error to report, not a panic.
    let written = serde_json::to_string_pretty(&imported.scenario)
        .map_err(std::io::Error::from)
        .and_then(|json| writeln!(std::io::stdout(), "{json}"));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("import: cannot write the scenario: {err}");
            ExitCode::FAILURE
        }
    }
}
