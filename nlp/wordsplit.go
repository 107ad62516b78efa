package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// proseQuotes is prose's tokenizer's sanitizer: curly quotes become straight ones first.
var proseQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// proseSuffixes are the characters prose's tokenizer splits off the end of a word.
const proseSuffixes = ",)\"]!;.?:'"

// proseWords returns the token texts prose's tokenizer (prose.NewDocument without tagging)
// gives for text, without its cost: it cuts text at whitespace as prose does and settles the
// two commonest kinds of word itself, plain words ("backlog", "go-to-market") and plain words
// with one trailing punctuation mark ("sprint," "Mr."); any other word is handed to prose,
// so that the result is prose's own. TestProseWords checks the two against each other.
func proseWords(text string) []string {
	clean := text
	if strings.ContainsAny(text, "\u201c\u201d\u2018\u2019") || strings.Contains(text, "&rsquo;") {
		clean = proseQuotes.Replace(text) // Replace copies text even when it changes nothing
	}
	out := make([]string, 0, len(clean)/5+1)
	start, index := 0, 0
	white := false
	for index <= len(clean) {
		uc, size := utf8.DecodeRuneInString(clean[index:])
		if size == 0 {
			break
		}
		if index == 0 {
			white = unicode.IsSpace(uc)
		}
		if unicode.IsSpace(uc) != white {
			if start < index {
				out = appendWord(out, clean[start:index])
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
		out = appendWord(out, clean[start:index])
	}
	return out
}

// appendWord appends the tokens of one whitespace-free (or all-whitespace) span.
func appendWord(out []string, span string) []string {
	plain := 0 // length of the leading run of ASCII letters, digits and hyphens
	alnum := true
	for plain < len(span) {
		c := span[plain]
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
	case strings.TrimSpace(span) == "":
		return out // prose drops blank tokens
	case plain == len(span):
		// no prefix, suffix or contraction to split: prose keeps the word whole
		return append(out, span)
	case alnum && plain > 0 && plain == len(span)-1 && strings.IndexByte(proseSuffixes, span[plain]) >= 0:
		// "word," -> "word" ","; but an abbreviation like "Mr." or "Inc." stays whole
		if span[plain] == '.' && isTitleAbbrev(span[:plain]) {
			return append(out, span)
		}
		return append(out, span[:plain], span[plain:])
	}
	doc, err := proseDocument(span, prose.WithSegmentation(false), prose.WithTagging(false),
		prose.WithExtraction(false), prose.UsingModel(tokenizerModel()))
	if err != nil {
		return append(out, span) // prose could not split it (prosesafe.go): keep it whole
	}
	for _, t := range doc.Tokens() {
		out = append(out, t.Text)
	}
	return out
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
