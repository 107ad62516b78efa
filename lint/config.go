package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// ConfigFile is the name of the config file looked for from each posting's folder upward.
const ConfigFile = ".jdlint.yml"

const (
	// maxConfigSize bounds what a config file may hold; real ones are a few KiB.
	maxConfigSize = 1 << 20
	// maxConfigNodes bounds the YAML nodes visited while decoding, aliases expanded, so
	// that an alias bomb ("billion laughs") fails fast instead of eating memory.
	maxConfigNodes = 100_000
	// maxOptionDepth bounds the nesting of a rule's options.
	maxOptionDepth = 32
	// maxSizeLimit is the largest max_size a config may set.
	maxSizeLimit = 1 << 30
)

// ConfigError is a problem in a config file, located at a line and column when it has one.
type ConfigError struct {
	File         string
	Line, Column int // 1-based; zero when the problem is with the file as a whole
	Msg          string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ConfigSource resolves the configuration of each posting: the --config file for every
// posting, or the nearest .jdlint.yml from the posting's folder up to the repository root (a
// folder holding .git) or the filesystem root. The nearest file wins whole; files are not
// merged. Lookups are cached per folder and loads per file, so a folder of 1,000 postings
// reads its config once. A ConfigSource is safe for concurrent use.
type ConfigSource struct {
	base     nlp.Options  // defaults, before any config
	flags    rules.Config // --enable/--disable: they win over every config
	noConfig bool
	explicit *fileConfig // --config, already loaded; nil otherwise

	mu    sync.Mutex
	dirs  map[string]*dirEntry  // absolute folder -> its nearest config
	files map[string]*fileEntry // absolute config path -> the loaded file
	taxes map[string]*taxEntry  // vocabulary (as JSON) -> compiled taxonomy
}

type dirEntry struct {
	once sync.Once
	cfg  *fileConfig // nil when no config applies
	err  error
}

type fileEntry struct {
	once sync.Once
	cfg  *fileConfig
	err  error
}

type taxEntry struct {
	once sync.Once
	tax  *nlp.Taxonomy
	err  error
}

// fileConfig is one loaded config file, resolved against the defaults and the flags.
type fileConfig struct {
	path    string // as named in messages
	dir     string // absolute folder holding it: ignore globs are relative to it
	nlp     nlp.Options
	rules   rules.Config
	maxSize int64 // 0 when not set
	ignore  []string
}

// NewConfigSource prepares config lookup. explicit is the --config file (loaded now, so a
// bad one stops the run before any posting is read); noConfig ignores every config file.
// base holds the default parse options and rcfg the rule settings from flags, which win
// over the config's.
func NewConfigSource(explicit string, noConfig bool, base nlp.Options, rcfg rules.Config) (*ConfigSource, error) {
	if explicit != "" && noConfig {
		return nil, errors.New("--config and --no-config: give one or the other")
	}
	if base.Taxonomy == nil {
		t, err := nlp.DefaultTaxonomy()
		if err != nil {
			return nil, err
		}
		base.Taxonomy = t
	}
	c := &ConfigSource{base: base, flags: rcfg, noConfig: noConfig,
		dirs: map[string]*dirEntry{}, files: map[string]*fileEntry{}, taxes: map[string]*taxEntry{}}
	if explicit != "" {
		cfg, err := c.load(explicit)
		if err != nil {
			return nil, err
		}
		c.explicit = cfg
	}
	return c, nil
}

// Apply sets the per-file configuration hooks on opts: Configure, Ignore (combined with
// any Ignore already set) and, unless opts.MaxSize was given (--max-size), MaxSizeFor.
func (c *ConfigSource) Apply(opts *Options) {
	if c.noConfig {
		return
	}
	opts.Configure = c.Configure
	prev := opts.Ignore
	opts.Ignore = func(path string) bool {
		return (prev != nil && prev(path)) || c.Ignored(path)
	}
	if opts.MaxSize <= 0 {
		opts.MaxSizeFor = c.MaxSize
	}
}

// Configure returns the parse options and rule settings for the posting at path ("-" is
// looked up from the current folder).
func (c *ConfigSource) Configure(path string) (nlp.Options, rules.Config, error) {
	cfg, err := c.forFile(path)
	if err != nil {
		return nlp.Options{}, rules.Config{}, err
	}
	if cfg == nil {
		return c.base, c.flags, nil
	}
	return cfg.nlp, cfg.rules, nil
}

// MaxSize returns the max_size that applies to path, or 0 when no config sets one.
func (c *ConfigSource) MaxSize(path string) int64 {
	cfg, err := c.forFile(path)
	if err != nil || cfg == nil {
		return 0 // a broken config is reported by Configure
	}
	return cfg.maxSize
}

// Ignored reports whether path (a file or a folder met while walking a folder) matches an
// ignore glob of the config that applies to it. A folder is judged by its parent's config.
func (c *ConfigSource) Ignored(path string) bool {
	if c.noConfig {
		return false
	}
	cfg, err := c.forFile(path)
	if err != nil || cfg == nil || len(cfg.ignore) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return matchIgnore(cfg.ignore, cfg.dir, abs)
}

// forFile returns the config for the posting at path: the explicit one, or the nearest.
func (c *ConfigSource) forFile(path string) (*fileConfig, error) {
	if c.noConfig {
		return nil, nil
	}
	if c.explicit != nil {
		return c.explicit, nil
	}
	dir := "."
	if path != "-" {
		dir = filepath.Dir(path)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("find config for %s: %w", path, err)
	}
	return c.forDir(abs)
}

// forDir returns the nearest config of an absolute folder, walking up once per folder.
func (c *ConfigSource) forDir(dir string) (*fileConfig, error) {
	c.mu.Lock()
	e := c.dirs[dir]
	if e == nil {
		e = &dirEntry{}
		c.dirs[dir] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		name := filepath.Join(dir, ConfigFile)
		info, err := os.Stat(name)
		switch {
		case err == nil && info.IsDir():
			e.err = &ConfigError{File: name, Msg: "is a folder, not a config file"}
			return
		case err == nil:
			e.cfg, e.err = c.loadCached(name)
			return
		case !errors.Is(err, os.ErrNotExist):
			e.err = fmt.Errorf("read config %s: %w", name, unwrapPath(err))
			return
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return // the repository root: look no higher
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		e.cfg, e.err = c.forDir(parent)
	})
	return e.cfg, e.err
}

// loadCached loads a config file once, whichever folders lead to it.
func (c *ConfigSource) loadCached(path string) (*fileConfig, error) {
	c.mu.Lock()
	e := c.files[path]
	if e == nil {
		e = &fileEntry{}
		c.files[path] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.cfg, e.err = c.load(displayName(path)) })
	return e.cfg, e.err
}

