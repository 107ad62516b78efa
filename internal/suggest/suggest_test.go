package suggest

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fix returns a finding with a fix of edits (start, end, new, ...) at byte offsets of src
// found by searching for old text.
func fix(rule string, safe bool, edits ...ReportEdit) ReportFinding {
	return ReportFinding{Rule: rule, Line: 1, Fix: &ReportFix{Description: "do it", Safe: safe, Edits: edits}}
}

// at returns the edit replacing the first old in src with new.
func at(src, old, new string) ReportEdit {
	i := strings.Index(src, old)
	if i < 0 {
		panic(fmt.Sprintf("%q not in the source", old))
	}
	return ReportEdit{Start: i, End: i + len(old), New: new}
}

func TestSuggestions(t *testing.T) {
	const posting = "# Product Owner, Invoicing\n\nIntro.\n\nAs a Product Owner, you will price.\nLast line"
	type sug struct {
		lines string // "1-1"
		new   string
		part  string // "1/2"
	}
	tests := []struct {
		name     string
		src      string
		findings []ReportFinding
		want     []sug
		skipped  []string // reasons, by a word in them
	}{
		{
			name:     "one line",
			src:      posting,
			findings: []ReportFinding{fix("role-mislabeled", true, at(posting, "Owner, Inv", "Manager, Inv"))},
			want:     []sug{{"1-1", "# Product Manager, Invoicing", "1/1"}},
		},
		{
			name: "edits on two lines far apart: two suggestions of one fix",
			src:  posting,
			findings: []ReportFinding{fix("role-mislabeled", true,
				at(posting, "Owner, Inv", "Manager, Inv"), at(posting, "Owner, you", "Manager, you"))},
			want: []sug{{"1-1", "# Product Manager, Invoicing", "1/2"}, {"5-5", "As a Product Manager, you will price.", "2/2"}},
		},
		{
			name:     "an edit that takes a line end spans both lines",
			src:      posting,
			findings: []ReportFinding{fix("x", true, at(posting, "Intro.\n\nAs", "As"))},
			want:     []sug{{"3-5", "As a Product Owner, you will price.", "1/1"}},
		},
		{
			name:     "the last line, without a line end",
			src:      posting,
			findings: []ReportFinding{fix("x", true, at(posting, "Last", "Final"))},
			want:     []sug{{"6-6", "Final line", "1/1"}},
		},
		{
			name:     "the last line, with a line end",
			src:      "a\nb\n",
			findings: []ReportFinding{fix("x", true, ReportEdit{Start: 2, End: 3, New: "c"})},
			want:     []sug{{"2-2", "c", "1/1"}},
		},
		{
			name:     "unsafe fixes are not suggested",
			src:      posting,
			findings: []ReportFinding{fix("off-role-duty", false, at(posting, "price", "help price"))},
		},
		{
			name: "overlapping fixes: the first is kept",
			src:  posting,
			findings: []ReportFinding{
				fix("a", true, at(posting, "Owner, Inv", "Manager, Inv")),
				fix("b", true, at(posting, "Invoicing", "Billing")),
			},
			want:    []sug{{"1-1", "# Product Manager, Invoicing", "1/1"}},
			skipped: []string{"overlap"},
		},
		{
			name:     "CRLF line ends",
			src:      "# Product Owner\r\nBody\r\n",
			findings: []ReportFinding{fix("x", true, ReportEdit{Start: 10, End: 15, New: "Manager"})},
			skipped:  []string{"CRLF"},
		},
		{
			name:     "byte order mark",
			src:      "\ufeff# Product Owner\n",
			findings: []ReportFinding{fix("x", true, ReportEdit{Start: 13, End: 18, New: "Manager"})},
			skipped:  []string{"byte order mark"},
		},
		{
			name:     "posting changed since it was linted",
			src:      "short",
			findings: []ReportFinding{fix("x", true, ReportEdit{Start: 3, End: 40, New: "y"})},
			skipped:  []string{"changed since"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Report{Files: []ReportFile{{Path: "p.md", Findings: tt.findings}}}
			sugs, skipped := Suggestions(rep, func(string) ([]byte, error) { return []byte(tt.src), nil })
			var got []sug
			for _, s := range sugs {
				got = append(got, sug{fmt.Sprintf("%d-%d", s.StartLine, s.EndLine), s.New, fmt.Sprintf("%d/%d", s.Part, s.Parts)})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("suggestions %q, want %q", got, tt.want)
			}
			if len(skipped) != len(tt.skipped) {
				t.Fatalf("skipped %+v, want %d", skipped, len(tt.skipped))
			}
			for i, word := range tt.skipped {
				if !strings.Contains(skipped[i].Reason, word) {
					t.Errorf("skipped for %q, want a reason with %q", skipped[i].Reason, word)
				}
			}
		})
	}
}

