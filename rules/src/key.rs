//! KMS keys: who owns them, and how the four identifier forms name them.
//!
//! A request may name a key by key ID, key ARN, alias name or alias ARN. KMS resolves a bare key ID
//! or alias name in the *caller's* account only; a key of another account must be named by an ARN.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::scenario::{Account, Key, KeySpec, KeyState, AWS_MANAGED_EBS_KEY};

/// Which account owns a KMS key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeyOwner {
    /// A customer managed key in your account (`"self"`).
    #[default]
    Me,
    /// The AWS managed key of your account, such as `alias/aws/ebs` (`"aws-managed"`).
    AwsManaged,
    /// A key of another account, by its 12-digit account ID, shared with you (or not).
    Account(String),
}

impl KeyOwner {
    /// Whether KMS resolves bare key IDs and alias names to this key for the caller.
    pub fn is_in_your_account(&self) -> bool {
        !matches!(self, KeyOwner::Account(_))
    }
}

/// How a request or a snapshot names `key`: an ARN for another account's key or a key of another
/// Region (a bare name means your account in the call's Region), else its alias, else its key ID.
pub fn identifier(account: &Account, key: &Key) -> String {
    let region = key.region_or(&account.region);
    let owner = match &key.owner {
        KeyOwner::Account(other) => Some(other.as_str()),
        _ if region != account.region => Some(account.id.as_str()),
        _ => None,
    };
    match (owner, &key.alias) {
        (Some(owner), Some(alias)) => format!("arn:aws:kms:{region}:{owner}:{alias}"),
        (Some(owner), None) => format!("arn:aws:kms:{region}:{owner}:key/{}", key.id),
        (None, Some(alias)) => alias.clone(),
        (None, None) => key.id.clone(),
    }
}

/// Whether `text` is a 12-digit AWS account ID.
pub fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

impl Serialize for KeyOwner {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            KeyOwner::Me => "self",
            KeyOwner::AwsManaged => "aws-managed",
            KeyOwner::Account(id) => id,
        })
    }
}

impl<'de> Deserialize<'de> for KeyOwner {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OwnerVisitor;
        impl Visitor<'_> for OwnerVisitor {
            type Value = KeyOwner;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`self`, `aws-managed` or a 12-digit account ID")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyOwner, E> {
                match v {
                    "self" => Ok(KeyOwner::Me),
                    "aws-managed" => Ok(KeyOwner::AwsManaged),
                    id if is_account_id(id) => Ok(KeyOwner::Account(id.to_owned())),
                    other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
                }
            }
        }
        deserializer.deserialize_str(OwnerVisitor)
    }
}

/// The four forms a KMS key identifier can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentifierForm {
    KeyId,
    KeyArn,
    AliasName,
    AliasArn,
}

/// A key identifier taken apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identifier<'a> {
    pub form: IdentifierForm,
    /// The account in an ARN.
    pub account: Option<&'a str>,
    /// The Region in an ARN.
    pub region: Option<&'a str>,
    /// The key ID, or the alias name with its `alias/` prefix.
    pub name: &'a str,
}

impl<'a> Identifier<'a> {
    /// Takes apart a key identifier; `None` when it is none of the four forms.
    pub fn parse(text: &'a str) -> Option<Identifier<'a>> {
        if let Some(rest) = text.strip_prefix("arn:") {
            // arn:PARTITION:kms:REGION:ACCOUNT:RESOURCE
            let mut parts = rest.splitn(5, ':');
            let (partition, service, region, account, resource) = (
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
            );
            let ok = partition.starts_with("aws")
                && service == "kms"
                && is_region(region)
                && is_account_id(account);
            if !ok {
                return None;
            }
            if let Some(id) = resource.strip_prefix("key/") {
                return is_key_id(id).then_some(Identifier {
                    form: IdentifierForm::KeyArn,
                    account: Some(account),
                    region: Some(region),
                    name: id,
                });
            }
            return is_alias_name(resource).then_some(Identifier {
                form: IdentifierForm::AliasArn,
                account: Some(account),
                region: Some(region),
                name: resource,
            });
        }
        if is_alias_name(text) {
            return Some(Identifier {
                form: IdentifierForm::AliasName,
                account: None,
                region: None,
                name: text,
            });
        }
        is_key_id(text).then_some(Identifier {
            form: IdentifierForm::KeyId,
            account: None,
            region: None,
            name: text,
        })
    }
}

/// Whether `text` is shaped like an AWS Region code: `us-east-1`, `eu-central-2`,
/// `us-gov-west-1`, `ap-southeast-4`: lowercase words joined by `-`, ending in a number.
pub fn is_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let Some((number, words)) = parts.split_last() else {
        return false;
    };
    words.len() >= 2
        && words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        && !number.is_empty()
        && number.len() <= 2
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// A key ID: a UUID, or a multi-Region key ID `mrk-` followed by 32 hex digits.
pub fn is_key_id(text: &str) -> bool {
    let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(rest) = text.strip_prefix("mrk-") {
        return rest.len() == 32 && hex(rest);
    }
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| hex(g))
}

