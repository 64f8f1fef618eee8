package scrutineer.fixed_term_posts

import data.scrutineer.common.passed_by
import rego.v1

# Posts reported by a source read. `vacant` is "yes" when a vacancy is known on the day, and
# "stale" when the last report of one is too old to rely on.
posts := [p | some p in input.posts; p.known]

risky(p) if p.fixed_term == true

risky(p) if p.funding in {"external", "mixed"}

# Whether the funding certainly ends within six months (by the horizon).
soon(p) := 2 if {
	p.funding_end.end[1] <= input.as_of_plus_6m
} else := 0 if {
	p.funding_end.end[0] > input.as_of_plus_6m
} else := 1

outcome(p) := "fail" if {
	p.vacant == "yes"
} else := "unknown" if {
	p.vacant == "stale"
} else := "unknown" if {
	not risky(p)
	p.fixed_term == null
	p.funding == null
} else := "pass" if {
	not risky(p)
} else := "unknown" if {
	p.funding_end == null
} else := "fail" if {
	soon(p) == 2
} else := "pass" if {
	soon(p) == 0
} else := "unknown"

outcomes contains {"subject": p.id, "outcome": outcome(p)} if some p in posts

outcomes contains {"subject": input.id, "outcome": "unknown"} if count(posts) == 0
