package rules

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

var update = flag.Bool("update", false, "rewrite golden files")

func parse(t *testing.T, path, src string) *nlp.Posting {
	t.Helper()
	opts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	p, err := nlp.Parse(path, []byte(src), opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// lineAt returns the line of src that holds byte off, without its ending.
func lineAt(src []byte, off int) string {
	s := bytes.LastIndexByte(src[:off], '\n') + 1
	e := bytes.IndexByte(src[off:], '\n')
	if e < 0 {
		e = len(src) - off
	}
	return strings.TrimSuffix(string(src[s:off+e]), "\r")
}

// goldenFile compares got with a file under testdata, or rewrites it with -update.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./rules -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; if the change is right, run go test ./rules -update and read the diff:\n%s", path, firstDifference(got, want))
	}
}

func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

// corpus parses every posting of testdata/job_posts with a PO or PM title, in name order.
func corpus(t *testing.T) []*nlp.Posting {
	t.Helper()
	dir := filepath.Join("..", "testdata", "job_posts")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []*nlp.Posting
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".md", ".markdown", ".txt":
		default:
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p := parse(t, e.Name(), string(b))
		if r := p.Title.Role; p.Language == "en" && (r == nlp.PO || r == nlp.PM) {
			out = append(out, p)
		}
	}
	return out
}

