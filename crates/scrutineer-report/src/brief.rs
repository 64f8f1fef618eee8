//! What the briefing pack says about one partnership, worked out once and written by each pack
//! format (HTML, Markdown, text, Word), so they all say the same thing in the same order.
//!
//! The first page answers "what should we raise?": the failures that matter (one per fact,
//! each with every basis for it, most serious first), what is in order (from the passes, by
//! area), a handful of questions, and how far the records reach. Then the requests for
//! information, grouped by the record that would settle them, and the sources the verdicts rest
//! on. The full list of checks the records cannot settle is kept for an appendix.

use std::collections::{BTreeMap, HashMap};

use scrutineer_graph::model::Topic;
use scrutineer_graph::{Date, Graph};
use scrutineer_rules::opened::{Opened, fact_key};
use scrutineer_rules::{Finding, Outcome, Severity};

use crate::{PackExtras, PartnershipInfo, ResultSet};

/// A pack's findings, graphs, scenario changes and resolved results grouped by partnership, in
/// one pass over each. Each pack format asks these once per partnership; filtering the whole
/// list each time made a pack over N partnerships cost N times N (10,000 files did not finish
/// in 400 s). Each list keeps the order of the whole, so the pack reads as before.
pub struct ByPartnership<'a> {
    findings: HashMap<&'a str, Vec<&'a Finding>>,
    graphs: HashMap<&'a str, &'a Graph>,
    scenarios: HashMap<&'a str, Vec<&'a ScenarioChange<'a>>>,
    resolved: HashMap<&'a str, usize>,
}

impl<'a> ByPartnership<'a> {
    pub fn new(set: &'a ResultSet<'a>, extras: &'a PackExtras<'a>) -> ByPartnership<'a> {
        let mut findings: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for f in &set.findings {
            findings.entry(f.partnership.as_str()).or_default().push(f);
        }
        let mut graphs = HashMap::new();
        for g in &extras.graphs {
            // The first graph of an id, as a search from the front would find.
            graphs.entry(g.data.id.as_str()).or_insert(*g);
        }
        let mut scenarios: HashMap<&str, Vec<&ScenarioChange>> = HashMap::new();
        for c in &extras.scenarios {
            scenarios.entry(c.partnership.as_str()).or_default().push(c);
        }
        let mut resolved = HashMap::new();
        for r in set.baseline.iter().flat_map(|b| &b.resolved) {
            *resolved.entry(r.partnership.as_str()).or_default() += 1;
        }
        ByPartnership {
            findings,
            graphs,
            scenarios,
            resolved,
        }
    }

    /// The findings of partnership `id`, in the order of the result set.
    pub fn findings(&self, id: &str) -> &[&'a Finding] {
        self.findings.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// The graph of partnership `id`, if the pack has it.
    pub fn graph(&self, id: &str) -> Option<&'a Graph> {
        self.graphs.get(id).copied()
    }

    /// What each scenario would change for partnership `id`, in the order given.
    pub fn scenarios(&self, id: &str) -> &[&'a ScenarioChange<'a>] {
        self.scenarios
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// How many of the baseline's failures partnership `id` no longer has.
    pub fn resolved(&self, id: &str) -> usize {
        self.resolved.get(id).copied().unwrap_or_default()
    }
}

/// The fewest findings with a day they opened for which the pack draws the chart of them.
pub const MIN_CHART_ROWS: usize = 2;

/// The most questions the pack puts to the meeting.
pub const MAX_QUESTIONS: usize = 5;

/// The most rows of the request table on the first pages: every record that settles more than
/// one check is shown, then single-check records up to this many rows; the rest are counted and
/// left to the appendix.
pub const MAX_REQUEST_ROWS: usize = 8;

/// The most records named on the one line of an area the records never touch; the rest are in
/// the appendix.
const MAX_AREA_ASKS: usize = 2;

