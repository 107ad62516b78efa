package report

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/jdlint/jdlint/rules"
)

// quoteWidth is the longest quote, in runes, that a message keeps in the text format, the
// one format read at a terminal's width. The others keep quotes whole.
const quoteWidth = 60

// ShortMessage is a finding's message with the posting text it quotes (Finding.Quote) cut
// to at most width runes at a word boundary, with "…" for the rest. A width of 0 or less,
// or a quote that fits, leaves the message as it is.
func ShortMessage(f rules.Finding, width int) string {
	if f.Quote == "" || width <= 0 {
		return f.Message
	}
	short := clipWords(f.Quote, width)
	if short == f.Quote {
		return f.Message
	}
	return strings.Replace(f.Message, strconv.Quote(f.Quote), strconv.Quote(short), 1)
}

// clipWords shortens s to at most n runes, "…" included, cut where a word ends; a first
// word longer than that is kept whole. Punctuation left dangling at the cut goes.
func clipWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := max(n-1, 0) // room for the ellipsis
	i := cut
	for i > 0 && !unicode.IsSpace(r[i]) {
		i--
	}
	if i == 0 { // one long word: keep it whole
		i = cut
		for i < len(r) && !unicode.IsSpace(r[i]) {
			i++
		}
		if i == len(r) {
			return s
		}
	}
	head := strings.TrimRightFunc(string(r[:i]), func(c rune) bool {
		return unicode.IsSpace(c) || strings.ContainsRune(",;:-–—(", c)
	})
	return head + "…"
}
