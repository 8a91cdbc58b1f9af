//! The decision table view's cells (`rules::table`): each is the engine's answer for its own
//! scenario, lands where it says, and agrees with the spec's tables (`shared/spec/aws-rules.md`
//! §4 launch, §5 copy).

use ami_encryption_rules::table::{
    cells, locate, result, Cell, CellResult, Column, KeyKind, Parameters, Source,
};
use ami_encryption_rules::{check, resolve, Basis, Operation, Rule};

const BOTH: [Operation; 2] = [Operation::Launch, Operation::Copy];

fn cell(operation: Operation, source: Source, parameters: Parameters, ebd: bool) -> Cell {
    let column = Column {
        parameters,
        encryption_by_default: ebd,
    };
    cells(operation)
        .into_iter()
        .find(|c| c.source == source && c.column == column)
        .unwrap_or_else(|| panic!("no cell {operation:?} {source:?} {column:?}"))
}

fn created(key: KeyKind, rule: Rule, basis: Basis) -> CellResult {
    CellResult::Created { key, rule, basis }
}

#[test]
fn a_launch_table_has_4_rows_of_10_and_a_copy_table_3() {
    assert_eq!(Column::all().len(), 10);
    let launch = cells(Operation::Launch);
    assert_eq!(launch.len(), 40);
    let copy = cells(Operation::Copy);
    assert_eq!(copy.len(), 30);
    assert!(copy.iter().all(|c| c.source != Source::NewVolume));
    // Row by row, each row in column order, every cell once.
    for (operation, all) in [(Operation::Launch, launch), (Operation::Copy, copy)] {
        let rows = Source::rows(operation);
        for (i, cell) in all.iter().enumerate() {
            assert_eq!(cell.source, rows[i / 10]);
            assert_eq!(cell.column, Column::all()[i % 10]);
            assert_eq!(cell.scenario.operation, operation);
        }
    }
}

