package rules

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdlint/jdlint/nlp"
)

// word is one token of a sentence for the collaboration rewrite: a word (letters, inner
// hyphens and apostrophes), a number, or one punctuation character.
type word struct {
	text       string
	start, end int    // byte offsets in Sentence.Text
	tag        string // Penn Treebank tag from prose, "" when the tagger was not run or disagreed
}

var wordRE = regexp.MustCompile(`[\p{L}][\p{L}'’\-]*[\p{L}]|[\p{L}]|[0-9][0-9.,]*|\S`)

func words(text string) []word {
	var out []word
	for _, m := range wordRE.FindAllStringIndex(text, -1) {
		out = append(out, word{text: text[m[0]:m[1]], start: m[0], end: m[1]})
	}
	return out
}

func (w word) isWord() bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	return unicode.IsLetter(r)
}

func (w word) lower() string { return strings.ToLower(w.text) }

// objectStarters open a noun phrase: after an ambiguous word ("Market", "Plan") they show
// that the word was a verb ("Plan the launch", not "Plan review").
var objectStarters = wordSet(`the a an our your their its his her this these those each every all any
both it them new key clear one two three several multiple other others`)

// ingNouns are -ing words that are usually nouns in postings ("Pricing and packaging").
var ingNouns = wordSet(`pricing packaging marketing planning positioning messaging onboarding budgeting
forecasting reporting testing training staffing branding licensing engineering accounting learning
billing funding hiring modelling modeling scheduling sequencing tracking understanding thinking
merchandising financing building meeting offering selling setting targeting consulting processing`)

// clauseStops end the stretch of a sentence in which coordinated verbs share the subject
// of the first one: a relative or subordinate clause, or a new subject.
var clauseStops = wordSet(`who which that where whose whom when because since while if unless until
whether so sure we they he she i you`)

// collabShape is a sentence the rewrite understands.
type collabShape struct {
	editStart int    // where the replaced text starts (in Sentence.Text)
	verbEnd   int    // end of the first verb or predicate word that is replaced
	lead      string // the new text up to and including "who ": "Partner with the Product Manager, who "
	verb      string // the conjugated predicate: "owns", "is responsible"
	gerund    bool   // the verbs are -ing forms ("Owning X and running Y")
	scanFrom  int    // index into words after which coordinated verbs are looked for
}

// dutyPrefix matches bullets that state a duty without a verb.
var dutyPrefix = regexp.MustCompile(`(?i)^(responsible|accountable|in charge)\b`)

// youModals are the words after "you" that make the next verb the duty: "you will own",
// "you get to own" ("you'll" is one word and handled on its own).
var youModals = [][]string{
	{"will", "get", "to"}, {"will", "be", "expected", "to"}, {"will"}, {"would"}, {"shall"}, {"can"},
	{"get", "to"}, {"are", "going", "to"}, {"are", "expected", "to"},
}

// CollaborationRewrite rewrites one off-role duty into collaboration with the person who
// holds role: "Own the pricing model" becomes "Partner with the Product Manager, who owns
// the pricing model", "You will run market research" becomes "You will partner with the
// Product Manager, who runs market research". It conjugates the duty's verbs (and verbs
// coordinated with them), keeps every other byte of the sentence, and touches no byte
// outside it. Sentences of any other shape, or whose rewrite would misstate them (a second
// subject, a role already named), return ok=false.
func CollaborationRewrite(p *nlp.Posting, s *nlp.Sentence, role nlp.Role) (Edit, bool) {
	if role != nlp.PO && role != nlp.PM || s == nil || p == nil {
		return Edit{}, false
	}
	text := s.Text
	ws := words(text)
	if len(ws) < 2 {
		return Edit{}, false
	}
	partner := "partner with the " + roleName(role) + ", who "
	sh, ok := findCollabShape(text, ws, partner)
	if !ok {
		return Edit{}, false
	}
	// a role named after the verb would be rewritten into nonsense ("who is the Product
	// Manager for Payroll") or already describes collaboration; the role itself named
	// anywhere would be partnered with itself
	if roleNames.MatchString(text[sh.verbEnd:]) || roleNameOf[role].MatchString(text) {
		return Edit{}, false
	}
	tagWords(text, ws, sh)
	if sh.editStart == 0 && !sh.gerund && sh.scanFrom == 1 && isNounish(ws[0].text) &&
		!strings.HasPrefix(ws[0].tag, "VB") && !objectStarters[ws[1].lower()] && !verbList(ws, 0) {
		return Edit{}, false // "Market research and competitive analysis" is not a duty verb
	}
	end, extra, ok := coordinated(ws, sh)
	if !ok {
		return Edit{}, false
	}
	var b strings.Builder
	b.WriteString(sh.lead)
	b.WriteString(sh.verb)
	at := sh.verbEnd
	for _, c := range extra {
		b.WriteString(text[at:c.start])
		b.WriteString(c.new)
		at = c.end
	}
	if end < at {
		end = at
	}
	b.WriteString(text[at:end])
	return spliceEdit(p, s, sh.editStart, end, b.String())
}

