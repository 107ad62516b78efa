package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/jdlint/jdlint/internal/app"
)

// corpora are the folders whose postings the page must lint exactly as the CLI does.
var corpora = []string{"../../testdata/job_posts", "../../testdata/written"}

func newEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New("test")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// postings lists the postings of the corpora, as the CLI finds them in a folder.
func postings(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, dir := range corpora {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch strings.ToLower(filepath.Ext(e.Name())) {
			case ".md", ".markdown", ".txt":
				out = append(out, filepath.ToSlash(filepath.Join(dir, e.Name())))
			}
		}
	}
	sort.Strings(out)
	if len(out) < 100 {
		t.Fatalf("found %d postings in %v, want the whole corpus", len(out), corpora)
	}
	return out
}

// cliReport runs `jdlint --format json --no-config` on the corpora and returns its report.
func cliReport(t *testing.T) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := append([]string{"jdlint", "--format", "json", "--no-config", "--fail-level", "none"}, corpora...)
	if code := app.Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("jdlint %v: exit %d: %s", args[1:], code, stderr.String())
	}
	return stdout.Bytes()
}

// cliFiles returns each file's entry of cliReport's JSON report by path, or of the report
// in the file JDLINT_CLI_REPORT names: the native CLI's, when TestSameAsCLIInWasm runs this
// package compiled for the browser.
func cliFiles(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	var raw []byte
	if path := os.Getenv("JDLINT_CLI_REPORT"); path != "" {
		var err error
		if raw, err = os.ReadFile(path); err != nil {
			t.Fatalf("JDLINT_CLI_REPORT: %v", err)
		}
		t.Logf("comparing with the CLI report in %s, built for %s", path, os.Getenv("JDLINT_CLI_GOOS"))
	} else {
		raw = cliReport(t)
	}
	var rep struct {
		Files []json.RawMessage `json:"files"`
	}
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	out := map[string]json.RawMessage{}
	for _, f := range rep.Files {
		var head struct{ Path string }
		if err := json.Unmarshal(f, &head); err != nil {
			t.Fatal(err)
		}
		out[head.Path] = f
	}
	return out
}

func decode(t *testing.T, raw []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return v
}

// TestSameAsCLI checks that the page reports, for every posting of the labeled corpora,
// exactly the file entry of `jdlint --format json`: title, roles, share, confidence,
// verdict, evidence, findings with their messages, positions, fingerprints and fixes, and
// notices. It also checks that the page's own lists follow the report.
func TestSameAsCLI(t *testing.T) {
	want := cliFiles(t)
	e := newEngine(t)
	paths := postings(t)
	if len(want) != len(paths) {
		t.Errorf("the CLI reported %d files, the corpora hold %d postings", len(want), len(paths))
	}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		v := e.Lint(path, src)
		var rep struct {
			Version int               `json:"version"`
			Files   []json.RawMessage `json:"files"`
		}
		if err := json.Unmarshal(v.Report, &rep); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if rep.Version != 1 || len(rep.Files) != 1 {
			t.Fatalf("%s: report version %d with %d files, want version 1 with one", path, rep.Version, len(rep.Files))
		}
		cli, ok := want[path]
		if !ok {
			t.Errorf("%s: not in the CLI's report", path)
			continue
		}
		if got, exp := decode(t, rep.Files[0]), decode(t, cli); !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: the page's report differs from the CLI's:\npage: %s\ncli:  %s", path, rep.Files[0], cli)
			continue
		}
		var file struct {
			Verdict  string `json:"verdict"`
			Findings []struct {
				Rule, Severity, Message string
				Line, Column            int
				Fix                     *struct{ Description string }
			} `json:"findings"`
			Notices []Notice `json:"notices"`
		}
		if err := json.Unmarshal(cli, &file); err != nil {
			t.Fatal(err)
		}
		if v.Verdict == nil || v.Verdict.Outcome != file.Verdict {
			t.Errorf("%s: card %+v, report verdict %q", path, v.Verdict, file.Verdict)
		}
		if len(v.Findings) != len(file.Findings) {
			t.Errorf("%s: %d findings listed, the report has %d", path, len(v.Findings), len(file.Findings))
			continue
		}
		for i, f := range v.Findings {
			r := file.Findings[i]
			if f.Index != i || f.Rule != r.Rule || f.Severity != r.Severity || f.Message != r.Message || f.Line != r.Line || f.Column != r.Column || (f.Fix == nil) != (r.Fix == nil) {
				t.Errorf("%s: finding %d is %+v, the report's %+v", path, i, f, r)
			}
			if f.Fix != nil && f.Fix.Description != r.Fix.Description {
				t.Errorf("%s: finding %d fix %q, the report's %q", path, i, f.Fix.Description, r.Fix.Description)
			}
		}
		if len(v.Notices) != len(file.Notices) {
			t.Errorf("%s: %d notices, the report has %d", path, len(v.Notices), len(file.Notices))
		}
	}
}

