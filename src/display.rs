//! How keys appear on the page: a short label and a colour per key, the same in the picture, the
//! legend and the table. Pure functions of the scenario, tested natively.

use ami_encryption_rules::{Account, Key, KeyOwner, KeyRing, Scenario, AWS_MANAGED_EBS_KEY};

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
                colour: colour_of(scenario, i),
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

/// Who a key is, for its colour: its owner (`self`, or the other account's ID), its alias or else
/// its key ID, and its Region when that is not the call's. The same key in two scenarios has the
/// same identity, wherever it stands in the key list.
fn identity(account: &Account, key: &Key) -> String {
    let owner = match &key.owner {
        KeyOwner::Me => "self",
        KeyOwner::AwsManaged => "aws",
        KeyOwner::Account(id) => id.as_str(),
    };
    let name = key.alias.as_deref().unwrap_or(&key.id);
    let region = key.region_or(&account.region);
    if region == account.region {
        format!("{owner} {name}")
    } else {
        format!("{owner} {name} {region}")
    }
}

/// Mixed into the hash. Chosen so that the examples' keys (`preset::ALL` and the starter: app,
/// team, partner, ebs-default, app of us-east-1, app-eu) land in six different slots, none in the
/// grey last one; the test `every_example_key_has_one_colour_everywhere` checks it.
const COLOUR_SALT: &[u8] = b"key-colour-348:";

/// The slot among `PALETTE[1..]` a key would like: FNV-1a of the salt and its identity.
fn preferred_slot(identity: &str) -> usize {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in COLOUR_SALT.iter().chain(identity.as_bytes()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % (PALETTE.len() as u64 - 1)) as usize
}

/// The colour of the listed key at `index`: the AWS managed key's is `PALETTE[0]`; any other key
/// takes its preferred slot, or the next free one if a key of this scenario before it (in the order
/// of identities, not of the list) took it. Once every slot is taken, keys share.
fn colour_of(scenario: &Scenario, index: usize) -> &'static str {
    let list = keys(scenario);
    let Some(key) = list.get(index) else {
        return UNKNOWN_COLOUR;
    };
    if key.owner == KeyOwner::AwsManaged {
        return PALETTE[0];
    }
    let mut identities: Vec<String> = list
        .iter()
        .filter(|k| k.owner != KeyOwner::AwsManaged)
        .map(|k| identity(&scenario.account, k))
        .collect();
    identities.sort_unstable();
    identities.dedup();
    let wanted = identity(&scenario.account, key);
    let slots = PALETTE.len() - 1;
    let mut taken = vec![false; slots];
    for id in &identities {
        let preferred = preferred_slot(id);
        let slot = (0..slots)
            .map(|step| (preferred + step) % slots)
            .find(|s| !taken[*s])
            .unwrap_or(preferred);
        if *id == wanted {
            return PALETTE[1 + slot];
        }
        taken[slot] = true;
    }
    UNKNOWN_COLOUR
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

    /// Every example's scenario, and the page's starter.
    fn examples() -> Vec<(&'static str, Scenario)> {
        ami_encryption_rules::preset::ALL
            .iter()
            .map(|p| (p.id, (p.build)()))
            .chain([("starter", edit::starter())])
            .collect()
    }

    /// Each listed key's identity and colour.
    fn colours(scenario: &Scenario) -> Vec<(String, &'static str)> {
        keys(scenario)
            .iter()
            .map(|k| {
                (
                    identity(&scenario.account, k),
                    badge(scenario, &k.id).colour,
                )
            })
            .collect()
    }

    #[test]
    fn every_example_key_has_one_colour_everywhere() {
        let mut seen: std::collections::BTreeMap<String, (&str, &str)> = Default::default();
        for (example, scenario) in examples() {
            for (identity, colour) in colours(&scenario) {
                let (first, before) = *seen.entry(identity.clone()).or_insert((example, colour));
                assert_eq!(
                    colour, before,
                    "{identity} is {colour} in {example} but {before} in {first}"
                );
            }
        }
        // The salt keeps the examples' keys apart, and off the grey last colour, without probing.
        let mut used: Vec<&str> = seen.values().map(|(_, c)| *c).collect();
        used.sort_unstable();
        used.dedup();
        assert_eq!(used.len(), seen.len(), "{seen:?}");
        assert!(!used.contains(&PALETTE[7]), "{seen:?}");
        for identity in seen.keys() {
            assert_eq!(
                seen[identity].1,
                PALETTE[1 + preferred_slot(identity)],
                "{identity}"
            );
        }
    }

    #[test]
    fn distinct_keys_get_distinct_colours_in_any_list_order() {
        let mut scenario = edit::starter();
        for _ in 0..5 {
            edit::add_key(&mut scenario);
        }
        assert_eq!(keys(&scenario).len(), PALETTE.len() - 1);
        let mut scenarios = examples();
        scenarios.push(("starter with 7 keys", scenario));
        for (example, scenario) in scenarios {
            let forward = colours(&scenario);
            for (i, (_, c)) in forward.iter().enumerate() {
                assert!(
                    !forward[..i].iter().any(|(_, d)| d == c),
                    "{example}: {forward:?}"
                );
                assert_ne!(*c, PALETTE[0], "{example}");
            }
            let mut reversed = scenario.clone();
            if let Some(list) = reversed.account.keys.as_mut() {
                list.reverse();
            }
            let mut backward = colours(&reversed);
            backward.reverse();
            assert_eq!(forward, backward, "{example}");
        }
    }

    #[test]
    fn more_keys_than_colours_still_get_palette_colours() {
        let mut scenario = edit::starter();
        for _ in 0..8 {
            edit::add_key(&mut scenario);
        }
        for (identity, colour) in colours(&scenario) {
            assert!(PALETTE[1..].contains(&colour), "{identity}: {colour}");
        }
    }

    #[test]
    fn the_aws_managed_key_keeps_the_first_colour() {
        let mut scenario = edit::starter();
        assert_eq!(badge(&scenario, "alias/aws/ebs").colour, PALETTE[0]);
        assert_eq!(badge(&scenario, "alias/aws/ebs").colour_class(), "key-c0");
        // Listed as a key of the account, too.
        if let Some(list) = scenario.account.keys.as_mut() {
            list.insert(
                0,
                Key {
                    id: ami_encryption_rules::preset::key_id(9),
                    alias: Some("alias/aws/ebs".into()),
                    owner: KeyOwner::AwsManaged,
                    usable: true,
                    ..Key::default()
                },
            );
        }
        assert_eq!(badge(&scenario, "alias/aws/ebs").colour, PALETTE[0]);
        for (identity, colour) in colours(&scenario).into_iter().skip(1) {
            assert_ne!(colour, PALETTE[0], "{identity}");
        }
    }

    #[test]
    fn a_key_s_colour_changes_from_one_example_to_the_next() {
        // The bug: colours came from the position in the key list, and alias/partner is the second
        // key of the starter but the third of the examples, so it changed colour between them.
        let starter = edit::starter();
        let example = (ami_encryption_rules::preset::ALL[0].build)();
        let partner = |s: &Scenario| {
            let key = keys(s)
                .iter()
                .find(|k| k.alias.as_deref() == Some("alias/partner"))
                .unwrap();
            badge(s, &key_identifier(&s.account, key))
        };
        assert_eq!(partner(&starter).colour, partner(&example).colour);
        assert_eq!(
            partner(&starter).colour_class(),
            partner(&example).colour_class()
        );
        assert_eq!(
            badge(&starter, "alias/app").colour,
            badge(&example, "alias/app").colour
        );
    }
}
