//! The ALQAC 2022 legal-retrieval set: law articles and questions with human judgments.
//!
//! `law.json` holds laws (`id` such as `91/2015/QH13`) with articles (`id`, `text`, whose first
//! line is the article's heading). `question.json` holds questions, each with the relevant
//! articles as `law_id` + `article_id`. An article's key is `law_id#article_id`.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;
use tracuu_index::article::Article;

#[derive(Deserialize)]
struct RawLaw {
    id: String,
    articles: Vec<RawArticle>,
}

#[derive(Deserialize)]
struct RawArticle {
    id: String,
    text: String,
}

#[derive(Deserialize)]
struct RawQuestion {
    id: String,
    text: String,
    relevant_articles: Vec<RawRef>,
}

#[derive(Deserialize)]
struct RawRef {
    law_id: String,
    article_id: String,
}

/// A question and the keys of the articles that answer it.
#[derive(Debug, Clone)]
pub struct Question {
    /// The set's question id (`q-1`).
    pub id: String,
    /// The question as a person wrote it.
    pub text: String,
    /// Keys (`law_id#article_id`) of the relevant articles.
    pub relevant: HashSet<String>,
}

/// The whole evaluation set.
pub struct Alqac {
    /// Every law article, as an Article whose `id` is its key.
    pub articles: Vec<Article>,
    /// Every question.
    pub questions: Vec<Question>,
}

fn key(law_id: &str, article_id: &str) -> String {
    format!("{law_id}#{article_id}")
}

/// Reads `law.json` and `question.json` from `dir`.
pub fn load(dir: &Path) -> anyhow::Result<Alqac> {
    let law_path = dir.join("law.json");
    let laws: Vec<RawLaw> = serde_json::from_slice(
        &std::fs::read(&law_path).with_context(|| format!("reading {}", law_path.display()))?,
    )
    .with_context(|| format!("parsing {}", law_path.display()))?;
    let question_path = dir.join("question.json");
    let raw_questions: Vec<RawQuestion> = serde_json::from_slice(
        &std::fs::read(&question_path)
            .with_context(|| format!("reading {}", question_path.display()))?,
    )
    .with_context(|| format!("parsing {}", question_path.display()))?;

    let mut articles = Vec::new();
    for law in &laws {
        for raw in &law.articles {
            let (title, body) = match raw.text.split_once('\n') {
                Some((title, body)) => (title.trim().to_string(), body.trim().to_string()),
                None => (raw.text.trim().to_string(), String::new()),
            };
            articles.push(Article {
                id: Some(key(&law.id, &raw.id)),
                url: format!("https://alqac.local/{}/{}", law.id, raw.id),
                title,
                body,
                ..Article::default()
            });
        }
    }
    let questions = raw_questions
        .into_iter()
        .map(|q| Question {
            id: q.id,
            text: q.text,
            relevant: q
                .relevant_articles
                .iter()
                .map(|r| key(&r.law_id, &r.article_id))
                .collect(),
        })
        .collect();
    Ok(Alqac {
        articles,
        questions,
    })
}
