package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// writeTree creates files under root; a name ending in "/" is a folder.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func defaultOpts(t testing.TB) nlp.Options {
	t.Helper()
	o, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func newSource(t *testing.T, explicit string, flags rules.Config) *ConfigSource {
	t.Helper()
	c, err := NewConfigSource(explicit, false, defaultOpts(t), flags)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const posting = "# Product Owner\n\n## What you'll do\n\n- Own and order the product backlog\n- Write user stories with acceptance criteria\n"

func TestConfigDiscovery(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		// above the repository root: must never be read (it is invalid, so reading it fails)
		".jdlint.yml":                     "not-a-key: 1\n",
		"repo/.git/":                      "",
		"repo/.jdlint.yml":                "rules:\n  role-blended: off\n",
		"repo/a.md":                       posting,
		"repo/team/b.md":                  posting,
		"repo/team/sub/.jdlint.yml":       "rules:\n  title-missing: error\n",
		"repo/team/sub/deep/c.md":         posting,
		"plain/.git":                      "gitdir: elsewhere\n", // a worktree's .git is a file
		"plain/x.md":                      posting,
		"repo/team/sub/deep/.jdlint.yml/": "", // a folder named like the config: an error
	})
	c := newSource(t, "", rules.Config{})
	tests := []struct {
		path    string
		blended rules.Severity // -1: not set
		title   rules.Severity
		err     string
	}{
		{"repo/a.md", rules.Off, -1, ""},
		{"repo/team/b.md", rules.Off, -1, ""}, // inherited from the repository root
		{"repo/team/sub/x.md", -1, rules.Error, ""},
		{"plain/x.md", -1, -1, ""},
		{"repo/team/sub/deep/c.md", -1, -1, "is a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, rc, err := c.Configure(filepath.Join(top, tt.path))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			check := func(id string, want rules.Severity) {
				got, ok := rc.Severity[id]
				if want < 0 {
					if ok {
						t.Errorf("%s set to %v; the nearest config does not set it", id, got)
					}
				} else if !ok || got != want {
					t.Errorf("%s = %v (set %v), want %v", id, got, ok, want)
				}
			}
			check("role-blended", tt.blended)
			check("title-missing", tt.title)
		})
	}
}