/// One basis for a finding: a rule, its law and its address.
#[derive(Clone, Debug)]
pub struct Basis {
    pub rule: String,
    pub severity: Severity,
    /// The law or guidance, as cited.
    pub law: String,
    pub url: String,
    /// The rule's title: the problem it finds.
    pub title: String,
}

/// A failure to raise: one fact, with every rule that reports it.
#[derive(Clone, Debug)]
pub struct KeyFinding<'a> {
    pub finding: &'a Finding,
    /// The finding in plain words.
    pub message: String,
    /// Its own rule first, then the others that report the same fact.
    pub bases: Vec<Basis>,
    /// Numbers in [`Brief::sources`] (from 1) of the papers it rests on.
    pub sources: Vec<usize>,
    /// The day it began, when the pack worked it out (see [`scrutineer_rules::opened`]).
    pub opened: Option<Opened>,
}

impl Brief<'_> {
    /// The chart of when each finding opened (see [`crate::structure::opened_chart`]), with
    /// what each finding is about as labels, in the order of the pack; `None` when fewer than
    /// [`MIN_CHART_ROWS`] findings have a day they opened.
    pub fn opened_chart(&self, as_of: Date) -> Option<String> {
        let labels: Vec<(String, Opened)> = self
            .findings
            .iter()
            // Labelled by what the finding is about: its words are just above in the pack,
            // and a row of seven wrapped lines pushed a pack onto a fourth page.
            .filter_map(|k| Some((capital(&plain(&k.finding.subject_name)), k.opened?)))
            .collect();
        // One bar says no more than the finding's own "Open since" line, and costs a quarter
        // of a page: a pack with one finding had gone to a fourth page before its appendix.
        // Nor does a chart whose bars all start on the pack's day.
        if labels.len() < MIN_CHART_ROWS || labels.iter().all(|(_, o)| o.day >= as_of) {
            return None;
        }
        let rows: Vec<(&str, Opened)> = labels.iter().map(|(l, o)| (l.as_str(), *o)).collect();
        Some(crate::structure::opened_chart(
            &self.partnership.id,
            &rows,
            as_of,
        ))
    }
}

impl Brief<'_> {
    /// The chart's facts in words, for its text alternative: "The probation service ...: open
    /// since 31 August 2022 (1 month)." for each finding charted.
    pub fn opened_description(&self, as_of: Date) -> String {
        let lines: Vec<String> = self
            .findings
            .iter()
            .filter_map(|k| {
                Some(format!(
                    "{}: open {}.",
                    capital(&k.message),
                    open_since(k.opened?, as_of)
                ))
            })
            .collect();
        format!(
            "When each finding opened, as of {}. {}",
            as_of.long(),
            lines.join(" ")
        )
    }
}

impl KeyFinding<'_> {
    /// How long it has been open, as of `as_of`: "since 1 August 2022 (2 months)".
    pub fn open_since(&self, as_of: Date) -> Option<String> {
        self.opened.map(|o| open_since(o, as_of))
    }
}

/// "since 1 August 2022 (2 months)"; for a failure that opens on the day of the pack, "from 1
/// October 2022, the date of this briefing"; for one already there on the earliest day the
/// search reached, "since 3 March 2019 or earlier (at least 3 years 7 months)"; for a failure already there on the first day the records
/// name, "since 5 July 2021 or earlier, when the records begin (at least 1 year 2 months)".
pub fn open_since(o: Opened, as_of: Date) -> String {
    let day = o.day.min(as_of);
    if day == as_of && !o.on_or_before {
        return format!("from {}, the date of this briefing", day.long());
    }
    if o.on_or_before && o.records_begin {
        format!(
            "since {} or earlier, when the records begin (at least {})",
            day.long(),
            duration(day, as_of)
        )
    } else if o.on_or_before && day == as_of {
        format!("from {} or earlier", day.long())
    } else if o.on_or_before {
        format!(
            "since {} or earlier (at least {})",
            day.long(),
            duration(day, as_of)
        )
    } else {
        format!("since {} ({})", day.long(), duration(day, as_of))
    }
}

