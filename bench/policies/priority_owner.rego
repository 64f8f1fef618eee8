package scrutineer.priority_owner

import data.scrutineer.common.current
import rego.v1

shown := [p | some p in input.priorities; p.known; current(p)]

outcome(p) := "unknown" if p.owner == null

outcome(p) := "fail" if {
	p.owner != null
	trim_space(p.owner) == ""
}

outcome(p) := "pass" if {
	p.owner != null
	trim_space(p.owner) != ""
}

outcomes contains {"subject": p.id, "outcome": outcome(p)} if some p in shown

outcomes contains {"subject": input.id, "outcome": "unknown"} if count(shown) == 0