func TestConfigCachedPerFolder(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".git/":       "",
		".jdlint.yml": "vocabulary:\n  add:\n    pm-pricing: [rate card]\n",
	})
	c := newSource(t, "", rules.Config{})
	first, _, err := c.Configure(filepath.Join(dir, "p0.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Once read, the folder's config is not read again: removing it changes nothing.
	if err := os.Remove(filepath.Join(dir, ".jdlint.yml")); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 1000; i++ {
		o, _, err := c.Configure(filepath.Join(dir, fmt.Sprintf("p%d.md", i)))
		if err != nil {
			t.Fatal(err)
		}
		if o.Taxonomy != first.Taxonomy {
			t.Fatalf("file %d got a different taxonomy: the config was loaded again", i)
		}
	}
	if len(c.files) != 1 {
		t.Errorf("loaded %d config files, want 1", len(c.files))
	}
	if first.Taxonomy == defaultOpts(t).Taxonomy {
		t.Error("a config with vocabulary returned the default taxonomy")
	}
}

func TestConfigSameVocabularySharesTaxonomy(t *testing.T) {
	dir := t.TempDir()
	vocab := "vocabulary:\n  ignore: [product strategy]\n"
	writeTree(t, dir, map[string]string{".git/": "", "a/.jdlint.yml": vocab, "b/.jdlint.yml": vocab + "rules:\n  role-blended: off\n"})
	c := newSource(t, "", rules.Config{})
	a, _, err := c.Configure(filepath.Join(dir, "a", "x.md"))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := c.Configure(filepath.Join(dir, "b", "x.md"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Taxonomy != b.Taxonomy {
		t.Error("two configs with the same vocabulary compiled two taxonomies")
	}
}

func TestConfigValues(t *testing.T) {
	defaults := defaultOpts(t)
	before := taxonomyFingerprint(defaults.Taxonomy)
	dir := t.TempDir()
	cfg := `rules:
  role-blended: info
  off-role-duty:
    severity: warning
thresholds:
  blend_low: 0.2
  blend_high: 0.8
  min_evidence: 3
  nearly_absent: 1
max_size: 2 MiB
ignore:
  - drafts/**
vocabulary:
  add:
    pm-pricing:
      - rate card
  categories:
    - id: po-pi-planning
      role: po
      kind: Responsibility
      label: PI planning
      weight: 2
      strong: true
      phrases: [pi planning]
  ignore:
    - product backlog
titles:
  Product Lead: PM
  Produktverantwortlicher: PO
`
	writeTree(t, dir, map[string]string{".git/": "", ".jdlint.yml": cfg})
	c := newSource(t, "", rules.Config{Severity: map[string]rules.Severity{"role-blended": rules.Error}})
	o, rc, err := c.Configure(filepath.Join(dir, "x.md"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rc.Severity["role-blended"]; got != rules.Error {
		t.Errorf("role-blended = %v: the --enable/--disable flags must win over the config", got)
	}
	if got := rc.Severity["off-role-duty"]; got != rules.Warning {
		t.Errorf("off-role-duty = %v, want warning", got)
	}
	want := verdict.DefaultThresholds
	want.BlendLow, want.BlendHigh, want.MinEvidence, want.NearlyAbsent = 0.2, 0.8, 3, 1
	if got := rc.VerdictThresholds(); got != want {
		t.Errorf("thresholds = %+v, want %+v", got, want)
	}
	if got := c.MaxSize(filepath.Join(dir, "x.md")); got != 2<<20 {
		t.Errorf("max_size = %d, want %d", got, 2<<20)
	}
	for title, role := range map[string]nlp.Role{"Senior Product Lead": nlp.PM, "Produktverantwortlicher (m/w/d)": nlp.PO, "Product Owner": nlp.PO} {
		if got, _ := nlp.ClassifyTitle(title, o.TitleAliases); got != role {
			t.Errorf("title %q -> %s, want %s", title, got, role)
		}
	}
	if got, _ := nlp.ClassifyTitle("Product Lead", defaults.TitleAliases); got == nlp.PM {
		t.Error("the default title aliases changed")
	}
	p, err := nlp.Parse("x.md", []byte("# Product Owner\n\n## Duties\n\n- Maintain the rate card\n- Run PI planning\n- Own the product backlog\n"), o)
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]bool{}
	for _, s := range p.Sentences {
		for _, tg := range s.Tags {
			cats[tg.Category] = true
		}
	}
	if !cats["pm-pricing"] || !cats["po-pi-planning"] {
		t.Errorf("added phrases did not tag: categories %v", cats)
	}
	if cats["po-backlog"] && strings.Contains(fmt.Sprint(p.Sentences), "product backlog") {
		for _, s := range p.Sentences {
			for _, tg := range s.Tags {
				if strings.EqualFold(tg.Phrase, "product backlog") {
					t.Errorf("ignored phrase still tagged: %+v", tg)
				}
			}
		}
	}
	if after := taxonomyFingerprint(defaults.Taxonomy); after != before {
		t.Error("loading a config changed the default taxonomy")
	}
	if o.Taxonomy.Category("po-pi-planning").Weight != 2 {
		t.Error("new category lost its weight")
	}
}

func taxonomyFingerprint(t *nlp.Taxonomy) string {
	var b strings.Builder
	for _, c := range t.Categories {
		fmt.Fprintf(&b, "%s %s %d %v|", c.ID, c.Role, len(c.Phrases), c.Phrases)
	}
	return b.String()
}

var locRe = regexp.MustCompile(`^.*\.jdlint\.yml:(\d+):(\d+): `)

func TestConfigErrors(t *testing.T) {
	// no value nests now that rules take no options, so the node budget is reached by a
	// flat list of more than maxConfigNodes aliases (a 9^9 bomb is refused at its first
	// nested list: TestConfigAliasBombBounded)
	bomb := "vocabulary:\n  ignore: [&a lol" + strings.Repeat(", *a", maxConfigNodes) + "]\n"
	tests := []struct {
		name, yml string
		line      int // 0: no position expected
		want      string
	}{
		{"unknown top key", "rules: {}\nrulez: {}\n", 2, `unknown key "rulez" in the config file (want one of rules, thresholds, ignore, max_size, vocabulary, titles)`},
		{"unknown rule", "rules:\n  role-blendid: off\n", 2, `unknown key "role-blendid" in rules (want one of role-mislabeled, role-blended`},
		{"bad severity", "rules:\n  role-blended: loud\n", 2, `unknown severity "loud" (want off, info, warning or error)`},
		{"bad rule key", "rules:\n  role-blended:\n    level: off\n", 3, `unknown key "level" in rules: role-blended (want severity)`},
		{"options", "rules:\n  role-blended:\n    severity: info\n    options: {max: 3}\n", 4, `rules: role-blended: options: no rule takes options`},
		{"options not a mapping", "rules:\n  role-blended:\n    options: [1]\n", 3, `no rule takes options`},
		{"threshold not a number", "thresholds:\n  blend_low: low\n", 2, `thresholds: blend_low must be a number from 0 to 1, not "low"`},
		{"threshold quoted", "thresholds:\n  blend_low: \"0.3\"\n", 2, `must be a number`},
		{"threshold out of range", "thresholds:\n  blend_high: 1.5\n", 2, `thresholds: blend_high must be from 0 to 1, not 1.5`},
		{"threshold nan", "thresholds:\n  min_evidence: .nan\n", 2, `must be a number`},
		{"unknown threshold", "thresholds:\n  blend: 0.5\n", 2, `unknown key "blend" in thresholds (want one of blend_low, blend_high, pm_blend_low, min_evidence, nearly_absent, other_ratio)`},
		{"band upside down", "thresholds:\n  blend_low: 0.8\n", 2, `blend_low (0.8) is above blend_high (0.55 by default)`},
		{"PM band upside down", "thresholds:\n  blend_high: 0.35\n  blend_low: 0.1\n", 2, `pm_blend_low (0.4 by default) is above blend_high (0.35)`},
		{"bad glob", "ignore:\n  - ok/**\n  - \"[\"\n", 3, `ignore: bad glob "["`},
		{"ignore not a list", "ignore: {a: b}\n", 1, `ignore must be a list, not a mapping`},
		{"bad size", "max_size: 5 parsecs\n", 1, `max_size: "5 parsecs" is not a size`},
		{"size too big", "max_size: 2GiB\n", 1, `is not a size`},
		{"negative size", "max_size: -1\n", 1, `is not a size`},
		{"unknown category", "vocabulary:\n  add:\n    pm-pricey: [x]\n", 3, `unknown category "pm-pricey" (want one of `},
		{"unknown vocabulary key", "vocabulary:\n  extra: {}\n", 2, `unknown key "extra" in vocabulary (want one of add, categories, ignore)`},
		{"category without role", "vocabulary:\n  categories:\n    - id: x\n      phrases: [y]\n", 3, `category "x" needs a role (one of PO, PM, shared, other)`},
		{"category bad role", "vocabulary:\n  categories:\n    - id: x\n      role: boss\n      phrases: [y]\n", 4, `role "boss" is not one of PO, PM, shared, other`},
		{"category bad kind", "vocabulary:\n  categories:\n    - id: x\n      role: PO\n      kind: hobby\n      phrases: [y]\n", 5, `kind "hobby" is not one of responsibility, skill`},
		{"category exists", "vocabulary:\n  categories:\n    - id: po-backlog\n      role: PO\n      phrases: [y]\n", 3, `category "po-backlog" already exists`},
		{"category twice", "vocabulary:\n  categories:\n    - {id: x, role: PO, phrases: [y]}\n    - {id: x, role: PM, phrases: [z]}\n", 4, `"x" is defined twice`},
		{"category weight", "vocabulary:\n  categories:\n    - {id: x, role: PO, weight: 0, phrases: [y]}\n", 3, `weight must be from 0.01 to 10`},
		{"category unknown key", "vocabulary:\n  categories:\n    - {id: x, role: PO, phrases: [y], colour: red}\n", 3, `unknown key "colour" in a vocabulary category (want one of id, role, kind`},
		{"phrase without words", "vocabulary:\n  add:\n    pm-pricing:\n      - \"...\"\n", 4, `phrase "..." has no words to match`},
		{"empty phrase", "vocabulary:\n  ignore: [\"\"]\n", 2, `is empty`},
		{"title bad role", "titles:\n  Product Lead: boss\n", 2, `titles: "Product Lead": role "boss" is not one of PO, PM, other`},
		{"titles a list", "titles: [a]\n", 1, `titles must be a mapping`},
		{"not a mapping", "- rules\n", 1, `the config file must be a mapping`},
		{"syntax error", "rules:\n  role-blended: [off\n", 2, `invalid YAML: did not find expected ',' or ']'`},
		{"sequence in mapping", "a: 1\n- b\n", 2, `invalid YAML: did not find expected key`},
		{"bad indent", "rules:\n  role-blended: off\n title-missing: off\n", 3, `invalid YAML`},
		{"tab indent", "rules:\n\trole-blended: off\n", 2, `invalid YAML`},
		{"duplicate key", "rules: {}\nrules: {}\n", 2, `"rules" is given twice in the config file`},
		{"two documents", "rules: {}\n---\nignore: []\n", 2, `more than one YAML document`},
		{"merge key", "base: &b {role-blended: off}\n", 1, `unknown key "base"`},
		{"merge key in rules", "rules:\n  <<: {role-blended: off}\n", 2, `merge keys (<<) are not supported`},
		{"alias bomb", bomb, 0, `alias bomb`},
		{"alias cycle", "rules: &o\n  role-blended: *o\n", 2, `an alias inside its own anchor`},
		{"alias cycle in a list", "vocabulary:\n  ignore: &o [x, *o]\n", 2, `an alias inside its own anchor`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, ".jdlint.yml")
			writeTree(t, dir, map[string]string{".jdlint.yml": tt.yml})
			_, err := NewConfigSource(path, false, defaultOpts(t), rules.Config{})
			if err == nil {
				t.Fatalf("no error for\n%s", tt.yml)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q\nwant it to contain %q", msg, tt.want)
			}
			if !strings.HasPrefix(msg, path) {
				t.Errorf("error %q does not name the file", msg)
			}
			if tt.line > 0 {
				m := locRe.FindStringSubmatch(msg)
				if m == nil || m[1] != fmt.Sprint(tt.line) {
					t.Errorf("error %q: want line %d", msg, tt.line)
				}
			}
		})
	}
}

func TestConfigAliasBombBounded(t *testing.T) {
	// 9^9 (387 million) strings if expanded; the node budget stops it after 100,000.
	var b strings.Builder
	b.WriteString("vocabulary:\n  ignore: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n  add:\n")
	ids := defaultOpts(t).Taxonomy.IDs() // real categories, so that each list is read
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "    %s: &a%d [", ids[i], i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	done := make(chan error, 1)
	go func() {
		_, err := decodeConfig("bomb.yml", []byte(b.String()), defaultOpts(t).Taxonomy)
		done <- err
	}()
	select {
	case err := <-done:
		// refused at its first nested list (no value nests), or by the node budget
		if err == nil || !strings.Contains(err.Error(), "alias bomb") && !strings.Contains(err.Error(), "single value") {
			t.Fatalf("err = %v, want the alias bomb refused", err)
		}
	case <-time.After(time.Minute): // a hang guard, not a timing assertion
		t.Fatal("decoding an alias bomb did not finish")
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 256<<20 {
		t.Errorf("decoding an alias bomb allocated %d MiB", grew>>20)
	}
}

func TestConfigFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.yml")
	writeTree(t, dir, map[string]string{"big.yml": "# " + strings.Repeat("x", maxConfigSize) + "\n"})
	_, err := NewConfigSource(path, false, defaultOpts(t), rules.Config{})
	if err == nil || !strings.Contains(err.Error(), "larger than 1.0 MiB") {
		t.Fatalf("err = %v", err)
	}
}

func TestConfigEmptyAndCommentsOnly(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "comments": "# nothing\n", "null": "~\n", "doc": "---\n",
		"empty sections": "rules:\nthresholds:\nignore:\nvocabulary:\n  add:\n  ignore:\ntitles:\n"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "c.yml")
			writeTree(t, dir, map[string]string{"c.yml": body})
			c, err := NewConfigSource(path, false, defaultOpts(t), rules.Config{})
			if err != nil {
				t.Fatal(err)
			}
			o, rc, err := c.Configure("x.md")
			if err != nil {
				t.Fatal(err)
			}
			if rc.VerdictThresholds() != verdict.DefaultThresholds || o.Taxonomy != defaultOpts(t).Taxonomy {
				t.Error("an empty config changed the defaults")
			}
		})
	}
}