// displayName shortens an absolute path to one relative to the current folder when that
// is shorter, for messages.
func displayName(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return abs
}

// load reads, decodes and resolves one config file.
func (c *ConfigSource) load(path string) (*fileConfig, error) {
	data, err := readConfigFile(path)
	if err != nil {
		return nil, err
	}
	raw, err := decodeConfig(path, data, c.base.Taxonomy)
	if err != nil {
		return nil, err
	}
	return c.resolve(path, raw)
}

func readConfigFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, &ConfigError{File: path, Msg: "is a folder, not a config file"}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, unwrapPath(err))
	}
	if len(data) > maxConfigSize {
		return nil, &ConfigError{File: path, Msg: fmt.Sprintf("larger than %s; not a jdlint config", humanSize(maxConfigSize))}
	}
	return data, nil
}

// rawConfig is what a config file says, before it is merged with the defaults.
type rawConfig struct {
	rules      map[string]ruleSetting
	thresholds map[string]float64 // by key (blend_low...)
	threshNode *yaml.Node
	ignore     []string
	maxSize    int64
	vocab      vocabulary
	vocabNode  *yaml.Node
	titles     []nlp.TitleAlias
}

type ruleSetting struct {
	severity *rules.Severity
	options  map[string]any
}

// vocabulary is the config's additions to the taxonomy; it is marshalled to JSON as the
// key of the compiled-taxonomy cache, so its fields are exported.
type vocabulary struct {
	Add        map[string][]string `json:"add,omitempty"`
	Categories []nlp.Category      `json:"categories,omitempty"`
	Ignore     []string            `json:"ignore,omitempty"`
}

