package rules

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

func TestDistinct(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{[]string{"write user stories", "stories"}, []string{"write user stories"}},
		{[]string{"stories", "write user stories"}, []string{"write user stories"}},
		{[]string{"backlog refinement", "backlog", "sprint planning"}, []string{"backlog refinement", "sprint planning"}},
		{[]string{"increment", "sprint review", "sprint"}, []string{"increment", "sprint review"}},
		{[]string{"user stories", "user story"}, []string{"user stories"}},
		{[]string{"pricing", "pricing"}, []string{"pricing"}},
		{[]string{"business case", "business"}, []string{"business case"}},
		{[]string{"market research", "competitive analysis"}, []string{"market research", "competitive analysis"}},
		{[]string{"sprint", "sprints"}, []string{"sprint"}},
		{[]string{"pi planning", "planning poker"}, []string{"pi planning", "planning poker"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := distinct(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("distinct(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// corpusFindings runs every rule on each English PO or PM posting of testdata/job_posts.
func corpusFindings(t *testing.T) map[*nlp.Posting][]Finding {
	t.Helper()
	out := map[*nlp.Posting][]Finding{}
	for _, p := range corpus(t) {
		v := verdict.Decide(p, verdict.DefaultThresholds)
		out[p] = Check(p, &v, Config{})
	}
	return out
}

// evidenceList matches a parenthesised list of evidence phrases in a message.
var evidenceList = regexp.MustCompile(`\(([^()]+)\)`)

// No message lists evidence twice: no phrase in a list is, or holds, another of the list.
func TestMessagesNameEvidenceOnce(t *testing.T) {
	for p, fs := range corpusFindings(t) {
		for _, f := range fs {
			for _, m := range evidenceList.FindAllStringSubmatch(f.Message, -1) {
				items := strings.Split(m[1], ", ")
				for i, a := range items {
					for j, b := range items {
						if i != j && containsRun(stems(a), stems(b)) {
							t.Errorf("%s %s: %q repeats %q: %s", p.Path, f.Rule, a, b, f.Message)
						}
					}
				}
			}
		}
	}
}

// postingFinding is a finding with the posting it is about.
type postingFinding struct {
	p *nlp.Posting
	f Finding
}

// ruleFindings returns the corpus findings of one rule; the test fails when there are none.
func ruleFindings(t *testing.T, rule string) []postingFinding {
	t.Helper()
	var out []postingFinding
	for p, fs := range corpusFindings(t) {
		for _, f := range fs {
			if f.Rule == rule {
				out = append(out, postingFinding{p, f})
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s findings in the corpus", rule)
	}
	return out
}

// A message that quotes a sentence quotes it whole; shortening it is the formats' business.
func TestMessagesQuoteWhole(t *testing.T) {
	for _, pf := range ruleFindings(t, "off-role-duty") {
		p, f := pf.p, pf.f
		text := string(p.Src[f.Span.Start:f.Span.End])
		if f.Quote == "" || !strings.Contains(f.Message, fmt.Sprintf("%q", f.Quote)) || strings.Contains(f.Message, "…") {
			t.Errorf("%s: quote %q not whole in %q", p.Path, f.Quote, f.Message)
		}
		if strings.Join(strings.Fields(text), " ") != strings.Join(strings.Fields(f.Quote), " ") {
			t.Errorf("%s: quote %q is not the sentence %q", p.Path, f.Quote, text)
		}
	}
}

// A role-blended finding lists both roles' sentences, each marked with its role.
func TestBlendedEvidenceBothRoles(t *testing.T) {
	for _, pf := range ruleFindings(t, "role-blended") {
		p, f := pf.p, pf.f
		roles := map[nlp.Role]int{}
		for _, e := range f.Evidence {
			roles[e.Role]++
		}
		if roles[nlp.PO] == 0 || roles[nlp.PM] == 0 || len(roles) != 2 {
			t.Errorf("%s: role-blended evidence by role %v, want both PO and PM", p.Path, roles)
		}
		if !slices.IsSortedFunc(f.Evidence, func(a, b Evidence) int { return a.Start - b.Start }) {
			t.Errorf("%s: role-blended evidence not in posting order", p.Path)
		}
	}
}

// not-a-product-role names the title that fits the work its evidence shows.
func TestNotAProductRoleNamesBetterTitle(t *testing.T) {
	want := map[string]string{
		"c-po-title-agency-account.md":   `"Account Manager"`,
		"c-pm-title-key-account.md":      `"Account Manager"`,
		"c-po-title-client-delivery.txt": `"Project Manager"`,
		"c-pm-title-scope-budget.md":     `"Project Manager"`,
		"c-po-title-scrum-master-qa.md":  `"Scrum Master"`,
	}
	got := map[string]string{}
	for _, pf := range ruleFindings(t, "not-a-product-role") {
		got[pf.p.Path] = pf.f.Message
	}
	for file, title := range want {
		msg, ok := got[file]
		if !ok {
			t.Errorf("%s: no not-a-product-role finding", file)
			continue
		}
		if _, such, _ := strings.Cut(msg, "a title such as "); !strings.Contains(such, title) {
			t.Errorf("%s: message does not name %s: %s", file, title, msg)
		}
	}
}

// Every kind of work BetterTitles names is a category of other work in the taxonomy, and
// `jdlint explain not-a-product-role` lists each of its titles.
func TestBetterTitlesSource(t *testing.T) {
	b, err := os.ReadFile("../nlp/taxonomy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, bt := range BetterTitles {
		if !regexp.MustCompile(`(?m)^\s*- id: ` + regexp.QuoteMeta(bt.Category) + `\s*\n\s*role: other\b`).Match(b) {
			t.Errorf("%s is not a category of other work in nlp/taxonomy.yaml", bt.Category)
		}
		for _, title := range bt.Titles {
			if !strings.Contains(NotAProductRole.Doc, title) {
				t.Errorf("explain not-a-product-role does not list %q", title)
			}
		}
	}
}

// role-blended's counts are of sentences and its share of weighed evidence; the message says
// which is which instead of a bare "PO share", which read as contradicting the counts.
func TestBlendedMessageSaysWhatTheShareIs(t *testing.T) {
	share := regexp.MustCompile(`weighed by strength, \d+% of the evidence is Product Owner work$`)
	for _, pf := range ruleFindings(t, "role-blended") {
		if !share.MatchString(pf.f.Message) || strings.Contains(pf.f.Message, "PO share") {
			t.Errorf("%s: %s", pf.p.Path, pf.f.Message)
		}
	}
}