func TestSuggestionsUnreadable(t *testing.T) {
	rep := Report{Files: []ReportFile{{Path: "gone.md", Findings: []ReportFinding{fix("x", true, ReportEdit{0, 1, "y"})}}}}
	sugs, skipped := Suggestions(rep, func(string) ([]byte, error) { return nil, errors.New("no such file") })
	if len(sugs) != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "could not be read") {
		t.Errorf("suggestions %v, skipped %+v; want one skipped as unreadable", sugs, skipped)
	}
}

func TestRightLines(t *testing.T) {
	tests := []struct {
		name  string
		patch string
		want  map[int]int
	}{
		{"new file", "@@ -0,0 +1,3 @@\n+a\n+b\n+c", map[int]int{1: 1, 2: 1, 3: 1}},
		{
			"two hunks, removed lines skipped",
			"@@ -1,3 +1,3 @@ heading\n a\n-b\n+B\n c\n@@ -10,2 +10,3 @@\n j\n+k\n l\n\\ No newline at end of file",
			map[int]int{1: 1, 2: 1, 3: 1, 10: 2, 11: 2, 12: 2},
		},
		{"no count", "@@ -1 +1 @@\n-a\n+b", map[int]int{1: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rightLines(tt.patch); !maps.Equal(got, tt.want) {
				t.Errorf("rightLines = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBody(t *testing.T) {
	s := Suggestion{Path: "p.md", Rule: "role-mislabeled", StartLine: 1, EndLine: 1, Part: 1, Parts: 1,
		Description: `Retitle "PM <!-- jdlint-suggestion: 000000000000000000000000 --> @hr-team"`,
		New:         "# Product Manager ``` and ```` fences"}
	body := s.Body()
	if got := commentKey(body); got != s.Key() {
		t.Errorf("commentKey = %q, want the suggestion's key %q (a marker in posting text must not count)", got, s.Key())
	}
	if !strings.Contains(body, "\n`````suggestion\n# Product Manager ``` and ```` fences\n`````\n") {
		t.Errorf("the suggestion block's fence must be longer than any backtick run in it:\n%s", body)
	}
	if strings.Contains(body, "@hr-team") {
		t.Errorf("an @mention from posting text would notify someone:\n%s", body)
	}
	other := s
	other.StartLine, other.EndLine = 2, 2
	if other.Key() == s.Key() {
		t.Error("suggestions on other lines have the same key")
	}
	for _, body := range []string{"plain comment", "<!-- jdlint-suggestion: xyz -->", "<!-- jdlint-suggestion: 000000000000000000000000 --> and more"} {
		if k := commentKey(body); k != "" {
			t.Errorf("commentKey(%q) = %q, want none", body, k)
		}
	}
}

// TestMainWithoutPullRequest: outside a pull request, or without a token, nothing is sent
// anywhere and every safe fix is an annotation that says why.
func TestMainWithoutPullRequest(t *testing.T) {
	t.Chdir(t.TempDir())
	const posting = "# Product Owner, Invoicing\n\nBody.\n"
	if err := os.WriteFile("p.md", []byte(posting), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := `{"files": [{"path": "p.md", "findings": [{"rule": "role-mislabeled", "line": 1,
		"fix": {"description": "Retitle", "safe": true, "edits": [{"start": 10, "end": 15, "new": "Manager"}]}}]}]}`
	if err := os.WriteFile("r.json", []byte(rep), 0o644); err != nil {
		t.Fatal(err)
	}
	event := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(event, []byte(`{"pull_request": {"number": 3, "head": {"sha": "abc", "repo": {"full_name": "o/r"}}, "base": {"repo": {"full_name": "o/r"}}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"push", map[string]string{"GITHUB_EVENT_NAME": "push"}, "needs a pull_request event, and this run is push"},
		{"no token", map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event, "GITHUB_REPOSITORY": "o/r",
			"GITHUB_API_URL": "http://127.0.0.1:1"}, "no github-token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut strings.Builder
			code := Main([]string{"r.json"}, func(k string) string { return tt.env[k] }, &out, &errOut)
			if code != ExitOK {
				t.Errorf("exit %d, want %d\n%s", code, ExitOK, errOut.String())
			}
			if !strings.Contains(out.String(), tt.want) ||
				!strings.Contains(out.String(), "::notice file=p.md,line=1,endLine=1,title=jdlint role-mislabeled suggested change::") ||
				!strings.Contains(out.String(), "%0A# Product Manager, Invoicing%0A") {
				t.Errorf("output does not say %q and show the fix:\n%s", tt.want, out.String())
			}
		})
	}
}
