//! A small W3C WebDriver client for the browser tests: Debian's chromium driven by its
//! chromedriver, over the reqwest client the tests already have.
//!
//! Why not thirtyfour or fantoccini: thirtyfour switches on serde_json's `preserve_order`, which
//! makes test builds and normal builds resolve Polars differently (two Polars builds in one target
//! folder on a two-core machine); fantoccini brings a second HTTP stack and an ICU family. The
//! handful of WebDriver commands the console tests need fit in this file.
#![allow(dead_code)] // each test file uses its own part

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C element reference key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A headless Chromium session. Dropping it ends the session and kills chromedriver's whole
/// process group (killing chromedriver alone leaves the browser running).
pub struct Browser {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    session: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

/// A WebDriver error answer, with the command that got it.
#[derive(Debug)]
pub struct WdError(pub String);

impl Browser {
    /// Starts chromedriver on a free port and a browser with a fresh profile.
    pub fn start() -> Browser {
        use std::os::unix::process::CommandExt as _;
        assert!(
            Path::new(CHROMEDRIVER).exists(),
            "{CHROMEDRIVER} is missing: apt-get install chromium chromium-driver (tests/setup does)"
        );
        let port = crate::support::free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(90))
            .build()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = rt.block_on(async {
                let r = http.get(format!("{base}/status")).send().await.ok()?;
                let v: Value = r.json().await.ok()?;
                Some(v["value"]["ready"] == true)
            });
            if ready == Some(true) {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver not ready in 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--lang=nl-NL",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let v = rt
            .block_on(async {
                let r = http
                    .post(format!("{base}/session"))
                    .json(&caps)
                    .send()
                    .await?;
                r.json::<Value>().await
            })
            .expect("new session");
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Browser {
            rt,
            http,
            session: format!("{base}/session/{session}"),
            driver,
            _profile: profile,
        }
    }

