package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript scripts run jdlint as a command in the same binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"jdlint": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
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
	})
}
