//! The JSON API end to end through the router: every endpoint and filter on a small hand-made
//! store, pagination edges, bad parameters (always a clear 4xx), caching, CORS, store failures,
//! and the OpenAPI document checked against what the server really answers.

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use mp_domain::{AreaCode, AreaRegistry, DatasetImport, FileInfo, Framework, ObsStatus, Period, SourceInfo};
mod common;

use common::obs;
use mp_store::{ImportOptions, ObsQuery, Origin, Store};
use mp_web::AppState;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::time::Instant;
use tower::ServiceExt;

// ---- fixture ---------------------------------------------------------------------------------

/// Countries of origin in the bilateral rows (enough rows for several pages).
const ORIGINS: [&str; 12] = ["MLI", "GIN", "GMB", "MRT", "GNB", "FRA", "CIV", "BFA", "NER", "GHA", "NGA", "MAR"];

fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    // One runtime for every test: the store's pool must live on the runtime that made it.
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime"))
}

struct Fixture {
    state: AppState,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| rt().block_on(build_fixture()))
}

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn source(code: &str, name: &str) -> SourceInfo {
    SourceInfo {
        code: code.into(),
        name: name.into(),
        publisher: format!("{name} publisher"),
        licence: "CC BY 3.0 IGO".into(),
        url: format!("https://example.org/{code}"),
    }
}

fn file(path: &str) -> FileInfo {
    FileInfo { path: path.into(), sha256: format!("{:0>64}", path.len()), bytes: 1234 }
}

fn datasets() -> Vec<DatasetImport> {
    use ObsStatus::*;
    let mut ims24 = Vec::new();
    let mut row = 0;
    let mut next = || {
        row += 1;
        row
    };
    for (p, v) in [("2015", 263_000.0), ("2020", 274_929.0), ("2024", 290_000.0)] {
        ims24.push(obs("IMM.STOCK", "SEN", p, &[], v, Normal, next()));
        ims24.push(obs("IMM.STOCK", "SEN", p, &[("SEX", "F")], v * 0.48, Normal, next()));
        ims24.push(obs("IMM.STOCK", "SEN", p, &[("SEX", "M")], v * 0.52, Normal, next()));
        ims24.push(obs("IMM.STOCK", "GHA", p, &[], v + 200_000.0, Normal, next()));
    }
    for p in ["2020", "2024"] {
        for (i, o) in ORIGINS.iter().enumerate() {
            ims24.push(obs("IMM.STOCK", "SEN", p, &[("COUNTERPART_AREA", o)], 1000.0 * (i + 1) as f64, Normal, next()));
        }
    }
    ims24.push(obs("IMM.STOCK", "SEN", "2024", &[("SEX", "F"), ("COUNTERPART_AREA", "MLI")], 480.0, Normal, next()));
    ims24.push(obs("IMM.STOCK", "ECOWAS", "2020", &[], 7_000_000.0, Estimated, next()));
    if let Some(o) = ims24.iter_mut().find(|o| o.area.as_str() == "SEN" && o.period == Period::Year(2015) && o.dims.is_total()) {
        o.footnote = Some("Interpolated between censuses".into());
    }
    let ims20 =
        vec![obs("IMM.STOCK", "SEN", "2015", &[], 256_000.0, Normal, 1), obs("IMM.STOCK", "SEN", "2020", &[], 275_000.0, Normal, 2)];
    let wpp = vec![
        obs("DEV.POP", "SEN", "2020", &[], 16_436_119.0, Normal, 1),
        obs("DEV.POP", "SEN", "2024", &[], 18_501_984.0, Estimated, 2),
        obs("DEV.POP", "SEN", "2030", &[], 21_000_000.0, Forecast, 3),
        // A projection with its interval bounds, for the forecasts endpoint.
        obs("FCT.IMM_STOCK", "SEN", "2030", &[], 310_000.0, Forecast, 4),
        obs("FCT.IMM_STOCK", "SEN", "2030", &[("VARIANT", "LO80")], 295_000.0, Forecast, 5),
        obs("FCT.IMM_STOCK", "SEN", "2030", &[("VARIANT", "HI80")], 325_000.0, Forecast, 6),
        obs("FCT.IMM_STOCK", "SEN", "2030", &[("VARIANT", "LO95")], 287_000.0, Forecast, 7),
        obs("FCT.IMM_STOCK", "SEN", "2030", &[("VARIANT", "HI95")], 333_000.0, Forecast, 8),
    ];
    let wdi = vec![obs("DEV.POP", "SEN", "2020", &[], 16_743_859.0, Normal, 7)];
    vec![
        DatasetImport {
            source: source("undesa-ims", "UN DESA International Migrant Stock"),
            vintage: "2020".into(),
            files: vec![file("ims2020.csv")],
            observations: ims20,
        },
        DatasetImport {
            source: source("undesa-ims", "UN DESA International Migrant Stock"),
            vintage: "2024".into(),
            files: vec![file("ims2024.csv")],
            observations: ims24,
        },
        DatasetImport {
            source: source("un-wpp", "UN World Population Prospects"),
            vintage: "2024".into(),
            files: vec![file("wpp2024.csv")],
            observations: wpp,
        },
        DatasetImport {
            source: source("wb-wdi", "World Bank WDI"),
            vintage: "2025".into(),
            files: vec![file("wdi.csv")],
            observations: wdi,
        },
    ]
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

async fn open_store(dir: &tempfile::TempDir) -> Store {
    let (fw, areas) = fw_areas();
    let store = Store::open(&dir.path().join("api.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    store
}

fn state_of(store: Store) -> AppState {
    let (fw, areas) = fw_areas();
    AppState::new(store, fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw))
}

async fn build_fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open_store(&dir).await;
    let opts = ImportOptions { dry_run: false, command: "api test".into(), origin: Origin::Public };
    store.import(&datasets(), &opts, &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    let sen = AreaCode::parse("SEN").unwrap();
    let q = ObsQuery { areas: vec![sen.clone()], any_dims: true, ..ObsQuery::default() };
    let records = store.records(&q).await.unwrap();
    store.edition_create(&sen, "2025", "iom-2011", "2025-06-30", &records).await.unwrap_or_else(|e| panic!("{e}"));
    Fixture { state: state_of(store), _dir: dir }
}

// ---- requests --------------------------------------------------------------------------------

struct Res {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Res {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

fn send_to(state: &AppState, method: Method, uri: &str, headers: &[(header::HeaderName, &str)]) -> Res {
    send_via(&mp_web::router(state.clone()), method, uri, headers)
}

/// A request through one router, whose profile cache lives as long as it does.
fn send_via(router: &axum::Router, method: Method, uri: &str, headers: &[(header::HeaderName, &str)]) -> Res {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(k, *v);
    }
    let req = req.body(Body::empty()).unwrap();
    let router = router.clone();
    rt().block_on(async move {
        let res = router.oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
        Res { status: parts.status, headers: parts.headers, body }
    })
}

fn send(method: Method, uri: &str, headers: &[(header::HeaderName, &str)]) -> Res {
    send_to(&fixture().state, method, uri, headers)
}

fn get(uri: &str) -> Res {
    send(Method::GET, uri, &[])
}

/// GET that must succeed; the JSON body.
fn ok(uri: &str) -> Value {
    let r = get(uri);
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
    r.json()
}

fn data(uri: &str) -> Vec<Value> {
    ok(uri)["data"].as_array().unwrap_or_else(|| panic!("{uri}: no data array")).clone()
}

fn strs<'a>(items: &'a [Value], field: &str) -> Vec<&'a str> {
    items.iter().map(|v| v[field].as_str().unwrap_or_else(|| panic!("{field} missing in {v}"))).collect()
}

/// `AREA PERIOD DIMS VALUE source@vintage` per observation, to compare at a glance.
fn show(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|o| {
            let dims: Vec<String> =
                o["dimensions"].as_object().unwrap().iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap())).collect();
            format!(
                "{} {} {} {} {}@{}",
                o["area"].as_str().unwrap(),
                o["period"].as_str().unwrap(),
                dims.join("|"),
                o["value"],
                o["source"]["dataset"].as_str().unwrap(),
                o["source"]["vintage"].as_str().unwrap()
            )
        })
        .collect()
}

