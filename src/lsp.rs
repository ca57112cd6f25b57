//! `candor lsp`: a Language Server over stdio (lsp-server + lsp-types).
//!
//! * Diagnostics for Markdown and plain-text documents on open, change and save, with the rule
//!   id as `code` and a `codeDescription` link to the rule's documentation. Changes are synced
//!   incrementally (only the edited range is sent).
//! * Code actions: one quick fix per suggestion (preferred, so "fix all" applies it, only when
//!   it is certain: a guessed time zone is offered for review), and "disable RULE for this line"
//!   (inserts `<!-- candor-disable-next-line RULE -->` above the line, with the document's own
//!   line break).
//! * Hover on a finding shows its message, help and the rule's documentation; on a missing
//!   element (a document-level finding, on the title), the element checklist with the evidence.
//! * Configuration: the workspace's `candor.toml` (found like the CLI does, from the workspace
//!   root upwards), reloaded when it changes (`workspace/didChangeWatchedFiles`, registered
//!   dynamically when the client supports it, or on save of `candor.toml`).
//!
//! The [`Linter`] is built once per server (and again only when the configuration changes); the
//! NLP engine inside it is loaded on first use and kept for the life of the process.
//! Positions use UTF-16 code units, the protocol's default encoding, converted through each
//! document's [`LineIndex`] in O(log n): a large document with many findings answers in time
//! linear in its findings.

use crate::config::{self, Config};
use crate::diagnostic::{Applicability, Diagnostic, Severity, capitalize};
use crate::document::{Format, LineIndex};
use crate::linter::{Linter, Options};
use crate::output::{checklist, rule_url_in};
use crate::report::FileReport;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeDescription, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, MarkupContent, MarkupKind, MessageType, NumberOrString, Position,
    PublishDiagnosticsParams, Range, Registration, RegistrationParams, SaveOptions,
    ServerCapabilities, ShowMessageParams, TextDocumentContentChangeEvent,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::str::FromStr;

type BoxError = Box<dyn Error + Send + Sync>;

/// Serves over stdin/stdout until the client sends `shutdown` and `exit`.
pub fn run_stdio() -> Result<(), BoxError> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// The server's capabilities: incremental document sync, code actions, hover.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the protocol on an established connection (stdio, or in memory for tests).
pub fn serve(connection: &Connection) -> Result<(), BoxError> {
    let caps = serde_json::to_value(capabilities())?;
    let params = connection.initialize(caps)?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let root = workspace_root(&params);
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let (linter, error) = load_linter(root.as_deref());
    let mut server = Server {
        conn: connection,
        root,
        linter,
        docs: HashMap::new(),
        next_id: 0,
    };
    if let Some(message) = error {
        server.show_message(MessageType::ERROR, message);
    }
    if watch {
        server.register_config_watcher();
    }
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                server.on_request(req);
            }
            Message::Notification(n) => server.on_notification(n),
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// Builds the linter from the workspace's candor.toml (searched from the root upwards). A broken
/// config yields the built-in defaults and a message for the user.
fn load_linter(root: Option<&Path>) -> (Linter, Option<String>) {
    let result = match root.and_then(Config::discover) {
        Some(p) => Config::load(&p).and_then(Linter::with_config),
        None => Ok(Linter::new()),
    };
    match result {
        Ok(l) => (l, None),
        Err(e) => {
            let help = e
                .help
                .clone()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            let message = format!(
                "candor: {}{help}; using the default settings until it is fixed",
                e.message
            );
            (Linter::new(), Some(message))
        }
    }
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    if let Some(folder) = params.workspace_folders.as_ref().and_then(|f| f.first()) {
        return uri_to_path(&folder.uri);
    }
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref();
    root_uri.and_then(uri_to_path)
}

/// An open document.
struct Doc {
    uri: Uri,
    text: String,
    /// Line starts of `text`, for every position conversion.
    lines: LineIndex,
    version: Option<i32>,
    language: String,
    /// The last check, for code actions and hover.
    report: Option<FileReport>,
}

