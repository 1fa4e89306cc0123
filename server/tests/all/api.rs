//! The open data API as documented: every parameter checked, every error JSON with a code, one form of
//! instants everywhere, and an OpenAPI description that real answers validate against.

use super::*;

/// A project "parks" with three ideas from one resident.
async fn parks_with_ideas() -> Site {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    for n in 0..3 {
        let title = format!("Скамейки у пруда номер {n}");
        site.call("submit_idea", &idea_form(&direction, &title), Some(&anna))
            .await;
    }
    site
}

/// The error body of `reply`, checked to be JSON with `status`.
fn error_of(reply: &Reply, status: StatusCode) -> wire::ApiError {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(header_of(reply, "content-type").starts_with("application/json"));
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

#[tokio::test]
async fn every_malformed_parameter_is_a_json_400_naming_it() {
    let site = parks_with_ideas().await;
    let long = format!("q={}", "я".repeat(201));
    for (query, parameter) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("direction=first", "direction"),
        ("status=rejected", "status"),
        ("status=anything", "status"),
        ("sort=oldest", "sort"),
        ("after=zzz", "after"),
        ("after=3.7", "after"),
        ("sort=supported&after=7", "after"),
        (long.as_str(), "q"),
        ("limt=5", "limt"),
    ] {
        let reply = site
            .get(&format!("/api/v1/projects/parks/ideas?{query}"), None)
            .await;
        let error = error_of(&reply, StatusCode::BAD_REQUEST);
        assert_eq!(error.code, wire::ApiErrorCode::BadParameter, "{query}");
        assert_eq!(error.parameter.as_deref(), Some(parameter), "{query}");
        assert!(!error.message.is_empty());
    }
    let long = format!("department={}", "я".repeat(201));
    for (query, parameter) in [
        ("status=begun", "status"),
        ("after=last", "after"),
        ("page=2", "page"),
        (long.as_str(), "department"),
    ] {
        let reply = site.get(&format!("/api/v1/built?{query}"), None).await;
        let error = error_of(&reply, StatusCode::BAD_REQUEST);
        assert_eq!(error.parameter.as_deref(), Some(parameter), "{query}");
    }
    // The edges are fine.
    for query in [
        "limit=1",
        "limit=100",
        "status=published&sort=discussed",
        "q=скамейка",
    ] {
        let reply = site
            .get(&format!("/api/v1/projects/parks/ideas?{query}"), None)
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
    }
}

#[tokio::test]
async fn unknown_projects_and_addresses_are_json_404s() {
    let site = parks_with_ideas().await;
    for path in [
        "/api/v1/projects/nowhere/ideas",
        "/api/v1/projects/nowhere/results",
        "/api/v1/built?project=nowhere",
        "/api/v1/ideas",
        "/api/v1/projects/parks/votes",
        "/api/v1",
    ] {
        let error = error_of(&site.get(path, None).await, StatusCode::NOT_FOUND);
        assert_eq!(error.code, wire::ApiErrorCode::NotFound, "{path}");
    }
}

/// Whether `value` is an instant in the one form (`2020-06-22T00:00:00.000000Z`).
fn one_form(value: &str) -> bool {
    let b = value.as_bytes();
    value.len() == 27
        && b[10] == b'T'
        && b[19] == b'.'
        && value.ends_with('Z')
        && chrono::DateTime::parse_from_rfc3339(value).is_ok()
}

