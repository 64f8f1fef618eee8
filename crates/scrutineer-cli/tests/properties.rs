//! Properties over generated partnerships (proptest), whose records cite sources of uncertain
//! dates and whose lists are declared complete for some days:
//!
//! - `fmt` round-trips: writing the canonical form and loading it gives the same records, and
//!   formatting that again changes nothing;
//! - results are the same at 1 thread and at 3;
//! - what was known on a day does not depend on papers written later: adding a later source,
//!   and records and complete lists that cite it, changes nothing `--known-on` that day;
//! - a verdict never rests on a maybe: making dates less precise (each widened to a range that
//!   holds the exact date) never gives a pass or a failure that the exact dates do not give.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use scrutineer_graph::format::{canonical, format_text};
use scrutineer_graph::model::*;
use scrutineer_graph::{Date, Graph, When, load_str};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

fn arb_when() -> impl Strategy<Value = When> {
    (2005i32..2026, 1u32..=12, 1u32..=28, 0u8..4, 0i64..18).prop_map(|(y, m, d, form, span)| {
        match form {
            0 => When::Day(day(y, m, d)),
            1 => When::Month { year: y, month: m },
            2 => When::Year(y),
            _ => {
                let a = day(y, m, 1);
                When::Between(a, a.add_months(span).end_of_month())
            }
        }
    })
}

/// A period: an optional start and an end at or after it.
fn arb_period() -> impl Strategy<Value = (Option<When>, Option<When>)> {
    (
        proptest::option::of(arb_when()),
        proptest::option::of(0i64..60),
    )
        .prop_map(|(from, len)| match (from, len) {
            (Some(f), Some(n)) => (Some(f), Some(When::Day(f.latest().add_months(n)))),
            (f, _) => (f, None),
        })
}

const ORG_KINDS: [OrgKind; 9] = [
    OrgKind::DistrictCouncil,
    OrgKind::CountyCouncil,
    OrgKind::ChiefOfficerOfPolice,
    OrgKind::FireAndRescueAuthority,
    OrgKind::ProbationProvider,
    OrgKind::ClinicalCommissioningGroup,
    OrgKind::IntegratedCareBoard,
    OrgKind::PoliceAuthority,
    OrgKind::LocalPolicingBody,
];
const GROUP_KINDS: [GroupKind; 4] = [
    GroupKind::StrategyGroup,
    GroupKind::Subgroup,
    GroupKind::TaskGroup,
    GroupKind::CrimeAndDisorderCommittee,
];
const DOC_KINDS: [DocKind; 4] = [
    DocKind::PartnershipPlan,
    DocKind::StrategicAssessment,
    DocKind::SeriousViolenceStrategy,
    DocKind::PoliceAndCrimePlan,
];
const TOPICS: [Topic; 5] = [
    Topic::CrimeAndDisorder,
    Topic::SubstanceMisuse,
    Topic::Reoffending,
    Topic::SeriousViolence,
    Topic::AntiSocialBehaviour,
];
const STATUSES: [Participation; 4] = [
    Participation::Participating,
    Participation::NotParticipating,
    Participation::Vacant,
    Participation::Declined,
];
const ATTENDANCE: [AttendanceStatus; 4] = [
    AttendanceStatus::Present,
    AttendanceStatus::Substitute,
    AttendanceStatus::Apologies,
    AttendanceStatus::Absent,
];

fn text_cell() -> impl Strategy<Value = Option<Text>> {
    proptest::option::of(prop_oneof![Just(String::new()), "[a-z ']{1,12}"].prop_map(Text))
}

