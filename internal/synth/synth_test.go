package synth

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	kinds := map[Kind]int{}
	words := 0
	const n = 200
	for i := 0; i < n; i++ {
		p := Generate(1, i)
		if q := Generate(1, i); q.Name != p.Name || !bytes.Equal(q.Content, p.Content) {
			t.Fatalf("posting %d differs between two calls", i)
		}
		if !strings.Contains(p.Name, string(p.Kind)) {
			t.Errorf("%s does not name its kind %s", p.Name, p.Kind)
		}
		kinds[p.Kind]++
		words += len(strings.Fields(string(p.Content)))
	}
	for _, k := range kindWeights {
		if kinds[k.kind] == 0 {
			t.Errorf("no posting of kind %s in %d", k.kind, n)
		}
	}
	if avg := words / n; avg < 450 || avg > 600 {
		t.Errorf("postings average %d words, want about 500", avg)
	}
	if bytes.Equal(Generate(1, 0).Content, Generate(2, 0).Content) {
		t.Errorf("the seed does not change the posting")
	}
}

func TestWriteKinds(t *testing.T) {
	dir := t.TempDir()
	if err := WriteKinds(dir, 20, 1, Blended); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 20 {
		t.Fatalf("%d files, want 20", len(entries))
	}
	for _, e := range entries {
		if !strings.Contains(e.Name(), "-"+string(Blended)+".") {
			t.Errorf("%s is not a blended posting", e.Name())
		}
	}
	if err := WriteKinds(t.TempDir(), 1, 1, "nonsense"); err == nil {
		t.Error("an unknown kind was accepted")
	}
}
