package nlp

import (
	"fmt"
	"strings"
	"testing"
)

// TestTaxonomyExamples runs every category's example sentences (taxonomy.yaml's match and
// no_match): each stands as the one duty bullet of a posting whose title names no role, and a
// match sentence must carry the category with some weight, a no_match sentence must not. A
// phrase that does not parse as its author meant ("a|b c" is "(a|b) c", never "a|(b c)")
// fails here.
func TestTaxonomyExamples(t *testing.T) {
	o := mustOpts(t)
	for _, c := range o.Taxonomy.Categories {
		t.Run(c.ID, func(t *testing.T) {
			if len(c.Match) < 2 || len(c.NoMatch) < 1 {
				t.Errorf("has %d match and %d no_match examples; want at least 2 and 1", len(c.Match), len(c.NoMatch))
			}
			for _, ex := range c.Match {
				if tags, ok := exampleTags(t, o, ex); ok && !tagged(tags, c.ID) {
					t.Errorf("match %q: not tagged %s; tags: %s", ex, c.ID, tagList(tags))
				}
			}
			for _, ex := range c.NoMatch {
				if tags, ok := exampleTags(t, o, ex); ok && tagged(tags, c.ID) {
					t.Errorf("no_match %q: tagged %s; tags: %s", ex, c.ID, tagList(tags))
				}
			}
		})
	}
}

// exampleTags parses sentence as the duty bullet of a neutral posting and returns its tags.
func exampleTags(t *testing.T, o Options, sentence string) ([]Tag, bool) {
	t.Helper()
	src := "# Job\n\n## What you'll do\n\n- " + sentence + "\n"
	p, err := Parse("example.md", []byte(src), o)
	if err != nil {
		t.Errorf("%q: %v", sentence, err)
		return nil, false
	}
	if p.Title.Role != None {
		t.Fatalf("the example posting's title reads as %s; it must name no role", p.Title.Role)
	}
	var bullets []*Sentence
	for i := range p.Sentences {
		if s := &p.Sentences[i]; s.SectionKind == Duties && s.Block == ItemBlock {
			bullets = append(bullets, s)
		}
	}
	if len(bullets) != 1 {
		t.Errorf("%q: parsed as %d duty sentences, want 1: write an example as one sentence", sentence, len(bullets))
		return nil, false
	}
	return bullets[0].Tags, true
}

// tagged reports whether tags hold category id with a weight above zero.
func tagged(tags []Tag, id string) bool {
	for _, tg := range tags {
		if tg.Category == id && tg.Weight > 0 {
			return true
		}
	}
	return false
}

func tagList(tags []Tag) string {
	if len(tags) == 0 {
		return "none"
	}
	var b strings.Builder
	for i, tg := range tags {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %q %.2g", tg.Category, tg.Phrase, tg.Weight)
	}
	return b.String()
}

// TestTaxonomyExampleHarness: the harness itself can fail, so that passing examples mean
// something. A counterpart mention zeroes the shared and the named role's tags, a claiming
// category takes its words from the rest, and the phrase grammar binds "|" to one word.
func TestTaxonomyExampleHarness(t *testing.T) {
	o := mustOpts(t)
	tests := []struct {
		sentence, id string
		want         bool
	}{
		{"Set the product vision", "shared-vision", true},
		{"Support the Product Manager with the product vision", "shared-vision", false}, // counterpart: weight 0
		{"Own the program backlog", "safe-product-management", true},
		{"Own the program backlog", "po-backlog", false}, // claimed by SAFe Product Management
		{"Position our product for enterprise buyers", "pm-gtm", true},
	}
	for _, tt := range tests {
		tags, ok := exampleTags(t, o, tt.sentence)
		if ok && tagged(tags, tt.id) != tt.want {
			t.Errorf("%q: tagged %s = %v, want %v; tags: %s", tt.sentence, tt.id, !tt.want, tt.want, tagList(tags))
		}
	}
	// the slip item 7 of issue 11 names: "a|in the market" is "(a|in) the market"
	tax, err := Compile([]Category{{ID: "x", Role: PM, Phrases: []string{"position ... product|in the market"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	o.Taxonomy = tax
	if tags, ok := exampleTags(t, o, "Position our product for enterprise buyers"); ok && tagged(tags, "x") {
		t.Error(`"position ... product|in the market" matched "position our product": "|" no longer binds to one word, and the taxonomy.yaml header is wrong`)
	}
}

// TestTaxonomyPhrasesAvoidRoleNames: the tagger blanks the name of a role that is neither PO
// nor PM before matching ("Scrum Master" is not evidence of Scrum practice), so a phrase that
// holds such a name can never match. Every spelling a phrase allows is checked.
func TestTaxonomyPhrasesAvoidRoleNames(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range tax.Categories {
		for _, ph := range c.Phrases {
			for _, text := range phraseSpellings(ph) {
				for _, m := range findMentions(text) {
					if m.role == Other {
						t.Errorf("%s: phrase %q: %q names a role (%q), which the tagger blanks: it never matches", c.ID, ph, text, text[m.start:m.end])
					}
				}
			}
		}
	}
}

// phraseSpellings returns every text a phrase allows, one alternative per "|" group and
// nothing for a gap.
func phraseSpellings(ph string) []string {
	out := []string{""}
	for _, f := range strings.Fields(ph) {
		if f == "..." {
			continue
		}
		var next []string
		for _, prefix := range out {
			for _, a := range strings.Split(f, "|") {
				next = append(next, strings.TrimSpace(prefix+" "+a))
			}
		}
		out = next
	}
	return out
}

// TestMatchNoGaps holds match's word-by-word path for phrases without gaps to the general
// one, for every gap-free pattern of the built-in taxonomy at every word of the labeled
// postings' sentences (and of the phrases themselves, where they match).
func TestMatchNoGaps(t *testing.T) {
	tx, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	var sents [][]string
	for _, s := range tagSentences(t) {
		var lemmas []string
		for _, tk := range Tokenize(s) {
			lemmas = append(lemmas, tk.Lemma)
		}
		sents = append(sents, lemmas)
	}
	for _, p := range tx.patterns {
		if p.gaps == 0 {
			var phrase []string
			for _, alts := range p.words {
				phrase = append(phrase, alts[0])
			}
			sents = append(sents, phrase, append([]string{"x"}, phrase...), phrase[:len(phrase)-1])
		}
	}
	tried, matched := 0, 0
	for pi := range tx.patterns {
		p := &tx.patterns[pi]
		if p.gaps != 0 {
			continue
		}
		for _, lemmas := range sents {
			for from := range lemmas {
				if !contains(p.words[0], lemmas[from]) {
					continue
				}
				a, b, ok := p.match(lemmas, from)
				wa, wb, wok := p.matchGaps(lemmas, from)
				if a != wa || b != wb || ok != wok {
					t.Fatalf("pattern %v at %d of %q: match %d, %d, %v; matchGaps %d, %d, %v", p.words, from, lemmas, a, b, ok, wa, wb, wok)
				}
				tried++
				if ok {
					matched++
				}
			}
		}
	}
	if tried < 1000 || matched < 100 {
		t.Errorf("tried %d, matched %d: the test lost its cases", tried, matched)
	}
}