prop_compose! {
    fn arb_partnership()(
        district in any::<bool>(),
        wales in any::<bool>(),
        orgs in prop::collection::vec((0usize..ORG_KINDS.len(), proptest::option::of(arb_when().prop_map(|w| When::Day(w.latest())))), 1..6),
        groups in prop::collection::vec((0usize..GROUP_KINDS.len(), any::<bool>(), any::<bool>(), proptest::option::of(0u32..6), proptest::option::of(arb_when()), proptest::option::of(prop_oneof![Just(String::new()), Just("o0".to_string())])), 1..4),
        seats in prop::collection::vec((0usize..8, 0usize..4, proptest::option::of(0usize..STATUSES.len()), any::<bool>(), arb_period()), 0..10),
        lines in prop::collection::vec((0usize..4, 0usize..4, arb_period()), 0..4),
        meetings in prop::collection::vec((0usize..4, arb_when(), any::<bool>(), prop::collection::vec((0usize..8, 0usize..ATTENDANCE.len()), 0..4)), 0..8),
        docs in prop::collection::vec((0usize..DOC_KINDS.len(), arb_period(), proptest::option::of(arb_when()), any::<bool>(), prop::collection::vec(0usize..TOPICS.len(), 0..4), prop::collection::vec(arb_when(), 0..3), proptest::option::of(arb_when())), 0..5),
        priorities in prop::collection::vec((0usize..5, proptest::option::of(prop_oneof![Just(String::new()), Just("o0".to_string())]), proptest::option::of(prop::collection::vec(("[a-z ]{1,10}", proptest::option::of("[0-9]{1,3}"), proptest::option::of("[0-9]{1,3}")), 0..3))), 0..4),
        actions in prop::collection::vec((0usize..5, proptest::option::of(prop_oneof![Just(String::new()), Just("o0".to_string())]), proptest::option::of(prop_oneof![Just(DateCell::Blank), arb_when().prop_map(DateCell::Date)]), proptest::option::of(0usize..4), proptest::option::of(arb_when())), 0..4),
        posts in prop::collection::vec((proptest::option::of(any::<bool>()), proptest::option::of(0usize..3), proptest::option::of(arb_when()), proptest::option::of(any::<bool>())), 0..3),
        risks in prop::collection::vec((text_cell(), text_cell(), text_cell(), text_cell(), proptest::option::of(prop_oneof![Just(DateCell::Blank), arb_when().prop_map(DateCell::Date)])), 0..3),
        reviews in prop::collection::vec((0usize..4, arb_when()), 0..3),
        sources in prop::collection::vec(proptest::option::of(arb_when()), 1..4),
        cites in prop::collection::vec(proptest::option::of(0usize..4), 48),
        declared in prop::collection::vec((0usize..5, 0usize..8, 0u8..3, arb_when(), 0i64..36, proptest::option::of(0usize..4)), 0..4),
    ) -> Partnership {
        // Evidence for the record in slot `k`: a source, or none (as written in the file).
        let cite = |k: usize| -> Vec<Evidence> {
            cites[k % cites.len()].map(|i| vec![Evidence { source: format!("s{}", i % sources.len()), at: None, quote: None, note: None }]).unwrap_or_default()
        };
        let org_ids: Vec<String> = (0..orgs.len()).map(|i| format!("o{i}")).collect();
        let group_ids: Vec<String> = (0..groups.len()).map(|i| format!("g{i}")).collect();
        let doc_ids: Vec<String> = (0..docs.len()).map(|i| format!("d{i}")).collect();
        let org = |i: usize| org_ids[i % org_ids.len()].clone();
        let group = |i: usize| group_ids[i % group_ids.len()].clone();
        Partnership {
            id: "generated".into(),
            name: "Generated Partnership".into(),
            areas: vec![],
            nation: if wales { Nation::Wales } else { Nation::England },
            tier: if district { Tier::District } else { Tier::Unitary },
            county: None,
            place: None,
            formed: None,
            merged_from: vec![],
            combination: None,
            changes: vec![],
            notes: vec![],
            evidence: vec![],
            sources: sources.iter().enumerate().map(|(i, date)| Source { id: format!("s{i}"), title: format!("Paper {i}"), date: *date, url: None, note: None }).collect(),
            organisations: orgs.iter().enumerate().map(|(i, (k, to))| Organisation {
                id: org_ids[i].clone(), name: format!("Organisation {i}"), kind: ORG_KINDS[*k], from: None, to: *to, also_known_as: vec![], replaces: None, changes: vec![], co_operating: None,
                evidence: cite(i),
            }).collect(),
            people: vec![],
            groups: groups.iter().enumerate().map(|(i, (k, full, meetings_full, per_year, suspended, chair))| Group {
                id: group_ids[i].clone(), name: format!("Group {i}"), kind: GROUP_KINDS[*k], kind_inferred: false, chair: chair.clone(), vice_chair: None,
                quorum: None, meetings_per_year: *per_year, terms_of_reference: None, from: None, to: None,
                suspended_from: *suspended, suspended_to: None, replaces: None, changes: vec![], councils: vec![], designation: None, members_listed_in_full: false, meetings_listed_in_full: false,
                notes: vec![], evidence: if *full || *meetings_full { cite(6 + i) } else { vec![] },
            }).collect(),
            memberships: seats.iter().enumerate().map(|(i, (o, g, status, chair, (from, to)))| Membership {
                member: org(*o), group: group(*g), role: if *chair { Role::Chair } else { Role::Member }, senior: None,
                status: status.map(|s| STATUSES[s]), appointed_by: vec![], from: *from, to: *to, evidence: cite(10 + i),
            }).collect(),
            reporting: lines.iter().filter(|(a, b, _)| a % group_ids.len() != b % group_ids.len()).map(|(a, b, (from, until))| ReportsTo {
                group: group(*a), to: group(*b), from: *from, until: *until, evidence: vec![],
            }).collect(),
            meetings: meetings.iter().enumerate().map(|(i, (g, date, held, attendance))| Meeting {
                id: format!("m{i}"), group: group(*g), date: *date, status: if *held { MeetingStatus::Held } else { MeetingStatus::Cancelled },
                attendance: attendance.iter().map(|(o, s)| Attendance { member: org(*o), status: ATTENDANCE[*s] }).collect(),
                attendance_listed_in_full: false, items: vec![], evidence: cite(20 + i),
                public: None,
                reports_from: Vec::new(),
                papers: Vec::new(),
                tabled: Vec::new(),
            }).collect(),
            documents: docs.iter().enumerate().map(|(i, (k, (from, to), approved, draft, topics, revisions, next))| Document {
                id: doc_ids[i].clone(), title: format!("Document {i}"), kind: DOC_KINDS[*k], period_from: *from, period_to: *to, due: None,
                approved: *approved, published: None, approved_by: None, status: Some(if *draft { DocStatus::Draft } else { DocStatus::Final }),
                covers: { let mut t: Vec<Topic> = topics.iter().map(|x| TOPICS[*x]).collect(); t.dedup(); t },
                topics_listed_in_full: false, regard_to: vec![],
                revisions: revisions.iter().map(|w| Revision { date: *w, note: None, evidence: vec![] }).collect(),
                next_revision_due: *next, notes: vec![], evidence: cite(28 + i),
                sent_to: Vec::new(),
                circulation_listed_in_full: false,
                consulted: Vec::new(),
                consultees_listed_in_full: false,
                threshold: None,
                data_from: Vec::new(),
                data_sources_listed_in_full: false,
                considers_crime_and_disorder: None,
                completed: None, presented: None, replaces: None, changes: vec![],
            }).collect(),
            priorities: priorities.iter().enumerate().map(|(i, (d, owner, measures))| Priority {
                id: format!("p{i}"), title: format!("Priority {i}"), plan: (!doc_ids.is_empty()).then(|| doc_ids[d % doc_ids.len()].clone()),
                owner: owner.clone(),
                measures: measures.as_ref().map(|ms| ms.iter().map(|(desc, b, t)| Measure { description: desc.clone(), baseline: b.clone(), target: t.clone() }).collect()),
                themes: vec![], evidence: vec![],
            }).collect(),
            actions: actions.iter().enumerate().map(|(i, (d, owner, due, status, completed))| Action {
                id: format!("a{i}"), title: format!("Action {i}"), priority: None, plan: (!doc_ids.is_empty()).then(|| doc_ids[d % doc_ids.len()].clone()),
                owner: owner.clone(), due: *due,
                status: status.map(|s| [ActionStatus::NotStarted, ActionStatus::InProgress, ActionStatus::Complete, ActionStatus::Cancelled][s]),
                completed: *completed, evidence: cite(42 + i), changes: vec![],
            }).collect(),
            posts: posts.iter().enumerate().map(|(i, (fixed, funding, end, vacant))| Post {
                id: format!("post{i}"), title: format!("Post {i}"), host: None, fixed_term: *fixed,
                funding: funding.map(|f| [Funding::Core, Funding::External, Funding::Mixed][f]), funding_source: None, funding_end: *end, vacant: *vacant, evidence: cite(33 + i), changes: vec![],
            }).collect(),
            risks: risks.iter().enumerate().map(|(i, (c, l, im, ctl, review))| Risk {
                id: format!("r{i}"), description: format!("Risk {i}"), register: None, consequence: c.clone(), likelihood: l.clone(), impact: im.clone(),
                controls: ctl.clone(), owner: None, review_date: *review, evidence: cite(36 + i),
            }).collect(),
            scrutiny_reviews: reviews.iter().enumerate().map(|(i, (g, date))| ScrutinyReview {
                id: format!("sr{i}"), committee: group(*g), date: *date, topic: "the partnership".into(), covers: vec![], meeting: None, recommendations: vec![], sent_to: vec![], circulation_listed_in_full: false, responses: vec![], responses_listed_in_full: false, requests: vec![], evidence: cite(39 + i),
            }).collect(),
            case_reviews: vec![],
            referrals: vec![],
            services: vec![],
            data_returns: vec![],
            complete: declared.iter().filter_map(|(list, of, form, when, months, source)| {
                let (list, of) = match list {
                    0 => (ListKind::Members, Some(group(*of))),
                    1 => (ListKind::Meetings, Some(group(*of))),
                    2 => (ListKind::Documents, None),
                    3 if !meetings.is_empty() => (ListKind::Attendance, Some(format!("m{}", of % meetings.len()))),
                    3 => return None,
                    _ => (ListKind::Reviews, Some(group(*of))),
                };
                let mut c = Complete::new(list, of);
                if list == ListKind::Documents && form % 2 == 0 {
                    c.kind = Some(DOC_KINDS[*months as usize % DOC_KINDS.len()]);
                }
                if list != ListKind::Attendance {
                    match form {
                        0 => c.on = Some(*when),
                        1 => {
                            c.from = Some(*when);
                            c.to = Some(When::Day(when.latest().add_months(*months)));
                        }
                        _ => {}
                    }
                }
                c.evidence = source.map(|i| vec![Evidence { source: format!("s{}", i % sources.len()), at: None, quote: None, note: None }]).unwrap_or_default();
                Some(c)
            }).collect(),
            waivers: vec![],
        }
    }
}

