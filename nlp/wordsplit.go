package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdlint/jdlint/nlp/internal/tokenize"
)

// proseQuotes is prose's tokenizer's sanitizer: curly quotes become straight ones first.
// quoteRunes is what it replaces, for a quick test.
var (
	proseQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")
	quoteOlds   = [...]string{"\u201c", "\u201d", "\u2018", "\u2019", "&rsquo;"}
	quoteNews   = [...]byte{'"', '"', '\'', '\'', '\''}
)

// proseSuffixes are the characters prose's tokenizer splits off the end of a word.
const proseSuffixes = ",)\"]!;.?:'"

// maxProseWord is the longest word (in bytes, between whitespace) handed to prose's
// tokenizer. prose peels a word one prefix or suffix character at a time and rescans the
// whole word after each, so its cost grows with the square of the word's length: a run of
// 25,000 brackets took 7.5 s. A longer word is peeled here, in linear time, the way prose
// would peel it, until what is left fits (splitLong). It is at least as long as prose's
// longest emoticon (29 bytes), which are only recognised whole.
const maxProseWord = 32

// proseWords returns the token texts prose's tokenizer (prose.NewDocument without tagging)
// gives for text, without its cost: it cuts text at whitespace as prose does and settles the
// two commonest kinds of word itself, plain words ("backlog", "go-to-market") and plain words
// with one trailing punctuation mark ("sprint," "Mr."); a longer word is peeled by splitLong;
// any other word is handed to prose, so that the result is prose's own. TestProseWords
// checks the two against each other.
//
// Unlike prose, it returns each token as the bytes of text it came from, in order: prose
// reads curly quotes as straight ones (’ for '), and its token "'s" stands for "’s" in
// text. Every token is therefore found in text, in order, where it came from, and
// text[start:start+len(token)] is the token itself, whatever the quotes.
func proseWords(text string) []string {
	return appendProseWords(make([]string, 0, len(text)/5+1), text)
}

// appendProseWords appends proseWords(text) to out.
func appendProseWords(out []string, text string) []string {
	var buf [8][2]int
	sp := wordSplitter{pieces: buf[:0], cache: len(text) >= 4096}
	tokenize.Spans(text, func(span string) { out = sp.add(out, span) })
	return out
}

// wordSplitter holds what appendWord reuses from one word to the next.
type wordSplitter struct {
	pieces [][2]int // token ranges in the word being split
	toOrig []int    // offsets in the quote-free word -> offsets in the word as written
	cache  bool     // remember prose's answers (long texts, where hostile ones repeat a word)
	prose  map[string][]string
}

// appendWord appends prose's tokens of one whitespace-free (or all-whitespace) span, as
// bytes of span (see proseWords).
func appendWord(out []string, span string) []string {
	var sp wordSplitter
	return sp.add(out, span)
}

// add is appendWord, reusing sp's buffers and its cache of prose's answers.
func (sp *wordSplitter) add(out []string, span string) []string {
	clean, mapped := span, false
	if hasProseQuote(span) {
		clean, mapped = sp.unquote(span), true
	}
	sp.pieces = splitClean(sp.pieces[:0], clean, sp.proseTokens)
	for _, pc := range sp.pieces {
		s, e := pc[0], pc[1]
		if mapped {
			s, e = sp.toOrig[s], sp.toOrig[e]
		}
		out = append(out, span[s:e])
	}
	return out
}

// hasProseQuote reports whether s holds a quote proseQuotes replaces. Each starts with
// 0xE2 (the curly quotes) or '&' (&rsquo;): one byte scan spares most words the searches.
func hasProseQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0xe2 || c == '&' {
			return strings.ContainsAny(s[i:], "\u201c\u201d\u2018\u2019") || strings.Contains(s[i:], "&rsquo;")
		}
	}
	return false
}