    fn cmd(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WdError> {
        let url = format!("{}{}", self.session, path);
        let v: Value = self
            .rt
            .block_on(async {
                let mut r = self.http.request(method.clone(), &url);
                if let Some(b) = &body {
                    r = r.json(b);
                } else if method == reqwest::Method::POST {
                    r = r.json(&json!({}));
                }
                r.send().await?.json::<Value>().await
            })
            .map_err(|e| WdError(format!("{method} {path}: {e}")))?;
        if let Some(err) = v["value"].get("error") {
            return Err(WdError(format!(
                "{method} {path}: {err} {}",
                v["value"]["message"]
            )));
        }
        Ok(v["value"].clone())
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.cmd(reqwest::Method::POST, path, Some(body))
            .unwrap_or_else(|e| panic!("{}", e.0))
    }

    fn get(&self, path: &str) -> Value {
        self.cmd(reqwest::Method::GET, path, None)
            .unwrap_or_else(|e| panic!("{}", e.0))
    }

    pub fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    pub fn url(&self) -> String {
        self.get("/url").as_str().unwrap_or_default().to_string()
    }

    pub fn title(&self) -> String {
        self.get("/title").as_str().unwrap_or_default().to_string()
    }

    pub fn source(&self) -> String {
        self.get("/source").as_str().unwrap_or_default().to_string()
    }

    /// The visible text of the page.
    /// (By script, so a page that reloads itself in between is no stale reference.)
    pub fn text(&self) -> String {
        for _ in 0..50 {
            if let Ok(v) = self.cmd(
                reqwest::Method::POST,
                "/execute/sync",
                Some(json!({"script": "return document.body ? document.body.innerText : null;", "args": []})),
            ) {
                if let Some(t) = v.as_str() {
                    return t.to_string();
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("no page text on {}", self.url())
    }

    /// The first element matching `css`, waiting up to 10 s for it to appear.
    pub fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.cmd(
                reqwest::Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            ) {
                Ok(v) => {
                    return v[ELEMENT]
                        .as_str()
                        .unwrap_or_else(|| panic!("{css}: {v}"))
                        .to_string()
                }
                Err(e) if Instant::now() > deadline => {
                    panic!("{css} not found on {}: {}", self.url(), e.0)
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// How many elements match `css` now.
    pub fn count(&self, css: &str) -> usize {
        self.post("/elements", json!({"using": "css selector", "value": css}))
            .as_array()
            .map_or(0, Vec::len)
    }

    pub fn element_text(&self, css: &str) -> String {
        let e = self.find(css);
        self.get(&format!("/element/{e}/text"))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.post(&format!("/element/{e}/click"), json!({}));
    }

    /// Clears a field and types `text` into it.
    pub fn fill(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.post(&format!("/element/{e}/clear"), json!({}));
        self.post(&format!("/element/{e}/value"), json!({ "text": text }));
    }

    /// Chooses the file at `path` in a file input.
    pub fn attach(&self, css: &str, path: &Path) {
        let e = self.find(css);
        self.post(
            &format!("/element/{e}/value"),
            json!({ "text": path.to_str().expect("a UTF-8 path") }),
        );
    }

    /// Picks the option with value `value` in a select.
    pub fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"));
    }

    /// Runs a script in the page and returns its result.
    pub fn script(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": [] }))
    }

    /// axe-core's WCAG 2.1 A and AA rules on the current page (as it is laid out now): the
    /// violations, each as `rule (impact): help — targets`. axe-core comes from `tests/setup`
    /// (`<tools_cache>/node_modules/axe-core`, or `WOONMONITOR_AXE` naming `axe.min.js`).
    pub fn axe(&self) -> Vec<String> {
        let path = std::env::var_os("WOONMONITOR_AXE")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| super::tools_cache().join("node_modules/axe-core/axe.min.js"));
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (tests/setup installs axe-core)", path.display()));
        // Injected through WebDriver (not subject to the page's Content-Security-Policy).
        self.post(
            "/execute/sync",
            json!({ "script": format!("{source}\nreturn typeof window.axe;"), "args": [] }),
        );
        let result = self.post(
            "/execute/async",
            json!({ "script": "const done = arguments[arguments.length - 1];
                window.axe.run(document, { runOnly: { type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help
                      + ' - ' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));", "args": [] }),
        );
        result
            .as_array()
            .unwrap_or_else(|| panic!("axe answered {result}"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Waits (up to `secs`) until the page's text contains `what`, reloading between tries
    /// when `reload` is set.
    pub fn wait_text(&self, what: &str, secs: u64, reload: bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if self.text().contains(what) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what:?} did not appear on {}:\n{}",
                self.url(),
                self.text()
            );
            std::thread::sleep(Duration::from_millis(250));
            if reload {
                self.post("/refresh", json!({}));
            }
        }
    }

    /// The session cookies as WebDriver sees them.
    pub fn cookies(&self) -> Vec<Value> {
        self.get("/cookie").as_array().cloned().unwrap_or_default()
    }

    /// Makes the viewport exactly `width` × `height` CSS pixels (Chrome DevTools emulation).
    pub fn viewport(&self, width: u32, height: u32, mobile: bool) {
        self.post(
            "/goog/cdp/execute",
            json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile
            }}),
        );
    }

    /// A PNG of the whole page (beyond the viewport) at the current width.
    pub fn screenshot_full(&self, path: &Path) {
        let m = self.post(
            "/goog/cdp/execute",
            json!({"cmd": "Page.getLayoutMetrics", "params": {}}),
        );
        let size = &m["cssContentSize"];
        let v = self.post(
            "/goog/cdp/execute",
            json!({"cmd": "Page.captureScreenshot", "params": {
                "format": "png", "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
            }}),
        );
        use base64::Engine as _;
        let png = base64::engine::general_purpose::STANDARD
            .decode(v["data"].as_str().expect("screenshot data"))
            .unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.cmd(reqwest::Method::DELETE, "", None);
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.wait();
    }
}
