package main

// Tests of the GitHub Action (action.yml). No GitHub here, so the test plays the runner:
// it decodes action.yml, evaluates each step's env: mapping the way GitHub would (inputs,
// github.action_path, runner.temp), and runs the run: scripts with bash exactly as a
// composite step does (bash --noprofile --norc -eo pipefail FILE), with GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_PATH, GITHUB_ENV, RUNNER_TEMP, GITHUB_WORKSPACE and
// GITHUB_ACTION_PATH set, and evaluates the steps' if: conditions. Steps that use another
// action (actions/cache) are skipped. The install and build steps run once for real, from a
// local checkout (so they build), and that binary is reused by most scenarios; the install
// tests (action_install_test.go) run them against a fake release server.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/jdlint/jdlint/internal/app"
)

// actionSpec is action.yml, decoded strictly: an unknown key is a typo GitHub would reject.
type actionSpec struct {
	Name        string                  `yaml:"name"`
	Description string                  `yaml:"description"`
	Author      string                  `yaml:"author"`
	Branding    map[string]string       `yaml:"branding"`
	Inputs      map[string]actionInput  `yaml:"inputs"`
	Outputs     map[string]actionOutput `yaml:"outputs"`
	Runs        struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionInput struct {
	Description string  `yaml:"description"`
	Required    bool    `yaml:"required"`
	Default     *string `yaml:"default"`
}

type actionOutput struct {
	Description string `yaml:"description"`
	Value       string `yaml:"value"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
	ContinueOnError  bool              `yaml:"continue-on-error"`
}

func loadAction(t *testing.T) actionSpec {
	t.Helper()
	src, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var spec actionSpec
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&spec); err != nil {
		t.Fatalf("decode action.yml: %v", err)
	}
	return spec
}

// wantInputs are the Action's inputs and their defaults; docs/action.md and examples/ use
// these names.
var wantInputs = map[string]string{
	"paths":                ".",
	"fail-level":           "error",
	"config":               "",
	"inline-config":        "true",
	"sarif-file":           "",
	"summary":              "true",
	"annotations":          "true",
	"unsafe-fixes-preview": "false",
	"suggest-fixes":        "false",
	"github-token":         "${{ github.token }}",
}

var wantOutputs = []string{"findings", "errors", "warnings", "mislabeled", "blended", "exit-code"}

func TestActionMetadata(t *testing.T) {
	spec := loadAction(t)
	if spec.Name == "" || spec.Description == "" {
		t.Error("action.yml needs a name and a description (the Marketplace shows them)")
	}
	if spec.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", spec.Runs.Using)
	}

	var names []string
	for name, in := range spec.Inputs {
		names = append(names, name)
		want, ok := wantInputs[name]
		if !ok {
			t.Errorf("unexpected input %q", name)
			continue
		}
		if in.Default == nil || *in.Default != want {
			t.Errorf("input %s: default %v, want %q", name, in.Default, want)
		}
		if in.Required {
			t.Errorf("input %s is required; every input has a default", name)
		}
		if strings.TrimSpace(in.Description) == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	for name := range wantInputs {
		if _, ok := spec.Inputs[name]; !ok {
			t.Errorf("missing input %q", name)
		}
	}

	ids := map[string]bool{}
	for _, st := range spec.Runs.Steps {
		if st.ID != "" {
			ids[st.ID] = true
		}
	}
	outRef := regexp.MustCompile(`^\$\{\{ steps\.([a-z-]+)\.outputs\.([a-z-]+) \}\}$`)
	for _, name := range wantOutputs {
		out, ok := spec.Outputs[name]
		if !ok {
			t.Errorf("missing output %q", name)
			continue
		}
		m := outRef.FindStringSubmatch(out.Value)
		if m == nil || !ids[m[1]] || m[2] != name {
			t.Errorf("output %s: value %q, want ${{ steps.<id>.outputs.%s }} of a step of this action", name, out.Value, name)
		}
		if strings.TrimSpace(out.Description) == "" {
			t.Errorf("output %s has no description", name)
		}
	}
	if len(spec.Outputs) != len(wantOutputs) {
		t.Errorf("outputs %d, want %d (%v)", len(spec.Outputs), len(wantOutputs), wantOutputs)
	}

	used := map[string]bool{}
	inputRef := regexp.MustCompile(`\$\{\{\s*inputs\.([a-z-]+)\s*\}\}`)
	for i, st := range spec.Runs.Steps {
		where := fmt.Sprintf("step %d (%s)", i+1, st.Name)
		switch {
		case st.Uses != "" && st.Run != "":
			t.Errorf("%s has both uses and run", where)
		case st.Uses != "":
			// issue 13 item 15: the caller's Go stays as it was (setup-go would put its Go
			// first on PATH for the rest of the job)
			if strings.HasPrefix(st.Uses, "actions/setup-go@") {
				t.Errorf("%s uses actions/setup-go, which changes the Go on the job's PATH", where)
			}
		case st.Run != "":
			if st.Shell != "bash" {
				t.Errorf("%s: shell %q, want bash (the scripts use bash arrays)", where, st.Shell)
			}
			// script injection: a ${{ }} expression in a script is pasted into the code before
			// bash parses it, so an input could become commands
			if strings.Contains(st.Run, "${{ inputs.") {
				t.Errorf("%s: run script contains ${{ inputs.* }}; pass inputs through env:", where)
			} else if strings.Contains(st.Run, "${{") {
				t.Errorf("%s: run script contains a ${{ }} expression; pass values through env:", where)
			}
		default:
			t.Errorf("%s has neither uses nor run", where)
		}
		if st.If != "" && !ifCondition.MatchString(st.If) {
			t.Errorf("%s: if: %q is not steps.ID.outputs.NAME == 'VALUE', which this test evaluates", where, st.If)
		}
		for _, v := range st.Env {
			for _, m := range inputRef.FindAllStringSubmatch(v, -1) {
				used[m[1]] = true
			}
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if !used[name] {
			t.Errorf("input %s reaches no step's env: it would be silently ignored", name)
		}
	}
}

// TestActionDocs: docs/action.md documents every input with its default, every output, and
// the permission each opt-in input needs.
func TestActionDocs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("docs", "action.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, name := range sortedKeys(wantInputs) {
		row := fmt.Sprintf("| `%s` | |", name) // an empty default
		if v := wantInputs[name]; v != "" {
			row = fmt.Sprintf("| `%s` | `%s` |", name, v)
		}
		if !strings.Contains(doc, row) {
			t.Errorf("docs/action.md has no inputs row %q", row)
		}
	}
	for _, name := range wantOutputs {
		if row := fmt.Sprintf("| `%s` |", name); !strings.Contains(doc, row) {
			t.Errorf("docs/action.md has no outputs row %q", row)
		}
	}
	for _, perm := range []string{"`contents: read`", "`security-events: write`", "`pull-requests: write`"} {
		if !strings.Contains(doc, "| "+perm+" |") {
			t.Errorf("docs/action.md, Permissions, does not list %s", perm)
		}
	}
	for _, heading := range []string{"## Suggested changes", "## Releases", "## pre-commit", "## Required checks and paths filters"} {
		if !strings.Contains(doc, "\n"+heading+"\n") {
			t.Errorf("docs/action.md has no section %q", heading)
		}
	}
}

// runner plays GitHub's runner for the composite steps of action.yml.
type runner struct {
	spec actionSpec
	root string // the action's folder: this repository
	bin  string // a jdlint built by the build step; "" runs the build step
	// binGitHub is the jdlint-github (suggested changes) the build step built with bin
	binGitHub string
}

type runResult struct {
	code    int               // exit code of the last step that ran
	stdout  string            // what the steps printed (the runner reads commands from it)
	stderr  string            // what they printed on stderr
	log     string            // both, in the order the lines came (the runner reads commands from both)
	outputs map[string]string // step id -> name -> value, flattened to the action's outputs
	steps   map[string]string // every step's outputs, as "id.name" -> value
	summary string            // the job summary the steps wrote
}

// expr matches one ${{ }} expression in an env: value.
var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// evalCtx is what the expressions of one run see.
type evalCtx struct {
	inputs     map[string]string
	runnerTemp string
	opts       runOpts
	outputs    map[string]string // "step.name" -> value, the steps' outputs so far
}

// eval substitutes the expressions the action may use in env: and with:.
func (r *runner) eval(t *testing.T, v string, c evalCtx) string {
	t.Helper()
	return expr.ReplaceAllStringFunc(v, func(m string) string {
		e := expr.FindStringSubmatch(m)[1]
		switch {
		case strings.HasPrefix(e, "inputs."):
			name := strings.TrimPrefix(e, "inputs.")
			in, ok := r.spec.Inputs[name]
			if !ok {
				t.Fatalf("expression %s names an undeclared input", m)
			}
			if v, ok := c.inputs[name]; ok {
				return v
			}
			if in.Default != nil {
				return r.eval(t, *in.Default, c) // a default may be an expression
			}
			return ""
		case strings.HasPrefix(e, "steps."):
			id, name, ok := strings.Cut(strings.TrimPrefix(e, "steps."), ".outputs.")
			if !ok {
				t.Fatalf("expression %s: this test evaluates only steps.ID.outputs.NAME", m)
			}
			return c.outputs[id+"."+name]
		case e == "github.action_path":
			if c.opts.actionPath != "" {
				return c.opts.actionPath
			}
			return r.root
		case e == "github.action_ref":
			return c.opts.actionRef
		case e == "github.action_repository":
			return c.opts.actionRepo
		case e == "github.token":
			return c.opts.token
		case e == "runner.temp":
			return c.runnerTemp
		}
		t.Fatalf("expression %s: this test does not evaluate it", m)
		return ""
	})
}

// ifCondition is the one form of if: the action's steps use.
var ifCondition = regexp.MustCompile(`^steps\.([a-z-]+)\.outputs\.([a-z-]+) == '([^']*)'$`)