func TestConfigFlags(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".git/": "", ".jdlint.yml": "rules: {role-blended: off}\n", "other.yml": "rules: {title-missing: error}\n", "x.md": posting})
	if _, err := NewConfigSource(filepath.Join(dir, "other.yml"), true, defaultOpts(t), rules.Config{}); err == nil {
		t.Error("--config with --no-config: no error")
	}
	if _, err := NewConfigSource(filepath.Join(dir, "missing.yml"), false, defaultOpts(t), rules.Config{}); err == nil || !strings.Contains(err.Error(), "missing.yml") {
		t.Errorf("missing --config file: err = %v", err)
	}
	// --config wins over the nearest .jdlint.yml
	c := newSource(t, filepath.Join(dir, "other.yml"), rules.Config{})
	_, rc, err := c.Configure(filepath.Join(dir, "x.md"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rc.Severity["role-blended"]; ok || rc.Severity["title-missing"] != rules.Error {
		t.Errorf("--config: severities %v", rc.Severity)
	}
	// --no-config: no hooks at all
	nc, err := NewConfigSource("", true, defaultOpts(t), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var opts Options
	nc.Apply(&opts)
	if opts.Configure != nil || opts.Ignore != nil || opts.MaxSizeFor != nil {
		t.Error("--no-config set config hooks")
	}
}

func TestConfigErrorFailsRun(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".git/": "", "bad/.jdlint.yml": "rules:\n  nope: off\n", "bad/a.md": posting, "good/b.md": posting})
	c := newSource(t, "", rules.Config{})
	opts := Options{Paths: []string{filepath.Join(dir, "bad"), filepath.Join(dir, "good")}, NLP: defaultOpts(t)}
	c.Apply(&opts)
	res := Run(opts)
	if len(res) != 2 {
		t.Fatalf("%d results", len(res))
	}
	var ce *ConfigError
	if !errors.As(res[0].Err, &ce) || ce.Line != 2 || !strings.Contains(ce.Msg, "nope") {
		t.Errorf("bad/a.md: err = %v, want a ConfigError at line 2", res[0].Err)
	}
	if res[1].Err != nil || res[1].Posting == nil {
		t.Errorf("good/b.md was not linted: %v", res[1].Err)
	}
	if code := ExitCode(res, rules.Error); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
}

