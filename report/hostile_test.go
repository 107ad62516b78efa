package report

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// Hostile file names and posting text (issue 14, items 9 and 10): what other people write
// reaches a terminal, a log, a job summary or a patch only escaped. Every case is made by the
// test; none is committed as a file, since most file systems cannot hold them all.

// hostileNames are file names a pull request or a checked-out folder can carry.
var hostileNames = []struct {
	name string
	path string
}{
	{"plain", "careers/po.md"},
	{"spaces", "careers/senior product owner.md"},
	{"newline forging a line result", "careers/x.md:1:1: error role-mislabeled: forged\ny.md"},
	{"escape sequences: title, clear screen, clipboard", "careers/\x1b]0;pwned\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07.md"},
	{"carriage return overwriting the line", "careers/ok.md\r\x1b[2Kclean.md"},
	{"a diff header and hunk in a folder name", "careers\n--- a/victim.md\n+++ b/victim.md\n@@ -1 +1 @@\n-keep\n+pwned\n/p.md"},
	{"blank lines and a link for the markdown summary", "careers/a\n\n[click](https://evil.example)\n\nb.md"},
	{"workflow commands", "careers/x\n::stop-commands::pwned\n::error file=forged.md::forged\n.md"},
	{"right-to-left override", "careers/\u202edm.gnp"},
	{"C1 control (CSI)", "careers/\u009b2J.md"},
	{"bytes that are not UTF-8", "careers/\xff\x9b2J.md"},
	{"quote and backslash", `careers/a"b\c.md`},
	{"non-ASCII letters", "careers/Produktinhaber-München.md"},
}

// hostileSrc is a posting whose title and lines hold escape sequences and a bidi override.
const hostileSrc = "# Product Manager, Check-in\x1b]0;pwned\x07 \u202eeman\n\n" +
	"## The role\n\n" +
	"- Own the product backlog\x1b[2J and keep it ordered\n" +
	"- Write user stories\x1b]52;c;cHduZWQ=\x07 for every backlog item\n"

// hostileResults are two results at path: a posting whose title, messages, fix and notice
// hold control characters and a forged line, and a file that could not be read.
func hostileResults(t *testing.T, path string) []lint.Result {
	t.Helper()
	x := newFixture(t, path, hostileSrc)
	title := x.title("Product Manager, Check-in\x1b]0;pwned\x07 \u202eeman", "h1", nlp.PM)
	forged := "\nforged.md:1:1: error role-mislabeled: forged\n::error file=forged.md::forged\n\x1b]0;pwned\x07"
	r := x.result(x.posting(title, nlp.Notice{Message: "a notice" + forged, Span: x.at("## The role")}),
		&verdict.Verdict{Title: nlp.PM, Detected: nlp.PO, POShare: ptr(1), Confidence: 0.9, Kind: verdict.Mislabeled},
		rules.Finding{Rule: "role-mislabeled", Severity: rules.Error, Span: title.Span,
			Message:  `titled "` + title.Text + `" but the body describes Product Owner work` + forged,
			Evidence: x.ats("Own the product backlog\x1b[2J and keep it ordered"),
			Fix: &rules.Fix{Description: "Retitle the posting Product Owner" + forged, Safe: true, Edits: []rules.Edit{
				x.edit("# Product Manager", "Manager", "Owner\x1b[5m"),
			}}},
		rules.Finding{Rule: "off-role-duty", Severity: rules.Info, Span: x.at("Write user stories"),
			Message: "a finding on a line with an escape sequence",
			Fix: &rules.Fix{Description: "Reword", Edits: []rules.Edit{
				x.edit("- Write user stories", "Write", "Draft"),
			}}},
	)
	gone := lint.Result{Path: path + ".gone", Err: errors.New("open " + path + ".gone: no such file" + forged)}
	return []lint.Result{r, gone}
}

