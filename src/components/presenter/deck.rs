//! What a presentation shows, without any view: which decks a `?present=…` value names, the slides
//! of a deck, how the keys move through them, and how a trainer's pasted links are read. Pure, so
//! that it is tested natively in milliseconds.

use ami_encryption_rules::link::{self, LinkError};
use ami_encryption_rules::preset::{self as presets, Kind};
use ami_encryption_rules::Scenario;

use crate::state::{example_of, STARTER};

/// The `present` value of the page's own examples.
pub const EXAMPLES: &str = "examples";
/// The `present` value of the trainer's own deck, kept in local storage.
pub const SAVED: &str = "saved";

/// Which scenarios a presentation shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deck {
    /// The page's starter scenario, then every example in `preset::ALL` order (the order of the
    /// examples menu), so that slide numbers match the menu's.
    Examples,
    /// Scenario links (`link::encode` values), in the trainer's order; duplicates are kept.
    Links(Vec<String>),
}

/// Why a `present` value names no slide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeckError {
    /// Neither `examples` nor `saved`.
    Unknown(String),
    /// The part after the dot is not a slide number (a whole number from 1).
    BadNumber(String),
    /// The number is past the deck's end.
    NoSuchSlide { number: usize, count: usize },
    /// `saved`, but this browser keeps no deck (or an empty one).
    NoSavedDeck,
    /// A saved line no longer reads as a scenario (made by a newer page, or edited by hand).
    BadSaved { line: usize, error: LinkError },
}

impl DeckError {
    /// The translation key of the message, to be filled with [`DeckError::args`].
    pub fn key(&self) -> &'static str {
        match self {
            DeckError::Unknown(_) => "present.error.unknown",
            DeckError::BadNumber(_) => "present.error.bad-number",
            DeckError::NoSuchSlide { .. } => "present.error.no-such-slide",
            DeckError::NoSavedDeck => "present.error.no-saved",
            DeckError::BadSaved { .. } => "present.error.bad-saved",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let quote = |v: &str| ami_encryption_rules::cut::cut(v).into_owned();
        match self {
            DeckError::Unknown(v) | DeckError::BadNumber(v) => {
                lang.fill(self.key(), &[("value", &quote(v))])
            }
            DeckError::NoSuchSlide { number, count } => lang.fill(
                self.key(),
                &[
                    ("number", &number.to_string()),
                    ("count", &count.to_string()),
                ],
            ),
            DeckError::NoSavedDeck => lang.t(self.key()).to_owned(),
            DeckError::BadSaved { line, error } => lang.fill(
                self.key(),
                &[
                    ("line", &line.to_string()),
                    ("reason", lang.t(crate::restore::link_error_key(error))),
                ],
            ),
        }
    }
}

/// Reads a `?present=` value: `examples` or `saved`, optionally with a 1-based slide number
/// (`examples.5`). Returns the deck and the 0-based slide to start on. `saved` reads the browser's
/// saved deck; see [`parse_deck_from`] to give it yourself.
pub fn parse_deck(value: &str) -> Result<(Deck, usize), DeckError> {
    parse_deck_from(value, || {
        crate::browser::load(super::saved::STORED_DECK).unwrap_or_default()
    })
}

/// [`parse_deck`] with the saved deck (link values, one a line) given by `saved`, which is only
/// called for `saved`: the page's examples never touch storage.
pub fn parse_deck_from(
    value: &str,
    saved: impl FnOnce() -> String,
) -> Result<(Deck, usize), DeckError> {
    let value = value.trim();
    let (name, number) = match value.split_once('.') {
        Some((name, number)) => (name, Some(number)),
        None => (value, None),
    };
    let deck = match name {
        EXAMPLES => Deck::Examples,
        SAVED => {
            let stored = saved();
            let mut links = Vec::new();
            for (i, line) in stored.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                link::decode(line).map_err(|error| DeckError::BadSaved { line: i + 1, error })?;
                links.push(line.to_owned());
            }
            if links.is_empty() {
                return Err(DeckError::NoSavedDeck);
            }
            Deck::Links(links)
        }
        _ => return Err(DeckError::Unknown(value.to_owned())),
    };
    let start = match number {
        None => 0,
        Some(n) => {
            // Only plain digits: no sign, no spaces, no leading zero, as the page writes them.
            let number: usize = n
                .parse()
                .ok()
                .filter(|v| *v >= 1 && !n.starts_with(['0', '+']))
                .ok_or_else(|| DeckError::BadNumber(n.to_owned()))?;
            let count = deck.len();
            if number > count {
                return Err(DeckError::NoSuchSlide { number, count });
            }
            number - 1
        }
    };
    Ok((deck, start))
}

