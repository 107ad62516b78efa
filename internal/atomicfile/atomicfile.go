// Package atomicfile writes the files jdlint writes (fixed postings, reports, baselines and
// the starter config) so that a reader sees the old file or the new one, never half of one,
// and so that writing never changes what a path is:
//
//   - a missing file is created with mode 0666 less the umask, as a shell redirection
//     creates one;
//   - a regular file is replaced: the new text goes to a temporary file in the same folder,
//     which gets the old file's mode (and, run as root, its owner), is synced and renamed
//     over it; a read-only file is refused;
//   - a symlink is written through: its final target is created or replaced as above, and
//     the link stays a link;
//   - anything else (a device such as /dev/null, /dev/stdout or a terminal, a named pipe,
//     a descriptor in /proc/self/fd) is written in place, after what it already holds;
//     it is never replaced by a regular file. A folder is refused.
//
// Appending is a separate, explicit call (Append): nothing switches to it by a path's name.
//
// CatchSignals removes the temporary files of writes in progress when the process is
// interrupted.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// ErrChanged is returned by Replace when the file no longer holds what the caller read.
var ErrChanged = errors.New("changed on disk since it was read")

// ErrReadOnly is returned when the file to replace has no write permission: a file its
// owner made read-only is not replaced behind their back (gofmt -w refuses it too).
var ErrReadOnly = errors.New("read-only (no write permission)")

// ErrFolder is returned for a path that names a folder.
var ErrFolder = errors.New("is a folder")

// maxHops bounds the symlinks followed from one path, as the kernel does.
const maxHops = 40

// target is what a path leads to once its symlinks are followed.
type target struct {
	path    string      // the final target (or the path as given, written in place)
	info    fs.FileInfo // nil when the target does not exist
	inPlace bool        // a device, pipe, socket or descriptor: write in place
}

// resolve follows the symlinks of path to the file they lead to. A path that leads into
// /proc (the descriptors /dev/stdout, /dev/fd/N and /proc/self/fd/N are links into it) is
// written in place, whatever it resolves to: those links name open files, not places in a
// folder where a file could be renamed.
func resolve(path string) (target, error) {
	p := filepath.Clean(path)
	for range maxHops {
		dir, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return target{}, err
		}
		if abs, err := filepath.Abs(dir); err == nil && (abs == "/proc" || strings.HasPrefix(abs, "/proc/")) {
			info, err := os.Stat(path)
			if err != nil {
				return target{}, err
			}
			return target{path: path, info: info, inPlace: !info.IsDir()}, nil
		}
		full := filepath.Join(dir, filepath.Base(p))
		info, err := os.Lstat(full)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return target{path: full}, nil
		case err != nil:
			return target{}, err
		case info.Mode()&fs.ModeSymlink != 0:
			link, err := os.Readlink(full)
			if err != nil {
				return target{}, err
			}
			if !filepath.IsAbs(link) {
				link = filepath.Join(dir, link)
			}
			p = filepath.Clean(link)
			continue
		}
		return target{path: full, info: info, inPlace: !info.Mode().IsRegular() && !info.IsDir()}, nil
	}
	return target{}, &fs.PathError{Op: "resolve", Path: path, Err: errors.New("too many levels of symbolic links")}
}

// WriteFile writes data to the file at path as the package documentation says: created,
// replaced atomically keeping its mode, written through a symlink, or written in place
// when path is a device, a pipe or a descriptor.
func WriteFile(path string, data []byte) error {
	t, err := resolve(path)
	switch {
	case err != nil:
		return err
	case t.info != nil && t.info.IsDir():
		return &fs.PathError{Op: "write", Path: path, Err: ErrFolder}
	case t.inPlace:
		return writeInPlace(t.path, data)
	case t.info == nil:
		return create(t.path, data, true)
	case !writable(t.path, t.info):
		return &fs.PathError{Op: "replace", Path: path, Err: ErrReadOnly}
	}
	return replace(t, data, nil)
}