fn results(p: &Partnership, on: Date) -> Vec<scrutineer_rules::Finding> {
    results_known_on(p, on, None)
}

fn results_known_on(
    p: &Partnership,
    on: Date,
    known_on: Option<Date>,
) -> Vec<scrutineer_rules::Finding> {
    let g = Arc::new(Graph::build(Path::new("generated.ron"), p.clone()));
    let eval = common::rules().evaluate_known_on(&[g], on, known_on, None);
    assert!(eval.errors.is_empty(), "rule errors: {:?}", eval.errors);
    eval.findings
}

/// `p` with a paper written `later` days after `on` added, and everything it could say: it
/// confirms the records, seats and absents partners, records a meeting and a plan, and declares
/// the lists complete.
fn with_a_later_paper(p: &Partnership, on: Date, later: i64) -> Partnership {
    let mut q = p.clone();
    let paper = || {
        vec![Evidence {
            source: "later".into(),
            at: None,
            quote: None,
            note: None,
        }]
    };
    q.sources.push(Source {
        id: "later".into(),
        title: "A later paper".into(),
        date: Some(When::Day(on.add_days(later))),
        url: None,
        note: None,
    });
    // The later paper confirms what earlier papers said. (A record with no evidence at all is
    // the file's own assertion, true as written; citing a paper for it would change that.)
    let confirm = |e: &mut Vec<Evidence>| {
        if !e.is_empty() {
            e.extend(paper());
        }
    };
    q.organisations
        .iter_mut()
        .for_each(|x| confirm(&mut x.evidence));
    q.memberships
        .iter_mut()
        .for_each(|x| confirm(&mut x.evidence));
    q.meetings.iter_mut().for_each(|x| confirm(&mut x.evidence));
    q.documents
        .iter_mut()
        .for_each(|x| confirm(&mut x.evidence));
    let g0 = q.groups[0].id.clone();
    for o in p.organisations.iter() {
        q.memberships.push(Membership {
            member: o.id.clone(),
            group: g0.clone(),
            role: Role::Member,
            senior: Some(false),
            status: Some(Participation::NotParticipating),
            appointed_by: vec![],
            from: Some(When::Day(on.add_days(-200))),
            to: None,
            evidence: paper(),
        });
    }
    let mut meeting = Meeting::new("m-later", g0.clone(), When::Day(on.add_days(-30)));
    meeting.attendance = p
        .organisations
        .iter()
        .map(|o| Attendance {
            member: o.id.clone(),
            status: AttendanceStatus::Absent,
        })
        .collect();
    meeting.evidence = paper();
    q.meetings.push(meeting);
    let mut plan = Document::new("d-later", "A later plan", DocKind::PartnershipPlan);
    plan.period_from = Some(When::Day(on.add_days(-400)));
    plan.period_to = Some(When::Day(on.add_days(700)));
    plan.approved = Some(When::Day(on.add_days(-400)));
    plan.evidence = paper();
    q.documents.push(plan);
    for (list, of) in [
        (ListKind::Members, Some(g0.clone())),
        (ListKind::Meetings, Some(g0.clone())),
        (ListKind::Attendance, Some("m-later".to_string())),
        (ListKind::Documents, None),
    ] {
        let mut c = Complete::new(list, of);
        if list.time() == ListTime::Events {
            c.from = Some(When::Day(on.add_days(-1500)));
            c.to = Some(When::Day(on.add_days(later)));
        }
        c.evidence = paper();
        q.complete.push(c);
    }
    q
}

