//! A short run of the fuzzing harness of `scripts/fuzz` (rules/examples/fuzz): 20,000 generated
//! and damaged inputs each through the link decoder and the scenario file reader, then `check`,
//! `resolve` and the round trips. Any panic or mismatch fails. Times are printed, not held to the
//! 10 ms budget: a debug build is several times slower; `scripts/fuzz` holds release builds to it.

#[path = "../examples/fuzz/harness.rs"]
mod harness;

use std::time::Instant;

#[test]
fn twenty_thousand_inputs_each_never_panic_and_round_trip() {
    let config = harness::Config {
        inputs: 20_000,
        seed: 0x5eed_0011,
        budget: None,
        engine_budget: None,
    };
    let start = Instant::now();
    let tallies = harness::run(&config);
    let report = harness::report(&tallies, start.elapsed());
    println!("{report}");
    for tally in &tallies {
        assert!(tally.tried > 0, "{report}");
        assert!(!tally.failed(), "{report}");
    }
    // Both outcomes are exercised: some inputs decode, some are refused.
    for tally in &tallies[..2] {
        assert!(tally.accepted > 1_000 && tally.refused > 1_000, "{report}");
    }
}
