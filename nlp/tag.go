package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sectionWeight scales evidence by where a sentence sits: duties count fully, requirements
// count as skills at half weight, boilerplate not at all.
func sectionWeight(k SectionKind, b BlockKind) (float64, Kind) {
	if b == HeadingBlock || b == FieldBlock {
		return 0, Responsibility
	}
	switch k {
	case Duties:
		return 1, Responsibility
	case Requirements:
		return 0.5, Skill
	case OtherSection:
		return 0.7, Responsibility
	}
	return 0, Responsibility
}

// roleMention finds names of roles inside sentences.
var roleMention = lazyRegexp(`(?i)\b(product owners?|pos\b|product managers?|product management|product marketing(?: managers?| team)?|head of product|scrum masters?|delivery managers?|project managers?|sales team|account managers?|engineering managers?|vp of product|product leads?|product director|business analysts?|designers?|ux researchers?|ux team|design team)\b`)

// counterpartCue precedes a role the candidate works with rather than is.
var counterpartCue = lazyRegexp(`(?i)\b(with|alongside|to|for|support|supporting|supports|help|helping|assist|assisting|between|from|by|and|other|fellow|our team of|partner|partnering|collaborate|collaborating)\s+(?:(?:the|our|a|an|your|their|each|every|other|fellow|senior|lead|group|platform|team|squad|client'?s?|customer'?s?)\s+){0,3}$`)

// selfCue precedes a role name that means the candidate ("As a Product Owner, you").
var selfCue = lazyRegexp(`(?i)(?:^|\b)(as (?:a|an|the|our)(?: \w+)?|you(?:'ll| will)? (?:be|are|become) (?:a|an|the|our)(?: \w+)?|our|the|this|a|an)\s+(?:\w+\s+)?$`)

// strongSelfCue precedes a role name that can only mean the candidate, whatever follows it:
// a sentence that opens "As (a) Lead Product Owner for X, you", "You will be the Product
// Owner of the Tariffs team", "We are looking for a Product Owner to". It is tried before the
// counterpart cues, whose "for", "of the" and "on the" these sentences also contain.
var strongSelfCue = lazyRegexp(`(?:^|[,;:]\s+)(?i:as)\s+(?:(?i:a|an|the|our|your)\s+)?` + titleWords + `$|` +
	`\b(?i:you(?:'ll|’ll| will| would)?\s+(?:be|become|are|join us as|work as)|you're|you’re)\s+(?i:a|an|the|our)\s+` + titleWords + `$|` +
	`\b(?i:looking for|seeking|hiring|recruiting|searching for|in search of)\s+(?:(?i:a|an|our|one|two)\s+)?` + titleWords + `$`)

// titleWords are up to two words that may stand before a role name inside a title: a
// seniority or qualifier, or any capitalised word ("Lead", "Senior", "Digital").
const titleWords = `(?:(?:(?i:sr\.?|senior|junior|jr\.?|lead|principal|staff|associate|technical|digital|new|experienced|hands-on|agile)|[A-Z][\w.-]*)\s+){0,2}`

// assignsCue follows a role that the sentence gives the work to: "the Product Management
// group, who own the roadmap".
var assignsCue = lazyRegexp(`^(?: (?:group|team|function|department|organi[sz]ation|org|leads?|colleagues?))?,? (?:who|which|that) (?:own|owns|set|sets|decide|decides|define|defines|is responsible|are responsible|run|runs)\b`)

// experienceCue precedes a role name asked for as past experience ("3+ years as a Product
// Owner"): a requirement, neither the candidate's job nor a counterpart.
var experienceCue = lazyRegexp(`(?i)\b(?:years?|yrs|experience|background|track record|worked|working|served|time)\b[^.;]*\bas\s+(?:(?:a|an|the)\s+)?(?:[\w.-]+\s+){0,2}$`)

// personRole reports whether a mention names a person ("Product Owner", "product managers"),
// the only kind of mention that can refer to the candidate.
func personRole(m string) bool {
	m = strings.ToLower(m)
	return strings.HasPrefix(m, "product owner") || strings.HasPrefix(m, "product manager")
}

// roleOfMention maps a role name found in a sentence to the family whose evidence a
// counterpart mention of it discounts.
func roleOfMention(m string) Role {
	m = strings.ToLower(m)
	switch {
	case strings.HasPrefix(m, "product owner"), m == "pos":
		return PO
	case strings.HasPrefix(m, "product manage"), strings.HasPrefix(m, "product marketing"), strings.HasPrefix(m, "head of product"),
		strings.HasPrefix(m, "vp of product"), strings.HasPrefix(m, "product lead"), strings.HasPrefix(m, "product director"):
		return PM
	}
	return Other
}

