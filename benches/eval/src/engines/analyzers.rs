//! The analyzer ablation of issue 5: syllables only, syllable pairs, or dictionary words.
//!
//! Each design is a plain Tantivy index over title and body with BM25 and an OR of every query
//! token over both fields, like [`super::tantivy_baseline`]; only the analyzer differs. All of them
//! start from tracuu's [`VietnameseTokenizer`] in folded form (`Người` → `nguoi`), then:
//! - **syllables**: the syllables as they are;
//! - **syllable pairs**: every syllable, plus a shingle of each adjacent pair (`nuoc_ngoai`);
//! - **dictionary words**: a greedy longest match against the viet74k lexicon, one token per
//!   matched multi-syllable word (`nguoi_lao_dong`), unmatched syllables left alone;
//! - **dictionary words + syllables**: the word tokens (at their first syllable's position) and
//!   every syllable too.
//!
//! Pairs and words never span punctuation: two syllables are adjacent only when nothing but white
//! space separates them. Questions go through the same analyzer as the text, so a pair or a word in
//! the question meets the same token in the text. The lexicon is matched on folded forms, so a
//! question typed without marks segments the same way; folding merges a few lexicon words
//! (`bà ba` and `ba ba` are both `ba_ba`), which the design accepts.
//!
//! These systems only rank (relevance); they have no latency path.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Context;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{IndexReader, Term};
use tracuu_index::text::{AnalysisMode, VietnameseTokenizer, analyze};

use super::tantivy_baseline::{TitleBodyIndex, stored_ids};
use super::{BuildOptions, Engine, Source};
use crate::memory::disk_usage;
use crate::queries::SpeedQuery;

/// Where the lexicon lives inside the shared data directory.
pub const LEXICON_PATH: &str = "data/lexicons/viet74k-words.txt";

/// Joins the syllables of a pair or a word into one token.
const JOINER: char = '_';

static LEXICON_FILE: OnceLock<PathBuf> = OnceLock::new();

/// Sets the lexicon file the dictionary designs read (once, from `--shared`).
pub fn use_lexicon(path: PathBuf) {
    let _ = LEXICON_FILE.set(path);
}

/// The analyzer designs compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// Folded syllables only.
    Syllables,
    /// Folded syllables plus a shingle of each adjacent pair.
    SyllablePairs,
    /// Greedy longest-match lexicon words; unmatched syllables stay single tokens.
    DictionaryWords,
    /// Lexicon words and every syllable.
    DictionaryWordsAndSyllables,
}

impl Design {
    /// Whether the design needs the lexicon.
    pub fn needs_lexicon(self) -> bool {
        matches!(
            self,
            Design::DictionaryWords | Design::DictionaryWordsAndSyllables
        )
    }
}

/// The multi-syllable words of a lexicon, folded, syllables joined with `_`.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: HashSet<String>,
    /// Every key of two or more syllables that starts some word (the words included).
    prefixes: HashSet<String>,
    longest: usize,
    entries: usize,
    exact_words: usize,
}