// cond evaluates a step's if: (empty: true).
func (r *runner) cond(t *testing.T, st actionStep, outputs map[string]string) bool {
	t.Helper()
	if st.If == "" {
		return true
	}
	m := ifCondition.FindStringSubmatch(st.If)
	if m == nil {
		t.Fatalf("step %s: if: %q: this test does not evaluate it", st.Name, st.If)
	}
	return outputs[m[1]+"."+m[2]] == m[3]
}

// baseEnv is the test's environment (PATH, HOME, Go's caches) without anything a runner
// sets per step.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "RUNNER_") || strings.HasPrefix(k, "INPUT_") || k == "NO_COLOR" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GITHUB_ACTIONS=true", "CI=true")
}

// runOpts are the less common settings of a run.
type runOpts struct {
	path       string   // replaces PATH when set
	runnerTemp string   // RUNNER_TEMP when set (the caller keeps it); else a fresh folder
	until      string   // stop before the step with this id
	install    bool     // run the install and build steps even though r.bin is set
	actionRef  string   // github.action_ref
	actionRepo string   // github.action_repository
	actionPath string   // github.action_path and GITHUB_ACTION_PATH; else r.root
	token      string   // github.token
	env        []string // more environment (GITHUB_SERVER_URL, GITHUB_EVENT_PATH, ...)
}

