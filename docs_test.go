package main

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/jdlint/jdlint/internal/app"
)

// readmeLimit is the README's size limit in bytes: it says what jdlint is, how to install
// and run it, and links to docs/ for the reference.
const readmeLimit = 8 << 10

// TestREADMESize keeps the README short (issue 13 item 13).
func TestREADMESize(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > readmeLimit {
		t.Errorf("README.md is %d bytes, over its limit of %d: move the reference into docs/", len(b), readmeLimit)
	}
}

// docFiles are the Markdown files whose links TestDocLinks checks: README.md and every .md
// file under docs/, as slash paths relative to the repository root.
func docFiles(t *testing.T) []string {
	files := []string{"README.md"}
	err := filepath.WalkDir("docs", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, filepath.ToSlash(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// mdDoc is what TestDocLinks reads from one Markdown file.
type mdDoc struct {
	anchors map[string]bool // heading ids as GitHub makes them, and HTML id/name attributes
	links   []mdLink
	files   []mdLink // file names in the prose (outside code and links), such as "DESIGN.md"
}

type mdLink struct {
	dest string
	line int
}

var (
	htmlRef  = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*"([^"]*)"`)
	htmlID   = regexp.MustCompile(`(?i)\b(?:id|name)\s*=\s*"([^"]*)"`)
	fileWord = regexp.MustCompile(`(?:^|[\s(])((?:[A-Za-z0-9_.-]+/)*[A-Za-z0-9_-]+\.(?:md|go|ya?ml|json|csv|tsv|png))\b`)
)

// parseDoc parses a Markdown file as GitHub renders it (GFM) and collects its anchors, its
// link and image destinations, and the file names its prose mentions.
func parseDoc(src []byte) mdDoc {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	root := md.Parser().Parse(text.NewReader(src))
	doc := mdDoc{anchors: map[string]bool{}}
	lineOf := func(n ast.Node) int {
		for ; n != nil; n = n.Parent() {
			if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
				return strings.Count(string(src[:n.Lines().At(0).Start]), "\n") + 1
			}
			if t, ok := n.(*ast.Text); ok {
				return strings.Count(string(src[:t.Segment.Start]), "\n") + 1
			}
		}
		return 0
	}
	seen := map[string]int{}
	addHTML := func(raw string, line int) {
		for _, m := range htmlRef.FindAllStringSubmatch(raw, -1) {
			doc.links = append(doc.links, mdLink{m[1], line})
		}
		for _, m := range htmlID.FindAllStringSubmatch(raw, -1) {
			doc.anchors[m[1]] = true
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id := slug(plainText(n, src))
			if k := seen[id]; k > 0 {
				doc.anchors[fmt.Sprintf("%s-%d", id, k)] = true
			} else {
				doc.anchors[id] = true
			}
			seen[id]++
		case *ast.Link:
			doc.links = append(doc.links, mdLink{string(n.Destination), lineOf(n)})
		case *ast.Image:
			doc.links = append(doc.links, mdLink{string(n.Destination), lineOf(n)})
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				s := n.Segments.At(i)
				b.Write(s.Value(src))
			}
			addHTML(b.String(), lineOf(n))
		case *ast.HTMLBlock:
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				b.Write(s.Value(src))
			}
			addHTML(b.String(), lineOf(n))
		case *ast.Text:
			if inLink(n) {
				break
			}
			for _, m := range fileWord.FindAllStringSubmatch(string(n.Segment.Value(src)), -1) {
				doc.files = append(doc.files, mdLink{m[1], lineOf(n)})
			}
		}
		return ast.WalkContinue, nil
	})
	return doc
}

// inLink reports whether n is inside a link, an image or a code span, where a file name is
// either checked as a link or an example (`careers/a.md`).
func inLink(n ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan:
			return true
		}
	}
	return false
}

