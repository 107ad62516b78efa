package lint

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/internal/atomicfile"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// copyCorpus copies testdata/job_posts into a temporary folder and returns the folder.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "job_posts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("..", "testdata", "job_posts")
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
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runLint(t *testing.T, paths ...string) []Result {
	t.Helper()
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return Run(Options{Paths: paths, Jobs: 2, NLP: nopts})
}

// withRule lists the paths whose findings include rule.
func withRule(results []Result, rule string) []string {
	var out []string
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Rule == rule {
				out = append(out, r.Path)
				break
			}
		}
	}
	return out
}

// withRuleSeverity lists the results with a finding of rule at severity sev.
func withRuleSeverity(results []Result, rule string, sev rules.Severity) []string {
	var out []string
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Rule == rule && f.Severity == sev {
				out = append(out, r.Path)
				break
			}
		}
	}
	return out
}

func snapshot(t *testing.T, dir string) map[string][]byte {
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

// TestFixCorpus drives --fix and --fix --unsafe-fixes over every labeled posting. Which
// postings are mislabeled or blended comes from the lint results, not from a list, since
// the classification thresholds are calibrated separately.
func TestFixCorpus(t *testing.T) {
	dir := copyCorpus(t)
	before := snapshot(t, dir)
	results := runLint(t, dir)
	mislabeled := withRule(results, "role-mislabeled")
	blended := withRule(results, "role-blended")
	if len(mislabeled) == 0 {
		t.Fatal("no posting in testdata/job_posts is reported role-mislabeled: nothing to test")
	}
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
	}

	// --fix: safe fixes only
	fixed, errs := ApplyFixes(results, false, io.Discard)
	for _, err := range errs {
		t.Errorf("--fix: %v", err)
	}
	sort.Strings(fixed)
	// an error has a safe fix, which --fix applies; a low-confidence warning's is unsafe
	errs2 := withRuleSeverity(results, "role-mislabeled", rules.Error)
	if len(errs2) == 0 {
		t.Fatal("no posting in testdata/job_posts is a role-mislabeled error: nothing to test")
	}
	for _, p := range errs2 {
		if i := sort.SearchStrings(fixed, p); i == len(fixed) || fixed[i] != p {
			t.Errorf("%s: reported role-mislabeled as an error but --fix did not change it", p)
		}
	}
	after := runLint(t, dir)
	if left := withRuleSeverity(after, "role-mislabeled", rules.Error); len(left) > 0 {
		t.Errorf("after --fix, still a role-mislabeled error: %v", left)
	}
	afterFix := snapshot(t, dir)
	for name, b := range afterFix {
		p := filepath.Join(dir, name)
		if i := sort.SearchStrings(fixed, p); (i < len(fixed) && fixed[i] == p) != !bytes.Equal(b, before[name]) {
			t.Errorf("%s: --fix reported %v but the file changed %v", name, i < len(fixed) && fixed[i] == p, !bytes.Equal(b, before[name]))
		}
		checkLineEndings(t, name, before[name], b)
	}

	// a second --fix changes nothing
	again, errs := ApplyFixes(after, false, io.Discard)
	if len(again) > 0 || len(errs) > 0 {
		t.Errorf("second --fix changed %v (errors %v); want nothing", again, errs)
	}
	for name, b := range snapshot(t, dir) {
		if !bytes.Equal(b, afterFix[name]) {
			t.Errorf("%s: second --fix changed the file", name)
		}
	}

	// --fix --unsafe-fixes: the blended postings turn the minority duties into collaboration
	if _, errs := ApplyFixes(after, true, io.Discard); len(errs) > 0 {
		t.Errorf("--fix --unsafe-fixes: %v", errs)
	}
	final := runLint(t, dir)
	left := map[string]bool{}
	for _, p := range withRule(final, "role-blended") {
		left[p] = true
	}
	for _, p := range blended {
		if left[p] {
			t.Errorf("%s: still role-blended after --fix --unsafe-fixes", p)
		}
	}
	if left := withRule(final, "role-mislabeled"); len(left) > 0 {
		t.Errorf("after --fix --unsafe-fixes, role-mislabeled: %v", left)
	}
	for name, b := range snapshot(t, dir) {
		checkLineEndings(t, name, before[name], b)
	}
	// and once more changes nothing
	afterUnsafe := snapshot(t, dir)
	if again, errs := ApplyFixes(final, true, io.Discard); len(again) > 0 || len(errs) > 0 {
		t.Errorf("second --fix --unsafe-fixes changed %v (errors %v); want nothing", again, errs)
	}
	for name, b := range snapshot(t, dir) {
		if !bytes.Equal(b, afterUnsafe[name]) {
			t.Errorf("%s: second --fix --unsafe-fixes changed the file", name)
		}
	}
}

