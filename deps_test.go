package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// offline are the packages jdlint must not link: it never uses the network, and linking
// net/http and crypto/tls costs every run some milliseconds of start-up (package init, page
// faults). The Action's suggested changes, which do talk to GitHub, are jdlint-github's
// (cmd/jdlint-github, internal/suggest), which jdlint must not import at all.
var offline = []string{"net", "net/http", "crypto/tls"}

// netOnWindows: on Windows golang.org/x/sys/windows (which golang.org/x/term needs to find a
// terminal) imports net for its socket types, so there net alone may come that way.
const netOnWindows = "golang.org/x/sys/windows"

// TestNoNetwork: jdlint's main package, built for each release platform, imports no
// internal/suggest and reaches none of the offline packages (except net through netOnWindows
// on Windows).
func TestNoNetwork(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		t.Run(goos, func(t *testing.T) {
			cmd := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", ".")
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=0")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list: %v", err)
			}
			imports := map[string][]string{}
			root := ""
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				f := strings.Fields(line)
				imports[f[0]] = f[1:]
				root = f[0] // go list -deps prints the named package last
			}
			if root != "github.com/jdlint/jdlint" {
				t.Fatalf("go list -deps . ended with %q, want jdlint's main package", root)
			}
			if _, ok := imports["github.com/jdlint/jdlint/internal/suggest"]; ok {
				t.Error("jdlint imports internal/suggest: the suggested changes belong to cmd/jdlint-github")
			}
			for _, bad := range offline {
				var skip []string
				if bad == "net" && goos == "windows" {
					skip = []string{netOnWindows}
				}
				if chain := importChain(imports, root, bad, skip); chain != nil {
					t.Errorf("jdlint links %s: %s", bad, strings.Join(chain, " -> "))
				}
			}
		})
	}
}

// importChain returns a shortest chain of imports from root to target that goes through none
// of skip, or nil if there is none.
func importChain(imports map[string][]string, root, target string, skip []string) []string {
	via := map[string]string{root: ""}
	queue := []string{root}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, q := range imports[p] {
			if _, seen := via[q]; seen || slices.Contains(skip, q) {
				continue
			}
			via[q] = p
			if q == target {
				chain := []string{q}
				for p := via[q]; p != ""; p = via[p] {
					chain = append(chain, p)
				}
				slices.Reverse(chain)
				return chain
			}
			queue = append(queue, q)
		}
	}
	return nil
}