// mention is one role name in a sentence, classified.
type mention struct {
	role        Role
	start, end  int // in Sentence.Text
	counterpart bool
	// assigns marks a counterpart the sentence gives the work to ("the Product Management
	// group, who own the roadmap"): its evidence goes even when it shares the title's role
	assigns bool
	self    bool
}

func findMentions(text string) []mention {
	var out []mention
	for _, m := range roleMentions().FindAllStringIndex(text) { // roleMention, faster (match.go)
		r := roleOfMention(text[m[0]:m[1]])
		before := text[:m[0]]
		after := strings.ToLower(text[m[1]:])
		mt := mention{role: r, start: m[0], end: m[1]}
		person := personRole(text[m[0]:m[1]])
		switch {
		case person && experienceCue().MatchString(before):
			// "3+ years as a Product Owner": neither the candidate nor a counterpart
		case person && strongSelfCue().MatchString(before):
			mt.self = true
		case strings.HasPrefix(strings.TrimLeft(after, " ,"), "who"),
			strings.HasPrefix(strings.TrimLeft(after, " ,"), "that own"),
			assignsCue().MatchString(after):
			mt.counterpart, mt.assigns = true, true
		case counterpartCue().MatchString(before),
			strings.HasPrefix(after, " team"), strings.HasPrefix(after, " colleague"),
			strings.HasPrefix(after, " own"), strings.HasPrefix(after, " run"), strings.HasPrefix(after, " drive"),
			strings.HasPrefix(after, " lead"), strings.HasPrefix(after, " set"), strings.HasPrefix(after, " decide"),
			strings.HasPrefix(after, " of the"), strings.HasPrefix(after, " in the"), strings.HasPrefix(after, " on the"),
			strings.HasPrefix(after, " and "):
			mt.counterpart = true
		case !person:
		case selfCue().MatchString(before), strings.HasPrefix(after, " role"), strings.HasPrefix(after, " position"),
			strings.HasPrefix(after, ", you"), strings.HasPrefix(after, " will"), strings.HasPrefix(after, " is accountable"),
			strings.HasPrefix(after, " is responsible"):
			mt.self = true
		}
		out = append(out, mt)
	}
	return out
}

// tagScratch is what tagSentence reuses from one sentence of a posting to the next.
type tagScratch struct {
	lemmas, claimed []string
	cands           [][]int // t.byFirst[lemmas[i]]
	seen            []bool
}

// grow returns buf with length n, reusing its array when it is large enough.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n, n+n/2)
	}
	return buf[:n]
}

// tagSentence tags one sentence against the taxonomy; sc holds buffers reused across calls.
func (t *Taxonomy) tagSentence(p *Posting, s *Sentence, titleRole Role, sc *tagScratch) {
	sc.lemmas = grow(sc.lemmas, len(s.Tokens))
	lemmas := sc.lemmas
	for i, tk := range s.Tokens {
		lemmas[i] = tk.Lemma
	}
	// phrases the user told us to ignore blank out their tokens
	for _, ig := range t.ignore {
		for i := 0; i < len(lemmas); i++ {
			if len(ig.words) > 0 && contains(ig.words[0], lemmas[i]) {
				if a, b, ok := ig.match(lemmas, i); ok {
					for j := a; j < b; j++ {
						lemmas[j] = ""
					}
				}
			}
		}
	}
	base, kind := sectionWeight(s.SectionKind, s.Block)
	if base > 0 && s.SectionKind == OtherSection && !dutyShaped(s) {
		base = 0.3
	}
	for _, m := range findMentions(s.Text) {
		// a role's name is not evidence of its work ("Scrum Master" is not Scrum practice)
		for i, tk := range s.Tokens {
			if m.role == Other && tk.Start >= m.start && tk.Start < m.end {
				lemmas[i] = ""
			}
		}
		if m.counterpart && (m.role != titleRole || m.assigns) && s.Counterpart == "" {
			s.Counterpart = m.role
		}
		if m.self && (m.role == PO || m.role == PM) {
			s.SelfRefs = append(s.SelfRefs, p.SpanOf(srcOffset(s.segs, m.start, false), srcOffset(s.segs, m.end, true)))
		}
	}
	sc.seen = grow(sc.seen, len(t.Categories)) // by category: tagged once per sentence
	seen := sc.seen
	clear(seen)
	// the patterns each word may start, looked up once for all passes (tagPass looks a word
	// up again only where a pass blanked it)
	sc.cands = grow(sc.cands, len(lemmas))
	cands := sc.cands
	for i, l := range lemmas {
		cands[i] = t.byFirst[l]
	}
	// claiming categories match first and take their words from the built-in rest; the
	// user's own categories see every word
	claimed := lemmas
	if t.claims {
		sc.claimed = append(sc.claimed[:0], lemmas...)
		claimed = sc.claimed
		t.tagPass(p, s, lemmas, lemmas, cands, func(c *Category) bool { return c.Claim && !c.User }, claimed, seen, base, kind)
	}
	t.tagPass(p, s, claimed, lemmas, cands, func(c *Category) bool { return !c.Claim && !c.User }, nil, seen, base, kind)
	if t.user {
		t.tagPass(p, s, lemmas, lemmas, cands, func(c *Category) bool { return c.User }, nil, seen, base, kind)
	}
}

