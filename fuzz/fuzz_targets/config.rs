//! See `candor::fuzzing::config`: the body is shared with `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candor::fuzzing::config(data));
