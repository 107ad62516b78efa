package rules

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdlint/jdlint/nlp"
)

// The collaboration rewrite turns one off-role duty into collaboration with the person who
// holds that role, in three steps over nlp's tokens of the sentence:
//
//  1. findShape (collabshape.go) recognises the sentence's shape ("Own ...", "Owning ...",
//     "Responsible for ...", "You will own ...", "You are responsible for ...") and the
//     word that becomes the first verb of the new relative clause;
//  2. scanner (collabscan.go) finds the verbs coordinated with it ("Build and maintain"),
//     which are conjugated too, and the candidate's pronouns inside the clause;
//  3. smallEdits turns the changed words into edits of only the bytes that change
//     ("review" -> "reviews" inserts one "s").
//
// The words it reads are data (collab.yaml); the part-of-speech tags come from
// nlp.TaggedTokens (nlp.TagPOS's tags, with one tokenization).

// word is one word of a sentence as the rewrite reads it: an nlp token, or the tokens of a
// hyphenated word joined again ("go-to-market"), with its part-of-speech tag.
type word struct {
	text       string // as written
	norm       string // lower case, with ’ read as '
	start, end int    // byte offsets in Sentence.Text
	tag        string // Penn Treebank tag, "" when the tagger did not run or split differently
	// duty marks a word where the taxonomy found the role's work ("split larger epics"): a
	// verb that may describe the blend of two jobs ("split") states a duty there
	duty bool
}

// isWord reports whether w starts with a letter and is no clitic.
func (w word) isWord() bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	return unicode.IsLetter(r) && !w.clitic()
}

// clitic reports whether w is the contracted part of a word ("'ll", "’re", "'s", "n't").
func (w word) clitic() bool {
	return strings.HasPrefix(w.norm, "'") || w.norm == "n't"
}

// sentenceWords returns the words of s from its tokens; ok is false when a token is not
// the bytes of s.Text at its offset. Text between tokens that is not space (prose's
// tokenizer drops "n't," whole) becomes words too, so that the rewrite reads every byte.
func sentenceWords(s *nlp.Sentence) ([]word, bool) {
	ws := make([]word, 0, len(s.Tokens))
	at := 0
	for _, t := range s.Tokens {
		end := t.Start + len(t.Text)
		if t.Start < at || end > len(s.Text) || s.Text[t.Start:end] != t.Text || t.Text == "" {
			return nil, false
		}
		// nlp splits hyphenated words; the rewrite reads them whole, as a writer does
		if n := len(ws); n > 0 && t.Start == at+1 && ws[n-1].end == at && s.Text[at] == '-' && ws[n-1].isWord() && letterOrDigit(t.Text) {
			ws[n-1] = newWord(s.Text, ws[n-1].start, end)
		} else {
			ws = append(gapWords(ws, s.Text, at, t.Start), newWord(s.Text, t.Start, end))
		}
		at = end
	}
	return gapWords(ws, s.Text, at, len(s.Text)), true
}

func newWord(text string, start, end int) word {
	return word{text: text[start:end], norm: normWord(text[start:end]), start: start, end: end}
}

// gapWords appends the words of text[a:b], which no token covers: runs of letters, digits
// and apostrophes, and single other characters.
func gapWords(ws []word, text string, a, b int) []word {
	for i := a; i < b; {
		r, n := utf8.DecodeRuneInString(text[i:])
		j := i + n
		switch {
		case unicode.IsSpace(r):
			i = j
			continue
		case letterOrDigit(text[i:]) || r == '\'' || r == '’':
			for j < b {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) && r2 != '\'' && r2 != '’' {
					break
				}
				j += n2
			}
		}
		ws = append(ws, newWord(text, i, j))
		i = j
	}
	return ws
}

// normWord is the form of a word the lists are looked up in: lower case, ’ read as ', and
// "and/or" read as "or".
func normWord(s string) string {
	n := strings.ReplaceAll(strings.ToLower(s), "’", "'")
	if n == "and/or" {
		return "or"
	}
	return n
}

