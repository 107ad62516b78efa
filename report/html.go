package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

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
	Evidence []htmlEvidence
	More     int // evidence sentences left out
	Fix      *htmlFix
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
	Dots          []htmlDot
	AxisY         string
	NAX           string // x of the "no evidence" column label
	LabelY        string
	NoteY         string
	Empty         bool
}

type htmlRect struct{ X, Y, W, H string }

type htmlTick struct {
	X, Label string
}

type htmlDot struct {
	X, Y, Size string
	Class      string
	Anchor     string
	Tip        string
}

// Chart geometry, in SVG user units.
const (
	chartW      = 810
	chartH      = 300
	plotX0      = 40.0
	plotW       = 680.0
	plotTop     = 12.0
	plotBase    = 240.0
	chartBins   = 20
	naGap       = 40.0
	plotHeightU = plotBase - plotTop
	maxSquare   = 24.0 // a few postings should not look like bar charts
)

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
	return htmlTemplate.Execute(w, page)
}

func htmlPostingOf(r lint.Result, row Row, ns []nlp.Notice, anchor string) htmlPosting {
	hp := htmlPosting{Anchor: anchor, Path: row.Path, Title: row.Title, Class: verdictClass(row.Verdict), Verdict: string(row.Verdict), Err: row.Err}
	if p := r.Posting; p != nil {
		hp.Roles = fmt.Sprintf("%s → %s", row.TitleRole, row.Detected)
		hp.Share = share(row.POShare)
		if v := r.Verdict; v != nil {
			hp.Evidence = fmt.Sprintf("PO %.1f · PM %.1f · shared %.1f · other %.1f", v.Evidence.PO, v.Evidence.PM, v.Evidence.Shared, v.Evidence.Other)
		}
	}
	for _, n := range ns {
		hp.Notices = append(hp.Notices, htmlNotice{Pos: fmt.Sprintf("%d:%d", n.Span.Line, n.Span.Column), Message: n.Message})
	}
	src := r.Src()
	for _, f := range r.Findings {
		hf := htmlFinding{Severity: f.Severity.String(), Pos: fmt.Sprintf("%d:%d", f.Span.Line, f.Span.Column), Rule: f.Rule, Message: f.Message}
		for _, e := range f.Evidence {
			text := spanText(src, e.Start, e.End)
			if text == "" {
				continue
			}
			if len(hf.Evidence) == maxEvidence {
				hf.More++
				continue
			}
			hf.Evidence = append(hf.Evidence, htmlEvidence{Line: e.Line, Text: text})
		}
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
				tip += fmt.Sprintf(", no PO or PM evidence, title %s, detected %s", r.TitleRole, r.Detected)
			}
			c.Dots = append(c.Dots, htmlDot{
				X: f1(x0 + float64(col)*sq + gap/2), Y: f1(plotBase - float64(row+1)*sq + gap/2), Size: f1(sq - gap),
				Class: verdictClass(r.Verdict), Anchor: anchors[r.Index], Tip: tip,
			})
		}
	}
	th := verdict.DefaultThresholds
	c.Band = htmlRect{X: f1(plotX0 + th.BlendLow*plotW), Y: f1(plotTop), W: f1((th.BlendHigh - th.BlendLow) * plotW), H: f1(plotHeightU)}
	for _, p := range []int{0, 25, 50, 75, 100} {
		c.Ticks = append(c.Ticks, htmlTick{X: f1(plotX0 + float64(p)/100*plotW), Label: fmt.Sprintf("%d%%", p)})
	}
	c.AxisY = f1(plotBase)
	c.NAX = f1(plotX0 + plotW + naGap + bw/2)
	c.LabelY = f1(plotBase + 18)
	c.NoteY = f1(plotBase + 44)
	var leg []htmlCount
	for _, v := range Verdicts {
		if legend[v] > 0 {
			leg = append(leg, htmlCount{Label: string(v), N: legend[v], Class: verdictClass(v)})
		}
	}
	return c, leg
}
