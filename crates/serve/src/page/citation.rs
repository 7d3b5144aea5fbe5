//! Dates as Vietnamese readers write them, and the citation a "copy citation" button copies.
//!
//! A journalist's citation quotes: the sentence, who said it when the text says so, then the
//! article's title, agency, date and a link that opens the source at that sentence
//! (`#:~:text=`, see [`super::snippet::text_fragment_url`]). Without a sentence (an article page,
//! an empty query) it is the reference alone.
//!
//! ```
//! use tracuu_serve::page::citation::{Citation, citation, display_date};
//! assert_eq!(display_date(Some("2021-02-22T14:00:00+07:00")).as_deref(), Some("22/02/2021"));
//! let c = citation("Tổng kết", Some("UBND tỉnh Quảng Nam"), Some("2021-02-22"), "https://quangnam.gov.vn/a");
//! assert_eq!(c, "“Tổng kết”, UBND tỉnh Quảng Nam, 22/02/2021, https://quangnam.gov.vn/a");
//! let quoted = Citation {
//!     sentence: Some("Phải làm ngay."),
//!     speaker: Some("Phó Chủ tịch UBND tỉnh Trần Văn Tân"),
//!     title: "Tổng kết",
//!     agency: Some("UBND tỉnh Quảng Nam"),
//!     published: Some("2021-02-22"),
//!     url: "https://quangnam.gov.vn/a",
//! };
//! assert_eq!(
//!     quoted.text(),
//!     "Phó Chủ tịch UBND tỉnh Trần Văn Tân: “Phải làm ngay.” — “Tổng kết”, UBND tỉnh Quảng Nam, \
//!      22/02/2021, https://quangnam.gov.vn/a#:~:text=Ph%E1%BA%A3i%20l%C3%A0m%20ngay."
//! );
//! ```

use tracuu_index::article::{VIETNAM_OFFSET, parse_published};

use super::snippet::text_fragment_url;

/// What a citation holds; [`Citation::text`] writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation<'a> {
    /// The sentence quoted, if any.
    pub sentence: Option<&'a str>,
    /// Who said it, as the text writes it, if known.
    pub speaker: Option<&'a str>,
    /// The article's title.
    pub title: &'a str,
    /// The agency behind the site (or the site).
    pub agency: Option<&'a str>,
    /// The publication date as stored.
    pub published: Option<&'a str>,
    /// The article's URL at the source.
    pub url: &'a str,
}

impl Citation<'_> {
    /// `Speaker: “sentence” — “title”, agency, dd/mm/yyyy, link to the sentence`; the parts that
    /// are missing are left out.
    pub fn text(&self) -> String {
        let sentence = self
            .sentence
            .map(|s| s.trim().trim_start_matches('…').trim())
            .filter(|s| !s.is_empty());
        let Some(sentence) = sentence else {
            return citation(self.title, self.agency, self.published, self.url);
        };
        let deep_link = if tracuu_index::article::is_web_url(self.url) {
            text_fragment_url(self.url, sentence)
        } else {
            self.url.to_string()
        };
        let reference = citation(self.title, self.agency, self.published, &deep_link);
        match self.speaker.map(str::trim).filter(|s| !s.is_empty()) {
            Some(speaker) => format!("{speaker}: “{sentence}” — {reference}"),
            None => format!("“{sentence}” — {reference}"),
        }
    }
}

/// `dd/mm/yyyy` in Vietnam time, or `None` when the date is absent or unreadable.
pub fn display_date(published: Option<&str>) -> Option<String> {
    let at = parse_published(published?)?.to_offset(VIETNAM_OFFSET);
    Some(format!(
        "{:02}/{:02}/{}",
        at.day(),
        u8::from(at.month()),
        at.year()
    ))
}

/// Title, agency (or site), date and URL, in the order a reference list wants them.
pub fn citation(title: &str, agency: Option<&str>, published: Option<&str>, url: &str) -> String {
    let mut parts = vec![format!("“{}”", title.trim())];
    if let Some(agency) = agency.map(str::trim).filter(|a| !a.is_empty()) {
        parts.push(agency.to_string());
    }
    if let Some(date) = display_date(published) {
        parts.push(date);
    }
    parts.push(url.to_string());
    parts.join(", ")
}

/// A count with `.` between thousands, as Vietnamese writes numbers (150.704).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_in_vietnam_time() {
        // 20:00 UTC is already the next day in Hà Nội.
        assert_eq!(
            display_date(Some("2021-02-21T20:00:00Z")).as_deref(),
            Some("22/02/2021")
        );
        assert_eq!(display_date(Some("ngày 22")), None);
        assert_eq!(display_date(None), None);
    }

    #[test]
    fn a_quoted_citation_without_speaker_or_web_url_keeps_the_rest() {
        let c = Citation {
            sentence: Some(" Kiều bào là cầu nối. "),
            speaker: None,
            title: "Tin",
            agency: None,
            published: Some("2023-12-27"),
            url: "https://quangnam.gov.vn/a#top",
        };
        assert_eq!(
            c.text(),
            "“Kiều bào là cầu nối.” — “Tin”, 27/12/2023, https://quangnam.gov.vn/a#:~:text=Ki%E1%BB%81u%20b%C3%A0o%20l%C3%A0%20c%E1%BA%A7u%20n%E1%BB%91i."
        );
        let local = Citation {
            url: "javascript:alert(1)",
            ..c
        };
        assert!(local.text().ends_with(", javascript:alert(1)"));
        let bare = Citation {
            sentence: None,
            ..c
        };
        assert_eq!(
            bare.text(),
            "“Tin”, 27/12/2023, https://quangnam.gov.vn/a#top"
        );
    }

    #[test]
    fn citation_skips_what_is_missing() {
        assert_eq!(
            citation(" Tin ", None, None, "https://a.vn/b"),
            "“Tin”, https://a.vn/b"
        );
    }

    #[test]
    fn thousands_use_dots() {
        assert_eq!(group_thousands(150_704), "150.704");
        assert_eq!(group_thousands(5), "5");
        assert_eq!(group_thousands(1_000_000), "1.000.000");
    }
}
