package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// runWithin runs Run(opts) and fails the test if it does not return: a hang guard for the
// walks over symlink loops, not a timing assertion.
func runWithin(t *testing.T, opts Options) []Result {
	t.Helper()
	done := make(chan []Result, 1)
	go func() { done <- Run(opts) }()
	select {
	case res := <-done:
		return res
	case <-time.After(2 * time.Minute):
		t.Fatal("Run did not return: a hang")
		return nil
	}
}

func robustOptions(t *testing.T, paths ...string) Options {
	return Options{Paths: paths, NLP: defaultOpts(t), Jobs: 2}
}

func TestRobustInputs(t *testing.T) {
	tests := []struct {
		name, src string
		notice    string // a notice that must be given ("" for none)
		skipped   string // Skipped must contain this
		title     string
	}{
		{"empty", "", "empty posting", "", ""},
		{"whitespace only", "  \n\n\t \r\n", "empty posting", "", ""},
		{"only front matter", "---\ntitle: Product Owner\n---\n", "", "", "Product Owner"},
		{"malformed front matter", "---\ntitle: [oops\n---\n# Product Owner\n\n- Own and order the product backlog\n", "malformed front matter", "", "Product Owner"},
		{"invalid UTF-8", "# Product Owner\n\n- Own the \xff\xfe product backlog\n", "invalid UTF-8", "", "Product Owner"},
		{"NUL bytes", "# Product Owner\n\x00\x01\x02", "", "binary", ""},
		{"unknown rule in a directive", "<!-- jdlint-disable-next-line role-blendid -->\n# Product Owner\n\n- Own the product backlog\n", `unknown rule "role-blendid"`, "", "Product Owner"},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("p%d.md", i))
			if err := os.WriteFile(path, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			opts := robustOptions(t, path)
			opts.KeepPosting = true // the test reads the sentences
			res := Run(opts)
			if len(res) != 1 {
				t.Fatalf("%d results", len(res))
			}
			r := res[0]
			if r.Err != nil {
				t.Fatalf("err = %v: bad content is a notice, not an error", r.Err)
			}
			if ExitCode(res, rules.Off) != 0 {
				t.Error("bad content changed the exit code")
			}
			if tt.skipped != "" {
				if !strings.Contains(r.Skipped, tt.skipped) || r.Posting != nil {
					t.Errorf("skipped %q, posting %v; want skipped as %s", r.Skipped, r.Posting != nil, tt.skipped)
				}
				return
			}
			if r.Posting == nil {
				t.Fatal("no posting")
			}
			var msgs []string
			for _, n := range r.Posting.Notices {
				msgs = append(msgs, n.Message)
			}
			if tt.notice == "" && len(msgs) > 0 {
				t.Errorf("notices %q, want none", msgs)
			}
			if tt.notice != "" && (len(msgs) != 1 || !strings.Contains(msgs[0], tt.notice)) {
				t.Errorf("notices %q, want one about %q", msgs, tt.notice)
			}
			if r.Posting.Title.Text != tt.title {
				t.Errorf("title %q, want %q", r.Posting.Title.Text, tt.title)
			}
			if tt.name == "malformed front matter" && len(r.Posting.Sentences) == 0 {
				t.Error("the body after malformed front matter was not linted")
			}
		})
	}
}

func TestInvalidUTF8NeverFixed(t *testing.T) {
	src := []byte("# Product Owner\n\n## What you will do\n\n- Own pricing, the business case and the go-to-market plan \xff\n- Run market research and competitive analysis\n- Define the product strategy and P&L targets\n")
	path := filepath.Join(t.TempDir(), "bad.md")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	res := Run(robustOptions(t, path))
	if res[0].Posting == nil || len(res[0].Posting.Notices) == 0 {
		t.Fatal("no notice for invalid UTF-8")
	}
	if _, errs := ApplyFixes(res, true, nil); len(errs) == 0 && len(MergeEdits(res[0], true)) > 0 {
		t.Error("fixes of a posting with invalid UTF-8 were applied without an error")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, src) {
		t.Error("--fix wrote a posting with invalid UTF-8")
	}
	// the JSON report stays valid UTF-8
	if b, err := json.Marshal(res[0].Posting.Notices); err != nil || !json.Valid(b) {
		t.Errorf("notices do not marshal: %v", err)
	}
}

