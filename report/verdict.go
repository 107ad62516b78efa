package report

import (
	"os"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// DefaultAnnotations is how many error, warning and notice annotations GitHub shows per step.
const DefaultAnnotations = 10

// DefaultMaxRows is how many postings the markdown report's table lists.
const DefaultMaxRows = 50

// Verdict is the outcome of one posting in a word or two, for charts and badges.
type Verdict string

// Verdicts, worst first.
const (
	VerdictError      Verdict = "could not be linted"
	VerdictMislabeled Verdict = "mislabeled"
	VerdictNotProduct Verdict = "not a product role"
	VerdictBlended    Verdict = "blended"
	VerdictReview     Verdict = "needs review" // other warnings or errors: no title, not English, no core duties
	VerdictOK         Verdict = "ok"
)

// Verdicts lists every verdict, worst first.
var Verdicts = []Verdict{VerdictError, VerdictMislabeled, VerdictNotProduct, VerdictBlended, VerdictReview, VerdictOK}

// VerdictOf sums up a result: the role rules decide first, then any other warning or error.
func VerdictOf(r lint.Result) Verdict {
	if r.Err != nil {
		return VerdictError
	}
	has := map[string]bool{}
	review := false
	for _, f := range r.Findings {
		has[f.Rule] = true
		if f.Severity >= rules.Warning {
			review = true
		}
	}
	switch {
	case has["role-mislabeled"]:
		return VerdictMislabeled
	case has["not-a-product-role"]:
		return VerdictNotProduct
	case has["role-blended"]:
		return VerdictBlended
	case review:
		return VerdictReview
	}
	return VerdictOK
}

// hunk is one run of whole lines that a fix changes, before and after.
type hunk struct {
	Line          int // first line, 1-based
	Before, After string
	// The same texts cut where the edits start and end; Changed marks the replaced and the
	// inserted text.
	BeforeSegs, AfterSegs []segment
}

// segment is a piece of a hunk's text.
type segment struct {
	Text    string
	Changed bool
}

func addSeg(segs []segment, text string, changed bool) []segment {
	text = nlp.NormalizeLineEnds(text)
	if text == "" {
		return segs
	}
	return append(segs, segment{Text: text, Changed: changed})
}

// Segment is a piece of a fix preview's text; Changed marks replaced or inserted text.
type Segment struct {
	Text    string
	Changed bool
}

// Preview is a run of whole lines that edits change, before and after, cut where the edits
// start and end; line ends are written as LF.
type Preview struct {
	Line          int // first line, 1-based
	Before, After []Segment
}

// EditPreview returns the previews of sorted, non-overlapping edits of src, the same the
// reports show: edits on the same or neighbouring lines share a preview. The web page uses
// it for its before/after views.
func EditPreview(src []byte, edits []rules.Edit) []Preview {
	var out []Preview
	for _, h := range fixHunks(src, &rules.Fix{Edits: edits}) {
		p := Preview{Line: h.Line}
		for _, sg := range h.BeforeSegs {
			p.Before = append(p.Before, Segment(sg))
		}
		for _, sg := range h.AfterSegs {
			p.After = append(p.After, Segment(sg))
		}
		out = append(out, p)
	}
	return out
}

// fixHunks splices a fix's edits into the lines they touch, without re-parsing, and returns
// the changed lines before and after, with every line end written as LF. Lines are the
// file's own (nlp.Source): LF, CRLF or a lone CR. Edits that touch the same or neighbouring
// lines share a hunk. It returns nil when the edits do not fit src (out of range, unsorted
// or overlapping).
func fixHunks(src []byte, fix *rules.Fix) []hunk {
	if fix == nil {
		return nil
	}
	prev := 0
	for _, e := range fix.Edits {
		if e.Start < prev || e.End < e.Start || e.End > len(src) {
			return nil
		}
		prev = e.End
	}
	lines := nlp.NewSource(src)
	var out []hunk
	for i := 0; i < len(fix.Edits); {
		ls, le := lines.LineRange(fix.Edits[i].Start, fix.Edits[i].End)
		j := i + 1
		for j < len(fix.Edits) && lines.LineOf(fix.Edits[j].Start) <= lines.LineOf(le)+1 { // same or next line
			_, le = lines.LineRange(fix.Edits[j].Start, fix.Edits[j].End)
			j++
		}
		var after strings.Builder
		var bsegs, asegs []segment
		at := ls
		for _, e := range fix.Edits[i:j] {
			after.Write(src[at:e.Start])
			after.WriteString(e.New)
			bsegs = addSeg(bsegs, string(src[at:e.Start]), false)
			bsegs = addSeg(bsegs, string(src[e.Start:e.End]), true)
			asegs = addSeg(asegs, string(src[at:e.Start]), false)
			asegs = addSeg(asegs, e.New, true)
			at = e.End
		}
		after.Write(src[at:le])
		bsegs = addSeg(bsegs, string(src[at:le]), false)
		asegs = addSeg(asegs, string(src[at:le]), false)
		out = append(out, hunk{
			Line:       lines.LineOf(ls),
			Before:     nlp.NormalizeLineEnds(string(src[ls:le])),
			After:      nlp.NormalizeLineEnds(after.String()),
			BeforeSegs: bsegs,
			AfterSegs:  asegs,
		})
		i = j
	}
	return out
}

// spanText returns the text of a span of src on one line, whitespace collapsed.
func spanText(src []byte, start, end int) string {
	if start < 0 || end > len(src) || start >= end {
		return ""
	}
	return strings.Join(strings.Fields(string(src[start:end])), " ")
}

// LinkBaseFromEnv returns the blob URL of the commit a GitHub Actions run checked out
// (GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA), or "" outside Actions.
func LinkBaseFromEnv() string {
	server, repo, sha := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" {
		return ""
	}
	return strings.TrimRight(server, "/") + "/" + repo + "/blob/" + sha
}

// annotationCounts returns how many error, warning and notice lines the github format writes.
func annotationCounts(results []lint.Result) (errs, warnings, notes int) {
	for _, r := range results {
		if r.Err != nil {
			errs++
		}
		notes += len(notices(r))
		for _, f := range r.Findings {
			switch f.Severity {
			case rules.Error:
				errs++
			case rules.Warning:
				warnings++
			case rules.Info:
				notes++
			}
		}
	}
	return errs, warnings, notes
}