// roleNameOf finds the names of one role.
var roleNameOf = map[nlp.Role]*regexp.Regexp{
	nlp.PO: regexp.MustCompile(`(?i:\bproduct[ -]owners?\b)|\bPOs?\b`),
	nlp.PM: regexp.MustCompile(`(?i:\bproduct[ -](?:managers?|management)\b)|\bPMs?\b`),
}

// roleNames finds PO and PM names (people, functions and abbreviations) in a sentence.
var roleNames = regexp.MustCompile(`(?i:\bproduct[ -](?:owner|manager|management)s?\b)|\bPOs?\b|\bPMs?\b`)

// spliceEdit maps a range of s.Text to the file and checks the file holds exactly those
// bytes there, so that the edit stays inside the sentence and never swallows markup.
func spliceEdit(p *nlp.Posting, s *nlp.Sentence, a, b int, repl string) (Edit, bool) {
	fa, fb := s.SrcRange(a, b)
	if fa < s.Span.Start || fb > s.Span.End || fb-fa != b-a || fb > len(p.Src) || string(p.Src[fa:fb]) != s.Text[a:b] {
		return Edit{}, false
	}
	return Edit{Start: fa, End: fb, New: repl}, true
}

// findCollabShape recognises the sentence shapes the rewrite handles.
func findCollabShape(text string, ws []word, partner string) (collabShape, bool) {
	first := ws[0]
	after := func(off int) int { // index of the first word at or after byte off
		for k, w := range ws {
			if w.start >= off {
				return k
			}
		}
		return len(ws)
	}
	// "Responsible for ...", "Accountable for ...", "In charge of ..."
	if m := dutyPrefix.FindStringIndex(text); m != nil {
		lead := matchCase("partner", first.text) + strings.TrimPrefix(partner, "partner")
		return collabShape{editStart: 0, verbEnd: m[1], lead: lead, verb: "is " + lowerFirst(text[:m[1]]), scanFrom: after(m[1])}, true
	}
	// imperative: "Own the pricing model ...", "Be the first contact for ..."
	if l := first.lower(); isDutyVerb(first.text) && first.isWord() || l == "be" {
		if blendVerbs[l] {
			return collabShape{}, false
		}
		lead := matchCase("partner", first.text) + strings.TrimPrefix(partner, "partner")
		return collabShape{editStart: 0, verbEnd: first.end, lead: lead, verb: thirdPerson(lowerFirst(first.text)), scanFrom: 1}, true
	}
	// gerund: "Owning the pricing model ..."
	if base, ok := gerundBase(first.text); ok && first.isWord() {
		if blendVerbs[strings.ToLower(base)] || ingNouns[first.lower()] && !objectStarters[ws[1].lower()] {
			return collabShape{}, false
		}
		lead := matchCase(gerund("partner"), first.text) + strings.TrimPrefix(partner, "partner")
		return collabShape{editStart: 0, verbEnd: first.end, lead: lead, verb: thirdPerson(lowerFirst(base)), gerund: true, scanFrom: 1}, true
	}
	// "you will (also) own ...", possibly after an opening phrase ("In this role, you will")
	for i, w := range ws {
		switch w.lower() {
		case "you", "you'll", "you’ll", "you're", "you’re":
		default:
			continue
		}
		if i > 0 && !(ws[i-1].text == "," || ws[i-1].text == ":") {
			return collabShape{}, false
		}
		return youShape(ws, i, partner)
	}
	return collabShape{}, false
}

