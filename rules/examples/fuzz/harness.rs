//! The fuzzing harness shared by `scripts/fuzz` (this example, in release) and the test
//! `fuzz_short` (a smaller run in `cargo test`).
//!
//! Three targets, each fed generated and mutated inputs:
//! - `link`: `link::decode` of links encoded from random scenarios, damaged or not;
//! - `json`: `input::parse` and `input::parse_one` of scenario files, damaged or not;
//! - `engine`: `check`, `resolve` and `link::encode` of scenarios far past every input limit
//!   (10,000 keys and snapshots), which no decoder lets through: the slow path of the rules alone.
//!
//! Every input that decodes goes through `check`, `resolve` and round trips: a link must be the
//! very link its scenario encodes to (one spelling per scenario; format 1 links excepted) and
//! decode back to it; a file's scenario must come back equal through JSON and through a link;
//! `parse` and `parse_one` must agree. A panic anywhere, or a round trip that comes back
//! different, fails the run; so does an input slower than the budget, when one is given (release
//! builds: decoding, `check` and `resolve` of one input within 10 ms).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ami_encryption_rules::input::{self, Input};
use ami_encryption_rules::link::{self, LinkError};
use ami_encryption_rules::{
    check, device, resolve, Account, Caller, CopyParameters, Key, KeyOwner, KeySpec, KeyState,
    LaunchMapping, Operation, Scenario, Snapshot, SnapshotOwner, FORMAT, MAX_ITEMS,
};

/// What to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Inputs per decoding target (`link`, `json`).
    pub inputs: usize,
    pub seed: u64,
    /// The most one input may take to decode, check and resolve; `None`: only measured.
    pub budget: Option<Duration>,
    /// The most `check` + `resolve`, or `encode`, may take on a 10,000-item scenario.
    pub engine_budget: Option<Duration>,
}

/// What one target saw.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub target: &'static str,
    pub tried: u64,
    pub accepted: u64,
    pub refused: u64,
    pub panics: u64,
    pub mismatches: u64,
    pub over_budget: u64,
    pub slowest: Duration,
    pub slowest_input: String,
    /// The first few panics, mismatches and slow inputs, described.
    pub problems: Vec<String>,
    /// The same inputs whole, to reproduce them.
    pub inputs: Vec<String>,
}

impl Tally {
    fn new(target: &'static str) -> Tally {
        Tally {
            target,
            ..Tally::default()
        }
    }

    pub fn failed(&self) -> bool {
        self.panics > 0 || self.mismatches > 0 || self.over_budget > 0
    }

    fn problem(&mut self, what: &str, input: &str) {
        if self.problems.len() < 8 {
            self.problems.push(format!("{what}: {}", shown(input)));
            self.inputs.push(input.to_owned());
        }
    }

    fn panicked(&mut self, stage: &str, input: &str) {
        self.panics += 1;
        let message = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
        self.problem(&format!("panic in {stage} ({message})"), input);
    }

    fn mismatch(&mut self, what: &str, input: &str) {
        self.mismatches += 1;
        self.problem(&format!("mismatch: {what}"), input);
    }

    fn timed(&mut self, took: Duration, budget: Option<Duration>, input: &str) {
        if took > self.slowest {
            self.slowest = took;
            self.slowest_input = shown(input);
        }
        if budget.is_some_and(|b| took > b) {
            self.over_budget += 1;
            self.problem(&format!("took {took:?}"), input);
        }
    }
}

/// An input as a report shows it: its start, escaped, and its length.
fn shown(input: &str) -> String {
    let start: String = input.chars().take(100).collect();
    if start.len() == input.len() {
        format!("{start:?}")
    } else {
        format!("{start:?}… ({} bytes)", input.len())
    }
}

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Runs `f`, turning a panic into `None` (its message kept for the report).
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    panic::catch_unwind(AssertUnwindSafe(f)).ok()
}

/// Runs every target; panics are counted, not printed, while it runs.
pub fn run(config: &Config) -> Vec<Tally> {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string().replace('\n', " ");
        }
    }));
    let tallies = vec![links(config), files(config), engine(config)];
    panic::set_hook(previous);
    tallies
}

