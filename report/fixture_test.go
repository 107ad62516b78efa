package report

import (
	"bytes"
	"errors"
	"testing"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// The fixed results that the format tests and goldens are made of: hand-written postings
// with their verdicts and findings given as values. Nothing here runs nlp, verdict or
// rules, so a change to the taxonomy or the classifier leaves the goldens alone, and a
// golden changes only when its format does. Positions are worked out from the bytes with
// nlp.Source, as the pipeline works them out.
//
// Between them the results hold what every format must render: each severity, safe and
// unsafe fixes (one whose new text needs escaping, one with edits on two lines, one that
// overlaps another finding's edit), evidence spans, a title that needs escaping, CRLF line
// ends, non-ASCII text (columns count runes), a parse notice, a skipped binary file, a
// file that could not be read, stdin, a PO share of none, and every detected role.

// fixture is one hand-written posting being turned into a lint.Result.
type fixture struct {
	t     *testing.T
	path  string
	src   []byte
	lines *nlp.Source
}

func newFixture(t *testing.T, path, src string) *fixture {
	t.Helper()
	return &fixture{t: t, path: path, src: []byte(src), lines: nlp.NewSource([]byte(src))}
}

// offset returns where text starts in the posting; text must occur exactly once.
func (x *fixture) offset(text string) int {
	x.t.Helper()
	i := bytes.Index(x.src, []byte(text))
	if i < 0 {
		x.t.Fatalf("%s: %q is not in the posting", x.path, text)
	}
	if bytes.Contains(x.src[i+1:], []byte(text)) {
		x.t.Fatalf("%s: %q is in the posting more than once", x.path, text)
	}
	return i
}

// at is the span of text, which occurs once in the posting.
func (x *fixture) at(text string) nlp.Span {
	x.t.Helper()
	i := x.offset(text)
	return x.lines.Span(i, i+len(text))
}

// in is the span of text inside context, which occurs once in the posting.
func (x *fixture) in(context, text string) nlp.Span {
	x.t.Helper()
	i := x.offset(context)
	j := bytes.Index([]byte(context), []byte(text))
	if j < 0 {
		x.t.Fatalf("%s: %q is not in %q", x.path, text, context)
	}
	return x.lines.Span(i+j, i+j+len(text))
}

// ats is the evidence of several texts, each occurring once.
func (x *fixture) ats(texts ...string) []rules.Evidence {
	x.t.Helper()
	return x.roled("", texts...)
}

// roled is the evidence of several texts, each occurring once, for role.
func (x *fixture) roled(role nlp.Role, texts ...string) []rules.Evidence {
	x.t.Helper()
	var out []rules.Evidence
	for _, s := range texts {
		out = append(out, rules.Evidence{Span: x.at(s), Role: role})
	}
	return out
}

// edit replaces text inside context, which occurs once in the posting.
func (x *fixture) edit(context, text, repl string) rules.Edit {
	x.t.Helper()
	sp := x.in(context, text)
	return rules.Edit{Start: sp.Start, End: sp.End, New: repl}
}

// posting is the parsed posting as far as reports read it: its path, bytes, line index,
// title and notices. (No format reads sentences: evidence is the findings' spans.)
func (x *fixture) posting(title nlp.Title, notices ...nlp.Notice) *nlp.Posting {
	return &nlp.Posting{Path: x.path, Src: x.src, Markdown: true, Title: title, Language: "en", Notices: notices, Source: x.lines}
}

// title is a title found at text.
func (x *fixture) title(text, source string, role nlp.Role) nlp.Title {
	x.t.Helper()
	return nlp.Title{Text: text, Source: source, Span: x.at(text), Role: role}
}

func (x *fixture) result(p *nlp.Posting, v *verdict.Verdict, findings ...rules.Finding) lint.Result {
	return lint.NewResult(x.path, x.src, p, v, findings)
}

func ptr(f float64) *float64 { return &f }

const (
	blendedSrc = "---\n" +
		"title: \"Product Owner: Payments, Cards & <Wallets>\"\n" +
		"---\n\n" +
		"## What you'll do\n\n" +
		"- Own the product backlog for the payments team and order it by value\n" +
		"- Lead sprint planning and the sprint review with the Scrum team\n" +
		"- Own the pricing model for transaction fees\n" +
		"- Research the market and analyse competitors in card payments\n" +
		"- Plan the go-to-market for the wallet launch with sales and marketing\n\n" +
		"## What you bring\n\n" +
		"- Experience with Scrum and product backlogs\n"

	// mislabeledSrc has CRLF line ends.
	mislabeledSrc = "# Product Manager, Mobile Check-in\r\n\r\n" +
		"## The role\r\n\r\n" +
		"- Own the product backlog for the check-in app and keep it ordered\r\n" +
		"- Write user stories and acceptance criteria for every backlog item\r\n" +
		"- Lead sprint planning and set the Sprint Goal with the developers\r\n" +
		"- Present the increment at the sprint review\r\n\r\n" +
		"## Requirements\r\n\r\n" +
		"- Experience as a Product Owner in Scrum\r\n"

	notProductSrc = "Product Manager, Client Projects\n\n" +
		"What you'll do:\n" +
		"- Manage project scope, schedule and budget for client implementations\n" +
		"- Keep the RAID log and the status reports up to date\n" +
		"- Manage client accounts, renewals and upsell conversations\n"

	pmOKSrc = "# Senior Product Manager, Invoicing\n\n" +
		"- Research the market and size the opportunity for new invoicing features\n" +
		"- Own the pricing and packaging of the invoicing plans\n"

	// untitledSrc has malformed front matter, non-ASCII text and no final newline.
	untitledSrc = "---\ntitle: [oops\n---\n\n" +
		"Über uns: we build café software for bakeries.\n\n" +
		"- Own the product backlog — and order it by value\n" +
		"- Write user stories with the team\n" +
		"- Café chains: experience with pricing strategy"

	logoSrc = "# Logo\n\x00\x01\x02"

	stdinSrc = "# Product Owner / Product Manager, Search\n\n" +
		"- Own the search backlog\n" +
		"- Set the search strategy with the leadership team\n"
)

// fixedResults returns the fixed results in discovery order.
func fixedResults(t *testing.T) []lint.Result {
	t.Helper()
	var out []lint.Result

	// a PO title over a body that mixes both roles
	b := newFixture(t, "careers/blended.md", blendedSrc)
	pricing := "Own the pricing model for transaction fees"
	research := "Research the market and analyse competitors in card payments"
	gtm := "Plan the go-to-market for the wallet launch with sales and marketing"
	bt := b.title("Product Owner: Payments, Cards & <Wallets>", "front-matter", nlp.PO)
	out = append(out, b.result(b.posting(bt),
		&verdict.Verdict{Title: nlp.PO, Detected: nlp.Blended, POShare: ptr(0.4545), Confidence: 0.6667,
			Evidence: verdict.Evidence{PO: 3.25, PM: 3.9, Shared: 0, Other: 0.333, POStrong: 2, PMStrong: 3, Sentences: 5},
			Kind:     verdict.Blended, Reasons: []string{"PO share 45%", "strong evidence of both roles"}},
		rules.Finding{Rule: "role-blended", Severity: rules.Warning, Span: bt.Span,
			Message: `titled "Product Owner: Payments, Cards & <Wallets>" but the body mixes both roles: 2 of 5 duty sentences describe ` +
				"Product Owner work (product backlog, Scrum events) and 3 Product Manager work (pricing, competitive analysis, go-to-market); weighed by strength, 45% of the evidence is Product Owner work",
			Evidence: append(b.roled(nlp.PO, "Own the product backlog for the payments team and order it by value",
				"Lead sprint planning and the sprint review with the Scrum team"), b.roled(nlp.PM, pricing, research, gtm)...),
			Fix: &rules.Fix{Description: "Hand the Product Manager duties to a Product Manager", Edits: []rules.Edit{
				b.edit(research, "Research the market and analyse competitors", "Support the Product Manager's market research"),
				b.edit(gtm, "Plan the go-to-market", "Help the Product Manager plan the go-to-market"),
			}}},
		rules.Finding{Rule: "off-role-duty", Severity: rules.Info, Span: b.at(pricing),
			Message:  `"Own the pricing model for transaction fees" is Product Manager work (pricing) in a Product Owner posting`,
			Quote:    pricing,
			Evidence: b.ats(pricing),
			Fix: &rules.Fix{Description: "Turn the duty into collaboration with the Product Manager", Edits: []rules.Edit{
				b.edit(pricing, "Own the pricing model", `Partner with the <Product Manager> & "Finance", who own the pricing model`),
			}}},
		// its edit overlaps role-blended's: --diff and --fix change those bytes once
		rules.Finding{Rule: "off-role-duty", Severity: rules.Info, Span: b.at(research),
			Message:  `"Research the market and analyse competitors in card payments" is Product Manager work (competitors) in a Product Owner posting`,
			Quote:    research,
			Evidence: b.ats(research),
			Fix: &rules.Fix{Description: "Turn the duty into collaboration with the Product Manager", Edits: []rules.Edit{
				b.edit(research, "Research", "Partner with the Product Manager, who researches"),
				b.edit(research, "analyse", "analyses"),
			}}},
	))

	// a PM title over Product Owner work, with CRLF line ends: a safe retitle
	m := newFixture(t, "careers/mislabeled.md", mislabeledSrc)
	mt := m.title("Product Manager, Mobile Check-in", "h1", nlp.PM)
	out = append(out, m.result(m.posting(mt),
		&verdict.Verdict{Title: nlp.PM, Detected: nlp.PO, POShare: ptr(1), Confidence: 0.93,
			Evidence: verdict.Evidence{PO: 6.5, Shared: 0.5, POStrong: 6, Sentences: 4},
			Kind:     verdict.Mislabeled, Reasons: []string{"PO share 100%", "no Product Manager evidence"}},
		rules.Finding{Rule: "role-mislabeled", Severity: rules.Error, Span: mt.Span,
			Message: `titled "Product Manager, Mobile Check-in" but 4 of 4 duty sentences describe Product Owner work ` +
				"(product backlog, Scrum events); 0 describe Product Manager work",
			Evidence: m.ats("Own the product backlog for the check-in app and keep it ordered",
				"Write user stories and acceptance criteria for every backlog item",
				"Lead sprint planning and set the Sprint Goal with the developers",
				"Present the increment at the sprint review"),
			Fix: &rules.Fix{Description: "Retitle the posting Product Owner", Safe: true, Edits: []rules.Edit{
				m.edit("# Product Manager", "Manager", "Owner"),
			}}},
	))

	// a file that could not be read
	out = append(out, lint.Result{Path: "careers/missing.md", Err: errors.New("careers/missing.md: no such file or folder")})

	// a binary file, skipped
	logo := newFixture(t, "careers/logo.md", logoSrc).result(nil, nil)
	logo.Skipped = nlp.ErrBinary.Error()
	out = append(out, logo)

	// a PM title over project and account work, in a text file
	n := newFixture(t, "careers/not-product.txt", notProductSrc)
	nt := n.title("Product Manager, Client Projects", "first-line", nlp.PM)
	np := n.posting(nt)
	np.Markdown = false
	out = append(out, n.result(np,
		&verdict.Verdict{Title: nlp.PM, Detected: nlp.Other, Confidence: 0.8,
			Evidence: verdict.Evidence{Shared: 0.5, Other: 4.5, Sentences: 0},
			Kind:     verdict.NotProduct, Reasons: []string{"project, account and delivery work outweighs product work"}},
		rules.Finding{Rule: "not-a-product-role", Severity: rules.Warning, Span: nt.Span,
			Message: `titled "Product Manager, Client Projects" but 3 sentences describe project, account or delivery work ` +
				`(project management, account and sales work), more than all its product work; a title such as "Project Manager" or "Account Manager" fits it better`,
			Evidence: n.ats("Manage project scope, schedule and budget for client implementations",
				"Keep the RAID log and the status reports up to date", "Manage client accounts, renewals and upsell conversations")},
	))

	// a clean Product Manager posting
	pm := newFixture(t, "careers/pm-ok.md", pmOKSrc)
	out = append(out, pm.result(pm.posting(pm.title("Senior Product Manager, Invoicing", "h1", nlp.PM)),
		&verdict.Verdict{Title: nlp.PM, Detected: nlp.PM, POShare: ptr(0), Confidence: 0.9,
			Evidence: verdict.Evidence{PM: 2.5, PMStrong: 2, Sentences: 2}, Kind: verdict.OK}))

	// no title, malformed front matter, non-ASCII text
	u := newFixture(t, "careers/untitled.md", untitledSrc)
	out = append(out, u.result(u.posting(nlp.Title{Role: nlp.None},
		nlp.Notice{Message: "malformed front matter (yaml: line 1: did not find expected ',' or ']'); read as text", Span: u.at("title: [oops")}),
		&verdict.Verdict{Title: nlp.None, Detected: nlp.PO, POShare: ptr(0.6667), Confidence: 0.5,
			Evidence: verdict.Evidence{PO: 2, PM: 1, POStrong: 2, PMStrong: 1, Sentences: 3},
			Kind:     verdict.Untitled, Reasons: []string{"no title"}},
		rules.Finding{Rule: "title-missing", Severity: rules.Warning, Span: u.lines.Span(0, 0),
			Message: "no title found (front matter, a role-naming H1, a title label or line, a hiring sentence): no role check was possible"},
		rules.Finding{Rule: "skills-mismatch", Severity: rules.Info, Span: u.at("pricing strategy"),
			Message:  `the requirements ask for Product Manager skills ("pricing strategy")`,
			Evidence: u.ats("Café chains: experience with pricing strategy", "Own the product backlog — and order it by value")},
	))

	// stdin: a hybrid title, which is honest
	s := newFixture(t, "-", stdinSrc)
	out = append(out, s.result(s.posting(s.title("Product Owner / Product Manager, Search", "h1", nlp.Both)),
		&verdict.Verdict{Title: nlp.Both, Detected: nlp.Blended, POShare: ptr(0.5), Confidence: 0.55,
			Evidence: verdict.Evidence{PO: 1, PM: 1, Shared: 1, Sentences: 2}, Kind: verdict.Hybrid}))

	for _, r := range out {
		for _, f := range r.Findings {
			if f.Fix != nil && !sortedEdits(f.Fix.Edits) {
				t.Fatalf("%s: %s: edits out of order", r.Path, f.Rule)
			}
		}
	}
	return out
}

// sortedEdits says whether edits are sorted and do not overlap, as rules.Fix requires.
func sortedEdits(edits []rules.Edit) bool {
	for i := 1; i < len(edits); i++ {
		if edits[i].Start < edits[i-1].End {
			return false
		}
	}
	return true
}
