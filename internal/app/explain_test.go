package app

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// explainTexts returns what `jdlint explain X` prints for every rule and topic.
func explainTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, id := range append(rules.IDs(), topicNames()...) {
		var w, errw bytes.Buffer
		if code := Explain(&w, &errw, id); code != ExitClean {
			t.Fatalf("explain %s: exit %d: %s", id, code, errw.String())
		}
		out[id] = w.String()
	}
	return out
}

// configKeys are the key paths of a config: those of the starter config uncommented, which
// shows every key (lint.TestStarterConfig), as "thresholds.blend_low", "vocabulary.add".
func configKeys(t *testing.T) (paths, names map[string]bool) {
	t.Helper()
	var text strings.Builder
	for _, line := range strings.SplitAfter(lint.StarterConfig, "\n") {
		text.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "#"), " "))
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(text.String()), &root); err != nil {
		t.Fatalf("the starter config uncommented: %v", err)
	}
	paths, names = map[string]bool{}, map[string]bool{}
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, prefix)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				paths[prefix+k], names[k] = true, true
				walk(n.Content[i+1], prefix+k+".")
			}
		}
	}
	walk(&root, "")
	return paths, names
}

var (
	dottedKey = regexp.MustCompile(`\b([a-z_]+(?:\.[a-z_]+)+)\b`)
	snakeKey  = regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b`)
	underKey  = regexp.MustCompile(`\bunder ([a-z_]+):`)
)

// Every config key an explanation names exists: a dotted path from a top-level key
// ("thresholds.blend_low"), a bare key ("blend_high") or a key "under vocabulary:".
func TestExplainConfigKeysExist(t *testing.T) {
	paths, names := configKeys(t)
	if !paths["thresholds.blend_low"] || !paths["vocabulary.add"] {
		t.Fatalf("config keys not found in the starter config: %v", paths)
	}
	for id, text := range explainTexts(t) {
		for _, m := range dottedKey.FindAllString(text, -1) {
			if top, _, _ := strings.Cut(m, "."); names[top] && paths[top] && !paths[m] {
				t.Errorf("explain %s names the config key %s, which does not exist", id, m)
			}
		}
		for _, m := range snakeKey.FindAllString(text, -1) {
			if !names[m] {
				t.Errorf("explain %s names the config key %s, which does not exist", id, m)
			}
		}
		for _, m := range underKey.FindAllStringSubmatch(text, -1) {
			if !paths[m[1]] {
				t.Errorf("explain %s names the config key %s:, which does not exist", id, m[1])
			}
		}
	}
}

// explainMention finds `jdlint explain X` in prose and code, X a rule id or a topic.
var explainMention = regexp.MustCompile("jdlint explain ([a-z][a-z-]*)")

// Every `jdlint explain X` that the README or docs/ mention works, and so does explaining
// the pseudo-rule that inline directives accept (evidence), which the README tells users
// to name.
func TestExplainWhatTheDocsName(t *testing.T) {
	want := map[string][]string{nlp.EvidenceRule: {"the directives' pseudo-rule"}}
	files, err := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, filepath.Join("..", "..", "README.md")) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range explainMention.FindAllStringSubmatch(string(b), -1) {
			want[m[1]] = append(want[m[1]], filepath.Base(f))
		}
	}
	for id, where := range want {
		var w, errw bytes.Buffer
		if code := Explain(&w, &errw, id); code != ExitClean || w.Len() == 0 {
			t.Errorf("jdlint explain %s (named in %s): exit %d: %s", id, strings.Join(where, ", "), code, errw.String())
		}
	}
}

// explain evidence covers what the verdict weighs.
func TestExplainEvidence(t *testing.T) {
	text := explainTexts(t)["evidence"]
	for _, want := range []string{"jdlint tag", "strong", "weak", "shared", "other", "Counterpart", "Sections",
		"requirements", "thresholds.blend_low", "thresholds.pm_blend_low", "thresholds.blend_high",
		"thresholds.min_evidence", "thresholds.nearly_absent", "thresholds.other_ratio", "evidence -->"} {
		if !strings.Contains(text, want) {
			t.Errorf("explain evidence does not mention %q", want)
		}
	}
}
