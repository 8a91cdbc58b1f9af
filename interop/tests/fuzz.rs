//! The importer never panics, whatever is pasted: generated JSON, mangled real outputs, and texts
//! cut anywhere. Each input is checked for a clean answer (a scenario the rules read back, or an
//! error of one line).

mod common;

use ami_encryption_interop::{export, import, Format};
use ami_encryption_rules::{input, Scenario};

const FIXTURES: [&str; 12] = [
    "describe-images-owned",
    "describe-images-shared",
    "describe-images-multi-region",
    "describe-snapshots-owned",
    "describe-snapshots-shared",
    "list-aliases",
    "describe-key-app",
    "describe-key-multi-region",
    "get-ebs-encryption-by-default",
    "get-ebs-default-kms-key-id-cmk",
    "get-caller-identity",
    "describe-images-instance-store",
];

/// xorshift: the same inputs every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "\"Images\"",
    "\"Snapshots\"",
    "\"KmsKeyId\"",
    "\"Aliases\"",
    "\"KeyMetadata\"",
    "\"Account\"",
    "\"Arn\"",
    "\"bundle\"",
    "\"outputs\"",
    "\"BlockDeviceMappings\"",
    "\"Ebs\"",
    "\"arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab\"",
    "\"alias/aws/ebs\"",
    "\"\\u0000\"",
    "\"é\"",
    " ",
    "\n",
];

fn check(pasted: &[&str]) {
    match import(pasted, &Scenario::default()) {
        Ok(imported) => {
            let json = serde_json::to_string(&imported.scenario).unwrap();
            let back = input::parse_one(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
            assert_eq!(back, imported.scenario);
            // What an import makes, every exporter writes.
            for format in Format::ALL {
                assert!(!export(&imported.scenario, format).is_empty());
            }
        }
        Err(err) => assert!(!err.to_string().contains('\n'), "{err}"),
    }
}

#[test]
fn mangled_and_generated_pastes_never_panic() {
    let texts: Vec<String> = FIXTURES.iter().map(|n| common::fixture(n)).collect();
    let mut random = Random(0x9e3779b97f4a7c15);
    for _ in 0..3000 {
        let mut pasted: Vec<String> = Vec::new();
        for _ in 0..1 + random.below(4) {
            let mut text = texts[random.below(texts.len())].clone().into_bytes();
            match random.below(4) {
                // Cut anywhere.
                0 => text.truncate(random.below(text.len())),
                // Flip bytes.
                1 if !text.is_empty() => {
                    const BYTES: &[u8] = b"{}[],:\"0a\\ -\xff";
                    for _ in 0..1 + random.below(8) {
                        let at = random.below(text.len());
                        text[at] = BYTES[random.below(BYTES.len())];
                    }
                }
                // Splice pieces in.
                2 => {
                    for _ in 0..1 + random.below(6) {
                        let at = random.below(text.len());
                        let piece = PIECES[random.below(PIECES.len())].as_bytes();
                        text.splice(at..at, piece.iter().copied());
                    }
                }
                _ => {}
            }
            pasted.push(String::from_utf8_lossy(&text).into_owned());
        }
        let refs: Vec<&str> = pasted.iter().map(String::as_str).collect();
        check(&refs);
    }
    // Generated from pieces alone.
    for _ in 0..3000 {
        let text: String = (0..random.below(40))
            .map(|_| PIECES[random.below(PIECES.len())])
            .collect();
        check(&[&text]);
    }
}

/// Deep nesting is refused by the JSON reader's depth limit, not by a stack overflow.
#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(import(&[&deep], &Scenario::default()).is_err());
    let deep_object = format!(
        "{{\"Images\": {}{}}}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    assert!(import(&[&deep_object], &Scenario::default()).is_err());
}
