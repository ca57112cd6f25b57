//! The config parser (`candor.toml`) on arbitrary text: a config or a diagnostic, never a panic.
//! A config that parses also builds a linter (rule ids are validated against the registry).
#![no_main]

use candor::{Config, Linter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = Config::parse(text, "candor.toml", std::path::PathBuf::from("/nonexistent"))
    {
        let _ = Linter::with_config(config);
    }
});