/// The counts as a table, then the slowest input and the problems of each target.
pub fn report(tallies: &[Tally], took: Duration) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<8}{:>10}{:>10}{:>10}{:>8}{:>12}{:>10}{:>12}",
        "target", "tried", "accepted", "refused", "panics", "mismatches", "too slow", "slowest"
    );
    for t in tallies {
        let _ = writeln!(
            out,
            "{:<8}{:>10}{:>10}{:>10}{:>8}{:>12}{:>10}{:>12}",
            t.target,
            t.tried,
            t.accepted,
            t.refused,
            t.panics,
            t.mismatches,
            t.over_budget,
            format!("{:.3} ms", t.slowest.as_secs_f64() * 1000.0)
        );
    }
    for t in tallies {
        let _ = writeln!(out, "slowest {}: {}", t.target, t.slowest_input);
        for problem in &t.problems {
            let _ = writeln!(out, "  {}: {problem}", t.target);
        }
    }
    let _ = writeln!(out, "time: {:.1} s", took.as_secs_f64());
    out
}

// --- Generating ----------------------------------------------------------------------------------

/// xorshift64*: small, deterministic, so a failure reproduces from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

const ACCOUNTS: [&str; 3] = ["123456789012", "111122223333", "444455556666"];
const REGIONS: [&str; 4] = ["us-east-1", "eu-west-1", "ap-southeast-4", "us-gov-west-1"];
const KEY_IDS: [&str; 4] = [
    "1234abcd-12ab-34cd-56ef-1234567890ab",
    "0987dcba-09fe-87dc-65ba-ab0987654321",
    "mrk-1234abcd12ab34cd56ef1234567890ab",
    "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
];
const ALIASES: [&str; 5] = [
    "alias/app",
    "alias/other",
    "alias/aws/ebs",
    "alias/partner",
    "alias/a_b-c/d",
];
const DEVICES: [&str; 8] = [
    "/dev/xvda",
    "/dev/sdb",
    "/dev/sdf",
    "/dev/sda1",
    "xvdb",
    "/dev/xvdz",
    "/dev/sdb15",
    "/dev/xvdba",
];
/// Texts that stress escapes, separators, references and whitespace.
const ODD: [&str; 28] = [
    "",
    "'",
    "-",
    "@0",
    "@1",
    "%41",
    "%",
    "a~b",
    "a,b*c",
    "not a key",
    "ключ",
    "金鑰/測試",
    " alias/app",
    "alias/app\n",
    "\u{3000}",
    "s",
    "a",
    "\"q\"",
    "\\",
    "@",
    "+1",
    "0001",
    "\u{0}",
    "é",
    "\u{1F600}",
    "alias/",
    "arn:aws:kms:us-east-1:1111:key/x",
    "arn:aws:s3:::bucket",
];

/// How large a generated scenario is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Size {
    Small,
    Medium,
    AtLimit,
    OverLimit,
    /// 10,000 keys, snapshots and mappings.
    Huge,
}

impl Size {
    fn items(self, rng: &mut Rng) -> usize {
        match self {
            Size::Small => rng.below(5),
            Size::Medium => rng.below(40),
            Size::AtLimit => MAX_ITEMS,
            Size::OverLimit => MAX_ITEMS + 1 + rng.below(200),
            Size::Huge => 10_000,
        }
    }
}

fn key_ref(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=2 => rng.pick(&KEY_IDS).to_string(),
        3..=5 => rng.pick(&ALIASES).to_string(),
        6 => format!(
            "arn:aws:kms:{}:{}:key/{}",
            rng.pick(&REGIONS),
            rng.pick(&ACCOUNTS),
            rng.pick(&KEY_IDS)
        ),
        7 => format!(
            "arn:aws:kms:{}:{}:{}",
            rng.pick(&REGIONS),
            rng.pick(&ACCOUNTS),
            rng.pick(&ALIASES)
        ),
        8 => rng.pick(&ODD).to_string(),
        _ => random_text(rng, 12),
    }
}

fn random_text(rng: &mut Rng, max: usize) -> String {
    const PIECES: [&str; 16] = [
        "a", "Z", "0", "/", "-", "_", ":", ".", "~", "*", ",", "%", "@", "'", " ", "é",
    ];
    (0..rng.below(max + 1))
        .map(|_| *rng.pick(&PIECES))
        .collect()
}