func TestIgnoreGlobs(t *testing.T) {
	tests := []struct {
		glob, path string
		want       bool
	}{
		{"drafts/**", "drafts/a.md", true},
		{"drafts/**", "drafts", true},
		{"drafts/**", "drafts/x/y/a.md", true},
		{"drafts/**", "team/drafts/a.md", false},
		{"drafts", "team/drafts/a.md", true},
		{"*.draft.md", "team/x.draft.md", true},
		{"*.draft.md", "team/x.md", false},
		{"**/archive/*.md", "a/b/archive/x.md", true},
		{"**/archive/*.md", "archive/x.md", true},
		{"/old.md", "old.md", true},
		{"/old.md", "sub/old.md", false},
		{"team/*.md", "team/a.md", true},
		{"team/*.md", "team/sub/a.md", false},
		{"team/", "team/a.md", true},
		{"t?am/[ab].md", "team/a.md", true},
	}
	dir := filepath.FromSlash("/repo")
	if runtime.GOOS == "windows" {
		dir = `C:\repo`
	}
	for _, tt := range tests {
		got := matchIgnore([]string{tt.glob}, dir, filepath.Join(dir, filepath.FromSlash(tt.path)))
		if got != tt.want {
			t.Errorf("%q ~ %q = %v, want %v", tt.glob, tt.path, got, tt.want)
		}
	}
	// a path outside the config's folder: only name patterns apply
	if !matchIgnore([]string{"*.draft.md"}, dir, filepath.FromSlash("/elsewhere/x.draft.md")) {
		t.Error("name pattern outside the config folder")
	}
	if matchIgnore([]string{"elsewhere/**"}, dir, filepath.FromSlash("/elsewhere/x.md")) {
		t.Error("anchored pattern matched outside the config folder")
	}
	// never a folder above the config's folder: they used to be matched as name segments
	ci := filepath.Join(dir, "ci")
	for _, g := range []string{"repo", "r*", "ci"} {
		if matchIgnore([]string{g}, ci, filepath.Join(dir, "posts", "a.md")) {
			t.Errorf("%q skipped a posting because a folder above the config's folder matches it", g)
		}
	}
	if matchIgnore([]string{"*"}, dir, dir) {
		t.Error(`"*" matched the config's own folder`)
	}
}

