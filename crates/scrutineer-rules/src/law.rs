//! The law the rule pack relies on: one table of provisions, each with its citation, address,
//! the days it is in force in each nation and place, and whether its words were read.
//!
//! Rules name an entry (`const LAW = "reg3_1_strategy_group";`) rather than retyping dates;
//! the engine reads the entry's dates to decide "not applicable", and a finding can be a
//! violation only under an entry whose words were read ([`Status::Verified`]).
//! `scrutineer law` prints the table. The entries come from a read of the primary texts in
//! November 2026 (the statutory catalogue, the legal audit and a further read for this table);
//! each quote is the words relied on, at the address given.

use std::sync::LazyLock;

use scrutineer_graph::Date;
use scrutineer_graph::model::{Nation, OrgKind, Place, Tier};

/// How well a provision's words are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Not found: the rule rests on secondary descriptions of it, or on nothing.
    NotFound,
    /// Known only from a secondary source: a council paper, a minister's answer, guidance.
    Secondary,
    /// The words were read at the address given.
    Verified,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Secondary => "secondary",
            Status::NotFound => "not found",
        }
    }
}

/// The days a provision is in force in one nation: from a day, and up to a day if it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub from: Date,
    pub to: Option<Date>,
}

impl Span {
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
}

/// One provision of the law.
#[derive(Clone, Debug)]
pub struct Provision {
    /// The name rules use for it.
    pub name: &'static str,
    /// What it requires or does, in plain words.
    pub what: &'static str,
    /// How it is cited.
    pub citation: &'static str,
    /// Its address on legislation.gov.uk (or the best public copy).
    pub url: &'static str,
    /// When it is in force in England, if it applies there.
    pub england: Option<Span>,
    /// When it is in force in Wales, if it applies there.
    pub wales: Option<Span>,
    /// In London (the metropolitan police district), when its dates differ from England's.
    pub london: Option<Span>,
    /// Places where it does not apply.
    pub except: &'static [Place],
    /// Other days the provision names, by name: a deadline, the end of a pilot, the last day of
    /// a kind of body. Rules read them with `p.law_date(entry, name)`.
    pub dates: &'static [(&'static str, &'static str)],
    /// Whether its words were read.
    pub status: Status,
    /// The words relied on.
    pub quote: &'static str,
}

impl Provision {
    /// The days it is in force for a partnership in `nation` and `place`, if any.
    pub fn span(&self, nation: Nation, place: Option<Place>) -> Option<Span> {
        if place.is_some_and(|p| self.except.contains(&p)) {
            return None;
        }
        match (nation, place) {
            (Nation::England, Some(Place::London)) => self.london.or(self.england),
            (Nation::England, _) => self.england,
            (Nation::Wales, _) => self.wales,
        }
    }

    /// One of the other days it names (see [`Provision::dates`]).
    pub fn date(&self, name: &str) -> Option<Date> {
        self.dates
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| d.parse().expect("the law table's dates are valid days"))
    }

    /// Whether it is in force for a partnership in `nation` and `place` on `day`.
    pub fn in_force(&self, nation: Nation, place: Option<Place>, day: Date) -> bool {
        self.span(nation, place).is_some_and(|s| s.contains(day))
    }
}

fn d(s: &str) -> Date {
    s.parse().expect("the law table's dates are valid days")
}

fn from(s: &str) -> Option<Span> {
    Some(Span {
        from: d(s),
        to: None,
    })
}

fn between(a: &str, b: &str) -> Option<Span> {
    Some(Span {
        from: d(a),
        to: Some(d(b)),
    })
}

const CDA_S5: &str = "https://www.legislation.gov.uk/ukpga/1998/37/section/5";
const CDA_S6: &str = "https://www.legislation.gov.uk/ukpga/1998/37/section/6";
const PJA_S19: &str = "https://www.legislation.gov.uk/ukpga/2006/48/section/19";
const SI_2007_1830: &str = "https://www.legislation.gov.uk/uksi/2007/1830/made";
const SI_2011_1230: &str = "https://www.legislation.gov.uk/uksi/2011/1230/regulation/3/made";
const PCSCA_SV: &str = "https://www.legislation.gov.uk/ukpga/2022/32/part/2/chapter/1";
const ASBCPA_S104: &str = "https://www.legislation.gov.uk/ukpga/2014/12/section/104";

