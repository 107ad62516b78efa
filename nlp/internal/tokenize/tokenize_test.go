package tokenize

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// proseWords is prose's own tokenizer, as nlp's CLI build calls it (nlp/words_prose.go).
func proseWords(text string) []string {
	doc, _ := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithTagging(false),
		prose.WithExtraction(false), prose.UsingModel(&prose.Model{Name: "tokens-only"}))
	var out []string
	for _, t := range doc.Tokens() {
		out = append(out, t.Text)
	}
	return out
}

// run calls a tokenizer, turning a panic into panicked: prose panics on some words, and the
// port must panic on the same ones.
func run(f func(string) []string, text string) (toks []string, panicked bool) {
	defer func() {
		if recover() != nil {
			toks, panicked = nil, true
		}
	}()
	return f(text), false
}

// TestSameAsProse holds Words equal to prose's tokenizer, token for token and panic for
// panic, on every posting and sentence file of testdata and on generated hard cases, at
// least 100,000 tokens in all.
func TestSameAsProse(t *testing.T) {
	cases := []struct {
		name  string
		texts []string
		min   int // tokens the group must reach, so that it cannot pass by being empty
	}{
		{"testdata", testdataTexts(t), 100_000},
		{"hard cases", hardCases(t), 50_000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tokens, panics := 0, 0
			for _, text := range c.texts {
				want, wantPanic := run(proseWords, text)
				got, gotPanic := run(Words, text)
				if gotPanic != wantPanic || !reflect.DeepEqual(got, want) {
					t.Errorf("Words(%q)\n got %q (panicked %v)\nwant %q (panicked %v)", clip(text), clip(strings.Join(got, "|")), gotPanic, clip(strings.Join(want, "|")), wantPanic)
					continue
				}
				tokens += len(want)
				if wantPanic {
					panics++
				}
			}
			t.Logf("%d texts, %d tokens, %d on which both panic", len(c.texts), tokens, panics)
			if tokens < c.min {
				t.Errorf("compared %d tokens, want at least %d", tokens, c.min)
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// testdataTexts are the repository's postings and sentence files, whole.
func testdataTexts(t *testing.T) []string {
	var out []string
	for _, pat := range []string{"*/*.md", "*/*.txt", "*/*.markdown", "*.tsv"} {
		files, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(data))
		}
	}
	if len(out) < 200 {
		t.Fatalf("found %d testdata files, want the postings of testdata", len(out))
	}
	return out
}

// hardCases are generated texts of the pieces prose's tokenizer treats specially, mixed
// with ordinary words and whitespace of every kind.
func hardCases(t *testing.T) []string {
	pieces := []string{
		// curly quotes and the entity the sanitizer replaces
		"\u201cquoted\u201d", "\u2018single\u2019", "it\u2019s", "don\u2019t", "&rsquo;", "team&rsquo;s", "\u201c", "\u2019",
		// contractions, in any case, at any place
		"they'll", "I'm", "we're", "can't", "WON'T", "it's", "'s", "'ll", "n't", "'m'", "o'clock", "rock'n'roll",
		"ISN'T", "We'Re", "y'all's", "'''", "n'tn't",
		// prefixes and suffixes
		"$100", "$", "(see", "[1]", "\"word\"", "end.", "Well)", "yes!", "why?", "a:b", "x;", "list,", "((nested))",
		"[[link]](url)", "($5.00),", "\"(quoted)\"", "'single'", "word.\"", "...", "?!", ")(", "][",
		// special tokens: initials and title abbreviations
		"U.S.", "U.S.A.", "e.g.", "i.e.,", "Mr.", "Dr.", "Inc.", "Ltd.)", "(U.K.)", "a.b.c.d.",
		// emoticons (IsEmoticon), alone, glued to punctuation, and near misses
		":-)", ":-))", "(-_-)", "(╯°□°）╯︵┻━┻", `¯\(ツ)/¯`, "(ಠ_ಠ)", "xD", "XDD", "O.o", "8-D", ":`-(", "[-:", "^___^",
		"(:-)", ":-).", ":-)))!", "(¬_¬),", "xDDD", ":-(", "=))",
		// URLs, mail, paths, numbers
		"https://example.com/jobs?id=1&ref=2.", "(https://example.com/a_(b))", "<jobs@example.com>", "C:\\path\\to",
		"v1.2.3", "10,000", "3.5%", "24/7", "#hashtag", "@mention", "**bold**", "_em_", "`code`", "|", "---",
		// non-ASCII: accents, scripts, emoji, runes whose lower case has another length
		"café", "Zürich", "naïve's", "straße", "Ærø", "日本語", "Привет,", "مرحبا", "🚀", "👩‍💻!", "İstanbul",
		"\u00e9n't", "é.", "«guillemets»", "„quotes“", "—", "–", "…", "\xff", "\xc3(", "\xed\xa0\x80",
	}
	// rare: words on which prose panics (a contraction after a rune whose lower case has
	// another length, or after invalid UTF-8), which leave the whole text without tokens
	panicky := []string{"İ'm", "ẞ'll", "K'S", "Ω'm", "ǅ'll", "İstanbul's", "\xe2\x80'm", "a\x80b's"}
	spaces := []string{" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\u3000", "\v"}
	words := strings.Fields("the product owner writes user stories and refines the backlog with the team " +
		"while the product manager owns the roadmap pricing discovery and market research")
	punct := []byte(",)\"]!;.?:'$([")
	rng := rand.New(rand.NewPCG(15, 2026))
	var out []string
	for range 1000 {
		var b strings.Builder
		for range 20 + rng.IntN(60) {
			switch r := rng.IntN(1000); {
			case r < 2:
				b.WriteString(panicky[rng.IntN(len(panicky))])
			case r < 500:
				b.WriteString(pieces[rng.IntN(len(pieces))])
			case r < 800:
				b.WriteString(words[rng.IntN(len(words))])
			case r < 900:
				// glue two pieces into one word
				b.WriteString(pieces[rng.IntN(len(pieces))] + pieces[rng.IntN(len(pieces))])
			default:
				// a run of punctuation, long enough to peel many times (prose's cost is the
				// square of a word's length, so it stays short of the hostile lengths)
				for range 1 + rng.IntN(120) {
					b.WriteByte(punct[rng.IntN(len(punct))])
				}
			}
			b.WriteString(spaces[rng.IntN(len(spaces))])
		}
		out = append(out, b.String())
	}
	return out
}

// TestASCIISpace holds Spans' table of ASCII whitespace to unicode.IsSpace.
func TestASCIISpace(t *testing.T) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if asciiSpace[c] != unicode.IsSpace(c) {
			t.Errorf("asciiSpace[%q] = %v, unicode.IsSpace %v", c, asciiSpace[c], unicode.IsSpace(c))
		}
	}
}
