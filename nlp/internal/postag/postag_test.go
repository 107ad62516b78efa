package postag

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/jdkato/prose/v2"

	"github.com/jdlint/jdlint/internal/synth"
	"github.com/jdlint/jdlint/nlp/internal/postag/build"
)

// TestModelCurrent: the committed model.bin is what the generator makes from prose's model
// today (run `go generate ./nlp/internal/postag` when this fails).
func TestModelCurrent(t *testing.T) {
	want, err := build.Model()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(model), want) {
		t.Fatalf("model.bin (%d bytes) differs from the generator's output (%d bytes); run go generate ./nlp/internal/postag", len(model), len(want))
	}
}

var (
	proseOnce  sync.Once
	proseModel *prose.Model
)

// proseTagger is prose's own tagger, loaded once.
func proseTagger(t testing.TB) *prose.Model {
	proseOnce.Do(func() {
		doc, err := prose.NewDocument("Load.", prose.WithSegmentation(false), prose.WithExtraction(false))
		if err == nil {
			proseModel = doc.Model
		}
	})
	if proseModel == nil {
		t.Fatal("prose tagger did not load")
	}
	return proseModel
}

// proseTags tags a sentence with prose: its tokens and their tags, or ok false where prose's
// tokenizer panics (nlp/prosesafe.go).
func proseTags(t testing.TB, text string) (toks, tags []string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(proseTagger(t)))
	if err != nil {
		return nil, nil, false
	}
	for _, tok := range doc.Tokens() {
		toks = append(toks, tok.Text)
		tags = append(tags, tok.Tag)
	}
	return toks, tags, true
}

