package nlp

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestI7Perf(t *testing.T) {
	files, _ := filepath.Glob("/tmp/i7/rt/*.md")
	o, _ := DefaultOptions()
	for _, f := range files {
		src, _ := os.ReadFile(f)
		t0 := time.Now()
		p, err := Parse(f, src, o)
		n := 0
		if p != nil {
			n = len(p.Sentences)
		}
		t.Logf("%-40s %8d bytes %7d sentences %v %v", filepath.Base(f), len(src), n, time.Since(t0), err)
	}
}