impl Lexicon {
    /// Builds a lexicon from entries, one word per item (single syllables are ignored).
    pub fn from_entries<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut lexicon = Lexicon::default();
        let mut exact = HashSet::new();
        for entry in entries {
            let syllables = analyze(entry, AnalysisMode::Folded);
            if syllables.len() < 2 {
                continue;
            }
            lexicon.entries += 1;
            exact.insert(analyze(entry, AnalysisMode::Exact).join("_"));
            lexicon.longest = lexicon.longest.max(syllables.len());
            let mut key = syllables[0].clone();
            for syllable in &syllables[1..] {
                key.push(JOINER);
                key.push_str(syllable);
                lexicon.prefixes.insert(key.clone());
            }
            lexicon.words.insert(key);
        }
        lexicon.exact_words = exact.len();
        lexicon
    }

    /// Reads a lexicon file: one word per line, syllables separated by spaces.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the lexicon {}", path.display()))?;
        let lexicon = Self::from_entries(text.lines());
        if lexicon.words.is_empty() {
            anyhow::bail!("the lexicon {} has no multi-syllable words", path.display());
        }
        Ok(lexicon)
    }

    /// Reads the lexicon set by [`use_lexicon`].
    pub fn configured() -> anyhow::Result<Self> {
        let Some(path) = LEXICON_FILE.get() else {
            anyhow::bail!("no lexicon configured for the dictionary-word designs");
        };
        Self::load(path)
    }

    /// One line describing the lexicon: entries, distinct words before and after folding.
    pub fn summary(&self) -> String {
        format!(
            "{} multi-syllable entries, {} distinct with marks, {} distinct folded ({} merged by folding), longest {} syllables",
            self.entries,
            self.exact_words,
            self.words.len(),
            self.exact_words.saturating_sub(self.words.len()),
            self.longest
        )
    }

    /// How many syllables, starting at `start`, the longest word there covers (1 if none).
    fn longest_match(&self, syllables: &[Syllable], start: usize) -> usize {
        let mut key = syllables[start].text.clone();
        let mut best = 1;
        for (i, syllable) in syllables.iter().enumerate().skip(start + 1) {
            if !syllable.joined {
                break;
            }
            key.push(JOINER);
            key.push_str(&syllable.text);
            if !self.prefixes.contains(&key) {
                break;
            }
            if self.words.contains(&key) {
                best = i - start + 1;
            }
        }
        best
    }
}

/// One folded syllable and where it sits in the text.
#[derive(Debug, Clone)]
struct Syllable {
    text: String,
    from: usize,
    to: usize,
    /// Only white space separates it from the syllable before.
    joined: bool,
}

/// A Tantivy tokenizer: tracuu's folded syllables, regrouped by a [`Design`].
#[derive(Clone)]
pub struct DesignTokenizer {
    design: Design,
    lexicon: Option<Arc<Lexicon>>,
    syllables: VietnameseTokenizer,
    buffer: Vec<Syllable>,
    tokens: Vec<Token>,
}

impl DesignTokenizer {
    /// A tokenizer for `design`; the dictionary designs need a lexicon.
    pub fn new(design: Design, lexicon: Option<Arc<Lexicon>>) -> anyhow::Result<Self> {
        if design.needs_lexicon() && lexicon.is_none() {
            anyhow::bail!("{design:?} needs a lexicon");
        }
        Ok(DesignTokenizer {
            design,
            lexicon,
            syllables: VietnameseTokenizer::new(AnalysisMode::Folded),
            buffer: Vec::new(),
            tokens: Vec::new(),
        })
    }

    fn read_syllables(&mut self, text: &str) {
        self.buffer.clear();
        let mut stream = self.syllables.token_stream(text);
        let mut previous_end = None;
        while let Some(token) = stream.next() {
            let joined = previous_end.is_some_and(|end: usize| {
                text.get(end..token.offset_from)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace))
            });
            previous_end = Some(token.offset_to);
            self.buffer.push(Syllable {
                text: token.text.clone(),
                from: token.offset_from,
                to: token.offset_to,
                joined,
            });
        }
    }

    fn push(&mut self, start: usize, len: usize, position: usize) {
        let first = &self.buffer[start];
        let mut text = first.text.clone();
        for syllable in &self.buffer[start + 1..start + len] {
            text.push(JOINER);
            text.push_str(&syllable.text);
        }
        self.tokens.push(Token {
            offset_from: first.from,
            offset_to: self.buffer[start + len - 1].to,
            position,
            text,
            position_length: 1,
        });
    }

    fn regroup(&mut self) {
        self.tokens.clear();
        let n = self.buffer.len();
        match self.design {
            Design::Syllables => (0..n).for_each(|i| self.push(i, 1, i)),
            Design::SyllablePairs => {
                for i in 0..n {
                    self.push(i, 1, i);
                    if i + 1 < n && self.buffer[i + 1].joined {
                        self.push(i, 2, i);
                    }
                }
            }
            Design::DictionaryWords | Design::DictionaryWordsAndSyllables => {
                let Some(lexicon) = self.lexicon.clone() else {
                    return;
                };
                let with_syllables = self.design == Design::DictionaryWordsAndSyllables;
                let (mut i, mut position) = (0, 0);
                while i < n {
                    let len = lexicon.longest_match(&self.buffer, i);
                    if with_syllables {
                        self.push(i, 1, i);
                        if len > 1 {
                            self.push(i, len, i);
                        }
                        (i + 1..i + len).for_each(|j| self.push(j, 1, j));
                    } else {
                        self.push(i, len, position);
                        position += 1;
                    }
                    i += len;
                }
            }
        }
    }
}

