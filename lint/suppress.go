package lint

import (
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// Suppress applies a posting's inline directives to the findings of its rules: the one
// place where jdlint-disable comments take effect on findings and fixes. A finding whose
// line is disabled for its rule (or for every rule) is dropped; so is every edit of a fix
// that touches, on any line it spans, a line disabled for the fix's rule or for a rule that
// makes the same rewrite (rules.Rule.FixWith), and a fix left with no edits. The
// "evidence" pseudo-rule is applied earlier, by the verdict step.
func Suppress(p *nlp.Posting, findings []rules.Finding) []rules.Finding {
	if len(p.Directives) == 0 {
		return findings
	}
	out := findings[:0]
	for _, f := range findings {
		if p.Disabled(f.Rule, f.Span.Line) {
			continue
		}
		if f.Fix != nil {
			var kept []rules.Edit
			owners := []string{f.Rule}
			if r := rules.ByID(f.Rule); r != nil {
				owners = append(owners, r.FixWith...)
			}
		edits:
			for _, e := range f.Fix.Edits {
				for _, rule := range owners {
					if disabledRange(p, rule, e.Start, e.End) {
						continue edits
					}
				}
				kept = append(kept, e)
			}
			switch {
			case len(kept) == 0:
				f.Fix = nil
			case len(kept) < len(f.Fix.Edits):
				fix := *f.Fix
				fix.Edits = kept
				f.Fix = &fix
			}
		}
		out = append(out, f)
	}
	return out
}

// disabledRange reports whether rule is off on any line that bytes [start, end) touch.
func disabledRange(p *nlp.Posting, rule string, start, end int) bool {
	first := p.Source.LineOf(start)
	last := first
	if end > start {
		last = p.Source.LineOf(end - 1)
	}
	for l := first; l <= last; l++ {
		if p.Disabled(rule, l) {
			return true
		}
	}
	return false
}

// Outcome is the posting's outcome as its findings show it: the verdict's kind while the
// rule that reports it still has a finding, OK when a directive or the config turned that
// rule off. Reports and the evaluation read it, so they cannot disagree on precedence.
func (r *Result) Outcome() verdict.Kind {
	if r.Verdict == nil {
		return ""
	}
	k := r.Verdict.Kind
	rule := map[verdict.Kind]string{
		verdict.Untitled: "title-missing", verdict.NotProduct: "not-a-product-role",
		verdict.Mislabeled: "role-mislabeled", verdict.Unsupported: "unsupported-language",
		verdict.Blended: "role-blended",
	}[k]
	if rule == "" {
		return k
	}
	for _, f := range r.Findings {
		if f.Rule == rule {
			return k
		}
	}
	return verdict.OK
}
