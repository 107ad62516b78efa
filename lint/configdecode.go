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

// This file decodes a .jdlint.yml into typed values. Each type decodes itself with a small
// UnmarshalYAML method that checks its keys and values and reports an error (a
// *ConfigError) at the line and column of the offending node, with the valid choices.
// decodeConfig reads the YAML, bounds aliases before anything is decoded (aliasBudget),
// decodes, checks the vocabulary against the base taxonomy and names the file in the error.
// Only syntax errors come as yaml.v3's strings (it has no error type for them): yamlErr
// reads their line.

// rawConfig is what a config file says, before it is merged with the defaults.
type rawConfig struct {
	rules      ruleSettings
	thresholds thresholdValues // by key (blend_low...)
	threshNode *yaml.Node
	ignore     globList
	maxSize    byteSize
	vocab      vocabulary
	vocabNode  *yaml.Node
	titles     titleList
}

// topKeys returns the keys a config file may hold, in the order the docs give them.
func topKeys() []string {
	return []string{"rules", "thresholds", "ignore", "max_size", "vocabulary", "titles"}
}

// UnmarshalYAML decodes the whole file.
func (c *rawConfig) UnmarshalYAML(n *yaml.Node) error {
	return eachKey(n, "the config file", topKeys(), func(key string, _, v *yaml.Node) error {
		switch key {
		case "rules":
			return decodeNode(v, &c.rules)
		case "thresholds":
			c.threshNode = v
			return decodeNode(v, &c.thresholds)
		case "ignore":
			return decodeNode(v, &c.ignore)
		case "max_size":
			return decodeNode(v, &c.maxSize)
		case "vocabulary":
			c.vocabNode = v
			return decodeNode(v, &c.vocab)
		case "titles":
			return decodeNode(v, &c.titles)
		}
		return nil
	})
}

// ruleSettings is "rules:": per rule id, a severity or {severity: ...}.
type ruleSettings map[string]ruleSetting

// ruleSetting is one rule's entry. No rule takes options yet, so "options" is refused
// rather than accepted and ignored.
type ruleSetting struct {
	id       string // the rule, for messages (set before decoding)
	severity *rules.Severity
}

const severityChoices = "off, info, warning or error"

func (r *ruleSettings) UnmarshalYAML(n *yaml.Node) error {
	*r = ruleSettings{}
	return eachKey(n, "rules", rules.IDs(), func(id string, _, v *yaml.Node) error {
		s := ruleSetting{id: id}
		err := decodeNode(v, &s)
		(*r)[id] = s
		return err
	})
}

func (s *ruleSetting) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return s.setSeverity(n)
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "options" {
				return errAt(k, fmt.Sprintf("rules: %s: options: no rule takes options; remove them (give the severity alone)", s.id))
			}
		}
	}
	return eachKey(n, "rules: "+s.id, []string{"severity"}, func(_ string, _, v *yaml.Node) error {
		return s.setSeverity(v)
	})
}

func (s *ruleSetting) setSeverity(n *yaml.Node) error {
	v, sn, err := scalar(n, "the severity of "+s.id)
	if err != nil {
		return err
	}
	sev, perr := rules.ParseSeverity(v)
	if perr != nil {
		return errAt(sn, fmt.Sprintf("%s: unknown severity %q (want %s)", s.id, v, severityChoices))
	}
	s.severity = &sev
	return nil
}

// thresholdValues is "thresholds:", by key; the band's order is checked once merged with
// the defaults (ConfigSource.resolve).
type thresholdValues map[string]float64

// thresholdField names one field of verdict.Thresholds in config.
type thresholdField struct {
	key    string
	ptr    *float64
	lo, hi float64
}

// thresholdFields maps config keys to the fields of t, with the range each may take.
func thresholdFields(t *verdict.Thresholds) []thresholdField {
	return []thresholdField{
		{"blend_low", &t.BlendLow, 0, 1},
		{"blend_high", &t.BlendHigh, 0, 1},
		{"pm_blend_low", &t.PMBlendLow, 0, 1},
		{"min_evidence", &t.MinEvidence, 0, 1000},
		{"nearly_absent", &t.NearlyAbsent, 0, 1000},
		{"other_ratio", &t.OtherRatio, 0, 100},
	}
}