/// The tokens of one text, computed up front.
pub struct BufferedTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for BufferedTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for DesignTokenizer {
    type TokenStream<'a> = BufferedTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufferedTokenStream<'a> {
        self.read_syllables(text);
        self.regroup();
        BufferedTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// The token texts of `text` under a tokenizer (tests and the `segment` command use this).
pub fn tokens(tokenizer: &mut DesignTokenizer, text: &str) -> Vec<String> {
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// A Tantivy index analysed by one [`Design`], ranking with BM25.
pub struct AblationEngine {
    reader: IndexReader,
    id: Field,
    fields: [Field; 2],
    analyzer: TextAnalyzer,
    dir: PathBuf,
}

impl AblationEngine {
    /// Indexes `source` into `dir` (which must be empty or absent) with `design`'s analyzer.
    pub fn build(
        design: Design,
        source: Source<'_>,
        dir: &Path,
        options: &BuildOptions,
    ) -> anyhow::Result<Self> {
        let lexicon = if design.needs_lexicon() {
            let lexicon = Lexicon::configured()?;
            eprintln!("lexicon: {}", lexicon.summary());
            Some(Arc::new(lexicon))
        } else {
            None
        };
        let analyzer = TextAnalyzer::from(DesignTokenizer::new(design, lexicon)?);
        let mut joined = JoinedTokens::default();
        let mut counting = analyzer.clone();
        let built = TitleBodyIndex::build(dir, analyzer.clone(), &source, options, |a| {
            joined.count(&mut counting, &a.title);
            joined.count(&mut counting, &a.body);
        })?;
        eprintln!("{design:?}: {}", joined.summary());
        Ok(AblationEngine {
            reader: built.index.reader()?,
            id: built.id,
            fields: [built.title, built.body],
            analyzer,
            dir: dir.to_path_buf(),
        })
    }

    /// The OR of every token of `question` over title and body.
    fn query(&mut self, question: &str) -> Option<BooleanQuery> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut stream = self.analyzer.token_stream(question);
        while let Some(token) = stream.next() {
            for field in self.fields {
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &token.text),
                        IndexRecordOption::WithFreqs,
                    )),
                ));
            }
        }
        (!clauses.is_empty()).then(|| BooleanQuery::new(clauses))
    }
}

/// Counts of the pair and word tokens (those with `_`) an analyzer emits over a corpus.
#[derive(Default)]
struct JoinedTokens {
    distinct: HashMap<String, u64>,
    tokens: u64,
    syllables_inside: u64,
}

impl JoinedTokens {
    fn count(&mut self, analyzer: &mut TextAnalyzer, text: &str) {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            self.tokens += 1;
            let joins = token.text.matches(JOINER).count() as u64;
            if joins > 0 {
                self.syllables_inside += joins + 1;
                *self.distinct.entry(token.text.clone()).or_default() += 1;
            }
        }
    }

    fn summary(&self) -> String {
        let occurrences: u64 = self.distinct.values().sum();
        let mut top: Vec<_> = self.distinct.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = top
            .iter()
            .take(8)
            .map(|(word, n)| format!("{word} {n}"))
            .collect();
        format!(
            "{} tokens indexed, {} of them joined (pairs or words) covering {} syllables, {} distinct joined tokens; most frequent: {}",
            self.tokens,
            occurrences,
            self.syllables_inside,
            self.distinct.len(),
            top.join(", ")
        )
    }
}

impl Engine for AblationEngine {
    fn ranked(&mut self, question: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let Some(query) = self.query(question) else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let hits = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        stored_ids(&searcher, self.id, &hits)
    }

