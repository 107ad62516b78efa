package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
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

// TestOutputNeverAppends: --output replaces its file whatever it is called; it used to
// append, without a word, to a path ending in step_summary or named in GITHUB_STEP_SUMMARY.
func TestOutputNeverAppends(t *testing.T) {
	posting := filepath.Join("..", "..", "report", "testdata", "mixed", "po-ok.md")
	summary := filepath.Join(t.TempDir(), "step_summary")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	for i := 0; i < 2; i++ {
		if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code := Lint(Options{Paths: []string{posting}, Format: "line", Outputs: []string{"markdown=" + summary}, NoConfig: true,
			Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}); code != ExitClean {
			t.Fatalf("exit %d", code)
		}
		b, err := os.ReadFile(summary)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), "## jdlint report") {
			t.Errorf("--output did not replace %s:\n%s", summary, b)
		}
		t.Setenv("GITHUB_STEP_SUMMARY", "") // the name alone, too
	}
}

// TestAppendStepSummary: --append adds the report to the file, as GITHUB_STEP_SUMMARY needs
// (other steps write there too), and creates a missing one.
func TestAppendStepSummary(t *testing.T) {
	posting := filepath.Join("..", "..", "report", "testdata", "mixed", "po-ok.md")
	dir := t.TempDir()
	summary := filepath.Join(dir, "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	created := filepath.Join(dir, "new.md")
	for i := 0; i < 2; i++ {
		var stderr bytes.Buffer
		if code := Lint(Options{Paths: []string{posting}, Format: "line", Appends: []string{"markdown=" + summary, "markdown=" + created},
			NoConfig: true, Stdout: &bytes.Buffer{}, Stderr: &stderr}); code != ExitClean {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	b, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "earlier step\n## jdlint report") || strings.Count(string(b), "## jdlint report") != 2 {
		t.Errorf("step summary not appended to:\n%s", b)
	}
	if b, err := os.ReadFile(created); err != nil || strings.Count(string(b), "## jdlint report") != 2 {
		t.Errorf("--append to a missing file: %v\n%s", err, b)
	}
	for _, bad := range []string{"markdown=-", "markdown", "nope=x.md"} {
		var stderr bytes.Buffer
		if code := Lint(Options{Paths: []string{posting}, Appends: []string{bad}, NoConfig: true, Stdout: &bytes.Buffer{}, Stderr: &stderr}); code != ExitError ||
			!strings.Contains(stderr.String(), "--append") {
			t.Errorf("--append %s: exit %d, stderr %q; want a usage error", bad, code, stderr.String())
		}
	}
}

// TestOutputFileKinds: a report replaces a regular file keeping its mode, writes through a
// symlink to its target, and is refused for a folder, with exit 2.
func TestOutputFileKinds(t *testing.T) {
	posting := filepath.Join("..", "..", "report", "testdata", "mixed", "po-ok.md")
	dir := t.TempDir()
	kept := filepath.Join(dir, "kept.json")
	if err := os.WriteFile(kept, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(kept, 0o664); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.json")
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("target.json", link); err != nil {
		t.Skip(err)
	}
	run := func(outputs ...string) (int, string) {
		var stderr bytes.Buffer
		code := Lint(Options{Paths: []string{posting}, Format: "line", Outputs: outputs, WriteBaseline: "", NoConfig: true,
			Stdout: &bytes.Buffer{}, Stderr: &stderr})
		return code, stderr.String()
	}
	if code, stderr := run("json="+kept, "json="+link); code != ExitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if info, err := os.Stat(kept); err != nil || info.Mode().Perm() != 0o664 && runtime.GOOS != "windows" {
		t.Errorf("a 0664 report is now %v (%v)", info.Mode(), err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlinked report path was replaced by a file (%v)", err)
	}
	if b, err := os.ReadFile(target); err != nil || !json.Valid(b) {
		t.Errorf("the link's target holds no report: %v %q", err, b)
	}
	if code, stderr := run("json=" + dir); code != ExitError || !strings.Contains(stderr, "is a folder") {
		t.Errorf("--output to a folder: exit %d, stderr %q", code, stderr)
	}
}