func TestThirdPerson(t *testing.T) {
	for in, want := range map[string]string{
		"own": "owns", "run": "runs", "drive": "drives", "prioritize": "prioritizes", "prioritise": "prioritises",
		"have": "has", "do": "does", "go": "goes", "carry": "carries", "lead": "leads", "be": "is", "identify": "identifies",
		"survey": "surveys", "analyse": "analyses", "reach": "reaches", "push": "pushes", "fix": "fixes", "focus": "focuses",
		"Own": "Owns", "OWN": "OWNS", "set": "sets", "pitch": "pitches", "buzz": "buzzes", "align": "aligns",
	} {
		if got := thirdPerson(in); got != want {
			t.Errorf("thirdPerson(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGerundBase(t *testing.T) {
	for in, want := range map[string]string{
		"owning": "own", "driving": "drive", "running": "run", "setting": "set", "planning": "plan",
		"prioritising": "prioritise", "prioritizing": "prioritize", "analysing": "analyse", "leading": "lead",
		"writing": "write", "carrying": "carry", "being": "be", "Owning": "Own", "agreeing": "agree", "string": "",
	} {
		got, ok := gerundBase(in)
		if got != want || ok != (want != "") {
			t.Errorf("gerundBase(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// collabCase is a sentence and its collaboration rewrite. A sentence that starts with a
// list marker is a bullet; any other is a paragraph. want "" means no rewrite.
type collabCase struct {
	role nlp.Role // the other role, whose duty the sentence states; PM when empty
	in   string
	want string
}

var collabCases = []collabCase{
	{"", "- Own the pricing model for transaction fees", "- Partner with the Product Manager, who owns the pricing model for transaction fees"},
	{"", "You will run market research", "You will partner with the Product Manager, who runs market research"},
	{"", "- Drive the go-to-market plan for new regions.", "- Partner with the Product Manager, who drives the go-to-market plan for new regions."},
	{"", "* Prioritize new markets by size and fit", "* Partner with the Product Manager, who prioritizes new markets by size and fit"},
	{"", "- Prioritise pricing experiments across regions", "- Partner with the Product Manager, who prioritises pricing experiments across regions"},
	{"", "- Have the final say on pricing and packaging", "- Partner with the Product Manager, who has the final say on pricing and packaging"},
	{"", "- Do the competitive analysis for every new market", "- Partner with the Product Manager, who does the competitive analysis for every new market"},
	{"", "- Go after new revenue streams in the SME segment", "- Partner with the Product Manager, who goes after new revenue streams in the SME segment"},
	{"", "- Carry out market analysis of hospital IT vendors", "- Partner with the Product Manager, who carries out market analysis of hospital IT vendors"},
	{"", "- Lead go-to-market planning with Marketing and Sales for every major launch", "- Partner with the Product Manager, who leads go-to-market planning with Marketing and Sales for every major launch"},
	{"", "1. Set fees and pricing for premium services together with Finance.", "1. Partner with the Product Manager, who sets fees and pricing for premium services together with Finance."},
	{"", "- Analyse competitors' pricing every quarter", "- Partner with the Product Manager, who analyses competitors' pricing every quarter"},
	{"", "- Identify new monetization opportunities for existing datasets", "- Partner with the Product Manager, who identifies new monetization opportunities for existing datasets"},
	{"", "- Research new markets for the booking engine", "- Partner with the Product Manager, who researches new markets for the booking engine"},
	{"", "- Price new features and plan their launch", "- Partner with the Product Manager, who prices new features and plans their launch"},
	{"", "- Plan the go-to-market of new tariffs with Marketing", "- Partner with the Product Manager, who plans the go-to-market of new tariffs with Marketing"},
	{"", "- Model the revenue impact of every pricing change", "- Partner with the Product Manager, who models the revenue impact of every pricing change"},
	{"", "- Build and maintain a competitive analysis of card processors", "- Partner with the Product Manager, who builds and maintains a competitive analysis of card processors"},
	{"", "- Write the business case for each new payment method and present it to the leadership team", "- Partner with the Product Manager, who writes the business case for each new payment method and presents it to the leadership team"},
	{"", "- Own revenue targets for the platform and review net revenue per merchant every quarter", "- Partner with the Product Manager, who owns revenue targets for the platform and reviews net revenue per merchant every quarter"},
	{"", "- Research, define and test pricing for the Pro plan", "- Partner with the Product Manager, who researches, defines and tests pricing for the Pro plan"},
	{"", "- Run win/loss analysis with Sales and feed the findings into product strategy", "- Partner with the Product Manager, who runs win/loss analysis with Sales and feeds the findings into product strategy"},
	{"", "- Be the voice of the market in pricing decisions", "- Partner with the Product Manager, who is the voice of the market in pricing decisions"},
	{"", "- Work with Sales to plan and launch new bundles", "- Partner with the Product Manager, who works with Sales to plan and launch new bundles"},
	{"", "You'll define our positioning for three buyer types.", "You'll partner with the Product Manager, who defines our positioning for three buyer types."},
	{"", "You’ll own the pricing of the add-on", "You’ll partner with the Product Manager, who owns the pricing of the add-on"},
	{"", "You will also own the business case for new products.", "You will also partner with the Product Manager, who owns the business case for new products."},
	{"", "In this role, you will set pricing for the premium tier.", "In this role, you will partner with the Product Manager, who sets pricing for the premium tier."},
	{"", "As a Product Owner, you will be accountable for the commercial success of the platform.", "As a Product Owner, you will partner with the Product Manager, who is accountable for the commercial success of the platform."},
	{"", "You will be responsible for pricing and packaging.", "You will partner with the Product Manager, who is responsible for pricing and packaging."},
	{"", "You own the revenue targets for the marketplace.", "You partner with the Product Manager, who owns the revenue targets for the marketplace."},
	{"", "You are responsible for the business case of every new module.", "You partner with the Product Manager, who is responsible for the business case of every new module."},
	{"", "You're accountable for subscription revenue.", "You partner with the Product Manager, who is accountable for subscription revenue."},
	{"", "- Responsible for the freemium model and what each plan costs", "- Partner with the Product Manager, who is responsible for the freemium model and what each plan costs"},
	{"", "- Accountable for subscription revenue, trial-to-paid conversion and ARPU", "- Partner with the Product Manager, who is accountable for subscription revenue, trial-to-paid conversion and ARPU"},
	{"", "- In charge of pricing research with customers", "- Partner with the Product Manager, who is in charge of pricing research with customers"},
	{"", "- Owning the pricing model and driving its adoption", "- Partnering with the Product Manager, who owns the pricing model and drives its adoption"},
	{"", "- Prioritising markets and sizing each opportunity", "- Partnering with the Product Manager, who prioritises markets and sizes each opportunity"},
	{"", "You will study the market and our competitors and turn what you learn into pricing recommendations.", "You will partner with the Product Manager, who studies the market and our competitors and turns what they learn into pricing recommendations."},
	{"", "You will write the business case for new modules, and you will work with Marketing on positioning.", "You will partner with the Product Manager, who writes the business case for new modules, and you will work with Marketing on positioning."},
	{"", "- Keep a close eye on competitors and be ready to adjust prices", "- Partner with the Product Manager, who keeps a close eye on competitors and is ready to adjust prices"},
	{"", "- Define packaging and pricing tiers for the Starter, Growth and Enterprise plans", "- Partner with the Product Manager, who defines packaging and pricing tiers for the Starter, Growth and Enterprise plans"},
	{"", "- Negotiate pricing with strategic partners so that we stay competitive", "- Partner with the Product Manager, who negotiates pricing with strategic partners so that we stay competitive"},
	{"", "- OWN THE PRICING MODEL", "- PARTNER with the Product Manager, who OWNS THE PRICING MODEL"},
	{nlp.PO, "- Write user stories and acceptance criteria for the search flow.", "- Partner with the Product Owner, who writes user stories and acceptance criteria for the search flow."},
	{nlp.PO, "- Run backlog refinement and sprint planning with the developers", "- Partner with the Product Owner, who runs backlog refinement and sprint planning with the developers"},
	{nlp.PO, "- Present the increment at the sprint review and accept completed stories.", "- Partner with the Product Owner, who presents the increment at the sprint review and accepts completed stories."},
	{nlp.PO, "- Keep the product backlog ordered and be available to the team during the sprint", "- Partner with the Product Owner, who keeps the product backlog ordered and is available to the team during the sprint"},
	{nlp.PO, "- Own and order the product backlog", "- Partner with the Product Owner, who owns and orders the product backlog"},
	{nlp.PO, "You will accept finished stories or return them with clear feedback", "You will partner with the Product Owner, who accepts finished stories or returns them with clear feedback"},
	{nlp.PO, "- Lead the sprint review with our specialists and accept stories that meet the definition of done", "- Partner with the Product Owner, who leads the sprint review with our specialists and accepts stories that meet the definition of done"},

	// shapes the rewrite does not touch
	{"", "- Market research and competitive analysis for new segments", ""},
	{"", "- Pricing and packaging decisions for the platform", ""},
	{"", "- Work with the Product Manager on pricing", ""},
	{"", "- Combine backlog work with the business planning for the product", ""},
	{"", "- Ownership of the pricing model", ""},
	{"", "Our Head of Product owns pricing and the business case.", ""},
	{"", "- Practical experience: you have written plenty of business cases", ""},
	{"", "- Own pricing so that you can decide it yourself", ""},
	{"", "The other half of the job is commercial.", ""},
	{nlp.PO, "You'll be the Product Manager for Payroll and the product person in the Scrum team.", ""},
}

// collabPosting places a case in a posting titled with the other role.
func collabPosting(c collabCase) (string, nlp.Role) {
	role := c.role
	if role == "" {
		role = nlp.PM
	}
	title := "Product Owner"
	if role == nlp.PO {
		title = "Product Manager"
	}
	return "# " + title + "\n\n## What you'll do\n\n" + c.in + "\n\n## About us\n\nWe build software.\n", role
}

func TestCollaborationRewrite(t *testing.T) {
	var golden bytes.Buffer
	golden.WriteString("# CollaborationRewrite (off-role-duty): each sentence before (-) and after (+); \"=\" means no rewrite.\n")
	for i, c := range collabCases {
		src, role := collabPosting(c)
		p := parse(t, "case.md", src)
		at := strings.Index(src, c.in)
		var s *nlp.Sentence
		for k := range p.Sentences {
			if p.Sentences[k].Span.Start >= at && p.Sentences[k].Span.Start < at+len(c.in) {
				s = &p.Sentences[k]
				break
			}
		}
		if s == nil {
			t.Fatalf("case %d: no sentence found for %q", i+1, c.in)
		}
		got := ""
		e, ok := CollaborationRewrite(p, s, role)
		if ok {
			if e.Start < s.Span.Start || e.End > s.Span.End {
				t.Errorf("case %d: edit [%d,%d) leaves the sentence [%d,%d)", i+1, e.Start, e.End, s.Span.Start, s.Span.End)
			}
			got = lineAt(ApplyEdits([]byte(src), []Edit{e}), at)
		}
		if got != c.want {
			t.Errorf("case %d (%s): %q\n got: %q\nwant: %q", i+1, role, c.in, got, c.want)
		}
		fmt.Fprintf(&golden, "\n## case %d, collaboration with the %s\n- %s\n", i+1, roleName(role), c.in)
		writeAfter(&golden, got)
		if ok && c.want != "" {
			// the rewritten sentence names the role as a counterpart, so it is no longer a duty
			p2 := parse(t, "case.md", string(ApplyEdits([]byte(src), []Edit{e})))
			for _, k := range offRoleSentences(p2, role) {
				t.Errorf("case %d: the rewrite %q is still an off-role duty", i+1, p2.Sentences[k].Text)
			}
		}
	}

	// every duty sentence of the corpus that leans strongly to one role, rewritten into
	// collaboration with that role
	for _, p := range corpus(t) {
		for _, role := range []nlp.Role{nlp.PM, nlp.PO} {
			for _, k := range offRoleSentences(p, role) {
				s := &p.Sentences[k]
				before := oneLine(string(p.Src[s.Span.Start:s.Span.End]))
				fmt.Fprintf(&golden, "\n## %s:%d, collaboration with the %s\n- %s\n", p.Path, s.Span.Line, roleName(role), before)
				e, ok := CollaborationRewrite(p, s, role)
				if !ok {
					writeAfter(&golden, "")
					continue
				}
				if e.Start < s.Span.Start || e.End > s.Span.End {
					t.Errorf("%s:%d: edit [%d,%d) leaves the sentence [%d,%d)", p.Path, s.Span.Line, e.Start, e.End, s.Span.Start, s.Span.End)
					continue
				}
				after := oneLine(string(ApplyEdits(p.Src, []Edit{e})[s.Span.Start : s.Span.End+len(e.New)-(e.End-e.Start)]))
				if strings.HasSuffix(before, ".") != strings.HasSuffix(after, ".") {
					t.Errorf("%s:%d: final period changed: %q -> %q", p.Path, s.Span.Line, before, after)
				}
				writeAfter(&golden, after)
			}
		}
	}
	goldenFile(t, "collaboration.golden", golden.Bytes())
}

func writeAfter(b *bytes.Buffer, after string) {
	if after == "" {
		b.WriteString("=\n")
		return
	}
	fmt.Fprintf(b, "+ %s\n", after)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// retitleCase is a posting, the role to retitle it to, and the lines that must change.
type retitleCase struct {
	name string
	src  string
	role nlp.Role
	want map[string]string // line before -> line after; every other line stays
}

const body = "\n\n## What you'll do\n\n- Own the pricing model\n"

var retitleCases = []retitleCase{
	{"h1 with suffix", "# Senior Product Owner - Payments Platform" + body, nlp.PM,
		map[string]string{"# Senior Product Owner - Payments Platform": "# Senior Product Manager - Payments Platform"}},
	{"gender marker", "# Product Owner (m/w/d)" + body, nlp.PM,
		map[string]string{"# Product Owner (m/w/d)": "# Product Manager (m/w/d)"}},
	{"pm to po", "# Sr. Product Manager, Claims Portal" + body, nlp.PO,
		map[string]string{"# Sr. Product Manager, Claims Portal": "# Sr. Product Owner, Claims Portal"}},
	{"en dash", "# Product Manager – Loyalty App" + body, nlp.PO,
		map[string]string{"# Product Manager – Loyalty App": "# Product Owner – Loyalty App"}},
	{"front matter", "---\ntitle: Lead Product Owner, Data\nlocation: Leeds\n---\n\nWe build data products." + body, nlp.PM,
		map[string]string{"title: Lead Product Owner, Data": "title: Lead Product Manager, Data"}},
	{"front matter quoted", "---\ntitle: \"Senior Product Owner (f/m/x)\"\n---\n" + body, nlp.PM,
		map[string]string{"title: \"Senior Product Owner (f/m/x)\"": "title: \"Senior Product Manager (f/m/x)\""}},
	{"front matter and h1", "---\ntitle: Product Owner, Growth\n---\n\n# Product Owner, Growth" + body, nlp.PM,
		map[string]string{"title: Product Owner, Growth": "title: Product Manager, Growth", "# Product Owner, Growth": "# Product Manager, Growth"}},
	{"label", "Job Title: Product Owner (f/m/x)\nCompany: Velmora\n\nResponsibilities:\n- Own the pricing model\n", nlp.PM,
		map[string]string{"Job Title: Product Owner (f/m/x)": "Job Title: Product Manager (f/m/x)"}},
	{"bold", "**Product Owner, Data Platform**\n\nWe build data products." + body, nlp.PM,
		map[string]string{"**Product Owner, Data Platform**": "**Product Manager, Data Platform**"}},
	{"setext", "Product Owner - Mobile\n=====================\n\nWe build apps." + body, nlp.PM,
		map[string]string{"Product Owner - Mobile": "Product Manager - Mobile"}},
	{"lower case", "# product owner, data" + body, nlp.PM, map[string]string{"# product owner, data": "# product manager, data"}},
	{"upper case", "# SENIOR PRODUCT OWNER" + body, nlp.PM, map[string]string{"# SENIOR PRODUCT OWNER": "# SENIOR PRODUCT MANAGER"}},
	{"hyphenated", "# Product-Owner (w/m/d)" + body, nlp.PM, map[string]string{"# Product-Owner (w/m/d)": "# Product-Manager (w/m/d)"}},
	{"with another role", "# Lead Product Owner / Scrum Master" + body, nlp.PM,
		map[string]string{"# Lead Product Owner / Scrum Master": "# Lead Product Manager / Scrum Master"}},
	{"as a", "# Product Owner\n\nAs a Product Owner, you will be accountable for the commercial success of the platform." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"As a Product Owner, you will be accountable for the commercial success of the platform.": "As a Product Manager, you will be accountable for the commercial success of the platform."}},
	{"our", "# Product Owner\n\nOur Product Owner will own the commercial side of the product line." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"Our Product Owner will own the commercial side of the product line.": "Our Product Manager will own the commercial side of the product line."}},
	{"the role", "# Product Owner\n\nThe Product Owner role on our team is a commercial one." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"The Product Owner role on our team is a commercial one.": "The Product Manager role on our team is a commercial one."}},
	{"looking for", "# Product Owner\n\nWe are looking for a Product Owner to decide where we go next." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"We are looking for a Product Owner to decide where we go next.": "We are looking for a Product Manager to decide where we go next."}},
	{"an experienced", "# Product Owner\n\nWe are looking for an experienced Product Owner to run pricing." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"We are looking for an experienced Product Owner to run pricing.": "We are looking for an experienced Product Manager to run pricing."}},
	{"as our", "# Product Owner\n\nAs our Product Owner, you'll spend your first months talking to hoteliers." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"As our Product Owner, you'll spend your first months talking to hoteliers.": "As our Product Manager, you'll spend your first months talking to hoteliers."}},
	{"as lead", "# Lead Product Owner\n\nAs Lead Product Owner for the Fleet Platform, you will own pricing." + body, nlp.PM,
		map[string]string{"# Lead Product Owner": "# Lead Product Manager",
			"As Lead Product Owner for the Fleet Platform, you will own pricing.": "As Lead Product Manager for the Fleet Platform, you will own pricing."}},
	{"you will be the", "# Product Owner\n\nYou will be the Product Owner of the Tariffs team." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"You will be the Product Owner of the Tariffs team.": "You will be the Product Manager of the Tariffs team."}},
	{"is accountable", "# Lead Product Owner, Data\n\nThe Lead Product Owner, Data is accountable for turning our data into products." + body, nlp.PM,
		map[string]string{"# Lead Product Owner, Data": "# Lead Product Manager, Data",
			"The Lead Product Owner, Data is accountable for turning our data into products.": "The Lead Product Manager, Data is accountable for turning our data into products."}},
	{"this position", "# Product Owner\n\nThis Product Owner position reports to the Chief Product Officer." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager",
			"This Product Owner position reports to the Chief Product Officer.": "This Product Manager position reports to the Chief Product Officer."}},
	{"lower-case reference", "# Product Owner\n\nAs a product owner, you will own pricing." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager", "As a product owner, you will own pricing.": "As a product manager, you will own pricing."}},
	{"pm reference", "# Product Manager\n\nOur Product Manager will be the fifth member of the Scrum team." + body, nlp.PO,
		map[string]string{"# Product Manager": "# Product Owner",
			"Our Product Manager will be the fifth member of the Scrum team.": "Our Product Owner will be the fifth member of the Scrum team."}},
	{"pm as a on the", "# Product Manager\n\nAs a Product Manager on the Patient Records team, you will own the product backlog." + body, nlp.PO,
		map[string]string{"# Product Manager": "# Product Owner",
			"As a Product Manager on the Patient Records team, you will own the product backlog.": "As a Product Owner on the Patient Records team, you will own the product backlog."}},

	// mentions that are not the posting itself stay
	{"counterpart", "# Product Owner\n\nYou will work with the Product Owner of the platform team whenever your plans depend on their APIs." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager"}},
	{"counterpart plural", "# Product Owner\n\nWork closely with the Product Owners of the other squads." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager"}},
	{"experience", "# Product Owner" + body + "\n## Requirements\n\n- 3+ years as a Product Owner on a Scrum team\n", nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager"}},
	{"experience prose", "# Product Owner\n\nWe are looking for someone with six years of experience, several of them as a Product Owner." + body, nlp.PM,
		map[string]string{"# Product Owner": "# Product Manager"}},
	{"counterpart who", "# Product Manager\n\nSupport the Product Manager, who owns pricing, and the Product Manager of the app team." + body, nlp.PO,
		map[string]string{"# Product Manager": "# Product Owner"}},
	{"same role", "# Product Owner" + body, nlp.PO, nil},
	{"abbreviation in brackets", "# Senior Product Owner (PO)" + body, nlp.PM,
		map[string]string{"# Senior Product Owner (PO)": "# Senior Product Manager (PM)"}},
	{"abbreviation only", "# Principal PM, Growth" + body, nlp.PO,
		map[string]string{"# Principal PM, Growth": "# Principal PO, Growth"}},
	{"department qualifier stays", "# Senior Product Owner (Product Management)" + body, nlp.PM,
		map[string]string{"# Senior Product Owner (Product Management)": "# Senior Product Manager (Product Management)"}},
}

// A retitle never yields a title that contradicts itself: a hybrid title is not a single
// role to rename, so there is no fix.
func TestRetitleNeverContradicts(t *testing.T) {
	for _, title := range []string{"Product Owner – Product Manager hybrid", "Product Owner/Manager", "PO/PM – Mobile"} {
		p := parse(t, "case.md", "# "+title+"\n\n- Own the pricing model\n")
		p.Title.Role = nlp.PO // as if the title had been read as a PO title
		if fix := RetitleFix(p, nlp.PM); fix != nil {
			t.Errorf("%q: fix %q", title, fix.Description)
		}
	}
}

func TestRetitleFix(t *testing.T) {
	var golden bytes.Buffer
	golden.WriteString("# RetitleFix (role-mislabeled): each changed line before (-) and after (+).\n")
	for _, c := range retitleCases {
		path := "case.md"
		if strings.HasPrefix(c.src, "Job Title") {
			path = "case.txt"
		}
		p := parse(t, path, c.src)
		fix := RetitleFix(p, c.role)
		fmt.Fprintf(&golden, "\n## %s, retitled %s\n", c.name, roleName(c.role))
		if fix == nil {
			if len(c.want) > 0 {
				t.Errorf("%s: no fix (title %q from %s, role %s)", c.name, p.Title.Text, p.Title.Source, p.Title.Role)
			}
			golden.WriteString("=\n")
			continue
		}
		if !fix.Safe {
			t.Errorf("%s: retitle fix is not safe", c.name)
		}
		got := changedLines(t, []byte(c.src), fix.Edits)
		writeChanged(&golden, got)
		if len(got) != len(c.want) {
			t.Errorf("%s: changed %d lines %v, want %d %v", c.name, len(got), got, len(c.want), c.want)
		}
		for _, pair := range got {
			if want, ok := c.want[pair[0]]; !ok || want != pair[1] {
				t.Errorf("%s: %q\n got: %q\nwant: %q", c.name, pair[0], pair[1], want)
			}
		}
	}

	// every PO or PM title of the corpus retitled to the other role
	for _, p := range corpus(t) {
		to := other(p.Title.Role)
		fmt.Fprintf(&golden, "\n## %s, retitled %s\n", p.Path, roleName(to))
		fix := RetitleFix(p, to)
		if fix == nil {
			t.Errorf("%s: no retitle fix for %q", p.Path, p.Title.Text)
			golden.WriteString("=\n")
			continue
		}
		writeChanged(&golden, changedLines(t, p.Src, fix.Edits))
		p2 := parse(t, p.Path, string(ApplyEdits(p.Src, fix.Edits)))
		if p2.Title.Role != to {
			t.Errorf("%s: after the fix the title %q names %s, want %s", p.Path, p2.Title.Text, p2.Title.Role, to)
		}
	}
	goldenFile(t, "retitle.golden", golden.Bytes())
}

// changedLines returns the lines edits change, as before/after pairs in file order.
func changedLines(t *testing.T, src []byte, edits []Edit) [][2]string {
	t.Helper()
	for i := 1; i < len(edits); i++ {
		if edits[i].Start < edits[i-1].End {
			t.Fatalf("edits overlap or are unsorted: %v", edits)
		}
	}
	out := ApplyEdits(src, edits)
	a := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	b := strings.Split(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n")
	if len(a) != len(b) {
		t.Fatalf("the fix changed the number of lines: %d -> %d", len(a), len(b))
	}
	var pairs [][2]string
	for i := range a {
		if a[i] != b[i] {
			pairs = append(pairs, [2]string{a[i], b[i]})
		}
	}
	return pairs
}

func writeChanged(b *bytes.Buffer, pairs [][2]string) {
	if len(pairs) == 0 {
		b.WriteString("=\n")
	}
	for _, p := range pairs {
		fmt.Fprintf(b, "- %s\n+ %s\n", p[0], p[1])
	}
}

// blendPostings are made-up postings whose body mixes both roles.
var blendPostings = []struct {
	name, src string
	minority  nlp.Role
}{
	{"po-title-commercial.md", `# Product Owner - Subscriptions

## What you'll do

- Own and order the product backlog with the team
- Write user stories with clear acceptance criteria
- Run sprint planning and the sprint review
- Own the pricing model for the Pro and Team plans
- Run market research on small agencies and freelancers
- Build the business case for an annual plan and present it to the board
- Define positioning and messaging for each plan together with Marketing
- Lead go-to-market planning for every major launch.
- You will also own revenue targets and review churn every month.
`, nlp.PM},
	{"po-title-prose.md", `# Senior Product Owner, Payments

## The role

As a Product Owner, you will order the product backlog and accept completed stories. You will set the prices of our payment plans and negotiate fees with acquirers. You'll carry out competitive analysis of other payment providers every quarter. You will be responsible for the business case of each new payment method. In this role, you will also plan the go-to-market for new countries with Sales.
`, nlp.PM},
	{"pm-title-backlog.md", `# Product Manager, Booking

## Responsibilities

1. Own the pricing strategy and analyse competitors every quarter.
2. Build business cases for new markets.
3. Write user stories and acceptance criteria for the booking flow.
4. Run backlog refinement and sprint planning with the developers.
5. Accept completed stories at the sprint review.
6. Keep the product backlog ordered and answer the developers' questions.
7. Facilitate the sprint retrospective when the Scrum Master is away.
`, nlp.PO},
	{"po-title-gerunds.md", `# Product Owner (m/w/d)

## Your tasks

- Owning the product backlog and refining it with the developers
- Accepting stories against the definition of done
- Owning the pricing model and driving its adoption with Sales
- Researching new markets and sizing each opportunity
- Responsible for the business case of new features
- Accountable for subscription revenue and ARPU
`, nlp.PM},
	{"pm-title-you-will.md", `# Senior Product Manager - Logistics Platform

## What you will do

You will own the product strategy and the pricing of the carrier marketplace.

- You will run customer discovery with shippers and carriers
- You will build the business case for a premium tracking tier
- You will write user stories and acceptance criteria for the booking flow
- You'll run backlog refinement with the developers every week.
- You will lead sprint planning and agree a Sprint Goal with the team
- You will accept completed stories at the sprint review
- You will keep the product backlog ordered and be available to the developers
- In this role, you will also facilitate the sprint retrospective when the Scrum Master is away.
`, nlp.PO},
	{"po-title-responsible.md", `# Product Owner, Insurance Claims

## Responsibilities

- Own and order the product backlog for the claims team
- Refine stories with the developers and accept them against the definition of done
- Responsible for pricing the new add-on covers with our actuaries
- Accountable for the revenue targets of the claims product line
- Analyse competitors' products and prices every quarter and recommend changes
- Define the go-to-market for each new cover with Marketing and the broker team
- Carry out market research with brokers and policyholders
- Prioritise new markets by size, fit and regulatory effort.
`, nlp.PM},
	{"pm-title-mixed.md", `# Product Manager (m/w/d)

## Deine Aufgaben / Your tasks

1. Set the pricing and packaging of the Pro plan.
2. Write the business case for the enterprise tier.
3. Write user stories and split epics with the developers.
4. Run the sprint review and accept the increment.
5. Order the product backlog and keep it transparent for the team.
6. Facilitate backlog refinement twice a week.
7. Review acceptance criteria with the testers and answer their questions.
`, nlp.PO},
	{"po-title-growth.md", `# Product Owner - Growth

## What you'll do

- Order the growth backlog and refine it with the squad every week
- Own the P&L for the subscription line and report it to the board
- Drive pricing experiments and set prices for new regions
- Identify new market segments and size each opportunity
- Run competitive analysis of other subscription apps.
- Build the business case for a family plan
- Plan launches and go-to-market campaigns with Marketing
- Define positioning and messaging for each plan
- Conduct customer interviews to find unmet needs
`, nlp.PM},
}

func TestBlendFix(t *testing.T) {
	var golden bytes.Buffer
	golden.WriteString("# BlendFix (role-blended): each rewritten sentence before (-) and after (+).\n")
	sentences := 0
	show := func(p *nlp.Posting, minority nlp.Role) {
		fmt.Fprintf(&golden, "\n## %s, minority %s\n", p.Path, roleName(minority))
		fix := BlendFix(p, minority)
		if fix == nil {
			golden.WriteString("=\n")
			return
		}
		if fix.Safe {
			t.Errorf("%s: blend fix marked safe", p.Path)
		}
		for i := 1; i < len(fix.Edits); i++ {
			if fix.Edits[i].Start < fix.Edits[i-1].End {
				t.Errorf("%s: edits overlap or are unsorted", p.Path)
			}
		}
		pairs := changedLines(t, p.Src, fix.Edits)
		sentences += len(fix.Edits)
		writeChanged(&golden, pairs)
		// the fixed posting keeps the title's role and works with the minority role
		p2 := parse(t, p.Path, string(ApplyEdits(p.Src, fix.Edits)))
		for _, k := range offRoleSentences(p2, minority) {
			s := &p2.Sentences[k]
			if _, ok := CollaborationRewrite(p2, s, minority); ok {
				t.Errorf("%s: after the fix, %q is still a rewritable %s duty", p.Path, s.Text, minority)
			}
		}
	}
	for _, bp := range blendPostings {
		show(parse(t, bp.name, bp.src), bp.minority)
	}
	if sentences < 40 {
		t.Errorf("the made-up blended postings give %d rewritten sentences, want at least 40", sentences)
	}
	for _, p := range corpus(t) {
		v := verdict.Decide(p, verdict.DefaultThresholds)
		for _, f := range Check(p, &v, Config{}) {
			if f.Rule == RoleBlended.ID {
				show(p, other(p.Title.Role))
			}
		}
	}
	goldenFile(t, "blend.golden", golden.Bytes())
}

// TestRewriteCounts keeps the goldens honest: each kind shows at least 40 sentences.
func TestRewriteCounts(t *testing.T) {
	n := 0
	for _, c := range collabCases {
		if c.want != "" {
			n++
		}
	}
	if n < 40 {
		t.Errorf("%d collaboration table cases rewrite, want at least 40", n)
	}
	m := 0
	for _, c := range retitleCases {
		m += len(c.want)
	}
	if m < 40 {
		t.Errorf("%d retitled lines in the table, want at least 40", m)
	}
}
