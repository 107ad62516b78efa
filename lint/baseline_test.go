package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/report"
	"github.com/jdlint/jdlint/rules"
)

// A Product Owner posting with one Product Manager duty (off-role-duty).
const accepted = `# Product Owner

## What you will do

- Own and order the product backlog
- Write user stories with acceptance criteria
- Run sprint reviews with the Scrum team
- Set pricing and the go-to-market strategy
- Accept completed work against the Definition of Done
`

func runLint(t *testing.T, paths ...string) []lint.Result {
	t.Helper()
	o, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return lint.Run(lint.Options{Paths: paths, NLP: o, Jobs: 2})
}

func findings(res []lint.Result) []string {
	var out []string
	for _, r := range res {
		for _, f := range r.Findings {
			out = append(out, f.Rule+"@"+strings.TrimSpace(string(r.Src()[f.Span.Start:f.Span.End])))
		}
	}
	return out
}

// writeBaseline writes a baseline the way --write-baseline does: a JSON report.
func writeBaseline(t *testing.T, path string, res []lint.Result) {
	t.Helper()
	var buf bytes.Buffer
	if err := report.JSON(&buf, res, report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBaselineSurvivesEdits(t *testing.T) {
	dir := t.TempDir()
	post := filepath.Join(dir, "po.md")
	base := filepath.Join(dir, "baseline.json")
	if err := os.WriteFile(post, []byte(accepted), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runLint(t, post)
	before := findings(res)
	if len(before) == 0 {
		t.Fatal("the test posting has no findings (recalibrated? pick a clearer off-role sentence)")
	}
	writeBaseline(t, base, res)

	b, err := lint.ReadBaseline(base)
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != len(before) {
		t.Errorf("baseline holds %d findings, the report %d", b.Len(), len(before))
	}
	b.Filter(res)
	if got := findings(res); len(got) != 0 {
		t.Errorf("the baseline did not accept its own findings: %v", got)
	}
	if lint.ExitCode(res, rules.Info) != 0 {
		t.Error("accepted findings still fail the run")
	}

	// Lines added above the finding move it; it stays accepted.
	edited := strings.Replace(accepted, "## What you will do\n", "Join a team that ships weekly.\n\nWe are remote first.\n\n## What you will do\n\n", 1)
	if err := os.WriteFile(post, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	res = runLint(t, post)
	if moved := findings(res); len(moved) != len(before) {
		t.Fatalf("editing above changed the findings: %v -> %v", before, moved)
	}
	b.Filter(res)
	if got := findings(res); len(got) != 0 {
		t.Errorf("after edits above, accepted findings came back: %v", got)
	}

	// A new off-role sentence is reported, and only it.
	added := strings.Replace(edited, "- Accept completed", "- Own the P&L and the business case for new markets\n- Accept completed", 1)
	if err := os.WriteFile(post, []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	res = runLint(t, post)
	all := findings(res)
	b.Filter(res)
	got := findings(res)
	if len(got) == 0 || len(got) >= len(all) {
		t.Fatalf("after adding a sentence: %v reported of %v", got, all)
	}
	for _, f := range got {
		if !strings.Contains(f, "business case") && !strings.Contains(f, "Product Owner") {
			t.Errorf("reported %q, which the baseline accepts", f)
		}
	}
}

func TestBaselineCountsDuplicates(t *testing.T) {
	dir := t.TempDir()
	post := filepath.Join(dir, "po.md")
	base := filepath.Join(dir, "baseline.json")
	os.WriteFile(post, []byte(accepted), 0o644)
	res := runLint(t, post)
	n := 0
	for _, f := range res[0].Findings {
		if f.Rule == "off-role-duty" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("want one off-role-duty finding, got %d", n)
	}
	writeBaseline(t, base, res)
	// the accepted sentence pasted twice: one copy is accepted, the other is new
	twice := strings.Replace(accepted, "- Accept completed", "- Set pricing and the go-to-market strategy\n- Accept completed", 1)
	os.WriteFile(post, []byte(twice), 0o644)
	res = runLint(t, post)
	b, err := lint.ReadBaseline(base)
	if err != nil {
		t.Fatal(err)
	}
	b.Filter(res)
	left := 0
	for _, f := range res[0].Findings {
		if f.Rule == "off-role-duty" {
			left++
		}
	}
	if left != 1 {
		t.Errorf("%d off-role-duty findings left, want the one copy the baseline does not cover", left)
	}
}

func TestBaselineMatchesFileAndRule(t *testing.T) {
	dir := t.TempDir()
	a, c := filepath.Join(dir, "a.md"), filepath.Join(dir, "c.md")
	os.WriteFile(a, []byte(accepted), 0o644)
	os.WriteFile(c, []byte(accepted), 0o644)
	res := runLint(t, a)
	base := filepath.Join(dir, "baseline.json")
	writeBaseline(t, base, res)
	b, err := lint.ReadBaseline(base)
	if err != nil {
		t.Fatal(err)
	}
	// the same text in another file is not accepted
	other := runLint(t, c)
	n := len(findings(other))
	b.Filter(other)
	if len(findings(other)) != n {
		t.Error("a baseline entry of a.md accepted a finding in c.md")
	}
	// a path written differently (./a.md vs a.md) is the same file
	t.Chdir(dir)
	rel := runLint(t, "./a.md")
	b2, err := lint.ParseBaseline("b.json", []byte(`{"version":1,"files":[{"path":"a.md","findings":[`+
		strings.Join(fingerprints(rel), ",")+`]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	b2.Filter(rel)
	if got := findings(rel); len(got) != 0 {
		t.Errorf("./a.md vs a.md: %v left", got)
	}
}

func fingerprints(res []lint.Result) []string {
	var out []string
	for _, r := range res {
		for _, f := range r.Findings {
			out = append(out, `{"rule":"`+f.Rule+`","fingerprint":"`+lint.Fingerprint(r, f)+`"}`)
		}
	}
	return out
}

func TestBaselineErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"not JSON", "rules: []\n", "b.json:1: not JSON"},
		{"not a report", `{"files": []}`, "not a jdlint JSON report"},
		{"wrong version", `{"version": 2, "files": []}`, "report version 2; this jdlint reads version 1"},
		{"wrong shape", `{"version": 1, "files": {"a": 1}}`, "not a jdlint JSON report"},
	}
	for _, tt := range tests {
		_, err := lint.ParseBaseline("b.json", []byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := lint.ReadBaseline(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing baseline: err = %v", err)
	}
	// an empty report is a valid, empty baseline
	b, err := lint.ParseBaseline("b.json", []byte(`{"version":1,"files":[]}`))
	if err != nil || b.Len() != 0 {
		t.Errorf("empty report: %v, %d", err, b.Len())
	}
}

func TestBaselineWithoutFingerprint(t *testing.T) {
	dir := t.TempDir()
	post := filepath.Join(dir, "po.md")
	os.WriteFile(post, []byte(accepted), 0o644)
	res := runLint(t, post)
	if len(res[0].Findings) == 0 {
		t.Fatal("no findings")
	}
	f := res[0].Findings[0]
	// a hand-written entry without a fingerprint matches by rule, line and column
	data := `{"version":1,"files":[{"path":` + quote(filepath.ToSlash(post)) + `,"findings":[{"rule":"` + f.Rule +
		`","line":` + strconv.Itoa(f.Span.Line) + `,"column":` + strconv.Itoa(f.Span.Column) + `}]}]}`
	b, err := lint.ParseBaseline("b.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	n := len(res[0].Findings)
	b.Filter(res)
	if len(res[0].Findings) != n-1 {
		t.Errorf("%d findings left of %d", len(res[0].Findings), n)
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
