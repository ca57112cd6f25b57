//! The `candor` command: a thin clap layer over the library.

// mimalloc: a run makes millions of small allocations (tokens, findings); glibc's malloc
// was an eighth of a run's CPU (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc commits each arena up front by default: a run on one small draft then peaked at
/// 55 MB of memory (glibc's malloc: 20 MB). Off, pages are committed as they are used, at no
/// cost in speed. The option must be set before the first allocation creates the first arena,
/// so on Linux it runs as an ELF constructor, before Rust's runtime starts; elsewhere it runs
/// first thing in `main`, where it applies to later arenas.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

extern "C" fn tune_allocator() {
    // `mi_option_arena_eager_commit` in `mi_option_e`, mimalloc's v2 header.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    // SAFETY: an option setter with an in-range value; it allocates nothing and only changes
    // how later arenas are committed.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) }
}

use candor::config::{Config, ConfigError, STARTER};
use candor::fix;
use candor::output::{Renderer, github, html, human, json, rdjson, sarif, short};
use candor::report::{self, FileError, Summary};
use candor::run::{self, Input, RunOptions};
use candor::{Kind, Linter, Phase, Severity};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "candor",
    version,
    about = "Lint incident communications before you send them: anti-patterns, missing elements, regulatory content."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts (files, directories, or `-` for standard input).
    Check(CheckArgs),
    /// List every rule with its id, default severity and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print a rule's documentation (what it flags, why, bad and good examples), a pack's, or
    /// `rule-format`: how to write your own phrase rules.
    Explain {
        /// A rule id (e.g. `minimizing-scope`), a pack (e.g. `us-ca`), or `rule-format`.
        rule: String,
    },
    /// Write a commented starter candor.toml in the current directory.
    Init {
        /// Overwrite an existing candor.toml.
        #[arg(long)]
        force: bool,
    },
    /// Run the language server (LSP over standard input/output) for editors.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Print a shell completion script, e.g. `candor completions bash > ~/.local/share/bash-completion/completions/candor`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `candor man > candor.1`.
    Man,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Json,
    Short,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// reviewdog's diagnostic format (`reviewdog -f=rdjson`).
    Rdjson,
    /// A self-contained HTML report.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
    /// The rule reference, as in docs/rules.md.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// The kind of communication (overrides front matter and config).
    #[arg(long, value_parser = parse_kind)]
    kind: Option<Kind>,
    /// The status-update phase (overrides front matter and config).
    #[arg(long, value_parser = parse_phase)]
    phase: Option<Phase>,
    /// Enable a regulatory pack for this run (repeatable), e.g. `us-ca`.
    #[arg(long = "pack")]
    packs: Vec<String>,
    /// Use this config file instead of searching for candor.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore any candor.toml.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Read the draft from standard input and show it under this name (which also selects
    /// Markdown or plain text, and the config's overrides). Implies `-`.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Also walk hidden files and folders (names starting with `.`, such as `.github/`),
    /// which directory walks skip by default.
    #[arg(long)]
    hidden: bool,
    /// Fail (exit 1) on findings of this severity or worse: `warnings` or `infos`.
    #[arg(long, value_parser = parse_severity)]
    deny: Option<Severity>,
    /// Show a ✓/✗ checklist of required elements with the evidence found.
    #[arg(long)]
    explain_elements: bool,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Check only files changed since this git revision (merge base with HEAD), plus untracked files.
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// Check the files listed in FILE (one path a line; `-` reads standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "changed_since")]
    files_from: Option<PathBuf>,
    /// Also write the HTML report to this file (whatever --format says).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Apply the safe fixes (those that cannot change what a draft says) to the files, then
    /// report what is left. With standard input, print the fixed draft instead.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, also apply unsafe fixes: rewrites to review before sending.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the changes --fix would make, as a unified diff, without writing any file. Exits
    /// 1 when there are changes.
    #[arg(long, conflicts_with_all = ["fix", "html"])]
    diff: bool,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}
