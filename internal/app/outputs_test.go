package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/report"
)

// TestOutputsEveryFormat: one run writes every format to a file with --output FORMAT=FILE,
// each the same as that format on stdout, while github annotations go to stdout.
func TestOutputsEveryFormat(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	t.Setenv("GITHUB_SERVER_URL", "")
	mixed := filepath.Join("..", "..", "report", "testdata", "mixed")
	dir := t.TempDir()
	checks := map[string]func([]byte) bool{
		"text":     func(b []byte) bool { return bytes.Contains(b, []byte("postings by detected role")) },
		"line":     func(b []byte) bool { return bytes.Contains(b, []byte(": error role-mislabeled: ")) },
		"json":     func(b []byte) bool { return json.Valid(b) && bytes.Contains(b, []byte(`"version": 1`)) },
		"sarif":    func(b []byte) bool { return json.Valid(b) && bytes.Contains(b, []byte(`"version": "2.1.0"`)) },
		"github":   func(b []byte) bool { return bytes.HasPrefix(b, []byte("::error file=")) },
		"markdown": func(b []byte) bool { return bytes.HasPrefix(b, []byte("## jdlint report")) },
		"html":     func(b []byte) bool { return bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) },
		"diff":     func(b []byte) bool { return bytes.Contains(b, []byte("+++ ")) },
	}
	var outputs []string
	for _, f := range report.Formats {
		if checks[f] == nil {
			t.Fatalf("no check for format %s", f)
		}
		outputs = append(outputs, f+"="+filepath.Join(dir, "report."+f))
	}
	var stdout, stderr bytes.Buffer
	code := Lint(Options{Paths: []string{mixed}, Format: "github", Outputs: outputs, Jobs: 2,
		NoConfig: true, Stdout: &stdout, Stderr: &stderr})
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFindings, stderr.String())
	}
	if !checks["github"](stdout.Bytes()) {
		t.Errorf("stdout is not github annotations: %q", stdout.String())
	}
	for _, f := range report.Formats {
		b, err := os.ReadFile(filepath.Join(dir, "report."+f))
		if err != nil {
			t.Fatalf("--output %s: %v", f, err)
		}
		if !checks[f](b) {
			t.Errorf("--output %s wrote something else:\n%.300s", f, b)
		}
		// a file report is the stdout report of the same format, colors aside
		var alone bytes.Buffer
		if code := Lint(Options{Paths: []string{mixed}, Format: f, Jobs: 1, NoConfig: true, Stdout: &alone, Stderr: &bytes.Buffer{}}); code == ExitError {
			t.Fatalf("--format %s: exit 2", f)
		}
		want := alone.Bytes()
		if f == "markdown" {
			// with github annotations in the same run, the summary may add the note on
			// dropped annotations; the mixed folder has too few for one
			if strings.Contains(string(b), "GitHub shows at most") {
				t.Errorf("markdown notes dropped annotations for 8 annotations")
			}
		}
		if !bytes.Equal(b, want) {
			t.Errorf("--output %s differs from --format %s", f, f)
		}
	}
}

// TestOutputStepSummaryAppends: GITHUB_STEP_SUMMARY is appended to, as other steps write it.
func TestOutputStepSummaryAppends(t *testing.T) {
	mixed := filepath.Join("..", "..", "report", "testdata", "mixed", "po-ok.md")
	summary := filepath.Join(t.TempDir(), "step_summary")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	for i := 0; i < 2; i++ {
		if code := Lint(Options{Paths: []string{mixed}, Format: "line", Outputs: []string{"markdown=" + summary}, NoConfig: true,
			Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}); code != ExitClean {
			t.Fatalf("exit %d", code)
		}
	}
	b, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "earlier step\n## jdlint report") || strings.Count(string(b), "## jdlint report") != 2 {
		t.Errorf("step summary not appended to:\n%s", b)
	}
}
