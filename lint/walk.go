package lint

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Discover expands paths into files in a stable order. Problems with a path (missing, or a
// folder with nothing to lint) come back as results with Err set, in their place. Entries
// of folders and globs that are not regular files are left out; see Options.OnSkip.
func Discover(paths []string, ignore func(string) bool) []Result {
	return discover(paths, ignore, nil)
}

// discover is Discover, telling onSkip (when set) once about each entry it leaves out
// because it is not a regular file.
func discover(paths []string, ignore func(string) bool, onSkip func(path, why string)) []Result {
	var out []Result
	seen := map[string]bool{}
	add := func(r Result) {
		if !seen[r.Path] {
			seen[r.Path] = true
			out = append(out, r)
		}
	}
	skipped := map[string]bool{} // apart from seen: a path named on the command line is still read
	skip := func(path, why string) {
		if !skipped[path] {
			skipped[path] = true
			if onSkip != nil {
				onSkip(path, why)
			}
		}
	}
	for _, arg := range paths {
		if arg == "-" {
			add(Result{Path: "-"})
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			if strings.ContainsAny(arg, "*?[") {
				matches, gerr := filepath.Glob(arg)
				if gerr != nil || len(matches) == 0 {
					out = append(out, Result{Path: arg, Err: fmt.Errorf("no files match %s", arg)})
					continue
				}
				sort.Strings(matches)
				for _, m := range matches {
					if fi, err := os.Stat(m); err == nil && fi.IsDir() {
						for _, f := range walk(m, ignore, skip) {
							if f.Err != nil {
								out = append(out, f)
							} else {
								add(f) // a file another argument also names is linted once
							}
						}
					} else if why := notRegular(m, err, fi); why != "" {
						skip(filepath.ToSlash(m), why)
					} else {
						// a match jdlint expanded itself is treated as a walk's: regular files only
						add(Result{Path: filepath.ToSlash(m), walked: true})
					}
				}
				continue
			}
			if _, lerr := os.Lstat(arg); lerr == nil {
				out = append(out, Result{Path: arg, Err: fmt.Errorf("read %s: %w", arg, err)})
				continue
			}
			out = append(out, Result{Path: arg, Err: fmt.Errorf("%s: no such file or folder", arg)})
			continue
		}
		if info.IsDir() {
			files := walk(arg, ignore, skip)
			if len(files) == 0 {
				out = append(out, Result{Path: arg, Err: fmt.Errorf("%s: no .md, .markdown or .txt files to lint", arg)})
			}
			for _, f := range files {
				if f.Err != nil {
					out = append(out, f)
				} else {
					add(f)
				}
			}
			continue
		}
		add(Result{Path: arg}) // named on the command line: read as given, a pipe included
	}
	return out
}

// walk lists the postings under root, skipping hidden folders and node_modules. It does not
// follow symlinked folders, so loops cannot hang it; unreadable folders become results.
//
// It lists regular files only, and symlinks to them: opening a named pipe, a socket or a
// device (a symlink "careers/z.md -> /dev/ptmx", which git stores and checkout recreates)
// can block forever. skip is told about each such entry instead. A symlink that cannot be
// followed (dangling, a loop) is listed, for reading it to report why.
func walk(root string, ignore func(string) bool, skip func(path, why string)) []Result {
	var out []Result
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = injectedFault(path) // a test's, as if listing the folder failed (openfault.go)
		}
		if err != nil {
			out = append(out, Result{Path: filepath.ToSlash(path), Err: fmt.Errorf("read %s: %w", path, unwrapPath(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return fs.SkipDir
			}
			if path != root && ignore != nil && ignore(filepath.ToSlash(path)) {
				return fs.SkipDir
			}
			return nil
		}
		if !Extensions[strings.ToLower(filepath.Ext(name))] || strings.HasPrefix(name, ".") {
			return nil
		}
		if ignore != nil && ignore(filepath.ToSlash(path)) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(path)
			if why := notRegular(path, err, info); why != "" {
				skip(filepath.ToSlash(path), why)
				return nil
			}
		} else if !d.Type().IsRegular() {
			skip(filepath.ToSlash(path), "not a regular file ("+describeMode(d.Type())+"); skipped")
			return nil
		}
		out = append(out, Result{Path: filepath.ToSlash(path), walked: true})
		return nil
	})
	if err != nil {
		out = append(out, Result{Path: root, Err: fmt.Errorf("walk %s: %w", root, err)})
	}
	return out
}

// notRegular says why path, whose os.Stat gave info and err, is not to be read as a
// posting found by a walk or a glob, or "" when it is: a regular file, or a path whose
// error reading it will report.
func notRegular(path string, err error, info fs.FileInfo) string {
	if err != nil || info.Mode().IsRegular() {
		return ""
	}
	what := describeMode(info.Mode())
	if l, lerr := os.Lstat(path); lerr == nil && l.Mode()&fs.ModeSymlink != 0 {
		what = "a symlink to " + what
	}
	return "not a regular file (" + what + "); skipped"
}

// describeMode names the kind of a file that is not a regular one.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symlink"
	}
	return "an irregular file"
}

// readPosting reads the posting of r: as given when it was named on the command line or
// is stdin, and, when a walk or a glob found it, only if it is (still) a regular file.
func readPosting(r *Result, stdin io.Reader, maxSize int64) ([]byte, error) {
	if !r.walked {
		return ReadFile(r.Path, stdin, maxSize)
	}
	return readRegular(r.Path, maxSize)
}

// readRegular reads a regular file of at most maxSize bytes. It opens the file without
// blocking (openNoBlock) and checks what it opened, so that a file replaced by a named pipe
// or a device between the walk and the read is refused rather than read forever.
func readRegular(path string, maxSize int64) ([]byte, error) {
	return readOpened(path, clampSize(maxSize), openNoBlock, func(m fs.FileMode) error {
		if !m.IsRegular() {
			return fmt.Errorf("%s: not a regular file (%s); skipped", path, describeMode(m))
		}
		return nil
	})
}

// clampSize is the size limit to apply for maxSize: DefaultMaxSize for 0 or less, and never
// more than MaxSizeLimit (so that maxSize+1 cannot overflow).
func clampSize(maxSize int64) int64 {
	if maxSize <= 0 {
		return DefaultMaxSize
	}
	return min(maxSize, MaxSizeLimit)
}

// Memory. Parsing a posting takes 30 to 70 times its size at its peak (its tokens, sentences
// and tags), so the workers together parse at most MaxSizeLimit bytes of postings at a time:
// however many workers there are, the postings in memory at once are no larger than the
// largest one jdlint accepts. A posting larger than that alone still gets through, alone.
var inFlight = newByteBudget(MaxSizeLimit)

// byteBudget is a counting semaphore over bytes.
type byteBudget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	used  int64
	limit int64
}

func newByteBudget(limit int64) *byteBudget {
	b := &byteBudget{limit: limit}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n more bytes fit in the budget (or nothing else is in it) and
// returns the function that gives them back.
func (b *byteBudget) acquire(n int64) (release func()) {
	n = min(max(n, 1), b.limit)
	b.mu.Lock()
	for b.used > 0 && b.used+n > b.limit {
		b.cond.Wait()
	}
	b.used += n
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		b.used -= n
		b.mu.Unlock()
		b.cond.Broadcast()
	}
}
