//! The OpenAPI 3.1 description of the open data API (`GET /api/v1/openapi.json`). Its schemas are derived
//! from the `wire` types the API answers with (`schemars`, the `schema` feature of `wire`), so the
//! description is the code: a field added to `IdeaCard` appears here, and the server's tests validate real
//! answers against it.

use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

/// The description, as JSON.
pub fn document() -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| s.definitions_path = "/components/schemas".into())
        .into_generator();
    let projects = generator.subschema_for::<wire::ApiProjects>();
    let page = generator.subschema_for::<wire::FeedPage>();
    let results = generator.subschema_for::<wire::ResultsData>();
    let built = generator.subschema_for::<wire::BuiltPage>();
    let error = generator.subschema_for::<wire::ApiError>();
    let schemas = generator.take_definitions(true);
    let answer = |description: &str, schema: &schemars::Schema| json!({ "description": description, "content": { "application/json": { "schema": schema } } });
    let slug = json!({
        "name": "slug", "in": "path", "required": true, "schema": { "type": "string" },
        "description": "The project's address, as in /projects/{slug}"
    });
    let query = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let statuses: Vec<&str> = wire::IdeaStatus::VISIBLE
        .iter()
        .map(|s| s.as_str())
        .collect();
    let impl_statuses: Vec<&str> = wire::ImplStatus::ALL.iter().map(|s| s.as_str()).collect();
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Open data API",
            "version": "1",
            "description": "Read-only, public, no session: public projects, their public ideas, their results, and what was built of the selected ideas. Every error is an ApiError with a code. Instants are RFC 3339 in UTC with six decimals."
        },
        "paths": {
            "/api/v1/projects": { "get": {
                "summary": "Every public project, newest first",
                "operationId": "projects",
                "responses": { "200": answer("The projects", &projects) }
            }},
            "/api/v1/projects/{slug}/ideas": { "get": {
                "summary": "A page of a project's public ideas",
                "operationId": "ideas",
                "parameters": [
                    slug,
                    query("limit", "Ideas per page", json!({ "type": "integer", "minimum": 1, "maximum": crate::open_data::MAX_LIMIT, "default": 20 })),
                    query("after", "The next of the previous page, in the same order", json!({ "type": "string" })),
                    query("direction", "Only this direction (its id)", json!({ "type": "integer" })),
                    query("status", "Only ideas with this status", json!({ "type": "string", "enum": statuses })),
                    query("sort", "The order", json!({ "type": "string", "enum": domain::ideas::Sort::NAMES, "default": "newest" })),
                    query("q", "Search words, any grammatical form, Russian or English", json!({ "type": "string", "maxLength": crate::open_data::MAX_QUERY })),
                ],
                "responses": {
                    "200": answer("The page; next is null on the last one", &page),
                    "400": answer("A parameter is malformed, out of range or unknown", &error),
                    "404": answer("No such public project", &error)
                }
            }},
            "/api/v1/projects/{slug}/results": { "get": {
                "summary": "A project's figures, per direction and per day, and its selected ideas",
                "operationId": "results",
                "parameters": [slug],
                "responses": {
                    "200": answer("The results", &results),
                    "404": answer("No such public project", &error)
                }
            }},
            "/api/v1/built": { "get": {
                "summary": "What was built: the implementation records of public ideas, newest idea first, a page at a time",
                "operationId": "built",
                "parameters": [
                    query("status", "Only records at this stage", json!({ "type": "string", "enum": impl_statuses })),
                    query("project", "Only this project (its slug)", json!({ "type": "string" })),
                    query("department", "Only this responsible department (its name as in the records)", json!({ "type": "string", "maxLength": crate::open_data::MAX_DEPARTMENT })),
                    query("after", "The next of the previous page", json!({ "type": "integer" })),
                ],
                "responses": {
                    "200": answer("The page, the counts by status of the whole filtered list, and the filters' choices; next is null on the last one", &built),
                    "400": answer("A parameter is malformed or unknown", &error),
                    "404": answer("No such public project", &error)
                }
            }}
        },
        "components": { "schemas": schemas }
    })
}
