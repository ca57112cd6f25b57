//! Engine benchmarks: throughput (bytes/s) of one document through the whole `Linter::check`,
//! and of each stage on its own: parse (document model), sentences, NLP tagging, rules, policy.
//!
//! `cargo bench --bench engine` (add `-- --quick` for a fast pass). The input is
//! `bench/data/sample.md` (a ~32 KB post-mortem written by `bench/gen_corpus.py --single`), or
//! the file named by `CANDOR_BENCH_DOC`. The rule stage measures whatever rules are registered,
//! so the figures follow the rule set as it grows.

use candor::analysis::{Analysis, Context};
use candor::document::{BlockRole, Document, Format, sentences};
use candor::nlp::Nlp;
use candor::policy::elements;
use candor::{Linter, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn input() -> String {
    let path = std::env::var("CANDOR_BENCH_DOC")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/bench/data/sample.md").into());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn engine(c: &mut Criterion) {
    let text = input();
    let linter = Linter::new();
    let opts = Options::new("sample.md");
    let doc = Document::parse(&text, Format::Markdown);
    let ctx = Context::new(&doc, None, None, linter.lexicon());
    // Warm the NLP engine (harper's dictionary) so the NLP stage measures tagging only.
    let _ = Nlp::analyze(&Document::parse("We are sorry.", Format::Markdown));

    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("check (whole document)", |b| {
        b.iter(|| linter.check(black_box(&text), &opts))
    });
    g.bench_function("stage: parse (document model)", |b| {
        b.iter(|| Document::parse(black_box(&text), Format::Markdown))
    });
    g.bench_function("stage: sentences", |b| {
        b.iter(|| {
            let mut n = 0;
            for bl in doc.blocks.iter().filter(|b| {
                !b.quoted
                    && !matches!(
                        b.role,
                        BlockRole::Code | BlockRole::Html | BlockRole::BlockQuote
                    )
            }) {
                n += sentences::split(black_box(&doc.prose[bl.start..bl.end])).len();
            }
            n
        })
    });
    g.bench_function("stage: nlp (harper POS tags)", |b| {
        b.iter(|| Nlp::analyze(black_box(&doc)))
    });
    g.bench_function("stage: analysis (clauses, subjects, entities)", |b| {
        b.iter(|| Analysis::build(black_box(&doc), linter.lexicon()))
    });
    // Analysis and trigger scan built once, as they are within one check; the stage is the
    // rules themselves.
    let _ = linter.run_rules(&ctx);
    g.bench_function("stage: rules", |b| {
        b.iter(|| linter.run_rules(black_box(&ctx)))
    });
    g.bench_function("stage: policy (elements + requirements)", |b| {
        b.iter(|| {
            let els = elements::detect(black_box(&ctx));
            let facts = candor::policy::Facts::of(&ctx);
            let mut f = Vec::new();
            for k in candor::Kind::ALL {
                let requirements = linter.policies().requirements(k, None, &facts);
                f.extend(
                    linter
                        .policies()
                        .check(k, None, &requirements, &els, doc.title_range()),
                );
            }
            f
        })
    });
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