// unquote replaces curly quotes as prose's sanitizer does (proseQuotes) and records where
// each byte of the result came from in sp.toOrig, so that a token of the result can be
// mapped back to the bytes it stands for.
func (sp *wordSplitter) unquote(span string) string {
	var b strings.Builder
	b.Grow(len(span))
	sp.toOrig = sp.toOrig[:0]
	for i := 0; i < len(span); {
		n, c := 0, byte(0)
		if span[i] == 0xe2 || span[i] == '&' {
			for k, old := range quoteOlds {
				if strings.HasPrefix(span[i:], old) {
					n, c = len(old), quoteNews[k]
					break
				}
			}
		}
		if n == 0 {
			n, c = 1, span[i]
		}
		sp.toOrig = append(sp.toOrig, i)
		b.WriteByte(c)
		i += n
	}
	sp.toOrig = append(sp.toOrig, len(span))
	return b.String()
}

// proseTokens runs prose's tokenizer on one short word, remembering the answer for the
// rest of a long text: hostile ones repeat the same punctuation thousands of times.
func (sp *wordSplitter) proseTokens(w string) ([]string, bool) {
	if toks, ok := sp.prose[w]; ok {
		return toks, toks != nil
	}
	if sp.prose == nil && sp.cache {
		sp.prose = map[string][]string{}
	}
	toks, err := splitWords(w)
	if sp.prose != nil && len(sp.prose) < 4096 {
		sp.prose[w] = toks
	}
	return toks, err == nil
}

// splitClean appends the token ranges of one whitespace-free word w (quotes already
// straightened) to out. proseOf splits a word of at most maxProseWord bytes with prose.
func splitClean(out [][2]int, w string, proseOf func(string) ([]string, bool)) [][2]int {
	if strings.TrimSpace(w) == "" {
		return out // prose drops blank tokens
	}
	plain := 0 // length of the leading run of ASCII letters, digits and hyphens
	alnum := true
	for plain < len(w) {
		c := w[plain]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			plain++
			continue
		}
		if c == '-' {
			alnum = false
			plain++
			continue
		}
		break
	}
	switch {
	case plain == len(w):
		// no prefix, suffix or contraction to split: prose keeps the word whole
		return append(out, [2]int{0, len(w)})
	case alnum && plain > 0 && plain == len(w)-1 && strings.IndexByte(proseSuffixes, w[plain]) >= 0:
		// "word," -> "word" ","; but an abbreviation like "Mr." or "Inc." stays whole
		if w[plain] == '.' && isTitleAbbrev(w[:plain]) {
			return append(out, [2]int{0, len(w)})
		}
		return append(out, [2]int{0, plain}, [2]int{plain, len(w)})
	case len(w) > maxProseWord:
		return splitLong(out, w, proseOf)
	}
	out, _ = appendProse(out, w, 0, proseOf)
	return out
}

// appendProse appends the ranges of prose's tokens of w[from:], a word of at most
// maxProseWord bytes, found in order in w. A word prose cannot split is kept whole, and ok
// is false.
func appendProse(out [][2]int, w string, from int, proseOf func(string) ([]string, bool)) (_ [][2]int, ok bool) {
	toks, ok := proseOf(w[from:])
	if !ok {
		return append(out, [2]int{from, len(w)}), false // prose could not split it (prosesafe.go)
	}
	cur := from
	for _, t := range toks {
		if i := strings.Index(w[cur:], t); i >= 0 {
			out = append(out, [2]int{cur + i, cur + i + len(t)})
			cur += i + len(t)
		}
	}
	return out, true
}

// contractions are what prose splits a word before, tried in this order, and where the
// first of them that occurs in the lower-cased word is found, not the earliest.
var contractions = [...]string{"'ll", "'s", "'re", "'m", "n't"}

