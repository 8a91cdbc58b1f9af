//! Reading exported text back the way its language does, for the round-trip tests: shell words,
//! HCL quoted strings, YAML double-quoted scalars. Small on purpose: they read what the exporters
//! write, and refuse anything else, so a quoting mistake shows as a failure here.

/// The words of the one command in a shell script: `#` comments at the start of a word,
/// backslash-newline continuations, single quotes, and backslash escapes outside quotes.
pub fn shell_words(script: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' if word.is_none() => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => panic!("unterminated single quote"),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => panic!("backslash at the end"),
            },
            ' ' | '\t' | '\n' => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
                if c == '\n' && !words.is_empty() {
                    // One command: a line break outside quotes ends it; nothing may follow.
                    let rest: String = chars.by_ref().collect();
                    assert!(
                        rest.lines()
                            .all(|l| l.trim().is_empty() || l.starts_with('#')),
                        "text after the command: {rest:?}"
                    );
                }
            }
            ';' | '&' | '|' | '$' | '`' | '"' | '(' | ')' | '<' | '>' => {
                panic!("unquoted shell syntax {c:?} in {script}")
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// The value of a quoted HCL string that starts at `text` (the opening quote), and the byte
/// length it takes. Read left to right as HCL's scanner does: `$${` and `%%{` are a literal `${`
/// and `%{`; a bare `${` or `%{` would be a template sequence, which the exporters never write.
pub fn hcl_string(text: &str) -> (String, usize) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    assert_eq!(at(0), Some('"'), "{text}");
    let mut out = String::new();
    let mut i = 1;
    while let Some(c) = at(i) {
        match c {
            '"' => return (out, chars[i].0 + 1),
            '\\' => {
                let kind = at(i + 1);
                i += 2;
                match kind {
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some(kind @ ('u' | 'U')) => {
                        let n = if kind == 'u' { 4 } else { 8 };
                        let hex: String = (i..i + n).filter_map(at).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                        i += n;
                    }
                    other => panic!("unknown escape {other:?} in {text}"),
                }
                continue;
            }
            '$' | '%' if at(i + 1) == Some(c) && at(i + 2) == Some('{') => {
                out.push(c);
                out.push('{');
                i += 3;
                continue;
            }
            '$' | '%' if at(i + 1) == Some('{') => panic!("a template sequence {c}{{ in {text}"),
            '\n' => panic!("a line break in a quoted HCL string: {text}"),
            c => out.push(c),
        }
        i += 1;
    }
    panic!("unterminated HCL string: {text}")
}

/// Every `name = "…"` of an HCL text, in order, read back.
pub fn hcl_attributes(text: &str, name: &str) -> Vec<String> {
    let prefix = format!("{name} = \"");
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix(&prefix[..prefix.len() - 1]))
        .map(|rest| hcl_string(rest).0)
        .collect()
}

/// The value of a YAML double-quoted scalar as the exporter writes it (ASCII, escapes).
pub fn yaml_string(text: &str) -> String {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a double-quoted scalar: {text}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        assert!(c.is_ascii() && !c.is_ascii_control(), "raw {c:?} in {text}");
        match c {
            '"' => panic!("an unescaped quote in {text}"),
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(kind @ ('u' | 'U')) => {
                    let n = if kind == 'u' { 4 } else { 8 };
                    let hex: String = chars.by_ref().take(n).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                other => panic!("unknown escape {other:?} in {text}"),
            },
            c => out.push(c),
        }
    }
    out
}

/// Every `Name: "…"` of a YAML text, in order, read back.
pub fn yaml_values(text: &str, name: &str) -> Vec<String> {
    let prefix = format!("{name}: ");
    text.lines()
        .map(|line| line.trim_start().trim_start_matches("- "))
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(yaml_string)
        .collect()
}
