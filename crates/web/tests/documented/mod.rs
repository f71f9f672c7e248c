//! Checks a real answer against the schema the OpenAPI document gives for it, for the tests whose
//! fixtures fill the lists the API test's store leaves empty (quality results, registries).

use serde_json::Value;

/// Every way `body` departs from the 200 JSON schema documented for `path`; empty when it fits.
pub fn departures(path: &str, body: &Value) -> Vec<String> {
    let doc: Value = serde_json::from_str(mp_web::api::openapi_document().expect("the document is built")).expect("JSON");
    let schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"].clone();
    assert!(schema.is_object(), "{path} has no documented JSON answer");
    let mut errs = Vec::new();
    check(&doc, &schema, body, "$", &mut errs);
    errs
}

fn resolve<'a>(doc: &'a Value, s: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(doc, doc.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("dangling {r}"))),
        None => s,
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

fn check(doc: &Value, schema: &Value, v: &Value, at: &str, errs: &mut Vec<String>) {
    let s = resolve(doc, schema);
    if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
        // A described field: the parts together are one object schema.
        let mut props = serde_json::Map::new();
        let mut required = Vec::new();
        for p in parts {
            let p = resolve(doc, p);
            props.extend(p["properties"].as_object().cloned().unwrap_or_default());
            required.extend(p["required"].as_array().cloned().unwrap_or_default());
        }
        let merged = serde_json::json!({"type": "object", "properties": props, "required": required});
        return check(doc, &merged, v, at, errs);
    }
    if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
        let fitting = alts
            .iter()
            .filter(|a| {
                let mut e = Vec::new();
                check(doc, a, v, at, &mut e);
                e.is_empty()
            })
            .count();
        if fitting != 1 {
            errs.push(format!("{at}: fits {fitting} alternatives of oneOf, not one: {v}"));
        }
        return;
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type at {at}"),
        };
        if !types.iter().any(|t| type_ok(t, v)) {
            errs.push(format!("{at}: expected {types:?}, got {v}"));
            return;
        }
    }
    if let Some(obj) = v.as_object() {
        for r in s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if !obj.contains_key(r) {
                errs.push(format!("{at}: required property `{r}` is missing"));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => check(doc, ps, x, &format!("{at}.{k}"), errs),
                None => errs.push(format!("{at}: property `{k}` is not documented")),
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