// TestSameAsCLIInWasm runs TestSameAsCLI compiled as the page's engine is (GOOS=js
// GOARCH=wasm, in Node through Go's go_js_wasm_exec) against the report of the CLI as built
// here: the page's build splits words with nlp/internal/tokenize, prose's tokenizer ported,
// and the CLI with prose itself, so this holds the page's findings equal to the CLI's on
// all of testdata. It takes about half a minute, so it runs where CI is set or with
// JDLINT_WASM_TEST=1, and skips where Node is not installed.
func TestSameAsCLIInWasm(t *testing.T) {
	switch {
	case runtime.GOOS == "js":
		t.Skip("already compiled for the browser")
	case testing.Short():
		t.Skip("-short: compiles the tests for wasm")
	case os.Getenv("CI") == "" && os.Getenv("JDLINT_WASM_TEST") == "":
		t.Skip("runs in CI, or here with JDLINT_WASM_TEST=1 (compiles the tests for wasm and runs them in Node)")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node on PATH: the wasm build of the engine cannot run outside a browser")
	}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	var wrapper string
	for _, dir := range []string{"lib/wasm", "misc/wasm"} { // Go 1.24 moved it to lib/
		if p := filepath.Join(strings.TrimSpace(string(root)), dir, "go_js_wasm_exec"); fileExists(p) {
			wrapper = p
		}
	}
	if wrapper == "" {
		t.Fatalf("no go_js_wasm_exec under %s/lib/wasm or misc/wasm", strings.TrimSpace(string(root)))
	}
	report := filepath.Join(t.TempDir(), "cli.json")
	if err := os.WriteFile(report, cliReport(t), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-exec", wrapper, "-run", "^TestSameAsCLI$", "-count=1", "-v", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "JDLINT_CLI_REPORT="+report, "JDLINT_CLI_GOOS="+runtime.GOOS)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go test -run TestSameAsCLI: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("--- PASS: TestSameAsCLI ")) || !bytes.Contains(out, []byte("built for "+runtime.GOOS)) {
		t.Fatalf("the wasm run did not compare with this CLI's report:\n%s", out)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestApplySafeSameAsFix checks that "Apply all safe fixes" gives, for every posting, the
// text `jdlint --fix` writes.
func TestApplySafeSameAsFix(t *testing.T) {
	e := newEngine(t)
	fixed := 0
	for _, path := range postings(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		args := []string{"jdlint", "--fix", "--no-config", "--fail-level", "none", "--stdin-filename", path, "-"}
		if code := app.Main(args, bytes.NewReader(src), &stdout, &stderr); code != 0 {
			t.Fatalf("%s: jdlint --fix: exit %d: %s", path, code, stderr.String())
		}
		got, err := e.ApplySafe(path, src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got.Text != stdout.String() {
			t.Errorf("%s: Apply all safe fixes differs from jdlint --fix", path)
		}
		if got.Edits > 0 {
			fixed++
		}
		if v := e.Lint(path, src); (v.SafeEdits > 0) != (got.Edits > 0) {
			t.Errorf("%s: the view offers %d safe edits, applying made %d", path, v.SafeEdits, got.Edits)
		}
	}
	if fixed == 0 {
		t.Error("no posting had a safe fix: the corpus should hold mislabeled postings")
	}
}

// TestApply applies each fix alone: the text after it is the preview's After lines in
// place of its Before lines, and the finding it fixed is gone.
func TestApply(t *testing.T) {
	e := newEngine(t)
	applied := 0
	for _, path := range postings(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		v := e.Lint(path, src)
		for _, f := range v.Findings {
			res, err := e.Apply(path, src, f.Index)
			if f.Fix == nil {
				if !errors.Is(err, ErrNoFix) {
					t.Errorf("%s: applying finding %d without a fix: %v, want ErrNoFix", path, f.Index, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: apply %d: %v", path, f.Index, err)
			}
			if res.Edits == 0 {
				continue // every edit was dropped (a directive), as the empty preview shows
			}
			applied++
			if len(f.Fix.Hunks) == 0 {
				t.Errorf("%s: finding %d changed the text but shows no preview", path, f.Index)
			}
			out := strings.ReplaceAll(res.Text, "\r\n", "\n")
			for _, h := range f.Fix.Hunks {
				after := join(h.After)
				if !strings.Contains(out, after) {
					t.Errorf("%s: finding %d: the text after Apply lacks the preview's %q", path, f.Index, after)
				}
			}
			if f.Rule == "role-mislabeled" {
				for _, g := range e.Lint(path, []byte(res.Text)).Findings {
					if g.Rule == "role-mislabeled" {
						t.Errorf("%s: still mislabeled after its retitle: %s", path, g.Message)
					}
				}
			}
		}
		if _, err := e.Apply(path, src, len(v.Findings)); err == nil {
			t.Errorf("%s: applying a finding past the last gave no error", path)
		}
	}
	if applied == 0 {
		t.Error("no fix was applied")
	}
}

func join(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Text)
	}
	return b.String()
}

// TestSegments checks that the segments are the whole text, in order, with UTF-16 offsets
// that JavaScript can slice the same text with, and that a tint always has its evidence.
func TestSegments(t *testing.T) {
	e := newEngine(t)
	paths := append(postings(t), "")
	for _, path := range paths {
		var src []byte
		if path == "" {
			path = "unicode.md"
			src = []byte("# Product Owner 🚀 für Zahlungen\r\n\r\n## Aufgaben\r\n\r\n- Own the product backlog — and write user stories 🧾\r\n- Run sprint planning 😀 with the team\r\n")
		} else {
			var err error
			if src, err = os.ReadFile(path); err != nil {
				t.Fatal(err)
			}
		}
		v := e.Lint(path, src)
		var all strings.Builder
		units := 0
		tinted := 0
		for i, s := range v.Segments {
			all.WriteString(s.Text)
			n := len(utf16.Encode([]rune(s.Text)))
			if s.Start != units || s.End != units+n {
				t.Fatalf("%s: segment %d %q at [%d,%d), want [%d,%d)", path, i, s.Text, s.Start, s.End, units, units+n)
			}
			units += n
			if s.Tint != "" {
				tinted++
				if len(s.Evidence) == 0 || s.Kind != "sentence" {
					t.Errorf("%s: segment %d tinted %s with no evidence", path, i, s.Tint)
				}
			}
		}
		if utf8.Valid(src) && all.String() != string(src) {
			t.Errorf("%s: the segments do not make up the text", path)
		}
		if v.Verdict != nil && v.Verdict.Detected != "unknown" && v.Verdict.Detected != "other" && tinted == 0 {
			t.Errorf("%s: a %s body with no tinted sentence", path, v.Verdict.Detected)
		}
		for _, f := range v.Findings {
			if f.Start < 0 || f.End < f.Start || f.End > units {
				t.Errorf("%s: finding %d at [%d,%d) of %d units", path, f.Index, f.Start, f.End, units)
			}
		}
	}
}

func TestUTF16Offsets(t *testing.T) {
	src := []byte("a€😀b" + strings.Repeat("é", 300) + "😀z")
	c := newUTF16(src)
	units := 0
	for i := 0; i <= len(src); {
		if got := c.at(i); got != units {
			t.Fatalf("at(%d) = %d, want %d", i, got, units)
		}
		if i == len(src) {
			break
		}
		r, size := utf8.DecodeRune(src[i:])
		i += size
		units += len(utf16.Encode([]rune{r}))
	}
	if got := c.at(len(src) + 10); got != units {
		t.Errorf("past the end: %d, want %d", got, units)
	}
}

func TestCard(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct {
		name, src, outcome, tone string
	}{
		{"mislabeled.md", mustRead(t, "../../testdata/job_posts/b-po-title-pm-body-pricing.md"), "mislabeled", "error"},
		{"untitled.md", "We need someone.\n", "untitled", "warning"},
		{"ok.md", "# Product Owner\n\n## What you'll do\n\n- Own and order the product backlog\n- Write user stories with acceptance criteria\n- Run sprint planning and sprint reviews with the Scrum team\n", "ok", "ok"},
	} {
		v := e.Lint(tc.name, []byte(tc.src))
		if v.Verdict == nil {
			t.Fatalf("%s: no verdict: %s", tc.name, v.Error)
		}
		c := v.Verdict
		if c.Outcome != tc.outcome || c.Tone != tc.tone || c.Headline == "" || c.Summary == "" {
			t.Errorf("%s: card %+v, want outcome %s and tone %s", tc.name, c, tc.outcome, tc.tone)
		}
	}
}

func TestTooLargeAndBinary(t *testing.T) {
	e := newEngine(t)
	v := e.Lint("big.md", bytes.Repeat([]byte("word "), MaxSize/5+1))
	if v.Error == "" || v.Verdict != nil || len(v.Findings) != 0 {
		t.Errorf("a posting over %d bytes: error %q, verdict %v", MaxSize, v.Error, v.Verdict)
	}
	v = e.Lint("bin.md", []byte("# Product Owner\x00\x01"))
	if v.Error == "" || v.Verdict != nil {
		t.Errorf("binary content: error %q, verdict %v", v.Error, v.Verdict)
	}
	if _, err := e.ApplySafe("big.md", bytes.Repeat([]byte("x"), MaxSize+1)); err == nil {
		t.Error("ApplySafe on a posting over the limit gave no error")
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// BenchmarkLint600Words is the page's re-lint of a 600-word posting, natively: the lint
// and the view the page draws (docs/web.md gives the time in the browser).
func BenchmarkLint600Words(b *testing.B) {
	e := newEngine(b)
	var text strings.Builder
	words := 0
	for _, name := range []string{"b-po-title-pm-body-pricing.md", "a-pm-analytics-gtm.md", "a-po-checkout-retail.md"} {
		data, err := os.ReadFile("../../testdata/job_posts/" + name)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.SplitAfter(string(data), "\n") {
			if words >= 600 {
				break
			}
			text.WriteString(line)
			words += len(strings.Fields(line))
		}
	}
	src := []byte(text.String())
	b.ReportAllocs()
	for b.Loop() {
		v := e.Lint("posting.md", src)
		if _, err := json.Marshal(v); err != nil {
			b.Fatal(err)
		}
	}
}
