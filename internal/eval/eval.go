// Package eval measures jdlint against labeled postings and labeled sentences: verdict
// accuracy, the confusion matrix of body roles, per-rule precision and recall, false alarms
// and false errors on correctly titled postings, the share of titles found, and
// sentence-level role tagging. cmd/jdlint-eval prints it; tests hold the targets. It reads
// the verdict step's result (lint.Result.Verdict and Outcome) and never re-derives it.
package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// Label is one row of labels.csv. The file, title_role, body_role and expect columns are
// required, in any order; other columns (why, confidence...) are kept in Extra.
type Label struct {
	File string
	// Alt is a second labeller's expect (labels-second.csv), "" when there is none: where
	// two blind labellers disagree, either answer is fair.
	Alt       string
	TitleRole string // PO|PM|both|other|none
	BodyRole  string // PO|PM|blended|other
	Expect    string // ok|mislabeled|blended|hybrid|other|not-product|unsupported|untitled
	Extra     map[string]string
}

// Valid values of each label column.
var (
	TitleRoles = []string{"PO", "PM", "both", "other", "none"}
	BodyRoles  = []string{"PO", "PM", "blended", "other"}
	Verdicts   = []string{"ok", "mislabeled", "blended", "hybrid", "other", "not-product", "unsupported", "untitled"}
)

var required = []string{"file", "title_role", "body_role", "expect"}

// ReadLabels reads a labels.csv whose header names at least file, title_role, body_role and
// expect.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, k := range required {
		if _, ok := col[k]; !ok {
			return nil, fmt.Errorf("%s: header is %q, want at least %s", path, strings.Join(head, ","), strings.Join(required, ","))
		}
	}
	var out []Label
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		l := Label{File: rec[col["file"]], TitleRole: rec[col["title_role"]], BodyRole: rec[col["body_role"]], Expect: rec[col["expect"]], Extra: map[string]string{}}
		for name, i := range col {
			if !in(name, required) {
				l.Extra[name] = rec[i]
			}
		}
		for _, c := range []struct {
			v    string
			ok   []string
			name string
		}{{l.TitleRole, TitleRoles, "title_role"}, {l.BodyRole, BodyRoles, "body_role"}, {l.Expect, Verdicts, "expect"}} {
			if !in(c.v, c.ok) {
				return nil, fmt.Errorf("%s:%d: %s %q is not one of %s", path, line, c.name, c.v, strings.Join(c.ok, "|"))
			}
		}
		out = append(out, l)
	}
	return out, nil
}

func in(v string, set []string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

// Verdict maps a lint result to the expect vocabulary of labels.csv: the verdict step's
// outcome as the findings show it (lint.Result.Outcome), or "error".
func Verdict(r lint.Result) string {
	if r.Posting == nil || r.Verdict == nil {
		return "error"
	}
	return string(r.Outcome())
}

// Case is one evaluated posting.
type Case struct {
	Label      Label
	Evidence   [4]float64 // PO, PM, shared, other
	Features   verdict.Evidence
	Verdict    string
	Detected   string
	POShare    *float64
	Confidence float64
	TitleFound bool
	TitleRole  string // the title's role as jdlint read it
	Rules      []string
	Errors     []string // rules that reported an error
}

func (c Case) fired(rule string) bool { return in(rule, c.Rules) }

// correctlyTitled reports a posting whose title names the role its body describes.
func (c Case) correctlyTitled() bool {
	return (c.Label.TitleRole == "PO" || c.Label.TitleRole == "PM") && c.Label.TitleRole == c.Label.BodyRole
}

// RoleRules are the verdict rules scored for precision and recall, with the label that
// makes a posting a positive for each.
var RoleRules = []struct{ Rule, Expect string }{
	{"role-mislabeled", "mislabeled"},
	{"role-blended", "blended"},
	{"not-a-product-role", "not-product"},
}

// Result holds the posting-level figures of one labeled set.
type Result struct {
	Name           string
	Cases          []Case
	Confusion      map[string]map[string]int // labeled body_role -> detected role -> count
	VerdictCorrect int
	FalseAlarms    []Case // a role rule fired on a correctly titled posting
	FalseErrors    []Case // an error finding on a correctly titled posting
	FalseMislabel  []Case // role-mislabeled on a correctly titled posting
	Misses         []Case // expect != verdict
	// Lenient counts verdicts that match expect, or the second labeller's expect, or are
	// "ok" for a posting labeled blended: a blended label is soft (real postings mix the
	// roles by degree), so passing one clean is a miss the targets allow.
	Lenient     int
	BodyMacroF1 float64
	Titled      int // postings labeled with a title
	TitlesFound int // of those, postings where jdlint found it and read its role right
}

// VerdictAccuracy is the share of postings whose verdict matches expect.
func (r Result) VerdictAccuracy() float64 {
	if len(r.Cases) == 0 {
		return 0
	}
	return float64(r.VerdictCorrect) / float64(len(r.Cases))
}

// LenientAccuracy is the share of postings whose verdict matches expect, the second
// labeller's expect, or is "ok" on a posting labeled blended.
func (r Result) LenientAccuracy() float64 {
	if len(r.Cases) == 0 {
		return 0
	}
	return float64(r.Lenient) / float64(len(r.Cases))
}

// CorrectlyTitled is the number of postings whose title names the role of their body.
func (r Result) CorrectlyTitled() int {
	n := 0
	for _, c := range r.Cases {
		if c.correctlyTitled() {
			n++
		}
	}
	return n
}

// FalseAlarmRate is the share of correctly titled postings that got a role finding.
func (r Result) FalseAlarmRate() float64 {
	n := r.CorrectlyTitled()
	if n == 0 {
		return 0
	}
	return float64(len(r.FalseAlarms)) / float64(n)
}

// TitleRate is the share of postings with a title whose title jdlint found.
func (r Result) TitleRate() float64 {
	if r.Titled == 0 {
		return 1
	}
	return float64(r.TitlesFound) / float64(r.Titled)
}

// PR is precision and recall of one rule, with the counts they come from.
type PR struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP); 1 when the rule never fired.
func (p PR) Precision() float64 {
	if p.TP+p.FP == 0 {
		return 1
	}
	return float64(p.TP) / float64(p.TP+p.FP)
}

