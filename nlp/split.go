package nlp

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
		t := newSentenceTokenizer(training)
		for _, a := range extraAbbrevs {
			t.Storage.AbbrevTypes.Add(a)
		}
		splitter = t
	})
	return splitter
}

// Preload builds the models parsing and tagging use (the package's regular expressions, the
// sentence splitter, the built-in taxonomy's index, the part-of-speech tagger), which are
// otherwise built on first use.
func Preload() {
	for _, re := range lazyRegexps {
		re()
	}
	roleMentions()
	sentenceSplitter()
	taggerModel()
	_, _ = DefaultTaxonomy()
}

// newSentenceTokenizer is english.NewSentenceTokenizer(training) with punktWords as its
// word tokenizer: the same annotations, wired the same way.
func newSentenceTokenizer(training *sentences.Storage) *sentences.DefaultSentenceTokenizer {
	for _, abbr := range []string{"sgt", "gov", "no"} { // as english.NewSentenceTokenizer adds
		training.AbbrevTypes.Add(abbr)
	}
	lang := sentences.NewPunctStrings()
	word := punktWords{english.NewWordTokenizer(lang)}
	ortho := &sentences.OrthoContext{Storage: training, PunctStrings: lang, TokenType: word, TokenFirst: word}
	annotations := append(sentences.NewAnnotations(training, lang, word), multiPunct{&english.MultiPunctWordAnnotation{
		Storage:      training,
		TokenParser:  word,
		TokenGrouper: &sentences.DefaultTokenGrouper{},
		Ortho:        ortho,
	}})
	return &sentences.DefaultSentenceTokenizer{Storage: training, PunctStrings: lang, WordTokenizer: word, Annotations: annotations}
}

// multiPunct is the English MultiPunctWordAnnotation, which runs a regular expression for
// initials such as "U.S." on every token it pairs with the next, on only the tokens that
// have the two periods the expression needs. A token's pair is annotated as in the whole
// list, in the same order (each reads the next token before that one's own turn).
type multiPunct struct {
	*english.MultiPunctWordAnnotation
}

// Annotate annotates each token with two periods or more, paired with the next.
func (a multiPunct) Annotate(tokens []*sentences.Token) []*sentences.Token {
	for i := 0; i+1 < len(tokens); i++ {
		if strings.Count(tokens[i].Tok, ".") >= 2 {
			a.MultiPunctWordAnnotation.Annotate(tokens[i : i+2])
		}
	}
	return tokens
}

// punktWords is the English word tokenizer of the sentences package with a faster Type.
// Type lower-cases a token and replaces a number in it with a placeholder through a regular
// expression, on every token the splitter looks at; the expression needs an ASCII digit, so
// a token without one skips it. TypeNoPeriod and TypeNoSentPeriod are the package's own,
// repeated so that they call this Type. TestSplitterSameAsJSON holds the cuts equal.
type punktWords struct{ *english.WordTokenizer }

// Tokenize is DefaultWordTokenizer.Tokenize, which cuts text into words and keeps those
// with a sentence mark and the words after them, with cheaper tests of a rune for space
// and of a word for a sentence mark (DefaultPunctStrings.HasSentencePunct, the punctuation
// newSentenceTokenizer gives it): the same tokens.
func (w punktWords) Tokenize(text string, onlyPeriodContext bool) []*sentences.Token {
	textLength := len(text)
	if textLength == 0 {
		return nil
	}
	tokens := make([]*sentences.Token, 0, 50)
	lastSpace := 0
	lineStart := false
	paragraphStart := false
	getNextWord := false
	for i, char := range text {
		space := char < utf8.RuneSelf && asciiSpace(byte(char)) || char >= utf8.RuneSelf && unicode.IsSpace(char)
		if !space && !sentences.IsCjkPunct(char) && i != textLength-1 {
			continue
		}
		if sentences.IsCjkPunct(char) {
			i += len(string(char))
		}
		if char == '\n' {
			if lineStart {
				paragraphStart = true
			}
			lineStart = true
		}
		var cursor int
		if i == textLength-1 {
			cursor = textLength
		} else {
			cursor = i
		}
		word := strings.TrimSpace(text[lastSpace:cursor])
		if word == "" {
			continue
		}
		hasSentencePunct := hasSentenceMark(word)
		if onlyPeriodContext && !hasSentencePunct && !getNextWord {
			lastSpace = cursor
			continue
		}
		token := sentences.NewToken(word)
		token.Position = cursor
		token.ParaStart = paragraphStart
		token.LineStart = lineStart
		tokens = append(tokens, token)
		lastSpace = cursor
		lineStart = false
		paragraphStart = false
		getNextWord = hasSentencePunct
	}
	if len(tokens) == 0 {
		token := sentences.NewToken(text)
		token.Position = textLength
		tokens = append(tokens, token)
	}
	return tokens
}

