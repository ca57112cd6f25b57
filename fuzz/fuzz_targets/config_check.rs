//! See `candor::fuzzing::config_check`: a draft under one of several configs (the first byte
//! picks it), so front matter, suppression comments and config settings are fuzzed together.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candor::fuzzing::config_check(data));
