package lint_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/jdlint/jdlint/internal/synth"
	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/report"
	"github.com/jdlint/jdlint/rules"
)

// benchDirs caches generated folders by size for the life of the test binary.
var benchDirs sync.Map

// generated returns a folder of n synthetic postings (internal/synth, seed 1).
func generated(tb testing.TB, n int) string {
	return generatedKinds(tb, n)
}

// generatedKinds returns a folder of the first n synthetic postings of the given kinds
// (seed 1; every kind when none is given), as `go run ./internal/gen -n N -kind K` writes it.
func generatedKinds(tb testing.TB, n int, kinds ...synth.Kind) string {
	tb.Helper()
	key := fmt.Sprint(n, kinds)
	if d, ok := benchDirs.Load(key); ok {
		return d.(string)
	}
	dir, err := os.MkdirTemp("", "jdlint-bench-")
	if err != nil {
		tb.Fatal(err)
	}
	if err := synth.WriteKinds(dir, n, 1, kinds...); err != nil {
		tb.Fatal(err)
	}
	benchDirs.Store(key, dir)
	return dir
}

// rewriteHeavy returns a folder of n generated blended postings: each gets role-blended and
// off-role-duty findings whose fixes rewrite duties as collaboration, so a run over it
// loads the part-of-speech tagger and tags and rewrites on every posting.
func rewriteHeavy(tb testing.TB, n int) string {
	return generatedKinds(tb, n, synth.Blended)
}

func TestMain(m *testing.M) {
	if paths := os.Getenv(coldEnv); paths != "" {
		os.Exit(coldChild(paths))
	}
	code := m.Run()
	benchDirs.Range(func(_, d any) bool {
		os.RemoveAll(d.(string))
		return true
	})
	os.Exit(code)
}

func options(tb testing.TB, jobs int, paths ...string) lint.Options {
	tb.Helper()
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		tb.Fatal(err)
	}
	return lint.Options{Paths: paths, Jobs: jobs, NLP: nopts, Rules: rules.Config{}}
}

// TestJobsSameOutput: the reports of a parallel run are byte for byte those of a --jobs 1
// run, whatever the order in which workers finish, and the streaming run's trimmed results
// (lint.Trim) print byte for byte what whole postings print, in every format, with and
// without unsafe fixes. The folders: 100 generated postings, 30 that all get collaboration
// rewrites, and the hand-written corpus.
func TestJobsSameOutput(t *testing.T) {
	paths := []string{generated(t, 100), rewriteHeavy(t, 30), filepath.Join("..", "testdata", "job_posts")}
	whole := options(t, 1, paths...)
	whole.KeepPosting = true
	want := lint.Run(whole)
	if len(want) < 200 {
		t.Fatalf("%d results, want at least 200", len(want))
	}
	fixes := 0
	for _, r := range want {
		if len(lint.MergeEdits(r, true)) > 0 {
			fixes++
		}
	}
	if fixes < 50 {
		t.Fatalf("%d results with fixes, want at least 50", fixes)
	}
	render := func(results []lint.Result) map[string][]byte {
		out := map[string][]byte{}
		for _, name := range report.Formats {
			f, err := report.Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, unsafe := range []bool{false, true} {
				var b bytes.Buffer
				if err := f(&b, results, report.Options{Version: "test", Unsafe: unsafe, FailLevel: rules.Warning}); err != nil {
					t.Fatal(err)
				}
				out[fmt.Sprintf("%s unsafe=%v", name, unsafe)] = b.Bytes()
			}
		}
		return out
	}
	ref := render(want)
	for _, jobs := range []int{1, 2, 4, 8} {
		got := lint.Run(options(t, jobs, paths...))
		if len(got) != len(want) {
			t.Fatalf("--jobs %d: %d results, want %d", jobs, len(got), len(want))
		}
		for i, r := range got {
			if p := r.Posting; p != nil && (p.Sentences != nil || p.Sections != nil || p.Source != nil) {
				t.Fatalf("--jobs %d: %s keeps its sentences, sections or line index", jobs, r.Path)
			}
			if keep := len(r.Findings) > 0; keep != (r.Src() != nil) || r.Posting != nil && keep != (r.Posting.Src != nil) {
				t.Fatalf("--jobs %d: %s has %d findings and keeps %d bytes of source", jobs, r.Path, len(r.Findings), len(r.Src()))
			}
			if r.Path != want[i].Path {
				t.Fatalf("--jobs %d: result %d is %s, want %s", jobs, i, r.Path, want[i].Path)
			}
		}
		for name, b := range render(got) {
			if !bytes.Equal(b, ref[name]) {
				t.Errorf("--jobs %d: the %s report of trimmed results differs from whole postings on --jobs 1", jobs, name)
			}
		}
	}
}

