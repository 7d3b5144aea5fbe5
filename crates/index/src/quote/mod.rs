//! Quotes: the sentences of articles that match a query, and who said them.
//!
//! Journalists ask "what exactly was said about X, by whom, where and when?". A quote is one
//! sentence of an article ([`crate::text::sentences`]) that holds every word of the query by the
//! engine's word rule (or its phrases), with the speaker when the sentence is reported speech.
//!
//! - [`speaker`]: who said a sentence, as the article writes it ("Phó Chủ tịch UBND tỉnh Trần
//!   Văn Tân"), from speech verbs, quotations, "Theo X" and pronouns; it reads
//!   [`noun_phrase`] (the subject before a verb) and [`quotation`] (quoted passages over
//!   sentences and paragraphs).
//! - [`matcher`]: which sentences of a text hold a query, with the words to mark.
//! - [`finder`]: [`crate::search::SearchIndex::quotes`], the quote finder over the index:
//!   the sentences of the matching articles, each with its article and speaker.
//!

mod clause;
pub mod finder;
pub mod matcher;
mod noun_phrase;
mod quotation;
pub mod speaker;

pub use finder::{Quote, QuoteRequest, QuoteResponse};
pub use matcher::SentenceMatcher;
pub use speaker::{Attribution, Speaker, speaker_of};
