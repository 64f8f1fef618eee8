//! Properties over generated partnerships (proptest):
//!
//! - `fmt` round-trips: writing the canonical form and loading it gives the same records, and
//!   formatting that again changes nothing;
//! - results are the same at 1 thread and at 3;
//! - evaluating as of a date never sees a fact that starts after it: the results equal those of
//!   a copy with every later fact removed.

mod common;

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
    ) -> Partnership {
        let org_ids: Vec<String> = (0..orgs.len()).map(|i| format!("o{i}")).collect();
        let group_ids: Vec<String> = (0..groups.len()).map(|i| format!("g{i}")).collect();
        let doc_ids: Vec<String> = (0..docs.len()).map(|i| format!("d{i}")).collect();
        let org = |i: usize| org_ids[i % org_ids.len()].clone();
        let group = |i: usize| group_ids[i % group_ids.len()].clone();
        Partnership {
            id: "generated".into(),
            name: "Generated Partnership".into(),
            areas: vec![],
            nation: Nation::England,
            tier: if district { Tier::District } else { Tier::Unitary },
            county: None,
            place: None,
            formed: None,
            merged_from: vec![],
            combination: None,
            notes: vec![],
            evidence: vec![],
            sources: vec![Source { id: "s".into(), title: "Generated".into(), date: Some(When::Year(2020)), url: None, note: None }],
            organisations: orgs.iter().enumerate().map(|(i, (k, to))| Organisation {
                id: org_ids[i].clone(), name: format!("Organisation {i}"), kind: ORG_KINDS[*k], from: None, to: *to, also_known_as: vec![], replaces: None, changes: vec![], co_operating: None,
                evidence: vec![Evidence { source: "s".into(), at: Some(format!("item {i}")), quote: None, note: None }],
            }).collect(),
            people: vec![],
            groups: groups.iter().enumerate().map(|(i, (k, full, meetings_full, per_year, suspended, chair))| Group {
                id: group_ids[i].clone(), name: format!("Group {i}"), kind: GROUP_KINDS[*k], chair: chair.clone(), vice_chair: None,
                quorum: None, meetings_per_year: *per_year, terms_of_reference: None, from: None, to: None,
                suspended_from: *suspended, suspended_to: None, replaces: None, changes: vec![], councils: vec![], designation: None, members_listed_in_full: *full, meetings_listed_in_full: *meetings_full,
                notes: vec![], evidence: vec![],
            }).collect(),
            memberships: seats.iter().map(|(o, g, status, chair, (from, to))| Membership {
                member: org(*o), group: group(*g), role: if *chair { Role::Chair } else { Role::Member }, senior: None,
                status: status.map(|s| STATUSES[s]), appointed_by: vec![], from: *from, to: *to, evidence: vec![],
            }).collect(),
            reporting: lines.iter().filter(|(a, b, _)| a % group_ids.len() != b % group_ids.len()).map(|(a, b, (from, until))| ReportsTo {
                group: group(*a), to: group(*b), from: *from, until: *until, evidence: vec![],
            }).collect(),
            meetings: meetings.iter().enumerate().map(|(i, (g, date, held, attendance))| Meeting {
                id: format!("m{i}"), group: group(*g), date: *date, status: if *held { MeetingStatus::Held } else { MeetingStatus::Cancelled },
                attendance: attendance.iter().map(|(o, s)| Attendance { member: org(*o), status: ATTENDANCE[*s] }).collect(),
                attendance_listed_in_full: false, items: vec![], evidence: vec![],
                public: None,
                reports_from: Vec::new(),
                papers: Vec::new(),
                tabled: Vec::new(),
            }).collect(),
            documents: docs.iter().enumerate().map(|(i, (k, (from, to), approved, draft, topics, revisions, next))| Document {
                id: doc_ids[i].clone(), title: format!("Document {i}"), kind: DOC_KINDS[*k], period_from: *from, period_to: *to, due: None,
                approved: *approved, published: None, approved_by: None, status: Some(if *draft { DocStatus::Draft } else { DocStatus::Final }),
                covers: { let mut t: Vec<Topic> = topics.iter().map(|x| TOPICS[*x]).collect(); t.dedup(); t },
                topics_listed_in_full: *draft, regard_to: vec![],
                revisions: revisions.iter().map(|w| Revision { date: *w, note: None, evidence: vec![] }).collect(),
                next_revision_due: *next, notes: vec![], evidence: vec![],
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
                completed: *completed, evidence: vec![], changes: vec![],
            }).collect(),
            posts: posts.iter().enumerate().map(|(i, (fixed, funding, end, vacant))| Post {
                id: format!("post{i}"), title: format!("Post {i}"), host: None, fixed_term: *fixed,
                funding: funding.map(|f| [Funding::Core, Funding::External, Funding::Mixed][f]), funding_source: None, funding_end: *end, vacant: *vacant, evidence: vec![], changes: vec![],
            }).collect(),
            risks: risks.iter().enumerate().map(|(i, (c, l, im, ctl, review))| Risk {
                id: format!("r{i}"), description: format!("Risk {i}"), register: None, consequence: c.clone(), likelihood: l.clone(), impact: im.clone(),
                controls: ctl.clone(), owner: None, review_date: *review, evidence: vec![],
            }).collect(),
            scrutiny_reviews: reviews.iter().enumerate().map(|(i, (g, date))| ScrutinyReview {
                id: format!("sr{i}"), committee: group(*g), date: *date, topic: "the partnership".into(), covers: vec![], meeting: None, recommendations: vec![], sent_to: vec![], circulation_listed_in_full: false, responses: vec![], responses_listed_in_full: false, requests: vec![], evidence: vec![],
            }).collect(),
            case_reviews: vec![],
            referrals: vec![],
            services: vec![],
            data_returns: vec![],
            complete: vec![],
            waivers: vec![],
        }
    }
}

