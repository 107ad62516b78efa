package nlp

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Source is one file's bytes with the index that turns byte offsets into lines and
// columns, after go/token's File. It is the only place in jdlint that knows what a line is:
// a line ends at LF, at CRLF, or at a lone CR (an old Mac line end). Everything else (the
// parser, the directives, the reports' previews and diffs) keeps byte offsets and asks a
// Source for lines and positions.
//
// A Source never changes the bytes it was made from. Columns count runes.
type Source struct {
	src    []byte
	starts []int      // byte offset of each line's first byte
	ascii  bool       // every byte is ASCII: a column is a byte distance
	marks  []runeMark // rune counts at rune boundaries, about every checkpointEvery bytes
}

// runeMark records that utf8.RuneCount(src[:pos]) == runes, pos being a rune boundary.
type runeMark struct{ pos, runes int }

const checkpointEvery = 512

// NewSource indexes src. It costs one pass over the bytes.
func NewSource(src []byte) *Source {
	s := &Source{src: src, starts: []int{0}, ascii: true}
	for i, b := range src {
		switch {
		case b == '\n':
			s.starts = append(s.starts, i+1)
		case b == '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				s.starts = append(s.starts, i+1)
			}
		case b >= utf8.RuneSelf:
			s.ascii = false
		}
	}
	if !s.ascii {
		s.marks = []runeMark{{0, 0}}
		runes, next := 0, checkpointEvery
		for i := 0; i < len(src); {
			_, size := utf8.DecodeRune(src[i:])
			i += size
			runes++
			if i >= next {
				s.marks = append(s.marks, runeMark{i, runes})
				next = i + checkpointEvery
			}
		}
	}
	return s
}

// Bytes returns the file's bytes, unchanged.
func (s *Source) Bytes() []byte { return s.src }

// Lines returns the number of lines. A final line end does not start a new line unless
// text follows it, so "a\n" has one line and "" has one (empty) line.
func (s *Source) Lines() int {
	n := len(s.starts)
	if n > 1 && s.starts[n-1] == len(s.src) {
		n--
	}
	return n
}

// Line returns the byte range of 1-based line n: [start, end) without its line end, and
// next, the offset of the following line (end plus the length of the line end).
func (s *Source) Line(n int) (start, end, next int) {
	if n < 1 || n > len(s.starts) {
		return len(s.src), len(s.src), len(s.src)
	}
	start = s.starts[n-1]
	next = len(s.src)
	if n < len(s.starts) {
		next = s.starts[n]
	}
	end = next
	if end > start && s.src[end-1] == '\n' {
		end--
	}
	if end > start && s.src[end-1] == '\r' {
		end--
	}
	return start, end, next
}

// LineOf returns the 1-based line holding byte offset off. An offset just past a line end
// belongs to the next line.
func (s *Source) LineOf(off int) int {
	off = max(0, min(off, len(s.src)))
	return sort.Search(len(s.starts), func(i int) bool { return s.starts[i] > off })
}

// runesBefore returns utf8.RuneCount(src[:off]) for a rune boundary off.
func (s *Source) runesBefore(off int) int {
	k := sort.Search(len(s.marks), func(k int) bool { return s.marks[k].pos > off }) - 1
	m := s.marks[k]
	return m.runes + utf8.RuneCount(s.src[m.pos:off])
}

// Position returns the 1-based line and rune column of byte offset off, clamped to the file.
func (s *Source) Position(off int) (line, col int) {
	off = max(0, min(off, len(s.src)))
	line = s.LineOf(off)
	start := s.starts[line-1]
	if s.ascii {
		return line, off - start + 1
	}
	if off-start <= checkpointEvery {
		return line, utf8.RuneCount(s.src[start:off]) + 1
	}
	return line, s.runesBefore(off) - s.runesBefore(start) + 1
}

// Span builds a Span for bytes [start, end); its end position names the last character.
func (s *Source) Span(start, end int) Span {
	if end < start {
		end = start
	}
	sp := Span{Start: start, End: end}
	sp.Line, sp.Column = s.Position(start)
	last := end
	if end > start && end <= len(s.src) {
		_, size := utf8.DecodeLastRune(s.src[start:end])
		last = end - size
	}
	sp.EndLine, sp.EndColumn = s.Position(last)
	return sp
}

// LineRange widens bytes [start, end) to whole lines: from the start of start's line to the
// end of the line holding the last byte (without its line end). An empty range at a line's
// start stays on that line.
func (s *Source) LineRange(start, end int) (int, int) {
	first := s.LineOf(start)
	last := first
	if end > start {
		last = s.LineOf(end - 1)
	}
	ls, _, _ := s.Line(first)
	_, le, _ := s.Line(last)
	return ls, max(le, ls)
}

// NormalizeLineEnds returns text with CRLF and lone CR line ends written as LF, for
// previews that print lines one below the other.
func NormalizeLineEnds(text string) string {
	if !bytes.ContainsRune([]byte(text), '\r') {
		return text
	}
	b := []byte(text)
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			if i+1 < len(b) && b[i+1] == '\n' {
				continue
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

// SplitLines splits src into lines that keep their line ends (LF, CRLF or a lone CR); the
// last may have none.
func (s *Source) SplitLines() [][]byte {
	out := make([][]byte, 0, s.Lines())
	for n := 1; n <= s.Lines(); n++ {
		start, _, next := s.Line(n)
		out = append(out, s.src[start:next])
	}
	if len(s.src) == 0 {
		return nil
	}
	return out
}