// splitLong splits a word longer than maxProseWord as prose's tokenizer does, in time
// linear in its length. prose repeats, on what is left of the word, until it stops changing:
// if the word is special (an emoticon, or initials such as "U.S.A."), keep what is left whole
// and stop; else split off a leading $ ( " or [; else split before the first contraction
// found (in the order of contractions); else take off a trailing suffix character
// (proseSuffixes), to go after the rest; else keep what is left whole. Each of these
// rescans the whole word in prose. Here, the word shrinks from both ends and only these
// facts are kept: where each contraction next occurs, and how far the initials run from
// the current start. Once what is left fits in maxProseWord bytes, prose finishes it.
//
// prose finds contractions in a lower-case copy of the word and slices the word at the
// offset it found there. Past a rune that lower-cases to another length, or a byte that is
// not UTF-8, that offset is not the word's, and prose panics or splits mid-rune
// (prosesafe.go): a word where prose would do so is kept whole, as prose's failures are.
func splitLong(out [][2]int, w string, proseOf func(string) ([]string, bool)) [][2]int {
	lower, aligned := w, len(w) // offsets in lower are offsets in w up to aligned
	if hasUpper(w) || !utf8.ValidString(w) {
		lower, aligned = strings.ToLower(w), alignedPrefix(w)
	}
	n0 := len(out)
	var next [len(contractions)]int // next occurrence at or after lo; -1: none left
	for k := range next {
		next[k] = -2 // not searched yet
	}
	initialsFrom, initialsEnd := -1, 0 // the run of "X." pairs from initialsFrom ends at initialsEnd
	var suffs []int                    // offsets of the split-off suffix characters, last first
	lo, hi := 0, len(w)
	done := false
	for !done && hi-lo > maxProseWord {
		// special: the whole of what is left is two or more letter-dot pairs (prose's
		// internalRE; its emoticons and title abbreviations are shorter than maxProseWord)
		if initialsFrom != lo {
			initialsFrom, initialsEnd = lo, lo
			for initialsEnd+1 < len(w) && isASCIILetter(w[initialsEnd]) && w[initialsEnd+1] == '.' {
				initialsEnd += 2
			}
		}
		if initialsEnd >= hi && (hi-lo)%2 == 0 {
			out = append(out, [2]int{lo, hi})
			lo = hi
			break
		}
		switch c := w[lo]; {
		case c == '$' || c == '(' || c == '"' || c == '[':
			out = append(out, [2]int{lo, lo + 1})
			lo++
			continue
		}
		idx := -1
		for k, ct := range contractions {
			if next[k] == -2 || next[k] >= 0 && next[k] < lo {
				if i := strings.Index(lower[lo:], ct); i >= 0 {
					next[k] = lo + i
				} else {
					next[k] = -1
				}
			}
			if next[k] >= aligned {
				// prose would split at an offset of the lower-case copy that is not one of
				// the word's (prosesafe.go): keep the word whole instead
				return append(out[:n0], [2]int{0, len(w)})
			}
			if next[k] >= 0 && next[k]+len(ct) <= hi {
				idx = next[k]
				break
			}
		}
		switch {
		case idx > lo:
			out = append(out, [2]int{lo, idx})
			lo = idx
		case idx == lo:
			// prose splits off an empty token and, the word unchanged, stops: what is left
			// is dropped
			lo = hi
			done = true
		case strings.IndexByte(proseSuffixes, w[hi-1]) >= 0:
			hi--
			suffs = append(suffs, hi)
		default:
			out = append(out, [2]int{lo, hi})
			lo = hi
			done = true
		}
	}
	if lo < hi {
		var ok bool
		if out, ok = appendProse(out, w[:hi], lo, proseOf); !ok {
			// prose fails on what is left, so it fails on the word: keep it whole
			return append(out[:n0], [2]int{0, len(w)})
		}
	}
	for i := len(suffs) - 1; i >= 0; i-- {
		out = append(out, [2]int{suffs[i], suffs[i] + 1})
	}
	return out
}

// alignedPrefix returns how far offsets in strings.ToLower(w) are offsets in w: up to the
// first rune that lower-cases to another length, or the first byte that is not UTF-8 (it
// becomes a 3-byte U+FFFD).
func alignedPrefix(w string) int {
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		if r == utf8.RuneError && size == 1 || r >= utf8.RuneSelf && utf8.RuneLen(unicode.ToLower(r)) != size {
			return i
		}
		i += size
	}
	return len(w)
}

func hasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// isTitleAbbrev reports whether w+"." is an abbreviation prose keeps whole: an upper-case
// letter and one or two lower-case ones ("Mr.", "Inc.").
func isTitleAbbrev(w string) bool {
	if len(w) < 2 || len(w) > 3 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
