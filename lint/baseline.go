package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Baseline holds the findings a team has accepted, read from a JSON report (version 1, as
// written by --format json or --write-baseline). A finding matches an accepted one by file,
// rule and fingerprint (see Fingerprint), never by line, so that edits elsewhere in the
// posting do not bring it back. Each accepted finding covers one finding: if the same
// sentence is later pasted twice, the copy is reported.
type Baseline struct {
	Path    string
	entries map[string]map[baselineKey]int // normalised file path -> accepted findings
}

type baselineKey struct {
	rule, fingerprint string
	line, column      int // only for hand-written entries without a fingerprint
}

// baselineReport is the part of the version-1 JSON report a baseline needs.
type baselineReport struct {
	Version *int `json:"version"`
	Files   *[]struct {
		Path     string `json:"path"`
		Findings []struct {
			Rule        string `json:"rule"`
			Fingerprint string `json:"fingerprint"`
			Line        int    `json:"line"`
			Column      int    `json:"column"`
		} `json:"findings"`
	} `json:"files"`
}

// ReadBaseline reads a baseline file.
func ReadBaseline(file string) (*Baseline, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", file, unwrapPath(err))
	}
	return ParseBaseline(file, data)
}

// ParseBaseline decodes a baseline from the bytes of a JSON report; name is used in errors.
func ParseBaseline(name string, data []byte) (*Baseline, error) {
	var rep baselineReport
	if err := json.Unmarshal(data, &rep); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + strings.Count(string(data[:min(int(se.Offset), len(data))]), "\n")
			return nil, fmt.Errorf("baseline %s:%d: not JSON: %v (want a report from --format json or --write-baseline)", name, line, err)
		}
		return nil, fmt.Errorf("baseline %s: not a jdlint JSON report: %v", name, err)
	}
	if rep.Version == nil || rep.Files == nil {
		return nil, fmt.Errorf("baseline %s: not a jdlint JSON report (no version or files; write one with --write-baseline)", name)
	}
	if *rep.Version != 1 {
		return nil, fmt.Errorf("baseline %s: report version %d; this jdlint reads version 1", name, *rep.Version)
	}
	b := &Baseline{Path: name, entries: map[string]map[baselineKey]int{}}
	for _, f := range *rep.Files {
		p := baselinePath(f.Path)
		for _, fd := range f.Findings {
			if fd.Rule == "" {
				continue
			}
			k := baselineKey{rule: fd.Rule, fingerprint: fd.Fingerprint}
			if fd.Fingerprint == "" {
				k.line, k.column = fd.Line, fd.Column
			}
			if b.entries[p] == nil {
				b.entries[p] = map[baselineKey]int{}
			}
			b.entries[p][k]++
		}
	}
	return b, nil
}

// baselinePath normalises a path as reports write it and as the command line gives it.
func baselinePath(p string) string {
	if p == "-" || p == "<stdin>" {
		return "<stdin>"
	}
	return path.Clean(filepath.ToSlash(p))
}

// Len returns the number of accepted findings.
func (b *Baseline) Len() int {
	n := 0
	for _, m := range b.entries {
		for _, c := range m {
			n += c
		}
	}
	return n
}

// Filter drops the findings of results that the baseline accepts, so that only new ones
// are reported and counted toward the exit code, and returns how many it dropped. File
// errors are never filtered.
func (b *Baseline) Filter(results []Result) (hidden int) {
	for i := range results {
		r := &results[i]
		accepted := b.entries[baselinePath(r.Path)]
		if len(accepted) == 0 || len(r.Findings) == 0 {
			continue
		}
		left := make(map[baselineKey]int, len(accepted))
		for k, v := range accepted {
			left[k] = v
		}
		kept := r.Findings[:0:0]
		for _, f := range r.Findings {
			k := baselineKey{rule: f.Rule, fingerprint: Fingerprint(*r, f)}
			if left[k] > 0 {
				left[k]--
				hidden++
				continue
			}
			byLine := baselineKey{rule: f.Rule, line: f.Span.Line, column: f.Span.Column}
			if left[byLine] > 0 {
				left[byLine]--
				hidden++
				continue
			}
			kept = append(kept, f)
		}
		r.Findings = kept
	}
	return hidden
}
