//! `Organisation` and `Person` in scripts.
//!
//! ```text
//! o.id  o.name  o.kind ("chief_officer_of_police", ...)  o.from  o.to (When or ())
//! o.is_responsible_authority      // on the evaluation date, under s.5(1)
//! o.ra_limb                       // "s.5(1)(b)" or ()
//! o.is_council  o.is_health_body
//! person.id  person.name  person.title  person.organisation (Organisation or ())
//! ```

use rhai::{Dynamic, Engine};
use scrutineer_graph::NodeKey;

use super::{Org, Person, opt, opt_str};
use crate::law;

fn limb(o: &Org) -> Option<&'static str> {
    let d = &o.view.graph.data;
    law::responsible_authority_limb(
        d.organisations[o.index].kind,
        d.nation,
        d.tier,
        o.view.as_of,
    )
}

pub(super) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<Org>("Organisation")
        .register_get("id", |o: &mut Org| {
            o.view.graph.data.organisations[o.index].id.clone()
        })
        .register_get("name", |o: &mut Org| {
            o.view.graph.data.organisations[o.index].name.clone()
        })
        .register_get("kind", |o: &mut Org| {
            o.view.graph.data.organisations[o.index]
                .kind
                .as_str()
                .to_string()
        })
        .register_get("from", |o: &mut Org| {
            opt(o.view.graph.data.organisations[o.index].from)
        })
        .register_get("to", |o: &mut Org| {
            opt(o.view.graph.data.organisations[o.index].to)
        })
        .register_get("is_responsible_authority", |o: &mut Org| limb(o).is_some())
        .register_get("ra_limb", |o: &mut Org| opt_str(limb(o)))
        .register_get("is_council", |o: &mut Org| {
            law::is_council(o.view.graph.data.organisations[o.index].kind)
        })
        .register_get("is_health_body", |o: &mut Org| {
            law::is_health_body(o.view.graph.data.organisations[o.index].kind)
        })
        .register_fn("==", |a: Org, b: Org| a.index == b.index)
        .register_fn("!=", |a: Org, b: Org| a.index != b.index)
        .register_fn("to_string", |o: &mut Org| {
            o.view.graph.data.organisations[o.index].name.clone()
        });

    engine
        .register_type_with_name::<Person>("Person")
        .register_get("id", |x: &mut Person| {
            x.view.graph.data.people[x.index].id.clone()
        })
        .register_get("name", |x: &mut Person| {
            x.view.graph.data.people[x.index].name.clone()
        })
        .register_get("title", |x: &mut Person| {
            opt(x.view.graph.data.people[x.index].title.clone())
        })
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
        .register_fn("to_string", |x: &mut Person| {
            x.view.graph.data.people[x.index].name.clone()
        });
}
