// Package tokenize is prose v2's word tokenizer (github.com/jdkato/prose/v2, tokenize.go,
// MIT licence: its iterTokenizer), ported so that a build can split words as prose does
// without linking prose, whose asset table brings in every one of its models (4.4 MB,
// already compressed). The js/wasm build of nlp uses it; the CLI keeps calling prose, and
// TestSameAsProse holds the two equal.
//
// The port keeps prose's code as it is, quirks included: a word is cut at whitespace, then
// peeled of one prefix ($ ( " [), contraction ('ll 's 're 'm n't) or suffix
// (, ) " ] ! ; . ? : ') at a time until nothing changes, unless what is left is an
// emoticon or initials ("U.S.", "Mr."); curly quotes and &rsquo; become straight quotes
// first. Like prose, Words panics where prose panics (a contraction found in the
// lower-cased word at an offset past the word's end: invalid UTF-8, runes such as 'İ'
// whose lower case has another length), and the cost of a word grows with the square of
// its length.
package tokenize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words returns the token texts prose.NewDocument(text) gives, with tokenization only.
func Words(text string) []string {
	var tokens []string
	cache := map[string][]string{}
	Spans(sanitizer.Replace(text), func(span string) {
		toks, found := cache[span]
		if !found {
			toks = doSplit(span)
			cache[span] = toks
		}
		tokens = append(tokens, toks...)
	})
	return tokens
}

// Spans calls f with each span prose's tokenizer splits on its own, in order: text is cut
// where whitespace starts or ends (unicode.IsSpace), and a space (U+0020) that starts a
// run of whitespace is dropped. Whitespace spans are passed too; they give no token.
func Spans(text string, f func(span string)) {
	start, index := 0, 0
	white := false
	for index < len(text) {
		var space bool
		uc, size := rune(text[index]), 1
		if uc < utf8.RuneSelf {
			space = asciiSpace[uc] // unicode.IsSpace, without its call on the usual byte
		} else {
			uc, size = utf8.DecodeRuneInString(text[index:])
			space = unicode.IsSpace(uc)
		}
		if index == 0 {
			white = space
		}
		if space != white {
			if start < index {
				f(text[start:index])
			}
			if uc == ' ' {
				start = index + 1
			} else {
				start = index
			}
			white = !white
		}
		index += size
	}
	if start < index {
		f(text[start:index])
	}
}

// asciiSpace holds unicode.IsSpace for the ASCII bytes.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// addToken appends s unless it is blank.
func addToken(s string, toks []string) []string {
	if strings.TrimSpace(s) != "" {
		toks = append(toks, s)
	}
	return toks
}

func isSpecial(token string) bool {
	return IsEmoticon(token) || internalRE.MatchString(token)
}

// contractions and negation are looked for in this order, as in prose.
var (
	contractions = []string{"'ll", "'s", "'re", "'m"}
	negation     = []string{"n't"}
)

// doSplit splits one whitespace-free span.
func doSplit(token string) []string {
	var tokens, suffs []string
	last := 0
	for token != "" && utf8.RuneCountInString(token) != last {
		if isSpecial(token) {
			// a special case (an emoticon, initials): one token, no further splitting
			tokens = addToken(token, tokens)
			break
		}
		last = utf8.RuneCountInString(token)
		lower := strings.ToLower(token)
		if hasAnyPrefix(token, prefixes) {
			// $100 -> [$, 100]
			tokens = addToken(string(token[0]), tokens)
			token = token[1:]
		} else if idx := hasAnyIndex(lower, contractions); idx > -1 {
			// they'll -> [they, 'll]; the offset is the lower-cased word's (see the package doc)
			tokens = addToken(token[:idx], tokens)
			token = token[idx:]
		} else if idx := hasAnyIndex(lower, negation); idx > -1 {
			// don't -> [do, n't]
			tokens = addToken(token[:idx], tokens)
			token = token[idx:]
		} else if hasAnySuffix(token, suffixes) {
			// Well) -> [Well, )]; prose converts the byte to a rune, so a suffix byte is
			// always ASCII here
			suffs = append([]string{string(rune(token[len(token)-1]))}, suffs...)
			token = token[:len(token)-1]
		} else {
			tokens = addToken(token, tokens)
		}
	}
	return append(tokens, suffs...)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, prefix := range prefixes {
		if len(s) > len(prefix) && strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, suffix := range suffixes {
		if len(s) > len(suffix) && strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

func hasAnyIndex(s string, subs []string) int {
	for _, sub := range subs {
		if idx := strings.Index(s, sub); idx >= 0 && len(s) > len(sub) {
			return idx
		}
	}
	return -1
}

var internalRE = regexp.MustCompile(`^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$`)

var sanitizer = strings.NewReplacer(
	"\u201c", `"`,
	"\u201d", `"`,
	"\u2018", "'",
	"\u2019", "'",
	"&rsquo;", "'")

var (
	suffixes = []string{",", ")", `"`, "]", "!", ";", ".", "?", ":", "'"}
	prefixes = []string{"$", "(", `"`, "["}
)

// IsEmoticon reports whether w is one of prose's emoticons, which its tokenizer keeps whole
// (postag's TestSpecialTokens checks the list against prose's source).
func IsEmoticon(w string) bool {
	switch w {
	case "(-8", "(-;", "(-_-)", "(._.)", "(:", "(=", "(o:", "(¬_¬)", "(ಠ_ಠ)", "(╯°□°）╯︵┻━┻",
		"-__-", "8-)", "8-D", "8D", ":(", ":((", ":(((", ":()", ":)))", ":-)", ":-))", ":-)))",
		":-*", ":-/", ":-X", ":-]", ":-o", ":-p", ":-x", ":-|", ":-}", ":0", ":3", ":P", ":]",
		":`(", ":`)", ":`-(", ":o", ":o)", "=(", "=)", "=D", "=|", "@_@", "O.o", "O_o", "V_V",
		"XDD", "[-:", "^___^", "o_0", "o_O", "o_o", "v_v", "xD", "xDD", `¯\(ツ)/¯`:
		return true
	}
	return false
}