/// A text, sometimes `huge` characters long.
fn text(rng: &mut Rng, huge: usize) -> String {
    if huge > 0 && rng.one_in(8) {
        return "x".repeat(huge);
    }
    key_ref(rng)
}

fn optional(rng: &mut Rng, huge: usize) -> Option<String> {
    (!rng.one_in(3)).then(|| text(rng, huge))
}

/// Every device name EC2 documents, for scenarios with many distinct valid devices.
pub fn valid_devices() -> Vec<String> {
    let letters = || (b'a'..=b'z').map(|c| c as char);
    let mut all = Vec::new();
    for prefix in ["/dev/sd", "/dev/hd", "/dev/xvd", "xvd"] {
        for a in letters() {
            all.push(format!("{prefix}{a}"));
            for n in 1..=15 {
                all.push(format!("{prefix}{a}{n}"));
            }
            for b in letters() {
                all.push(format!("{prefix}{a}{b}"));
            }
        }
    }
    all.retain(|name| device::is_valid(name));
    all
}

fn random_scenario(rng: &mut Rng, size: Size, huge: usize, devices: &[String]) -> Scenario {
    let tri = |rng: &mut Rng| [None, Some(true), Some(false)][rng.below(3)];
    let region = |rng: &mut Rng| {
        if rng.one_in(10) {
            Some(rng.pick(&ODD).to_string())
        } else {
            (rng.one_in(2)).then(|| rng.pick(&REGIONS).to_string())
        }
    };
    let size_of = |rng: &mut Rng| [0, 1, 8, 30, 16384, u32::MAX][rng.below(6)];
    let device = |rng: &mut Rng, i: usize| {
        if size == Size::Huge || size == Size::AtLimit || size == Size::OverLimit {
            // Mostly distinct and valid, so that the rules get past `check`.
            if !rng.one_in(20) {
                return devices[i % devices.len()].clone();
            }
        }
        if huge > 0 && rng.one_in(30) {
            return "x".repeat(huge);
        }
        match rng.below(10) {
            0 => rng.pick(&ODD).to_string(),
            1 => devices[rng.below(devices.len())].clone(),
            _ => rng.pick(&DEVICES).to_string(),
        }
    };
    let keys = (size == Size::Huge || !rng.one_in(4)).then(|| {
        (0..size.items(rng))
            .map(|i| {
                let id = if size == Size::Huge {
                    format!("{:08x}-0000-4000-8000-{:012x}", i, rng.next() % 1000)
                } else {
                    text(rng, huge)
                };
                Key {
                    multi_region: id.starts_with("mrk-") != rng.one_in(20),
                    id,
                    alias: if size == Size::Huge && !rng.one_in(4) {
                        Some(format!("alias/k{}", rng.below(20_000)))
                    } else {
                        optional(rng, huge)
                    },
                    owner: match rng.below(4) {
                        0 | 1 => KeyOwner::Me,
                        2 => KeyOwner::AwsManaged,
                        _ => KeyOwner::Account(rng.pick(&ACCOUNTS).to_string()),
                    },
                    usable: !rng.one_in(4),
                    region: region(rng),
                    state: [
                        KeyState::Enabled,
                        KeyState::Disabled,
                        KeyState::PendingDeletion,
                    ][rng.below(6).saturating_sub(3)],
                    spec: if rng.one_in(10) {
                        KeySpec::Asymmetric
                    } else {
                        KeySpec::Symmetric
                    },
                    auto_scaling: rng.one_in(2),
                }
            })
            .collect()
    });
    let snapshots = (0..size.items(rng).max(1))
        .map(|i| {
            let encrypted = rng.one_in(2);
            Snapshot {
                device: device(rng, i),
                encrypted,
                kms_key: if encrypted != rng.one_in(10) {
                    Some(key_ref(rng))
                } else {
                    None
                },
                owner: if rng.one_in(2) {
                    SnapshotOwner::Me
                } else {
                    SnapshotOwner::Shared
                },
                size: if rng.one_in(2) { 8 } else { size_of(rng) },
                readable: !rng.one_in(5),
            }
        })
        .collect();
    let launch = (0..size.items(rng))
        .map(|i| {
            let encrypted = tri(rng);
            let shift = rng.below(3);
            LaunchMapping {
                device: device(rng, i + shift),
                encrypted,
                kms_key_id: (encrypted == Some(true) || rng.one_in(8))
                    .then(|| key_ref(rng))
                    .filter(|_| !rng.one_in(3)),
                no_device: rng.one_in(10),
                volume_size: (rng.one_in(2)).then(|| size_of(rng)),
            }
        })
        .collect();
    Scenario {
        format: FORMAT,
        operation: if rng.one_in(2) {
            Operation::Launch
        } else {
            Operation::Copy
        },
        caller: if rng.one_in(4) {
            Caller::AutoScaling
        } else {
            Caller::You
        },
        account: Account {
            id: if rng.one_in(10) {
                rng.pick(&ODD).to_string()
            } else {
                rng.pick(&ACCOUNTS).to_string()
            },
            region: if rng.one_in(10) {
                rng.pick(&ODD).to_string()
            } else {
                rng.pick(&REGIONS).to_string()
            },
            encryption_by_default: rng.one_in(2),
            default_kms_key: if rng.one_in(3) {
                "alias/aws/ebs".into()
            } else {
                text(rng, huge)
            },
            keys,
        },
        snapshots,
        launch,
        copy: CopyParameters {
            encrypted: tri(rng),
            kms_key_id: optional(rng, huge).filter(|_| rng.one_in(2)),
            source_region: region(rng),
        },
    }
}