var sanitizer = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// spans cuts text as prose's tokenizer does and tokenizes each span with prose's tokenizer
// alone (no tagger): the tokens, the spans for Share, and whether the last span ends the text.
func spans(t testing.TB, text string) (toks []string, sp []Span, endsText bool) {
	clean := sanitizer.Replace(text)
	empty := &prose.Model{Name: "tokens-only"}
	for _, f := range strings.FieldsFunc(clean, unicode.IsSpace) {
		doc, err := prose.NewDocument(f, prose.WithSegmentation(false), prose.WithTagging(false),
			prose.WithExtraction(false), prose.UsingModel(empty))
		if err != nil {
			t.Fatalf("tokenize %q: %v", f, err)
		}
		for _, tok := range doc.Tokens() {
			toks = append(toks, tok.Text)
		}
		sp = append(sp, Span{Text: f, Tokens: len(doc.Tokens())})
	}
	endsText = clean != "" && !unicode.IsSpace(lastRune(clean))
	return toks, sp, endsText
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

// corpus returns sentences of varied postings: the labeled postings, the held-out ones,
// the sentence tables, and generated postings, cut at line ends and after ". ", "? ", "! ".
func corpus(t testing.TB) []string {
	var docs []string
	for _, pat := range []string{"job_posts/*", "holdout/*", "sentences*.tsv"} {
		files, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", pat))
		if err != nil || len(files) == 0 {
			t.Fatalf("no test files for %s (%v)", pat, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, strings.ReplaceAll(string(b), "\t", "\n"))
		}
	}
	for i := range 150 {
		docs = append(docs, string(synth.Generate(7, i).Content))
	}
	var out []string
	for _, d := range docs {
		for _, line := range strings.Split(d, "\n") {
			for _, end := range []string{". ", "? ", "! "} {
				line = strings.ReplaceAll(line, end, end+"\n")
			}
			for _, s := range strings.Split(line, "\n") {
				if strings.TrimSpace(s) != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// TestSameAsProse: on more than 100,000 tokens of postings, Tag and Share give exactly the
// tags prose's Document gives, token for token.
func TestSameAsProse(t *testing.T) {
	sentences := corpus(t)
	tokens, shared := compare(t, sentences)
	t.Logf("%d sentences, %d tokens, %d tags changed by Share", len(sentences), tokens, shared)
	if tokens < 100000 {
		t.Errorf("only %d tokens compared", tokens)
	}
	if shared == 0 {
		t.Error("no repeated word changed tag under Share: the corpus does not exercise it")
	}
}

// TestSpecialTokens: the tokens prose tags before scoring (emoticons, links, e-mail
// addresses, handles, placeholders, bracket tokens) and awkward ones for the features
// (years, signed numbers, non-ASCII first bytes, one-letter words) get prose's tags.
func TestSpecialTokens(t *testing.T) {
	var emo []string
	for _, e := range proseEmoticons(t) {
		emo = append(emo, "Great "+e+" team", e)
	}
	sentences := append(emo,
		"Apply at https://example.com/jobs?id=3 or jobs.example.com today.",
		"Write to hiring@example.com or @jdlint, not to a.b@c or x@y.z.",
		"Read example.com, www.example.org and file.txt before v1.2 ships.",
		"The 0 and * and *-1 and *T*-12 and *?* placeholders stay.",
		"Brackets -LRB- like -RRB- these -ABC- and -abc- and -LRBX- too.",
		"Since 2019 we grew -123 and +123 and 12345 and 3rd and 1,000 and 4.5 %.",
		"Über uns: Ärzte, Éclair, ß, İstanbul, 日本 and — dashes – too.",
		"A I O x - -- --- - a-b -a b- 's n't 'll.",
		"We we we WE we.",
		"Own the backlog, own the roadmap, own the backlog.",
	)
	compare(t, sentences)
}

// compare tags each sentence with prose and with Tag and Share, and reports any
// difference; it returns the number of tokens and of tags Share changed.
func compare(t *testing.T, sentences []string) (tokens, shared int) {
	t.Helper()
	tagger, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	differ := 0
	for _, s := range sentences {
		want, wantTags, ok := proseTags(t, s)
		if !ok {
			continue
		}
		toks, sp, endsText := spans(t, s)
		if strings.Join(toks, "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("%q: span tokens %q, prose %q", s, toks, want)
		}
		got := tagger.Tag(toks)
		own := append([]string(nil), got...)
		Share(got, sp, endsText)
		for i := range got {
			if got[i] != own[i] {
				shared++
			}
		}
		tokens += len(toks)
		if strings.Join(got, " ") != strings.Join(wantTags, " ") {
			differ++
			if differ <= 10 {
				t.Errorf("%q\n got %s\nwant %s", s, pairs(toks, got), pairs(toks, wantTags))
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d sentences tagged differently from prose", differ, len(sentences))
	}
	return tokens, shared
}

// proseEmoticons reads the emoticons from prose's source (tokenize.go), so that a prose
// upgrade that changes them fails TestSpecialTokens rather than going unnoticed.
func proseEmoticons(t *testing.T) []string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/jdkato/prose/v2").Output()
	if err != nil {
		t.Fatalf("locate prose's source: %v", err)
	}
	file := filepath.Join(strings.TrimSpace(string(out)), "tokenize.go")
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var emo []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "emoticons" {
			return true
		}
		for _, el := range vs.Values[0].(*ast.CompositeLit).Elts {
			k, err := strconv.Unquote(el.(*ast.KeyValueExpr).Key.(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			emo = append(emo, k)
		}
		return false
	})
	if len(emo) < 50 {
		t.Fatalf("found %d emoticons in %s", len(emo), file)
	}
	for _, e := range emo {
		if !isEmoticon(e) {
			t.Errorf("isEmoticon(%q) = false; prose tags it SYM", e)
		}
	}
	return emo
}

func pairs(toks, tags []string) string {
	var b strings.Builder
	for i := range toks {
		fmt.Fprintf(&b, "%s/%s ", toks[i], tags[i])
	}
	return b.String()
}

// BenchmarkLoad is the cost of Load, which replaces prose's 127 ms model load.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTag tags a 20-token sentence.
func BenchmarkTag(b *testing.B) {
	tagger, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	toks := strings.Fields("You will partner with the Product Manager , who studies the market and turns what they learn into a roadmap .")
	b.ReportAllocs()
	for b.Loop() {
		tagger.Tag(toks)
	}
}

// BenchmarkProseTag is BenchmarkTag with prose's tagger (tokenizing included), for comparison.
func BenchmarkProseTag(b *testing.B) {
	text := "You will partner with the Product Manager, who studies the market and turns what they learn into a roadmap."
	proseTagger(b)
	b.ReportAllocs()
	for b.Loop() {
		proseTags(b, text)
	}
}

// TestParseErrors: a damaged model is an error, not a panic or a short model.
func TestParseErrors(t *testing.T) {
	for _, cut := range []int{0, 4, len(magic), len(magic) + 5, 1000, len(model) / 2, len(model) - 1} {
		if _, err := parse(model[:cut]); err == nil {
			t.Errorf("parse of the first %d bytes: no error", cut)
		}
	}
	if _, err := parse(model + "x"); err == nil {
		t.Error("parse with a trailing byte: no error")
	}
	if _, err := parse("postag0" + model[len(magic)-1:]); err == nil {
		t.Error("parse with another magic: no error")
	}
}

// TestEmptyToken: prose never makes an empty token; Tag gives one the empty tag without
// failing, and tags its neighbours.
func TestEmptyToken(t *testing.T) {
	tagger, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	got := tagger.Tag([]string{"Own", "", "backlog"})
	if got[1] != "" || got[0] == "" || got[2] == "" {
		t.Errorf("Tag(Own, \"\", backlog) = %q", got)
	}
	if len(tagger.Tag(nil)) != 0 {
		t.Error("Tag(nil) is not empty")
	}
}

// BenchmarkTagCorpus tags every sentence of the test corpus (about 100,000 tokens, split
// at spaces): the model's tables are read far more widely than by BenchmarkTag's one
// sentence, as a run over many postings reads them.
func BenchmarkTagCorpus(b *testing.B) {
	tagger, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	var sentences [][]string
	for _, s := range corpus(b) {
		sentences = append(sentences, strings.Fields(s))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, toks := range sentences {
			tagger.Tag(toks)
		}
	}
}

// findBefore is table.find as it was before findParts: the key built whole and hashed.
func (t *table) findBefore(key []byte) int {
	for s := hash(key) & t.mask; ; s = (s + 1) & t.mask {
		at := int(u32(t.slots, 4*int(s)))
		if at == 0 {
			return -1
		}
		n, at := uvarint(t.records, at-1)
		if n == uint64(len(key)) && t.records[at:at+len(key)] == string(key) {
			return at + len(key)
		}
	}
}

// TestFindParts holds predict's lookups (a feature's prefix hashed once, the key in parts,
// the first slot read ahead) to the whole-key lookup they replace, on the features of every
// token of a part of the corpus and on keys the model lacks.
func TestFindParts(t *testing.T) {
	tagger, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	feats := []feature{fBias, fSuffix, fPref1, fTag1, fTag2, fTag12, fWord, fTag1Word, fWord1, fSuffix1, fWord2, fWordN1, fSuffixN1, fWordN2}
	found, missing := 0, 0
	sentences := corpus(t)
	for _, s := range sentences[:min(len(sentences), 3000)] {
		toks := strings.Fields(s)
		tags := tagger.Tag(toks)
		for i, w := range toks {
			for _, f := range feats {
				for _, parts := range [][3]string{{w, "", ""}, {normalize(w), "", ""}, {tags[i], " ", w}, {w[len(w)-min(len(w), 3):], "", ""}, {"NN", " ", tags[i]}, {"zz", "", ""}} {
					key := f.prefix + parts[0] + parts[1] + parts[2]
					h := hashMore(hashMore(hashMore(f.h, parts[0]), parts[1]), parts[2])
					if h != hash([]byte(key)) {
						t.Fatalf("hash of %q in parts differs", key)
					}
					want := tagger.feats.findBefore([]byte(key))
					got := tagger.feats.findFrom(h, tagger.feats.slot(h), f.prefix, parts[0], parts[1], parts[2])
					if got != want {
						t.Fatalf("feature %q: findFrom %d, find %d", key, got, want)
					}
					if want >= 0 {
						found++
					} else {
						missing++
					}
				}
			}
			want := tagger.words.findBefore([]byte(w))
			if got := tagger.words.findParts(hashMore(fnvOffset, w), w, "", "", ""); got != want {
				t.Fatalf("word %q: findParts %d, find %d", w, got, want)
			}
		}
	}
	if found < 1000 || missing < 1000 {
		t.Errorf("%d features found, %d missing: the test lost its cases", found, missing)
	}
}
