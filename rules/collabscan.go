package rules

import "strings"

// scanner finds the verbs that share the first verb's subject ("Build and maintain", "Own
// revenue targets and review net revenue", "Research, define and test") and conjugates
// them too, and turns the candidate's "you" inside the new relative clause into "they"
// ("turn what you learn" -> "turns what they learn").
//
// It reads the sentence left to right. A relative or subordinate clause ("that", "where",
// "so"), an infinitive ("to plan and launch") or a bare infinitive ("help maintain and
// order") pauses the search, since verbs coordinated there have another subject; ", and"
// followed by a verb resumes it, and so does "and" + verb after a subordinate clause whose
// own verb was third person ("decide where the product goes next and make sure").
// Parenthesised asides are skipped. ", and you will ..." ends the clause, unless what
// follows is the same off-role duty ("and you will split larger epics"), which joins it.
type scanner struct {
	text     string // Sentence.Text
	ws       []word
	sh       shape
	stopped  bool  // inside a stretch whose verbs have another subject
	subZ     bool  // that stretch had a third-person verb
	toList   bool  // that stretch is a list of infinitives ("to design, develop, and deliver")
	hard     bool  // a colon, semicolon or dash came: what follows may have its own subject
	listed   bool  // a verb after a comma was conjugated: a list of verbs ("set X, decide Y and make Z")
	lastVerb int   // the word index of the last verb conjugated
	pending  []int // duty verbs after commas that may belong to a list ("own X, turn Y and make Z")
	changes  []change
	// clauseEnd is where the relative clause ends in Sentence.Text: the sentence's end, or
	// the start of ", and you will ..." that stays the candidate's.
	clauseEnd int
	// evidence reports whether a range of Sentence.Text holds the off-role duty's evidence
	// and none of the title role's.
	evidence func(a, b int) bool
}

// step says how the scan goes on after a word.
type step int

const (
	stepOn     step = iota // read the next word
	stepEnd                // the relative clause ends here
	stepRefuse             // the sentence has a shape the rewrite would garble
)

// run scans the words after the shape's verb; it returns false when the rewrite must not
// be made.
func (sc *scanner) run() bool {
	for k := sc.sh.scanFrom; k < len(sc.ws); k++ {
		var st step
		k, st = sc.step(k)
		switch st {
		case stepRefuse:
			return false
		case stepEnd:
			return true
		}
	}
	return true
}

// step reads word k and returns the last word it consumed.
func (sc *scanner) step(k int) (int, step) {
	ws := sc.ws
	w := ws[k]
	if _, isYou := lex().You.They[w.norm]; isYou {
		return sc.you(k)
	}
	if j, st, ok := sc.punctuation(k); ok {
		return j, st
	}
	prevAnd, commaAnd := conjunction(ws, k)
	switch {
	case sc.stopped:
		sc.resume(k, prevAnd, commaAnd)
	case w.norm == "i.e." || w.norm == "i.e":
		if k+1 < len(ws) && isDutyVerb(ws[k+1].text) {
			return k, stepRefuse // "Be available daily, i.e. answer questions the same day"
		}
		sc.stop()
	case sc.pauses(k):
	case sc.joins(k, prevAnd):
		sc.coordinate(k, prevAnd, commaAnd)
	}
	return k, stepOn
}

// punctuation handles the marks that end or skip a stretch of the sentence: a
// parenthesised aside is skipped, a colon, semicolon or dash pauses the search, and a
// colon that opens a list of imperatives refuses the rewrite. ok is false for any other
// word.
func (sc *scanner) punctuation(k int) (int, step, bool) {
	switch sc.ws[k].text {
	case "(":
		return closingParen(sc.ws, k), stepOn, true
	case ":":
		if imperativeAt(sc.ws, k+1) {
			return k, stepRefuse, true // "Contribute to PI planning: present the features, help ..."
		}
		sc.stop()
		sc.hard = true
		return k, stepOn, true
	case ";", "—", "–":
		sc.stop()
		sc.hard = true
		return k, stepOn, true
	}
	return k, stepOn, false
}

// joins reports whether word k follows "and", "or" or a comma that may coordinate it with
// the verbs before, and is not the first word of an aside ("and, where useful, review").
func (sc *scanner) joins(k int, prevAnd bool) bool {
	prev := sc.ws[k-1].norm
	if k == sc.sh.scanFrom || !(prevAnd || prev == ",") {
		return false
	}
	return !(prev == "," && !prevAnd && k >= 2 && sc.ws[k-2].norm == "and")
}

// stop pauses the search for coordinated verbs.
func (sc *scanner) stop() {
	sc.stopped, sc.subZ, sc.toList, sc.pending = true, false, false, nil
}

