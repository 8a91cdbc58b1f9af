//! The scenario as one compact, URL-safe, versioned string: the value of a permalink's `s` key.
//!
//! ```text
//! 2~l0~alias/aws/ebs~1234abcd-…*alias/app*s*1**~/dev/xvda*es*@1*~/dev/xvda*t*alias/other**~n**~*eu-west-1*
//! │ ││ │             │                          │                 │                         │     └ you: account*Region*caller
//! │ ││ │             │                          │                 │                         └ copy: Encrypted*KmsKeyId*SourceRegion
//! │ ││ │             │                          │                 └ launch: device*Encrypted*KmsKeyId*VolumeSize*NoDevice
//! │ ││ │             │                          └ snapshots: device*flags*key*size
//! │ ││ │             └ keys: id*alias*owner*usable*Region*flags, or `-` when the scenario lists none
//! │ ││ └ default key
//! │ │└ encryption by default (0/1)
//! │ └ operation (l/c)
//! └ version
//! ```
//! Sections are split by `~`, items by `,`, fields by `*`. Text keeps `A–Z a–z 0–9 / _ : . -` and
//! percent-encodes the rest; `@n` repeats the n-th key-like text already written (ARNs repeat a
//! lot); an optional text is empty for "none" and `'` for "empty". An empty account, Region, size
//! or flag field means its default. Flags: a snapshot's `e`/`u` (encrypted or not), `s`/`h` (yours
//! or shared), `n` (not readable); a key's `m` (multi-Region), `a` (usable by Auto Scaling), `d`
//! (disabled), `p` (pending deletion), `x` (asymmetric); a mapping's `d` (NoDevice); the caller `a`
//! (Auto Scaling). Decoding never panics: every bad link is an error value that says what is wrong.
//!
//! Each scenario has exactly one link, and the decoder reads only that one: `decode(encode(s))` is
//! `s`, and `encode(decode(link))` is `link` for every link of the current version that decodes.
//! So it refuses what [`encode`] never writes: surrounding spaces (or any character outside the
//! alphabet above), a sign or leading zero in a number (`+1`, `0001`, `@+0`), an escape of a
//! character that needs none or in lowercase (`%41`, `%2f`), a text written again where `@n`
//! belongs, a default written out (a snapshot size of 8, the default account ID or Region), and
//! key flags out of the order `madpx`. Values quoted in its messages are cut to
//! [`QUOTE_CHARS`](crate::cut::QUOTE_CHARS) characters.
//!
//! Version 1 (no account, Regions, key states, sizes, NoDevice or caller) is still read: its
//! scenarios get every default, and its new empty volumes get 8 GiB, since version 1 could not say
//! a size and every volume it described was a valid one.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::cut::{cut, quote};
use crate::key::KeyOwner;
use crate::scenario::{
    Account, Caller, CopyParameters, Key, KeySpec, KeyState, LaunchMapping, Operation, Scenario,
    Snapshot, SnapshotOwner, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_SNAPSHOT_SIZE, FORMAT,
};

/// The version this code writes, and the newest it reads.
pub const VERSION: u32 = 2;
/// Links longer than this are refused before they are read (many servers stop at 8 KiB URLs).
pub const MAX_LEN: usize = 8 * 1024;
/// More snapshots, mappings or keys than this are refused (the file format's limit).
pub const MAX_ITEMS: usize = crate::scenario::MAX_ITEMS;

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
                let region = plain(k.region.as_deref());
                let flags = key_flags(k);
                [
                    id,
                    alias,
                    owner,
                    u8::from(k.usable).to_string(),
                    region,
                    flags,
                ]
                .join("*")
            })
            .collect::<Vec<_>>()
            .join(","),
    });
    sections.push(
        scenario
            .snapshots
            .iter()
            .map(|s| {
                let mut flags = String::from(if s.encrypted { 'e' } else { 'u' });
                flags.push(if s.owner == SnapshotOwner::Shared {
                    'h'
                } else {
                    's'
                });
                if !s.readable {
                    flags.push('n');
                }
                let size = if s.size == DEFAULT_SNAPSHOT_SIZE {
                    String::new()
                } else {
                    s.size.to_string()
                };
                [escape(&s.device), flags, w.optional(&s.kms_key), size].join("*")
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
                    m.volume_size.map(|n| n.to_string()).unwrap_or_default(),
                    if m.no_device { "d" } else { "" }.to_owned(),
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
            plain(scenario.copy.source_region.as_deref()),
        ]
        .join("*"),
    );
    let or_default = |text: &str, default: &str| plain(Some(text).filter(|t| *t != default));
    sections.push(
        [
            or_default(&account.id, DEFAULT_ACCOUNT_ID),
            or_default(&account.region, DEFAULT_REGION),
            match scenario.caller {
                Caller::You => String::new(),
                Caller::AutoScaling => "a".to_owned(),
            },
        ]
        .join("*"),
    );
    sections.join("~")
}

