//! End-to-end test of `candor lsp`: starts the real binary and drives it with JSON-RPC over
//! stdio, as an editor would. Every wait has a timeout and the child is killed on failure, so
//! the test can never hang.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    backlog: Vec<Value>,
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start candor lsp");
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length header")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("server sends JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 0,
            backlog: Vec::new(),
        }
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to server");
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server; requests from the server are answered with `null`.
    fn next(&mut self, deadline: Instant) -> Value {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(v) => {
                    if v.get("method").is_some() && v.get("id").is_some() {
                        let id = v["id"].clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        continue;
                    }
                    return v;
                }
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for the server"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self.next(deadline);
            if v.get("id") == Some(&json!(id)) {
                assert!(v.get("error").is_none(), "{method} failed: {v}");
                return v["result"].clone();
            }
            self.backlog.push(v);
        }
    }

    /// Waits for `textDocument/publishDiagnostics` for `uri` (oldest first).
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_it = |v: &Value| {
            v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == uri
        };
        if let Some(i) = self.backlog.iter().position(is_it) {
            return self.backlog.remove(i)["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self.next(deadline);
            if is_it(&v) {
                return v["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.backlog.push(v);
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn codes(diags: &[Value]) -> Vec<&str> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

fn find<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"))
}

#[test]
fn language_server_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("candor.toml"), "[rules]\n").unwrap();
    let root_uri = format!("file://{}", root.display());
    let uri = format!("{root_uri}/drafts/update.md");

    let mut c = Client::start(&root);
    let init = c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root_uri,
            "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
        }),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["capabilities"]["codeActionProvider"], true);
    c.notify("initialized", json!({}));

    // Line 0 suppresses a rule that does not fire on line 1: an unused suppression (with a fix).
    let text = "<!-- candor-disable-next-line unrendered-placeholder -->\n# Login outage\n\nA small number of users could not log in. We apologize for any inconvenience this may have caused.\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri);
    let got = codes(&diags);
    assert!(
        got.contains(&"non-apology")
            && got.contains(&"unused-suppression")
            && got.contains(&"minimizing-scope"),
        "{got:?}"
    );
    let apology = find(&diags, "non-apology");
    assert_eq!(apology["source"], "candor");
    assert_eq!(apology["severity"], 2);
    assert_eq!(apology["range"]["start"]["line"], 3);
    assert_eq!(
        apology["codeDescription"]["href"],
        format!("{}#non-apology", candor::output::RULE_DOCS_BASE)
    );
    let start_char = apology["range"]["start"]["character"].as_u64().unwrap() as usize;
    assert!(text.lines().nth(3).unwrap()[start_char..].starts_with("We apologize"));

    // Code actions on the apology: disable the rule for that line.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": apology["range"], "context": {"diagnostics": [apology]}}),
    );
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable non-apology for this line")
        .unwrap_or_else(|| panic!("no disable action in {actions}"));
    let edit = &disable["edit"]["changes"][&uri][0];
    assert_eq!(
        edit["newText"],
        "<!-- candor-disable-next-line non-apology -->\n"
    );
    assert_eq!(edit["range"]["start"], json!({"line": 3, "character": 0}));
    assert_eq!(disable["kind"], "quickfix");

    // Code actions on the unused suppression: its machine-applicable fix (delete the comment).
    let unused = find(&diags, "unused-suppression").clone();
    let actions = c.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": unused["range"], "context": {"diagnostics": [unused]}}));
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["diagnostics"][0]["code"] == "unused-suppression"
                && a["edit"]["changes"][&uri][0]["newText"] == ""
        })
        .unwrap_or_else(|| panic!("no fix for the unused suppression in {actions}"));
    assert_eq!(
        fix["edit"]["changes"][&uri][0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );

    // Hover on the apology shows the rule's documentation.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": start_char + 3}}),
    );
    let value = hover["contents"]["value"].as_str().expect("markdown hover");
    assert!(value.contains("**non-apology**"), "{value}");
    let docs = candor::Linter::new()
        .meta("non-apology")
        .expect("rule exists")
        .docs
        .clone();
    let docs_line = docs.lines().find(|l| l.len() > 20).expect("docs have text");
    assert!(
        value.contains(docs_line.trim()),
        "hover lacks the rule docs:\n{value}"
    );
    // Hovering where there is no finding returns null.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}}),
    );
    assert!(none.is_null(), "{none}");

    // A change re-checks: the fixed apology is no longer reported.
    let fixed = "# Login outage\n\nA small number of users could not log in. We're sorry that you were locked out of your account for two hours.\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diags = c.diagnostics(&uri);
    assert!(
        !codes(&diags).contains(&"non-apology"),
        "{:?}",
        codes(&diags)
    );
    assert!(
        codes(&diags).contains(&"minimizing-scope"),
        "{:?}",
        codes(&diags)
    );

    // The workspace config changes: the server reloads it and re-checks open documents.
    std::fs::write(
        root.join("candor.toml"),
        "[rules]\nminimizing-scope = \"off\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root_uri}/candor.toml"), "type": 2}]}),
    );
    let diags = c.diagnostics(&uri);
    assert!(
        !codes(&diags).contains(&"minimizing-scope"),
        "config reload ignored: {:?}",
        codes(&diags)
    );

    // Saving a broken candor.toml in the editor: the error is shown and the defaults apply.
    std::fs::write(
        root.join("candor.toml"),
        "[rules]\nno-such-rule = \"off\"\n",
    )
    .unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": format!("{root_uri}/candor.toml")}}),
    );
    let diags = c.diagnostics(&uri);
    assert!(
        codes(&diags).contains(&"minimizing-scope"),
        "defaults not restored: {:?}",
        codes(&diags)
    );
    let shown = c
        .backlog
        .iter()
        .find(|v| v["method"] == "window/showMessage")
        .expect("the config error is shown");
    assert_eq!(shown["params"]["type"], 1);
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-rule"),
        "{shown}"
    );

    // Plain text is checked too.
    let txt_uri = format!("{root_uri}/drafts/notice.txt");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": txt_uri, "languageId": "plaintext", "version": 1, "text": "Dear {{first_name}},\n\nYour invoices were wrong.\n"}}),
    );
    let diags = c.diagnostics(&txt_uri);
    assert_eq!(
        find(&diags, "unrendered-placeholder")["range"]["start"],
        json!({"line": 0, "character": 5})
    );

    // Shutdown and exit: the process ends cleanly.
    let r = c.request("shutdown", Value::Null);
    assert!(r.is_null());
    c.notify("exit", Value::Null);
    drop(c.stdin.take());
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = c.child.try_wait().unwrap() {
            assert!(status.success(), "candor lsp exited with {status}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "candor lsp did not exit after `exit`"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts a server on a temporary workspace with `config` as its candor.toml, initialized.
fn start_in_workspace(config: &str) -> (Client, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("candor.toml"), config).unwrap();
    let root_uri = format!("file://{}", root.display());
    let mut c = Client::start(&root);
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    // Incremental sync: the editor sends only what changed.
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    c.notify("initialized", json!({}));
    (c, dir, root_uri)
}

fn actions_for(c: &mut Client, uri: &str, diag: &Value) -> Vec<Value> {
    c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
    )
    .as_array()
    .unwrap()
    .clone()
}

