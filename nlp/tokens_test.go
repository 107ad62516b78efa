package nlp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// proseTagPOS is TagPOS as it was before internal/postag: prose's Document with prose's
// own tagger, whose tags are copied when its tokens are the sentence's one for one.
func proseTagPOS(t *testing.T, tagger *prose.Model, s *Sentence) {
	t.Helper()
	doc, err := noPanic(func() *prose.Document {
		doc, _ := prose.NewDocument(s.Text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(tagger))
		return doc
	})
	if err != nil {
		return
	}
	pt := doc.Tokens()
	if len(pt) != len(s.Tokens) {
		return
	}
	for i := range pt {
		s.Tokens[i].Tag = pt[i].Tag
	}
}

// tagSentences are the sentences of the labeled and held-out postings, each also as the
// collaboration rewrite tags it ("You will " + the sentence, hyphens between letters made
// spaces), and awkward cases: repeated words, text prose's tokenizer panics on, hyphens.
func tagSentences(t *testing.T) []string {
	var out []string
	for _, pat := range []string{"job_posts/*", "holdout/*"} {
		files, err := filepath.Glob(filepath.Join("..", "testdata", pat))
		if err != nil || len(files) == 0 {
			t.Fatalf("no files for %s (%v)", pat, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				for _, r := range splitBlock(line) {
					s := line[r[0]:r[1]]
					out = append(out, s, collabForm(s))
				}
			}
		}
	}
	return append(out,
		"Own the backlog, own the roadmap and own the backlog",
		"Work with the team; the team works with you, and the team",
		"İİİ'm owning the backlog", "KİN'll do n't", "a00000000\xe2\x80'm owning the backlog",
		"Order the product backlog \xe2\x82", "Build go-to-market plans for 3-5 markets",
		"“Quoted” words and ‘single’ ones and it’s fine ", "tabs\tand\u00a0spaces\u2003here\n",
		"Über uns: Ärzte, Éclair and İstanbul's ĲK K ſ", "http://example.com and a@b.io :-) -LRB- 0 * 2024",
	)
}