/// A date less precise: a range from a month before its first possible day to a month after
/// its last, so the exact date is one of the days it allows.
fn widen(w: When) -> When {
    match w {
        When::Since(_) | When::Until(_) => w,
        _ => When::Between(w.earliest().add_months(-1), w.latest().add_months(1)),
    }
}

fn widen_all(p: &Partnership) -> Partnership {
    let mut q = p.clone();
    let o = |w: &mut Option<When>| *w = w.map(widen);
    for s in &mut q.sources {
        o(&mut s.date);
    }
    for x in &mut q.organisations {
        o(&mut x.to);
    }
    for g in &mut q.groups {
        o(&mut g.suspended_from);
    }
    for m in &mut q.memberships {
        o(&mut m.from);
        o(&mut m.to);
    }
    for m in &mut q.meetings {
        m.date = widen(m.date);
    }
    for d in &mut q.documents {
        o(&mut d.period_from);
        o(&mut d.period_to);
        o(&mut d.approved);
        o(&mut d.next_revision_due);
        for r in &mut d.revisions {
            r.date = widen(r.date);
        }
    }
    for a in &mut q.actions {
        o(&mut a.completed);
        if let Some(DateCell::Date(w)) = &mut a.due {
            *w = widen(*w);
        }
    }
    for x in &mut q.posts {
        o(&mut x.funding_end);
    }
    for r in &mut q.risks {
        if let Some(DateCell::Date(w)) = &mut r.review_date {
            *w = widen(*w);
        }
    }
    for r in &mut q.scrutiny_reviews {
        r.date = widen(r.date);
    }
    for c in &mut q.complete {
        o(&mut c.on);
        o(&mut c.from);
        o(&mut c.to);
    }
    q
}

