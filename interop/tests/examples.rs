//! The `import` and `export` examples: JSON or text out, or one line on standard error and exit
//! code 2, as `resolve` does.

mod common;

use ami_encryption_rules::{input, preset};
use common::run_example;

#[test]
fn import_reads_files_and_standard_input() {
    let run = run_example(
        "import",
        &[
            "describe-images-owned.json",
            "-",
            "get-caller-identity.json",
        ],
        &common::fixture("describe-snapshots-owned"),
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let scenario = input::parse_one(&String::from_utf8(run.stdout).unwrap()).unwrap();
    assert_eq!(scenario.snapshots.len(), 2);
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.lines().all(|l| l.starts_with("import: note: {")),
        "{stderr}"
    );

    let region = run_example(
        "import",
        &["--region", "eu-west-1"],
        &common::fixture("get-caller-identity"),
    );
    let scenario = input::parse_one(&String::from_utf8(region.stdout).unwrap()).unwrap();
    assert_eq!(scenario.account.region, "eu-west-1");
}

#[test]
fn import_refuses_in_one_line_with_exit_2() {
    for (args, stdin, expected) in [
        (
            vec![],
            "{\"Foo\": 1}",
            "import: paste 1: an object of no known shape",
        ),
        (vec!["--colour"], "", "import: unknown option \"--colour\""),
        (vec!["missing.json"], "", "import: cannot read missing.json"),
    ] {
        let run = run_example("import", &args, stdin);
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with(expected), "{stderr}");
    }
}

#[test]
fn export_writes_each_format() {
    let scenario = serde_json::to_string(&(preset::ALL[0].build)()).unwrap();
    for (format, marker) in [
        ("cli", "aws ec2 run-instances"),
        ("terraform", "resource \"aws_instance\""),
        ("cloudformation", "AWS::EC2::Instance"),
        ("packer", "source \"amazon-ebs\""),
    ] {
        let run = run_example("export", &["--format", format], &scenario);
        assert!(run.status.success());
        assert!(
            String::from_utf8(run.stdout).unwrap().contains(marker),
            "{format}"
        );
    }
    for (args, stdin, expected) in [
        (
            vec!["--format", "yaml"],
            scenario.as_str(),
            "export: unknown format \"yaml\"",
        ),
        (vec![], scenario.as_str(), "export: expected --format"),
        (
            vec!["--format", "cli"],
            "{\"operation\": \"lunch\"}",
            "export: line 1, column 21: unknown variant `lunch`",
        ),
    ] {
        let run = run_example("export", &args, stdin);
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with(expected), "{stderr}");
    }
}
