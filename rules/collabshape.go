package rules

import "strings"

// shapeKind names a sentence shape the collaboration rewrite understands.
type shapeKind int

const (
	// imperative: "Own the pricing model" -> "Partner with the Product Manager, who owns
	// the pricing model"; "Be the voice of the market" -> "..., who is the voice of ...".
	imperative shapeKind = iota + 1
	// gerundShape: "Owning the pricing model" -> "Partnering with the Product Manager, who
	// owns the pricing model".
	gerundShape
	// dutyPrefix: "Responsible for pricing" -> "Partner with the Product Manager, who is
	// responsible for pricing"; also "Accountable for", "In charge of".
	dutyPrefix
	// youVerb: "You will own", "You'll own", "You own", "In this role, you will also own",
	// "You will be accountable for" -> "You will partner with the Product Manager, who
	// owns / is accountable for".
	youVerb
	// youAre: "You are responsible for", "You're accountable for" -> "You partner with the
	// Product Manager, who is responsible for".
	youAre
)

// shape is a sentence the rewrite understands: the word that becomes the first verb of
// the new relative clause, what it becomes, and what is put before it.
type shape struct {
	kind     shapeKind
	verb     int    // index of the word that becomes the clause's first verb
	lead     string // put before it: "Partner with the Product Manager, who "
	newVerb  string // what it becomes: "owns", "is", "responsible"
	scanFrom int    // the first word the search for coordinated verbs reads
}

// changes returns the rewrite of the shape's own words: the lead and the first verb.
func (sh shape) changes(ws []word) []change {
	v := ws[sh.verb]
	return []change{{start: v.start, end: v.end, new: sh.newVerb, lead: sh.lead}}
}

// nounPhrase reports whether an imperative's first word is a noun here: "Market research
// and competitive analysis", "Pricing and packaging decisions" state no duty verb.
func (sh shape) nounPhrase(ws []word) bool {
	first := ws[0]
	return sh.kind == imperative && isNounish(first.text) && !strings.HasPrefix(first.tag, "VB") &&
		!lex().Words.ObjectStarters[ws[1].norm] && !verbList(ws, 0)
}

// findShape recognises the sentence shapes the rewrite handles; partner is "partner with
// the <role>, who ".
func findShape(ws []word, partner string) (shape, bool) {
	// "Working with the game director, you will translate ...": the duty is the first
	// subject's
	for i := range ws {
		if ws[i].norm == "you" {
			if i > 0 && ws[i-1].text == "," && youSubject(ws, i) {
				return youShape(ws, i, partner, false)
			}
			break
		}
	}
	if sh, ok, found := leadShape(ws, partner); found {
		return sh, ok
	}
	// "you will (also) own ...", possibly after an opening phrase ("In this role, you will")
	for i := range ws {
		if !youSubject(ws, i) {
			continue
		}
		if i > 0 && ws[i-1].text != "," && ws[i-1].text != ":" && !opening(ws, i) {
			return shape{}, false
		}
		return youShape(ws, i, partner, false)
	}
	return shape{}, false
}

// leadShape recognises the shapes whose first word is the duty: "Responsible for ...",
// "Own ...", "Owning ...". found is false when the first word is none of them; ok is false
// when it is, but states no duty ("Split your time", "Don't forget").
func leadShape(ws []word, partner string) (sh shape, ok, found bool) {
	first := ws[0]
	capital := func(verb string) string { return matchCase(verb, first.text) + strings.TrimPrefix(partner, "partner") }
	// "Responsible for ...", "Accountable for ...", "In charge of ..."
	if n := prefixWords(ws); n > 0 {
		return shape{kind: dutyPrefix, verb: 0, lead: capital("partner") + "is ", newVerb: lowerFirst(first.text), scanFrom: n}, true, true
	}
	// imperative: "Own the pricing model ...", "Be the first contact for ..."
	if first.norm == "be" || isDutyVerb(first.text) && first.isWord() {
		if lex().Verbs.Blend[first.norm] && !first.duty || ws[1].norm == "n't" {
			return shape{}, false, true
		}
		return shape{kind: imperative, verb: 0, lead: capital("partner"), newVerb: thirdPerson(lowerFirst(first.text)), scanFrom: 1}, true, true
	}
	// gerund: "Owning the pricing model ..."
	if base, isG := gerundBase(first.text); isG && first.isWord() {
		if lex().Verbs.Blend[strings.ToLower(base)] && !first.duty || lex().Words.IngNouns[first.norm] && !lex().Words.ObjectStarters[ws[1].norm] {
			return shape{}, false, true
		}
		return shape{kind: gerundShape, verb: 0, lead: capital(gerund("partner")), newVerb: thirdPerson(lowerFirst(base)), scanFrom: 1}, true, true
	}
	return shape{}, false, false
}