func (v vocabulary) empty() bool {
	return len(v.Add) == 0 && len(v.Categories) == 0 && len(v.Ignore) == 0
}

// topKeys are the keys a config file may hold, in the order the docs give them.
var topKeys = []string{"rules", "thresholds", "ignore", "max_size", "vocabulary", "titles"}

// thresholdField names one field of nlp.Thresholds in config.
type thresholdField struct {
	key string
	ptr *float64
}

// thresholdFields maps config keys to the fields of t.
func thresholdFields(t *nlp.Thresholds) []thresholdField {
	return []thresholdField{
		{"blend_low", &t.BlendLow},
		{"blend_high", &t.BlendHigh},
		{"pm_blend_low", &t.PMBlendLow},
		{"min_evidence", &t.MinEvidence},
		{"nearly_absent", &t.NearlyAbsent},
		{"other_ratio", &t.OtherRatio},
	}
}

func thresholdKeys() []string {
	var keys []string
	for _, f := range thresholdFields(&nlp.Thresholds{}) {
		keys = append(keys, f.key)
	}
	return keys
}

// decodeConfig decodes a config file's YAML, checking every key and value against what
// jdlint knows. base is the taxonomy whose category ids vocabulary.add may name.
func decodeConfig(path string, data []byte, base *nlp.Taxonomy) (raw *rawConfig, err error) {
	defer func() {
		if v := recover(); v != nil { // yaml.v3 has panicked on crafted input before
			raw, err = nil, &ConfigError{File: path, Msg: fmt.Sprintf("cannot be decoded: %v", v)}
		}
	}()
	d := &decoder{file: path, budget: maxConfigNodes}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &rawConfig{}, nil // empty, or only comments: the defaults
		}
		return nil, d.yamlErr(err)
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		return nil, d.errAt(&second, "holds more than one YAML document (a second ---); put everything in one")
	} else if !errors.Is(err, io.EOF) {
		return nil, d.yamlErr(err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return &rawConfig{}, nil
		}
		root = root.Content[0]
	}
	root, err = d.resolve(root)
	if err != nil {
		return nil, err
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return &rawConfig{}, nil
	}
	raw = &rawConfig{}
	err = d.mapping(root, "the config file", topKeys, func(key string, k, v *yaml.Node) error {
		switch key {
		case "rules":
			raw.rules, err = d.rules(v)
		case "thresholds":
			raw.threshNode = v
			raw.thresholds, err = d.thresholds(v)
		case "ignore":
			raw.ignore, err = d.globs(v)
		case "max_size":
			raw.maxSize, err = d.size(v)
		case "vocabulary":
			raw.vocabNode = v
			raw.vocab, err = d.vocabulary(v, base)
		case "titles":
			raw.titles, err = d.titles(v)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return raw, nil
}

// resolve merges a decoded config with the defaults and the flags.
func (c *ConfigSource) resolve(path string, raw *rawConfig) (*fileConfig, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	cfg := &fileConfig{path: path, dir: filepath.Dir(abs), nlp: c.base, maxSize: raw.maxSize, ignore: raw.ignore}

	// thresholds
	th := c.base.Thresholds
	for _, f := range thresholdFields(&th) {
		if v, ok := raw.thresholds[f.key]; ok {
			*f.ptr = v
		}
	}
	if raw.threshNode != nil {
		d := &decoder{file: path}
		val := func(key string, v float64) string {
			if _, set := raw.thresholds[key]; set {
				return fmt.Sprintf("%s (%g)", key, v)
			}
			return fmt.Sprintf("%s (%g by default)", key, v)
		}
		switch {
		case th.BlendLow > th.BlendHigh:
			return nil, d.errAt(raw.threshNode, fmt.Sprintf("%s is above %s: the blended band is blend_low..blend_high", val("blend_low", th.BlendLow), val("blend_high", th.BlendHigh)))
		case th.PMBlendLow > th.BlendHigh:
			return nil, d.errAt(raw.threshNode, fmt.Sprintf("%s is above %s: the blended band for PM titles is pm_blend_low..blend_high", val("pm_blend_low", th.PMBlendLow), val("blend_high", th.BlendHigh)))
		}
	}
	cfg.nlp.Thresholds = th

	// title aliases: the config's first, so that they win over the defaults
	if len(raw.titles) > 0 {
		cfg.nlp.TitleAliases = append(append([]nlp.TitleAlias{}, raw.titles...), c.base.TitleAliases...)
	}

	// vocabulary: a new taxonomy, never a change to the default
	if !raw.vocab.empty() {
		tax, err := c.taxonomy(raw.vocab)
		if err != nil {
			return nil, (&decoder{file: path}).errAt(raw.vocabNode, err.Error())
		}
		cfg.nlp.Taxonomy = tax
	}

	// rules: the config's, then the flags'
	rc := rules.Config{Severity: map[string]rules.Severity{}, Options: map[string]map[string]any{}}
	for id, s := range raw.rules {
		if s.severity != nil {
			rc.Severity[id] = *s.severity
		}
		if s.options != nil {
			rc.Options[id] = s.options
		}
	}
	for id, sev := range c.flags.Severity {
		rc.Severity[id] = sev
	}
	for id, o := range c.flags.Options {
		rc.Options[id] = o
	}
	cfg.rules = rc
	return cfg, nil
}

// taxonomy compiles the base taxonomy plus a config's vocabulary, once per distinct
// vocabulary. The base categories are copied, never changed.
func (c *ConfigSource) taxonomy(v vocabulary) (*nlp.Taxonomy, error) {
	key, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e := c.taxes[string(key)]
	if e == nil {
		e = &taxEntry{}
		c.taxes[string(key)] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		base := c.base.Taxonomy.Categories
		cats := make([]nlp.Category, 0, len(base)+len(v.Categories))
		for _, cat := range base {
			cat.Phrases = append([]string(nil), cat.Phrases...)
			cat.Phrases = append(cat.Phrases, v.Add[cat.ID]...)
			cats = append(cats, cat)
		}
		for _, cat := range v.Categories {
			cat.Phrases = append([]string(nil), cat.Phrases...)
			cats = append(cats, cat)
		}
		e.tax, e.err = nlp.Compile(cats, v.Ignore)
	})
	return e.tax, e.err
}

// decoder walks a yaml.Node tree, resolving aliases within a node budget and reporting
// errors at the node's line.
type decoder struct {
	file   string
	budget int
}

func (d *decoder) errAt(n *yaml.Node, msg string) error {
	if n == nil {
		return &ConfigError{File: d.file, Msg: msg}
	}
	return &ConfigError{File: d.file, Line: n.Line, Column: n.Column, Msg: msg}
}

// yamlErr turns a yaml.v3 syntax error ("yaml: line 3: ...") into a ConfigError.
func (d *decoder) yamlErr(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line, msg = n, rest[i+2:]
			}
		}
	}
	// yaml.v3 counts lines from 0 in parser errors (but from 1 in scanner errors)
	for _, pe := range []string{"did not find expected key", "did not find expected node content",
		"did not find expected '-' indicator", "did not find expected ',' or ']'",
		"did not find expected ',' or '}'", "did not find expected <document start>"} {
		if msg == pe {
			line++
			break
		}
	}
	msg = "invalid YAML: " + strings.ReplaceAll(msg, "\n", " ")
	if line > 0 {
		return &ConfigError{File: d.file, Line: line, Column: 1, Msg: msg}
	}
	return &ConfigError{File: d.file, Msg: msg}
}

