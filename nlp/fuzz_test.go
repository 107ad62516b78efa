package nlp

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addCorpusSeeds adds every posting of testdata/job_posts and a few hostile inputs.
func addCorpusSeeds(f *testing.F) {
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
		"", "---", "---\n---\n", "---\ntitle: [x\n---\n# T\n", "\xef\xbb\xbf---\r\ntitle: Product Owner\r\n---\r\n",
		"# Product Owner\r\r- Own the backlog\r", "<!-- jdlint-disable-next-line -->", "<!--jdlint-disable-file evidence-->\n# PO\n",
		"# \xff\xfe\n\n- Own the product backlog. Set pricing.\n", "**Product Owner**\n**Duties**\nOwn the backlog\n",
		"Job Title: Product Manager\nResponsibilities:\n- Own pricing\n", "> - # Product Owner\n>   - Own the backlog\n",
	} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	for _, s := range quoteSeeds {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
}

// FuzzParse checks that Parse never panics and that every span it returns is inside the
// file, whatever the bytes.
func FuzzParse(f *testing.F) {
	addCorpusSeeds(f)
	o, err := DefaultOptions()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, markdown bool) {
		opts := o
		opts.Markdown = &markdown
		p, err := Parse("fuzz.md", src, opts)
		if err != nil {
			var le *MarkdownLimitError
			if err != ErrBinary && !errors.As(err, &le) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkPosting(t, p, src)
		for _, d := range p.Directives {
			if d.Target != 0 && d.Target <= d.Line {
				t.Fatalf("disable-next-line on line %d targets line %d", d.Line, d.Target)
			}
		}
	})
}