// youShape handles "you will own", "you'll be responsible for", "you own", "you are
// accountable for", "you're responsible for" with the subject at word i.
func youShape(ws []word, i int, partner string) (collabShape, bool) {
	subj := ws[i]
	j := i + 1
	modal := false
	switch subj.lower() {
	case "you'll", "you’ll":
		modal = true
	case "you're", "you’re":
		// "You're responsible for" -> "You partner with ..., who is responsible for"
		if j < len(ws) && isResponsible(ws[j].lower()) {
			lead := subj.text[:3] + " " + partner
			return collabShape{editStart: subj.start, verbEnd: subj.end, lead: lead, verb: "is", scanFrom: j + 1}, true
		}
		return collabShape{}, false
	default:
		for _, m := range youModals {
			if j+len(m) > len(ws) {
				continue
			}
			match := true
			for k, part := range m {
				if ws[j+k].lower() != part {
					match = false
					break
				}
			}
			if match {
				j += len(m)
				modal = true
				break
			}
		}
	}
	for j < len(ws) && modalAdverbs[ws[j].lower()] {
		j++
	}
	if j+1 >= len(ws) {
		return collabShape{}, false
	}
	v := ws[j]
	l := v.lower()
	switch {
	case !modal && l == "are":
		// "you are responsible for": the predicate is "are" + adjective
		if isResponsible(ws[j+1].lower()) {
			return collabShape{editStart: v.start, verbEnd: v.end, lead: partner, verb: "is", scanFrom: j + 1}, true
		}
		return collabShape{}, false
	case l == "be" && modal:
		if !ws[j+1].isWord() {
			return collabShape{}, false
		}
		return collabShape{editStart: v.start, verbEnd: v.end, lead: partner, verb: "is", scanFrom: j + 1}, true
	case blendVerbs[l] || !isDutyVerb(v.text) || !v.isWord():
		return collabShape{}, false
	case l == "have" && participle(ws[j+1].lower()):
		return collabShape{}, false // "you have written": experience, not a duty
	}
	return collabShape{editStart: v.start, verbEnd: v.end, lead: partner, verb: thirdPerson(lowerFirst(v.text)), scanFrom: j + 1}, true
}

// participle reports a past participle after "have" ("written", "owned", "led").
func participle(w string) bool {
	switch w {
	case "been", "done", "led", "run", "built", "set", "made", "had", "taken", "seen", "grown", "shown", "brought", "sold", "won", "spent", "driven", "written", "given", "got", "gotten", "kept", "held", "found", "worked":
		return true
	}
	return strings.HasSuffix(w, "ed")
}

func isResponsible(w string) bool {
	return w == "responsible" || w == "accountable" || w == "in"
}