// resolve follows aliases and charges the node to the budget.
func (d *decoder) resolve(n *yaml.Node) (*yaml.Node, error) {
	for hops := 0; n != nil && n.Kind == yaml.AliasNode; hops++ {
		if hops > 100 || n.Alias == nil {
			return nil, d.errAt(n, "alias cannot be resolved")
		}
		n = n.Alias
	}
	d.budget--
	if d.budget < 0 {
		return nil, d.errAt(n, fmt.Sprintf("too many values once aliases are expanded (over %d); is it an alias bomb?", maxConfigNodes))
	}
	if n == nil {
		return nil, &ConfigError{File: d.file, Msg: "empty value"}
	}
	return n, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unexpected value"
}

// mapping calls fn for each key of a mapping node, in order. When keys is not nil, a key
// outside it is an error that lists the valid ones. Duplicate keys are errors.
func (d *decoder) mapping(n *yaml.Node, what string, keys []string, fn func(key string, k, v *yaml.Node) error) error {
	n, err := d.resolve(n)
	if err != nil {
		return err
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // "rules:" with nothing under it: nothing set
	}
	if n.Kind != yaml.MappingNode {
		return d.errAt(n, fmt.Sprintf("%s must be a mapping of key: value, not %s", what, kindName(n)))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, err := d.resolve(n.Content[i])
		if err != nil {
			return err
		}
		if k.Kind != yaml.ScalarNode {
			return d.errAt(k, fmt.Sprintf("keys in %s must be plain words, not %s", what, kindName(k)))
		}
		key := k.Value
		if key == "<<" {
			return d.errAt(k, "merge keys (<<) are not supported in a jdlint config")
		}
		if keys != nil && !contains(keys, key) {
			return d.errAt(k, fmt.Sprintf("unknown key %q in %s (want one of %s)", key, what, strings.Join(keys, ", ")))
		}
		if seen[key] {
			return d.errAt(k, fmt.Sprintf("%q is given twice in %s", key, what))
		}
		seen[key] = true
		if err := fn(key, k, n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scalar returns a non-empty scalar's text.
func (d *decoder) scalar(n *yaml.Node, what string) (string, *yaml.Node, error) {
	n, err := d.resolve(n)
	if err != nil {
		return "", nil, err
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", n, d.errAt(n, fmt.Sprintf("%s must be a single value, not %s", what, kindName(n)))
	}
	return n.Value, n, nil
}

func (d *decoder) str(n *yaml.Node, what string) (string, error) {
	s, n, err := d.scalar(n, what)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s) == "" {
		return "", d.errAt(n, what+" is empty")
	}
	return s, nil
}

func (d *decoder) number(n *yaml.Node, what string, lo, hi float64) (float64, error) {
	s, n, err := d.scalar(n, what)
	if err != nil {
		return 0, err
	}
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil || math.IsNaN(f) || math.IsInf(f, 0) || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, d.errAt(n, fmt.Sprintf("%s must be a number from %g to %g, not %q", what, lo, hi, s))
	}
	if f < lo || f > hi {
		return 0, d.errAt(n, fmt.Sprintf("%s must be from %g to %g, not %g", what, lo, hi, f))
	}
	return f, nil
}

func (d *decoder) boolean(n *yaml.Node, what string) (bool, error) {
	s, n, err := d.scalar(n, what)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(s) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, d.errAt(n, fmt.Sprintf("%s must be true or false, not %q", what, s))
}

// strList reads a list of non-empty strings; a single string is a list of one.
func (d *decoder) strList(n *yaml.Node, what string) ([]string, error) {
	n, err := d.resolve(n)
	if err != nil {
		return nil, err
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		s, err := d.str(n, what)
		return []string{s}, err
	}
	if n.Kind != yaml.SequenceNode {
		return nil, d.errAt(n, fmt.Sprintf("%s must be a list, not %s", what, kindName(n)))
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		s, err := d.str(item, "each entry of "+what)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

var severityChoices = "off, info, warning or error"

func (d *decoder) severity(n *yaml.Node, id string) (*rules.Severity, error) {
	s, sn, err := d.scalar(n, "the severity of "+id)
	if err != nil {
		return nil, err
	}
	sev, perr := rules.ParseSeverity(s)
	if perr != nil {
		return nil, d.errAt(sn, fmt.Sprintf("%s: unknown severity %q (want %s)", id, s, severityChoices))
	}
	return &sev, nil
}

// rules reads "rules:": per rule id, a severity or {severity, options}.
func (d *decoder) rules(n *yaml.Node) (map[string]ruleSetting, error) {
	out := map[string]ruleSetting{}
	ids := rules.IDs()
	err := d.mapping(n, "rules", ids, func(id string, k, v *yaml.Node) error {
		v, err := d.resolve(v)
		if err != nil {
			return err
		}
		var rs ruleSetting
		if v.Kind == yaml.ScalarNode {
			rs.severity, err = d.severity(v, id)
			out[id] = rs
			return err
		}
		err = d.mapping(v, "rules: "+id, []string{"severity", "options"}, func(key string, _, v *yaml.Node) error {
			var err error
			switch key {
			case "severity":
				rs.severity, err = d.severity(v, id)
			case "options":
				rs.options = map[string]any{}
				err = d.mapping(v, id+" options", nil, func(key string, _, v *yaml.Node) error {
					val, err := d.anyValue(v, 0)
					rs.options[key] = val
					return err
				})
			}
			return err
		})
		out[id] = rs
		return err
	})
	return out, err
}

// anyValue converts an option's value to string, int, float64, bool, nil, []any or
// map[string]any, within the node budget and a nesting limit.
func (d *decoder) anyValue(n *yaml.Node, depth int) (any, error) {
	n, err := d.resolve(n)
	if err != nil {
		return nil, err
	}
	if depth > maxOptionDepth {
		return nil, d.errAt(n, "option values are nested too deeply")
	}
	switch n.Kind {
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, d.errAt(n, "bad value: "+err.Error())
		}
		return v, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.anyValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		err := d.mapping(n, "an option value", nil, func(key string, _, v *yaml.Node) error {
			val, err := d.anyValue(v, depth+1)
			out[key] = val
			return err
		})
		return out, err
	}
	return nil, d.errAt(n, "unsupported value")
}

// thresholds reads "thresholds:"; the band's order is checked once merged with defaults.
func (d *decoder) thresholds(n *yaml.Node) (map[string]float64, error) {
	out := map[string]float64{}
	err := d.mapping(n, "thresholds", thresholdKeys(), func(key string, _, v *yaml.Node) error {
		lo, hi := 0.0, 1.0
		switch key {
		case "min_evidence", "nearly_absent":
			hi = 1000
		case "other_ratio":
			hi = 100
		}
		f, err := d.number(v, "thresholds: "+key, lo, hi)
		out[key] = f
		return err
	})
	return out, err
}

// globs reads "ignore:" and checks each pattern's syntax.
func (d *decoder) globs(n *yaml.Node) ([]string, error) {
	n, err := d.resolve(n)
	if err != nil {
		return nil, err
	}
	list, err := d.strList(n, "ignore")
	if err != nil {
		return nil, err
	}
	for i, g := range list {
		if err := checkGlob(g); err != nil {
			at := n
			if n.Kind == yaml.SequenceNode && i < len(n.Content) {
				at = n.Content[i]
			}
			return nil, d.errAt(at, fmt.Sprintf("ignore: bad glob %q: %v", g, err))
		}
	}
	return list, nil
}

// size reads max_size: bytes, or a number with a unit (KB, KiB, MB, MiB, GB, GiB).
func (d *decoder) size(n *yaml.Node) (int64, error) {
	s, sn, err := d.scalar(n, "max_size")
	if err != nil {
		return 0, err
	}
	bad := func() (int64, error) {
		return 0, d.errAt(sn, fmt.Sprintf("max_size: %q is not a size (want bytes, or a number with B, KB, KiB, MB, MiB, GB or GiB, e.g. 5MiB) up to 1 GiB", s))
	}
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], t[i:]
	}
	mult := map[string]float64{"": 1, "b": 1, "kb": 1e3, "kib": 1 << 10, "k": 1 << 10, "mb": 1e6, "mib": 1 << 20, "m": 1 << 20, "gb": 1e9, "gib": 1 << 30, "g": 1 << 30}[strings.ToLower(unit)]
	f, perr := strconv.ParseFloat(num, 64)
	if perr != nil || mult == 0 {
		return bad()
	}
	v := f * mult
	if v < 1 || v > maxSizeLimit || math.IsNaN(v) {
		return bad()
	}
	return int64(v), nil
}