/// The table. Dates are as read; where a date rests on a secondary source, the entry says so.
pub static LAW: LazyLock<Vec<Provision>> = LazyLock::new(|| {
    use Status::*;
    vec![
        Provision {
            name: "cda_s5_responsible_authorities",
            what: "the council, the chief officer of police and the other bodies listed are the responsible authorities for the area",
            citation: "Crime and Disorder Act 1998 s.5(1); SI 1998/2327 art. 2(1)(a)",
            url: CDA_S5,
            england: from("1998-09-30"),
            wales: from("1998-09-30"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "come into force on 30th September 1998– (a) sections 5 to 9 (crime and disorder strategies; parenting orders)",
        },
        Provision {
            name: "cda_s5_police_fire_authorities",
            what: "police authorities and fire and rescue authorities are responsible authorities",
            citation: "Crime and Disorder Act 1998 s.5(1)(c),(d), inserted by Police Reform Act 2002 s.97(2); SI 2003/808 art. 2(j)",
            url: "https://www.legislation.gov.uk/uksi/2003/808/article/2/made",
            england: from("2003-04-01"),
            wales: from("2003-04-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "section 97(2) in so far as it relates to section 5(1)(c) and (d) of the Crime and Disorder Act 1998",
        },
        Provision {
            name: "cda_s5_police_authority_removed",
            what: "police authorities cease to be responsible authorities (replaced by police and crime commissioners)",
            citation: "Police Reform and Social Responsibility Act 2011 Sch. 11 para 2(2); SI 2012/2892 art. 2(f)",
            url: "https://www.legislation.gov.uk/uksi/2012/2892/made",
            england: from("2012-11-22"),
            wales: from("2012-11-22"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "(f) Schedule 11 (crime and disorder strategies), in so far as it is not already in force",
        },
        Provision {
            name: "cda_s5_wales_health",
            what: "the Welsh health body (from its first day the Local Health Board) is a responsible authority",
            citation: "Crime and Disorder Act 1998 s.5(1)(f), inserted by Police Reform Act 2002 s.97(2) (commencing instrument not found); HC Deb 16 June 2004 cc981-2W; SI 2003/148 art. 6(1)",
            url: "https://api.parliament.uk/historic-hansard/written_answers/2004/jun/16/crime-and-disorder-reduction-partnerships",
            england: None,
            wales: from("2003-04-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "Police authorities, fire authorities and health authorities in Wales became responsible authorities with effect from 1 April 2003.",
        },
        Provision {
            name: "cda_s5_pct",
            what: "primary care trusts are responsible authorities in England",
            citation: "Crime and Disorder Act 1998 s.5(1)(e), inserted by Police Reform Act 2002 s.97(2) (commencing instrument not found); HC Deb 16 June 2004 cc981-2W",
            url: "https://api.parliament.uk/historic-hansard/written_answers/2004/jun/16/crime-and-disorder-reduction-partnerships",
            england: between("2004-04-30", "2013-03-31"),
            wales: None,
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "Primary Care Trusts (PCTs) in England became responsible authorities with effect from 30 April 2004.",
        },
        Provision {
            name: "cda_s5_ccg",
            what: "clinical commissioning groups are responsible authorities in England",
            citation: "Crime and Disorder Act 1998 s.5(1)(e) as amended by the Health and Social Care Act 2012",
            url: "https://www.legislation.gov.uk/ukpga/1998/37/part/I/chapter/I/crossheading/crime-and-disorder-strategies/2013-04-01",
            england: between("2013-04-01", "2022-06-30"),
            wales: None,
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "if the local government area is in England, every clinical commissioning group the whole or any part of whose area so lies",
        },
        Provision {
            name: "cda_s5_icb",
            what: "integrated care boards are responsible authorities in England (an integrated care partnership is not)",
            citation: "Crime and Disorder Act 1998 s.5(1)(e) as amended by the Health and Care Act 2022; SI 2022/634 (the amending paragraph was not read)",
            url: "https://www.legislation.gov.uk/ukpga/1998/37/section/5",
            england: from("2022-07-01"),
            wales: None,
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "if the local government area is in England, every integrated care board the whole or any part of whose area so lies",
        },
        Provision {
            name: "cda_s5_probation",
            what: "providers of probation services are responsible authorities",
            citation: "Crime and Disorder Act 1998 s.5(1)(aa), inserted by Policing and Crime Act 2009 s.108; SI 2010/507 (the article for 1 April 2010 was not read in full)",
            url: CDA_S5,
            england: from("2010-04-01"),
            wales: from("2010-04-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "every provider of probation services operating within the area in pursuance of arrangements under section 3 of the Offender Management Act 2007 which provide for it to be a responsible authority under this section",
        },
        Provision {
            name: "probation_unified",
            what: "community rehabilitation companies end; one Probation Service for England and Wales",
            citation: "HL887 (written answer, 22 June 2021)",
            url: "https://questions-statements.parliament.uk/written-questions/detail/2021-06-08/HL887",
            england: from("2021-06-26"),
            wales: from("2021-06-26"),
            london: None,
            except: &[],
            dates: &[("companies_began", "2014-06-01")],
            status: Secondary,
            quote: "We are on track to launch a new unified Probation Service for England and Wales on 26 June this year.",
        },
        Provision {
            name: "reg3_1_strategy_group",
            what: "for each area there shall be a strategy group",
            citation: "SI 2007/1830 reg 3(1) (England); SI 2007/3076 reg 3(1) (Wales), as substituted by SI 2011/1230 and SI 2011/2702",
            url: SI_2011_1230,
            england: from("2007-08-01"),
            wales: from("2007-11-19"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "For each area there shall be a strategy group whose functions shall be to–",
        },
        Provision {
            name: "reg3_2_each_ra_seat",
            what: "the strategy group shall include one or more persons appointed from each responsible authority, one of whom holds a senior position (the regulations as made)",
            citation: "SI 2007/1830 reg 3(2) as made (England); SI 2007/3076 reg 3(2) as made (Wales; wording not read)",
            url: SI_2007_1830,
            england: between("2007-08-01", "2011-05-31"),
            wales: between("2007-11-19", "2011-12-04"),
            london: None,
            except: &[],
            // Verified for England only: `Provision::verified_in` says so per nation.
            dates: &[],
            status: Verified,
            quote: "Subject to paragraph (3) the members of the strategy group shall consist of one or more persons appointed from each responsible authority one of whom shall hold a senior position in that authority.",
        },
        Provision {
            name: "reg3_2_two_or_more",
            what: "the strategy group shall consist of two or more persons appointed by one or more of the responsible authorities",
            citation: "SI 2007/1830 reg 3(2) as substituted by SI 2011/1230 (England); SI 2007/3076 reg 3(2) as substituted by SI 2011/2702 (Wales)",
            url: SI_2011_1230,
            england: from("2011-06-01"),
            wales: from("2011-12-05"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "Subject to paragraph (3) the strategy group shall consist of two or more persons appointed by one or more of the responsible authorities in the area.",
        },
        Provision {
            name: "reg3_3_probation_joint",
            what: "where there is more than one provider of probation services, they jointly appoint to the strategy group",
            citation: "SI 2007/1830 reg 3(3) as substituted by SI 2011/1230 (England); SI 2007/3076 reg 3(3A), inserted by SI 2010/648 (Wales)",
            url: SI_2011_1230,
            england: from("2011-06-01"),
            wales: from("2010-04-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "Where there is more than one responsible authority of the type specified in section 5(1)(aa) of the 1998 Act in the area, those providers shall jointly appoint one or more persons to the strategy group.",
        },
        Provision {
            name: "reg3_5_arrangements",
            what: "the strategy group shall have in place arrangements governing its working (the list was not read)",
            citation: "SI 2007/1830 reg 3(5) as substituted by SI 2011/1230; SI 2007/3076 reg 3(5) as substituted by SI 2011/2702",
            url: SI_2011_1230,
            england: from("2011-06-01"),
            wales: from("2011-12-05"),
            london: None,
            except: &[],
            dates: &[],
            status: NotFound,
            quote: "The strategy group shall have in place arrangements governing [the rest was not read]",
        },
        Provision {
            name: "reg3_1b_partnership_plan_2007",
            what: "the strategy group prepares a partnership plan (the regulations as made; the list of functions was not read)",
            citation: "SI 2007/1830 reg 3(1) as made, regs 10-11 (England); SI 2007/3076 (Wales); explanatory note",
            url: "https://www.legislation.gov.uk/uksi/2007/1830/note/made",
            england: between("2007-08-01", "2011-05-31"),
            wales: between("2007-11-19", "2011-12-04"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "The role of the strategy group is to prepare a strategic assessment in accordance with Regulations 5 to 7 and a partnership plan in accordance with Regulations 10 and 11.",
        },
        Provision {
            name: "reg3_1b_partnership_plan",
            what: "the strategy group shall prepare strategic assessments and prepare and implement a partnership plan",
            citation: "SI 2007/1830 reg 3(1) as substituted by SI 2011/1230 (England); SI 2007/3076 reg 3(1) as substituted by SI 2011/2702 (Wales)",
            url: SI_2011_1230,
            england: from("2011-06-01"),
            wales: from("2011-12-05"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "(a) prepare strategic assessments; and (b) prepare and implement a partnership plan, for that area on behalf of the responsible authorities",
        },
        Provision {
            name: "regs5_11_assessment_and_plan",
            what: "a strategic assessment each year, and a three-year partnership plan revised each year (regulations 5 to 7 and 10 to 11, wording not read)",
            citation: "SI 2007/1830 regs 5-7, 10-11 (England); SI 2007/3076 (Wales)",
            url: SI_2007_1830,
            england: from("2007-08-01"),
            wales: from("2007-11-19"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "produce annual rolling three year community safety plans (details of which are contained in Statutory Instrument 1830) (community-safety.info)",
        },
        Provision {
            name: "reg8_county_strategy_group",
            what: "a county strategy group and community safety agreement in two-tier counties (wording not read)",
            citation: "SI 2007/1830 regs 8-9",
            url: SI_2007_1830,
            england: from("2007-08-01"),
            wales: None,
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "(wording not read; the statutory catalogue records the duty from secondary sources)",
        },
        Provision {
            name: "reg12_community_engagement",
            what: "the strategy group makes arrangements to obtain the views of people who live or work in the area",
            citation: "SI 2007/1830 reg 12(1)",
            url: "https://www.legislation.gov.uk/uksi/2007/1830/regulation/12/made",
            england: from("2007-08-01"),
            wales: None,
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "the strategy group shall make arrangements for obtaining the views of persons and bodies who live or work in the area",
        },
        Provision {
            name: "reg12_4_public_meetings",
            what: "one or more public meetings each year attended by senior representatives (whether it survived 2011 was not found)",
            citation: "SI 2007/1830 reg 12(4) as made",
            url: "https://www.legislation.gov.uk/uksi/2007/1830/regulation/12/made",
            england: from("2007-08-01"),
            wales: None,
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "the strategy group hold one or more public meetings during each year",
        },
        Provision {
            name: "reg13a_plan_to_lpb",
            what: "the strategy group sends a copy of the partnership plan to the elected local policing body",
            citation: "SI 2007/1830 reg 13A, inserted by SI 2012/2660",
            url: "https://www.legislation.gov.uk/uksi/2012/2660/made",
            england: from("2012-11-22"),
            wales: None,
            london: None,
            except: &[Place::CityOfLondon],
            dates: &[],
            status: Verified,
            quote: "The strategy group for each area with the exception of the City of London shall send a copy of the partnership plan to the elected local policing body",
        },
        Provision {
            name: "reg9a_csa_to_lpb",
            what: "the county strategy group sends a copy of the community safety agreement to the elected local policing body",
            citation: "SI 2007/1830 reg 9A, inserted by SI 2012/2660",
            url: "https://www.legislation.gov.uk/uksi/2012/2660/made",
            england: from("2012-11-22"),
            wales: None,
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "The county strategy group shall send a copy of the community safety agreement to the elected local policing body",
        },
        Provision {
            name: "reg14a_pcc_meetings",
            what: "the police and crime commissioner may convene meetings of the responsible authorities, which they attend",
            citation: "SI 2007/1830 reg 14A, inserted by SI 2012/2660 (only the opening read)",
            url: "https://www.legislation.gov.uk/uksi/2012/2660/made",
            england: from("2012-11-22"),
            wales: None,
            london: None,
            except: &[Place::CityOfLondon],
            dates: &[],
            status: Secondary,
            quote: "(only the opening of regulation 14A was read)",
        },
        Provision {
            name: "cda_s6_strategies",
            what: "the responsible authorities formulate and implement strategies for crime and disorder, substance misuse, re-offending and serious violence",
            citation: "Crime and Disorder Act 1998 s.6(1), recast by Police and Justice Act 2006 s.22 (SI 2007/1614; SI 2007/3073); (c) from 1 April 2010; (d) from 31 January 2023",
            url: CDA_S6,
            england: from("2007-08-01"),
            wales: from("2007-11-19"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "(a) a strategy for the reduction of crime and disorder in the area (including anti-social and other behaviour adversely affecting the local environment); and (b) a strategy for combatting the misuse of drugs, alcohol and other substances in the area; and (c) a strategy for the reduction of re-offending in the area; and (d) a strategy for— (i) preventing people from becoming involved in serious violence in the area, and (ii) reducing instances of serious violence in the area",
        },
        Provision {
            name: "cda_s6_1a_pcp_regard",
            what: "each responsible authority has regard to the police and crime objectives (in Wales, except devolved Welsh functions)",
            citation: "Crime and Disorder Act 1998 s.6(1A), inserted by PRSRA 2011 Sch. 11; SI 2012/2892 art. 2(f)",
            url: CDA_S6,
            england: from("2012-11-22"),
            wales: from("2012-11-22"),
            london: None,
            except: &[Place::CityOfLondon],
            dates: &[],
            status: Verified,
            quote: "In exercising functions under subsection (1), apart from devolved Welsh functions (as defined by section 5(8)), each of the responsible authorities for a local government area must have regard to the police and crime objectives set out in the police and crime plan",
        },
        Provision {
            name: "prsra_s10_cooperate",
            what: "the elected local policing body and the responsible authorities act in co-operation",
            citation: "Police Reform and Social Responsibility Act 2011 s.10; SI 2011/3019 Sch. 1(g) (metropolitan police district); SI 2012/2892 art. 2(a)",
            url: "https://www.legislation.gov.uk/ukpga/2011/13/section/10",
            england: from("2012-11-22"),
            wales: from("2012-11-22"),
            london: from("2012-01-16"),
            except: &[Place::CityOfLondon],
            dates: &[],
            status: Verified,
            quote: "The elected local policing body for a police area, in exercising its functions, and a responsible authority, in exercising its functions conferred by or under section 6 of the Crime and Disorder Act 1998 in relation to that police area, must act in co-operation with each other.",
        },
        Provision {
            name: "cda_s17a_information",
            what: "quarterly disclosure of prescribed depersonalised information between the authorities",
            citation: "Crime and Disorder Act 1998 s.17A; SI 2007/1831",
            url: "https://www.legislation.gov.uk/uksi/2007/1831",
            england: from("2007-10-01"),
            wales: from("2007-10-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "The first information period within which information shall be disclosed is the period beginning on 1st October 2007.",
        },
        Provision {
            name: "cda_s17_due_regard",
            what: "each authority exercises its functions with due regard to their likely effect on crime and disorder",
            citation: "Crime and Disorder Act 1998 s.17",
            url: "https://www.legislation.gov.uk/ukpga/1998/37/section/17",
            england: from("1998-09-30"),
            wales: from("1998-09-30"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "(the duty to consider crime and disorder; wording relied on from the statutory catalogue)",
        },
        Provision {
            name: "information_sharing_protocol",
            what: "an information sharing protocol between the responsible authorities (regulation not read)",
            citation: "SI 2007/1830 reg 14 (not read)",
            url: SI_2007_1830,
            england: from("2007-08-01"),
            wales: from("2007-11-19"),
            london: None,
            except: &[],
            dates: &[],
            status: NotFound,
            quote: "(not read)",
        },
        Provision {
            name: "pja_s19_committee",
            what: "every local authority has a crime and disorder committee that reviews the responsible authorities' crime and disorder functions",
            citation: "Police and Justice Act 2006 s.19(1); SI 2009/936 art. 2(a); SI 2009/2540 art. 2(a)",
            url: PJA_S19,
            england: from("2009-04-30"),
            wales: from("2009-10-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "Every local authority shall ensure that it has a committee (the “crime and disorder committee”) with power— (a) to review or scrutinise decisions made, or other action taken, in connection with the discharge by the responsible authorities of their crime and disorder functions",
        },
        Provision {
            name: "pja_s19_2_copies",
            what: "the crime and disorder committee copies its reports and recommendations to each responsible authority and co-operating body",
            citation: "Police and Justice Act 2006 s.19(2)",
            url: PJA_S19,
            england: from("2009-04-30"),
            wales: from("2009-10-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "Where by virtue of subsection (1)(b) the crime and disorder committee makes a report or recommendations it shall provide a copy— (a) to each of the responsible authorities, and (b) to each of the persons with whom, and bodies with which, the responsible authorities have a duty to co-operate",
        },
        Provision {
            name: "cdos_reg4_annual",
            what: "the crime and disorder committee meets to review the partnership at least once in every twelve months (regulation not read)",
            citation: "SI 2009/942 reg 4 (quoted only in council copies)",
            url: "https://www.legislation.gov.uk/uksi/2009/942/contents/made",
            england: from("2009-04-30"),
            wales: from("2009-10-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "To consider the activities of the CDRP at least once in every 12 month period. (Doncaster terms of reference)",
        },
        Provision {
            name: "cdos_regs_cooption_attendance",
            what: "co-option to, and attendance and information for, the crime and disorder committee (regulations not read)",
            citation: "SI 2009/942 regs 3 and 5 (not read); Police and Justice Act 2006 s.20",
            url: "https://www.legislation.gov.uk/uksi/2009/942/contents/made",
            england: from("2009-04-30"),
            wales: from("2009-10-01"),
            london: None,
            except: &[],
            dates: &[],
            status: NotFound,
            quote: "(not read)",
        },
        Provision {
            name: "dvcva_s9_dhr",
            what: "domestic homicide reviews",
            citation: "Domestic Violence, Crime and Victims Act 2004 s.9",
            url: "https://www.legislation.gov.uk/ukpga/2004/28/section/9",
            england: from("2011-04-13"),
            wales: from("2011-04-13"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "(in force 13 April 2011; Lexology)",
        },
        Provision {
            name: "dvcva_s9_3b_dac",
            what: "a copy of each domestic homicide review report goes to the Domestic Abuse Commissioner",
            citation: "Domestic Violence, Crime and Victims Act 2004 s.9(3B), inserted by Domestic Abuse Act 2021 s.17 (commencement not found)",
            url: "https://www.legislation.gov.uk/ukpga/2004/28/section/9",
            england: from("2021-11-01"),
            wales: from("2021-11-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "must send a copy of any report setting out the conclusions of the review to the Domestic Abuse Commissioner",
        },
        Provision {
            name: "wales_susr",
            what: "the Single Unified Safeguarding Review in Wales",
            citation: "Welsh Government guidance (not read)",
            url: "https://www.gov.wales/single-unified-safeguarding-review",
            england: None,
            wales: from("2024-06-21"),
            london: None,
            except: &[],
            dates: &[],
            status: NotFound,
            quote: "(not read)",
        },
        Provision {
            name: "owhr_pilot",
            what: "offensive weapons homicide reviews in the pilot areas",
            citation: "Police, Crime, Sentencing and Courts Act 2022 Part 2 Chapter 2; pilot regulations (not read)",
            url: "https://www.legislation.gov.uk/ukpga/2022/32/part/2/chapter/2",
            england: from("2023-04-01"),
            wales: from("2023-04-01"),
            london: None,
            except: &[],
            dates: &[("pilot_ends", "2023-12-31")],
            status: Secondary,
            quote: "(pilot areas from the Home Office announcement)",
        },
        Provision {
            name: "ctsa_s26_prevent",
            what: "specified authorities have due regard to the need to prevent people from being drawn into terrorism",
            citation: "Counter-Terrorism and Security Act 2015 s.26(1); SI 2015/956 reg 4(a)",
            url: "https://www.legislation.gov.uk/ukpga/2015/6/section/26",
            england: from("2015-07-01"),
            wales: from("2015-07-01"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "A specified authority must, in the exercise of its functions, have due regard to the need to prevent people from being drawn into terrorism.",
        },
        Provision {
            name: "ctsa_s36_channel",
            what: "each local authority ensures a Channel panel is in place, chaired by the authority, with the chief officer of police among its members",
            citation: "Counter-Terrorism and Security Act 2015 ss.36-37",
            url: "https://www.legislation.gov.uk/ukpga/2015/6/section/36",
            england: from("2015-04-12"),
            wales: from("2015-04-12"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "Each local authority must ensure that a panel of persons is in place for its area; The members of a panel must include— (a) the responsible local authority; (b) the chief officer of police; The chair of a panel is the responsible local authority",
        },
        Provision {
            name: "pcsca_sv_duty",
            what: "the serious violence duty: work together, a strategic needs assessment and a strategy, consultation, the local policing body's role",
            citation: "Police, Crime, Sentencing and Courts Act 2022 ss.8-20; SI 2022/1227",
            url: PCSCA_SV,
            england: from("2023-01-31"),
            wales: from("2023-01-31"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "prepare and implement a strategy for exercising their functions to prevent and reduce serious violence in the area; In preparing a strategy ... must ensure that the following are consulted— (a) each educational authority for the area; (b) each prison authority for the area; (c) each youth custody authority for the area",
        },
        Provision {
            name: "sv_guidance_2024",
            what: "the serious violence duty guidance's expectation of a published strategy by 31 January 2024, reviewed yearly (not read)",
            citation: "Serious Violence Duty statutory guidance (paragraphs not read)",
            url: "https://www.gov.uk/government/publications/serious-violence-duty",
            england: from("2023-01-31"),
            wales: from("2023-01-31"),
            london: None,
            except: &[],
            dates: &[("strategy_published_by", "2024-01-31")],
            status: NotFound,
            quote: "(not read)",
        },
        Provision {
            name: "asbcpa_s104_procedures",
            what: "the relevant bodies make ASB case review procedures and publish them, with a point of contact",
            citation: "Anti-social Behaviour, Crime and Policing Act 2014 s.104(2),(3); SI 2014/2590 art. 3(d)",
            url: ASBCPA_S104,
            england: from("2014-10-20"),
            wales: from("2014-10-20"),
            london: None,
            except: &[],
            dates: &[],
            status: Verified,
            quote: "(a) make arrangements about the carrying out of ASB case reviews by those bodies (“review procedures”), and (b) ensure that the current review procedures are published",
        },
        Provision {
            name: "asbcpa_s104_threshold",
            what: "the threshold for an ASB case review is three qualifying complaints or a different number set in the procedures; the cap of three is in the explanatory notes only",
            citation: "Anti-social Behaviour, Crime and Policing Act 2014 s.104(4); Explanatory Notes para 231",
            url: "https://www.legislation.gov.uk/ukpga/2014/12/section/104/notes",
            england: from("2014-10-20"),
            wales: from("2014-10-20"),
            london: None,
            except: &[],
            // The Act's words allow "a different number"; the cap rests on the notes, not law.
            dates: &[],
            status: Secondary,
            quote: "at least three (or, if a different number is specified in the review procedures, at least that number of) qualifying complaints; Subsection (4) provides that the threshold should be set no higher than three complaints (EN para 231)",
        },
        Provision {
            name: "asbcpa_data",
            what: "publishing figures on ASB case review applications and reviews (Sch. 4 paragraph not read)",
            citation: "Anti-social Behaviour, Crime and Policing Act 2014 s.104(10)-(11) (not read)",
            url: ASBCPA_S104,
            england: from("2014-10-20"),
            wales: from("2014-10-20"),
            london: None,
            except: &[],
            dates: &[],
            status: NotFound,
            quote: "(not read)",
        },
        Provision {
            name: "hallmarks",
            what: "good practice for partnerships (the Home Office hallmarks of effective partnerships and scrutiny guidance), not law",
            citation: "Home Office, Hallmarks of effective partnerships; Centre for Public Scrutiny guidance",
            url: "https://www.gov.uk/government/publications/community-safety-partnerships",
            england: from("1998-09-30"),
            wales: from("1998-09-30"),
            london: None,
            except: &[],
            dates: &[],
            status: Secondary,
            quote: "(guidance)",
        },
    ]
});

/// The entry with this name.
pub fn get(name: &str) -> Option<&'static Provision> {
    LAW.iter().find(|p| p.name == name)
}

impl Provision {
    /// Whether the words relied on were read for `nation`. For the 2007 seat rule only the
    /// English text was read; the Welsh is inferred from the 2010 amendment.
    pub fn verified_in(&self, nation: Nation) -> bool {
        if self.status != Status::Verified {
            return false;
        }
        !(self.name == "reg3_2_each_ra_seat" && nation == Nation::Wales)
    }
}

/// The first day an entry of the table is in force in England (every entry these helpers read
/// starts on the same day in England and Wales, or applies in England only).
fn starts(name: &str) -> Date {
    let p = get(name).expect("the helpers name entries of the table");
    p.england
        .or(p.wales)
        .expect("the entry is in force somewhere")
        .from
}

/// The last day an entry of the table is in force in England.
fn ends(name: &str) -> Date {
    let p = get(name).expect("the helpers name entries of the table");
    p.england
        .and_then(|s| s.to)
        .expect("the entry has an end in England")
}

/// Police Reform Act 2002 s.97(2), in force 1 April 2003 for police and fire authorities (SI
/// 2003/808 art. 2(j)).
pub fn pra_2002_commencement() -> Date {
    starts("cda_s5_police_fire_authorities")
}
/// PCTs became responsible authorities on 30 April 2004 (HC Deb 16 June 2004 cc981-2W).
pub fn pct_from() -> Date {
    starts("cda_s5_pct")
}
/// CCGs replaced PCTs from 1 April 2013 (point-in-time text of s.5 at that date).
pub fn ccg_from() -> Date {
    starts("cda_s5_ccg")
}
/// ICBs replaced CCGs from 1 July 2022 (SI 2022/634).
pub fn icb_from() -> Date {
    starts("cda_s5_icb")
}
/// Probation providers became responsible authorities on 1 April 2010 (Policing and Crime Act
/// 2009 s.108; SI 2010/507).
pub fn probation_from() -> Date {
    starts("cda_s5_probation")
}
/// Police authorities ceased to be responsible authorities on 22 November 2012 (PRSRA 2011
/// Sch. 11 para. 2(2); SI 2012/2892 art. 2(f)); this is the last day they were.
pub fn police_authority_to() -> Date {
    starts("cda_s5_police_authority_removed").add_days(-1)
}
/// The first day community rehabilitation companies provided probation services.
fn crc_from() -> Date {
    get("probation_unified")
        .and_then(|p| p.date("companies_began"))
        .expect("the table names the day the companies began")
}
/// The last day community rehabilitation companies provided probation services.
fn crc_to() -> Date {
    starts("probation_unified").add_days(-1)
}

/// The limb of s.5(1) under which a body of this kind is a responsible authority on `on`, or
/// `None` if it is not one. `tier` matters for county councils: only in a two-tier area.
pub fn responsible_authority_limb(
    kind: OrgKind,
    nation: Nation,
    tier: Tier,
    on: Date,
) -> Option<&'static str> {
    use OrgKind::*;
    match kind {
        DistrictCouncil | UnitaryCouncil | LondonBoroughCouncil | WelshCouncil | CommonCouncil => {
            Some("s.5(1)(a)")
        }
        CountyCouncil if tier == Tier::District => Some("s.5(1)(a)"),
        ChiefOfficerOfPolice => Some("s.5(1)(b)"),
        PoliceAuthority if on >= pra_2002_commencement() && on <= police_authority_to() => {
            Some("s.5(1)(c)")
        }
        FireAndRescueAuthority if on >= pra_2002_commencement() => Some("s.5(1)(d)"),
        ProbationProvider if on >= probation_from() => Some("s.5(1)(aa)"),
        CommunityRehabilitationCompany if in_being(kind, None, on) => Some("s.5(1)(aa)"),
        _ if Some(kind) == health_kind_required(nation, on) => Some(match nation {
            Nation::England => "s.5(1)(e)",
            Nation::Wales => "s.5(1)(f)",
        }),
        _ => None,
    }
}

/// The first day a body of `kind` was a responsible authority, in the stint that includes `on`
/// (`None` for those that have been since 1998, or never were). A list of a group's members
/// made before that day cannot show such a body's absence.
pub fn responsible_since(kind: OrgKind, nation: Nation, on: Date) -> Option<Date> {
    use OrgKind::*;
    match kind {
        PoliceAuthority | FireAndRescueAuthority => Some(pra_2002_commencement()),
        ProbationProvider => Some(probation_from()),
        CommunityRehabilitationCompany => Some(crc_from()),
        _ if Some(kind) == health_kind_required(nation, on) => Some(match kind {
            IntegratedCareBoard => icb_from(),
            ClinicalCommissioningGroup => ccg_from(),
            PrimaryCareTrust => pct_from(),
            _ => pra_2002_commencement(),
        }),
        _ => None,
    }
}

/// The kind of health body that is the responsible authority on `on`, if any.
///
/// England: PCT from 30 April 2004, CCG from 1 April 2013, ICB from 1 July 2022. Wales: the
/// Local Health Board from 1 April 2003 (the Welsh health authorities were abolished that day,
/// SI 2003/148 art. 6(1), so the Local Health Board is taken as the body throughout).
pub fn health_kind_required(nation: Nation, on: Date) -> Option<OrgKind> {
    match nation {
        Nation::England if on >= icb_from() => Some(OrgKind::IntegratedCareBoard),
        Nation::England if on >= ccg_from() => Some(OrgKind::ClinicalCommissioningGroup),
        Nation::England if on >= pct_from() => Some(OrgKind::PrimaryCareTrust),
        Nation::Wales if on >= pra_2002_commencement() => Some(OrgKind::LocalHealthBoard),
        _ => None,
    }
}

/// The last day a kind of body abolished by law existed (for a kind with no end, `None`).
pub fn abolished_after(kind: OrgKind, place: Option<Place>) -> Option<Date> {
    match kind {
        OrgKind::PrimaryCareTrust => Some(ends("cda_s5_pct")),
        OrgKind::ClinicalCommissioningGroup => Some(ends("cda_s5_ccg")),
        // The Common Council remains the City of London's police authority.
        OrgKind::PoliceAuthority if place != Some(Place::CityOfLondon) => {
            Some(police_authority_to())
        }
        OrgKind::CommunityRehabilitationCompany => Some(crc_to()),
        _ => None,
    }
}

/// Whether a body of `kind` can exist on `on`: kinds abolished by law end on their day (a
/// clinical commissioning group recorded in 2021 is not one in 2023, whatever the records omit).
pub fn in_being(kind: OrgKind, place: Option<Place>, on: Date) -> bool {
    let started = match kind {
        OrgKind::CommunityRehabilitationCompany => crc_from(),
        OrgKind::ClinicalCommissioningGroup => ccg_from(),
        OrgKind::IntegratedCareBoard => icb_from(),
        _ => Date::FAR_PAST,
    };
    on >= started && abolished_after(kind, place).is_none_or(|end| on <= end)
}

/// Whether `kind` is a health body of any era.
pub fn is_health_body(kind: OrgKind) -> bool {
    matches!(
        kind,
        OrgKind::PrimaryCareTrust
            | OrgKind::ClinicalCommissioningGroup
            | OrgKind::IntegratedCareBoard
            | OrgKind::LocalHealthBoard
    )
}

/// Whether `kind` is a council of any sort that can be a responsible authority.
pub fn is_council(kind: OrgKind) -> bool {
    use OrgKind::*;
    matches!(
        kind,
        DistrictCouncil
            | CountyCouncil
            | UnitaryCouncil
            | LondonBoroughCouncil
            | WelshCouncil
            | CommonCouncil
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).expect("valid constant date")
    }

    #[test]
    fn health_body_follows_the_date() {
        let e = Nation::England;
        assert_eq!(health_kind_required(e, day(2004, 4, 29)), None);
        assert_eq!(
            health_kind_required(e, day(2004, 4, 30)),
            Some(OrgKind::PrimaryCareTrust)
        );
        assert_eq!(
            health_kind_required(e, day(2022, 6, 30)),
            Some(OrgKind::ClinicalCommissioningGroup)
        );
        assert_eq!(
            health_kind_required(e, day(2022, 7, 1)),
            Some(OrgKind::IntegratedCareBoard)
        );
    }

    #[test]
    fn probation_and_police_authority_dates() {
        let (e, t) = (Nation::England, Tier::District);
        assert_eq!(
            responsible_authority_limb(OrgKind::ProbationProvider, e, t, day(2010, 3, 31)),
            None
        );
        assert!(
            responsible_authority_limb(OrgKind::ProbationProvider, e, t, day(2010, 4, 1)).is_some()
        );
        assert!(
            responsible_authority_limb(OrgKind::PoliceAuthority, e, t, day(2012, 11, 21)).is_some()
        );
        assert_eq!(
            responsible_authority_limb(OrgKind::PoliceAuthority, e, t, day(2012, 11, 22)),
            None
        );
        assert_eq!(
            responsible_authority_limb(OrgKind::CountyCouncil, e, Tier::Unitary, day(2020, 1, 1)),
            None
        );
        assert_eq!(
            responsible_authority_limb(OrgKind::IntegratedCarePartnership, e, t, day(2023, 1, 1)),
            None
        );
    }

    #[test]
    fn the_seat_window_is_read_both_sides_of_its_dates() {
        let p = get("reg3_2_each_ra_seat").unwrap();
        assert!(p.in_force(Nation::England, None, day(2011, 5, 31)));
        assert!(!p.in_force(Nation::England, None, day(2011, 6, 1)));
        assert!(p.in_force(Nation::Wales, None, day(2011, 12, 4)));
        assert!(!p.in_force(Nation::Wales, None, day(2011, 12, 5)));
        assert!(p.verified_in(Nation::England) && !p.verified_in(Nation::Wales));
        let r = get("reg13a_plan_to_lpb").unwrap();
        assert!(!r.in_force(Nation::England, Some(Place::CityOfLondon), day(2020, 1, 1)));
        assert!(r.in_force(Nation::England, Some(Place::London), day(2020, 1, 1)));
    }

    #[test]
    fn every_entry_has_a_unique_name_and_an_address() {
        let mut names: Vec<&str> = LAW.iter().map(|p| p.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
        assert!(LAW.iter().all(|p| p.url.starts_with("https://")));
    }
}
