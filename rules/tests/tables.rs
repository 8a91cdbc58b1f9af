//! Every cell of the decision tables in `shared/spec/aws-rules.md` §4 (launch) and §5 (copy),
//! written out as the spec draws them.
//!
//! Cells: `-` unencrypted, `K` the snapshot's key, `D` the default key, `X` the `KmsKeyId`,
//! `DEP` InvalidParameterDependency, `REQ` InvalidRequest; then the basis: `E` documented,
//! `I` inferred, `C` contested. `D` is a customer managed key here, so that it differs from
//! `alias/aws/ebs` and from K.

mod common;
use ami_encryption_rules::{Basis, Origin, Status};
use common::*;

/// Columns: none, Encrypted=false, Encrypted=true, Encrypted=true + KmsKeyId, KmsKeyId only,
/// Encrypted=false + KmsKeyId.
type Table = [(Row, [&'static str; 6]); 5];

#[derive(Clone, Copy, Debug)]
enum Row {
    New,
    Src(Src),
}

/// §4.1 Launch, encryption by default OFF.
#[rustfmt::skip]
const LAUNCH_OFF: Table = [
    (Row::New,                         ["- E", "- I", "D E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::UnencryptedOwn),    ["- E", "- I", "D E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::UnencryptedShared), ["- E", "- I", "D E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedOwn),      ["K E", "K I", "K E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedShared),   ["D E", "D I", "D E", "X E", "DEP E", "DEP I"]),
];

/// §4.2 Launch, encryption by default ON.
#[rustfmt::skip]
const LAUNCH_ON: Table = [
    (Row::New,                         ["D E", "D I", "D E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::UnencryptedOwn),    ["D E", "D I", "D E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::UnencryptedShared), ["D E", "D I", "D E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedOwn),      ["K E", "K I", "K E", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedShared),   ["D E", "D I", "D E", "X E", "DEP E", "DEP I"]),
];

/// §5.1 Copy, encryption by default OFF. A conflict gets the same label wherever it applies
/// (issue 8, part 7): every "D" of a customer managed default key is contested by the CopyImage
/// API's aws/ebs (§8.3); "K" of your encrypted snapshot by the snapshot-copy table (§8.2), with
/// Encrypted absent or true alike; "D" of a shared encrypted snapshot by the EBS examples (§8.1).
#[rustfmt::skip]
const COPY_OFF: Table = [
    (Row::New,                         ["n/a", "n/a",   "n/a", "n/a", "n/a",   "n/a"]),
    (Row::Src(Src::UnencryptedOwn),    ["- E", "- I",   "D C", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::UnencryptedShared), ["- E", "- I",   "D C", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedOwn),      ["K C", "REQ E", "K C", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedShared),   ["D C", "REQ E", "D C", "X E", "DEP E", "DEP I"]),
];

/// §5.2 Copy, encryption by default ON; the same conflicts as §5.1.
#[rustfmt::skip]
const COPY_ON: Table = [
    (Row::New,                         ["n/a", "n/a",   "n/a", "n/a", "n/a",   "n/a"]),
    (Row::Src(Src::UnencryptedOwn),    ["D C", "D C",   "D C", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::UnencryptedShared), ["D C", "D C",   "D C", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedOwn),      ["K C", "REQ E", "K C", "X E", "DEP E", "DEP I"]),
    (Row::Src(Src::EncryptedShared),   ["D C", "REQ E", "D C", "X E", "DEP E", "DEP I"]),
];

fn check_table(copy_op: bool, by_default: bool, table: &Table) {
    let mut cells = 0;
    for (row, expected) in table {
        for (params, cell) in Params::ALL.iter().zip(expected) {
            if *cell == "n/a" {
                continue;
            }
            let mut build = if copy_op { copy() } else { launch() }
                .by_default(by_default)
                .default_key(DEFAULT_ALIAS);
            let device = "/dev/sdf";
            build = match row {
                Row::New => build
                    .snapshot("/dev/xvda", Src::UnencryptedOwn)
                    .map_params(device, *params),
                Row::Src(src) if copy_op => build.snapshot(device, *src).copy_params(*params),
                Row::Src(src) => build.snapshot(device, *src).map_params(device, *params),
            };
            let outcome = build.resolve();
            let (what, basis) = cell.split_once(' ').unwrap();
            let basis = match basis {
                "E" => Basis::Documented,
                "I" => Basis::Inferred,
                "C" => Basis::Contested,
                other => panic!("bad basis {other}"),
            };
            let at = format!(
                "{} EBD={by_default} {row:?} {params:?}",
                if copy_op { "copy" } else { "launch" }
            );
            match what {
                "DEP" | "REQ" => {
                    let error = outcome
                        .error
                        .as_ref()
                        .unwrap_or_else(|| panic!("{at}: expected an error, got {outcome:?}"));
                    let code = if what == "DEP" {
                        "InvalidParameterDependency"
                    } else {
                        "InvalidRequest"
                    };
                    assert_eq!((error.code.as_str(), error.basis), (code, basis), "{at}");
                    assert_eq!(outcome.status, Status::Error, "{at}");
                    assert!(outcome.volumes.is_empty(), "{at}");
                }
                _ => {
                    assert_eq!(outcome.status, Status::Ok, "{at}: {outcome:?}");
                    let volume = outcome.volume(device).unwrap();
                    let key = match (what, row) {
                        ("-", _) => None,
                        ("K", Row::Src(Src::EncryptedOwn)) => Some(APP_KEY),
                        ("K", Row::Src(Src::EncryptedShared)) => Some(PARTNER_KEY),
                        ("D", _) => Some(DEFAULT_CMK),
                        ("X", _) => Some(OTHER_KEY),
                        other => panic!("bad cell {other:?}"),
                    };
                    assert_eq!(volume.kms_key.as_deref(), key, "{at}");
                    assert_eq!(volume.encrypted, key.is_some(), "{at}");
                    assert_eq!(volume.basis, basis, "{at}: rule {}", volume.rule.id());
                    assert_eq!(
                        volume.alternative.is_some(),
                        basis == Basis::Contested,
                        "{at}"
                    );
                    assert_eq!(
                        volume.origin == Origin::New,
                        matches!(row, Row::New),
                        "{at}"
                    );
                }
            }
            cells += 1;
        }
    }
    assert_eq!(cells, if copy_op { 24 } else { 30 });
}

#[test]
fn launch_table_encryption_by_default_off() {
    check_table(false, false, &LAUNCH_OFF);
}

#[test]
fn launch_table_encryption_by_default_on() {
    check_table(false, true, &LAUNCH_ON);
}

#[test]
fn copy_table_encryption_by_default_off() {
    check_table(true, false, &COPY_OFF);
}

#[test]
fn copy_table_encryption_by_default_on() {
    check_table(true, true, &COPY_ON);
}