// Recall is TP/(TP+FN); 1 when no posting is labeled for the rule.
func (p PR) Recall() float64 {
	if p.TP+p.FN == 0 {
		return 1
	}
	return float64(p.TP) / float64(p.TP+p.FN)
}

// RulePR returns the precision and recall of a role rule against the expect labels. A
// posting counts as found when the rule fired on it.
func (r Result) RulePR(rule, expect string) PR {
	var p PR
	for _, c := range r.Cases {
		pos, fired := c.Label.Expect == expect, c.fired(rule)
		switch {
		case pos && fired:
			p.TP++
		case fired:
			p.FP++
		case pos:
			p.FN++
		}
	}
	return p
}

// Set is one labeled folder.
type Set struct {
	Name string // how the report names it
	Dir  string // holds the postings and labels.csv
}

// Postings lints every labeled file in dir with the default configuration (no .jdlint.yml)
// and compares it with its labels.
func Postings(dir string, labels []Label) (Result, error) {
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		return Result{}, err
	}
	paths := make([]string, len(labels))
	for i, l := range labels {
		paths[i] = filepath.Join(dir, l.File)
	}
	results := lint.Run(lint.Options{Paths: paths, NLP: nopts, Rules: rules.Config{}})
	if len(results) != len(labels) {
		return Result{}, fmt.Errorf("linted %d files for %d labels (duplicate rows?)", len(results), len(labels))
	}
	res := Result{Name: dir, Confusion: map[string]map[string]int{}}
	for i, r := range results {
		if r.Err != nil {
			return Result{}, r.Err
		}
		c := Case{Label: labels[i], Verdict: Verdict(r), Detected: "error"}
		if v := r.Verdict; v != nil {
			ev := v.Evidence
			c.Detected, c.POShare, c.Confidence = string(v.Detected), v.POShare, v.Confidence
			c.Evidence = [4]float64{ev.PO, ev.PM, ev.Shared, ev.Other}
			c.Features = ev
		}
		if r.Verdict != nil {
			// found means found with the role it names; a title naming no PO or PM role
			// counts as other, as labels.csv has it
			got := string(r.Verdict.Title)
			if got == "none" && r.Posting.Title.Source != "" {
				got = "other"
			}
			c.TitleFound = got == c.Label.TitleRole
			c.TitleRole = string(r.Verdict.Title)
		}
		for _, f := range r.Findings {
			c.Rules = append(c.Rules, f.Rule)
			if f.Severity == rules.Error {
				c.Errors = append(c.Errors, f.Rule)
			}
		}
		res.add(c)
	}
	// the body's role is scored on the postings jdlint reads: a posting labeled
	// unsupported (not English) is scored by its verdict alone
	var pairs [][2]string
	for _, c := range res.Cases {
		if c.Label.Expect != "unsupported" {
			pairs = append(pairs, [2]string{c.Label.BodyRole, c.Detected})
		}
	}
	res.BodyMacroF1 = MacroF1(pairs)
	return res, nil
}

