//! The before-and-after picture, drawn as inline SVG: the AMI's snapshots → the call with the
//! parameters actually sent → the instance's volumes or the new AMI's snapshots.
//!
//! `layout` is a pure function from the outcome to shapes (tested natively); `shapes` makes them
//! into SVG elements.

use ami_encryption_rules::{Caller, Change, Operation, SnapshotOwner, Status};
use leptos::prelude::*;

use super::shapes::{self, padlock};
use super::text as t;

use crate::display::{badge, legend, short, KeyBadge};
use crate::i18n::Lang;
use crate::state::{use_explainer, Shown};

/// Below this width the picture stacks before, call and after vertically.
pub const COMPACT_BELOW: i32 = 700;

const ROW: i32 = 58;
pub(super) const CHIP_H: i32 = 46;
/// The advance of one character of the call's monospace text (12 px), rounded up.
const MONO_CHAR: i32 = 8;
/// The height of one line of the call's text.
pub(super) const LINE: i32 = 16;

/// How many monospace characters fit on a line of a call box `width` wide.
fn chars_fitting(width: i32) -> usize {
    ((width - 20) / MONO_CHAR).max(8) as usize
}

/// The height of a call box holding `lines` lines (under a title, when it has one) and, when
/// refused, the error code on a line of its own.
fn call_height(titled: bool, lines: usize, refused: bool) -> i32 {
    let rows = lines as i32 + i32::from(titled) + i32::from(refused);
    12 + rows * LINE
}

/// One parameter per line; a line too long for the box breaks after `=`, then every `fit`
/// characters, so that no identifier is ever cut off.
fn wrap(lines: &[String], fit: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        if line.chars().count() <= fit {
            out.push(line.clone());
            continue;
        }
        let (name, value) = match line.split_once('=') {
            Some((name, value)) => (format!("{name}="), value),
            None => (String::new(), line.as_str()),
        };
        if !name.is_empty() {
            out.push(name);
        }
        let chars: Vec<char> = value.chars().collect();
        for piece in chars.chunks(fit.saturating_sub(2).max(1)) {
            out.push(format!("  {}", piece.iter().collect::<String>()));
        }
    }
    out
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Heading {
        x: i32,
        y: i32,
        text: String,
        /// One line each.
        sub: Vec<String>,
    },
    Chip(Chip),
    Call {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
        title: String,
        lines: Vec<String>,
        refused: Option<String>,
    },
    Arrow {
        x1: i32,
        y1: i32,
        x2: i32,
        y2: i32,
        broken: bool,
    },
    Nothing {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
        text: String,
    },
}

/// A snapshot or volume: lock, device, key, and a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub device: String,
    pub encrypted: bool,
    pub key: Option<KeyBadge>,
    pub note: String,
    /// Newly encrypted / re-encrypted: drawn with a mark and its word.
    pub mark: Option<String>,
    /// `new` (a new empty volume), `after`, `failed`, or empty.
    pub class: &'static str,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: i32,
    pub height: i32,
    pub shapes: Vec<Shape>,
    pub title: String,
    pub desc: String,
    pub keys: Vec<KeyBadge>,
}

struct Texts {
    call: &'static str,
    call_sub: String,
    before: String,
    before_sub: String,
    after: String,
    after_sub: String,
}