fn results(p: &Partnership, on: Date) -> Vec<scrutineer_rules::Finding> {
    let g = Arc::new(Graph::build(Path::new("generated.ron"), p.clone()));
    let eval = common::evaluate(&[g], on, &[]);
    assert!(eval.errors.is_empty(), "rule errors: {:?}", eval.errors);
    eval.findings
}

/// The partnership as the records stood on `on`: every dated fact that starts after it removed.
fn known_on(p: &Partnership, on: Date) -> Partnership {
    let starts_after = |w: Option<When>| w.is_some_and(|w| w.earliest() > on);
    let happens_after = |w: When| w.latest() > on;
    let mut q = p.clone();
    q.memberships.retain(|m| !starts_after(m.from));
    q.reporting.retain(|r| !starts_after(r.from));
    q.meetings.retain(|m| !happens_after(m.date));
    q.scrutiny_reviews.retain(|s| !happens_after(s.date));
    for g in &mut q.groups {
        if starts_after(g.suspended_from) {
            g.suspended_from = None;
        }
    }
    // A document exists once approved (or published); with neither, once its period begins.
    let exists = |d: &Document| match d.approved.or(d.published) {
        Some(w) => !happens_after(w),
        None => !starts_after(d.period_from),
    };
    let gone: Vec<String> = q
        .documents
        .iter()
        .filter(|d| !exists(d))
        .map(|d| d.id.clone())
        .collect();
    q.documents.retain(|d| !gone.contains(&d.id));
    q.priorities
        .retain(|x| x.plan.as_ref().is_none_or(|d| !gone.contains(d)));
    q.actions
        .retain(|x| x.plan.as_ref().is_none_or(|d| !gone.contains(d)));
    for d in &mut q.documents {
        d.revisions.retain(|r| !happens_after(r.date));
    }
    for a in &mut q.actions {
        if a.completed.is_some_and(happens_after) {
            a.completed = None;
            a.status = Some(ActionStatus::InProgress);
        }
    }
    q
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
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| common::evaluate(&g, on, &[]).findings)
        };
        prop_assert_eq!(run(1), run(3));
    }

    #[test]
    fn as_of_never_sees_a_later_fact(p in arb_partnership(), y in 2006i32..2027, m in 1u32..=12) {
        let on = day(y, m, 15);
        prop_assert_eq!(results(&p, on), results(&known_on(&p, on), on));
    }
}
