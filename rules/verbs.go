package rules

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The collaboration rewrite's words (verbs, their third-person forms, the words that stop
// or resume the search for coordinated verbs) are data: collab.yaml, embedded and decoded
// once, on the first rewrite.

//go:embed collab.yaml
var collabYAML []byte

// wordSet is a set of lower-case words, written in collab.yaml as one run of words
// separated by spaces.
type wordSet map[string]bool

// UnmarshalYAML reads a run of words separated by spaces.
func (s *wordSet) UnmarshalYAML(n *yaml.Node) error {
	var text string
	if err := n.Decode(&text); err != nil {
		return err
	}
	*s = wordSet{}
	for _, w := range strings.Fields(text) {
		if w != strings.ToLower(w) {
			return fmt.Errorf("line %d: %q is not lower case", n.Line, w)
		}
		(*s)[w] = true
	}
	return nil
}

// lexicon is collab.yaml decoded; its comments say what each list is for.
type lexicon struct {
	Verbs struct {
		Duty           wordSet           `yaml:"duty"`
		Nounish        wordSet           `yaml:"nounish"`
		AlsoNoun       wordSet           `yaml:"also_noun"`
		Compoundish    wordSet           `yaml:"compoundish"`
		Blend          wordSet           `yaml:"blend"`
		BareInfinitive wordSet           `yaml:"bare_infinitive"`
		ThirdPerson    map[string]string `yaml:"third_person"`
		Participles    wordSet           `yaml:"participles"`
	} `yaml:"verbs"`
	Words struct {
		ObjectStarters wordSet `yaml:"object_starters"`
		IngNouns       wordSet `yaml:"ing_nouns"`
		ClauseStops    wordSet `yaml:"clause_stops"`
		ListStops      wordSet `yaml:"list_stops"`
		Prepositions   wordSet `yaml:"prepositions"`
		MassNouns      wordSet `yaml:"mass_nouns"`
		Adjectival     wordSet `yaml:"adjectival"`
		ModalAdverbs   wordSet `yaml:"modal_adverbs"`
	} `yaml:"words"`
	You struct {
		Modals       []string          `yaml:"modals"`
		SubjectAfter wordSet           `yaml:"subject_after"`
		They         map[string]string `yaml:"they"`
		Responsible  wordSet           `yaml:"responsible"`
		Openers      wordSet           `yaml:"openers"`
	} `yaml:"you"`
	modals [][]string // You.Modals split into words
}

// decodeLexicon reads collab.yaml; every field must be known.
func decodeLexicon(data []byte) (*lexicon, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var l lexicon
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("collab.yaml: %w", err)
	}
	for _, m := range l.You.Modals {
		l.modals = append(l.modals, strings.Fields(m))
	}
	return &l, nil
}

// lex returns the embedded lexicon, decoded on first use.
var lex = sync.OnceValue(func() *lexicon {
	l, err := decodeLexicon(collabYAML)
	if err != nil {
		panic("rules: " + err.Error()) // embedded data, checked by TestCollabLexicon
	}
	return l
})

// Preload decodes the embedded lexicon the collaboration rewrites and duty checks use,
// which is otherwise decoded on first use.
func Preload() { lex() }

// americanBase maps a British spelling of a base form to the American one the lists use:
// prioritise -> prioritize, analyse -> analyze, distil stays.
func americanBase(w string) string {
	switch {
	case strings.HasSuffix(w, "yse"):
		return w[:len(w)-3] + "yze"
	case strings.HasSuffix(w, "ise") && len(w) > 5:
		if c := w[:len(w)-3] + "ize"; lex().Verbs.Duty[c] {
			return c
		}
	}
	return w
}

// isDutyVerb reports whether w (any case, base form, either spelling) is a duty verb.
func isDutyVerb(w string) bool {
	return lex().Verbs.Duty[americanBase(strings.ToLower(w))]
}

// isNounish reports whether w (base form) also reads as a noun at the start of a bullet.
func isNounish(w string) bool { return lex().Verbs.Nounish[americanBase(strings.ToLower(w))] }

// isNounInside reports whether w (base form) may be a noun inside a sentence.
func isNounInside(w string) bool {
	l := americanBase(strings.ToLower(w))
	return lex().Verbs.Nounish[l] || lex().Verbs.AlsoNoun[l]
}

// thirdPerson conjugates a base form for "who": own -> owns, carry -> carries, go -> goes,
// have -> has, be -> is. Letter case of the input is kept.
func thirdPerson(base string) string {
	lower := strings.ToLower(base)
	suffix := func(s string) string {
		if len(base) > 1 && base == strings.ToUpper(base) {
			return strings.ToUpper(s)
		}
		return s
	}
	if irr, ok := lex().Verbs.ThirdPerson[lower]; ok {
		if strings.HasPrefix(irr, lower) {
			return base + suffix(irr[len(lower):]) // do -> does, DO -> DOES
		}
		return matchCase(irr, base) // be -> is
	}
	n := len(lower)
	switch {
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return base + suffix("es")
	case n >= 2 && lower[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(lower[n-2])):
		return base[:n-1] + suffix("ies")
	}
	return base + suffix("s")
}

// gerundBase returns the base form of a duty verb's -ing form, spelled as the input was
// (British stays British): owning -> own, driving -> drive, running -> run,
// prioritising -> prioritise. ok is false when w is not the -ing form of a duty verb.
func gerundBase(w string) (string, bool) {
	lower := strings.ToLower(w)
	if !strings.HasSuffix(lower, "ing") || len(lower) < 5 {
		return "", false
	}
	if lower == "being" {
		return w[:2], true
	}
	stem := w[:len(w)-3]
	cands := []string{stem, stem + "e"}
	if n := len(stem); n >= 2 && stem[n-1] == stem[n-2] {
		cands = append(cands, stem[:n-1])
	}
	if strings.HasSuffix(strings.ToLower(stem), "y") && len(stem) >= 2 {
		cands = append(cands, stem[:len(stem)-1]+"ie") // tying -> tie
	}
	for _, c := range cands {
		if isDutyVerb(c) {
			return c, true
		}
	}
	return "", false
}

// gerund makes the -ing form of a base form: partner -> partnering. Only the verbs the
// rewrite itself inserts need it, so the rule is the simple one.
func gerund(base string) string {
	lower := strings.ToLower(base)
	switch {
	case strings.HasSuffix(lower, "ee"):
		return base + "ing"
	case strings.HasSuffix(lower, "e"):
		return base[:len(base)-1] + "ing"
	}
	return base + "ing"
}

// matchCase spells word in the case pattern of model: "OWNS" for "OWN", "Owns" for "Own".
func matchCase(word, model string) string {
	if model == "" {
		return word
	}
	if model == strings.ToUpper(model) && model != strings.ToLower(model) && len(model) > 1 {
		return strings.ToUpper(word)
	}
	if r := model[0]; r >= 'A' && r <= 'Z' {
		return strings.ToUpper(word[:1]) + word[1:]
	}
	return word
}

// lowerFirst lower-cases the first letter: "Own" -> "own"; "OWN" stays.
func lowerFirst(s string) string {
	if len(s) > 1 && s == strings.ToUpper(s) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
