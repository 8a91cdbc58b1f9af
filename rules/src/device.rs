//! Block-device names, as EC2 documents them for a block-device mapping.
//!
//! The source is the "Available device names" tables of the EC2 page on device naming
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/device_naming.html>, as published in
//! 2026; older versions of the page listed `/dev/xvd[b-c][a-z]` for HVM instead). Names that EC2
//! happens to accept but does not document are refused, so that the explainer never teaches them.

/// Whether `name` is a device name EC2 documents for an EBS volume, for any of:
/// - Linux HVM: `/dev/sd[a-z]`, `/dev/xvd[e-z]`, `/dev/xvd[a-d][a-x]`, and the root names
///   `/dev/sda1` and `/dev/xvda` (trailing numbers otherwise only `/dev/sda2`);
/// - Linux paravirtual: `/dev/sd[a-z]`, `/dev/sd[a-z][1-15]`, `/dev/hd[a-z]`, `/dev/hd[a-z][1-15]`;
/// - Windows: `xvd[a-z]`, `xvd[b-c][a-z]`, `/dev/sda1`, `/dev/sd[b-e]`.
pub fn is_valid(name: &str) -> bool {
    let letter = |b: u8, from: u8, to: u8| (from..=to).contains(&b);
    let partition = |digits: &[u8]| {
        !digits.is_empty()
            && digits.len() <= 2
            && digits[0] != b'0'
            && digits.iter().all(u8::is_ascii_digit)
            && std::str::from_utf8(digits)
                .ok()
                .and_then(|d| d.parse::<u8>().ok())
                .is_some_and(|n| (1..=15).contains(&n))
    };
    if let Some(rest) = name
        .strip_prefix("/dev/sd")
        .or_else(|| name.strip_prefix("/dev/hd"))
    {
        return match rest.as_bytes() {
            [a] => letter(*a, b'a', b'z'),
            [a, digits @ ..] => letter(*a, b'a', b'z') && partition(digits),
            [] => false,
        };
    }
    if let Some(rest) = name.strip_prefix("/dev/xvd") {
        return match rest.as_bytes() {
            [a] => *a == b'a' || letter(*a, b'e', b'z'),
            [a, b] => letter(*a, b'a', b'd') && letter(*b, b'a', b'x'),
            _ => false,
        };
    }
    if let Some(rest) = name.strip_prefix("xvd") {
        return match rest.as_bytes() {
            [a] => letter(*a, b'a', b'z'),
            [a, b] => letter(*a, b'b', b'c') && letter(*b, b'a', b'z'),
            _ => false,
        };
    }
    false
}

/// The names AMIs use for their root device.
pub const ROOT_NAMES: [&str; 2] = ["/dev/xvda", "/dev/sda1"];

/// Whether a mapping for `mapped`, a device the AMI does not have, is probably meant for the AMI's
/// root `root`: both are root names, but different ones (`/dev/sda1` against `/dev/xvda`). Such a
/// mapping adds a new empty volume instead of changing the root, which is rarely what was meant.
pub fn looks_like_root_typo(mapped: &str, root: &str) -> bool {
    mapped != root && ROOT_NAMES.contains(&mapped) && ROOT_NAMES.contains(&root)
}

/// The device a new snapshot or volume gets: `/dev/xvda` for the first (the root), then the first
/// free name of `/dev/sdb` … `/dev/sdz`, `/dev/xvde` … `/dev/xvdz`, `/dev/xvdaa` … `/dev/xvddx`.
/// Never panics, however many are taken.
pub fn next_free<'a>(taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let is_taken = |candidate: &str| taken.clone().into_iter().any(|t| t == candidate);
    if taken.clone().into_iter().next().is_none() && !is_taken("/dev/xvda") {
        return "/dev/xvda".to_owned();
    }
    let sd = (b'b'..=b'z').map(|c| format!("/dev/sd{}", c as char));
    let xvd = (b'e'..=b'z').map(|c| format!("/dev/xvd{}", c as char));
    let xvd2 = (b'a'..=b'd')
        .flat_map(|a| (b'a'..=b'x').map(move |b| format!("/dev/xvd{}{}", a as char, b as char)));
    sd.chain(xvd)
        .chain(xvd2)
        .find(|name| !is_taken(name))
        // Past the last name every name is taken: repeat it and let `check` report the
        // duplicate, rather than panic.
        .unwrap_or_else(|| LAST_NAME.to_owned())
}

const LAST_NAME: &str = "/dev/xvddx";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_linux_and_windows_names() {
        for name in [
            "/dev/xvda",
            "/dev/sda1",
            "/dev/sdf",
            "/dev/sdf15",
            "/dev/xvdba",
            "/dev/xvdf",
            "/dev/sda2",
            "xvdf",
            "xvdca",
            "/dev/hda",
            "/dev/hda3",
        ] {
            assert!(is_valid(name), "{name}");
        }
    }

    #[test]
    fn refuses_malformed_names() {
        for name in [
            "",
            "sda",
            "/dev/sd",
            "/dev/sdA",
            "/dev/sda0",
            "/dev/sda16",
            "/dev/nvme0n1",
            "/dev/xvda1",
            "/dev/sdf ",
            "/dev/hdab",
            // Not in the documented tables, though often seen.
            "/dev/sdba",
            "/dev/xvdb",
            "/dev/xvdez",
            "/dev/xvday",
            "xvdda",
        ] {
            assert!(!is_valid(name), "{name}");
        }
    }

    /// Regression: with every name taken, `next_free` used to panic (a click on "Add snapshot"
    /// could have killed the page).
    #[test]
    fn all_names_taken_is_no_panic() {
        let mut taken = vec!["/dev/xvda".to_owned()];
        for _ in 0..700 {
            let next = next_free(taken.iter().map(String::as_str));
            taken.push(next);
        }
        assert_eq!(taken.last().unwrap(), LAST_NAME);
        assert!(taken.iter().all(|name| is_valid(name)));
    }

    #[test]
    fn a_different_root_name_looks_like_a_typo() {
        assert!(looks_like_root_typo("/dev/sda1", "/dev/xvda"));
        assert!(looks_like_root_typo("/dev/xvda", "/dev/sda1"));
        assert!(!looks_like_root_typo("/dev/xvda", "/dev/xvda"));
        assert!(!looks_like_root_typo("/dev/sdf", "/dev/xvda"));
    }

    #[test]
    fn assigns_root_then_sdb_onwards() {
        assert_eq!(next_free([]), "/dev/xvda");
        assert_eq!(next_free(["/dev/xvda"]), "/dev/sdb");
        assert_eq!(next_free(["/dev/xvda", "/dev/sdc"]), "/dev/sdb");
        let mut taken = vec!["/dev/xvda".to_owned()];
        for _ in 0..25 {
            let next = next_free(taken.iter().map(String::as_str));
            taken.push(next);
        }
        assert_eq!(taken.last().unwrap(), "/dev/sdz");
        assert_eq!(next_free(taken.iter().map(String::as_str)), "/dev/xvde");
    }
}
