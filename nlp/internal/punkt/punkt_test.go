package punkt

import (
	"bytes"
	"reflect"
	"testing"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
	"gopkg.in/neurosnap/sentences.v1/english"

	"github.com/jdlint/jdlint/nlp/internal/punkt/build"
)

// jsonEnglish is the storage the sentences package loads from its JSON.
func jsonEnglish(tb testing.TB) *sentences.Storage {
	tb.Helper()
	b, err := data.Asset("data/english.json")
	if err != nil {
		tb.Fatal(err)
	}
	st, err := sentences.LoadTraining(b)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// TestEnglishEqualsJSON: the flat data builds a storage reflect.DeepEqual to the JSON one.
func TestEnglishEqualsJSON(t *testing.T) {
	got, err := English()
	if err != nil {
		t.Fatal(err)
	}
	want := jsonEnglish(t)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("flat storage differs from JSON: %d/%d/%d/%d entries, JSON %d/%d/%d/%d",
			len(got.AbbrevTypes), len(got.Collocations), len(got.SentStarters), len(got.OrthoContext),
			len(want.AbbrevTypes), len(want.Collocations), len(want.SentStarters), len(want.OrthoContext))
	}
	if len(want.OrthoContext) < 10000 || len(want.AbbrevTypes) < 100 {
		t.Fatalf("JSON storage has only %d ortho and %d abbreviation entries", len(want.OrthoContext), len(want.AbbrevTypes))
	}
	// each call is a fresh storage: the splitter adds abbreviations to its own
	got.AbbrevTypes.Add("zz-test")
	again, err := English()
	if err != nil {
		t.Fatal(err)
	}
	if again.AbbrevTypes.Has("zz-test") {
		t.Error("English returned a storage shared with an earlier call")
	}
}

// TestEnglishCurrent: the committed english.bin is what the generator makes from the
// sentences package today (run `go generate ./nlp/internal/punkt` when this fails).
func TestEnglishCurrent(t *testing.T) {
	want, err := build.English()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(englishData), want) {
		t.Fatalf("english.bin (%d bytes) differs from the generator's output (%d bytes); run go generate ./nlp/internal/punkt", len(englishData), len(want))
	}
}

// TestDecodeErrors: damaged data is an error, not a panic or a short storage.
func TestDecodeErrors(t *testing.T) {
	for _, cut := range []int{0, 3, len(magic), len(magic) + 1, len(englishData) / 2, len(englishData) - 1} {
		if _, err := decode(englishData[:cut]); err == nil {
			t.Errorf("decode of the first %d bytes: no error", cut)
		}
	}
	if _, err := decode(englishData + "x"); err == nil {
		t.Error("decode with a trailing byte: no error")
	}
	if _, err := decode("punkt1\n\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"); err == nil {
		t.Error("decode of an overlong varint: no error")
	}
}

// BenchmarkEnglish is the cost of English, which replaces english.NewSentenceTokenizer's
// JSON load.
func BenchmarkEnglish(b *testing.B) {
	for b.Loop() {
		if _, err := English(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEnglishJSON is the JSON load English replaces.
func BenchmarkEnglishJSON(b *testing.B) {
	for b.Loop() {
		if _, err := english.NewSentenceTokenizer(nil); err != nil {
			b.Fatal(err)
		}
	}
}
