//! KMS keys: who owns them, and how the four identifier forms name them.
//!
//! A request may name a key by key ID, key ARN, alias name or alias ARN. KMS resolves a bare key ID
//! or alias name in the *caller's* account only; a key of another account must be named by an ARN.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::scenario::{Account, Key, AWS_MANAGED_EBS_KEY};

/// Which account owns a KMS key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyOwner {
    /// A customer managed key in your account (`"self"`).
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
                    name: id,
                });
            }
            return is_alias_name(resource).then_some(Identifier {
                form: IdentifierForm::AliasArn,
                account: Some(account),
                name: resource,
            });
        }
        if is_alias_name(text) {
            return Some(Identifier {
                form: IdentifierForm::AliasName,
                account: None,
                name: text,
            });
        }
        is_key_id(text).then_some(Identifier {
            form: IdentifierForm::KeyId,
            account: None,
            name: text,
        })
    }
}

fn is_region(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
    /// How the outcome names the key: the key ID of a known key, else the identifier as written.
    pub name: String,
    pub owner: KeyOwner,
    pub usable: bool,
}

/// Why an identifier names no key you can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// Nothing by that name.
    NotFound,
    /// It names another account's key by key ID or alias name; KMS needs its ARN.
    OtherAccountNeedsArn,
}

/// The keys of an account, answering "which key does this identifier name?".
#[derive(Clone, Copy, Debug)]
pub struct KeyRing<'a> {
    /// `None`: the scenario lists no keys, so every identifier is taken as a usable key.
    keys: Option<&'a [Key]>,
}

impl<'a> KeyRing<'a> {
    pub fn of(account: &'a Account) -> KeyRing<'a> {
        KeyRing {
            keys: account.keys.as_deref(),
        }
    }

    /// Resolves an identifier as KMS does for a request from your account.
    pub fn resolve(&self, identifier: &str) -> Result<ResolvedKey, Unresolved> {
        let Some(keys) = self.keys else {
            return Ok(assumed(identifier));
        };
        let parsed = Identifier::parse(identifier);
        let found = keys.iter().find(|key| match parsed {
            Some(Identifier {
                account: Some(account),
                name,
                form,
            }) => names(key, form, name) && owner_matches(&key.owner, account),
            // A bare key ID or alias name: your account only. Known keys may use any key ID text.
            _ => {
                key.owner.is_in_your_account()
                    && (key.id == identifier || key.alias.as_deref() == Some(identifier))
            }
        });
        if let Some(key) = found {
            return Ok(known(key));
        }
        if identifier == AWS_MANAGED_EBS_KEY
            || matches!(parsed, Some(p) if p.form == IdentifierForm::AliasArn && p.name == AWS_MANAGED_EBS_KEY)
        {
            return Ok(implicit_aws_managed());
        }
        let foreign = keys.iter().any(|key| {
            !key.owner.is_in_your_account()
                && (key.id == identifier || key.alias.as_deref() == Some(identifier))
        });
        Err(if foreign {
            Unresolved::OtherAccountNeedsArn
        } else {
            Unresolved::NotFound
        })
    }

    /// Resolves the key a snapshot is described with: any form, any account (it describes, it does
    /// not request, so the caller's-account rule does not apply).
    pub fn describe(&self, identifier: &str) -> Option<ResolvedKey> {
        if let Ok(key) = self.resolve(identifier) {
            return Some(key);
        }
        let keys = self.keys?;
        keys.iter()
            .find(|key| key.id == identifier || key.alias.as_deref() == Some(identifier))
            .map(known)
    }
}

fn names(key: &Key, form: IdentifierForm, name: &str) -> bool {
    match form {
        IdentifierForm::KeyId | IdentifierForm::KeyArn => key.id == name,
        IdentifierForm::AliasName | IdentifierForm::AliasArn => key.alias.as_deref() == Some(name),
    }
}

/// The scenario does not model your own account ID, so an ARN's account is checked only for keys
/// that belong to another account.
fn owner_matches(owner: &KeyOwner, account: &str) -> bool {
    match owner {
        KeyOwner::Account(id) => id == account,
        KeyOwner::Me | KeyOwner::AwsManaged => true,
    }
}

fn known(key: &Key) -> ResolvedKey {
    ResolvedKey {
        name: key.id.clone(),
        owner: key.owner.clone(),
        usable: key.usable,
    }
}

fn implicit_aws_managed() -> ResolvedKey {
    ResolvedKey {
        name: AWS_MANAGED_EBS_KEY.to_owned(),
        owner: KeyOwner::AwsManaged,
        usable: true,
    }
}

fn assumed(identifier: &str) -> ResolvedKey {
    let owner = if identifier == AWS_MANAGED_EBS_KEY {
        KeyOwner::AwsManaged
    } else {
        KeyOwner::Me
    };
    ResolvedKey {
        name: identifier.to_owned(),
        owner,
        usable: true,
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
