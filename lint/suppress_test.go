package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// blendedPosting is a PO posting that also owns pricing, market research and go-to-market:
// role-blended, with a collaboration rewrite of each PM line under --unsafe-fixes.
const blendedPosting = `# Product Owner, Payments

## What you'll do

- Own and order the product backlog with the team
- Write user stories with acceptance criteria
- Run sprint planning and sprint reviews
- Own the pricing model for transaction fees
- Run market research and competitive analysis across Europe
- Plan the go-to-market and positioning with sales
`

// TestSuppressFixes: no finding and no edit of a fix escapes a directive that turns its rule
// (or every rule) off on a line the edit touches (issue: a disable-line was still rewritten
// by role-blended's fix under --fix --unsafe-fixes).
func TestSuppressFixes(t *testing.T) {
	opts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	const pricing = "- Own the pricing model for transaction fees"
	tests := []struct {
		name      string
		directive func(src string) string
		offRule   string // the rule the directive turns off ("" every rule)
	}{
		{"disable-line for the rule", func(s string) string {
			return strings.Replace(s, pricing, pricing+" <!-- jdlint-disable-line role-blended off-role-duty -->", 1)
		}, "role-blended"},
		// off-role-duty makes the same rewrite as role-blended: turning off either protects
		// the line from both
		{"disable-line for role-blended only", func(s string) string {
			return strings.Replace(s, pricing, pricing+" <!-- jdlint-disable-line role-blended -->", 1)
		}, "role-blended"},
		{"disable-line for every rule", func(s string) string {
			return strings.Replace(s, pricing, pricing+" <!-- jdlint-disable-line -->", 1)
		}, ""},
		{"disable-next-line", func(s string) string {
			return strings.Replace(s, pricing, "<!-- jdlint-disable-next-line role-blended off-role-duty -->\n"+pricing, 1)
		}, "role-blended"},
		{"a disabled range", func(s string) string {
			s = strings.Replace(s, pricing, "<!-- jdlint-disable role-blended off-role-duty -->\n"+pricing, 1)
			return strings.Replace(s, "- Run market research", "<!-- jdlint-enable role-blended off-role-duty -->\n- Run market research", 1)
		}, "role-blended"},
	}
	base := Check("p.md", []byte(blendedPosting), opts, rules.Config{})
	if !touches(base, pricing) {
		t.Fatalf("without a directive no fix rewrites %q: the test posting no longer exercises it", pricing)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.directive(blendedPosting)
			r := Check("p.md", []byte(src), opts, rules.Config{})
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if touches(r, pricing) {
				t.Errorf("a fix still rewrites the disabled line %q", pricing)
			}
			for _, f := range r.Findings {
				if line := lineOf(src, f.Span.Start); strings.Contains(line, pricing) && (tt.offRule == "" || f.Rule == tt.offRule) {
					t.Errorf("finding %s on the disabled line", f.Rule)
				}
			}
			if !hasRule(r, "role-blended") {
				t.Errorf("role-blended itself is gone; only the disabled line should be")
			}
		})
	}
}

// touches reports whether any edit of any fix changes the line holding text.
func touches(r Result, text string) bool {
	src := string(r.Src())
	at := strings.Index(src, text)
	if at < 0 {
		return false
	}
	end := at + len(text)
	for _, f := range r.Findings {
		if f.Fix == nil {
			continue
		}
		for _, e := range f.Fix.Edits {
			if e.Start < end && e.End > at {
				return true
			}
		}
	}
	return false
}

func lineOf(src string, off int) string {
	s := strings.LastIndexByte(src[:off], '\n') + 1
	e := strings.IndexByte(src[off:], '\n')
	if e < 0 {
		return src[s:]
	}
	return src[s : off+e]
}

func hasRule(r Result, rule string) bool {
	for _, f := range r.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// TestMislabeledSeverityFollowsConfidence: a clear mislabel is an error with a safe
// retitle; a borderline one is a warning whose retitle needs --unsafe-fixes, and a config
// that sets the rule to error does not raise it back.
func TestMislabeledSeverityFollowsConfidence(t *testing.T) {
	opts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	clear := "# Product Owner\n\n## What you'll do\n\n- Own the pricing model and packaging\n- Run market research and competitive analysis\n- Write the business case for each new market\n- Plan the go-to-market and launch with sales\n- Set revenue targets and report on them\n"
	borderline := "# Product Owner\n\n## What you'll do\n\n- Own the pricing model and packaging\n- Run market research\n- Run competitive analysis\n- Define the product vision and roadmap with stakeholders\n- Gather customer feedback and user needs\n- Understand our customers' workflows\n"
	for _, cfg := range []rules.Config{{}, {Severity: map[string]rules.Severity{"role-mislabeled": rules.Error}}} {
		r := Check("clear.md", []byte(clear), opts, cfg)
		f := find(r, "role-mislabeled")
		if f == nil || f.Severity != rules.Error || f.Fix == nil || !f.Fix.Safe {
			t.Fatalf("clear mislabel: %+v (verdict %+v)", f, r.Verdict)
		}
		r = Check("borderline.md", []byte(borderline), opts, cfg)
		f = find(r, "role-mislabeled")
		if f == nil {
			t.Fatalf("borderline mislabel not reported (verdict %+v)", r.Verdict)
		}
		if f.Severity != rules.Warning || f.Fix == nil || f.Fix.Safe {
			t.Errorf("borderline mislabel (confidence %.2f): severity %s, fix %+v; want a warning with an unsafe fix", r.Verdict.Confidence, f.Severity, f.Fix)
		}
	}
}

func find(r Result, rule string) *rules.Finding {
	for i := range r.Findings {
		if r.Findings[i].Rule == rule {
			return &r.Findings[i]
		}
	}
	return nil
}

// A glob that matches a folder, beside that folder or a file in it, lints each file once
// ("jdlint 'posts/*' posts" reported every file of posts/sub twice, and --fix then failed
// on the second copy).
func TestDiscoverGlobAndFolderOnce(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"posts/a.md", "posts/sub/x.md", "posts/sub/y.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# Product Owner\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	posts := filepath.Join(dir, "posts")
	for _, args := range [][]string{
		{filepath.Join(posts, "*"), posts},
		{posts, filepath.Join(posts, "*")},
		{filepath.Join(posts, "sub", "x.md"), filepath.Join(posts, "*")},
		{filepath.Join(posts, "s*"), filepath.Join(posts, "sub")},
	} {
		seen := map[string]int{}
		for _, r := range Discover(args, nil) {
			if r.Err != nil {
				t.Fatalf("%v: %v", args, r.Err)
			}
			seen[filepath.ToSlash(filepath.Clean(r.Path))]++
		}
		for p, n := range seen {
			if n > 1 {
				t.Errorf("%v: %s listed %d times", args, p, n)
			}
		}
	}
}
