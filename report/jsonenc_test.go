package report

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/jdlint/jdlint/lint"
)

// checkJSONFile compares appendJSONFile with json.MarshalIndent, which it replaces.
func checkJSONFile(t *testing.T, f jsonFile) {
	t.Helper()
	want, err := json.MarshalIndent(f, "    ", "  ")
	got, ok := appendJSONFile([]byte("junk"), &f)
	if ok != (err == nil) {
		t.Fatalf("%+v: ok %v, MarshalIndent's error %v", f, ok, err)
	}
	if ok && !bytes.Equal(got[4:], want) {
		t.Fatalf("appendJSONFile differs from MarshalIndent:\n%s\nwant:\n%s", got[4:], want)
	}
}

// TestJSONFileEncoder holds appendJSONFile to json.MarshalIndent byte for byte on the
// files of the live pipeline over the labeled corpus, the mixed folder, the fixed results
// and generated rewrite-heavy postings, and on files made to stress strings, numbers and
// empty or missing parts.
func TestJSONFileEncoder(t *testing.T) {
	paths := append([]string{filepath.Join("..", "testdata", "job_posts")}, mixedPaths...)
	if gen, _ := filepath.Glob(filepath.Join(os.TempDir(), "rewrites", "00*")); len(gen) > 0 {
		paths = append(paths, gen...)
	}
	results := append(lintPaths(t, paths...), fixedResults(t)...)
	results = append(results, lint.Result{Path: "gone.md", Err: os.ErrNotExist})
	for _, r := range results {
		checkJSONFile(t, jsonFileOf(r))
	}
	share, msg := 0.5, "boom <b> & \"quoted\" \\ \t\n\r\b\f \x01 \x7f é \u2028 \u2029 \xff\xfe 😀"
	for _, s := range []string{"", "plain", msg, "<>&", "\u2028x\u2029", "\xe2\x80", "a\x00b", "’curly’"} {
		for _, x := range []float64{0, math.Copysign(0, -1), 0.1, -2.5, 1e-7, 1e-6, 9.99e-7, 1e21, 1e20, 123456789.125, 1.0 / 3, -1e-300, math.MaxFloat64, math.SmallestNonzeroFloat64} {
			checkJSONFile(t, jsonFile{Path: s, Title: s, TitleRole: s, DetectedRole: s, POShare: &x, Confidence: x, Verdict: s,
				Evidence: jsonEvidence{PO: x, PM: -x, Shared: x * 3, Other: x / 7}, Error: &s,
				Notices: []jsonNotice{{Line: 1, Column: -2, Message: s}, {Message: s}},
				Findings: []jsonFinding{
					{Rule: s, Severity: s, Message: s},
					{Rule: "r", Line: math.MaxInt64, Column: math.MinInt64, Fingerprint: s, Fix: &jsonFix{Description: s, Safe: true}},
					{Fix: &jsonFix{Edits: []jsonEdit{}}},
					{Fix: &jsonFix{Edits: []jsonEdit{{Start: 1, End: 2, New: s}, {New: msg}}}},
				}})
		}
	}
	checkJSONFile(t, jsonFile{})
	checkJSONFile(t, jsonFile{Findings: []jsonFinding{}, Notices: []jsonNotice{}, POShare: &share})
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		checkJSONFile(t, jsonFile{Confidence: bad})
		checkJSONFile(t, jsonFile{POShare: &bad})
		checkJSONFile(t, jsonFile{Evidence: jsonEvidence{Other: bad}})
	}
}

func FuzzJSONFileEncoder(f *testing.F) {
	f.Add("plain", 0.5, 3, true)
	f.Add("<&>\u2028\xff\x01", 1e-7, -1, false)
	f.Fuzz(func(t *testing.T, s string, x float64, n int, safe bool) {
		checkJSONFile(t, jsonFile{Path: s, Title: s, POShare: &x, Confidence: x, Verdict: s, Evidence: jsonEvidence{PO: x},
			Findings: []jsonFinding{{Rule: s, Line: n, Message: s, Fingerprint: s, Fix: &jsonFix{Description: s, Safe: safe,
				Edits: []jsonEdit{{Start: n, End: n, New: s}}}}},
			Notices: []jsonNotice{{Line: n, Message: s}}, Error: &s})
	})
}
