//! `document-numbers-seen.tsv`: the 4,203 numbers regex-mined from the corpora, and how an
//! extracted number is judged against one of them.
//!
//! The mined form is the reference, with the normalisations Nghị định 30/2020/NĐ-CP, Phụ lục I,
//! 3.c prescribes counted as right: a leading zero on serials below ten, and hyphens between the
//! groups of a symbol. A mined number that is the tail of a longer one in the text (`2017/NQ-CP`
//! out of `19-2017/NQ-CP`), or its head cut at a spaced or slashed separator (`116/2020/NĐ` out
//! of `116/2020/NĐ - CP`, `32/2013/TT` out of `32/2013/TT/BTC`), is right when the longer number
//! comes back.

use std::path::Path;

use anyhow::Context;

/// Where the list is, under `shared/`.
pub const SEEN_PATH: &str = "data/docnum/document-numbers-seen.tsv";

/// One mined number.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Times it was seen.
    pub count: u64,
    /// The number as mined: `46/2016/NĐ-CP`.
    pub number: String,
    /// The miner's shape name: `num/year/TYPE-ISSUER`.
    pub pattern: String,
    /// The corpus it was first seen in.
    pub first_seen_in: String,
}

/// Reads the list.
pub fn load(shared: &Path) -> anyhow::Result<Vec<Seen>> {
    let path = shared.join(SEEN_PATH);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut seen = Vec::new();
    for (at, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [count, number, pattern, _shape, first_seen_in] = fields[..] else {
            anyhow::bail!(
                "{}: line {} has {} fields, not 5",
                path.display(),
                at + 1,
                fields.len()
            );
        };
        seen.push(Seen {
            count: count
                .parse()
                .with_context(|| format!("{}: line {}", path.display(), at + 1))?,
            number: number.to_string(),
            pattern: pattern.to_string(),
            first_seen_in: first_seen_in.to_string(),
        });
    }
    Ok(seen)
}

/// How an extracted number compares with the mined one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// The same number.
    Same,
    /// The same with a leading zero added to a serial below ten (Phụ lục I, 3.c).
    LeadingZero,
    /// The same with the symbol's groups joined by hyphens (Phụ lục I, 3.c).
    GroupsJoined,
    /// The same in its official spelling: the symbol's case (`QĐ-TTG` → `QĐ-TTg`, `Qh13` →
    /// `QH13`), its `Đ` (`QD-UBND` → `QĐ-UBND`), the serial's extra zeros (`013` → `13`).
    OfficialSpelling,
    /// The mined number is the tail or the head of a longer one, which came back whole.
    WholeOfFragment,
    /// A Party body's number written in the State's style (`16/NQ-TW`), back as the Party
    /// numbers its documents (`16-NQ/TW`, Hướng dẫn 36-HD/VPTW).
    PartyStyle,
    /// Another number.
    Other,
    /// Nothing.
    Missed,
}

impl Verdict {
    /// Whether the answer is right.
    pub fn right(self) -> bool {
        !matches!(self, Verdict::Other | Verdict::Missed)
    }

    /// How the results table names it.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Same => "the same number",
            Verdict::LeadingZero => "leading zero added (Phụ lục I, 3.c)",
            Verdict::GroupsJoined => "groups joined by a hyphen (Phụ lục I, 3.c)",
            Verdict::OfficialSpelling => "official spelling: case, Đ, extra zeros",
            Verdict::WholeOfFragment => "the whole number of a mined fragment",
            Verdict::PartyStyle => "a Party body's number in the Party's style",
            Verdict::Other => "another number",
            Verdict::Missed => "not found",
        }
    }
}

/// Where the text shows the mined number to be part of a longer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fragment {
    /// A serial and a separator come before it (`19-` before `2017/NQ-CP`).
    pub tail: bool,
    /// A separator and a capital come after it (`116/2020/NĐ` before ` - CP`).
    pub head: bool,
    /// The legislature's term number stands apart after it (`54/2017/QH` before ` 14`).
    pub term: bool,
}

