package nlp

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdlint/jdlint/nlp/internal/postag"
	"github.com/jdlint/jdlint/nlp/internal/tokenize"
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
	return tokensOf(text, proseWords(text), true) // prose's tokens, faster (wordsplit.go)
}

// tokensOf returns the tokens of text made of words, prose's tokens of it found in order:
// hyphenated words split, each token's offset and, if lemmas, its lemma.
func tokensOf(text string, words []string, lemmas bool) []Token {
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
		toks = appendSplit(toks, w, at, lemmas)
	}
	return toks
}

// appendSplit appends a token, splitting hyphenated words ("go-to-market", "story-slicing")
// into their parts so that phrases match whether or not the writer used hyphens. It fills
// in lemmas if lemma is true.
func appendSplit(toks []Token, text string, at int, lemma bool) []Token {
	if len(text) < 3 || !strings.Contains(text[1:len(text)-1], "-") {
		t := Token{Text: text, Start: at}
		if lemma {
			t.Lemma = Lemma(text)
		}
		return append(toks, t)
	}
	off := 0
	for _, part := range strings.Split(text, "-") {
		if part != "" {
			t := Token{Text: part, Start: at + off}
			if lemma {
				t.Lemma = Lemma(part)
			}
			toks = append(toks, t)
		}
		off += len(part) + 1
	}
	return toks
}

// TaggedTokens returns the tokens of text as Tokenize gives them but without lemmas, with
// the part-of-speech tags TagPOS gives a Sentence of text and them (none where TagPOS gives
// none). It tokenizes text once where Tokenize and TagPOS each do: on ASCII text without
// '&', with no quote for prose's sanitizer to straighten, the words prose tags are
// Tokenize's own before hyphenated words are split, so they are counted and tagged from
// the one split. Other text takes Tokenize and TagPOS. TestTaggedTokens holds the two ways
// equal.
func TaggedTokens(text string) []Token {
	if !isASCII(text) || strings.IndexByte(text, '&') >= 0 {
		s := Sentence{Text: text, Tokens: Tokenize(text)}
		TagPOS(&s)
		for i := range s.Tokens {
			s.Tokens[i].Lemma = ""
		}
		return s.Tokens
	}
	// proseSpans, on text that is its own clean copy: its spans are the non-space spans
	// Spans cuts (ASCII spans are all space or all not), each split by appendWord as
	// proseWords splits it
	words := make([]string, 0, len(text)/5+1)
	var spans []postag.Span
	var buf [8][2]int
	sp := wordSplitter{pieces: buf[:0], cache: len(text) >= 4096}
	tokenize.Spans(text, func(span string) {
		if unicode.IsSpace(rune(span[0])) {
			return // a run of space: no token
		}
		n := len(words)
		words = sp.add(words, span)
		spans = append(spans, postag.Span{Text: span, Tokens: len(words) - n})
	})
	toks := tokensOf(text, words, false)
	if len(toks) == 0 || len(words) != len(toks) {
		return toks // no tags, as TagPOS gives none (see there)
	}
	setTags(toks, words, spans, !unicode.IsSpace(rune(text[len(text)-1])))
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
	setTags(s.Tokens, words, spans, endsText)
}

// setTags tags words, the texts of toks, shares tags between repeated words as prose does
// (postag.Share), and stores them in toks.
func setTags(toks []Token, words []string, spans []postag.Span, endsText bool) {
	tags := taggerModel().Tag(words)
	postag.Share(tags, spans, endsText)
	for i := range tags {
		toks[i].Tag = tags[i]
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