/// "3 years 2 months", "5 months", "12 days": the time from `from` to `to`.
pub fn duration(from: Date, to: Date) -> String {
    let months = from.months_until(to).max(0);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if months == 0 {
        return plural(from.days_until(to).max(0), "day");
    }
    match (months / 12, months % 12) {
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
    }
}

/// The most passes quoted for one area; the rest are counted.
const MAX_IN_ORDER_LINES: usize = 3;

/// What is in order in one area, from the passes that rest on a record.
#[derive(Clone, Debug)]
pub struct InOrder {
    /// The area in plain words.
    pub area: String,
    /// What the records show is met, one line per check passed.
    pub lines: Vec<String>,
    pub sources: Vec<usize>,
}

impl InOrder {
    /// The area's passes in a sentence: the first few quoted, the rest counted.
    pub fn summary(&self) -> String {
        let shown = &self.lines[..self.lines.len().min(MAX_IN_ORDER_LINES)];
        let more = self.lines.len() - shown.len();
        let mut out = shown.join("; ");
        if more > 0 {
            out.push_str(&format!(
                "; and {more} more check{} met",
                if more == 1 { "" } else { "s" }
            ));
        }
        out
    }
}

/// A record or list to ask officers for, and the checks it would settle.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub ask_for: String,
    pub checks: Vec<&'a Finding>,
}

/// An area the records never touch: no check in it passes or fails.
#[derive(Clone, Debug)]
pub struct Untouched<'a> {
    pub area: String,
    /// The records that would settle its checks, most checks first.
    pub ask_for: Vec<String>,
    /// How many more records the appendix names.
    pub more: usize,
    pub checks: Vec<&'a Finding>,
}

/// A paper a verdict rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    /// The date as written in the records, if any.
    pub date: Option<String>,
    pub url: Option<String>,
}

/// What one scenario (or one variant of a sweep) would change for one partnership, from
/// `what-if`'s comparison of the results before and after it.
#[derive(Clone, Debug)]
pub struct ScenarioChange<'a> {
    pub partnership: String,
    /// The scenario's title, and the variant's name for a sweep.
    pub title: String,
    /// The scenario file.
    pub file: String,
    /// Failures it would bring.
    pub new: Vec<&'a Finding>,
    /// Failures it would clear.
    pub resolved: Vec<&'a Finding>,
    /// Checks the records cannot settle now that it would settle.
    pub settled: Vec<&'a Finding>,
}

impl Brief<'_> {
    /// The line after the request table about the records it leaves out, if any.
    pub fn other_requests_line(&self) -> Option<String> {
        match self.other_requests.len() {
            0 => None,
            1 => Some("1 more record would settle one check; the appendix names it.".into()),
            n => Some(format!(
                "{n} more records would each settle one check; the appendix names them."
            )),
        }
    }
}

impl ScenarioChange<'_> {
    /// The change in a sentence: "would bring 1 failure, clear none and settle 3 checks".
    pub fn summary(&self) -> String {
        let n = |k: usize, one: &str, many: &str| match k {
            0 => format!("no {many}"),
            1 => format!("1 {one}"),
            k => format!("{k} {many}"),
        };
        format!(
            "Would bring {}, clear {} and settle {} the records cannot settle now.",
            n(self.new.len(), "new failure", "new failures"),
            n(self.resolved.len(), "failure", "failures"),
            n(self.settled.len(), "check", "checks")
        )
    }
}