/// A key's flags, in the one order links write them.
fn key_flags(k: &Key) -> String {
    [
        (k.multi_region, 'm'),
        (k.auto_scaling, 'a'),
        (k.state == KeyState::Disabled, 'd'),
        (k.state == KeyState::PendingDeletion, 'p'),
        (k.spec == KeySpec::Asymmetric, 'x'),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, c)| *c)
    .collect()
}

/// Whether links ever hold this byte: the text alphabet, the separators, `@`, `%` and `'`.
fn written(b: u8) -> bool {
    keeps(b) || matches!(b, b'~' | b',' | b'*' | b'@' | b'%' | b'\'')
}

/// A whole number as links write it: digits, no sign, no leading zero.
fn whole_number<T: std::str::FromStr>(text: &str) -> Option<T> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = text.len() > 1 && text.starts_with('0');
    if digits && !leading_zero {
        text.parse().ok()
    } else {
        None
    }
}

/// How many sections and fields a version writes.
struct Layout {
    sections: usize,
    key: usize,
    snapshot: usize,
    mapping: usize,
    copy: usize,
}

fn layout(version: u32) -> Layout {
    match version {
        1 => Layout {
            sections: 7,
            key: 4,
            snapshot: 3,
            mapping: 3,
            copy: 2,
        },
        _ => Layout {
            sections: 8,
            key: 6,
            snapshot: 4,
            mapping: 5,
            copy: 3,
        },
    }
}