#[test]
fn every_cell_is_the_engines_answer_for_its_scenario() {
    for operation in BOTH {
        for cell in cells(operation) {
            let outcome = resolve(&cell.scenario);
            assert_eq!(
                result(&cell.scenario, &outcome, cell.device),
                Some(cell.result.clone()),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn every_cells_scenario_can_exist() {
    for operation in BOTH {
        for cell in cells(operation) {
            assert_eq!(check(&cell.scenario), vec![], "{cell:?}");
        }
    }
}

#[test]
fn every_cells_scenario_lands_in_that_cell() {
    for operation in BOTH {
        for cell in cells(operation) {
            let found = locate(&cell.scenario);
            assert!(
                found.contains(&(cell.device.to_owned(), cell.source, cell.column)),
                "{cell:?} is located at {found:?}"
            );
            // Every other volume of the scenario (the root beside a new volume) lands elsewhere
            // with no parameters: it is there only because an AMI always has a root.
            for (device, source, column) in &found {
                if device != cell.device {
                    assert_eq!(*source, Source::Unencrypted);
                    assert_eq!(column.parameters, Parameters::None);
                }
            }
        }
    }
}

#[test]
fn no_cell_fails_later_with_the_examples_healthy_keys() {
    for operation in BOTH {
        for cell in cells(operation) {
            assert!(
                !matches!(cell.result, CellResult::FailsLater { .. }),
                "{cell:?}"
            );
        }
    }
}

// Cells held against the spec's tables, one known answer at a time.

/// §4.2: with encryption by default on, `Encrypted=false` on an unencrypted snapshot still gives a
/// volume encrypted with the default key ("D **I**[EBD]").
#[test]
fn launch_unencrypted_false_with_ebd_on_is_encrypted_with_the_default_key() {
    let c = cell(
        Operation::Launch,
        Source::Unencrypted,
        Parameters::EncryptedFalse,
        true,
    );
    assert_eq!(
        c.result,
        created(
            KeyKind::DefaultKey,
            Rule::LaunchFalseOverriddenByDefault,
            Basis::Inferred
        )
    );
}

/// §4.1: a new empty volume with no parameters and encryption by default off is unencrypted
/// ("unencrypted **E**[T]").
#[test]
fn launch_new_volume_without_parameters_is_unencrypted() {
    let c = cell(
        Operation::Launch,
        Source::NewVolume,
        Parameters::None,
        false,
    );
    assert_eq!(
        c.result,
        created(
            KeyKind::Unencrypted,
            Rule::LaunchNewVolumeUnencrypted,
            Basis::Documented
        )
    );
}

/// §4.2: a new empty volume with encryption by default on gets the default key ("D **E**[T]").
#[test]
fn launch_new_volume_with_ebd_on_gets_the_default_key() {
    let c = cell(Operation::Launch, Source::NewVolume, Parameters::None, true);
    assert_eq!(
        c.result,
        created(
            KeyKind::DefaultKey,
            Rule::LaunchEncryptionByDefault,
            Basis::Documented
        )
    );
}

/// §4.1: a shared encrypted snapshot with `Encrypted=true` lands on your default key, not the
/// owner's ("the `Encrypted` parameter has no effect").
#[test]
fn launch_shared_encrypted_with_encrypted_true_gets_the_default_key() {
    let c = cell(
        Operation::Launch,
        Source::EncryptedShared,
        Parameters::EncryptedTrue,
        false,
    );
    assert_eq!(
        c.result,
        created(
            KeyKind::DefaultKey,
            Rule::LaunchSharedDefaultKey,
            Basis::Documented
        )
    );
}

/// §4.1 [NoRemove]: `Encrypted=false` cannot remove encryption: your encrypted snapshot's volume
/// keeps its key ("K **I**").
#[test]
fn launch_yours_encrypted_with_false_keeps_its_key() {
    for ebd in [false, true] {
        let c = cell(
            Operation::Launch,
            Source::EncryptedYours,
            Parameters::EncryptedFalse,
            ebd,
        );
        assert_eq!(
            c.result,
            created(
                KeyKind::SourceKey,
                Rule::LaunchFalseKeepsEncryption,
                Basis::Inferred
            )
        );
    }
}

/// §4.1, §4.2, §5.1, §5.2 [ERR]: `KmsKeyId` without `Encrypted` is refused in every row, with
/// InvalidParameterDependency (§6, §11.4), documented.
#[test]
fn key_alone_is_refused_everywhere() {
    for operation in BOTH {
        for cell in cells(operation) {
            if cell.column.parameters != Parameters::KeyAlone {
                continue;
            }
            assert_eq!(
                cell.result,
                CellResult::Refused {
                    code: "InvalidParameterDependency".into(),
                    rule: Rule::KmsKeyWithoutEncrypted,
                    basis: Basis::Documented,
                },
                "{cell:?}"
            );
        }
    }
}

/// §4 and §5 [L2], [C2]: `Encrypted=true` with `KmsKeyId=X` gives X in every row ("X **E**").
#[test]
fn a_named_key_wins_everywhere() {
    for operation in BOTH {
        for cell in cells(operation) {
            if cell.column.parameters != Parameters::EncryptedTrueWithKey {
                continue;
            }
            let rule = match operation {
                Operation::Launch => Rule::LaunchSpecifiedKey,
                Operation::Copy => Rule::CopySpecifiedKey,
            };
            assert_eq!(
                cell.result,
                created(KeyKind::SpecifiedKey, rule, Basis::Documented),
                "{cell:?}"
            );
        }
    }
}

/// §5.1 [C0]: a copy of your encrypted snapshot without parameters keeps its key; contested by
/// the EBS snapshot-copy table (§8.2), which names `aws/ebs` here.
#[test]
fn copy_yours_encrypted_without_parameters_keeps_its_key() {
    let c = cell(
        Operation::Copy,
        Source::EncryptedYours,
        Parameters::None,
        false,
    );
    assert_eq!(
        c.result,
        created(
            KeyKind::SourceKey,
            Rule::CopyOwnedKeepsKey,
            Basis::Contested
        )
    );
}

/// §5.1 [C0]: a copy of a shared encrypted snapshot gets your default key; contested by the EBS
/// examples (§8.1), which keep the owner's key.
#[test]
fn copy_shared_encrypted_without_parameters_gets_the_default_key() {
    let c = cell(
        Operation::Copy,
        Source::EncryptedShared,
        Parameters::None,
        false,
    );
    assert_eq!(
        c.result,
        created(
            KeyKind::DefaultKey,
            Rule::CopySharedDefaultKey,
            Basis::Contested
        )
    );
}

/// §5.1, §5.2 [CI, CA]: `Encrypted=false` on a copy of an encrypted snapshot is refused with
/// InvalidRequest, whoever owns it and whatever encryption by default says.
#[test]
fn copy_encrypted_with_false_is_refused() {
    for source in [Source::EncryptedYours, Source::EncryptedShared] {
        for ebd in [false, true] {
            let c = cell(Operation::Copy, source, Parameters::EncryptedFalse, ebd);
            assert_eq!(
                c.result,
                CellResult::Refused {
                    code: "InvalidRequest".into(),
                    rule: Rule::CopyUnencryptedFromEncrypted,
                    basis: Basis::Documented,
                }
            );
        }
    }
}

/// §5.1: `Encrypted=false` on a copy of an unencrypted snapshot is accepted and stays unencrypted
/// ("unencrypted **I**"); §5.2: with encryption by default on, the default key ("D **I**").
#[test]
fn copy_unencrypted_with_false_follows_encryption_by_default() {
    let off = cell(
        Operation::Copy,
        Source::Unencrypted,
        Parameters::EncryptedFalse,
        false,
    );
    assert_eq!(
        off.result,
        created(
            KeyKind::Unencrypted,
            Rule::CopyStatePreserved,
            Basis::Inferred
        )
    );
    let on = cell(
        Operation::Copy,
        Source::Unencrypted,
        Parameters::EncryptedFalse,
        true,
    );
    assert_eq!(
        on.result,
        created(
            KeyKind::DefaultKey,
            Rule::CopyFalseOverriddenByDefault,
            Basis::Inferred
        )
    );
}

/// §5.1 [C1]: `Encrypted=true` on a copy of an unencrypted snapshot gives the default key; with
/// the AWS managed key as default, the CopyImage API's reading (§8.3) names the same key, so the
/// cell is not contested.
#[test]
fn copy_unencrypted_with_encrypted_true_gets_the_default_key() {
    let c = cell(
        Operation::Copy,
        Source::Unencrypted,
        Parameters::EncryptedTrue,
        false,
    );
    assert_eq!(
        c.result,
        created(
            KeyKind::DefaultKey,
            Rule::CopyEncryptedDefaultKey,
            Basis::Documented
        )
    );
}

/// A scenario outside the table's space still lands by source, parameters and encryption by
/// default: a cross-Region copy, and a launch with a suppressed device and a doubly mapped one.
#[test]
fn scenarios_outside_the_table_land_by_their_source_and_parameters() {
    let mut copy = cell(
        Operation::Copy,
        Source::EncryptedYours,
        Parameters::EncryptedTrue,
        true,
    )
    .scenario;
    copy.account.region = "eu-west-1".into();
    copy.copy.source_region = Some("us-east-1".into());
    let column = Column {
        parameters: Parameters::EncryptedTrue,
        encryption_by_default: true,
    };
    assert_eq!(
        locate(&copy),
        vec![("/dev/xvda".to_owned(), Source::EncryptedYours, column)]
    );

    let mut launch = cell(
        Operation::Launch,
        Source::NewVolume,
        Parameters::KeyAlone,
        false,
    )
    .scenario;
    // `Encrypted=false` with a key is refused as `KmsKeyId` alone is.
    launch.launch[0].encrypted = Some(false);
    launch.launch.push(ami_encryption_rules::LaunchMapping {
        device: "/dev/xvda".into(),
        no_device: true,
        ..Default::default()
    });
    let column = Column {
        parameters: Parameters::KeyAlone,
        encryption_by_default: false,
    };
    assert_eq!(
        locate(&launch),
        vec![("/dev/sdf".to_owned(), Source::NewVolume, column)]
    );
}
