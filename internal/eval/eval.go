// Package eval measures jdlint against labeled postings and labeled sentences: a confusion
// matrix of body roles, verdict accuracy, false alarms and misses, and sentence-level role
// tagging. cmd/jdlint-eval prints it; tests hold the targets.
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
)

// Label is one row of labels.csv: file,title_role,body_role,expect.
type Label struct {
	File      string
	TitleRole string // PO|PM|both|other|none
	BodyRole  string // PO|PM|blended|other
	Expect    string // ok|mislabeled|blended|hybrid|other|not-product|unsupported|untitled
}

// Valid values of each label column.
var (
	TitleRoles = []string{"PO", "PM", "both", "other", "none"}
	BodyRoles  = []string{"PO", "PM", "blended", "other"}
	Verdicts   = []string{"ok", "mislabeled", "blended", "hybrid", "other", "not-product", "unsupported", "untitled"}
)

// ReadLabels reads a labels.csv with header file,title_role,body_role,expect.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 4
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if strings.Join(head, ",") != "file,title_role,body_role,expect" {
		return nil, fmt.Errorf("%s: header is %q, want file,title_role,body_role,expect", path, strings.Join(head, ","))
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
		l := Label{File: rec[0], TitleRole: rec[1], BodyRole: rec[2], Expect: rec[3]}
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

// Verdict maps a lint result to the expect vocabulary of labels.csv.
func Verdict(r lint.Result) string {
	has := map[string]bool{}
	for _, f := range r.Findings {
		has[f.Rule] = true
	}
	p := r.Posting
	switch {
	case p == nil:
		return "error"
	case has["title-missing"]:
		return "untitled"
	case p.Title.Role == nlp.Other || p.Title.Role == nlp.None:
		return "other"
	case has["not-a-product-role"]:
		return "not-product"
	case has["role-mislabeled"]:
		return "mislabeled"
	case has["unsupported-language"]:
		return "unsupported"
	case p.Title.Role == nlp.Both:
		return "hybrid"
	case has["role-blended"]:
		return "blended"
	}
	return "ok"
}

// Case is one evaluated posting.
type Case struct {
	Label    Label
	Evidence [3]float64 // PO, PM, other
	Verdict  string
	Detected string
	POShare  *float64
	Rules    []string
}

// Result holds the posting-level figures.
type Result struct {
	Cases          []Case
	Confusion      map[string]map[string]int // labeled body_role -> detected role -> count
	VerdictCorrect int
	FalseAlarms    []Case // role-mislabeled or role-blended on an "ok" posting
	FalseMislabel  []Case // role-mislabeled on a posting whose title matches its body
	Misses         []Case // expect != verdict
	BodyMacroF1    float64
}

// VerdictAccuracy is the share of postings whose verdict matches expect.
func (r Result) VerdictAccuracy() float64 {
	if len(r.Cases) == 0 {
		return 0
	}
	return float64(r.VerdictCorrect) / float64(len(r.Cases))
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
	res := Result{Confusion: map[string]map[string]int{}}
	for i, r := range results {
		if r.Err != nil {
			return Result{}, r.Err
		}
		c := Case{Label: labels[i], Verdict: Verdict(r), Detected: "error"}
		if r.Posting != nil {
			pr := r.Posting.Profile
			c.Detected, c.POShare, c.Evidence = string(pr.Detected), pr.POShare, [3]float64{pr.PO, pr.PM, pr.Other}
		}
		for _, f := range r.Findings {
			c.Rules = append(c.Rules, f.Rule)
		}
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
		fired := func(rule string) bool { return in(rule, c.Rules) }
		if c.Label.Expect == "ok" && (fired("role-mislabeled") || fired("role-blended")) {
			res.FalseAlarms = append(res.FalseAlarms, c)
		}
		if c.Label.TitleRole == c.Label.BodyRole && fired("role-mislabeled") {
			res.FalseMislabel = append(res.FalseMislabel, c)
		}
	}
	pairs := make([][2]string, len(res.Cases))
	for i, c := range res.Cases {
		pairs[i] = [2]string{c.Label.BodyRole, c.Detected}
	}
	res.BodyMacroF1 = MacroF1(pairs, BodyRoles)
	return res, nil
}

// MacroF1 averages the F1 score of each class over (expected, predicted) pairs.
func MacroF1(pairs [][2]string, classes []string) float64 {
	var sum float64
	for _, c := range classes {
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
		if tp+fp+fn == 0 {
			sum++
			continue
		}
		sum += 2 * tp / (2*tp + fp + fn)
	}
	return sum / float64(len(classes))
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
	fmt.Fprintf(w, "false alarms (role-mislabeled or role-blended on an ok posting): %d\n", len(r.FalseAlarms))
	for _, c := range r.FalseAlarms {
		fmt.Fprintf(w, "  %s  rules %s  po_share %s\n", c.Label.File, strings.Join(c.Rules, ","), shareText(c.POShare))
	}
	fmt.Fprintf(w, "false role-mislabeled on a correctly titled posting: %d\n", len(r.FalseMislabel))
	fmt.Fprintf(w, "misses: %d\n", len(r.Misses))
	sort.SliceStable(r.Misses, func(i, j int) bool { return r.Misses[i].Label.File < r.Misses[j].Label.File })
	for _, c := range r.Misses {
		fmt.Fprintf(w, "  %s  expect %s, got %s (detected %s, po_share %s)\n", c.Label.File, c.Label.Expect, c.Verdict, c.Detected, shareText(c.POShare))
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
		fmt.Fprintf(w, "%s %-48s %-5s %-7s %-11s -> %-11s %-7s share %-4s PO %5.2f PM %5.2f other %5.2f %s\n", mark, c.Label.File,
			c.Label.TitleRole, c.Label.BodyRole, c.Label.Expect, c.Verdict, c.Detected, shareText(c.POShare),
			c.Evidence[0], c.Evidence[1], c.Evidence[2], strings.Join(c.Rules, ","))
	}
}
