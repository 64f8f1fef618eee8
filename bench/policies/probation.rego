package scrutineer.probation

import rego.v1

na if input.as_of < input.probation_from

# The strategy group in being on the day: a successor before the group it replaces, then the
# first in file order.
found := sort([i | some i, g in input.groups; g.exists == 2; g.kind == "strategy_group"])

found_ids := {input.groups[i].id | some i in found}

replaced(g) if {
	some s in g.successors
	s in found_ids
}

unreplaced := [i | some i in found; not replaced(input.groups[i])]

sg_index := unreplaced[0] if {
	count(unreplaced) > 0
} else := found[0] if {
	count(found) > 0
}

has_sg if sg_index >= 0

sg := input.groups[sg_index]

# A failure resting on a group only inferred to be the strategy group is unknown.
fail := "unknown" if sg.inferred else := "fail"

orgs := [o |
	some o in input.organisations
	o.exists == 2
	o.in_being
	o.kind == "probation_provider"
]

# A seat of the body itself, or of a person seated for it.
represents(m, o) if m.member == o.id

represents(m, o) if {
	some p in input.people
	p.id == m.member
	p.organisation == o.id
}

seats(o) := [m | some m in input.memberships; m.group == sg.id; represents(m, o)]

closed(m) if m.status in {"declined", "vacant"}

# Seats in force on the day (`seat`: the membership's support as a state).
held(o) := [m | some m in seats(o); m.seat == "yes"]

# A membership list made before the body could sit as a responsible authority (or before it
# existed) cannot show that it has no seat.
from_start(o) := [o.from.start[1]] if {
	o.from != null
} else := []

since(o) := sort([d | some d in array.concat([o.responsible_since], from_start(o)); d != null])

predates(o) if {
	s := since(o)
	count(s) > 0
	sg.declared_through != null
	sg.declared_through < s[count(s) - 1]
}

seat(o) := 2 if {
	some m in held(o)
	not closed(m)
} else := 0 if {
	count(held(o)) > 0
} else := 1 if {
	some m in seats(o)
	m.seat == "maybe"
} else := 1 if {
	sg.members_complete == 2
	predates(o)
} else := 0 if {
	sg.members_complete == 2
} else := 1

outcome(2) := "pass"

outcome(1) := "unknown"

outcome(0) := fail

kind_predates if {
	input.probation_since != null
	sg.declared_through != null
	sg.declared_through < input.probation_since
}

outcomes contains {"subject": input.id, "outcome": "not_applicable"} if na

outcomes contains {"subject": input.id, "outcome": "unknown"} if {
	not na
	not has_sg
}

outcomes contains {"subject": sg.id, "outcome": fail} if {
	not na
	count(orgs) == 0
	sg.members_complete == 2
	not kind_predates
}

outcomes contains {"subject": input.id, "outcome": "unknown"} if {
	not na
	has_sg
	count(orgs) == 0
	not complete_and_open
}

complete_and_open if {
	sg.members_complete == 2
	not kind_predates
}

outcomes contains {"subject": o.id, "outcome": outcome(seat(o))} if {
	not na
	has_sg
	some o in orgs
}