/// Reads a link value back into the scenario it was written from.
pub fn decode(link: &str) -> Result<Scenario, LinkError> {
    if link.is_empty() {
        return Err(LinkError::Empty);
    }
    if link.len() > MAX_LEN {
        return Err(LinkError::TooLong { len: link.len() });
    }
    let sections: Vec<&str> = link.split('~').collect();
    let version: u32 = whole_number(sections[0]).ok_or_else(|| {
        LinkError::Malformed(format!(
            "it starts with {}, not a format number",
            quote(sections[0])
        ))
    })?;
    if version > VERSION {
        return Err(LinkError::FutureVersion(version));
    }
    if version == 0 {
        return Err(LinkError::Malformed("format 0 does not exist".into()));
    }
    if let Some(c) = link.chars().find(|&c| !c.is_ascii() || !written(c as u8)) {
        return Err(LinkError::Malformed(format!(
            "it holds the character {c:?}, which links never hold"
        )));
    }
    let layout = layout(version);
    match sections.len() {
        n if n < layout.sections => return Err(LinkError::Truncated),
        n if n == layout.sections => {}
        n => {
            return Err(LinkError::Malformed(format!(
                "it has {n} parts, not {}",
                layout.sections
            )))
        }
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
                    let fields = fields(item, layout.key, "key")?;
                    let id = r.text(fields[0])?;
                    let alias = r.optional(fields[1])?;
                    let owner = match fields[2] {
                        "s" => KeyOwner::Me,
                        "a" => KeyOwner::AwsManaged,
                        other => {
                            let account = r.text(other)?;
                            if !crate::key::is_account_id(&account) {
                                return Err(LinkError::Malformed(format!(
                                    "a key's owner {} is not an account ID",
                                    quote(&account)
                                )));
                            }
                            KeyOwner::Account(account)
                        }
                    };
                    let mut key = Key {
                        id,
                        alias,
                        owner,
                        usable: boolean(fields[3], "a key's usable flag")?,
                        ..Key::default()
                    };
                    if version >= 2 {
                        key.region = optional_plain(fields[4])?;
                        let flags = fields[5];
                        for flag in letters(flags, "madpx", "a key's flags")? {
                            match flag {
                                'm' => key.multi_region = true,
                                'a' => key.auto_scaling = true,
                                'd' => key.state = KeyState::Disabled,
                                'p' => key.state = KeyState::PendingDeletion,
                                _ => key.spec = KeySpec::Asymmetric,
                            }
                        }
                        if key_flags(&key) != flags {
                            return Err(LinkError::Malformed(format!(
                                "a key's flags {} are not written as links write them (each once, in the order madpx, d or p but not both)",
                                quote(flags)
                            )));
                        }
                    }
                    Ok(key)
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let snapshots = items(sections[4], "snapshots")?
        .into_iter()
        .map(|item| {
            let fields = fields(item, layout.snapshot, "snapshot")?;
            let flags = fields[1];
            let (encrypted, owner) = match flags.get(..2).unwrap_or(flags) {
                "es" => (true, SnapshotOwner::Me),
                "eh" => (true, SnapshotOwner::Shared),
                "us" => (false, SnapshotOwner::Me),
                "uh" => (false, SnapshotOwner::Shared),
                _ => {
                    return Err(LinkError::Malformed(format!(
                        "a snapshot's flags {} are unknown",
                        quote(flags)
                    )))
                }
            };
            let readable = match (version, flags.get(2..)) {
                (1, Some("")) | (2.., Some("")) => true,
                (2.., Some("n")) => false,
                _ => {
                    return Err(LinkError::Malformed(format!(
                        "a snapshot's flags {} are unknown",
                        quote(flags)
                    )))
                }
            };
            Ok(Snapshot {
                device: unescape(fields[0])?,
                encrypted,
                kms_key: r.optional(fields[2])?,
                owner,
                size: match fields.get(3) {
                    Some(size) => match number(size, "a snapshot's size")? {
                        Some(DEFAULT_SNAPSHOT_SIZE) => {
                            return Err(LinkError::Malformed(format!(
                                "a snapshot's size {DEFAULT_SNAPSHOT_SIZE} is the default, which links leave empty"
                            )))
                        }
                        Some(size) => size,
                        None => DEFAULT_SNAPSHOT_SIZE,
                    },
                    None => DEFAULT_SNAPSHOT_SIZE,
                },
                readable,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let launch = items(sections[5], "launch mappings")?
        .into_iter()
        .map(|item| {
            let fields = fields(item, layout.mapping, "launch mapping")?;
            let device = unescape(fields[0])?;
            // Version 1 had no sizes; `Scenario::upgrade` gives its new volumes one.
            let volume_size = match fields.get(3) {
                Some(size) => number(size, "a mapping's volume size")?,
                None => None,
            };
            let no_device = match fields.get(4).copied() {
                None | Some("") => false,
                Some("d") => true,
                Some(other) => {
                    return Err(LinkError::Malformed(format!(
                        "a mapping's NoDevice flag {} is unknown",
                        quote(other)
                    )))
                }
            };
            Ok(LaunchMapping {
                device,
                encrypted: tristate(fields[1])?,
                kms_key_id: r.optional(fields[2])?,
                no_device,
                volume_size,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let copy_fields = fields(sections[6], layout.copy, "copy parameters")?;
    let copy = CopyParameters {
        encrypted: tristate(copy_fields[0])?,
        kms_key_id: r.optional(copy_fields[1])?,
        source_region: match copy_fields.get(2) {
            Some(region) => optional_plain(region)?,
            None => None,
        },
    };
    let mut account = Account {
        encryption_by_default,
        default_kms_key,
        keys,
        ..Account::default()
    };
    let mut caller = Caller::You;
    if let Some(identity) = sections.get(7) {
        let identity = fields(identity, 3, "identity")?;
        if let Some(id) = optional_plain(identity[0])? {
            if id == DEFAULT_ACCOUNT_ID {
                return Err(LinkError::Malformed(
                    "the account ID is the default, which links leave empty".into(),
                ));
            }
            account.id = id;
        }
        if let Some(region) = optional_plain(identity[1])? {
            if region == DEFAULT_REGION {
                return Err(LinkError::Malformed(
                    "the Region is the default, which links leave empty".into(),
                ));
            }
            account.region = region;
        }
        caller = match identity[2] {
            "" => Caller::You,
            "a" => Caller::AutoScaling,
            other => {
                return Err(LinkError::Malformed(format!(
                    "the caller {} is unknown",
                    quote(other)
                )))
            }
        };
    }
    let mut scenario = Scenario {
        format: if version == 1 { 1 } else { FORMAT },
        operation,
        caller,
        account,
        snapshots,
        launch,
        copy,
    };
    scenario.upgrade();
    Ok(scenario)
}

/// A text written without back-references: empty for "not given", `'` for an empty text.
fn plain(text: Option<&str>) -> String {
    match text {
        None => String::new(),
        Some("") => "'".to_owned(),
        Some(t) => escape(t),
    }
}

/// Reads what [`plain`] wrote.
fn optional_plain(text: &str) -> Result<Option<String>, LinkError> {
    match text {
        "" => Ok(None),
        "'" => Ok(Some(String::new())),
        t => unescape(t).map(Some),
    }
}

/// A whole number field that is empty for "not given".
fn number(text: &str, what: &str) -> Result<Option<u32>, LinkError> {
    if text.is_empty() {
        return Ok(None);
    }
    whole_number(text)
        .map(Some)
        .ok_or_else(|| LinkError::Malformed(format!("{what} {} is not a number", quote(text))))
}

/// Flag letters, each one of `allowed`.
fn letters(text: &str, allowed: &str, what: &str) -> Result<Vec<char>, LinkError> {
    text.chars()
        .map(|c| {
            if allowed.contains(c) {
                Ok(c)
            } else {
                Err(LinkError::Malformed(format!(
                    "{what} {} are unknown",
                    quote(text)
                )))
            }
        })
        .collect()
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
            "{} is not true, false or not set",
            quote(other)
        ))),
    }
}

fn boolean(text: &str, what: &str) -> Result<bool, LinkError> {
    match text {
        "1" => Ok(true),
        "0" => Ok(false),
        other => Err(LinkError::Malformed(format!(
            "{what} is {}, not 0 or 1",
            quote(other)
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

fn fields<'a>(item: &'a str, count: usize, what: &str) -> Result<Vec<&'a str>, LinkError> {
    let parts: Vec<&'a str> = item.split('*').collect();
    match parts.len() {
        n if n == count => Ok(parts),
        n if n < count => Err(LinkError::Truncated),
        n => Err(LinkError::Malformed(format!(
            "a {what} has {n} fields, not {count}"
        ))),
    }
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
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Reads what [`escape`] wrote, and only that: `%XX` with two uppercase hex digits, for a byte
/// that needs it.
fn unescape(text: &str) -> Result<String, LinkError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                // A text that ends inside an escape: the link was cut there.
                let hex = bytes.get(i + 1..i + 3).ok_or(LinkError::Truncated)?;
                let digit = |b: u8| match b {
                    b'0'..=b'9' => Some(b - b'0'),
                    b'A'..=b'F' => Some(b - b'A' + 10),
                    _ => None,
                };
                let (Some(high), Some(low)) = (digit(hex[0]), digit(hex[1])) else {
                    let shown = text[i..].chars().take(3).collect::<String>();
                    return Err(LinkError::Malformed(format!(
                        "{} is not an escape (% and two of 0-9 A-F)",
                        quote(&shown)
                    )));
                };
                let byte = high * 16 + low;
                if keeps(byte) {
                    return Err(LinkError::Malformed(format!(
                        "%{:02X} escapes {:?}, which links write as it is",
                        byte, byte as char
                    )));
                }
                out.push(byte);
                i += 3;
            }
            b if keeps(b) => {
                out.push(b);
                i += 1;
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or_default();
                return Err(LinkError::Malformed(format!(
                    "it holds the character {c:?}"
                )));
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
    /// Each text written so far, with its `n`.
    seen: HashMap<String, usize>,
}

impl Writer {
    fn text(&mut self, text: &str) -> String {
        if text.len() >= REPEAT_FROM {
            if let Some(n) = self.seen.get(text) {
                return format!("@{n}");
            }
            let n = self.seen.len();
            self.seen.insert(text.to_owned(), n);
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
    /// The same texts, to find a repeat written out in full.
    known: HashSet<String>,
}

impl Reader {
    fn text(&mut self, text: &str) -> Result<String, LinkError> {
        if let Some(n) = text.strip_prefix('@') {
            let n: usize = whole_number(n)
                .ok_or_else(|| LinkError::Malformed(format!("@{} is not a reference", cut(n))))?;
            return self
                .seen
                .get(n)
                .cloned()
                .ok_or_else(|| LinkError::Malformed(format!("@{n} refers to nothing")));
        }
        let text = unescape(text)?;
        if text.len() >= REPEAT_FROM {
            if !self.known.insert(text.clone()) {
                return Err(LinkError::Malformed(format!(
                    "{} is written twice; links write @n for a repeat",
                    quote(&text)
                )));
            }
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
