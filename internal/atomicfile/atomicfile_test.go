package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// noTemps fails when a temporary file is left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(e.Name(), ".jdlint-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteFileKeepsMode: a replaced file keeps its mode; before, every report became 0600.
func TestWriteFileKeepsMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	for _, perm := range []fs.FileMode{0o644, 0o640, 0o664, 0o600} {
		p := filepath.Join(dir, "report.json")
		if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, perm); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(p, []byte("new")); err != nil {
			t.Fatal(err)
		}
		if got := mode(t, p).Perm(); got != perm {
			t.Errorf("a %v report became %v", perm, got)
		}
		if s := readString(t, p); s != "new" {
			t.Errorf("report holds %q", s)
		}
	}
	noTemps(t, dir)
}

// TestWriteFileReadOnly: a read-only file is refused (root included), not replaced.
func TestWriteFileReadOnly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "baseline.json")
	if err := os.WriteFile(p, []byte("accepted"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only file: %v, want ErrReadOnly", err)
	}
	if err := Replace(p, []byte("accepted"), []byte("new")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Replace of a read-only file: %v, want ErrReadOnly", err)
	}
	if s := readString(t, p); s != "accepted" {
		t.Errorf("read-only file rewritten: %q", s)
	}
	noTemps(t, dir)
}

// TestWriteFileSymlink: a symlinked report path is written through to its target, which
// is created when missing; the link stays a link.
func TestWriteFileSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "real", "report.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.json")
	if err := os.Symlink(filepath.Join("real", "report.json"), link); err != nil {
		t.Skip("no symlinks:", err)
	}
	// a link to a link
	link2 := filepath.Join(dir, "latest.json")
	if err := os.Symlink("report.json", link2); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link2, []byte("new")); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, link2} {
		if mode(t, l)&fs.ModeSymlink == 0 {
			t.Errorf("%s was replaced by a regular file", filepath.Base(l))
		}
	}
	if s := readString(t, target); s != "new" {
		t.Errorf("target holds %q", s)
	}
	// a dangling link: the target is created, as a shell's > creates it
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join("real", "new.json"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, []byte("created")); err != nil {
		t.Fatal(err)
	}
	if mode(t, dangling)&fs.ModeSymlink == 0 {
		t.Errorf("the dangling link was replaced by a regular file")
	}
	if s := readString(t, filepath.Join(dir, "real", "new.json")); s != "created" {
		t.Errorf("link target holds %q", s)
	}
	noTemps(t, dir)
	noTemps(t, filepath.Join(dir, "real"))
}

// TestWriteFileLoop: a symlink loop is an error, not a hang.
func TestWriteFileLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Symlink("b", a); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink("a", b); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(a, []byte("x")); err == nil {
		t.Error("a symlink loop was written")
	}
	if mode(t, a)&fs.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

// TestWriteFileFolder: a folder is refused.
func TestWriteFileFolder(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{dir, dir + "/", filepath.Join(dir, ".")} {
		if err := WriteFile(p, []byte("x")); !errors.Is(err, ErrFolder) {
			t.Errorf("WriteFile(%q): %v, want ErrFolder", p, err)
		}
	}
	noTemps(t, filepath.Dir(dir))
}

// TestCreate: Create writes a new file and refuses anything already there, a dangling
// symlink included.
func TestCreate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".jdlint.yml")
	if err := Create(p, []byte("rules: {}\n")); err != nil {
		t.Fatal(err)
	}
	if s := readString(t, p); s != "rules: {}\n" {
		t.Errorf("created file holds %q", s)
	}
	if err := Create(p, []byte("other")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over a file: %v, want fs.ErrExist", err)
	}
	if s := readString(t, p); s != "rules: {}\n" {
		t.Errorf("existing file overwritten: %q", s)
	}
	dangling := filepath.Join(dir, "link.yml")
	if err := os.Symlink("missing.yml", dangling); err == nil {
		if err := Create(dangling, []byte("x")); !errors.Is(err, fs.ErrExist) {
			t.Errorf("Create over a dangling link: %v, want fs.ErrExist", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "missing.yml")); err == nil {
			t.Error("Create wrote through a dangling link")
		}
	}
	noTemps(t, dir)
}

// TestAppend: Append adds to a file and creates a missing one; WriteFile never appends,
// whatever the file is called.
func TestAppend(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "step_summary")
	if err := Append(p, []byte("one\n")); err != nil {
		t.Fatal(err)
	}
	if err := Append(p, []byte("two\n")); err != nil {
		t.Fatal(err)
	}
	if s := readString(t, p); s != "one\ntwo\n" {
		t.Errorf("appended file holds %q", s)
	}
	if err := WriteFile(p, []byte("three\n")); err != nil {
		t.Fatal(err)
	}
	if s := readString(t, p); s != "three\n" {
		t.Errorf("WriteFile on a file named step_summary: %q, want it replaced", s)
	}
	if err := Append(dir, []byte("x")); !errors.Is(err, ErrFolder) {
		t.Errorf("Append to a folder: %v", err)
	}
}

// TestReplace: Replace refuses a file that changed since it was read, and one that is not
// a regular file.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Replace(p, []byte("stale"), []byte("new")); !errors.Is(err, ErrChanged) {
		t.Errorf("stale Replace: %v, want ErrChanged", err)
	}
	if err := Replace(p, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	if s := readString(t, p); s != "new" {
		t.Errorf("replaced file holds %q", s)
	}
	if runtime.GOOS != "windows" {
		if m := mode(t, p).Perm(); m != 0o640 {
			t.Errorf("mode %v, want 0640", m)
		}
	}
	if err := Replace(dir, nil, []byte("x")); err == nil {
		t.Error("Replace of a folder succeeded")
	}
	noTemps(t, dir)
}

// TestReplaceKeepsLateEdit: an edit another program makes after the last comparison and
// before the rename is kept, and Replace says the file changed. Before the exchange, the
// rename replaced the edited file without a word.
func TestReplaceKeepsLateEdit(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux exchanges two files atomically")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	SetTestHook(func(string) {
		// another program's editor saves in place, right before the rename
		if err := os.WriteFile(p, []byte("edited by hand"), 0o644); err != nil {
			t.Error(err)
		}
	})
	defer SetTestHook(nil)
	err := Replace(p, []byte("old"), []byte("fixed"))
	if !errors.Is(err, ErrChanged) {
		t.Errorf("Replace over a late edit: %v, want ErrChanged", err)
	}
	if s := readString(t, p); s != "edited by hand" {
		t.Errorf("the late edit was lost: file holds %q", s)
	}
	noTemps(t, dir)

	// an edit that replaces the file (as most editors save) is kept too
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	SetTestHook(func(string) {
		tmp := filepath.Join(dir, "editor.tmp")
		if err := os.WriteFile(tmp, []byte("saved by an editor"), 0o644); err != nil {
			t.Error(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Error(err)
		}
	})
	if err := Replace(p, []byte("old"), []byte("fixed")); !errors.Is(err, ErrChanged) {
		t.Errorf("Replace over a late save: %v, want ErrChanged", err)
	}
	if s := readString(t, p); s != "saved by an editor" {
		t.Errorf("the late save was lost: file holds %q", s)
	}
	noTemps(t, dir)
}
