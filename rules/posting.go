package rules

import (
	"fmt"
	"strings"

	"github.com/jdlint/jdlint/nlp"
)

// coreCategories are the taxonomy categories marked core for a role.
func coreCategories(p *nlp.Posting, role nlp.Role) (found map[string]bool) {
	found = map[string]bool{}
	for _, s := range p.Sentences {
		for _, t := range s.Tags {
			if t.Role == role && t.Weight > 0 && t.Strong {
				found[t.Category] = true
			}
		}
	}
	return found
}

// MissingCoreDuties reports a PO or PM posting that names none of the role's core duties.
var MissingCoreDuties = &Rule{
	ID:      "missing-core-duties",
	Summary: "a Product Owner or Product Manager posting names none of that role's core responsibilities",
	Default: Warning,
	Doc: `A Product Owner posting that never mentions the backlog, stories, acceptance or the
Scrum events (the Scrum Guide's accountabilities), or a Product Manager posting that never
mentions market, customers' problems, pricing, business case, go-to-market, discovery or
outcomes, tells candidates nothing about the job. Vision, roadmap and stakeholders alone do
not count: both roles claim them.`,
	Examples: []Example{{
		Bad:  "# Product Owner\n- Shape the product vision\n- Communicate with stakeholders",
		Good: "# Product Owner\n- Shape the product vision and the Product Goal\n- Order the product backlog and accept completed work",
	}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if !checkable(p) {
			return
		}
		switch pass.Verdict.Detected {
		case nlp.Other, other(p.Title.Role):
			return // not-a-product-role or role-mislabeled says more
		}
		if len(coreCategories(p, p.Title.Role)) > 0 {
			return
		}
		want := "backlog, user stories, acceptance or Scrum events"
		if p.Title.Role == nlp.PM {
			want = "market, pricing, business case, go-to-market, discovery or user needs and outcomes"
		}
		pass.Report(Finding{Span: titleSpan(p),
			Message: fmt.Sprintf("titled %q but names none of the %s's core duties (%s)", p.Title.Text, roleName(p.Title.Role), want)})
	},
}

// SkillsMismatch reports requirements that ask for the other role's skills.
var SkillsMismatch = &Rule{
	ID:      "skills-mismatch",
	Summary: "the requirements ask for the other role's skills",
	Default: Info,
	Doc: `Requirement sections say who will apply. A Product Owner posting that asks for
"5+ years of pricing and go-to-market experience", or a Product Manager posting whose only
asks are CSPO certification and Scrum ceremonies, draws the other role's candidates.
Requirement lines count at half the weight of duties in the profile; this rule looks at
them alone.`,
	Examples: []Example{{
		Bad:  "## Requirements\n- 5+ years owning pricing and go-to-market",
		Good: "## Requirements\n- 3+ years ordering a product backlog for a Scrum team",
	}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if !checkable(p) || pass.Verdict.Detected == other(p.Title.Role) || pass.Verdict.Detected == nlp.Other {
			return
		}
		title := p.Title.Role
		var own, off float64
		var spans []Evidence
		var labels []string
		for i := range p.Sentences {
			s := &p.Sentences[i]
			if s.SectionKind != nlp.Requirements {
				continue
			}
			w := weights(s)
			own += w[title]
			if w[other(title)] > 0 && w[title] == 0 {
				for _, t := range s.Tags {
					if t.Role == other(title) && t.Strong && t.Weight > 0 {
						off += t.Weight
						labels = append(labels, strings.ToLower(t.Phrase))
						spans = append(spans, Evidence{Span: s.Span})
						break
					}
				}
			}
		}
		limit := 1.0
		if title == nlp.PM {
			limit = 1.5 // Scrum experience is a common, legitimate PM ask
		}
		if off < limit || off <= own {
			return
		}
		pass.Report(Finding{Span: spans[0].Span, Evidence: spans,
			Message: fmt.Sprintf("the requirements ask for %s skills (%s) more than %s skills",
				roleName(other(title)), strings.Join(distinct(labels), ", "), roleName(title))})
	},
}

// TitleMissing reports a posting with no title.
var TitleMissing = &Rule{
	ID:      "title-missing",
	Summary: "no title naming a role could be found, so no role check was possible",
	Default: Warning,
	Doc: `jdlint looks for the title where real postings put it: front matter (title:, YAML or
TOML), an H1 that names a role, a "Job Title:", "Position:" or "Role:" label among the
header lines ("Job ID:", "Location:", "Salary:"), an H2 or bold line under a company or
careers H1, a short title line, then a hiring sentence ("We are looking for a Product Owner
to ..."). Without a title it cannot say whether the body matches it, and job boards show the
file name instead. The rule also fires when the title names no role at all ("Open
position", "Join us") while the body reads as Product Owner or Product Manager work: the
check was not possible, and that is never a silent pass.`,
	Examples: []Example{{Bad: "We are a logistics company in Leeds...", Good: "# Product Owner, Route Planning\n\nWe are a logistics company in Leeds..."}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if len(p.Sentences) == 0 {
			return
		}
		d := pass.Verdict.Detected
		body := ""
		if d == nlp.PO || d == nlp.PM {
			body = "; the body reads as " + roleName(d) + " work"
		}
		switch {
		case p.Title.Source == "":
			pass.Report(Finding{Span: p.SpanOf(0, 0), Message: "no title found (looked for front matter title:, an H1, a \"Job Title:\" label, a heading or bold line under a company H1, and a \"We are looking for a ...\" sentence)" + body})
		case p.Title.Role == nlp.None && body != "":
			pass.Report(Finding{Span: titleSpan(p), Message: fmt.Sprintf("the title %q names no role, so the role was not checked%s", p.Title.Text, body)})
		}
	},
}

// UnsupportedLanguage reports a posting that is not in English.
var UnsupportedLanguage = &Rule{
	ID:      "unsupported-language",
	Summary: "the posting is not in English",
	Default: Warning,
	Doc: `The taxonomy is English. Rather than misclassify a German or Spanish posting, jdlint
says it cannot check it fully: only role-mislabeled, role-blended and not-a-product-role run, and
only on clear evidence (the taxonomy knows a few German phrases (docs/roles.md)). Add your own phrases under vocabulary: in
.jdlint.yml to extend it, and map localised titles under titles:.`,
	Examples: []Example{{Bad: "# Product Owner (m/w/d)\nDu verantwortest das Product Backlog...", Good: "(checked by a reviewer who reads German)"}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if p.Language == "en" {
			return
		}
		pass.Report(Finding{Span: titleSpan(p), Message: fmt.Sprintf("the posting looks %s, not English; only verdicts with clear evidence were checked", languageName(p.Language))})
	},
}

func languageName(code string) string {
	switch code {
	case "de":
		return "German"
	case "fr":
		return "French"
	case "es":
		return "Spanish"
	case "nl":
		return "Dutch"
	}
	return code
}
