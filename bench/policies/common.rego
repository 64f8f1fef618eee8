package scrutineer.common

import rego.v1

# Three-valued answers are numbers: 0 no, 1 maybe, 2 yes; so "and" is min and "or" is max.
# A date is {earliest, latest, start: [a, b], end: [a, b]}: start and end are the bounds of the
# day it starts or ends a period on (a month that ends a period ends it on its last day).

# An event on `w` had happened by input.as_of.
on_or_before(w) := 2 if {
	w.latest <= input.as_of
} else := 0 if {
	w.earliest > input.as_of
} else := 1

# A period starting on `w` has begun by input.as_of.
started_by(w) := 2 if {
	w.start[1] <= input.as_of
} else := 0 if {
	w.start[0] > input.as_of
} else := 1

# A period ending on `w` (or a deadline on it) has not yet passed on input.as_of.
not_ended_by(w) := 2 if {
	input.as_of <= w.end[0]
} else := 0 if {
	input.as_of > w.end[1]
} else := 1

# A deadline on `w` has passed on input.as_of.
passed_by(w) := 2 - not_ended_by(w)

docs := {d.id: d | some d in input.documents}

# Whether a document certainly exists on the day: reported by a source read, and produced by
# the day, or (produced on no recorded day) its period begun.
exists_by(d) := 0 if {
	not d.known
} else := 2 if {
	count(d.produced) == 0
	d.period_from == null
} else := started_by(d.period_from) if {
	count(d.produced) == 0
} else := max([on_or_before(w) | some w in d.produced])

# Whether a document exists by the day, for listing: one produced on a day that straddles the
# date is not counted; one whose period may have begun is.
exists(d) if {
	count(d.produced) == 0
	exists_by(d) != 0
}

exists(d) if {
	count(d.produced) > 0
	exists_by(d) == 2
}

period_started(d) := 2 if d.period_from == null else := started_by(d.period_from)

period_not_ended(d) := 2 if d.period_to == null else := not_ended_by(d.period_to)

# Whether the plan's period covers the day; a plan with no period, as its status is reported.
covers(d) := d.status_tri if {
	d.period_from == null
	d.period_to == null
} else := min([period_started(d), period_not_ended(d)])

plan_current(d) := min([exists_by(d), covers(d)])

# The plans certainly current on the day, worked out once (a rule is evaluated once; a function
# would be evaluated again for every record that names a plan).
current_plans := {d.id | some d in input.documents; plan_current(d) == 2}

# A record of a plan is judged only when its plan is certainly current (or it names none).
current(x) if not docs[x.plan]

current(x) if x.plan in current_plans