// run runs the action's steps in workspace with inputs (missing ones take their defaults).
func (r *runner) run(t *testing.T, workspace string, inputs map[string]string, opts runOpts) runResult {
	t.Helper()
	for name := range inputs {
		if _, ok := r.spec.Inputs[name]; !ok {
			t.Fatalf("test passes undeclared input %q", name)
		}
	}
	temp := t.TempDir()
	runnerTemp := opts.runnerTemp
	if runnerTemp == "" {
		runnerTemp = filepath.Join(temp, "runner temp") // a space, as on some self-hosted runners
		if err := os.Mkdir(runnerTemp, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	res := runResult{outputs: map[string]string{}}
	var stdout, stderr, summary strings.Builder
	var log logBuffer
	actionPath := r.root
	if opts.actionPath != "" {
		actionPath = opts.actionPath
	}
	// GITHUB_PATH and GITHUB_ENV change the job's later steps: the Action must write neither
	// (issue 13 item 15: the caller's Go and PATH stay as they were)
	pathFile, envFile := filepath.Join(temp, "github-path"), filepath.Join(temp, "github-env")
	for _, f := range []string{pathFile, envFile} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, st := range r.spec.Runs.Steps {
		if opts.until != "" && st.ID == opts.until {
			break
		}
		if st.Uses != "" || !r.cond(t, st, res.outputs) {
			continue // actions/cache: the runner's business
		}
		if (st.ID == "install" || st.ID == "build") && r.bin != "" && !opts.install {
			if st.ID == "install" {
				if err := copyFile(r.bin, filepath.Join(runnerTemp, "jdlint")); err != nil {
					t.Fatal(err)
				}
				if err := copyFile(r.binGitHub, filepath.Join(runnerTemp, "jdlint-github")); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		outFile := filepath.Join(temp, fmt.Sprintf("output-%d", i))
		sumFile := filepath.Join(temp, fmt.Sprintf("summary-%d", i))
		script := filepath.Join(temp, fmt.Sprintf("step-%d.sh", i))
		for _, f := range []string{outFile, sumFile} {
			if err := os.WriteFile(f, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(script, []byte(st.Run), 0o644); err != nil {
			t.Fatal(err)
		}
		env := baseEnv()
		if opts.path != "" {
			env = slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "PATH=") })
			env = append(env, "PATH="+opts.path)
		}
		env = append(env,
			"GITHUB_WORKSPACE="+workspace, "GITHUB_ACTION_PATH="+actionPath, "RUNNER_TEMP="+runnerTemp,
			"GITHUB_OUTPUT="+outFile, "GITHUB_STEP_SUMMARY="+sumFile, "GITHUB_PATH="+pathFile, "GITHUB_ENV="+envFile,
			"RUNNER_OS=Linux", "RUNNER_ARCH=X64")
		env = append(env, opts.env...)
		ec := evalCtx{inputs: inputs, runnerTemp: runnerTemp, opts: opts, outputs: res.outputs}
		for k, v := range st.Env {
			env = append(env, k+"="+r.eval(t, v, ec))
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = workspace
		if st.WorkingDirectory != "" {
			cmd.Dir = r.eval(t, st.WorkingDirectory, ec)
		}
		cmd.Env = env
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = log.tee(&o), log.tee(&e)
		err := cmd.Run()
		stdout.Write(o.Bytes())
		stderr.Write(e.Bytes())
		res.code = 0
		if err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("step %s: %v", st.Name, err)
			}
			res.code = exit.ExitCode()
		}
		outs, err := readOutputs(outFile)
		if err != nil {
			t.Fatalf("step %s: %v", st.Name, err)
		}
		for k, v := range outs {
			res.outputs[st.ID+"."+k] = v
		}
		b, err := os.ReadFile(sumFile)
		if err != nil {
			t.Fatal(err)
		}
		summary.Write(b)
		if res.code != 0 && !st.ContinueOnError {
			break // a failed step ends the composite action
		}
	}
	for _, f := range []string{pathFile, envFile} {
		if b, _ := os.ReadFile(f); len(b) > 0 {
			t.Errorf("the Action wrote %s, which changes the job's later steps:\n%s", filepath.Base(f), b)
		}
	}
	res.steps = maps.Clone(res.outputs)
	// the action's outputs, as GitHub evaluates outputs.<name>.value
	flat := map[string]string{}
	for name, out := range r.spec.Outputs {
		ref := strings.TrimSuffix(strings.TrimPrefix(out.Value, "${{ steps."), " }}")
		id, key, _ := strings.Cut(ref, ".outputs.")
		if v, ok := res.outputs[id+"."+key]; ok {
			flat[name] = v
		}
	}
	res.outputs = flat
	res.stdout, res.stderr, res.summary, res.log = stdout.String(), stderr.String(), summary.String(), log.String()
	return res
}

// logBuffer is a step log: what a step writes to stdout and to stderr, in the order the
// writes come, as the runner reads the two pipes.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// tee returns a writer that writes to own and to the log.
func (l *logBuffer) tee(own io.Writer) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		l.mu.Lock()
		l.buf.Write(p)
		l.mu.Unlock()
		return own.Write(p)
	})
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// workflowCommands reads a step log as the runner does: every line, from stdout or stderr,
// whose first non-blank characters are "::" is a workflow command, except between
// ::stop-commands::TOKEN and ::TOKEN::. It returns the commands the runner would act on
// (stop-commands included) and the token still stopping commands at the end, if any.
func workflowCommands(log string) (cmds []string, stoppedBy string) {
	for _, line := range strings.Split(log, "\n") {
		line = strings.TrimLeft(strings.TrimSuffix(line, "\r"), " \t")
		if stoppedBy != "" {
			if line == "::"+stoppedBy+"::" {
				stoppedBy = ""
			}
			continue
		}
		if !strings.HasPrefix(line, "::") {
			continue
		}
		cmds = append(cmds, line)
		if token, ok := strings.CutPrefix(line, "::stop-commands::"); ok {
			stoppedBy = token
		}
	}
	return cmds, stoppedBy
}

// readOutputs parses a GITHUB_OUTPUT file: name=value lines and name<<DELIMITER blocks.
func readOutputs(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				val = append(val, lines[i])
			}
			if i == len(lines) {
				return nil, fmt.Errorf("%s: output %s: no closing %s", path, name, delim)
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s: line %q is not name=value", path, line)
		}
		out[name] = val
	}
	return out, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// workspace makes a workspace holding the fixture postings under each of dirs (relative,
// may contain spaces and shell syntax) and returns its path.
func workspace(t *testing.T, dirs map[string][]string) string {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "work space")
	for dir, files := range dirs {
		if err := os.MkdirAll(filepath.Join(ws, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			src, dst, _ := strings.Cut(f, "=") // "fixture=name" renames
			if dst == "" {
				dst = src
			}
			if err := copyFile(filepath.Join("testdata", "action", "postings", src), filepath.Join(ws, dir, dst)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ws
}

// annotation is one workflow command line: ::error file=a.md,line=3::message
type annotation struct {
	level string
	props map[string]string
	msg   string
}

var commandLine = regexp.MustCompile(`^::(error|warning|notice)(?: ([^:]*))?::(.*)$`)

func annotations(stdout string) []annotation {
	var out []annotation
	for _, line := range strings.Split(stdout, "\n") {
		m := commandLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		a := annotation{level: m[1], props: map[string]string{}, msg: m[3]}
		for _, kv := range strings.Split(m[2], ",") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				a.props[k] = unescapeProperty(v)
			}
		}
		out = append(out, a)
	}
	return out
}

// unescapeProperty undoes GitHub's escaping of command property values.
func unescapeProperty(s string) string {
	return strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",").Replace(s)
}

// fileAnnotations keeps the annotations that point at a file (jdlint's findings).
func fileAnnotations(as []annotation) []annotation {
	var out []annotation
	for _, a := range as {
		if a.props["file"] != "" {
			out = append(out, a)
		}
	}
	return out
}

func levelRank(l string) int { return map[string]int{"error": 0, "warning": 1, "notice": 2}[l] }

// sarifLog is the part of SARIF 2.1.0 the test reads.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name string `json:"name"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func readSARIF(t *testing.T, path string) sarifLog {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("SARIF file: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatalf("SARIF file %s: %v", path, err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "jdlint" {
		t.Fatalf("SARIF: version %q, %d runs; want 2.1.0, one run by jdlint", log.Version, len(log.Runs))
	}
	return log
}

// outputsOf checks that every declared output was set and returns them as numbers.
func outputsOf(t *testing.T, res runResult) map[string]int {
	t.Helper()
	nums := map[string]int{}
	for _, name := range wantOutputs {
		v, ok := res.outputs[name]
		if !ok {
			t.Errorf("output %s was not set", name)
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Errorf("output %s=%q is not a number", name, v)
		}
		nums[name] = n
	}
	if nums["exit-code"] != res.code {
		t.Errorf("output exit-code=%d, but the step exited %d", nums["exit-code"], res.code)
	}
	return nums
}

