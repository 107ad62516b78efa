package main

import (
	"os"
	"strings"
	"testing"
)

// TestCheck: jdlint's own config passes, and each kind of mistake `goreleaser check` or the
// Action would trip over is caught.
func TestCheck(t *testing.T) {
	good, err := os.ReadFile("../../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := check(strings.NewReader(string(good))); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	tests := []struct {
		name     string
		old, new string // a change to the good config
		want     string // in the error
	}{
		{"unknown key", "project_name: jdlint", "project_name: jdlint\nprojekt: x", "projekt"},
		{"wrong type", "binary: jdlint", "binary: [jdlint]", "cannot unmarshal"},
		{"version 1", "version: 2", "version: 1", "version"},
		{"platform missing", "goarch: [amd64, arm64]", "goarch: [amd64]", "goarch"},
		{"archive renamed", `name_template: "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}"`, `name_template: "{{ .ProjectName }}-{{ .Os }}"`, "name_template"},
		{"no version stamp", "-X github.com/jdlint/jdlint/internal/app.Version=v{{ .Version }}", "", "ldflags"},
		{"checksums renamed", "name_template: checksums.txt", "name_template: sums.txt", "checksum"},
		{"windows as tar.gz", "formats: [zip]", "formats: [tar.gz]", "format_overrides"},
		{"no jdlint-github build", "id: jdlint-github", "id: jdlint-gh", "no build with id jdlint-github"},
		{"jdlint-github from jdlint's package", "main: ./cmd/jdlint-github", "main: .", `main ".", binary "jdlint-github"`},
		{"jdlint-github not stamped", "-X main.version=v{{ .Version }}", "", "ldflags"},
		{"jdlint-github not in the archives", "ids: [jdlint, jdlint-github]", "ids: [jdlint]", "archives[0].ids"},
		{"meta archive", "ids: [jdlint, jdlint-github]", "ids: [jdlint, jdlint-github]\n    meta: true", "meta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(good), tt.old) {
				t.Fatalf(".goreleaser.yaml no longer holds %q; update the test", tt.old)
			}
			bad := strings.Replace(string(good), tt.old, tt.new, 1)
			err := check(strings.NewReader(bad))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one naming %q", err, tt.want)
			}
		})
	}
}
