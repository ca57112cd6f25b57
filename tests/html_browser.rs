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

/// The text of every `<tag>` element in `html`, tags stripped.
fn elements(html: &str, tag: &str) -> Vec<String> {
    html.split(&format!("<{tag}>"))
        .skip(1)
        .map(|s| {
            let inner = s.split(&format!("</{tag}>")).next().unwrap();
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// A draft with the Markdown a reader sees rendered: front matter, headings, a list, a table,
/// links (one safe, one not), a finding across bold text.
const RICH: &str = "---\nkind: incident-email\n---\n# Export failures on 2 May\n\nDear customer,\n\nWe **apologize for any** inconvenience. Between 09:14 and 10:02 UTC, exports failed for 3,870 accounts.\n\n## What we changed\n\n- Renewed the certificate\n- Added an expiry alert\n\n| Time (UTC) | Event |\n|---|---|\n| 09:14 | Exports start failing |\n| 10:02 | Fixed |\n\nSee [our status page](https://status.example.com/incidents/1) or [this](javascript:alert(1)) for updates.\n\nContact support@example.com with questions.\n";

#[test]
fn html_report_renders_the_draft_with_highlights_and_checklists_in_chromium() {
    let Some(browser) =
        browser_or_skip("html_report_renders_the_draft_with_highlights_and_checklists_in_chromium")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // A hostile draft: markup in the text must be shown, never parsed.
    let hostile = dir.path().join("hostile.md");
    std::fs::write(
        &hostile,
        "# Outage\n\nDear [Customer Name] </pre><script>document.title='pwned'</script> <img src=x onerror=alert(1)>,\n\nWe apologize for any inconvenience.\n\n<div><script>alert(2)</script></div>\n",
    )
    .unwrap();
    let rich = dir.path().join("rich.md");
    std::fs::write(&rich, RICH).unwrap();
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir("fixtures/drafts")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    fixtures.sort();
    let mut inputs: Vec<&Path> = fixtures.iter().map(PathBuf::as_path).collect();
    inputs.push(&hostile);
    inputs.push(&rich);
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

    let sections: Vec<&str> = dom.split("<section class=\"doc\"").skip(1).collect();
    assert_eq!(sections.len(), report.files.len());
    let mut highlighted = 0;
    for section in &sections {
        // The command line orders documents by path: match them by path and index.
        let attr = |name: &str| {
            section
                .split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap()
                .to_string()
        };
        let i: usize = attr("id").trim_start_matches("doc-").parse().unwrap();
        let path = attr("data-path");
        let f = report
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} not in the report"));
        // The draft is rendered in its own article; every highlight sits on its text.
        let article = section
            .split("<article class=\"draft")
            .nth(1)
            .and_then(|s| s.split("</article>").next())
            .unwrap_or_else(|| panic!("{}: no rendered draft", f.path));
        assert!(
            !section.contains("<pre class=\"source\">"),
            "raw source shown"
        );
        assert_eq!(
            count(article, "<mark class=\"finding"),
            count(section, "<mark class=\"finding"),
            "{}: highlights outside the text",
            f.path
        );
        // Every finding about a passage is highlighted once, with its explanation.
        for (j, d) in f.diagnostics.iter().enumerate() {
            let tip = format!("<span class=\"tip\" id=\"doc-{i}-t-{j}\">");
            if d.document_level || d.span.start >= d.span.end {
                assert_eq!(count(section, &tip), 0, "{}: {}", f.path, d.rule);
                continue;
            }
            highlighted += 1;
            let mark = format!("id=\"doc-{i}-m-{j}\"");
            assert_eq!(
                count(article, &mark),
                1,
                "{}: {} not highlighted",
                f.path,
                d.rule
            );
            assert_eq!(
                count(article, &tip),
                1,
                "{}: {} unexplained",
                f.path,
                d.rule
            );
            let tip_text = article.split(&tip).nth(1).unwrap();
            let tip_text = tip_text.split("<span class=\"tip\" ").next().unwrap();
            assert!(tip_text.contains(&format!("<b>{}</b>", d.rule)));
            if !d.help.is_empty() {
                assert!(tip_text.contains("<span class=\"tip-help\">"), "{}", d.rule);
            }
            if !d.suggestions.is_empty() {
                let shown = format!(
                    "<span class=\"tip-fix\">{}",
                    d.suggestions[0].describe().split(':').next().unwrap()
                );
                assert!(tip_text.to_lowercase().contains(&shown), "{}", d.rule);
            }
            // The list below links to it.
            assert!(section.contains(&format!("href=\"#doc-{i}-m-{j}\"")));
        }
        // Evidence links land on the rendered sentence.
        for link in section.split("<a class=\"evidence\" href=\"#").skip(1) {
            let id = link.split('"').next().unwrap();
            assert!(id.starts_with(&format!("doc-{i}-")), "{id}");
            assert_eq!(
                count(article, &format!("id=\"{id}\"")),
                1,
                "{}: evidence target {id} missing",
                f.path
            );
        }
        if f.elements
            .iter()
            .any(|(_, found)| !found.evidence.is_empty())
        {
            assert!(
                section.contains("<a class=\"evidence\" href=\"#"),
                "{}: evidence not linked",
                f.path
            );
        }
    }
    assert!(highlighted >= 5, "the fixtures should produce highlights");

    // The Markdown is rendered: headings, lists, tables, links; front matter collapsed.
    let rich_doc = sections.iter().find(|s| s.contains("rich.md\"")).unwrap();
    assert_eq!(elements(rich_doc, "h1"), ["Export failures on 2 May"]);
    assert_eq!(elements(rich_doc, "h2").last().unwrap(), "What we changed");
    assert_eq!(
        elements(rich_doc, "li")
            .into_iter()
            .filter(|t| t.starts_with("Renewed") || t.starts_with("Added"))
            .count(),
        2
    );
    assert_eq!(elements(rich_doc, "th"), ["Time (UTC)", "Event"]);
    assert!(elements(rich_doc, "td").contains(&"09:14".to_string()));
    assert!(rich_doc.contains(
        "<a href=\"https://status.example.com/incidents/1\" rel=\"noopener noreferrer\">"
    ));
    assert!(!rich_doc.contains("href=\"javascript:"), "unsafe link kept");
    assert!(rich_doc.contains("<details class=\"front-matter\"><summary>"));
    assert!(!rich_doc.contains("<p>kind: incident-email"));
    // The apology's highlight starts inside the bold text and goes on after it.
    let bold = rich_doc
        .split("<strong>")
        .nth(1)
        .and_then(|s| s.split("</strong>").next())
        .unwrap();
    assert!(
        bold.contains("<mark class=\"finding"),
        "a highlight on rendered bold text"
    );
    let after = rich_doc.split("</strong>").nth(1).unwrap();
    assert!(
        after
            .split("</p>")
            .next()
            .unwrap()
            .contains("<mark class=\"finding")
    );

    // The hostile text stayed text.
    assert!(
        !dom.contains("<script"),
        "markup from a draft was parsed as HTML"
    );
    assert!(
        !dom.contains("<img"),
        "markup from a draft was parsed as HTML"
    );
    assert!(
        !dom.contains("<div><"),
        "markup from a draft was parsed as HTML"
    );
    assert!(dom.contains("&lt;script&gt;</code>document.title='pwned'"));
    assert!(dom.contains("&lt;div&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;/div&gt;"));
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
                // Tall enough that no scrolling is needed: headless screenshots of a page
                // scrolled to a fragment paint only the first screen.
                "--window-size=1200,2000".into(),
            ],
            &format!("file://{}{fragment}", report_path.display()),
        );
        std::fs::read(&png).expect("chromium wrote the screenshot")
    };
    let plain = shot("plain.png", "");
    let linked = shot("linked.png", &first_mark);
    // The checklist's evidence link lands on the rendered sentence, outlined in green.
    let evidence = html
        .split("<a class=\"evidence\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the checklist links evidence to the text")
        .to_string();
    let targeted = shot("evidence.png", &evidence);

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
    // (The outline's colour: the sentence's own background may sit under highlights.)
    let green_plain = pixels_near(&plain, [0x2e, 0x7d, 0x32], 6);
    let green_targeted = pixels_near(&targeted, [0x2e, 0x7d, 0x32], 6);
    assert!(
        green_targeted > green_plain + 300,
        "evidence sentence not shown: {green_plain} → {green_targeted} green px"
    );
}
