// Command releasecheck checks jdlint's .goreleaser.yaml without building GoReleaser: it loads
// the file strictly with GoReleaser's own configuration package (an unknown or misspelt key,
// a wrong type or a version other than 2 is an error, as in `goreleaser check`), then checks
// what the Action and the release workflow rely on: the two binaries (jdlint, and
// jdlint-github for suggested changes) in every archive, the six platforms, the archive and
// checksum names the Action downloads, and the version stamped into `jdlint --version` and
// `jdlint-github --version`.
//
// It is its own module, so that GoReleaser's dependencies stay out of jdlint's go.mod.
// .ci/run runs it:
//
//	cd internal/tools/releasecheck && go run . ../../../.goreleaser.yaml
//
// Building all of GoReleaser to run `goreleaser check` took over 15 minutes on a bare 2-core
// machine; this builds in about two. GoReleaser's defaults and template checks live in its
// internal packages, which no other module can import: the release workflow still runs the
// real `goreleaser release`, which applies them.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/goreleaser/goreleaser/v2/pkg/config"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: releasecheck .goreleaser.yaml")
		os.Exit(2)
	}
	if err := checkFile(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "releasecheck: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("releasecheck: %s is valid\n", os.Args[1])
}

func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open GoReleaser config: %w", err)
	}
	defer f.Close()
	if err := check(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// These are what action.yml and the release workflow depend on.
const (
	// archiveName is the archive name the Action downloads:
	// jdlint_1.2.3_linux_amd64.tar.gz, jdlint_1.2.3_windows_arm64.zip.
	archiveName = "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}"
	// checksums is the file the Action verifies each archive against.
	checksums = "checksums.txt"
)

// wantBuild is a binary every archive holds: the Action unpacks both by name.
type wantBuild struct {
	id, main, binary string
	// versionFlag stamps the tag into `BINARY --version` (TestReleaseVersionStamp builds
	// with it)
	versionFlag string
}

var wantBuilds = []wantBuild{
	{"jdlint", ".", "jdlint", "-X github.com/jdlint/jdlint/internal/app.Version=v{{ .Version }}"},
	{"jdlint-github", "./cmd/jdlint-github", "jdlint-github", "-X main.version=v{{ .Version }}"},
}

var (
	wantGOOS   = []string{"darwin", "linux", "windows"}
	wantGOARCH = []string{"amd64", "arm64"}
)

// check loads a GoReleaser configuration strictly and checks it against what jdlint's
// release workflow and Action need.
func check(r io.Reader) error {
	p, err := config.LoadReader(r)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if p.Version != 2 {
		bad("version: %d, want 2", p.Version)
	}
	if p.ProjectName != "jdlint" {
		bad("project_name: %q, want jdlint (the archives' names start with it)", p.ProjectName)
	}
	if len(p.Builds) != len(wantBuilds) {
		bad("builds: %d, want %d (jdlint and jdlint-github)", len(p.Builds), len(wantBuilds))
	}
	var ids []string
	for _, w := range wantBuilds {
		i := slices.IndexFunc(p.Builds, func(b config.Build) bool { return b.ID == w.id })
		if i < 0 {
			bad("builds: no build with id %s (binary %s)", w.id, w.binary)
			continue
		}
		ids = append(ids, w.id)
		b := p.Builds[i]
		if b.Main != w.main || b.Binary != w.binary {
			bad("builds[%d] (%s): main %q, binary %q; want %q, %q", i, w.id, b.Main, b.Binary, w.main, w.binary)
		}
		if !sameSet(b.Goos, wantGOOS) {
			bad("builds[%d].goos: %v, want %v", i, b.Goos, wantGOOS)
		}
		if !sameSet(b.Goarch, wantGOARCH) {
			bad("builds[%d].goarch: %v, want %v", i, b.Goarch, wantGOARCH)
		}
		if len(b.Ignore) > 0 || len(b.Targets) > 0 {
			bad("builds[%d]: ignore or targets would drop a platform the Action downloads", i)
		}
		if !slices.ContainsFunc(b.Ldflags, func(f string) bool { return strings.Contains(f, w.versionFlag) }) {
			bad("builds[%d].ldflags: %q, want %s", i, b.Ldflags, w.versionFlag)
		}
		if !slices.Contains(b.Env, "CGO_ENABLED=0") {
			bad("builds[%d].env: want CGO_ENABLED=0 (cross-compiled static binaries)", i)
		}
	}
	if len(p.Archives) != 1 {
		bad("archives: %d, want one", len(p.Archives))
	} else {
		a := p.Archives[0]
		if a.NameTemplate != archiveName {
			bad("archives[0].name_template: %q, want %q (the Action downloads that name)", a.NameTemplate, archiveName)
		}
		if !slices.Equal([]string(a.Formats), []string{"tar.gz"}) {
			bad("archives[0].formats: %v, want [tar.gz]", a.Formats)
		}
		if a.WrapInDirectory != "" && a.WrapInDirectory != "false" {
			bad("archives[0].wrap_in_directory: the Action expects jdlint at the archive's top level")
		}
		// no ids (the deprecated builds: too) puts every build in the archive
		in := a.IDs
		if len(in) == 0 {
			in = a.Builds
		}
		for _, id := range ids {
			if len(in) > 0 && !slices.Contains(in, id) {
				bad("archives[0].ids: %v, want %s in it (the Action unpacks every binary)", in, id)
			}
		}
		if a.Meta {
			bad("archives[0].meta: a meta archive holds no binaries")
		}
		windowsZip := false
		for _, o := range a.FormatOverrides {
			if o.Goos == "windows" && slices.Equal([]string(o.Formats), []string{"zip"}) {
				windowsZip = true
			} else {
				bad("archives[0].format_overrides: %s %v; want only windows [zip]", o.Goos, o.Formats)
			}
		}
		if !windowsZip {
			bad("archives[0].format_overrides: want windows [zip]")
		}
	}
	if p.Checksum.Disable || p.Checksum.NameTemplate != checksums || p.Checksum.Algorithm != "sha256" || p.Checksum.Split {
		bad("checksum: want one %s with sha256 (the Action verifies archives against it)", checksums)
	}
	if p.Release.Disable == "true" || p.Release.Prerelease != "auto" {
		bad("release: want it enabled with prerelease: auto (v1.2.3-rc.1 is a pre-release)")
	}
	return errors.Join(errs...)
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
