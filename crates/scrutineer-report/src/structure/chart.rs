//! A small chart of when each finding opened: one row per finding, a bar from the day it opened
//! to the day of the pack, on a shared axis of years. It answers "how long has this been so?"
//! at a glance, and in print: bars are solid ink, the dates are written beside them, and the
//! `<desc>` holds the same facts as text.

use std::fmt::Write;

use scrutineer_graph::Date;
use scrutineer_rules::opened::Opened;

use crate::brief::{duration, open_since};

use super::picture::slug;
use super::text::wrap;
use super::xml::{clean, escape, push_escaped};

const W: f64 = 720.0;
const MARGIN: f64 = 12.0;
const LABEL_W: f64 = 250.0;
const SIZE: f64 = 12.0;
const LINE: f64 = 15.0;
const SMALL: f64 = 11.0;
const INK: &str = "#1a1a1a";

fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn year_of(d: Date) -> i32 {
    d.iso()[..4].parse().unwrap_or(2000)
}

/// The chart for `opened` (each finding's label as the pack shows it, and the day it opened),
/// as of `as_of`, in the order given. `id` makes the chart's element ids unique in a pack that
/// holds several (the partnership's id will do). A finding dated after `as_of` is drawn as
/// opening on `as_of`; one that opened on or before its day has a bar with an open left end.
pub fn opened_chart(id: &str, opened: &[(&str, Opened)], as_of: Date) -> String {
    let slug = format!("opened-{}", slug(id));
    let title = format!("When each finding opened, as of {}", as_of.long());
    let mut desc = String::new();
    for (label, o) in opened {
        let _ = write!(desc, "{label}: open {}. ", open_since(*o, as_of));
    }
    if opened.is_empty() {
        desc.push_str("No findings are open.");
    }
    let plot_x = MARGIN + LABEL_W + 10.0;
    let plot_w = W - plot_x - MARGIN;
    let first_year = opened
        .iter()
        .map(|(_, o)| year_of(o.day.min(as_of)))
        .min()
        .unwrap_or(year_of(as_of));
    let start = Date::from_ymd(first_year, 1, 1).unwrap_or(as_of);
    let end = Date::from_ymd(year_of(as_of) + 1, 1, 1).unwrap_or(as_of);
    let span = start.days_until(end).max(1) as f64;
    let x_of = |d: Date| plot_x + plot_w * start.days_until(d) as f64 / span;
    let mut body = String::new();
    let mut y = MARGIN + 16.0;
    let _ = write!(
        body,
        "<text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\">",
        num(MARGIN),
        num(y)
    );
    push_escaped(&mut body, &title);
    body.push_str("</text>");
    y += 10.0;
    if opened.is_empty() {
        y += LINE;
        let _ = write!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\">No findings are open.</text>",
            num(MARGIN),
            num(y),
            num(SIZE)
        );
        y += 8.0;
    }
    let top = y;
    for (label, o) in opened {
        let day = o.day.min(as_of);
        // Cleaned before measuring, so a replaced character is measured as it is drawn.
        let lines = wrap(&clean(label), LABEL_W, SIZE, false);
        let row_h = (lines.len() as f64 * LINE).max(2.0 * LINE) + 8.0;
        for (k, l) in lines.iter().enumerate() {
            let _ = write!(
                body,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\">",
                num(MARGIN),
                num(y + 4.0 + (k + 1) as f64 * LINE - 3.0),
                num(SIZE)
            );
            push_escaped(&mut body, l);
            body.push_str("</text>");
        }
        let (x0, x1) = (x_of(day), x_of(as_of));
        let _ = write!(
            body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"{INK}\"/>",
            num(x0),
            num(y + 6.0),
            num((x1 - x0).max(2.0))
        );
        if o.on_or_before {
            // An arrow back from the bar's start: it began then or before.
            let _ = write!(
                body,
                "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{INK}\"/>",
                num(x0),
                num(y + 4.0),
                num(x0 - 7.0),
                num(y + 11.0),
                num(x0),
                num(y + 18.0)
            );
        }
        // The words go where there is room: after the bar's start, or before it near the end.
        let words = if day == as_of && !o.on_or_before {
            format!("from {}", day.long())
        } else if day == as_of {
            format!("from {} or earlier", day.long())
        } else if o.on_or_before {
            format!(
                "since {} or earlier ({} or more)",
                day.long(),
                duration(day, as_of)
            )
        } else {
            format!("since {} ({})", day.long(), duration(day, as_of))
        };
        let words_w = super::text::width(&words, SMALL, false);
        let (wx, anchor) = if x0 + words_w <= W - MARGIN {
            (x0, "start")
        } else {
            (x1, "end")
        };
        let _ = write!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\" fill=\"#333\">",
            num(wx),
            num(y + 6.0 + 10.0 + SMALL + 2.0),
            num(SMALL)
        );
        push_escaped(&mut body, &words);
        body.push_str("</text>");
        y += row_h;
    }
    // The axis: a tick and label at the start of each year (every few years on a long span).
    let years = year_of(as_of) + 1 - first_year;
    let step = match years {
        0..=10 => 1,
        11..=25 => 2,
        26..=60 => 5,
        _ => 10,
    };
    let _ = write!(
        body,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{INK}\"/>",
        num(plot_x),
        num(y + 2.0),
        num(plot_x + plot_w),
        num(y + 2.0)
    );
    let mut year = first_year;
    while year <= year_of(as_of) + 1 {
        if let Some(d) = Date::from_ymd(year, 1, 1) {
            let x = x_of(d);
            let _ = write!(
                body,
                "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#bbb\"/><text x=\"{0}\" y=\"{3}\" font-size=\"{4}\" text-anchor=\"middle\">{year}</text>",
                num(x),
                num(top),
                num(y + 6.0),
                num(y + 6.0 + SMALL + 2.0),
                num(SMALL)
            );
        }
        year += step;
    }
    // The day of the pack, marked and named, so "open until" is read against it.
    let _ = write!(
        body,
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{INK}\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>",
        num(x_of(as_of)),
        num(top),
        num(y + 2.0)
    );
    y += 6.0 + 2.0 * SMALL + 6.0;
    let _ = write!(
        body,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"end\" fill=\"#333\">dashed line: {}</text>",
        num(W - MARGIN),
        num(y),
        num(SMALL),
        escape(&as_of.long())
    );
    let h = (y + MARGIN).ceil();
    format!(
        "<svg role=\"img\" aria-labelledby=\"title-{slug} desc-{slug}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"xMidYMin meet\" style=\"width:100%;height:auto;break-inside:avoid\" font-family=\"Helvetica, Arial, sans-serif\" fill=\"{INK}\">\
         <title id=\"title-{slug}\">{}</title><desc id=\"desc-{slug}\">{}</desc>{body}</svg>\n",
        escape(&title),
        escape(desc.trim_end()),
        w = num(W),
        h = num(h),
    )
}
