package scrutineer.action_overdue

import data.scrutineer.common.current
import rego.v1

dated := [a | some a in input.actions; current(a); is_object(a.due)]

complete(a) := "true" if {
	a.completed != null
	a.completed.latest <= input.as_of
}

complete(a) := "false" if {
	a.completed != null
	a.completed.latest > input.as_of
}

complete(a) := "true" if {
	a.completed == null
	a.status in {"complete", "cancelled"}
}

complete(a) := "false" if {
	a.completed == null
	a.status != null
	not a.status in {"complete", "cancelled"}
}

complete(a) := "none" if {
	a.completed == null
	a.status == null
}

outcome(a) := "pass" if complete(a) == "true"

outcome(a) := "pass" if {
	complete(a) != "true"
	input.as_of <= a.due.latest
}

outcome(a) := "fail" if {
	complete(a) == "false"
	input.as_of > a.due.latest
}

outcome(a) := "unknown" if {
	complete(a) == "none"
	input.as_of > a.due.latest
}

outcomes contains {"subject": a.id, "outcome": outcome(a)} if some a in dated

outcomes contains {"subject": input.id, "outcome": "unknown"} if count(dated) == 0
