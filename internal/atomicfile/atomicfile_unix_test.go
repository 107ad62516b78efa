//go:build unix

package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestWriteFileUmask: a new file gets 0666 less the umask; before, every report was 0600.
func TestWriteFileUmask(t *testing.T) {
	dir := t.TempDir()
	for _, mask := range []int{0o022, 0o002, 0o077, 0o027} {
		old := syscall.Umask(mask)
		p := filepath.Join(dir, fmt.Sprintf("report-%o.json", mask))
		err := WriteFile(p, []byte("{}"))
		c := filepath.Join(dir, fmt.Sprintf("created-%o.yml", mask))
		cerr := Create(c, []byte("x"))
		syscall.Umask(old)
		if err != nil || cerr != nil {
			t.Fatal(err, cerr)
		}
		want := fs.FileMode(0o666 &^ mask)
		if got := mode(t, p).Perm(); got != want {
			t.Errorf("umask %03o: new report is %v, want %v", mask, got, want)
		}
		if got := mode(t, c).Perm(); got != want {
			t.Errorf("umask %03o: created file is %v, want %v", mask, got, want)
		}
	}
	noTemps(t, dir)
}

// TestWriteFileDevice: a null device is written in place, never replaced by a regular file
// (run as root, the rename used to replace /dev/null), and Replace refuses it.
func TestWriteFileDevice(t *testing.T) {
	null := nullDevice(t)
	if err := WriteFile(null, []byte("report\n")); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, null); m&fs.ModeCharDevice == 0 {
		t.Fatalf("the device is now %v", m)
	}
	// a link to it is written through, in place
	link := filepath.Join(t.TempDir(), "null.json")
	if err := os.Symlink(null, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("report\n")); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, null); m&fs.ModeCharDevice == 0 {
		t.Fatalf("the device is now %v", m)
	}
	if mode(t, link)&fs.ModeSymlink == 0 {
		t.Error("the link to the device was replaced")
	}
	if err := Replace(null, nil, []byte("x")); err == nil {
		t.Error("Replace of a device succeeded")
	}
	if m := mode(t, null); m&fs.ModeCharDevice == 0 {
		t.Fatalf("the device is now %v", m)
	}
}

// TestWriteFileFIFO: a named pipe is written in place, not replaced.
func TestWriteFileFIFO(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(p)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if err := WriteFile(p, []byte("report\n")); err != nil {
		t.Fatal(err)
	}
	if b := <-got; string(b) != "report\n" {
		t.Errorf("the pipe's reader got %q", b)
	}
	if m := mode(t, p); m&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO is now %v", m)
	}
	noTemps(t, dir)
}

// TestWriteFileDescriptor: /proc/self/fd/N (what /dev/stdout leads to) is written in
// place, after what the descriptor's file already holds; the file it names is not replaced.
func TestWriteFileDescriptor(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/self/fd is Linux's")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "stdout.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("text report\n"); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile("/proc/self/fd/"+strconv.Itoa(int(f.Fd())), []byte("json report\n")); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Error("the file behind the descriptor was replaced")
	}
	if s := readString(t, p); s != "text report\njson report\n" {
		t.Errorf("file holds %q", s)
	}
	noTemps(t, dir)
}

// TestCatchSignals: SIGINT or SIGTERM during a write removes its temporary file and ends
// the process with the signal. The write runs in a child process (this test binary), held
// by the test hook right before it commits; before CatchSignals the temporary file stayed.
func TestCatchSignals(t *testing.T) {
	if dir := os.Getenv("ATOMICFILE_SIGNAL_CHILD"); dir != "" {
		signalChild(dir)
		return
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "a.md")
			if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestCatchSignals$")
			cmd.Env = append(os.Environ(), "ATOMICFILE_SIGNAL_CHILD="+dir)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := filepath.Join(dir, "ready")
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
				if _, err := os.Stat(ready); err == nil {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("the child never reached the write:\n%s", out.String())
				}
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("child: %v\n%s", err, out.String())
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("child ended with %v, want killed by %v\n%s", err, sig, out.String())
			}
			if s := readString(t, p); s != "old" {
				t.Errorf("interrupted write changed the file: %q", s)
			}
			noTemps(t, dir)
		})
	}
}

// signalChild replaces dir/a.md, stopping before the commit until it is killed.
func signalChild(dir string) {
	stop := CatchSignals()
	defer stop()
	SetTestHook(func(string) {
		os.WriteFile(filepath.Join(dir, "ready"), nil, 0o644)
		time.Sleep(time.Minute)
	})
	err := Replace(filepath.Join(dir, "a.md"), []byte("old"), []byte("fixed"))
	fmt.Println("the write was not interrupted:", err)
	os.Exit(3)
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
