//! The scenario as one compact, URL-safe, versioned string: the value of a permalink's `s` key.
//!
//! ```text
//! 1~l0~alias/aws/ebs~1234abcd-…*alias/app*s*1~/dev/xvda*es*@1~/dev/xvda*t*alias/other~n*
//! │ ││ │             │                        │                 │                     └ copy: Encrypted*KmsKeyId
//! │ ││ │             │                        │                 └ launch mappings: device*Encrypted*KmsKeyId
//! │ ││ │             │                        └ snapshots: device*(e|u)(s|h)*key
//! │ ││ │             └ keys: id*alias*owner*usable, or `-` when the scenario lists none
//! │ ││ └ default key
//! │ │└ encryption by default (0/1)
//! │ └ operation (l/c)
//! └ version
//! ```
//! Sections are split by `~`, items by `,`, fields by `*`. Text keeps `A–Z a–z 0–9 / _ : . -` and
//! percent-encodes the rest; `@n` repeats the n-th key-like text already written (ARNs repeat a
//! lot); an optional text is empty for "none" and `'` for "empty". Decoding never panics: every
//! bad link is an error value that says what is wrong.

use std::fmt;

use crate::key::KeyOwner;
use crate::scenario::{
    Account, CopyParameters, Key, LaunchMapping, Operation, Scenario, Snapshot, SnapshotOwner,
};

/// The version this code writes, and the newest it reads.
pub const VERSION: u32 = 1;
/// Links longer than this are refused before they are read (many servers stop at 8 KiB URLs).
pub const MAX_LEN: usize = 8 * 1024;
/// More snapshots, mappings or keys than this are refused.
pub const MAX_ITEMS: usize = 128;

/// Why a link cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    TooLong {
        len: usize,
    },
    /// Written by a newer version of the page.
    FutureVersion(u32),
    /// Ends before all its parts (often a link cut when pasted).
    Truncated,
    /// Not a scenario link, with what was wrong.
    Malformed(String),
    TooMany {
        what: &'static str,
        count: usize,
    },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => write!(f, "the link holds no scenario"),
            LinkError::TooLong { len } => write!(f, "the link is {len} characters long; at most {MAX_LEN} are read"),
            LinkError::FutureVersion(v) => write!(f, "the link was made by a newer version (format {v}; this page reads up to {VERSION})"),
            LinkError::Truncated => write!(f, "the link is cut short"),
            LinkError::Malformed(what) => write!(f, "the link is damaged: {what}"),
            LinkError::TooMany { what, count } => write!(f, "the link has {count} {what}; at most {MAX_ITEMS} are read"),
        }
    }
}

impl std::error::Error for LinkError {}

/// Writes a scenario as a link value.
pub fn encode(scenario: &Scenario) -> String {
    let mut w = Writer::default();
    let account = &scenario.account;
    let op = match scenario.operation {
        Operation::Launch => 'l',
        Operation::Copy => 'c',
    };
    let mut sections = vec![
        VERSION.to_string(),
        format!("{op}{}", u8::from(account.encryption_by_default)),
    ];
    sections.push(w.text(&account.default_kms_key));
    sections.push(match &account.keys {
        None => "-".to_owned(),
        Some(keys) => keys
            .iter()
            .map(|k| {
                // Fields in reading order: `@n` counts texts in the order they are written.
                let (id, alias) = (w.text(&k.id), w.optional(&k.alias));
                let owner = match &k.owner {
                    KeyOwner::Me => "s".to_owned(),
                    KeyOwner::AwsManaged => "a".to_owned(),
                    KeyOwner::Account(account) => w.text(account),
                };
                [id, alias, owner, u8::from(k.usable).to_string()].join("*")
            })
            .collect::<Vec<_>>()
            .join(","),
    });
    sections.push(
        scenario
            .snapshots
            .iter()
            .map(|s| {
                let flags = format!(
                    "{}{}",
                    if s.encrypted { 'e' } else { 'u' },
                    if s.owner == SnapshotOwner::Shared {
                        'h'
                    } else {
                        's'
                    }
                );
                [escape(&s.device), flags, w.optional(&s.kms_key)].join("*")
            })
            .collect::<Vec<_>>()
            .join(","),
    );
    sections.push(
        scenario
            .launch
            .iter()
            .map(|m| {
                [
                    escape(&m.device),
                    flag(m.encrypted).to_string(),
                    w.optional(&m.kms_key_id),
                ]
                .join("*")
            })
            .collect::<Vec<_>>()
            .join(","),
    );
    sections.push(
        [
            flag(scenario.copy.encrypted).to_string(),
            w.optional(&scenario.copy.kms_key_id),
        ]
        .join("*"),
    );
    sections.join("~")
}

