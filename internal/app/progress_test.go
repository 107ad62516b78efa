package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
)

func folder(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("# Product Owner %d\n\n## What you'll do\n\n- Own and order the product backlog\n- Write user stories\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestProgress(t *testing.T) {
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	big, small := folder(t, 60), folder(t, 50)
	for _, tc := range []struct {
		name     string
		dir      string
		terminal bool
		quiet    bool
		want     bool
	}{
		{"big folder, terminal", big, true, false, true},
		{"50 files", small, true, false, false},
		{"not a terminal", big, false, false, false},
		{"quiet", big, true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			var calls atomic.Int64
			lopts := lint.Options{Paths: []string{tc.dir}, Jobs: 4, NLP: nopts, Progress: func() { calls.Add(1) }}
			done := progress(Options{Progress: tc.terminal, Quiet: tc.quiet, Stderr: &stderr}, &lopts)
			results := lint.Run(lopts)
			done()
			if got := stderr.Len() > 0; got != tc.want {
				t.Errorf("bar shown %v, want %v: %q", got, tc.want, stderr.String())
			}
			if tc.want && !strings.Contains(stderr.String(), "linting") {
				t.Errorf("no bar in %q", stderr.String())
			}
			if int(calls.Load()) != len(results) {
				t.Errorf("the Progress hook set before was called %d times for %d files", calls.Load(), len(results))
			}
			// after done, a second run (re-lint after --fix) draws nothing more
			before := stderr.Len()
			lint.Run(lopts)
			if stderr.Len() != before {
				t.Errorf("a second run drew on stderr after done()")
			}
		})
	}
}