func thresholdKeys() []string {
	var keys []string
	for _, f := range thresholdFields(&verdict.Thresholds{}) {
		keys = append(keys, f.key)
	}
	return keys
}

func (t *thresholdValues) UnmarshalYAML(n *yaml.Node) error {
	*t = thresholdValues{}
	fields := thresholdFields(&verdict.Thresholds{})
	return eachKey(n, "thresholds", thresholdKeys(), func(key string, _, v *yaml.Node) error {
		for _, f := range fields {
			if f.key == key {
				x, err := number(v, "thresholds: "+key, f.lo, f.hi)
				(*t)[key] = x
				return err
			}
		}
		return nil
	})
}

// globList is "ignore:", each pattern's syntax checked.
type globList []string

func (g *globList) UnmarshalYAML(n *yaml.Node) error {
	list, err := strList(n, "ignore")
	if err != nil {
		return err
	}
	for i, p := range list {
		if err := checkGlob(p); err != nil {
			return errAt(item(n, i), fmt.Sprintf("ignore: bad glob %q: %v", p, err))
		}
	}
	*g = list
	return nil
}

// byteSize is max_size: bytes, or a number with a unit (KB, KiB, MB, MiB, GB, GiB).
type byteSize int64

func (b *byteSize) UnmarshalYAML(n *yaml.Node) error {
	s, sn, err := scalar(n, "max_size")
	if err != nil {
		return err
	}
	v, err := ParseSize(s)
	if err != nil {
		return errAt(sn, fmt.Sprintf("max_size: %q is %v", s, err))
	}
	*b = byteSize(v)
	return nil
}

// vocabulary is the config's additions to the taxonomy; it is marshalled to JSON as the
// key of the compiled-taxonomy cache, so its fields are exported (and the nodes, kept for
// the checks against the base taxonomy, are not).
type vocabulary struct {
	Add        map[string][]string `json:"add,omitempty"`
	Categories []nlp.Category      `json:"categories,omitempty"`
	Ignore     []string            `json:"ignore,omitempty"`

	addKeys []*yaml.Node // the keys of add, in order
	idNodes []*yaml.Node // the id of each category
}

func (v vocabulary) empty() bool {
	return len(v.Add) == 0 && len(v.Categories) == 0 && len(v.Ignore) == 0
}

func (v *vocabulary) UnmarshalYAML(n *yaml.Node) error {
	return eachKey(n, "vocabulary", []string{"add", "categories", "ignore"}, func(key string, _, val *yaml.Node) error {
		switch key {
		case "add":
			v.Add = map[string][]string{}
			return eachKey(val, "vocabulary: add", nil, func(id string, k, ph *yaml.Node) error {
				v.addKeys = append(v.addKeys, k)
				list, err := phrases(ph, "vocabulary: add: "+id)
				v.Add[id] = list
				return err
			})
		case "categories":
			val, err := resolve(val)
			if err != nil {
				return err
			}
			if val.Kind != yaml.SequenceNode {
				return errAt(val, "vocabulary: categories must be a list of categories (- id: ...), not "+kindName(val))
			}
			ids := map[string]bool{}
			for _, it := range val.Content {
				var c userCategory
				if err := decodeNode(it, &c); err != nil {
					return err
				}
				if ids[c.ID] {
					return errAt(it, fmt.Sprintf("vocabulary: categories: %q is defined twice", c.ID))
				}
				ids[c.ID] = true
				v.Categories = append(v.Categories, c.Category)
				v.idNodes = append(v.idNodes, c.idNode)
			}
		case "ignore":
			list, err := phrases(val, "vocabulary: ignore")
			v.Ignore = list
			return err
		}
		return nil
	})
}