#[tokio::test]
async fn instants_have_one_form_in_the_api_and_the_exports() {
    let site = parks_with_ideas().await;
    let projects: serde_json::Value =
        serde_json::from_str(&site.get("/api/v1/projects", None).await.body).unwrap();
    let ideas: serde_json::Value =
        serde_json::from_str(&site.get("/api/v1/projects/parks/ideas", None).await.body).unwrap();
    let export: serde_json::Value = serde_json::from_str(
        &site
            .get("/projects/parks/export/ideas.json", None)
            .await
            .body,
    )
    .unwrap();
    let csv = site
        .get("/projects/parks/export/ideas.csv", None)
        .await
        .body;
    let mut instants = vec![
        projects["projects"][0]["starts_at"]
            .as_str()
            .unwrap()
            .to_owned(),
        projects["projects"][0]["ends_at"]
            .as_str()
            .unwrap()
            .to_owned(),
        ideas["items"][0]["created_at"].as_str().unwrap().to_owned(),
        export[0]["created_at"].as_str().unwrap().to_owned(),
    ];
    instants.extend(
        csv.lines()
            .skip(1)
            .map(|row| row.rsplit(',').next().unwrap().to_owned()),
    );
    assert_eq!(instants.len(), 7);
    for instant in &instants {
        assert!(one_form(instant), "{instant}");
    }
}

#[tokio::test]
async fn real_answers_validate_against_the_served_openapi_description() {
    let site = parks_with_ideas().await;
    let document = description(&site).await;
    assert_eq!(document["openapi"], "3.1.0");
    let answers = [
        ("/api/v1/projects", "/api/v1/projects", "200"),
        (
            "/api/v1/projects/{slug}/ideas",
            "/api/v1/projects/parks/ideas?limit=2",
            "200",
        ),
        (
            "/api/v1/projects/{slug}/ideas",
            "/api/v1/projects/parks/ideas?sort=supported",
            "200",
        ),
        (
            "/api/v1/projects/{slug}/ideas",
            "/api/v1/projects/parks/ideas?limit=0",
            "400",
        ),
        (
            "/api/v1/projects/{slug}/ideas",
            "/api/v1/projects/nowhere/ideas",
            "404",
        ),
        (
            "/api/v1/projects/{slug}/results",
            "/api/v1/projects/parks/results",
            "200",
        ),
        ("/api/v1/built", "/api/v1/built", "200"),
        ("/api/v1/built", "/api/v1/built?status=begun", "400"),
        ("/api/v1/built", "/api/v1/built?project=nowhere", "404"),
    ];
    for (path, address, status) in answers {
        answer_validates(&site, &document, path, address, status).await;
    }
    // The description checks the form of instants too: another one does not validate.
    let mut root = json_ref("IdeaCard");
    root["components"] = document["components"].clone();
    let validator = jsonschema::draft202012::new(&root).unwrap();
    let ideas: serde_json::Value =
        serde_json::from_str(&site.get("/api/v1/projects/parks/ideas", None).await.body).unwrap();
    let mut card = ideas["items"][0].clone();
    assert!(document["components"]["schemas"]["IdeaCard"]["properties"]["created_at"].is_object());
    assert!(validator.is_valid(&card));
    card["created_at"] = "2020-06-22T00:00:00+00:00".into();
    assert!(!validator.is_valid(&card), "another form of instant");
}

/// The served OpenAPI description.
pub(super) async fn description(site: &Site) -> serde_json::Value {
    let reply = site.get("/api/v1/openapi.json", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    serde_json::from_str(&reply.body).unwrap()
}

/// Asks `address` (an instance of the described `path`), expects `status`, and checks the answer
/// against what `document` says that answer is.
pub(super) async fn answer_validates(
    site: &Site,
    document: &serde_json::Value,
    path: &str,
    address: &str,
    status: &str,
) {
    let reply = site.get(address, None).await;
    assert_eq!(reply.status.as_str(), status, "{address}: {}", reply.body);
    let schema = &document["paths"][path]["get"]["responses"][status]["content"]["application/json"]
        ["schema"];
    assert!(schema.is_object(), "{path} {status} is described");
    // The operation's schema with the document's components, so its references resolve.
    let mut root = schema.clone();
    root["components"] = document["components"].clone();
    let validator = jsonschema::draft202012::new(&root).unwrap();
    let answer: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&answer)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{address}: {errors:?}\n{}", reply.body);
}

/// `{"$ref": "#/components/schemas/<name>"}`.
fn json_ref(name: &str) -> serde_json::Value {
    serde_json::json!({ "$ref": format!("#/components/schemas/{name}") })
}