// ---- a small JSON Schema checker (the subset the OpenAPI document uses) -----------------------

thread_local! {
    /// The component schemas this thread's checks went through.
    static VISITED: std::cell::RefCell<BTreeSet<String>> = const { std::cell::RefCell::new(BTreeSet::new()) };
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            VISITED.with(|v| v.borrow_mut().insert(r.to_string()));
            let ptr = r.strip_prefix('#').unwrap_or_else(|| panic!("only local $ref: {r}"));
            resolve(doc, doc.pointer(ptr).unwrap_or_else(|| panic!("dangling $ref {r}")))
        }
        None => schema,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        other => panic!("unknown schema type {other}"),
    }
}

/// `allOf` (a flattened field) as one object schema: the parts' properties and required names.
fn merged(doc: &Value, parts: &[Value]) -> Value {
    let mut props = serde_json::Map::new();
    let mut required = Vec::new();
    for p in parts {
        let p = resolve(doc, p);
        assert!(p.get("allOf").is_none() && p.get("oneOf").is_none(), "nested composition in allOf: {p}");
        props.extend(p["properties"].as_object().cloned().unwrap_or_default());
        required.extend(p["required"].as_array().cloned().unwrap_or_default());
    }
    json!({"type": "object", "properties": props, "required": required})
}

/// Every way `v` departs from `schema`, each with its JSON path.
fn check(doc: &Value, schema: &Value, v: &Value, at: &str, errs: &mut Vec<String>) {
    let s = resolve(doc, schema);
    if s == &Value::Bool(false) {
        errs.push(format!("{at}: no value is allowed here, got {v}"));
        return;
    }
    if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
        return check(doc, &merged(doc, parts), v, at, errs);
    }
    if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
        let fits = alts.iter().filter(|a| {
            let mut e = Vec::new();
            check(doc, a, v, at, &mut e);
            e.is_empty()
        });
        if fits.count() != 1 {
            errs.push(format!("{at}: does not match exactly one alternative of oneOf: {v}"));
        }
        return;
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type in schema at {at}"),
        };
        if !types.iter().any(|t| type_ok(t, v)) {
            errs.push(format!("{at}: expected {types:?}, got {v}"));
            return;
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errs.push(format!("{at}: {v} is not one of {e:?}"));
    }
    if let Some(obj) = v.as_object() {
        for r in s.get("required").and_then(Value::as_array).into_iter().flatten() {
            let r = r.as_str().unwrap();
            if !obj.contains_key(r) {
                errs.push(format!("{at}: required property `{r}` is missing"));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => check(doc, ps, val, &format!("{at}.{k}"), errs),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => errs.push(format!("{at}: property `{k}` is not documented")),
                    Some(Value::Bool(true)) => {}
                    Some(ap @ Value::Object(_)) => check(doc, ap, val, &format!("{at}.{k}"), errs),
                    // Documented objects list all their properties: an extra one means the document is behind the code.
                    _ if props.is_some() => errs.push(format!("{at}: property `{k}` is not documented")),
                    _ => {}
                },
            }
        }
    }
    if let Some(arr) = v.as_array() {
        let prefix = s.get("prefixItems").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        for (i, x) in arr.iter().enumerate() {
            if let Some(item) = prefix.get(i).or(s.get("items")) {
                check(doc, item, x, &format!("{at}[{i}]"), errs);
            }
        }
    }
}

fn spec() -> Value {
    serde_json::from_str(mp_web::api::openapi_document().expect("the OpenAPI document is built")).expect("the document is JSON")
}

fn response_schema<'a>(doc: &'a Value, path: &str, status: &str) -> &'a Value {
    let r = resolve(doc, &doc["paths"][path]["get"]["responses"][status]);
    &r["content"]["application/json"]["schema"]
}

fn assert_fits(doc: &Value, schema: &Value, v: &Value, what: &str) {
    let mut errs = Vec::new();
    check(doc, schema, v, "$", &mut errs);
    assert!(errs.is_empty(), "{what} does not match its documented schema:\n  {}", errs.join("\n  "));
}

/// A request for `path` with every path parameter and required query parameter filled from the
/// document's examples, plus `extra` query parameters.
fn example_uri(doc: &Value, path: &str, extra: &[(&str, &Value)]) -> String {
    let params = doc["paths"][path]["get"]["parameters"].as_array().map(Vec::as_slice).unwrap_or_default();
    let mut uri = path.to_string();
    let mut query: Vec<String> = Vec::new();
    let mut add = |name: &str, ex: &Value| match ex {
        Value::Array(xs) => {
            xs.iter().for_each(|x| query.push(format!("{name}={}", x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string()))))
        }
        Value::String(s) => query.push(format!("{name}={s}")),
        other => query.push(format!("{name}={other}")),
    };
    for p in params {
        let name = p["name"].as_str().unwrap();
        let ex = p.get("example").unwrap_or_else(|| panic!("{path}: parameter {name} has no example"));
        if p["in"] == "path" {
            uri = uri.replace(&format!("{{{name}}}"), ex.as_str().unwrap());
        } else if p["required"] == true {
            add(name, ex);
        }
    }
    for (name, ex) in extra {
        add(name, ex);
    }
    if query.is_empty() { uri } else { format!("{uri}?{}", query.join("&")) }
}

// ---- the OpenAPI document against the server ---------------------------------------------------

#[test]
fn openapi_is_served_and_lists_exactly_the_routed_paths_and_parameters() {
    let served = ok("/api/openapi.json");
    let doc = spec();
    assert_eq!(served, doc);
    let version = doc["openapi"].as_str().unwrap();
    assert!(version.starts_with("3.0") || version.starts_with("3.1"), "{version}");
    let documented: BTreeSet<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    let endpoints = mp_web::api::endpoints();
    let routed: BTreeSet<&str> = endpoints.iter().map(|e| e.path).collect();
    assert_eq!(documented, routed, "paths in openapi.json vs routed paths");
    for e in &endpoints {
        let op = &doc["paths"][e.path]["get"];
        assert!(op.is_object(), "{}: no GET operation", e.path);
        let params = op["parameters"].as_array().map(Vec::as_slice).unwrap_or_default();
        let query: BTreeSet<&str> = params.iter().filter(|p| p["in"] == "query").map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(query, e.params.iter().copied().collect::<BTreeSet<_>>(), "{}: documented vs accepted query parameters", e.path);
        let path_params: BTreeSet<&str> = params.iter().filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap()).collect();
        let in_template: BTreeSet<&str> = e.path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect();
        assert_eq!(path_params, in_template, "{}: path parameters", e.path);
        for (status, r) in op["responses"].as_object().unwrap() {
            let r = resolve(&doc, r);
            assert!(r["description"].is_string(), "{} {status}: no description", e.path);
            if let Some(s) = r.pointer("/content/application~1json/schema") {
                assert!(resolve(&doc, s).is_object(), "{} {status}: schema does not resolve", e.path);
            }
        }
        assert!(op["responses"]["200"].is_object(), "{}: no 200 response", e.path);
    }
    // Every $ref anywhere resolves.
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| if k == "$ref" { out.push(x.as_str().unwrap()) } else { refs(x, out) }),
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    for r in all {
        assert!(doc.pointer(r.trim_start_matches('#')).is_some(), "dangling {r}");
    }
}

#[test]
fn every_documented_path_and_parameter_answers_200_with_the_documented_shape() {
    let doc = spec();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let schema = response_schema(&doc, path, "200");
        let uri = example_uri(&doc, path, &[]);
        let body = ok(&uri);
        assert_fits(&doc, schema, &body, &uri);
        for p in item["get"]["parameters"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] != true)
        {
            let uri = example_uri(&doc, path, &[(p["name"].as_str().unwrap(), &p["example"])]);
            let body = ok(&uri);
            assert_fits(&doc, schema, &body, &uri);
        }
    }
}

