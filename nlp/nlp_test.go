package nlp

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func mustOpts(t *testing.T) Options {
	t.Helper()
	o, err := DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestClassifyTitle(t *testing.T) {
	tests := []struct {
		title string
		want  Role
	}{
		{"Senior Product Owner - Payments Platform", PO},
		{"Product Owner (m/w/d)", PO},
		{"Product Owner (f/m/x)", PO},
		{"Produktowner*in (w/m/d)", PO},
		{"Lead Product Owner, Data", PO},
		{"Sr. Product Manager, Growth", PM},
		{"Product Manager (all genders)", PM},
		{"Product Owner / Product Manager", Both},
		{"Technical Product Manager / Product Owner", Both},
		{"Product Manager & Product Owner", Both},
		{"Product Marketing Manager", Other},
		{"Project Manager", Other},
		{"Technical Program Manager, Cloud Migration", Other},
		{"Product Designer", Other},
		{"Product Lead", Other},
		{"Pricing Manager", Other},
		{"Product & Client Manager", Other},
		{"So, you're a Product Owner...", PO},
		{"Senior Product Owner - Product Management Tools", PO},
		{"Backend Engineer", None},
		{"Produktmanager (m/w/d)", PM},
		// hybrids in every common spelling
		{"Product Manager & Owner", Both},
		{"Product Owner/Manager", Both},
		{"Product Owner or Manager", Both},
		{"PO/PM – Mobile", Both},
		{"Product Owner – Product Manager hybrid", Both},
		// abbreviations and department qualifiers never decide the role
		{"Senior Product Owner (PO)", PO},
		{"Senior Product Owner (Product Management)", PO},
		{"Product Owner – Product Team", PO},
		{"Product Manager (PM) - Checkout", PM},
		{"Lead Product Manager – Product Team", PM},
		{"Principal PM, Growth", PM},
		{"Group PM", PM},
		{"Product Owner, Product Management", PO},
	}
	for _, tt := range tests {
		got, _ := ClassifyTitle(tt.title, DefaultTitleAliases)
		if got != tt.want {
			t.Errorf("ClassifyTitle(%q) = %s, want %s", tt.title, got, tt.want)
		}
	}
}

func TestNormalizeTitle(t *testing.T) {
	tests := map[string]string{
		"Product Owner (m/w/d)":         "Product Owner",
		"Product Owner (f/m/x/-)":       "Product Owner",
		"Produktmanager*in":             "Produktmanager",
		"Product Manager (all genders)": "Product Manager",
		"Senior  Product Owner":         "Senior Product Owner",
	}
	for in, want := range tests {
		if got := NormalizeTitle(in); got != want {
			t.Errorf("NormalizeTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleSources(t *testing.T) {
	tests := []struct {
		name, path, src string
		wantText        string
		wantSource      string
	}{
		{"front matter without heading", "a.md", "---\ntitle: Product Owner\nlocation: Leeds\n---\nWe build things.\n", "Product Owner", "front-matter"},
		{"h1", "a.md", "# Senior Product Manager\n\nWe build things.\n", "Senior Product Manager", "h1"},
		{"bold first line", "a.md", "**Product Owner, Payments**\n\nWe build things.\n", "Product Owner, Payments", "bold"},
		{"job title label", "a.txt", "Job Title: Product Manager (m/w/d)\n\nWe build things.\n", "Product Manager (m/w/d)", "label"},
		{"plain first line", "a.txt", "Product Owner\nAcme Ltd, Leeds\n\nWe build things.\n", "Product Owner", "first-line"},
		{"no title", "a.md", "We are a logistics company in Leeds that builds route planning software for hauliers.\n", "", ""},
		{"bom and crlf", "a.md", "\ufeff# Product Owner\r\n\r\nWe build things.\r\n", "Product Owner", "h1"},
		{"toml front matter", "a.md", "+++\ndate = 2021\ntitle = \"Product manager, Landscape\"\n+++\n\n## About us\n\nWe build things.\n", "Product manager, Landscape", "front-matter"},
		{"company h1, title in h2", "a.md", "# Acme Careers\n\nAcme makes boats.\n\n## Product Owner, Claims\n\n### What you'll do\n\n- Own the backlog\n", "Product Owner, Claims", "heading"},
		{"company h1 with a section word", "a.md", "# Life at Orbis\n\n## Product Owner, Market Expansion\n\nWe build things.\n", "Product Owner, Market Expansion", "heading"},
		{"company h1, title in bold", "a.md", "# Join Lumen\n\n**Senior Product Manager**\n\nWe build things.\n", "Senior Product Manager", "bold"},
		{"export header lines", "a.txt", "Job ID: 4471\nCompany: Northbridge Bank\nLocation: Leeds\nSalary: £58,000\nPosition: Product Owner - Retail Lending\n\nAbout us\nWe build things.\n", "Product Owner - Retail Lending", "label"},
		{"role label after fields", "a.txt", "Requisition: R-1\nDepartment: Digital\nRole: Senior PM, Checkout\n\nWe build things.\n", "Senior PM, Checkout", "label"},
		{"bold labels on consecutive lines", "a.md", "**Job Title:** Senior Product Owner\n**Location:** Berlin\n\nWe build things.\n", "Senior Product Owner", "label"},
		{"hiring sentence", "a.txt", "We are looking for a Product Owner to join our data team in Leeds.\n\nWhat you'll do\n- Own the backlog\n", "Product Owner", "sentence"},
		{"hiring sentence, hybrid", "a.md", "We are looking for a Technical Product Manager / Product Owner to own our platform.\n", "Technical Product Manager / Product Owner", "sentence"},
		{"no title from a counterpart", "a.md", "We are hiring engineers who work with the Product Owner every day.\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.path, []byte(tt.src), mustOpts(t))
			if err != nil {
				t.Fatal(err)
			}
			if p.Title.Text != tt.wantText || p.Title.Source != tt.wantSource {
				t.Fatalf("title = %q from %q, want %q from %q", p.Title.Text, p.Title.Source, tt.wantText, tt.wantSource)
			}
			if tt.wantText != "" && p.Title.Span.End > 0 {
				if got := string(p.Src[p.Title.Span.Start:p.Title.Span.End]); got != tt.wantText {
					t.Errorf("title span covers %q, want %q", got, tt.wantText)
				}
			}
		})
	}
}

func TestSentences(t *testing.T) {
	src := "# Product Owner\n\n## What you'll do\n\n" +
		"- Own the **product backlog** and order it with the [team](https://example.com)\n" +
		"- Write user stories, e.g. for the checkout. Accept them against the definition of done.\n\n" +
		"We work in the U.S. and the U.K. with approx. 40 people, i.e. a small team. Dr. Smith leads it.\n\n" +
		"## Requirements\n\n1. Scrum experience\n"
	p, err := Parse("p.md", []byte(src), mustOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range p.Sentences {
		if s.Block != HeadingBlock {
			got = append(got, s.Text)
		}
	}
	want := []string{
		"Own the product backlog and order it with the team",
		"Write user stories, e.g. for the checkout.",
		"Accept them against the definition of done.",
		"We work in the U.S. and the U.K. with approx. 40 people, i.e. a small team.",
		"Dr. Smith leads it.",
		"Scrum experience",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("sentences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// offsets and positions point into the original file
	for _, s := range p.Sentences {
		first := strings.Fields(s.Text)[0]
		if !strings.HasPrefix(string(p.Src[s.Span.Start:s.Span.End]), first) {
			t.Errorf("span of %q starts with %q", s.Text, p.Src[s.Span.Start:min(s.Span.End, s.Span.Start+20)])
		}
		line := strings.Split(src, "\n")[s.Span.Line-1]
		if col := s.Span.Column; !strings.HasPrefix(string([]rune(line)[col-1:]), first) {
			t.Errorf("%q at %d:%d, line is %q", s.Text, s.Span.Line, col, line)
		}
	}
	// sections
	kinds := map[string]SectionKind{}
	for _, s := range p.Sentences {
		kinds[s.Text] = s.SectionKind
	}
	if kinds["Scrum experience"] != Requirements || kinds["Dr. Smith leads it."] != Duties {
		t.Errorf("section kinds wrong: %v", kinds)
	}
}

func TestSectionKind(t *testing.T) {
	tests := map[string]SectionKind{
		"What you'll do":           Duties,
		"Responsibilities:":        Duties,
		"Your role":                Duties,
		"What we're looking for":   Requirements,
		"Nice to have":             Requirements,
		"About us":                 About,
		"Benefits":                 Benefits,
		"What we offer":            Benefits,
		"Equal opportunity":        Legal,
		"With your team":           "",
		"How to apply":             OtherSection,
		"Salary":                   Benefits,
		"Qualifications":           Requirements,
		"About the role":           Duties,
		"Diversity & inclusion":    Legal,
		"On the commercial side:":  "",
		"Key accountabilities":     Duties,
		"Who you are":              Requirements,
		"Perks":                    Benefits,
		"Our team of 12 engineers": About,
	}
	for h, want := range tests {
		if got := sectionKind(h); got != want {
			t.Errorf("sectionKind(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestLemma(t *testing.T) {
	same := [][]string{
		{"prioritise", "prioritize", "prioritizes", "prioritized", "prioritizing"},
		{"story", "stories"},
		{"plan", "planning", "plans", "planned"},
		{"PBI", "PBIs"},
		{"backlog", "backlogs"},
		{"analysis", "analysis"},
	}
	for _, group := range same {
		for _, w := range group[1:] {
			if Lemma(w) != Lemma(group[0]) {
				t.Errorf("Lemma(%q) = %q, Lemma(%q) = %q; want equal", w, Lemma(w), group[0], Lemma(group[0]))
			}
		}
	}
	if Lemma("status") == Lemma("statu") && Lemma("business") != "business" {
		t.Errorf("Lemma strips the s of status or business")
	}
}

func TestTokenizeSplitsHyphens(t *testing.T) {
	toks := Tokenize("Own go-to-market and story-slicing.")
	var words []string
	for _, tk := range toks {
		words = append(words, tk.Text)
		if got := "Own go-to-market and story-slicing."[tk.Start : tk.Start+len(tk.Text)]; got != tk.Text {
			t.Errorf("token %q at %d reads %q", tk.Text, tk.Start, got)
		}
	}
	if strings.Join(words, " ") != "Own go to market and story slicing ." {
		t.Errorf("tokens = %q", words)
	}
}

func TestCounterpartAndBoilerplate(t *testing.T) {
	src := "# Product Owner\n\n## What you'll do\n\n" +
		"- Work closely with our Product Manager, who owns pricing and the market strategy\n" +
		"- Order the product backlog\n\n## Benefits\n\n- Dental and vision insurance\n"
	p, err := Parse("p.md", []byte(src), mustOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	if w := roleWeight(p, PM); w != 0 {
		t.Errorf("counterpart mention gave PM evidence %.2f", w)
	}
	if roleWeight(p, PO) == 0 {
		t.Errorf("backlog duty gave no PO evidence")
	}
	for _, s := range p.Sentences {
		if strings.Contains(s.Text, "vision insurance") {
			for _, tg := range s.Tags {
				if tg.Weight != 0 {
					t.Errorf("benefits sentence carries evidence: %+v", tg)
				}
			}
		}
	}
}

func TestSelfReferences(t *testing.T) {
	src := "# Product Owner\n\n## What you'll do\n\n" +
		"As a Product Owner, you will own pricing.\n\n- Work with the Product Owner of the platform team\n"
	p, err := Parse("p.md", []byte(src), mustOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	var self []string
	for _, s := range p.Sentences {
		for _, sp := range s.SelfRefs {
			self = append(self, string(p.Src[sp.Start:sp.End]))
		}
		if strings.HasPrefix(s.Text, "Work with") && len(s.SelfRefs) != 0 {
			t.Errorf("counterpart mention marked as self reference")
		}
	}
	if len(self) != 1 || self[0] != "Product Owner" {
		t.Errorf("self references = %q, want one \"Product Owner\"", self)
	}
}

func TestLanguage(t *testing.T) {
	de := "# Product Owner (m/w/d)\n\nWir sind ein junges Unternehmen und suchen dich für unser Team. Du bist verantwortlich für das Product Backlog und die User Stories mit deinem Team, und du arbeitest eng mit den Entwicklern zusammen, die mit dir die Sprints planen.\n"
	p, err := Parse("de.md", []byte(de), mustOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	if p.Language != "de" {
		t.Errorf("language = %s, want de", p.Language)
	}
}

func TestBadInput(t *testing.T) {
	o := mustOpts(t)
	if _, err := Parse("b.md", []byte("abc\x00def"), o); err != ErrBinary {
		t.Errorf("NUL bytes: err = %v, want ErrBinary", err)
	}
	p, err := Parse("u.md", []byte("# Product Owner\n\nOwn the backlog \xff\xfe now.\n"), o)
	if err != nil || len(p.Notices) == 0 || !strings.Contains(p.Notices[0].Message, "UTF-8") {
		t.Errorf("invalid UTF-8: err %v, notices %v", err, p.Notices)
	}
	p, err = Parse("f.md", []byte("---\ntitle: [unclosed\n---\n# Product Owner\n\n- Order the product backlog\n"), o)
	if err != nil || len(p.Notices) == 0 || !strings.Contains(p.Notices[0].Message, "front matter") {
		t.Fatalf("malformed front matter: err %v, notices %v", err, p.Notices)
	}
	if p.Title.Text != "Product Owner" || roleWeight(p, PO) == 0 {
		t.Errorf("body after malformed front matter not linted: %q, PO %.1f", p.Title.Text, roleWeight(p, PO))
	}
}

// roleWeight sums the weight of a role's tags over the posting.
func roleWeight(p *Posting, r Role) float64 {
	var w float64
	for _, s := range p.Sentences {
		for _, t := range s.Tags {
			if t.Role == r {
				w += t.Weight
			}
		}
	}
	return w
}

func TestTaxonomyCitesSources(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range tax.Categories {
		if c.Source == "" || len(c.Phrases) == 0 {
			t.Errorf("category %s has no source or no phrases", c.ID)
		}
	}
	// every responsibility and skill the article lists has a category citing the article
	article := []string{"Product Manager Role Definition", "Product Owner Role Definition",
		"What is the difference", "What Skills Does a Product Owner Need?", "What Skills Does a Product Manager Need?",
		"Can a Product Owner Also Be a Product Manager?", "Responsibilities of a Product Manager"}
	for _, sec := range article {
		found := false
		for _, c := range tax.Categories {
			if strings.Contains(c.Source, sec) {
				found = true
			}
		}
		if !found {
			t.Errorf("no category cites the article section %q", sec)
		}
	}
}

func TestCompileRejectsBadPhrases(t *testing.T) {
	_, err := Compile([]Category{{ID: "x", Role: PO, Phrases: []string{"go-to|market"}}}, nil)
	if err == nil {
		t.Error("hyphen inside an alternative compiled")
	}
	_, err = Compile([]Category{{ID: "x", Role: "boss", Phrases: []string{"a"}}}, nil)
	if err == nil {
		t.Error("unknown role compiled")
	}
}

// tagsOf parses one duty line of a PO posting and returns its tags by category.
func tagsOf(t *testing.T, title, heading, line string) map[string]Tag {
	t.Helper()
	p, err := Parse("p.md", []byte("# "+title+"\n\n## "+heading+"\n\n- "+line+"\n"), mustOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Tag{}
	for _, s := range p.Sentences {
		for _, tg := range s.Tags {
			if tg.Weight > 0 {
				got[tg.Category] = tg
			}
		}
	}
	return got
}

// TestEvidenceReadsTheDuty holds the precision and recall rules of the taxonomy: SAFe
// train vocabulary is never Scrum-event evidence, names and tools are not work, and the PM
// duties real postings use count.
func TestEvidenceReadsTheDuty(t *testing.T) {
	tests := []struct {
		title, line string
		want, not   []string
	}{
		{"Product Manager", "Prepare the features for PI planning and the system demo", []string{"safe-train"}, []string{"po-scrum-events"}},
		{"Product Manager", "Own and prioritise the program backlog of features", []string{"safe-product-management"}, []string{"po-backlog"}},
		{"Product Manager", "Write benefit hypotheses for every feature on the ART backlog", []string{"safe-product-management"}, []string{"po-backlog"}},
		{"Product Owner", "Own and order the team backlog and accept stories", []string{"po-backlog", "po-acceptance"}, nil},
		{"Product Manager", "Help our customers at You Need a Budget plan their spending", nil, []string{"other-project"}},
		{"Product Manager", "Partner with Sterling Projects on the data platform", nil, []string{"other-weak"}},
		{"Product Manager", "Use Figma and Jira every day", nil, []string{"other-design", "po-scrum-practice"}},
		{"Product Manager", "Build prototypes and run usability testing with customers", nil, []string{"other-design"}},
		{"Product Manager", "Coordinate deployments with the platform team", nil, []string{"other-delivery"}},
		{"Product Manager", "Run customer interviews and A/B tests to validate hypotheses", []string{"pm-discovery", "pm-research"}, nil},
		{"Product Manager", "Define success metrics and own adoption and retention", []string{"pm-outcomes"}, nil},
		{"Product Manager", "Manage the project budget and the delivery timeline", []string{"other-project"}, nil},
	}
	for _, tt := range tests {
		got := tagsOf(t, tt.title, "What you'll do", tt.line)
		for _, c := range tt.want {
			if _, ok := got[c]; !ok {
				t.Errorf("%q: no %s tag (tags %v)", tt.line, c, keys(got))
			}
		}
		for _, c := range tt.not {
			if _, ok := got[c]; ok {
				t.Errorf("%q: tagged %s (%q)", tt.line, c, got[c].Phrase)
			}
		}
	}
}

// A counterpart the sentence gives the work to takes its evidence with it, even when it
// shares the title's role; working with Product Marketing on a launch stays the PM's work.
func TestCounterpartAssigns(t *testing.T) {
	got := tagsOf(t, "Product Manager", "What you'll do", "Work with the Product Management group, who own the vision and the program backlog")
	if len(got) > 0 {
		t.Errorf("work assigned to a counterpart counted: %v", keys(got))
	}
	got = tagsOf(t, "Product Manager", "What you'll do", "Own the launch plan together with Product Marketing")
	if _, ok := got["pm-gtm"]; !ok {
		t.Errorf("a PM's launch work with Product Marketing did not count: %v", keys(got))
	}
}

func keys(m map[string]Tag) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestSectionHeadings holds the headings real postings use (issue: "What you'll bring",
// "Our offer", "Why <Company>"...), in English and in German companies' English.
func TestSectionHeadings(t *testing.T) {
	tests := map[string]SectionKind{
		"What you'll bring": Requirements, "About you": Requirements, "Your profile": Requirements,
		"Nice to have": Requirements, "Essential criteria": Requirements, "Desirable": Requirements,
		"Must haves": Requirements, "Bonus points": Requirements, "Who you are": Requirements,
		"Our offer": Benefits, "What we offer": Benefits, "We offer": Benefits, "Why Acme": Benefits,
		"Why us": Benefits, "Perks": Benefits, "What's in it for you": Benefits,
		"The impact you'll have": Duties, "A day in the life": Duties, "Your tasks": Duties,
		"What you'll actually do": Duties, "What you will work on": Duties, "Why this role exists": Duties,
		"Key accountabilities": Duties, "The role": Duties,
		"About us": About, "Who we are": About,
		"Equal opportunity": Legal, "How to apply": OtherSection,
	}
	for h, want := range tests {
		if got := sectionKind(h); got != want {
			t.Errorf("sectionKind(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestLangsOf holds detectLanguage's lookup to the stopword lists it is built from, with
// strings.ToLower, on every stopword in several cases and on other words.
func TestLangsOf(t *testing.T) {
	slow := func(w string) []string { return stopwordLangs[strings.ToLower(w)] }
	var words []string
	for w := range stopwordLangs {
		r, n := utf8.DecodeRuneInString(w)
		words = append(words, w, strings.ToUpper(w), string(unicode.ToUpper(r))+w[n:], w+"s", "x"+w)
	}
	words = append(words, "", "A", "THE", "Für", "FÜR", "Über", "\u212a", "tHe", "nuestrasx", "NUESTRA", "Backlog", "über-long-word")
	for _, w := range words {
		var got []string
		for _, k := range langsOf(w) {
			got = append(got, langOrder[k])
		}
		want := append([]string(nil), slow(w)...)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("langsOf(%q) = %v, want %v", w, got, want)
		}
	}
}
