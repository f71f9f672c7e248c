//! The OpenAPI 3.1 document of the API, generated from the handlers: each handler's
//! `#[utoipa::path]` names its path, its parameters (a path tuple or an `IntoParams` struct next
//! to the handler) and its answers (the `ToSchema` types the handler serialises), so the document
//! cannot describe a field the code does not write. Served as JSON at `/api/openapi.json`; no
//! bundled viewer.

use super::{catalogue, error, forecasts, observations, profile, quality, registry};
use std::borrow::Cow;
use std::sync::OnceLock;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder, Schema};
use utoipa::{Modify, OpenApi, PartialSchema, ToResponse, ToSchema};

const DESCRIPTION: &str = "Read-only JSON API of mprofile, the platform with which West and Central African governments and IOM prepare and publish national Migration Profiles: the indicator framework (themes, indicators, codelists), the areas, the sources in the store, observations with their provenance, and each country's profile document.

**Errors.** Every failure is `{\"error\": {\"status\": 400, \"message\": \"…\"}}`. A malformed, repeated or unknown parameter is a 400 whose message names the parameter, the value and what was expected; a well-formed code that names nothing (indicator, area, codelist, source, edition) is a 404; a store failure is a 503.

**Caching.** Every successful GET has an `ETag` and `Cache-Control: public, max-age=300`; send `If-None-Match` to get a 304 without a body. Answers are gzip-compressed for clients that send `Accept-Encoding: gzip`.

**CORS.** Any origin may read the API (`Access-Control-Allow-Origin: *`).

**Lists** are `{\"data\": […]}`; observations add `page` with `limit`, `offset`, `returned`, `total` and `next`.";

#[derive(OpenApi)]
#[openapi(
    info(title = "mprofile API", version = "1.0.0", description = DESCRIPTION,
        license(name = "Apache-2.0", identifier = "Apache-2.0")),
    servers((url = "/")),
    paths(
        catalogue::themes, catalogue::indicators, catalogue::indicator, catalogue::codelists, catalogue::codelist,
        catalogue::areas, catalogue::area, catalogue::sources, observations::observations, forecasts::forecasts,
        profile::country_profile, quality::scores, quality::conflicts, quality::mirror, quality::flags,
        registry::instruments, registry::institutions, registry::projects, super::openapi_json, profile::healthz,
    ),
    components(
        // Reached only through a field marked `no_recursion` (texts hold arguments that hold texts).
        schemas(error::Body, error::Inner, super::document::schema::Arg),
        responses(NotModified, BadRequest, NotFound, Unavailable),
    ),
    modifiers(&CachingHeaders, &OnlyUsedSchemas),
    tags(
        (name = "framework", description = "Themes, indicators and codelists."),
        (name = "areas", description = "Countries and groups."),
        (name = "data", description = "Sources and observations."),
        (name = "profiles", description = "Migration Profile documents."),
        (name = "quality", description = "Data quality: source quality scores, mirror statistics, conflicts between sources, flags raised on figures."),
        (name = "registry", description = "The governance registries: instruments, institutions, programmes and projects."),
        (name = "meta", description = "This description and the health check."),
    ),
)]
struct ApiDoc;

/// The document as served, built once.
pub fn document() -> Result<&'static str, &'static str> {
    static DOC: OnceLock<Result<String, String>> = OnceLock::new();
    DOC.get_or_init(|| ApiDoc::openapi().to_pretty_json().map_err(|e| e.to_string())).as_deref().map_err(|e| e.as_str())
}

/// An error answer described by the `Error` schema.
fn error_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("Error"))).build())
        .build()
        .into()
}

/// 304: the client's copy is current.
pub struct NotModified;

impl<'r> ToResponse<'r> for NotModified {
    fn response() -> (&'r str, RefOr<Response>) {
        let etag = HeaderBuilder::new()
            .schema(Some(String::schema()))
            .description(Some("Strong validator of the body; send it back in If-None-Match to get a 304."))
            .build();
        let r = ResponseBuilder::new().description("The client's copy (If-None-Match) is current; no body.").header("ETag", etag).build();
        ("NotModified", r.into())
    }
}

/// 400: a parameter is malformed.
pub struct BadRequest;

impl<'r> ToResponse<'r> for BadRequest {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "BadRequest",
            error_response("A parameter is malformed, out of range, repeated or unknown; the message names it and says what was expected."),
        )
    }
}

