package scrutineer.fixed_term_posts

import rego.v1

external(p) if p.funding in {"external", "mixed"}

risky(p) if p.fixed_term == true

risky(p) if external(p)

untold(p) if {
	p.fixed_term == null
	p.funding == null
}

outcome(p) := "fail" if p.vacant == true

outcome(p) := "unknown" if {
	p.vacant != true
	not risky(p)
	untold(p)
}

outcome(p) := "pass" if {
	p.vacant != true
	not risky(p)
	not untold(p)
}

outcome(p) := "fail" if {
	p.vacant != true
	risky(p)
	p.funding_end == null
}

outcome(p) := "fail" if {
	p.vacant != true
	risky(p)
	p.funding_end != null
	p.funding_end.latest < input.as_of
}

outcome(p) := "fail" if {
	p.vacant != true
	risky(p)
	p.funding_end != null
	p.funding_end.latest >= input.as_of
	p.funding_end.earliest <= input.as_of_plus_6m
}

outcome(p) := "pass" if {
	p.vacant != true
	risky(p)
	p.funding_end != null
	p.funding_end.latest >= input.as_of
	p.funding_end.earliest > input.as_of_plus_6m
}

outcomes contains {"subject": p.id, "outcome": outcome(p)} if some p in input.posts

outcomes contains {"subject": input.id, "outcome": "unknown"} if count(input.posts) == 0
