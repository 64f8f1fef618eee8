//! `Organisation` and `Person` in scripts.
//!
//! ```text
//! o.id  o.name  o.kind ("chief_officer_of_police", ...)  o.from  o.to (When or ())
//! o.is_responsible_authority      // on the evaluation date, under s.5(1)
//! o.ra_limb                       // "s.5(1)(b)" or ()
//! o.is_council  o.is_health_body  o.co_operating (true or (): named as a co-operating body)
//! o.in_being                      // false for a kind abolished by law by the date
//! o.first_reported  o.last_reported   // the first and last dates a source read reports it (When or ())
//! o.reported_after(date)          // true when a source dated after `date` presents it as current
//! person.id  person.name  person.title  person.organisation (Organisation or ())
//! ```

use rhai::{Dynamic, Engine};
use scrutineer_graph::as_of::{Reported, State};
use scrutineer_graph::{Date, NodeKey, Tri};

use super::{Org, Person, View, opt, opt_str, tri};
use crate::law;

/// The organisation's kind on the date (a change may give it a new one).
pub(crate) fn kind(o: &Org) -> scrutineer_graph::model::OrgKind {
    kind_on(&o.view, o.index)
}

/// The kind of organisation `index` on the view's date.
pub(crate) fn kind_on(view: &View, index: usize) -> scrutineer_graph::model::OrgKind {
    let x = &view.graph.data.organisations[index];
    view.value(
        &scrutineer_graph::as_of::history(x.from, Some(x.kind), &x.evidence, &x.changes, |c| {
            c.kind
        }),
        State::Identity,
    )
    .known()
    .unwrap_or(x.kind)
}

fn name(o: &Org) -> String {
    name_on(&o.view, o.index)
}

/// The name of organisation `index` on the view's date (a change may rename it).
pub(crate) fn name_on(view: &View, index: usize) -> String {
    let x = &view.graph.data.organisations[index];
    view.value(
        &scrutineer_graph::as_of::history(
            x.from,
            Some(x.name.clone()),
            &x.evidence,
            &x.changes,
            |c| c.name.clone(),
        ),
        State::Identity,
    )
    .known()
    .unwrap_or_else(|| x.name.clone())
}

fn limb(o: &Org) -> Option<&'static str> {
    let v = &o.view;
    law::responsible_authority_limb(kind(o), v.graph.data.nation, v.tier(), v.as_of)
}

/// Whether a source read that is dated after `after` (and by the evaluation date) presents the
/// organisation as current: yes when one certainly is, maybe when a source's date straddles.
fn reported_after(o: &Org, after: Date) -> Tri {
    let v = &o.view;
    if o.rec().evidence.is_empty() {
        // Written into the file with no source: it presents the body as current throughout its
        // own dates.
        let (from, to) = (o.rec().from, o.rec().to);
        return v.span(from, to).and(Tri::from_bool(v.as_of > after));
    }
    let mut answer = Tri::No;
    for e in &o.rec().evidence {
        let Some(s) = v
            .graph
            .source_index(&e.source)
            .map(|i| &v.graph.data.sources[i])
        else {
            continue;
        };
        if !v.reads(s) {
            continue;
        }
        let Some(w) = s.date else {
            answer = answer.or(Tri::Maybe);
            continue;
        };
        answer = answer.or(w.after(after).and(w.on_or_before(v.as_of)));
    }
    answer
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Org>("Organisation")
        .register_get("id", |o: &mut Org| o.rec().id.clone())
        .register_get("name", |o: &mut Org| name(o))
        .register_get("kind", |o: &mut Org| kind(o).as_str().to_string())
        .register_get("from", |o: &mut Org| opt(o.rec().from))
        .register_get("to", |o: &mut Org| opt(o.rec().to))
        .register_get("is_responsible_authority", |o: &mut Org| limb(o).is_some())
        .register_get("ra_limb", |o: &mut Org| opt_str(limb(o)))
        .register_get("is_council", |o: &mut Org| law::is_council(kind(o)))
        .register_get("co_operating", |o: &mut Org| opt(o.rec().co_operating))
        .register_get("in_being", |o: &mut Org| {
            law::in_being(kind(o), o.view.graph.data.place, o.view.as_of)
        })
        .register_get("is_health_body", |o: &mut Org| law::is_health_body(kind(o)))
        .register_get("first_reported", |o: &mut Org| {
            opt(o.view.reported(&o.rec().evidence).first_when())
        })
        .register_get("last_reported", |o: &mut Org| {
            match o.view.reported(&o.rec().evidence) {
                r @ Reported::Reports { .. } => opt(r.last_when()),
                _ => Dynamic::UNIT,
            }
        })
        .register_fn("reported_after", |o: &mut Org, after: Date| {
            tri(reported_after(o, after))
        })
        .register_fn("==", |a: Org, b: Org| a.index == b.index)
        .register_fn("!=", |a: Org, b: Org| a.index != b.index)
        .register_fn("to_string", |o: &mut Org| name(o));

    engine
        .register_type_with_name::<Person>("Person")
        .register_get("id", |x: &mut Person| x.rec().id.clone())
        .register_get("name", |x: &mut Person| x.rec().name.clone())
        .register_get("title", |x: &mut Person| opt(x.rec().title.clone()))
        .register_get("organisation", |x: &mut Person| {
            let v = &x.view;
            match v.graph.data.people[x.index]
                .organisation
                .as_deref()
                .and_then(|id| v.graph.node(id))
            {
                Some(NodeKey::Organisation(i)) => Dynamic::from(Org::new(v, i)),
                _ => Dynamic::UNIT,
            }
        })
        .register_fn("to_string", |x: &mut Person| x.rec().name.clone());
}
