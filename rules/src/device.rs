//! Block-device names, as EC2 accepts them in a block-device mapping.

/// Whether `name` is a device name EC2 accepts for an EBS volume on Linux or Windows:
/// `/dev/sd[a-z]`, `/dev/sd[a-z][a-z]`, `/dev/sd[a-z][1-15]`, `/dev/xvd[a-z]`, `/dev/xvd[a-z][a-z]`,
/// `/dev/hd[a-z]`, and the Windows names `xvd[a-z]` and `xvd[a-z][a-z]`.
pub fn is_valid(name: &str) -> bool {
    let (prefix, rest) = if let Some(rest) = name.strip_prefix("/dev/sd") {
        ("sd", rest)
    } else if let Some(rest) = name.strip_prefix("/dev/xvd") {
        ("xvd", rest)
    } else if let Some(rest) = name.strip_prefix("/dev/hd") {
        ("hd", rest)
    } else if let Some(rest) = name.strip_prefix("xvd") {
        ("xvd", rest)
    } else {
        return false;
    };
    let bytes = rest.as_bytes();
    let letter = |b: &u8| b.is_ascii_lowercase();
    match bytes {
        [a] => letter(a),
        [a, b] if letter(b) => prefix != "hd" && letter(a),
        [a, digits @ ..] if prefix == "sd" && digits.len() <= 2 && digits[0] != b'0' => {
            letter(a)
                && std::str::from_utf8(digits)
                    .ok()
                    .and_then(|d| d.parse::<u8>().ok())
                    .is_some_and(|n| (1..=15).contains(&n))
        }
        _ => false,
    }
}

/// The device a new snapshot or volume gets: `/dev/xvda` for the first (the root), then the first
/// free name of `/dev/sdb` … `/dev/sdz`, then `/dev/sdba` … `/dev/sdzz`. Never panics, however many
/// are taken.
pub fn next_free<'a>(taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let is_taken = |candidate: &str| taken.clone().into_iter().any(|t| t == candidate);
    if taken.clone().into_iter().next().is_none() && !is_taken("/dev/xvda") {
        return "/dev/xvda".to_owned();
    }
    let singles = (b'b'..=b'z').map(|c| format!("/dev/sd{}", c as char));
    let doubles = (b'b'..=b'z')
        .flat_map(|a| (b'a'..=b'z').map(move |b| format!("/dev/sd{}{}", a as char, b as char)));
    singles
        .chain(doubles)
        .find(|name| !is_taken(name))
        // Past /dev/sdzz every name is taken: repeat the last one and let `check` report the
        // duplicate, rather than panic.
        .unwrap_or_else(|| "/dev/sdzz".to_owned())
}

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
            "xvdf",
            "/dev/hda",
            "/dev/sdba",
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
        assert_eq!(taken.last().unwrap(), "/dev/sdzz");
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
        assert_eq!(next_free(taken.iter().map(String::as_str)), "/dev/sdba");
    }
}
