//! The document model (Markdown or plain text, with YAML/TOML front matter) on arbitrary text:
//! no panic, and the masked views keep every byte offset of the source.
#![no_main]

use candor::document::{Document, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Markdown, Format::Text] {
        let doc = Document::parse(text, format);
        assert_eq!(doc.prose.len(), text.len());
        assert_eq!(doc.raw.len(), text.len());
        for s in &doc.sentences {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for q in &doc.quotations {
            assert!(q.start <= q.end && q.end <= text.len());
        }
        let _ = doc.title_range();
    }
});
