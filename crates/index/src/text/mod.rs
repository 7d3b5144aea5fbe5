//! Vietnamese text analysis: the heart of tracuu.
//!
//! Government text mixes NFC and NFD, two tone-placement styles (`hòa`/`hoà`, `Ủy`/`Uỷ`), marks
//! misplaced by input methods (`vịêt`), an eth look-alike (`Ð`) and invisible characters. This
//! module turns all of them into one canonical syllable, in two forms:
//! - the **exact** form keeps every mark, with the tone placed by one rule ([`tone`]);
//! - the **folded** form drops every mark, `đ` included ([`letters::fold_base`]).
//!
//! ```
//! use tracuu_index::text::{analyze, AnalysisMode};
//! assert_eq!(analyze("Uỷ ban", AnalysisMode::Exact), analyze("Ủy ban", AnalysisMode::Exact));
//! assert_eq!(analyze("Người Việt", AnalysisMode::Folded), vec!["nguoi", "viet"]);
//! ```

pub mod abbreviations;
pub(crate) mod capitals;
pub mod facet_key;
mod learnt_file;
pub mod learnt_names;
pub mod letters;
pub mod names;
pub mod normalize;
pub mod pairs;
pub mod readings;
pub mod reported_speech;
pub mod sentences;
pub(crate) mod syllable_record;
pub mod syllable_shape;
pub mod tokenizer;
pub mod tone;
pub mod words;

pub use normalize::normalize_text;
pub use tokenizer::{AnalysisMode, VietnameseTokenizer, analyze};