fn parse_phase(s: &str) -> Result<Phase, String> {
    s.parse()
}
fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| format!("expected `warnings`, `infos` or `errors`, got `{s}`"))
}

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    tune_allocator();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { format } => rules(format),
        Command::Explain { rule } => explain(&rule),
        Command::Init { force } => init(force),
        Command::Lsp { .. } => lsp(),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "candor", &mut std::io::stdout());
            0
        }
        Command::Man => man(),
    };
    ExitCode::from(code)
}

/// Writes to stdout; a closed pipe (`candor explain X | head`) is not an error.
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Prints a miette diagnostic to stderr.
fn report_error(e: impl miette::Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(e));
}

/// A problem with the command itself, its output or its files: what went wrong and how to
/// fix it, printed by miette like every other error.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(candor::cli))]
struct CliError {
    message: String,
    #[help]
    help: String,
}

/// Something candor did differently from what the command line asked, or ignored.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(candor::cli), severity(Warning))]
struct CliWarning {
    message: String,
    #[help]
    help: String,
}

fn cli_error(message: impl Into<String>, help: impl Into<String>) {
    report_error(CliError {
        message: message.into(),
        help: help.into(),
    });
}

fn cli_warning(message: impl Into<String>, help: impl Into<String>) {
    report_error(CliWarning {
        message: message.into(),
        help: help.into(),
    });
}

#[allow(clippy::result_large_err)] // cold path; the error carries its source for miette
fn load_linter(config: Option<&PathBuf>, no_config: bool) -> Result<Linter, ConfigError> {
    let config = if no_config {
        Config::default()
    } else {
        let path = match config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|d| Config::discover(&d)),
        };
        match path {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        }
    };
    Linter::with_config(config)
}

/// `candor check`: load the config, gather the inputs, check them and render the results.
fn check(args: CheckArgs) -> u8 {
    let linter = match load_linter(args.config.as_ref(), args.no_config) {
        Ok(l) => l,
        Err(e) => {
            report_error(e);
            return 2;
        }
    };
    if let Err(e) = linter.validate_packs(&args.packs) {
        report_error(e);
        return 2;
    }
    let Some(opts) = run_options(&args) else {
        return 2;
    };
    let mut errors = Vec::new();
    let inputs = match gather_inputs(&args, &linter, &mut errors) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    if args.diff {
        return print_diffs(&linter, inputs, &opts, errors);
    }
    check_and_render(&args, &linter, inputs, &opts, errors)
}

/// What the run checks and how, from the flags; `None` (after saying why) when they conflict.
fn run_options(args: &CheckArgs) -> Option<RunOptions> {
    let mut phase = args.phase;
    if let (Some(kind), Some(p)) = (args.kind, args.phase)
        && kind != Kind::StatusUpdate
    {
        cli_warning(
            format!("--phase {p} is ignored: `{kind}` documents have no phase"),
            "phases (investigating, identified, monitoring, resolved) apply to status updates only: drop --phase, or pass --kind status-update",
        );
        phase = None;
    }
    if args.unsafe_fixes && !(args.fix || args.diff) {
        cli_error(
            "--unsafe-fixes applies fixes, so it needs --fix or --diff",
            "add --fix to apply them, or --diff to see them first",
        );
        return None;
    }
    let fix = (args.fix || args.diff).then_some(run::FixRun {
        mode: if args.unsafe_fixes {
            fix::Mode::Unsafe
        } else {
            fix::Mode::Safe
        },
        write: args.fix,
    });
    Some(RunOptions {
        kind: args.kind,
        phase,
        packs: args.packs.clone(),
        fix,
    })
}

/// The paths named on the command line (or selected by `--changed-since` / `--files-from`),
/// with `-` for standard input.
fn input_paths(args: &CheckArgs, selected: Option<Vec<PathBuf>>) -> Vec<PathBuf> {
    let reads_stdin = args.stdin_filename.is_some() || args.paths.iter().any(|p| p == "-");
    match selected {
        Some(files) => files,
        // `--stdin-filename` alone means "check standard input" (as ruff and Prettier read it).
        None if args.paths.is_empty() && reads_stdin => vec![PathBuf::from("-")],
        None if args.paths.is_empty() => vec![PathBuf::from(".")],
        None if reads_stdin && !args.paths.iter().any(|p| p == "-") => args
            .paths
            .iter()
            .cloned()
            .chain([PathBuf::from("-")])
            .collect(),
        None => args.paths.clone(),
    }
}

