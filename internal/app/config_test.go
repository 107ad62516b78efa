package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mislabeled is a posting with a role-mislabeled error.
func mislabeled(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "report", "testdata", "mixed", "mislabeled.md"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNoInlineConfig: --no-inline-config makes a posting's jdlint-disable directives turn
// nothing off, with a notice, so that a pull request cannot switch checks off in CI.
func TestNoInlineConfig(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "posting.md")
	src := append([]byte("<!-- jdlint-disable-file -->\n"), mislabeled(t)...)
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(noInline bool) (int, string) {
		var stdout, stderr bytes.Buffer
		code := Lint(Options{Paths: []string{p}, Format: "line", NoConfig: true, NoInline: noInline, Stdout: &stdout, Stderr: &stderr})
		return code, stdout.String() + stderr.String()
	}
	if code, out := run(false); code != ExitClean {
		t.Fatalf("with the directive applied: exit %d, want 0\n%s", code, out)
	}
	code, out := run(true)
	if code != ExitFindings || !strings.Contains(out, "role-mislabeled") {
		t.Errorf("--no-inline-config: exit %d, want 1 with the finding\n%s", code, out)
	}
	var stdout bytes.Buffer
	Lint(Options{Paths: []string{p}, Format: "json", NoConfig: true, NoInline: true, Stdout: &stdout, Stderr: &bytes.Buffer{}})
	if !strings.Contains(stdout.String(), "ignored: --no-inline-config") {
		t.Errorf("no notice that the directive was ignored:\n%s", stdout.String())
	}
	// the command line reads the flag
	var stderr bytes.Buffer
	if code := Main([]string{"jdlint", "--no-config", "--no-inline-config", "-f", "line", p}, nil, &bytes.Buffer{}, &stderr); code != ExitFindings {
		t.Errorf("jdlint --no-inline-config: exit %d, want 1; stderr %s", code, stderr.String())
	}
}

// TestPrintConfig: --print-config FILE names the config that applies and prints the merged
// settings as a config file that jdlint reads back.
func TestPrintConfig(t *testing.T) {
	top := t.TempDir()
	if err := os.MkdirAll(filepath.Join(top, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := "rules:\n  role-blended: off\nthresholds:\n  blend_low: 0.25\nignore:\n  - drafts/**\nmax_size: 1MiB\n" +
		"titles:\n  Product Lead: PM\nvocabulary:\n  add:\n    po-backlog:\n      - sprint goal\n" +
		"  categories:\n    - id: po-pi\n      role: PO\n      label: PI planning\n      source: our playbook\n      phrases: [pi planning]\n"
	if err := os.WriteFile(filepath.Join(top, ".jdlint.yml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	posting := filepath.Join(top, "drafts", "a.md")
	print := func(o Options) (int, string, string) {
		var stdout, stderr bytes.Buffer
		o.Stdout, o.Stderr = &stdout, &stderr
		code := Lint(o)
		return code, stdout.String(), stderr.String()
	}
	code, out, errs := print(Options{PrintConfig: posting, Disable: []string{"title-missing"}})
	if code != ExitClean {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"# config: " + filepath.Join(top, ".jdlint.yml") + " (the nearest .jdlint.yml)",
		"matches an ignore pattern",
		"inline jdlint directives: applied",
		"  role-blended: off\n", "  title-missing: off\n", "  role-mislabeled: error\n",
		"  blend_low: 0.25\n", "  blend_high: 0.55\n",
		"max_size: 1MiB\n", "- drafts/**\n", "product lead: PM\n", "- sprint goal\n", "- id: po-pi\n", "source: our playbook\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--print-config output lacks %q:\n%s", want, out)
		}
	}
	// the output is a config jdlint reads back, to the same merged settings
	printed := filepath.Join(t.TempDir(), "printed.yml")
	if err := os.WriteFile(printed, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	code, again, errs := print(Options{PrintConfig: posting, Config: printed})
	if code != ExitClean {
		t.Fatalf("the printed config does not load: exit %d: %s", code, errs)
	}
	strip := func(s string) string { // the comments name the file; the settings must agree
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(l, "#") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(again) != strip(out) {
		t.Errorf("the printed config reads back differently:\n%s\nvs\n%s", again, out)
	}
	// no config, and flags
	code, out, _ = print(Options{PrintConfig: posting, NoConfig: true, NoInline: true, MaxSize: 2048})
	if code != ExitClean || !strings.Contains(out, "# config: none (--no-config)") || !strings.Contains(out, "ignored (--no-inline-config)") ||
		!strings.Contains(out, "max_size: 2KiB") || !strings.Contains(out, "  role-blended: warning\n") {
		t.Errorf("--print-config --no-config: exit %d:\n%s", code, out)
	}
	// a broken config is its error, exit 2
	if err := os.WriteFile(filepath.Join(top, ".jdlint.yml"), []byte("rules: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := print(Options{PrintConfig: posting}); code != ExitError || !strings.Contains(errs, ".jdlint.yml") {
		t.Errorf("broken config: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := print(Options{PrintConfig: posting, Paths: []string{"x.md"}}); code != ExitError || !strings.Contains(errs, "--print-config") {
		t.Errorf("--print-config with a path: exit %d, stderr %q", code, errs)
	}
	// the command line reads the flag
	var stdout bytes.Buffer
	if code := Main([]string{"jdlint", "--no-config", "--print-config", posting}, nil, &stdout, &bytes.Buffer{}); code != ExitClean || !strings.Contains(stdout.String(), "rules:") {
		t.Errorf("jdlint --print-config: exit %d\n%s", code, stdout.String())
	}
}