// TestRunRetainsLittle: memory stays flat as the folder grows. Once Run returns, each
// result holds its verdict, findings and, when it has findings, its source: a few
// kilobytes, against about 26 KiB when it kept the posting's sentences.
func TestRunRetainsLittle(t *testing.T) {
	opts := options(t, 2, generated(t, 300))
	lint.Run(opts) // load the models outside the measure
	retained := func(opts lint.Options) int {
		before := liveHeap()
		results := lint.Run(opts)
		n := int(liveHeap()-before) / len(results)
		runtime.KeepAlive(results)
		return n
	}
	trimmed := retained(opts)
	opts.KeepPosting = true
	whole := retained(opts)
	t.Logf("retained heap per posting: %d B trimmed, %d B whole", trimmed, whole)
	if trimmed > 6<<10 || trimmed*4 > whole {
		t.Errorf("a result keeps %d B of heap (whole postings: %d B); want under 6 KiB and a quarter of whole", trimmed, whole)
	}
}

// liveHeap is the heap in use after a full collection.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// TestGeneratedKinds: the generator's postings get the verdicts their kind was made for, so
// the benchmark exercises every rule path (a regression in the classifier shows up here too).
func TestGeneratedKinds(t *testing.T) {
	results := lint.Run(options(t, 0, generated(t, 100)))
	wrong := 0
	for _, r := range results {
		var kind synth.Kind
		for _, k := range []synth.Kind{synth.POOK, synth.PMOK, synth.Mislabeled, synth.Blended, synth.NotProduct, synth.Untitled} {
			if bytes.Contains([]byte(filepath.Base(r.Path)), []byte("-"+string(k)+".")) {
				kind = k
			}
		}
		if r.Posting == nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
		want := map[synth.Kind]nlp.Role{synth.POOK: nlp.PO, synth.PMOK: nlp.PM, synth.Mislabeled: nlp.PO, synth.Blended: nlp.Blended, synth.NotProduct: nlp.Other}[kind]
		if want != "" && r.Verdict.Detected != want {
			wrong++
			t.Logf("%s: detected %s, made as %s", r.Path, r.Verdict.Detected, kind)
		}
	}
	if wrong > 5 {
		t.Errorf("%d of 100 generated postings got another verdict than their kind", wrong)
	}
}

