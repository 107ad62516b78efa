package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("bad.json", []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	noEnv := func(string) string { return "" }
	tests := []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{nil, 2, "", "usage: jdlint-github suggest REPORT.json"},
		{[]string{"github-suggest", "r.json"}, 2, "", `unknown command "github-suggest"`},
		{[]string{"--version"}, 0, "jdlint-github version dev\n", ""},
		{[]string{"--help"}, 0, "usage: jdlint-github suggest REPORT.json", ""},
		// suggest hands its arguments to internal/suggest, which checks them
		{[]string{"suggest"}, 2, "", "usage: jdlint-github suggest REPORT.json"},
		{[]string{"suggest", filepath.Join("no", "such.json")}, 2, "", "jdlint-github suggest: open no"},
		{[]string{"suggest", "bad.json"}, 2, "", "jdlint-github suggest: "},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut strings.Builder
			code := run(tt.args, noEnv, &out, &errOut)
			if code != tt.code || !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errOut.String(), tt.errs) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q in stdout, %q in stderr", code, out.String(), errOut.String(), tt.code, tt.stdout, tt.errs)
			}
			if tt.errs == "" && errOut.Len() != 0 {
				t.Errorf("stderr %q, want nothing", errOut.String())
			}
		})
	}
}
