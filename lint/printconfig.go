package lint

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// AppliedConfig is the configuration that applies to one posting, for --print-config: which
// file (if any) it comes from, which files were passed over, and the merged settings.
type AppliedConfig struct {
	Path     string   // the posting
	File     string   // the config file that applies; "" for none
	Explicit bool     // File was named with --config
	Disabled bool     // --no-config
	Skipped  []string // config files passed over on the way up, each with why
	Ignored  bool     // the posting matches an ignore pattern: a folder walk skips it

	Severity   map[string]rules.Severity // every rule's severity, flags and config merged
	Thresholds verdict.Thresholds
	Ignore     []string         // the config's ignore patterns
	MaxSize    int64            // the size limit the posting is read with
	MaxSizeBy  string           // where MaxSize comes from: "default", "config" or "--max-size"
	Titles     []nlp.TitleAlias // the config's title phrases
	Vocabulary vocabulary       // the config's vocabulary additions
	Inline     bool             // inline jdlint directives take effect
}

// Applied returns the configuration that applies to the posting at path, merged as a run
// would merge it (flags over the config over the defaults). maxSizeFlag is --max-size (0
// when not given) and inline says whether inline directives count (not --no-inline-config).
// An error is the config's own error, as a run would report it.
func (c *ConfigSource) Applied(path string, maxSizeFlag int64, inline bool) (*AppliedConfig, error) {
	a := &AppliedConfig{Path: path, Disabled: c.noConfig, Inline: inline, Thresholds: verdict.DefaultThresholds,
		Severity: map[string]rules.Severity{}}
	var cfg *fileConfig
	switch {
	case c.noConfig:
	case c.explicit != nil:
		cfg, a.Explicit = c.explicit, true
	default:
		dir := "."
		if path != "-" {
			dir = filepath.Dir(path)
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, fmt.Errorf("find config for %s: %w", path, err)
		}
		e := c.dirEntry(abs)
		a.Skipped = e.skipped
		if e.err != nil {
			return a, e.err
		}
		cfg = e.cfg
	}
	rc := c.flags
	if cfg != nil {
		a.File = cfg.path
		rc = cfg.rules
		a.Ignore = cfg.ignore
		if cfg.raw != nil {
			a.Titles = cfg.raw.titles
			a.Vocabulary = cfg.raw.vocab
		}
		if path != "-" {
			a.Ignored = c.Ignored(path)
		}
	}
	for _, r := range rules.All() {
		a.Severity[r.ID] = r.Default
		if s, ok := rc.Severity[r.ID]; ok {
			a.Severity[r.ID] = s
		}
	}
	if rc.Thresholds != nil {
		a.Thresholds = *rc.Thresholds
	}
	a.MaxSize, a.MaxSizeBy = DefaultMaxSize, "default"
	switch {
	case maxSizeFlag > 0:
		a.MaxSize, a.MaxSizeBy = maxSizeFlag, "--max-size"
	case cfg != nil && cfg.maxSize > 0:
		a.MaxSize, a.MaxSizeBy = cfg.maxSize, "config"
	}
	return a, nil
}