// opening reports whether words [0, i) are a short phrase of time or place that opens the
// sentence without a comma ("During the sprint you will", "After launch you will").
func opening(ws []word, i int) bool {
	if i > 8 || !lex().You.Openers[ws[0].norm] {
		return false
	}
	for _, w := range ws[1:i] {
		if !w.isWord() || lex().Words.ClauseStops[w.norm] || isDutyVerb(w.text) && !isNounish(w.text) {
			return false
		}
	}
	return true
}

// prefixWords returns how many words a duty prefix takes at the start of a sentence
// ("Responsible", "In charge"), or 0.
func prefixWords(ws []word) int {
	switch {
	case lex().You.Responsible[ws[0].norm]:
		return 1
	case ws[0].norm == "in" && ws[1].norm == "charge":
		return 2
	}
	return 0
}

// youSubject reports whether word i is "you" as the subject the rewrite looks for: alone,
// or with "'ll" or "'re" ("you've" and "you'd" open experience, not duties).
func youSubject(ws []word, i int) bool {
	if ws[i].norm != "you" {
		return false
	}
	if i+1 < len(ws) && ws[i+1].clitic() {
		return ws[i+1].norm == "'ll" || ws[i+1].norm == "'re"
	}
	return true
}

// youShape handles "you will own", "you'll be responsible for", "you own", "you are
// accountable for", "you're responsible for" with the subject at word i. A verb that may
// describe the blend of two jobs ("split") stands where the taxonomy found the duty there
// ("split larger epics"), or with blendOK.
func youShape(ws []word, i int, partner string, blendOK bool) (shape, bool) {
	j, modal := afterModal(ws, i+1)
	for j < len(ws) && lex().Words.ModalAdverbs[ws[j].norm] {
		j++
	}
	if j+1 >= len(ws) {
		return shape{}, false
	}
	v, next := ws[j], ws[j+1]
	lead := partner
	if v.clitic() {
		lead = " " + partner // "You're" -> "You partner with ..."
	}
	sh := shape{kind: youVerb, verb: j, lead: lead, newVerb: "is", scanFrom: j + 1}
	switch {
	case !modal && (v.norm == "are" || v.norm == "'re"):
		// "you are responsible for": the predicate is "are" + adjective
		sh.kind = youAre
		return sh, isResponsible(next)
	case v.norm == "be" && modal:
		return sh, next.isWord()
	case lex().Verbs.Blend[v.norm] && !blendOK && !v.duty || !isDutyVerb(v.text) || !v.isWord() || next.norm == "n't":
		return shape{}, false // "you don't have to": no duty
	case v.norm == "have" && participle(next.norm):
		return shape{}, false // "you have written": experience, not a duty
	}
	sh.newVerb = thirdPerson(lowerFirst(v.text))
	return sh, true
}

// afterModal returns the index after the longest modal of collab.yaml ("will", "'ll",
// "get to") that starts at word j, and whether there was one.
func afterModal(ws []word, j int) (int, bool) {
	best := 0
	for _, m := range lex().modals {
		if len(m) <= best || j+len(m) > len(ws) {
			continue
		}
		match := true
		for k, part := range m {
			if ws[j+k].norm != part {
				match = false
				break
			}
		}
		if match {
			best = len(m)
		}
	}
	return j + best, best > 0
}

// participle reports a past participle after "have" ("written", "owned", "led").
func participle(w string) bool {
	return lex().Verbs.Participles[w] || strings.HasSuffix(w, "ed")
}

// isResponsible reports the adjective of "you are responsible for", or the "in" of "in
// charge of".
func isResponsible(w word) bool {
	return lex().You.Responsible[w.norm] || w.norm == "in"
}

// verbList reports whether the verb at k heads a list of verbs ("Research, define and
// test"): the next word after a comma or conjunction is a duty verb that is no noun.
func verbList(ws []word, k int) bool {
	if k+2 >= len(ws) {
		return false
	}
	sep := ws[k+1].norm
	if sep != "," && sep != "and" && sep != "or" {
		return false
	}
	n := ws[k+2]
	return isDutyVerb(n.text) && !isNounish(n.text) && !lex().Words.Adjectival[n.norm]
}
