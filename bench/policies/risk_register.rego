package scrutineer.risk_register

import data.scrutineer.common.docs
import data.scrutineer.common.exists
import rego.v1

visible(r) if not docs[r.register]

visible(r) if exists(docs[r.register])

# Entries reported by a source read, in a register that exists, already reported on the day
# (`state`: the support of the entry's cells as a state, "no" before the first report).
shown := [r | some r in input.risks; r.known; visible(r); r.state != "no"]

blank(r) if {
	some v in r.cells
	v == false
}

unrecorded(r) if {
	some v in r.cells
	v == null
}

# The review date is certainly more than six months ago.
stale(r) if {
	is_object(r.review)
	r.review.latest < input.as_of_minus_6m
}

# Cells from a register reported too long ago (or perhaps too long ago) are not today's.
outcome(r) := "unknown" if {
	r.state in {"stale", "maybe"}
} else := "fail" if {
	blank(r)
} else := "fail" if {
	stale(r)
} else := "unknown" if {
	unrecorded(r)
} else := "pass"

outcomes contains {"subject": r.id, "outcome": outcome(r)} if some r in shown

outcomes contains {"subject": input.id, "outcome": "unknown"} if count(shown) == 0
