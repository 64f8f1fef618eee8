package scrutineer.common

import rego.v1

# A record with `from`/`to` bounds is in force on input.as_of (month dates read generously).
in_force(x) if {
	not starts_after(x)
	not ended(x)
}

starts_after(x) if {
	x.from != null
	x.from.earliest > input.as_of
}

ended(x) if {
	x.to != null
	x.to.latest < input.as_of
}

docs := {d.id: d | some d in input.documents}

# A document exists once approved or published; with neither, once its period begins.
exists(d) if {
	d.first != null
	d.first.latest <= input.as_of
}

exists(d) if {
	d.first == null
	d.period_from != null
	d.period_from.earliest <= input.as_of
}

exists(d) if {
	d.first == null
	d.period_from == null
}

# The recorded period shows the document is not in force.
not_in_force(d) if {
	d.period_from != null
	d.period_from.earliest > input.as_of
}

not_in_force(d) if {
	d.period_to != null
	d.period_to.latest < input.as_of
}

# A record of a plan: seen when its plan exists and is not known to have ended.
current(x) if x.plan == null

current(x) if {
	x.plan != null
	not docs[x.plan]
}

current(x) if {
	d := docs[x.plan]
	exists(d)
	not not_in_force(d)
}
