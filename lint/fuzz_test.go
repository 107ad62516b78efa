package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// addPostingSeeds adds every posting of testdata/job_posts, and a few hostile inputs.
func addPostingSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "job_posts", "*"))
	for _, name := range files {
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".md" && ext != ".markdown" && ext != ".txt" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, ext != ".txt")
	}
	for _, s := range []string{
		"", "---\ntitle: Product Owner\n---\n", "# Product Owner\r\n\r\n- Own pricing and the go-to-market plan\r\n",
		"<!-- jdlint-disable-next-line role-mislabeled -->\n# Product Owner\n\n- Own pricing and packaging\n- Build the business case\n",
		"# Product Manager\n\n- Own and order the product backlog\n- Write user stories\n- Run sprint reviews\n",
		"# Product Owner / Product Manager\n\nAs a Product Owner, you will own pricing. Work with the Product Manager.\n",
		"# Produktowner (m/w/d)\n\n- Verantwortung für das Product Backlog\n",
	} {
		f.Add([]byte(s), true)
	}
	addHostileSeeds(f) // hostile_test.go: the corpus of issue 14, and curly quotes
}

// checkFindings verifies that findings and their fixes point inside src.
func checkFindings(t *testing.T, src []byte, fs []rules.Finding) {
	t.Helper()
	for _, f := range fs {
		s := f.Span
		if s.Start < 0 || s.End < s.Start || s.End > len(src) || s.Line < 1 || s.Column < 1 {
			t.Fatalf("%s: span %+v outside the file (%d bytes)", f.Rule, s, len(src))
		}
		if f.Rule == "" || f.Message == "" || f.Severity == rules.Off {
			t.Fatalf("finding without rule, message or severity: %+v", f)
		}
		for _, e := range f.Evidence {
			if e.Start < 0 || e.End < e.Start || e.End > len(src) {
				t.Fatalf("%s: evidence %+v outside the file", f.Rule, e)
			}
		}
		if f.Fix == nil {
			continue
		}
		prev := -1
		for _, e := range f.Fix.Edits {
			if e.Start < 0 || e.End < e.Start || e.End > len(src) {
				t.Fatalf("%s: edit [%d,%d) outside the file (%d bytes)", f.Rule, e.Start, e.End, len(src))
			}
			if e.Start < prev {
				t.Fatalf("%s: edits overlap or are not sorted: %+v", f.Rule, f.Fix.Edits)
			}
			prev = e.End
		}
	}
}

func lintBytes(t *testing.T, src []byte, markdown bool, o nlp.Options) (Result, bool) {
	t.Helper()
	o.Markdown = &markdown
	p, err := Parse("fuzz.md", src, o)
	var tooDeep *nlp.MarkdownLimitError // Markdown refused as too costly to parse (nlp/limits.go)
	if errors.Is(err, nlp.ErrBinary) || errors.As(err, &tooDeep) {
		return Result{}, false
	}
	if err != nil {
		t.Fatalf("Lint: %v", err) // an internal error: Lint recovered from a panic
	}
	v := verdict.Decide(p, verdict.DefaultThresholds)
	r := Result{Path: "fuzz.md", Posting: p, Verdict: &v, src: src}
	r.Findings = Suppress(p, rules.Check(p, &v, rules.Config{}))
	checkFindings(t, src, r.Findings)
	for _, f := range r.Findings {
		_ = Fingerprint(r, f)
	}
	return r, true
}

// FuzzLint runs the whole lint of one posting, parse and rules, on arbitrary bytes.
func FuzzLint(f *testing.F) {
	addPostingSeeds(f)
	o, err := nlp.DefaultOptions()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, markdown bool) {
		lintBytes(t, src, markdown, o)
	})
}

// FuzzFix applies every fix (safe and unsafe) of a posting's findings and lints the
// result again: the merged edits stay in range and in order, and re-linting never panics.
func FuzzFix(f *testing.F) {
	addPostingSeeds(f)
	o, err := nlp.DefaultOptions()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, markdown bool) {
		r, ok := lintBytes(t, src, markdown, o)
		if !ok {
			return
		}
		edits := MergeEdits(r, true)
		prev := 0
		for _, e := range edits {
			if e.Start < prev || e.End < e.Start || e.End > len(src) {
				t.Fatalf("merged edits out of range or order: %+v (%d bytes)", edits, len(src))
			}
			prev = e.End
		}
		out, n, err := Fixed(r, true)
		if err != nil {
			if errors.Is(err, ErrInvalidUTF8) {
				return
			}
			t.Fatal(err)
		}
		if n != len(edits) {
			t.Fatalf("Fixed applied %d edits, MergeEdits gave %d", n, len(edits))
		}
		again, ok := lintBytes(t, out, markdown, o)
		if !ok {
			return
		}
		// fixing the fixed text also stays in range
		if _, _, err := Fixed(again, true); err != nil && !errors.Is(err, ErrInvalidUTF8) {
			t.Fatal(err)
		}
	})
}

// FuzzConfig decodes arbitrary YAML as a .jdlint.yml: it returns a config or a ConfigError,
// never panics (decodeConfig recovers, so a recovered panic fails here) and never hangs.
func FuzzConfig(f *testing.F) {
	f.Add([]byte(uncomment(StarterConfig)))
	f.Add([]byte(StarterConfig))
	for _, s := range []string{
		"rules:\n  role-blended: off\n", "thresholds: {blend_low: 0.2, blend_high: 0.9}\n", "ignore: [a/**, '*.md']\n",
		"max_size: 2MiB\n", "titles: {Product Lead: PM}\n", "a: &a [x, *a]\n", "rules: {role-blended: {options: &o {x: [*o]}}}\n",
		"vocabulary:\n  categories:\n    - {id: x, role: PO, phrases: [a ... b|c]}\n  add: {pm-pricing: [rate card]}\n  ignore: [x]\n",
		"vocabulary:\n  add: {pm-pricing: [“rate card”, team’s work, Zoë's plan]}\n  ignore: [l’équipe’s]\ntitles: {Ownér’s Lead: PM}\n",
		"vocabulary:\n  categories:\n    - {id: y, role: PM, phrases: [Upstream’s ... organization's vision]}\n",
	} {
		f.Add([]byte(s))
	}
	tax, err := nlp.DefaultTaxonomy()
	if err != nil {
		f.Fatal(err)
	}
	base, err := nlp.DefaultOptions()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		raw, err := decodeConfig("fuzz.yml", data, tax)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("not a ConfigError: %v", err)
			}
			if strings.Contains(ce.Msg, "cannot be decoded") {
				t.Fatalf("decoder panicked: %v", err)
			}
			return
		}
		c := &ConfigSource{base: base, taxes: map[string]*taxEntry{}}
		if cfg, err := c.resolve("fuzz.yml", raw); err == nil {
			th := cfg.rules.VerdictThresholds()
			if th.BlendLow > th.BlendHigh {
				t.Fatalf("resolved an upside-down band: %+v", th)
			}
		}
	})
}
