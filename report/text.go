package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
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
		for i, f := range r.Findings {
			pos := fmt.Sprintf("%d:%d", f.Span.Line, f.Span.Column)
			fmt.Fprintf(bw, "  %-7s %s %s  %s\n", paint(c, ansiDim, pos), paint(c, sevColor(f.Severity), fmt.Sprintf("%-8s", f.Severity)),
				Printable(ShortMessage(f, quoteWidth)), paint(c, ansiDim, Printable(f.Rule)))
			if f.Fix != nil && len(f.Fix.Edits) > 0 && !opts.Quiet {
				writeFixPreview(bw, r, i, c)
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
	pw, tw, sw := min(pw, 60), min(tw, 36), len("PO share")
	for _, r := range rows {
		sw = max(sw, len(share(r.POShare)))
	}
	fmt.Fprintln(w, paint(c, ansiBold, fmt.Sprintf("%-*s  %-*s  %-5s -> %-8s  %*s  %s", pw, "file", tw, "title", "role", "detected", sw, "PO share", "findings (E/W/I)")))
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
		fmt.Fprintf(w, "%-*s  %-*s  %-5s -> %-8s  %*s  %d/%d/%d\n", pw, path, tw, clipWords(title, tw), r.TitleRole, r.Detected, sw, share(r.POShare), r.Errors, r.Warnings, r.Infos)
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

// writeFixPreview prints the fix of finding i under it as an inline word diff of the lines
// it touches (worddiff.go). A change that a smaller fix of another finding makes too (the
// role-blended rewrite of a sentence that off-role-duty also rewrites) is previewed there
// only, and named here by its line.
func writeFixPreview(w io.Writer, r lint.Result, i int, color bool) {
	f := r.Findings[i]
	var owners []string
	lines, left := fixPreview(r.Src(), f.Fix, color, func(held []rules.Edit) bool {
		by := previewedBy(r.Findings, i, held)
		for _, o := range by {
			if !slices.Contains(owners, o) {
				owners = append(owners, o)
			}
		}
		return len(by) > 0
	})
	for _, line := range lines {
		fmt.Fprintf(w, "          %s\n", line)
	}
	if len(left) > 0 {
		nums := make([]string, len(left))
		for k, n := range left {
			nums[k] = strconv.Itoa(n)
		}
		note := "the rewrite of line " + nums[0] + " is previewed with " + Printable(joinAnd(owners))
		if len(nums) > 1 {
			note = "the rewrites of lines " + joinAnd(nums) + " are previewed with " + Printable(joinAnd(owners))
		}
		fmt.Fprintf(w, "          %s\n", paint(color, ansiDim, note))
	}
	kind := "safe fix"
	if !f.Fix.Safe {
		kind = "unsafe fix (--unsafe-fixes)"
	}
	fmt.Fprintf(w, "          %s\n", paint(color, ansiDim, kind+": "+Printable(f.Fix.Description)))
}

// previewedBy returns the rules of the findings that preview held, a change in the fix of
// finding i, when every edit of it is in the fix of another finding that previews it: a fix
// with fewer edits, or the same number and an earlier place. It returns nil when some edit
// is previewed nowhere else.
func previewedBy(fs []rules.Finding, i int, held []rules.Edit) []string {
	size := len(fs[i].Fix.Edits)
	var by []string
	for _, e := range held {
		found := false
		for j, g := range fs {
			if j == i || g.Fix == nil || len(g.Fix.Edits) > size || len(g.Fix.Edits) == size && j > i {
				continue
			}
			if slices.Contains(g.Fix.Edits, e) {
				found = true
				if !slices.Contains(by, g.Rule) {
					by = append(by, g.Rule)
				}
				break
			}
		}
		if !found {
			return nil
		}
	}
	return by
}