// Append appends data to the file at path in one write, creating it (0666 less the umask)
// when it is missing. It is for files that several writers add to, such as the job summary
// of a GitHub Actions step ($GITHUB_STEP_SUMMARY); a reader may see it half written.
func Append(path string, data []byte) error {
	t, err := resolve(path)
	if err != nil {
		return err
	}
	if t.info != nil && t.info.IsDir() {
		return &fs.PathError{Op: "append", Path: path, Err: ErrFolder}
	}
	f, err := os.OpenFile(t.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Create writes a new file at path (0666 less the umask) and refuses, with an error that
// wraps fs.ErrExist, when anything is there already, a dangling symlink included: the
// file appears whole, or not at all, and is never written over one that appeared meanwhile.
func Create(path string, data []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	return create(filepath.Clean(path), data, false)
}

// Replace replaces the regular file at path (following symlinks to it), which must still
// hold old, with data, keeping its mode. It refuses a file that is not regular, a read-only
// one, and one that no longer holds old (ErrChanged). The file is compared once more right
// before the rename; on Linux the rename is an exchange (renameat2 RENAME_EXCHANGE), after
// which the file swapped out is compared too, and swapped back when it changed, so an edit
// made by another program in between is kept (see docs/design.md, Bad input, for the
// window that remains).
func Replace(path string, old, data []byte) error {
	t, err := resolve(path)
	switch {
	case err != nil:
		return err
	case t.info == nil:
		return &fs.PathError{Op: "replace", Path: path, Err: fs.ErrNotExist}
	case !t.info.Mode().IsRegular():
		return &fs.PathError{Op: "replace", Path: path, Err: errors.New("not a regular file")}
	case !writable(t.path, t.info):
		return &fs.PathError{Op: "replace", Path: path, Err: ErrReadOnly}
	}
	if err := unchanged(t.path, old); err != nil {
		return err
	}
	return replace(t, data, old)
}

// unchanged checks that the file at path holds want.
func unchanged(path string, want []byte) error {
	cur, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, want) {
		return ErrChanged
	}
	return nil
}

// writeInPlace writes data to a device, a pipe or a descriptor, after what it holds.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// create writes a new file at path through a temporary file created with mode 0666, so
// that the umask (and a folder's default ACL) gives the new file its mode as it would to
// any new file. With replace, the temporary file is renamed over whatever appeared at path
// meanwhile; without, it is linked to path, which fails when path exists.
func create(path string, data []byte, replace bool) error {
	tmp, err := tempFile(path, 0o666)
	if err != nil {
		return err
	}
	defer tmp.discard()
	if err := tmp.fill(data); err != nil {
		return err
	}
	lockCommit(path)
	defer commitMu.Unlock()
	if replace {
		if err := os.Rename(tmp.name, path); err != nil {
			return err
		}
		tmp.done()
	} else if err := os.Link(tmp.name, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
		}
		// a file system without hard links: create the file exclusively and write it
		return createExclusive(path, data)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// createExclusive writes a new file where linking is not possible; a reader may see it
// half written.
func createExclusive(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// replace writes data over the existing regular file t, keeping its mode and owner. With
// old set, the file must still hold old: it is compared right before the rename and, where
// the platform can exchange two files, once more after the exchange.
func replace(t target, data, old []byte) error {
	tmp, err := tempFile(t.path, 0o600) // private until it has the file's mode
	if err != nil {
		return err
	}
	defer tmp.discard()
	if _, err := tmp.f.Write(data); err != nil {
		return err
	}
	keepOwner(tmp.f, t.info)
	if err := tmp.f.Chmod(t.info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return fmt.Errorf("keep mode: %w", err)
	}
	if err := tmp.fill(nil); err != nil {
		return err
	}
	if old != nil {
		// look again right before the rename: the window for a lost edit is as small as it gets
		if err := unchanged(t.path, old); err != nil {
			return err
		}
	}
	lockCommit(t.path)
	defer commitMu.Unlock()
	if old != nil {
		swapped, err := exchange(tmp.name, t.path)
		if err != nil {
			return err
		}
		if swapped {
			// tmp now holds what t.path held at the moment of the swap
			if err := unchanged(tmp.name, old); err != nil {
				if _, berr := exchange(tmp.name, t.path); berr != nil {
					tmp.done() // keep it: it holds the fixed text, and t.path the edit
					return fmt.Errorf("%w; swapping the other program's edit back failed (%v): the fixed text is in %s", ErrChanged, berr, tmp.name)
				}
				return ErrChanged
			}
			syncDir(filepath.Dir(t.path))
			return nil // discard removes the old file, swapped out to tmp
		}
	}
	if err := os.Rename(tmp.name, t.path); err != nil {
		return err
	}
	tmp.done()
	syncDir(filepath.Dir(t.path))
	return nil
}

// temp is a temporary file beside the file it will become.
type temp struct {
	f    *os.File
	name string
	kept bool
}

// tempFile creates a hidden temporary file in path's folder with mode perm (less the
// umask), named after path so that a left-over one says where it came from. Its name is
// registered so that CatchSignals can remove it.
func tempFile(path string, perm fs.FileMode) (*temp, error) {
	dir, base := filepath.Split(path)
	for range 1000 {
		name := filepath.Join(dir, "."+base+".jdlint-"+strconv.FormatUint(rand.Uint64()%1e10, 10))
		if err := register(name); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			return &temp{f: f, name: name}, nil
		}
		unregister(name)
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: path, Err: fs.ErrExist}
}

// fill writes data to the file, syncs and closes it.
func (t *temp) fill(data []byte) error {
	if _, err := t.f.Write(data); err != nil {
		return err
	}
	if err := t.f.Sync(); err != nil {
		return err
	}
	err := t.f.Close()
	t.f = nil
	return err
}

// done marks the file as renamed or kept: discard leaves it alone.
func (t *temp) done() {
	t.kept = true
	unregister(t.name)
}

// discard closes and removes the file unless it was renamed or kept.
func (t *temp) discard() {
	if t.f != nil {
		t.f.Close()
	}
	if !t.kept {
		os.Remove(t.name)
		unregister(t.name)
	}
}

// syncDir makes a rename durable where the platform allows syncing a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// The temporary files of writes in progress, for CatchSignals.
var (
	tempsMu sync.Mutex
	temps   = map[string]bool{}
	dying   bool // a signal arrived: no new temporary file
	// commitMu is held from the rename (or exchange) until the temporary file is gone or
	// renamed, so that a signal never removes a temporary file that holds the only copy of
	// something (the fixed text, or another program's edit being swapped back).
	commitMu sync.Mutex
)

// errInterrupted is returned for a write started after a signal arrived.
var errInterrupted = errors.New("interrupted")

func register(name string) error {
	tempsMu.Lock()
	defer tempsMu.Unlock()
	if dying {
		return errInterrupted
	}
	temps[name] = true
	return nil
}

func unregister(name string) {
	tempsMu.Lock()
	delete(temps, name)
	tempsMu.Unlock()
}

// hook, when a test sets it, is called before a write commits (renames, links or
// exchanges its temporary file), with the path written.
var hook atomic.Pointer[func(path string)]

// SetTestHook makes f run before each write commits, with the path written; nil removes
// it. It lets tests of this package's callers edit a file at the last moment, or interrupt
// a write. Only tests call it.
func SetTestHook(f func(path string)) {
	if f == nil {
		hook.Store(nil)
		return
	}
	hook.Store(&f)
}

// lockCommit runs the test hook, then takes commitMu.
func lockCommit(path string) {
	if f := hook.Load(); f != nil {
		(*f)(path)
	}
	commitMu.Lock()
}