/// 404: a well-formed code names nothing.
pub struct NotFound;

impl<'r> ToResponse<'r> for NotFound {
    fn response() -> (&'r str, RefOr<Response>) {
        ("NotFound", error_response("A well-formed code names nothing that exists (indicator, area, codelist, source, edition)."))
    }
}

/// 503: the store cannot answer.
pub struct Unavailable;

impl<'r> ToResponse<'r> for Unavailable {
    fn response() -> (&'r str, RefOr<Response>) {
        ("Unavailable", error_response("The data store could not answer; retry later (Retry-After is set)."))
    }
}

/// An OpenAPI document (this one): its fields are those of the OpenAPI 3.1 specification.
pub struct OpenApiDocument;

impl PartialSchema for OpenApiDocument {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("openapi", ObjectBuilder::new().schema_type(Type::String))
            .property(
                "info",
                ObjectBuilder::new().schema_type(Type::Object).additional_properties(Some(AdditionalProperties::FreeForm(true))),
            )
            .property(
                "paths",
                ObjectBuilder::new().schema_type(Type::Object).additional_properties(Some(AdditionalProperties::FreeForm(true))),
            )
            .required("openapi")
            .required("info")
            .required("paths")
            .additional_properties(Some(AdditionalProperties::FreeForm(true)))
            .into()
    }
}

impl ToSchema for OpenApiDocument {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("OpenApi")
    }
}

/// Adds the caching and CORS headers every successful API answer carries to each 200 response
/// (the health check has neither).
struct CachingHeaders;

impl Modify for CachingHeaders {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for (path, item) in doc.paths.paths.iter_mut() {
            if !path.starts_with("/api/") {
                continue;
            }
            let ops: [&mut Option<Operation>; 1] = [&mut item.get];
            for op in ops.into_iter().flatten() {
                if let Some(RefOr::T(r)) = op.responses.responses.get_mut("200") {
                    for (name, description) in [
                        ("ETag", "Strong validator of the body; send it back in If-None-Match to get a 304."),
                        ("Cache-Control", "`public, max-age=300` on success."),
                        ("Access-Control-Allow-Origin", "`*`: any origin may read the API."),
                    ] {
                        r.headers.insert(
                            name.to_string(),
                            HeaderBuilder::new().schema(Some(String::schema())).description(Some(description)).build().into(),
                        );
                    }
                }
            }
        }
    }
}

/// Drops the component schemas no answer refers to: a generic list's items are written inline
/// (`List_Theme`), which leaves the item type registered on its own but unused.
struct OnlyUsedSchemas;

impl Modify for OnlyUsedSchemas {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| match (k.as_str(), x) {
                    ("$ref", serde_json::Value::String(r)) => out.push(r.clone()),
                    _ => refs(x, out),
                }),
                serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
                _ => {}
            }
        }
        let Some(components) = doc.components.as_mut() else { return };
        let schema_json = |c: &utoipa::openapi::Components, name: &str| c.schemas.get(name).and_then(|s| serde_json::to_value(s).ok());
        let mut pending = Vec::new();
        if let Ok(paths) = serde_json::to_value(&doc.paths) {
            refs(&paths, &mut pending);
        }
        if let Ok(responses) = serde_json::to_value(&components.responses) {
            refs(&responses, &mut pending);
        }
        let mut used = std::collections::BTreeSet::new();
        while let Some(r) = pending.pop() {
            if let Some(name) = r.strip_prefix("#/components/schemas/")
                && used.insert(name.to_string())
                && let Some(v) = schema_json(components, name)
            {
                refs(&v, &mut pending);
            }
        }
        components.schemas.retain(|name, _| used.contains(name));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_openapi_3_1_json_with_every_routed_path() {
        let doc: serde_json::Value = serde_json::from_str(super::document().unwrap_or("not built")).unwrap_or_default();
        if let Ok(p) = std::env::var("MPROFILE_DUMP_OPENAPI") {
            std::fs::write(p, doc.to_string()).unwrap_or_default();
        }
        assert_eq!(doc["openapi"], "3.1.0");
        let paths: Vec<&str> = doc["paths"].as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
        for e in super::super::endpoints() {
            assert!(paths.contains(&e.path), "{} is not documented", e.path);
        }
    }
}
