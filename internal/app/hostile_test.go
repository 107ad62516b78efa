package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// Hostile file names and posting text on stderr and in `jdlint tag` (issue 14, item 10):
// every message is one line, and no control character reaches the terminal or the log.

// forge is what a hostile name or posting carries: a new line that looks like a result or a
// workflow command, and escape sequences (window title, clear screen, clipboard).
const forge = "\nforged.md:1:1: error role-mislabeled: forged\n::stop-commands::pwned\n\x1b]0;pwned\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\u202e\u009b"

// checkOneLineEach fails when out holds a control character other than the line ends (or a
// byte that is not UTF-8), or a line that does not start with prefix.
func checkOneLineEach(t *testing.T, what string, out []byte, prefix string) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Errorf("%s: not UTF-8: %q", what, out)
		return
	}
	for _, r := range string(out) {
		if r != '\n' && (r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s: raw %U in %q", what, r, out)
			return
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if !strings.HasPrefix(line, prefix) {
			t.Errorf("%s: line %q does not start with %q (a forged line)", what, line, prefix)
		}
	}
}

func TestHostileStderr(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	posting := "# Product Owner, Payments\n\n- Own the product backlog\n"
	if err := os.WriteFile("ok.md", []byte(posting), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := ""
	if runtime.GOOS != "windows" {
		// a FIFO in a folder is skipped with a message that names it
		if err := os.Mkdir("folder", 0o755); err != nil {
			t.Fatal(err)
		}
		fifo = filepath.Join("folder", "pipe"+forge+".md")
		if out, err := exec.Command("mkfifo", fifo).CombinedOutput(); err != nil {
			t.Logf("no FIFO: %v %s", err, out)
			fifo = ""
		}
	}
	for _, tt := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"missing file", []string{"jdlint", "--no-config", "gone" + forge + ".md", "ok.md"}, `gone\nforged.md`},
		{"unknown flag", []string{"jdlint", "--x" + forge, "ok.md"}, `unknown flag --x\nforged.md`},
		{"bad flag value", []string{"jdlint", "--fail-level", "x" + forge, "ok.md"}, `--fail-level "x\nforged.md`},
		{"missing config", []string{"jdlint", "--config", "c" + forge + ".yml", "ok.md"}, `c\nforged.md`},
		{"missing baseline", []string{"jdlint", "--no-config", "--baseline", "b" + forge + ".json", "ok.md"}, `b\nforged.md`},
		{"explain", []string{"jdlint", "explain", "rule" + forge}, `explain rule\nforged.md`},
		{"tag of a missing file", []string{"jdlint", "tag", "--no-config", "gone" + forge + ".md"}, `gone\nforged.md`},
		{"skipped FIFO", []string{"jdlint", "--no-config", "folder"}, `"folder/pipe\nforged.md`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "skipped FIFO" && fifo == "" {
				t.Skip("no FIFO on this system")
			}
			var stdout, stderr bytes.Buffer
			Main(tt.args, strings.NewReader(""), &stdout, &stderr)
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr does not name the input escaped (%s):\n%s", tt.want, stderr.String())
			}
			// every line is jdlint's own; usage errors add the hint line
			out := strings.ReplaceAll(stderr.String(), usageHint+"\n", "jdlint: "+usageHint+"\n")
			checkOneLineEach(t, "stderr", []byte(out), "jdlint: ")
		})
	}
}

func TestHostileTag(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	src := "# Product Owner, Payments" + strings.ReplaceAll(forge, "\n", " ") + "\n\n" +
		"## The role\x1b]0;heading\x07\n\n" +
		"- Own the product backlog\x1b[2J and order it by value" + strings.ReplaceAll(forge, "\n", "\r") + "\n" +
		"- Write user stories\u202e with the team\n"
	name := "p" + forge + ".md"
	if runtime.GOOS == "windows" {
		name = "p.md"
	}
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"jdlint", "tag", "--no-config", name}, strings.NewReader(""), &stdout, &stderr); code != ExitClean {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	checkOneLineEach(t, "tag", stdout.Bytes(), "")
	for _, line := range strings.Split(stdout.String(), "\n") {
		if t2 := strings.TrimLeft(line, " "); strings.HasPrefix(t2, "forged") || strings.HasPrefix(t2, "::") {
			t.Errorf("tag printed a forged line: %q\n%s", line, stdout.String())
		}
	}
	if !strings.Contains(stdout.String(), `\x1b[2J`) {
		t.Errorf("tag does not show the escape sequence escaped:\n%s", stdout.String())
	}
}
