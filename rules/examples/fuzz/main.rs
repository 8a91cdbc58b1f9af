//! Fuzzes the link decoder, the scenario file reader and the rules: at least a million generated
//! and damaged inputs each. Prints the counts; exits 1 on any panic, round-trip mismatch, input
//! slower than 10 ms (release builds only), or rules whose time grows faster than linearly with
//! 10,000 keys and snapshots. See `harness.rs` for what is checked.
//!
//! ```sh
//! scripts/fuzz            # 1,000,000 inputs per target
//! scripts/fuzz 50000      # fewer
//! cargo run --release -q -p ami-encryption-rules --example fuzz -- --inputs 20000 --seed 7
//! ```
//! Release builds of the workspace abort on panic; `scripts/fuzz` builds this one to unwind, so
//! that panics are counted. The test `fuzz_short` runs the same harness with 20,000 inputs each.

mod harness;

use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let mut config = harness::Config {
        inputs: 1_000_000,
        seed: 0x5eed_0011,
        budget: None,
        engine_budget: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args
            .next()
            .and_then(|v| v.replace('_', "").parse::<u64>().ok());
        match (arg.as_str(), value) {
            ("--inputs", Some(n)) => config.inputs = n as usize,
            ("--seed", Some(n)) => config.seed = n,
            _ => {
                eprintln!("usage: fuzz [--inputs N] [--seed N]");
                return ExitCode::from(2);
            }
        }
    }
    if cfg!(debug_assertions) {
        println!("a debug build: times are measured, not held to the 10 ms budget");
    } else {
        config.budget = Some(Duration::from_millis(10));
    }
    println!(
        "fuzzing with {} inputs per target, seed {}",
        config.inputs, config.seed
    );
    let start = Instant::now();
    let tallies = harness::run(&config);
    print!("{}", harness::report(&tallies, start.elapsed()));
    if tallies.iter().any(harness::Tally::failed) {
        // The inputs whole, one file each, to reproduce them.
        let dir = std::env::temp_dir().join("ami-fuzz");
        let _ = std::fs::create_dir_all(&dir);
        for tally in &tallies {
            for (i, input) in tally.inputs.iter().enumerate() {
                let _ = std::fs::write(dir.join(format!("{}-{i}.txt", tally.target)), input);
            }
        }
        println!(
            "FAILED: see the problems above; their inputs are in {}",
            dir.display()
        );
        ExitCode::FAILURE
    } else {
        println!("ok: no panic, no mismatch, every input within budget");
        ExitCode::SUCCESS
    }
}