func roleChoice(s string, allowed []nlp.Role) (nlp.Role, bool) {
	for _, r := range allowed {
		if strings.EqualFold(s, string(r)) {
			return r, true
		}
	}
	return "", false
}

func roleNames(rs []nlp.Role) string {
	var s []string
	for _, r := range rs {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

// vocabulary reads "vocabulary:": add, categories and ignore.
func (d *decoder) vocabulary(n *yaml.Node, base *nlp.Taxonomy) (vocabulary, error) {
	var v vocabulary
	known := base.IDs()
	err := d.mapping(n, "vocabulary", []string{"add", "categories", "ignore"}, func(key string, _, val *yaml.Node) error {
		switch key {
		case "add":
			v.Add = map[string][]string{}
			return d.mapping(val, "vocabulary: add", nil, func(id string, k, ph *yaml.Node) error {
				if base.Category(id) == nil {
					return d.errAt(k, fmt.Sprintf("vocabulary: add: unknown category %q (want one of %s; new ones go under vocabulary: categories)", id, strings.Join(known, ", ")))
				}
				list, err := d.phrases(ph, "vocabulary: add: "+id)
				v.Add[id] = list
				return err
			})
		case "categories":
			val, err := d.resolve(val)
			if err != nil {
				return err
			}
			if val.Kind != yaml.SequenceNode {
				return d.errAt(val, "vocabulary: categories must be a list of categories (- id: ...), not "+kindName(val))
			}
			ids := map[string]bool{}
			for _, item := range val.Content {
				c, err := d.category(item, base)
				if err != nil {
					return err
				}
				if ids[c.ID] {
					return d.errAt(item, fmt.Sprintf("vocabulary: categories: %q is defined twice", c.ID))
				}
				ids[c.ID] = true
				v.Categories = append(v.Categories, c)
			}
		case "ignore":
			list, err := d.phrases(val, "vocabulary: ignore")
			v.Ignore = list
			return err
		}
		return nil
	})
	return v, err
}

var categoryKeys = []string{"id", "role", "kind", "label", "weight", "strong", "core", "source", "phrases"}

// category reads one new taxonomy category.
func (d *decoder) category(n *yaml.Node, base *nlp.Taxonomy) (nlp.Category, error) {
	var c nlp.Category
	c.Weight = 1
	roles := []nlp.Role{nlp.PO, nlp.PM, nlp.Shared, nlp.Other}
	var have struct{ id, role, phrases bool }
	err := d.mapping(n, "a vocabulary category", categoryKeys, func(key string, _, v *yaml.Node) error {
		var err error
		switch key {
		case "id":
			c.ID, err = d.str(v, "id")
			if err == nil && base.Category(c.ID) != nil {
				return d.errAt(v, fmt.Sprintf("category %q already exists; add phrases to it under vocabulary: add", c.ID))
			}
			have.id = true
		case "role":
			var s string
			var sn *yaml.Node
			s, sn, err = d.scalar(v, "role")
			if err == nil {
				var ok bool
				if c.Role, ok = roleChoice(s, roles); !ok {
					return d.errAt(sn, fmt.Sprintf("role %q is not one of %s", s, roleNames(roles)))
				}
			}
			have.role = true
		case "kind":
			var s string
			var sn *yaml.Node
			s, sn, err = d.scalar(v, "kind")
			if err == nil {
				switch nlp.Kind(strings.ToLower(s)) {
				case nlp.Responsibility, nlp.Skill:
					c.Kind = nlp.Kind(strings.ToLower(s))
				default:
					return d.errAt(sn, fmt.Sprintf("kind %q is not one of %s, %s", s, nlp.Responsibility, nlp.Skill))
				}
			}
		case "label":
			c.Label, err = d.str(v, "label")
		case "source":
			c.Source, err = d.str(v, "source")
		case "weight":
			c.Weight, err = d.number(v, "weight", 0.01, 10)
		case "strong":
			c.Strong, err = d.boolean(v, "strong")
		case "core":
			c.Core, err = d.boolean(v, "core")
		case "phrases":
			c.Phrases, err = d.phrases(v, "phrases")
			have.phrases = true
		}
		return err
	})
	if err != nil {
		return c, err
	}
	switch {
	case !have.id:
		return c, d.errAt(n, "a vocabulary category needs an id")
	case !have.role:
		return c, d.errAt(n, fmt.Sprintf("category %q needs a role (one of %s)", c.ID, roleNames(roles)))
	case !have.phrases || len(c.Phrases) == 0:
		return c, d.errAt(n, fmt.Sprintf("category %q needs phrases", c.ID))
	}
	return c, nil
}

// phrases reads a list of taxonomy phrases and checks that each has words to match.
func (d *decoder) phrases(n *yaml.Node, what string) ([]string, error) {
	n, err := d.resolve(n)
	if err != nil {
		return nil, err
	}
	list, err := d.strList(n, what)
	if err != nil {
		return nil, err
	}
	for i, ph := range list {
		if _, err := nlp.Compile([]nlp.Category{{ID: "check", Role: nlp.PO, Phrases: []string{ph}}}, nil); err != nil {
			at := n
			if n.Kind == yaml.SequenceNode && i < len(n.Content) {
				at = n.Content[i]
			}
			return nil, d.errAt(at, fmt.Sprintf("%s: phrase %q has no words to match", what, ph))
		}
	}
	return list, nil
}

// titles reads "titles:": title phrase -> role.
func (d *decoder) titles(n *yaml.Node) ([]nlp.TitleAlias, error) {
	var out []nlp.TitleAlias
	roles := []nlp.Role{nlp.PO, nlp.PM, nlp.Other}
	err := d.mapping(n, "titles", nil, func(phrase string, k, v *yaml.Node) error {
		if strings.TrimSpace(phrase) == "" {
			return d.errAt(k, "titles: an empty title phrase")
		}
		s, sn, err := d.scalar(v, "titles: "+phrase)
		if err != nil {
			return err
		}
		r, ok := roleChoice(s, roles)
		if !ok {
			return d.errAt(sn, fmt.Sprintf("titles: %q: role %q is not one of %s", phrase, s, roleNames(roles)))
		}
		out = append(out, nlp.TitleAlias{Phrase: strings.ToLower(strings.Join(strings.Fields(phrase), " ")), Role: r})
		return nil
	})
	// longer phrases first, as the defaults are tried; stable for equal lengths
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Phrase) > len(out[j].Phrase) })
	return out, err
}
