package lint_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
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
	tb.Helper()
	if d, ok := benchDirs.Load(n); ok {
		return d.(string)
	}
	dir, err := os.MkdirTemp("", "jdlint-bench-")
	if err != nil {
		tb.Fatal(err)
	}
	if err := synth.WriteFolder(dir, n, 1); err != nil {
		tb.Fatal(err)
	}
	benchDirs.Store(n, dir)
	return dir
}

func TestMain(m *testing.M) {
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
// run, whatever the order in which workers finish.
func TestJobsSameOutput(t *testing.T) {
	dir := generated(t, 100)
	want := lint.Run(options(t, 1, dir))
	if len(want) != 100 {
		t.Fatalf("%d results, want 100", len(want))
	}
	for _, jobs := range []int{2, 4, 8} {
		got := lint.Run(options(t, jobs, dir))
		for _, name := range []string{"json", "text", "sarif", "markdown", "html", "github"} {
			f, err := report.Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := f(&a, want, report.Options{Version: "test"}); err != nil {
				t.Fatal(err)
			}
			if err := f(&b, got, report.Options{Version: "test"}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("--jobs %d: %s report differs from --jobs 1", jobs, name)
			}
		}
	}
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
// the JSON report, as `jdlint --format json DIR` does.
func BenchmarkRun1000(b *testing.B) {
	dir := generated(b, 1000)
	opts := options(b, 0, dir)
	lint.Run(opts) // load the lazy models (prose's tagger) and warm the file cache outside the timer
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