// asciiSpace is unicode.IsSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// hasSentenceMark is DefaultPunctStrings.HasSentencePunct: whether word has a rune of
// ".!?。！？".
func hasSentenceMark(word string) bool {
	for i := 0; i < len(word); i++ {
		switch c := word[i]; {
		case c == '.' || c == '!' || c == '?':
			return true
		case c >= utf8.RuneSelf:
			return strings.ContainsAny(word[i:], ".!?。！？")
		}
	}
	return false
}

// Type returns the case-normalized token, numbers replaced.
func (w punktWords) Type(t *sentences.Token) string {
	if strings.IndexAny(t.Tok, "0123456789") >= 0 {
		return w.WordTokenizer.Type(t)
	}
	typ := strings.ToLower(t.Tok)
	if len(typ) == 1 {
		return typ
	}
	return strings.ReplaceAll(typ, ",", "")
}

// TypeNoPeriod is the type without a final period.
func (w punktWords) TypeNoPeriod(t *sentences.Token) string {
	typ := w.Type(t)
	if len(typ) > 1 && typ[len(typ)-1] == '.' {
		return typ[:len(typ)-1]
	}
	return typ
}

// TypeNoSentPeriod is the type without a final period that is marked as a sentence break.
func (w punktWords) TypeNoSentPeriod(t *sentences.Token) string {
	if t.SentBreak {
		return w.TypeNoPeriod(t)
	}
	return w.Type(t)
}

// splitBlock splits a block's text into sentence ranges [start, end), trimmed of space.
func splitBlock(text string) [][2]int {
	var out [][2]int
	if !strings.ContainsAny(text, ".!?") || oneSentence(text) {
		if s, e := trimRange(text, 0, len(text)); s < e {
			out = append(out, [2]int{s, e})
		}
		return out
	}
	return punktSplit(text)
}

// punktSplit is splitBlock by Punkt alone.
func punktSplit(text string) [][2]int {
	var out [][2]int
	for _, s := range sentenceSplitter().Tokenize(text) {
		if a, b := trimRange(text, s.Start, s.End); a < b {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

// oneSentence reports whether Punkt can only return text as one sentence (and whitespace
// after it), so that splitBlock may skip it: every sentence mark (. ! ?) is in the text's
// last word, and no rune is one Punkt also cuts words at or ends sentences with (a
// non-ASCII space, CJK punctuation). Punkt breaks only after a word with a sentence mark,
// where that word ends, so the one place it can break is after the last word: "Own the
// pricing model." is one sentence, "Own it. Ship it." is not decided here.
// TestOneSentence holds it to Punkt.
func oneSentence(text string) bool {
	marked := false // a word so far holds a sentence mark
	after := false  // whitespace followed a marked word
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '\t', '\n', '\v', '\f', '\r', ' ':
				after = marked
				continue
			case '.', '!', '?':
				marked = true
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n
			if unicode.IsSpace(r) || sentences.IsCjkPunct(r) || r == '。' || r == '！' || r == '？' {
				return false
			}
		}
		if after {
			return false // a word after a marked one
		}
	}
	return true
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