#[test]
fn real_answers_fit_their_schemas_beyond_the_examples() {
    let doc = spec();
    let cases = [
        ("/api/v1/observations", "/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=*&all_vintages=true&limit=3"),
        ("/api/v1/observations", "/api/v1/observations?indicator=IMM.STOCK&area=XXX&area=SEN&period=1990"),
        ("/api/v1/areas/{code}", "/api/v1/areas/ECOWAS"),
        ("/api/v1/indicators/{code}", "/api/v1/indicators/IMM.STOCK_PCT"),
        ("/api/v1/indicators/{code}", "/api/v1/indicators/FCT.IMM_STOCK"),
        ("/api/v1/countries/{iso3}/profile", "/api/v1/countries/GHA/profile"),
        ("/api/v1/areas", "/api/v1/areas?kind=group"),
    ];
    for (path, uri) in cases {
        let r = get(uri);
        if r.status == StatusCode::OK {
            assert_fits(&doc, response_schema(&doc, path, "200"), &r.json(), uri);
        } else {
            assert_fits(&doc, &json!({"$ref": "#/components/schemas/Error"}), &r.json(), uri);
        }
    }
    // Error bodies fit the documented error schema.
    for uri in ["/api/v1/observations", "/api/v1/indicators/NO.SUCH", "/api/v1/nothing"] {
        assert_fits(&doc, &json!({"$ref": "#/components/schemas/Error"}), &get(uri).json(), uri);
    }
}

#[test]
fn the_schema_checker_catches_wrong_shapes() {
    let doc = spec();
    let theme_list = response_schema(&doc, "/api/v1/themes", "200").clone();
    let mut errs = Vec::new();
    check(
        &doc,
        &theme_list,
        &json!({"data": [{"code": 4, "order": 1, "name": {"en": "a", "fr": "b"}, "description": {"en": "", "fr": "", "pt": ""}}]}),
        "$",
        &mut errs,
    );
    let text = errs.join("\n");
    assert!(text.contains("$.data[0].code: expected"), "{text}");
    assert!(text.contains("`indicators` is missing"), "{text}");
    assert!(text.contains("$.data[0].name: required property `pt`"), "{text}");
    let mut errs = Vec::new();
    check(
        &doc,
        &json!({"$ref": "#/components/schemas/Page"}),
        &json!({"limit": 1, "offset": 0, "returned": 1, "total": 1, "next": null, "extra": 1}),
        "$",
        &mut errs,
    );
    assert!(errs.iter().any(|e| e.contains("`extra` is not documented")), "{errs:?}");
    // A flattened area: its own fields and the area's are documented, nothing else.
    let mut errs = Vec::new();
    let area = json!({"code": "SEN", "iso2": "SN", "m49": "686", "name": {"en": "a", "fr": "b", "pt": "c"}, "kind": "country",
        "profile_language": "fr", "groups": [], "members": [], "extra": 1});
    check(&doc, response_schema(&doc, "/api/v1/areas/{code}", "200"), &area, "$", &mut errs);
    assert_eq!(errs, vec!["$: property `extra` is not documented".to_string()]);
    // A pair of numbers is two numbers.
    let mut errs = Vec::new();
    let series =
        json!({"name": {"t": "plain", "text": "x"}, "values": [null], "projected": false, "band": [[1.0, "2"]], "band_label": null});
    check(&doc, &json!({"$ref": "#/components/schemas/Series"}), &series, "$", &mut errs);
    assert!(errs.iter().any(|e| e.contains("$.band[0][1]: expected")), "{errs:?}");
}

/// Every schema of the document describes something a real answer of this server contains: the
/// checks of real answers (one per endpoint, parameter and case above) go through every
/// component, so no schema is left that no answer has been compared with.
#[test]
fn every_component_schema_is_checked_against_a_real_answer() {
    let doc = spec();
    VISITED.with(|v| v.borrow_mut().clear());
    for (path, item) in doc["paths"].as_object().unwrap() {
        let schema = response_schema(&doc, path, "200");
        assert_fits(&doc, schema, &ok(&example_uri(&doc, path, &[])), path);
        for p in item["get"]["parameters"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] != true)
        {
            let uri = example_uri(&doc, path, &[(p["name"].as_str().unwrap(), &p["example"])]);
            assert_fits(&doc, schema, &ok(&uri), &uri);
        }
    }
    for uri in ["/api/v1/countries/GHA/profile", "/api/v1/countries/SEN/profile", "/api/v1/areas/ECOWAS"] {
        let path = if uri.contains("/countries/") { "/api/v1/countries/{iso3}/profile" } else { "/api/v1/areas/{code}" };
        assert_fits(&doc, response_schema(&doc, path, "200"), &ok(uri), uri);
    }
    assert_fits(&doc, &json!({"$ref": "#/components/schemas/Error"}), &get("/api/v1/nothing").json(), "an error");
    let seen = VISITED.with(|v| v.borrow().clone());
    let unchecked: Vec<&String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|name| !seen.contains(&format!("#/components/schemas/{name}")))
        .collect();
    assert!(unchecked.is_empty(), "schemas no real answer was checked against: {unchecked:?}");
}

// ---- catalogue ---------------------------------------------------------------------------------

