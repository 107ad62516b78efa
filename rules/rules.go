// Package rules holds jdlint's checks. Each Rule is a value with an ID, a summary, a default
// severity, documentation and a Run function that inspects one parsed posting and reports
// Findings, after golang.org/x/tools/go/analysis. Rules never read files or print; fixes are
// data (byte-offset edits) that the driver prints, diffs or applies.
package rules

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

// Severity orders findings; a run fails when a finding reaches the fail level.
type Severity int

// Severities, lowest first. Off disables a rule.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads off, info, warning or error.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "off":
		return Off, nil
	case "info":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// Finding is one problem a rule found, mirroring analysis.Diagnostic.
type Finding struct {
	Rule     string
	Severity Severity
	Span     nlp.Span // where the problem is; findings about the whole posting point at its title
	Message  string   // one sentence that names the evidence
	// Quote is the posting text the message quotes whole, as %q writes it; formats with a
	// width limit shorten it in the message at a word boundary (report), others keep it.
	// "" when the message quotes nothing but the title.
	Quote    string
	Evidence []Evidence
	Fix      *Fix // nil when there is no mechanical rewrite
}

// Evidence is a sentence a finding rests on. Role is the role it speaks for when a finding
// weighs two roles' sentences against each other (role-blended); "" otherwise.
type Evidence struct {
	nlp.Span
	Role nlp.Role
}

// evidenceOf wraps spans as evidence for role ("" for none).
func evidenceOf(spans []nlp.Span, role nlp.Role) []Evidence {
	out := make([]Evidence, 0, len(spans))
	for _, sp := range spans {
		out = append(out, Evidence{Span: sp, Role: role})
	}
	return out
}

// Fix is a suggested rewrite, mirroring analysis.SuggestedFix.
type Fix struct {
	Description string // a verb phrase: "Retitle the posting Product Manager"
	Safe        bool   // applied by --fix; unsafe fixes also need --unsafe-fixes
	Edits       []Edit // non-overlapping, sorted by Start
}

// Edit replaces bytes [Start, End) of the file with New.
type Edit struct {
	Start, End int
	New        string
}

// ApplyEdits splices sorted, non-overlapping edits into src and returns the new bytes.
// Nothing is re-encoded: line endings, a BOM and every untouched byte stay as they were.
func ApplyEdits(src []byte, edits []Edit) []byte {
	var b bytes.Buffer
	b.Grow(len(src))
	at := 0
	for _, e := range edits {
		b.Write(src[at:e.Start])
		b.WriteString(e.New)
		at = e.End
	}
	b.Write(src[at:])
	return b.Bytes()
}

// Example is a before/after pair shown by `jdlint explain`.
type Example struct {
	Bad, Good string
}

// Rule is one check.
type Rule struct {
	ID      string
	Summary string   // one line, for `jdlint rules`
	Default Severity // severity when the config does not set one
	Doc     string   // the long explanation: what, why, and the sources it rests on
	Fix     string   // what its fix does, or "" when it has none
	// FixWith names rules whose fixes make the same rewrite (role-blended and
	// off-role-duty both turn a duty into collaboration): a directive that turns any of them
	// off on a line keeps every one of their fixes off that line.
	FixWith  []string
	Examples []Example
	Run      func(*Pass)
}

// Pass is what a Rule's Run sees: one posting, the verdict drawn from it, and a way to
// report.
type Pass struct {
	Posting *nlp.Posting
	Verdict *verdict.Verdict // computed once before any rule runs (verdict.Decide)
	rule    *Rule
	out     *[]Finding
	// rewrites holds the posting's collaboration rewrites, shared by the passes of one
	// Check (role-blended and off-role-duty fix the same sentences)
	rewrites *collabCache
}

// Report records a finding; its Rule and default Severity are filled in.
func (p *Pass) Report(f Finding) {
	f.Rule = p.rule.ID
	if f.Severity == Off {
		f.Severity = p.rule.Default
	}
	*p.out = append(*p.out, f)
}

// All returns every rule in a stable order.
func All() []*Rule {
	return []*Rule{
		RoleMislabeled, RoleBlended, OffRoleDuty, NotAProductRole,
		MissingCoreDuties, SkillsMismatch, TitleMissing, UnsupportedLanguage,
	}
}

// ByID returns the rule with id, or nil.
func ByID(id string) *Rule {
	for _, r := range All() {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// IDs lists every rule id.
func IDs() []string {
	var ids []string
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	return ids
}

// Config selects rules and their severities.
type Config struct {
	Severity map[string]Severity // per rule; Off disables
	// Thresholds of the verdict step that the role rules read; the zero value means
	// verdict.DefaultThresholds.
	Thresholds *verdict.Thresholds
}

// VerdictThresholds returns the thresholds the config sets, or the defaults.
func (c Config) VerdictThresholds() verdict.Thresholds {
	if c.Thresholds != nil {
		return *c.Thresholds
	}
	return verdict.DefaultThresholds
}

// Check runs every enabled rule on a posting and its verdict and returns the findings
// sorted by position. It does not apply inline directives: the lint driver does, for
// findings and fixes alike.
func Check(p *nlp.Posting, v *verdict.Verdict, cfg Config) []Finding {
	var out []Finding
	rewrites := newCollabCache(p)
	for _, r := range All() {
		sev, set := cfg.Severity[r.ID]
		if set && sev == Off {
			continue
		}
		var found []Finding
		pass := &Pass{Posting: p, Verdict: v, rule: r, out: &found, rewrites: rewrites}
		r.Run(pass)
		for _, f := range found {
			switch {
			case set && f.Severity < r.Default:
				// the rule lowered this finding's severity (a low-confidence verdict); the
				// config's severity may lower it further but never raise it back
				f.Severity = min(sev, f.Severity)
			case set:
				f.Severity = sev
			}
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return out[i].Severity > out[j].Severity
	})
	return out
}