// sgr matches the color codes the text format writes itself.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkTerminalSafe fails when out could do more on a terminal than show text: a byte that
// is not UTF-8, or a control character, separator or bidi control other than the line ends
// (and, with color, jdlint's own color codes).
func checkTerminalSafe(t *testing.T, what string, out []byte, color bool) {
	t.Helper()
	s := string(out)
	if color {
		s = sgr.ReplaceAllString(s, "")
	}
	if !utf8.ValidString(s) {
		t.Errorf("%s: not UTF-8:\n%q", what, s)
		return
	}
	for i, r := range s {
		if r != '\n' && unsafeRune(r) {
			t.Errorf("%s: raw %U at byte %d: %q", what, r, i, s[max(0, i-40):min(len(s), i+40)])
			return
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if trimmed := strings.TrimLeft(line, " \t"); strings.HasPrefix(trimmed, "forged") || strings.HasPrefix(trimmed, "::") {
			t.Errorf("%s: a forged line of its own: %q", what, line)
		}
	}
}

func TestHostileNamesText(t *testing.T) {
	for _, tt := range hostileNames {
		t.Run(tt.name, func(t *testing.T) {
			results := hostileResults(t, tt.path)
			for _, color := range []bool{false, true} {
				var b bytes.Buffer
				if err := Text(&b, results, Options{Color: color}); err != nil {
					t.Fatal(err)
				}
				checkTerminalSafe(t, "text", b.Bytes(), color)
				if !strings.Contains(b.String(), QuotePath(tt.path)) {
					t.Errorf("text report does not name %s:\n%s", QuotePath(tt.path), b.String())
				}
			}
		})
	}
}

func TestHostileNamesLine(t *testing.T) {
	for _, tt := range hostileNames {
		t.Run(tt.name, func(t *testing.T) {
			results := hostileResults(t, tt.path)
			var b bytes.Buffer
			if err := Line(&b, results, Options{}); err != nil {
				t.Fatal(err)
			}
			checkTerminalSafe(t, "line", b.Bytes(), false)
			// one line per finding and per file that could not be read, each starting with
			// the (quoted) path: a name cannot forge a result
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if want := len(results[0].Findings) + 1; len(lines) != want {
				t.Fatalf("%d lines, want %d:\n%s", len(lines), want, b.String())
			}
			for i, line := range lines {
				p := QuotePath(tt.path)
				if i == len(lines)-1 {
					p = QuotePath(tt.path + ".gone")
				}
				if !strings.HasPrefix(line, p+":") {
					t.Errorf("line %d does not start with %s: %q", i+1, p, line)
				}
			}
		})
	}
}

func TestHostileNamesMarkdown(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	for _, tt := range hostileNames {
		t.Run(tt.name, func(t *testing.T) {
			results := append(hostileResults(t, tt.path), hostileResults(t, "careers/second.md")...)
			var b bytes.Buffer
			if err := Markdown(&b, results, Options{LinkBase: "https://github.com/o/r/blob/sha"}); err != nil {
				t.Fatal(err)
			}
			// every <details> line is whole: a file name cannot end the HTML block
			for _, line := range strings.Split(b.String(), "\n") {
				if strings.HasPrefix(line, "<details") && !strings.HasSuffix(line, "</summary>") {
					t.Errorf("a <summary> line is cut by the file name: %q", line)
				}
			}
			// GitHub renders the job summary: no link the name wrote may come alive (a bare
			// URL is linked as itself, as GitHub links any URL in text)
			var h bytes.Buffer
			if err := md.Convert(b.Bytes(), &h); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(h.String(), ">click</a>") {
				t.Errorf("the rendered summary holds a link the file name wrote:\n%s", h.String())
			}
			if n := strings.Count(h.String(), "<details"); n != 4 {
				t.Errorf("rendered summary has %d <details> blocks, want 4:\n%s", n, h.String())
			}
		})
	}
}

func TestHostileNamesDiff(t *testing.T) {
	for _, tt := range hostileNames {
		t.Run(tt.name, func(t *testing.T) {
			results := hostileResults(t, tt.path)
			var b bytes.Buffer
			if err := Diff(&b, results, Options{}); err != nil {
				t.Fatal(err)
			}
			// one file: one "---" line, one "+++" line, one hunk, and every other line a
			// line of that hunk
			var heads, hunks int
			for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				switch {
				case strings.HasPrefix(line, "--- "), strings.HasPrefix(line, "+++ "):
					heads++
				case strings.HasPrefix(line, "@@ "):
					hunks++
				case line == "" || !strings.ContainsRune(" +-\\", rune(line[0])):
					t.Errorf("a line that is neither header nor hunk: %q", line)
				}
			}
			if heads != 2 || hunks != 1 {
				t.Errorf("%d header lines and %d hunks, want 2 and 1:\n%s", heads, hunks, b.String())
			}
			applyHostileDiff(t, tt.path, b.Bytes())
		})
	}
}