// check refuses what only the base taxonomy can tell wrong: an unknown category under add,
// a new category with a built-in id.
func (v *vocabulary) check(base *nlp.Taxonomy) error {
	for _, k := range v.addKeys {
		if base.Category(k.Value) == nil {
			return errAt(k, fmt.Sprintf("vocabulary: add: unknown category %q (want one of %s; new ones go under vocabulary: categories)", k.Value, strings.Join(base.IDs(), ", ")))
		}
	}
	for i, c := range v.Categories {
		if base.Category(c.ID) != nil {
			return errAt(v.idNodes[i], fmt.Sprintf("category %q already exists; add phrases to it under vocabulary: add", c.ID))
		}
	}
	return nil
}

// categoryKeys returns the keys of a new vocabulary category.
func categoryKeys() []string {
	return []string{"id", "role", "kind", "label", "weight", "strong", "core", "source", "phrases"}
}

// userCategory is one new taxonomy category from vocabulary: categories.
type userCategory struct {
	nlp.Category
	idNode *yaml.Node
}

var categoryRoles = []nlp.Role{nlp.PO, nlp.PM, nlp.Shared, nlp.Other}

func (c *userCategory) UnmarshalYAML(n *yaml.Node) error {
	c.Weight = 1
	var have struct{ id, role, phrases bool }
	err := eachKey(n, "a vocabulary category", categoryKeys(), func(key string, _, v *yaml.Node) error {
		var err error
		switch key {
		case "id":
			c.ID, err = str(v, "id")
			c.idNode, have.id = v, true
		case "role":
			c.Role, err = role(v, "role", "", categoryRoles)
			have.role = true
		case "kind":
			var s string
			var sn *yaml.Node
			if s, sn, err = scalar(v, "kind"); err == nil {
				switch nlp.Kind(strings.ToLower(s)) {
				case nlp.Responsibility, nlp.Skill:
					c.Kind = nlp.Kind(strings.ToLower(s))
				default:
					return errAt(sn, fmt.Sprintf("kind %q is not one of %s, %s", s, nlp.Responsibility, nlp.Skill))
				}
			}
		case "label":
			c.Label, err = str(v, "label")
		case "source":
			c.Source, err = str(v, "source")
		case "weight":
			c.Weight, err = number(v, "weight", 0.01, 10)
		case "strong":
			c.Strong, err = boolean(v, "strong")
		case "core":
			c.Core, err = boolean(v, "core")
		case "phrases":
			c.Phrases, err = phrases(v, "phrases")
			have.phrases = true
		}
		return err
	})
	switch {
	case err != nil:
		return err
	case !have.id:
		return errAt(n, "a vocabulary category needs an id")
	case !have.role:
		return errAt(n, fmt.Sprintf("category %q needs a role (one of %s)", c.ID, roleNames(categoryRoles)))
	case !have.phrases || len(c.Phrases) == 0:
		return errAt(n, fmt.Sprintf("category %q needs phrases", c.ID))
	}
	return nil
}

// titleList is "titles:": title phrase -> role, longer phrases first, as the defaults are
// tried (stable for equal lengths).
type titleList []nlp.TitleAlias

var titleRoles = []nlp.Role{nlp.PO, nlp.PM, nlp.Other}

func (t *titleList) UnmarshalYAML(n *yaml.Node) error {
	var out titleList
	err := eachKey(n, "titles", nil, func(phrase string, k, v *yaml.Node) error {
		if strings.TrimSpace(phrase) == "" {
			return errAt(k, "titles: an empty title phrase")
		}
		r, err := role(v, "titles: "+phrase, fmt.Sprintf("titles: %q: ", phrase), titleRoles)
		out = append(out, nlp.TitleAlias{Phrase: strings.ToLower(strings.Join(strings.Fields(phrase), " ")), Role: r})
		return err
	})
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Phrase) > len(out[j].Phrase) })
	*t = out
	return err
}

