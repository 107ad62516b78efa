package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// releaseStep returns the run: script of the release workflow's step with this name.
func releaseStep(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(".github", "workflows", "release.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		On struct {
			Push struct {
				Tags []string `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
		Jobs map[string]struct {
			Steps []actionStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	if len(w.On.Push.Tags) != 1 || w.On.Push.Tags[0] != "v*" {
		t.Errorf("release.yml runs on tags %q, want v*", w.On.Push.Tags)
	}
	for _, job := range w.Jobs {
		for _, st := range job.Steps {
			if st.Name == name {
				return st.Run
			}
		}
	}
	t.Fatalf("release.yml has no step %q", name)
	return ""
}

// TestReleaseMovesMajorTag runs the release workflow's "move the major tag" step in a clone
// whose origin holds releases: the newest final release of a major version moves its tag
// (v1) there, a patch release of an older line leaves it alone (issue 13, item 14).
func TestReleaseMovesMajorTag(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	script := releaseStep(t, "move the major tag")
	dir := t.TempDir()
	origin, clone := filepath.Join(dir, "origin.git"), filepath.Join(dir, "clone")
	git := func(wd string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
		cmd.Dir = wd
		cmd.Env = append(baseEnv(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git(dir, "init", "-q", "--bare", origin)
	git(dir, "init", "-q", clone)
	commit := map[string]string{}
	for _, tag := range []string{"v1.2.0", "v1.3.0", "v1.2.4"} {
		git(clone, "commit", "-q", "--allow-empty", "-m", tag)
		git(clone, "tag", "-a", tag, "-m", tag)
		commit[tag] = git(clone, "rev-parse", "HEAD")
	}
	git(clone, "remote", "add", "origin", origin)
	git(clone, "push", "-q", "origin", "HEAD:refs/heads/main", "--tags")

	moveTo := func(tag string) string {
		t.Helper()
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
		cmd.Dir = clone
		cmd.Env = append(baseEnv(), "TAG="+tag, "GITHUB_SHA="+commit[tag], "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("move the major tag for %s: %v\n%s", tag, err, out)
		}
		return git(origin, "rev-parse", "v1^{commit}")
	}
	if got := moveTo("v1.3.0"); got != commit["v1.3.0"] {
		t.Errorf("after v1.3.0, v1 is at %.7s, want v1.3.0's commit %.7s", got, commit["v1.3.0"])
	}
	if got := moveTo("v1.2.4"); got != commit["v1.3.0"] {
		t.Errorf("after the older line's v1.2.4, v1 is at %.7s, want it left at v1.3.0 (%.7s)", got, commit["v1.3.0"])
	}
}
