package nlp

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:generate go test -run TestCompiledTaxonomyCurrent -update .

// Category is one group of phrases that are evidence for a role, as written in taxonomy.yaml
// or added by a user's config.
type Category struct {
	ID     string  `yaml:"id"`
	Role   Role    `yaml:"role"`
	Kind   Kind    `yaml:"kind"`   // responsibility (default) or skill
	Label  string  `yaml:"label"`  // a short noun phrase for messages: "pricing and packaging"
	Strong bool    `yaml:"strong"` // near-exclusive to the role in the sources
	Core   bool    `yaml:"core"`   // one of the role's core duties (missing-core-duties)
	Weight float64 `yaml:"weight"`
	// Claim makes the category's matches take their words from the other categories: "PI
	// planning" is SAFe train work, so "planning" is not also Scrum sprint planning, and
	// "manage the program backlog" is not also the PO's product backlog.
	Claim bool `yaml:"claim"`
	// User marks a category a config added; it matches every word of a sentence, also
	// those a built-in category claimed.
	User    bool     `yaml:"-"`
	Source  string   `yaml:"source"`
	Phrases []string `yaml:"phrases"`
	// Match and NoMatch are example sentences the category must and must not tag when they
	// stand as a duty bullet of a neutral posting; taxonomy_test.go runs them, so that a
	// phrase that does not parse as meant is caught.
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no_match"`
}

// Taxonomy is the compiled set of categories that sentences are tagged against.
type Taxonomy struct {
	Categories []Category
	patterns   []pattern
	byFirst    map[string][]int // first-word lemma -> pattern indexes
	ignore     []pattern
	claims     bool // some category claims its words (Category.Claim)
	user       bool // some category comes from a config (Category.User)
}

type pattern struct {
	cat   int
	words [][]string // alternatives per position; nil marks a gap
	gaps  int        // how many of words are gaps
	text  string
	bad   string // why the phrase cannot be compiled, or ""
}

var (
	defaultTaxOnce sync.Once
	defaultTax     *Taxonomy
)

// DefaultTaxonomy returns the built-in taxonomy (taxonomy.yaml). It is compiled ahead of
// time into static data (taxonomy_compiled.go, by `go generate`), so that loading it costs
// only the first-word index: decoding the YAML and compiling its phrases took 3-5 ms, a
// quarter of a one-posting run. Tests hold it equal to compiling the YAML.
func DefaultTaxonomy() (*Taxonomy, error) {
	defaultTaxOnce.Do(func() {
		defaultTax = &Taxonomy{Categories: compiledCategories, patterns: compiledPatterns}
		defaultTax.index()
	})
	return defaultTax, nil
}

