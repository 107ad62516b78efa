package nlp_test

import (
	"strings"
	"testing"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

func parseOpts(t *testing.T) nlp.Options {
	t.Helper()
	o, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// findingsOf parses src and returns the rule ids reported, with their lines.
func findingsOf(t *testing.T, src string) (*lint.Result, map[string][]int) {
	t.Helper()
	r := lint.Check("p.md", []byte(src), parseOpts(t), rules.Config{})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	got := map[string][]int{}
	for _, f := range r.Findings {
		got[f.Rule] = append(got[f.Rule], f.Span.Line)
	}
	return &r, got
}

// A Product Owner posting with one Product Manager duty: off-role-duty on the line marked
// OFFROLE. The directive tests insert comments around it.
const offRole = `# Product Owner

## What you will do

- Own and order the product backlog
- Write user stories with acceptance criteria
- Run sprint reviews with the Scrum team
- Set pricing and the go-to-market strategy
- Accept completed work against the Definition of Done
`

const offRoleLine = "- Set pricing and the go-to-market strategy\n"

func TestDirectiveForms(t *testing.T) {
	const rule = "off-role-duty"
	if _, got := findingsOf(t, offRole); len(got[rule]) != 1 {
		t.Fatalf("the test posting must have one %s finding; got %v (recalibrated? pick a clearer sentence)", rule, got)
	}
	insert := func(before, after string) string {
		return strings.Replace(offRole, offRoleLine, before+offRoleLine+after, 1)
	}
	inline := strings.Replace(offRole, offRoleLine, "- Set pricing and the go-to-market strategy <!-- jdlint-disable-line "+rule+" -->\n", 1)
	tests := []struct {
		name       string
		src        string
		suppressed bool
	}{
		{"no directive", offRole, false},
		{"disable-next-line", insert("<!-- jdlint-disable-next-line off-role-duty -->\n", ""), true},
		{"disable-next-line, every rule", insert("<!-- jdlint-disable-next-line -->\n", ""), true},
		{"disable-next-line skips blank lines", insert("<!-- jdlint-disable-next-line off-role-duty -->\n\n", ""), true},
		{"disable-next-line, other rule", insert("<!-- jdlint-disable-next-line role-blended -->\n", ""), false},
		{"disable-next-line, two lines up", strings.Replace(offRole, "- Run sprint", "<!-- jdlint-disable-next-line off-role-duty -->\n- Run sprint", 1), false},
		{"disable-next-line, no spaces", insert("<!--jdlint-disable-next-line off-role-duty-->\n", ""), true},
		{"disable-next-line, comma list", insert("<!-- jdlint-disable-next-line role-blended, off-role-duty -->\n", ""), true},
		{"disable-next-line, with a reason", insert("<!-- jdlint-disable-next-line off-role-duty -- pricing is shared here -->\n", ""), true},
		{"disable-line, inline", inline, true},
		{"disable-line, on its own line", insert("<!-- jdlint-disable-line off-role-duty -->\n", ""), false},
		{"disable ... enable around", insert("<!-- jdlint-disable off-role-duty -->\n", "<!-- jdlint-enable off-role-duty -->\n"), true},
		{"disable with no enable", insert("<!-- jdlint-disable -->\n", ""), true},
		{"disable ... enable before", insert("<!-- jdlint-disable off-role-duty -->\n<!-- jdlint-enable off-role-duty -->\n", ""), false},
		{"disable all, enable one", insert("<!-- jdlint-disable -->\n<!-- jdlint-enable off-role-duty -->\n", ""), false},
		{"disable one, enable all", insert("<!-- jdlint-disable off-role-duty -->\n<!-- jdlint-enable -->\n", ""), false},
		{"disable after the line", insert("", "<!-- jdlint-disable off-role-duty -->\n"), false},
		{"disable-file at the end", offRole + "\n<!-- jdlint-disable-file off-role-duty -->\n", true},
		{"disable-file, every rule", "<!-- jdlint-disable-file -->\n" + offRole, true},
		{"disable-file, other rule", offRole + "\n<!-- jdlint-disable-file title-missing -->\n", false},
		{"multi-line comment", insert("<!--\n  jdlint-disable-next-line\n  off-role-duty\n-->\n", ""), true},
		{"front matter comment", "---\nteam: payments\n# jdlint-disable-file off-role-duty\n---\n" + offRole, true},
		{"evidence only", insert("<!-- jdlint-disable-next-line evidence -->\n", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := findingsOf(t, tt.src)
			if suppressed := len(got[rule]) == 0; suppressed != tt.suppressed {
				t.Errorf("suppressed = %v, want %v; findings %v\n%s", suppressed, tt.suppressed, got, tt.src)
			}
		})
	}
}

// A posting titled Product Owner whose body is Product Manager work: role-mislabeled,
// located on the title.
const mislabeled = `# Product Owner

## What you will do

- Own pricing and packaging for the product line
- Build the business case and go-to-market plan for new markets
- Run market research and competitive analysis
- Define the product strategy and P&L targets
`

func TestDirectiveAboveTitle(t *testing.T) {
	const rule = "role-mislabeled"
	if _, got := findingsOf(t, mislabeled); len(got[rule]) != 1 || got[rule][0] != 1 {
		t.Fatalf("the test posting must have %s on line 1; got %v", rule, got)
	}
	tests := []struct {
		name, src  string
		suppressed bool
	}{
		{"next-line above the title", "<!-- jdlint-disable-next-line role-mislabeled -->\n" + mislabeled, true},
		{"next-line above the title, every rule", "<!-- jdlint-disable-next-line -->\n" + mislabeled, true},
		{"next-line above the title, other rule", "<!-- jdlint-disable-next-line role-blended -->\n" + mislabeled, false},
		{"disable-line on the title", strings.Replace(mislabeled, "# Product Owner", "# Product Owner <!-- jdlint-disable-line role-mislabeled -->", 1), true},
		{"front matter title, YAML comment", "---\ntitle: Product Owner # jdlint-disable-line role-mislabeled\n---\n" + strings.TrimPrefix(mislabeled, "# Product Owner\n"), true},
		{"front matter title, next-line", "---\n# jdlint-disable-next-line role-mislabeled\ntitle: Product Owner\n---\n" + strings.TrimPrefix(mislabeled, "# Product Owner\n"), true},
		{"front matter title, no comment", "---\ntitle: Product Owner\n---\n" + strings.TrimPrefix(mislabeled, "# Product Owner\n"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := findingsOf(t, tt.src)
			if suppressed := len(got[rule]) == 0; suppressed != tt.suppressed {
				t.Errorf("suppressed = %v, want %v; findings %v\n%s", suppressed, tt.suppressed, got, tt.src)
			}
		})
	}
}

func TestDirectiveEvidence(t *testing.T) {
	line := "- Set pricing and the go-to-market strategy\n"
	base, _ := findingsOf(t, offRole)
	if base.Verdict.Evidence.PM == 0 {
		t.Fatal("the test posting has no PM evidence")
	}
	tests := []struct {
		directive string
		counted   bool // the sentence's PM evidence still counts
	}{
		{"<!-- jdlint-disable-next-line off-role-duty -->\n", true},
		{"<!-- jdlint-disable-next-line -->\n", true}, // "every rule" does not include evidence
		{"<!-- jdlint-disable-next-line evidence -->\n", false},
		{"<!-- jdlint-disable-next-line off-role-duty evidence -->\n", false},
		{"<!-- jdlint-disable evidence -->\n", false},
	}
	for _, tt := range tests {
		p, _ := findingsOf(t, strings.Replace(offRole, line, tt.directive+line, 1))
		if counted := p.Verdict.Evidence.PM == base.Verdict.Evidence.PM; counted != tt.counted {
			t.Errorf("%s: PM evidence %.2f (without the directive %.2f); counted = %v, want %v",
				strings.TrimSpace(tt.directive), p.Verdict.Evidence.PM, base.Verdict.Evidence.PM, counted, tt.counted)
		}
	}
	p, _ := findingsOf(t, "<!-- jdlint-disable-file evidence -->\n"+offRole)
	if p.Verdict.Evidence.PO+p.Verdict.Evidence.PM+p.Verdict.Evidence.Other != 0 || p.Verdict.Detected != nlp.Unknown {
		t.Errorf("disable-file evidence: profile %+v, want empty and unknown", p.Verdict)
	}
}

func TestDirectiveNotices(t *testing.T) {
	tests := []struct {
		src  string
		want []string // substrings of the notices, in order
	}{
		{"<!-- jdlint-disable-next-line off-role-duty -->\n# Product Owner\n", nil},
		{"<!-- jdlint-disable-next-line evidence -->\n# Product Owner\n", nil},
		{"<!-- jdlint-disable-next-line off-role-dooty -->\n# Product Owner\n", []string{`jdlint-disable-next-line names unknown rule "off-role-dooty" (want one of role-mislabeled,`}},
		{"# Product Owner\n<!-- jdlint-disable a, role-blended b -->\n", []string{`unknown rule "a"`, `unknown rule "b"`}},
		{"<!-- jdlint-disable-nextline off-role-duty -->\n# Product Owner\n", []string{`unknown directive jdlint-disable-nextline (want one of jdlint-disable, jdlint-enable, jdlint-disable-line, jdlint-disable-next-line, jdlint-disable-file); ignored`}},
	}
	for _, tt := range tests {
		r, _ := findingsOf(t, tt.src)
		p := r.Posting
		var got []string
		for _, n := range p.Notices {
			if strings.Contains(n.Message, "jdlint-") {
				got = append(got, n.Message)
				if n.Span.Line < 1 {
					t.Errorf("notice %q has no line", n.Message)
				}
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: notices %q, want %d", tt.src, got, len(tt.want))
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tt.want[i]) {
				t.Errorf("%q: notice %q, want %q", tt.src, got[i], tt.want[i])
			}
		}
	}
}

func TestDirectiveParsing(t *testing.T) {
	src := "# T\n<!-- jdlint-disable-next-line a,b -->\n\n\ntext\n<!-- jdlint-enable -->\n<!-- jdlint-disable-next-line -->\n"
	p, err := nlp.Parse("p.md", []byte(src), parseOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Directives) != 3 {
		t.Fatalf("directives %+v", p.Directives)
	}
	d := p.Directives[0]
	if d.Kind != "disable-next-line" || strings.Join(d.Rules, " ") != "a b" || d.Line != 2 || d.Target != 5 {
		t.Errorf("first directive %+v", d)
	}
	if d := p.Directives[1]; d.Kind != "enable" || len(d.Rules) != 0 || d.Line != 6 {
		t.Errorf("second directive %+v", d)
	}
	if d := p.Directives[2]; d.Target != 0 {
		t.Errorf("a disable-next-line at the end covers line %d", d.Target)
	}
	for line := 1; line <= 7; line++ {
		if p.Disabled("a", line) != (line == 5) {
			t.Errorf("Disabled(a, %d) = %v", line, !(line == 5))
		}
	}
}

// Front matter opened with "--- yaml" is front matter to the parser, so its YAML-comment
// directives must count too (they were ignored when the directive scanner had its own idea
// of where front matter starts).
func TestDirectiveInYAMLTaggedFrontMatter(t *testing.T) {
	for _, open := range []string{"---", "--- yaml", "---yaml", "---  \t"} {
		for _, nl := range []string{"\n", "\r\n", "\r"} {
			src := strings.ReplaceAll(open+"\n# jdlint-disable-file role-mislabeled\ntitle: Product Owner\n---\n- Own the pricing model\n", "\n", nl)
			p, err := nlp.Parse("fm.md", []byte(src), parseOpts(t))
			if err != nil {
				t.Fatal(err)
			}
			if p.Title.Source != "front-matter" {
				t.Errorf("%q %q: title source %q, want front-matter", open, nl, p.Title.Source)
			}
			if !p.Disabled("role-mislabeled", 5) {
				t.Errorf("%q %q: directive in front matter ignored (directives %+v)", open, nl, p.Directives)
			}
		}
	}
}
