package nlp

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdlint/jdlint/nlp/internal/postag"
)

var (
	posModelOnce sync.Once
	posModel     *postag.Tagger
)

// taggerModel returns prose's part-of-speech tagger over its flat embedded model
// (internal/postag), which loads in microseconds where prose's own takes about 127 ms.
func taggerModel() *postag.Tagger {
	posModelOnce.Do(func() {
		t, err := postag.Load()
		if err != nil {
			panic("nlp: load tagger: " + err.Error()) // embedded data, checked by its tests
		}
		posModel = t
	})
	return posModel
}

// Tokenize splits a sentence into tokens with prose's tokenizer and gives each its byte
// offset in the sentence and its lemma.
func Tokenize(text string) []Token {
	words := proseWords(text) // prose's tokens, faster (wordsplit.go)
	n := len(words)
	for _, w := range words {
		if len(w) >= 3 && strings.Contains(w[1:len(w)-1], "-") {
			n += strings.Count(w, "-") // appendSplit's parts, so the slice is allocated once
		}
	}
	toks := make([]Token, 0, n)
	cur := 0
	for _, w := range words {
		at := cur
		if i := strings.Index(text[cur:], w); i >= 0 {
			at = cur + i
			cur = at + len(w)
		}
		toks = appendSplit(toks, w, at)
	}
	return toks
}

// appendSplit appends a token, splitting hyphenated words ("go-to-market", "story-slicing")
// into their parts so that phrases match whether or not the writer used hyphens.
func appendSplit(toks []Token, text string, at int) []Token {
	if len(text) < 3 || !strings.Contains(text[1:len(text)-1], "-") {
		return append(toks, Token{Text: text, Lemma: Lemma(text), Start: at})
	}
	off := 0
	for _, part := range strings.Split(text, "-") {
		if part != "" {
			toks = append(toks, Token{Text: part, Lemma: Lemma(part), Start: at + off})
		}
		off += len(part) + 1
	}
	return toks
}

// TagPOS fills in the part-of-speech tags of a sentence's tokens, loading the tagger on
// first use. Rules call it only for sentences they rewrite.
//
// The tags are those prose v2's Document gives the sentence (postag's tests hold the two
// equal), including a quirk kept so that rewrites stay as they were: prose shares one token
// between repeated words of a sentence, so every occurrence of a word carries the tag of
// its last occurrence (postag.Share). As with prose, a sentence whose tokens are not the
// sentence's Tokens one for one (hyphenated words, which Tokenize splits) gets no tags,
// nor does one that prose's tokenizer cannot split (prosesafe.go).
func TagPOS(s *Sentence) {
	if len(s.Tokens) == 0 || s.Tokens[0].Tag != "" {
		return
	}
	words, spans, endsText, ok := proseSpans(s.Text)
	if !ok || len(words) != len(s.Tokens) {
		return
	}
	tags := taggerModel().Tag(words)
	postag.Share(tags, spans, endsText)
	for i := range tags {
		s.Tokens[i].Tag = tags[i]
	}
}

// proseSpans returns prose's tokens for text (appendWord's for ASCII spans, which
// TestProseWords holds to prose's), the whitespace-free spans prose's tokenizer cuts them
// from with each span's token count, and whether the last span ends the text; ok is false
// where prose's tokenizer would panic on the text.
func proseSpans(text string) (words []string, spans []postag.Span, endsText, ok bool) {
	clean := text
	if hasProseQuote(text) {
		clean = proseQuotes.Replace(text)
	}
	words = make([]string, 0, len(clean)/5+1)
	for _, span := range strings.FieldsFunc(clean, unicode.IsSpace) {
		n := len(words)
		if isASCII(span) {
			words = appendWord(words, span)
		} else {
			// prose's tokenizer itself: it panics on some spans with runes whose lower case
			// has another length (on ASCII it cannot), and a panic leaves the text untagged
			toks, err := splitWords(span)
			if err != nil {
				return nil, nil, false, false
			}
			words = append(words, toks...)
		}
		spans = append(spans, postag.Span{Text: span, Tokens: len(words) - n})
	}
	if clean != "" {
		r, _ := utf8.DecodeLastRuneInString(clean)
		endsText = !unicode.IsSpace(r)
	}
	return words, spans, endsText, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// britishToAmerican normalises spelling so "prioritise" and "prioritize" share a lemma.
var britishToAmerican = strings.NewReplacer("isation", "ization", "ise", "ize", "ising", "izing", "ised", "ized", "yse", "yze", "our", "or")

// Lemma reduces a word to a crude lemma: lower case, American spelling, without common
// inflectional suffixes. Taxonomy phrases pass through the same function, so the two
// always agree even where the result is not a dictionary word.
func Lemma(w string) string {
	w = strings.ToLower(w)
	if strings.IndexByte(w, 0xe2) >= 0 { // ’ is E2 80 99
		w = strings.ReplaceAll(w, "’", "'")
	}
	if len(w) <= 3 || strings.HasSuffix(w, "ing") && nounsInIng[w] { // every one ends in -ing
		return w
	}
	if strings.HasSuffix(w, "ise") || strings.HasSuffix(w, "ised") || strings.HasSuffix(w, "ising") || strings.HasSuffix(w, "isation") || strings.HasSuffix(w, "yse") {
		w = britishToAmerican.Replace(w)
	}
	switch {
	case strings.HasSuffix(w, "'s"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "sis"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 4 && !strings.HasSuffix(w, "eed"):
		w = undouble(w[:len(w)-2])
	}
	w = strings.TrimSuffix(w, "e")
	return w
}

// nounsInIng are nouns that must not lose their -ing: "positioning" is not "position" (a
// job opening), "marketing" is not "market".
var nounsInIng = map[string]bool{"positioning": true, "marketing": true, "messaging": true, "engineering": true,
	"housing": true, "banking": true, "funding": true, "staffing": true}

// undouble turns "plann" into "plan" and "runn" into "run".
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