#[test]
fn crlf_documents_guessed_fixes_and_missing_elements() {
    let (mut c, _dir, root_uri) = start_in_workspace("");
    let uri = format!("{root_uri}/update.md");
    let text = "---\r\nkind: status-update\r\nphase: investigating\r\n---\r\n# Login outage\r\n\r\nUsers could not log in from 10:15. Out of an abundance\r\nof caution, we reset every password.\r\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri);

    // A guessed zone is offered for review, never as the preferred fix "fix all" applies.
    let time = find(&diags, "time-without-zone").clone();
    let actions = actions_for(&mut c, &uri, &time);
    let zone = actions
        .iter()
        .find(|a| a["edit"]["changes"][&uri][0]["newText"] == " UTC")
        .unwrap_or_else(|| panic!("no zone fix in {actions:?}"));
    assert_ne!(zone["isPreferred"], true, "{zone}");
    // "Disable for this line" keeps the document's CRLF line breaks.
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable time-without-zone for this line")
        .unwrap();
    assert_eq!(
        disable["edit"]["changes"][&uri][0]["newText"],
        "<!-- candor-disable-next-line time-without-zone -->\r\n"
    );

    // A message quoting text across a line break is on one line.
    let cliche = find(&diags, "breach-cliche");
    let message = cliche["message"].as_str().unwrap();
    assert!(
        message
            .lines()
            .next()
            .is_some_and(|l| l.starts_with("\"Out of an abundance of caution\" is")),
        "{message}"
    );

    // Hover on the title, where missing-element findings point: the element checklist.
    let missing = diags
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with("missing-"))
        .unwrap_or_else(|| panic!("no missing-element finding in {diags:?}"));
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": missing["range"]["start"]}),
    );
    let value = hover["contents"]["value"].as_str().expect("markdown hover");
    assert!(
        value.contains("**Checklist**: status-update (investigating)"),
        "{value}"
    );
    assert!(value.contains("✗ **"), "{value}");
    assert!(
        value.contains("“Users could not log in from 10:15.”"),
        "{value}"
    );

    // An incremental edit: add the zone in place, the finding goes.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": time["range"]["end"], "end": time["range"]["end"]}, "text": " UTC"}
        ]}),
    );
    let diags = c.diagnostics(&uri);
    assert!(
        !codes(&diags).contains(&"time-without-zone"),
        "{:?}",
        codes(&diags)
    );
}

#[test]
fn a_configured_time_zone_is_the_preferred_fix() {
    let (mut c, _dir, root_uri) = start_in_workspace("time_zone = \"Europe/Berlin\"\n");
    let uri = format!("{root_uri}/update.md");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "Logins failed from 10:15.\n"}}),
    );
    let diags = c.diagnostics(&uri);
    let time = find(&diags, "time-without-zone").clone();
    let actions = actions_for(&mut c, &uri, &time);
    let zone = actions
        .iter()
        .find(|a| a["edit"]["changes"][&uri][0]["newText"] == " Europe/Berlin")
        .unwrap_or_else(|| panic!("no configured zone fix in {actions:?}"));
    assert_eq!(zone["isPreferred"], true);
    // The zone is inserted after the time: the edit is an empty range at its end.
    let range = &zone["edit"]["changes"][&uri][0]["range"];
    assert_eq!(range["start"], range["end"], "{range}");
    assert_eq!(range["start"], time["range"]["end"], "{range}");
}

#[test]
fn a_large_document_with_many_findings_gets_its_diagnostics() {
    // Every finding reported (no per-rule cap), so the server converts tens of thousands of
    // positions: without a line index each rescans the text and the answer never comes.
    let (mut c, _dir, root_uri) = start_in_workspace("max_findings_per_rule = 0\n");
    let uri = format!("{root_uri}/big.md");
    let para = "A small number of users could not log in at 10:15. We apologize for any inconvenience this may have caused.\n\n";
    let text = format!("# Login outage\n\n{}", para.repeat(7_000));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri);
    assert!(diags.len() > 20_000, "{}", diags.len());
    let last = diags
        .iter()
        .rfind(|d| d["code"] == "time-without-zone")
        .unwrap();
    assert_eq!(last["range"]["start"]["line"], 2 + 2 * 6_999);
}
