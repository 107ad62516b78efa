package nlp

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// Directive is an inline comment that turns rules off for part of a posting, after
// markdownlint. In Markdown and text it is an HTML comment, so that the posting renders
// clean; inside YAML front matter it may also be a YAML comment ("# jdlint-disable-file").
//
//	<!-- jdlint-disable [rule ...] -->            off from this line on
//	<!-- jdlint-enable [rule ...] -->             on again from this line on
//	<!-- jdlint-disable-line [rule ...] -->       off on the comment's own line(s)
//	<!-- jdlint-disable-next-line [rule ...] -->  off on the next line that has text
//	<!-- jdlint-disable-file [rule ...] -->       off for the whole posting
//
// Rules are separated by spaces or commas; none means every rule. A disabled sentence still
// counts toward the posting's profile unless the comment names the pseudo-rule "evidence".
type Directive struct {
	Kind  string   // disable, enable, disable-line, disable-next-line, disable-file
	Rules []string // empty means every rule (but not the evidence pseudo-rule)
	Line  int      // 1-based line of the comment's start
	// Target is the line a disable-next-line covers: the first line after the comment that
	// is not blank. Zero for other kinds, or when no such line exists.
	Target int
	Span   Span // the whole comment
}

// EvidenceRule is the pseudo-rule that excludes covered sentences from the profile.
const EvidenceRule = "evidence"

// directiveKinds lists the directive kinds, for messages.
func directiveKinds() []string {
	return []string{"disable", "enable", "disable-line", "disable-next-line", "disable-file"}
}

// directiveRe finds "jdlint-KIND rest" in an HTML comment. The kind is matched loosely so
// that a misspelt kind ("jdlint-disable-nextline") becomes a notice instead of being read
// as "disable" with a rule called "-nextline". [^>]* keeps one comment from running into
// the next and bounds the match.
var directiveRe = lazyRegexp(`<!--[ \t\r\n]*jdlint-([A-Za-z-]+)([^>]*?)-->`)

// fmDirectiveRe finds a directive written as a YAML comment inside front matter.
var fmDirectiveRe = lazyRegexp(`(?m)(?:^|[ \t])#[ \t]*jdlint-([A-Za-z-]+)([^\n]*)$`)

func parseDirectives(p *Posting) {
	add := func(m []int) {
		kind := strings.ToLower(string(p.Src[m[2]:m[3]]))
		d := Directive{Kind: kind, Span: p.SpanOf(m[0], m[1])}
		d.Line = d.Span.Line
		if !knownKind(kind) {
			p.Notices = append(p.Notices, Notice{
				Message: fmt.Sprintf("unknown directive jdlint-%s (want one of jdlint-%s); ignored", kind, strings.Join(directiveKinds(), ", jdlint-")),
				Span:    d.Span})
			return
		}
		d.Rules = directiveRules(string(p.Src[m[4]:m[5]]))
		if kind == "disable-next-line" {
			d.Target = p.nextTextLine(m[1])
		}
		p.Directives = append(p.Directives, d)
	}
	for _, m := range directiveRe().FindAllSubmatchIndex(p.Src, -1) {
		add(m)
	}
	if s, e := p.FrontMatter[0], p.FrontMatter[1]; e > s {
		for _, m := range fmDirectiveRe().FindAllSubmatchIndex(p.text()[s:e], -1) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += s
				}
			}
			add(m)
		}
		// keep source order: front matter comes first, but an HTML comment cannot sit in it
		sort.SliceStable(p.Directives, func(i, j int) bool { return p.Directives[i].Span.Start < p.Directives[j].Span.Start })
	}
}

func knownKind(k string) bool {
	for _, x := range directiveKinds() {
		if x == k {
			return true
		}
	}
	return false
}