func (res *Result) add(c Case) {
	res.Cases = append(res.Cases, c)
	if res.Confusion[c.Label.BodyRole] == nil {
		res.Confusion[c.Label.BodyRole] = map[string]int{}
	}
	res.Confusion[c.Label.BodyRole][c.Detected]++
	if c.Verdict == c.Label.Expect {
		res.VerdictCorrect++
	} else {
		res.Misses = append(res.Misses, c)
	}
	if c.Verdict == c.Label.Expect || c.Verdict == c.Label.Alt || c.Label.Expect == "blended" && c.Verdict == "ok" {
		res.Lenient++
	}
	if c.Label.TitleRole != "none" {
		res.Titled++
		if c.TitleFound {
			res.TitlesFound++
		}
	}
	if c.correctlyTitled() {
		if c.fired("role-mislabeled") || c.fired("role-blended") || c.fired("not-a-product-role") {
			res.FalseAlarms = append(res.FalseAlarms, c)
		}
		if len(c.Errors) > 0 {
			res.FalseErrors = append(res.FalseErrors, c)
		}
		if c.fired("role-mislabeled") {
			res.FalseMislabel = append(res.FalseMislabel, c)
		}
	}
}

// Folder reads dir/labels.csv (and dir/labels-second.csv, a second labeller's blind
// labels, when there is one) and evaluates the postings it lists.
func Folder(dir string) (Result, error) {
	labels, err := ReadLabels(filepath.Join(dir, "labels.csv"))
	if err != nil {
		return Result{}, err
	}
	second := filepath.Join(dir, "labels-second.csv")
	if _, err := os.Stat(second); err == nil {
		alt, err := ReadLabels(second)
		if err != nil {
			return Result{}, err
		}
		byFile := map[string]string{}
		for _, l := range alt {
			byFile[l.File] = l.Expect
		}
		for i := range labels {
			labels[i].Alt = byFile[labels[i].File]
		}
	}
	return Postings(dir, labels)
}

// MacroF1 averages the F1 score of each class over (expected, predicted) pairs. Only the
// classes that occur among the labels or the predictions count: a class that never appears
// is not a perfect score.
func MacroF1(pairs [][2]string) float64 {
	seen := map[string]bool{}
	for _, p := range pairs {
		seen[p[0]], seen[p[1]] = true, true
	}
	if len(seen) == 0 {
		return 0
	}
	var sum float64
	for c := range seen {
		var tp, fp, fn float64
		for _, p := range pairs {
			switch {
			case p[0] == c && p[1] == c:
				tp++
			case p[1] == c:
				fp++
			case p[0] == c:
				fn++
			}
		}
		sum += 2 * tp / (2*tp + fp + fn)
	}
	return sum / float64(len(seen))
}

