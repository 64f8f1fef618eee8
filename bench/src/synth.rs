//! A deterministic generator of synthetic partnerships: the same node kinds and date patterns as
//! the real files, realistic sizes, and gaps planted at known rates so the rules have something
//! to find. The same seed gives the same files, byte for byte, on any machine: the random
//! numbers come from a small SplitMix64 written here rather than a crate whose algorithm might
//! change between versions.

use scrutineer_graph::model::*;
use scrutineer_graph::{Date, When};

/// SplitMix64: small, fast, and fixed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The rates at which gaps are planted, so a run over synthetic data can be checked against
/// what it should find.
pub mod rates {
    /// Probation has no seat on the strategy group (whose members are listed in full).
    pub const PROBATION_MISSING: f64 = 0.10;
    /// The health seat is still held by a clinical commissioning group.
    pub const STALE_CCG: f64 = 0.10;
    /// A priority's owner is shown blank.
    pub const PRIORITY_OWNER_BLANK: f64 = 0.10;
    /// An action is overdue and still in progress.
    pub const ACTION_OVERDUE: f64 = 0.15;
    /// A risk register cell is blank.
    pub const RISK_CELL_BLANK: f64 = 0.08;
    /// A fixed-term post has no recorded funding end.
    pub const POST_NO_END: f64 = 0.30;
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).expect("valid")
}

fn ev(source: &str, at: String) -> Vec<Evidence> {
    vec![Evidence {
        source: source.into(),
        at: Some(at),
        quote: None,
        note: None,
    }]
}

