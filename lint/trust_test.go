package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/jdlint/jdlint/rules"
)

// foreignUID is a user id that is neither the test's nor root's.
func foreignUID() int {
	if os.Geteuid() == 4242 {
		return 4243
	}
	return 4242
}

// injectOwner makes the config files whose path ends in one of suffixes look owned by uid,
// for the rest of the test (see ownerFault).
func injectOwner(t *testing.T, uid int, suffixes ...string) {
	f := func(path string) (int, bool) {
		for _, s := range suffixes {
			if strings.HasSuffix(filepath.ToSlash(path), s) {
				return uid, true
			}
		}
		return os.Geteuid(), runtime.GOOS != "windows"
	}
	ownerFault.Store(&f)
	t.Cleanup(func() { ownerFault.Store(nil) })
}

// TestConfigOwnedByAnotherUser: a .jdlint.yml another user owns (not root) is passed over,
// said once through Warn, and the lookup goes on upward, as git ignores a repository
// another user owns (CVE-2022-24765); it used to apply silently. The owner is injected, so
// the test runs as any user; as root, TestConfigOwnedByAnotherUserChown does it for real.
func TestConfigOwnedByAnotherUser(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		"repo/.git/":                 "",
		"repo/.jdlint.yml":           "rules:\n  role-blended: off\n",
		"repo/shared/.jdlint.yml":    "rules:\n  role-mislabeled: off\n  title-missing: off\n",
		"repo/shared/a.md":           posting,
		"repo/shared/sub/b.md":       posting,
		"repo/rootowned/.jdlint.yml": "rules:\n  title-missing: info\n",
		"repo/rootowned/c.md":        posting,
	})
	injectOwner(t, foreignUID(), "repo/shared/.jdlint.yml")
	c := newSource(t, "", rules.Config{})
	var mu sync.Mutex
	var warnings []string
	c.Warn = func(msg string) {
		mu.Lock()
		warnings = append(warnings, msg)
		mu.Unlock()
	}
	for _, p := range []string{"repo/shared/a.md", "repo/shared/sub/b.md", "repo/shared/a.md"} {
		_, rc, err := c.Configure(filepath.Join(top, p))
		if err != nil {
			t.Fatal(err)
		}
		if sev, ok := rc.Severity["role-mislabeled"]; ok {
			t.Errorf("%s: the other user's config applies (role-mislabeled %v)", p, sev)
		}
		if sev := rc.Severity["role-blended"]; sev != rules.Off {
			t.Errorf("%s: the repository's own config does not apply (role-blended %v)", p, sev)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], filepath.Join("shared", ".jdlint.yml")) ||
		!strings.Contains(warnings[0], "owned by") || !strings.Contains(warnings[0], "--config") {
		t.Errorf("warnings = %q; want one naming the file, its owner and --config", warnings)
	}
	// a file root owns is trusted
	injectOwner(t, 0, "repo/rootowned/.jdlint.yml")
	c = newSource(t, "", rules.Config{})
	if _, rc, err := c.Configure(filepath.Join(top, "repo/rootowned/c.md")); err != nil || rc.Severity["title-missing"] != rules.Info {
		t.Errorf("a root-owned config does not apply: %v %v", rc.Severity, err)
	}
	// a file named with --config is the user's choice, whoever owns it
	injectOwner(t, foreignUID(), "repo/shared/.jdlint.yml")
	c = newSource(t, filepath.Join(top, "repo/shared/.jdlint.yml"), rules.Config{})
	if _, rc, err := c.Configure(filepath.Join(top, "repo/shared/a.md")); err != nil || rc.Severity["role-mislabeled"] != rules.Off {
		t.Errorf("--config of another user's file does not apply: %v %v", rc.Severity, err)
	}
}

// TestConfigOwnedByAnotherUserChown: the same with a real owner, where the test may chown.
func TestConfigOwnedByAnotherUserChown(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() != 0 {
		t.Skip("chown needs root; TestConfigOwnedByAnotherUser injects the owner instead")
	}
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		".git/":              "",
		"shared/.jdlint.yml": "rules:\n  role-mislabeled: off\n",
		"shared/a.md":        posting,
	})
	if err := os.Chown(filepath.Join(top, "shared", ".jdlint.yml"), foreignUID(), foreignUID()); err != nil {
		t.Skip(err)
	}
	t.Setenv("SUDO_UID", "")
	c := newSource(t, "", rules.Config{})
	var warned int
	c.Warn = func(string) { warned++ }
	_, rc, err := c.Configure(filepath.Join(top, "shared", "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rc.Severity["role-mislabeled"]; ok || warned != 1 {
		t.Errorf("another user's config applies (%v) or is not named once (%d)", rc.Severity, warned)
	}
	// run through sudo by that user, it is theirs
	t.Setenv("SUDO_UID", fmt.Sprint(foreignUID()))
	c = newSource(t, "", rules.Config{})
	if _, rc, err := c.Configure(filepath.Join(top, "shared", "a.md")); err != nil || rc.Severity["role-mislabeled"] != rules.Off {
		t.Errorf("with SUDO_UID of the owner, the config does not apply: %v %v", rc.Severity, err)
	}
}