/// The briefing on one partnership.
pub struct Brief<'a> {
    pub partnership: &'a PartnershipInfo,
    pub findings: Vec<KeyFinding<'a>>,
    pub waived: Vec<&'a Finding>,
    pub in_order: Vec<InOrder>,
    pub questions: Vec<String>,
    pub requests: Vec<Request<'a>>,
    /// Records that would each settle one check, beyond [`MAX_REQUEST_ROWS`]: in the appendix.
    pub other_requests: Vec<Request<'a>>,
    pub untouched: Vec<Untouched<'a>>,
    pub sources: Vec<Source>,
    /// Every check the records cannot settle, in rule order: the appendix.
    pub unknowns: Vec<&'a Finding>,
    /// How many months the evaluation date is past the newest record.
    pub months_stale: Option<i64>,
}

/// The areas of the rule pack in a councillor's words (the folders of `rules/`).
pub fn area_name(area: &str) -> String {
    match area {
        "responsible-authorities" => "who must take part",
        "strategy-group" => "the strategy group",
        "plans" => "the strategic assessment and plan",
        "scrutiny" => "scrutiny by the committee",
        "serious-violence" => "the serious violence duty",
        "reviews" => "domestic homicide reviews",
        "asb-case-review" => "ASB case reviews (the community trigger)",
        "prevent" => "Prevent and Channel",
        "information-sharing" => "information sharing",
        "due-regard" => "crime and disorder in council decisions",
        "delivery" => "priorities, actions, posts and risks",
        "structure" => "how the groups work",
        other => return other.replace('-', " "),
    }
    .to_string()
}

/// A subject as a councillor would name it: "the partnership", or a statutory theme in words
/// (`substance_misuse` is "drug and alcohol misuse"), else the record's own name.
pub fn subject_name(f: &Finding) -> String {
    if f.subject == f.partnership {
        "the partnership".to_string()
    } else {
        plain(&f.subject_name)
    }
}

/// Text with any statutory theme's label (`substance_misuse`) in words.
pub fn plain(text: &str) -> String {
    if !text.contains('_') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match theme(word) {
            Some(w) => out.push_str(w),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_lowercase() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A statutory theme's label in words. The graph's own descriptions are written for the file
/// format's reference; these are shorter, as a committee would say them.
fn theme(label: &str) -> Option<&'static str> {
    let t = Topic::from_name(label)?;
    Some(match t {
        Topic::CrimeAndDisorder => "crime and disorder",
        Topic::AntiSocialBehaviour => "anti-social behaviour",
        Topic::SubstanceMisuse => "drug and alcohol misuse",
        Topic::Reoffending => "re-offending",
        Topic::SeriousViolence => "serious violence",
        Topic::DomesticAbuse => "domestic abuse",
        Topic::Vulnerability => "vulnerable people",
        Topic::Prevent => "Prevent",
    })
}

/// `text` with a capital first letter.
pub fn capital(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Violation => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The word for a severity, as the pack prints it.
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Violation => "Violation",
        Severity::Warning => "Warning",
        Severity::Info => "For information",
    }
}

/// A request as a question for the meeting, naming the record without the span of dates and
/// conditions it asks for (the request table beside it has them): "Can officers provide the minutes of Responsible
/// Authorities Group's meetings?"
fn ask_officers(request: &str) -> String {
    // Cut at the dates and added conditions only: a list ("the owner, target and measures of
    // ...") is the record itself, and so is a name in quotes, whatever it holds.
    let mut end = request.len();
    for cut in [" from ", " since ", " (", ", with "] {
        let outside_quotes = request
            .match_indices(cut)
            .map(|(i, _)| i)
            .find(|&i| request[..i].matches('"').count().is_multiple_of(2));
        if let Some(i) = outside_quotes {
            end = end.min(i);
        }
    }
    let record = plain(request[..end].trim());
    let record = record.trim_end_matches(['.', ' ']);
    if record.is_empty() {
        return String::new();
    }
    // "who appointed ...", "whether ...": a fact to tell, not a document to hand over.
    let verb = match record.split_whitespace().next() {
        Some("who" | "whether" | "when" | "which" | "how" | "what" | "why") => "say",
        _ => "provide",
    };
    format!("Can officers {verb} {record}?")
}

