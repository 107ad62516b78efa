package report

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
)

// MarkdownLimit is the size the markdown report stays under: GitHub refuses a job summary
// of 1 MiB or more.
const MarkdownLimit = 1<<20 - 1

// markdownReserve is kept free for the closing note when the findings are cut.
const markdownReserve = 2 << 10

// Markdown writes GitHub-flavoured Markdown for a pull request comment or a GitHub Actions job
// summary: the totals, a table of postings worst first (capped at opts.MaxRows), a note on
// the annotations GitHub will drop, then every posting's findings with line links, cut
// with a note if the whole would reach MarkdownLimit.
func Markdown(w io.Writer, results []lint.Result, opts Options) error {
	var b bytes.Buffer
	t := Total(results)
	rows := Rows(results)
	counts := map[Verdict]int{}
	for _, r := range rows {
		counts[r.Verdict]++
	}

	b.WriteString("## jdlint report\n\n")
	fmt.Fprintf(&b, "**%s** linted: %d mislabeled, %d blended, %d not a product role", plural(t.Files, "posting"),
		counts[VerdictMislabeled], counts[VerdictBlended], counts[VerdictNotProduct])
	if n := counts[VerdictReview]; n > 0 {
		fmt.Fprintf(&b, ", %d %s", n, VerdictReview)
	}
	fmt.Fprintf(&b, ", %d ok", counts[VerdictOK])
	if t.FileErrors > 0 {
		fmt.Fprintf(&b, "; **%d could not be linted**", t.FileErrors)
	}
	fmt.Fprintf(&b, ".\n\n%s: %s, %s, %d info.\n\n", capitalizeFirst(plural(t.Findings, "finding")),
		plural(t.Errors, "error"), plural(t.Warnings, "warning"), t.Infos)
	b.WriteString("| Detected role | PO | PM | blended | other | unknown |\n|---|--:|--:|--:|--:|--:|\n")
	fmt.Fprintf(&b, "| Postings | %d | %d | %d | %d | %d |\n\n", t.ByDetected["PO"], t.ByDetected["PM"],
		t.ByDetected["blended"], t.ByDetected["other"], t.ByDetected["unknown"])

	if limit := opts.Annotations; limit >= 0 {
		if limit == 0 {
			limit = DefaultAnnotations
		}
		e, wn, n := annotationCounts(results)
		var dropped []string
		for _, c := range []struct {
			n    int
			word string
		}{{e, "error"}, {wn, "warning"}, {n, "notice"}} {
			if c.n > limit {
				dropped = append(dropped, fmt.Sprintf("%d of %s", c.n-limit, plural(c.n, c.word)))
			}
		}
		if len(dropped) > 0 {
			fmt.Fprintf(&b, "> **Note:** GitHub shows at most %d error, %d warning and %d notice annotations per step, "+
				"so it drops %s from the github report's annotations. Every finding is listed below.\n\n",
				limit, limit, limit, joinAnd(dropped))
		}
	}

	if len(rows) > 1 {
		maxRows := opts.MaxRows
		if maxRows == 0 {
			maxRows = DefaultMaxRows
		}
		shown := rows
		if maxRows > 0 && len(rows) > maxRows {
			shown = rows[:maxRows]
		}
		b.WriteString("### Postings, worst first\n\n")
		b.WriteString("| Posting | Title | Title role → detected | PO share | Errors | Warnings | Info |\n|---|---|---|--:|--:|--:|--:|\n")
		for _, r := range shown {
			if r.Err != "" {
				fmt.Fprintf(&b, "| %s |  | **could not be linted** |  |  |  |  |\n", mdCell(r.Path))
				continue
			}
			link := mdLink(mdCell(r.Path), opts.LinkBase, r.Path, 0)
			fmt.Fprintf(&b, "| %s | %s | %s → %s | %s | %d | %d | %d |\n", link, mdCell(clipWords(r.Title, 80)),
				r.TitleRole, r.Detected, share(r.POShare), r.Errors, r.Warnings, r.Infos)
		}
		if left := len(rows) - len(shown); left > 0 {
			withFindings := 0
			for _, r := range rows[len(shown):] {
				if r.Err != "" || r.Errors+r.Warnings+r.Infos > 0 {
					withFindings++
				}
			}
			fmt.Fprintf(&b, "\n_%s not shown", plural(left, "more posting"))
			if withFindings > 0 {
				fmt.Fprintf(&b, " (%d with findings, listed below)", withFindings)
			} else {
				b.WriteString(", none with findings")
			}
			b.WriteString("._\n")
		}
		b.WriteString("\n")
	}

	var sec bytes.Buffer
	started := false
	leftFiles, leftFindings := 0, 0
	for _, row := range rows {
		r := results[row.Index]
		ns := notices(r)
		if r.Err == nil && len(r.Findings) == 0 && len(ns) == 0 {
			continue
		}
		if leftFiles > 0 {
			leftFiles++
			leftFindings += len(r.Findings)
			continue
		}
		sec.Reset()
		writeMarkdownFile(&sec, r, row, ns, opts)
		head := ""
		if !started {
			head = "### Findings\n\n"
		}
		if b.Len()+len(head)+sec.Len() > MarkdownLimit-markdownReserve {
			leftFiles, leftFindings = 1, len(r.Findings)
			continue
		}
		b.WriteString(head)
		started = true
		b.Write(sec.Bytes())
	}
	if leftFiles > 0 {
		fmt.Fprintf(&b, "_%s in %s left out to keep this summary under GitHub's 1 MiB limit; "+
			"the json, sarif and html reports have them all._\n", plural(leftFindings, "more finding"), plural(leftFiles, "posting"))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeMarkdownFile writes one posting's findings as a collapsible block, open when it
// holds an error.
func writeMarkdownFile(b *bytes.Buffer, r lint.Result, row Row, ns []nlp.Notice, opts Options) {
	open := ""
	if row.Err != "" || row.Errors > 0 {
		open = " open"
	}
	var parts []string
	if row.Err != "" {
		parts = append(parts, "could not be linted")
	}
	for _, c := range []struct {
		n    int
		word string
	}{{row.Errors, "error"}, {row.Warnings, "warning"}, {row.Infos, "info"}} {
		if c.n > 0 {
			if c.word == "info" {
				parts = append(parts, fmt.Sprintf("%d info", c.n))
			} else {
				parts = append(parts, plural(c.n, c.word))
			}
		}
	}
	if len(parts) == 0 {
		parts = append(parts, plural(len(ns), "notice"))
	}
	summary := strings.Join(parts, ", ")
	if row.Err == "" && r.Posting != nil {
		summary = fmt.Sprintf("%s → %s, %s", row.TitleRole, row.Detected, summary)
	}
	// the summary line is raw HTML: a blank line in a file name would end the HTML block and
	// turn the rest of the name into Markdown (a live link), so its control characters are
	// quoted first
	fmt.Fprintf(b, "<details%s><summary><code>%s</code>: %s</summary>\n\n", open, html.EscapeString(QuotePath(row.Path)),
		html.EscapeString(Printable(summary)))
	if row.Title != "" {
		fmt.Fprintf(b, "Title: %s\n\n", mdEscape(row.Title))
	}
	if r.Err != nil {
		fmt.Fprintf(b, "- **error** could not be linted: %s\n", mdEscape(r.Err.Error()))
	}
	for _, n := range ns {
		fmt.Fprintf(b, "- notice %s: %s\n", mdLink(fmt.Sprintf("%d:%d", n.Span.Line, n.Span.Column), opts.LinkBase, row.Path, n.Span.Line),
			mdEscape(n.Message))
	}
	for _, f := range r.Findings {
		fmt.Fprintf(b, "- **%s** %s `%s`: %s\n", f.Severity,
			mdLink(fmt.Sprintf("%d:%d", f.Span.Line, f.Span.Column), opts.LinkBase, row.Path, f.Span.Line), f.Rule, mdEscape(f.Message))
		// unsafe rewrites need a person's review: shown only when asked (--unsafe-fixes; the
		// Action's unsafe-fixes-preview input)
		if f.Fix == nil || len(f.Fix.Edits) == 0 || (!f.Fix.Safe && !opts.Unsafe) {
			continue
		}
		kind := "safe, `jdlint --fix`"
		if !f.Fix.Safe {
			kind = "unsafe, `jdlint --fix --unsafe-fixes`"
		}
		fmt.Fprintf(b, "  Suggested fix (%s): %s\n", kind, mdEscape(f.Fix.Description))
		for _, h := range fixHunks(r.Src(), f.Fix) {
			var d strings.Builder
			for _, l := range strings.Split(h.Before, "\n") {
				d.WriteString("-" + l + "\n")
			}
			for _, l := range strings.Split(h.After, "\n") {
				d.WriteString("+" + l + "\n")
			}
			writeFenced(b, "  ", "diff", d.String())
		}
	}
	b.WriteString("\n</details>\n\n")
}

// writeFenced writes a fenced code block indented by indent, with a fence longer than any
// run of backticks in body.
func writeFenced(b *bytes.Buffer, indent, lang, body string) {
	fence := "```"
	for strings.Contains(body, fence) {
		fence += "`"
	}
	fmt.Fprintf(b, "\n%s%s%s\n", indent, fence, lang)
	for _, l := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		fmt.Fprintf(b, "%s%s\n", indent, l)
	}
	fmt.Fprintf(b, "%s%s\n\n", indent, fence)
}

// mdLink links text to a file (line 0: the file itself) under base, or relative when base is
// empty.
func mdLink(text, base, path string, line int) string {
	if path == "<stdin>" {
		return text
	}
	target := escapeURIPath(strings.TrimPrefix(path, "./"))
	if base != "" {
		target = strings.TrimRight(base, "/") + "/" + target
	}
	if line > 0 {
		target += fmt.Sprintf("#L%d", line)
	}
	return "[" + text + "](" + strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(target) + ")"
}

// mdEscape backslash-escapes the characters that would turn text into Markdown or HTML.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune("\\`*_[]<>|~&#!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCell escapes text for a table cell.
func mdCell(s string) string { return mdEscape(s) }

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