/// One synthetic partnership of about `nodes` nodes (organisations, groups, meetings,
/// documents, priorities, actions, posts and risks together).
pub fn partnership(rng: &mut Rng, index: usize, nodes: usize) -> Partnership {
    let id = format!("synthetic-{index:05}");
    let wales = rng.chance(0.1);
    let district = !wales && rng.chance(0.6);
    let start_year = 2016 + rng.below(4) as i32;
    let src = "minutes";
    let mut orgs = vec![Organisation {
        also_known_as: Vec::new(),
        co_operating: None,
        replaces: None,
        changes: Vec::new(),
        id: "council".into(),
        name: format!(
            "Synthetic {} Council {index}",
            if district { "District" } else { "Borough" }
        ),
        kind: if wales {
            OrgKind::WelshCouncil
        } else if district {
            OrgKind::DistrictCouncil
        } else {
            OrgKind::UnitaryCouncil
        },
        from: None,
        to: None,
        evidence: ev(src, "members".into()),
    }];
    let push_org = |orgs: &mut Vec<Organisation>, id: &str, name: String, kind: OrgKind| {
        orgs.push(Organisation {
            also_known_as: Vec::new(),
            co_operating: None,
            replaces: None,
            changes: Vec::new(),
            id: id.into(),
            name,
            kind,
            from: None,
            to: None,
            evidence: ev(src, "members".into()),
        });
    };
    if district {
        push_org(
            &mut orgs,
            "county",
            format!("Synthetic County Council {index}"),
            OrgKind::CountyCouncil,
        );
    }
    push_org(
        &mut orgs,
        "police",
        format!("Synthetic Police {index}"),
        OrgKind::ChiefOfficerOfPolice,
    );
    push_org(
        &mut orgs,
        "fire",
        format!("Synthetic Fire and Rescue Authority {index}"),
        OrgKind::FireAndRescueAuthority,
    );
    push_org(
        &mut orgs,
        "probation",
        "The Probation Service".into(),
        OrgKind::ProbationProvider,
    );
    let health = if wales {
        OrgKind::LocalHealthBoard
    } else if rng.chance(rates::STALE_CCG) {
        OrgKind::ClinicalCommissioningGroup
    } else {
        OrgKind::IntegratedCareBoard
    };
    push_org(
        &mut orgs,
        "health",
        format!("Synthetic Health Body {index}"),
        health,
    );
    push_org(
        &mut orgs,
        "pcc",
        format!("Synthetic Police and Crime Commissioner {index}"),
        OrgKind::LocalPolicingBody,
    );
    let partners = 3 + rng.below(10) as usize;
    for j in 0..partners {
        let kind = *rng.pick(&[
            OrgKind::HousingProvider,
            OrgKind::VoluntarySector,
            OrgKind::Business,
            OrgKind::YouthOffendingTeam,
        ]);
        push_org(
            &mut orgs,
            &format!("partner-{j}"),
            format!("Partner {j}"),
            kind,
        );
    }
    let responsible: Vec<String> = orgs
        .iter()
        .take(orgs.len() - partners)
        .filter(|o| o.id != "pcc")
        .map(|o| o.id.clone())
        .collect();

    let subgroups = 2 + rng.below(6) as usize;
    let mut groups = vec![Group {
        meetings_per_year: Some(4),
        members_listed_in_full: true,
        meetings_listed_in_full: rng.chance(0.5),
        evidence: ev(src, "terms of reference".into()),
        ..Group::new(
            "board",
            format!("Synthetic Community Safety Board {index}"),
            GroupKind::StrategyGroup,
        )
    }];
    for g in 0..subgroups {
        let kind = *rng.pick(&[
            GroupKind::Subgroup,
            GroupKind::TaskGroup,
            GroupKind::OperationalGroup,
        ]);
        groups.push(Group::new(
            format!("sub-{g}"),
            format!("Subgroup {g}"),
            kind,
        ));
    }
    groups.push(Group::new(
        "committee",
        "Overview and Scrutiny Committee",
        GroupKind::CrimeAndDisorderCommittee,
    ));

    let mut memberships = Vec::new();
    for ra in &responsible {
        if ra == "probation" && rng.chance(rates::PROBATION_MISSING) {
            continue;
        }
        memberships.push(Membership {
            member: ra.clone(),
            group: "board".into(),
            role: if ra == "council" {
                Role::Chair
            } else {
                Role::Member
            },
            senior: Some(rng.chance(0.8)),
            status: None,
            appointed_by: vec![],
            from: Some(When::Month {
                year: start_year,
                month: 1 + rng.below(12) as u32,
            }),
            to: None,
            evidence: ev(src, "attendance".into()),
        });
    }
    for g in 0..subgroups {
        for j in 0..(2 + rng.below(4)) {
            memberships.push(Membership {
                member: format!("partner-{}", (g + j as usize) % partners),
                group: format!("sub-{g}"),
                role: Role::Member,
                senior: None,
                status: None,
                appointed_by: vec![],
                from: None,
                to: None,
                evidence: vec![],
            });
        }
    }
    let reporting = (0..subgroups)
        .filter(|_| !rng.chance(0.05))
        .map(|g| ReportsTo {
            group: format!("sub-{g}"),
            to: "board".into(),
            from: None,
            until: None,
            evidence: vec![],
        })
        .collect();

    // About a tenth of the nodes are meetings, a fifth priorities and documents, the rest
    // actions, posts and risks, much as a busy partnership's records look.
    let meetings_n = (nodes / 10).max(4);
    let mut meetings = Vec::new();
    for m in 0..meetings_n {
        let month = (m as i64) * 3;
        let date = day(start_year, 1, 10 + rng.below(15) as u32).add_months(month);
        let attendance = responsible
            .iter()
            .map(|o| Attendance {
                member: o.clone(),
                status: if o == "probation" && rng.chance(0.3) {
                    AttendanceStatus::Absent
                } else {
                    AttendanceStatus::Present
                },
            })
            .collect();
        meetings.push(Meeting {
            id: format!("board-{m}"),
            group: "board".into(),
            date: When::Day(date),
            status: if rng.chance(0.05) {
                MeetingStatus::Cancelled
            } else {
                MeetingStatus::Held
            },
            attendance,
            attendance_listed_in_full: rng.chance(0.5),
            public: None,
            reports_from: Vec::new(),
            papers: Vec::new(),
            tabled: Vec::new(),
            items: vec![],
            evidence: ev(src, format!("meeting {m}")),
        });
    }

    let mut documents = Vec::new();
    let plans = 3;
    for k in 0..plans {
        let from = start_year - 3 + 3 * k as i32;
        documents.push(Document {
            period_from: Some(When::Month {
                year: from,
                month: 4,
            }),
            period_to: Some(When::Month {
                year: from + 3,
                month: 3,
            }),
            approved: Some(When::Day(day(from, 3, 1 + rng.below(27) as u32))),
            approved_by: Some("board".into()),
            status: Some(DocStatus::Final),
            covers: vec![
                Topic::CrimeAndDisorder,
                Topic::SubstanceMisuse,
                Topic::Reoffending,
            ],
            topics_listed_in_full: rng.chance(0.5),
            revisions: (1..3)
                .filter(|_| rng.chance(0.85))
                .map(|y| Revision {
                    date: When::Month {
                        year: from + y,
                        month: 3,
                    },
                    note: None,
                    evidence: vec![],
                })
                .collect(),
            evidence: ev(src, "plan".into()),
            ..Document::new(
                format!("plan-{k}"),
                format!("Community Safety Plan {}-{}", from, from + 3),
                DocKind::PartnershipPlan,
            )
        });
    }
    for y in 0..8 {
        if rng.chance(0.1) {
            continue;
        }
        documents.push(Document {
            approved: Some(When::Month {
                year: start_year - 1 + y,
                month: 1 + rng.below(12) as u32,
            }),
            status: Some(DocStatus::Final),
            ..Document::new(
                format!("sa-{y}"),
                format!("Strategic Assessment {}", start_year - 1 + y),
                DocKind::StrategicAssessment,
            )
        });
    }
    documents.push(Document {
        ..Document::new("register", "Risk register", DocKind::RiskRegister)
    });

    let priorities_n = (nodes / 20).max(3);
    let priorities: Vec<Priority> = (0..priorities_n)
        .map(|i| Priority {
            id: format!("priority-{i}"),
            title: format!("Priority {i}"),
            plan: Some(format!("plan-{}", i % plans)),
            owner: Some(if rng.chance(rates::PRIORITY_OWNER_BLANK) {
                String::new()
            } else {
                responsible[i % responsible.len()].clone()
            }),
            measures: if rng.chance(0.3) {
                None
            } else {
                Some(vec![Measure {
                    description: "incidents".into(),
                    baseline: rng.chance(0.8).then(|| "100".into()),
                    target: Some("90".into()),
                }])
            },
            themes: vec![],
            evidence: vec![],
        })
        .collect();
    let posts_n = (nodes / 50).max(2);
    let posts = (0..posts_n)
        .map(|i| {
            let fixed = rng.chance(0.5);
            Post {
                changes: Vec::new(),
                id: format!("post-{i}"),
                title: format!("Post {i}"),
                host: Some("council".into()),
                fixed_term: Some(fixed),
                funding: Some(if fixed {
                    Funding::External
                } else {
                    Funding::Core
                }),
                funding_source: None,
                funding_end: if fixed && !rng.chance(rates::POST_NO_END) {
                    Some(When::Month {
                        year: start_year + 1 + rng.below(7) as i32,
                        month: 3,
                    })
                } else {
                    None
                },
                vacant: Some(rng.chance(0.03)),
                evidence: vec![],
            }
        })
        .collect();
    let risks_n = (nodes / 25).max(3);
    let cell = |rng: &mut Rng, text: &str| {
        Some(Text(if rng.chance(rates::RISK_CELL_BLANK) {
            String::new()
        } else {
            text.into()
        }))
    };
    let risks = (0..risks_n)
        .map(|i| Risk {
            id: format!("risk-{i}"),
            description: format!("Risk {i}"),
            register: Some("register".into()),
            consequence: cell(rng, "harm"),
            likelihood: cell(rng, "Medium"),
            impact: cell(rng, "High"),
            controls: cell(rng, "Board oversight"),
            owner: cell(rng, "Chair"),
            review_date: Some(DateCell::Date(When::Month {
                year: start_year + rng.below(7) as i32,
                month: 1 + rng.below(12) as u32,
            })),
            evidence: vec![],
        })
        .collect();
    let used = orgs.len()
        + groups.len()
        + meetings.len()
        + documents.len()
        + priorities_n
        + posts_n
        + risks_n;
    let actions_n = nodes.saturating_sub(used).max(5);
    let actions = (0..actions_n)
        .map(|i| {
            let due = day(start_year, 1, 1).add_days(rng.below(365 * 7) as i64);
            let overdue = rng.chance(rates::ACTION_OVERDUE);
            Action {
                changes: Vec::new(),
                id: format!("action-{i}"),
                title: format!("Action {i}"),
                priority: None,
                plan: Some(format!("plan-{}", i % plans)),
                owner: Some(responsible[i % responsible.len()].clone()),
                due: Some(DateCell::Date(When::Day(due))),
                status: Some(if overdue {
                    ActionStatus::InProgress
                } else {
                    ActionStatus::Complete
                }),
                completed: (!overdue).then(|| When::Day(due.add_days(-(rng.below(60) as i64)))),
                evidence: vec![],
            }
        })
        .collect();
    let scrutiny_reviews = (0..7)
        .filter(|_| !rng.chance(0.1))
        .map(|y| ScrutinyReview {
            id: format!("review-{y}"),
            committee: "committee".into(),
            date: When::Month {
                year: start_year + y,
                month: 3,
            },
            topic: "the partnership's work".into(),
            covers: vec![],
            meeting: None,
            recommendations: vec![],
            sent_to: Vec::new(),
            circulation_listed_in_full: false,
            responses: Vec::new(),
            responses_listed_in_full: false,
            requests: Vec::new(),
            evidence: vec![],
        })
        .collect();
    Partnership {
        place: None,
        complete: Vec::new(),
        changes: Vec::new(),
        id,
        name: format!("Synthetic Community Safety Partnership {index}"),
        areas: vec![format!("Synthetic area {index}")],
        nation: if wales { Nation::Wales } else { Nation::England },
        tier: if wales { Tier::WelshPrincipalArea } else if district { Tier::District } else { Tier::Unitary },
        county: district.then(|| "Synthetic County".to_string()),
        formed: Some(When::Year(1999)),
        merged_from: vec![],
        combination: None,
        notes: vec!["Synthetic: generated by scrutineer-bench's synth for benchmarks; not a real partnership.".into()],
        evidence: vec![],
        sources: vec![Source { id: src.into(), title: "Synthetic minutes".into(), date: Some(When::Year(start_year + 6)), url: None, note: None }],
        organisations: orgs,
        people: vec![],
        groups,
        memberships,
        reporting,
        meetings,
        documents,
        priorities,
        actions,
        posts,
        risks,
        scrutiny_reviews,
        case_reviews: vec![],
        referrals: vec![],
        services: vec![],
        data_returns: vec![],
        waivers: vec![],
    }
}

/// Node count of a partnership, as the generator counts it.
pub fn nodes(p: &Partnership) -> usize {
    p.organisations.len()
        + p.groups.len()
        + p.meetings.len()
        + p.documents.len()
        + p.priorities.len()
        + p.actions.len()
        + p.posts.len()
        + p.risks.len()
}