// checkLineEndings fails when a CRLF file gained bare LF line endings or the reverse.
func checkLineEndings(t *testing.T, name string, before, after []byte) {
	t.Helper()
	crlf := func(b []byte) (int, int) {
		all := bytes.Count(b, []byte("\n"))
		cr := bytes.Count(b, []byte("\r\n"))
		return cr, all - cr
	}
	bc, bl := crlf(before)
	ac, al := crlf(after)
	if bc > 0 && bl == 0 && (al != 0 || ac != bc) {
		t.Errorf("%s: CRLF file now has %d CRLF and %d LF line endings (was %d CRLF)", name, ac, al, bc)
	}
	if bl > 0 && bc == 0 && ac != 0 {
		t.Errorf("%s: LF file now has %d CRLF line endings", name, ac)
	}
}

// mislabeledPosting is a Product Owner posting whose body is Product Manager work.
const mislabeledPosting = "# Senior Product Owner - Payments Platform\n\n## What you'll do\n\n" +
	"As a Product Owner, you will be accountable for the commercial success of the platform.\n\n" +
	"- Own the pricing model for transaction fees and payout speeds\n" +
	"- Run market research on merchant segments we do not yet serve\n" +
	"- Build the business case for each new payment method\n" +
	"- Define packaging and pricing tiers for the Starter and Growth plans\n" +
	"- Lead go-to-market planning with Marketing and Sales for every launch\n" +
	"- Own revenue targets and review net revenue per merchant every quarter\n"

func writeTemp(t *testing.T, name string, data []byte, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFixKeepsBOMCRLFAndMode(t *testing.T) {
	src := append([]byte("\xEF\xBB\xBF"), strings.ReplaceAll(mislabeledPosting, "\n", "\r\n")...)
	p := writeTemp(t, "posting.md", src, 0o640)
	results := runLint(t, p)
	if len(withRule(results, "role-mislabeled")) != 1 {
		t.Fatalf("want a role-mislabeled finding, got %+v", results[0].Findings)
	}
	fixed, errs := ApplyFixes(results, false, io.Discard)
	if len(errs) > 0 || len(fixed) != 1 {
		t.Fatalf("ApplyFixes = %v, %v", fixed, errs)
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Replace(src, []byte("Senior Product Owner"), []byte("Senior Product Manager"), 1)
	want = bytes.Replace(want, []byte("As a Product Owner,"), []byte("As a Product Manager,"), 1)
	if !bytes.Equal(got, want) {
		t.Errorf("fixed file:\n%q\nwant:\n%q", got, want)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o640 {
			t.Errorf("mode = %v, want 0640", info.Mode().Perm())
		}
	}
	// no temporary files left behind
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after the fix, want only the posting", len(entries))
	}
}

func TestFixRefusesChangedFile(t *testing.T) {
	p := writeTemp(t, "posting.md", []byte(mislabeledPosting), 0o644)
	results := runLint(t, p)
	edited := []byte(mislabeledPosting + "- A line the author added after jdlint read the file\n")
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	fixed, errs := ApplyFixes(results, false, io.Discard)
	if len(fixed) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrChanged) {
		t.Fatalf("ApplyFixes = %v, %v; want one ErrChanged", fixed, errs)
	}
	if !strings.Contains(errs[0].Error(), p) {
		t.Errorf("error %q does not name the file", errs[0])
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, edited) {
		t.Error("the edited file was overwritten")
	}
}

