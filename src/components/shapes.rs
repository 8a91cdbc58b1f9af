//! The diagram's shapes made into SVG elements straight through the DOM, not through `view!`.
//!
//! The picture has hundreds of elements at 26 snapshots, none of them reactive on its own: it
//! follows the layout, shape by shape. Through `view!`, every kind of shape was generic view code
//! of its own, which the browser compiles on its first call (much of the first picture's wait),
//! and an edit compared every attribute of every element. Here each kind of shape is one small
//! function, and an edit replaces only the shapes that changed (compared as values). Text goes in
//! as text nodes, never as markup.

use std::cell::Cell;

use web_sys::{Document, Element, Node};

use super::diagram::{Chip, Shape, CHIP_H, LINE};

const SVG: &str = "http://www.w3.org/2000/svg";

/// An attribute's value.
enum Value<'a> {
    Text(&'a str),
    Number(i32),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Self {
        Value::Text(text)
    }
}

impl From<i32> for Value<'_> {
    fn from(number: i32) -> Self {
        Value::Number(number)
    }
}

/// Makes SVG elements in one document.
struct Pen {
    document: Document,
}

impl Pen {
    /// A new `name` element with `attributes` (and `text`, when not empty), appended to `parent`.
    /// A DOM call that fails leaves the element out, or without that attribute; it never panics.
    fn add(
        &self,
        parent: &Node,
        name: &str,
        attributes: &[(&str, Value)],
        text: &str,
    ) -> Option<Element> {
        let element = self.document.create_element_ns(Some(SVG), name).ok()?;
        let mut number = String::new();
        for (attribute, value) in attributes {
            let value = match value {
                Value::Text(text) => *text,
                Value::Number(n) => {
                    number.clear();
                    push_number(&mut number, *n);
                    &number
                }
            };
            let _ = element.set_attribute(attribute, value);
        }
        if !text.is_empty() {
            element.set_text_content(Some(text));
        }
        parent.append_child(&element).ok()?;
        Some(element)
    }
}

/// `n` in decimal, without the formatting machinery.
fn push_number(out: &mut String, n: i32) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = n.unsigned_abs();
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev().map(|&d| char::from(d)));
}

/// What is drawn in a group: each shape with the element drawn for it; `arrived` when nothing is
/// drawn yet but the same outcome is already on screen (see [`Drawn::first`]).
#[derive(Default)]
pub struct Drawn {
    shapes: Vec<(Shape, Element)>,
    arrived: bool,
}

thread_local! {
    /// Set by [`replacing_picture_on_screen`], taken by the first drawing after it.
    static ON_SCREEN: Cell<bool> = const { Cell::new(false) };
}

/// A picture of the same outcome is about to be replaced, in one task (the build's first picture by
/// the first module's, or that one by the page module's): the next diagram drawn has nothing new to
/// show arriving.
pub fn replacing_picture_on_screen() {
    ON_SCREEN.set(true);
}

impl Drawn {
    /// Where a group's first drawing starts: from nothing, or once after
    /// [`replacing_picture_on_screen`], from a picture whose volumes have all arrived (they do not
    /// play their arrival a second time when the page takes the first picture's place).
    pub fn first() -> Drawn {
        Drawn {
            shapes: Vec::new(),
            arrived: ON_SCREEN.take(),
        }
    }
}

/// Draws `shapes` in `group`, where `before` was drawn; arrows end in the marker `arrowhead` (an
/// id). A shape equal to the one drawn at its place keeps its element: an edit usually changes a
/// few volumes, and the browser then restyles, lays out and paints only those.
pub fn draw(group: &Element, shapes: &[Shape], arrowhead: &str, before: Drawn) -> Drawn {
    let Some(document) = group.owner_document() else {
        return Drawn::default();
    };
    let pen = Pen { document };
    if before.shapes.is_empty() {
        // What an earlier drawing left, unknown to this one: tachys runs a directive again on the
        // same element when a view of the same shape takes the old one's place.
        group.set_text_content(None);
    }
    let marker = format!("url(#{arrowhead})");
    // Where volumes were drawn, and as what (`after`, `failed`…): a chip drawn again in its place
    // (renamed, re-keyed) has already arrived. Only a chip new to its place, or newly an outcome
    // (a quiz's reveal), plays `arrive`.
    let places: Vec<(i32, i32, &str)> = before
        .shapes
        .iter()
        .filter_map(|(shape, _)| match shape {
            Shape::Chip(c) => Some((c.x, c.y, c.class)),
            _ => None,
        })
        .collect();
    let arrived = before.arrived;
    let mut before = before.shapes.into_iter();
    let mut drawn = Vec::with_capacity(shapes.len());
    for shape in shapes {
        match before.next() {
            Some((old_shape, element)) if old_shape == *shape => drawn.push((old_shape, element)),
            old => {
                let settled = matches!(shape, Shape::Chip(c)
                    if arrived || places.contains(&(c.x, c.y, c.class)));
                let fresh = pen.document.create_document_fragment();
                let Some(element) = shape_into(&pen, &fresh, shape, &marker, settled) else {
                    // Nothing half drawn stays: the next drawing starts from an empty group.
                    group.set_text_content(None);
                    return Drawn::default();
                };
                let _ = match old {
                    Some((_, old_element)) => old_element.replace_with_with_node_1(&fresh),
                    None => group.append_child(&fresh).map(drop),
                };
                drawn.push((shape.clone(), element));
            }
        }
    }
    for (_, extra) in before {
        extra.remove();
    }
    Drawn {
        shapes: drawn,
        arrived: false,
    }
}