/// Standard input (read whole) and the files the paths walk to; paths that cannot be walked
/// go to `errors`. `Err` is the exit code when nothing can be checked.
fn gather_inputs(
    args: &CheckArgs,
    linter: &Linter,
    errors: &mut Vec<FileError>,
) -> Result<Vec<Input>, u8> {
    let selected = select_files(args, linter).map_err(|e| {
        report_error(e);
        2u8
    })?;
    let (stdin, files): (Vec<PathBuf>, Vec<PathBuf>) = input_paths(args, selected)
        .into_iter()
        .partition(|p| p.as_os_str() == "-");
    let mut inputs = Vec::new();
    if !stdin.is_empty() {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            cli_error(
                format!("cannot read standard input: {e}"),
                "pipe the draft into candor, e.g. `candor check --stdin-filename draft.md < draft.md`",
            );
            return Err(2);
        }
        inputs.push(Input::Stdin {
            name: args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into()),
            bytes,
        });
    }
    let walk = run::WalkOptions {
        hidden: args.hidden,
    };
    inputs.extend(
        run::collect(linter, &files, &walk, errors)
            .into_iter()
            .map(Input::Path),
    );
    Ok(inputs)
}

/// The renderer of `--format`.
fn renderer_for(args: &CheckArgs, linter: &Linter) -> Box<dyn Renderer> {
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let docs_base = linter.config().docs_base();
    match args.format {
        OutputFormat::Json => Box::new(json::Json::default()),
        OutputFormat::Short => Box::new(short::Short),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Sarif => Box::new(sarif::SarifWriter::new(&linter.metas(), docs_base)),
        OutputFormat::Rdjson => Box::new(rdjson::Rdjson::new(docs_base)),
        OutputFormat::Human => Box::new(human::Human::new(&human::HumanOptions {
            color,
            explain_elements: args.explain_elements,
            width: if color { terminal_width() } else { 100 },
        })),
        OutputFormat::Html => Box::new(html::Html::new(docs_base)),
    }
}

/// Checks the inputs, handing each file's results to the renderer as they come (all but HTML
/// write them at once), then the summary, the `--html` report and the errors; returns the exit
/// code.
fn check_and_render(
    args: &CheckArgs,
    linter: &Linter,
    inputs: Vec<Input>,
    opts: &RunOptions,
    mut errors: Vec<FileError>,
) -> u8 {
    // A draft fixed from standard input is printed; the findings go to standard error.
    let fixed_stdin = args.fix && inputs.iter().any(|i| matches!(i, Input::Stdin { .. }));
    let fail_on = args
        .deny
        .unwrap_or(linter.config().fail_on)
        .min(linter.config().fail_on);
    let mut renderer = renderer_for(args, linter);
    let mut html_file = args
        .html
        .as_ref()
        .map(|path| (path, html::Html::new(linter.config().docs_base())));
    let mut summary = Summary::default();
    let mut worst: Option<Severity> = None;
    let mut stdout = if fixed_stdin {
        Output::to(Box::new(std::io::stderr()))
    } else {
        Output::new()
    };
    let mut fixed_draft = Output::new();
    let mut run_errors = Vec::new();
    run::check_each(linter, inputs, opts, |result| match result {
        Ok(f) => {
            if fixed_stdin && f.before_fixes.is_some() {
                fixed_draft.write(|out| out.write_all(f.source.as_bytes()));
            }
            summary.add(&f);
            worst = worst.max(f.max_severity());
            stdout.write(|out| renderer.file(&f, out));
            if let Some((_, h)) = html_file.as_mut() {
                let _ = h.file(&f, &mut std::io::sink());
            }
        }
        Err(e) => run_errors.push(e),
    });
    errors.append(&mut run_errors);
    summary.unreadable = errors.len();

    if let Some((path, mut h)) = html_file {
        let mut page = Vec::new();
        let written = h
            .finish(&errors, &summary, &mut page)
            .and_then(|()| std::fs::write(path, page));
        if let Err(e) = written {
            cli_error(
                format!("cannot write {}: {e}", path.display()),
                "check that the directory exists and is writable",
            );
            return 2;
        }
    }
    stdout.write(|out| renderer.finish(&errors, &summary, out));
    stdout.flush();
    fixed_draft.flush();
    if args.format != OutputFormat::Human {
        report_file_errors(&errors);
    }
    report::exit_code(errors.len(), worst, fail_on) as u8
}

