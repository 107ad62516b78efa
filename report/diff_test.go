package report

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// corpusDir is testdata/job_posts, absolute so that tests may change folder.
var corpusDir, _ = filepath.Abs(filepath.Join("..", "testdata", "job_posts"))

// copyPostings copies testdata/job_posts into dir/job_posts.
func copyPostings(t *testing.T, dir string) {
	t.Helper()
	src := corpusDir
	dst := filepath.Join(dir, "job_posts")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func snapshotDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func lintDir(t *testing.T, paths ...string) []lint.Result {
	t.Helper()
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return lint.Run(lint.Options{Paths: paths, Jobs: 2, NLP: nopts})
}

// TestDiffAppliesToCorpus checks that the diff of the whole corpus is a patch git and
// patch accept, that applying it gives exactly what --fix writes, and that printing it
// changed nothing on disk.
func TestDiffAppliesToCorpus(t *testing.T) {
	git, gitErr := exec.LookPath("git")
	patch, patchErr := exec.LookPath("patch")
	if gitErr != nil && patchErr != nil {
		t.Skip("neither git nor patch is installed")
	}
	for _, unsafe := range []bool{false, true} {
		name := "safe"
		if unsafe {
			name = "unsafe"
		}
		t.Run(name, func(t *testing.T) {
			base := t.TempDir()
			t.Chdir(base)
			copyPostings(t, base)
			before := snapshotDir(t, "job_posts")
			results := lintDir(t, "job_posts")
			var diff bytes.Buffer
			if err := Diff(&diff, results, Options{Unsafe: unsafe}); err != nil {
				t.Fatal(err)
			}
			if diff.Len() == 0 {
				t.Fatal("empty diff: the corpus has mislabeled postings")
			}
			for name, b := range snapshotDir(t, "job_posts") {
				if !bytes.Equal(b, before[name]) {
					t.Errorf("%s: printing the diff changed the file", name)
				}
			}
			if strings.Contains(diff.String(), "\x1b[") {
				t.Error("the diff holds ANSI escapes")
			}
			patchFile := filepath.Join(base, "fixes.patch")
			if err := os.WriteFile(patchFile, diff.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if gitErr == nil {
				if out, err := exec.Command(git, "apply", "--check", "--verbose", patchFile).CombinedOutput(); err != nil {
					t.Fatalf("git apply --check: %v\n%s", err, out)
				}
			}
			if patchErr == nil {
				if out, err := exec.Command(patch, "-p1", "--dry-run", "-i", patchFile).CombinedOutput(); err != nil {
					t.Fatalf("patch -p1 --dry-run: %v\n%s", err, out)
				}
			}
			// apply it for real in a second copy and compare with --fix in the first
			other := t.TempDir()
			copyPostings(t, other)
			apply := exec.Command(patch, "-p1", "-s", "-i", patchFile)
			if gitErr == nil {
				apply = exec.Command(git, "apply", patchFile)
			}
			apply.Dir = other
			if out, err := apply.CombinedOutput(); err != nil {
				t.Fatalf("%v: %v\n%s", apply.Args, err, out)
			}
			if _, errs := lint.ApplyFixes(results, unsafe, io.Discard); len(errs) > 0 {
				t.Fatal(errs)
			}
			fixed := snapshotDir(t, "job_posts")
			patched := snapshotDir(t, filepath.Join(other, "job_posts"))
			for name, b := range fixed {
				if !bytes.Equal(b, patched[name]) {
					t.Errorf("%s: the patched file differs from the --fix result", name)
				}
			}
		})
	}
}

// TestUnifiedDiff checks the hunks of small made-up files against golden files: context,
// merged hunks, CRLF, a missing final newline, changes at the start and end.
func TestUnifiedDiff(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		edits func(src string) []rules.Edit
	}{
		{"one-change", numbered(12, "\n"), func(s string) []rules.Edit {
			return []rules.Edit{replace(s, "line f", "line F")}
		}},
		{"merged-hunks", numbered(20, "\n"), func(s string) []rules.Edit {
			return []rules.Edit{replace(s, "line d", "LINE d"), replace(s, "line j", "line J"), replace(s, "line r", "line R")}
		}},
		{"adjacent-lines", numbered(9, "\n"), func(s string) []rules.Edit {
			return []rules.Edit{replace(s, "line d", "line D"), replace(s, "line e", "line E"), replace(s, "line f", "line F")}
		}},
		{"first-and-last-line", numbered(5, "\n"), func(s string) []rules.Edit {
			return []rules.Edit{replace(s, "line a", "# Title"), replace(s, "line e", "the end")}
		}},
		{"no-final-newline", strings.TrimSuffix(numbered(6, "\n"), "\n"), func(s string) []rules.Edit {
			return []rules.Edit{replace(s, "line f", "line F")}
		}},
		{"context-without-final-newline", strings.TrimSuffix(numbered(6, "\n"), "\n"), func(s string) []rules.Edit {
			return []rules.Edit{replace(s, "line d", "line D")}
		}},
		{"crlf", numbered(8, "\r\n"), func(s string) []rules.Edit {
			return []rules.Edit{replace(s, "line c", "line C")}
		}},
		{"new-line-inserted", numbered(4, "\n"), func(s string) []rules.Edit {
			at := strings.Index(s, "line b") + 6
			return []rules.Edit{{Start: at, End: at, New: "\nline b2"}}
		}},
		{"append-at-end", strings.TrimSuffix(numbered(3, "\n"), "\n"), func(s string) []rules.Edit {
			return []rules.Edit{{Start: len(s), End: len(s), New: "\n"}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			writeUnified(&b, "dir/posting.md", []byte(tt.src), tt.edits(tt.src))
			golden(t, filepath.Join("testdata", "diff", tt.name+".diff"), b.Bytes())
			checkPatch(t, tt.src, tt.edits(tt.src), b.Bytes())
		})
	}
}

// replace is the edit that replaces the first old in src with new.
func replace(src, old, new string) rules.Edit {
	at := strings.Index(src, old)
	return rules.Edit{Start: at, End: at + len(old), New: new}
}

// checkPatch applies a diff with patch (or git) and compares with ApplyEdits.
func checkPatch(t *testing.T, src string, edits []rules.Edit, diff []byte) {
	t.Helper()
	tool, err := exec.LookPath("git")
	args := []string{"apply"}
	if err != nil {
		if tool, err = exec.LookPath("patch"); err != nil {
			return
		}
		args = []string{"-p1", "-s"}
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "dir", "posting.md")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	pf := filepath.Join(dir, "p.diff")
	if err := os.WriteFile(pf, diff, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool, append(args, pf)...)
	if filepath.Base(tool) == "patch" {
		cmd = exec.Command(tool, append(args, "-i", pf)...)
	}
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s\n%s", cmd.Args, err, out, diff)
	}
	got, _ := os.ReadFile(p)
	if want := rules.ApplyEdits([]byte(src), edits); !bytes.Equal(got, want) {
		t.Errorf("patched file:\n%q\nwant:\n%q", got, want)
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestDiffPath(t *testing.T) {
	wd, _ := os.Getwd()
	for in, want := range map[string]string{
		"posting.md":                         "posting.md",
		"./careers/po.md":                    "careers/po.md",
		"-":                                  "stdin",
		filepath.Join(wd, "careers", "x.md"): "careers/x.md",
	} {
		if got := diffPath(in); got != want {
			t.Errorf("diffPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFixPreview(t *testing.T) {
	src := []byte("# Senior Product Owner - Payments\r\n\r\n- Own the pricing model for transaction fees\r\n- Run market research\r\n- Keep a backlog\r\n- Set fees\r\n- Plan launches\r\n")
	at := func(s string) int { return bytes.Index(src, []byte(s)) }
	retitle := &rules.Fix{Safe: true, Edits: []rules.Edit{{Start: at("Owner"), End: at("Owner") + 5, New: "Manager"}}}
	collab := &rules.Fix{Edits: []rules.Edit{{Start: at("Own the"), End: at("Own the") + 3, New: "Partner with the Product Manager, who owns"}}}
	var many []rules.Edit
	for _, w := range []string{"Own the", "Run", "Keep", "Set", "Plan"} {
		many = append(many, rules.Edit{Start: at(w), End: at(w) + len(strings.Fields(w)[0]), New: "Partner with the Product Manager, who " + strings.ToLower(strings.Fields(w)[0]) + "s"})
	}
	tests := []struct {
		name  string
		fix   *rules.Fix
		color bool
		want  []string
	}{
		{"retitle", retitle, false, []string{"1 | # Senior Product [-Owner-]{+Manager+} - Payments"}},
		{"collaboration", collab, false, []string{"3 | - [-Own-]{+Partner with the Product Manager, who owns+} the pricing model for transaction fees"}},
		{"color", retitle, true, []string{ansiDim + "1 |" + ansiReset + " # Senior Product " + ansiRed + ansiStrike + "Owner" + ansiReset + ansiGreen + "Manager" + ansiReset + " - Payments"}},
		{"many", &rules.Fix{Edits: many}, false, []string{
			"3 | - [-Own-]{+Partner with the Product Manager, who owns+} the pricing model for transaction fees",
			"4 | - [-Run-]{+Partner with the Product Manager, who runs+} market research",
			"5 | - [-Keep-]{+Partner with the Product Manager, who keeps+} a backlog",
			"... and 2 more",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FixPreview(src, tt.fix, tt.color)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("FixPreview =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestClipContext(t *testing.T) {
	long := "The Product Owner role at Harrowgate Direct is about growth and commercial judgement and many other things besides."
	got := clipContext(" role at Harrowgate Direct is about growth and commercial judgement and many other things besides.", true, false)
	if !strings.HasSuffix(got, "…") || len([]rune(got)) > previewContext+20 {
		t.Errorf("clipContext(head) = %q", got)
	}
	got = clipContext("- "+long, false, true)
	if !strings.HasPrefix(got, "- …") || !strings.HasSuffix(got, "besides.") {
		t.Errorf("clipContext(tail) = %q", got)
	}
	if got := clipContext("short", true, true); got != "short" {
		t.Errorf("clipContext(short) = %q", got)
	}
}

// A file with old Mac line ends (a lone CR) has lines: its diff shows the changed line with
// context lines around it, not the whole file as one line (patch cannot apply it; --fix can).
func TestDiffLoneCR(t *testing.T) {
	src := numbered(8, "\r")
	var b bytes.Buffer
	writeUnified(&b, "dir/posting.md", []byte(src), []rules.Edit{replace(src, "line e", "line E")})
	want := "--- a/dir/posting.md\n+++ b/dir/posting.md\n@@ -2,7 +2,7 @@\n line b\n line c\n line d\n-line e\n+line E\n line f\n line g\n line h\n"
	if b.String() != want {
		t.Errorf("diff of a lone-CR file:\n%q\nwant\n%q", b.String(), want)
	}
}

// The previews of a fix name the line it changes and show whole lines without raw CRs,
// whatever the file's line ends.
func TestFixHunksLineEnds(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n", "\r"} {
		src := []byte(strings.Join([]string{"# Title", "first line here", "second line", "", "last"}, nl))
		at := func(s string) int { return bytes.Index(src, []byte(s)) }
		fix := &rules.Fix{Edits: []rules.Edit{
			{Start: at("first"), End: at("first") + 5, New: "1st"},
			{Start: at("second"), End: at("second") + 6, New: "2nd"},
			{Start: at("last"), End: at("last") + 4, New: "end"},
		}}
		got := fixHunks(src, fix)
		want := []hunk{
			{Line: 2, Before: "first line here\nsecond line", After: "1st line here\n2nd line"},
			{Line: 5, Before: "last", After: "end"},
		}
		if len(got) != len(want) {
			t.Fatalf("%q: got %d hunks: %+v", nl, len(got), got)
		}
		for i := range want {
			if got[i].Line != want[i].Line || got[i].Before != want[i].Before || got[i].After != want[i].After {
				t.Errorf("%q hunk %d: %+v, want %+v", nl, i, got[i], want[i])
			}
		}
	}
}

// numbered returns n lines "line a", "line b", ... each ended by eol.
func numbered(n int, eol string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString("line " + string(rune('a'+i-1)) + eol)
	}
	return b.String()
}