impl Doc {
    fn set_text(&mut self, text: String) {
        self.lines = LineIndex::new(&text);
        self.text = text;
    }

    /// Applies one change: a range edit, or the whole text when the change has no range.
    fn apply(&mut self, change: TextDocumentContentChangeEvent) {
        let Some(r) = change.range else {
            return self.set_text(change.text);
        };
        let start = self.offset(r.start);
        let end = self.offset(r.end).max(start);
        let mut text = std::mem::take(&mut self.text);
        text.replace_range(start..end, &change.text);
        self.set_text(text);
    }

    fn offset(&self, p: Position) -> usize {
        self.lines.utf16_offset(&self.text, p.line, p.character)
    }

    fn range(&self, start: usize, end: usize) -> Range {
        range(&self.text, &self.lines, start, end)
    }
}

struct Server<'a> {
    conn: &'a Connection,
    root: Option<PathBuf>,
    linter: Linter,
    docs: HashMap<String, Doc>,
    next_id: i32,
}

impl Server<'_> {
    fn send(&self, msg: impl Into<Message>) {
        let _ = self.conn.sender.send(msg.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn show_message(&self, typ: MessageType, message: String) {
        self.notify::<lsp_types::notification::ShowMessage>(ShowMessageParams { typ, message });
    }

    fn register_config_watcher(&mut self) {
        self.next_id += 1;
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "candor-config-watcher".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(
                    serde_json::json!({ "watchers": [{ "globPattern": format!("**/{}", config::FILE_NAME) }] }),
                ),
            }],
        };
        self.send(Request::new(
            RequestId::from(format!("candor-{}", self.next_id)),
            RegisterCapability::METHOD.to_string(),
            params,
        ));
    }

    /// (Re)builds the linter from the workspace's candor.toml; a broken config is shown to the
    /// user and the built-in defaults are used until it is fixed.
    fn reload_config(&mut self) {
        let (linter, error) = load_linter(self.root.as_deref());
        self.linter = linter;
        if let Some(message) = error {
            self.show_message(MessageType::ERROR, message);
        }
    }

    fn relint_all(&mut self) {
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        for k in keys {
            self.lint(&k);
        }
    }

    fn on_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                self.docs.insert(
                    key.clone(),
                    Doc {
                        uri: p.text_document.uri,
                        lines: LineIndex::new(&p.text_document.text),
                        text: p.text_document.text,
                        version: Some(p.text_document.version),
                        language: p.text_document.language_id,
                        report: None,
                    },
                );
                self.lint(&key);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                if let Some(doc) = self.docs.get_mut(&key) {
                    // In order: each change's range is in the text the previous one left.
                    for change in p.content_changes {
                        doc.apply(change);
                    }
                    doc.version = Some(p.text_document.version);
                    self.lint(&key);
                }
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) else {
                    return;
                };
                if is_config_uri(&p.text_document.uri) {
                    self.reload_config();
                    self.relint_all();
                    return;
                }
                let key = p.text_document.uri.as_str().to_string();
                if let Some(doc) = self.docs.get_mut(&key) {
                    if let Some(text) = p.text {
                        doc.set_text(text);
                    }
                    self.lint(&key);
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                if self.docs.remove(p.text_document.uri.as_str()).is_some() {
                    self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: vec![],
                        version: None,
                    });
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) else {
                    return;
                };
                if p.changes.iter().any(|c| is_config_uri(&c.uri)) {
                    self.reload_config();
                    self.relint_all();
                }
            }
            _ => {}
        }
    }

    fn on_request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(req.params) {
                    Ok(p) => serde_json::to_value(self.code_actions(&p)),
                    Err(e) => {
                        return self.send(Response::new_err(
                            id,
                            lsp_server::ErrorCode::InvalidParams as i32,
                            e.to_string(),
                        ));
                    }
                }
            }
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(req.params) {
                Ok(p) => serde_json::to_value(self.hover(&p)),
                Err(e) => {
                    return self.send(Response::new_err(
                        id,
                        lsp_server::ErrorCode::InvalidParams as i32,
                        e.to_string(),
                    ));
                }
            },
            other => {
                return self.send(Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("candor does not handle `{other}`"),
                ));
            }
        };
        match result {
            Ok(v) => self.send(Response::new_ok(id, v)),
            Err(e) => self.send(Response::new_err(
                id,
                lsp_server::ErrorCode::InternalError as i32,
                e.to_string(),
            )),
        }
    }

    /// The path a document is checked under: its absolute path for a `file:` URI, so the
    /// config's globs (`include`, `[[overrides]] files = [...]`, relative to candor.toml)
    /// match as they do on the command line, whatever the server's working directory.
    fn doc_path(&self, uri: &Uri) -> String {
        match uri_to_path(uri) {
            Some(p) => p.display().to_string(),
            None => uri.as_str().to_string(),
        }
    }

    fn lint(&mut self, key: &str) {
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        let path = self.doc_path(&doc.uri);
        let format = match doc.language.as_str() {
            "markdown" | "mdx" => Some(Format::Markdown),
            "plaintext" | "text" => Some(Format::Text),
            _ if self.linter.config().is_included(Path::new(&path)) => {
                Some(Format::from_path(&path))
            }
            _ => None,
        };
        let Some(format) = format else { return };
        let opts = Options {
            format,
            ..Options::new(path)
        };
        let report = self.linter.check(&doc.text, &opts);
        let diagnostics = report
            .diagnostics
            .iter()
            .map(|d| to_lsp(&doc.text, &doc.lines, d, self.linter.config().docs_base()))
            .collect();
        let params = PublishDiagnosticsParams {
            uri: doc.uri.clone(),
            diagnostics,
            version: doc.version,
        };
        self.notify::<PublishDiagnostics>(params);
        if let Some(doc) = self.docs.get_mut(key) {
            doc.report = Some(report);
        }
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(doc) = self.docs.get(p.text_document.uri.as_str()) else {
            return vec![];
        };
        let Some(report) = &doc.report else {
            return vec![];
        };
        let (rs, re) = (doc.offset(p.range.start), doc.offset(p.range.end));
        let mut actions = Vec::new();
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= re && rs <= d.span.end)
        {
            let lsp_diag = to_lsp(&doc.text, &doc.lines, d, self.linter.config().docs_base());
            let safe = d
                .suggestions
                .iter()
                .filter(|s| s.applicability == Applicability::Safe)
                .count();
            for s in &d.suggestions {
                let title = match s.applicability {
                    Applicability::Safe => capitalize(&s.message),
                    Applicability::Unsafe => format!("{} (review it)", capitalize(&s.message)),
                    Applicability::DisplayOnly => format!("Suggestion: {}", s.message),
                };
                let edits = s
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: doc.range(e.span.start, e.span.end),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
                        ..WorkspaceEdit::default()
                    }),
                    // "Fix all" applies preferred fixes unseen: never a guess.
                    is_preferred: Some(safe == 1 && s.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
            }
            if d.rule != crate::suppress::UNUSED_RULE {
                let (line, _) = doc.lines.position(&doc.text, d.span.start);
                let (line_start, _) = doc.lines.line_range(&doc.text, line);
                let indent: String = doc.text[line_start..]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                let new_text = format!(
                    "{indent}<!-- candor-disable-next-line {} -->{}",
                    d.rule,
                    doc.lines.line_break(&doc.text)
                );
                let at = doc.range(line_start, line_start);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} for this line", d.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(
                            doc.uri.clone(),
                            vec![TextEdit {
                                range: at,
                                new_text,
                            }],
                        )])),
                        ..WorkspaceEdit::default()
                    }),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }

    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let pos = &p.text_document_position_params;
        let doc = self.docs.get(pos.text_document.uri.as_str())?;
        let report = doc.report.as_ref()?;
        let at = doc.offset(pos.position);
        let hits: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= at && at <= d.span.end)
            .collect();
        let first = hits.first()?;
        let mut value = String::new();
        for d in &hits {
            value.push_str(&format!(
                "**{}** ({}): {}\n\n",
                d.rule, d.severity, d.message
            ));
            if !d.help.is_empty() {
                value.push_str(&format!("{}\n\n", d.help));
            }
            if let Some(m) = self.linter.meta(&d.rule) {
                value.push_str("---\n\n");
                value.push_str(m.docs.trim());
                value.push_str("\n\n");
            }
            value.push_str(&format!(
                "[Rule documentation]({})\n\n",
                rule_url_in(self.linter.config().docs_base(), &d.rule)
            ));
        }
        // A missing element is about the whole document: show what was found and what not.
        if hits.iter().any(|d| d.document_level) {
            value.push_str("---\n\n");
            value.push_str(&checklist::markdown(report));
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: value.trim_end().to_string(),
            }),
            range: Some(doc.range(first.span.start, first.span.end)),
        })
    }
}