// spellLike writes the apostrophes of repl as model does: "they'd" for "you’d" becomes
// "they’d".
func spellLike(repl, model string) string {
	if strings.Contains(model, "’") {
		return strings.ReplaceAll(repl, "'", "’")
	}
	return repl
}

func letterOrDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// change replaces bytes [start, end) of Sentence.Text, one or more whole words, with new,
// and puts lead before them ("Partner with the Product Manager, who " before "owns").
type change struct {
	start, end int
	new        string
	lead       string
}

// collabResult is one sentence's collaboration rewrite.
type collabResult struct {
	edits []Edit
	// clause is where the new relative clause stands in Sentence.Text before the rewrite:
	// from the first verb it conjugates to where the candidate's own words resume (the end
	// of the sentence, or ", and you will ..." that stays the candidate's).
	clause [2]int
	ok     bool
}

// CollaborationRewrite rewrites one off-role duty into collaboration with the person who
// holds role: "Own the pricing model" becomes "Partner with the Product Manager, who owns
// the pricing model", "You will run market research" becomes "You will partner with the
// Product Manager, who runs market research". It conjugates the duty's verbs (and verbs
// coordinated with them), turns the candidate's pronouns inside the new clause into the
// other role's, and keeps every other byte. The edits are sorted, do not overlap, change
// only the bytes that differ ("review" -> "reviews" inserts an "s") and never leave the
// sentence. Sentences of any other shape, or whose rewrite would misstate them (a second
// subject, a role already named), return ok=false.
func CollaborationRewrite(p *nlp.Posting, s *nlp.Sentence, role nlp.Role) ([]Edit, bool) {
	r := rewriteCollab(p, s, role)
	return r.edits, r.ok
}

// rewriteCollab is CollaborationRewrite with the place of the new clause.
func rewriteCollab(p *nlp.Posting, s *nlp.Sentence, role nlp.Role) collabResult {
	if role != nlp.PO && role != nlp.PM || s == nil || p == nil {
		return collabResult{}
	}
	ws, ok := sentenceWords(s)
	if !ok || len(ws) < 2 {
		return collabResult{}
	}
	markDuties(s, ws, role)
	sh, ok := findShape(ws, "partner with the "+roleName(role)+", who ")
	if !ok {
		return collabResult{}
	}
	// a role named after the verb would be rewritten into nonsense ("who is the Product
	// Manager for Payroll") or already describes collaboration; the role itself named
	// anywhere would be partnered with itself
	if mayNameRole(s.Text) && (roleNames.MatchString(s.Text[ws[sh.verb].end:]) || roleNameOf[role].MatchString(s.Text)) {
		return collabResult{}
	}
	tagWords(s.Text, ws, sh)
	if sh.nounPhrase(ws) {
		return collabResult{} // "Market research and competitive analysis" is not a duty verb
	}
	sc := scanner{text: s.Text, ws: ws, sh: sh, lastVerb: sh.scanFrom - 1, clauseEnd: len(s.Text), evidence: clauseEvidence(s, role)}
	if !sc.run() {
		return collabResult{}
	}
	edits, ok := smallEdits(p, s, append(sh.changes(ws), sc.changes...))
	if !ok {
		return collabResult{}
	}
	return collabResult{edits: edits, clause: [2]int{ws[sh.verb].start, sc.clauseEnd}, ok: true}
}

// markDuties marks the words where a tag of the role's work starts.
func markDuties(s *nlp.Sentence, ws []word, role nlp.Role) {
	for _, t := range s.Tags {
		if t.Role != role || t.Kind != nlp.Responsibility {
			continue
		}
		for k := range ws {
			if a, _ := s.SrcRange(ws[k].start, ws[k].end); a == t.Span.Start {
				ws[k].duty = true
			}
		}
	}
}