// tagWords runs the part-of-speech tagger over the sentence, read as "You will <sentence>"
// for imperatives so that the tagger sees a verb where one is, and copies the tags onto
// ws. Words the tagger splits differently keep an empty tag.
func tagWords(text string, ws []word, sh collabShape) {
	prefix := ""
	body := text
	if sh.editStart == 0 && !sh.gerund {
		prefix = "You will "
		body = lowerFirst(text)
	}
	// the tokenizer splits hyphenated words; spaces keep the byte offsets and the split
	b := []byte(body)
	for i := 1; i+1 < len(b); i++ {
		if b[i] == '-' && isLetter(b[i-1]) && isLetter(b[i+1]) {
			b[i] = ' '
		}
	}
	tagged := prefix + string(b)
	ts := nlp.Sentence{Text: tagged, Tokens: nlp.Tokenize(tagged)}
	nlp.TagPOS(&ts)
	at := map[int]string{}
	for _, t := range ts.Tokens {
		at[t.Start-len(prefix)] = t.Tag
	}
	for k := range ws {
		ws[k].tag = at[ws[k].start]
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// change is one more word of the sentence that the rewrite replaces.
type change struct {
	start, end int
	new        string
}

// coordinated finds the verbs that share the first verb's subject ("Build and maintain",
// "Own revenue targets and review net revenue", "Research, define and test") and
// conjugates them too, and turns the candidate's "you" inside the new relative clause into
// "they" ("turn what you learn" -> "turns what they learn"). It returns the end of the edit
// and the extra changes in order; ok is false when the sentence has a shape the rewrite
// would garble (an imperative list after a colon, "yourself").
//
// It reads the sentence left to right. A relative or subordinate clause ("that", "where",
// "so"), an infinitive ("to plan and launch") or a bare infinitive ("help maintain and
// order") pauses the search, since verbs coordinated there have another subject; ", and"
// followed by a verb resumes it, and so does "and" + verb after a subordinate clause whose
// own verb was third person ("decide where the product goes next and make sure").
// Parenthesised asides are skipped.
func coordinated(ws []word, sh collabShape) (end int, extra []change, ok bool) {
	end = sh.verbEnd
	stopped, subZ := false, false
	lastVerb := sh.scanFrom - 1 // the word index of the last verb conjugated
	var pending []int           // duty verbs after commas that may belong to a list ("own X, turn Y and make Z")
	conjugate := func(k int, repl string) {
		extra = append(extra, change{ws[k].start, ws[k].end, repl})
		end = max(end, ws[k].end)
	}
	for k := sh.scanFrom; k < len(ws); k++ {
		w := ws[k]
		l := w.lower()
		var next *word
		if k+1 < len(ws) {
			next = &ws[k+1]
		}
		if they, isYou := theyFor[l]; isYou {
			if newClause(ws, k) {
				break // ", and you will work with Marketing": the rewrite ends before it
			}
			if l == "yourself" {
				return 0, nil, false
			}
			if l == "your" || l == "yours" || subjectYou(ws, k) {
				conjugate(k, matchCase(they, w.text))
			}
			continue
		}
		switch w.text {
		case "(":
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
			continue
		case ":":
			if imperativeAt(ws, k+1) {
				return 0, nil, false // "Contribute to PI planning: present the features, help ..."
			}
			stopped, subZ, pending = true, false, nil
			continue
		case ";", "—", "–":
			stopped, subZ, pending = true, false, nil
			continue
		}
		prev := ""
		if k > 0 {
			prev = ws[k-1].lower()
		}
		prevAnd := prev == "and" || prev == "or"
		commaAnd := prevAnd && k >= 2 && ws[k-2].text == ","
		if asideAnd(ws, k) {
			// "and, where useful, review specs": the verb after the aside follows "and"
			prevAnd, commaAnd = true, true
		}
		if stopped {
			if w.tag == "VBZ" || l == "is" || l == "has" || l == "does" {
				subZ = true
			}
			if !prevAnd || !(commaAnd || subZ) || next == nil || !next.isWord() || !isDutyVerb(w.text) || !commaAnd && !verbish(w) {
				continue
			}
			stopped, subZ, pending = false, false, nil
			conjugate(k, thirdPerson(w.text))
			lastVerb = k
			continue
		}
		if l == "i" && k+3 < len(ws) && ws[k+1].text == "." && ws[k+2].lower() == "e" && ws[k+3].text == "." {
			if k+4 < len(ws) && isDutyVerb(ws[k+4].text) {
				return 0, nil, false // "Be available daily, i.e. answer questions the same day"
			}
			stopped, subZ, pending = true, false, nil
			continue
		}
		if clauseStops[l] || listStops[l] {
			stopped, subZ, pending = true, false, nil
			continue
		}
		if l == "to" && next != nil && isDutyVerb(next.text) {
			stopped, subZ, pending = true, false, nil // an infinitive: "Work with Sales to plan and launch"
			continue
		}
		if k == lastVerb+1 && bareInfinitive[ws[lastVerb].lower()] && isDutyVerb(w.text) {
			stopped, subZ, pending = true, false, nil // "Help maintain and order the backlog"
			continue
		}
		if k == sh.scanFrom || !(prevAnd || prev == ",") {
			continue
		}
		if prev == "," && !prevAnd && k >= 2 && ws[k-2].lower() == "and" {
			continue // the start of an aside: "and, where useful, review"
		}
		repl, conj, pend := candidate(ws, k, sh, lastVerb, commaAnd)
		switch {
		case conj:
			conjugate(k, repl)
			if prevAnd {
				for _, pk := range pending {
					conjugate(pk, thirdPerson(ws[pk].text))
				}
			}
			pending = nil
			lastVerb = k
		case pend && prev == ",":
			pending = append(pending, k)
		case prevAnd:
			pending = nil // "pricing, trial lengths and discount policy": a list of nouns
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].start < extra[j].start })
	return end, extra, true
}

// candidate decides whether the word at k, after "and", "or" or a comma, is a verb that
// shares the first verb's subject, and returns its new form. pend is true for a duty verb
// after a comma that only a verb closing the list ("and make sure") shows to be a verb.
func candidate(ws []word, k int, sh collabShape, lastVerb int, commaAnd bool) (repl string, conj, pend bool) {
	w := ws[k]
	l := w.lower()
	var next *word
	if k+1 < len(ws) {
		next = &ws[k+1]
	}
	if sh.gerund {
		base, isG := gerundBase(w.text)
		if !isG || ingNouns[l] && !(next != nil && objectStarters[next.lower()]) || w.tag != "" && w.tag != "VBG" {
			return "", false, false
		}
		return thirdPerson(base), true, false
	}
	if next == nil || !next.isWord() {
		return "", false, false
	}
	if l == "be" {
		return "is", true, false // "and be available to the team"
	}
	if !isDutyVerb(w.text) {
		return "", false, false
	}
	// a tight list after a verb ("Build and maintain", "Research, define and test") holds
	// verbs whatever the tagger says
	// "Prepare for and pass": two verbs share the preposition's object
	prepAnd := k >= 3 && k-3 == lastVerb && prepositions[ws[k-2].lower()]
	switch {
	case k-2 == lastVerb, commaAnd, prepAnd:
		return thirdPerson(w.text), true, false
	case ws[k-1].text == ",":
		// a comma alone joins nouns as often as verbs: a clear object, or a list that a verb
		// after "and" closes, shows a verb
		if objectStarters[next.lower()] || verbHere(w, next) && !isNounInside(w.text) {
			return thirdPerson(w.text), true, false
		}
		return "", false, true
	case compoundish[l] && !objectStarters[next.lower()] && !prepositions[next.lower()]:
		return "", false, false // "docs and release announcements"
	case isNounInside(w.text) && next.lower() != "record" && !commaBetween(ws, lastVerb, k):
		// after "and", a word that is a verb as often as a noun and does not usually
		// modify one ("and split epics", "and plan releases") is the second verb
		return thirdPerson(w.text), true, false
	case verbHere(w, next):
		return thirdPerson(w.text), true, false
	}
	return "", false, false
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
	return k+1 < len(ws) && (objectStarters[ws[k+1].lower()] || ws[k+1].text == ",")
}

// listStops introduce a list of examples ("including positioning, docs and release
// announcements"), whose words are nouns however they look.
var listStops = wordSet(`including incl such like especially particularly notably except`)

// asideAnd reports whether word k follows "and, <aside>," ("and, where useful, review").
func asideAnd(ws []word, k int) bool {
	if k < 4 || ws[k-1].text != "," {
		return false
	}
	for j := k - 2; j >= 1 && j >= k-8; j-- {
		if ws[j].text == "," {
			return ws[j-1].lower() == "and" || ws[j-1].lower() == "or"
		}
	}
	return false
}

// bareInfinitive verbs take a verb without "to" ("help maintain"), whose coordinated verbs
// share that infinitive ("help maintain and order").
var bareInfinitive = wordSet(`help helps let lets`)

// verbish reports whether a duty verb reads as a verb where the tagger or the word itself
// says so: a verb tag, or no noun tag on a word that is not also a noun.
func verbish(w word) bool {
	if w.tag == "VB" || w.tag == "VBP" {
		return true
	}
	return !isNounInside(w.text) && !adjectival[w.lower()] && !strings.HasPrefix(w.tag, "NN") && !strings.HasPrefix(w.tag, "JJ")
}

// theyFor maps the candidate's pronouns to the other role's, for the relative clause
// ("what you learn" -> "what they learn", "spends your week" -> "spends their week").
var theyFor = map[string]string{
	"you": "they", "you'll": "they'll", "you’ll": "they’ll", "you're": "they're", "you’re": "they’re",
	"you've": "they've", "you’ve": "they’ve", "you'd": "they'd", "you’d": "they’d", "yourself": "",
	"your": "their", "yours": "theirs",
}

// subjectYou reports whether the "you" at k is a subject ("what you learn", "so that you
// can") rather than an object ("keeps you informed").
func subjectYou(ws []word, k int) bool {
	if k == 0 {
		return true
	}
	if l := ws[k].lower(); l != "you" {
		return true // you'll, you're: a subject with its verb
	}
	switch ws[k-1].lower() {
	case "what", "whatever", "that", "when", "where", "how", "if", "as", "because", "so", "once", "while",
		"until", "before", "after", "than", "whether", "which", "why":
		return true
	}
	return false
}

// verbList reports whether the verb at k heads a list of verbs ("Research, define and
// test"): the next word after a comma or conjunction is a duty verb that is no noun.
func verbList(ws []word, k int) bool {
	if k+2 >= len(ws) {
		return false
	}
	sep := ws[k+1].lower()
	if sep != "," && sep != "and" && sep != "or" {
		return false
	}
	n := ws[k+2]
	return isDutyVerb(n.text) && !isNounish(n.text) && !adjectival[n.lower()]
}

// newClause reports whether the "you" at k opens a clause of its own: ", and you", "; you".
func newClause(ws []word, k int) bool {
	if k == 0 {
		return true
	}
	prev := ws[k-1]
	switch prev.text {
	case ";", ":", "—", "–":
		return true
	}
	if l := prev.lower(); l == "and" || l == "but" || l == "so" && k >= 2 && ws[k-2].text == "," {
		return true
	}
	return false
}

// prepositions that follow a verb directly ("report on", "present to").
var prepositions = wordSet(`on to with for at in into against across from back about`)

// massNouns are duty verbs that also read as nouns without an article ("and support for
// the launch", "and research on pricing").
var massNouns = wordSet(`support research work design travel access trade feedback budget control focus
change scope use`)

// adjectival are duty verbs that also read as adjectives after "and" ("clear and complete
// stories").
var adjectival = wordSet(`close complete direct moderate secure separate`)

// verbHere decides whether a duty verb after "and", "or" or a comma is a verb here, using
// the tagger where it ran and the word that follows.
func verbHere(w word, next *word) bool {
	if next == nil || !next.isWord() {
		return false // "... pricing and design." ends on a noun
	}
	if w.tag == "VB" || w.tag == "VBP" || objectStarters[next.lower()] {
		return true
	}
	if prepositions[next.lower()] && !massNouns[w.lower()] {
		// a count noun would need an article: "and report on them" is a verb
		return true
	}
	ambiguous := isNounInside(w.text) || adjectival[w.lower()]
	return !ambiguous
}

// lowerFirst lower-cases the first letter: "Own" -> "own"; "OWN" stays.
func lowerFirst(s string) string {
	if len(s) > 1 && s == strings.ToUpper(s) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
