package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// This file decodes a .jdlint.yml: it walks the yaml.Node tree by hand rather than
// unmarshalling into structs, so that every error names its line and column and the valid
// choices, and so that aliases are expanded within a budget (see maxConfigNodes).

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

// topKeys returns the keys a config file may hold, in the order the docs give them.
func topKeys() []string {
	return []string{"rules", "thresholds", "ignore", "max_size", "vocabulary", "titles"}
}

// thresholdField names one field of verdict.Thresholds in config.
type thresholdField struct {
	key string
	ptr *float64
}

// thresholdFields maps config keys to the fields of t.
func thresholdFields(t *verdict.Thresholds) []thresholdField {
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
	for _, f := range thresholdFields(&verdict.Thresholds{}) {
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
	err = d.mapping(root, "the config file", topKeys(), func(key string, k, v *yaml.Node) error {
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
			if len(keys) == 1 {
				return d.errAt(k, fmt.Sprintf("unknown key %q in %s (want %s)", key, what, keys[0]))
			}
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

const severityChoices = "off, info, warning or error"

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

// rules reads "rules:": per rule id, a severity or {severity: ...}. No rule takes options
// yet, so "options" is refused rather than accepted and ignored.
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
		if v.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(v.Content); i += 2 {
				if k := v.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "options" {
					return d.errAt(k, fmt.Sprintf("rules: %s: options: no rule takes options; remove them (give the severity alone)", id))
				}
			}
		}
		err = d.mapping(v, "rules: "+id, []string{"severity"}, func(key string, _, v *yaml.Node) error {
			var err error
			rs.severity, err = d.severity(v, id)
			return err
		})
		out[id] = rs
		return err
	})
	return out, err
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
	v, err := ParseSize(s)
	if err != nil {
		return 0, d.errAt(sn, fmt.Sprintf("max_size: %q is %v", s, err))
	}
	return v, nil
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

// categoryKeys returns the keys of a new vocabulary category.
func categoryKeys() []string {
	return []string{"id", "role", "kind", "label", "weight", "strong", "core", "source", "phrases"}
}

// category reads one new taxonomy category.
func (d *decoder) category(n *yaml.Node, base *nlp.Taxonomy) (nlp.Category, error) {
	var c nlp.Category
	c.Weight = 1
	roles := []nlp.Role{nlp.PO, nlp.PM, nlp.Shared, nlp.Other}
	var have struct{ id, role, phrases bool }
	err := d.mapping(n, "a vocabulary category", categoryKeys(), func(key string, _, v *yaml.Node) error {
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