// mayNameRole reports whether text may hold a name that roleNames finds ("product ...",
// "PO", "PM"): a quick test that spares most sentences the regular expressions.
func mayNameRole(text string) bool {
	if strings.Contains(text, "PO") || strings.Contains(text, "PM") {
		return true
	}
	for i := strings.IndexAny(text, "pP"); i >= 0 && i+7 <= len(text); {
		if strings.EqualFold(text[i:i+7], "product") {
			return true
		}
		j := strings.IndexAny(text[i+1:], "pP")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// roleNameOf finds the names of one role.
var roleNameOf = map[nlp.Role]*regexp.Regexp{
	nlp.PO: regexp.MustCompile(`(?i:\bproduct[ -]owners?\b)|\bPOs?\b`),
	nlp.PM: regexp.MustCompile(`(?i:\bproduct[ -](?:managers?|management)\b)|\bPMs?\b`),
}

// roleNames finds PO and PM names (people, functions and abbreviations) in a sentence.
var roleNames = regexp.MustCompile(`(?i:\bproduct[ -](?:owner|manager|management)s?\b)|\bPOs?\b|\bPMs?\b`)

// tagWords runs nlp's part-of-speech tagger over the sentence, read as "You will
// <sentence>" for imperatives so that the tagger sees a verb where one is, and copies the
// tags onto ws. The sentence itself is not changed.
func tagWords(text string, ws []word, sh shape) {
	prefix := ""
	body := text
	if sh.kind == imperative || sh.kind == dutyPrefix {
		prefix = "You will "
		body = lowerFirst(text)
	}
	// nlp's tokens split hyphenated words and then cannot be tagged; spaces keep the byte
	// offsets and the split
	b := []byte(body)
	for i := 1; i+1 < len(b); i++ {
		if b[i] == '-' && isLetter(b[i-1]) && isLetter(b[i+1]) {
			b[i] = ' '
		}
	}
	k := 0
	for _, t := range nlp.TaggedTokens(prefix + string(b)) {
		at := t.Start - len(prefix)
		for k < len(ws) && ws[k].start < at {
			k++
		}
		if k < len(ws) && ws[k].start == at {
			ws[k].tag = t.Tag
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// smallEdits maps changes of s.Text to edits of the file. Changes that touch are joined;
// each is checked to cover the same bytes in the file (so that no edit leaves the sentence
// or swallows markup) and cut down to the bytes that differ (minimalEdits).
func smallEdits(p *nlp.Posting, s *nlp.Sentence, cs []change) ([]Edit, bool) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].start < cs[j].start })
	var joined []change
	for _, c := range cs {
		if n := len(joined); n > 0 && c.start <= joined[n-1].end {
			last := &joined[n-1]
			if c.start < last.end {
				return nil, false // overlapping changes: a bug, never a garbled sentence
			}
			last.new += c.lead + c.new
			last.end = c.end
			continue
		}
		joined = append(joined, c)
	}
	var edits []Edit
	for _, c := range joined {
		fa, fb := s.SrcRange(c.start, c.end)
		old := s.Text[c.start:c.end]
		if c.end <= c.start || fa < s.Span.Start || fb > s.Span.End || fb-fa != len(old) || fb > len(p.Src) || string(p.Src[fa:fb]) != old {
			return nil, false
		}
		edits = append(edits, minimalEdits(fa, old, c.lead, c.new)...)
	}
	return edits, len(edits) > 0
}

// minimalEdits returns the edits that put lead before old, at file offset at, and turn
// old into new, changing only bytes that differ: a word found whole in its replacement
// gets insertions around it ("review" -> "reviews" inserts "s"), any other loses the prefix
// and suffix it shares with it ("study" -> "studies" replaces "y"). The lead is an
// insertion of its own unless the word's change starts where it stands ("Own" -> lead +
// "owns" is one edit).
func minimalEdits(at int, old, lead, new string) []Edit {
	var out []Edit
	switch i := strings.LastIndex(new, old); {
	case old == new:
	case i >= 0:
		if i > 0 {
			out = append(out, Edit{Start: at, End: at, New: new[:i]})
		}
		if rest := new[i+len(old):]; rest != "" {
			out = append(out, Edit{Start: at + len(old), End: at + len(old), New: rest})
		}
	default:
		pre, suf := common(old, new)
		out = append(out, Edit{Start: at + pre, End: at + len(old) - suf, New: new[pre : len(new)-suf]})
	}
	switch {
	case lead == "":
		return out
	case len(out) > 0 && out[0].Start == at:
		out[0].New = lead + out[0].New
		return out
	}
	return append([]Edit{{Start: at, End: at, New: lead}}, out...)
}

// common returns the lengths of the prefix and the suffix old and new share, in whole
// runes, the suffix not overlapping the prefix.
func common(old, new string) (pre, suf int) {
	for pre < len(old) && pre < len(new) && old[pre] == new[pre] {
		pre++
	}
	for pre > 0 && (pre < len(old) && !utf8.RuneStart(old[pre]) || pre < len(new) && !utf8.RuneStart(new[pre])) {
		pre--
	}
	for suf < len(old)-pre && suf < len(new)-pre && old[len(old)-1-suf] == new[len(new)-1-suf] {
		suf++
	}
	for suf > 0 && (!utf8.RuneStart(old[len(old)-suf]) || !utf8.RuneStart(new[len(new)-suf])) {
		suf--
	}
	return pre, suf
}

// clauseEvidence returns the test for a second clause ("..., and you will split larger
// epics") that carries the same off-role duty, which the new clause then takes too: for a
// range of s.Text, the taxonomy found none of the other role's work there, and found the
// role's work there or none of the other role's in the whole sentence (the taxonomy tags
// a category once per sentence, so a clause that repeats one shows no tag of its own).
func clauseEvidence(s *nlp.Sentence, role nlp.Role) func(a, b int) bool {
	own := false
	for _, t := range s.Tags {
		own = own || t.Role == other(role)
	}
	return func(a, b int) bool {
		fa, fb := s.SrcRange(a, b)
		found := false
		for _, t := range s.Tags {
			if t.Span.Start < fa || t.Span.End > fb {
				continue
			}
			switch t.Role {
			case role:
				found = found || t.Kind == nlp.Responsibility
			case other(role):
				return false
			}
		}
		return found || !own
	}
}

// collabCache holds the collaboration rewrites of one posting's sentences, each computed
// on first use: role-blended and off-role-duty fix the same sentences the same way, and the
// tagging the rewrite needs is its biggest cost.
type collabCache struct {
	p    *nlp.Posting
	done map[collabKey]collabResult
}

type collabKey struct {
	sentence int
	role     nlp.Role
}

func newCollabCache(p *nlp.Posting) *collabCache { return &collabCache{p: p} }

// rewrite returns the collaboration rewrite of sentence i with role, computed once. The
// edits are a copy: a caller may keep or change them.
func (c *collabCache) rewrite(i int, role nlp.Role) ([]Edit, bool) {
	k := collabKey{i, role}
	r, seen := c.done[k]
	if !seen {
		r = rewriteCollab(c.p, &c.p.Sentences[i], role)
		if c.done == nil {
			c.done = map[collabKey]collabResult{}
		}
		c.done[k] = r
	}
	return append([]Edit(nil), r.edits...), r.ok
}

// collabRewrites returns the posting's shared collaboration rewrites (one cache per
// Check), or a cache of its own for a pass made elsewhere.
func (pass *Pass) collabRewrites() *collabCache {
	if pass.rewrites == nil || pass.rewrites.p != pass.Posting {
		pass.rewrites = newCollabCache(pass.Posting)
	}
	return pass.rewrites
}

// collaboration returns the collaboration rewrite of the posting's sentence i with role.
func (pass *Pass) collaboration(i int, role nlp.Role) ([]Edit, bool) {
	return pass.collabRewrites().rewrite(i, role)
}