fn texts(lang: Lang, shown: &Shown, hidden: bool) -> Texts {
    let scenario = &shown.scenario;
    let launch = scenario.operation == Operation::Launch;
    let shared = scenario
        .snapshots
        .iter()
        .any(|s| s.owner == SnapshotOwner::Shared);
    let mixed = shared
        && scenario
            .snapshots
            .iter()
            .any(|s| s.owner == SnapshotOwner::Me);
    let status = if hidden {
        Status::Ok
    } else {
        shown.outcome.status
    };
    let after_key = match (launch, status) {
        (true, Status::FailsLater) => "diagram.after.launch.failed",
        (false, Status::FailsLater) => "diagram.after.copy.failed",
        (true, _) => "diagram.after.launch",
        (false, _) => "diagram.after.copy",
    };
    // Each side says its Region: the two differ for a cross-Region copy.
    let region = |r: &str| lang.fill("diagram.region", &[("region", r)]);
    Texts {
        call: if launch { "RunInstances" } else { "CopyImage" },
        call_sub: lang
            .t(if scenario.effective_caller() == Caller::AutoScaling {
                "diagram.caller.auto-scaling"
            } else {
                "diagram.call.sub"
            })
            .to_owned(),
        before: lang.t("diagram.before").to_owned(),
        before_sub: format!(
            "{} · {}",
            lang.t(if mixed {
                "diagram.ami.mixed"
            } else if shared {
                "diagram.ami.shared"
            } else {
                "diagram.ami.yours"
            }),
            region(scenario.ami_region())
        ),
        after: lang.t(after_key).to_owned(),
        after_sub: format!(
            "{} · {}",
            lang.t(if launch {
                "diagram.after.launch.sub"
            } else {
                "diagram.after.copy.sub"
            }),
            region(&scenario.account.region)
        ),
    }
}

/// The parameters sent for a device, as the request would carry them.
fn parameter_lines(lang: Lang, encrypted: Option<bool>, key: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(e) = encrypted {
        lines.push(format!("Encrypted={e}"));
    }
    if let Some(k) = key {
        lines.push(format!("KmsKeyId={}", short(k)));
    }
    if lines.is_empty() {
        lines.push(lang.t("diagram.no-parameters").to_owned());
    }
    lines
}

pub fn layout(lang: Lang, shown: &Shown, compact: bool) -> Layout {
    layout_of(lang, shown, compact, false)
}

/// The picture with the outcome side drawn as question marks: the scenario and the call, for a
/// learner who is asked to predict what comes out (the quiz, a presenter's first slide).
pub fn layout_hiding_outcome(lang: Lang, shown: &Shown, compact: bool) -> Layout {
    layout_of(lang, shown, compact, true)
}

