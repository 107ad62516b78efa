package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/jdlint/jdlint/nlp"
)

// roleName is the full name of a role for messages.
func roleName(r nlp.Role) string {
	if r == nlp.PO || r == nlp.PM || r == nlp.Other {
		return r.Name()
	}
	return string(r)
}

// other returns the counterpart of PO or PM.
func other(r nlp.Role) nlp.Role {
	if r == nlp.PO {
		return nlp.PM
	}
	return nlp.PO
}

// weights sums a sentence's tag weights per role.
func weights(s *nlp.Sentence) map[nlp.Role]float64 {
	w := map[nlp.Role]float64{}
	for _, t := range s.Tags {
		w[t.Role] += t.Weight
	}
	return w
}

// tally counts the sentences whose PO/PM evidence leans to each role.
type tally struct {
	total  int
	leanTo map[nlp.Role]int
	spans  map[nlp.Role][]nlp.Span
}

// countSentences counts duty sentences only: a requirement ("3+ years of backlog work") is
// not a duty, so messages never call it one.
func countSentences(p *nlp.Posting) tally {
	t := tally{leanTo: map[nlp.Role]int{}, spans: map[nlp.Role][]nlp.Span{}}
	for i := range p.Sentences {
		s := &p.Sentences[i]
		if s.SectionKind == nlp.Requirements {
			continue
		}
		w := weights(s)
		if w[nlp.PO] == 0 && w[nlp.PM] == 0 {
			continue
		}
		t.total++
		r := nlp.PO
		if w[nlp.PM] > w[nlp.PO] {
			r = nlp.PM
		}
		t.leanTo[r]++
		t.spans[r] = append(t.spans[r], s.Span)
	}
	return t
}

// topLabels names the categories that gave a role the most evidence, by their labels.
func topLabels(p *nlp.Posting, role nlp.Role, n int) []string {
	ids, _, label := categoryEvidence(p, role)
	var out []string
	for _, id := range ids[:min(n, len(ids))] {
		out = append(out, label[id])
	}
	return distinct(out)
}

// categoryEvidence sums a role's evidence per taxonomy category: the category ids, most
// evidence first, with each one's sum and label.
func categoryEvidence(p *nlp.Posting, role nlp.Role) (ids []string, sum map[string]float64, label map[string]string) {
	sum, label = map[string]float64{}, map[string]string{}
	for _, s := range p.Sentences {
		for _, t := range s.Tags {
			if t.Role == role && t.Weight > 0 {
				sum[t.Category] += t.Weight
				if label[t.Category] == "" {
					label[t.Category] = t.Label
				}
			}
		}
	}
	ids = make([]string, 0, len(sum))
	for id := range sum {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if sum[ids[i]] != sum[ids[j]] {
			return sum[ids[i]] > sum[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids, sum, label
}

// distinct keeps each thing a list of evidence phrases names once: a phrase goes when
// another names the same words ("user story" after "user stories") or contains them
// ("stories" beside "write user stories", "backlog" beside "backlog refinement").
func distinct(phrases []string) []string {
	words := make([][]string, len(phrases))
	for i, ph := range phrases {
		words[i] = stems(ph)
	}
	var out []string
	for i, ph := range phrases {
		covered := false
		for j := range phrases {
			longer := len(words[j]) > len(words[i]) || len(words[j]) == len(words[i]) && j < i
			if j != i && longer && containsRun(words[j], words[i]) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, ph)
		}
	}
	return out
}

// stems splits a phrase into lower-case words without a plural s.
func stems(phrase string) []string {
	f := strings.FieldsFunc(strings.ToLower(phrase), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range f {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s")
			if strings.HasSuffix(w, "ie") { // stories -> story
				w = strings.TrimSuffix(w, "ie") + "y"
			}
			f[i] = w
		}
	}
	return f
}

// containsRun reports whether the words of in hold sub as a run.
func containsRun(in, sub []string) bool {
	if len(sub) == 0 || len(sub) > len(in) {
		return len(sub) == 0
	}
	for i := 0; i+len(sub) <= len(in); i++ {
		if slices.Equal(in[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// titleSpan is where findings about the whole posting point: the title, or the first byte.
func titleSpan(p *nlp.Posting) nlp.Span {
	if p.Title.Span.Line > 0 {
		return p.Title.Span
	}
	return p.SpanOf(0, 0)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// titled reports whether a posting has a PO or PM title to check its body against. The
// verdict rules (mislabeled, blended, not a product role) run on any language: they fire
// only on clear evidence, and the taxonomy knows a few German phrases.
func titled(p *nlp.Posting) bool {
	return p.Title.Source != "" && (p.Title.Role == nlp.PO || p.Title.Role == nlp.PM)
}

// checkable reports whether the finer rules apply: an English posting with a PO or PM title.
func checkable(p *nlp.Posting) bool {
	return p.Language == "en" && titled(p)
}
