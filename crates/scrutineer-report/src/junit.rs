//! JUnit XML, for CI systems that show test reports: one test suite per partnership and one
//! test case per rule.
//!
//! A case fails when the rule fails for any subject at or above the chosen severity; it is
//! skipped when the records cannot tell (or the law was not in force), with the reason; it
//! passes otherwise, waived failures included. A rule that could not run is an `<error>`. The
//! suites are written as partnerships are checked, so the report streams like text and JSON.

use scrutineer_rules::{Finding, Outcome, Rule, RuleError, Severity};

use crate::html::escape;

/// The opening of the document.
pub(crate) fn junit_head() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scrutineer\">\n".to_string()
}

/// The close of the document.
pub(crate) fn junit_tail() -> String {
    "</testsuites>\n".to_string()
}

/// One suite for a partnership: a case for each of `rules`, judged from `findings` (all of
/// this partnership's, of every outcome) at or above `threshold`.
pub(crate) fn junit_suite(
    partnership: (&str, &str),
    as_of: &str,
    rules: &[&Rule],
    findings: &[&Finding],
    errors: &[&RuleError],
    threshold: Severity,
) -> String {
    let (id, name) = partnership;
    let mut cases = String::new();
    let (mut failures, mut skipped, mut errored) = (0, 0, 0);
    for rule in rules {
        let of_rule: Vec<&&Finding> = findings
            .iter()
            .filter(|f| f.rule == rule.id && f.severity >= threshold)
            .collect();
        let with =
            |o: Outcome| -> Vec<&&&Finding> { of_rule.iter().filter(|f| f.outcome == o).collect() };
        let lines = |fs: &[&&&Finding]| -> String {
            fs.iter()
                .map(|f| format!("{}: {}\n", f.subject_name, f.message))
                .collect()
        };
        let open = format!(
            "    <testcase classname=\"{}\" name=\"{}\">\n",
            escape(id),
            escape(&format!("{}: {}", rule.id, rule.title))
        );
        let error = errors.iter().find(|e| e.rule == rule.id);
        let (fails, unknowns) = (with(Outcome::Fail), with(Outcome::Unknown));
        let body = if let Some(e) = error {
            errored += 1;
            format!(
                "      <error message=\"the rule could not run\">{}</error>\n",
                escape(&e.to_string())
            )
        } else if !fails.is_empty() {
            failures += 1;
            format!(
                "      <failure message=\"{}\" type=\"{}\">{}\nLaw: {} ({})\nAsk: {}</failure>\n",
                escape(&rule.title),
                rule.severity.as_str(),
                escape(&lines(&fails)),
                escape(&rule.basis),
                escape(&rule.url),
                escape(&fails[0].ask)
            )
        } else if !unknowns.is_empty() {
            skipped += 1;
            format!(
                "      <skipped message=\"cannot tell from the records\">{}</skipped>\n",
                escape(&lines(&unknowns))
            )
        } else if !of_rule.is_empty() && of_rule.iter().all(|f| f.outcome == Outcome::NotApplicable)
        {
            skipped += 1;
            format!(
                "      <skipped message=\"not applicable\">{}</skipped>\n",
                escape(&of_rule[0].message)
            )
        } else {
            String::new()
        };
        cases.push_str(&open);
        cases.push_str(&body);
        cases.push_str("    </testcase>\n");
    }
    format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errored}\" skipped=\"{skipped}\">\n    <properties>\n      <property name=\"partnership\" value=\"{}\"/>\n      <property name=\"as_of\" value=\"{}\"/>\n    </properties>\n{cases}  </testsuite>\n",
        escape(name),
        rules.len(),
        escape(id),
        escape(as_of),
    )
}

/// The JUnit reporter: a suite for each partnership as it is checked.
pub(crate) struct JunitReporter<'r> {
    run: crate::Run<'r>,
}

impl<'r> JunitReporter<'r> {
    pub(crate) fn new(run: crate::Run<'r>) -> JunitReporter<'r> {
        JunitReporter { run }
    }
}

impl crate::Reporter for JunitReporter<'_> {
    fn start(&mut self) -> String {
        junit_head()
    }

    fn partnerships(&mut self, chunk: &crate::Chunk<'_>) -> String {
        let as_of = self.run.as_of.to_string();
        chunk
            .set
            .partnerships
            .iter()
            .map(|p| {
                // Every outcome counts here (a skipped case is an unknown), not just those shown.
                let findings: Vec<&Finding> = chunk
                    .every
                    .iter()
                    .filter(|f| f.partnership == p.id)
                    .collect();
                let errors: Vec<&RuleError> = chunk
                    .errors
                    .iter()
                    .filter(|e| e.partnership.as_deref() == Some(p.id.as_str()))
                    .collect();
                junit_suite(
                    (&p.id, &p.name),
                    &as_of,
                    self.run.chosen,
                    &findings,
                    &errors,
                    self.run.threshold,
                )
            })
            .collect()
    }

    fn finish(&mut self, _end: &crate::ResultSet<'_>) -> String {
        junit_tail()
    }
}