// tagPass matches the categories that pick selects against lemmas. When claimed is not
// nil, the words of every match are blanked in it for the later passes. cands[i] is
// t.byFirst[orig[i]]: the patterns that may start at word i, where lemmas[i] is orig[i].
func (t *Taxonomy) tagPass(p *Posting, s *Sentence, lemmas, orig []string, cands [][]int, pick func(*Category) bool, claimed []string, seen []bool, base float64, kind Kind) {
	claims := claimed != nil
	for i := range lemmas {
		pis := cands[i]
		if lemmas[i] != orig[i] {
			pis = t.byFirst[lemmas[i]]
		}
		for _, pi := range pis {
			pat := &t.patterns[pi]
			c := &t.Categories[pat.cat]
			if !pick(c) || seen[pat.cat] && !claims {
				continue
			}
			a, b, ok := pat.match(lemmas, i)
			if !ok {
				continue
			}
			if c.Role == Other && properNoun(s, a, b) {
				continue // "You Need a Budget", "Sterling Projects": a name, not the work
			}
			if claims { // every match claims its words, also a category's second one
				for j := a; j < b; j++ {
					claimed[j] = ""
				}
			}
			if seen[pat.cat] {
				continue
			}
			seen[pat.cat] = true
			start := s.Tokens[a].Start
			last := s.Tokens[b-1]
			end := last.Start + len(last.Text)
			k := kind
			if c.Kind == Skill {
				k = Skill
			}
			w := c.Weight * base
			if s.Counterpart != "" && (c.Role == s.Counterpart || (c.Role == Shared)) {
				w = 0
			}
			s.Tags = append(s.Tags, Tag{
				Role: c.Role, Kind: k, Category: c.ID, Label: c.Label, Weight: w, Strong: c.Strong,
				Phrase: s.Text[start:end],
				Span:   p.SpanOf(srcOffset(s.segs, start, false), srcOffset(s.segs, end, true)),
			})
		}
	}
}

// properNoun reports whether tokens [a, b) of a sentence are capitalised words inside it
// (not its first word, nor the first after a colon or bracket): the name of a company,
// product or team ("You Need a Budget", "Sterling Projects") rather than the work.
func properNoun(s *Sentence, a, b int) bool {
	for j := a; j < b; j++ {
		w := s.Tokens[j].Text
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ToUpper(w) == w { // lower case, or an acronym (QA, UAT)
			return false
		}
	}
	if a == 0 {
		return false
	}
	switch s.Tokens[a-1].Text {
	case ":", "(", "\"", "“", "-", "–", "—", ";", "•", "*":
		return false
	}
	return true
}

// dutyShaped reports whether a sentence outside a known section reads as a duty or a
// requirement addressed to the candidate: an imperative, "you will", "responsible for".
func dutyShaped(s *Sentence) bool {
	l := strings.ToLower(s.Text)
	for _, cue := range []string{"you will", "you'll", "you’ll", "you own", "you are responsible", "responsible for", "accountable for", "your role", "you lead", "you drive", "you work", "you run", "you write", "you set", "you define", "you decide", "in this role", "the role", "you have", "you bring", "experience", "you are", "as a", "as our", "as the", "own "} {
		if strings.Contains(l, cue) {
			return true
		}
	}
	return s.Block == ItemBlock
}