/// A padlock drawn in `svg` (a `viewBox="0 0 16 20"`): closed for encrypted, open for not. A
/// directive, for the legend: `<svg use:padlock=true>`.
pub fn padlock(svg: Element, closed: bool) {
    if let Some(document) = svg.owner_document() {
        lock_into(&Pen { document }, &svg, 0, 0, closed);
    }
}

/// Draws `shape` into `parent`; `settled` marks a chip that must not play its arrival again.
fn shape_into(
    pen: &Pen,
    parent: &Node,
    shape: &Shape,
    marker: &str,
    settled: bool,
) -> Option<Element> {
    match shape {
        Shape::Heading { x, y, text, sub } => {
            let g = pen.add(parent, "g", &[("class", "heading".into())], "")?;
            let (x, y) = (*x, *y);
            pen.add(
                &g,
                "text",
                &[
                    ("class", "heading-text".into()),
                    ("x", x.into()),
                    ("y", y.into()),
                ],
                text,
            );
            for (i, line) in sub.iter().enumerate() {
                let line_y = y + 18 + 16 * i as i32;
                pen.add(
                    &g,
                    "text",
                    &[
                        ("class", "heading-sub".into()),
                        ("x", x.into()),
                        ("y", line_y.into()),
                    ],
                    line,
                );
            }
            Some(g)
        }
        Shape::Chip(chip) => chip_into(pen, parent, chip, settled),
        Shape::Call {
            x,
            y,
            w,
            h,
            title,
            lines,
            refused,
        } => {
            let (x, y) = (*x, *y);
            let class = if refused.is_some() {
                "call refused"
            } else {
                "call"
            };
            let g = pen.add(parent, "g", &[("class", class.into())], "")?;
            pen.add(
                &g,
                "rect",
                &[
                    ("class", "call-box".into()),
                    ("x", x.into()),
                    ("y", y.into()),
                    ("width", (*w).into()),
                    ("height", (*h).into()),
                    ("rx", "6".into()),
                ],
                "",
            );
            if !title.is_empty() {
                pen.add(
                    &g,
                    "text",
                    &[
                        ("class", "call-title".into()),
                        ("x", (x + 10).into()),
                        ("y", (y + 18).into()),
                    ],
                    title,
                );
            }
            let mut line_y = y + if title.is_empty() { 20 } else { 20 + LINE };
            for line in lines {
                pen.add(
                    &g,
                    "text",
                    &[
                        ("class", "call-line".into()),
                        ("x", (x + 10).into()),
                        ("y", line_y.into()),
                    ],
                    line,
                );
                line_y += LINE;
            }
            if let Some(code) = refused {
                pen.add(
                    &g,
                    "text",
                    &[
                        ("class", "refused-text".into()),
                        ("x", (x + 10).into()),
                        ("y", (y + h - 10).into()),
                    ],
                    &format!("✕ {code}"),
                );
            }
            Some(g)
        }
        Shape::Arrow {
            x1,
            y1,
            x2,
            y2,
            broken,
        } => {
            let class = if *broken { "arrow broken" } else { "arrow" };
            let end_y = y2 - if y1 == y2 { 0 } else { 4 };
            pen.add(
                parent,
                "line",
                &[
                    ("class", class.into()),
                    ("x1", (*x1).into()),
                    ("y1", (*y1).into()),
                    ("x2", (x2 - 4).into()),
                    ("y2", end_y.into()),
                    ("marker-end", marker.into()),
                ],
                "",
            )
        }
        Shape::Nothing { x, y, w, h, text } => {
            let g = pen.add(parent, "g", &[("class", "nothing".into())], "")?;
            pen.add(
                &g,
                "rect",
                &[
                    ("class", "nothing-box".into()),
                    ("x", (*x).into()),
                    ("y", (*y).into()),
                    ("width", (*w).into()),
                    ("height", (*h).into()),
                    ("rx", "8".into()),
                ],
                "",
            );
            pen.add(
                &g,
                "text",
                &[
                    ("x", (x + w / 2).into()),
                    ("y", (y + h / 2 + 5).into()),
                    ("text-anchor", "middle".into()),
                ],
                text,
            );
            Some(g)
        }
    }
}