/// `n` small generated scenarios for other tests (the advice search's): every other one made
/// valid, so that the rules get past `check`; a quarter of them copies.
pub fn small_scenarios(seed: u64, n: usize) -> Vec<Scenario> {
    let mut rng = Rng::new(seed);
    let devices = valid_devices();
    (0..n)
        .map(|i| {
            let mut s = random_scenario(&mut rng, Size::Small, 0, &devices);
            if i % 2 == 0 {
                make_valid(&mut s, &devices);
                if i % 4 == 0 {
                    s.operation = Operation::Copy;
                }
            }
            s
        })
        .collect()
}

/// Damages `text`: one to four of replace, insert, delete, cut, splice, repeat, flip a bit.
fn mutate(rng: &mut Rng, text: &str, alphabet: &[u8], tokens: &[&str], donor: &str) -> String {
    let mut b = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        let within = at < b.len();
        match rng.below(10) {
            0 if within => b[at] = *rng.pick(alphabet),
            1 => b.insert(at, *rng.pick(alphabet)),
            2 if within => {
                b.remove(at);
            }
            3 => {
                let end = (at + 1 + rng.below(16)).min(b.len());
                b.drain(at..end);
            }
            4 | 5 => {
                let token = rng.pick(tokens).as_bytes();
                b.splice(at..at, token.iter().copied());
            }
            6 if !donor.is_empty() => {
                let d = donor.as_bytes();
                let from = rng.below(d.len());
                let to = (from + 1 + rng.below(64)).min(d.len());
                b.splice(at..at, d[from..to].iter().copied());
            }
            7 => b.truncate(at),
            8 if within => {
                let end = (at + 1 + rng.below(32)).min(b.len());
                let piece = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            9 if within => b[at] ^= 1 << rng.below(8),
            _ => b.push(*rng.pick(alphabet)),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Every so many inputs, one of a huge scenario or a huge field.
const HUGE_EVERY: usize = 2_000;

fn size_for(rng: &mut Rng, i: usize) -> (Size, usize) {
    if i % HUGE_EVERY == HUGE_EVERY - 1 {
        return match rng.below(4) {
            0 => (Size::Huge, 0),
            1 => (Size::OverLimit, 0),
            2 => (Size::AtLimit, 0),
            _ => (Size::Small, 900_000),
        };
    }
    match rng.below(20) {
        0 => (Size::AtLimit, 0),
        1 => (Size::OverLimit, 0),
        2 => (Size::Small, 300 + rng.below(9000)),
        3..=8 => (Size::Medium, 0),
        _ => (Size::Small, 0),
    }
}

// --- The link decoder -----------------------------------------------------------------------------

const LINK_ALPHABET: &[u8] = b"0123456789abcdefACDEFlcnthsumpxdz~,*@%'-/:._ +\n";
const LINK_TOKENS: &[&str] = &[
    "@0",
    "@1",
    "@+0",
    "@00",
    "%+A",
    "%0a",
    "%41",
    "%2F",
    "%20",
    "%C3%A9",
    "%C3",
    "%",
    "%é",
    "~",
    "*",
    ",",
    "'",
    "-",
    " ",
    "\u{3000}",
    "\u{a0}",
    "0001",
    "+1",
    "2~",
    "1~",
    "l1",
    "c0",
    "eh",
    "us",
    "es",
    "shn",
    "mad",
    "madpx",
    "t",
    "f",
    "n",
    "d",
    "a",
    "s",
    "\n",
    "8",
    "0",
    "4294967296",
    "123456789012",
    "us-east-1",
    "~~",
    "**",
    ",,",
];

fn links(config: &Config) -> Tally {
    let mut tally = Tally::new("link");
    let mut rng = Rng::new(config.seed ^ 0x11);
    let devices = valid_devices();
    let mut donor = link::encode(&Scenario::default());
    for i in 0..config.inputs {
        let (size, huge) = size_for(&mut rng, i);
        let huge = huge.min(link::MAX_LEN);
        let scenario = random_scenario(&mut rng, size, huge, &devices);
        let Some(encoded) = guarded(|| link::encode(&scenario)) else {
            tally.panicked("encode", "(a generated scenario)");
            continue;
        };
        let generated = rng.below(10) < 2;
        let input = match rng.below(40) {
            _ if generated => encoded.clone(),
            0 => random_text(&mut rng, 60),
            1 => "1~".to_owned() + &encoded[2..].replace("~~", "~"),
            _ => mutate(&mut rng, &encoded, LINK_ALPHABET, LINK_TOKENS, &donor),
        };
        if rng.one_in(50) {
            donor = encoded.clone();
        }
        if generated {
            // encode, then decode: the same scenario, or a limit said.
            match guarded(|| link::decode(&encoded)) {
                None => tally.panicked("decode", &encoded),
                Some(Ok(back)) if back == scenario => {}
                Some(Err(LinkError::TooLong { .. })) if encoded.len() > link::MAX_LEN => {}
                Some(Err(LinkError::TooMany { .. })) if over_limit(&scenario) => {}
                Some(other) => tally.mismatch(
                    &format!("decode(encode(s)) is not s: {}", describe(&other)),
                    &encoded,
                ),
            }
        }
        one_link(&mut tally, config, &input);
    }
    tally
}

fn over_limit(scenario: &Scenario) -> bool {
    scenario.snapshots.len() > MAX_ITEMS
        || scenario.launch.len() > MAX_ITEMS
        || scenario
            .account
            .keys
            .as_ref()
            .is_some_and(|k| k.len() > MAX_ITEMS)
}

fn describe(result: &Result<Scenario, LinkError>) -> String {
    match result {
        Ok(_) => "another scenario".into(),
        Err(err) => shown(&err.to_string()),
    }
}

fn one_link(tally: &mut Tally, config: &Config, input: &str) {
    tally.tried += 1;
    let start = Instant::now();
    let Some(decoded) = guarded(|| link::decode(input)) else {
        tally.panicked("link::decode", input);
        return;
    };
    let scenario = match decoded {
        Ok(scenario) => scenario,
        Err(_) => {
            tally.refused += 1;
            tally.timed(start.elapsed(), config.budget, input);
            return;
        }
    };
    tally.accepted += 1;
    if !rules(tally, &scenario, input) {
        return;
    }
    let took = again_if_slow(start.elapsed(), config.budget, || {
        if let Ok(scenario) = link::decode(input) {
            check(&scenario);
            resolve(&scenario);
        }
    });
    tally.timed(took, config.budget, input);
    let Some(encoded) = guarded(|| link::encode(&scenario)) else {
        tally.panicked("link::encode", input);
        return;
    };
    if !input.starts_with("1~") && encoded != input {
        tally.mismatch(
            &format!("a second spelling; encode gives {}", shown(&encoded)),
            input,
        );
    }
    match guarded(|| link::decode(&encoded)) {
        None => tally.panicked("link::decode of encode", input),
        Some(Ok(back)) if back == scenario => {}
        Some(Err(LinkError::TooLong { .. })) if encoded.len() > link::MAX_LEN => {}
        Some(other) => tally.mismatch(
            &format!(
                "decode(encode(decode(x))) is not decode(x): {}",
                describe(&other)
            ),
            input,
        ),
    }
    json_round_trip(tally, &scenario, input);
}

/// An input over the budget is timed twice more, and keeps its fastest time: a machine busy with
/// something else must not fail the run, an input that is slow every time must.
fn again_if_slow(took: Duration, budget: Option<Duration>, f: impl Fn()) -> Duration {
    if budget.is_none_or(|b| took <= b) {
        return took;
    }
    (0..2)
        .filter_map(|_| {
            let start = Instant::now();
            guarded(&f)?;
            Some(start.elapsed())
        })
        .fold(took, Duration::min)
}

/// `check` and `resolve` of a decoded scenario; false if either panicked.
fn rules(tally: &mut Tally, scenario: &Scenario, input: &str) -> bool {
    if guarded(|| check(scenario)).is_none() {
        tally.panicked("check", input);
        return false;
    }
    if guarded(|| resolve(scenario)).is_none() {
        tally.panicked("resolve", input);
        return false;
    }
    true
}

fn json_round_trip(tally: &mut Tally, scenario: &Scenario, input: &str) {
    let back = guarded(|| {
        let json = serde_json::to_string(scenario).map_err(|e| e.to_string())?;
        input::parse_one(&json).map_err(|e| e.to_string())
    });
    match back {
        None => tally.panicked("JSON round trip", input),
        Some(Ok(back)) if back == *scenario => {}
        Some(Ok(_)) => tally.mismatch("through JSON, another scenario", input),
        Some(Err(err)) => tally.mismatch(&format!("through JSON, refused: {err}"), input),
    }
}

// --- The scenario file reader ---------------------------------------------------------------------

const JSON_ALPHABET: &[u8] = b"{}[]\":,0123456789 -+.eEtruefalsn\\/\n\tabcxyz";
const JSON_TOKENS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-1",
    "4294967296",
    "1e400",
    "1.5",
    "\"\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\u00e9\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "[]",
    "{}",
    "\"launch\"",
    "\"copy\"",
    "\"self\"",
    "\"shared\"",
    "\"aws-managed\"",
    "\"format\"",
    "\"snapshots\"",
    "\"launch\":[]",
    "\"device\"",
    "\"encrypted\"",
    "\"kms_key\"",
    "\"keys\"",
    "\"account\"",
    "\"owner\"",
    "\"111122223333\"",
    "\"/dev/xvda\"",
    "\"alias/aws/ebs\"",
    "\u{feff}",
    " ",
    "\n",
    "\"format\":1,",
    "\"format\":3,",
    "\"volume_size\":0",
    "\"no_device\":true",
    "\"caller\":\"auto-scaling\"",
];

fn json_text(rng: &mut Rng, scenario: &Scenario) -> String {
    let value = serde_json::to_value(scenario).unwrap_or_default();
    match rng.below(12) {
        0 => serde_json::to_string_pretty(&value).unwrap_or_default(),
        1 => {
            // The first format: no `format`.
            let mut value = value;
            if let Some(map) = value.as_object_mut() {
                map.remove("format");
            }
            value.to_string()
        }
        2 => match value {
            // An object written as an array of its values.
            serde_json::Value::Object(map) => {
                serde_json::Value::Array(map.into_iter().map(|(_, v)| v).collect()).to_string()
            }
            other => other.to_string(),
        },
        3 => format!("[{value}, {value}]"),
        4 => format!(" \n{value}\n"),
        _ => value.to_string(),
    }
}

fn files(config: &Config) -> Tally {
    let mut tally = Tally::new("json");
    let mut rng = Rng::new(config.seed ^ 0x22);
    let devices = valid_devices();
    let mut donor = serde_json::to_string(&Scenario::default()).unwrap_or_default();
    for i in 0..config.inputs {
        let (size, huge) = size_for(&mut rng, i);
        let scenario = random_scenario(&mut rng, size, huge, &devices);
        let generated = rng.below(10) < 2;
        if generated {
            let json = serde_json::to_string(&scenario).unwrap_or_default();
            match guarded(|| input::parse_one(&json)) {
                None => tally.panicked("parse_one", &json),
                Some(Ok(back)) if back == scenario => {}
                Some(Err(err))
                    if (json.len() > input::MAX_LEN && err.message.contains("at most"))
                        || (over_limit(&scenario) && err.message.contains("more than")) => {}
                Some(other) => tally.mismatch(
                    &format!("parse_one(to_string(s)) is not s: {:?}", other.err()),
                    &json,
                ),
            }
            one_file(&mut tally, config, &json);
            continue;
        }
        let text = json_text(&mut rng, &scenario);
        let input = match rng.below(40) {
            0 => random_text(&mut rng, 60),
            1 => text,
            _ if text.len() > 200_000 => {
                // Damage a huge text only at its ends and a few places: cheap and still huge.
                mutate(&mut rng, &text, JSON_ALPHABET, JSON_TOKENS, "")
            }
            _ => mutate(&mut rng, &text, JSON_ALPHABET, JSON_TOKENS, &donor),
        };
        if rng.one_in(50) && text_is_small(&input) {
            donor = input.clone();
        }
        one_file(&mut tally, config, &input);
    }
    tally
}

fn text_is_small(text: &str) -> bool {
    text.len() < 4096
}

fn one_file(tally: &mut Tally, config: &Config, input: &str) {
    tally.tried += 1;
    let start = Instant::now();
    let Some(parsed) = guarded(|| input::parse(input)) else {
        tally.panicked("input::parse", input);
        return;
    };
    let scenarios = match &parsed {
        Ok(Input::One(one)) => vec![one],
        Ok(Input::Many(many)) => many.iter().collect(),
        Err(_) => Vec::new(),
    };
    for scenario in &scenarios {
        if !rules(tally, scenario, input) {
            return;
        }
    }
    let took = again_if_slow(start.elapsed(), config.budget, || {
        let scenarios = match input::parse(input) {
            Ok(Input::One(one)) => vec![one],
            Ok(Input::Many(many)) => many,
            Err(_) => Vec::new(),
        };
        for scenario in &scenarios {
            check(scenario);
            resolve(scenario);
        }
    });
    tally.timed(took, config.budget, input);
    if parsed.is_ok() {
        tally.accepted += 1;
    } else {
        tally.refused += 1;
    }
    // `parse` and `parse_one` agree: on an array `parse_one` refuses; else they give the same.
    let Some(one) = guarded(|| input::parse_one(input)) else {
        tally.panicked("input::parse_one", input);
        return;
    };
    let array = input.trim_start().starts_with('[');
    let agree = match (&parsed, &one) {
        (_, Ok(_)) if array => false,
        (_, Err(_)) if array => true,
        (Ok(Input::One(a)), Ok(b)) => a == b,
        (Err(a), Err(b)) => a == b,
        _ => false,
    };
    if !agree {
        tally.mismatch("parse and parse_one disagree", input);
    }
    for scenario in scenarios {
        json_round_trip(tally, scenario, input);
        let back = guarded(|| {
            let encoded = link::encode(scenario);
            (encoded.len(), link::decode(&encoded))
        });
        match back {
            None => tally.panicked("link round trip", input),
            Some((_, Ok(back))) if back == *scenario => {}
            Some((len, Err(LinkError::TooLong { .. }))) if len > link::MAX_LEN => {}
            Some((_, other)) => {
                tally.mismatch(&format!("through a link: {}", describe(&other)), input)
            }
        }
    }
}

// --- The rules alone, past every limit -------------------------------------------------------------

/// `check` + `resolve`, and `encode`, of scenarios with 10,000 keys and snapshots (and mappings):
/// no decoder accepts them, so this measures the rules' own growth. Each is timed against the same
/// scenario cut to a tenth: ten times the items may take at most [`MAX_GROWTH`] times as long
/// (linear work takes about 10; work that grows with the square, about 100).
fn engine(config: &Config) -> Tally {
    let mut tally = Tally::new("engine");
    let mut rng = Rng::new(config.seed ^ 0x33);
    let devices = valid_devices();
    let runs = (config.inputs / 50_000).clamp(2, 40);
    for i in 0..runs {
        let big = random_scenario(&mut rng, Size::Huge, 0, &devices);
        let mut small = big.clone();
        small.snapshots.truncate(big.snapshots.len() / 10);
        small.launch.truncate(big.launch.len() / 10);
        if let Some(keys) = &mut small.account.keys {
            keys.truncate(keys.len() / 10);
        }
        let valid = i % 2 == 0;
        let (mut big, mut small) = (big, small);
        if valid {
            // Scenarios that pass `check`, so that `resolve` handles every device: distinct
            // valid devices, keys that exist, no request errors.
            make_valid(&mut big, &devices);
            make_valid(&mut small, &devices);
        }
        let label = format!(
            "{} keys, {} snapshots, {} mappings ({})",
            big.account.keys.as_ref().map_or(0, Vec::len),
            big.snapshots.len(),
            big.launch.len(),
            if valid { "valid" } else { "as generated" }
        );
        tally.tried += 1;
        let Some(problems) = guarded(|| check(&big)) else {
            tally.panicked("check", &label);
            continue;
        };
        let Some(outcome) = guarded(|| resolve(&big)) else {
            tally.panicked("resolve", &label);
            continue;
        };
        if valid && !problems.is_empty() {
            tally.mismatch(
                &format!("not valid after all: {}", problems[0].message),
                &label,
            );
        }
        if problems.is_empty() {
            tally.accepted += 1;
            if outcome.volumes.len() < big.snapshots.len() / 2 {
                tally.mismatch("a valid scenario resolved to few volumes", &label);
            }
        } else {
            tally.refused += 1;
        }
        let rules = |s: &Scenario| {
            check(s);
            resolve(s);
        };
        let encode = |s: &Scenario| {
            link::encode(s);
        };
        for (what, f) in [
            ("check + resolve", &rules as &dyn Fn(&Scenario)),
            ("encode", &encode),
        ] {
            let (Some(long), Some(short)) =
                (guarded(|| fastest(f, &big)), guarded(|| fastest(f, &small)))
            else {
                tally.panicked(what, &label);
                continue;
            };
            tally.timed(long, config.engine_budget, &format!("{what}, {label}"));
            let growth = long.as_secs_f64() / short.as_secs_f64().max(1e-6);
            if growth > MAX_GROWTH {
                tally.over_budget += 1;
                tally.problem(
                    &format!("{what} grows {growth:.0} times for ten times the items ({short:?} to {long:?})"),
                    &label,
                );
            }
        }
    }
    tally
}

/// How many times longer the rules may take for ten times the items.
const MAX_GROWTH: f64 = 40.0;

/// The fastest of three runs: the least disturbed by whatever else the machine does.
fn fastest(f: &dyn Fn(&Scenario), scenario: &Scenario) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f(scenario);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn make_valid(scenario: &mut Scenario, devices: &[String]) {
    scenario.account.id = ACCOUNTS[0].into();
    scenario.account.region = REGIONS[0].into();
    scenario.operation = Operation::Launch;
    scenario.copy = CopyParameters::default();
    let keys = scenario.account.keys.get_or_insert_with(Vec::new);
    for (i, key) in keys.iter_mut().enumerate() {
        key.id = format!("{i:08x}-0000-4000-8000-000000000000");
        key.multi_region = false;
        key.alias = Some(format!("alias/k{i}"));
        key.region = Some(REGIONS[i % 3].into());
        if let KeyOwner::Account(id) = &key.owner {
            if id == ACCOUNTS[0] {
                key.owner = KeyOwner::Me;
            }
        }
    }
    let n = keys.len().max(1);
    scenario.snapshots.truncate(devices.len());
    for (i, snapshot) in scenario.snapshots.iter_mut().enumerate() {
        snapshot.device = devices[i].clone();
        snapshot.size = 8;
        snapshot.owner = SnapshotOwner::Me;
        snapshot.readable = true;
        // Keys of the call's Region: every third.
        snapshot.kms_key = snapshot
            .encrypted
            .then(|| format!("alias/k{}", (i * 21) % n / 3 * 3));
    }
    scenario.launch.truncate(devices.len());
    for (i, mapping) in scenario.launch.iter_mut().enumerate() {
        mapping.device = devices[(i * 3) % devices.len()].clone();
        mapping.no_device = false;
        mapping.volume_size = Some(30);
        if mapping.kms_key_id.is_some() {
            mapping.encrypted = Some(true);
            mapping.kms_key_id = Some(format!("alias/k{}", (i * 33) % n / 3 * 3));
        }
    }
    let mut seen = std::collections::HashSet::new();
    scenario.launch.retain(|m| seen.insert(m.device.clone()));
}