// TestFixRefusesReadOnly: --fix refuses a read-only (0444) posting, as gofmt -w does; it
// used to rewrite it (the rename needs only the folder's permission).
func TestFixRefusesReadOnly(t *testing.T) {
	p := writeTemp(t, "posting.md", []byte(mislabeledPosting), 0o444)
	results := runLint(t, p)
	if !hasSafeFix(results[0]) {
		t.Fatalf("the fixture has no safe fix, so nothing tests the refusal (findings: %+v)", results[0].Findings)
	}
	fixed, errs := ApplyFixes(results, false, io.Discard)
	if len(fixed) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "read-only") || !strings.Contains(errs[0].Error(), p) {
		t.Fatalf("ApplyFixes = %v, %v; want one read-only error naming the file", fixed, errs)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, []byte(mislabeledPosting)) {
		t.Error("a read-only posting was rewritten")
	}
	if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o444 && runtime.GOOS != "windows" {
		t.Errorf("mode changed: %v %v", info.Mode(), err)
	}
}

// TestFixKeepsLateEdit: an edit another program saves after jdlint's last comparison and
// right before its rename is kept, and reported as ErrChanged; it used to be lost without
// a word. Linux only, where the rename is an exchange whose swapped-out bytes are checked.
func TestFixKeepsLateEdit(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux exchanges two files atomically")
	}
	p := writeTemp(t, "posting.md", []byte(mislabeledPosting), 0o644)
	results := runLint(t, p)
	if !hasSafeFix(results[0]) {
		t.Fatalf("the fixture has no safe fix, so nothing tests the race (findings: %+v)", results[0].Findings)
	}
	edited := []byte(mislabeledPosting + "- A line the author saved while jdlint was writing\n")
	atomicfile.SetTestHook(func(string) {
		if err := os.WriteFile(p, edited, 0o644); err != nil {
			t.Error(err)
		}
	})
	defer atomicfile.SetTestHook(nil)
	fixed, errs := ApplyFixes(results, false, io.Discard)
	if len(fixed) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrChanged) {
		t.Fatalf("ApplyFixes = %v, %v; want one ErrChanged", fixed, errs)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, edited) {
		t.Errorf("the late edit was lost; the file holds:\n%s", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after the refused fix, want only the posting", len(entries))
	}
}

func TestFixRefusesInvalidUTF8(t *testing.T) {
	src := []byte(strings.Replace(mislabeledPosting, "payout speeds", "payout sp\xffeeds", 1))
	p := writeTemp(t, "posting.md", src, 0o644)
	results := runLint(t, p)
	// the refusal is tested only if there is a safe fix to refuse: a fixture that stops
	// being flagged must fail this test, not skip it
	if len(withRuleSeverity(results, "role-mislabeled", rules.Error)) != 1 || !hasSafeFix(results[0]) {
		t.Fatalf("the fixture is no longer a role-mislabeled error with a safe fix, so nothing tests that invalid UTF-8 is refused; "+
			"make mislabeledPosting flagged again (findings: %+v)", results[0].Findings)
	}
	fixed, errs := ApplyFixes(results, false, io.Discard)
	if len(fixed) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrInvalidUTF8) {
		t.Fatalf("ApplyFixes = %v, %v; want one ErrInvalidUTF8", fixed, errs)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, src) {
		t.Error("a file with invalid UTF-8 was rewritten")
	}
}

// hasSafeFix says whether a finding of r has a safe fix with edits.
func hasSafeFix(r Result) bool {
	for _, f := range r.Findings {
		if f.Fix != nil && f.Fix.Safe && len(f.Fix.Edits) > 0 {
			return true
		}
	}
	return false
}

func TestFixThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	target := writeTemp(t, "posting.md", []byte(mislabeledPosting), 0o644)
	link := filepath.Join(t.TempDir(), "link.md")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	fixed, errs := ApplyFixes(runLint(t, link), false, io.Discard)
	if len(fixed) != 1 || len(errs) != 0 {
		t.Fatalf("ApplyFixes = %v, %v", fixed, errs)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced by a file (%v)", err)
	}
	got, _ := os.ReadFile(target)
	if !bytes.Contains(got, []byte("# Senior Product Manager - Payments Platform")) {
		t.Errorf("target not fixed:\n%s", got)
	}
}

