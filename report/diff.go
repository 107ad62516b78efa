package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// diffContext is the number of unchanged lines shown around each change, as in diff -u.
const diffContext = 3

// Diff writes the fixes of every result as one unified diff (`--diff`, `--format diff`):
// "--- a/path" and "+++ b/path" headers (a path with control characters quoted as git
// quotes it; see diffHeaderName) and hunks with three lines of context, which
// `git apply` and `patch -p1` accept. Safe fixes only, unless opts.Unsafe. Where fixes of
// several findings touch the same bytes each range is changed once (lint.MergeEdits), as
// --fix would. Lines keep their own endings (CRLF stays CRLF) and a file without a final
// newline gets the "\ No newline at end of file" marker. It writes nothing to disk.
func Diff(w io.Writer, results []lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		if r.Err != nil || r.Posting == nil {
			continue
		}
		if _, _, err := lint.Fixed(r, opts.Unsafe); err != nil {
			continue // not valid UTF-8: --fix would not write it either
		}
		edits := lint.MergeEdits(r, opts.Unsafe)
		if len(edits) == 0 {
			continue
		}
		writeUnified(bw, diffPath(r.Path), r.Src(), edits)
	}
	return bw.Flush()
}

// diffPath is the path a patch names: relative and with forward slashes, so that
// `git apply` and `patch -p1` find the file from the folder jdlint ran in.
func diffPath(p string) string {
	if p == "-" {
		return "stdin"
	}
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(filepath.Clean(p))
	return strings.TrimPrefix(p, "/")
}

// diffHeaderName is the name on a "---" or "+++" line, as git writes it: quoted with C
// escapes when it holds a control character, a double quote or a backslash (so that a
// newline in a folder name cannot start a header or hunk of its own), and followed by a tab
// when it holds a space (so that patch reads the whole name, not up to the space).
func diffHeaderName(prefix, path string) string {
	name := QuotePath(prefix + path)
	if strings.Contains(path, " ") {
		name += "\t"
	}
	return name
}

// lines splits src into lines that keep their line ends (LF, CRLF or a lone CR, as
// nlp.Source reads them); the last may have none.
func lines(src []byte) [][]byte { return nlp.NewSource(src).SplitLines() }

// hasLineEnd reports whether a line from lines ends with a line end.
func hasLineEnd(l []byte) bool {
	return len(l) > 0 && (l[len(l)-1] == '\n' || l[len(l)-1] == '\r')
}

// change is a run of old lines [a, b) that the edits replace with new lines.
type change struct {
	a, b  int
	old   [][]byte
	new   [][]byte
	edits int
	held  []rules.Edit // the edits that make it
}

// changes groups sorted, non-overlapping edits by the lines they touch and works out each
// group's new lines. Lines that a group leaves as they were are trimmed off its ends.
func changes(src []byte, edits []rules.Edit) []change {
	old := lines(src)
	starts := make([]int, len(old)+1)
	for i, l := range old {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(off int) int { // the line holding byte off; len(old) past the end
		lo, hi := 0, len(old)
		for lo < hi {
			m := (lo + hi) / 2
			if starts[m+1] <= off {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lo
	}
	var out []change
	var group []rules.Edit
	ga, gb := 0, 0
	flush := func() {
		if len(group) == 0 {
			return
		}
		from, to := starts[ga], starts[gb]
		var nb bytes.Buffer
		at := from
		for _, e := range group {
			nb.Write(src[at:e.Start])
			nb.WriteString(e.New)
			at = e.End
		}
		nb.Write(src[at:to])
		c := change{a: ga, b: gb, old: old[ga:gb], new: lines(nb.Bytes()), edits: len(group), held: group}
		for len(c.old) > 0 && len(c.new) > 0 && bytes.Equal(c.old[0], c.new[0]) {
			c.a, c.old, c.new = c.a+1, c.old[1:], c.new[1:]
		}
		for len(c.old) > 0 && len(c.new) > 0 && bytes.Equal(c.old[len(c.old)-1], c.new[len(c.new)-1]) {
			c.b, c.old, c.new = c.b-1, c.old[:len(c.old)-1], c.new[:len(c.new)-1]
		}
		if len(c.old) > 0 || len(c.new) > 0 {
			out = append(out, c)
		}
		group = nil
	}
	for _, e := range edits {
		a := lineOf(e.Start)
		b := lineOf(max(e.Start, e.End-1)) + 1
		if a >= len(old) { // an insertion at the very end of the file
			a = len(old)
			if a > 0 && !hasLineEnd(old[a-1]) {
				a--
			}
			b = len(old)
		}
		if len(group) > 0 && a < gb {
			group = append(group, e)
			gb = max(gb, b)
			continue
		}
		flush()
		group, ga, gb = []rules.Edit{e}, a, b
	}
	flush()
	return out
}

// writeUnified writes one file's hunks.
func writeUnified(w io.Writer, path string, src []byte, edits []rules.Edit) {
	cs := changes(src, edits)
	if len(cs) == 0 {
		return
	}
	old := lines(src)
	fmt.Fprintf(w, "--- %s\n+++ %s\n", diffHeaderName("a/", path), diffHeaderName("b/", path))
	delta := 0 // new line number minus old line number before the current change
	for i := 0; i < len(cs); {
		// a hunk takes every change whose context touches the previous one's
		j := i + 1
		for j < len(cs) && cs[j].a-cs[j-1].b <= 2*diffContext {
			j++
		}
		from := max(0, cs[i].a-diffContext)
		to := min(len(old), cs[j-1].b+diffContext)
		oldN, newN := to-from, to-from
		for _, c := range cs[i:j] {
			newN += len(c.new) - len(c.old)
		}
		newFrom := from + delta
		fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(from, oldN), hunkRange(newFrom, newN))
		at := from
		for k := i; k < j; {
			// changes on adjacent lines print as one block: all removals, then all additions
			run := k + 1
			for run < j && cs[run].a == cs[run-1].b {
				run++
			}
			for ; at < cs[k].a; at++ {
				diffLine(w, ' ', old[at])
			}
			for _, c := range cs[k:run] {
				for _, l := range c.old {
					diffLine(w, '-', l)
				}
			}
			for _, c := range cs[k:run] {
				for _, l := range c.new {
					diffLine(w, '+', l)
				}
				delta += len(c.new) - len(c.old)
			}
			at = cs[run-1].b
			k = run
		}
		for ; at < to; at++ {
			diffLine(w, ' ', old[at])
		}
		i = j
	}
}

// hunkRange formats "start,count"; an empty range names the line before it.
func hunkRange(from, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", from)
	}
	return fmt.Sprintf("%d,%d", from+1, n)
}

// diffLine writes one line of a hunk. A line that ends with a lone CR (an old Mac line
// end) is written with LF instead, so that each line of the file is a line of the diff;
// patch cannot apply such a hunk (it reads the whole file as one line), but --fix can.
func diffLine(w io.Writer, mark byte, l []byte) {
	switch {
	case bytes.HasSuffix(l, []byte("\n")):
		fmt.Fprintf(w, "%c%s", mark, l)
	case hasLineEnd(l):
		fmt.Fprintf(w, "%c%s\n", mark, l[:len(l)-1])
	default:
		fmt.Fprintf(w, "%c%s\n\\ No newline at end of file\n", mark, l)
	}
}
