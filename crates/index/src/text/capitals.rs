//! Capital letters found byte by byte: the province finder and the name learner look for
//! capitalised words in every article, and most of an article has none.

/// Whether the character starting at `at` (lead byte `b`) is a capital letter, and its width.
///
/// This runs on every character of every article, so the letters Vietnamese uses are decided by
/// their code points' parity; only rarer characters take Unicode's table.
#[inline]
pub(crate) fn capital_at(bytes: &[u8], at: usize, b: u8) -> (bool, usize) {
    let byte = |i: usize| u32::from(bytes.get(at + i).copied().unwrap_or(0) & 0x3F);
    let (code, width) = match b {
        0x00..=0x7F => return (b.is_ascii_uppercase(), 1),
        0x80..=0xBF => return (false, 1),
        0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | byte(1), 2),
        0xE0..=0xEF => ((u32::from(b & 0x0F) << 12) | (byte(1) << 6) | byte(2), 3),
        _ => return (false, 4),
    };
    let upper = match code {
        // À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý (× excepted), then ß..ÿ.
        0xC0..=0xDE => code != 0xD7,
        0xDF..=0xFF => false,
        // Ă Đ Ĩ Ũ and their neighbours: capital, small, capital, small…
        0x100..=0x137 | 0x14A..=0x177 | 0x1EA0..=0x1EFF => code % 2 == 0,
        0x1A0 | 0x1AF => true,
        0x1A1 | 0x1B0 => false,
        _ => char::from_u32(code).is_some_and(char::is_uppercase),
    };
    (upper, width)
}
