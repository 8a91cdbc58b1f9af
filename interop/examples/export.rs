//! Reads one scenario from standard input and prints the call that produces it.
//!
//! ```sh
//! cargo run -q -p ami-encryption-interop --example export -- --format cli < scenario.json
//! ```
//! `--format` is `cli`, `terraform`, `cloudformation` or `packer`. Bad input gets one line on
//! standard error naming where and what was expected, and exit code 2.

use std::io::{Read, Write};
use std::process::ExitCode;

use ami_encryption_interop::{export, Format};
use ami_encryption_rules::input;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("export: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let format = match args.as_slice() {
        [flag, name] if flag == "--format" => match name.parse::<Format>() {
            Ok(format) => format,
            Err(err) => return fail(err),
        },
        _ => return fail("expected --format cli|terraform|cloudformation|packer"),
    };
    let mut text = String::new();
    if let Err(err) = std::io::stdin().read_to_string(&mut text) {
        return fail(format_args!("cannot read standard input: {err}"));
    }
    let scenario = match input::parse_one(&text) {
        Ok(scenario) => scenario,
        Err(err) => return fail(err),
    };
    match std::io::stdout().write_all(export(&scenario, format).as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("export: cannot write: {err}");
            ExitCode::FAILURE
        }
    }
}