/// An alias name: `alias/` followed by letters, digits, `/`, `_` or `-`.
pub fn is_alias_name(text: &str) -> bool {
    text.strip_prefix("alias/").is_some_and(|name| {
        !name.is_empty()
            && name.len() <= 250
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-'))
    })
}

/// A key as the rules see it once an identifier has been resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedKey {
    /// How the outcome names the key: the key ID of a known key, `alias/aws/ebs` for an AWS managed
    /// key known only by its alias, else the identifier as written.
    pub name: String,
    /// The key's full ARN: the key ARN, or the alias ARN of an AWS managed key known only by its
    /// alias. Two keys are the same key exactly when their ARNs are equal.
    pub arn: String,
    /// The account the key lives in.
    pub account: String,
    /// The Region the key lives in.
    pub region: String,
    /// Your account's key (customer managed or AWS managed), not another account's.
    pub yours: bool,
    /// An AWS managed key (of your account, or of another).
    pub aws_managed: bool,
    /// Whether the key policy and grants let you use it.
    pub usable: bool,
    /// Whether the Amazon EC2 Auto Scaling service-linked role may use it.
    pub auto_scaling: bool,
    pub state: KeyState,
    pub spec: KeySpec,
    pub multi_region: bool,
}

/// Why an identifier names no key you can see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// Nothing by that name.
    NotFound,
    /// It names another account's key by key ID or alias name; KMS needs its ARN.
    OtherAccountNeedsArn,
    /// A key ID or alias name means a key of the call's Region; your key of that name is in this
    /// other Region.
    OnlyInRegion(String),
}

/// The keys of an account, answering "which key does this identifier name?" as KMS does: a bare
/// key ID or alias name means your account in the Region asked about; an ARN means the account
/// and Region it names. The answer never depends on the order of the list.
///
/// [`KeyRing::of`] indexes the keys once, so that each question takes about the same time however
/// many keys the account lists.
#[derive(Clone, Debug)]
pub struct KeyRing<'a> {
    /// Your account ID.
    me: &'a str,
    /// The Region of the call, where keys without a Region live.
    call_region: &'a str,
    /// `None`: the scenario lists no keys, so every identifier is taken as a usable key.
    keys: Option<&'a [Key]>,
    index: Index<'a>,
}

