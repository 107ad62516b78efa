// Package report formats lint results: text, line, json, sarif, github, markdown, html and
// diff. It only reads results; every decision was made by rules/ and lint/.
package report

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// Options shape every format.
type Options struct {
	Color     bool   // ANSI colors in text output
	Quiet     bool   // text: findings only, no summary or table
	Version   string // jdlint's version, for json and sarif
	Unsafe    bool   // diff, text and markdown: include unsafe fixes
	FailLevel rules.Severity
	// Annotations is how many annotations of each severity GitHub shows per step; the
	// markdown report says how many the github format's lines go past it. 0 means GitHub's
	// limit (DefaultAnnotations); a negative value leaves the note out.
	Annotations int
	// MaxRows caps the per-posting table of the markdown report (0: DefaultMaxRows).
	MaxRows int
	// LinkBase, when set, prefixes the line links of the markdown report, for example
	// "https://github.com/OWNER/REPO/blob/SHA"; empty links are relative to the current folder.
	LinkBase string
}

// Formatter writes results in one format.
type Formatter func(w io.Writer, results []lint.Result, opts Options) error

// Formats lists the format names in the order `jdlint --help` shows them.
var Formats = []string{"text", "line", "json", "sarif", "github", "markdown", "html", "diff"}

// Lookup returns the formatter for name.
func Lookup(name string) (Formatter, error) {
	switch name {
	case "text":
		return Text, nil
	case "line":
		return Line, nil
	case "json":
		return JSON, nil
	case "sarif":
		return SARIF, nil
	case "github":
		return GitHub, nil
	case "markdown", "md":
		return Markdown, nil
	case "html":
		return HTML, nil
	case "diff":
		return Diff, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Formats, ", "))
}

// displayPath shows a path with forward slashes.
func displayPath(p string) string {
	if p == "-" {
		return "<stdin>"
	}
	return filepath.ToSlash(p)
}

// Row is one posting in the batch summary.
type Row struct {
	Path      string
	Title     string
	TitleRole nlp.Role
	Detected  nlp.Role
	POShare   *float64
	Errors    int
	Warnings  int
	Infos     int
	Err       string
	Verdict   Verdict
	Index     int // position in the results, for links between a table and its details
}

// Rows builds the batch summary rows, worst first: files with errors, then by findings
// (errors, warnings, infos), then by path.
func Rows(results []lint.Result) []Row {
	rows := make([]Row, 0, len(results))
	for i, r := range results {
		row := Row{Path: displayPath(r.Path), TitleRole: nlp.None, Detected: nlp.Unknown, Verdict: VerdictOf(r), Index: i}
		if r.Err != nil {
			row.Err = r.Err.Error()
		}
		if p, v := r.Posting, r.Verdict; p != nil && v != nil {
			row.Title, row.TitleRole, row.Detected, row.POShare = p.Title.Text, v.Title, v.Detected, v.POShare
		}
		for _, f := range r.Findings {
			switch f.Severity {
			case rules.Error:
				row.Errors++
			case rules.Warning:
				row.Warnings++
			case rules.Info:
				row.Infos++
			}
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.Err != "") != (b.Err != "") {
			return a.Err != ""
		}
		if a.Errors != b.Errors {
			return a.Errors > b.Errors
		}
		if a.Warnings != b.Warnings {
			return a.Warnings > b.Warnings
		}
		if a.Infos != b.Infos {
			return a.Infos > b.Infos
		}
		return a.Path < b.Path
	})
	return rows
}

// Totals are the batch counts.
type Totals struct {
	Files, Findings, Errors, Warnings, Infos, FileErrors int
	ByDetected                                           map[nlp.Role]int
	ByRule                                               map[string]int
}

// Total counts results.
func Total(results []lint.Result) Totals {
	t := Totals{ByDetected: map[nlp.Role]int{}, ByRule: map[string]int{}}
	for _, r := range results {
		t.Files++
		if r.Err != nil {
			t.FileErrors++
		}
		if r.Verdict != nil {
			t.ByDetected[r.Verdict.Detected]++
		}
		for _, f := range r.Findings {
			t.Findings++
			t.ByRule[f.Rule]++
			switch f.Severity {
			case rules.Error:
				t.Errors++
			case rules.Warning:
				t.Warnings++
			case rules.Info:
				t.Infos++
			}
		}
	}
	return t
}

// NoDuties says in words that a posting has no PO share: no sentence gave Product Owner or
// Product Manager evidence. NoDutiesShort says it in a table cell.
const (
	NoDuties      = "no Product Owner or Product Manager duties found"
	NoDutiesShort = "no PO/PM duties"
)

// share formats a PO share as a percentage, or NoDutiesShort when there is none.
func share(s *float64) string {
	if s == nil {
		return NoDutiesShort
	}
	return fmt.Sprintf("%.0f%%", *s*100)
}

// EvidenceWords says what a posting's evidence is made of, in words and shares of the whole
// rather than raw weights: "62% Product Owner work, 30% Product Manager work, 8% shared
// product work", or NoDuties and what there is instead.
func EvidenceWords(ev verdict.Evidence) string {
	total := ev.PO + ev.PM + ev.Shared + ev.Other
	if ev.PO+ev.PM == 0 {
		switch {
		case ev.Shared > 0 && ev.Other > 0:
			return NoDuties + "; shared product work (vision, roadmap, stakeholders) and project, account or delivery work"
		case ev.Shared > 0:
			return NoDuties + "; only shared product work (vision, roadmap, stakeholders)"
		case ev.Other > 0:
			return NoDuties + "; only project, account or delivery work"
		}
		return "no role evidence found"
	}
	parts := []struct {
		w    float64
		name string
	}{{ev.PO, "Product Owner work"}, {ev.PM, "Product Manager work"}, {ev.Shared, "shared product work"}, {ev.Other, "project, account or delivery work"}}
	var out []string
	for _, p := range parts {
		if pct := math.Round(100 * p.w / total); p.w > 0 {
			if pct < 1 {
				out = append(out, "a little "+p.name)
				continue
			}
			out = append(out, fmt.Sprintf("%.0f%% %s", pct, p.name))
		}
	}
	return strings.Join(out, ", ")
}

// notices returns the notices of a result: parse notices and a skipped file.
func notices(r lint.Result) []nlp.Notice {
	var out []nlp.Notice
	if r.Skipped != "" {
		out = append(out, nlp.Notice{Message: r.Skipped, Span: nlp.Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}})
	}
	if r.Posting != nil {
		out = append(out, r.Posting.Notices...)
	}
	return out
}