// change replaces word k.
func (sc *scanner) change(k int, repl string) {
	sc.changes = append(sc.changes, change{start: sc.ws[k].start, end: sc.ws[k].end, new: repl})
}

// conjugate makes word k a verb of the relative clause.
func (sc *scanner) conjugate(k int) {
	sc.change(k, thirdPerson(sc.ws[k].text))
	sc.lastVerb = k
}

// pauses pauses the search at word k when it starts a stretch whose verbs have another
// subject: a clause ("that", "where", "so"), a list of examples ("including"), an
// infinitive ("to plan and launch") or a bare infinitive ("help maintain and order").
func (sc *scanner) pauses(k int) bool {
	ws := sc.ws
	w := ws[k]
	switch {
	case lex().Words.ClauseStops[w.norm], lex().Words.ListStops[w.norm]:
		sc.stop()
	case w.norm == "to" && k+1 < len(ws) && isDutyVerb(ws[k+1].text):
		sc.stop() // "Work with Sales to plan and launch"
		sc.toList = verbList(ws, k+1) && ws[k+2].text == ","
	case k == sc.lastVerb+1 && lex().Verbs.BareInfinitive[ws[sc.lastVerb].norm] && isDutyVerb(w.text):
		sc.stop() // "Help maintain and order the backlog"
	default:
		return false
	}
	return true
}

// resume decides, inside a paused stretch, whether word k is a verb that again shares
// the first verb's subject: after ", and" (unless it closes a list of infinitives: "to
// design, develop, and deliver"), or after "and" once the stretch had a third-person verb
// of its own ("decide where the product goes next and make sure") or closes a list of
// verbs ("set the direction, decide how they're priced and make sure").
func (sc *scanner) resume(k int, prevAnd, commaAnd bool) {
	w := sc.ws[k]
	if w.tag == "VBZ" || w.norm == "is" || w.norm == "has" || w.norm == "does" {
		sc.subZ = true
	}
	if !prevAnd || !(commaAnd || sc.subZ || sc.listed) || k+1 >= len(sc.ws) || !sc.ws[k+1].isWord() || !isDutyVerb(w.text) || !commaAnd && !verbish(w) {
		return
	}
	if sc.toList && commaAnd {
		sc.toList = false
		return
	}
	sc.stopped, sc.subZ, sc.pending = false, false, nil
	sc.conjugate(k)
}

// coordinate handles a word after "and", "or" or a comma: a verb sharing the subject is
// conjugated, with the duty verbs after commas that it shows to be a list of verbs.
func (sc *scanner) coordinate(k int, prevAnd, commaAnd bool) {
	repl, conj, pend := sc.candidate(k, commaAnd)
	switch {
	case conj:
		sc.change(k, repl)
		sc.lastVerb = k
		sc.listed = sc.listed || !prevAnd
		if prevAnd {
			for _, pk := range sc.pending {
				sc.change(pk, thirdPerson(sc.ws[pk].text))
			}
		}
		sc.pending = nil
	case pend && sc.ws[k-1].text == ",":
		sc.pending = append(sc.pending, k)
	case prevAnd:
		sc.pending = nil // "pricing, trial lengths and discount policy": a list of nouns
	}
}

// you handles the candidate's pronouns: inside the clause a subject "you" and "your"
// become the other role's ("what they learn", "their week"); "yourself" refuses the
// rewrite; ", and you will" ends the clause unless it states the same off-role duty.
func (sc *scanner) you(k int) (int, step) {
	ws := sc.ws
	w := ws[k]
	if w.norm == "you" && newClause(ws, k) {
		if ws[k-1].text == "," && sc.sh.kind != youVerb && sc.sh.kind != youAre {
			return k, stepRefuse // "Using retrospectives, you will ...": the opening was no duty
		}
		if j, ok := sc.join(k); ok {
			return j, stepOn
		}
		sc.clauseEnd = clauseStart(ws, k)
		return k, stepEnd
	}
	they := lex().You.They[w.norm]
	if they == "" {
		return k, stepRefuse // "decide it yourself"
	}
	if _, modal := afterModal(ws, k+1); modal && w.norm == "you" && !lex().You.SubjectAfter[ws[k-1].norm] && sc.sh.kind != youVerb && sc.sh.kind != youAre {
		return k, stepRefuse // "Ensuring roadmaps are prioritised you will ensure ...": the opening was no duty
	}
	if w.norm != "you" || subjectYou(ws, k) {
		sc.change(k, spellLike(matchCase(they, w.text), w.text))
	}
	return k, stepOn
}

