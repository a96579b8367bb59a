//! `cargo xtask replay`: recorded JS-SDK calls replayed against bindings generated from pages.
//!
//! Import every page, generate both variants into a scratch crate with a dispatch from each
//! method to its typed call, build it once, run every case in one process against a local
//! server answering the recorded response, compare, and write `report.json` and `report.md`.

mod compare;
mod corpus;
mod dispatch;
mod pages;
mod query;
mod report;
mod scratch;

use compare::{Comparison, Variant};
use corpus::{Case, SentRequest};
use report::{CaseResult, Report};
use scratch::{Done, Job, Scratch};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Instant;
use wixgen::resolve::{MethodKind, Model};
use wixgen::schema::{HttpMethod, Method};

/// The command's arguments.
pub struct Options {
    pub pages: PathBuf,
    pub cases: PathBuf,
    pub out: PathBuf,
}

/// What a run found, and how long its stages took.
pub struct Summary {
    report: Report,
    out: PathBuf,
    stages: Vec<(&'static str, f64)>,
}

impl Summary {
    pub fn passed(&self) -> bool {
        self.report.passed()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.report;
        writeln!(
            f,
            "{} cases: {} identical, {} deliberate, {} differ, {} not run; report in {}",
            r.cases,
            r.identical,
            r.deliberate,
            r.differs,
            r.not_run,
            self.out.join("report.md").display()
        )?;
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|(stage, seconds)| format!("{stage} {seconds:.1}s"))
            .collect();
        write!(f, "time: {}", stages.join(", "))
    }
}

/// Runs the replay and writes the reports; `Err` only when the inputs cannot be read or the
/// reports cannot be written.
pub fn run(options: &Options) -> Result<Summary, String> {
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |stages: &mut Vec<(&'static str, f64)>, name| {
        stages.push((name, clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    let pages = pages::Pages::import(&options.pages).map_err(|e| e.to_string())?;
    let (cases, unreadable) = corpus::read(&options.cases).map_err(|e| e.to_string())?;
    lap(&mut stages, "import");
    let mut results: Vec<CaseResult> = unreadable
        .into_iter()
        .map(|(id, reason)| CaseResult::new(id, Vec::new(), Vec::new(), reason))
        .collect();

    let scratch = Scratch::new(&options.out);
    let generated = generate(&pages, &scratch);
    lap(&mut stages, "generate");
    let replayed = generated.and_then(|model| {
        let planned = plan(&cases, &pages, &model);
        let runner = scratch.build()?;
        lap(&mut stages, "build");
        let jobs: Vec<Job> = planned.iter().flat_map(|p| p.jobs()).collect();
        let done = scratch.run(&runner, &jobs)?;
        lap(&mut stages, "replay");
        Ok((planned, done))
    });
    match replayed {
        Ok((planned, done)) => {
            let mut done: BTreeMap<String, Done> =
                done.into_iter().map(|d| (d.id.clone(), d)).collect();
            results.extend(planned.into_iter().map(|p| p.judge(&mut done)));
        }
        // Nothing ran: every case says why.
        Err(reason) => {
            results.extend(cases.iter().map(|case| {
                CaseResult::new(case.id.clone(), Vec::new(), Vec::new(), reason.clone())
            }))
        }
    }

    let report = Report::new(results);
    std::fs::create_dir_all(&options.out).map_err(|e| format!("{}: {e}", options.out.display()))?;
    for (name, text) in [
        ("report.json", report.json()),
        ("report.md", report.markdown()),
    ] {
        let path = options.out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(Summary {
        report,
        out: options.out.clone(),
        stages,
    })
}

/// Generates both variants of every imported page into the scratch crate, with its dispatch.
fn generate(pages: &pages::Pages, scratch: &Scratch) -> Result<Model, String> {
    let packages = pages.packages();
    if packages.is_empty() {
        return Err("no page imported".into());
    }
    let builder = wixgen::Builder::new()
        .schema(packages)
        .layout(wixgen::Layout::ModuleTree)
        .out_dir(scratch.bindings_dir());
    let (model, _) = builder
        .model()
        .map_err(|e| format!("generation failed: {e}"))?;
    builder
        .build()
        .map_err(|e| format!("generation failed: {e}"))?;
    scratch
        .write(&dispatch::source(&model))
        .map_err(|e| format!("{}: {e}", scratch.dir.display()))?;
    Ok(model)
}

/// One case, ready to replay: its calls per variant, or why it cannot run.
struct Planned<'c> {
    case: &'c Case,
    sdk: Option<Job>,
    rest: Option<Job>,
    /// Whether the SDK and the REST method return nothing (`()`).
    returns_nothing: [bool; 2],
    reason: String,
}

impl Planned<'_> {
    fn jobs(&self) -> impl Iterator<Item = Job> + '_ {
        [&self.sdk, &self.rest]
            .into_iter()
            .flatten()
            .map(|job| Job {
                id: job.id.clone(),
                dispatch: job.dispatch.clone(),
                input: job.input.clone(),
                response: job.response.clone(),
            })
    }

    /// The case's result from what its calls did.
    fn judge(self, done: &mut BTreeMap<String, Done>) -> CaseResult {
        let case = self.case;
        let mut comparison = Comparison::default();
        let mut reasons = Vec::new();
        if !self.reason.is_empty() {
            reasons.push(self.reason.clone());
        }
        let sent = &case.rest_request_sent_by_js_sdk;
        let sdk_result = corpus::unmark(&case.sdk_result_returned_by_js_sdk);
        let calls = [
            (Variant::Sdk, &self.sdk, &sdk_result),
            (Variant::Rest, &self.rest, &case.rest_response),
        ];
        for (variant, job, expected) in calls {
            let returns_nothing = match variant {
                Variant::Sdk => self.returns_nothing[0],
                Variant::Rest => self.returns_nothing[1],
            };
            let Some(job) = job else { continue };
            let Some(call) = done.remove(&job.id) else {
                reasons.push(format!("{variant:?}: the runner did not report the call"));
                continue;
            };
            if let Some(error) = &call.input_error {
                reasons.push(format!(
                    "{} variant: the case does not fit the Rust types: {error}",
                    variant_name(variant)
                ));
                continue;
            }
            comparison.request(
                variant,
                sent,
                call.request.as_ref(),
                call.call_error.as_deref(),
            );
            if call.request.is_some() {
                // A method that returns nothing returns `null`.
                let result = call.result.unwrap_or(Value::Null);
                let result = call.call_error.as_deref().map_or(Ok(&result), Err);
                comparison.result(variant, expected, result, returns_nothing);
            }
        }
        CaseResult::new(
            case.id.clone(),
            comparison.rules.into_iter().collect(),
            comparison.differences,
            reasons.join("; "),
        )
    }
}

fn variant_name(variant: Variant) -> &'static str {
    match variant {
        Variant::Sdk => "sdk",
        Variant::Rest => "rest",
    }
}

