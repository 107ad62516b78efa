package nlp

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/neurosnap/sentences.v1/english"
)

// TestSplitterSameAsJSON: the splitter over internal/punkt's flat training data cuts every
// block of the labeled and held-out postings where the sentences package's JSON-trained
// splitter cuts it.
func TestSplitterSameAsJSON(t *testing.T) {
	ref, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range extraAbbrevs {
		ref.Storage.AbbrevTypes.Add(a)
	}
	if !reflect.DeepEqual(ref.Storage, sentenceSplitter().Storage) {
		t.Fatal("the splitter's storage differs from the JSON one with jdlint's abbreviations")
	}
	var files []string
	for _, pat := range []string{"job_posts/*", "holdout/*", "written/*", "written-holdout/*"} {
		fs, err := filepath.Glob(filepath.Join("..", "testdata", pat))
		if err != nil || len(fs) == 0 {
			t.Fatalf("no files for %s (%v)", pat, err)
		}
		files = append(files, fs...)
	}
	// numbers, initials and abbreviations: where the splitter's Type matters (punktWords)
	hard := []string{"Pay is $120,000.00 a year. Bonus 10%. Start 01.02.2027. Apply now.",
		"Work with the U.S. team, e.g. Dr. Smith. 3.5 yrs. required. No. 1 in Q3. Then 2,000, 3. Next.",
		"See v2.0. It ships on 3.1.2027. Call +49 (0) 30-123. Fin."}
	cuts := 0
	for _, f := range append(files, hard...) {
		text := f
		if strings.HasSuffix(f, ".md") {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text = string(b)
		}
		got, want := sentenceSplitter().Tokenize(text), ref.Tokenize(text)
		if len(got) != len(want) {
			t.Errorf("%s: %d sentences, JSON splitter %d", f, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].Start != want[i].Start || got[i].End != want[i].End {
				t.Errorf("%s: sentence %d at [%d,%d), JSON splitter [%d,%d)", f, i, got[i].Start, got[i].End, want[i].Start, want[i].End)
				break
			}
		}
		cuts += len(got)
	}
	if cuts < 1000 {
		t.Errorf("only %d sentences compared", cuts)
	}
}