// directiveRules splits "a, b c" into rule names; a trailing "--" (from "--->") or a
// description after " -- " is dropped, as markdownlint and ESLint allow.
func directiveRules(s string) []string {
	if i := strings.Index(s, " -- "); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(strings.TrimSpace(s), "-")
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		if f = strings.Trim(f, "-"); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// nextTextLine returns the 1-based line of the first non-blank line after byte offset off
// (the end of a comment), or 0 when the rest of the file is blank.
func (p *Posting) nextTextLine(off int) int {
	src := p.Source
	for n := src.LineOf(off) + 1; n <= src.Lines(); n++ {
		s, e, _ := src.Line(n)
		if len(bytes.TrimSpace(p.Src[s:e])) > 0 {
			return n
		}
	}
	return 0
}

// CheckDirectives adds a notice for each rule a directive names that is not in known (the
// rule ids of the rules package; nlp knows none) nor the evidence pseudo-rule. Such a
// directive suppresses nothing, which is worth saying: it is usually a typo.
func (p *Posting) CheckDirectives(known []string) {
	ok := map[string]bool{EvidenceRule: true}
	for _, k := range known {
		ok[k] = true
	}
	for _, d := range p.Directives {
		for _, r := range d.Rules {
			if !ok[r] {
				p.Notices = append(p.Notices, Notice{
					Message: fmt.Sprintf("jdlint-%s names unknown rule %q (want one of %s, %s)", d.Kind, r, strings.Join(known, ", "), EvidenceRule),
					Span:    d.Span})
			}
		}
	}
}

// Disabled reports whether rule is turned off by an inline directive on line. The first
// call for a rule indexes the directives that name it, so each later call costs O(log n):
// a posting made of thousands of directives stays linear to check.
func (p *Posting) Disabled(rule string, line int) bool {
	if len(p.Directives) == 0 {
		return false
	}
	p.disMu.Lock()
	ix := p.disabled[rule]
	if ix == nil {
		if p.disabled == nil {
			p.disabled = map[string]*ruleDirectives{}
		}
		ix = indexDirectives(p.Directives, rule)
		p.disabled[rule] = ix
	}
	p.disMu.Unlock()
	return ix.off(line)
}

// ruleDirectives are the directives that name one rule, ready to answer for any line.
type ruleDirectives struct {
	file    bool         // a disable-file names it
	lines   map[int]bool // lines a disable-line or disable-next-line covers
	toggles []toggle     // disable and enable comments in line order
}

// toggle is a disable (off) or enable comment on a line.
type toggle struct {
	line int
	off  bool
}

func indexDirectives(ds []Directive, rule string) *ruleDirectives {
	ix := &ruleDirectives{lines: map[int]bool{}}
	for _, d := range ds {
		if !directiveNames(d, rule) {
			continue
		}
		switch d.Kind {
		case "disable-file":
			ix.file = true
		case "disable-line":
			for l := d.Span.Line; l <= d.Span.EndLine; l++ {
				ix.lines[l] = true
			}
		case "disable-next-line":
			if d.Target > 0 {
				ix.lines[d.Target] = true
			}
		case "disable", "enable":
			ix.toggles = append(ix.toggles, toggle{line: d.Line, off: d.Kind == "disable"})
		}
	}
	// directives come in source order; a stable sort by line keeps the later of two on
	// one line last, so it decides, as it did when they were read one by one
	sort.SliceStable(ix.toggles, func(i, j int) bool { return ix.toggles[i].line < ix.toggles[j].line })
	return ix
}

// off reports whether the rule is off on line: the whole file, the line itself, or the
// last disable or enable at or above it.
func (ix *ruleDirectives) off(line int) bool {
	if ix.file || ix.lines[line] {
		return true
	}
	i := sort.Search(len(ix.toggles), func(i int) bool { return ix.toggles[i].line > line })
	return i > 0 && ix.toggles[i-1].off
}

// directiveNames reports whether d names rule: a directive without rules names every rule
// but the evidence pseudo-rule.
func directiveNames(d Directive, rule string) bool {
	if len(d.Rules) == 0 {
		return rule != EvidenceRule
	}
	for _, r := range d.Rules {
		if r == rule {
			return true
		}
	}
	return false
}
