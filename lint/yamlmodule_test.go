package lint

import (
	"os/exec"
	"strings"
	"testing"
)

// TestYAMLModule: config files (and front matter) are decoded with go.yaml.in/yaml/v3, the
// maintained successor of the archived gopkg.in/yaml.v3, which no package of jdlint, tests
// included, may import. TestConfigErrors and TestConfigAliasBombBounded check that the
// switch kept the line and column of errors and the alias budget.
func TestYAMLModule(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-test", "github.com/jdlint/jdlint/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := strings.Fields(string(out))
	has := func(p string) bool {
		for _, q := range pkgs {
			if q == p {
				return true
			}
		}
		return false
	}
	if has("gopkg.in/yaml.v3") {
		t.Error("gopkg.in/yaml.v3 is imported: it is archived; use go.yaml.in/yaml/v3")
	}
	if !has("go.yaml.in/yaml/v3") {
		t.Error("go.yaml.in/yaml/v3 is not imported")
	}
}
