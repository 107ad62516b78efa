package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/rules"
)

// annotation is one GitHub workflow command before escaping.
type annotation struct {
	level   string // error, warning or notice
	file    string
	line    int // 0: the whole file
	col     int
	endLine int
	endCol  int
	title   string
	message string
}

// GitHub writes GitHub Actions workflow commands, one annotation a line:
//
//	::error file=a.md,line=1,col=3,endLine=1,endColumn=34,title=jdlint role-mislabeled::message
//
// Errors come first, then warnings, then notices (info findings and parse notices), each in
// file order, so that GitHub's per-step cap on annotations keeps the most severe. A file that
// could not be read is an error on that file.
func GitHub(w io.Writer, results []lint.Result, opts Options) error {
	var byLevel [3][]annotation
	for _, r := range results {
		path := displayPath(r.Path)
		if r.Err != nil {
			byLevel[0] = append(byLevel[0], annotation{level: "error", file: path, title: "jdlint", message: r.Err.Error()})
		}
		for _, f := range r.Findings {
			a := annotation{file: path, line: f.Span.Line, col: f.Span.Column, endLine: f.Span.EndLine, endCol: f.Span.EndColumn,
				title: "jdlint " + f.Rule, message: f.Message}
			if f.Fix != nil && len(f.Fix.Edits) > 0 {
				kind := "safe fix (jdlint --fix)"
				if !f.Fix.Safe {
					kind = "unsafe fix (jdlint --fix --unsafe-fixes)"
				}
				a.message += "\nSuggested " + kind + ": " + f.Fix.Description
			}
			i := 2
			switch f.Severity {
			case rules.Error:
				a.level, i = "error", 0
			case rules.Warning:
				a.level, i = "warning", 1
			default:
				a.level = "notice"
			}
			byLevel[i] = append(byLevel[i], a)
		}
		for _, n := range notices(r) {
			byLevel[2] = append(byLevel[2], annotation{level: "notice", file: path, line: n.Span.Line, col: n.Span.Column,
				endLine: n.Span.EndLine, endCol: n.Span.EndColumn, title: "jdlint", message: n.Message})
		}
	}
	bw := bufio.NewWriter(w)
	for _, level := range byLevel {
		for _, a := range level {
			bw.WriteString(a.String())
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// String renders the workflow command with GitHub's escaping.
func (a annotation) String() string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(a.level)
	props := []string{"file=" + escapeProperty(a.file)}
	if a.line > 0 {
		props = append(props, fmt.Sprintf("line=%d", a.line))
		if a.col > 0 {
			props = append(props, fmt.Sprintf("col=%d", a.col))
		}
		if a.endLine >= a.line {
			props = append(props, fmt.Sprintf("endLine=%d", a.endLine))
			if a.endCol > 0 {
				props = append(props, fmt.Sprintf("endColumn=%d", a.endCol))
			}
		}
	}
	if a.title != "" {
		props = append(props, "title="+escapeProperty(a.title))
	}
	b.WriteByte(' ')
	b.WriteString(strings.Join(props, ","))
	b.WriteString("::")
	b.WriteString(escapeData(a.message))
	return b.String()
}

// escapeData escapes a workflow command's message: % first, then CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as data, plus : and ,.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
