//! Scenarios whose user-written text is built to break an exporter's quoting: shell quotes,
//! backslashes, HCL interpolations and directives, YAML syntax, line breaks of every kind.
//! Shared by the tests and the `corpus` example that `scripts/check-exports` validates.

use ami_encryption_rules::preset::key_id;
use ami_encryption_rules::{
    Caller, CopyParameters, Key, KeyOwner, LaunchMapping, Operation, Scenario, Snapshot,
};

/// Texts a key name, alias or device could hold. No NUL: no command line can carry one.
pub const HOSTILE: &[&str] = &[
    "alias/it's",
    "alias/\"quoted\"",
    "alias/back\\slash\\",
    "alias/${var.secret}",
    "alias/%{ if true }x%{ endif }",
    "alias/new\nline: value",
    "$(touch /tmp/pwned)`id`",
    // Harmless payloads only: a quoting bug must never run anything that does damage.
    "'; touch /tmp/ami-explainer-quoting-bug #",
    "arn:aws:kms:us-east-1:111122223333:key/\r\n# injected",
    "\u{2028}\u{2029}\u{85}é🙂",
    "{{timestamp}} !Ref X - [a] {b: c} & * ? | > % @ `",
    "\\\\'\\\"${x}%{y}$${z}%%{w}",
    "\t\u{1b}[31m\u{7f}",
    "",
];

/// Four scenarios a text: a launch's key, a copy's key, an Auto Scaling launch's key and default
/// key, and a launch whose device and Region are the text. Named `hostile-N-kind`.
pub fn scenarios() -> Vec<(String, Scenario)> {
    let mut all = Vec::new();
    for (n, text) in HOSTILE.iter().enumerate() {
        let text = text.to_string();
        let key = Key {
            id: key_id(0),
            alias: Some(text.clone()),
            owner: KeyOwner::Me,
            ..Key::default()
        };
        let mut launch = Scenario {
            operation: Operation::Launch,
            snapshots: vec![Snapshot {
                device: "/dev/xvda".into(),
                encrypted: true,
                kms_key: Some(text.clone()),
                ..Snapshot::default()
            }],
            launch: vec![
                LaunchMapping {
                    device: "/dev/xvda".into(),
                    encrypted: Some(true),
                    kms_key_id: Some(text.clone()),
                    ..LaunchMapping::default()
                },
                LaunchMapping {
                    device: "/dev/sdf".into(),
                    encrypted: Some(true),
                    kms_key_id: Some(text.clone()),
                    volume_size: Some(10),
                    ..LaunchMapping::default()
                },
                LaunchMapping {
                    device: "/dev/sdb".into(),
                    no_device: true,
                    ..LaunchMapping::default()
                },
            ],
            ..Scenario::default()
        };
        launch.account.keys = Some(vec![key]);
        all.push((format!("hostile-{n:02}-launch"), launch.clone()));

        let mut copy = launch.clone();
        copy.operation = Operation::Copy;
        copy.launch.clear();
        copy.copy = CopyParameters {
            encrypted: Some(true),
            kms_key_id: Some(text.clone()),
            source_region: (n % 2 == 1).then(|| "us-west-2".to_owned()),
        };
        copy.account.region = "eu-west-1".into();
        all.push((format!("hostile-{n:02}-copy"), copy));

        let mut scaling = launch.clone();
        scaling.caller = Caller::AutoScaling;
        scaling.account.encryption_by_default = true;
        scaling.account.default_kms_key = text.clone();
        all.push((format!("hostile-{n:02}-auto-scaling"), scaling));

        let mut device = launch;
        device.account.region = text.clone();
        device.snapshots[0].device = text.clone();
        device.launch[0].device = text;
        all.push((format!("hostile-{n:02}-device"), device));
    }
    all
}
