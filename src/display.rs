//! How keys appear on the page: a short label and a colour per key, the same in the picture, the
//! legend and the table. Pure functions of the scenario, tested natively.

use ami_encryption_rules::{Key, KeyOwner, KeyRing, Scenario, AWS_MANAGED_EBS_KEY};

use crate::edit::{key_identifier, keys};

/// Colours for keys, distinct in light and dark themes; the AWS managed key keeps the first.
/// Colour is never the only cue: every chip also carries the key's label.
pub const PALETTE: [&str; 8] = [
    "#d45b07", "#0972d3", "#037f0c", "#8456ce", "#c33d69", "#067f68", "#8d6605", "#5f6b7a",
];

/// A key as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyBadge {
    /// Short text: the alias without `alias/`, or the start of the key ID, or the identifier.
    pub label: String,
    /// The full name: alias, or key ID, or the identifier as written.
    pub full: String,
    pub colour: &'static str,
    /// False for an identifier that names no key the account knows.
    pub known: bool,
    pub owner: Option<KeyOwner>,
    /// Whether you may use it; `true` for keys the account does not list.
    pub usable: bool,
}

/// The colour of keys the account does not know.
pub const UNKNOWN_COLOUR: &str = "#7d8998";

impl KeyBadge {
    /// The CSS class that sets `--key` to this key's colour. A class, not an inline style: the page
    /// runs under a Content-Security-Policy that allows no inline styles.
    pub fn colour_class(&self) -> String {
        PALETTE
            .iter()
            .position(|c| *c == self.colour)
            .map_or_else(|| "key-grey".to_owned(), |i| format!("key-c{i}"))
    }
}

/// The badge for a key named by `name`: a key ID from the outcome, or any identifier.
pub fn badge(scenario: &Scenario, name: &str) -> KeyBadge {
    let list = keys(scenario);
    let found = position(scenario, name);
    match found {
        Some(i) => {
            let key = &list[i];
            KeyBadge {
                label: short(key.alias.as_deref().unwrap_or(&key.id)),
                full: key.alias.clone().unwrap_or_else(|| key.id.clone()),
                colour: colour_of(key, i),
                known: true,
                owner: Some(key.owner.clone()),
                usable: key.usable,
            }
        }
        None if is_aws_managed(name) => KeyBadge {
            label: "aws/ebs".into(),
            full: AWS_MANAGED_EBS_KEY.into(),
            colour: PALETTE[0],
            known: true,
            owner: Some(KeyOwner::AwsManaged),
            usable: true,
        },
        None => KeyBadge {
            label: short(name),
            full: name.to_owned(),
            colour: UNKNOWN_COLOUR,
            known: scenario.account.keys.is_none(),
            owner: None,
            usable: true,
        },
    }
}

fn is_aws_managed(name: &str) -> bool {
    name == AWS_MANAGED_EBS_KEY || name.ends_with(":alias/aws/ebs")
}

fn colour_of(key: &Key, index: usize) -> &'static str {
    if key.owner == KeyOwner::AwsManaged {
        PALETTE[0]
    } else {
        PALETTE[1 + index % (PALETTE.len() - 1)]
    }
}

/// Which listed key `name` means: by key ID, alias or either ARN, in any account.
fn position(scenario: &Scenario, name: &str) -> Option<usize> {
    let list = keys(scenario);
    let ring = KeyRing::of(&scenario.account);
    let by_name = |n: &str| {
        list.iter().position(|k| {
            k.id == n || k.alias.as_deref() == Some(n) || key_identifier(&scenario.account, k) == n
        })
    };
    by_name(name).or_else(|| ring.describe(name).and_then(|k| by_name(&k.name)))
}

/// `alias/app` → `app`; a key ID → its first 8 characters; anything long is cut with an ellipsis.
pub fn short(name: &str) -> String {
    let name = name.rsplit_once(":alias/").map_or(name, |(_, a)| a);
    let name = name.rsplit_once(":key/").map_or(name, |(_, k)| k);
    let name = name.strip_prefix("alias/").unwrap_or(name);
    if ami_encryption_rules::key::is_key_id(name) {
        return name.chars().take(8).collect::<String>() + "…";
    }
    if name.chars().count() > 18 {
        return name.chars().take(17).collect::<String>() + "…";
    }
    name.to_owned()
}

/// The keys to list in the legend: those the picture uses, in the order of the key list.
pub fn legend(scenario: &Scenario, used: &[String]) -> Vec<KeyBadge> {
    let mut badges: Vec<KeyBadge> = Vec::new();
    for name in used {
        let badge = badge(scenario, name);
        if !badges.iter().any(|b| b.full == badge.full) {
            badges.push(badge);
        }
    }
    badges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;

    #[test]
    fn every_form_of_a_key_gets_one_badge() {
        let scenario = edit::starter();
        let partner = &keys(&scenario)[1];
        let forms = [
            partner.id.clone(),
            key_identifier(&scenario.account, partner),
            "alias/partner".into(),
        ];
        let badges: Vec<_> = forms.iter().map(|f| badge(&scenario, f)).collect();
        assert!(badges.iter().all(|b| b == &badges[0]), "{badges:?}");
        assert_eq!(badges[0].label, "partner");
    }

    #[test]
    fn aws_managed_and_unknown_keys() {
        let scenario = edit::starter();
        assert_eq!(badge(&scenario, "alias/aws/ebs").label, "aws/ebs");
        let unknown = badge(&scenario, "alias/typo");
        assert!(!unknown.known);
        assert_eq!(short("1234abcd-12ab-34cd-56ef-1234567890ab"), "1234abcd…");
        assert_eq!(short("arn:aws:kms:us-east-1:111122223333:alias/app"), "app");
    }

    #[test]
    fn distinct_keys_get_distinct_colours() {
        let mut scenario = edit::starter();
        for _ in 0..5 {
            edit::add_key(&mut scenario);
        }
        let colours: Vec<_> = keys(&scenario)
            .iter()
            .map(|k| badge(&scenario, &k.id).colour)
            .collect();
        for (i, c) in colours.iter().enumerate() {
            assert!(!colours[..i].contains(c), "{colours:?}");
            assert_ne!(*c, PALETTE[0]);
        }
    }
}