/// The record a request names, without the details that differ between rules asking for it:
/// "the minutes of X's meetings from 1 April 2022 to 1 October 2022" and "the minutes of X's
/// meetings from 1 October 2021 to 1 October 2022, with whether each was held in public" are
/// one record. A request carries no grouping key of its own, so the record is read from its
/// words: everything before the first period, qualifier or added clause.
fn record_key(request: &str) -> String {
    let mut end = request.len();
    for cut in [" from ", " in the ", ", ", ": ", " (", " since "] {
        if let Some(i) = request.find(cut) {
            end = end.min(i);
        }
    }
    request[..end].trim().to_lowercase()
}

impl<'a> Brief<'a> {
    /// The briefing on `p` from `mine`, its findings in `set` (see [`ByPartnership`]): a
    /// pack of many partnerships builds each brief without searching every finding.
    pub fn of(
        set: &'a ResultSet<'a>,
        p: &'a PartnershipInfo,
        mine: &[&'a Finding],
        graph: Option<&Graph>,
    ) -> Brief<'a> {
        let mut sources: Vec<Source> = Vec::new();
        let mut cite = |f: &Finding| -> Vec<usize> {
            let mut out = Vec::new();
            for e in &f.evidence {
                let Some(s) = &e.source else { continue };
                let src = source_of(s, graph);
                let n = match sources.iter().position(|x| *x == src) {
                    Some(i) => i + 1,
                    None => {
                        sources.push(src);
                        sources.len()
                    }
                };
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            out
        };

        let mut fails: Vec<&'a Finding> = mine
            .iter()
            .copied()
            .filter(|f| f.outcome == Outcome::Fail)
            .collect();
        fails.sort_by(|a, b| {
            (
                severity_rank(a.severity),
                std::cmp::Reverse(a.also.len()),
                &a.rule,
                &a.subject,
            )
                .cmp(&(
                    severity_rank(b.severity),
                    std::cmp::Reverse(b.also.len()),
                    &b.rule,
                    &b.subject,
                ))
        });
        let basis = |rule: &str, severity: Severity| {
            let r = set.rules.get(rule);
            Basis {
                rule: rule.to_string(),
                severity,
                law: r.map(|r| r.basis.clone()).unwrap_or_default(),
                url: r.map(|r| r.url.clone()).unwrap_or_default(),
                title: r.map(|r| r.title.clone()).unwrap_or_default(),
            }
        };
        let findings: Vec<KeyFinding<'a>> = fails
            .iter()
            .map(|f| KeyFinding {
                finding: f,
                message: plain(&f.message),
                bases: std::iter::once(basis(&f.rule, f.severity))
                    .chain(f.also.iter().map(|a| basis(&a.rule, a.severity)))
                    .collect(),
                sources: cite(f),
                opened: p.opened.get(&fact_key(f)).copied(),
            })
            .collect();

        let area_of = |f: &Finding| {
            set.rules
                .get(f.rule.as_str())
                .map(|r| r.area.clone())
                .unwrap_or_default()
        };
        let mut passes: BTreeMap<String, InOrder> = BTreeMap::new();
        // What the records show is met: a pass that rests on no record ("since 26 June 2021
        // there is one Probation Service, so joint appointment does not arise", "the probation
        // provider is recorded as ..." from a check that a paper is not out of date) says a
        // duty does not arise or a paper is not wrong, not that the partnership did anything,
        // and a councillor reads it as filler.
        for f in mine
            .iter()
            .filter(|f| f.outcome == Outcome::Pass && !f.evidence.is_empty())
        {
            let area = area_of(f);
            let line = if f.message.is_empty() {
                format!("{}: met", subject_name(f))
            } else {
                plain(&f.message)
            };
            let refs = cite(f);
            let entry = passes.entry(area.clone()).or_insert_with(|| InOrder {
                area: area_name(&area),
                lines: Vec::new(),
                sources: Vec::new(),
            });
            if !entry.lines.contains(&line) {
                entry.lines.push(line);
            }
            for r in refs {
                if !entry.sources.contains(&r) {
                    entry.sources.push(r);
                }
            }
        }
        let waived: Vec<&'a Finding> = mine
            .iter()
            .copied()
            .filter(|f| f.outcome == Outcome::Waived)
            .collect();
        for f in &waived {
            cite(f);
        }

        // Areas where some check passed, failed or was waived: the records touch them.
        let touched: Vec<String> = mine
            .iter()
            .filter(|f| f.outcome != Outcome::Unknown && f.outcome != Outcome::NotApplicable)
            .map(|f| area_of(f))
            .collect();
        let unknowns: Vec<&'a Finding> = mine
            .iter()
            .copied()
            .filter(|f| f.outcome == Outcome::Unknown)
            .collect();
        // One request per record; a record whose checks all lie in one area the records never
        // touch goes on that area's single line instead.
        let mut by_record: BTreeMap<String, Vec<&'a Finding>> = BTreeMap::new();
        for f in &unknowns {
            by_record.entry(record_key(ask_for(f))).or_default().push(f);
        }
        let mut by_area: BTreeMap<String, Vec<Vec<&'a Finding>>> = BTreeMap::new();
        by_record.retain(|_, checks| {
            let area = area_of(checks[0]);
            if touched.contains(&area) || checks.iter().any(|f| area_of(f) != area) {
                true
            } else {
                by_area.entry(area).or_default().push(checks.clone());
                false
            }
        });
        let mut requests: Vec<Request<'a>> = by_record
            .into_values()
            .map(|checks| Request {
                ask_for: widest(&checks),
                checks,
            })
            .collect();
        requests.sort_by(|a, b| {
            b.checks
                .len()
                .cmp(&a.checks.len())
                .then_with(|| a.ask_for.cmp(&b.ask_for))
        });
        let keep = requests
            .iter()
            .take_while(|r| r.checks.len() > 1)
            .count()
            .max(MAX_REQUEST_ROWS)
            .min(requests.len());
        let other_requests = requests.split_off(keep);
        let mut untouched: Vec<Untouched<'a>> = by_area
            .into_iter()
            .map(|(area, records)| {
                let mut asks: Vec<(usize, String)> =
                    records.iter().map(|c| (c.len(), widest(c))).collect();
                asks.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                let more = asks.len().saturating_sub(MAX_AREA_ASKS);
                Untouched {
                    area: area_name(&area),
                    ask_for: asks.into_iter().take(MAX_AREA_ASKS).map(|a| a.1).collect(),
                    more,
                    checks: records.into_iter().flatten().collect(),
                }
            })
            .collect();
        untouched.sort_by(|a, b| {
            b.checks
                .len()
                .cmp(&a.checks.len())
                .then_with(|| a.area.cmp(&b.area))
        });

        // The questions: those of the failures, most serious first, then requests for the
        // records that would settle the most checks. A rule's question is written for its
        // failure ("Why did only a handful of agencies attend ...?"); put where the records are
        // silent it accuses without evidence, so a silence becomes a request, in the words of
        // the record it names.
        let mut questions: Vec<String> = Vec::new();
        let asks = fails
            .iter()
            .map(|f| plain(&f.ask))
            .chain(requests.iter().map(|r| ask_officers(&r.ask_for)))
            .chain(
                untouched
                    .iter()
                    .filter_map(|u| u.ask_for.first())
                    .map(|r| ask_officers(r)),
            );
        for ask in asks {
            if questions.len() == MAX_QUESTIONS {
                break;
            }
            if !ask.is_empty() && !questions.contains(&ask) {
                questions.push(ask);
            }
        }
        let months_stale = p
            .newest_certain
            .or(p.newest_record)
            .map(|d| d.months_until(set.as_of));
        Brief {
            partnership: p,
            findings,
            waived,
            in_order: passes.into_values().collect(),
            questions,
            requests,
            other_requests,
            untouched,
            sources,
            unknowns,
            months_stale,
        }
    }

    /// How far the records reach, in a sentence.
    pub fn reach(&self, as_of: Date) -> String {
        let p = self.partnership;
        let ranged = crate::newest_is_a_range(p.newest_certain, p.newest_record);
        match (
            crate::newest_words(p.newest_certain, p.newest_record),
            self.months_stale,
        ) {
            (Some(d), Some(m)) if m >= crate::STALE_AFTER_MONTHS => format!(
                "The records run to {d}, {}{m} months before {}: much of what they say may have changed since.",
                if ranged { "up to " } else { "" },
                as_of.long()
            ),
            (Some(d), Some(m)) if m > 0 => format!(
                "The records run to {d}, {}{m} month{} before {}.",
                if ranged { "up to " } else { "" },
                if m == 1 { "" } else { "s" },
                as_of.long()
            ),
            (Some(d), _) => format!("The records run to {d}."),
            (None, _) => "No record in the file is dated.".to_string(),
        }
    }
}

/// What to ask officers for to settle `f`: its request, or (for a rule that names none) the
/// records about its subject.
fn ask_for(f: &Finding) -> &str {
    f.request.as_deref().unwrap_or(&f.subject_name)
}

/// The fullest wording among the requests of one record: it asks for the most.
fn widest(checks: &[&Finding]) -> String {
    let mut texts: Vec<String> = checks.iter().map(|f| plain(ask_for(f))).collect();
    texts.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    texts.into_iter().next().unwrap_or_default()
}

/// The paper behind a citation: the source whose title the citation starts with, with its date
/// and address from the partnership file.
fn source_of(cited: &str, graph: Option<&Graph>) -> Source {
    let found = graph.and_then(|g| {
        g.data
            .sources
            .iter()
            .filter(|s| {
                cited == s.title
                    || cited.starts_with(&format!("{}, ", s.title))
                    || cited.starts_with(&format!("{} (", s.title))
            })
            .max_by_key(|s| s.title.len())
    });
    match found {
        Some(s) => Source {
            title: s.title.clone(),
            date: s.date.map(|d| d.long()),
            url: s.url.clone(),
        },
        None => Source {
            title: cited.to_string(),
            date: None,
            url: None,
        },
    }
}

/// "1 check", "3 checks": the words every pack format uses for what a request settles.
pub(crate) fn checks(n: usize) -> String {
    format!("{n} check{}", if n == 1 { "" } else { "s" })
}

/// `1, 3`: source numbers as a list.
pub(crate) fn source_numbers(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` 1, 3`: source numbers as a list, each after a space (a table cell in the text packs).
pub(crate) fn refs_list(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| format!(" {n}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// ` (sources 1, 3)`: source numbers after a sentence.
pub(crate) fn refs(numbers: &[usize]) -> String {
    match numbers.len() {
        0 => String::new(),
        1 => format!(" (source {})", numbers[0]),
        _ => format!(" (sources {})", source_numbers(numbers)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_are_named_in_words() {
        assert_eq!(
            plain("no strategy covers substance_misuse or crime_and_disorder."),
            "no strategy covers drug and alcohol misuse or crime and disorder."
        );
        assert_eq!(plain("a_label_not_known"), "a_label_not_known");
    }

    #[test]
    fn one_record_is_one_request() {
        assert_eq!(
            record_key("the minutes of RAG's meetings from 1 April 2022 to 1 October 2022"),
            record_key(
                "the minutes of RAG's meetings from 1 October 2021 to 1 October 2022, with whether each was held in public"
            )
        );
        assert_ne!(
            record_key("the chair of RAG on 1 October 2022"),
            record_key("the membership of RAG on 1 October 2022")
        );
    }
}
