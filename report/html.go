package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is the HTML report's template, parsed on first use (0.3-0.5 ms) rather than
// when the program starts: most runs print no HTML report.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(htmlSource))
})

// maxEvidence is how many evidence sentences a finding shows in the HTML report.
const maxEvidence = 8

// verdictClass names a verdict in CSS.
func verdictClass(v Verdict) string {
	switch v {
	case VerdictError:
		return "v-error"
	case VerdictMislabeled:
		return "v-mislabeled"
	case VerdictNotProduct:
		return "v-notproduct"
	case VerdictBlended:
		return "v-blended"
	case VerdictReview:
		return "v-review"
	}
	return "v-ok"
}

type htmlPage struct {
	Version  string
	Files    int
	Totals   Totals
	Cards    []htmlCount
	Roles    []htmlCount
	Chart    htmlChart
	Legend   []htmlCount
	Rows     []htmlRow
	Postings []htmlPosting
	Clean    int // postings with nothing to show
}

type htmlCount struct {
	Label string
	N     int
	Class string
}

type htmlRow struct {
	Row
	Anchor  string // "" when the posting has no details section
	Class   string
	Share   string
	ShareW  string // width of the share bar, CSS percent
	HasBar  bool
	Verdict string
}

type htmlPosting struct {
	Anchor   string
	Path     string
	Title    string
	Class    string
	Verdict  string
	Roles    string
	Share    string
	Evidence string
	Err      string
	Notices  []htmlNotice
	Findings []htmlFinding
}

type htmlNotice struct {
	Pos, Message string
}

type htmlFinding struct {
	Severity string
	Pos      string
	Rule     string
	Message  string
	Evidence []htmlEvidenceGroup
	Fix      *htmlFix
}

// htmlEvidenceGroup is a finding's evidence for one role (Label names it) or, when the
// finding does not tell roles apart, all of it (Label "").
type htmlEvidenceGroup struct {
	Label string
	Items []htmlEvidence
	More  int // evidence sentences left out
}

type htmlEvidence struct {
	Line int
	Text string
}

type htmlFix struct {
	Description string
	Safe        bool
	Hunks       []htmlHunk
}

// htmlHunk is a hunk cut into lines, each a list of segments.
type htmlHunk struct {
	Line          int
	Before, After [][]segment
}

// segmentLines cuts segments at newlines.
func segmentLines(segs []segment) [][]segment {
	lines := [][]segment{nil}
	for _, sg := range segs {
		for i, part := range strings.Split(sg.Text, "\n") {
			if i > 0 {
				lines = append(lines, nil)
			}
			if part != "" {
				lines[len(lines)-1] = append(lines[len(lines)-1], segment{Text: part, Changed: sg.Changed})
			}
		}
	}
	return lines
}

// htmlChart is the inline SVG dot histogram: one square per posting, placed by PO share.
type htmlChart struct {
	Width, Height int
	Band          htmlRect // the default blend band
	Ticks         []htmlTick
	Labels        []htmlLabel // tick labels, the none column's label, the notes under the axis
	Dots          []htmlDot
	AxisX1        string
	AxisX2        string
	AxisY         string
	Empty         bool
}

// htmlLabel is a line of text in the chart. Wide labels are drawn on wide screens only and
// narrow ones on narrow screens only (phoneWidth); the others at every width.
type htmlLabel struct {
	X, Y   float64
	Anchor string // SVG text-anchor: start, middle or end
	Text   string
	Wide   bool
	Narrow bool
}

// Class is the label's CSS class, which hides it at the widths it is not for.
func (l htmlLabel) Class() string {
	switch {
	case l.Wide:
		return "wide"
	case l.Narrow:
		return "narrow"
	}
	return ""
}

// The chart's text size in user units: 13 on a wide screen, 28 at phone width (html.tmpl),
// where the chart is drawn about 350 pixels wide.
const (
	chartFont      = 13.0
	chartFontPhone = 28.0
)

type htmlRect struct{ X, Y, W, H string }

type htmlTick struct {
	X string
}

type htmlDot struct {
	X, Y, Size string
	Class      string
	Anchor     string
	Tip        string
}

// Chart geometry, in SVG user units.
const (
	chartW      = 860
	chartH      = 300
	plotX0      = 40.0
	plotW       = 680.0
	plotTop     = 12.0
	plotBase    = 240.0
	chartBins   = 20
	naGap       = 80.0 // between the 100% bin and the column of postings with no PO or PM duties
	plotHeightU = plotBase - plotTop
	maxSquare   = 24.0 // a few postings should not look like bar charts
)