/// Every case's calls.
fn plan<'c>(cases: &'c [Case], pages: &pages::Pages, model: &Model) -> Vec<Planned<'c>> {
    cases
        .iter()
        .map(|case| {
            let mut planned = Planned {
                case,
                sdk: None,
                rest: None,
                returns_nothing: [false; 2],
                reason: String::new(),
            };
            match jobs(case, pages, model) {
                Ok((sdk, rest, returns_nothing)) => {
                    (planned.sdk, planned.rest) = (Some(sdk), Some(rest));
                    planned.returns_nothing = returns_nothing;
                }
                Err(reason) => planned.reason = reason,
            }
            planned
        })
        .collect()
}

/// A case's SDK call (its arguments by name) and REST call (the request the SDK sent), and
/// whether each method returns nothing.
fn jobs(case: &Case, pages: &pages::Pages, model: &Model) -> Result<(Job, Job, [bool; 2]), String> {
    let method = pages.method(&case.page, &case.method)?;
    let located = pages::locate(model, method)?;
    let not_generated = |variant| format!("`{}` has no generated {variant} method", method.name);
    let sdk = located.sdk.ok_or_else(|| not_generated("SDK"))?;
    let rest = located.rest.ok_or_else(|| not_generated("REST"))?;
    // A builder case replays its chain through the method's query builder.
    let (dispatch, input) = match (&case.sdk_builder_chain, &sdk.builder) {
        (None, _) => (
            dispatch::name(located.package, &located.package.sdk, sdk),
            sdk_arguments(case, method),
        ),
        (Some(chain), Some(_)) => (
            dispatch::builder_name(located.package, &located.package.sdk, sdk),
            serde_json::json!({"chain": chain, "dates": case.sdk_builder_chain_date_paths}),
        ),
        (Some(_), None) => return Err(format!("`{}` has no generated query builder", method.name)),
    };
    let sdk_job = Job {
        id: format!("{}#sdk", case.id),
        dispatch,
        input,
        response: case.rest_response.clone(),
    };
    let MethodKind::Rest { request, .. } = &rest.kind else {
        return Err(not_generated("REST"));
    };
    let rest_job = Job {
        id: format!("{}#rest", case.id),
        dispatch: dispatch::name(located.package, &located.package.rest, rest),
        input: rest_request(
            &case.rest_request_sent_by_js_sdk,
            request,
            &located.package.rest.types,
        ),
        response: case.rest_response.clone(),
    };
    let nothing = |kind: &MethodKind| match kind {
        MethodKind::Rest { response, .. } | MethodKind::Sdk { response, .. } => response.is_none(),
    };
    Ok((sdk_job, rest_job, [nothing(&sdk.kind), nothing(&rest.kind)]))
}

/// The positional arguments keyed by their names in the SDK signature.
fn sdk_arguments(case: &Case, method: &Method) -> Value {
    let names = method.sdk.as_ref().map_or(&[][..], |s| &s.positional[..]);
    let arguments: Map<String, Value> = names
        .iter()
        .zip(&case.sdk_arguments)
        .map(|(name, value)| (name.clone(), corpus::unmark(value)))
        .collect();
    Value::Object(arguments)
}

/// The REST request the SDK sent: its body, or for GET and DELETE the request its query encodes.
fn rest_request(
    sent: &SentRequest,
    request: &wixgen::resolve::RustIdent,
    types: &[wixgen::resolve::TypeModel],
) -> Value {
    let reads_query = matches!(
        HttpMethod::parse(&sent.method),
        Some(HttpMethod::Get | HttpMethod::Delete)
    );
    match &sent.body {
        Value::Null if reads_query => query::request_from_query(&sent.query, request, types),
        Value::Null => Value::Object(Map::new()),
        body => body.clone(),
    }
}
