//! The scenario file format: the documented shape, round trips, and a clear message for bad input.

mod common;
use ami_encryption_rules::input::{self, Input};
use ami_encryption_rules::{resolve, Outcome};
use common::*;

/// The example of the format, exactly as documented in the README and issue #3.
const DOCUMENTED: &str = r#"{"operation": "launch",
 "account": {"encryption_by_default": false, "default_kms_key": "alias/aws/ebs",
             "keys": [{"id": "1234abcd-12ab-34cd-56ef-1234567890ab", "alias": "alias/app", "owner": "self", "usable": true}]},
 "snapshots": [{"device": "/dev/xvda", "encrypted": true, "kms_key": "alias/app", "owner": "self"}],
 "launch": [{"device": "/dev/xvda", "encrypted": true, "kms_key_id": "alias/other"}, {"device": "/dev/sdf", "encrypted": true}],
 "copy": {"encrypted": null, "kms_key_id": null}}"#;

#[test]
fn the_documented_example_parses_and_resolves() {
    let scenario = input::parse_one(DOCUMENTED).unwrap();
    assert_eq!(scenario.launch[1].kms_key_id, None);
    let outcome = serde_json::to_value(resolve(&scenario)).unwrap();
    assert_eq!(outcome["status"], "fails-later"); // alias/other is not among the keys
    assert_eq!(outcome["volumes"][0]["change"], "re-encrypted");
    assert_eq!(outcome["volumes"][1]["origin"], "new");
    assert_eq!(outcome["failure"]["key"], "alias/other");
    assert_eq!(outcome["error"], serde_json::Value::Null);
    for field in [
        "device",
        "origin",
        "encrypted",
        "kms_key",
        "change",
        "rule",
        "basis",
        "sources",
        "alternative",
    ] {
        assert!(
            outcome["volumes"][0].get(field).is_some(),
            "volume field {field}"
        );
    }
}

