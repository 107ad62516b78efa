package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

// RoleMislabeled reports a title that names one role over a body that describes the other.
var RoleMislabeled = &Rule{
	ID:      "role-mislabeled",
	Summary: "the title names Product Owner but the body describes Product Manager work, or the reverse",
	Default: Error,
	Doc: `A posting titled "Product Owner" whose duties are market research, pricing and
go-to-market attracts Scrum Product Owners for a product-management job, and the reverse.

jdlint tags each duty and requirement sentence against the role taxonomy (jdlint tag FILE
shows the tags), and the verdict step weighs the evidence. The rule fires when the other
role's share of all product evidence (shared work included) reaches blend_high, that role
has strong evidence of its own, and the title's role has nearly none.

The finding is an error, and its retitle fix safe, only when the verdict's confidence is
high (80% and above: the other role's share of the product evidence is far past the
threshold, its strong evidence is plentiful and the title's own is absent). Below that it is
a warning and the fix is unsafe (--unsafe-fixes): a linter that retitles a correct posting
does more harm than one that misses a mislabel.

The test is asymmetric, as real postings are: many companies give their Product Managers the
backlog (GitLab, Sourcegraph, the UK DDaT framework, where "product ownership" is a PM
skill), so a PM-titled posting is called Product Owner work only when PM-only evidence
(market, pricing, business case, go-to-market, discovery, public-sector outcomes) is nearly
absent. Vision, strategy, roadmap, stakeholders, customers and metrics are contested between
the sources (the article gives vision and strategy to the PO; SAFe and DDaT give them to
Product Management), so they count as shared product work, which protects the title. SAFe
train vocabulary (PI planning, the program backlog, features and benefit hypotheses) is SAFe
Product Management or shared work, never Scrum events. Sources: docs/roles.md.`,
	Fix: "safe: retitle the posting (keeping seniority, qualifiers and suffixes) and rename the posting's references to itself, never counterpart mentions",
	Examples: []Example{{
		Bad:  "# Product Owner\n- Own the pricing model and packaging\n- Run market research and competitive analysis",
		Good: "# Product Manager\n- Own the pricing model and packaging\n- Run market research and competitive analysis",
	}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if !titled(p) {
			return
		}
		title := p.Title.Role
		if pass.Verdict.Kind != verdict.Mislabeled {
			return
		}
		body := pass.Verdict.Detected
		t := countSentences(p)
		msg := fmt.Sprintf("titled %q but %d of %s describe %s work (%s); %d %s %s work",
			p.Title.Text, t.leanTo[body], plural(t.total, "duty sentence", "duty sentences"), roleName(body),
			strings.Join(topLabels(p, body, 3), ", "), t.leanTo[title], verb(t.leanTo[title]), roleName(title))
		f := Finding{Span: titleSpan(p), Message: msg, Evidence: evidenceOf(t.spans[body], ""), Fix: RetitleFix(p, body)}
		if c := pass.Verdict.Confidence; c < verdict.HighConfidence {
			// a miss is better than a false error: below high confidence the finding is a
			// warning and the retitle is left to a person (--unsafe-fixes)
			f.Severity = Warning
			f.Message += fmt.Sprintf(" (confidence %.0f%%)", 100*c)
			if f.Fix != nil {
				f.Fix.Safe = false
			}
		}
		pass.Report(f)
	},
}

func verb(n int) string {
	if n == 1 {
		return "describes"
	}
	return "describe"
}

