// Package suggest turns the safe fixes of a jdlint JSON report into GitHub "suggested
// changes": review comments on a pull request whose ```suggestion block the author commits
// with one click, from GitHub's web editor. The Action's suggest-fixes input runs it as
// `jdlint-github suggest REPORT.json` (cmd/jdlint-github; github.go talks to the API with
// net/http only). jdlint itself must not import this package: it would link net/http.
//
// A suggestion replaces whole lines, so each fix becomes one suggestion per group of lines
// its edits touch. GitHub takes review comments only on lines of the pull request's diff; a
// suggestion elsewhere, or where no comment can be posted at all (a pull request from a fork,
// a read-only token), is printed as an annotation instead, with the reason.
package suggest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Report is the part of jdlint's JSON report (report/json.go) read here.
type Report struct {
	Files []ReportFile `json:"files"`
}

// ReportFile is one posting of the report; Path is relative to the workspace.
type ReportFile struct {
	Path     string          `json:"path"`
	Findings []ReportFinding `json:"findings"`
}

// ReportFinding is one finding; only its fix is used.
type ReportFinding struct {
	Rule string     `json:"rule"`
	Line int        `json:"line"`
	Fix  *ReportFix `json:"fix"`
}

// ReportFix is a finding's fix: byte-offset edits of the posting as it was linted.
type ReportFix struct {
	Description string       `json:"description"`
	Safe        bool         `json:"safe"`
	Edits       []ReportEdit `json:"edits"`
}

// ReportEdit replaces the bytes [Start, End) with New.
type ReportEdit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// ParseReport decodes a jdlint JSON report.
func ParseReport(data []byte) (Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return Report{}, fmt.Errorf("read jdlint's JSON report: %w", err)
	}
	return r, nil
}

// Suggestion is one suggested change: lines StartLine to EndLine (1-based, inclusive) of
// Path, replaced by New (the new lines without the last line end).
type Suggestion struct {
	Path        string
	Rule        string
	Description string
	StartLine   int
	EndLine     int
	Old         string // the lines replaced, without the last line end
	New         string
	Part, Parts int // this suggestion's place among those of one fix (1 of 1 for most)
}

// Key names a suggestion across runs: the same fix on the same lines has the same key, so a
// re-run finds the comment it posted before.
func (s Suggestion) Key() string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%d\x00%d", s.Path, s.Rule, s.StartLine, s.EndLine))
	return hex.EncodeToString(h[:12])
}

// Skipped is a safe fix that cannot be a suggested change, and why.
type Skipped struct {
	Path        string
	Line        int
	Rule        string
	Description string
	Reason      string
}

// Suggestions returns the suggested changes for the safe fixes in rep, reading each posting
// with read (as it is in the workspace; it must be what jdlint linted), sorted by path and
// line. Fixes that cannot become suggestions are returned as skipped: a posting that cannot
// be read or has changed since, CRLF line ends or a byte order mark (which a suggestion would
// not keep), and a fix whose lines overlap those of an earlier one.
func Suggestions(rep Report, read func(path string) ([]byte, error)) ([]Suggestion, []Skipped) {
	var sugs []Suggestion
	var skipped []Skipped
	for _, f := range rep.Files {
		var fixes []ReportFinding
		for _, fd := range f.Findings {
			if fd.Fix != nil && fd.Fix.Safe && len(fd.Fix.Edits) > 0 {
				fixes = append(fixes, fd)
			}
		}
		if len(fixes) == 0 {
			continue
		}
		skipAll := func(reason string) {
			for _, fd := range fixes {
				skipped = append(skipped, Skipped{f.Path, fd.Line, fd.Rule, fd.Fix.Description, reason})
			}
		}
		src, err := read(f.Path)
		switch {
		case err != nil:
			skipAll(fmt.Sprintf("the posting could not be read: %v", err))
			continue
		case bytes.IndexByte(src, '\r') >= 0:
			skipAll("the posting has CRLF line ends, which a suggested change would not keep")
			continue
		case bytes.HasPrefix(src, []byte("\ufeff")):
			skipAll("the posting starts with a byte order mark, which a suggested change would not keep")
			continue
		}
		var mine []Suggestion
		for _, fd := range fixes {
			s, err := fixSuggestions(f.Path, fd, src)
			if err != nil {
				skipped = append(skipped, Skipped{f.Path, fd.Line, fd.Rule, fd.Fix.Description, err.Error()})
				continue
			}
			mine = append(mine, s...)
		}
		// two suggestions on the same lines: committing one would break the other
		slices.SortStableFunc(mine, func(a, b Suggestion) int { return a.StartLine - b.StartLine })
		last := 0
		for _, s := range mine {
			if s.StartLine <= last {
				skipped = append(skipped, Skipped{s.Path, s.StartLine, s.Rule, s.Description, "its lines overlap another suggested change; run jdlint --fix"})
				continue
			}
			sugs = append(sugs, s)
			last = s.EndLine
		}
	}
	return sugs, skipped
}