/// Where each listed key is found. Positions are into the key list; where several keys qualify,
/// each entry keeps the one the rules pick (see [`KeyRing::resolve_in`] and
/// [`KeyRing::describe_in`]).
#[derive(Clone, Debug, Default)]
struct Index<'a> {
    /// (account, Region, key ID) → the first key listed.
    by_id: Map<(&'a str, &'a str, &'a str), usize>,
    /// (account, Region, alias name) → the first key listed.
    by_alias: Map<(&'a str, &'a str, &'a str), usize>,
    /// (Region, key ID or alias) → the first key of your account listed.
    yours: Map<(&'a str, &'a str), usize>,
    /// (Region, key ID or alias) → the key of the smallest account ID (the first listed of it).
    smallest_account: Map<(&'a str, &'a str), usize>,
    /// Key ID or alias → what every key of that name has in common.
    names: Map<&'a str, Named<'a>>,
}

/// The index's maps. Their keys come from the scenario, which the input limits keep small, so a
/// fast hash is enough (no protection against chosen collisions is needed).
type Map<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// FxHash (as in rustc): a multiply and a rotate per word.
#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let (words, rest) = bytes.as_chunks::<8>();
        for word in words {
            self.add(u64::from_le_bytes(*word));
        }
        for &b in rest {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// What all the keys that have one key ID or alias have in common.
#[derive(Clone, Copy, Debug)]
struct Named<'a> {
    /// One of them is another account's.
    other_account: bool,
    /// The smallest of their Regions.
    smallest_region: &'a str,
}

impl<'a> KeyRing<'a> {
    pub fn of(account: &'a Account) -> KeyRing<'a> {
        let mut ring = KeyRing {
            me: &account.id,
            call_region: &account.region,
            keys: account.keys.as_deref(),
            index: Index::default(),
        };
        ring.index = ring.build_index();
        ring
    }

    fn build_index(&self) -> Index<'a> {
        let mut index = Index::default();
        let Some(keys) = self.keys else {
            return index;
        };
        index.by_id.reserve(keys.len());
        index.by_alias.reserve(keys.len());
        index.yours.reserve(keys.len());
        index.smallest_account.reserve(keys.len());
        index.names.reserve(keys.len());
        for (i, key) in keys.iter().enumerate() {
            let (account, region) = self.home(key);
            index.by_id.entry((account, region, &key.id)).or_insert(i);
            if let Some(alias) = &key.alias {
                index.by_alias.entry((account, region, alias)).or_insert(i);
            }
            let alias = key.alias.as_deref().filter(|alias| *alias != key.id);
            for name in std::iter::once(key.id.as_str()).chain(alias) {
                if account == self.me {
                    index.yours.entry((region, name)).or_insert(i);
                }
                index
                    .smallest_account
                    .entry((region, name))
                    .and_modify(|best| {
                        if account < self.home(&keys[*best]).0 {
                            *best = i;
                        }
                    })
                    .or_insert(i);
                let named = index.names.entry(name).or_insert(Named {
                    other_account: false,
                    smallest_region: region,
                });
                named.other_account |= account != self.me;
                named.smallest_region = named.smallest_region.min(region);
            }
        }
        index
    }

    /// The account and Region a listed key lives in.
    fn home(&self, key: &'a Key) -> (&'a str, &'a str) {
        let account = match &key.owner {
            KeyOwner::Account(id) => id.as_str(),
            KeyOwner::Me | KeyOwner::AwsManaged => self.me,
        };
        (account, key.region_or(self.call_region))
    }

    /// Resolves an identifier as KMS does for a request from your account in the call's Region.
    pub fn resolve(&self, identifier: &str) -> Result<ResolvedKey, Unresolved> {
        self.resolve_in(identifier, self.call_region)
    }

    /// Resolves an identifier as KMS does for a request from your account in `region`.
    ///
    /// An ARN names the first listed key of its account and Region with that key ID or alias. A
    /// bare key ID or alias name names the first listed key of yours in `region` with that key ID
    /// or alias; else `alias/aws/ebs` is the AWS managed key; else a key of that name in another
    /// account needs an ARN; else your key of that name is in another Region (the smallest Region
    /// name, so that the answer does not depend on the list's order).
    pub fn resolve_in(&self, identifier: &str, region: &str) -> Result<ResolvedKey, Unresolved> {
        let parsed = Identifier::parse(identifier);
        let Some(keys) = self.keys else {
            return Ok(self.assumed(identifier, parsed, region));
        };
        match parsed {
            Some(Identifier {
                account: Some(account),
                region: Some(arn_region),
                name,
                form,
            }) => {
                let at = (account, arn_region, name);
                let found = match form {
                    IdentifierForm::KeyId | IdentifierForm::KeyArn => self.index.by_id.get(&at),
                    IdentifierForm::AliasName | IdentifierForm::AliasArn => {
                        self.index.by_alias.get(&at)
                    }
                };
                match found {
                    Some(&i) => Ok(self.known(&keys[i])),
                    None if form == IdentifierForm::AliasArn && name == AWS_MANAGED_EBS_KEY => {
                        Ok(self.implicit_aws_managed(account, arn_region))
                    }
                    None => Err(Unresolved::NotFound),
                }
            }
            // A bare key ID or alias name: your account, this Region. Listed keys may use any
            // key ID text, so compare the text itself.
            _ => {
                if let Some(&i) = self.index.yours.get(&(region, identifier)) {
                    return Ok(self.known(&keys[i]));
                }
                if identifier == AWS_MANAGED_EBS_KEY {
                    return Ok(self.implicit_aws_managed(self.me, region));
                }
                match self.index.names.get(identifier) {
                    Some(named) if named.other_account => Err(Unresolved::OtherAccountNeedsArn),
                    Some(named) => Err(Unresolved::OnlyInRegion(named.smallest_region.to_owned())),
                    None => Err(Unresolved::NotFound),
                }
            }
        }
    }

    /// Resolves the key a snapshot in `region` is described with: any form, any account (it
    /// describes, it does not request, so the caller's-account rule does not apply). Among keys
    /// of other accounts with that key ID or alias, the one of the smallest account ID, so that
    /// the answer does not depend on the list's order.
    pub fn describe_in(&self, identifier: &str, region: &str) -> Option<ResolvedKey> {
        if let Ok(key) = self.resolve_in(identifier, region) {
            return Some(key);
        }
        let keys = self.keys?;
        let &i = self.index.smallest_account.get(&(region, identifier))?;
        Some(self.known(&keys[i]))
    }

    /// Whether any listed key, of any account or Region, has this key ID or alias.
    pub fn is_listed_anywhere(&self, identifier: &str) -> bool {
        self.index.names.contains_key(identifier)
    }

    /// [`KeyRing::describe_in`] the call's Region.
    pub fn describe(&self, identifier: &str) -> Option<ResolvedKey> {
        self.describe_in(identifier, self.call_region)
    }

    fn known(&self, key: &Key) -> ResolvedKey {
        let (account, region) = self.home(key);
        let aws_managed = key.owner == KeyOwner::AwsManaged;
        ResolvedKey {
            name: key.id.clone(),
            arn: format!("arn:aws:kms:{region}:{account}:key/{}", key.id),
            account: account.to_owned(),
            region: region.to_owned(),
            yours: account == self.me,
            aws_managed,
            usable: key.usable,
            auto_scaling: key.auto_scaling || (aws_managed && account == self.me),
            state: key.state,
            spec: key.spec,
            multi_region: key.multi_region,
        }
    }

    /// `alias/aws/ebs` of an account and Region: it exists without being listed. Only its own
    /// account may use it (its key policy allows the caller's account only, through EBS).
    fn implicit_aws_managed(&self, account: &str, region: &str) -> ResolvedKey {
        let yours = account == self.me;
        ResolvedKey {
            name: AWS_MANAGED_EBS_KEY.to_owned(),
            arn: format!("arn:aws:kms:{region}:{account}:{AWS_MANAGED_EBS_KEY}"),
            account: account.to_owned(),
            region: region.to_owned(),
            yours,
            aws_managed: true,
            usable: yours,
            auto_scaling: yours,
            state: KeyState::Enabled,
            spec: KeySpec::Symmetric,
            multi_region: false,
        }
    }

    /// With no key list, every identifier is a usable, enabled, symmetric key where it says.
    fn assumed(&self, identifier: &str, parsed: Option<Identifier>, region: &str) -> ResolvedKey {
        let (account, region) = match parsed {
            Some(Identifier {
                account: Some(a),
                region: Some(r),
                ..
            }) => (a, r),
            _ => (self.me, region),
        };
        if parsed.is_some_and(|p| p.name == AWS_MANAGED_EBS_KEY) {
            return self.implicit_aws_managed(account, region);
        }
        let yours = account == self.me;
        ResolvedKey {
            name: identifier.to_owned(),
            arn: arn_of(identifier, self.me, region).unwrap_or_else(|| identifier.to_owned()),
            account: account.to_owned(),
            region: region.to_owned(),
            yours,
            aws_managed: false,
            usable: true,
            auto_scaling: false,
            state: KeyState::Enabled,
            spec: KeySpec::Symmetric,
            multi_region: parsed.is_some_and(|p| p.name.starts_with("mrk-")),
        }
    }
}

/// The full ARN an identifier stands for when a request from `account` in `region` uses it; `None`
/// when it is no identifier at all.
pub fn arn_of(identifier: &str, account: &str, region: &str) -> Option<String> {
    let parsed = Identifier::parse(identifier)?;
    Some(match parsed.form {
        IdentifierForm::KeyArn | IdentifierForm::AliasArn => identifier.to_owned(),
        IdentifierForm::KeyId => format!("arn:aws:kms:{region}:{account}:key/{identifier}"),
        IdentifierForm::AliasName => format!("arn:aws:kms:{region}:{account}:{identifier}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_four_forms() {
        let id = "1234abcd-12ab-34cd-56ef-1234567890ab";
        assert_eq!(Identifier::parse(id).unwrap().form, IdentifierForm::KeyId);
        let arn = format!("arn:aws:kms:us-east-1:111122223333:key/{id}");
        let parsed = Identifier::parse(&arn).unwrap();
        assert_eq!(
            (parsed.form, parsed.account, parsed.name),
            (IdentifierForm::KeyArn, Some("111122223333"), id)
        );
        assert_eq!(
            Identifier::parse("alias/app").unwrap().form,
            IdentifierForm::AliasName
        );
        let alias_arn = Identifier::parse("arn:aws:kms:eu-west-1:111122223333:alias/app").unwrap();
        assert_eq!(
            (alias_arn.form, alias_arn.name),
            (IdentifierForm::AliasArn, "alias/app")
        );
        assert!(is_key_id("mrk-1234abcd12ab34cd56ef1234567890ab"));
    }

    #[test]
    fn rejects_what_is_no_identifier() {
        for text in [
            "",
            "app",
            "alias/",
            "alias/a b",
            "arn:aws:kms:us-east-1:1111:key/x",
            "arn:aws:s3:::bucket",
            "arn:aws:kms:us-east-1:111122223333:key/not-a-uuid",
            "1234abcd-12ab-34cd-56ef-1234567890a",
        ] {
            assert_eq!(Identifier::parse(text), None, "{text:?}");
        }
    }

    /// The list scans the index replaced, kept here as the reference the index must agree with.
    mod scan {
        use super::super::*;

        fn home<'a>(me: &'a str, call: &'a str, key: &'a Key) -> (&'a str, &'a str) {
            let account = match &key.owner {
                KeyOwner::Account(id) => id.as_str(),
                _ => me,
            };
            (account, key.region_or(call))
        }

        fn names(key: &Key, form: IdentifierForm, name: &str) -> bool {
            match form {
                IdentifierForm::KeyId | IdentifierForm::KeyArn => key.id == name,
                _ => key.alias.as_deref() == Some(name),
            }
        }

        /// The key a lookup finds, by position, or why none.
        pub fn resolve_in(
            account: &Account,
            identifier: &str,
            region: &str,
        ) -> Result<Option<usize>, Unresolved> {
            let (me, call) = (account.id.as_str(), account.region.as_str());
            let keys = account.keys.as_deref().unwrap();
            match Identifier::parse(identifier) {
                Some(Identifier {
                    account: Some(a),
                    region: Some(r),
                    name,
                    form,
                }) => {
                    let found = keys
                        .iter()
                        .position(|k| home(me, call, k) == (a, r) && names(k, form, name));
                    match found {
                        Some(i) => Ok(Some(i)),
                        None if form == IdentifierForm::AliasArn && name == AWS_MANAGED_EBS_KEY => {
                            Ok(None)
                        }
                        None => Err(Unresolved::NotFound),
                    }
                }
                _ => {
                    let bare =
                        |k: &Key| k.id == identifier || k.alias.as_deref() == Some(identifier);
                    if let Some(i) = keys
                        .iter()
                        .position(|k| bare(k) && home(me, call, k) == (me, region))
                    {
                        return Ok(Some(i));
                    }
                    if identifier == AWS_MANAGED_EBS_KEY {
                        return Ok(None);
                    }
                    if keys.iter().any(|k| bare(k) && home(me, call, k).0 != me) {
                        return Err(Unresolved::OtherAccountNeedsArn);
                    }
                    match keys
                        .iter()
                        .filter(|k| bare(k))
                        .map(|k| home(me, call, k).1)
                        .min()
                    {
                        Some(r) => Err(Unresolved::OnlyInRegion(r.to_owned())),
                        None => Err(Unresolved::NotFound),
                    }
                }
            }
        }

        pub fn describe_fallback(
            account: &Account,
            identifier: &str,
            region: &str,
        ) -> Option<usize> {
            let (me, call) = (account.id.as_str(), account.region.as_str());
            let keys = account.keys.as_deref().unwrap();
            let mut candidates: Vec<usize> = (0..keys.len())
                .filter(|&i| {
                    keys[i].id == identifier || keys[i].alias.as_deref() == Some(identifier)
                })
                .filter(|&i| home(me, call, &keys[i]).1 == region)
                .collect();
            candidates.sort_by(|&a, &b| home(me, call, &keys[a]).cmp(&home(me, call, &keys[b])));
            candidates.first().copied()
        }
    }

    /// The index answers every question exactly as scanning the list did, duplicates included.
    #[test]
    fn the_index_agrees_with_scanning_the_list() {
        let mut state = 0x2545f4914f6cdd1d_u64;
        let mut below = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let ids = [
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "mrk-1234abcd12ab34cd56ef1234567890ab",
            "alias/app",
            "k",
            "",
        ];
        let aliases = ["alias/app", "alias/aws/ebs", "alias/b", "k"];
        let accounts = ["123456789012", "111122223333", "444455556666"];
        let regions = ["us-east-1", "eu-west-1", "ap-south-1"];
        for _ in 0..3000 {
            let keys: Vec<Key> = (0..below(7))
                .map(|_| Key {
                    id: ids[below(ids.len())].to_owned(),
                    alias: (below(3) > 0).then(|| aliases[below(aliases.len())].to_owned()),
                    owner: match below(4) {
                        0 => KeyOwner::Me,
                        1 => KeyOwner::AwsManaged,
                        _ => KeyOwner::Account(accounts[below(accounts.len())].to_owned()),
                    },
                    region: (below(2) == 0).then(|| regions[below(regions.len())].to_owned()),
                    usable: below(2) == 0,
                    ..Key::default()
                })
                .collect();
            let account = Account {
                id: accounts[below(2)].to_owned(),
                region: regions[below(2)].to_owned(),
                keys: Some(keys),
                ..Account::default()
            };
            let ring = KeyRing::of(&account);
            let listed = account.keys.as_deref().unwrap();
            for _ in 0..10 {
                let region = regions[below(regions.len())];
                let name = if below(2) == 0 {
                    ids[below(ids.len())]
                } else {
                    aliases[below(aliases.len())]
                };
                let identifier = match below(3) {
                    0 => name.to_owned(),
                    _ if name.starts_with("alias/") || is_key_id(name) => format!(
                        "arn:aws:kms:{}:{}:{}{name}",
                        regions[below(regions.len())],
                        accounts[below(accounts.len())],
                        if name.starts_with("alias/") {
                            ""
                        } else {
                            "key/"
                        }
                    ),
                    _ => name.to_owned(),
                };
                let expected = scan::resolve_in(&account, &identifier, region);
                let got = ring.resolve_in(&identifier, region);
                match (&expected, &got) {
                    (Ok(Some(i)), Ok(key)) => {
                        assert_eq!(*key, ring.known(&listed[*i]), "{identifier}")
                    }
                    (Ok(None), Ok(key)) => assert_eq!(key.name, AWS_MANAGED_EBS_KEY),
                    (Err(e), Err(g)) => assert_eq!(e, g, "{identifier} in {region}"),
                    _ => panic!("{identifier} in {region}: {expected:?} against {got:?}"),
                }
                if expected.is_err() {
                    let fallback = scan::describe_fallback(&account, &identifier, region);
                    assert_eq!(
                        ring.describe_in(&identifier, region),
                        fallback.map(|i| ring.known(&listed[i])),
                        "{identifier} in {region}"
                    );
                }
                assert_eq!(
                    ring.is_listed_anywhere(&identifier),
                    listed
                        .iter()
                        .any(|k| k.id == identifier
                            || k.alias.as_deref() == Some(identifier.as_str()))
                );
            }
        }
    }
}
