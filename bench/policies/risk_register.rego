package scrutineer.risk_register

import data.scrutineer.common.docs
import data.scrutineer.common.exists
import rego.v1

visible(r) if r.register == null

visible(r) if {
	r.register != null
	not docs[r.register]
}

visible(r) if {
	d := docs[r.register]
	exists(d)
}

shown := [r | some r in input.risks; visible(r)]

blank(r) if {
	some v in r.cells
	v == false
}

unrecorded(r) if {
	some v in r.cells
	v == null
}

stale(r) if {
	is_object(r.review)
	r.review.latest < input.as_of_minus_6m
}

outcome(r) := "fail" if blank(r)

outcome(r) := "fail" if {
	not blank(r)
	stale(r)
}

outcome(r) := "unknown" if {
	not blank(r)
	not stale(r)
	unrecorded(r)
}

outcome(r) := "pass" if {
	not blank(r)
	not stale(r)
	not unrecorded(r)
}

outcomes contains {"subject": r.id, "outcome": outcome(r)} if some r in shown

outcomes contains {"subject": input.id, "outcome": "unknown"} if count(shown) == 0
