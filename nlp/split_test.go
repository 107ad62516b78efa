package nlp

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// TestSplitterSameAsJSON: the splitter over internal/punkt's flat training data cuts every
// block of the labeled and held-out postings where the sentences package's JSON-trained
// splitter cuts it.
func TestSplitterSameAsJSON(t *testing.T) {
	ref, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range extraAbbrevs {
		ref.Storage.AbbrevTypes.Add(a)
	}
	if !reflect.DeepEqual(ref.Storage, sentenceSplitter().Storage) {
		t.Fatal("the splitter's storage differs from the JSON one with jdlint's abbreviations")
	}
	var files []string
	for _, pat := range []string{"job_posts/*", "holdout/*", "written/*", "written-holdout/*"} {
		fs, err := filepath.Glob(filepath.Join("..", "testdata", pat))
		if err != nil || len(fs) == 0 {
			t.Fatalf("no files for %s (%v)", pat, err)
		}
		files = append(files, fs...)
	}
	// numbers, initials and abbreviations: where the splitter's Type matters (punktWords)
	hard := []string{"Pay is $120,000.00 a year. Bonus 10%. Start 01.02.2027. Apply now.",
		"Work with the U.S. team, e.g. Dr. Smith. 3.5 yrs. required. No. 1 in Q3. Then 2,000, 3. Next.",
		"See v2.0. It ships on 3.1.2027. Call +49 (0) 30-123. Fin."}
	cuts := 0
	for _, f := range append(files, hard...) {
		text := f
		if strings.HasSuffix(f, ".md") {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text = string(b)
		}
		got, want := sentenceSplitter().Tokenize(text), ref.Tokenize(text)
		if len(got) != len(want) {
			t.Errorf("%s: %d sentences, JSON splitter %d", f, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].Start != want[i].Start || got[i].End != want[i].End {
				t.Errorf("%s: sentence %d at [%d,%d), JSON splitter [%d,%d)", f, i, got[i].Start, got[i].End, want[i].Start, want[i].End)
				break
			}
		}
		cuts += len(got)
	}
	if cuts < 1000 {
		t.Errorf("only %d sentences compared", cuts)
	}
}

// TestOneSentence holds splitBlock's shortcut to Punkt: on every block and every line of
// the labeled, held-out and generated postings, and on texts made to trip it, a text
// oneSentence passes is cut by Punkt as splitBlock cuts it without Punkt.
func TestOneSentence(t *testing.T) {
	texts := []string{
		"Own the pricing model.", "Own the pricing model. ", "  Own it.\n", "Own it. Ship it.", "Own it.Ship it",
		"Work with the U.S. team.", "e.g. this", "Why? Because.", "Really?”", "Done…", "Done.”", "Done.\u00a0",
		"Done.\u00a0More", "Done.\u2003More.", "Done。More", "Done！", "Done？ More", "Own it\u3000now.", "a.\u0085b",
		"Own it !", "Own it ! Now", "1. 2. 3.", "v2.0 ships", "ships v2.0", "Dr. Smith", "Call Dr.", ".", "!", "?",
		"... wait", "wait ...", "wait... ok", "à.", "x.à", "Ship it.\t\t", "Ship.\xff", "\xffShip.", "Ship \xff.",
	}
	texts = append(texts, splitterTexts(t, 200, false)...)
	fast := 0
	for _, text := range texts {
		if !oneSentence(text) {
			continue
		}
		fast++
		want := punktSplit(text)
		var got [][2]int
		if a, b := trimRange(text, 0, len(text)); a < b {
			got = append(got, [2]int{a, b})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: one sentence %v, Punkt %v", text, got, want)
		}
		if got := splitBlock(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: splitBlock %v, Punkt %v", text, got, want)
		}
	}
	if fast < 1000 {
		t.Errorf("only %d of %d texts are one sentence: the test lost its cases", fast, len(texts))
	}
	t.Logf("%d of %d texts one sentence", fast, len(texts))
}

func FuzzOneSentence(f *testing.F) {
	for _, s := range append([]string{"Own it.", "Own it. Ship it.", "Really?”", "Done.\u00a0More", "e.g. this"}, quoteSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !oneSentence(text) {
			return
		}
		var got [][2]int
		if a, b := trimRange(text, 0, len(text)); a < b {
			got = append(got, [2]int{a, b})
		}
		if want := punktSplit(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: one sentence %v, Punkt %v", text, got, want)
		}
	})
}