// TestIgnoreWithConfigElsewhere: with --config, ignore patterns are matched relative to
// the config's folder, so a folder above it never matches: a config in ci/ with "ignore:
// [NAME]", where NAME is a folder the whole checkout lives under, used to skip every
// posting of a folder walk.
func TestIgnoreWithConfigElsewhere(t *testing.T) {
	top := t.TempDir()
	above := filepath.Base(top)
	writeTree(t, top, map[string]string{
		"ci/jdlint.yml":     "ignore:\n  - " + strconv.Quote(above) + "\n  - \"*.draft.md\"\n  - drafts/**\n",
		"posts/a.md":        posting,
		"posts/b.draft.md":  posting,
		"posts/drafts/c.md": posting,
		"ci/drafts/d.md":    posting,
	})
	c := newSource(t, filepath.Join(top, "ci", "jdlint.yml"), rules.Config{})
	opts := Options{Paths: []string{filepath.Join(top, "posts")}}
	c.Apply(&opts)
	var got []string
	for _, r := range Discover(opts.Paths, opts.Ignore) {
		rel, _ := filepath.Rel(top, r.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	// b.draft.md: a name pattern; posts/drafts/c.md: drafts/** is anchored to ci/, so it
	// does not reach posts/
	want := "posts/a.md posts/drafts/c.md"
	if strings.Join(got, " ") != want {
		t.Errorf("discovered %v\nwant %s", got, want)
	}
	if !c.Ignored(filepath.Join(top, "ci", "drafts", "d.md")) {
		t.Error("drafts/** does not match inside the config's folder")
	}
}

func TestIgnoreInWalk(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".git/":              "",
		".jdlint.yml":        "ignore:\n  - drafts/**\n  - \"*.draft.md\"\n",
		"a.md":               posting,
		"b.draft.md":         posting,
		"drafts/c.md":        posting,
		"team/d.md":          posting,
		"team/e.draft.md":    posting,
		"team/.jdlint.yml":   "ignore: [skip.md]\n",
		"team/skip.md":       posting,
		"team/drafts/f.md":   posting, // team's config wins: drafts/** of the root does not apply
		"team/sub/skip.md":   posting,
		"other/drafts/g.txt": posting,
	})
	c := newSource(t, "", rules.Config{})
	opts := Options{Paths: []string{dir}}
	c.Apply(&opts)
	var got []string
	for _, r := range Discover(opts.Paths, opts.Ignore) {
		rel, _ := filepath.Rel(dir, r.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	want := "a.md other/drafts/g.txt team/d.md team/drafts/f.md team/e.draft.md"
	if strings.Join(got, " ") != want {
		t.Errorf("discovered %v\nwant %s", got, want)
	}
	// a file named on the command line is linted even when ignored
	if res := Discover([]string{filepath.Join(dir, "b.draft.md")}, opts.Ignore); len(res) != 1 || res[0].Err != nil {
		t.Errorf("an ignored file named explicitly: %+v", res)
	}
}

func TestMaxSizeFromConfig(t *testing.T) {
	dir := t.TempDir()
	big := posting + strings.Repeat("- Write user stories with acceptance criteria\n", 100)
	writeTree(t, dir, map[string]string{".git/": "", ".jdlint.yml": "max_size: 1KiB\n", "big.md": big, "small.md": posting})
	run := func(flag int64) []Result {
		c := newSource(t, "", rules.Config{})
		opts := Options{Paths: []string{filepath.Join(dir, "big.md"), filepath.Join(dir, "small.md")}, MaxSize: flag, NLP: defaultOpts(t)}
		c.Apply(&opts)
		return Run(opts)
	}
	res := run(0)
	if res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "larger than the 1.0 KiB size limit (max_size)") || !strings.Contains(res[0].Err.Error(), "big.md") {
		t.Errorf("big.md: err = %v, want the config's 1 KiB limit", res[0].Err)
	}
	if res[1].Err != nil || res[1].Posting == nil {
		t.Errorf("small.md: %v", res[1].Err)
	}
	// --max-size wins over max_size
	if res := run(1 << 20); res[0].Err != nil {
		t.Errorf("--max-size 1MiB: big.md refused: %v", res[0].Err)
	}
}

func TestConfigForStdin(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".git/": "", ".jdlint.yml": "rules: {role-blended: off}\n"})
	t.Chdir(dir)
	c := newSource(t, "", rules.Config{})
	_, rc, err := c.Configure("-")
	if err != nil {
		t.Fatal(err)
	}
	if sev, ok := rc.Severity["role-blended"]; !ok || sev != rules.Off {
		t.Errorf("stdin does not use the current folder's config: %v", rc.Severity)
	}
}