fn layout_of(lang: Lang, shown: &Shown, compact: bool, hidden: bool) -> Layout {
    let scenario = &shown.scenario;
    let outcome = &shown.outcome;
    let launch = scenario.operation == Operation::Launch;
    let t = texts(lang, shown, hidden);
    // Nothing of the answer shows while it is hidden: no refusal, no failure, no keys.
    let refused = outcome
        .error
        .as_ref()
        .filter(|_| !hidden)
        .map(|e| e.code.clone());
    let failed = !hidden && outcome.status == Status::FailsLater;

    // Devices in picture order: the AMI's, then (launch) the new volumes.
    let mut devices: Vec<String> = scenario
        .snapshots
        .iter()
        .map(|s| s.device.clone())
        .collect();
    if launch {
        devices.extend(crate::edit::new_volume_devices(scenario));
    }

    let before_chip = |device: &str, x: i32, y: i32, w: i32| -> Chip {
        match scenario.snapshots.iter().find(|s| s.device == device) {
            Some(s) => Chip {
                x,
                y,
                w,
                device: device.to_owned(),
                encrypted: s.encrypted,
                key: s
                    .kms_key
                    .as_deref()
                    .filter(|_| s.encrypted)
                    .map(|k| badge(scenario, k)),
                note: format!(
                    "{} · {}",
                    lang.t(if s.owner == SnapshotOwner::Shared {
                        "diagram.shared"
                    } else {
                        "diagram.yours"
                    }),
                    lang.t(if s.encrypted {
                        "diagram.encrypted"
                    } else {
                        "diagram.unencrypted"
                    })
                ),
                mark: None,
                class: "",
            },
            None => Chip {
                x,
                y,
                w,
                device: device.to_owned(),
                encrypted: false,
                key: None,
                note: lang.t("diagram.new-volume").to_owned(),
                mark: None,
                class: "new",
            },
        }
    };
    let after_chip = |device: &str, x: i32, y: i32, w: i32| -> Option<Chip> {
        if hidden {
            return Some(Chip {
                x,
                y,
                w,
                device: device.to_owned(),
                encrypted: false,
                key: None,
                note: lang.t("diagram.hidden").to_owned(),
                mark: None,
                class: "hidden",
            });
        }
        let v = outcome.volume(device)?;
        let mark = match v.change {
            Change::Encrypted => Some(lang.t("change.encrypted").to_owned()),
            Change::ReEncrypted => Some(lang.t("change.re-encrypted").to_owned()),
            _ => None,
        };
        let note = if failed && outcome.failure.as_ref().is_some_and(|f| f.device == device) {
            lang.t("diagram.key-problem")
        } else {
            lang.t(if v.encrypted {
                "diagram.encrypted"
            } else {
                "diagram.unencrypted"
            })
        }
        .to_owned();
        Some(Chip {
            x,
            y,
            w,
            device: device.to_owned(),
            encrypted: v.encrypted,
            key: v.kms_key.as_deref().map(|k| badge(scenario, k)),
            note,
            mark,
            class: if failed { "failed" } else { "after" },
        })
    };
    let params = |device: &str| -> Vec<String> {
        if launch {
            let m = scenario.launch_mapping(device);
            if m.is_some_and(|m| m.no_device) {
                return vec!["NoDevice".to_owned()];
            }
            let mut lines = parameter_lines(
                lang,
                m.and_then(|m| m.encrypted),
                m.and_then(|m| m.kms_key_id.as_deref()),
            );
            if let Some(size) = m.and_then(|m| m.volume_size) {
                lines.push(format!("VolumeSize={size}"));
            }
            lines
        } else {
            parameter_lines(
                lang,
                scenario.copy.encrypted,
                scenario.copy.kms_key_id.as_deref(),
            )
        }
    };

    let mut shapes = Vec::new();
    let (width, height);
    if !compact {
        width = 800;
        let (bx, cx, ax, cw, w) = (8, 300, 552, 200, 240);
        shapes.push(Shape::Heading {
            x: bx,
            y: 18,
            text: t.before.clone(),
            sub: vec![t.before_sub.clone()],
        });
        shapes.push(Shape::Heading {
            x: cx,
            y: 18,
            text: t.call.to_owned(),
            sub: vec![t.call_sub.clone()],
        });
        shapes.push(Shape::Heading {
            x: ax,
            y: 18,
            text: t.after.clone(),
            sub: vec![t.after_sub.clone()],
        });
        let top = 56;
        let fit = chars_fitting(cw);
        let mut y = top;
        for device in &devices {
            // The whole request is refused; the mark goes on the mapping at fault.
            let at_fault = refused.clone().filter(|_| {
                launch
                    && outcome
                        .error
                        .as_ref()
                        .is_some_and(|e| e.device.as_deref().is_none_or(|d| d == device))
            });
            let lines = if launch {
                wrap(&params(device), fit)
            } else {
                Vec::new()
            };
            // A row grows with the parameters sent for its device, one per line.
            let h = CHIP_H.max(call_height(false, lines.len(), at_fault.is_some()));
            shapes.push(Shape::Chip(before_chip(device, bx, y, w)));
            let mid = y + CHIP_H / 2;
            shapes.push(Shape::Arrow {
                x1: bx + w,
                y1: mid,
                x2: cx,
                y2: mid,
                broken: false,
            });
            if refused.is_none() {
                shapes.push(Shape::Arrow {
                    x1: cx + cw,
                    y1: mid,
                    x2: ax,
                    y2: mid,
                    broken: failed,
                });
                if let Some(chip) = after_chip(device, ax, y, w) {
                    shapes.push(Shape::Chip(chip));
                }
            }
            if launch {
                shapes.push(Shape::Call {
                    x: cx,
                    y,
                    w: cw,
                    h,
                    title: String::new(),
                    lines,
                    refused: at_fault,
                });
            }
            y += h + (ROW - CHIP_H);
        }
        if devices.is_empty() {
            y += ROW;
        }
        if !launch {
            let lines = wrap(&params(""), fit);
            let h =
                (y - top - (ROW - CHIP_H)).max(call_height(true, lines.len(), refused.is_some()));
            shapes.push(Shape::Call {
                x: cx,
                y: top,
                w: cw,
                h,
                title: lang.t("diagram.image-level").to_owned(),
                lines,
                refused: refused.clone(),
            });
            y = y.max(top + h + (ROW - CHIP_H));
        }
        if refused.is_some() {
            shapes.push(Shape::Nothing {
                x: ax,
                y: top,
                w,
                h: CHIP_H,
                text: lang.t("diagram.nothing").to_owned(),
            });
        }
        height = y + 4;
    } else {
        width = 340;
        let (x, w) = (6, 328);
        // Two lines: a narrow picture cannot hold "before → after" on one.
        shapes.push(Shape::Heading {
            x,
            y: 18,
            text: t.call.to_owned(),
            sub: vec![t.before_sub.clone(), format!("→ {}", t.after_sub)],
        });
        let (call_x, call_w) = (x + 40, w - 40);
        let fit = chars_fitting(call_w);
        let mut y = 70;
        for device in &devices {
            shapes.push(Shape::Chip(before_chip(device, x, y, w)));
            let call_y = y + CHIP_H + 8;
            let lines = wrap(&params(device), fit);
            let call_h = call_height(true, lines.len(), refused.is_some());
            shapes.push(Shape::Call {
                x: call_x,
                y: call_y,
                w: call_w,
                h: call_h,
                title: t.call.to_owned(),
                lines,
                refused: refused.clone(),
            });
            let after_y = call_y + call_h + 10;
            shapes.push(Shape::Arrow {
                x1: x + 20,
                y1: y + CHIP_H,
                x2: x + 20,
                y2: after_y,
                broken: failed || refused.is_some(),
            });
            if refused.is_none() {
                if let Some(chip) = after_chip(device, x, after_y, w) {
                    shapes.push(Shape::Chip(chip));
                }
            } else {
                shapes.push(Shape::Nothing {
                    x,
                    y: after_y,
                    w,
                    h: CHIP_H,
                    text: lang.t("diagram.nothing").to_owned(),
                });
            }
            y = after_y + CHIP_H + 26;
        }
        height = y;
    }

    let mut used: Vec<String> = scenario
        .snapshots
        .iter()
        .filter(|s| s.encrypted)
        .filter_map(|s| s.kms_key.clone())
        .collect();
    if !hidden {
        used.extend(outcome.volumes.iter().filter_map(|v| v.kms_key.clone()));
    }
    let keys = legend(scenario, &used);
    let title = lang.fill("diagram.title", &[("call", t.call)]);
    let desc = if hidden {
        describe_before(lang, shown)
    } else {
        describe(lang, shown)
    };
    Layout {
        width,
        height,
        shapes,
        title,
        desc,
        keys,
    }
}