// splitterTexts returns every line and block of the labeled and held-out postings and of
// up to gen generated rewrite-heavy ones (in the temporary folder's rewrites, if there),
// and each file whole if whole.
func splitterTexts(t *testing.T, gen int, whole bool) []string {
	var files, texts []string
	for _, pat := range []string{"job_posts/*", "holdout/*", "written/*", "written-holdout/*"} {
		fs, _ := filepath.Glob(filepath.Join("..", "testdata", pat))
		files = append(files, fs...)
	}
	generated, _ := filepath.Glob(filepath.Join(os.TempDir(), "rewrites", "*"))
	files = append(files, generated[:min(len(generated), gen)]...)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if whole {
			texts = append(texts, string(b))
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
		for _, bl := range markdownBlocks(b, 0) {
			texts = append(texts, bl.text)
		}
	}
	return texts
}

// jsonSplitter is the sentences package's own English splitter over its JSON data, with
// jdlint's abbreviations: its word tokenizer and annotations, not punktWords and multiPunct.
func jsonSplitter(t testing.TB) *sentences.DefaultSentenceTokenizer {
	ref, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range extraAbbrevs {
		ref.Storage.AbbrevTypes.Add(a)
	}
	return ref
}

// TestPunktShortcuts holds punktWords.Tokenize, hasSentenceMark and multiPunct to the
// sentences package's word tokenizer, HasSentencePunct and MultiPunctWordAnnotation: the
// same tokens (text, position, line and paragraph starts) and the same sentences, on every
// line and block of the labeled and generated postings and on texts made for them.
func TestPunktShortcuts(t *testing.T) {
	ref := jsonSplitter(t)
	texts := []string{"", " ", "a", "U.S. team. e.g. this. Dr. Smith.", "a.b.c. d", "x.. y", "Über. Ärzte! ¿Qué? Ja。 Nein！ Gut？ ok",
		"Done…\u00a0Next. \u2003Go.", "line\nline.\n\nPara. Two", "end.", "end. ", "Ship \xff. it.", "ünd. x", "a\u3000b. c",
		"Visit example.com. Then i.e. go.", "3.5 yrs. 1.2.2027. v2.0.", "“Quoted.” ‘Single.’ (Paren.) Next",
		"word.\u0085next", "tab.\tnext", "\n\n\n", ". . . ok. . ."}
	texts = append(texts, splitterTexts(t, 100, true)...)
	ours := sentenceSplitter()
	for _, text := range texts {
		comparePunkt(t, ours, ref, text)
	}
}

func comparePunkt(t *testing.T, ours, ref *sentences.DefaultSentenceTokenizer, text string) {
	t.Helper()
	for _, only := range []bool{true, false} {
		got, want := ours.WordTokenizer.Tokenize(text, only), ref.WordTokenizer.Tokenize(text, only)
		if len(got) != len(want) {
			t.Errorf("%q: %d words, sentences package %d", text, len(got), len(want))
			return
		}
		for i := range got {
			if *got[i] != *want[i] {
				t.Errorf("%q: word %d is %+v, sentences package %+v", text, i, *got[i], *want[i])
				return
			}
		}
	}
	for _, w := range strings.Fields(text) {
		if got, want := hasSentenceMark(w), ref.PunctStrings.HasSentencePunct(w); got != want {
			t.Errorf("hasSentenceMark(%q) = %v, HasSentencePunct %v", w, got, want)
		}
	}
	got, want := ours.Tokenize(text), ref.Tokenize(text)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%q: sentences %v, sentences package %v", text, got, want)
	}
}

func FuzzPunktShortcuts(f *testing.F) {
	for _, s := range append([]string{"U.S. team. e.g. this.", "Über. Ja。 Nein！ ok", "a.b.c. d", "Done…\u00a0Next."}, quoteSeeds...) {
		f.Add(s)
	}
	ref := jsonSplitter(f)
	f.Fuzz(func(t *testing.T, text string) {
		comparePunkt(t, sentenceSplitter(), ref, text)
	})
}