// decodeConfig decodes a config file's YAML, checking every key and value against what
// jdlint knows. base is the taxonomy whose category ids vocabulary.add may name.
func decodeConfig(path string, data []byte, base *nlp.Taxonomy) (raw *rawConfig, err error) {
	defer func() {
		if v := recover(); v != nil { // yaml.v3 has panicked on crafted input before
			raw, err = nil, &ConfigError{File: path, Msg: fmt.Sprintf("cannot be decoded: %v", v)}
		}
	}()
	defer func() {
		var ce *ConfigError
		if errors.As(err, &ce) && ce.File == "" {
			ce.File = path
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &rawConfig{}, nil // empty, or only comments: the defaults
		}
		return nil, yamlErr(err)
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		return nil, errAt(&second, "holds more than one YAML document (a second ---); put everything in one")
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlErr(err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return &rawConfig{}, nil
		}
		root = root.Content[0]
	}
	if err := aliasBudget(root); err != nil {
		return nil, err
	}
	if root, err = resolve(root); err != nil {
		return nil, err
	}
	if isNull(root) {
		return &rawConfig{}, nil
	}
	raw = &rawConfig{}
	if err := raw.UnmarshalYAML(root); err != nil {
		return nil, err
	}
	if err := raw.vocab.check(base); err != nil {
		return nil, err
	}
	return raw, nil
}

// aliasBudget counts the nodes of the tree under root as decoding would visit them,
// aliases expanded, and refuses more than maxConfigNodes: an alias bomb ("billion laughs")
// fails in milliseconds, before anything is decoded, and so does an alias cycle.
func aliasBudget(root *yaml.Node) error {
	stack := []*yaml.Node{root}
	for count := 0; len(stack) > 0; count++ {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if count >= maxConfigNodes {
			return errAt(n, fmt.Sprintf("too many values once aliases are expanded (over %d); is it an alias bomb, or an alias inside its own anchor?", maxConfigNodes))
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return errAt(n, "alias cannot be resolved")
			}
			stack = append(stack, n.Alias)
			continue
		}
		stack = append(stack, n.Content...)
	}
	return nil
}

// decodeNode decodes n, its alias followed, into u, null included (yaml.v3's own Decode
// skips an unmarshaler on a null value, which would let "max_size:" pass as unset).
func decodeNode(n *yaml.Node, u yaml.Unmarshaler) error {
	n, err := resolve(n)
	if err != nil {
		return err
	}
	return u.UnmarshalYAML(n)
}

// errAt is an error at n's line and column; decodeConfig names the file.
func errAt(n *yaml.Node, msg string) *ConfigError {
	if n == nil {
		return &ConfigError{Msg: msg}
	}
	return &ConfigError{Line: n.Line, Column: n.Column, Msg: msg}
}

// configErrAt is an error at n in the config file path.
func configErrAt(path string, n *yaml.Node, msg string) error {
	e := errAt(n, msg)
	e.File = path
	return e
}

// yamlErr turns a yaml.v3 syntax error ("yaml: line 3: ...") into a ConfigError.
func yamlErr(err error) error {
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
		return &ConfigError{Line: line, Column: 1, Msg: msg}
	}
	return &ConfigError{Msg: msg}
}

