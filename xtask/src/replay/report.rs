//! `report.json` (the format the issue fixes) and `report.md` (the same for people: totals,
//! the rules that explained cases, the kinds of difference, and every case that did not pass).

use super::compare::{Difference, Rule, Side, ABSENT};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Identical,
    Deliberate,
    Differs,
    NotRun,
}

/// One case's line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    pub case: String,
    pub outcome: Outcome,
    pub rules: Vec<String>,
    pub differences: Vec<Difference>,
    /// Why it did not run; empty when it ran.
    pub reason: String,
}

impl CaseResult {
    /// The outcome follows from what was found: a reason not to run, differences, rules.
    pub fn new(
        case: String,
        rules: Vec<Rule>,
        differences: Vec<Difference>,
        reason: String,
    ) -> Self {
        let outcome = if !reason.is_empty() {
            Outcome::NotRun
        } else if !differences.is_empty() {
            Outcome::Differs
        } else if !rules.is_empty() {
            Outcome::Deliberate
        } else {
            Outcome::Identical
        };
        CaseResult {
            case,
            outcome,
            rules: rules.into_iter().map(|r| r.name().to_string()).collect(),
            differences,
            reason,
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub cases: usize,
    pub identical: usize,
    pub deliberate: usize,
    pub differs: usize,
    pub not_run: usize,
    pub results: Vec<CaseResult>,
}

impl Report {
    pub fn new(mut results: Vec<CaseResult>) -> Self {
        results.sort_by(|a, b| a.case.cmp(&b.case));
        let count = |outcome| results.iter().filter(|r| r.outcome == outcome).count();
        Report {
            cases: results.len(),
            identical: count(Outcome::Identical),
            deliberate: count(Outcome::Deliberate),
            differs: count(Outcome::Differs),
            not_run: count(Outcome::NotRun),
            results,
        }
    }

    /// Every case identical or explained by deliberate differences.
    pub fn passed(&self) -> bool {
        self.differs == 0 && self.not_run == 0
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn markdown(&self) -> String {
        let mut md = String::from("# Replay of recorded JS-SDK calls\n\n");
        let _ = writeln!(
            md,
            "{} cases: {} identical, {} deliberate, {} differ, {} not run.\n",
            self.cases, self.identical, self.deliberate, self.differs, self.not_run
        );
        let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
        for rule in self.results.iter().flat_map(|r| &r.rules) {
            *rules.entry(rule).or_default() += 1;
        }
        if !rules.is_empty() {
            md.push_str("## Deliberate differences\n\n| rule | cases |\n|---|---|\n");
            for (rule, count) in rules {
                let _ = writeln!(md, "| `{rule}` | {count} |");
            }
            md.push('\n');
        }
        let mut kinds: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for result in &self.results {
            for difference in &result.differences {
                let entry = kinds.entry(kind(difference)).or_insert((0, &result.case));
                entry.0 += 1;
            }
        }
        if !kinds.is_empty() {
            let mut kinds: Vec<_> = kinds.into_iter().collect();
            kinds.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
            md.push_str(
                "## Differences by kind\n\n| kind | differences | first case |\n|---|---|---|\n",
            );
            for (kind, (count, case)) in kinds {
                let _ = writeln!(md, "| {kind} | {count} | `{case}` |");
            }
            md.push('\n');
        }
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for result in self
            .results
            .iter()
            .filter(|r| r.outcome == super::report::Outcome::NotRun)
        {
            let first_line = result.reason.lines().next().unwrap_or_default();
            *reasons.entry(first_line).or_default() += 1;
        }
        if !reasons.is_empty() {
            md.push_str("## Not run\n\n| reason | cases |\n|---|---|\n");
            for (reason, count) in reasons {
                let _ = writeln!(md, "| {} | {count} |", reason.replace('|', "\\|"));
            }
            md.push('\n');
        }
        md.push_str("## Cases that did not pass\n\n");
        for result in &self.results {
            if matches!(result.outcome, Outcome::Differs | Outcome::NotRun) {
                let _ = writeln!(md, "- `{}`: {}", result.case, summary(result));
            }
        }
        md
    }
}

/// A difference's kind, for grouping: the variant and side, and what each side has there.
pub fn kind(difference: &Difference) -> String {
    let side = match difference.side {
        Side::Request => "request",
        Side::Result => "result",
    };
    let variant = serde_json::to_value(difference.variant).unwrap_or_default();
    let variant = variant.as_str().unwrap_or_default().to_string();
    let area = difference
        .path
        .split(['.', '['])
        .next()
        .unwrap_or_default()
        .to_string();
    format!(
        "{variant} {side} `{area}`: js {} / rust {}",
        shape(&difference.js),
        shape(&difference.rust)
    )
}

/// What a value is, in a word.
fn shape(value: &Value) -> &'static str {
    match value {
        Value::String(s) if s == ABSENT => "absent",
        Value::String(s) if s.starts_with("<<error") => "an error",
        Value::String(s) if s.starts_with("<<not sent") => "nothing sent",
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn summary(result: &CaseResult) -> String {
    if result.outcome == Outcome::NotRun {
        return result.reason.lines().next().unwrap_or_default().to_string();
    }
    let paths: Vec<String> = result
        .differences
        .iter()
        .take(5)
        .map(|d| format!("`{}`", d.path))
        .collect();
    let more = result.differences.len().saturating_sub(paths.len());
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("{}{more}", paths.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replay::compare::Variant;
    use serde_json::json;

    #[test]
    fn the_report_has_exactly_the_agreed_keys() {
        let difference = Difference {
            variant: Variant::Rest,
            side: Side::Request,
            path: "body.a".into(),
            js: json!(1),
            rust: json!(ABSENT),
        };
        let report = Report::new(vec![
            CaseResult::new("p/b".into(), vec![], vec![difference], String::new()),
            CaseResult::new(
                "p/a".into(),
                vec![Rule::CallerNullNotSent],
                vec![],
                String::new(),
            ),
            CaseResult::new(
                "p/c".into(),
                vec![],
                vec![],
                "query builders are not generated yet".into(),
            ),
            CaseResult::new("p/d".into(), vec![], vec![], String::new()),
        ]);
        let json: Value = serde_json::from_str(&report.json()).unwrap();
        assert_eq!(
            json,
            json!({
                "cases": 4, "identical": 1, "deliberate": 1, "differs": 1, "not_run": 1,
                "results": [
                    {"case": "p/a", "outcome": "deliberate", "rules": ["caller-null-not-sent"], "differences": [], "reason": ""},
                    {"case": "p/b", "outcome": "differs", "rules": [], "differences": [
                        {"variant": "rest", "side": "request", "path": "body.a", "js": 1, "rust": "<<absent>>"}
                    ], "reason": ""},
                    {"case": "p/c", "outcome": "not-run", "rules": [], "differences": [], "reason": "query builders are not generated yet"},
                    {"case": "p/d", "outcome": "identical", "rules": [], "differences": [], "reason": ""}
                ]
            })
        );
        assert!(!report.passed());
        assert!(report
            .markdown()
            .contains("| rest request `body`: js a number / rust absent | 1 | `p/b` |"));
    }
}
