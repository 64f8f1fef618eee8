//! A risk register: one row per risk. A blank cell in a column the register has is recorded
//! as blank (`""`), because a register with empty cells is exactly what a rule looks for.

use scrutineer_graph::model::{DateCell, Risk, Text};

use super::{Read, blank_required, date, read, show_when};
use crate::columns::{Column, Field, Need};
use crate::table::Row;
use crate::{Cited, Context, Effect};

pub const FIELDS: &[Field] = &[
    Field {
        name: "ref",
        headers: &[
            "ref",
            "reference",
            "risk ref",
            "risk id",
            "id",
            "risk no",
            "risk number",
            "no",
            "number",
        ],
        need: Need::Optional,
    },
    Field {
        name: "risk",
        headers: &[
            "risk",
            "description",
            "risk description",
            "risk title",
            "title",
            "risk identified",
        ],
        need: Need::Required,
    },
    Field {
        name: "consequence",
        headers: &[
            "consequence",
            "consequences",
            "effect",
            "impact description",
            "consequence of risk",
        ],
        need: Need::Optional,
    },
    Field {
        name: "likelihood",
        headers: &["likelihood", "probability", "likelihood score"],
        need: Need::Optional,
    },
    Field {
        name: "impact",
        headers: &["impact", "impact score", "severity"],
        need: Need::Optional,
    },
    Field {
        name: "controls",
        headers: &[
            "controls",
            "control measures",
            "mitigation",
            "mitigations",
            "existing controls",
            "controls in place",
            "mitigating actions",
            "control",
        ],
        need: Need::Optional,
    },
    Field {
        name: "owner",
        headers: &["owner", "risk owner", "lead", "responsible"],
        need: Need::Optional,
    },
    Field {
        name: "review date",
        headers: &[
            "review date",
            "next review",
            "review",
            "date of next review",
            "next review date",
        ],
        need: Need::Optional,
    },
];

/// The text cells of a register, in the order of the model.
const TEXT_FIELDS: [&str; 5] = ["consequence", "likelihood", "impact", "controls", "owner"];

fn slot<'r>(risk: &'r mut Risk, field: &str) -> &'r mut Option<Text> {
    match field {
        "consequence" => &mut risk.consequence,
        "likelihood" => &mut risk.likelihood,
        "impact" => &mut risk.impact,
        "controls" => &mut risk.controls,
        "owner" => &mut risk.owner,
        _ => unreachable!("TEXT_FIELDS"),
    }
}

pub fn row(cx: &mut Context, row: &Row) {
    let description = read(cx, row, "risk", |c| Ok(c.text().unwrap_or_default()));
    let reference = read(cx, row, "ref", |c| Ok(c.text().unwrap_or_default())).value();
    let review = date(cx, row, "review date");
    let description = match description {
        Read::Value(t, _) => t,
        Read::Blank(column) => {
            blank_required(cx, row, &column, "risk");
            return;
        }
        _ => return,
    };
    let review = match review {
        Read::Bad => return,
        Read::Value(w, c) => Some((DateCell::Date(w), c)),
        Read::Blank(c) => Some((DateCell::Blank, c)),
        Read::NoColumn => None,
    };
    // Each text column the register has: its cell, blank or not.
    let texts: Vec<(&str, Text, Column)> = TEXT_FIELDS
        .iter()
        .filter_map(|f| {
            cx.cell(row, f)
                .map(|(cell, column)| (*f, Text(cell.text().unwrap_or_default()), column))
        })
        .collect();
    let existing = cx.risks.find(reference.as_deref(), "risk", &description);
    let Some(i) = existing else {
        let id = cx.new_record_id(reference.as_deref(), "risk", &description);
        let mut risk = Risk {
            id: id.clone(),
            description,
            register: cx.document.clone(),
            consequence: None,
            likelihood: None,
            impact: None,
            controls: None,
            owner: None,
            review_date: review.map(|(d, _)| d),
            evidence: Vec::new(),
        };
        for (field, text, _) in texts {
            *slot(&mut risk, field) = Some(text);
        }
        cx.risks.insert(cx.data.risks.len(), &id, &risk.description);
        cx.cite(Cited::Risk(cx.data.risks.len()), row);
        cx.data.risks.push(risk);
        cx.change(row, format!("risk `{id}`"), Effect::Added);
        return;
    };
    let id = cx.data.risks[i].id.clone();
    let record = format!("risk `{id}`");
    let description_column = cx.cell_column("risk").cloned().expect("a required column");
    let mut merge = cx.log.row(row, &record);
    let risk = &mut cx.data.risks[i];
    let mut d = Some(risk.description.clone());
    merge.field(
        &description_column,
        "description",
        &mut d,
        description,
        |s| format!("`{s}`"),
    );
    risk.description = d.expect("kept or replaced");
    for (field, text, column) in texts {
        let field: &'static str = TEXT_FIELDS
            .iter()
            .find(|f| **f == field)
            .expect("one of them");
        merge.field(&column, field, slot(risk, field), text, |t| {
            match t.value() {
                Some(v) => format!("`{v}`"),
                None => "a blank cell".into(),
            }
        });
    }
    if let Some((d, column)) = review {
        merge.field(
            &column,
            "review date",
            &mut risk.review_date,
            d,
            |d| match d.date() {
                Some(w) => show_when(&w),
                None => "a blank date".into(),
            },
        );
    }
    let filled = merge.filled;
    if filled.is_empty() {
        cx.change(row, record, Effect::Unchanged);
    } else {
        cx.cite(Cited::Risk(i), row);
        cx.change(row, record, Effect::Updated(filled));
    }
}
