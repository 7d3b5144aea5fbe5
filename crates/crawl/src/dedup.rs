//! Duplicate articles: exact copies by content hash, near-copies by SimHash.
//!
//! The same press release is often republished by several portals, with a different header or a
//! sentence changed. Exact copies (same normalised body) are dropped; near-copies — 64-bit SimHash
//! (Charikar 2002, as used by Manku et al. for web crawling) over word 3-grams, within 6 bits — are
//! kept but marked `duplicate_of` the first one seen. Within 6 bits of 64 the texts share most of
//! their word 3-grams; unrelated texts differ in about 32 bits.

use sha2::{Digest, Sha256};

/// SHA-256 of the body with whitespace collapsed and case folded, hex.
pub fn content_hash(body: &str) -> String {
    let folded: String = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    Sha256::digest(folded.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// 64-bit SimHash of the body's lower-cased word 3-grams.
pub fn simhash(body: &str) -> u64 {
    let words: Vec<String> = body.split_whitespace().map(str::to_lowercase).collect();
    let mut weights = [0i32; 64];
    let windows = words
        .len()
        .saturating_sub(2)
        .max(usize::from(!words.is_empty()));
    for i in 0..windows {
        let gram = words[i..(i + 3).min(words.len())].join(" ");
        let h = fnv1a(gram.as_bytes());
        for (bit, weight) in weights.iter_mut().enumerate() {
            *weight += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    weights.iter().enumerate().fold(
        0u64,
        |acc, (bit, w)| if *w > 0 { acc | 1 << bit } else { acc },
    )
}

/// True when two SimHashes are within 6 bits: the same text with small edits.
pub fn is_near_duplicate(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Sáng ngày 04/11/2021, Sở Ngoại vụ thành phố Đà Nẵng và Ủy ban về Người Việt Nam ở nước ngoài Thành phố Hồ Chí Minh đã tổ chức Lễ ký kết Bản ghi nhớ hợp tác trong công tác người Việt Nam ở nước ngoài theo hình thức trực tuyến. Đây là hoạt động trong chương trình công tác năm 2021 của Sở Ngoại vụ, nhằm tăng cường trao đổi, chia sẻ kinh nghiệm và thúc đẩy các hoạt động hợp tác trong công tác người Việt Nam ở nước ngoài.";

    #[test]
    fn republished_release_is_a_near_duplicate() {
        let edited = BODY.replace(
            "theo hình thức trực tuyến",
            "theo hình thức trực tuyến và trực tiếp",
        );
        let distance = (simhash(BODY) ^ simhash(&edited)).count_ones();
        assert!(
            is_near_duplicate(simhash(BODY), simhash(&edited)),
            "distance {distance}"
        );
        let other = "Chiều ngày 13/01/2021, Liên hiệp các tổ chức hữu nghị tỉnh Tuyên Quang tổ chức Hội nghị tổng kết công tác năm 2020, triển khai phương hướng nhiệm vụ năm 2021 với nhiều nội dung khác hẳn.";
        assert!(!is_near_duplicate(simhash(BODY), simhash(other)));
    }

    #[test]
    fn exact_hash_ignores_spacing_only() {
        assert_eq!(
            content_hash("Quảng  Nam\n\nTin"),
            content_hash("Quảng Nam Tin")
        );
        assert_ne!(content_hash("Quảng Nam"), content_hash("Quảng Ngãi"));
    }
}