#[test]
fn keys_launch_and_copy_may_be_omitted() {
    let scenario = input::parse_one(r#"{"operation": "copy", "account": {"encryption_by_default": true}, "snapshots": [{"device": "/dev/xvda", "encrypted": false}]}"#).unwrap();
    assert_eq!(scenario.account.default_kms_key, "alias/aws/ebs");
    assert!(scenario.account.keys.is_none() && scenario.launch.is_empty());
    assert_eq!(
        resolve(&scenario).volumes[0].kms_key.as_deref(),
        Some("alias/aws/ebs")
    );
}

#[test]
fn scenarios_round_trip_through_json() {
    let scenarios = [
        launch()
            .snapshot("/dev/xvda", Src::EncryptedShared)
            .map("/dev/xvda", Some(false), None)
            .map("/dev/sdf", Some(true), Some(OTHER_ALIAS))
            .0,
        copy()
            .by_default(true)
            .default_key(DEFAULT_ALIAS)
            .snapshot("/dev/xvda", Src::UnencryptedShared)
            .copy_with(Some(true), None)
            .0,
        launch()
            .no_key_list()
            .snapshot("/dev/xvda", Src::UnencryptedOwn)
            .0,
    ];
    for scenario in scenarios {
        let json = serde_json::to_string(&scenario).unwrap();
        assert_eq!(input::parse_one(&json).unwrap(), scenario, "{json}");
        let outcome = resolve(&scenario);
        let back: Outcome =
            serde_json::from_str(&serde_json::to_string(&outcome).unwrap()).unwrap();
        assert_eq!(back, outcome);
    }
}

#[test]
fn an_array_reads_as_many() {
    let text = format!("[{DOCUMENTED}, {DOCUMENTED}]");
    assert!(matches!(input::parse(&text), Ok(Input::Many(v)) if v.len() == 2));
    assert!(matches!(input::parse(DOCUMENTED), Ok(Input::One(_))));
}

/// Each kind of bad input names its line and column and what was expected.
#[test]
fn bad_input_gets_a_message_naming_where_and_what() {
    let cases = [
        (r#"{"operation": "lunch", "snapshots": []}"#, "line 1, column 21: unknown variant `lunch`, expected `launch` or `copy`"),
        ("{\"operation\": \"launch\",\n \"snapshots\": [{\"device\": \"/dev/xvda\", \"encrypted\": \"yes\"}]}", "line 2, column 57: invalid type: string \"yes\", expected a boolean"),
        (r#"{"operation": "launch", "snapshots": [], "colour": 1}"#, "line 1, column 49: unknown field `colour`"),
        (r#"{"operation": "launch", "account": {"encryption_by_default": false, "keys": [{"id": "k", "owner": "me", "usable": true}]}, "snapshots": []}"#,
            "expected `self`, `aws-managed` or a 12-digit account ID"),
        (r#"{"snapshots": []}"#, "missing field `operation`"),
        (r#"{"operation": "launch", "#, "line 1, column 24: the text ends too early"),
        ("", "the text ends too early"),
        ("not json", "line 1, column 2: expected ident"),
    ];
    for (text, expected) in cases {
        let err = input::parse(text).unwrap_err().to_string();
        assert!(
            err.contains(expected),
            "{text:?}\n got: {err}\nwant: {expected}"
        );
        assert!(!err.contains('\n'), "one line: {err}");
    }
}

/// The example reads standard input and answers as documented: JSON out, or one line and exit 2.
#[test]
fn the_resolve_example_answers_from_stdin() {
    let run = run_resolve_example;
    let ok = run(DOCUMENTED);
    assert!(ok.status.success());
    let outcome: Outcome = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(outcome.volumes.len(), 2);

    let many = run(&format!("[{DOCUMENTED}]"));
    let outcomes: Vec<Outcome> = serde_json::from_slice(&many.stdout).unwrap();
    assert_eq!(outcomes.len(), 1);

    let bad = run(r#"{"operation": "lunch"}"#);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("resolve: line 1, column 21: unknown variant `lunch`"),
        "{stderr}"
    );
}

// --- Issue 11: one reading of a scenario, size limits, short messages ----------------------------

/// A scenario written as an array of its field values: `parse_one` used to read it while `parse`
/// took it for a list of scenarios and refused it. Now both refuse it, and objects inside written
/// as arrays too.
#[test]
fn issue_11_parse_and_parse_one_agree_on_a_scenario_written_as_an_array() {
    let fields = r#"[2, "launch", "you", {"encryption_by_default": false}, [{"device": "/dev/xvda", "encrypted": false}], [], {}]"#;
    let one = input::parse_one(fields).unwrap_err();
    let any = input::parse(fields).unwrap_err();
    assert!(one.message.contains("expected an object"), "{one}");
    assert!(any.message.contains("expected an object"), "{any}");
    let nested = [
        r#"{"operation": "launch", "account": [true], "snapshots": []}"#,
        r#"{"operation": "launch", "snapshots": [["/dev/xvda", false]]}"#,
        r#"{"operation": "launch", "snapshots": [], "copy": [null, null]}"#,
        r#"{"operation": "launch", "snapshots": [], "launch": [["/dev/sdf"]]}"#,
        r#"{"operation": "launch", "snapshots": [], "account": {"encryption_by_default": false, "keys": [["k", null, "self"]]}}"#,
    ];
    for text in nested {
        let one = input::parse_one(text).unwrap_err();
        assert_eq!(input::parse(text).unwrap_err(), one);
        assert!(one.message.contains("expected an object"), "{text}: {one}");
    }
    // An array of scenarios is `parse`'s alone.
    let many = format!("[{DOCUMENTED}]");
    assert!(matches!(input::parse(&many), Ok(Input::Many(v)) if v.len() == 1));
    assert!(input::parse_one(&many).is_err());
}

#[test]
fn issue_11_texts_and_lists_have_documented_limits() {
    use ami_encryption_rules::MAX_ITEMS;
    let snapshot = r#"{"device": "/dev/xvda", "encrypted": false}"#;
    let with = |n: usize| {
        format!(
            "{{\"operation\": \"launch\",\n\"snapshots\": [{}]}}",
            vec![snapshot; n].join(", ")
        )
    };
    assert_eq!(
        input::parse_one(&with(MAX_ITEMS)).unwrap().snapshots.len(),
        MAX_ITEMS
    );
    let err = input::parse_one(&with(MAX_ITEMS + 1)).unwrap_err();
    assert_eq!(err.line, 2, "{err}");
    assert!(
        err.message
            .contains("more than 128 snapshots; at most 128 are read"),
        "{err}"
    );
    let keys = format!(
        r#"{{"operation": "launch", "snapshots": [], "account": {{"encryption_by_default": false, "keys": [{}]}}}}"#,
        vec![r#"{"id": "k", "owner": "self"}"#; MAX_ITEMS + 1].join(",")
    );
    assert!(input::parse_one(&keys)
        .unwrap_err()
        .message
        .contains("more than 128 keys"));
    let launch = format!(
        r#"{{"operation": "launch", "snapshots": [], "launch": [{}]}}"#,
        vec![r#"{"device": "/dev/sdf"}"#; MAX_ITEMS + 1].join(",")
    );
    assert!(input::parse_one(&launch)
        .unwrap_err()
        .message
        .contains("more than 128 launch mappings"));
    let many = format!("[{}]", vec![DOCUMENTED; MAX_ITEMS + 1].join(","));
    assert!(input::parse(&many)
        .unwrap_err()
        .message
        .contains("more than 128 scenarios"));

    let padded = format!("{DOCUMENTED}{}", " ".repeat(input::MAX_LEN));
    for err in [
        input::parse_one(&padded).unwrap_err(),
        input::parse(&padded).unwrap_err(),
    ] {
        assert_eq!((err.line, err.column), (1, 1));
        assert!(
            err.message.contains("at most 1048576 (1 MiB) are read"),
            "{err}"
        );
    }
}

/// A 1 MB field gave a 1 MB message; every quoted value is now cut.
#[test]
fn issue_11_messages_quote_long_values_cut() {
    let huge = "x".repeat(1_000_000);
    let texts = [
        format!(r#"{{"operation": "{huge}", "snapshots": []}}"#),
        format!(r#"{{"operation": "launch", "snapshots": [], "{huge}": 1}}"#),
        format!(
            r#"{{"operation": "launch", "snapshots": [], "account": {{"encryption_by_default": false, "keys": [{{"id": "k", "owner": "{huge}"}}]}}}}"#
        ),
        format!(
            r#"{{"operation": "launch", "snapshots": [{{"device": "/dev/xvda", "encrypted": "{huge}"}}]}}"#
        ),
        format!(
            r#"{{"operation": "launch", "snapshots": [{{"device": "/dev/xvda", "encrypted": false, "size": "{huge}"}}]}}"#
        ),
    ];
    for text in &texts {
        let err = input::parse_one(text).unwrap_err().to_string();
        assert!(err.len() < 400, "{} bytes: {}", err.len(), &err[..400]);
        assert!(err.contains("xxx…"), "{err}");
    }
    // The rules' own messages too.
    let huge = "x".repeat(200_000);
    let scenario = input::parse_one(&format!(
        r#"{{"operation": "launch", "account": {{"id": "{huge}", "region": "{huge}", "encryption_by_default": false}},
            "snapshots": [{{"device": "{huge}", "encrypted": false, "kms_key": "{huge}"}}],
            "launch": [{{"device": "{huge}", "encrypted": true}}]}}"#
    ))
    .unwrap();
    let problems = ami_encryption_rules::check(&scenario);
    assert!(problems.len() >= 4, "{}", problems.len());
    for problem in &problems {
        assert!(problem.message.len() < 400, "{}", &problem.message[..400]);
    }
    let mut launch_only = scenario.clone();
    launch_only.account = Default::default();
    launch_only.snapshots[0].device = "/dev/xvda".into();
    launch_only.snapshots[0].kms_key = None;
    let outcome = resolve(&launch_only);
    let error = outcome.error.expect("an invalid device name is refused");
    assert!(error.message.len() < 400, "{}", &error.message[..400]);
}

/// Regression: `Key::default()` was unusable while a key written in a file with only its ID is
/// usable, so examples built with `..Key::default()` held keys nobody could use.
#[test]
fn a_default_key_is_what_a_file_with_only_its_id_means() {
    let from_file: ami_encryption_rules::Key =
        serde_json::from_str(r#"{"id": "1234abcd-12ab-34cd-56ef-1234567890ab", "owner": "self"}"#)
            .unwrap();
    assert_eq!(
        from_file,
        ami_encryption_rules::Key {
            id: "1234abcd-12ab-34cd-56ef-1234567890ab".into(),
            ..Default::default()
        }
    );
}