// resolve follows aliases (aliasBudget has bounded them).
func resolve(n *yaml.Node) (*yaml.Node, error) {
	for hops := 0; n != nil && n.Kind == yaml.AliasNode; hops++ {
		if hops > 100 || n.Alias == nil {
			return nil, errAt(n, "alias cannot be resolved")
		}
		n = n.Alias
	}
	if n == nil {
		return nil, &ConfigError{Msg: "empty value"}
	}
	return n, nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

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

// eachKey calls fn for each key of a mapping node, in order; an empty value has no keys.
// When keys is not nil, a key outside it is an error that lists the valid ones. Duplicate
// keys and merge keys (<<) are errors.
func eachKey(n *yaml.Node, what string, keys []string, fn func(key string, k, v *yaml.Node) error) error {
	n, err := resolve(n)
	if err != nil {
		return err
	}
	if isNull(n) {
		return nil // "rules:" with nothing under it: nothing set
	}
	if n.Kind != yaml.MappingNode {
		return errAt(n, fmt.Sprintf("%s must be a mapping of key: value, not %s", what, kindName(n)))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, err := resolve(n.Content[i])
		if err != nil {
			return err
		}
		if k.Kind != yaml.ScalarNode {
			return errAt(k, fmt.Sprintf("keys in %s must be plain words, not %s", what, kindName(k)))
		}
		key := k.Value
		switch {
		case key == "<<":
			return errAt(k, "merge keys (<<) are not supported in a jdlint config")
		case keys != nil && len(keys) == 1 && key != keys[0]:
			return errAt(k, fmt.Sprintf("unknown key %q in %s (want %s)", key, what, keys[0]))
		case keys != nil && !contains(keys, key):
			return errAt(k, fmt.Sprintf("unknown key %q in %s (want one of %s)", key, what, strings.Join(keys, ", ")))
		case seen[key]:
			return errAt(k, fmt.Sprintf("%q is given twice in %s", key, what))
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

// item is the i-th entry of a list node, or the node itself (a single value).
func item(n *yaml.Node, i int) *yaml.Node {
	if n, err := resolve(n); err == nil && n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}

// scalar returns a non-empty scalar's text.
func scalar(n *yaml.Node, what string) (string, *yaml.Node, error) {
	n, err := resolve(n)
	if err != nil {
		return "", nil, err
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		return "", n, errAt(n, fmt.Sprintf("%s must be a single value, not %s", what, kindName(n)))
	}
	return n.Value, n, nil
}

func str(n *yaml.Node, what string) (string, error) {
	s, n, err := scalar(n, what)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s) == "" {
		return "", errAt(n, what+" is empty")
	}
	return s, nil
}

func number(n *yaml.Node, what string, lo, hi float64) (float64, error) {
	s, n, err := scalar(n, what)
	if err != nil {
		return 0, err
	}
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil || math.IsNaN(f) || math.IsInf(f, 0) || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, errAt(n, fmt.Sprintf("%s must be a number from %g to %g, not %q", what, lo, hi, s))
	}
	if f < lo || f > hi {
		return 0, errAt(n, fmt.Sprintf("%s must be from %g to %g, not %g", what, lo, hi, f))
	}
	return f, nil
}

func boolean(n *yaml.Node, what string) (bool, error) {
	s, n, err := scalar(n, what)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(s) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errAt(n, fmt.Sprintf("%s must be true or false, not %q", what, s))
}

// role reads one of allowed, in any case; what names the value, prefix starts the message
// for a value not allowed.
func role(n *yaml.Node, what, prefix string, allowed []nlp.Role) (nlp.Role, error) {
	s, sn, err := scalar(n, what)
	if err != nil {
		return "", err
	}
	for _, r := range allowed {
		if strings.EqualFold(s, string(r)) {
			return r, nil
		}
	}
	return "", errAt(sn, fmt.Sprintf("%srole %q is not one of %s", prefix, s, roleNames(allowed)))
}

func roleNames(rs []nlp.Role) string {
	var s []string
	for _, r := range rs {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

// strList reads a list of non-empty strings; a single string is a list of one.
func strList(n *yaml.Node, what string) ([]string, error) {
	n, err := resolve(n)
	if err != nil {
		return nil, err
	}
	if isNull(n) {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		s, err := str(n, what)
		return []string{s}, err
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, fmt.Sprintf("%s must be a list, not %s", what, kindName(n)))
	}
	out := make([]string, 0, len(n.Content))
	for _, it := range n.Content {
		s, err := str(it, "each entry of "+what)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// phrases reads a list of taxonomy phrases and checks that each has words to match.
func phrases(n *yaml.Node, what string) ([]string, error) {
	list, err := strList(n, what)
	if err != nil {
		return nil, err
	}
	for i, ph := range list {
		if _, err := nlp.Compile([]nlp.Category{{ID: "check", Role: nlp.PO, Phrases: []string{ph}}}, nil); err != nil {
			return nil, errAt(item(n, i), fmt.Sprintf("%s: phrase %q has no words to match", what, ph))
		}
	}
	return list, nil
}