/// The findings only one of two runs gave, one per line.
fn differences(a: &[scrutineer_rules::Finding], b: &[scrutineer_rules::Finding]) -> String {
    let show = |f: &scrutineer_rules::Finding| {
        format!("{} {} {:?}: {}", f.rule, f.subject, f.outcome, f.message)
    };
    let only = |x: &[scrutineer_rules::Finding],
                y: &[scrutineer_rules::Finding],
                tag: &str|
     -> Vec<String> {
        x.iter()
            .filter(|f| !y.contains(f))
            .map(|f| format!("{tag} {}", show(f)))
            .collect()
    };
    let mut lines = only(a, b, "-");
    lines.extend(only(b, a, "+"));
    lines.join("\n")
}

/// Each (rule, subject) with the outcomes the rule gave it.
fn verdicts(f: &[scrutineer_rules::Finding]) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut m: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for x in f {
        m.entry((x.rule.clone(), x.subject.clone()))
            .or_default()
            .insert(format!("{:?}", x.outcome));
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fmt_round_trips(p in arb_partnership(), y in 2006i32..2027) {
        let text = canonical(&p);
        let loaded = load_str(Path::new("generated.ron"), text.clone());
        prop_assert!(!loaded.has_errors(), "{:?}\n{text}", loaded.diagnostics);
        let graph = loaded.graph.unwrap();
        prop_assert_eq!(&graph.data, &p);
        prop_assert_eq!(format_text(Path::new("generated.ron"), &text).unwrap(), text);
        prop_assert_eq!(results(&graph.data, day(y, 6, 30)), results(&p, day(y, 6, 30)));
    }

    #[test]
    fn results_do_not_depend_on_the_thread_count(p in arb_partnership(), y in 2006i32..2027) {
        let g = vec![Arc::new(Graph::build(Path::new("generated.ron"), p))];
        let on = day(y, 3, 31);
        let run = |threads: usize| {
            let pool = scrutineer_rules::sandbox::thread_pool(threads);
            pool.install(|| common::evaluate(&g, on, &[]).findings)
        };
        prop_assert_eq!(run(1), run(3));
    }

    #[test]
    fn a_later_paper_changes_nothing_known_before_it(
        p in arb_partnership(),
        y in 2006i32..2027,
        m in 1u32..=12,
        later in 1i64..400,
    ) {
        let on = day(y, m, 15);
        let q = with_a_later_paper(&p, on, later);
        let (a, b) = (results_known_on(&p, on, Some(on)), results_known_on(&q, on, Some(on)));
        prop_assert!(a == b, "{}\n{}", differences(&a, &b), canonical(&q));
    }

    #[test]
    fn a_verdict_never_rests_on_a_maybe(p in arb_partnership(), y in 2006i32..2027, m in 1u32..=12) {
        let on = day(y, m, 15);
        let exact = verdicts(&results(&p, on));
        let vague = verdicts(&results(&widen_all(&p), on));
        for (key, outcomes) in &vague {
            for definite in ["Pass", "Fail", "NotApplicable"] {
                if outcomes.contains(definite) {
                    // A verdict about a subject the exact dates do not judge at all (a rule that
                    // passes on the plan that began last, or fails the partnership rather than
                    // a body that may have ceased) is the same verdict on another subject: the
                    // rule must give it somewhere.
                    let seen = match exact.get(key) {
                        Some(o) => o.contains(definite),
                        None => exact.iter().any(|((rule, _), o)| *rule == key.0 && o.contains(definite)),
                    };
                    prop_assert!(seen, "{key:?} on {on}: {definite} with vague dates, {:?} with exact ones\n{}", exact.get(key), canonical(&p));
                }
            }
        }
    }
}

proptest! {
    // Each case evaluates every day of half a year, so fewer cases.
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// The exact timeline evaluates only the days an outcome can change (and bisects between
    /// them); it must find every span a day-by-day run finds, opening and closing on the same
    /// days.
    #[test]
    fn the_exact_timeline_equals_a_day_by_day_run(p in arb_partnership(), y in 2008i32..2026, m in 1u32..=12) {
        use scrutineer_rules::timeline::{Step, dates, exact_timeline, timeline};
        let g = Arc::new(Graph::build(Path::new("generated.ron"), p));
        let set = common::rules();
        let all: Vec<&scrutineer_rules::Rule> = set.rules.iter().collect();
        let from = day(y, m, 1);
        let to = from.add_months(6);
        let exact = exact_timeline(set, &g, from, to, &all, true);
        let daily = timeline(set, &g, &dates(from, to, Step::Day, usize::MAX), &all, true);
        prop_assert_eq!(&exact.rows, &daily.rows, "{}", canonical(&g.data));
    }
}
