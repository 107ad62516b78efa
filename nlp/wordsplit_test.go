package nlp

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// proseReference is what Tokenize called before proseWords: prose's own tokenizer (in
// the js build, its port).
func proseReference(text string) []string { return tokenizerWords(text) }

// safely runs a tokenizer, turning a panic into a marker: prose panics on some invalid
// UTF-8 and on runes whose lower case is longer; proseWords must not (prosesafe.go).
func safely(f func(string) []string, text string) (out []string) {
	defer func() {
		if recover() != nil {
			out = []string{"<panic>"}
		}
	}()
	return f(text)
}

func sameWords(t *testing.T, text string) bool {
	t.Helper()
	got := safely(proseWords, text)
	if isPanic(got) {
		t.Errorf("proseWords(%q) panics", text)
		return false
	}
	if want := safely(proseReference, text); isPanic(want) || !sameQuoted(got, want) {
		// word by word: prose panics on some words, and slices a long word past a rune
		// whose lower case has another length at offsets that are not the word's
		// (prosesafe.go); proseWords keeps such a word whole
		for _, span := range strings.FieldsFunc(text, unicode.IsSpace) {
			g, w := proseWords(span), safely(proseReference, span)
			clean := proseQuotes.Replace(span)
			whole := len(g) == 1 && g[0] == span
			misaligned := len(clean) > maxProseWord && alignedPrefix(clean) < len(clean)
			if !sameQuoted(g, w) && !(whole && (isPanic(w) || misaligned)) {
				t.Errorf("proseWords(%q)\n got %q\nwant %q", span, g, w)
				return false
			}
		}
	}
	// and each token is text's own bytes, in order
	cur := 0
	for _, g := range got {
		i := strings.Index(text[cur:], g)
		if i < 0 {
			t.Errorf("proseWords(%q): token %q is not in the text after offset %d", text, g, cur)
			return false
		}
		cur += i + len(g)
	}
	return true
}

func isPanic(toks []string) bool { return len(toks) == 1 && toks[0] == "<panic>" }

// sameQuoted reports whether got are prose's tokens want, but for curly quotes: proseWords
// gives the bytes as written where prose straightens them.
func sameQuoted(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if proseQuotes.Replace(got[i]) != want[i] {
			return false
		}
	}
	return true
}

// TestProseWords: proseWords gives prose's tokens for every line of the labeled postings,
// the sentence table, and a set of awkward cases.
func TestProseWords(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob("../testdata/job_posts/*")
	files = append(files, "../testdata/sentences.tsv")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
		texts = append(texts, string(b))
	}
	if len(texts) < 1000 {
		t.Fatalf("only %d lines to compare", len(texts))
	}
	texts = append(texts, "", " ", "  lead  ", "\tx\t", "Mr. Smith, Inc. and U.S. teams.", "A. B. xD. 8-) :-) (:",
		"they'll won't don't I'm we're team's owners' 'sx n't", "“Quoted” ‘single’ &rsquo;s", "$100 (approx.) [draft] \"x\"",
		"e.g. i.e. etc. vs. Ltd. St. Dr. PhD. MSc.", "go-to-market, end-to-end; -- - --x x-- 3-5", "a\u00a0b\u2003c", "İstanbul's ĲK K ſ",
		"Nodes: (1) own; (2) write!? ok...", "¯\\(ツ)/¯ (ಠ_ಠ) O.o o_O", "100%, 2+ years; 5-7 yrs.", "word,\"", "x.", "X.", "Xy.", "Xyz.", "Xyzw.")
	bad := 0
	for _, s := range texts {
		if !sameWords(t, s) {
			if bad++; bad > 10 {
				t.Fatal("too many differences")
			}
		}
	}
}

// TestProseWordsShort compares every word of one or two characters and a trailing mark.
func TestProseWordsShort(t *testing.T) {
	chars := "aZ9-.'$(\",)]!;?:_xDMr"
	for _, a := range chars {
		for _, b := range chars {
			for _, c := range append([]rune(chars), 0) {
				s := string(a) + string(b)
				if c != 0 {
					s += string(c)
				}
				if !sameWords(t, s) {
					return
				}
			}
		}
	}
}

func FuzzProseWords(f *testing.F) {
	for _, s := range append([]string{"Own the backlog, and the roadmap.", "Mr. X's (draft) U.S. plan", "8-) :-( they'll"}, quoteSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameWords(t, s)
	})
}

// TestProseWordsLong checks the linear peeling of words longer than maxProseWord
// (splitLong) against prose itself, on words built from the characters prose treats
// specially: its prefixes and suffixes, contractions, initials, curly quotes, and runes
// whose lower case is longer.
func TestProseWordsLong(t *testing.T) {
	parts := []string{"(", "[", "$", `"`, "'", ",", ")", "]", "!", ";", ".", "?", ":", "'s", "'ll", "'re", "'m", "n't",
		"N'T", "'S", "a.", "B.", "x", "Mr", "’", "“", "”", "&rsquo;", "é", "İ", "ẞ", "8-)", "-", "1", "\x99", "\xe2\x80"}
	fixed := []string{
		strings.Repeat("(", 40) + "backlog" + strings.Repeat(")", 40),
		strings.Repeat("a.", 30), "(" + strings.Repeat("a.", 30), strings.Repeat("a.", 30) + ")))", strings.Repeat("a.", 30) + "a",
		strings.Repeat("x's", 20), strings.Repeat("'s", 20), "team's" + strings.Repeat(",", 40), strings.Repeat("they'll", 6),
		strings.Repeat("don't", 8), "$$$$" + strings.Repeat("[", 30) + "x'll" + strings.Repeat(".", 30),
		strings.Repeat("’", 40), strings.Repeat("“", 20) + "x" + strings.Repeat("”", 20), strings.Repeat("é", 40) + "'s",
	}
	rnd := rand.New(rand.NewPCG(14, 8))
	for i := 0; i < 1500; i++ {
		var b strings.Builder
		for n := 10 + rnd.IntN(60); n > 0; n-- {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		fixed = append(fixed, b.String())
	}
	bad := 0
	for _, w := range fixed {
		for _, text := range []string{w, "Own " + w + " today."} {
			if !sameWords(t, text) {
				if bad++; bad > 10 {
					t.Fatal("too many differences")
				}
			}
		}
	}
}