/// The picture in words while the outcome is hidden: the AMI's snapshots and that the rest is the
/// learner's to predict.
fn describe_before(lang: Lang, shown: &Shown) -> String {
    let scenario = &shown.scenario;
    let mut parts = vec![texts(lang, shown, true).before_sub];
    for s in &scenario.snapshots {
        let state = match (s.encrypted, s.kms_key.as_deref()) {
            (true, Some(k)) => lang.fill(
                "diagram.desc.encrypted",
                &[("key", &badge(scenario, k).full)],
            ),
            _ => lang.t("diagram.desc.unencrypted").to_owned(),
        };
        parts.push(lang.labelled(&s.device, &state));
    }
    parts.push(lang.t("diagram.desc.hidden").to_owned());
    lang.as_sentences(&parts)
}

/// The picture in words, for `<desc>`.
fn describe(lang: Lang, shown: &Shown) -> String {
    let scenario = &shown.scenario;
    let state = |encrypted: bool, key: Option<&str>| match (encrypted, key) {
        (true, Some(k)) => lang.fill(
            "diagram.desc.encrypted",
            &[("key", &badge(scenario, k).full)],
        ),
        _ => lang.t("diagram.desc.unencrypted").to_owned(),
    };
    let mut parts = vec![texts(lang, shown, false).before_sub];
    for v in &shown.outcome.volumes {
        let before = scenario
            .snapshots
            .iter()
            .find(|s| s.device == v.device)
            .map_or_else(
                || lang.t("diagram.new-volume").to_owned(),
                |s| state(s.encrypted, s.kms_key.as_deref()),
            );
        let after = state(v.encrypted, v.kms_key.as_deref());
        let change = format!("{before} → {after}");
        parts.push(lang.labelled(
            &v.device,
            &lang.with_note(&change, crate::explain::change_label(lang, v.change)),
        ));
    }
    for device in &shown.outcome.suppressed {
        parts.push(lang.fill("diagram.desc.suppressed", &[("device", device)]));
    }
    if let Some(e) = &shown.outcome.error {
        parts.push(lang.fill("diagram.desc.refused", &[("code", &e.code)]));
    }
    if let Some(f) = &shown.outcome.failure {
        parts.push(lang.fill("diagram.desc.failed", &[("code", &f.code)]));
    }
    lang.as_sentences(&parts)
}

