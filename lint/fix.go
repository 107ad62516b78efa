package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	"github.com/jdlint/jdlint/internal/atomicfile"
	"github.com/jdlint/jdlint/rules"
)

// ErrInvalidUTF8 is why a posting with invalid UTF-8 is never fixed: its text was decoded
// with replacement characters, so a rewrite could not be trusted to say what the file says.
var ErrInvalidUTF8 = errors.New("invalid UTF-8; fixes are not applied")

// MergeEdits merges the fixes of a result's findings into one list of edits, sorted by
// offset and non-overlapping, that --diff prints and --fix writes. Safe fixes come first,
// then, with unsafe, the unsafe ones, each in finding order; an edit that overlaps one
// already taken is dropped, so that a byte range touched by two findings (role-blended and
// off-role-duty rewrite the same sentences) is changed once. Edits on lines where an inline
// directive turns the finding's rule off are left out too.
func MergeEdits(r Result, unsafe bool) []rules.Edit {
	src := r.Src()
	var taken []rules.Edit
	overlaps := func(e rules.Edit) bool {
		// taken is sorted by Start: only the neighbours can overlap
		i := sort.Search(len(taken), func(i int) bool { return taken[i].Start >= e.Start })
		for _, j := range []int{i - 1, i} {
			if j < 0 || j >= len(taken) {
				continue
			}
			t := taken[j]
			if e.Start < t.End && t.Start < e.End || e.Start == t.Start {
				return true
			}
		}
		return false
	}
	add := func(f rules.Finding) {
		for _, e := range f.Fix.Edits {
			if e.Start < 0 || e.End < e.Start || e.End > len(src) || overlaps(e) {
				continue
			}
			i := sort.Search(len(taken), func(i int) bool { return taken[i].Start >= e.Start })
			taken = append(taken, rules.Edit{})
			copy(taken[i+1:], taken[i:])
			taken[i] = e
		}
	}
	for _, safe := range []bool{true, false} {
		if !safe && !unsafe {
			break
		}
		for _, f := range r.Findings {
			if f.Fix != nil && f.Fix.Safe == safe {
				add(f)
			}
		}
	}
	return taken
}

// Fixed returns the source of r with its selected fixes applied (MergeEdits, rules.ApplyEdits)
// and the number of edits. It returns ErrInvalidUTF8 for a posting that must not be fixed.
func Fixed(r Result, unsafe bool) ([]byte, int, error) {
	src := r.Src()
	if r.Posting == nil || r.Err != nil {
		return src, 0, nil
	}
	if !utf8.Valid(src) {
		return src, 0, ErrInvalidUTF8
	}
	edits := MergeEdits(r, unsafe)
	if len(edits) == 0 {
		return src, 0, nil
	}
	return rules.ApplyEdits(src, edits), len(edits), nil
}

// ApplyFixes writes the safe fixes of results (with unsafe, also the unsafe ones) to their
// files and returns the paths it changed and the files it refused or failed to write. For
// stdin ("-") it prints the fixed text, or the text unchanged when there is nothing to fix,
// to stdout. A file is written by WriteFixed, keeping its mode; a file that changed on disk
// since it was linted, is read-only or is not valid UTF-8 is not written.
func ApplyFixes(results []Result, unsafe bool, stdout io.Writer) (fixed []string, errs []error) {
	for _, r := range results {
		if r.Path == "-" {
			if r.Src() == nil {
				continue // stdin could not be read: lint already reported it
			}
			out, _, err := Fixed(r, unsafe)
			if err != nil {
				errs = append(errs, fmt.Errorf("stdin: %w", err))
			}
			if _, werr := stdout.Write(out); werr != nil {
				errs = append(errs, fmt.Errorf("write fixed stdin: %w", werr))
			}
			continue
		}
		if r.Err != nil || r.Posting == nil {
			continue
		}
		out, n, err := Fixed(r, unsafe)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", r.Path, err))
			continue
		}
		if n == 0 || bytes.Equal(out, r.Src()) {
			continue
		}
		if err := WriteFixed(r.Path, r.Src(), out); err != nil {
			errs = append(errs, err)
			continue
		}
		fixed = append(fixed, r.Path)
	}
	return fixed, errs
}

// ErrChanged is returned by WriteFixed when the file is no longer the one that was linted.
var ErrChanged = errors.New("changed on disk since it was linted; not fixed (run jdlint again)")

// WriteFixed replaces the file at path, which must still hold exactly old, with data, through
// atomicfile.Replace: a temporary file in the same folder gets the file's mode, is synced and
// renamed over the file (following a symlink to its target), so that a crash leaves either
// the old or the new file, never half of one. A file that is not regular or is read-only is
// refused (as gofmt -w refuses it); one that changed since it was linted, up to the rename
// (on Linux, an exchange whose swapped-out bytes are checked), is left as it is (ErrChanged).
func WriteFixed(path string, old, data []byte) error {
	err := atomicfile.Replace(path, old, data)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, atomicfile.ErrChanged):
		if err.Error() != atomicfile.ErrChanged.Error() {
			return fmt.Errorf("%s: %w (%v)", path, ErrChanged, err)
		}
		return fmt.Errorf("%s: %w", path, ErrChanged)
	case errors.Is(err, atomicfile.ErrReadOnly):
		return fmt.Errorf("fix %s: %w; not fixed", path, atomicfile.ErrReadOnly)
	}
	return fmt.Errorf("fix %s: %w", path, unwrapPath(err))
}