// join continues the relative clause into a clause "and you will <verb> ..." at word k
// whose evidence is the same off-role duty ("..., and you will split larger epics into
// stories" -> "..., and splits larger epics into stories"). It returns the index of the
// clause's verb.
func (sc *scanner) join(k int) (int, bool) {
	ws := sc.ws
	if sc.hard || ws[k-1].norm != "and" || ws[k].norm != "you" || !youSubject(ws, k) {
		return 0, false // "pricing: payouts will be paid, and you'll set the fee" has another subject
	}
	sh, ok := youShape(ws, k, "", true)
	if !ok {
		return 0, false
	}
	stop := len(ws)
	for m := sh.verb + 1; m < len(ws); m++ {
		if ws[m].norm == "you" && newClause(ws, m) {
			stop = m
			break
		}
	}
	a, b := ws[k].start, ws[len(ws)-1].end
	if stop < len(ws) {
		b = ws[clauseStartWord(ws, stop)].start
	}
	if sc.evidence == nil || !sc.evidence(a, b) {
		return 0, false
	}
	from, _ := afterModal(ws, k+1)
	switch {
	case sh.kind == youAre:
		from = sh.verb // "you are" and "you're": the verb itself becomes "is"
	case from < sh.verb && sh.newVerb == "is":
		// "and you'll also be in the weeds" -> "and is also in the weeds"
		adverbs := sc.text[ws[from].start:ws[sh.verb-1].end]
		sc.changes = append(sc.changes, change{start: ws[k].start, end: ws[sh.verb].end, new: "is " + adverbs})
		sc.stopped, sc.subZ, sc.pending, sc.lastVerb = false, false, nil, sh.verb
		return sh.verb, true
	}
	sc.changes = append(sc.changes, change{start: ws[k].start, end: ws[from].start})
	sc.change(sh.verb, sh.newVerb)
	sc.stopped, sc.subZ, sc.pending, sc.lastVerb = false, false, nil, sh.verb
	return sh.verb, true
}

// clauseStartWord returns the index of the word that opens the clause whose subject is
// the "you" at k: the comma of ", and you", the "and" of "and you", the semicolon of
// "; you".
func clauseStartWord(ws []word, k int) int {
	j := k - 1
	if j >= 1 && (ws[j].norm == "and" || ws[j].norm == "but" || ws[j].norm == "so") && ws[j-1].text == "," {
		j--
	}
	return j
}

// clauseStart is clauseStartWord as a byte offset in Sentence.Text.
func clauseStart(ws []word, k int) int {
	if k == 0 {
		return 0
	}
	return ws[clauseStartWord(ws, k)].start
}

// candidate decides whether the word at k, after "and", "or" or a comma, is a verb that
// shares the first verb's subject, and returns its new form. pend is true for a duty verb
// after a comma that only a verb closing the list ("and make sure") shows to be a verb.
func (sc *scanner) candidate(k int, commaAnd bool) (repl string, conj, pend bool) {
	ws := sc.ws
	w := ws[k]
	var next *word
	if k+1 < len(ws) {
		next = &ws[k+1]
	}
	switch {
	case sc.sh.kind == gerundShape:
		return gerundCandidate(w, next)
	case next == nil || !next.isWord():
		return "", false, false
	case w.norm == "be":
		return "is", true, false // "and be available to the team"
	case !isDutyVerb(w.text):
		return "", false, false
	}
	conj, pend = sc.verbAfterJoin(k, commaAnd)
	if conj {
		return thirdPerson(w.text), true, false
	}
	return "", false, pend
}

// verbAfterJoin decides whether the duty verb at k, after "and", "or" or a comma and
// before a word, is a verb here (conj), or may be one that a verb closing the list shows
// (pend).
func (sc *scanner) verbAfterJoin(k int, commaAnd bool) (conj, pend bool) {
	ws := sc.ws
	w, next := ws[k], &ws[k+1]
	lw := lex().Words
	// a tight list after a verb ("Build and maintain", "Research, define and test") holds
	// verbs whatever the tagger says; "Prepare for and pass": two verbs share the
	// preposition's object
	prepAnd := k >= 3 && k-3 == sc.lastVerb && lw.Prepositions[ws[k-2].norm]
	switch {
	case k-2 == sc.lastVerb, commaAnd, prepAnd:
		return true, false
	case ws[k-1].text == ",":
		// a comma alone joins nouns as often as verbs: a clear object, or a list that a verb
		// after "and" closes, shows a verb
		return lw.ObjectStarters[next.norm] || verbHere(w, next) && !isNounInside(w.text), true
	case lex().Verbs.Compoundish[w.norm] && !lw.ObjectStarters[next.norm] && !lw.Prepositions[next.norm]:
		return false, false // "docs and release announcements"
	case isNounInside(w.text) && next.norm != "record" && !commaBetween(ws, sc.lastVerb, k):
		// after "and", a word that is a verb as often as a noun and does not usually
		// modify one ("and split epics", "and plan releases") is the second verb
		return true, false
	}
	return verbHere(w, next), false
}

