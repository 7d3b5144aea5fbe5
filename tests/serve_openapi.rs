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
    for query in [
        "/api/trends?q=nguoi+viet+nam+o+nuoc+ngoai&q=%C4%91%E1%BA%A1i+s%E1%BB%A9+qu%C3%A1n",
        "/api/trends?q=kieu+bao&interval=year&province=Qu%E1%BA%A3ng+Nam",
        "/api/trends?q=xyzzy&from=2021-01-01&to=2021-12-31",
        "/api/trends?q=&q=UBND&year=none",
    ] {
        assert_valid(&doc, "TrendResponse", &server.get_json(query).await);
    }
    for query in [
        "/api/search.provenance.json?q=kieu+bao",
        "/api/search.provenance.json?sort=newest&limit=2&ref=36-NQ%2FTW&from=2021-01-01",
    ] {
        assert_valid(&doc, "Provenance", &server.get_json(query).await);
    }
}

#[tokio::test]
async fn export_headers_are_the_documented_ones() {
    let doc = openapi();
    let server = TestServer::start().await;
    for (path, documented) in [
        ("/api/search.csv?q=kieu+bao&limit=2", "/api/search.csv"),
        ("/api/search.jsonl?q=kieu+bao", "/api/search.jsonl"),
    ] {
        let response = serve_support::client()
            .get(server.url(path))
            .send()
            .await
            .expect("request");
        let headers = doc["paths"][documented]["get"]["responses"]["200"]["headers"]
            .as_object()
            .expect("documented headers");
        for (name, header) in headers {
            let value = response
                .headers()
                .get(name.as_str())
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{path}: no {name} header"));
            let mut schema = header["schema"].clone();
            let instance = if schema["type"] == "integer" {
                json!(value.parse::<u64>().expect("an integer header"))
            } else {
                json!(value)
            };
            schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
            let validator = jsonschema::options()
                .should_validate_formats(true)
                .build(&schema)
                .expect("a header schema");
            assert!(
                validator.is_valid(&instance),
                "{path}: {name}: {value} does not match {schema}"
            );
        }
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
        ("/api/trends", 400),
        ("/api/trends?q=a&q=b&q=c&q=d&q=e&q=f&q=g", 400),
        ("/api/trends?q=a&interval=tuan", 400),
        ("/api/trends?q=a&sort=newest", 400),
        ("/api/search.provenance.json?limit=10001", 400),
        ("/feeds/search.atom?per_page=101", 400),
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
        let route = if path.starts_with("/api/articles") {
            "/api/articles/{id}"
        } else if path.starts_with("/api/documents") {
            "/api/documents/{ref}"
        } else if path.starts_with("/feeds/documents") {
            "/feeds/documents/{ref}"
        } else {
            path.split('?').next().unwrap_or(path)
        };
        let documented = &doc["paths"][route]["get"]["responses"][status.to_string()];
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
        // Parameters a path requires (the queries of /api/trends) come with every request.
        let required: Vec<String> = item["get"]["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["required"] == true && p["in"] == "query")
            .map(|p| format!("{}=kieu+bao", p["name"].as_str().unwrap_or("")))
            .collect();
        let base = required.join("&");
        let concrete_path = path
            .replace("{id}", "917aa70dc9c19c5b")
            .replace("{ref}", "36-NQ/TW");
        let concrete = concrete_path.clone();
        let concrete = if base.is_empty() {
            concrete
        } else {
            format!("{concrete}?{base}")
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
            let value = match name {
                "q" => "kieu+bao",
                "sort" => "oldest",
                "from" | "to" => "2021-02-22",
                "page" | "per_page" | "limit" | "articles" => "2",
                "year" => "2021",
                "interval" => "year",
                "ref" => "36-NQ%2FTW",
                // A province and a document type must name one.
                "province" => "quang+nam",
                "type" => "nghi+quyet",
                _ => "x",
            };
            let query = if base.is_empty() || name == "q" {
                format!("{name}={value}")
            } else {
                format!("{base}&{name}={value}")
            };
            let (status, _, body) = server.get(&format!("{concrete_path}?{query}")).await;
            assert_eq!(status, 200, "{concrete_path}?{query}: {body}");
        }
    }
}
