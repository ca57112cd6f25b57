//! Measures the fixed cost of the NLP engine: the first call in a process loads harper's Brill
//! tagger model; later calls only tag. Prints milliseconds (used by `bench/compare.sh`).
//!
//! `cargo run --release --example nlp_cost`

use std::time::Instant;

fn main() {
    let text = "We are sorry that exports failed for 120 accounts between 10:00 and 10:40 UTC.";
    let t = Instant::now();
    let first = candor::nlp::tokenize(text, 0);
    let first_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut later = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(candor::nlp::tokenize(text, 0));
        later.push(t.elapsed().as_secs_f64() * 1e3);
    }
    later.sort_by(f64::total_cmp);
    let median = later[later.len() / 2];
    println!(
        "nlp first call (tagger load + tagging): {first_ms:.1} ms; later calls (tagging one {}-token sentence): median {median:.3} ms; fixed cost ≈ {:.1} ms",
        first.len(),
        first_ms - median
    );
}
