package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// mixedPaths, the small mixed folder plus a path that does not exist, is what the tests
// that run the live pipeline lint (TestFormatsLive).
var mixedPaths = []string{"testdata/mixed", "testdata/mixed/missing.md"}

func lintPaths(t *testing.T, paths ...string) []lint.Result {
	t.Helper()
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return lint.Run(lint.Options{Paths: paths, Jobs: 1, NLP: nopts, Rules: rules.Config{}})
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(go test ./report -update rewrites it)", path, i+1, g, w)
			}
		}
	}
}

// goldenExt is the golden file's extension for each format.
var goldenExt = map[string]string{
	"text": "txt", "line": "line", "json": "json", "sarif": "sarif", "github": "github", "markdown": "md", "html": "html", "diff": "diff",
}

// TestFormatGoldens renders the fixed results (fixture_test.go) in every format and
// compares them to testdata/golden/fixed.*; the formats that read Options.Unsafe or
// Options.Color are rendered with them too. The results are values, not the classifier's
// output, so a golden changes only when its format does: `go test ./report -update`
// rewrites them, and the diff is the format's change to review.
func TestFormatGoldens(t *testing.T) {
	variants := []struct {
		name    string // golden file name before the extension
		formats []string
		opts    Options
	}{
		{"fixed", Formats, Options{Version: "v0.0.0-test"}},
		{"fixed-unsafe", []string{"text", "markdown", "diff"}, Options{Version: "v0.0.0-test", Unsafe: true}},
		{"fixed-color", []string{"text"}, Options{Version: "v0.0.0-test", Color: true}},
		{"fixed-quiet", []string{"text"}, Options{Version: "v0.0.0-test", Quiet: true}},
	}
	made := map[string]bool{}
	for _, v := range variants {
		for _, name := range v.formats {
			made[v.name+"."+goldenExt[name]] = true
			t.Run(v.name+"/"+name, func(t *testing.T) {
				ext, ok := goldenExt[name]
				if !ok {
					t.Fatalf("format %s has no golden extension: add it to goldenExt", name)
				}
				format, err := Lookup(name)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := format(&buf, fixedResults(t), v.opts); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, v.name+"."+ext, buf.Bytes())
			})
		}
	}
	// a golden no variant makes any more would never fail: it must go
	entries, err := os.ReadDir(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !made[e.Name()] {
			t.Errorf("testdata/golden/%s is no format's golden: remove it", e.Name())
		}
	}
}

// TestFormatsLive runs the whole pipeline over one folder (and a path that does not exist)
// and renders every format, with no golden: what the classifier decides is tested elsewhere,
// this only checks that real results render, and that the JSON and SARIF parse.
func TestFormatsLive(t *testing.T) {
	results := lintPaths(t, mixedPaths...)
	if len(results) != 6 {
		t.Fatalf("%d results, want the 5 postings of testdata/mixed and the missing file", len(results))
	}
	for _, r := range results[:5] {
		if r.Err != nil || r.Posting == nil || r.Verdict == nil {
			t.Fatalf("%s: not linted (%v)", r.Path, r.Err)
		}
	}
	for _, name := range Formats {
		for _, unsafe := range []bool{false, true} {
			format, err := Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := format(&buf, results, Options{Version: "v0.0.0-test", Unsafe: unsafe}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if buf.Len() == 0 && name != "diff" {
				t.Errorf("%s: empty report", name)
			}
			switch name {
			case "json":
				var rep struct {
					Version int
					Files   []struct{ Path string }
				}
				if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
					t.Fatalf("json does not parse: %v", err)
				}
				if rep.Version != 1 || len(rep.Files) != len(results) {
					t.Errorf("json: version %d, %d files; want 1 and %d", rep.Version, len(rep.Files), len(results))
				}
			case "sarif":
				if !json.Valid(buf.Bytes()) {
					t.Errorf("sarif does not parse")
				}
			}
		}
	}
}

