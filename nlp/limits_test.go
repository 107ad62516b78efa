package nlp

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMarkdownLimitsSpareRealPostings: every labeled and held-out posting is far inside the
// limits, so they refuse only Markdown built to be slow.
func TestMarkdownLimitsSpareRealPostings(t *testing.T) {
	var files []string
	for _, pat := range []string{"job_posts/*", "holdout/*"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", pat))
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d postings", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// ten copies in one file, and one paragraph of ten copies: still inside
		for _, src := range [][]byte{[]byte(strings.Repeat(string(b)+"\n\n", 10)), []byte(strings.Repeat(strings.ReplaceAll(string(b), "\n\n", "\n"), 10))} {
			if err := checkMarkdown(src, 1); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
}

func TestMarkdownLimits(t *testing.T) {
	tests := []struct {
		name, src string
		line      int    // 0: within the limits
		detail    string // in the message
	}{
		{"nesting at the limit", "# T\n\n" + strings.Repeat("> ", MaxMarkdownDepth) + "x\n", 0, ""},
		{"nesting past the limit", "# T\n\n" + strings.Repeat("> ", MaxMarkdownDepth+1) + "x\n", 3, "nested 33 deep (at most 32)"},
		{"lists past the limit", "x\n\n" + strings.Repeat("- ", 40) + "x\n", 3, "nested 40 deep"},
		{"indented lists", func() string {
			var b strings.Builder
			for i := range 40 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}(), 33, "nested 33 deep"},
		{"nesting in a code block", "```\n" + strings.Repeat(">", 100) + "\n```\n", 0, ""},
		{"unclosed links", "# T\n\n" + strings.Repeat("[a](", 20000), 3, "20000 link destinations"},
		{"closed links", "# T\n\n" + strings.Repeat("[a](b) ", 20000), 0, ""},
		{"emphasis", "a\n\n" + strings.Repeat("*a_", 5000), 3, "10000 runs of * and _"},
		{"emphasis in short paragraphs", strings.Repeat("*a_*a_ **b**\n\n", 5000), 0, ""},
		{"escaped emphasis", strings.Repeat("\\*a\\_", 20000), 0, ""},
		{"open brackets", strings.Repeat("[", 100000), 1, "left open"},
		{"a few open brackets", strings.Repeat("[a ", 1000), 0, ""},
		{"nested brackets", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), 1, "nested 10000 deep"},
		{"code markers", func() string {
			var b strings.Builder
			for k := 1; k < 800; k++ {
				b.WriteString(strings.Repeat("`", k) + "a")
			}
			return b.String()
		}(), 1, "799 runs of `"},
		{"link definitions", strings.Repeat("[a]: /u\n", 3000), 1, "3000 link definitions"},
		{"link definitions apart", strings.Repeat("[a]: /u\n\n", 3000), 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkMarkdown([]byte(tt.src), 1)
			var le *MarkdownLimitError
			switch {
			case tt.line == 0 && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.line == 0:
			case !errors.As(err, &le):
				t.Fatalf("err = %v, want a MarkdownLimitError", err)
			case le.Line != tt.line || !strings.Contains(err.Error(), tt.detail) || strings.Contains(err.Error(), "\n"):
				t.Errorf("err = %q (line %d), want line %d and %q on one line", err, le.Line, tt.line, tt.detail)
			}
		})
	}
	// Parse refuses such Markdown, counting lines from the top of the file (front matter
	// included), and reads the same text as plain text
	src := "---\ntitle: Product Owner\n---\n# Product Owner\n\n" + strings.Repeat("> ", 100) + "x\n"
	o, err := DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	var le *MarkdownLimitError
	if _, err := Parse("p.md", []byte(src), o); !errors.As(err, &le) || le.Line != 6 {
		t.Errorf("Parse: %v, want refused at line 6", err)
	}
	if _, err := Parse("p.txt", []byte(src), o); err != nil {
		t.Errorf("Parse as text: %v", err)
	}
}