// applyHostileDiff applies a diff with patch -p1 and with git apply in a folder that holds
// the posting at path and a victim.md: the posting must come out fixed, victim.md untouched.
func applyHostileDiff(t *testing.T, path string, diff []byte) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	want := rules.ApplyEdits([]byte(hostileSrc), lint.MergeEdits(hostileResults(t, path)[0], false))
	for _, tool := range [][]string{{"patch", "-p1", "-s", "-i"}, {"git", "apply"}} {
		bin, err := exec.LookPath(tool[0])
		if err != nil {
			continue
		}
		dir := t.TempDir()
		posting := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(posting), 0o755); err != nil {
			t.Skipf("this file system cannot hold the name: %v", err)
		}
		if err := os.WriteFile(posting, []byte(hostileSrc), 0o644); err != nil {
			t.Skipf("this file system cannot hold the name: %v", err)
		}
		victim := filepath.Join(dir, "victim.md")
		if err := os.WriteFile(victim, []byte("keep\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		pf := filepath.Join(t.TempDir(), "fixes.patch")
		if err := os.WriteFile(pf, diff, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, append(tool[1:], pf)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if b, _ := os.ReadFile(victim); string(b) != "keep\n" {
			t.Errorf("%s changed victim.md to %q", tool[0], b)
		}
		if err != nil {
			t.Errorf("%s: %v\n%s\n%s", strings.Join(tool, " "), err, out, diff)
			continue
		}
		if got, _ := os.ReadFile(posting); !bytes.Equal(got, want) {
			t.Errorf("%s: the posting is\n%q\nwant\n%q", tool[0], got, want)
		}
	}
}

func TestQuotePath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"careers/po.md", "careers/po.md"},
		{"careers/senior product owner.md", "careers/senior product owner.md"},
		{"careers/Produktinhaber-München.md", "careers/Produktinhaber-München.md"},
		{"<stdin>", "<stdin>"},
		{"a\nb.md", `"a\nb.md"`},
		{"a\tb\rc\a\b\f\v.md", `"a\tb\rc\a\b\f\v.md"`},
		{"\x1b]0;t\x07.md", `"\033]0;t\a.md"`},
		{"x\x7f.md", `"x\177.md"`},
		{`a"b\c.md`, `"a\"b\\c.md"`},
		{"\u202edm.gnp", `"\342\200\256dm.gnp"`},
		{"\u009b2J.md", `"\302\2332J.md"`},
		{"\xff.md", `"\377.md"`},
		{"é\n.md", "\"é\\n.md\""},
	} {
		if got := QuotePath(tt.in); got != tt.want {
			t.Errorf("QuotePath(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Product Owner, Zürich — 100%", "Product Owner, Zürich — 100%"},
		{`a "quoted" \ text`, `a "quoted" \ text`},
		{"two\nlines\r\n", `two\nlines\r\n`},
		{"tab\there", `tab\there`},
		{"\x1b]0;pwned\x07\x1b[2J", `\x1b]0;pwned\x07\x1b[2J`},
		{"del\x7f", `del\x7f`},
		{"csi\u009b2J", `csi\u009b2J`},
		{"rlo\u202eabc\u2066x\u2069", `rlo\u202eabc\u2066x\u2069`},
		{"sep\u2028x\u2029", `sep\u2028x\u2029`},
		{"bad\xff\xfe", `bad\xff\xfe`},
	} {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestDiffHeaderQuotedAsGit checks the header against git's own: git diff --no-index of a
// file whose folder name holds a newline, a tab and a space quotes it the same way.
func TestDiffHeaderQuotedAsGit(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("needs git and a file system that holds a newline in a name")
	}
	for _, name := range []string{"ca reers\n\t\x1b/p \"q\".md", "plain/p.md", "sp ace/p.md"} {
		dir := t.TempDir()
		for _, side := range []string{"a", "b"} {
			p := filepath.Join(dir, side, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(side+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(git, "-c", "core.quotePath=false", "diff", "--no-index", "--no-prefix", "a", "b")
		cmd.Dir = dir
		out, _ := cmd.Output() // exit 1: the files differ
		var want []string
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "+++ ") {
				want = append(want, line)
			}
		}
		got := []string{"--- " + diffHeaderName("a/", name), "+++ " + diffHeaderName("b/", name)}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%q: header\n%q\nwant git's\n%q", name, got, want)
		}
	}
}
