package nlp

import (
	"regexp"
	"strings"
)

// Directive is an inline comment that turns rules off for part of a posting, after
// markdownlint: <!-- jdlint-disable [rule ...] -->, jdlint-enable, jdlint-disable-line,
// jdlint-disable-next-line and jdlint-disable-file. The pseudo-rule "evidence" also takes the
// covered sentences out of the posting's profile.
type Directive struct {
	Kind  string   // disable, enable, disable-line, disable-next-line, disable-file
	Rules []string // empty means every rule
	Line  int      // 1-based line of the comment
	Span  Span
}

// EvidenceRule is the pseudo-rule that excludes covered sentences from the profile.
const EvidenceRule = "evidence"

var directiveRe = regexp.MustCompile(`<!--\s*jdlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)\s*-->`)

func parseDirectives(p *Posting) {
	for _, m := range directiveRe.FindAllSubmatchIndex(p.Src, -1) {
		d := Directive{Kind: string(p.Src[m[2]:m[3]]), Span: p.SpanOf(m[0], m[1])}
		d.Line = d.Span.Line
		d.Rules = strings.Fields(string(p.Src[m[4]:m[5]]))
		p.Directives = append(p.Directives, d)
	}
}

// Disabled reports whether rule is turned off by an inline directive on line.
func (p *Posting) Disabled(rule string, line int) bool {
	names := func(d Directive) bool {
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
	off := false
	for _, d := range p.Directives {
		if !names(d) {
			continue
		}
		switch d.Kind {
		case "disable-file":
			return true
		case "disable-line":
			if d.Line == line {
				return true
			}
		case "disable-next-line":
			if d.Line+1 == line {
				return true
			}
		case "disable":
			if d.Line <= line {
				off = true
			}
		case "enable":
			if d.Line <= line {
				off = false
			}
		}
	}
	return off
}