func TestOversizeFileRefused(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(20 << 20); err != nil { // sparse: 20 MB without writing them
		t.Fatal(err)
	}
	f.Close()
	small := filepath.Join(dir, "small.md")
	if err := os.WriteFile(small, []byte(posting), 0o644); err != nil {
		t.Fatal(err)
	}
	res := Run(robustOptions(t, dir))
	if len(res) != 2 {
		t.Fatalf("%d results", len(res))
	}
	byName := map[string]Result{}
	for _, r := range res {
		byName[filepath.Base(r.Path)] = r
	}
	e := byName["big.md"].Err
	if e == nil || !strings.Contains(e.Error(), "big.md") || !strings.Contains(e.Error(), "20.0 MiB is larger than the 5.0 MiB size limit") {
		t.Errorf("big.md: err = %v, want it refused naming the file and both sizes", e)
	}
	if r := byName["small.md"]; r.Err != nil || r.Posting == nil {
		t.Errorf("small.md not linted: %v", r.Err)
	}
	if code := ExitCode(res, rules.Error); code != 2 {
		t.Errorf("exit code %d, want 2: a file could not be linted", code)
	}
	// stdin over the limit is refused the same way, without reading it all
	r := Run(Options{Paths: []string{"-"}, Stdin: bytes.NewReader(make([]byte, 2<<10)), MaxSize: 1 << 10, NLP: defaultOpts(t)})
	if r[0].Err == nil || !strings.Contains(r[0].Err.Error(), "size limit") {
		t.Errorf("stdin over the limit: %v", r[0].Err)
	}
}

// lintTime returns the CPU time of one lint of src, rules included.
func lintTime(t *testing.T, o nlp.Options, src []byte) time.Duration {
	t.Helper()
	start := cpuTime()
	if r := Check("big.md", src, o, rules.Config{}); r.Err != nil {
		t.Fatal(r.Err)
	}
	return cpuTime() - start
}

// TestNoQuadraticBlowUp lints inputs of size n and 4n: linear work takes about 4 times as
// long, quadratic work 16 times. The ratio of CPU times, not a wall time, is checked, with a
// margin for noise (GC and caches make large inputs a little dearer per byte); before the
// line index kept rune checkpoints, the long-line cases took 16-40x.
func TestNoQuadraticBlowUp(t *testing.T) {
	items, line := 25_000, 256<<10 // 4n: a 100,000-item list, a 1 MiB line
	if testing.Short() || raceEnabled {
		items, line = 5_000, 64<<10
	}
	list := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("# Product Owner\n\n## What you will do\n\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "- Own and order backlog item %d with the team\n", i)
		}
		return b.Bytes()
	}
	longLine := func(n int, sentence string) []byte {
		var b bytes.Buffer
		b.WriteString("# Product Owner\n\n")
		for b.Len() < n {
			b.WriteString(sentence)
		}
		b.WriteByte('\n')
		return b.Bytes()
	}
	wrapped := func(n int) []byte { // one paragraph of many short sentences, soft-wrapped
		var b bytes.Buffer
		b.WriteString("# Product Owner\n\n")
		for b.Len() < n {
			b.WriteString("Own the backlög.\n")
		}
		return b.Bytes()
	}
	tests := []struct {
		name string
		gen  func(n int) []byte
		n    int
	}{
		{"list items", list, items},
		{"one long line of sentences", func(n int) []byte { return longLine(n, "Own the backlög. ") }, line},
		{"one long sentence", func(n int) []byte { return longLine(n, "own the product backlog and ") }, line},
		{"one long word", func(n int) []byte { return longLine(n, "x") }, line},
		{"a paragraph of wrapped lines", wrapped, line},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			small, large := tt.gen(tt.n), tt.gen(4*tt.n)
			o := defaultOpts(t)
			lintTime(t, o, small[:len(small)/4]) // warm up the models
			// interleaved, best of three: noise only ever adds time
			t1, t4 := time.Duration(1<<62), time.Duration(1<<62)
			for i := 0; i < 3; i++ {
				runtime.GC()
				t1 = min(t1, lintTime(t, o, small))
				runtime.GC()
				t4 = min(t4, lintTime(t, o, large))
			}
			ratio := float64(t4) / float64(max(t1, time.Microsecond))
			t.Logf("%d bytes: %v; %d bytes: %v; ratio %.1f (linear 4, quadratic 16)", len(small), t1, len(large), t4, ratio)
			if ratio > 10 {
				t.Errorf("4x the input took %.1fx the time: worse than linear", ratio)
			}
		})
	}
}

