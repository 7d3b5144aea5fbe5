//! A [`Hit`] in JSON: the data, and the HTML forms older clients read.
//!
//! ```json
//! {"id": "…", "url": "…", "title": "Kiều bào Quảng Nam", "title_html": "<mark>Kiều bào</mark> Quảng Nam",
//!  "published": "2021-02-22", "source": "quangnam.gov.vn", "agency": null, "province": null,
//!  "provinces": ["Quảng Nam"], "cited": ["36-NQ/TW"],
//!  "snippet": "…<mark>Kiều bào</mark> đóng góp…", "score": 1.5,
//!  "highlight": {"title": {"text", "marks", "sentences", "cut_before", "cut_after"},
//!                "snippet": {"text", "marks", "sentences", "cut_before", "cut_after"}}}
//! ```
//!
//! A hit of a partial answer or of `closest` also has `"missing": ["ghi nhớ"]`, the query words
//! it lacks (absent when it holds them all).
//!
//! `title_html` and `snippet` are rendered from `highlight` ([`Highlighted::marked_html`]); the
//! API and the CLI write the same object. Reading one back takes `highlight` (the HTML forms are
//! derived, so they are not read).

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::search::highlight::Highlighted;
use crate::search::request::Hit;

impl Hit {
    /// The title with its marks and sentences.
    pub fn title_highlighted(&self) -> Highlighted {
        Highlighted::new(&self.title, self.title_marks.clone())
    }
}

/// `highlight` of a hit in JSON.
#[derive(Serialize, Deserialize)]
struct HitHighlight<T> {
    title: T,
    snippet: T,
}

impl Serialize for Hit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let title = self.title_highlighted();
        let mut s = serializer.serialize_struct("Hit", 14)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("url", &self.url)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("title_html", &title.marked_html())?;
        s.serialize_field("published", &self.published)?;
        s.serialize_field("source", &self.source)?;
        s.serialize_field("agency", &self.agency)?;
        s.serialize_field("province", &self.province)?;
        s.serialize_field("provinces", &self.provinces)?;
        s.serialize_field("cited", &self.cited)?;
        s.serialize_field("snippet", &self.snippet.marked_html())?;
        s.serialize_field("score", &self.score)?;
        s.serialize_field(
            "highlight",
            &HitHighlight {
                title: &title,
                snippet: &self.snippet,
            },
        )?;
        if self.missing.is_empty() {
            s.skip_field("missing")?;
        } else {
            s.serialize_field("missing", &self.missing)?;
        }
        s.end()
    }
}

#[derive(Deserialize)]
struct WireHit {
    id: String,
    url: String,
    title: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    agency: Option<String>,
    #[serde(default)]
    province: Option<String>,
    #[serde(default)]
    provinces: Vec<String>,
    #[serde(default)]
    cited: Vec<String>,
    score: f32,
    highlight: HitHighlight<Highlighted>,
    #[serde(default)]
    missing: Vec<String>,
}

impl<'de> Deserialize<'de> for Hit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = WireHit::deserialize(deserializer)?;
        Ok(Hit {
            id: wire.id,
            url: wire.url,
            title: wire.title,
            title_marks: wire.highlight.title.marks,
            published: wire.published,
            source: wire.source,
            agency: wire.agency,
            province: wire.province,
            provinces: wire.provinces,
            cited: wire.cited,
            snippet: wire.highlight.snippet,
            score: wire.score,
            missing: wire.missing,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_carries_the_data_and_the_html_forms_and_reads_back() {
        let snippet_text = "Kiều bào đóng góp cho quê hương. Tỉnh ghi nhận.";
        let kieu_bao = 0.."Kiều bào".len();
        let mut snippet = Highlighted::new(snippet_text, vec![kieu_bao.clone()]);
        snippet.cut_after = true;
        let hit = Hit {
            id: "917aa70dc9c19c5b".into(),
            url: "https://quangnam.gov.vn/a".into(),
            title: "Kiều bào Quảng Nam".into(),
            title_marks: vec![kieu_bao],
            published: Some("2021-02-22".into()),
            source: Some("quangnam.gov.vn".into()),
            agency: None,
            province: None,
            provinces: vec!["Quảng Nam".into()],
            cited: vec!["36-NQ/TW".into()],
            snippet,
            score: 1.5,
            missing: vec!["ghi nhớ".into()],
        };
        let json = serde_json::to_value(&hit).unwrap_or_default();
        assert_eq!(json["title_html"], "<mark>Kiều bào</mark> Quảng Nam");
        assert_eq!(
            json["snippet"],
            "<mark>Kiều bào</mark> đóng góp cho quê hương. Tỉnh ghi nhận.…"
        );
        assert_eq!(json["provinces"], serde_json::json!(["Quảng Nam"]));
        assert_eq!(json["cited"], serde_json::json!(["36-NQ/TW"]));
        assert_eq!(json["missing"], serde_json::json!(["ghi nhớ"]));
        assert_eq!(
            json["highlight"]["title"]["marks"],
            serde_json::json!([[0, 8]])
        );
        assert_eq!(
            json["highlight"]["snippet"]["sentences"],
            serde_json::json!([[0, 32], [33, 47]])
        );
        let back: Hit = serde_json::from_value(json).unwrap_or_else(|_| hit.clone());
        assert_eq!(back, hit);
    }
}