/// Judges `got` (the number extracted) against the mined `seen`, which the text may show to be
/// part of a longer number.
pub fn judge(seen: &str, got: Option<&str>, fragment: Fragment) -> Verdict {
    let Some(got) = got else {
        return Verdict::Missed;
    };
    if got == seen {
        return Verdict::Same;
    }
    let padded = pad_serial(seen);
    if got == padded {
        return Verdict::LeadingZero;
    }
    if got.replace('-', "") == padded.replace('-', "") {
        return Verdict::GroupsJoined;
    }
    if fragment.tail && got.len() > seen.len() && got.ends_with(seen.trim_start_matches('0')) {
        return Verdict::WholeOfFragment;
    }
    let head = |seen: &str| {
        got.strip_prefix(seen)
            .is_some_and(|rest| rest.starts_with('-'))
    };
    if fragment.head && (head(seen) || head(&padded)) {
        return Verdict::WholeOfFragment;
    }
    let term = |seen: &str| {
        got.strip_prefix(seen).is_some_and(|rest| {
            (1..=2).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
        })
    };
    if fragment.term && (term(seen) || term(&padded)) {
        return Verdict::WholeOfFragment;
    }
    if spelling_free(got) == spelling_free(seen) {
        return Verdict::OfficialSpelling;
    }
    if party_style_of(seen).is_some_and(|party| spelling_free(&party) == spelling_free(got)) {
        return Verdict::PartyStyle;
    }
    Verdict::Other
}

/// `16/NQ-TW` written as the Party numbers it, `16-NQ/TW`: a serial, a slash, a code, a hyphen
/// and one issuer; `None` for any other shape. Whether the issuer is a Party body is the
/// engine's to decide; the judge only accepts the swap.
fn party_style_of(seen: &str) -> Option<String> {
    let (serial, symbol) = seen.split_once('/')?;
    let (code, issuer) = symbol.split_once('-')?;
    let plain = |part: &str| !part.is_empty() && !part.contains(['/', '-']);
    (plain(serial) && plain(code) && plain(issuer)).then(|| format!("{serial}-{code}/{issuer}"))
}

/// A number without what its official spelling decides: upper case, `Đ` as `D`, the serial
/// without leading zeros.
fn spelling_free(number: &str) -> String {
    number
        .trim_start_matches('0')
        .to_uppercase()
        .replace('Đ', "D")
}

/// A serial below ten with its leading zero: `5-CT/TW` → `05-CT/TW`.
fn pad_serial(number: &str) -> String {
    let digits = number.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 1 {
        format!("0{number}")
    } else {
        number.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judging_follows_the_decree() {
        let none = Fragment::default();
        let tail = Fragment {
            tail: true,
            ..Fragment::default()
        };
        let head = Fragment {
            head: true,
            ..Fragment::default()
        };
        let term = Fragment {
            term: true,
            ..Fragment::default()
        };
        assert_eq!(
            judge("54/2017/QH", Some("54/2017/QH14"), term),
            Verdict::WholeOfFragment
        );
        assert_eq!(
            judge("54/2017/QH", Some("54/2017/QH14"), none),
            Verdict::Other
        );
        assert_eq!(
            judge("46/2016/NĐ-CP", Some("46/2016/NĐ-CP"), none),
            Verdict::Same
        );
        assert_eq!(
            judge("5-CT/TW", Some("05-CT/TW"), none),
            Verdict::LeadingZero
        );
        assert_eq!(
            judge("121/2003/NĐCP", Some("121/2003/NĐ-CP"), none),
            Verdict::GroupsJoined
        );
        assert_eq!(
            judge("2017/NQ-CP", Some("19-2017/NQ-CP"), tail),
            Verdict::WholeOfFragment
        );
        assert_eq!(
            judge("2017/NQ-CP", Some("19-2017/NQ-CP"), none),
            Verdict::Other
        );
        assert_eq!(judge("46/2016/NĐ-CP", None, none), Verdict::Missed);
        assert_eq!(
            judge("590/QĐ-TTG", Some("590/QĐ-TTg"), none),
            Verdict::OfficialSpelling
        );
        assert_eq!(
            judge("013/NĐ-CP", Some("13/NĐ-CP"), none),
            Verdict::OfficialSpelling
        );
        assert_eq!(judge("36-NQ/TW", Some("36-QĐ/TW"), none), Verdict::Other);
        assert_eq!(
            judge("16/NQ-TW", Some("16-NQ/TW"), none),
            Verdict::PartyStyle
        );
        assert_eq!(judge("16/NQ-TW", Some("16-QĐ/TW"), none), Verdict::Other);
        assert_eq!(
            judge("116/2020/NĐ", Some("116/2020/NĐ-CP"), head),
            Verdict::WholeOfFragment
        );
        assert_eq!(
            judge("116/2020/NĐ", Some("116/2020/NĐ-CP"), none),
            Verdict::Other
        );
        assert_eq!(
            judge("116/2020/NĐ", Some("116/2020/NĐCP"), head),
            Verdict::Other
        );
    }
}
