package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

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