/// Files that could not be checked, on standard error (the human format lists them itself).
fn report_file_errors(errors: &[FileError]) {
    for e in errors {
        cli_error(format!("{}: {}", e.path, e.message), e.help.clone());
    }
}

/// `--diff`: the fixes of every file as one unified diff on standard output, a count on
/// standard error. Exit 1 when there is any change (as `ruff --diff` does), 2 when a file
/// could not be read.
fn print_diffs(
    linter: &Linter,
    inputs: Vec<Input>,
    opts: &RunOptions,
    mut errors: Vec<FileError>,
) -> u8 {
    let mut stdout = Output::new();
    let (mut files, mut fixes) = (0, 0);
    run::check_each(linter, inputs, opts, |result| match result {
        Ok(f) => {
            let before = f.before_fixes.as_deref().unwrap_or(&f.source);
            let diff = fix::unified_diff(&f.path, before, &f.source);
            if !diff.is_empty() {
                files += 1;
                fixes += f.fixed;
                stdout.write(|out| out.write_all(diff.as_bytes()));
            }
        }
        Err(e) => errors.push(e),
    });
    stdout.flush();
    report_file_errors(&errors);
    eprintln!(
        "{fixes} fix{} would change {files} file{}",
        if fixes == 1 { "" } else { "es" },
        if files == 1 { "" } else { "s" }
    );
    if !errors.is_empty() {
        2
    } else {
        u8::from(files > 0)
    }
}

/// Buffered standard output that stops writing once the reader has gone: a closed pipe
/// (`candor check … | head`) is not an error, and nothing more needs rendering for it.
struct Output {
    out: std::io::BufWriter<Box<dyn Write + Send>>,
    closed: bool,
}

impl Output {
    fn new() -> Output {
        Output::to(Box::new(std::io::stdout()))
    }

    fn to(out: Box<dyn Write + Send>) -> Output {
        Output {
            out: std::io::BufWriter::with_capacity(64 * 1024, out),
            closed: false,
        }
    }

    fn write(&mut self, f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
        if !self.closed && f(&mut self.out).is_err() {
            self.closed = true;
        }
    }

    fn flush(&mut self) {
        if !self.closed {
            let _ = self.out.flush();
        }
    }
}

/// `--changed-since` / `--files-from`: the files to check (None: use the paths as given).
/// Listed files are filtered by the config's include/exclude globs and, when paths are also
/// given, kept only if they are under one of them.
fn select_files(
    args: &CheckArgs,
    linter: &Linter,
) -> Result<Option<Vec<PathBuf>>, candor::select::SelectError> {
    let files = if let Some(rev) = &args.changed_since {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        candor::select::changed_since(rev, &cwd)?
    } else if let Some(list) = &args.files_from {
        if list.as_os_str() == "-"
            && (args.stdin_filename.is_some() || args.paths.iter().any(|p| p.as_os_str() == "-"))
        {
            return Err(candor::select::SelectError {
                message: "`--files-from -` and the draft (`-` or `--stdin-filename`) both read standard input".into(),
                help: Some("pass the file list in a file, or the draft as a path".into()),
            });
        }
        candor::select::files_from(list)?
    } else {
        return Ok(None);
    };
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| linter.config().is_included(p))
        .collect();
    Ok(Some(candor::select::within(files, &args.paths)))
}

fn lsp() -> u8 {
    match candor::lsp::run_stdio() {
        Ok(()) => 0,
        Err(e) => {
            cli_error(
                format!("the language server stopped: {e}"),
                "editors start `candor lsp` themselves; run it from an editor's LSP client",
            );
            1
        }
    }
}

fn man() -> u8 {
    let mut out = Vec::new();
    if let Err(e) = render_man(&mut out) {
        cli_error(
            format!("cannot render the man page: {e}"),
            "this is a bug in candor; please report it",
        );
        return 2;
    }
    let _ = std::io::stdout().write_all(&out);
    0
}