fn is_config_uri(uri: &Uri) -> bool {
    uri.as_str().ends_with(&format!("/{}", config::FILE_NAME))
}

/// A candor finding as an LSP diagnostic.
/// `docs_base`: where the rule's `codeDescription` link points (`docs_url` in candor.toml).
pub fn to_lsp(
    text: &str,
    lines: &LineIndex,
    d: &Diagnostic,
    docs_base: &str,
) -> lsp_types::Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if !d.help.is_empty() {
        message.push('\n');
        message.push_str(&d.help);
    }
    lsp_types::Diagnostic {
        range: range(text, lines, d.span.start, d.span.end),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.rule.clone())),
        code_description: Uri::from_str(&rule_url_in(docs_base, &d.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("candor".into()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// Byte range → LSP range (0-based lines, UTF-16 columns).
pub fn range(text: &str, lines: &LineIndex, start: usize, end: usize) -> Range {
    let position = |offset| {
        let (line, character) = lines.utf16_position(text, offset);
        Position { line, character }
    };
    Range {
        start: position(start),
        end: position(end),
    }
}

/// `file://` URI → path (percent-decoded); None for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    let path = String::from_utf8(out).ok()?;
    // Windows: `/C:/dir` → `C:/dir`.
    let path = if path.len() > 2 && path.as_bytes()[2] == b':' && path.starts_with('/') {
        path[1..].to_string()
    } else {
        path
    };
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_count_utf16_units_and_every_line_break() {
        let t = "ab\r\n😀x\rz";
        let lines = LineIndex::new(t);
        // 😀 is 4 bytes and 2 UTF-16 units; `\r\n` and a lone `\r` each end a line.
        let r = range(t, &lines, 4, 9);
        assert_eq!((r.start.line, r.start.character), (1, 0));
        assert_eq!((r.end.line, r.end.character), (1, 3));
        assert_eq!(range(t, &lines, 10, 11).start.line, 2);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let text = "Hello wörld\r\nsecond line\n".to_string();
        let mut doc = Doc {
            uri: Uri::from_str("file:///a.md").unwrap(),
            lines: LineIndex::new(&text),
            text,
            version: None,
            language: "markdown".into(),
            report: None,
        };
        let edit = |sl, sc, el, ec, t: &str| TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position {
                    line: sl,
                    character: sc,
                },
                end: Position {
                    line: el,
                    character: ec,
                },
            }),
            range_length: None,
            text: t.into(),
        };
        doc.apply(edit(0, 6, 0, 11, "world"));
        doc.apply(edit(1, 0, 1, 6, "2nd"));
        doc.apply(edit(0, 11, 1, 0, " "));
        assert_eq!(doc.text, "Hello world 2nd line\n");
        doc.apply(TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "all new".into(),
        });
        assert_eq!(doc.text, "all new");
        assert_eq!(doc.lines.line_count(), 1);
    }

    #[test]
    fn file_uris_decode_to_paths() {
        let uri = Uri::from_str("file:///tmp/my%20drafts/a.md").unwrap();
        assert_eq!(
            uri_to_path(&uri),
            Some(PathBuf::from("/tmp/my drafts/a.md"))
        );
        assert_eq!(
            uri_to_path(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
