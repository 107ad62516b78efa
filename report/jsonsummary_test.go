package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/rules"
)

// TestJSONSummaryCounts: summary.errors counts error findings (not files that could not be
// linted, which summary.file_errors counts), with one count per severity beside it.
func TestJSONSummaryCounts(t *testing.T) {
	find := func(sev rules.Severity) rules.Finding { return rules.Finding{Rule: "role-blended", Severity: sev} }
	results := []lint.Result{
		{Path: "a.md", Findings: []rules.Finding{find(rules.Error), find(rules.Warning), find(rules.Warning), find(rules.Info)}},
		{Path: "b.md", Findings: []rules.Finding{find(rules.Error)}},
		{Path: "missing-1.md", Err: os.ErrNotExist},
		{Path: "missing-2.md", Err: os.ErrNotExist},
		{Path: "missing-3.md", Err: os.ErrNotExist},
	}
	var buf bytes.Buffer
	if err := JSON(&buf, results, Options{}); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Summary map[string]any `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"files": 5, "findings": 5, "errors": 2, "warnings": 2, "infos": 1, "file_errors": 3}
	for k, v := range want {
		if rep.Summary[k] != v {
			t.Errorf("summary.%s = %v, want %v", k, rep.Summary[k], v)
		}
	}
}

// TestJSONSummaryDocumented: every field of the JSON report's summary is documented as
// `summary.NAME` in docs/formats.md, which describes the JSON report.
func TestJSONSummaryDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "formats.md"))
	if err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeOf(jsonSum{})
	for i := 0; i < typ.NumField(); i++ {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if !strings.Contains(string(doc), "`summary."+name+"`") {
			t.Errorf("summary field %q is not documented as `summary.%s` in docs/formats.md", name, name)
		}
	}
}