// RoleBlended reports a single-role title over a body that mixes both roles.
var RoleBlended = &Rule{
	ID:      "role-blended",
	Summary: "a single-role title over a body that mixes Product Owner and Product Manager work",
	Default: Warning,
	Doc: `A posting that asks one person to run the Scrum team's backlog day to day and also own
pricing, market analysis and go-to-market describes two jobs. SAFe splits them between
Product Management and the team Product Owner; Cagan and Pichler argue for one product job,
but then the title should say so. Either split the posting, retitle it as a hybrid, or turn
the minority role's duties into collaboration with the person who holds that role.

The rule fires when the other role's share of all product evidence falls inside the blend
band, with strong evidence of its own: from thresholds.blend_low (a Product Owner title) or
thresholds.pm_blend_low (a Product Manager title, where backlog work is normal) up to
thresholds.blend_high in .jdlint.yml, where role-mislabeled may take over. Hybrid titles
("Product Owner / Product Manager") are not reported: they say what they are. The finding
lists both roles' sentences; its fix rewrites the minority role's.`,
	Fix:     "unsafe: rewrite each of the minority role's duties into collaboration with that role",
	FixWith: []string{"off-role-duty"},
	Examples: []Example{{
		Bad:  "# Product Owner\n- Refine the product backlog with the team\n- Own pricing and packaging",
		Good: "# Product Owner\n- Refine the product backlog with the team\n- Partner with the Product Manager, who owns pricing and packaging",
	}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if !titled(p) || pass.Verdict.Detected != nlp.Blended {
			return
		}
		t := countSentences(p)
		title := p.Title.Role
		minority := other(title)
		msg := fmt.Sprintf("titled %q but the body mixes both roles: %d of %s describe %s work (%s) and %d %s work (%s); weighed by strength, %.0f%% of the evidence is Product Owner work",
			p.Title.Text, t.leanTo[nlp.PO], plural(t.total, "duty sentence", "duty sentences"), roleName(nlp.PO),
			strings.Join(topLabels(p, nlp.PO, 3), ", "), t.leanTo[nlp.PM], roleName(nlp.PM),
			strings.Join(topLabels(p, nlp.PM, 3), ", "), 100**pass.Verdict.POShare)
		ev := append(evidenceOf(t.spans[nlp.PO], nlp.PO), evidenceOf(t.spans[nlp.PM], nlp.PM)...)
		sort.SliceStable(ev, func(i, j int) bool { return ev[i].Start < ev[j].Start })
		pass.Report(Finding{Span: titleSpan(p), Message: msg, Evidence: ev, Fix: pass.blendFix(minority)})
	},
}

// OffRoleDuty reports one sentence that gives the candidate the other role's duty.
var OffRoleDuty = &Rule{
	ID:      "off-role-duty",
	Summary: "one sentence assigns the other role's responsibility",
	Default: Info,
	Doc: `Points at the single duty that belongs to the other role, such as "Own the pricing
model" in a Product Owner posting. In Product Manager postings, backlog and story work is
normal, so the rule reports Product Owner duties there only when the body is blended.
Sentences that name the other role as a counterpart ("partner with the Product Manager, who
owns pricing") are not duties and are never reported.`,
	Fix:     "unsafe: turn the duty into collaboration: \"Own the pricing model\" -> \"Partner with the Product Manager, who owns the pricing model\"",
	FixWith: []string{"role-blended"},
	Examples: []Example{{
		Bad:  "- Own the pricing model for transaction fees",
		Good: "- Partner with the Product Manager, who owns the pricing model for transaction fees",
	}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if !checkable(p) {
			return
		}
		title := p.Title.Role
		d := pass.Verdict.Detected
		if d != title && d != nlp.Blended {
			return
		}
		if title == nlp.PM && d != nlp.Blended {
			return
		}
		for _, i := range offRoleSentences(p, other(title)) {
			s := &p.Sentences[i]
			f := Finding{Span: s.Span, Evidence: []Evidence{{Span: s.Span}}, Quote: s.Text,
				Message: fmt.Sprintf("%q is %s work (%s) in a %s posting", s.Text, roleName(other(title)),
					strings.Join(sentenceLabels(s, other(title)), ", "), roleName(title))}
			if e, ok := pass.collaboration(i, other(title)); ok {
				f.Fix = &Fix{Description: "Turn the duty into collaboration with the " + roleName(other(title)), Edits: e}
			}
			pass.Report(f)
		}
	},
}

// offRoleSentences returns the duty sentences whose evidence is strongly for role and not
// at all for the other.
func offRoleSentences(p *nlp.Posting, role nlp.Role) []int {
	var out []int
	for i := range p.Sentences {
		s := &p.Sentences[i]
		if s.Block == nlp.HeadingBlock || s.SectionKind == nlp.Requirements {
			continue
		}
		var strong, own float64
		for _, t := range s.Tags {
			switch {
			case t.Role == role && t.Strong && t.Kind == nlp.Responsibility:
				strong += t.Weight
			case t.Role == other(role):
				own += t.Weight
			}
		}
		if strong >= 0.7 && own == 0 {
			out = append(out, i)
		}
	}
	return out
}

// sentenceLabels names the phrases of a sentence that gave role evidence, each once.
func sentenceLabels(s *nlp.Sentence, role nlp.Role) []string {
	var out []string
	for _, t := range s.Tags {
		if t.Role == role && t.Weight > 0 {
			out = append(out, strings.ToLower(t.Phrase))
		}
	}
	return distinct(out)
}

