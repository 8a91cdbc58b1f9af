//! Times the quiz generator: building each level's questions (once), then dealing 50 questions of
//! each level. Prints the numbers; run with `cargo run --release -p ami-encryption-rules --example
//! quiz_bench`.

use std::time::Instant;

use ami_encryption_rules::quiz::{distinct, distinct_per_rule, questions, Level};

fn main() {
    for level in Level::ALL {
        let start = Instant::now();
        let n = distinct(level);
        let build = start.elapsed();
        let start = Instant::now();
        let rounds = 100u32;
        for seed in 0..rounds {
            std::hint::black_box(questions(level, u64::from(seed), 50));
        }
        let deal = start.elapsed() / rounds;
        println!(
            "{:<28} distinct {:>5}  first build {:>9.3} ms  50 questions {:>8.3} ms",
            level.id(),
            n,
            build.as_secs_f64() * 1e3,
            deal.as_secs_f64() * 1e3
        );
        for (rule, count) in distinct_per_rule(level) {
            println!("    {:<40} {count}", rule.id());
        }
    }
}
