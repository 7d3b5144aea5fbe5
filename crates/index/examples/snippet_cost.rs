//! What one snippet costs as the body grows: `cargo run --release -p tracuu-index --example snippet_cost`.
//!
//! Builds bodies of 5 KB to 64 MB from a real seed paragraph with the match at the start, and times
//! `Highlighter::snippet` on each (median of repeated runs). Since only the first
//! `SNIPPET_SCAN_BYTES` are analysed, the time stops growing past 64 KB.

use std::time::{Duration, Instant};

use tracuu_index::search::snippet::{Highlighter, SNIPPET_SCAN_BYTES};

const PARAGRAPH: &str = "Năm 2023, công tác NVNONN đã đạt được nhiều kết quả khả quan. Bên cạnh việc phối hợp chặt \
chẽ với Uỷ ban Nhà nước về NVNONN triển khai các chương trình, kế hoạch tại địa phương, Ban đã chủ trì tham mưu UBND tỉnh. ";

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut highlighter = Highlighter::default();
    for term in ["kieu", "bao", "nuoc", "ngoai"] {
        highlighter.folded.insert(term.into());
    }
    println!("scan bound: {SNIPPET_SCAN_BYTES} bytes");
    let mut baseline: Option<f64> = None;
    for size in [5_000usize, 64_000, 1 << 20, 16 << 20, 64 << 20] {
        let mut body = String::from("Kiều bào ở nước ngoài đóng góp cho quê hương. ");
        while body.len() < size {
            body.push_str(PARAGRAPH);
        }
        let runs = if size > 1 << 20 { 9 } else { 31 };
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                let snippet = highlighter.snippet(&body, 240);
                let took = started.elapsed();
                assert!(snippet.has_marks());
                took
            })
            .collect();
        let took = median(times).as_secs_f64() * 1e3;
        let ratio = took / *baseline.get_or_insert(took);
        println!(
            "body {:>9} bytes: snippet {took:8.3} ms (×{ratio:.1} of the 5 KB body)",
            body.len()
        );
    }
}
