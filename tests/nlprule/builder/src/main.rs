//! `candor-nlprule-builder BUILD_DIR OUT_DIR`: compiles an nlprule build directory into
//! `OUT_DIR/en_tokenizer.bin` and `OUT_DIR/en_rules.bin`.
//!
//! nlprule writes a `regex_cache.bin` into the build directory, so pass a copy.

use std::path::PathBuf;
use std::process::ExitCode;

/// Prints nlprule's warnings (for example rules it could not compile and dropped) to stderr.
struct StderrLog;

impl log::Log for StderrLog {
    fn enabled(&self, m: &log::Metadata) -> bool {
        m.level() <= log::Level::Warn
    }
    fn log(&self, r: &log::Record) {
        if self.enabled(r.metadata()) {
            eprintln!("nlprule {}: {}", r.level(), r.args());
        }
    }
    fn flush(&self) {}
}

fn main() -> ExitCode {
    let _ = log::set_logger(&StderrLog).map(|()| log::set_max_level(log::LevelFilter::Warn));
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [build_dir, out_dir] = args.as_slice() else {
        eprintln!("usage: candor-nlprule-builder BUILD_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let lang = match std::fs::read_to_string(build_dir.join("lang_code.txt")) {
        Ok(s) => s.trim().to_string(),
        Err(e) => {
            eprintln!(
                "cannot read {}: {e}",
                build_dir.join("lang_code.txt").display()
            );
            return ExitCode::FAILURE;
        }
    };
    let result = (|| -> Result<(), String> {
        let (mut rules, mut tokenizer) = (Vec::new(), Vec::new());
        nlprule::compile::compile(build_dir, &mut rules, &mut tokenizer)
            .map_err(|e| format!("nlprule compile failed: {e}"))?;
        std::fs::create_dir_all(out_dir)
            .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
        for (name, bytes) in [
            (nlprule::rules_filename(&lang), rules),
            (nlprule::tokenizer_filename(&lang), tokenizer),
        ] {
            std::fs::write(out_dir.join(&name), bytes)
                .map_err(|e| format!("cannot write {name}: {e}"))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