/// Draws the layout's shapes into `group` now, and redraws what changed whenever the layout does.
/// A directive (`<g use:shapes_of=…>`): its first drawing is part of the view's, not a task later.
fn shapes_of(group: web_sys::Element, (layout, arrowhead): (Memo<Layout>, String)) {
    let drawing = RenderEffect::new(move |before: Option<shapes::Drawn>| {
        let before = before.unwrap_or_else(shapes::Drawn::first);
        // `try_`: a picture being taken down must not panic if its layout goes first.
        layout
            .try_with(|l| shapes::draw(&group, &l.shapes, &arrowhead, before))
            .unwrap_or_default()
    });
    // It lasts as long as the view that holds the group.
    StoredValue::new_local(drawing);
}

#[component]
pub fn Diagram(
    /// Whether to stack the picture vertically (narrow screens).
    #[prop(into)]
    compact: Signal<bool>,
    /// Draw the outcome side as question marks (a learner predicts it).
    #[prop(optional, into)]
    hide_outcome: MaybeProp<bool>,
    /// What the picture's own ids start with: two pictures on one page need different ones.
    #[prop(default = "diagram")]
    id: &'static str,
) -> impl IntoView {
    let explainer = use_explainer();
    let layout = Memo::new(move |_| {
        let hidden = hide_outcome.get().unwrap_or(false);
        explainer
            .outcome
            .with(|shown| layout_of(explainer.lang.get(), shown, compact.get(), hidden))
    });
    let legend_items = move || {
        layout.with(|l| {
            l.keys
                .iter()
                .map(|k| {
                    let colour = k.colour_class();
                    let owner = match &k.owner {
                        Some(ami_encryption_rules::KeyOwner::Me) => explainer.lang.get().t("owner.yours").to_owned(),
                        Some(ami_encryption_rules::KeyOwner::AwsManaged) => explainer.lang.get().t("owner.aws-managed").to_owned(),
                        Some(ami_encryption_rules::KeyOwner::Account(a)) => explainer.lang.get().fill("owner.account", &[("account", a)]),
                        None => explainer.lang.get().t("owner.unknown").to_owned(),
                    };
                    view! {
                        <li class=format!("key-chip {colour}")>
                            <span class="swatch" aria-hidden="true"></span>
                            <strong>{k.label.clone()}</strong> " " <span class="muted">{k.full.clone()} " · " {owner}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let arrowhead = format!("{id}-arrowhead");
    view! {
        <figure class="diagram">
            <svg
                role="img"
                aria-labelledby=format!("{id}-title {id}-desc")
                viewBox=move || layout.with(|l| format!("0 0 {} {}", l.width, l.height))
                width="100%"
                preserveAspectRatio="xMidYMin meet"
                data-testid="diagram"
            >
                <title id=format!("{id}-title")>{move || layout.with(|l| l.title.clone())}</title>
                <desc id=format!("{id}-desc")>{move || layout.with(|l| l.desc.clone())}</desc>
                <defs>
                    <marker id=arrowhead.clone() viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                <g class="shapes" use:shapes_of=(layout, arrowhead)></g>
            </svg>
            <figcaption>
                <span class="legend-title">{t("diagram.legend")}</span>
                <ul class="legend">
                    {legend_items}
                    <li>
                        <span class="legend-lock" aria-hidden="true">
                            <svg viewBox="0 0 16 20" use:padlock=true></svg>
                            <svg viewBox="0 0 16 20" use:padlock=false></svg>
                        </span>
                        " "
                        {t("diagram.legend.lock")}
                    </li>
                    <li><span aria-hidden="true">"★"</span> {t("diagram.legend.mark")}</li>
                </ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;
    use ami_encryption_rules::resolve;

    fn shown(scenario: ami_encryption_rules::Scenario) -> Shown {
        Shown {
            outcome: resolve(&scenario),
            scenario,
            stale: false,
            load: 0,
        }
    }

    fn chips(layout: &Layout) -> Vec<&Chip> {
        layout
            .shapes
            .iter()
            .filter_map(|s| {
                if let Shape::Chip(c) = s {
                    Some(c)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn every_device_is_drawn_before_and_after() {
        for compact in [false, true] {
            let l = layout(Lang::En, &shown(edit::starter()), compact);
            assert_eq!(chips(&l).len(), 4);
            assert!(chips(&l)
                .iter()
                .any(|c| c.mark.as_deref() == Some("re-encrypted")));
            assert!(l.desc.contains("/dev/xvda"));
            assert!(
                chips(&l).iter().all(|c| c.x >= 0 && c.x + c.w <= l.width),
                "inside the view box"
            );
        }
    }

    #[test]
    fn a_refused_call_draws_no_after() {
        let mut s = edit::starter();
        s.launch.push(ami_encryption_rules::LaunchMapping {
            device: "/dev/xvda".into(),
            encrypted: None,
            kms_key_id: Some("alias/app".into()),
            ..Default::default()
        });
        let l = layout(Lang::En, &shown(s), false);
        assert_eq!(chips(&l).len(), 2, "before only");
        assert!(l.shapes.iter().any(|s| matches!(s, Shape::Nothing { .. })));
        assert!(l.desc.contains("InvalidParameterDependency"));
    }

    /// A learner predicting the outcome must not read it off the picture: no after state, no
    /// refusal, no failure, no key that only the outcome uses, not even in the text equivalent.
    #[test]
    fn a_hidden_outcome_shows_the_call_but_not_its_result() {
        let mut refused = edit::starter();
        refused.launch.push(ami_encryption_rules::LaunchMapping {
            device: "/dev/xvda".into(),
            kms_key_id: Some("alias/app".into()),
            ..Default::default()
        });
        for scenario in [edit::starter(), refused] {
            let shown = shown(scenario);
            for compact in [false, true] {
                let open = layout(Lang::En, &shown, compact);
                let l = layout_hiding_outcome(Lang::En, &shown, compact);
                let hidden: Vec<_> = chips(&l)
                    .into_iter()
                    .filter(|c| c.class == "hidden")
                    .collect();
                assert_eq!(hidden.len(), 2, "one question mark per device");
                assert!(hidden.iter().all(|c| c.key.is_none() && c.mark.is_none()));
                assert!(!l.shapes.iter().any(|s| matches!(s, Shape::Nothing { .. })));
                assert!(!l.shapes.iter().any(|s| matches!(
                    s,
                    Shape::Call {
                        refused: Some(_),
                        ..
                    } | Shape::Arrow { broken: true, .. }
                )));
                assert!(l.desc.contains("hidden"), "{}", l.desc);
                assert!(!l.desc.contains("InvalidParameterDependency") && !l.desc.contains("→"));
                assert!(l.keys.len() <= open.keys.len());
            }
        }
    }

    #[test]
    fn twenty_six_devices_stack_without_overlap() {
        let mut s = ami_encryption_rules::Scenario::default();
        for _ in 0..26 {
            edit::add_snapshot(&mut s);
        }
        for compact in [false, true] {
            let l = layout(Lang::En, &shown(s.clone()), compact);
            let before: Vec<_> = chips(&l)
                .into_iter()
                .filter(|c| c.class != "after")
                .collect();
            assert_eq!(before.len(), 26);
            for pair in before.windows(2) {
                assert!(pair[1].y >= pair[0].y + CHIP_H, "rows overlap");
            }
            assert!(l.height >= before.last().unwrap().y + CHIP_H);
        }
    }

    /// Regression: at 400 px the parameter box cut "KmsKeyId=a…", and a copy's "KmsKeyId=app" was
    /// drawn outside its box. Every line must fit its box's width, and the box must hold them all.
    #[test]
    fn call_boxes_hold_every_parameter_line() {
        let long = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        let mut launch = edit::starter();
        launch.launch.push(ami_encryption_rules::LaunchMapping {
            device: "/dev/xvda".into(),
            encrypted: Some(true),
            kms_key_id: Some(long.into()),
            volume_size: Some(100),
            ..Default::default()
        });
        let mut copy = launch.clone();
        copy.operation = Operation::Copy;
        copy.copy.encrypted = Some(true);
        copy.copy.kms_key_id = Some("alias/a-very-long-key-alias-name-for-the-app".into());
        let mut refused = launch.clone();
        refused.launch[0].encrypted = None;
        for scenario in [launch, copy, refused] {
            for compact in [false, true] {
                let l = layout(Lang::En, &shown(scenario.clone()), compact);
                let mut boxes = 0;
                for shape in &l.shapes {
                    if let Shape::Call {
                        x,
                        y,
                        w,
                        h,
                        title,
                        lines,
                        refused,
                    } = shape
                    {
                        boxes += 1;
                        assert!(!lines.is_empty(), "{lines:?}");
                        for line in lines {
                            assert!(
                                line.chars().count() as i32 * MONO_CHAR + 20 <= *w,
                                "{line:?} is wider than its box ({w}), compact: {compact}"
                            );
                        }
                        let needed = call_height(!title.is_empty(), lines.len(), refused.is_some());
                        assert!(*h >= needed, "box {h} < {needed} for {lines:?}");
                        assert!(x + w <= l.width && y + h <= l.height);
                    }
                }
                assert!(boxes > 0);
                // Nothing else overlaps: chips follow one another down the picture.
                let before: Vec<_> = chips(&l)
                    .into_iter()
                    .filter(|c| !matches!(c.class, "after" | "failed"))
                    .collect();
                for pair in before.windows(2) {
                    assert!(pair[1].y >= pair[0].y + CHIP_H);
                }
            }
        }
    }

    #[test]
    fn long_parameters_break_after_the_equals_sign() {
        let lines = wrap(&["KmsKeyId=alias/a-rather-long-alias".to_owned()], 20);
        assert_eq!(lines[0], "KmsKeyId=");
        assert!(lines[1..].iter().all(|l| l.chars().count() <= 20));
        assert_eq!(
            lines[1..]
                .iter()
                .map(|l| l.trim_start())
                .collect::<String>(),
            "alias/a-rather-long-alias"
        );
        assert_eq!(wrap(&["Encrypted=true".to_owned()], 20), ["Encrypted=true"]);
    }
}
