package app

import (
	"fmt"
	"strings"

	"github.com/jdlint/jdlint/verdict"
)

// topics are what `jdlint explain` explains besides the rules.
var topics = map[string]func() string{
	"evidence": evidenceDoc,
}

// topicNames lists the topics in a stable order.
func topicNames() []string { return []string{"evidence"} }

// evidenceDoc explains how jdlint collects and weighs the evidence every verdict rests on,
// with the thresholds in force by default.
func evidenceDoc() string {
	var b strings.Builder
	fmt.Fprintf(&b, `evidence: how jdlint collects and weighs the evidence behind a verdict

jdlint splits a posting into sections and sentences, and tags each sentence against its role
taxonomy (nlp/taxonomy.yaml; jdlint tag FILE shows every sentence with its tags). A tag is a
phrase of one category of work, and each category belongs to a family:

  Product Owner     backlog, user stories, acceptance, Scrum events (the Scrum Guide)
  Product Manager   market, pricing, business case, go-to-market, discovery, outcomes
  shared            vision, strategy, roadmap, customers, stakeholders, metrics: both roles
                    claim them (the sources disagree), so they tell a product role from
                    other work but not which product role it is
  other             project, account and sales, delivery and QA, design, marketing work

Strong and weak signals. A strong category is near-exclusive to its role (ordering the
product backlog, owning pricing); a weak one is also common in the other role's postings
(running experiments, "projects", "clients", stand-ups) and usually weighs less. Only strong
evidence of the other role can contradict a title.

Sections. Duties count fully; requirements count at half weight, as skills; sentences
before the first recognised heading or under an unrecognised top-level one count at 0.7 when
they read like a duty and 0.3 otherwise; about us, benefits and legal text, headings and
label lines ("Location:") do not count.

Counterpart mentions. A sentence that names another role as someone the candidate works with
("partner with the Product Manager, who owns pricing") gives that role, and the shared work
in it, no evidence: it describes the other person's job. "As a Product Owner, you will..."
names the candidate and counts.

Weighing. Each sentence gives each family at most %g, so that one line of keywords cannot
outvote the posting. The PO share is the Product Owner part of the PO and PM evidence; the
verdict compares each role's share of all product evidence, shared work included, which
dilutes the other role and so protects the title. The thresholds (the thresholds: keys of
.jdlint.yml), with their defaults:

%s

Taking sentences out. A sentence under a jdlint-disable comment still counts toward the
verdict; name the pseudo-rule evidence in the comment
(<!-- jdlint-disable-next-line off-role-duty evidence -->) to take it out of the profile too.
Add phrases or categories under vocabulary: in .jdlint.yml, or stop phrases counting with
vocabulary.ignore. Sources: docs/roles.md.
`, verdict.PerSentenceCap, thresholdTable(verdict.DefaultThresholds))
	return b.String()
}

// thresholdTable lists the verdict's thresholds, each with its value and what it decides.
func thresholdTable(th verdict.Thresholds) string {
	rows := []struct {
		key  string
		v    float64
		what string
	}{
		{"min_evidence", th.MinEvidence, "below this much product evidence there is no verdict (unknown); it is\nalso the strong evidence a role needs before it can contradict a title"},
		{"blend_low", th.BlendLow, "a Product Owner title is blended from this Product Manager share"},
		{"pm_blend_low", th.PMBlendLow, "a Product Manager title is blended from this Product Owner share\n(backlog work is normal in PM postings)"},
		{"blend_high", th.BlendHigh, "from this share the body is the other role (role-mislabeled), when\nthe title's own evidence is at most nearly_absent"},
		{"nearly_absent", th.NearlyAbsent, "the title role's evidence that counts as nearly none"},
		{"other_ratio", th.OtherRatio, "project, account and delivery evidence must reach this many times\nthe product evidence to make the body other work"},
	}
	var b strings.Builder
	for _, r := range rows {
		lines := strings.Split(r.what, "\n")
		fmt.Fprintf(&b, "  %-24s %-5g %s\n", "thresholds."+r.key, r.v, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(&b, "  %-24s %-5s %s\n", "", "", l)
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