/// Reads a link value back into the scenario it was written from.
pub fn decode(link: &str) -> Result<Scenario, LinkError> {
    let link = link.trim();
    if link.is_empty() {
        return Err(LinkError::Empty);
    }
    if link.len() > MAX_LEN {
        return Err(LinkError::TooLong { len: link.len() });
    }
    let sections: Vec<&str> = link.split('~').collect();
    let version: u32 = sections[0].parse().map_err(|_| {
        LinkError::Malformed(format!(
            "it starts with {:?}, not a format number",
            sections[0]
        ))
    })?;
    if version > VERSION {
        return Err(LinkError::FutureVersion(version));
    }
    if version == 0 {
        return Err(LinkError::Malformed("format 0 does not exist".into()));
    }
    match sections.len() {
        n if n < 7 => return Err(LinkError::Truncated),
        7 => {}
        n => return Err(LinkError::Malformed(format!("it has {n} parts, not 7"))),
    }
    let mut r = Reader::default();
    let flags = sections[1].as_bytes();
    let operation = match flags.first() {
        Some(b'l') => Operation::Launch,
        Some(b'c') => Operation::Copy,
        _ => {
            return Err(LinkError::Malformed(
                "the operation is neither launch nor copy".into(),
            ))
        }
    };
    let encryption_by_default = match (flags.get(1), flags.len()) {
        (Some(b'0'), 2) => false,
        (Some(b'1'), 2) => true,
        _ => {
            return Err(LinkError::Malformed(
                "encryption by default is neither on nor off".into(),
            ))
        }
    };
    let default_kms_key = r.text(sections[2])?;
    let keys = match sections[3] {
        "-" => None,
        text => Some(
            items(text, "keys")?
                .into_iter()
                .map(|item| {
                    let [id, alias, owner, usable] = fields::<4>(item, "key")?;
                    let id = r.text(id)?;
                    let alias = r.optional(alias)?;
                    let owner = match owner {
                        "s" => KeyOwner::Me,
                        "a" => KeyOwner::AwsManaged,
                        other => {
                            let account = r.text(other)?;
                            if !crate::key::is_account_id(&account) {
                                return Err(LinkError::Malformed(format!(
                                    "a key's owner {account:?} is not an account ID"
                                )));
                            }
                            KeyOwner::Account(account)
                        }
                    };
                    Ok(Key {
                        id,
                        alias,
                        owner,
                        usable: boolean(usable, "a key's usable flag")?,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let snapshots = items(sections[4], "snapshots")?
        .into_iter()
        .map(|item| {
            let [device, flags, key] = fields::<3>(item, "snapshot")?;
            let (encrypted, owner) = match flags {
                "es" => (true, SnapshotOwner::Me),
                "eh" => (true, SnapshotOwner::Shared),
                "us" => (false, SnapshotOwner::Me),
                "uh" => (false, SnapshotOwner::Shared),
                _ => {
                    return Err(LinkError::Malformed(format!(
                        "a snapshot's flags {flags:?} are unknown"
                    )))
                }
            };
            Ok(Snapshot {
                device: unescape(device)?,
                encrypted,
                kms_key: r.optional(key)?,
                owner,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let launch = items(sections[5], "launch mappings")?
        .into_iter()
        .map(|item| {
            let [device, encrypted, key] = fields::<3>(item, "launch mapping")?;
            Ok(LaunchMapping {
                device: unescape(device)?,
                encrypted: tristate(encrypted)?,
                kms_key_id: r.optional(key)?,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let [encrypted, key] = fields::<2>(sections[6], "copy parameters")?;
    let copy = CopyParameters {
        encrypted: tristate(encrypted)?,
        kms_key_id: r.optional(key)?,
    };
    Ok(Scenario {
        operation,
        account: Account {
            encryption_by_default,
            default_kms_key,
            keys,
        },
        snapshots,
        launch,
        copy,
    })
}

fn flag(value: Option<bool>) -> char {
    match value {
        None => 'n',
        Some(true) => 't',
        Some(false) => 'f',
    }
}

fn tristate(text: &str) -> Result<Option<bool>, LinkError> {
    match text {
        "n" => Ok(None),
        "t" => Ok(Some(true)),
        "f" => Ok(Some(false)),
        other => Err(LinkError::Malformed(format!(
            "{other:?} is not true, false or not set"
        ))),
    }
}

fn boolean(text: &str, what: &str) -> Result<bool, LinkError> {
    match text {
        "1" => Ok(true),
        "0" => Ok(false),
        other => Err(LinkError::Malformed(format!(
            "{what} is {other:?}, not 0 or 1"
        ))),
    }
}

fn items<'a>(section: &'a str, what: &'static str) -> Result<Vec<&'a str>, LinkError> {
    if section.is_empty() {
        return Ok(Vec::new());
    }
    let all: Vec<&str> = section.split(',').collect();
    if all.len() > MAX_ITEMS {
        return Err(LinkError::TooMany {
            what,
            count: all.len(),
        });
    }
    Ok(all)
}

fn fields<'a, const N: usize>(item: &'a str, what: &str) -> Result<[&'a str; N], LinkError> {
    let parts: Vec<&'a str> = item.split('*').collect();
    parts.try_into().map_err(|parts: Vec<&'a str>| {
        if parts.len() < N {
            LinkError::Truncated
        } else {
            LinkError::Malformed(format!("a {what} has {} fields, not {N}", parts.len()))
        }
    })
}

fn keeps(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b':' | b'.' | b'-')
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if keeps(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unescape(text: &str) -> Result<String, LinkError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3).ok_or(LinkError::Truncated)?;
                let byte = u8::from_str_radix(hex, 16)
                    .map_err(|_| LinkError::Malformed(format!("%{hex} is not an escape")))?;
                out.push(byte);
                i += 3;
            }
            b if keeps(b) => {
                out.push(b);
                i += 1;
            }
            b => {
                return Err(LinkError::Malformed(format!(
                    "it holds the character {:?}",
                    b as char
                )))
            }
        }
    }
    String::from_utf8(out).map_err(|_| LinkError::Malformed("an escaped text is not UTF-8".into()))
}

/// Texts longer than this are worth a back-reference.
const REPEAT_FROM: usize = 4;

/// Writes key-like texts, replacing repeats with `@n`.
#[derive(Default)]
struct Writer {
    seen: Vec<String>,
}

impl Writer {
    fn text(&mut self, text: &str) -> String {
        if text.len() >= REPEAT_FROM {
            if let Some(n) = self.seen.iter().position(|s| s == text) {
                return format!("@{n}");
            }
            self.seen.push(text.to_owned());
        }
        escape(text)
    }

    fn optional(&mut self, text: &Option<String>) -> String {
        match text.as_deref() {
            None => String::new(),
            Some("") => "'".to_owned(),
            Some(t) => self.text(t),
        }
    }
}

/// Reads what [`Writer`] wrote, keeping the same list of texts for `@n`.
#[derive(Default)]
struct Reader {
    seen: Vec<String>,
}

impl Reader {
    fn text(&mut self, text: &str) -> Result<String, LinkError> {
        if let Some(n) = text.strip_prefix('@') {
            let n: usize = n
                .parse()
                .map_err(|_| LinkError::Malformed(format!("@{n} is not a reference")))?;
            return self
                .seen
                .get(n)
                .cloned()
                .ok_or_else(|| LinkError::Malformed(format!("@{n} refers to nothing")));
        }
        let text = unescape(text)?;
        if text.len() >= REPEAT_FROM {
            self.seen.push(text.clone());
        }
        Ok(text)
    }

    fn optional(&mut self, text: &str) -> Result<Option<String>, LinkError> {
        match text {
            "" => Ok(None),
            "'" => Ok(Some(String::new())),
            t => self.text(t).map(Some),
        }
    }
}