// gerundCandidate decides whether w, after "and", "or" or a comma in a gerund bullet
// ("Owning X and driving Y"), is a gerund sharing the subject, and returns its new form.
func gerundCandidate(w word, next *word) (repl string, conj, pend bool) {
	base, isG := gerundBase(w.text)
	if !isG || lex().Words.IngNouns[w.norm] && !(next != nil && lex().Words.ObjectStarters[next.norm]) || w.tag != "" && w.tag != "VBG" {
		return "", false, false
	}
	return thirdPerson(base), true, false
}

// conjunction reports whether word k follows "and" or "or" (prevAnd), and whether that
// follows a comma (commaAnd); "and, where useful, review" counts as both.
func conjunction(ws []word, k int) (prevAnd, commaAnd bool) {
	prev := ws[k-1].norm
	prevAnd = prev == "and" || prev == "or"
	commaAnd = prevAnd && k >= 2 && ws[k-2].text == ","
	if asideAnd(ws, k) {
		return true, true
	}
	return prevAnd, commaAnd
}

// closingParen returns the index of the ")" that closes the "(" at k, or the last word.
func closingParen(ws []word, k int) int {
	depth := 1
	for k+1 < len(ws) && depth > 0 {
		k++
		switch ws[k].text {
		case "(":
			depth++
		case ")":
			depth--
		}
	}
	return k
}

// commaBetween reports whether a comma stands between words a and b: the "and" then may
// close a list of nouns ("definitions, owners and test expectations").
func commaBetween(ws []word, a, b int) bool {
	for k := max(a+1, 0); k < b; k++ {
		if ws[k].text == "," {
			return true
		}
	}
	return false
}

// imperativeAt reports whether an imperative starts at word k ("size the segment, study
// ..."), as after a colon that lists duties.
func imperativeAt(ws []word, k int) bool {
	if k >= len(ws) || !isDutyVerb(ws[k].text) {
		return false
	}
	if !isNounish(ws[k].text) || ws[k].tag == "VB" {
		return true
	}
	return k+1 < len(ws) && (lex().Words.ObjectStarters[ws[k+1].norm] || ws[k+1].text == ",")
}

// asideAnd reports whether word k follows "and, <aside>," ("and, where useful, review").
func asideAnd(ws []word, k int) bool {
	if k < 4 || ws[k-1].text != "," {
		return false
	}
	for j := k - 2; j >= 1 && j >= k-8; j-- {
		if ws[j].text == "," {
			return ws[j-1].norm == "and" || ws[j-1].norm == "or"
		}
	}
	return false
}

// verbish reports whether a duty verb reads as a verb where the tagger or the word itself
// says so: a verb tag, or no noun tag on a word that is not also a noun.
func verbish(w word) bool {
	if w.tag == "VB" || w.tag == "VBP" {
		return true
	}
	return !isNounInside(w.text) && !lex().Words.Adjectival[w.norm] && !strings.HasPrefix(w.tag, "NN") && !strings.HasPrefix(w.tag, "JJ")
}

// subjectYou reports whether the "you" at k is a subject ("what you learn", "so that you
// can", "you'll", "you will help") rather than an object ("keeps you informed").
func subjectYou(ws []word, k int) bool {
	if k == 0 || k+1 < len(ws) && ws[k+1].clitic() {
		return true
	}
	if _, modal := afterModal(ws, k+1); modal {
		return true
	}
	return lex().You.SubjectAfter[ws[k-1].norm]
}

// newClause reports whether the "you" at k opens a clause of its own: ", and you", "; you",
// ", you enjoy detail".
func newClause(ws []word, k int) bool {
	if k == 0 {
		return true
	}
	prev := ws[k-1]
	switch prev.text {
	case ";", ":", "—", "–":
		return true
	case ",":
		return k+1 < len(ws) && (ws[k+1].isWord() || ws[k+1].clitic())
	}
	return prev.norm == "and" || prev.norm == "but" || prev.norm == "so" && k >= 2 && ws[k-2].text == ","
}

// verbHere decides whether a duty verb after "and", "or" or a comma is a verb here, using
// the tagger where it ran and the word that follows.
func verbHere(w word, next *word) bool {
	if next == nil || !next.isWord() {
		return false // "... pricing and design." ends on a noun
	}
	lw := lex().Words
	if w.tag == "VB" || w.tag == "VBP" || lw.ObjectStarters[next.norm] {
		return true
	}
	if lw.Prepositions[next.norm] && !lw.MassNouns[w.norm] {
		// a count noun would need an article: "and report on them" is a verb
		return true
	}
	return !isNounInside(w.text) && !lw.Adjectival[w.norm]
}