// WriteYAML prints a as a config file: comments say where it comes from, and the keys hold
// every merged setting, so that the output is itself a valid .jdlint.yml.
func (a *AppliedConfig) WriteYAML(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# jdlint --print-config %s\n", printableComment(a.Path))
	switch {
	case a.Disabled:
		b.WriteString("# config: none (--no-config); the defaults and flags\n")
	case a.File == "":
		b.WriteString("# config: none found; the defaults and flags\n")
	case a.Explicit:
		fmt.Fprintf(&b, "# config: %s (--config)\n", printableComment(a.File))
	default:
		fmt.Fprintf(&b, "# config: %s (the nearest .jdlint.yml)\n", printableComment(a.File))
	}
	for _, s := range a.Skipped {
		fmt.Fprintf(&b, "# passed over: %s\n", printableComment(s))
	}
	if a.Ignored {
		b.WriteString("# this path matches an ignore pattern: a folder walk skips it (a path named on the command line is linted)\n")
	}
	if a.Inline {
		b.WriteString("# inline jdlint directives: applied\n")
	} else {
		b.WriteString("# inline jdlint directives: ignored (--no-inline-config)\n")
	}
	fmt.Fprintf(&b, "# max_size: from the %s\n", map[string]string{"default": "default", "config": "config", "--max-size": "--max-size flag"}[a.MaxSizeBy])

	doc := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) { doc.Content = append(doc.Content, strNode(key), v) }
	rulesNode := &yaml.Node{Kind: yaml.MappingNode}
	for _, r := range rules.All() {
		rulesNode.Content = append(rulesNode.Content, strNode(r.ID), strNode(a.Severity[r.ID].String()))
	}
	add("rules", rulesNode)
	th := a.Thresholds
	thNode := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range thresholdFields(&th) {
		thNode.Content = append(thNode.Content, strNode(f.key), &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatFloat(*f.ptr, 'g', -1, 64)})
	}
	add("thresholds", thNode)
	if len(a.Ignore) > 0 {
		add("ignore", strSeq(a.Ignore))
	}
	add("max_size", strNode(sizeString(a.MaxSize)))
	if !a.Vocabulary.empty() {
		v := &yaml.Node{Kind: yaml.MappingNode}
		if len(a.Vocabulary.Add) > 0 {
			ids := make([]string, 0, len(a.Vocabulary.Add))
			for id := range a.Vocabulary.Add {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			m := &yaml.Node{Kind: yaml.MappingNode}
			for _, id := range ids {
				m.Content = append(m.Content, strNode(id), strSeq(a.Vocabulary.Add[id]))
			}
			v.Content = append(v.Content, strNode("add"), m)
		}
		if len(a.Vocabulary.Categories) > 0 {
			cats := &yaml.Node{Kind: yaml.SequenceNode}
			for _, c := range a.Vocabulary.Categories {
				cats.Content = append(cats.Content, categoryNode(c))
			}
			v.Content = append(v.Content, strNode("categories"), cats)
		}
		if len(a.Vocabulary.Ignore) > 0 {
			v.Content = append(v.Content, strNode("ignore"), strSeq(a.Vocabulary.Ignore))
		}
		add("vocabulary", v)
	}
	if len(a.Titles) > 0 {
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, t := range a.Titles {
			m.Content = append(m.Content, strNode(t.Phrase), strNode(string(t.Role)))
		}
		add("titles", m)
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// categoryNode writes a config's category with the keys a config gives one
// (categoryKeys), in their order.
func categoryNode(c nlp.Category) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	kv := func(k string, v *yaml.Node) { n.Content = append(n.Content, strNode(k), v) }
	plain := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	kv("id", strNode(c.ID))
	kv("role", strNode(string(c.Role)))
	if c.Kind != "" {
		kv("kind", strNode(string(c.Kind)))
	}
	kv("label", strNode(c.Label))
	kv("weight", plain(strconv.FormatFloat(c.Weight, 'g', -1, 64)))
	kv("strong", plain(strconv.FormatBool(c.Strong)))
	kv("core", plain(strconv.FormatBool(c.Core)))
	if c.Source != "" {
		kv("source", strNode(c.Source))
	}
	kv("phrases", strSeq(c.Phrases))
	return n
}

// str is a YAML string scalar, quoted by the encoder when it needs to be.
func strNode(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func strSeq(list []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range list {
		n.Content = append(n.Content, strNode(s))
	}
	return n
}

// sizeString writes a size as max_size reads it: "5MiB", "512KiB", or bytes.
func sizeString(n int64) string {
	switch {
	case n > 0 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n > 0 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprint(n)
}

// printableComment keeps a name on its comment line and off the terminal's controls: a name
// with a character strconv.Quote escapes (a newline in a folder name, an escape sequence, a
// bidirectional control) is written quoted, with Go escapes.
func printableComment(s string) string {
	if q := strconv.Quote(s); q[1:len(q)-1] != s {
		return q
	}
	return s
}
