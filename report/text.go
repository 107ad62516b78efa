package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/rules"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiStrike = "\x1b[9m"
)

func paint(on bool, code, s string) string {
	if !on || s == "" {
		return s
	}
	return code + s + ansiReset
}

func sevColor(s rules.Severity) string {
	switch s {
	case rules.Error:
		return ansiRed
	case rules.Warning:
		return ansiYellow
	}
	return ansiBlue
}

// Text writes findings grouped per file ("line:col severity message rule"), each fix as an
// inline word diff, then for several files the batch table, then a one-line summary. File
// names and text from the postings have their control characters escaped (safe.go).
func Text(w io.Writer, results []lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	c := opts.Color
	for _, r := range results {
		ns := notices(r)
		if r.Err == nil && len(r.Findings) == 0 && len(ns) == 0 {
			continue
		}
		fmt.Fprintln(bw, paint(c, ansiBold, termPath(r.Path)))
		if r.Err != nil {
			fmt.Fprintf(bw, "  %s  %s\n", paint(c, ansiRed, "error"), Printable(r.Err.Error()))
		}
		for _, n := range ns {
			fmt.Fprintf(bw, "  %-7s %-8s %s\n", fmt.Sprintf("%d:%d", n.Span.Line, n.Span.Column), "notice", Printable(n.Message))
		}
		for _, f := range r.Findings {
			pos := fmt.Sprintf("%d:%d", f.Span.Line, f.Span.Column)
			fmt.Fprintf(bw, "  %-7s %s %s  %s\n", paint(c, ansiDim, pos), paint(c, sevColor(f.Severity), fmt.Sprintf("%-8s", f.Severity)),
				Printable(f.Message), paint(c, ansiDim, Printable(f.Rule)))
			if f.Fix != nil && len(f.Fix.Edits) > 0 && !opts.Quiet {
				writeFixPreview(bw, r, f, c)
			}
		}
		fmt.Fprintln(bw)
	}
	if !opts.Quiet {
		if len(results) > 1 {
			writeTable(bw, results, c)
		}
		t := Total(results)
		summary := fmt.Sprintf("%s (%s, %s, %s) in %s",
			plural(t.Findings, "problem"), plural(t.Errors, "error"), plural(t.Warnings, "warning"), plural(t.Infos, "info"),
			plural(t.Files, "file"))
		if t.FileErrors > 0 {
			summary += fmt.Sprintf("; %s could not be linted", plural(t.FileErrors, "file"))
		}
		mark, color := "✔", ansiGreen
		if t.Findings > 0 || t.FileErrors > 0 {
			mark, color = "✖", ansiRed
		}
		fmt.Fprintln(bw, paint(c, color+ansiBold, mark+" "+summary))
	}
	return bw.Flush()
}

// termPath is a result's path as the text and line formats show it: forward slashes, and
// quoted as git quotes it when it holds a control character.
func termPath(p string) string { return QuotePath(displayPath(p)) }

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "s") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// writeTable prints every posting, worst first (path, title, title role -> detected role,
// PO share, findings by severity), then totals per detected role and verdict.
func writeTable(w io.Writer, results []lint.Result, c bool) {
	rows := Rows(results)
	pw, tw := 4, 5
	for i := range rows {
		rows[i].Path, rows[i].Title = QuotePath(rows[i].Path), Printable(rows[i].Title)
		pw = max(pw, len([]rune(rows[i].Path)))
		tw = max(tw, len([]rune(rows[i].Title)))
	}
	pw, tw = min(pw, 60), min(tw, 36)
	fmt.Fprintln(w, paint(c, ansiBold, fmt.Sprintf("%-*s  %-*s  %-5s -> %-8s  %8s  %s", pw, "file", tw, "title", "role", "detected", "PO share", "findings (E/W/I)")))
	for _, r := range rows {
		path := r.Path
		if rs := []rune(path); len(rs) > pw {
			path = "…" + string(rs[len(rs)-pw+1:])
		}
		if r.Err != "" {
			fmt.Fprintf(w, "%-*s  %-*s  %s\n", pw, path, tw, "", paint(c, ansiRed, "could not be linted"))
			continue
		}
		title := r.Title
		if title == "" {
			title = "-"
		}
		fmt.Fprintf(w, "%-*s  %-*s  %-5s -> %-8s  %8s  %d/%d/%d\n", pw, path, tw, clipRunes(title, tw), r.TitleRole, r.Detected, share(r.POShare), r.Errors, r.Warnings, r.Infos)
	}
	t := Total(results)
	fmt.Fprintf(w, "\npostings by detected role: PO %d, PM %d, blended %d, other %d, unknown %d\n",
		t.ByDetected["PO"], t.ByDetected["PM"], t.ByDetected["blended"], t.ByDetected["other"], t.ByDetected["unknown"])
	fmt.Fprintf(w, "mislabeled %d, blended %d, not a product role %d, files with errors %d\n\n",
		postingsWith(results, "role-mislabeled"), postingsWith(results, "role-blended"), postingsWith(results, "not-a-product-role"), t.FileErrors)
}

// postingsWith counts the postings with at least one finding of rule.
func postingsWith(results []lint.Result, rule string) int {
	n := 0
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Rule == rule {
				n++
				break
			}
		}
	}
	return n
}

// Line writes one finding a line: path:line:col: severity rule: message. A path with control
// characters is quoted and a message has them escaped (safe.go), so that every finding is
// exactly one line.
func Line(w io.Writer, results []lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		path := termPath(r.Path)
		if r.Err != nil {
			fmt.Fprintf(bw, "%s:1:1: error io: %s\n", path, Printable(r.Err.Error()))
		}
		for _, f := range r.Findings {
			fmt.Fprintf(bw, "%s:%d:%d: %s %s: %s\n", path, f.Span.Line, f.Span.Column, f.Severity, Printable(f.Rule), Printable(f.Message))
		}
	}
	return bw.Flush()
}

// writeFixPreview prints a fix under its finding as an inline word diff of the lines it
// touches. Implemented in worddiff.go.
func writeFixPreview(w io.Writer, r lint.Result, f rules.Finding, color bool) {
	for _, line := range FixPreview(r.Src(), f.Fix, color) {
		fmt.Fprintf(w, "          %s\n", line)
	}
	kind := "safe fix"
	if !f.Fix.Safe {
		kind = "unsafe fix (--unsafe-fixes)"
	}
	fmt.Fprintf(w, "          %s\n", paint(color, ansiDim, kind+": "+Printable(f.Fix.Description)))
}