// Print writes the posting figures.
func (r Result) Print(w io.Writer) {
	detected := []string{"PO", "PM", "blended", "other", "unknown"}
	fmt.Fprintf(w, "body_role confusion (rows: labeled, columns: detected)\n%-9s", "")
	for _, d := range detected {
		fmt.Fprintf(w, "%8s", d)
	}
	fmt.Fprintln(w)
	for _, b := range BodyRoles {
		fmt.Fprintf(w, "%-9s", b)
		for _, d := range detected {
			fmt.Fprintf(w, "%8d", r.Confusion[b][d])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\nbody_role macro-F1: %.3f\n", r.BodyMacroF1)
	fmt.Fprintf(w, "verdict accuracy:   %.1f%% (%d of %d)\n", 100*r.VerdictAccuracy(), r.VerdictCorrect, len(r.Cases))
	fmt.Fprintf(w, "lenient accuracy:   %.1f%% (%d of %d; a second labeller's answer counts, blended may pass clean)\n", 100*r.LenientAccuracy(), r.Lenient, len(r.Cases))
	fmt.Fprintf(w, "titles found:       %.1f%% (%d of %d titled postings)\n", 100*r.TitleRate(), r.TitlesFound, r.Titled)
	for _, rr := range RoleRules {
		p := r.RulePR(rr.Rule, rr.Expect)
		fmt.Fprintf(w, "%-19s precision %.2f (%d/%d)  recall %.2f (%d/%d)\n", rr.Rule+":", p.Precision(), p.TP, p.TP+p.FP, p.Recall(), p.TP, p.TP+p.FN)
	}
	fmt.Fprintf(w, "false alarms on correctly titled postings (mislabeled, blended or not-a-product-role): %d of %d (%.1f%%)\n",
		len(r.FalseAlarms), r.CorrectlyTitled(), 100*r.FalseAlarmRate())
	for _, c := range r.FalseAlarms {
		fmt.Fprintf(w, "  %s  rules %s  po_share %s\n", c.Label.File, strings.Join(c.Rules, ","), shareText(c.POShare))
	}
	fmt.Fprintf(w, "false errors on correctly titled postings: %d\n", len(r.FalseErrors))
	for _, c := range r.FalseErrors {
		fmt.Fprintf(w, "  %s  %s\n", c.Label.File, strings.Join(c.Errors, ","))
	}
	fmt.Fprintf(w, "misses: %d\n", len(r.Misses))
	sort.SliceStable(r.Misses, func(i, j int) bool { return r.Misses[i].Label.File < r.Misses[j].Label.File })
	for _, c := range r.Misses {
		fmt.Fprintf(w, "  %s  expect %s, got %s (detected %s, po_share %s, confidence %.2f)\n", c.Label.File, c.Label.Expect, c.Verdict, c.Detected, shareText(c.POShare), c.Confidence)
	}
}

func shareText(s *float64) string {
	if s == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *s)
}

// PrintCases writes one line per posting: labels, verdict, detected role and evidence.
func (r Result) PrintCases(w io.Writer) {
	for _, c := range r.Cases {
		mark := " "
		if c.Verdict != c.Label.Expect {
			mark = "✗"
		}
		fmt.Fprintf(w, "%s %-44s %-5s %-7s %-11s -> %-11s %-7s conf %.2f share %-4s PO %5.2f PM %5.2f sh %5.2f other %5.2f %s\n", mark, c.Label.File,
			c.Label.TitleRole, c.Label.BodyRole, c.Label.Expect, c.Verdict, c.Detected, c.Confidence, shareText(c.POShare),
			c.Evidence[0], c.Evidence[1], c.Evidence[2], c.Evidence[3], strings.Join(c.Rules, ","))
	}
}

// PrintTable writes one summary line per set: the figures the targets are stated in.
func PrintTable(w io.Writer, sets []Result) {
	fmt.Fprintf(w, "%-30s %4s %8s %8s %7s %9s %9s %9s %8s %6s\n", "set", "n", "verdict", "lenient", "titles", "mislab-P", "mislab-R", "notprod-R", "f.alarm", "f.err")
	for _, r := range sets {
		m := r.RulePR("role-mislabeled", "mislabeled")
		np := r.RulePR("not-a-product-role", "not-product")
		fmt.Fprintf(w, "%-30s %4d %7.1f%% %7.1f%% %6.1f%% %9.2f %9.2f %9.2f %7.1f%% %6d\n", r.Name, len(r.Cases), 100*r.VerdictAccuracy(), 100*r.LenientAccuracy(), 100*r.TitleRate(),
			m.Precision(), m.Recall(), np.Recall(), 100*r.FalseAlarmRate(), len(r.FalseErrors))
	}
}

// WriteCSV writes one row per posting of every set: the labels, the outcome and the
// evidence the verdict was drawn from, for refitting the verdict's thresholds
// (internal/calibrate reads it).
func WriteCSV(w io.Writer, sets []Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"set", "file", "title_role", "body_role", "expect", "verdict", "detected", "confidence", "po", "pm", "shared", "other", "po_strong", "pm_strong", "sentences", "found_title_role", "alt"})
	f := func(x float64) string { return fmt.Sprintf("%.3f", x) }
	for _, r := range sets {
		for _, c := range r.Cases {
			ev := c.Features
			cw.Write([]string{r.Name, c.Label.File, c.Label.TitleRole, c.Label.BodyRole, c.Label.Expect, c.Verdict, c.Detected, f(c.Confidence),
				f(ev.PO), f(ev.PM), f(ev.Shared), f(ev.Other), f(ev.POStrong), f(ev.PMStrong), fmt.Sprint(ev.Sentences), c.TitleRole, c.Label.Alt})
		}
	}
	cw.Flush()
	return cw.Error()
}