#[test]
fn themes_in_order_with_their_indicator_counts() {
    let themes = data("/api/v1/themes");
    let (fw, _) = fw_areas();
    assert_eq!(themes.len(), fw.themes.len());
    assert_eq!(themes[0]["code"], "T01");
    let t04 = themes.iter().find(|t| t["code"] == "T04").unwrap();
    assert!(t04["indicators"].as_u64().unwrap() > 0);
    assert!(t04["name"]["fr"].as_str().is_some_and(|s| !s.is_empty()));
    let total: u64 = themes.iter().map(|t| t["indicators"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, fw.indicators.len());
}

#[test]
fn indicators_filtered_by_theme_and_text() {
    let (fw, _) = fw_areas();
    assert_eq!(data("/api/v1/indicators").len(), fw.indicators.len());
    let t04 = data("/api/v1/indicators?theme=T04");
    assert!(!t04.is_empty() && t04.iter().all(|i| i["theme"] == "T04"));
    assert_eq!(data("/api/v1/indicators?theme=t04").len(), t04.len(), "theme is case-insensitive");
    let stock = data("/api/v1/indicators?q=STOCK");
    assert!(strs(&stock, "code").contains(&"IMM.STOCK"));
    assert!(stock.iter().all(|i| i["code"].as_str().unwrap().contains("STOCK") || i["name"].to_string().to_lowercase().contains("stock")));
    // French and Portuguese names are searched too.
    assert!(strs(&data("/api/v1/indicators?q=population%20totale"), "code").contains(&"DEV.POP"));
    assert!(strs(&data("/api/v1/indicators?q=popula%C3%A7%C3%A3o%20total"), "code").contains(&"DEV.POP"));
    let both = data("/api/v1/indicators?theme=T02&q=stock");
    assert!(both.iter().all(|i| i["theme"] == "T02"));
    assert!(!strs(&both, "code").contains(&"IMM.STOCK"));
    assert!(data("/api/v1/indicators?q=zzzzqqq").is_empty());
    assert_eq!(data("/api/v1/indicators?q=").len(), fw.indicators.len(), "an empty search is no filter");
    let pct = data("/api/v1/indicators?q=IMM.STOCK_PCT");
    assert_eq!(pct[0]["computed"], true);
}

#[test]
fn one_indicator_with_dimensions_codelists_sources_and_formula() {
    let i = ok("/api/v1/indicators/IMM.STOCK");
    assert_eq!(i["code"], "IMM.STOCK");
    assert_eq!(i["theme"]["code"], "T04");
    assert_eq!(i["unit"]["id"], "persons");
    for l in ["en", "fr", "pt"] {
        assert!(i["definition"][l].as_str().is_some_and(|s| s.len() > 20), "definition in {l}");
    }
    let dims = i["dimensions"].as_array().unwrap();
    assert_eq!(strs(dims, "id"), ["SEX", "AGE", "COUNTERPART_AREA"]);
    let sex = &dims[0];
    assert_eq!((sex["values"].as_str(), sex["codelist"].as_str()), (Some("codelist"), Some("CL_SEX")));
    assert!(strs(sex["codes"].as_array().unwrap(), "id").contains(&"F"));
    let partner = &dims[2];
    assert_eq!(partner["values"], "areas");
    assert!(partner["codes"].is_null() && partner["codelist"].is_null());
    let sources = i["sources"].as_array().unwrap();
    assert!(sources[0]["caveat"]["pt"].as_str().is_some_and(|s| !s.is_empty()));
    // The name stays one English string to match on; `names` gives it in every language.
    assert_eq!(sources[0]["name"], "UN DESA Population Division, International Migrant Stock 2024");
    assert_eq!(sources[0]["names"]["fr"], "ONU-DAES, Division de la population, Stock de migrants internationaux 2024");
    assert_eq!(sources[0]["names"]["pt"], "ONU-DAES, Divisão de População, Stock de Migrantes Internacionais 2024");
    assert!(i["formula"].is_null());
    assert_eq!(ok("/api/v1/indicators/imm.stock")["code"], "IMM.STOCK", "codes are case-insensitive");
    assert_eq!(ok("/api/v1/indicators/IMM.STOCK_PCT")["formula"], "IMM.STOCK / DEV.POP * 100");
}

#[test]
fn codelists_listed_and_read() {
    let lists = data("/api/v1/codelists");
    assert!(strs(&lists, "id").contains(&"CL_SEX"));
    let sex = ok("/api/v1/codelists/CL_SEX");
    assert_eq!(sex["id"], "CL_SEX");
    let codes = strs(sex["codes"].as_array().unwrap(), "id");
    assert!(codes.contains(&"F") && codes.contains(&"_T"));
    let n = lists.iter().find(|l| l["id"] == "CL_SEX").unwrap()["codes"].as_u64().unwrap();
    assert_eq!(n as usize, codes.len());
    assert_eq!(ok("/api/v1/codelists/cl_sex")["id"], "CL_SEX");
    let area = get("/api/v1/codelists/@AREA");
    assert_eq!(area.status, StatusCode::NOT_FOUND);
    assert!(area.json()["error"]["message"].as_str().unwrap().contains("/api/v1/areas"));
}

#[test]
fn areas_filtered_by_kind_and_profile() {
    let (_, reg) = fw_areas();
    let all = data("/api/v1/areas");
    assert_eq!(all.len(), reg.len());
    let countries = data("/api/v1/areas?kind=country");
    let groups = data("/api/v1/areas?kind=group");
    assert!(countries.iter().all(|a| a["kind"] == "country") && groups.iter().all(|a| a["kind"] == "group"));
    assert_eq!(countries.len() + groups.len(), all.len());
    assert!(strs(&groups, "code").contains(&"ECOWAS"));
    let profile = data("/api/v1/areas?profile=true");
    assert_eq!(profile.len(), reg.profile_countries().len());
    assert!(profile.iter().all(|a| a["profile_language"].is_string()));
    let sen = profile.iter().find(|a| a["code"] == "SEN").expect("SEN has a profile");
    assert_eq!(
        (sen["profile_language"].as_str(), sen["m49"].as_str(), sen["name"]["fr"].as_str()),
        (Some("fr"), Some("686"), Some("Sénégal"))
    );
    let others = data("/api/v1/areas?profile=false");
    assert!(others.iter().all(|a| a["profile_language"].is_null()));
    assert_eq!(others.len() + profile.len(), all.len());
    assert_eq!(data("/api/v1/areas?kind=group&profile=true").len(), 0);
    assert_eq!(data("/api/v1/areas?kind=COUNTRY&profile=1").len(), profile.len());
}

#[test]
fn one_area_with_its_memberships() {
    let sen = ok("/api/v1/areas/SEN");
    assert_eq!((sen["code"].as_str(), sen["kind"].as_str()), (Some("SEN"), Some("country")));
    let groups = sen["groups"].as_array().unwrap();
    let ecowas = groups.iter().find(|g| g["code"] == "ECOWAS").expect("SEN in ECOWAS");
    assert_eq!((ecowas["from"].as_i64(), ecowas["current"].as_bool()), (Some(1975), Some(true)));
    assert!(sen["members"].as_array().unwrap().is_empty());
    let eco = ok("/api/v1/areas/ECOWAS");
    let members = eco["members"].as_array().unwrap();
    assert!(strs(members, "code").contains(&"SEN"));
    let mli = members.iter().find(|m| m["code"] == "MLI").expect("Mali was a member");
    assert_eq!(mli["current"], false, "Mali left ECOWAS in 2025");
    assert!(eco["groups"].as_array().unwrap().is_empty());
    assert_eq!(ok("/api/v1/areas/sen")["code"], "SEN");
    assert_eq!(ok("/api/v1/areas/686")["code"], "SEN", "M49 numbers are accepted");
}

#[test]
fn sources_with_vintages_files_counts_and_latest() {
    let sources = data("/api/v1/sources");
    assert_eq!(strs(&sources, "code"), ["un-wpp", "undesa-ims", "wb-wdi"]);
    let ims = &sources[1];
    assert_eq!(ims["publisher"], "UN DESA International Migrant Stock publisher");
    assert_eq!(ims["licence"], "CC BY 3.0 IGO");
    assert_eq!(ims["url"], "https://example.org/undesa-ims");
    let v = ims["vintages"].as_array().unwrap();
    assert_eq!(strs(v, "vintage"), ["2020", "2024"]);
    assert_eq!((v[0]["latest"].as_bool(), v[1]["latest"].as_bool()), (Some(false), Some(true)));
    assert_eq!(v[1]["dataset"], "undesa-ims@2024");
    let expected: Vec<u64> = datasets().iter().filter(|d| d.source.code == "undesa-ims").map(|d| d.observations.len() as u64).collect();
    assert_eq!(v.iter().map(|x| x["observations"].as_u64().unwrap()).collect::<Vec<_>>(), expected);
    let f = &v[1]["files"][0];
    assert_eq!((f["path"].as_str(), f["bytes"].as_u64()), (Some("ims2024.csv"), Some(1234)));
    assert_eq!(f["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn forecasts_with_their_interval_bounds() {
    let f = ok("/api/v1/forecasts?indicator=FCT.IMM_STOCK&area=SEN");
    assert_eq!((f["indicator"].as_str(), f["area"].as_str()), (Some("FCT.IMM_STOCK"), Some("SEN")));
    let fc = f["forecasts"].as_array().unwrap();
    assert_eq!(fc.len(), 1, "{f}");
    assert_eq!(fc[0]["dataset"], "un-wpp@2024");
    assert!(fc[0]["method"].is_null() && fc[0]["skill"].is_null(), "another source's projection has no method or skill");
    assert_eq!(
        fc[0]["points"],
        json!([{"period": "2030", "median": 310000.0, "lo80": 295000.0, "hi80": 325000.0, "lo95": 287000.0, "hi95": 333000.0}])
    );
    assert!(f["scenarios"].as_array().unwrap().is_empty());
    let doc = spec();
    assert_fits(&doc, response_schema(&doc, "/api/v1/forecasts", "200"), &f, "the forecasts");
}

// ---- observations ------------------------------------------------------------------------------

#[test]
fn observations_default_to_totals_of_the_newest_vintage() {
    let body = ok("/api/v1/observations?indicator=IMM.STOCK&area=SEN");
    let rows = body["data"].as_array().unwrap();
    assert_eq!(
        show(rows),
        ["SEN 2015  263000.0 undesa-ims@2024", "SEN 2020  274929.0 undesa-ims@2024", "SEN 2024  290000.0 undesa-ims@2024"]
    );
    let o = &rows[0];
    assert_eq!((o["unit"].as_str(), o["unit_mult"].as_u64(), o["obs_status"].as_str()), (Some("persons"), Some(0), Some("A")));
    assert_eq!(o["footnote"], "Interpolated between censuses");
    assert_eq!(o["source"]["name"], "UN DESA International Migrant Stock");
    assert_eq!(o["provenance"]["file"], "ims2024.csv");
    assert!(o["provenance"]["observation_id"].as_i64().unwrap() > 0);
    assert_eq!(o["provenance"]["locator"], "row 1");
    assert_eq!(o["provenance"]["sha256"].as_str().unwrap().len(), 64);
    // The same keys as `mprofile data query --format json`.
    let keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
    let mut cli =
        ["indicator", "area", "period", "value", "unit", "unit_mult", "obs_status", "dimensions", "footnote", "source", "provenance"];
    cli.sort_unstable();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, cli);
    assert_eq!(body["page"], json!({"limit": 100, "offset": 0, "returned": 3, "total": 3, "next": null}));
}

#[test]
fn observations_by_area_period_and_range() {
    let both = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&area=GHA&period=2020");
    assert_eq!(strs(&both, "area"), ["GHA", "SEN"]);
    assert_eq!(show(&data("/api/v1/observations?indicator=IMM.STOCK&area=SEN,GHA&period=2020")), show(&both), "comma-separated areas");
    assert_eq!(data("/api/v1/observations?indicator=imm.stock&area=sen,686&period=2020").len(), 1, "case, M49 and duplicates");
    let all_areas = data("/api/v1/observations?indicator=IMM.STOCK&period=2020");
    assert_eq!(strs(&all_areas, "area"), ["ECOWAS", "GHA", "SEN"]);
    assert_eq!(data("/api/v1/observations?indicator=IMM.STOCK&area=ECOWAS")[0]["obs_status"], "E");
    let range = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&from=2016&to=2024");
    assert_eq!(strs(&range, "period"), ["2020", "2024"]);
    assert_eq!(strs(&data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&from=2020"), "period"), ["2020", "2024"]);
    assert_eq!(strs(&data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&to=2020"), "period"), ["2015", "2020"]);
    assert!(data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&period=1990").is_empty());
    assert!(data("/api/v1/observations?indicator=IMM.STOCK&area=MLI").is_empty(), "a known area with no data is an empty list");
}

#[test]
fn observations_by_dimension() {
    let f = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX:F");
    assert_eq!(f.len(), 3);
    assert!(f.iter().all(|o| o["dimensions"] == json!({"SEX": "F"})));
    assert_eq!(show(&data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX=F")), show(&f), "`=` works as `:`");
    assert_eq!(show(&data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=sex:F")), show(&f), "dimension ids are case-insensitive");
    let sex_any = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX:*");
    assert_eq!(sex_any.len(), 9, "totals, F and M for three years");
    // The total counts every match, whether the database or the dimension check decides.
    assert_eq!(ok("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX:*&limit=2")["page"]["total"], 9);
    assert_eq!(ok("/api/v1/observations?indicator=IMM.STOCK&area=SEN&limit=1")["page"]["total"], 3);
    assert_eq!(ok("/api/v1/observations?indicator=IMM.STOCK&area=MLI")["page"]["total"], 0);
    let origins = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=COUNTERPART_AREA:*&period=2024");
    assert_eq!(origins.len(), ORIGINS.len() + 1, "every origin and the total");
    let mli = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=COUNTERPART_AREA:MLI");
    assert_eq!(strs(&mli, "period"), ["2020", "2024"]);
    assert_eq!(
        show(&data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=COUNTERPART_AREA:466")),
        show(&mli),
        "M49 for a partner area"
    );
    let cross = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX:F,COUNTERPART_AREA:MLI");
    assert_eq!(show(&cross), ["SEN 2024 COUNTERPART_AREA=MLI|SEX=F 480.0 undesa-ims@2024"]);
    assert_eq!(show(&data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX:F&dim=COUNTERPART_AREA:MLI")), show(&cross));
    let total = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX:_T");
    assert_eq!(total.len(), 3);
    assert!(total.iter().all(|o| o["dimensions"] == json!({})));
    let everything = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=*&limit=10000");
    assert_eq!(everything.len(), 9 + 2 * ORIGINS.len() + 1);
    let female_any = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=*&dim=SEX:F");
    assert_eq!(female_any.len(), 4, "SEX=F alone and with an origin");
}

#[test]
fn observations_by_source_vintage_and_status() {
    let old = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&source=undesa-ims@2020");
    assert_eq!(show(&old), ["SEN 2015  256000.0 undesa-ims@2020", "SEN 2020  275000.0 undesa-ims@2020"]);
    let both = data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&all_vintages=true&period=2020");
    assert_eq!(show(&both), ["SEN 2020  275000.0 undesa-ims@2020", "SEN 2020  274929.0 undesa-ims@2024"]);
    assert_eq!(data("/api/v1/observations?indicator=IMM.STOCK&area=SEN&all_vintages=false").len(), 3);
    // Two sources for one indicator are both read, each at its newest vintage.
    let pop = data("/api/v1/observations?indicator=DEV.POP&area=SEN&period=2020");
    assert_eq!(show(&pop), ["SEN 2020  16436119.0 un-wpp@2024", "SEN 2020  16743859.0 wb-wdi@2025"]);
    assert_eq!(data("/api/v1/observations?indicator=DEV.POP&source=wb-wdi").len(), 1);
    assert_eq!(data("/api/v1/observations?indicator=DEV.POP&source=WB-WDI").len(), 1, "source codes are case-insensitive");
    let forecast = data("/api/v1/observations?indicator=DEV.POP&status=F");
    assert_eq!(show(&forecast), ["SEN 2030  21000000.0 un-wpp@2024"]);
    assert_eq!(data("/api/v1/observations?indicator=DEV.POP&status=e")[0]["period"], "2024");
    // A known source with nothing matching is an empty page, not an error.
    assert!(data("/api/v1/observations?indicator=DEV.POP&source=undesa-ims").is_empty());
}

fn page(uri: &str) -> (Vec<Value>, Value) {
    let b = ok(uri);
    (b["data"].as_array().unwrap().clone(), b["page"].clone())
}

#[test]
fn pagination_walks_every_row_once() {
    let base = "/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=*";
    let (all, p) = page(&format!("{base}&limit=10000"));
    let n = all.len();
    assert_eq!(n, 9 + 2 * ORIGINS.len() + 1);
    assert_eq!(p["next"], Value::Null);
    let mut walked = Vec::new();
    let mut uri = format!("{base}&limit=7");
    let mut pages = 0;
    loop {
        let (rows, p) = page(&uri);
        pages += 1;
        assert_eq!(p["returned"].as_u64().unwrap() as usize, rows.len());
        assert_eq!(p["limit"], 7);
        assert_eq!(p["total"].as_u64(), Some(n as u64), "every page counts every matching row");
        walked.extend(rows);
        match p["next"].as_str() {
            Some(next) => {
                assert!(next.contains("dim=*") && next.contains("indicator=IMM.STOCK") && next.contains("area=SEN"), "{next}");
                uri = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(pages, n.div_ceil(7));
    assert_eq!(show(&walked), show(&all));
    // Edges: a page that ends exactly at the last row has no next; one short of it has.
    let (rows, p) = page(&format!("{base}&limit={n}"));
    assert_eq!((rows.len(), p["next"].clone()), (n, Value::Null));
    let (rows, p) = page(&format!("{base}&limit={}", n - 1));
    assert_eq!(rows.len(), n - 1);
    let next = p["next"].as_str().expect("a next page").to_string();
    assert!(next.ends_with(&format!("limit={}&offset={}", n - 1, n - 1)), "{next}");
    let (rows, p) = page(&next);
    assert_eq!((rows.len(), p["next"].clone(), p["offset"].as_u64()), (1, Value::Null, Some(n as u64 - 1)));
    let (rows, p) = page(&format!("{base}&offset={n}"));
    assert_eq!((rows.len(), p["returned"].as_u64(), p["next"].clone()), (0, Some(0), Value::Null));
    let (rows, _) = page(&format!("{base}&offset=1000000000"));
    assert!(rows.is_empty());
    let (rows, _) = page(&format!("{base}&limit=1&offset=2"));
    assert_eq!(show(&rows), show(&all[2..3]));
    // The default page is 100 rows.
    assert_eq!(ok("/api/v1/observations?indicator=IMM.STOCK")["page"]["limit"], 100);
    // Totals-only queries page in the database; the same walk gives the same rows.
    let (totals, _) = page("/api/v1/observations?indicator=IMM.STOCK&all_vintages=true");
    let mut walked = Vec::new();
    for off in 0..totals.len() {
        walked.extend(page(&format!("/api/v1/observations?indicator=IMM.STOCK&all_vintages=true&limit=1&offset={off}")).0);
    }
    assert_eq!(show(&walked), show(&totals));
}

// ---- bad requests ------------------------------------------------------------------------------

#[test]
fn bad_parameters_are_clear_4xx_never_5xx() {
    // (request, status, words the message must contain)
    let cases: &[(&str, u16, &[&str])] = &[
        ("/api/v1/observations", 400, &["`indicator`", "required"]),
        ("/api/v1/observations?area=SEN", 400, &["`indicator`", "required"]),
        ("/api/v1/observations?indicator=", 400, &["`indicator`", "empty"]),
        ("/api/v1/observations?indicator=IMM", 400, &["`indicator`", "IMM", "indicator code"]),
        ("/api/v1/observations?indicator=NO.SUCH", 404, &["NO.SUCH", "/api/v1/indicators"]),
        ("/api/v1/observations?indicator=IMM.STOCK&indicator=DEV.POP", 400, &["`indicator`", "2 times"]),
        ("/api/v1/observations?indicators=IMM.STOCK", 400, &["unknown parameter `indicators`", "indicator, area"]),
        ("/api/v1/observations?indicator=IMM.STOCK&area=XXX", 404, &["`area`", "XXX", "/api/v1/areas"]),
        ("/api/v1/observations?indicator=IMM.STOCK&area=S3N", 400, &["`area`", "S3N", "ISO alpha-3"]),
        ("/api/v1/observations?indicator=IMM.STOCK&area=SEN,,GHA", 400, &["`area`", "empty item"]),
        ("/api/v1/observations?indicator=IMM.STOCK&area=", 400, &["`area`", "empty"]),
        ("/api/v1/observations?indicator=IMM.STOCK&period=20201", 400, &["`period`", "20201", "year (2020)"]),
        ("/api/v1/observations?indicator=IMM.STOCK&period=1700", 400, &["`period`", "1700"]),
        ("/api/v1/observations?indicator=IMM.STOCK&from=2020-13", 400, &["`from`", "2020-13"]),
        ("/api/v1/observations?indicator=IMM.STOCK&to=next", 400, &["`to`", "next"]),
        ("/api/v1/observations?indicator=IMM.STOCK&from=2024&to=2015", 400, &["`from`", "`to`", "after"]),
        ("/api/v1/observations?indicator=IMM.STOCK&period=2020&period=2024", 400, &["`period`", "2 times"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=SEX", 400, &["`dim`", "SEX", "DIMENSION:CODE"]),
        (
            "/api/v1/observations?indicator=IMM.STOCK&dim=EDUCATION_LEV:ISCED11_1",
            400,
            &["`dim`", "IMM.STOCK", "EDUCATION_LEV", "SEX, AGE, COUNTERPART_AREA"],
        ),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=NOPE:F", 400, &["`dim`", "NOPE"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=SEX:X", 400, &["`dim`", "SEX=X", "CL_SEX"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=SEX:F%20F", 400, &["`dim`", "F F"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=SEX:F&dim=SEX:M", 400, &["`dim`", "SEX twice"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=COUNTERPART_AREA:ZZZ", 400, &["`dim`", "ZZZ"]),
        ("/api/v1/observations?indicator=IMM.STOCK_PCT&dim=SEX:F", 400, &["`dim`", "no dimension SEX", "no dimensions"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=SEX:F,", 400, &["`dim`", "empty item"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=SEX:", 400, &["`dim`", "not a valid code"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=:F", 400, &["`dim`", "dimension id"]),
        ("/api/v1/observations?indicator=IMM.STOCK&dim=**", 400, &["`dim`", "DIMENSION:CODE"]),
        ("/api/v1/observations?indicator=IMM.STOCK&source=undesa ims", 400, &["`source`", "undesa ims", "undesa-ims@2020"]),
        ("/api/v1/observations?indicator=IMM.STOCK&source=undesa-ims@", 400, &["`source`", "undesa-ims@"]),
        ("/api/v1/observations?indicator=IMM.STOCK&source=no-such-source", 404, &["no-such-source", "/api/v1/sources"]),
        ("/api/v1/observations?indicator=IMM.STOCK&source=undesa-ims@1999", 404, &["undesa-ims@1999", "/api/v1/sources"]),
        ("/api/v1/observations?indicator=IMM.STOCK&status=Z", 400, &["`status`", "Z", "OBS_STATUS"]),
        ("/api/v1/observations?indicator=IMM.STOCK&status=", 400, &["`status`", "empty"]),
        ("/api/v1/observations?indicator=IMM.STOCK&all_vintages=yes", 400, &["`all_vintages`", "yes", "true or false"]),
        ("/api/v1/observations?indicator=IMM.STOCK&limit=0", 400, &["`limit`", "`0`", "1 to 10000"]),
        ("/api/v1/observations?indicator=IMM.STOCK&limit=10001", 400, &["`limit`", "10001", "1 to 10000"]),
        ("/api/v1/observations?indicator=IMM.STOCK&limit=-1", 400, &["`limit`", "-1"]),
        ("/api/v1/observations?indicator=IMM.STOCK&limit=ten", 400, &["`limit`", "ten"]),
        ("/api/v1/observations?indicator=IMM.STOCK&limit=99999999999999999999999", 400, &["`limit`"]),
        ("/api/v1/observations?indicator=IMM.STOCK&offset=-5", 400, &["`offset`", "-5"]),
        ("/api/v1/observations?indicator=IMM.STOCK&offset=1000000001", 400, &["`offset`", "0 to 1000000000"]),
        ("/api/v1/observations?indicator=IMM.STOCK&offset=18446744073709551615", 400, &["`offset`"]),
        ("/api/v1/observations?indicator=%FF%FE", 400, &["`indicator`"]),
        ("/api/v1/themes?lang=fr", 400, &["unknown parameter `lang`", "no parameter"]),
        ("/api/v1/indicators?theme=T99", 404, &["T99", "/api/v1/themes"]),
        ("/api/v1/indicators?theme=X", 400, &["`theme`", "T followed by two digits"]),
        ("/api/v1/indicators?q=a&q=b", 400, &["`q`", "more than once"]),
        ("/api/v1/indicators?topic=T04", 400, &["unknown parameter `topic`", "theme, q"]),
        ("/api/v1/indicators/NO.SUCH", 404, &["NO.SUCH"]),
        ("/api/v1/indicators/IMM", 400, &["IMM", "indicator code"]),
        ("/api/v1/indicators/IMM.STOCK?dim=SEX:F", 400, &["unknown parameter `dim`"]),
        ("/api/v1/codelists/CL_NOPE", 404, &["CL_NOPE", "/api/v1/codelists"]),
        ("/api/v1/areas?kind=region", 400, &["`kind`", "region", "country or group"]),
        ("/api/v1/areas?profile=maybe", 400, &["`profile`", "maybe", "true or false"]),
        ("/api/v1/areas/XXX", 404, &["XXX", "/api/v1/areas"]),
        ("/api/v1/areas/Sénégal", 400, &["Sénégal", "ISO alpha-3"]),
        ("/api/v1/areas/999", 404, &["999"]),
        ("/api/v1/sources?source=x", 400, &["unknown parameter `source`"]),
        ("/api/v1/countries/XXX/profile", 404, &["XXX", "kind=country"]),
        ("/api/v1/countries/ECOWAS/profile", 400, &["ECOWAS", "no country profile"]),
        ("/api/v1/countries/S1N/profile", 400, &["S1N"]),
        ("/api/v1/countries/SEN/profile?edition=1999", 404, &["`edition`", "1999"]),
        ("/api/v1/countries/SEN/profile?lang=fr", 400, &["unknown parameter `lang`", "edition"]),
        ("/api/v1/nothing", 404, &["/api/v1/nothing", "/api/openapi.json"]),
        ("/api/v1/themes/", 404, &["/api/openapi.json"]),
        ("/api/v2/themes", 404, &["/api/v2/themes"]),
    ];
    let mut failures = Vec::new();
    for (uri, status, words) in cases {
        let uri = uri.replace(' ', "%20").replace('é', "%C3%A9");
        let r = get(&uri);
        let is_json = r.header(header::CONTENT_TYPE).is_some_and(|c| c.starts_with("application/json"));
        let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        let msg = body["error"]["message"].as_str().unwrap_or("");
        let ok = r.status.as_u16() == *status
            && is_json
            && body["error"]["status"] == json!(status)
            && words.iter().all(|w| msg.contains(w))
            && r.header(header::CACHE_CONTROL) == Some("no-store")
            && r.header(header::ACCESS_CONTROL_ALLOW_ORIGIN) == Some("*");
        if !ok {
            failures.push(format!("{uri}: wanted {status} with {words:?}, got {} {}", r.status, String::from_utf8_lossy(&r.body)));
        }
        assert!(r.status.is_client_error(), "{uri}: {} is not a 4xx", r.status);
    }
    assert!(failures.is_empty(), "{} bad-parameter cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn long_garbage_is_refused_without_echoing_it_whole() {
    let junk = "A".repeat(5000);
    let r = get(&format!("/api/v1/observations?indicator=IMM.STOCK&area={junk}"));
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.len() < 1000, "{} bytes", r.body.len());
    let r = get(&format!("/api/v1/observations?indicator=IMM.STOCK&{junk}=1"));
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.len() < 1000, "{} bytes", r.body.len());
}

#[test]
fn other_methods_are_json_405() {
    for m in [Method::POST, Method::PUT, Method::DELETE] {
        let r = send(m.clone(), "/api/v1/themes", &[]);
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{m}");
        assert_eq!(r.json()["error"]["status"], 405);
        assert!(r.header(header::ALLOW).is_some_and(|a| a.contains("GET")));
    }
}

// ---- store failures ----------------------------------------------------------------------------

#[test]
fn a_failing_store_is_503_with_a_json_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = rt().block_on(open_store(&dir));
    let state = state_of(store.clone());
    rt().block_on(store.close());
    for uri in [
        "/api/v1/sources",
        "/api/v1/observations?indicator=IMM.STOCK&area=SEN",
        "/api/v1/observations?indicator=IMM.STOCK&source=undesa-ims",
        "/api/v1/countries/SEN/profile",
        "/healthz",
    ] {
        let r = send_to(&state, Method::GET, uri, &[]);
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{uri}: {}", String::from_utf8_lossy(&r.body));
        let b = r.json();
        assert_eq!(b["error"]["status"], 503);
        let msg = b["error"]["message"].as_str().unwrap();
        assert!(msg.contains("store") && !msg.contains(&dir.path().display().to_string()), "{msg}");
        assert_eq!(r.header(header::RETRY_AFTER), Some("30"));
        assert_eq!(r.header(header::CACHE_CONTROL), Some("no-store"));
    }
    // What needs no store still answers, and bad parameters are still 4xx.
    assert_eq!(send_to(&state, Method::GET, "/api/v1/themes", &[]).status, StatusCode::OK);
    assert_eq!(send_to(&state, Method::GET, "/api/v1/observations?indicator=NO.SUCH", &[]).status, StatusCode::NOT_FOUND);
}

// ---- caching, CORS, health, HEAD ---------------------------------------------------------------

#[test]
fn etag_and_304() {
    let uri = "/api/v1/observations?indicator=IMM.STOCK&area=SEN";
    let first = get(uri);
    assert_eq!(first.header(header::CACHE_CONTROL), Some("public, max-age=300"));
    let tag = first.header(header::ETAG).expect("an ETag").to_string();
    let again = get(uri);
    assert_eq!(again.header(header::ETAG), Some(tag.as_str()), "same answer, same tag");
    let not_modified = send(Method::GET, uri, &[(header::IF_NONE_MATCH, &tag)]);
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
    assert!(not_modified.body.is_empty());
    assert_eq!(not_modified.header(header::ETAG), Some(tag.as_str()));
    assert_eq!(not_modified.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), Some("*"));
    let weak = format!("\"other\", W/{tag}");
    assert_eq!(send(Method::GET, uri, &[(header::IF_NONE_MATCH, &weak)]).status, StatusCode::NOT_MODIFIED);
    let stale = send(Method::GET, uri, &[(header::IF_NONE_MATCH, "\"stale\"")]);
    assert_eq!(stale.status, StatusCode::OK);
    assert!(!stale.body.is_empty());
    let other = get("/api/v1/observations?indicator=IMM.STOCK&area=GHA");
    assert_ne!(other.header(header::ETAG), Some(tag.as_str()));
    for uri in ["/api/v1/themes", "/api/v1/areas/SEN", "/api/v1/sources", "/api/openapi.json", "/api/v1/countries/SEN/profile"] {
        let r = get(uri);
        assert!(r.header(header::ETAG).is_some(), "{uri}");
        assert_eq!(r.header(header::CACHE_CONTROL), Some("public, max-age=300"), "{uri}");
        assert_eq!(r.header(header::CONTENT_TYPE), Some("application/json"), "{uri}");
        let tag = r.header(header::ETAG).unwrap().to_string();
        assert_eq!(send(Method::GET, uri, &[(header::IF_NONE_MATCH, &tag)]).status, StatusCode::NOT_MODIFIED, "{uri}");
    }
    let bad = get("/api/v1/observations?indicator=NO.SUCH");
    assert!(bad.header(header::ETAG).is_none());
}

#[test]
fn any_origin_may_read_the_api() {
    for uri in ["/api/v1/themes", "/api/v1/observations", "/api/v1/nothing", "/api/openapi.json"] {
        let r = send(Method::GET, uri, &[(header::ORIGIN, "https://example.org")]);
        assert_eq!(r.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), Some("*"), "{uri}");
        assert!(r.header(header::ACCESS_CONTROL_EXPOSE_HEADERS).is_some_and(|h| h.contains("ETag")), "{uri}");
    }
    let pre = send(
        Method::OPTIONS,
        "/api/v1/observations?indicator=IMM.STOCK",
        &[
            (header::ORIGIN, "https://example.org"),
            (header::ACCESS_CONTROL_REQUEST_METHOD, "GET"),
            (header::ACCESS_CONTROL_REQUEST_HEADERS, "if-none-match"),
        ],
    );
    assert_eq!(pre.status, StatusCode::NO_CONTENT);
    assert_eq!(pre.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), Some("*"));
    assert!(pre.header(header::ACCESS_CONTROL_ALLOW_METHODS).is_some_and(|m| m.contains("GET")));
    assert!(pre.header(header::ACCESS_CONTROL_ALLOW_HEADERS).is_some_and(|h| h.to_ascii_lowercase().contains("if-none-match")));
    // Only the API: the health check is for the operator's probes.
    assert!(get("/healthz").header(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[test]
fn health_and_head() {
    let h = get("/healthz");
    assert_eq!(h.status, StatusCode::OK);
    assert_eq!(h.json()["status"], "ok");
    assert!(h.header(header::CACHE_CONTROL).is_none_or(|c| !c.contains("max-age=300")), "the health check is never cached");
    let head = send(Method::HEAD, "/api/v1/themes", &[]);
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_eq!(head.header(header::ETAG), get("/api/v1/themes").header(header::ETAG));
}

// ---- profile -----------------------------------------------------------------------------------

#[test]
fn a_country_profile_document() {
    let t0 = Instant::now();
    let doc = ok("/api/v1/countries/SEN/profile");
    let first = t0.elapsed();
    assert_eq!(doc["subject"], json!({"t": "country", "area": "SEN"}));
    assert_eq!(doc["template"], fixture().state.profile_template().id);
    assert!(doc["edition"].is_null());
    assert!(!doc["sections"].as_array().unwrap().is_empty());
    let cited: Vec<&str> = doc["sources"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert!(cited.contains(&"undesa-ims"), "{cited:?}");
    // The document carries the figures with their trace back to the store.
    assert!(doc.to_string().contains("\"dataset\":\"undesa-ims@2024\""));
    let t1 = Instant::now();
    assert_eq!(ok("/api/v1/countries/sen/profile")["subject"]["area"], "SEN");
    let second = t1.elapsed();
    eprintln!("profile document: first {first:?}, second {second:?} (debug build)");
    let frozen = ok("/api/v1/countries/SEN/profile?edition=2025");
    assert_eq!((frozen["edition"].as_str(), frozen["as_of"].as_str()), (Some("2025"), Some("2025-06-30")));
    // A country without data still has a document (with its gaps).
    let gha = ok("/api/v1/countries/MLI/profile");
    assert!(!gha["gaps"].as_array().unwrap().is_empty());
}

#[test]
fn profiles_are_built_once_per_state_of_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = rt().block_on(open_store(&dir));
    let opts = ImportOptions { dry_run: false, command: "api cache test".into(), origin: Origin::Public };
    let one = |vintage: &str, v: f64| DatasetImport {
        source: source("undesa-ims", "UN DESA International Migrant Stock"),
        vintage: vintage.into(),
        files: vec![file(&format!("ims{vintage}.csv"))],
        observations: vec![obs("IMM.STOCK", "SEN", "2020", &[], v, ObsStatus::Normal, 1)],
    };
    rt().block_on(store.import(&[one("2020", 111_111.0)], &opts, &|_, _| {})).unwrap();
    let router = mp_web::router(state_of(store.clone()));
    let uri = "/api/v1/countries/SEN/profile";
    let first = send_via(&router, Method::GET, uri, &[]);
    assert!(first.json().to_string().contains("undesa-ims@2020"));
    let again = send_via(&router, Method::GET, uri, &[]);
    assert_eq!((again.body == first.body, again.header(header::ETAG)), (true, first.header(header::ETAG)));
    rt().block_on(store.import(&[one("2024", 222_222.0)], &opts, &|_, _| {})).unwrap();
    let after = send_via(&router, Method::GET, uri, &[]);
    assert!(after.json().to_string().contains("undesa-ims@2024"), "an import is seen at once");
    assert_ne!(after.header(header::ETAG), first.header(header::ETAG));
    let sen = AreaCode::parse("SEN").unwrap();
    rt().block_on(store.narrative_set(&sen, "A.1", mp_domain::Lang::Fr, "Texte du groupe de travail technique.")).unwrap();
    let edited = send_via(&router, Method::GET, uri, &[]);
    assert!(edited.json().to_string().contains("Texte du groupe de travail technique."), "and so is a narrative edit");
}

#[test]
fn observations_are_kept_until_the_next_import() {
    let dir = tempfile::tempdir().unwrap();
    let store = rt().block_on(open_store(&dir));
    let opts = ImportOptions { dry_run: false, command: "api answer cache test".into(), origin: Origin::Public };
    let one = |vintage: &str, v: f64| DatasetImport {
        source: source("undesa-ims", "UN DESA International Migrant Stock"),
        vintage: vintage.into(),
        files: vec![file(&format!("ims{vintage}.csv"))],
        observations: vec![obs("IMM.STOCK", "SEN", "2020", &[], v, ObsStatus::Normal, 1)],
    };
    rt().block_on(store.import(&[one("2020", 111_111.0)], &opts, &|_, _| {})).unwrap();
    let router = mp_web::router(state_of(store.clone()));
    let uri = "/api/v1/observations?indicator=IMM.STOCK&area=SEN";
    let gzip = [(header::ACCEPT_ENCODING, "gzip")];
    let first = send_via(&router, Method::GET, uri, &[]);
    let first_gz = send_via(&router, Method::GET, uri, &gzip);
    assert!(first.json().to_string().contains("111111"));
    // Kept answers are the same bytes and headers, each encoding its own.
    let again = send_via(&router, Method::GET, uri, &[]);
    let again_gz = send_via(&router, Method::GET, uri, &gzip);
    assert_eq!((again.body == first.body, again.header(header::ETAG)), (true, first.header(header::ETAG)));
    assert_eq!((again_gz.body == first_gz.body, again_gz.header(header::CONTENT_ENCODING)), (true, Some("gzip")));
    assert_eq!(again_gz.header(header::ETAG), first_gz.header(header::ETAG));
    let tag = first.header(header::ETAG).unwrap().to_string();
    let nm = send_via(&router, Method::GET, uri, &[(header::IF_NONE_MATCH, tag.as_str())]);
    assert_eq!(nm.status, StatusCode::NOT_MODIFIED);
    rt().block_on(store.import(&[one("2024", 222_222.0)], &opts, &|_, _| {})).unwrap();
    let after = send_via(&router, Method::GET, uri, &[]);
    assert!(after.json().to_string().contains("222222"), "an import is seen at once");
    assert_ne!(after.header(header::ETAG), first.header(header::ETAG));
    let after_gz = send_via(&router, Method::GET, uri, &gzip);
    assert_ne!(after_gz.body, first_gz.body);
}

#[test]
fn answers_are_gzipped_for_clients_that_accept_it() {
    let plain = get("/api/v1/indicators");
    let gz = send(Method::GET, "/api/v1/indicators", &[(header::ACCEPT_ENCODING, "gzip")]);
    assert_eq!(gz.header(header::CONTENT_ENCODING), Some("gzip"));
    assert!(gz.body.len() * 4 < plain.body.len(), "{} vs {} bytes", gz.body.len(), plain.body.len());
    // A strong tag names one sequence of bytes: the gzip body has its own.
    let (gz_tag, tag) = (gz.header(header::ETAG).unwrap(), plain.header(header::ETAG).unwrap());
    assert_eq!(gz_tag, format!("{}-gzip\"", tag.trim_end_matches('"')));
    let nm = send(Method::GET, "/api/v1/indicators", &[(header::ACCEPT_ENCODING, "gzip"), (header::IF_NONE_MATCH, tag)]);
    assert_eq!(nm.status, StatusCode::NOT_MODIFIED);
    let nm = send(Method::GET, "/api/v1/indicators", &[(header::ACCEPT_ENCODING, "gzip"), (header::IF_NONE_MATCH, gz_tag)]);
    assert_eq!((nm.status, nm.header(header::ETAG)), (StatusCode::NOT_MODIFIED, Some(gz_tag)));
}

/// Timings on a real store (`MPROFILE_API_BENCH_DB=path/to/mprofile.db`, e.g. one made by
/// `mprofile demo`); prints, asserts nothing about speed. The store is opened as given: use a copy.
#[test]
#[ignore = "needs MPROFILE_API_BENCH_DB"]
fn timings_on_a_real_store() {
    let Ok(db) = std::env::var("MPROFILE_API_BENCH_DB") else { return };
    let store = rt().block_on(Store::open(&db)).unwrap_or_else(|e| panic!("{e}"));
    let router = mp_web::router(state_of(store));
    let uris = [
        "/api/v1/observations?indicator=IMM.STOCK&area=SEN",
        "/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=COUNTERPART_AREA:*&limit=10000",
        "/api/v1/observations?indicator=IMM.STOCK&dim=*&limit=10000",
        "/api/v1/sources",
        "/api/v1/countries/SEN/profile",
        "/api/v1/countries/NGA/profile",
    ];
    for uri in uris {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let r = send_via(&router, Method::GET, uri, &[]);
            times.push(t.elapsed());
            assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
            size = r.body.len();
        }
        eprintln!("{uri}: {times:?}, {size} bytes");
    }
}

#[test]
fn hostile_parameters_get_a_clear_400_and_the_document_says_so() {
    // Non-ASCII period text once closed the connection without an answer.
    for uri in [
        "/api/v1/observations?indicator=IMM.STOCK&period=202%C3%A901",
        "/api/v1/observations?indicator=IMM.STOCK&from=Ann%C3%A9e",
        "/api/v1/observations?indicator=IMM.STOCK&to=%C3%A9%C3%A9%C3%A9%C3%A9-Q1",
    ] {
        let r = get(uri);
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(r.json()["error"]["message"].as_str().unwrap().contains("is not a valid period"), "{uri}");
    }
    // What the document allows, the code accepts, and the reverse for these requests.
    let doc = spec();
    let code = &doc["paths"]["/api/v1/indicators/{code}"]["get"]["parameters"][0]["schema"];
    assert!(code["pattern"].is_string(), "{code}");
    assert_eq!(get("/api/v1/indicators/CIV").status, StatusCode::BAD_REQUEST);
    assert_eq!(get("/api/v1/indicators/imm.stock").status, StatusCode::OK);
    let params = doc["paths"]["/api/v1/observations"]["get"]["parameters"].as_array().map(Vec::as_slice).unwrap_or_default();
    let dim = params.iter().find(|p| p["name"] == "dim").unwrap();
    assert_eq!(dim["schema"]["items"]["minLength"], 1);
    assert_eq!(get("/api/v1/observations?indicator=IMM.STOCK&dim=").status, StatusCode::BAD_REQUEST);
}
