package scrutineer.probation

import data.scrutineer.common.in_force
import rego.v1

na if input.as_of < "2010-04-01"

sg_indexes := {i | some i; g := input.groups[i]; g.kind == "strategy_group"; in_force(g)}

has_sg if count(sg_indexes) > 0

sg := input.groups[min(sg_indexes)] if has_sg

orgs := [o | some o in input.organisations; o.kind == "probation_provider"; in_force(o)]

seats := [m | some m in input.memberships; m.group == sg.id; in_force(m)]

represents(m, o) if m.member == o.id

represents(m, o) if {
	some p in input.people
	p.id == m.member
	p.organisation == o.id
}

seat_list(o) := [m | some m in seats; represents(m, o)]

seat_outcome(o) := "fail" if {
	s := seat_list(o)
	count(s) > 0
	s[0].status in {"declined", "vacant"}
}

seat_outcome(o) := "pass" if {
	s := seat_list(o)
	count(s) > 0
	not s[0].status in {"declined", "vacant"}
}

seat_outcome(o) := "fail" if {
	count(seat_list(o)) == 0
	sg.listed
}

seat_outcome(o) := "unknown" if {
	count(seat_list(o)) == 0
	not sg.listed
}

outcomes contains {"subject": input.id, "outcome": "not_applicable"} if na

outcomes contains {"subject": input.id, "outcome": "unknown"} if {
	not na
	not has_sg
}

outcomes contains {"subject": sg.id, "outcome": "fail"} if {
	not na
	count(orgs) == 0
	sg.listed
}

outcomes contains {"subject": input.id, "outcome": "unknown"} if {
	not na
	count(orgs) == 0
	not sg.listed
}

outcomes contains {"subject": o.id, "outcome": seat_outcome(o)} if {
	not na
	has_sg
	some o in orgs
}