// newRunner decodes action.yml and runs its build step once, for real.
func newRunner(t *testing.T) *runner {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the composite steps are bash scripts; this test runs them on Linux and macOS")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{spec: loadAction(t), root: root}
	// run the install and build steps once, for real, into a RUNNER_TEMP this test keeps:
	// from a local checkout (no action ref), so they build jdlint from source
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	if err := os.Mkdir(ws, 0o755); err != nil {
		t.Fatal(err)
	}
	warmBuildCache(t, dir)
	res := r.run(t, ws, nil, runOpts{runnerTemp: dir, until: "lint"})
	if res.code != 0 || res.steps["install.method"] != "build" {
		t.Fatalf("install and build steps: exit %d, method %q, want a build\n%s", res.code, res.steps["install.method"], res.log)
	}
	r.bin, r.binGitHub = filepath.Join(dir, "jdlint"), filepath.Join(dir, "jdlint-github")
	for _, bin := range []string{r.bin, r.binGitHub} {
		if _, err := os.Stat(bin); err != nil {
			t.Fatalf("build step wrote no binary (is there a step with id: build?): %v", err)
		}
	}
	return r
}

// warmBuildCache links the Action's private Go caches under runnerTemp to this test's own,
// as actions/cache would restore them, so that the build step compiles nothing anew.
func warmBuildCache(t *testing.T, runnerTemp string) {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE").Output()
	if err != nil {
		t.Skipf("go env: %v", err)
	}
	dirs := strings.Fields(string(out))
	if len(dirs) != 2 {
		t.Fatalf("go env GOMODCACHE GOCACHE: %q", out)
	}
	cache := filepath.Join(runnerTemp, "jdlint-go")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"mod", "build"} {
		if err := os.Symlink(dirs[i], filepath.Join(cache, name)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestActionRun(t *testing.T) {
	r := newRunner(t)

	t.Run("mislabeled posting", func(t *testing.T) {
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md", "po-title-blended.md", "po-clean.md"}})
		res := r.run(t, ws, map[string]string{"paths": "postings", "sarif-file": "reports/jdlint.sarif"}, runOpts{})
		if res.code != 1 {
			t.Fatalf("exit code %d, want 1 (an error-level finding)\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
		}
		out := outputsOf(t, res)
		want := map[string]int{"errors": 1, "warnings": 1, "mislabeled": 1, "blended": 1, "exit-code": 1}
		for k, v := range want {
			if out[k] != v {
				t.Errorf("output %s=%d, want %d", k, out[k], v)
			}
		}
		if out["findings"] < 2 {
			t.Errorf("output findings=%d, want at least the mislabeled and the blended finding", out["findings"])
		}

		// annotations: one per finding, on the posting's lines, most severe first
		as := fileAnnotations(annotations(res.stdout))
		if len(as) != out["findings"] {
			t.Errorf("%d annotations for %d findings:\n%s", len(as), out["findings"], res.stdout)
		}
		for i, a := range as {
			if i > 0 && levelRank(a.level) < levelRank(as[i-1].level) {
				t.Errorf("annotation %d (%s) after a %s: want most severe first", i+1, a.level, as[i-1].level)
			}
		}
		if len(as) == 0 || as[0].level != "error" || as[0].props["file"] != "postings/po-title-pm-body.md" || as[0].props["line"] != "1" ||
			!strings.Contains(as[0].msg, "Product Owner, Invoicing") {
			t.Errorf("first annotation %+v, want the error on line 1 of postings/po-title-pm-body.md naming its title", as)
		}
		for _, a := range as {
			if a.props["file"] == "postings/po-clean.md" {
				t.Errorf("annotation on the clean posting: %+v", a)
			}
		}

		// the summary carries every posting and names the rules
		for _, s := range []string{"po-title-pm-body.md", "po-title-blended.md", "po-clean.md", "role-mislabeled", "role-blended"} {
			if !strings.Contains(res.summary, s) {
				t.Errorf("summary does not mention %s:\n%s", s, res.summary)
			}
		}

		// SARIF: the same findings, paths relative to the workspace
		log := readSARIF(t, filepath.Join(ws, "reports", "jdlint.sarif"))
		if n := len(log.Runs[0].Results); n != out["findings"] {
			t.Errorf("SARIF has %d results, want %d", n, out["findings"])
		}
		found := false
		for _, res := range log.Runs[0].Results {
			if res.RuleID == "role-mislabeled" && len(res.Locations) == 1 &&
				res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "postings/po-title-pm-body.md" {
				found = true
			}
		}
		if !found {
			t.Errorf("SARIF has no role-mislabeled result at postings/po-title-pm-body.md")
		}
	})

	t.Run("clean posting passes", func(t *testing.T) {
		ws := workspace(t, map[string][]string{".": {"po-clean.md"}})
		res := r.run(t, ws, nil, runOpts{})
		if res.code != 0 {
			t.Fatalf("exit code %d, want 0\n%s%s", res.code, res.stdout, res.stderr)
		}
		out := outputsOf(t, res)
		for _, k := range []string{"findings", "errors", "warnings", "mislabeled", "blended"} {
			if out[k] != 0 {
				t.Errorf("output %s=%d, want 0", k, out[k])
			}
		}
		if len(annotations(res.stdout)) != 0 {
			t.Errorf("annotations on a clean posting:\n%s", res.stdout)
		}
		if !strings.Contains(res.summary, "**1 posting** linted") || !strings.Contains(res.summary, "1 ok") {
			t.Errorf("summary does not report one clean posting:\n%s", res.summary)
		}
		if _, err := os.Stat(filepath.Join(ws, "jdlint.sarif")); err == nil {
			t.Error("a SARIF file was written though sarif-file was empty")
		}
	})

	t.Run("fail-level warning fails on a blended posting", func(t *testing.T) {
		ws := workspace(t, map[string][]string{".": {"po-title-blended.md"}})
		if res := r.run(t, ws, nil, runOpts{}); res.code != 0 {
			t.Errorf("default fail-level: exit %d, want 0 (a warning is below error)", res.code)
		}
		res := r.run(t, ws, map[string]string{"fail-level": "warning"}, runOpts{})
		if res.code != 1 {
			t.Errorf("fail-level warning: exit %d, want 1", res.code)
		}
		if out := outputsOf(t, res); out["blended"] != 1 || out["warnings"] != 1 {
			t.Errorf("outputs %v, want blended=1 warnings=1", out)
		}
	})

	t.Run("annotations and summary off", func(t *testing.T) {
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md"}})
		res := r.run(t, ws, map[string]string{"paths": "postings", "annotations": "false", "summary": "false"}, runOpts{})
		if res.code != 1 {
			t.Fatalf("exit %d, want 1\n%s%s", res.code, res.stdout, res.stderr)
		}
		if as := annotations(res.stdout); len(as) != 0 {
			t.Errorf("annotations printed though annotations is false: %+v", as)
		}
		if !strings.Contains(res.stdout, "postings/po-title-pm-body.md:1:3: error role-mislabeled: ") {
			t.Errorf("want plain path:line:col lines in the log, got:\n%s", res.stdout)
		}
		// the plain lines sit between ::stop-commands::TOKEN and ::TOKEN::
		m := regexp.MustCompile(`(?m)^::stop-commands::(\S+)$`).FindStringSubmatch(res.stdout)
		if m == nil || !strings.Contains(res.stdout, "\n::"+m[1]+"::\n") {
			t.Errorf("plain lines are not fenced by stop-commands:\n%s", res.stdout)
		}
		if res.summary != "" {
			t.Errorf("summary written though summary is false:\n%s", res.summary)
		}
		if out := outputsOf(t, res); out["mislabeled"] != 1 {
			t.Errorf("outputs %v, want mislabeled=1", out)
		}
	})

	t.Run("more annotations than GitHub shows", func(t *testing.T) {
		// GitHub keeps 10 error annotations per step: the other 2 are named in the summary
		var copies []string
		for i := range 12 {
			copies = append(copies, fmt.Sprintf("po-title-pm-body.md=po-%02d.md", i+1))
		}
		ws := workspace(t, map[string][]string{"postings": copies})
		res := r.run(t, ws, map[string]string{"paths": "postings"}, runOpts{})
		if res.code != 1 {
			t.Fatalf("exit %d, want 1\n%s%s", res.code, res.stdout, res.stderr)
		}
		errs := 0
		for _, a := range fileAnnotations(annotations(res.stdout)) {
			if a.level == "error" {
				errs++
			}
		}
		if errs != 12 {
			t.Errorf("%d error annotations, want all 12 printed (GitHub drops what it cannot show)", errs)
		}
		if !strings.Contains(res.summary, "2 of 12 errors") {
			t.Errorf("summary does not say that GitHub drops 2 of the 12 error annotations:\n%s", res.summary)
		}
		for i := range 12 {
			if f := fmt.Sprintf("po-%02d.md", i+1); !strings.Contains(res.summary, f) {
				t.Errorf("summary does not list %s", f)
			}
		}
	})

	t.Run("unsafe fixes only with unsafe-fixes-preview", func(t *testing.T) {
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md", "po-title-blended.md"}})
		off := r.run(t, ws, map[string]string{"paths": "postings"}, runOpts{})
		on := r.run(t, ws, map[string]string{"paths": "postings", "unsafe-fixes-preview": "true"}, runOpts{})
		if off.code != on.code || !mapsEqual(off.outputs, on.outputs) {
			t.Errorf("unsafe-fixes-preview changed the result: exit %d %v, then %d %v", off.code, off.outputs, on.code, on.outputs)
		}
		const unsafe = "--unsafe-fixes"
		if strings.Contains(off.summary, unsafe) {
			t.Errorf("summary shows unsafe fixes though unsafe-fixes-preview is false:\n%s", off.summary)
		}
		// whether these postings get unsafe fixes is up to the rules; the JSON report says
		if unsafeFixes(t, r.bin, filepath.Join(ws, "postings")) > 0 && !strings.Contains(on.summary, unsafe) {
			t.Errorf("summary shows no unsafe fix though unsafe-fixes-preview is true:\n%s", on.summary)
		}
	})

	t.Run("inline-config false ignores jdlint-disable comments", func(t *testing.T) {
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md"}})
		p := filepath.Join(ws, "postings", "po-title-pm-body.md")
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// what a pull request could add to switch the check off
		if err := os.WriteFile(p, append([]byte("<!-- jdlint-disable-file -->\n"), src...), 0o644); err != nil {
			t.Fatal(err)
		}
		on := r.run(t, ws, map[string]string{"paths": "postings"}, runOpts{})
		off := r.run(t, ws, map[string]string{"paths": "postings", "inline-config": "false"}, runOpts{})
		if on.code != 0 || off.code != 1 || off.outputs["mislabeled"] != "1" {
			t.Errorf("inline-config true: exit %d (want 0); false: exit %d, outputs %v (want 1, one mislabeled)\n%s%s",
				on.code, off.code, off.outputs, off.stdout, off.stderr)
		}
	})

	t.Run("summary over 1 MiB and exit code 2", func(t *testing.T) {
		// a stand-in for jdlint that writes a summary past GitHub's limit, then one that
		// fails before writing anything: what the Action does around jdlint
		fake := func(body string) *runner { return fakeJdlint(t, r, body) }
		big := fake(`for a; do case "$a" in markdown=*) md="${a#markdown=}" ;; json=*) json="${a#json=}" ;; esac; done
printf '{"files": [], "summary": {}}\n' >"$json"
for i in $(seq 30000); do echo "| posting-$i.md | Product Owner | PO → PO | 100% | 0 | 0 | 0 |"; done >"$md"
exit 1
`)
		ws := t.TempDir()
		res := big.run(t, ws, nil, runOpts{})
		if res.code != 1 || res.outputs["exit-code"] != "1" {
			t.Errorf("exit %d, outputs %v; want jdlint's 1 passed through", res.code, res.outputs)
		}
		if n := len(res.summary); n > 1<<20 || n < 1<<19 {
			t.Errorf("summary is %d bytes; want it cut to just under 1 MiB", n)
		}
		if !strings.Contains(res.summary, "cut at GitHub's 1 MiB limit") || !strings.HasPrefix(res.summary, "| posting-1.md |") {
			t.Errorf("cut summary does not start with the report and end with a note:\n...%s", res.summary[max(0, len(res.summary)-300):])
		}

		broken := fake("echo 'jdlint: no such file' >&2\nexit 2\n")
		res = broken.run(t, ws, nil, runOpts{})
		if res.code != 2 {
			t.Errorf("exit %d, want jdlint's 2", res.code)
		}
		out := outputsOf(t, res)
		if out["findings"] != 0 || out["exit-code"] != 2 {
			t.Errorf("outputs %v, want findings=0 exit-code=2", out)
		}
		if !strings.Contains(res.stdout, "::error title=jdlint::jdlint stopped with exit code 2") {
			t.Errorf("no error annotation for exit code 2:\n%s", res.stdout)
		}
		if !strings.Contains(res.summary, "stopped with exit code 2") {
			t.Errorf("summary does not say jdlint stopped:\n%s", res.summary)
		}
	})

	// Issue 14, item 10: jdlint's stderr quotes file names and posting text, and the runner
	// reads workflow commands from stderr too. It is printed inside the same
	// ::stop-commands:: wrapper as the plain lines, and the Action's own commands after it
	// still work.
	for _, ann := range []string{"true", "false"} {
		t.Run("stderr inside stop-commands, annotations "+ann, func(t *testing.T) {
			f := fakeJdlint(t, r, `for a; do case "$a" in json=*) json="${a#json=}" ;; esac; done
printf '{"files": [], "summary": {}}\n' >"$json"
echo '::error file=real.md,line=1::real'
printf 'jdlint: careers/x\n::stop-commands::pwned\n::error file=forged.md::forged\n' >&2
printf 'jdlint: no line end ::error file=tail.md::forged' >&2
exit 2
`)
			res := f.run(t, t.TempDir(), map[string]string{"annotations": ann}, runOpts{})
			if res.code != 2 {
				t.Fatalf("exit %d, want jdlint's 2\n%s", res.code, res.log)
			}
			cmds, stopped := workflowCommands(res.log)
			if stopped != "" {
				t.Errorf("commands still stopped by %q at the end of the step:\n%s", stopped, res.log)
			}
			for _, c := range cmds {
				if strings.Contains(c, "forged") || strings.Contains(c, "pwned") {
					t.Errorf("jdlint's stderr became a workflow command: %s\nlog:\n%s", c, res.log)
				}
			}
			if !slices.Contains(cmds, "::error title=jdlint::jdlint stopped with exit code 2 (usage, config or file error): see the messages above") {
				t.Errorf("the Action's own error annotation was not read as a command: %q\nlog:\n%s", cmds, res.log)
			}
			real := slices.ContainsFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "::error file=real.md") })
			if real != (ann == "true") {
				t.Errorf("annotations %s: the github report's annotation read as a command: %v, want %v\n%s", ann, real, ann == "true", res.log)
			}
			for _, want := range []string{"jdlint: careers/x", "::error file=forged.md::forged", "jdlint: no line end"} {
				if !strings.Contains(res.log, want) {
					t.Errorf("the log does not show jdlint's message %q:\n%s", want, res.log)
				}
			}
		})
	}

	t.Run("hostile file names", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("names with newlines")
		}
		const hostile = "x\n::stop-commands::pwned\n::error file=forged.md::forged\n\x1b]0;pwned\x07.md"
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md", "po-title-pm-body.md=" + hostile}})
		if out, err := exec.Command("mkfifo", filepath.Join(ws, "postings", "pipe\n::error file=forged.md::forged\n.md")).CombinedOutput(); err != nil {
			t.Fatalf("mkfifo: %v\n%s", err, out)
		}
		for _, ann := range []string{"true", "false"} {
			res := r.run(t, ws, map[string]string{"paths": "postings", "annotations": ann}, runOpts{})
			if res.code != 1 {
				t.Fatalf("annotations %s: exit %d, want 1\n%s", ann, res.code, res.log)
			}
			if out := outputsOf(t, res); out["mislabeled"] != 2 {
				t.Errorf("annotations %s: mislabeled=%d, want 2", ann, out["mislabeled"])
			}
			cmds, stopped := workflowCommands(res.log)
			if stopped != "" {
				t.Errorf("annotations %s: commands still stopped by %q", ann, stopped)
			}
			files := map[string]bool{}
			for _, a := range annotations(strings.Join(cmds, "\n")) {
				files[a.props["file"]] = true
			}
			for _, c := range cmds {
				if strings.Contains(c, "forged.md::forged") || strings.HasPrefix(c, "::stop-commands::pwned") {
					t.Errorf("annotations %s: a file name became a workflow command: %q\nlog:\n%s", ann, c, res.log)
				}
			}
			if ann == "true" && (!files["postings/"+hostile] || !files["postings/po-title-pm-body.md"] || len(files) != 2) {
				t.Errorf("annotations on %q, want both postings, the hostile name whole", slices.Sorted(maps.Keys(files)))
			}
			// the github report escapes in GitHub's syntax; every other line is shown as it is
			for _, line := range strings.Split(res.log, "\n") {
				if strings.Contains(line, "\x1b") && !slices.Contains(cmds, line) {
					t.Errorf("annotations %s: an escape sequence reached the log: %q", ann, line)
				}
			}
		}
	})

	t.Run("paths input with a control character", func(t *testing.T) {
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md"}})
		res := r.run(t, ws, map[string]string{"paths": "postings\n  postings/\x1b]0;pwned\x07.md  \n"}, runOpts{})
		if res.code != 2 {
			t.Errorf("exit %d, want 2 for a path line with a control character\n%s", res.code, res.log)
		}
		outputsOf(t, res)
		cmds, _ := workflowCommands(res.log)
		if !slices.Contains(cmds, "::error title=jdlint::input paths: line 2 holds a control character; rename the file") {
			t.Errorf("no error naming the line: %q", cmds)
		}
		if strings.Contains(res.log, "\x1b") || strings.Contains(res.log, "pwned") {
			t.Errorf("the path reached the log:\n%q", res.log)
		}
	})

	t.Run("example workflow: changed postings with hostile names", func(t *testing.T) {
		testExampleChangedStep(t, r)
	})

	t.Run("counts without jq", func(t *testing.T) {
		// the same run on a PATH without jq must give the same outputs (grep fallback)
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md", "po-title-blended.md", "po-clean.md"}})
		in := map[string]string{"paths": "postings"}
		withJQ := r.run(t, ws, in, runOpts{})
		noJQ := r.run(t, ws, in, runOpts{path: pathWithout(t, "jq")})
		if !mapsEqual(withJQ.outputs, noJQ.outputs) {
			t.Errorf("outputs without jq %v, with jq %v", noJQ.outputs, withJQ.outputs)
		}
		if withJQ.outputs["findings"] == "0" {
			t.Error("no findings counted")
		}
	})

	t.Run("paths with spaces and shell syntax", func(t *testing.T) {
		weird := `we"; touch pwned; "ird $(touch pwned2) ` + "`touch pwned3`"
		ws := workspace(t, map[string][]string{
			"job posts":   {"po-title-pm-body.md=senior product owner.md"},
			weird:         {"po-title-pm-body.md"},
			"clean posts": {"po-clean.md"},
		})
		paths := "  job posts/senior product owner.md  \n\n" + weird + "\nclean posts\n"
		res := r.run(t, ws, map[string]string{"paths": paths, "sarif-file": "out dir/jd lint.sarif", "annotations": "true"}, runOpts{})
		if res.code != 1 {
			t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
		}
		for _, marker := range []string{"pwned", "pwned2", "pwned3"} {
			if _, err := os.Stat(filepath.Join(ws, marker)); err == nil {
				t.Errorf("%s exists: a path was executed as shell code", marker)
			}
		}
		out := outputsOf(t, res)
		if out["mislabeled"] != 2 {
			t.Errorf("mislabeled=%d, want 2 (both copies of the posting were linted)", out["mislabeled"])
		}
		files := map[string]bool{}
		for _, a := range fileAnnotations(annotations(res.stdout)) {
			files[a.props["file"]] = true
		}
		for _, f := range []string{"job posts/senior product owner.md", weird + "/po-title-pm-body.md"} {
			if !files[f] {
				t.Errorf("no annotation for %q; got %v", f, files)
			}
		}
		if !strings.Contains(res.summary, "po-clean.md") {
			t.Errorf("the clean posts folder was not linted:\n%s", res.summary)
		}
		readSARIF(t, filepath.Join(ws, "out dir", "jd lint.sarif"))
	})

	// every input, one at a time, carries shell syntax; none may run
	for _, name := range sortedKeys(wantInputs) {
		t.Run("injection in "+name, func(t *testing.T) {
			ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md"}})
			marker := filepath.Join(t.TempDir(), "pwned")
			payloads := []string{
				`"; touch ` + marker + `; "`,
				`'; touch ` + marker + `; '`,
				`$(touch ` + marker + `)`,
				"`touch " + marker + "`",
				"x\ntouch " + marker,
			}
			for _, p := range payloads {
				in := map[string]string{"paths": "postings", name: p}
				res := r.run(t, ws, in, runOpts{})
				if _, err := os.Stat(marker); err == nil {
					t.Fatalf("input %s=%q ran a command (exit %d)\n%s%s", name, p, res.code, res.stdout, res.stderr)
				}
				outputsOf(t, res)
				if res.code == 0 {
					t.Errorf("input %s=%q: exit 0; the mislabeled posting or the bad value should fail", name, p)
				}
				// a newline in a value must not start a line of its own in the log, where the
				// runner would read it as a workflow command
				for _, line := range strings.Split(res.stdout, "\n") {
					if strings.HasPrefix(line, "touch ") {
						t.Errorf("input %s: a value's second line reached the log as a line:\n%s", name, res.stdout)
					}
				}
			}
		})
	}
}