// TestUnreadable: a file found by a walk, a file named on the command line and a folder
// that cannot be read are each an error result (exit code 2) naming the path, and the rest
// is still linted. It runs twice: with the permissions taken away (chmod), where they are
// enforced, and with the failures injected (failOpen), which runs as root and on Windows
// too.
func TestUnreadable(t *testing.T) {
	setup := func(t *testing.T) (dir, named string) {
		dir = t.TempDir()
		writeTree(t, dir, map[string]string{"ok.md": posting, "locked.md": posting, "closed/x.md": posting})
		named = filepath.Join(t.TempDir(), "named.md")
		writeTree(t, filepath.Dir(named), map[string]string{"named.md": posting})
		return dir, named
	}
	check := func(t *testing.T, res []Result) {
		t.Helper()
		var errs []string
		linted := 0
		for _, r := range res {
			if r.Err != nil {
				errs = append(errs, r.Err.Error())
			} else if r.Posting != nil {
				linted++
			}
		}
		if linted != 1 {
			t.Errorf("%d files linted, want ok.md", linted)
		}
		joined := strings.Join(errs, "\n")
		for _, want := range []string{"locked.md: permission denied", "closed: permission denied", "named.md: permission denied"} {
			if !strings.Contains(joined, want) {
				t.Errorf("errors %q: want %q", errs, want)
			}
		}
		if len(errs) != 3 {
			t.Errorf("%d errors, want 3: %q", len(errs), errs)
		}
		if ExitCode(res, rules.Error) != 2 {
			t.Error("unreadable files do not fail the run")
		}
	}
	t.Run("chmod", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("chmod 000 does not make files unreadable on Windows; the injected case runs")
		}
		if os.Geteuid() == 0 {
			t.Skip("running as root: permissions are not enforced; the injected case runs")
		}
		dir, named := setup(t)
		for _, p := range []string{filepath.Join(dir, "locked.md"), filepath.Join(dir, "closed"), named} {
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			defer os.Chmod(p, 0o755)
		}
		check(t, runWithin(t, robustOptions(t, dir, named)))
	})
	t.Run("injected", func(t *testing.T) {
		dir, named := setup(t)
		failOpen(t, fs.ErrPermission, filepath.Join(dir, "locked.md"), filepath.Join(dir, "closed"), named)
		check(t, runWithin(t, robustOptions(t, dir, named)))
	})
}

// failOpen makes opening the given files and listing the given folders fail with err until
// the test ends, as taking their read permission away does for a user other than root.
func failOpen(t *testing.T, err error, paths ...string) {
	t.Helper()
	fail := map[string]bool{}
	for _, p := range paths {
		fail[filepath.Clean(p)] = true
	}
	f := func(path string) error {
		if fail[filepath.Clean(path)] {
			return err
		}
		return nil
	}
	if !openFault.CompareAndSwap(nil, &f) {
		t.Fatal("failOpen: another test's faults are still set")
	}
	t.Cleanup(func() { openFault.Store(nil) })
}

func TestSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"ok.md": posting, "sub/real.md": posting})
	links := map[string]string{
		"dangling.md":  "nowhere.md",
		"loop-a.md":    "loop-b.md",
		"loop-b.md":    "loop-a.md",
		"self.md":      "self.md",
		"sub/up":       "..", // a folder loop
		"sub/again":    ".",
		"alias.md":     "ok.md",
		"sub/deep.md":  "../sub/real.md",
		"folderlink":   "sub",
		"sub/loop.txt": "../sub/loop.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	res := runWithin(t, robustOptions(t, dir))
	got := map[string]string{}
	for _, r := range res {
		rel, _ := filepath.Rel(dir, r.Path)
		switch {
		case r.Err != nil:
			got[filepath.ToSlash(rel)] = "error: " + r.Err.Error()
		case r.Posting != nil:
			got[filepath.ToSlash(rel)] = "linted"
		default:
			got[filepath.ToSlash(rel)] = "skipped"
		}
	}
	want := map[string]string{
		"ok.md": "linted", "alias.md": "linted", "sub/real.md": "linted", "sub/deep.md": "linted",
		"dangling.md": "no such file", "loop-a.md": "too many levels", "loop-b.md": "too many levels",
		"self.md": "too many levels", "sub/loop.txt": "too many levels",
	}
	for name, w := range want {
		if !strings.Contains(got[name], w) {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
	for name := range got {
		if strings.HasPrefix(name, "sub/up") || strings.HasPrefix(name, "sub/again") || strings.HasPrefix(name, "folderlink") {
			t.Errorf("followed a folder symlink: %s", name)
		}
	}
	// a loop named on the command line is an error, not a hang
	res = runWithin(t, robustOptions(t, filepath.Join(dir, "sub", "up", "sub", "up", "ok.md"), filepath.Join(dir, "loop-a.md")))
	if res[0].Err != nil || res[1].Err == nil {
		t.Errorf("explicit paths through links: %v, %v", res[0].Err, res[1].Err)
	}
}

// TestConcurrentFixes runs --fix on the same file from several goroutines at once, while
// another goroutine keeps reading it: every read, and the end state, must be a whole
// version of the file (the original or a fixed one), never a mix or a truncated file.
func TestConcurrentFixes(t *testing.T) {
	// role-mislabeled has a safe fix: retitle the posting
	src := []byte("# Senior Product Owner\n\n## What you will do\n\n- Own pricing and packaging for the product line\n" +
		"- Build the business case and go-to-market plan for new markets\n- Run market research and competitive analysis\n" +
		"- Define the product strategy and P&L targets\n")
	dir := t.TempDir()
	path := filepath.Join(dir, "po.md")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	// the versions a correct run can leave: src, its fixed form, the fix of that...
	valid := map[string]bool{string(src): true}
	cur := src
	for i := 0; i < 5; i++ {
		res := Run(robustOptions(t, path))
		out, n, err := Fixed(res[0], false)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		valid[string(out)] = true
		cur = out
		if err := os.WriteFile(path, cur, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(valid) < 2 {
		t.Fatal("the test posting has no safe fix (recalibrated? role-mislabeled should retitle it)")
	}
	for round := 0; round < 5; round++ {
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		stop := make(chan struct{})
		readErr := make(chan string, 1)
		go func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				b, err := os.ReadFile(path)
				if err == nil && !valid[string(b)] {
					select {
					case readErr <- string(b):
					default:
					}
				}
			}
		}()
		var unexpected []error
		var mu sync.Mutex
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := Run(Options{Paths: []string{path}, NLP: defaultOpts(t), Jobs: 1})
				_, errs := ApplyFixes(res, false, nil)
				for _, err := range errs {
					if !errors.Is(err, ErrChanged) { // losing the race is reported, not an error here
						mu.Lock()
						unexpected = append(unexpected, err)
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		close(stop)
		for _, err := range unexpected {
			t.Errorf("round %d: %v", round, err)
		}
		select {
		case b := <-readErr:
			t.Fatalf("round %d: a reader saw a file that is no version of the posting:\n%q", round, b)
		default:
		}
		final, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !valid[string(final)] || bytes.Equal(final, src) {
			t.Fatalf("round %d: final file is not a fixed version:\n%s", round, final)
		}
		// no temporary files left behind
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			t.Fatalf("round %d: folder holds %v", round, names)
		}
	}
}

func TestLintNeverPanics(t *testing.T) {
	// Lint recovers from a panic in parsing; a nil taxonomy or zero options must not panic
	zero := verdict.Thresholds{}
	for _, rc := range []rules.Config{{}, {Thresholds: &zero}} {
		if r := Check("x.md", []byte(posting), nlp.Options{}, rc); r.Err != nil {
			t.Fatalf("zero options: %v", r.Err)
		}
	}
}