// BenchmarkRun1000 lints a generated folder of 1,000 postings of about 500 words and writes
// the JSON report, as `jdlint --format json DIR` does, in a process whose models are
// already loaded: the steady state of a long run. BenchmarkRun1000Cold counts the loads.
func BenchmarkRun1000(b *testing.B) {
	dir := generated(b, 1000)
	opts := options(b, 0, dir)
	lint.Run(opts) // load the lazy models (the tagger) and warm the file cache outside the timer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		results := lint.Run(opts)
		if err := report.JSON(io.Discard, results, report.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun1000Jobs1 is BenchmarkRun1000 on one worker.
func BenchmarkRun1000Jobs1(b *testing.B) {
	dir := generated(b, 1000)
	opts := options(b, 1, dir)
	lint.Run(opts)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		results := lint.Run(opts)
		if err := report.JSON(io.Discard, results, report.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun1000Rewrite is BenchmarkRun1000 on a rewrite-heavy folder: 1,000 generated
// blended postings, each with collaboration rewrites (the tagger, tagging and the rewrite
// on every posting). BenchmarkRewrite1000Cold counts the loads.
func BenchmarkRun1000Rewrite(b *testing.B) {
	opts := options(b, 0, rewriteHeavy(b, 1000))
	lint.Run(opts)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		results := lint.Run(opts)
		if err := report.JSON(io.Discard, results, report.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLintOne parses, tags and checks one generated posting in memory.
func BenchmarkLintOne(b *testing.B) {
	p := synth.Generate(1, 2)
	opts := options(b, 1)
	b.SetBytes(int64(len(p.Content)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := lint.Check(p.Name, p.Content, opts.NLP, opts.Rules); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

// coldEnv names the paths a cold child process lints (see coldChild).
const coldEnv = "JDLINT_BENCH_COLD"

// coldChild is the child process of the cold benchmarks: it lints paths (separated by
// os.PathListSeparator) as `jdlint --format json PATH...` does, models loaded from nothing,
// and returns the exit code. The paths "-" lint nothing: the cost of starting the process.
func coldChild(paths string) int {
	if paths == "-" {
		return 0
	}
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	results := lint.Run(lint.Options{Paths: filepath.SplitList(paths), NLP: nopts, Rules: rules.Config{}})
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintln(os.Stderr, r.Path, r.Err)
			return 1
		}
	}
	if err := report.JSON(io.Discard, results, report.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// benchCold runs, per iteration, a fresh process (this test binary, see TestMain) that
// loads every model (taxonomy, Punkt's data, the part-of-speech tagger when a rewrite needs
// it) and lints paths: the whole cost of one jdlint call, start-up included.
func benchCold(b *testing.B, paths ...string) {
	b.Helper()
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	env := append(os.Environ(), coldEnv+"="+strings.Join(paths, string(os.PathListSeparator)))
	for b.Loop() {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("cold run of %v: %v\n%s", paths, err, out)
		}
	}
}

// BenchmarkRun1000Cold is BenchmarkRun1000 in a new process each time, model loads included.
func BenchmarkRun1000Cold(b *testing.B) {
	benchCold(b, generated(b, 1000))
}

// BenchmarkRewrite1000Cold is BenchmarkRun1000Rewrite in a new process each time.
func BenchmarkRewrite1000Cold(b *testing.B) {
	benchCold(b, rewriteHeavy(b, 1000))
}

// BenchmarkColdStart is the floor of the cold benchmarks: starting the process and exiting.
func BenchmarkColdStart(b *testing.B) {
	benchCold(b, "-")
}

// BenchmarkColdOneClean lints one posting that gets no finding in a new process: start-up,
// the taxonomy and Punkt's data, no tagger.
func BenchmarkColdOneClean(b *testing.B) {
	benchCold(b, coldClean)
}

// BenchmarkColdOneRewrite lints, in a new process, one posting whose role-blended finding
// rewrites duties as collaboration: that path loads the part-of-speech tagger.
func BenchmarkColdOneRewrite(b *testing.B) {
	benchCold(b, coldRewrite)
}

// The postings of the cold one-posting benchmarks.
var (
	coldClean   = filepath.Join("..", "testdata", "job_posts", "a-pm-analytics-gtm.md")
	coldRewrite = filepath.Join("..", "testdata", "job_posts", "b-po-title-blended-prose.md")
)

// TestColdPostings: the cold benchmarks' postings are what they are named for: one without
// findings, one whose role-blended finding rewrites duties as collaboration.
func TestColdPostings(t *testing.T) {
	results := lint.Run(options(t, 1, coldClean, coldRewrite))
	if len(results) != 2 {
		t.Fatalf("%d results, want 2", len(results))
	}
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
		collab := false
		for _, f := range r.Findings {
			collab = collab || f.Rule == "role-blended" && f.Fix != nil && strings.Contains(f.Fix.Description, "collaboration")
		}
		switch r.Path {
		case coldClean:
			if len(r.Findings) != 0 {
				t.Errorf("%s: %d findings, want none", r.Path, len(r.Findings))
			}
		case coldRewrite:
			if !collab {
				t.Errorf("%s: no role-blended collaboration rewrite", r.Path)
			}
		}
	}
}
