package nlp

import (
	"strings"
	"sync"
	"unicode"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"

	"github.com/jdlint/jdlint/nlp/internal/punkt"
)

// extraAbbrevs are abbreviations common in job postings that must not end a sentence.
var extraAbbrevs = []string{"e.g", "i.e", "u.s", "u.k", "dr", "sr", "jr", "approx", "etc", "incl", "vs", "min", "max", "no", "esp", "dept", "co", "inc", "ltd", "st", "mr", "ms", "mrs", "yrs", "p.a", "a.k.a", "cf", "nr", "z.b", "d.h", "bzw", "ca"}

var (
	splitterOnce sync.Once
	splitter     *sentences.DefaultSentenceTokenizer
)

// sentenceSplitter returns the process-wide Punkt tokenizer, loaded once. Its English
// training data comes from internal/punkt's flat copy (about a millisecond) rather than the
// sentences package's JSON (10-14 ms); the two storages are equal (punkt's tests).
func sentenceSplitter() *sentences.DefaultSentenceTokenizer {
	splitterOnce.Do(func() {
		training, err := punkt.English()
		if err != nil {
			panic("nlp: load sentence tokenizer: " + err.Error()) // embedded data, checked by its tests
		}
		t, err := english.NewSentenceTokenizer(training)
		if err != nil {
			panic("nlp: load sentence tokenizer: " + err.Error()) // embedded data; cannot fail
		}
		for _, a := range extraAbbrevs {
			t.Storage.AbbrevTypes.Add(a)
		}
		splitter = t
	})
	return splitter
}

// splitBlock splits a block's text into sentence ranges [start, end), trimmed of space.
func splitBlock(text string) [][2]int {
	var out [][2]int
	if !strings.ContainsAny(text, ".!?") {
		if s, e := trimRange(text, 0, len(text)); s < e {
			out = append(out, [2]int{s, e})
		}
		return out
	}
	for _, s := range sentenceSplitter().Tokenize(text) {
		if a, b := trimRange(text, s.Start, s.End); a < b {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

func trimRange(text string, s, e int) (int, int) {
	for s < e && (unicode.IsSpace(rune(text[s]))) {
		s++
	}
	for e > s && (unicode.IsSpace(rune(text[e-1]))) {
		e--
	}
	return s, e
}