// fakeJdlint returns a runner whose jdlint is a bash script: what the Action does around
// jdlint, whatever jdlint does.
func fakeJdlint(t *testing.T, r *runner, body string) *runner {
	t.Helper()
	f := *r
	f.bin = fakeScript(t, "jdlint", body)
	return &f
}

// fakeJdlintGitHub returns a runner whose jdlint-github is a bash script (and whose jdlint
// is r's): what the Action does around the suggested changes, whatever they do.
func fakeJdlintGitHub(t *testing.T, r *runner, body string) *runner {
	t.Helper()
	f := *r
	f.binGitHub = fakeScript(t, "jdlint-github", body)
	return &f
}

// fakeScript writes a bash script named name that runs body into a new folder.
func fakeScript(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte("#!/usr/bin/env bash\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// exampleWorkflow is the part of examples/jdlint-pull-request.yml the tests read.
type exampleWorkflow struct {
	On struct {
		PullRequest struct {
			Paths []string `yaml:"paths"`
		} `yaml:"pull_request"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Permissions    map[string]string `yaml:"permissions"`
		TimeoutMinutes int               `yaml:"timeout-minutes"`
		Steps          []actionStep      `yaml:"steps"`
	} `yaml:"jobs"`
}

func loadExample(t *testing.T) exampleWorkflow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("examples", "jdlint-pull-request.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var w exampleWorkflow
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestExampleWorkflowTimeout: a job that hangs must not hold a runner for GitHub's default
// of six hours.
func TestExampleWorkflowTimeout(t *testing.T) {
	w := loadExample(t)
	if len(w.Jobs) == 0 {
		t.Fatal("no jobs in the example workflow")
	}
	for name, job := range w.Jobs {
		if job.TimeoutMinutes <= 0 || job.TimeoutMinutes > 60 {
			t.Errorf("job %s: timeout-minutes %d, want 1 to 60", name, job.TimeoutMinutes)
		}
	}
}

// gitRepo makes a repository with two commits: a README, then the files (name -> content)
// and symbolic links (name -> target) a pull request adds. It returns the work tree.
func gitRepo(t *testing.T, files, links map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(baseEnv(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	git("init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "-A")
	git("commit", "-q", "-m", "pull request")
	return dir
}

// runExampleStep runs the example workflow's step with id in repo, with GitHub's default
// shell for run: on Linux (bash -e), and returns its exit code, log and outputs.
func runExampleStep(t *testing.T, id, repo string) (int, string, map[string]string) {
	t.Helper()
	var step *actionStep
	for _, job := range loadExample(t).Jobs {
		for i := range job.Steps {
			if job.Steps[i].ID == id {
				step = &job.Steps[i]
			}
		}
	}
	if step == nil || step.Run == "" {
		t.Fatalf("the example workflow has no run: step with id %s", id)
	}
	temp := t.TempDir()
	script, out := filepath.Join(temp, "step.sh"), filepath.Join(temp, "output")
	if err := os.WriteFile(script, []byte(step.Run), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(baseEnv(), "RUNNER_TEMP="+temp, "GITHUB_OUTPUT="+out, "GITHUB_WORKSPACE="+repo)
	for k, v := range step.Env {
		if strings.Contains(v, "${{") {
			t.Fatalf("step %s: env %s=%q: this test does not evaluate expressions", id, k, v)
		}
		env = append(env, k+"="+v)
	}
	cmd := exec.Command("bash", "-e", script)
	cmd.Dir, cmd.Env = repo, env
	var log logBuffer
	cmd.Stdout, cmd.Stderr = log.tee(io.Discard), log.tee(io.Discard)
	code := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatal(err)
		}
		code = exit.ExitCode()
	}
	outputs, err := readOutputs(out)
	if err != nil {
		t.Fatal(err)
	}
	return code, log.String(), outputs
}

// testExampleChangedStep: the example workflow's "Find the changed postings" step reads the
// names git lists whole, passes each as one line of the Action's paths input (and so as one
// path), never prints a name raw, and fails on a name that cannot be passed on (issue 14,
// item 11).
func testExampleChangedStep(t *testing.T, r *runner) {
	if runtime.GOOS == "windows" {
		t.Skip("names with newlines")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	posting, err := os.ReadFile(filepath.Join("testdata", "action", "postings", "po-title-pm-body.md"))
	if err != nil {
		t.Fatal(err)
	}
	// noCommand fails when a name became a workflow command or a raw line of the log
	noCommand := func(t *testing.T, log string) []string {
		t.Helper()
		cmds, stopped := workflowCommands(log)
		if stopped != "" {
			t.Errorf("commands still stopped by %q at the end of the step", stopped)
		}
		for _, c := range cmds {
			if !strings.HasPrefix(c, "::error title=jdlint::") && !strings.HasPrefix(c, "::notice title=jdlint::") &&
				!strings.HasPrefix(c, "::stop-commands::names-") {
				t.Errorf("a name became a workflow command: %q\nlog:\n%s", c, log)
			}
		}
		for _, line := range strings.Split(log, "\n") {
			if strings.TrimSpace(line) == "/etc/hostname" || strings.ContainsAny(line, "\x1b\t\r") {
				t.Errorf("a raw name reached the log: %q\nlog:\n%s", line, log)
			}
		}
		return cmds
	}

	t.Run("names passed on whole", func(t *testing.T) {
		names := []string{
			"careers/po.md",
			"careers/::warning::x.md",
			"careers/--output=markdown=README.md",
			"careers/$(touch pwned).md",
			"careers/senior product owner.md",
			"careers/Produktinhaber München.md",
		}
		files := map[string]string{}
		for _, n := range names {
			files[n] = string(posting)
		}
		// Markdown outside the postings folder is not a posting (issue 13 item 15)
		others := map[string]string{"CHANGELOG.md": "# Changes\n", "docs/guide.md": string(posting)}
		maps.Copy(others, files)
		repo := gitRepo(t, others, map[string]string{"careers/link.md": "/etc/hostname"})
		code, log, out := runExampleStep(t, "changed", repo)
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, log)
		}
		cmds := noCommand(t, log)
		if !slices.ContainsFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "::notice title=jdlint::1 changed posting") }) {
			t.Errorf("no notice for the symbolic link: %q", cmds)
		}
		got := strings.Split(out["paths"], "\n")
		slices.Sort(got)
		slices.Sort(names)
		if out["count"] != strconv.Itoa(len(names)) || !slices.Equal(got, names) {
			t.Errorf("count=%s paths=%q, want %d names, each one line: %q", out["count"], got, len(names), names)
		}
		if _, err := os.Stat(filepath.Join(repo, "pwned")); err == nil {
			t.Error("a name was run as a command")
		}
		// the Action takes each line as one path: every posting linted once, README kept
		res := r.run(t, repo, map[string]string{"paths": out["paths"]}, runOpts{})
		if o := outputsOf(t, res); o["mislabeled"] != len(names) {
			t.Errorf("the Action found %d mislabeled postings, want %d (one per name)\n%s", o["mislabeled"], len(names), res.log)
		}
		if b, _ := os.ReadFile(filepath.Join(repo, "README.md")); string(b) != "keep\n" {
			t.Errorf("README.md was overwritten: %q", b)
		}
	})

	t.Run("names that cannot be one path", func(t *testing.T) {
		for _, name := range []string{
			"careers/x\n/etc/hostname\n.md",
			"careers/\x1b]0;pwned\x07.md",
			// (a blank at either end of a name, which the Action would trim, cannot match
			// the example's careers/*.md pathspecs)
			"careers/tab\t.md",
			"careers/cr\r.md",
		} {
			repo := gitRepo(t, map[string]string{"careers/po.md": string(posting), name: string(posting)}, nil)
			code, log, out := runExampleStep(t, "changed", repo)
			if code == 0 {
				t.Errorf("%q: exit 0, want the step to fail", name)
			}
			cmds := noCommand(t, log)
			if !slices.ContainsFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "::error title=jdlint::1 changed posting") }) {
				t.Errorf("%q: no error annotation: %q", name, cmds)
			}
			if strings.Contains(out["paths"], "hostname") || strings.Contains(out["paths"], "\x1b") {
				t.Errorf("%q: paths output %q", name, out["paths"])
			}
		}
	})
}

// TestPreCommitHookEndsFlags: pre-commit runs the hook's entry, its args and the staged file
// names; a staged file named like a flag must be linted, not read as a flag (issue 14,
// item 11).
func TestPreCommitHookEndsFlags(t *testing.T) {
	b, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID    string   `yaml:"id"`
		Entry string   `yaml:"entry"`
		Args  []string `yaml:"args"`
	}
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "jdlint" {
		t.Fatalf("hooks %+v, want one hook, jdlint", hooks)
	}
	posting, err := os.ReadFile(filepath.Join("testdata", "action", "postings", "po-title-pm-body.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	staged := []string{"--output=markdown=README.md", "-q", "posting.md"}
	for _, name := range staged {
		if err := os.WriteFile(filepath.Join(dir, name), posting, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	// pre-commit: shlex.split(entry) + args + file names
	args := append(append(strings.Fields(hooks[0].Entry), hooks[0].Args...), staged...)
	if args[0] != "jdlint" {
		t.Fatalf("entry %q, want jdlint", hooks[0].Entry)
	}
	var stdout, stderr bytes.Buffer
	code := app.Main(args, strings.NewReader(""), &stdout, &stderr)
	if b, _ := os.ReadFile("README.md"); string(b) != "keep\n" {
		t.Errorf("a staged file named --output=markdown=README.md overwrote README.md: %.80q", b)
	}
	if code != app.ExitFindings {
		t.Errorf("exit %d, want %d (every staged posting is mislabeled)\n%s", code, app.ExitFindings, stderr.String())
	}
	for _, name := range staged {
		if !strings.Contains(stdout.String(), name+"\n") {
			t.Errorf("%s was not linted:\n%s", name, stdout.String())
		}
	}
}

// unsafeFixes counts the unsafe fixes jdlint proposes for the postings in dir.
func unsafeFixes(t *testing.T, bin, dir string) int {
	t.Helper()
	cmd := exec.Command(bin, "--format", "json", "--fail-level", "none", dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	var rep struct {
		Files []struct {
			Findings []struct {
				Fix *struct {
					Safe bool `json:"safe"`
				} `json:"fix"`
			} `json:"findings"`
		} `json:"files"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range rep.Files {
		for _, fd := range f.Findings {
			if fd.Fix != nil && !fd.Fix.Safe {
				n++
			}
		}
	}
	return n
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// pathWithout returns a PATH whose folders hold links to every program on PATH but name.
func pathWithout(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Name() == name || e.IsDir() {
				continue
			}
			link := filepath.Join(dir, e.Name())
			if _, err := os.Lstat(link); err == nil {
				continue // an earlier PATH folder wins
			}
			if err := os.Symlink(filepath.Join(d, e.Name()), link); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := exec.LookPath(filepath.Join(dir, name)); err == nil {
		t.Fatalf("%s still on the stripped PATH", name)
	}
	return dir
}