// BetterTitle names the titles that fit one kind of work a product title may hide: the
// not-a-product-role finding names the one its evidence shows most, and its explanation
// lists them all.
type BetterTitle struct {
	Category string   // the taxonomy category of other work (nlp/taxonomy.yaml)
	Work     string   // the work, in words
	Titles   []string // the titles that fit it, best first
}

// BetterTitles are the kinds of other work a title can name, in the order explain lists them.
var BetterTitles = []BetterTitle{
	{Category: "other-project", Work: "scope, time and budget, status reports", Titles: []string{"Project Manager"}},
	{Category: "other-account", Work: "client accounts, quotes and sales", Titles: []string{"Account Manager"}},
	{Category: "other-delivery", Work: "stand-ups, impediments, testing releases and vendors", Titles: []string{"Delivery Manager", "Scrum Master"}},
	{Category: "other-design", Work: "wireframes, prototypes and visual design", Titles: []string{"Product Designer"}},
	{Category: "other-marketing", Work: "campaigns, launches and demand generation", Titles: []string{"Product Marketing Manager"}},
}

// notProductDoc is not-a-product-role's explanation, with the titles of BetterTitles.
func notProductDoc() string {
	var b strings.Builder
	b.WriteString(`Most mislabels in real postings are not PO/PM swaps but product titles on other jobs:
an agency "Product Owner" who writes quotes and grows client accounts, a "Product Manager"
who plans scope, time and budget and writes status reports, a "Product Owner" who runs the
daily stand-up and tests releases. The rule fires when project, account, sales or delivery
evidence outweighs all PO and PM evidence together. Retitle the posting or rewrite the
duties.

The message names the title that fits the work the evidence shows most:
`)
	for _, bt := range BetterTitles {
		fmt.Fprintf(&b, "\n  - %s: %s", bt.Work, strings.Join(bt.Titles, " or "))
	}
	return b.String()
}

// betterTitles returns the titles that fit the other work a posting's evidence shows: those
// of the kind with the most evidence, and the first of the next kind's when it has at least
// half as much.
func betterTitles(p *nlp.Posting) []string {
	ids, sum, _ := categoryEvidence(p, nlp.Other)
	var out []string
	top := 0.0
	for _, id := range ids {
		i := slices.IndexFunc(BetterTitles, func(bt BetterTitle) bool { return bt.Category == id })
		switch {
		case i < 0:
			continue
		case top == 0:
			top = sum[id]
			out = append(out, BetterTitles[i].Titles...)
			continue
		case sum[id] >= top/2 && !slices.Contains(out, BetterTitles[i].Titles[0]):
			out = append(out, BetterTitles[i].Titles[0])
		}
		break
	}
	return out
}

// NotAProductRole reports a product title over project, account, sales or delivery work.
var NotAProductRole = &Rule{
	ID:      "not-a-product-role",
	Summary: "a Product Owner or Product Manager title over project, account, sales or delivery work",
	Default: Warning,
	Doc:     notProductDoc(),
	Examples: []Example{{
		Bad:  "# Product Owner\n- Write quotes and proposals for new clients\n- Track scope, time and budget",
		Good: "# Account Manager\n- Write quotes and proposals for new clients\n- Track scope, time and budget",
	}},
	Run: func(pass *Pass) {
		p := pass.Posting
		if p.Title.Source == "" {
			return
		}
		if pass.Verdict.Kind != verdict.NotProduct {
			return
		}
		var ev []Evidence
		for _, s := range p.Sentences {
			if weights(&s)[nlp.Other] > 0 {
				ev = append(ev, Evidence{Span: s.Span})
			}
		}
		msg := fmt.Sprintf("titled %q but %s describe project, account or delivery work (%s), more than all its product work",
			p.Title.Text, plural(len(ev), "sentence", "sentences"), strings.Join(topLabels(p, nlp.Other, 3), ", "))
		if ts := betterTitles(p); len(ts) > 0 {
			msg += fmt.Sprintf("; a title such as %s fits it better", quoteOr(ts))
		}
		pass.Report(Finding{Span: titleSpan(p), Evidence: ev, Message: msg})
	},
}

// quoteOr joins quoted titles with "or".
func quoteOr(ts []string) string {
	q := make([]string, len(ts))
	for i, t := range ts {
		q[i] = fmt.Sprintf("%q", t)
	}
	return strings.Join(q, " or ")
}