// fixSuggestions splits one fix into suggestions, one per group of lines its edits touch.
func fixSuggestions(path string, fd ReportFinding, src []byte) ([]Suggestion, error) {
	edits := slices.Clone(fd.Fix.Edits)
	slices.SortFunc(edits, func(a, b ReportEdit) int { return a.Start - b.Start })
	prev := 0
	for _, e := range edits {
		if e.Start < prev || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("the posting changed since it was linted (an edit at byte %d does not fit)", e.Start)
		}
		prev = e.End
	}
	lines := lineStarts(src)
	lineOf := func(off int) int { // 1-based line of byte offset off
		i, _ := slices.BinarySearch(lines, off+1)
		return i
	}
	// lineEnd is the offset of line n's line end (or of the end of the file)
	lineEnd := func(n int) int {
		if n < len(lines) {
			return lines[n] - 1
		}
		return len(bytes.TrimSuffix(src, []byte("\n")))
	}
	type group struct {
		first, last int
		edits       []ReportEdit
	}
	var groups []group
	for _, e := range edits {
		first := lineOf(e.Start)
		last := first
		if e.End > e.Start {
			last = lineOf(e.End - 1)
		}
		// an edit that takes a line end joins the next line too
		for e.End > lineEnd(last) && last < len(lines) {
			last++
		}
		if n := len(groups); n > 0 && first <= groups[n-1].last {
			groups[n-1].last = max(groups[n-1].last, last)
			groups[n-1].edits = append(groups[n-1].edits, e)
			continue
		}
		groups = append(groups, group{first, last, []ReportEdit{e}})
	}
	out := make([]Suggestion, 0, len(groups))
	for i, g := range groups {
		start, end := lines[g.first-1], lineEnd(g.last)
		var b strings.Builder
		at := start
		for _, e := range g.edits {
			b.Write(src[at:e.Start])
			b.WriteString(e.New)
			at = e.End
		}
		b.Write(src[at:end])
		out = append(out, Suggestion{
			Path: path, Rule: fd.Rule, Description: fd.Fix.Description,
			StartLine: g.first, EndLine: g.last,
			Old: string(src[start:end]), New: b.String(),
			Part: i + 1, Parts: len(groups),
		})
	}
	return out, nil
}

// lineStarts returns the byte offset at which each line starts.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// marker ends the body of every comment this package posts; a re-run finds its comments by it.
const markerPrefix = "<!-- jdlint-suggestion: "

// Body is the review comment of a suggestion: what the fix does, the ```suggestion block
// and the hidden marker with the suggestion's key.
func (s Suggestion) Body() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**jdlint** `%s`, safe fix: %s", s.Rule, markdownText(s.Description))
	if s.Parts > 1 {
		fmt.Fprintf(&b, " (part %d of %d)", s.Part, s.Parts)
	}
	fence := strings.Repeat("`", max(3, longestRun(s.New, '`')+1))
	fmt.Fprintf(&b, "\n\n%ssuggestion\n%s\n%s\n\n", fence, s.New, fence)
	b.WriteString("<sub>Commit the suggestion, or run <code>jdlint --fix</code>. jdlint updates this comment when it runs again, and deletes it once it is no longer needed.</sub>\n")
	b.WriteString(markerPrefix + s.Key() + " -->")
	return b.String()
}

// commentKey returns the key in a comment body this package wrote, or "".
func commentKey(body string) string {
	body = strings.TrimRight(body, " \r\n")
	i := strings.LastIndex(body, markerPrefix)
	if i < 0 || !strings.HasSuffix(body, " -->") {
		return ""
	}
	key := body[i+len(markerPrefix) : len(body)-len(" -->")]
	if len(key) != 24 || strings.Trim(key, "0123456789abcdef") != "" {
		return ""
	}
	return key
}

// markdownText keeps posting text from acting as Markdown in a comment: no HTML (so no forged
// marker), no @mention that would notify someone.
func markdownText(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", "@", "@\u200b", "\n", " ", "\r", " ").Replace(s)
}

// longestRun returns the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