// collabForm is the text rules/collab.go tags for an imperative duty.
func collabForm(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	b := []byte(string(unicode.ToLower(r)) + s[n:])
	for i := 1; i+1 < len(b); i++ {
		if b[i] == '-' && isLetterByte(b[i-1]) && isLetterByte(b[i+1]) {
			b[i] = ' '
		}
	}
	return "You will " + string(b)
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// TestTagPOSSameAsProse: TagPOS over internal/postag tags every sentence exactly as
// TagPOS with prose's own tagger did, repeated words and untaggable sentences included.
func TestTagPOSSameAsProse(t *testing.T) {
	doc, err := prose.NewDocument("Load the tagger.", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		t.Fatal(err)
	}
	tagger := doc.Model
	tagged, untagged, tokens := 0, 0, 0
	for _, text := range tagSentences(t) {
		got := Sentence{Text: text, Tokens: Tokenize(text)}
		want := Sentence{Text: text, Tokens: Tokenize(text)}
		TagPOS(&got)
		proseTagPOS(t, tagger, &want)
		if len(want.Tokens) > 0 && want.Tokens[0].Tag != "" {
			tagged++
			tokens += len(want.Tokens)
		} else {
			untagged++
		}
		for i := range want.Tokens {
			if got.Tokens[i].Tag != want.Tokens[i].Tag {
				t.Errorf("%q: token %d %q tagged %q, prose %q", text, i, want.Tokens[i].Text, got.Tokens[i].Tag, want.Tokens[i].Tag)
				break
			}
		}
	}
	t.Logf("%d sentences tagged (%d tokens), %d left untagged by both", tagged, tokens, untagged)
	if tagged < 5000 || untagged < 100 || tokens < 50000 {
		t.Errorf("too few cases: %d tagged sentences, %d untagged, %d tokens", tagged, untagged, tokens)
	}
}

// TestTagPOSRepeatedWords: as in prose, every occurrence of a repeated word carries the tag
// of its last occurrence (the verb "plan" becomes NN like the nouns after it), except a
// word that ends the text, which prose splits afresh.
func TestTagPOSRepeatedWords(t *testing.T) {
	for _, c := range []struct{ text, own, want string }{
		{"You will plan the plan and plan the release .", "PRP MD VB DT NN CC NN DT NN .", "PRP MD NN DT NN CC NN DT NN ."},
		{"We run the run every day and run", "PRP VBP DT NN DT NN CC VB", "PRP NN DT NN DT NN CC VB"},
	} {
		s := Sentence{Text: c.text, Tokens: Tokenize(c.text)}
		TagPOS(&s)
		var got []string
		for _, tok := range s.Tokens {
			got = append(got, tok.Tag)
		}
		words, _, _, _ := proseSpans(c.text)
		if own := strings.Join(taggerModel().Tag(words), " "); own != c.own {
			t.Errorf("%q: tagger gives %s, want %s", c.text, own, c.own)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: TagPOS gives %s, want %s", c.text, strings.Join(got, " "), c.want)
		}
	}
}

// lemmaBefore is Lemma as it was before its shortcuts: ’ replaced and nounsInIng looked up
// on every word.
func lemmaBefore(w string) string {
	w = strings.ToLower(w)
	w = strings.ReplaceAll(w, "’", "'")
	if len(w) <= 3 || nounsInIng[w] {
		return w
	}
	return Lemma(w) // the rest is unchanged
}

// TestLemmaShortcuts holds Lemma and hasProseQuote to what they replaced, on every word of
// the labeled and held-out postings and on words made for them.
func TestLemmaShortcuts(t *testing.T) {
	words := []string{"it’s", "IT’S", "Marketing", "marketing’s", "positioning", "Positionings", "’", "a’b", "–’s",
		"&rsquo;s", "it&rsquo;s", "&amp;", "“Quoted”", "‘single’", "—dash", "e\u2019", "\xe2", "\xe2\x80", "ing", "Engineering"}
	for _, s := range tagSentences(t) {
		words = append(words, s)
		words = append(words, strings.Fields(s)...)
	}
	for k := range nounsInIng {
		if !strings.HasSuffix(k, "ing") {
			t.Errorf("nounsInIng has %q: Lemma looks it up only for words in -ing", k)
		}
		words = append(words, k, strings.ToUpper(k), k+"s")
	}
	for _, w := range words {
		if got, want := Lemma(w), lemmaBefore(w); got != want {
			t.Errorf("Lemma(%q) = %q, before %q", w, got, want)
		}
		want := strings.ContainsAny(w, "\u201c\u201d\u2018\u2019") || strings.Contains(w, "&rsquo;")
		if got := hasProseQuote(w); got != want {
			t.Errorf("hasProseQuote(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestTaggedTokens holds TaggedTokens to Tokenize and TagPOS, which it replaces for the
// rewrites, on every sentence of the labeled and held-out postings (as written and as the
// rewrite tags them), of generated rewrite-heavy postings and on made-up ones.
func TestTaggedTokens(t *testing.T) {
	texts := append(tagSentences(t), "", " ", "a", "Own it", "Own it ", " Own it", "Own the go-to-market plan",
		"Own the a-b--c -x x- - -- plan", "Run A/B tests & report", "Run A/B tests &amp; report", "it&rsquo;s",
		"Ship it, ship it, ship it.", "Mr. Smith's team's plan.", "You will own :-) and :) things", "tabs\tand\nlines",
		strings.Repeat("own the backlog ", 300), strings.Repeat("x", 5000)+" own it")
	gen, _ := filepath.Glob(filepath.Join(os.TempDir(), "rewrites", "*"))
	for _, f := range gen[:min(len(gen), 100)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bl := range markdownBlocks(b, 0) {
			for _, r := range splitBlock(bl.text) {
				s := bl.text[r[0]:r[1]]
				texts = append(texts, s, collabForm(s))
			}
		}
	}
	tagged := 0
	for _, text := range texts {
		s := Sentence{Text: text, Tokens: Tokenize(text)}
		TagPOS(&s)
		got := TaggedTokens(text)
		if len(got) != len(s.Tokens) {
			t.Errorf("%q: %d tokens, Tokenize %d", text, len(got), len(s.Tokens))
			continue
		}
		for i, w := range s.Tokens {
			if g := got[i]; g.Text != w.Text || g.Start != w.Start || g.Tag != w.Tag || g.Lemma != "" {
				t.Errorf("%q: token %d is %+v, Tokenize and TagPOS give %+v", text, i, g, w)
			}
		}
		if len(got) > 0 && got[0].Tag != "" {
			tagged++
		}
	}
	if tagged < len(texts)/2 {
		t.Errorf("only %d of %d texts tagged", tagged, len(texts))
	}
}
