package web

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/web/engine"
)

// TestWasmWithoutProse checks that the page's engine does not link prose v2 (the CLI's
// tokenizer and tagger): importing it links all of prose's embedded models, 4.4 MB
// gzipped, and puts jdlint.wasm over its 6 MB budget (GzipBudget). nlp's js build splits
// words with nlp/internal/tokenize instead (nlp/words_js.go).
func TestWasmWithoutProse(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "github.com/jdlint/jdlint/web/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go list -deps ./web/wasm: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 || !slices.Contains(deps, "github.com/jdlint/jdlint/nlp/internal/tokenize") {
		t.Fatalf("go list -deps ./web/wasm lists %d packages without nlp/internal/tokenize: %q", len(deps), out)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/jdkato/prose") {
			t.Errorf("the wasm links %s", d)
		}
	}
}

// TestSiteFiles checks the page's own files without compiling the wasm: the CSP is in
// place and nothing in the page needs more than it allows (no inline script or style, no
// event-handler attributes, no other origin), every rule has its anchor, and the service
// worker keeps every file the page loads.
func TestSiteFiles(t *testing.T) {
	dir := t.TempDir()
	if err := writeIndex(Options{Dir: dir, Version: "v9.9.9"}); err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(index)
	if !strings.Contains(html, `<meta http-equiv="Content-Security-Policy" content="`+strings.ReplaceAll(CSP, "'", "&#39;")+`">`) {
		t.Errorf("index.html lacks the CSP meta element")
	}
	for _, want := range []string{"'wasm-unsafe-eval'", "default-src 'none'", "script-src 'self'"} {
		if !strings.Contains(CSP, want) {
			t.Errorf("the CSP lacks %s", want)
		}
	}
	if strings.Contains(CSP, "unsafe-inline") || strings.Contains(CSP, "'unsafe-eval'") {
		t.Errorf("the CSP allows inline code: %s", CSP)
	}
	for _, r := range rules.All() {
		if !strings.Contains(html, `id="rule-`+r.ID+`"`) {
			t.Errorf("no anchor for rule %s", r.ID)
		}
	}
	if !strings.Contains(html, "v9.9.9") {
		t.Error("the page does not show its version")
	}
	scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1)
	for _, s := range scripts {
		if !strings.Contains(s, ` src="`) {
			t.Errorf("inline script %s: the CSP blocks it", s)
		}
	}
	if len(scripts) != 1 || !strings.Contains(scripts[0], `src="app.js"`) {
		t.Errorf("scripts %q, want app.js alone (the worker loads the engine)", scripts)
	}
	files := map[string]string{"index.html": html}
	for _, name := range []string{"app.js", "worker.js", "style.css", "sw.js"} {
		data, err := site.ReadFile("site/" + name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(data)
	}
	onAttr := regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	for name, text := range files {
		if strings.Contains(text, "http://") || strings.Contains(text, "https://") || strings.Contains(text, "//cdn") {
			t.Errorf("%s names another origin", name)
		}
		if name == "index.html" && (onAttr.MatchString(text) || strings.Contains(text, " style=")) {
			t.Errorf("%s has inline event handlers or style attributes, which the CSP blocks", name)
		}
	}
	for _, name := range []string{"app.js", "worker.js"} {
		for _, bad := range []string{"innerHTML", "eval(", "new Function", "document.write", "localStorage", "sendBeacon", "XMLHttpRequest"} {
			if strings.Contains(files[name], bad) {
				t.Errorf("%s uses %s", name, bad)
			}
		}
	}
	if n := strings.Count(files["app.js"], "fetch("); n != 0 {
		t.Errorf("app.js makes %d fetch calls, want none", n)
	}
	if w := files["worker.js"]; strings.Count(w, "fetch(") != 2 || strings.Count(w, "fetch('jdlint.wasm')") != 2 {
		t.Errorf("worker.js fetches something other than jdlint.wasm")
	}
	if !strings.Contains(files["worker.js"], "importScripts('wasm_exec.js')") || !strings.Contains(files["app.js"], "new Worker('worker.js')") {
		t.Errorf("the engine is not loaded in the worker")
	}

	for _, name := range pageFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); os.IsNotExist(err) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := writeWorker(dir); err != nil {
		t.Fatal(err)
	}
	sw, err := os.ReadFile(filepath.Join(dir, "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const FILES = (\[.*\]);`).FindSubmatch(sw)
	if m == nil || !regexp.MustCompile(`const CACHE = 'jdlint-[0-9a-f]{16}';`).Match(sw) {
		t.Fatalf("sw.js has no cache name or file list:\n%s", sw)
	}
	var kept []string
	if err := json.Unmarshal(m[1], &kept); err != nil {
		t.Fatal(err)
	}
	for _, name := range append([]string{"./"}, pageFiles...) {
		if !contains(kept, name) {
			t.Errorf("the service worker does not keep %s", name)
		}
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"#]+)"`).FindAllStringSubmatch(html, -1)
	refs = append(refs, []string{"", "worker.js"}, []string{"", "wasm_exec.js"}, []string{"", WasmFile})
	for _, ref := range refs {
		if !contains(kept, ref[1]) {
			t.Errorf("index.html loads %s, which the service worker does not keep", ref[1])
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestExample checks that the example posting shows what the page is for: a mislabeled
// title whose retitle is a safe fix.
func TestExample(t *testing.T) {
	e, err := engine.New("test")
	if err != nil {
		t.Fatal(err)
	}
	v := e.Lint("posting.md", []byte(Example()))
	if v.Verdict == nil || v.Verdict.Outcome != "mislabeled" {
		t.Fatalf("the example's verdict is %+v, want mislabeled", v.Verdict)
	}
	if v.SafeEdits == 0 {
		t.Error("the example has no safe fix to apply")
	}
}
