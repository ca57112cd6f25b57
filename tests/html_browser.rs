//! The HTML report in a real browser: headless Chromium loads the page the CLI wrote, and the
//! test checks the rendered DOM (highlights, checklists, summary; no injected markup) and a
//! screenshot (highlight colours painted; a linked finding shows its explanation).
//!
//! Needs Chromium (`apt-get install -y chromium` on Debian). Without it the tests are skipped
//! with a message, unless `CANDOR_REQUIRE_BROWSER=1` is set (CI), which makes a missing browser
//! a failure. `CANDOR_CHROMIUM` overrides the browser binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CANDOR_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The browser, or None (after saying why) when the test should be skipped.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    match chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("CANDOR_REQUIRE_BROWSER").is_some() => {
            panic!(
                "CANDOR_REQUIRE_BROWSER is set but no chromium was found; install it with `apt-get install -y chromium`"
            )
        }
        None => {
            eprintln!(
                "SKIPPED {test}: headless Chromium not found (install it with `apt-get install -y chromium`, or set CANDOR_CHROMIUM)"
            );
            None
        }
    }
}

/// Runs headless Chromium with the flags that keep it quiet and sandbox-free in containers,
/// killing it if it takes longer than 90 s. Returns stdout.
fn run_chromium(browser: &Path, profile: &Path, extra: &[String], url: &str) -> Vec<u8> {
    let out_file = profile.join("stdout.txt");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.join("profile").display()
        ))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium exited with {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read(&out_file).unwrap()
}

/// Writes the HTML report for `paths` with the real CLI and returns its path.
fn write_report(dir: &Path, paths: &[&Path]) -> PathBuf {
    let report = dir.join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["check", "--no-config", "--format", "short", "--html"])
        .arg(&report)
        .args(paths)
        .stdout(Stdio::null())
        .status()
        .expect("run candor");
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "candor check failed: {status}"
    );
    report
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn html_report_renders_highlights_and_checklists_in_chromium() {
    let Some(browser) =
        browser_or_skip("html_report_renders_highlights_and_checklists_in_chromium")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // A hostile draft: markup in the text must be shown, never parsed.
    let hostile = dir.path().join("hostile.md");
    std::fs::write(
        &hostile,
        "# Outage\n\nDear [Customer Name] </pre><script>document.title='pwned'</script> <img src=x onerror=alert(1)>,\n\nWe apologize for any inconvenience.\n",
    )
    .unwrap();
    let fixtures: Vec<PathBuf> = std::fs::read_dir("fixtures/drafts")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let mut inputs: Vec<&Path> = fixtures.iter().map(PathBuf::as_path).collect();
    inputs.push(&hostile);
    let report_path = write_report(dir.path(), &inputs);

    // What the page should show, from the library (same inputs, same defaults).
    let linter = candor::Linter::new();
    let report = candor::run::check_inputs(
        &linter,
        inputs
            .iter()
            .map(|p| candor::run::Input::Path(p.to_path_buf()))
            .collect(),
        &candor::run::RunOptions::default(),
    );
    let mut expected_marks = 0;
    for f in &report.files {
        // Highlighted: span findings, the first of any overlapping group.
        let mut pos = 0;
        for d in &f.diagnostics {
            if !d.document_level && d.span.start < d.span.end && d.span.start >= pos {
                expected_marks += 1;
                pos = d.span.end;
            }
        }
    }
    assert!(
        expected_marks >= 5,
        "the fixtures should produce highlights"
    );

    let dom = String::from_utf8(run_chromium(
        &browser,
        dir.path(),
        &["--dump-dom".into()],
        &format!("file://{}", report_path.display()),
    ))
    .unwrap();
    assert!(
        dom.contains("<title>candor report</title>"),
        "the page did not load: {}",
        &dom[..dom.len().min(300)]
    );
    assert_eq!(
        count(&dom, "<mark class=\"finding"),
        expected_marks,
        "highlights in the rendered DOM"
    );
    assert_eq!(count(&dom, "<section class=\"doc\""), report.files.len());
    assert_eq!(count(&dom, "<ul class=\"checklist\">"), report.files.len());
    assert_eq!(
        count(&dom, "<li class=\"element "),
        candor::policy::Element::ALL.len() * report.files.len()
    );
    assert!(count(&dom, "data-status=\"ok\"") > 0 && count(&dom, "data-status=\"missing\"") > 0);
    assert!(
        dom.contains("<q class=\"evidence\">"),
        "a satisfied element shows its evidence"
    );
    // Every highlight sits inside its document's text and carries its explanation.
    for section in dom.split("<section class=\"doc\"").skip(1) {
        let pre = section
            .split("<pre class=\"source\">")
            .nth(1)
            .and_then(|s| s.split("</pre>").next())
            .expect("document text");
        assert_eq!(
            count(pre, "<mark class=\"finding"),
            count(section, "<mark class=\"finding")
        );
        assert_eq!(
            count(pre, "<span class=\"tip\" role=\"tooltip\""),
            count(pre, "<mark class=\"finding")
        );
        assert!(!pre.contains("<mark class=\"finding") || pre.contains("data-rule=\""));
    }
    // The hostile text stayed text.
    assert!(
        !dom.contains("<script"),
        "markup from a draft was parsed as HTML"
    );
    assert!(
        !dom.contains("<img"),
        "markup from a draft was parsed as HTML"
    );
    assert!(dom.contains("&lt;script&gt;document.title="));
    // The summary lists every document.
    let summary = dom
        .split("<section id=\"summary\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    assert_eq!(count(summary, "<tr data-doc="), report.files.len());
}

/// Counts pixels within `tol` of an RGB colour.
fn pixels_near(png_bytes: &[u8], rgb: [u8; 3], tol: u8) -> usize {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "expected an RGB screenshot");
    buf[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| (0..3).all(|i| p[i].abs_diff(rgb[i]) <= tol))
        .count()
}