// uncomment turns the starter into the config a user gets by uncommenting every line.
func uncomment(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(line, "# ") {
			line = line[2:]
		} else if strings.HasPrefix(line, "#") {
			line = line[1:]
		}
		b.WriteString(line)
	}
	return b.String()
}

func TestStarterConfig(t *testing.T) {
	tax := defaultOpts(t).Taxonomy
	// as written (all comments) it is a valid, empty config
	raw, err := decodeConfig("starter", []byte(StarterConfig), tax)
	if err != nil {
		t.Fatalf("the starter as written: %v", err)
	}
	if raw.rules != nil || raw.ignore != nil {
		t.Error("the starter as written sets something")
	}
	// uncommented, every key is valid and the defaults are the real defaults
	text := uncomment(StarterConfig)
	raw, err = decodeConfig("starter", []byte(text), tax)
	if err != nil {
		t.Fatalf("the starter uncommented: %v\n%s", err, text)
	}
	for _, r := range rules.All() {
		s, ok := raw.rules[r.ID]
		if !ok || s.severity == nil {
			t.Errorf("StarterConfig does not list rule %s", r.ID)
		} else if *s.severity != r.Default {
			t.Errorf("StarterConfig gives %s %v; its default is %v", r.ID, *s.severity, r.Default)
		}
	}
	th := verdict.Thresholds{}
	for _, f := range thresholdFields(&th) {
		v, ok := raw.thresholds[f.key]
		if !ok {
			t.Errorf("StarterConfig does not list thresholds: %s", f.key)
		}
		*f.ptr = v
	}
	if th != verdict.DefaultThresholds {
		t.Errorf("StarterConfig thresholds %+v; the defaults are %+v: update lint/starter.go", th, verdict.DefaultThresholds)
	}
	if raw.maxSize != DefaultMaxSize {
		t.Errorf("StarterConfig max_size %d, default %d", raw.maxSize, DefaultMaxSize)
	}
	for _, key := range topKeys() {
		if !strings.Contains(StarterConfig, "\n# "+key+":") {
			t.Errorf("StarterConfig does not show the key %s", key)
		}
	}
	for _, key := range []string{"add:", "categories:", "ignore:", "id:", "role:", "kind:", "label:", "weight:", "strong:", "core:", "source:", "phrases:"} {
		if !strings.Contains(StarterConfig, key) {
			t.Errorf("StarterConfig does not show %s", key)
		}
	}
	if len(raw.vocab.Categories) == 0 || len(raw.vocab.Add) == 0 || len(raw.vocab.Ignore) == 0 || len(raw.titles) == 0 || len(raw.ignore) == 0 {
		t.Error("StarterConfig lacks an example for vocabulary or titles or ignore")
	}
	// and it resolves (the vocabulary compiles)
	c := &ConfigSource{base: defaultOpts(t), taxes: map[string]*taxEntry{}}
	if _, err := c.resolve("starter", raw); err != nil {
		t.Errorf("the starter uncommented does not resolve: %v", err)
	}
}

// TestConfigTypesAreUnmarshalers: each part of a config decodes itself (UnmarshalYAML), so
// yaml.Unmarshal reads it too, with jdlint's own error at the line and column.
func TestConfigTypesAreUnmarshalers(t *testing.T) {
	var r ruleSettings
	err := yaml.Unmarshal([]byte("role-blended: info\ntitle-missing: loud\n"), &r)
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Line != 2 || ce.Column != 16 || !strings.Contains(ce.Msg, `unknown severity "loud" (want off, info, warning or error)`) {
		t.Errorf("yaml.Unmarshal into ruleSettings: %v", err)
	}
	var th thresholdValues
	if err := yaml.Unmarshal([]byte("blend_low: 0.25\n"), &th); err != nil || th["blend_low"] != 0.25 {
		t.Errorf("thresholds: %v %v", th, err)
	}
	var c userCategory
	err = yaml.Unmarshal([]byte("id: x\nrole: boss\nphrases: [y]\n"), &c)
	if !errors.As(err, &ce) || ce.Line != 2 || !strings.Contains(ce.Msg, `role "boss" is not one of PO, PM, shared, other`) {
		t.Errorf("yaml.Unmarshal into userCategory: %v", err)
	}
}