/// One page for the whole tool (`candor man > candor.1`): the top-level sections, then a
/// section per command with its synopsis, description and every option.
fn render_man(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let top = clap_mangen::Man::new(cli.clone());
    top.render_title(out)?;
    top.render_name_section(out)?;
    top.render_synopsis_section(out)?;
    top.render_description_section(out)?;
    top.render_options_section(out)?;
    for command in cli.get_subcommands().filter(|c| !c.is_hide_set()) {
        let name = command.get_bin_name().unwrap_or(command.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let page = clap_mangen::Man::new(command.clone());
        let mut section = Vec::new();
        page.render_synopsis_section(&mut section)?;
        page.render_description_section(&mut section)?;
        if command.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut section)?;
        }
        // The command's own sections become subsections of its heading.
        for line in String::from_utf8_lossy(&section).lines() {
            match line.strip_prefix(".SH ") {
                Some(title) => writeln!(out, ".SS {title}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    top.render_version_section(out)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// The linter `candor rules` and `candor explain` document: the config's (its own rule files
/// and packs included), or the built-in one with a warning while the config is broken, so the
/// documentation needed to fix it stays available.
fn linter_for_docs() -> Linter {
    match load_linter(None, false) {
        Ok(l) => l,
        Err(e) => {
            report_error(e);
            cli_warning(
                "the configuration above is invalid: showing the built-in rules only",
                "fix candor.toml to see your own rules and packs here too",
            );
            Linter::new()
        }
    }
}

fn rules(format: ListFormat) -> u8 {
    let linter = linter_for_docs();
    let metas = linter.metas();
    match format {
        ListFormat::Markdown => emit(&candor::output::rules_markdown(&metas)),
        ListFormat::Json => {
            let v: Vec<_> = metas
                .iter()
                .map(|m| serde_json::json!({"id": m.id, "severity": m.severity.as_str(), "family": m.family, "summary": m.summary}))
                .collect();
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            ));
        }
        ListFormat::Human => {
            let w = metas.iter().map(|m| m.id.len()).max().unwrap_or(10);
            for m in metas {
                emit(&format!(
                    "{:<w$}  {:<7}  {}\n",
                    m.id,
                    m.severity.as_str(),
                    m.summary
                ));
            }
        }
    }
    0
}

/// `candor explain rule-format`: the guide to writing phrase rules. docs/rules-guide.md is the
/// one source, so the command and the documentation cannot drift apart.
const RULE_FORMAT_TOPIC: &str = "rule-format";
const RULE_FORMAT_GUIDE: &str = include_str!("../docs/rules-guide.md");

fn explain(rule: &str) -> u8 {
    if rule == RULE_FORMAT_TOPIC {
        emit(RULE_FORMAT_GUIDE);
        return 0;
    }
    let linter = linter_for_docs();
    if let Some(p) = linter.packs().get(rule) {
        println!("{}", p.docs().trim_end());
        return 0;
    }
    match linter.meta(rule) {
        Some(m) => {
            emit(&format!("{}\n", m.docs.trim_end()));
            0
        }
        None => {
            let ids: Vec<&str> = linter
                .metas()
                .iter()
                .map(|m| m.id.as_str())
                .chain(linter.packs().ids())
                .chain([RULE_FORMAT_TOPIC])
                .collect();
            let hint = match candor::config::closest(rule, ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            cli_error(
                format!("no rule `{rule}`"),
                format!("{hint}`candor rules` lists every rule"),
            );
            2
        }
    }
}

fn init(force: bool) -> u8 {
    let path = PathBuf::from(candor::config::FILE_NAME);
    if path.exists() && !force {
        cli_error(
            format!("{} already exists", path.display()),
            "pass --force to overwrite it",
        );
        return 2;
    }
    match std::fs::write(&path, STARTER) {
        Ok(()) => {
            println!("wrote {}", path.display());
            0
        }
        Err(e) => {
            cli_error(
                format!("cannot write {}: {e}", path.display()),
                "check that the directory is writable",
            );
            2
        }
    }
}