#[test]
fn html_report_paints_highlights_and_shows_a_linked_explanation() {
    let Some(browser) =
        browser_or_skip("html_report_paints_highlights_and_shows_a_linked_explanation")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report_path = write_report(
        dir.path(),
        &[Path::new("fixtures/drafts/incident-email-bad.md")],
    );
    let html = std::fs::read_to_string(&report_path).unwrap();
    // Document-level findings (missing elements) are listed, not highlighted; link to the
    // first in-text highlight, whatever its index.
    let first_mark = html
        .split("id=\"doc-0-m-")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|n| format!("#doc-0-m-{n}"))
        .expect("the report should highlight a finding");

    let shot = |name: &str, fragment: &str| {
        let png = dir.path().join(name);
        run_chromium(
            &browser,
            dir.path(),
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1200,1400".into(),
            ],
            &format!("file://{}{fragment}", report_path.display()),
        );
        std::fs::read(&png).expect("chromium wrote the screenshot")
    };
    let plain = shot("plain.png", "");
    let linked = shot("linked.png", &first_mark);

    // Warning and error highlight backgrounds are painted.
    let warn = pixels_near(&plain, [0xff, 0xf3, 0xc4], 6);
    let err = pixels_near(&plain, [0xfd, 0xe0, 0xe0], 6);
    assert!(
        warn > 300 && err > 300,
        "highlights not painted: {warn} warning px, {err} error px"
    );
    // Linking to a finding opens its explanation (a dark tooltip box).
    let dark_plain = pixels_near(&plain, [0x22, 0x22, 0x22], 4);
    let dark_linked = pixels_near(&linked, [0x22, 0x22, 0x22], 4);
    assert!(
        dark_linked > dark_plain + 2000,
        "explanation not shown: {dark_plain} → {dark_linked} dark px"
    );
}
