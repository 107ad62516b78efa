package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

func TestProgressLine(t *testing.T) {
	for _, tc := range []struct {
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{0, 100, 0, "linting   0% [                              ] 0/100"},
		{5, 100, time.Second, "linting   5% [=>                            ] 5/100"},
		{50, 100, 2 * time.Second, "linting  50% [===============>              ] 50/100, 2s left"},
		{75, 300, 3 * time.Second, "linting  25% [=======>                      ] 75/300, 9s left"},
		{100, 100, 4 * time.Second, "linting 100% [==============================] 100/100"},
		{120, 100, 0, "linting 100% [==============================] 100/100"},
		{1, 0, 0, ""},
	} {
		if got := progressLine(tc.done, tc.total, tc.elapsed); got != tc.want {
			t.Errorf("progressLine(%d, %d, %v)\n got %q\nwant %q", tc.done, tc.total, tc.elapsed, got, tc.want)
		}
	}
}

func TestProgressClears(t *testing.T) {
	var stderr bytes.Buffer
	lopts := lint.Options{}
	done := progress(Options{Progress: true, Stderr: &stderr}, &lopts)
	lopts.OnDiscover(60)
	for range 60 {
		lopts.Progress()
	}
	done()
	out := stderr.String()
	if !strings.Contains(out, "60/60") {
		t.Errorf("the last file is not drawn: %q", out)
	}
	last := out[strings.LastIndex(strings.TrimSuffix(out, "\r"), "\r"):]
	if strings.TrimSpace(last) != "" || !strings.HasSuffix(out, "\r") {
		t.Errorf("the bar is not erased at the end: %q", last)
	}
}