// plainText is a heading's text as GitHub reads it for its id: text and code spans, without
// markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// slug is GitHub's heading id: lower case, punctuation other than '-' and '_' dropped, each
// space a '-'.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestDocLinks: every relative link and image in README.md and docs/ names a file or folder
// inside the repository, every #anchor names a heading of the file it points into, and no
// prose names a file the repository does not have (issue 13 item 13).
func TestDocLinks(t *testing.T) {
	docs := map[string]mdDoc{}
	load := func(p string) (mdDoc, error) {
		if d, ok := docs[p]; ok {
			return d, nil
		}
		b, err := os.ReadFile(filepath.FromSlash(p))
		if err != nil {
			return mdDoc{}, err
		}
		docs[p] = parseDoc(b)
		return docs[p], nil
	}
	exists := func(p string) bool {
		_, err := os.Stat(filepath.FromSlash(p))
		return err == nil
	}
	for _, file := range docFiles(t) {
		doc, err := load(file)
		if err != nil {
			t.Fatal(err)
		}
		dir := path.Dir(file)
		for _, l := range doc.links {
			u, err := url.Parse(l.dest)
			if err != nil {
				t.Errorf("%s:%d: link %q: %v", file, l.line, l.dest, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // http(s), mailto: not this test's business
			}
			target := file
			if u.Path != "" {
				if path.IsAbs(u.Path) {
					target = path.Clean(strings.TrimPrefix(u.Path, "/"))
				} else {
					target = path.Join(dir, u.Path)
				}
				if target == ".." || strings.HasPrefix(target, "../") {
					t.Errorf("%s:%d: link %q leaves the repository", file, l.line, l.dest)
					continue
				}
				if !exists(target) {
					t.Errorf("%s:%d: link %q: the repository has no %s", file, l.line, l.dest, target)
					continue
				}
			}
			if u.Fragment == "" {
				continue
			}
			if !strings.HasSuffix(target, ".md") {
				if !regexp.MustCompile(`^L\d+(-L\d+)?$`).MatchString(u.Fragment) {
					t.Errorf("%s:%d: link %q: #%s in a file that is not Markdown", file, l.line, l.dest, u.Fragment)
				}
				continue
			}
			tdoc, err := load(target)
			if err != nil {
				t.Errorf("%s:%d: link %q: %v", file, l.line, l.dest, err)
				continue
			}
			if !tdoc.anchors[u.Fragment] {
				t.Errorf("%s:%d: link %q: %s has no heading #%s", file, l.line, l.dest, target, u.Fragment)
			}
		}
		for _, f := range doc.files {
			if !exists(path.Join(dir, f.dest)) && !exists(f.dest) {
				t.Errorf("%s:%d: names %s, which the repository does not have", file, f.line, f.dest)
			}
		}
	}
}

// TestSlug holds slug to the ids GitHub gives these headings.
func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"How it decides":                        "how-it-decides",
		"--diff: a patch to review":             "--diff-a-patch-to-review",
		`"The article"`:                         "the-article",
		"Markdown (job summaries)":              "markdown-job-summaries",
		"Fixes: see the rewrite, then apply it": "fixes-see-the-rewrite-then-apply-it",
		"What `go test` holds":                  "what-go-test-holds",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestInstallMatchesRelease: the README's install commands work today and name what a
// release publishes (issue 13 item 11): the archive and checksum names of .goreleaser.yaml,
// the release download URL of its repository, and `go install .` from a clone. The module
// path of go.mod is that repository, and every github.com/OWNER/jdlint, OWNER/jdlint@ and
// OWNER.github.io/jdlint in the docs, action.yml and .goreleaser.yaml names it.
func TestInstallMatchesRelease(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, install, ok := strings.Cut(string(readme), "\n## Install\n")
	if !ok {
		t.Fatal(`README.md has no "## Install" section`)
	}
	install, _, _ = strings.Cut(install, "\n## ")

	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ProjectName string `yaml:"project_name"`
		Archives    []struct {
			NameTemplate string `yaml:"name_template"`
			Formats      []string
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"checksum"`
		Release struct {
			GitHub struct{ Owner, Name string } `yaml:"github"`
		} `yaml:"release"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(cfg.Archives) != 1 || len(cfg.Archives[0].Formats) != 1 {
		t.Fatalf(".goreleaser.yaml: want one archive with one format, got %+v", cfg.Archives)
	}
	repo := cfg.Release.GitHub.Owner + "/" + cfg.Release.GitHub.Name

	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	modLine, _, _ := strings.Cut(string(mod), "\n")
	if got, want := strings.TrimSpace(strings.TrimPrefix(modLine, "module")), "github.com/"+repo; got != want {
		t.Errorf("go.mod's module path is %s, but releases are published from %s", got, want)
	}

	fill := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
	vars := map[string]string{"ProjectName": cfg.ProjectName, "Version": "${VERSION}", "Os": "linux", "Arch": "amd64"}
	archive := fill.ReplaceAllStringFunc(cfg.Archives[0].NameTemplate, func(m string) string {
		v, ok := vars[fill.FindStringSubmatch(m)[1]]
		if !ok {
			t.Fatalf("archive name_template %q: %s is not filled in by this test", cfg.Archives[0].NameTemplate, m)
		}
		return v
	}) + "." + cfg.Archives[0].Formats[0]
	for _, want := range []string{
		archive,
		cfg.Checksum.NameTemplate,
		"sha256sum -c",
		"https://github.com/" + repo + "/releases/download/v$VERSION/",
		"go install .",
		"go build -o jdlint .",
	} {
		if !strings.Contains(install, want) {
			t.Errorf("README.md, Install, does not say %q", want)
		}
	}
	// go install MODULE@latest needs the module published; it may be named only as that
	if strings.Contains(install, "go install github.com/"+repo+"@latest") &&
		!strings.Contains(install, "once the module is published") {
		t.Errorf("README.md, Install, offers go install github.com/%s@latest without saying it works only once the module is published", repo)
	}

	owners := regexp.MustCompile(`github\.com/([\w.-]+)/jdlint\b|\b([\w.-]+)/jdlint@|\b([\w-]+)\.github\.io/jdlint\b`)
	for _, f := range append(docFiles(t), "action.yml", ".goreleaser.yaml") {
		b, err := os.ReadFile(filepath.FromSlash(f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range owners.FindAllStringSubmatch(string(b), -1) {
			if owner := m[1] + m[2] + m[3]; owner != cfg.Release.GitHub.Owner {
				t.Errorf("%s: %s names the owner %s, not %s", f, m[0], owner, cfg.Release.GitHub.Owner)
			}
		}
	}
}

// TestDocumentedThresholds: docs/configuration.md gives each thresholds key with the
// default `jdlint --print-config` shows, and documents every key it shows.
func TestDocumentedThresholds(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("docs", "configuration.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `thresholds\\.([a-z_]+)` \\|[^|]*\\| ([0-9.]+) \\|")
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = m[2]
	}
	dir := t.TempDir()
	posting := filepath.Join(dir, "p.md")
	if err := os.WriteFile(posting, []byte("# Product Owner\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	if code := app.Main([]string{"jdlint", "--no-config", "--print-config", posting}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("--print-config exited %d: %s", code, errOut.String())
	}
	var cfg struct {
		Thresholds map[string]float64 `yaml:"thresholds"`
	}
	if err := yaml.Unmarshal([]byte(out.String()), &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Thresholds) < 6 {
		t.Fatalf("--print-config shows %d thresholds:\n%s", len(cfg.Thresholds), out.String())
	}
	for key, value := range cfg.Thresholds {
		want := strconv.FormatFloat(value, 'g', -1, 64)
		if got, ok := documented[key]; !ok {
			t.Errorf("docs/configuration.md does not document thresholds.%s (default %s)", key, want)
		} else if got != want {
			t.Errorf("docs/configuration.md gives thresholds.%s default %s; the built-in default is %s", key, got, want)
		}
	}
	for key := range documented {
		if _, ok := cfg.Thresholds[key]; !ok {
			t.Errorf("docs/configuration.md documents thresholds.%s, which jdlint does not have", key)
		}
	}
}