// chartLabels places the chart's text: the tick labels under the axis, "none" under the
// column of postings with no PO or PM duties, and under them which end is which role's work,
// shortened at phone width (TestHTMLChartLabelsApart keeps them from colliding).
func chartLabels(bw float64) []htmlLabel {
	tickY, noteY := plotBase+18, plotBase+46
	var ls []htmlLabel
	for _, p := range []int{0, 25, 50, 75, 100} {
		ls = append(ls, htmlLabel{X: plotX0 + float64(p)/100*plotW, Y: tickY, Anchor: "middle", Text: fmt.Sprintf("%d%%", p)})
	}
	ls = append(ls,
		htmlLabel{X: plotX0 + plotW + naGap + bw/2, Y: tickY, Anchor: "middle", Text: "none"},
		htmlLabel{X: plotX0, Y: noteY, Anchor: "start", Text: "← Product Manager work", Wide: true},
		htmlLabel{X: plotX0 + plotW, Y: noteY, Anchor: "end", Text: "Product Owner work →", Wide: true},
		htmlLabel{X: plotX0, Y: noteY, Anchor: "start", Text: "← PM work", Narrow: true},
		htmlLabel{X: plotX0 + plotW, Y: noteY, Anchor: "end", Text: "PO work →", Narrow: true},
	)
	return ls
}