// DecodeCategories reads categories from taxonomy YAML.
func DecodeCategories(data []byte) ([]Category, error) {
	var doc struct {
		Categories []Category `yaml:"categories"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	return doc.Categories, nil
}

// Compile validates categories and builds their matchers. Phrases in ignore are dropped from
// every category.
func Compile(cats []Category, ignore []string) (*Taxonomy, error) {
	t := &Taxonomy{Categories: cats}
	seen := map[string]bool{}
	for i := range t.Categories {
		c := &t.Categories[i]
		if c.ID == "" || seen[c.ID] {
			return nil, fmt.Errorf("category %d: missing or duplicate id %q", i+1, c.ID)
		}
		seen[c.ID] = true
		switch c.Role {
		case PO, PM, Shared, Other:
		default:
			return nil, fmt.Errorf("category %s: role %q is not one of PO, PM, shared, other", c.ID, c.Role)
		}
		switch c.Kind {
		case "":
			c.Kind = Responsibility
		case Responsibility, Skill:
		default:
			return nil, fmt.Errorf("category %s: kind %q is not responsibility or skill", c.ID, c.Kind)
		}
		if c.Weight == 0 {
			c.Weight = 1
		}
		if c.Label == "" {
			c.Label = c.ID
		}
		for _, ph := range c.Phrases {
			p := compilePattern(ph)
			if p.bad != "" {
				return nil, fmt.Errorf("category %s: phrase %q: %s", c.ID, ph, p.bad)
			}
			if len(p.words) == 0 || p.words[0] == nil {
				return nil, fmt.Errorf("category %s: phrase %q has no words", c.ID, ph)
			}
			p.cat = i
			t.patterns = append(t.patterns, p)
		}
	}
	for _, ph := range ignore {
		t.ignore = append(t.ignore, compilePattern(ph))
	}
	t.index()
	return t, nil
}

// index derives what matching needs from the categories and patterns: byFirst, the
// patterns by the lemmas they start with, and whether any category claims its words or
// comes from a config.
func (t *Taxonomy) index() {
	for _, c := range t.Categories {
		t.claims = t.claims || c.Claim
		t.user = t.user || c.User
	}
	t.byFirst = make(map[string][]int, len(t.patterns))
	for i, p := range t.patterns {
		for _, w := range p.words[0] {
			t.byFirst[w] = append(t.byFirst[w], i)
		}
	}
}

// compilePattern turns "own|order ... backlog" into per-position lemma alternatives.
func compilePattern(ph string) pattern {
	p := pattern{text: ph}
	for _, f := range phraseWords(ph) {
		if f == "..." {
			if len(p.words) > 0 && p.words[len(p.words)-1] != nil {
				p.words = append(p.words, nil)
				p.gaps++
			}
			continue
		}
		var alts []string
		for _, a := range strings.Split(f, "|") {
			if strings.Contains(a, "-") {
				p.bad = fmt.Sprintf("alternative %q has a hyphen: write hyphenated words as separate words (\"go to market\")", a)
			}
			if a != "" {
				alts = append(alts, Lemma(a))
			}
		}
		p.words = append(p.words, alts)
	}
	for len(p.words) > 0 && p.words[len(p.words)-1] == nil {
		p.words = p.words[:len(p.words)-1]
		p.gaps--
	}
	switch {
	case p.bad != "":
	case p.gaps > maxPhraseGaps:
		p.bad = fmt.Sprintf("has %d ... gaps; a phrase may have at most %d", p.gaps, maxPhraseGaps)
	case len(p.words) > maxPhraseWords:
		p.bad = fmt.Sprintf("has %d words and gaps; a phrase may have at most %d", len(p.words), maxPhraseWords)
	}
	return p
}

// phraseWords tokenizes a phrase the way sentences are tokenized, keeping "|" groups and
// "..." gaps whole.
func phraseWords(ph string) []string {
	var out []string
	for _, f := range strings.Fields(ph) {
		if f == "..." || strings.Contains(f, "|") {
			out = append(out, f)
			continue
		}
		for _, t := range Tokenize(f) {
			out = append(out, t.Text)
		}
	}
	return out
}

// maxGap is the most tokens a "..." gap in a phrase skips.
const maxGap = 4

// maxPhraseWords and maxPhraseGaps bound a phrase (the embedded taxonomy's have at most 7
// words and 2 gaps), and with them the work of one match: at most words times the tokens a
// phrase can span, whatever a config holds.
const (
	maxPhraseWords = 24 // words and gaps
	maxPhraseGaps  = 8
)

// match reports whether p occurs at lemmas[from:], whose first lemma the caller has found
// in p.words[0]; it returns the token range of the occurrence. A gap skips 0 to maxGap
// tokens, as few as will let the rest match.
//
// Tried naively, each gap multiplies the ways to try by maxGap+1, so a phrase with a dozen
// gaps took half a minute on one line. A position in the phrase and a token index that
// failed once fail again, so they are remembered: the work is bounded by positions times
// tokens. Phrases with fewer than two gaps cannot backtrack far and skip the table.
func (p *pattern) match(lemmas []string, from int) (int, int, bool) {
	if p.gaps == 0 { // one way to try: word by word
		if from+len(p.words) > len(lemmas) {
			return from, 0, false
		}
		for pi := 1; pi < len(p.words); pi++ {
			if !contains(p.words[pi], lemmas[from+pi]) {
				return from, 0, false
			}
		}
		return from, from + len(p.words), true
	}
	return p.matchGaps(lemmas, from)
}

// matchGaps is match for any pattern, gaps or none (TestMatchNoGaps compares the two).
func (p *pattern) matchGaps(lemmas []string, from int) (int, int, bool) {
	var failed []bool // [pi*width + ti-from]: p.words[pi:] does not match at lemmas[ti:]
	width := 0
	if p.gaps >= 2 {
		width = min(len(p.words)+p.gaps*maxGap, len(lemmas)-from) + 1
		failed = make([]bool, len(p.words)*width)
	}
	var try func(pi, ti int) (int, bool)
	try = func(pi, ti int) (int, bool) {
		if pi == len(p.words) {
			return ti, true
		}
		key := pi*width + ti - from
		if failed != nil && failed[key] {
			return 0, false
		}
		if p.words[pi] == nil { // gap: skip 0..maxGap tokens
			for g := 0; g <= maxGap && ti+g <= len(lemmas); g++ {
				if end, ok := try(pi+1, ti+g); ok {
					return end, true
				}
			}
		} else if ti < len(lemmas) && contains(p.words[pi], lemmas[ti]) {
			return try(pi+1, ti+1)
		}
		if failed != nil {
			failed[key] = true
		}
		return 0, false
	}
	end, ok := try(1, from+1)
	return from, end, ok
}

func contains(alts []string, w string) bool {
	for _, a := range alts {
		if a == w {
			return true
		}
	}
	return false
}

// Category returns the category with id, or nil.
func (t *Taxonomy) Category(id string) *Category {
	for i := range t.Categories {
		if t.Categories[i].ID == id {
			return &t.Categories[i]
		}
	}
	return nil
}

// IDs returns the category ids in sorted order.
func (t *Taxonomy) IDs() []string {
	ids := make([]string, len(t.Categories))
	for i, c := range t.Categories {
		ids[i] = c.ID
	}
	sort.Strings(ids)
	return ids
}
