package app

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestNormalizeArgs: flags after paths move before them, short names become long ones,
// values are joined to their flag (even when they start with a dash), and "--" keeps
// dash-led paths as paths.
func TestNormalizeArgs(t *testing.T) {
	code := 0
	a := newCLI(nil, &bytes.Buffer{}, &bytes.Buffer{}, &code)
	for _, tc := range []struct {
		in, want string
	}{
		{"a.md --format line", "--format=line a.md"},
		{"-o json=r.json a.md --output line=-", "--output=json=r.json --output=line=- a.md"},
		{"a.md -j -3", "--jobs=-3 a.md"},
		{"--fix=false a.md -q", "--fix=false --quiet a.md"},
		{"- --stdin-filename x.txt", "--stdin-filename=x.txt -"},
		{"-f line -- -dash.md --not-a-flag.md", "--format=line -- -dash.md --not-a-flag.md"},
		{"--no-color tag a.md --no-config", "--no-color tag --no-config a.md"},
		{"rules", "rules"},
		{"explain role-blended -h", "explain --help role-blended"},
		{"--version", "--version"},
	} {
		got, err := normalizeArgs(append([]string{"jdlint"}, strings.Fields(tc.in)...), a.Flags, a.Commands)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if want := append([]string{"jdlint"}, strings.Fields(tc.want)...); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", tc.in, got, want)
		}
	}
	for in, want := range map[string]string{
		"--bogus a.md":        "unknown flag --bogus",
		"a.md --bogus=1":      "unknown flag --bogus",
		"a.md ---format line": "unknown flag ---format",
		"a.md --format":       "--format needs a value",
		"tag --bogus a.md":    "tag: unknown flag --bogus",
	} {
		_, err := normalizeArgs(append([]string{"jdlint"}, strings.Fields(in)...), a.Flags, a.Commands)
		var ue UsageError
		if !errors.As(err, &ue) || err.Error() != want {
			t.Errorf("%q: err %v, want usage error %q", in, err, want)
		}
	}
}
