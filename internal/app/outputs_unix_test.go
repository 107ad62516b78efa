//go:build unix

package app

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestOutputModesUnderUmask: new reports, baselines and the starter config get 0666 less
// the umask, as any new file does; they used to be 0600 under every umask.
func TestOutputModesUnderUmask(t *testing.T) {
	posting := filepath.Join("..", "..", "report", "testdata", "mixed", "po-ok.md")
	for _, mask := range []int{0o022, 0o002} {
		dir := t.TempDir()
		old := syscall.Umask(mask)
		var stderr bytes.Buffer
		code := Lint(Options{Paths: []string{posting}, Format: "line", Outputs: []string{"json=" + filepath.Join(dir, "r.json")},
			WriteBaseline: filepath.Join(dir, "baseline.json"), NoConfig: true, Stdout: &bytes.Buffer{}, Stderr: &stderr})
		icode := Init(&bytes.Buffer{}, &stderr, filepath.Join(dir, ".jdlint.yml"))
		syscall.Umask(old)
		if code != ExitClean || icode != ExitClean {
			t.Fatalf("exit %d, init %d: %s", code, icode, stderr.String())
		}
		want := fs.FileMode(0o666 &^ mask)
		for _, name := range []string{"r.json", "baseline.json", ".jdlint.yml"} {
			info, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != want {
				t.Errorf("umask %03o: %s is %v, want %v", mask, name, info.Mode().Perm(), want)
			}
		}
	}
}

// TestOutputDevNull: --output json=/dev/null (and --write-baseline) write into the device;
// run as root they used to replace /dev/null with a regular file. The test writes to a null
// device of its own when it runs as root (see nullDevice).
func TestOutputDevNull(t *testing.T) {
	posting := filepath.Join("..", "..", "report", "testdata", "mixed", "po-ok.md")
	null := nullDevice(t)
	var stderr bytes.Buffer
	if code := Lint(Options{Paths: []string{posting}, Format: "line", Outputs: []string{"json=" + null},
		WriteBaseline: null, NoConfig: true, Stdout: &bytes.Buffer{}, Stderr: &stderr}); code != ExitClean {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	info, err := os.Lstat(null)
	if err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("the null device is now %v (%v)", info.Mode(), err)
	}
}

// TestInitRefusesDanglingLink: init creates .jdlint.yml only where nothing is, a dangling
// symlink included (it used to write through it, after a Stat that said nothing was there).
func TestInitRefusesDanglingLink(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".jdlint.yml")
	if err := os.Symlink(filepath.Join(dir, "elsewhere.yml"), p); err != nil {
		t.Skip(err)
	}
	var stderr bytes.Buffer
	if code := Init(&bytes.Buffer{}, &stderr, p); code != ExitError || !strings.Contains(stderr.String(), "already exists") {
		t.Errorf("init over a dangling link: exit %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "elsewhere.yml")); err == nil {
		t.Error("init wrote through the dangling link")
	}
}

// nullDevice returns a null device to write reports to: a node made in a temporary folder
// where the system lets the test make one (root on Linux), else /dev/null when the test
// cannot replace it (not root). Run as root, the test never points a writer at the real
// /dev/null: a regression would replace it for every process on the machine.
func nullDevice(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "linux" {
		p := filepath.Join(t.TempDir(), "null")
		if err := unix.Mknod(p, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err == nil {
			if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
				f.Close()
				return p
			}
		}
	}
	if os.Geteuid() != 0 {
		return os.DevNull
	}
	t.Skip("no null device this test may write to")
	return ""
}