func f1(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// HTML writes one self-contained page (no scripts, fonts or styles from elsewhere): totals,
// a chart of every posting's PO share colored by verdict, the table of postings worst
// first, and each posting's findings with their evidence sentences and suggested rewrites.
func HTML(w io.Writer, results []lint.Result, opts Options) error {
	rows := Rows(results)
	t := Total(results)
	page := htmlPage{Version: opts.Version, Files: len(results), Totals: t}
	counts := map[Verdict]int{}
	for _, r := range rows {
		counts[r.Verdict]++
	}
	for _, v := range Verdicts {
		if v == VerdictError && counts[v] == 0 {
			continue
		}
		page.Cards = append(page.Cards, htmlCount{Label: string(v), N: counts[v], Class: verdictClass(v)})
	}
	for _, role := range []nlp.Role{nlp.PO, nlp.PM, nlp.Blended, nlp.Other, nlp.Unknown} {
		page.Roles = append(page.Roles, htmlCount{Label: string(role), N: t.ByDetected[role]})
	}
	anchors := map[int]string{}
	for _, row := range rows {
		r := results[row.Index]
		ns := notices(r)
		if r.Err == nil && len(r.Findings) == 0 && len(ns) == 0 {
			page.Clean++
			continue
		}
		anchor := fmt.Sprintf("p%d", row.Index+1)
		anchors[row.Index] = anchor
		page.Postings = append(page.Postings, htmlPostingOf(r, row, ns, anchor))
	}
	for _, row := range rows {
		hr := htmlRow{Row: row, Anchor: anchors[row.Index], Class: verdictClass(row.Verdict), Share: share(row.POShare), Verdict: string(row.Verdict)}
		if row.POShare != nil {
			hr.HasBar = true
			hr.ShareW = f1(*row.POShare * 100)
		}
		page.Rows = append(page.Rows, hr)
	}
	page.Chart, page.Legend = htmlChartOf(rows, anchors)
	return htmlTemplate().Execute(w, page)
}

// htmlEvidenceOf groups a finding's evidence sentences by the role each speaks for, Product
// Owner first, at most maxEvidence a group.
func htmlEvidenceOf(src []byte, evidence []rules.Evidence) []htmlEvidenceGroup {
	var groups []htmlEvidenceGroup
	for _, role := range []nlp.Role{"", nlp.PO, nlp.PM, nlp.Other} {
		g := htmlEvidenceGroup{}
		if role != "" {
			g.Label = role.Name() + " work"
		}
		for _, e := range evidence {
			text := spanText(src, e.Start, e.End)
			if e.Role != role || text == "" {
				continue
			}
			if len(g.Items) == maxEvidence {
				g.More++
				continue
			}
			g.Items = append(g.Items, htmlEvidence{Line: e.Line, Text: text})
		}
		if len(g.Items) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

func htmlPostingOf(r lint.Result, row Row, ns []nlp.Notice, anchor string) htmlPosting {
	hp := htmlPosting{Anchor: anchor, Path: row.Path, Title: row.Title, Class: verdictClass(row.Verdict), Verdict: string(row.Verdict), Err: row.Err}
	if p := r.Posting; p != nil {
		hp.Roles = fmt.Sprintf("%s → %s", row.TitleRole, row.Detected)
		if row.POShare != nil {
			hp.Share = share(row.POShare)
		}
		if v := r.Verdict; v != nil {
			hp.Evidence = EvidenceWords(v.Evidence)
		}
	}
	for _, n := range ns {
		hp.Notices = append(hp.Notices, htmlNotice{Pos: fmt.Sprintf("%d:%d", n.Span.Line, n.Span.Column), Message: n.Message})
	}
	src := r.Src()
	for _, f := range r.Findings {
		hf := htmlFinding{Severity: f.Severity.String(), Pos: fmt.Sprintf("%d:%d", f.Span.Line, f.Span.Column), Rule: f.Rule, Message: f.Message,
			Evidence: htmlEvidenceOf(src, f.Evidence)}
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			hf.Fix = &htmlFix{Description: f.Fix.Description, Safe: f.Fix.Safe}
			for _, h := range fixHunks(src, f.Fix) {
				hf.Fix.Hunks = append(hf.Fix.Hunks, htmlHunk{Line: h.Line, Before: segmentLines(h.BeforeSegs), After: segmentLines(h.AfterSegs)})
			}
		}
		hp.Findings = append(hp.Findings, hf)
	}
	return hp
}

// htmlChartOf lays out the dot histogram: 20 bins of PO share plus a column for postings
// with no PO or PM evidence; within a bin the squares stack worst verdict on top, in as
// many columns as it takes for the fullest bin to fit the plot's height.
func htmlChartOf(rows []Row, anchors map[int]string) (htmlChart, []htmlCount) {
	c := htmlChart{Width: chartW, Height: chartH}
	bins := make([][]Row, chartBins+1)
	legend := map[Verdict]int{}
	for _, r := range rows {
		if r.Err != "" {
			continue
		}
		i := chartBins
		if r.POShare != nil {
			i = min(max(int(math.Floor(*r.POShare*chartBins)), 0), chartBins-1)
		}
		bins[i] = append(bins[i], r)
		legend[r.Verdict]++
	}
	fullest := 0
	for _, b := range bins {
		fullest = max(fullest, len(b))
	}
	c.Empty = fullest == 0
	bw := plotW / chartBins
	k := 1
	for fullest > 0 && float64((fullest+k-1)/k)*bw/float64(k) > plotHeightU {
		k++
	}
	sq := min(bw/float64(k), maxSquare)
	rank := map[Verdict]int{}
	for i, v := range Verdicts {
		rank[v] = len(Verdicts) - i // ok at the bottom
	}
	for i, b := range bins {
		sort.SliceStable(b, func(x, y int) bool {
			if rank[b[x].Verdict] != rank[b[y].Verdict] {
				return rank[b[x].Verdict] > rank[b[y].Verdict]
			}
			return b[x].Path < b[y].Path
		})
		x0 := plotX0 + float64(i)*bw + (bw-float64(k)*sq)/2 // centred in the bin
		if i == chartBins {
			x0 += plotW + naGap - float64(i)*bw
		}
		for j, r := range b {
			col, row := j%k, j/k
			gap := math.Max(sq*0.12, 0.4)
			tip := r.Path + ": " + string(r.Verdict)
			if r.Title != "" {
				tip = r.Path + " (" + r.Title + "): " + string(r.Verdict)
			}
			if r.POShare != nil {
				tip += fmt.Sprintf(", PO share %s, title %s, detected %s", share(r.POShare), r.TitleRole, r.Detected)
			} else {
				tip += fmt.Sprintf(", %s, title %s, detected %s", NoDuties, r.TitleRole, r.Detected)
			}
			c.Dots = append(c.Dots, htmlDot{
				X: f1(x0 + float64(col)*sq + gap/2), Y: f1(plotBase - float64(row+1)*sq + gap/2), Size: f1(sq - gap),
				Class: verdictClass(r.Verdict), Anchor: anchors[r.Index], Tip: tip,
			})
		}
	}
	th := verdict.DefaultThresholds
	c.Band = htmlRect{X: f1(plotX0 + th.BlendLow*plotW), Y: f1(plotTop), W: f1((th.BlendHigh - th.BlendLow) * plotW), H: f1(plotHeightU)}
	c.AxisX1, c.AxisX2, c.AxisY = f1(plotX0-6), f1(plotX0+plotW+naGap+bw+6), f1(plotBase)
	c.Labels = chartLabels(bw)
	for _, p := range []int{0, 25, 50, 75, 100} {
		c.Ticks = append(c.Ticks, htmlTick{X: f1(plotX0 + float64(p)/100*plotW)})
	}
	var leg []htmlCount
	for _, v := range Verdicts {
		if legend[v] > 0 {
			leg = append(leg, htmlCount{Label: string(v), N: legend[v], Class: verdictClass(v)})
		}
	}
	return c, leg
}
