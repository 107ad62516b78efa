package report

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

func TestClipWords(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"Run backlog refinement and sprint planning with the developers", 30, "Run backlog refinement and…"},
		{"Run backlog refinement and sprint planning with the developers", 100, "Run backlog refinement and sprint planning with the developers"},
		{"short", 5, "short"},
		{"Own pricing, packaging and the rest", 14, "Own pricing…"}, // no dangling comma
		{"Supercalifragilistic expialidocious", 10, "Supercalifragilistic…"},
		{"Supercalifragilistic", 10, "Supercalifragilistic"},
		{"Ärger über Öl und Übel", 11, "Ärger über…"},
	}
	for _, tt := range tests {
		got := clipWords(tt.in, tt.n)
		if got != tt.want {
			t.Errorf("clipWords(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
		if got != tt.in {
			head := strings.TrimSuffix(got, "…")
			if rest := strings.TrimPrefix(tt.in, head); rest == tt.in || rest != "" && rest[0] != ' ' && rest[0] != ',' {
				t.Errorf("clipWords(%q, %d) = %q cuts inside a word", tt.in, tt.n, got)
			}
		}
	}
}

// quoteResult is a finding that quotes a long sentence, with no fix.
func quoteResult(quote string) lint.Result {
	msg := fmt.Sprintf("%q is Product Manager work (pricing) in a Product Owner posting", quote)
	return lint.Result{Path: "careers/quote.md", Findings: []rules.Finding{{Rule: "off-role-duty", Severity: rules.Info,
		Span: nlp.Span{Start: 0, End: 1, Line: 3, Column: 3, EndLine: 3, EndColumn: 4}, Message: msg, Quote: quote}}}
}

// The text format shortens a quoted sentence at a word boundary; every format without a
// width limit keeps it whole.
func TestQuotesCutAtWordsOrNotAtAll(t *testing.T) {
	quote := "Own the pricing and packaging of our tariff portfolio together with Finance and Sales"
	results := []lint.Result{quoteResult(quote)}
	for _, format := range Formats {
		f, err := Lookup(format)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f(&b, results, Options{}); err != nil {
			t.Fatal(err)
		}
		out := html.UnescapeString(b.String())
		switch format {
		case "diff":
			continue // no messages
		case "text":
			if strings.Contains(out, quote) {
				t.Errorf("text keeps the whole quote in the message:\n%s", out)
			}
			m := regexp.MustCompile(`"([^"]*)…"`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("text has no shortened quote:\n%s", out)
			}
			if !strings.HasPrefix(quote, m[1]) || quote[len(m[1])] != ' ' || utf8.RuneCountInString(m[1])+1 > quoteWidth {
				t.Errorf("text cuts the quote to %q: not at a word boundary within %d runes", m[1], quoteWidth)
			}
		default:
			if !strings.Contains(out, quote) || strings.Contains(out, "…") {
				t.Errorf("%s does not keep the quote whole:\n%s", format, out)
			}
		}
	}
}

// lintFile runs the whole pipeline on one posting of testdata/job_posts.
func lintFile(t *testing.T, name string, cfg rules.Config) lint.Result {
	t.Helper()
	path := filepath.Join("..", "testdata", "job_posts", name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return lint.Check(name, src, nopts, cfg)
}

// previewLine matches a preview line of the text format: its line number and gutter.
var previewLine = regexp.MustCompile(`(?m)^( {10}) *(\d+) \| `)

// A blended posting's rewrites are previewed once each, under the off-role-duty finding
// that makes them, with one gutter for line numbers of every width; with off-role-duty
// off, role-blended previews them itself.
func TestTextPreviewsOnce(t *testing.T) {
	tests := []struct {
		name     string
		cfg      rules.Config
		previews map[string]int // line number -> how many times it is previewed
		note     bool
	}{
		{"with off-role-duty", rules.Config{}, map[string]int{"13": 1, "14": 1, "15": 1, "16": 1}, true},
		{"role-blended alone", rules.Config{Severity: map[string]rules.Severity{"off-role-duty": rules.Off}}, map[string]int{"13": 1, "14": 1, "15": 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lintFile(t, "b-pm-title-blended-numbered.md", tt.cfg)
			var b bytes.Buffer
			if err := Text(&b, []lint.Result{r}, Options{Unsafe: true}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			got := map[string]int{}
			bars := map[int]bool{}
			for _, line := range strings.Split(out, "\n") {
				if m := previewLine.FindStringSubmatch(line); m != nil {
					got[m[2]]++
					bars[strings.Index(line, " | ")] = true
				}
			}
			for n, want := range tt.previews {
				if got[n] != want {
					t.Errorf("line %s previewed %d times, want %d:\n%s", n, got[n], want, out)
				}
			}
			if len(bars) != 1 {
				t.Errorf("preview gutters at columns %v, want one:\n%s", bars, out)
			}
			if note := strings.Contains(out, "the rewrites of lines 13, 14, 15 and 16 are previewed with off-role-duty"); note != tt.note {
				t.Errorf("note on the previews shown elsewhere: %v, want %v:\n%s", note, tt.note, out)
			}
		})
	}
}

// The gutter is as wide as the file's last line number, so that lines 9 and 10 line up.
func TestFixPreviewGutter(t *testing.T) {
	src := []byte(strings.Repeat("intro\n", 8) + "- Own pricing\n- Own packaging\n")
	at := func(s string) int { return bytes.Index(src, []byte(s)) }
	fix := &rules.Fix{Edits: []rules.Edit{{Start: at("Own pricing"), End: at("Own pricing") + 3, New: "Share"}, {Start: at("Own packaging"), End: at("Own packaging") + 3, New: "Share"}}}
	got := FixPreview(src, fix, false)
	want := []string{" 9 | - [-Own-]{+Share+} pricing", "10 | - [-Own-]{+Share+} packaging"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("FixPreview =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// No report shows a raw score or a bare "-" for a posting without Product Owner or Product
// Manager duties: they say so in words.
func TestNoRawScores(t *testing.T) {
	results := fixedResults(t)
	raw := regexp.MustCompile(`\b(?:PO|PM|shared|other) \d+\.\d|PO share -|\| - \||\s-\s+\d+/\d+/\d+`)
	for _, format := range []string{"text", "markdown", "html"} {
		f, _ := Lookup(format)
		var b bytes.Buffer
		if err := f(&b, results, Options{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if m := raw.FindString(out); m != "" {
			t.Errorf("%s shows a raw score: %q", format, m)
		}
		if !strings.Contains(out, NoDutiesShort) {
			t.Errorf("%s does not say %q for the posting without PO or PM duties", format, NoDutiesShort)
		}
	}
}

func TestEvidenceWords(t *testing.T) {
	tests := []struct {
		ev   verdict.Evidence
		want string
	}{
		{verdict.Evidence{PO: 3, PM: 1}, "75% Product Owner work, 25% Product Manager work"},
		{verdict.Evidence{PO: 3.25, PM: 3.9, Other: 0.333}, "43% Product Owner work, 52% Product Manager work, 4% project, account or delivery work"},
		{verdict.Evidence{Other: 4.5}, NoDuties + "; only project, account or delivery work"},
		{verdict.Evidence{Shared: 0.5, Other: 4.5}, NoDuties + "; shared product work (vision, roadmap, stakeholders) and project, account or delivery work"},
		{verdict.Evidence{}, "no role evidence found"},
	}
	for _, tt := range tests {
		if got := EvidenceWords(tt.ev); got != tt.want {
			t.Errorf("EvidenceWords(%+v) = %q, want %q", tt.ev, got, tt.want)
		}
	}
}

func renderHTML(t *testing.T, results []lint.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, results, Options{Version: "v1"}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// At phone width the table's rows become cards (html.tmpl's media query); each keeps the
// posting's title: its cell is not one of those hidden there.
func TestHTMLPhoneCardsKeepTitle(t *testing.T) {
	out := renderHTML(t, fixedResults(t))
	media := regexp.MustCompile(`(?s)@media \(max-width:\d+px\)\{(.*?)\n\}\n`).FindStringSubmatch(out)
	if media == nil {
		t.Fatal("no phone-width rules")
	}
	var hidden [][]string // [selector, class] of each class hidden at phone width
	for _, rule := range regexp.MustCompile(`([^{}\n]+)\{display:none\}`).FindAllStringSubmatch(media[1], -1) {
		hidden = append(hidden, regexp.MustCompile(`\.([\w-]+)`).FindAllStringSubmatch(rule[1], -1)...)
	}
	rows := regexp.MustCompile(`<tr><td class="path">.*</tr>`).FindAllString(out, -1)
	if len(rows) == 0 || len(hidden) == 0 {
		t.Fatalf("no table rows (%d) or phone-width rules (%d)", len(rows), len(hidden))
	}
	for _, r := range Rows(fixedResults(t)) {
		if r.Title == "" {
			continue
		}
		title := html.EscapeString(r.Title) // as html/template escapes it
		found := false
		for _, row := range rows {
			m := regexp.MustCompile(`<td class="([^"]*)">` + regexp.QuoteMeta(title) + `</td>`).FindStringSubmatch(row)
			if m == nil {
				continue
			}
			found = true
			for _, h := range hidden {
				if strings.Contains(" "+m[1]+" ", " "+h[1]+" ") {
					t.Errorf("the title %q is in a cell of class %q, hidden at phone width", r.Title, m[1])
				}
			}
		}
		if !found {
			t.Errorf("the table has no cell with the title %q", r.Title)
		}
	}
}

// chartText is a <text> element of the chart.
var chartText = regexp.MustCompile(`<text(?: class="([^"]*)")? x="([\d.]+)" y="([\d.]+)"(?: dx="([\d.]+)")?(?: text-anchor="(\w+)")?>([^<]*)</text>`)

// textWidth over-estimates the width of text in a sans-serif font of size px.
func textWidth(s string, px float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == '%' || r == 'M' || r == 'W' || r == 'm' || r == 'w':
			w += 0.95
		case r == ' ' || r == '.' || r == ',':
			w += 0.35
		default:
			w += 0.65
		}
	}
	return w * px
}

// No two labels of the chart overlap, nor leave it, on a wide screen (13-unit text) or at
// phone width (28-unit text, some labels swapped for shorter ones): "100%" and the label of
// the column of postings without duties once ran together as "100%n/a".
func TestHTMLChartLabelsApart(t *testing.T) {
	out := renderHTML(t, fixedResults(t))
	svg := out[strings.Index(out, "<svg"):strings.Index(out, "</svg>")]
	width, _ := strconv.ParseFloat(regexp.MustCompile(`viewBox="0 0 ([\d.]+)`).FindStringSubmatch(svg)[1], 64)
	for _, size := range []struct {
		name   string
		px     float64
		hidden []string // classes not drawn at this width
	}{{"wide", chartFont, []string{"narrow"}}, {"phone", chartFontPhone, []string{"wide", "band-label"}}} {
		type box struct {
			text        string
			y, from, to float64
		}
		var boxes []box
		for _, m := range chartText.FindAllStringSubmatch(svg, -1) {
			if m[1] != "" && strings.Contains(strings.Join(size.hidden, " "), m[1]) {
				continue
			}
			x, _ := strconv.ParseFloat(m[2], 64)
			y, _ := strconv.ParseFloat(m[3], 64)
			dx, _ := strconv.ParseFloat(m[4], 64)
			w := textWidth(html.UnescapeString(m[6]), size.px)
			from := x + dx
			switch m[5] {
			case "middle":
				from -= w / 2
			case "end":
				from -= w
			}
			boxes = append(boxes, box{m[6], y, from, from + w})
		}
		if len(boxes) < 7 {
			t.Fatalf("%s: %d chart labels, want the ticks, the none column and the notes", size.name, len(boxes))
		}
		for i, a := range boxes {
			if a.from < 0 || a.to > width {
				t.Errorf("%s: %q (%.0f to %.0f) leaves the chart (0 to %.0f)", size.name, a.text, a.from, a.to, width)
			}
			for _, b := range boxes[i+1:] {
				if a.y-b.y < size.px && b.y-a.y < size.px && a.from < b.to+4 && b.from < a.to+4 {
					t.Errorf("%s: %q (%.0f to %.0f) and %q (%.0f to %.0f) collide", size.name, a.text, a.from, a.to, b.text, b.from, b.to)
				}
			}
		}
	}
}

// A role-blended finding lists the sentences of both roles, under each role's name.
func TestHTMLBlendedListsBothRoles(t *testing.T) {
	out := renderHTML(t, fixedResults(t))
	i := strings.Index(out, "<code>role-blended</code>")
	if i < 0 {
		t.Fatal("no role-blended finding")
	}
	finding := out[i : i+strings.Index(out[i:], "</li>\n<li class=\"finding\">")]
	for _, want := range []string{
		`<p class="elabel">Product Owner work</p>`, "Own the product backlog for the payments team and order it by value",
		`<p class="elabel">Product Manager work</p>`, "Own the pricing model for transaction fees",
	} {
		if !strings.Contains(finding, want) {
			t.Errorf("the role-blended finding lacks %q:\n%s", want, finding)
		}
	}
}

// A diff row shows its sign in a column of its own and the line's own text apart from it,
// so a list item reads "−" then "- Own ...", never "- - Own ...".
func TestHTMLDiffSignColumn(t *testing.T) {
	out := renderHTML(t, fixedResults(t))
	rows := regexp.MustCompile(`<div class="row (before|after)">(.*?)</div>`).FindAllStringSubmatch(out, -1)
	if len(rows) == 0 {
		t.Fatal("no diff rows")
	}
	sign := regexp.MustCompile(`^<span class="sign" title="(?:before|after)">[−+]</span><span class="text">(.*)</span>$`)
	listItem := false
	for _, r := range rows {
		m := sign.FindStringSubmatch(r[2])
		if m == nil {
			t.Errorf("%s row without a sign column: %s", r[1], r[2])
			continue
		}
		// the line's own text, list marker and all, as the posting has it
		listItem = listItem || strings.HasPrefix(m[1], "- <del>Own the pricing model</del> for transaction fees")
	}
	if !listItem {
		t.Error(`no before row holds the list item "- Own the pricing model..." apart from its sign`)
	}
	if regexp.MustCompile(`<div class="(?:before|after)">[-+] `).MatchString(out) {
		t.Error("a diff row starts with its sign inside the line's text")
	}
}