func TestTextBatchTable(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, fixedResults(t), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"title", "Product Manager, Mobile Check-in", "PM    -> PO", "100%", "1/0/0", "could not be linted",
		"postings by detected role: PO 2, PM 1, blended 2, other 1, unknown 0",
		"mislabeled 1, blended 1, not a product role 1, files with errors 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	// worst first: the unreadable file, then the error, then warnings
	order := []string{"missing.md  ", "mislabeled.md  ", "blended.md  ", "untitled.md  ", "not-product.txt  ", "pm-ok.md  "}
	last := -1
	table := out[strings.Index(out, "file  "):]
	for _, o := range order {
		i := strings.Index(table, o)
		if i < last {
			t.Errorf("%s is out of order in the table:\n%s", o, table)
		}
		last = i
	}
}

func TestSARIFFields(t *testing.T) {
	results := fixedResults(t)
	var buf bytes.Buffer
	if err := SARIF(&buf, results, Options{Version: "v1.2.3"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID, Name                          string
						ShortDescription, FullDescription struct{ Text string }
						Help                              struct{ Text string }
						DefaultConfiguration              struct{ Level string }
					}
				}
			}
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct {
					Level     string
					Message   struct{ Text string }
					Locations []struct {
						PhysicalLocation struct{ ArtifactLocation struct{ URI string } }
					}
				}
			}
			ColumnKind string
			Results    []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				PartialFingerprints map[string]string
				Fixes               []struct {
					Description     struct{ Text string }
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   struct{ ByteOffset, ByteLength int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Schema == "" || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("$schema %q, version %q, %d runs", log.Schema, log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "jdlint" || d.Version != "v1.2.3" || d.InformationURI != "https://github.com/jdlint/jdlint" {
		t.Errorf("driver %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	all := rules.All()
	if len(d.Rules) != len(all) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(all))
	}
	levels := map[rules.Severity]string{rules.Error: "error", rules.Warning: "warning", rules.Info: "note"}
	for i, r := range d.Rules {
		if r.ID != all[i].ID || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
			t.Errorf("rule %d incomplete: %+v", i, r)
		}
		if r.DefaultConfiguration.Level != levels[all[i].Default] {
			t.Errorf("rule %s level %q, want %q", r.ID, r.DefaultConfiguration.Level, levels[all[i].Default])
		}
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	// every finding is a result, in order
	var findings []rules.Finding
	var owners []lint.Result
	for _, r := range results {
		for _, f := range r.Findings {
			findings = append(findings, f)
			owners = append(owners, r)
		}
	}
	if len(run.Results) != len(findings) {
		t.Fatalf("%d results, want %d", len(run.Results), len(findings))
	}
	fixes := 0
	for i, res := range run.Results {
		f, owner := findings[i], owners[i]
		if res.RuleID != f.Rule || d.Rules[res.RuleIndex].ID != f.Rule {
			t.Errorf("result %d: ruleId %q ruleIndex %d, want %s", i, res.RuleID, res.RuleIndex, f.Rule)
		}
		if res.Level != levels[f.Severity] || res.Message.Text != f.Message {
			t.Errorf("result %d: level %q message %q", i, res.Level, res.Message.Text)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		wantURI := filepath.ToSlash(owner.Path)
		if loc.ArtifactLocation.URI != wantURI {
			t.Errorf("result %d: uri %q, want %q", i, loc.ArtifactLocation.URI, wantURI)
		}
		rg := loc.Region
		if rg.StartLine != f.Span.Line || rg.StartColumn != f.Span.Column || rg.EndLine != f.Span.EndLine || rg.EndColumn != f.Span.EndColumn+1 {
			t.Errorf("result %d: region %+v for span %+v", i, rg, f.Span)
		}
		if fp := res.PartialFingerprints[FingerprintKey]; fp == "" || fp != lint.Fingerprint(owner, f) {
			t.Errorf("result %d: fingerprint %q", i, fp)
		}
		if f.Fix == nil {
			if len(res.Fixes) != 0 {
				t.Errorf("result %d: fixes without a fix", i)
			}
			continue
		}
		fixes++
		if len(res.Fixes) != 1 || len(res.Fixes[0].ArtifactChanges) != 1 || res.Fixes[0].Description.Text == "" {
			t.Fatalf("result %d: fixes %+v", i, res.Fixes)
		}
		ch := res.Fixes[0].ArtifactChanges[0]
		if ch.ArtifactLocation.URI != wantURI || len(ch.Replacements) != len(f.Fix.Edits) {
			t.Fatalf("result %d: change %+v", i, ch)
		}
		// applying the replacements gives what applying the edits gives
		src := owner.Src()
		var got, want bytes.Buffer
		at := 0
		for k, rep := range ch.Replacements {
			got.Write(src[at:rep.DeletedRegion.ByteOffset])
			got.WriteString(rep.InsertedContent.Text)
			at = rep.DeletedRegion.ByteOffset + rep.DeletedRegion.ByteLength
			e := f.Fix.Edits[k]
			if rep.DeletedRegion.ByteOffset != e.Start || rep.DeletedRegion.ByteLength != e.End-e.Start || rep.InsertedContent.Text != e.New {
				t.Errorf("result %d: replacement %+v, edit %+v", i, rep, e)
			}
		}
		got.Write(src[at:])
		at = 0
		for _, e := range f.Fix.Edits {
			want.Write(src[at:e.Start])
			want.WriteString(e.New)
			at = e.End
		}
		want.Write(src[at:])
		if got.String() != want.String() {
			t.Errorf("result %d: replacements do not apply as the edits do", i)
		}
	}
	if fixes != 4 {
		t.Errorf("%d results with fixes, want the 4 of the fixed results", fixes)
	}
	// the unreadable file is an error notification, and the run says it did not fully
	// succeed; the skipped file and the parse notice are notes
	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 3 {
		t.Fatalf("invocations %+v", inv)
	}
	for i, want := range []struct{ level, text, uri string }{
		{"error", "missing.md", "careers/missing.md"},
		{"note", "binary content", "careers/logo.md"},
		{"note", "malformed front matter", "careers/untitled.md"},
	} {
		n := inv[0].ToolExecutionNotifications[i]
		if n.Level != want.level || !strings.Contains(n.Message.Text, want.text) || n.Locations[0].PhysicalLocation.ArtifactLocation.URI != want.uri {
			t.Errorf("notification %d: %+v, want %s %q at %s", i, n, want.level, want.text, want.uri)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	cwd := filepath.FromSlash("/repo")
	for _, tc := range []struct{ path, want string }{
		{"careers/po.md", "careers/po.md"},
		{"./careers/po.md", "careers/po.md"},
		{"careers/a b#1.md", "careers/a%20b%231.md"},
		{"a:b.md", "a%3Ab.md"},
		{"/repo/x/y.md", "x/y.md"},
		{"/elsewhere/y.md", "file:///elsewhere/y.md"},
		{"-", "stdin"},
	} {
		if filepath.Separator != '/' {
			t.Skip("unix paths")
		}
		path := tc.path
		if !filepath.IsAbs(path) && path != "-" {
			path = filepath.Join(cwd, path)
		}
		if got := sarifURI(cwd, path); got != tc.want {
			t.Errorf("sarifURI(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestFingerprintStable: a finding keeps its SARIF fingerprint when lines are added above it.
func TestFingerprintStable(t *testing.T) {
	src, err := os.ReadFile("testdata/mixed/blended.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	moved := bytes.Replace(src, []byte("## What you'll do\n"), []byte("\n\n## What you'll do\n"), 1)
	if err := os.WriteFile(a, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, moved, 0o644); err != nil {
		t.Fatal(err)
	}
	ra, rb := lintPaths(t, a)[0], lintPaths(t, b)[0]
	if len(ra.Findings) == 0 || len(ra.Findings) != len(rb.Findings) {
		t.Fatalf("%d and %d findings", len(ra.Findings), len(rb.Findings))
	}
	for i := range ra.Findings {
		fa, fb := ra.Findings[i], rb.Findings[i]
		if fa.Span.Line > 4 && fa.Span.Line == fb.Span.Line {
			t.Errorf("finding %d did not move", i)
		}
		if lint.Fingerprint(ra, fa) != lint.Fingerprint(rb, fb) {
			t.Errorf("finding %d (%s) changed fingerprint when it moved", i, fa.Rule)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	a := annotation{level: "warning", file: "jobs/a,b:c.md", line: 3, col: 1, endLine: 4, endCol: 2,
		title: "jdlint role-blended", message: "100% PO, 0% PM: see\nline two\r\nend"}
	want := "::warning file=jobs/a%2Cb%3Ac.md,line=3,col=1,endLine=4,endColumn=2,title=jdlint role-blended::" +
		"100%25 PO, 0%25 PM: see%0Aline two%0D%0Aend"
	if got := a.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := escapeProperty("a%b\nc:d,e\r"); got != "a%25b%0Ac%3Ad%2Ce%0D" {
		t.Errorf("escapeProperty: %s", got)
	}
	// through the formatter: a finding whose message has all four, a file error, an info
	results := []lint.Result{
		{Path: "x,y.md", Findings: []rules.Finding{
			{Rule: "off-role-duty", Severity: rules.Info, Span: nlp.Span{Line: 2, Column: 1, EndLine: 2, EndColumn: 9}, Message: "info"},
			{Rule: "role-mislabeled", Severity: rules.Error, Span: nlp.Span{Line: 1, Column: 3, EndLine: 1, EndColumn: 20},
				Message: "50% of it, say: \"a, b\"\nsecond line"},
		}},
		{Path: "gone.md", Err: fmt.Errorf("read gone.md: no such file")},
		{Path: "w.md", Findings: []rules.Finding{{Rule: "role-blended", Severity: rules.Warning, Span: nlp.Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 5}, Message: "w"}}},
	}
	var buf bytes.Buffer
	if err := GitHub(&buf, results, Options{}); err != nil {
		t.Fatal(err)
	}
	wantLines := []string{
		`::error file=x%2Cy.md,line=1,col=3,endLine=1,endColumn=20,title=jdlint role-mislabeled::50%25 of it, say: "a, b"%0Asecond line`,
		`::error file=gone.md,title=jdlint::read gone.md: no such file`,
		`::warning file=w.md,line=1,col=1,endLine=1,endColumn=5,title=jdlint role-blended::w`,
		`::notice file=x%2Cy.md,line=2,col=1,endLine=2,endColumn=9,title=jdlint off-role-duty::info`,
	}
	if got := strings.TrimSuffix(buf.String(), "\n"); got != strings.Join(wantLines, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(wantLines, "\n"))
	}
}

func TestGitHubOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := GitHub(&buf, fixedResults(t), Options{}); err != nil {
		t.Fatal(err)
	}
	rank := map[string]int{"error": 3, "warning": 2, "notice": 1}
	prev := 4
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	for _, l := range lines {
		level := strings.TrimPrefix(l[:strings.Index(l, " ")], "::")
		if rank[level] == 0 || rank[level] > prev {
			t.Errorf("out of order or unknown: %s", l)
		}
		prev = rank[level]
	}
	if len(lines) != 10 {
		t.Errorf("%d annotations, want 10 (7 findings, the missing file and 2 notices)", len(lines))
	}
}

// synthetic returns n results of k findings each with long messages, and no sources.
func synthetic(n, k int, sev rules.Severity) []lint.Result {
	var out []lint.Result
	for i := 0; i < n; i++ {
		r := lint.Result{Path: fmt.Sprintf("jobs/p%04d.md", i)}
		for j := 0; j < k; j++ {
			r.Findings = append(r.Findings, rules.Finding{Rule: "off-role-duty", Severity: sev,
				Span: nlp.Span{Line: j + 1, Column: 1, EndLine: j + 1, EndColumn: 10}, Message: strings.Repeat("long message ", 30)})
		}
		out = append(out, r)
	}
	return out
}

func TestMarkdownLimits(t *testing.T) {
	t.Run("table cap", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Markdown(&buf, fixedResults(t), Options{MaxRows: 2}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		note := "_6 more postings not shown (3 with findings, listed below)._"
		if !strings.Contains(out, note) {
			t.Fatalf("no note on the rows left out:\n%s", out)
		}
		table := out[strings.Index(out, "| Posting |"):strings.Index(out, note)]
		if n := strings.Count(table, "\n| "); n != 2 { // the header is not after a newline, the separator is |-
			t.Errorf("%d table rows, want 2:\n%s", n, table)
		}
	})
	t.Run("size cap", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Markdown(&buf, synthetic(3000, 5, rules.Warning), Options{}); err != nil {
			t.Fatal(err)
		}
		if buf.Len() >= 1<<20 {
			t.Errorf("markdown is %d bytes, want under 1 MiB", buf.Len())
		}
		if !regexp.MustCompile(`_\d+ more findings in \d+ postings left out to keep this summary under GitHub's 1 MiB limit`).Match(buf.Bytes()) {
			t.Errorf("no note on the findings left out")
		}
		if !strings.Contains(buf.String(), "_2950 more postings not shown (2950 with findings, listed below)._") {
			t.Errorf("no note on the rows left out")
		}
	})
	t.Run("annotations", func(t *testing.T) {
		results := append(synthetic(12, 1, rules.Error), synthetic(3, 4, rules.Info)...)
		var buf bytes.Buffer
		if err := Markdown(&buf, results, Options{}); err != nil {
			t.Fatal(err)
		}
		want := "it drops 2 of 12 errors and 2 of 12 notices from the github report's annotations"
		if !strings.Contains(buf.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, buf.String()[:800])
		}
		buf.Reset()
		if err := Markdown(&buf, synthetic(10, 1, rules.Error), Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "GitHub shows at most") {
			t.Errorf("a note on dropped annotations with only 10 errors")
		}
	})
	t.Run("escaping", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Markdown(&buf, fixedResults(t), Options{LinkBase: "https://github.com/o/r/blob/abc"}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, want := range []string{`Cards \& \<Wallets\>`, "(https://github.com/o/r/blob/abc/careers/mislabeled.md#L1)"} {
			if !strings.Contains(out, want) {
				t.Errorf("markdown lacks %q", want)
			}
		}
		if strings.Contains(out, "<Wallets>") {
			t.Errorf("markdown has raw <Wallets>")
		}
	})
}

func TestHTMLSelfContained(t *testing.T) {
	results := fixedResults(t)
	var buf bytes.Buffer
	if err := HTML(&buf, results, Options{Version: "v1"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "<link", " src=", "@import", "url(", "<Wallets>", "<Product Manager>"} {
		if strings.Contains(out, bad) {
			t.Errorf("html has %q", bad)
		}
	}
	for _, want := range []string{
		"<svg", "&lt;Wallets&gt;", // the title, escaped
		"<ins>Partner with the &lt;Product Manager&gt; &amp; &#34;Finance&#34;, who own the pricing model</ins>", // a fix, escaped
		"<del>Own the pricing model</del>",
		"Own the pricing model for transaction fees", // an evidence sentence
		"could not be linted",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if n := strings.Count(out, `<rect class="dot `); n != 7 {
		t.Errorf("%d postings in the chart, want 7 (all but the missing file)", n)
	}
}

func TestFixHunks(t *testing.T) {
	src := []byte("# Title\r\nfirst line here\nsecond line\n\nlast")
	fix := &rules.Fix{Edits: []rules.Edit{{Start: 9, End: 14, New: "1st"}, {Start: 25, End: 31, New: "2nd"}, {Start: 38, End: 42, New: "end\nmore"}}}
	got := fixHunks(src, fix)
	want := []hunk{
		{Line: 2, Before: "first line here\nsecond line", After: "1st line here\n2nd line"},
		{Line: 5, Before: "last", After: "end\nmore"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d hunks: %+v", len(got), got)
	}
	for i := range want {
		if got[i].Line != want[i].Line || got[i].Before != want[i].Before || got[i].After != want[i].After {
			t.Errorf("hunk %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if fixHunks(src, &rules.Fix{Edits: []rules.Edit{{Start: 3, End: 99}}}) != nil {
		t.Errorf("an edit past the end gave hunks")
	}
}
