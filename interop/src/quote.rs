//! Writing a user's text into another language so that it stays one value, whatever it holds.
//!
//! Key names, aliases, device names and Regions come from the scenario, which anyone can write;
//! every exporter passes them through one of these functions and never formats them raw.

use std::fmt::Write;

/// A POSIX shell word: single quotes, in which nothing is special but the quote itself (`'` is
/// closed, escaped and reopened: `'\''`).
pub fn shell(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// JSON in plain ASCII: serde's text with every other character written as `\uXXXX` (a
/// surrogate pair above the BMP). The same value to any JSON reader, and no character that a
/// terminal or an editor might show as a line break (U+2028, NEL) inside a shell argument.
pub fn json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

/// An HCL (Terraform, Packer) quoted string: `"` and `\` escaped, `${` and `%{` doubled so that
/// they are not read as an interpolation or a template directive, control characters escaped.
pub fn hcl(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if needs_escape(c) => push_unicode_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML double-quoted scalar in plain ASCII: YAML 1.1 readers (such as the one cfn-lint uses)
/// take some non-ASCII characters (NEL, the line and paragraph separators) as line breaks, so
/// everything outside printable ASCII is written as an escape.
pub fn yaml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Text for the inside of a `#` comment: one line, whatever it holds. A line break in a key name
/// would otherwise end the comment and turn the rest of the name into code.
pub fn comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if needs_escape(c) {
            push_unicode_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters, and the characters some readers take as a line break.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn push_unicode_escape(out: &mut String, c: char) {
    if (c as u32) <= 0xffff {
        let _ = write!(out, "\\u{:04x}", c as u32);
    } else {
        let _ = write!(out, "\\U{:08x}", c as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_closes_and_reopens_quotes() {
        assert_eq!(shell("it's"), r"'it'\''s'");
        assert_eq!(shell("$(x) `y`"), "'$(x) `y`'");
    }

    #[test]
    fn json_is_plain_ascii() {
        let value = serde_json::json!({"k": "é\u{2028}🙂\n"});
        assert_eq!(json(&value), r#"{"k":"\u00e9\u2028\ud83d\ude42\n"}"#);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json(&value)).unwrap(),
            value
        );
    }

    #[test]
    fn hcl_doubles_interpolations() {
        assert_eq!(hcl("a${b}%{c}$d"), r#""a$${b}%%{c}$d""#);
        assert_eq!(hcl("\"\\\n"), r#""\"\\\n""#);
        assert_eq!(hcl("\u{2028}"), r#""\u2028""#);
    }

    #[test]
    fn yaml_is_plain_ascii() {
        assert_eq!(yaml("é\u{85}\"🙂"), r#""\u00e9\u0085\"\U0001f642""#);
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("a\nb\rc\u{2028}"), r"a\u000ab\u000dc\u2028");
    }
}
