package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// jsonV1Names are the names of the version-1 JSON report, the one format declared stable,
// as paths: "a.b" is field b of object a, "a[]" an element of array a. Other tools parse
// these names, so none may be renamed or removed; a new one is added here and to
// docs/formats.md on purpose. The keys of summary.by_rule are rule ids, data rather than names.
var jsonV1Names = []string{
	"version",
	"tool", "tool.name", "tool.version",
	"files",
	"files[].path", "files[].title", "files[].title_role", "files[].detected_role", "files[].po_share",
	"files[].confidence", "files[].verdict",
	"files[].evidence", "files[].evidence.po", "files[].evidence.pm", "files[].evidence.shared", "files[].evidence.other",
	"files[].findings",
	"files[].findings[].rule", "files[].findings[].severity",
	"files[].findings[].line", "files[].findings[].column", "files[].findings[].end_line", "files[].findings[].end_column",
	"files[].findings[].message", "files[].findings[].fingerprint",
	"files[].findings[].fix", "files[].findings[].fix.description", "files[].findings[].fix.safe",
	"files[].findings[].fix.edits", "files[].findings[].fix.edits[].start", "files[].findings[].fix.edits[].end",
	"files[].findings[].fix.edits[].new",
	"files[].notices", "files[].notices[].line", "files[].notices[].column", "files[].notices[].message",
	"files[].error",
	"summary", "summary.files", "summary.findings", "summary.errors", "summary.warnings", "summary.infos",
	"summary.file_errors",
	"summary.by_detected_role", "summary.by_detected_role.PO", "summary.by_detected_role.PM",
	"summary.by_detected_role.blended", "summary.by_detected_role.other", "summary.by_detected_role.unknown",
	"summary.by_rule",
}

// jsonNames collects the name paths of a decoded JSON value into names.
func jsonNames(v any, path string, names map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			names[p] = true
			if p != "summary.by_rule" {
				jsonNames(x, p, names)
			}
		}
	case []any:
		for _, x := range v {
			jsonNames(x, path+"[]", names)
		}
	}
}

// TestJSONNames: the JSON report of the fixed results, which hold every optional part
// (fixes, notices, an error, a PO share and none), uses exactly the version-1 names.
func TestJSONNames(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, fixedResults(t), Options{Version: "v0.0.0-test"}); err != nil {
		t.Fatal(err)
	}
	var rep any
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	jsonNames(rep, "", got)
	want := map[string]bool{}
	for _, n := range jsonV1Names {
		want[n] = true
		if !got[n] {
			t.Errorf("the JSON report lacks the version-1 name %s", n)
		}
	}
	var extra []string
	for n := range got {
		if !want[n] {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	for _, n := range extra {
		t.Errorf("the JSON report has %s, which is not a version-1 name: add it to jsonV1Names and the JSON report section of docs/formats.md, or remove it", n)
	}
}

// TestJSONNamesDocumented: every version-1 name is named in the JSON report section of
// docs/formats.md (`name`, or `summary.name` in the summary's table).
func TestJSONNamesDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "formats.md"))
	if err != nil {
		t.Fatal(err)
	}
	formats := string(b)
	start := strings.Index(formats, "\n## JSON report\n")
	if start < 0 {
		t.Fatal("docs/formats.md has no \"## JSON report\" section")
	}
	section := formats[start+len("\n## JSON report\n"):]
	if end := strings.Index(section, "\n#"); end >= 0 {
		section = section[:end]
	}
	for _, n := range jsonV1Names {
		parts := strings.Split(strings.ReplaceAll(n, "[]", ""), ".")
		leaf := parts[len(parts)-1]
		doc := "`" + leaf + "`"
		if parts[0] == "summary" && len(parts) == 2 {
			doc = "`summary." + leaf + "`"
		}
		if !strings.Contains(section, doc) {
			t.Errorf("%s is not documented in the JSON report section of docs/formats.md (as %s)", n, doc)
		}
	}
}
