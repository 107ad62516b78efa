package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"go.yaml.in/yaml/v3"

	"github.com/jdlint/jdlint/internal/app"
)

// TestMain lets testscript scripts run jdlint as a command in the same binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"jdlint": func() { os.Exit(app.Main(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestCLI runs the end-to-end scripts in testdata/script: real output and exit codes of the
// command, including bad input. $POSTS is the labeled corpus.
func TestCLI(t *testing.T) {
	posts, err := filepath.Abs(filepath.Join("testdata", "job_posts"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("POSTS", posts)
			env.Setenv("NO_COLOR", "1")
			// txtar cannot hold a NUL byte
			return os.WriteFile(filepath.Join(env.WorkDir, "binary.md"), []byte("bin\x00ary\n"), 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits},
	})
}

// exits N PROG [ARGS...] runs PROG like exec and fails unless it exits with status N, so
// that a script tells exit 1 (findings) from exit 2 (usage, config or I/O errors).
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// TestReleaseVersionStamp builds jdlint and jdlint-github with the flags of .goreleaser.yaml,
// as a release does for tag v1.2.3, and checks that `BINARY --version` prints that version.
func TestReleaseVersionStamp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds jdlint")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			Main    string   `yaml:"main"`
			Binary  string   `yaml:"binary"`
			Flags   []string `yaml:"flags"`
			Ldflags []string `yaml:"ldflags"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	mains := map[string]string{}
	for _, b := range cfg.Builds {
		mains[b.Binary] = b.Main
	}
	if want := map[string]string{"jdlint": ".", "jdlint-github": "./cmd/jdlint-github"}; !mapsEqual(mains, want) {
		t.Fatalf(".goreleaser.yaml: builds (binary: main) %v, want %v", mains, want)
	}
	for _, b := range cfg.Builds {
		t.Run(b.Binary, func(t *testing.T) {
			// GoReleaser's .Version is the tag without its v
			flags := strings.ReplaceAll(strings.Join(b.Ldflags, " "), "{{ .Version }}", "1.2.3")
			if strings.Contains(flags, "{{") {
				t.Fatalf("ldflags %q: a template this test does not fill in", flags)
			}
			bin := filepath.Join(t.TempDir(), b.Binary)
			args := append(append([]string{"build"}, b.Flags...), "-ldflags", flags, "-o", bin, b.Main)
			if out, err := exec.Command(goTool, args...).CombinedOutput(); err != nil {
				t.Fatalf("go %q: %v\n%s", args, err, out)
			}
			out, err := exec.Command(bin, "--version").Output()
			if err != nil {
				t.Fatalf("%s --version: %v", b.Binary, err)
			}
			if got, want := string(out), b.Binary+" version v1.2.3\n"; got != want {
				t.Errorf("%s --version = %q, want %q", b.Binary, got, want)
			}
		})
	}
}

// TestREADMEBuildFromClone: the README says how to build from a fresh clone, and that the
// first build takes a while.
func TestREADMEBuildFromClone(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	_, clone, ok := strings.Cut(readme, "## From a fresh clone")
	if !ok {
		t.Fatal(`README.md has no "From a fresh clone" section`)
	}
	clone, _, _ = strings.Cut(clone, "\n## ")
	for _, want := range []string{"go build -o jdlint .", "about a minute on 2 cores"} {
		if !strings.Contains(clone, want) {
			t.Errorf("README.md, From a fresh clone, does not say %q", want)
		}
	}
}
