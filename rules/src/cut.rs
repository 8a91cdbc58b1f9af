//! Values quoted in messages, cut to a readable length: a message names what is wrong, it does not
//! repeat a pasted megabyte.

use std::borrow::Cow;

/// Quoted values longer than this many characters are cut here and end in `…`. Long enough for
/// every key ARN (the longest, of a multi-Region key in an `aws-us-gov` Region, has 86), so only
/// values that are no identifier at all, or very long alias names, are cut.
pub const QUOTE_CHARS: usize = 100;

/// `text`, or its first [`QUOTE_CHARS`] characters and `…`.
pub fn cut(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// `text` cut, in double quotes with Rust's escapes (`{:?}`).
pub fn quote(text: &str) -> String {
    format!("{:?}", cut(text))
}

/// Cuts every quoted value (`"…"` with `\` escapes, or `` `…` ``) of a message written by
/// someone else, such as serde's. A quote left open runs to the end of the message.
pub fn quotes_in(message: &str) -> Cow<'_, str> {
    if message.chars().count() <= QUOTE_CHARS {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(4 * QUOTE_CHARS));
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' && c != '`' {
            continue;
        }
        let mut kept = 0;
        let (mut cut_here, mut closed) = (false, false);
        while let Some(inner) = chars.next() {
            if inner == c {
                if cut_here {
                    out.push('…');
                }
                out.push(c);
                closed = true;
                break;
            }
            let escaped = (c == '"' && inner == '\\').then(|| chars.next()).flatten();
            if kept < QUOTE_CHARS {
                out.push(inner);
                out.extend(escaped);
                kept += 1;
            } else {
                cut_here = true;
            }
        }
        if cut_here && !closed {
            out.push('…');
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_stay_whole() {
        assert_eq!(cut("alias/app"), "alias/app");
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        let arn = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        assert_eq!(cut(arn), arn);
    }

    #[test]
    fn long_values_are_cut_at_a_character() {
        let long = "é".repeat(1_000_000);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), QUOTE_CHARS + 3);
        assert!(quoted.ends_with("…\""));
    }

    #[test]
    fn quotes_in_a_message_are_cut() {
        let value = "x".repeat(5000);
        let message = format!("invalid value: string \"{value}\", expected `{value}` or `b`");
        let cut = quotes_in(&message);
        assert!(cut.len() < 300, "{cut}");
        assert!(cut.starts_with("invalid value: string \"xxx"));
        assert!(cut.contains("…\", expected `xxx"));
        assert!(cut.ends_with("…` or `b`"), "{cut}");
        // An escaped quote does not end the value; an unclosed quote is cut too.
        let escaped = format!("string \"a\\\"{value}");
        assert!(quotes_in(&escaped).ends_with("xx…"));
        assert_eq!(quotes_in("short `one`"), "short `one`");
    }
}
