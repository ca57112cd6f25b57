//! See `candor::fuzzing::config_check`: a candor.toml and a draft (split at the first NUL
//! byte), so front matter, suppression comments and config settings are fuzzed together.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candor::fuzzing::config_check(data));