func TestFixStdin(t *testing.T) {
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	results := Run(Options{Paths: []string{"-"}, Stdin: strings.NewReader(mislabeledPosting), NLP: nopts})
	var out bytes.Buffer
	fixed, errs := ApplyFixes(results, false, &out)
	if len(fixed) != 0 || len(errs) != 0 {
		t.Errorf("ApplyFixes = %v, %v; stdin is printed, not written", fixed, errs)
	}
	want := strings.Replace(mislabeledPosting, "Senior Product Owner", "Senior Product Manager", 1)
	want = strings.Replace(want, "As a Product Owner,", "As a Product Manager,", 1)
	if out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
	}

	// nothing to fix: the text comes through unchanged
	clean := "# Product Owner\n\n## What you'll do\n\n- Order the product backlog with the team\n"
	results = Run(Options{Paths: []string{"-"}, Stdin: strings.NewReader(clean), NLP: nopts})
	out.Reset()
	if _, errs := ApplyFixes(results, true, &out); len(errs) != 0 || out.String() != clean {
		t.Errorf("clean stdin: got %q (errors %v), want it unchanged", out.String(), errs)
	}
}

func TestMergeEditsDropsOverlaps(t *testing.T) {
	src := []byte("0123456789abcdef")
	r := Result{Path: "x.md", src: src, Findings: []rules.Finding{
		{Rule: "off-role-duty", Fix: &rules.Fix{Edits: []rules.Edit{{Start: 4, End: 6, New: "X"}}}},
		{Rule: "role-mislabeled", Fix: &rules.Fix{Safe: true, Edits: []rules.Edit{{Start: 0, End: 2, New: "S"}, {Start: 10, End: 12, New: "T"}}}},
		{Rule: "role-blended", Fix: &rules.Fix{Edits: []rules.Edit{{Start: 4, End: 6, New: "X"}, {Start: 5, End: 8, New: "Y"}, {Start: 8, End: 9, New: "Z"}, {Start: 11, End: 13, New: "W"}}}},
	}}
	tests := []struct {
		unsafe bool
		want   []rules.Edit
		text   string
	}{
		{false, []rules.Edit{rules.Edit{Start: 0, End: 2, New: "S"}, rules.Edit{Start: 10, End: 12, New: "T"}}, "S23456789Tcdef"},
		{true, []rules.Edit{rules.Edit{Start: 0, End: 2, New: "S"}, rules.Edit{Start: 4, End: 6, New: "X"}, rules.Edit{Start: 8, End: 9, New: "Z"}, rules.Edit{Start: 10, End: 12, New: "T"}}, "S23X67Z9Tcdef"},
	}
	for _, tt := range tests {
		got := MergeEdits(r, tt.unsafe)
		if len(got) != len(tt.want) {
			t.Fatalf("unsafe=%v: MergeEdits = %v, want %v", tt.unsafe, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("unsafe=%v: edit %d = %v, want %v", tt.unsafe, i, got[i], tt.want[i])
			}
		}
		if s := string(rules.ApplyEdits(src, got)); s != tt.text {
			t.Errorf("unsafe=%v: ApplyEdits = %q, want %q", tt.unsafe, s, tt.text)
		}
	}
}

func TestNothingWrittenWithoutFixes(t *testing.T) {
	clean := "# Product Owner\n\n## What you'll do\n\n- Order the product backlog with the team\n"
	p := writeTemp(t, "clean.md", []byte(clean), 0o644)
	info, _ := os.Stat(p)
	fixed, errs := ApplyFixes(runLint(t, p), true, io.Discard)
	if len(fixed) != 0 || len(errs) != 0 {
		t.Errorf("ApplyFixes = %v, %v; want nothing", fixed, errs)
	}
	after, _ := os.Stat(p)
	if !after.ModTime().Equal(info.ModTime()) {
		t.Error("a posting without fixes was rewritten")
	}
}
