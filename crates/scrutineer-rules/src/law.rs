//! Which bodies the Crime and Disorder Act 1998 s.5(1) makes responsible authorities, by kind,
//! nation and date. The dates are those verified in `shared/domain/statutory-catalogue.md`
//! section 2.1; each is cited beside it. Rules ask these questions through the script API
//! rather than each carrying its own copy of the dates.

use scrutineer_graph::Date;
use scrutineer_graph::model::{Nation, OrgKind, Tier};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).expect("valid constant date")
}

/// Police Reform Act 2002 s.97(2), in force 1 April 2003 for police and fire authorities and
/// Welsh health authorities (SI 2003/808 art. 2(j)).
pub fn pra_2002_commencement() -> Date {
    day(2003, 4, 1)
}
/// PCTs became responsible authorities on 30 April 2004 (HC Deb 16 June 2004 cc981-2W).
pub fn pct_from() -> Date {
    day(2004, 4, 30)
}
/// CCGs replaced PCTs from 1 April 2013 (point-in-time text of s.5 at that date).
pub fn ccg_from() -> Date {
    day(2013, 4, 1)
}
/// ICBs replaced CCGs from 1 July 2022 (SI 2022/634).
pub fn icb_from() -> Date {
    day(2022, 7, 1)
}
/// Probation providers became responsible authorities on 1 April 2010 (Policing and Crime Act
/// 2009 s.108; NOMS PI 05/2010; SI 2010/648 for Wales).
pub fn probation_from() -> Date {
    day(2010, 4, 1)
}
/// Police authorities ceased to be responsible authorities on 22 November 2012 (PRSRA 2011
/// Sch. 11 para. 2(2); SI 2012/2892 art. 2(f)).
pub fn police_authority_to() -> Date {
    day(2012, 11, 21)
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
        DistrictCouncil | UnitaryCouncil | LondonBoroughCouncil | WelshCouncil => Some("s.5(1)(a)"),
        CountyCouncil if tier == Tier::District => Some("s.5(1)(a)"),
        ChiefOfficerOfPolice => Some("s.5(1)(b)"),
        PoliceAuthority if on >= pra_2002_commencement() && on <= police_authority_to() => {
            Some("s.5(1)(c)")
        }
        FireAndRescueAuthority if on >= pra_2002_commencement() => Some("s.5(1)(d)"),
        ProbationProvider if on >= probation_from() => Some("s.5(1)(aa)"),
        _ if Some(kind) == health_kind_required(nation, on) => Some(match nation {
            Nation::England => "s.5(1)(e)",
            Nation::Wales => "s.5(1)(f)",
        }),
        _ => None,
    }
}

/// The kind of health body that is the responsible authority on `on`, if any.
///
/// England: PCT from 30 April 2004, CCG from 1 April 2013, ICB from 1 July 2022. Wales: the
/// health authority from 1 April 2003, later the Local Health Board (the date of that
/// substitution is not verified, so the Local Health Board is taken as the body throughout).
pub fn health_kind_required(nation: Nation, on: Date) -> Option<OrgKind> {
    match nation {
        Nation::England if on >= icb_from() => Some(OrgKind::IntegratedCareBoard),
        Nation::England if on >= ccg_from() => Some(OrgKind::ClinicalCommissioningGroup),
        Nation::England if on >= pct_from() => Some(OrgKind::PrimaryCareTrust),
        Nation::Wales if on >= pra_2002_commencement() => Some(OrgKind::LocalHealthBoard),
        _ => None,
    }
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
        DistrictCouncil | CountyCouncil | UnitaryCouncil | LondonBoroughCouncil | WelshCouncil
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