impl Deck {
    /// How many slides the deck has.
    pub fn len(&self) -> usize {
        match self {
            Deck::Examples => 1 + presets::ALL.len(),
            Deck::Links(links) => links.len(),
        }
    }

    /// Whether the deck has no slide (an empty list of links).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `present` value that names slide `index` (0-based) of this deck, for the address.
    pub fn value(&self, index: usize) -> String {
        let name = match self {
            Deck::Examples => EXAMPLES,
            Deck::Links(_) => SAVED,
        };
        format!("{name}.{}", index + 1)
    }

    /// Slide `index` (0-based), if there is one.
    pub fn slide(&self, index: usize) -> Option<Slide> {
        match self {
            Deck::Examples if index == 0 => Some(Slide {
                scenario: crate::edit::starter(),
                example: Some(STARTER),
                number: None,
                kind: SlideKind::Starter,
                story: true,
            }),
            Deck::Examples => presets::ALL.get(index - 1).map(|p| Slide {
                scenario: (p.build)(),
                example: Some(p.id),
                number: p.number,
                kind: SlideKind::Example(p.kind),
                story: true,
            }),
            Deck::Links(links) => {
                let scenario = link::decode(links.get(index)?).ok()?;
                let example = example_of(&scenario);
                Some(Slide {
                    number: example
                        .and_then(|id| presets::ALL.iter().find(|p| p.id == id))
                        .and_then(|p| p.number),
                    example,
                    scenario,
                    kind: SlideKind::Link,
                    story: false,
                })
            }
        }
    }
}

/// Where a slide's scenario comes from, for the line above its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlideKind {
    Starter,
    Example(Kind),
    Link,
}

/// One slide: a scenario and what names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Slide {
    pub scenario: Scenario,
    /// The example it is (a preset's id or [`STARTER`]); titles come from `preset.<id>.title`.
    pub example: Option<&'static str>,
    /// The AWS page's section number of the example, if it has one.
    pub number: Option<&'static str>,
    pub kind: SlideKind,
    /// Whether the example's introduction is told (not for links: the trainer tells the story).
    pub story: bool,
}

impl Slide {
    /// The slide's title: the example's (numbered like the examples menu), else "Scenario n".
    pub fn title(&self, lang: crate::i18n::Lang, index: usize) -> String {
        match self.example {
            Some(id) => {
                let title = lang.t(&format!("preset.{id}.title")).to_owned();
                match self.number {
                    Some(number) => format!("{number} {title}"),
                    None => title,
                }
            }
            None => lang.fill("present.scenario-n", &[("n", &(index + 1).to_string())]),
        }
    }
}

/// Where the presenter is: a slide, and whether its outcome is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub slide: usize,
    pub revealed: bool,
}

impl Position {
    /// A slide with its outcome still hidden.
    pub fn at(slide: usize) -> Position {
        Position {
            slide,
            revealed: false,
        }
    }

    /// Forward one step: reveal this slide's outcome, else go to the next slide (hidden). Stays
    /// put on the last slide's revealed outcome.
    pub fn next(self, count: usize) -> Position {
        if !self.revealed {
            Position {
                revealed: true,
                ..self
            }
        } else if self.slide + 1 < count {
            Position::at(self.slide + 1)
        } else {
            self
        }
    }

    /// Back one step, exactly undoing [`Position::next`]: from a revealed outcome to the same
    /// slide hidden; from a hidden slide to the previous slide as it was left, revealed. A
    /// presenter who goes back mostly wants to show the previous answer again, not ask again.
    pub fn previous(self) -> Position {
        if self.revealed {
            Position {
                revealed: false,
                ..self
            }
        } else if self.slide > 0 {
            Position {
                slide: self.slide - 1,
                revealed: true,
            }
        } else {
            self
        }
    }

    /// Whether [`Position::next`] would move.
    pub fn has_next(self, count: usize) -> bool {
        self.next(count) != self
    }

    /// Whether [`Position::previous`] would move.
    pub fn has_previous(self) -> bool {
        self.previous() != self
    }
}

/// A line of the saved-deck form that is not a scenario link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The line's number, from 1, counting blank lines (as the text field shows them).
    pub line: usize,
    pub problem: LineProblem,
}

/// Why a line is not a scenario link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineProblem {
    /// A page address with no `s=` in its query.
    NoScenario,
    /// The `s` value does not read as a scenario.
    Link(LinkError),
}

impl LineError {
    /// The message in `lang`: which line, and why.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let reason = match &self.problem {
            LineProblem::NoScenario => lang.t("present.saved.no-scenario"),
            LineProblem::Link(error) => lang.t(crate::restore::link_error_key(error)),
        };
        lang.fill(
            "present.saved.line-error",
            &[("line", &self.line.to_string()), ("reason", reason)],
        )
    }
}

