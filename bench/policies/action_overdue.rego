package scrutineer.action_overdue

import data.scrutineer.common.current
import data.scrutineer.common.on_or_before
import data.scrutineer.common.passed_by
import rego.v1

# Actions reported by a source read, of a current plan, with a due date as last recorded.
dated := [a | some a in input.actions; a.known; current(a); a.due != null]

# A completion date settles it; else the status, while it is known on the day.
complete(a) := "true" if {
	a.completed != null
	on_or_before(a.completed) == 2
} else := "false" if {
	a.completed != null
	on_or_before(a.completed) == 0
} else := "none" if {
	a.completed != null
} else := "true" if {
	a.status in {"complete", "cancelled"}
} else := "false" if {
	a.status != null
} else := "none"

outcome(a) := "pass" if {
	complete(a) == "true"
} else := "pass" if {
	passed_by(a.due) == 0
} else := "fail" if {
	passed_by(a.due) == 2
	complete(a) == "false"
} else := "unknown"

outcomes contains {"subject": a.id, "outcome": outcome(a)} if some a in dated

outcomes contains {"subject": input.id, "outcome": "unknown"} if count(dated) == 0