fn chip_into(pen: &Pen, parent: &Node, chip: &Chip, settled: bool) -> Option<Element> {
    let Chip {
        x,
        y,
        w,
        device,
        encrypted,
        key,
        note,
        mark,
        class,
    } = chip;
    let (x, y, w) = (*x, *y, *w);
    let group_class = format!(
        "chip {class} {}{}",
        if *encrypted {
            "is-encrypted"
        } else {
            "is-plain"
        },
        if settled { " settled" } else { "" }
    );
    let g = pen.add(parent, "g", &[("class", group_class.as_str().into())], "")?;
    pen.add(
        &g,
        "rect",
        &[
            ("class", "chip-box".into()),
            ("x", x.into()),
            ("y", y.into()),
            ("width", w.into()),
            ("height", CHIP_H.into()),
            ("rx", "8".into()),
        ],
        "",
    );
    if *class == "hidden" {
        pen.add(
            &g,
            "text",
            &[
                ("class", "unknown-mark".into()),
                ("x", (x + 12).into()),
                ("y", (y + 28).into()),
                ("aria-hidden", "true".into()),
            ],
            "?",
        );
    } else {
        lock_into(pen, &g, x + 10, y + 12, *encrypted);
    }
    pen.add(
        &g,
        "text",
        &[
            ("class", "device".into()),
            ("x", (x + 34).into()),
            ("y", (y + 20).into()),
        ],
        device,
    );
    pen.add(
        &g,
        "text",
        &[
            ("class", "note".into()),
            ("x", (x + 34).into()),
            ("y", (y + 38).into()),
        ],
        note,
    );
    if let Some(k) = key {
        let class = format!(
            "key{} {}",
            if k.known { "" } else { " unknown" },
            k.colour_class()
        );
        if let Some(kg) = pen.add(&g, "g", &[("class", class.as_str().into())], "") {
            pen.add(
                &kg,
                "rect",
                &[
                    ("class", "swatch".into()),
                    ("x", (x + w - 112).into()),
                    ("y", (y + 8).into()),
                    ("width", "12".into()),
                    ("height", "12".into()),
                    ("rx", "3".into()),
                ],
                "",
            );
            pen.add(
                &kg,
                "text",
                &[
                    ("class", "key-label".into()),
                    ("x", (x + w - 96).into()),
                    ("y", (y + 18).into()),
                ],
                &k.label,
            );
        }
    }
    if let Some(m) = mark {
        if let Some(mg) = pen.add(&g, "g", &[("class", "mark".into())], "") {
            pen.add(
                &mg,
                "text",
                &[
                    ("class", "mark-text".into()),
                    ("x", (x + w - 10).into()),
                    ("y", (y + 38).into()),
                    ("text-anchor", "end".into()),
                ],
                &format!("★ {m}"),
            );
        }
    }
    Some(g)
}

/// The padlock: closed for encrypted, open for unencrypted.
fn lock_into(pen: &Pen, parent: &Node, x: i32, y: i32, closed: bool) {
    let transform = format!("translate({x} {y})");
    let class = if closed { "lock closed" } else { "lock open" };
    let Some(g) = pen.add(
        parent,
        "g",
        &[
            ("class", class.into()),
            ("transform", transform.as_str().into()),
            ("aria-hidden", "true".into()),
        ],
        "",
    ) else {
        return;
    };
    let (shackle, turn) = if closed {
        ("M4 9 V6 a4 4 0 0 1 8 0 V9", "")
    } else {
        (
            "M4 9 V6 a4 4 0 0 1 8 0 V5",
            "translate(3 -3) rotate(12 8 6)",
        )
    };
    pen.add(
        &g,
        "path",
        &[
            ("d", shackle.into()),
            ("transform", turn.into()),
            ("fill", "none".into()),
            ("stroke-width", "2".into()),
        ],
        "",
    );
    pen.add(
        &g,
        "rect",
        &[
            ("x", "1".into()),
            ("y", "9".into()),
            ("width", "14".into()),
            ("height", "10".into()),
            ("rx", "2".into()),
        ],
        "",
    );
}

#[cfg(test)]
mod tests {
    use super::push_number;

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 58, -4, 1234, i32::MAX, i32::MIN] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
