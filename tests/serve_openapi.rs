//! `crates/serve/openapi.json` against the real server: every path answers, every documented
//! parameter is accepted, and real responses (hits, articles, errors, exports) match the schemas.

mod serve_support;

use serde_json::{Value, json};
use serve_support::TestServer;

fn openapi() -> Value {
    serde_json::from_str(tracuu_serve::assets::openapi_json()).expect("openapi.json is JSON")
}

/// A validator for one named schema of the document, resolving its `#/components/...` references.
fn validator(doc: &Value, name: &str) -> jsonschema::Validator {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": doc["components"].clone(),
    });
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn assert_valid(doc: &Value, name: &str, instance: &Value) {
    let validator = validator(doc, name);
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name} does not match openapi.json: {errors:?}\n{instance}"
    );
}

#[tokio::test]
async fn real_responses_match_the_documented_schemas() {
    let doc = openapi();
    let server = TestServer::start().await;
    for query in [
        "/api/search?q=nguoi+viet+nam+o+nuoc+ngoai",
        "/api/search?ref=36-NQ%2FTW&sort=newest",
        "/api/search?q=%22kh%C3%B4ng+h%E1%BB%81+c%C3%B3%22",
        "/api/search?page=2&per_page=2&province=Qu%E1%BA%A3ng+Nam&province=%C4%90%C3%A0+N%E1%BA%B5ng",
    ] {
        assert_valid(&doc, "SearchResponse", &server.get_json(query).await);
    }
    for id in [
        "917aa70dc9c19c5b",
        "8ffa0c58b17de14e",
        "daa4be3a22619e98",
        "eebf95125feb7572",
        "14f7d0825bab641d",
    ] {
        assert_valid(
            &doc,
            "StoredArticle",
            &server.get_json(&format!("/api/articles/{id}")).await,
        );
    }
    for query in [
        "/api/quotes?q=ban+ghi+nho",
        "/api/quotes?q=ban+ghi+nho&speaker=phung+cong+dung&per_page=1",
        "/api/quotes?q=kh%C3%B4ng+c%C3%B3+t%E1%BB%AB+n%C3%A0y+xyzw",
    ] {
        assert_valid(&doc, "QuotesResponse", &server.get_json(query).await);
    }
    assert_valid(&doc, "Health", &server.get_json("/healthz").await);
    for query in [
        "/api/documents/36-NQ/TW",
        "/api/documents/12-KL%2FTW?page=1&per_page=1",
    ] {
        assert_valid(&doc, "DocumentReport", &server.get_json(query).await);
    }
    let (_, _, jsonl) = server.get("/api/search.jsonl?q=kieu+bao").await;
    assert!(jsonl.lines().count() > 0);
    for line in jsonl.lines() {
        assert_valid(
            &doc,
            "ExportRow",
            &serde_json::from_str(line).expect("JSON line"),
        );
    }
}

#[tokio::test]
async fn every_error_the_api_gives_is_documented_and_shaped() {
    let doc = openapi();
    let server = TestServer::start().await;
    let text = tracuu_serve::assets::openapi_json();
    for (path, status) in [
        ("/api/search?q=year%3Ahai", 400),
        (
            "/api/search?source=a&source=b&source=c&source=d&source=e&source=f&source=g&source=h&source=i&source=j&source=k&source=l&source=m&source=n&source=o&source=p&source=q&source=r&source=s&source=t&source=u",
            400,
        ),
        ("/api/search?tinh=H%C3%A0+N%E1%BB%99i", 400),
        ("/api/search?to=2021-13-01", 400),
        ("/api/search?per_page=1000", 400),
        ("/api/search?page=10001", 400),
        ("/api/search?q=%C0", 400),
        ("/api/search?sort=moi", 400),
        ("/api/search?page=0", 400),
        ("/api/articles/khong-co", 404),
        ("/api/documents/khong-co", 404),
        ("/api/documents/99-NQ/TW", 404),
        ("/api/documents/36-NQ/TW?per_page=1000", 400),
        ("/feeds/documents/99-NQ/TW", 404),
        ("/api/quotes", 400),
        ("/api/quotes?q=kieu&articles=201", 400),
    ] {
        let (got, _, body) = server.get(path).await;
        assert_eq!(got, status, "{path}");
        let json: Value = serde_json::from_str(&body).expect("JSON error");
        assert_valid(&doc, "Error", &json);
        let code = json["error"]["code"].as_str().expect("code");
        assert!(
            text.contains(code),
            "error code {code} ({path}) is not documented in openapi.json"
        );
        let documented_path = if path.starts_with("/api/articles") {
            "/api/articles/{id}"
        } else if path.starts_with("/api/documents") {
            "/api/documents/{ref}"
        } else if path.starts_with("/feeds/documents") {
            "/feeds/documents/{ref}"
        } else if path.starts_with("/api/quotes") {
            "/api/quotes"
        } else {
            "/api/search"
        };
        let documented = &doc["paths"][documented_path]["get"]["responses"][status.to_string()];
        assert!(
            documented.is_object(),
            "{path}: status {status} is not documented"
        );
    }
}

#[tokio::test]
async fn every_documented_path_and_parameter_is_served() {
    let doc = openapi();
    let server = TestServer::start().await;
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 6);
    for (path, item) in paths {
        // The quote finder needs words to look for.
        let required = if path == "/api/quotes" {
            "q=kieu+bao&"
        } else {
            ""
        };
        let base = path
            .replace("{id}", "917aa70dc9c19c5b")
            .replace("{ref}", "36-NQ/TW");
        let concrete = if required.is_empty() {
            base.clone()
        } else {
            format!("{base}?{required}")
        };
        let (status, content_type, _) = server.get(&concrete).await;
        assert_eq!(status, 200, "{path}");
        let declared: Vec<&String> = item["get"]["responses"]["200"]["content"]
            .as_object()
            .expect("200 content")
            .keys()
            .collect();
        assert!(
            declared
                .iter()
                .any(|media| content_type.starts_with(media.as_str())),
            "{path}: served {content_type}, documented {declared:?}"
        );
        for param in item["get"]["parameters"].as_array().into_iter().flatten() {
            if param["in"] != "query" {
                continue;
            }
            let name = param["name"].as_str().expect("parameter name");
            let required = if name == "q" { "" } else { required };
            let value = match name {
                "q" => "kieu+bao",
                "sort" => "oldest",
                "from" | "to" => "2021-02-22",
                "page" | "per_page" | "limit" | "articles" => "2",
                "year" => "2021",
                "ref" => "36-NQ%2FTW",
                _ => "x",
            };
            let (status, _, body) = server
                .get(&format!("{base}?{required}{name}={value}"))
                .await;
            assert_eq!(status, 200, "{base}?{name}={value}: {body}");
        }
    }
}
