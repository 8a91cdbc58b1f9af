//! KMS keys: who owns them, and how the four identifier forms name them.
//!
//! A request may name a key by key ID, key ARN, alias name or alias ARN. KMS resolves a bare key ID
//! or alias name in the *caller's* account only; a key of another account must be named by an ARN.

use std::fmt;

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
#[derive(Clone, Copy, Debug)]
pub struct KeyRing<'a> {
    /// Your account ID.
    me: &'a str,
    /// The Region of the call, where keys without a Region live.
    call_region: &'a str,
    /// `None`: the scenario lists no keys, so every identifier is taken as a usable key.
    keys: Option<&'a [Key]>,
}

impl<'a> KeyRing<'a> {
    pub fn of(account: &'a Account) -> KeyRing<'a> {
        KeyRing {
            me: &account.id,
            call_region: &account.region,
            keys: account.keys.as_deref(),
        }
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
                let found = keys.iter().find(|key| {
                    self.home(key) == (account, arn_region) && names(key, form, name)
                });
                match found {
                    Some(key) => Ok(self.known(key)),
                    None if form == IdentifierForm::AliasArn && name == AWS_MANAGED_EBS_KEY => {
                        Ok(self.implicit_aws_managed(account, arn_region))
                    }
                    None => Err(Unresolved::NotFound),
                }
            }
            // A bare key ID or alias name: your account, this Region. Listed keys may use any
            // key ID text, so compare the text itself.
            _ => {
                let bare = |key: &&Key| {
                    key.id == identifier || key.alias.as_deref() == Some(identifier)
                };
                if let Some(key) = keys
                    .iter()
                    .filter(bare)
                    .find(|key| self.home(key) == (self.me, region))
                {
                    return Ok(self.known(key));
                }
                if identifier == AWS_MANAGED_EBS_KEY {
                    return Ok(self.implicit_aws_managed(self.me, region));
                }
                if keys.iter().filter(bare).any(|key| self.home(key).0 != self.me) {
                    return Err(Unresolved::OtherAccountNeedsArn);
                }
                // Your key of that name in another Region; the smallest Region name, so that
                // the answer does not depend on the list's order.
                match keys
                    .iter()
                    .filter(bare)
                    .map(|key| self.home(key).1)
                    .min()
                {
                    Some(elsewhere) => Err(Unresolved::OnlyInRegion(elsewhere.to_owned())),
                    None => Err(Unresolved::NotFound),
                }
            }
        }
    }

    /// Resolves the key a snapshot in `region` is described with: any form, any account (it
    /// describes, it does not request, so the caller's-account rule does not apply).
    pub fn describe_in(&self, identifier: &str, region: &str) -> Option<ResolvedKey> {
        if let Ok(key) = self.resolve_in(identifier, region) {
            return Some(key);
        }
        let keys = self.keys?;
        let mut candidates: Vec<&Key> = keys
            .iter()
            .filter(|key| key.id == identifier || key.alias.as_deref() == Some(identifier))
            .filter(|key| self.home(key).1 == region)
            .collect();
        // Order-independent: the candidate of the smallest account ID.
        candidates.sort_by(|a, b| self.home(a).cmp(&self.home(b)));
        candidates.first().map(|key| self.known(key))
    }

    /// Whether any listed key, of any account or Region, has this key ID or alias.
    pub fn is_listed_anywhere(&self, identifier: &str) -> bool {
        self.keys.is_some_and(|keys| {
            keys.iter()
                .any(|key| key.id == identifier || key.alias.as_deref() == Some(identifier))
        })
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

fn names(key: &Key, form: IdentifierForm, name: &str) -> bool {
    match form {
        IdentifierForm::KeyId | IdentifierForm::KeyArn => key.id == name,
        IdentifierForm::AliasName | IdentifierForm::AliasArn => key.alias.as_deref() == Some(name),
    }
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
}