/// Reads the trainer's pasted lines: full page links (the scenario in `?s=` or `&s=`) or bare `s`
/// values, one a line. Blank lines are skipped; duplicates are kept (a trainer may come back to a
/// scenario). Returns the link values of the good lines, in order, and the bad lines.
pub fn parse_lines(text: &str) -> (Vec<String>, Vec<LineError>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match read_line(line) {
            Ok(value) => good.push(value),
            Err(problem) => bad.push(LineError {
                line: i + 1,
                problem,
            }),
        }
    }
    (good, bad)
}

/// The link value of one line, checked by decoding it.
fn read_line(line: &str) -> Result<String, LineProblem> {
    // A bare value never holds `?`, `=` or `&` (see `link`'s alphabet): anything that does is an
    // address or a query.
    if !line.contains(['?', '=', '&']) {
        return match link::decode(line) {
            Ok(_) => Ok(line.to_owned()),
            // Copied out of an address bar, a value may still be URL-encoded once.
            Err(error) => percent_decoded(line)
                .filter(|v| link::decode(v).is_ok())
                .ok_or(LineProblem::Link(error)),
        };
    }
    let query = line.split_once('?').map_or(line, |(_, q)| q);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let raw = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("s="))
        .ok_or(LineProblem::NoScenario)?;
    // The address holds the value URL-encoded, as the browser's URLSearchParams reads it.
    let value = percent_decoded(raw).ok_or(LineProblem::Link(LinkError::Malformed(
        "not URL-encoded text".into(),
    )))?;
    link::decode(&value).map_err(LineProblem::Link)?;
    Ok(value)
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space, `%XX` a byte); `None` for a bad
/// escape or bytes that are not UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::starter;
    use crate::i18n::Lang;

    fn value(n: usize) -> String {
        link::encode(&(presets::ALL[n].build)())
    }

    /// The presenter's texts, added as the on-demand module adds them.
    fn texts() {
        Lang::En.add_texts(include_str!("../../../locales/present.en.txt"));
    }

    fn no_saved() -> String {
        panic!("the examples never read storage")
    }

    #[test]
    fn examples_start_at_the_first_slide_or_the_one_named() {
        assert_eq!(parse_deck("examples"), Ok((Deck::Examples, 0)));
        assert_eq!(
            parse_deck_from("examples.5", no_saved),
            Ok((Deck::Examples, 4))
        );
        assert_eq!(
            parse_deck_from(" examples.1 ", no_saved),
            Ok((Deck::Examples, 0))
        );
        let last = format!("examples.{}", presets::ALL.len() + 1);
        assert_eq!(
            parse_deck_from(&last, no_saved),
            Ok((Deck::Examples, presets::ALL.len()))
        );
    }

    #[test]
    fn bad_values_are_errors_not_panics() {
        for bad in [
            "",
            "example",
            "Examples",
            "slides.2",
            "examples5",
            "💥",
            "saved-ish",
        ] {
            assert!(
                matches!(parse_deck_from(bad, no_saved), Err(DeckError::Unknown(_))),
                "{bad:?}"
            );
        }
        for bad in [
            "examples.",
            "examples.0",
            "examples.-1",
            "examples.+2",
            "examples.02",
            "examples.x",
            "examples.1.2",
            "examples.99999999999999999999999",
        ] {
            assert!(
                matches!(parse_deck_from(bad, no_saved), Err(DeckError::BadNumber(_))),
                "{bad:?}"
            );
        }
        let count = presets::ALL.len() + 1;
        assert_eq!(
            parse_deck_from(&format!("examples.{}", count + 1), no_saved),
            Err(DeckError::NoSuchSlide {
                number: count + 1,
                count
            })
        );
    }

    #[test]
    fn saved_reads_the_stored_links() {
        let stored = format!("{}\n\n{}\n{}\n", value(0), value(3), value(0));
        let (deck, start) = parse_deck_from("saved.3", || stored.clone()).unwrap();
        assert_eq!(deck, Deck::Links(vec![value(0), value(3), value(0)]));
        assert_eq!(start, 2);
        assert_eq!(
            parse_deck_from("saved", String::new),
            Err(DeckError::NoSavedDeck)
        );
        assert_eq!(
            parse_deck_from("saved", || "\n \n".into()),
            Err(DeckError::NoSavedDeck)
        );
        assert!(matches!(
            parse_deck_from("saved", || format!("{}\n9~l0", value(1))),
            Err(DeckError::BadSaved {
                line: 2,
                error: LinkError::FutureVersion(9)
            })
        ));
        assert!(matches!(
            parse_deck_from("saved.2", || value(1)),
            Err(DeckError::NoSuchSlide {
                number: 2,
                count: 1
            })
        ));
    }

    #[test]
    fn every_example_is_a_slide_and_the_starter_comes_first() {
        let deck = Deck::Examples;
        assert_eq!(deck.len(), presets::ALL.len() + 1);
        let first = deck.slide(0).unwrap();
        assert_eq!(first.scenario, starter());
        assert_eq!(first.example, Some(STARTER));
        for (i, preset) in presets::ALL.iter().enumerate() {
            let slide = deck.slide(i + 1).unwrap();
            assert_eq!(slide.example, Some(preset.id));
            assert_eq!(slide.scenario, (preset.build)());
            assert!(slide.story);
        }
        assert_eq!(deck.slide(deck.len()), None);
        assert_eq!(deck.value(2), "examples.3");
        let lang = Lang::En;
        assert!(deck.slide(1).unwrap().title(lang, 1).starts_with("1.1 "));
    }

    #[test]
    fn link_slides_are_named_by_their_example_or_their_number() {
        let mut own = starter();
        own.account.encryption_by_default = true;
        let deck = Deck::Links(vec![value(0), link::encode(&own)]);
        texts();
        let lang = Lang::En;
        let known = deck.slide(0).unwrap();
        assert_eq!(known.example, Some(presets::ALL[0].id));
        assert!(!known.story, "a link has no story");
        assert_eq!(deck.slide(1).unwrap().example, None);
        assert_eq!(deck.slide(1).unwrap().title(lang, 1), "Scenario 2");
        assert_eq!(deck.value(0), "saved.1");
    }

    #[test]
    fn next_reveals_then_moves_and_previous_undoes_it() {
        let count = 3;
        let mut p = Position::at(0);
        assert!(!p.has_previous());
        let mut trail = vec![p];
        while p.has_next(count) {
            p = p.next(count);
            trail.push(p);
        }
        assert_eq!(
            trail
                .iter()
                .map(|p| (p.slide, p.revealed))
                .collect::<Vec<_>>(),
            [
                (0, false),
                (0, true),
                (1, false),
                (1, true),
                (2, false),
                (2, true)
            ]
        );
        assert_eq!(p.next(count), p, "the end stays the end");
        for back in trail.iter().rev().skip(1) {
            p = p.previous();
            assert_eq!(p, *back);
        }
        assert_eq!(p.previous(), p, "the start stays the start");
    }

    #[test]
    fn lines_take_full_links_and_bare_values() {
        let (a, b) = (value(0), value(5));
        let full = format!("https://example.com/tools/ami/?lang=en&s={a}#top");
        let first = format!("https://example.com/?s={b}&lang=zh-TW");
        // URLSearchParams writes `%` as `%25` and `~` may come escaped from other tools.
        let escaped = format!("?s={}", a.replace('%', "%25").replace('~', "%7E"));
        let text = format!("{full}\n\n  {b}  \n{first}\n{a}\n{escaped}\n");
        let (good, bad) = parse_lines(&text);
        assert_eq!(bad, []);
        assert_eq!(good, [a.clone(), b.clone(), b, a.clone(), a]);
    }

    #[test]
    fn bad_lines_say_which_and_why() {
        let good = value(2);
        let text = format!("{good}\nhello\n\nhttps://example.com/?lang=en\n9~l0\n?s=\n?s=%ZZ");
        let (links, bad) = parse_lines(&text);
        assert_eq!(links, [good]);
        let lines: Vec<usize> = bad.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 4, 5, 6, 7]);
        assert_eq!(bad[1].problem, LineProblem::NoScenario);
        assert_eq!(
            bad[2].problem,
            LineProblem::Link(LinkError::FutureVersion(9))
        );
        assert_eq!(bad[3].problem, LineProblem::Link(LinkError::Empty));
        texts();
        let lang = Lang::En;
        let message = bad[2].message(lang);
        assert!(
            message.contains('5') && message.contains("newer version"),
            "{message}"
        );
        assert_eq!(parse_lines(" \n\n"), (vec![], vec![]));
    }

    #[test]
    fn errors_have_messages() {
        texts();
        let errors = [
            DeckError::Unknown("x".into()),
            DeckError::BadNumber("0".into()),
            DeckError::NoSuchSlide {
                number: 30,
                count: 19,
            },
            DeckError::NoSavedDeck,
            DeckError::BadSaved {
                line: 2,
                error: LinkError::Truncated,
            },
        ];
        for e in errors {
            let m = e.message(Lang::En);
            assert!(!m.contains("present.") && !m.contains('{'), "{m}");
        }
    }
}
