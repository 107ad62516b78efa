package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jdlint/jdlint/nlp"
)

// SentenceLabel is one row of sentences.tsv: text, section kind, expected role and kind.
type SentenceLabel struct {
	Text    string
	Section nlp.SectionKind
	Role    string // PO|PM|shared|other|none
	Kind    string // responsibility|skill|none
}

// SentenceRoles are the classes of sentence-level tagging.
var SentenceRoles = []string{"PO", "PM", "shared", "other", "none"}

// ReadSentences reads a TSV with header text, section, role, kind.
func ReadSentences(path string) ([]SentenceLabel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read sentences: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var out []SentenceLabel
	for n := 1; sc.Scan(); n++ {
		if n == 1 {
			if sc.Text() != "text\tsection\trole\tkind" {
				return nil, fmt.Errorf("%s:1: header %q, want text<TAB>section<TAB>role<TAB>kind", path, sc.Text())
			}
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 4", path, n, len(cols))
		}
		if !in(cols[2], SentenceRoles) {
			return nil, fmt.Errorf("%s:%d: role %q is not one of %s", path, n, cols[2], strings.Join(SentenceRoles, "|"))
		}
		out = append(out, SentenceLabel{Text: cols[0], Section: nlp.SectionKind(cols[1]), Role: cols[2], Kind: cols[3]})
	}
	return out, sc.Err()
}

// headings gives each section kind a heading that opens it.
var headings = map[nlp.SectionKind]string{
	nlp.Duties: "Responsibilities", nlp.Requirements: "Requirements", nlp.About: "About us",
	nlp.Benefits: "Benefits", nlp.Legal: "Equal opportunity", nlp.OtherSection: "How to apply",
}

// SentenceRole is what jdlint says one sentence is, in its section: the role with the most
// evidence, shared when only shared tags carry weight, none when nothing does.
func SentenceRole(text string, section nlp.SectionKind, opts nlp.Options) (role, kind string, err error) {
	h, ok := headings[section]
	if !ok {
		return "", "", fmt.Errorf("unknown section kind %q", section)
	}
	doc := "# Posting\n\n## " + h + "\n\n" + text + "\n"
	p, err := nlp.Parse("sentence.md", []byte(doc), opts)
	if err != nil {
		return "", "", err
	}
	w := map[nlp.Role]float64{}
	k := map[nlp.Role]nlp.Kind{}
	for _, s := range p.Sentences {
		for _, t := range s.Tags {
			if t.Weight > 0 {
				w[t.Role] += t.Weight
				if k[t.Role] == "" {
					k[t.Role] = t.Kind
				}
			}
		}
	}
	best, bw := "none", 0.0
	for _, r := range []nlp.Role{nlp.PO, nlp.PM, nlp.Other} {
		if w[r] > bw {
			best, bw = string(r), w[r]
		}
	}
	if best == "none" && w[nlp.Shared] > 0 {
		best = string(nlp.Shared)
	}
	if best == "none" {
		return best, "none", nil
	}
	return best, string(k[nlp.Role(best)]), nil
}

// SentenceResult holds the sentence-level figures.
type SentenceResult struct {
	N, Correct, KindCorrect, KindN int
	MacroF1                        float64
	PerClass                       map[string][3]int // tp, fp, fn
	Wrong                          []string
}

// Sentences tags every labeled sentence and scores the role tags.
func Sentences(labels []SentenceLabel) (SentenceResult, error) {
	opts, err := nlp.DefaultOptions()
	if err != nil {
		return SentenceResult{}, err
	}
	res := SentenceResult{PerClass: map[string][3]int{}}
	var pairs [][2]string
	for _, l := range labels {
		role, kind, err := SentenceRole(l.Text, l.Section, opts)
		if err != nil {
			return res, err
		}
		res.N++
		pairs = append(pairs, [2]string{l.Role, role})
		if role == l.Role {
			res.Correct++
			if l.Role != "none" {
				res.KindN++
				if kind == l.Kind {
					res.KindCorrect++
				}
			}
		} else {
			res.Wrong = append(res.Wrong, fmt.Sprintf("%-6s got %-6s [%s] %s", l.Role, role, l.Section, l.Text))
		}
	}
	res.MacroF1 = MacroF1(pairs)
	for _, c := range SentenceRoles {
		var v [3]int
		for _, p := range pairs {
			switch {
			case p[0] == c && p[1] == c:
				v[0]++
			case p[1] == c:
				v[1]++
			case p[0] == c:
				v[2]++
			}
		}
		res.PerClass[c] = v
	}
	return res, nil
}

// Print writes the sentence figures; verbose lists every wrong sentence.
func (r SentenceResult) Print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "sentence role tags: macro-F1 %.3f, accuracy %.1f%% (%d of %d); kind right on %d of %d correctly tagged\n",
		r.MacroF1, 100*float64(r.Correct)/float64(max(r.N, 1)), r.Correct, r.N, r.KindCorrect, r.KindN)
	for _, c := range SentenceRoles {
		v := r.PerClass[c]
		p := float64(v[0]) / float64(max(v[0]+v[1], 1))
		rc := float64(v[0]) / float64(max(v[0]+v[2], 1))
		fmt.Fprintf(w, "  %-7s precision %.2f recall %.2f\n", c, p, rc)
	}
	if verbose {
		for _, s := range r.Wrong {
			fmt.Fprintln(w, "  "+s)
		}
	}
}