    fn counted(&mut self, _query: &SpeedQuery) -> anyhow::Result<(Vec<String>, u64)> {
        anyhow::bail!("the analyzer ablation systems are relevance-only")
    }

    fn index_bytes(&mut self) -> anyhow::Result<u64> {
        Ok(disk_usage(&self.dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracuu_index::article::Article;

    fn lexicon() -> Arc<Lexicon> {
        Arc::new(Lexicon::from_entries([
            "nghị quyết",
            "người việt nam",
            "người việt",
            "nước ngoài",
            "người lao động",
            "lao động",
            "hợp đồng lao động",
            "hợp đồng",
            "a",
        ]))
    }

    fn run(design: Design, text: &str) -> anyhow::Result<Vec<String>> {
        let lexicon = design.needs_lexicon().then(lexicon);
        Ok(tokens(&mut DesignTokenizer::new(design, lexicon)?, text))
    }

    #[test]
    fn lexicon_keeps_multi_syllable_words_folded() {
        let lexicon = lexicon();
        assert_eq!(lexicon.words.len(), 8);
        assert!(lexicon.words.contains("nguoi_viet_nam"));
        assert!(lexicon.prefixes.contains("hop_dong_lao"));
        assert_eq!(lexicon.longest, 4);
    }

    #[test]
    fn dictionary_words_take_the_longest_match() -> anyhow::Result<()> {
        assert_eq!(
            run(
                Design::DictionaryWords,
                "Người Việt Nam định cư ở nước ngoài theo Nghị quyết số 36"
            )?,
            vec![
                "nguoi_viet_nam",
                "dinh",
                "cu",
                "o",
                "nuoc_ngoai",
                "theo",
                "nghi_quyet",
                "so",
                "36"
            ]
        );
        // Greedy: "hợp đồng lao động" wins over "hợp đồng" + "lao động"; no marks, same words.
        assert_eq!(
            run(
                Design::DictionaryWords,
                "nguoi lao dong ky hop dong lao dong"
            )?,
            vec!["nguoi_lao_dong", "ky", "hop_dong_lao_dong"]
        );
        Ok(())
    }

    #[test]
    fn words_and_pairs_stop_at_punctuation() -> anyhow::Result<()> {
        assert_eq!(
            run(Design::DictionaryWords, "Người Việt, Nam")?,
            vec!["nguoi_viet", "nam"]
        );
        assert_eq!(
            run(Design::SyllablePairs, "nước ngoài. Người")?,
            vec!["nuoc", "nuoc_ngoai", "ngoai", "nguoi"]
        );
        Ok(())
    }

    #[test]
    fn words_and_syllables_share_positions() -> anyhow::Result<()> {
        let mut tokenizer =
            DesignTokenizer::new(Design::DictionaryWordsAndSyllables, Some(lexicon()))?;
        let mut stream = tokenizer.token_stream("Người lao động nghỉ");
        let mut seen = Vec::new();
        while let Some(t) = stream.next() {
            seen.push((t.text.clone(), t.position));
        }
        let expected = [
            ("nguoi", 0),
            ("nguoi_lao_dong", 0),
            ("lao", 1),
            ("dong", 2),
            ("nghi", 3),
        ];
        assert_eq!(seen, expected.map(|(t, p)| (t.to_string(), p)).to_vec());
        Ok(())
    }

    #[test]
    fn pair_index_ranks_the_adjacent_pair_first() -> anyhow::Result<()> {
        let make = |id: &str, body: &str| Article {
            id: Some(id.into()),
            url: format!("https://x.local/{id}"),
            title: String::new(),
            body: body.into(),
            ..Article::default()
        };
        let list = vec![
            make("apart", "nước sạch ở vùng ngoài đô thị"),
            make("pair", "đầu tư ra nước ngoài"),
        ];
        let dir = tempfile::tempdir()?;
        let options = BuildOptions::small();
        let mut engine = AblationEngine::build(
            Design::SyllablePairs,
            Source::Articles(&list),
            dir.path(),
            &options,
        )?;
        assert_eq!(engine.ranked("nuoc ngoai", 10)?, vec!["pair", "apart"]);
        Ok(())
    }
}
