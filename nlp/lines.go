package nlp

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// lineIndex maps byte offsets of a file to 1-based line and rune column. Columns come from
// rune-count checkpoints, so that a file with one very long line (or thousands of sentences
// on one line) costs O(log n) per position, not O(line length).
type lineIndex struct {
	src    []byte
	starts []int      // byte offset of each line's first byte
	ascii  bool       // every byte is ASCII: a column is a byte distance
	marks  []runeMark // rune counts at rune boundaries, about every checkpointEvery bytes
}

// runeMark records that utf8.RuneCount(src[:pos]) == runes, pos being a rune boundary.
type runeMark struct{ pos, runes int }

const checkpointEvery = 512

func newLineIndex(src []byte) *lineIndex {
	li := &lineIndex{src: src, starts: []int{0}, ascii: true}
	for i, b := range src {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		} else if b >= utf8.RuneSelf {
			li.ascii = false
		}
	}
	if !li.ascii {
		li.marks = []runeMark{{0, 0}}
		runes, next := 0, checkpointEvery
		for i := 0; i < len(src); {
			_, size := utf8.DecodeRune(src[i:])
			i += size
			runes++
			if i >= next {
				li.marks = append(li.marks, runeMark{i, runes})
				next = i + checkpointEvery
			}
		}
	}
	return li
}

// runesBefore returns utf8.RuneCount(src[:off]) for a rune boundary off.
func (li *lineIndex) runesBefore(off int) int {
	k := sort.Search(len(li.marks), func(k int) bool { return li.marks[k].pos > off }) - 1
	m := li.marks[k]
	return m.runes + utf8.RuneCount(li.src[m.pos:off])
}

// pos returns the 1-based line and rune column of byte offset off.
func (li *lineIndex) pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	i := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	start := li.starts[i]
	if li.ascii {
		return i + 1, off - start + 1
	}
	if off-start <= checkpointEvery {
		return i + 1, utf8.RuneCount(li.src[start:off]) + 1
	}
	return i + 1, li.runesBefore(off) - li.runesBefore(start) + 1
}

// span builds a Span for bytes [start, end); the end position names the last character.
func (li *lineIndex) span(start, end int) Span {
	if end < start {
		end = start
	}
	s := Span{Start: start, End: end}
	s.Line, s.Column = li.pos(start)
	last := end
	if end > start {
		_, size := utf8.DecodeLastRune(li.src[start:end])
		last = end - size
	}
	s.EndLine, s.EndColumn = li.pos(last)
	return s
}

// SpanOf returns the Span of bytes [start, end) of the posting's file.
func (p *Posting) SpanOf(start, end int) Span {
	if p.lines == nil {
		p.lines = newLineIndex(crToLF(p.Src))
	}
	return p.lines.span(start, end)
}

// segment maps a run of a sentence's text to the bytes of the file it came from.
type segment struct {
	text, src, n int
}

// textBuilder accumulates the plain text of a block with a map back to the file.
type textBuilder struct {
	buf  []byte
	segs []segment
}

// add appends file bytes [start, end) of src as text.
func (b *textBuilder) add(src []byte, start, end int) { b.addAt(src, start, end, 0) }

// space appends a single space that maps to no file bytes (a soft line break).
func (b *textBuilder) space() {
	if len(b.buf) > 0 && b.buf[len(b.buf)-1] != ' ' {
		b.buf = append(b.buf, ' ')
	}
}

// srcOffset maps a text offset to a file offset. end selects the end of a range.
func srcOffset(segs []segment, t int, end bool) int {
	if len(segs) == 0 {
		return 0
	}
	if end {
		// the byte before t, then one past it
		if t <= 0 {
			return srcOffset(segs, 0, false)
		}
		return srcOffset(segs, t-1, false) + 1
	}
	i := sort.Search(len(segs), func(i int) bool { return segs[i].text+segs[i].n > t })
	if i == len(segs) {
		last := segs[len(segs)-1]
		return last.src + last.n
	}
	s := segs[i]
	if t < s.text { // inside an inserted space: map to the next segment's start
		return s.src
	}
	return s.src + (t - s.text)
}

// subSegs cuts segs down to text range [start, end) and rebases it to 0.
// Segments are sorted by text offset, so the first one that can overlap is found by binary
// search: a paragraph of many soft-wrapped lines costs O(log n) per sentence, not O(n).
func subSegs(segs []segment, start, end int) []segment {
	var out []segment
	first := sort.Search(len(segs), func(i int) bool { return segs[i].text+segs[i].n > start })
	for _, s := range segs[first:] {
		if s.text >= end {
			break
		}
		a, b := max(s.text, start), min(s.text+s.n, end)
		if a >= b {
			continue
		}
		out = append(out, segment{text: a - start, src: s.src + (a - s.text), n: b - a})
	}
	return out
}

// addAt appends bytes [start, end) of body, recording them at file offset base+start.
func (b *textBuilder) addAt(body []byte, start, end, base int) {
	for start < end && body[end-1] == '\r' {
		end--
	}
	if start >= end {
		return
	}
	s := base + start
	if n := len(b.segs); n > 0 && b.segs[n-1].src+b.segs[n-1].n == s && b.segs[n-1].text+b.segs[n-1].n == len(b.buf) {
		b.segs[n-1].n += end - start
	} else {
		b.segs = append(b.segs, segment{text: len(b.buf), src: s, n: end - start})
	}
	b.buf = append(b.buf, body[start:end]...)
}

// crToLF returns src with each CR that is not followed by LF (an old Mac line end) replaced
// by LF, so that such files have lines; src itself when it has none. The length never
// changes, so offsets into the result are offsets into src.
func crToLF(src []byte) []byte {
	var out []byte
	for i := bytes.IndexByte(src, '\r'); i >= 0; {
		if i+1 >= len(src) || src[i+1] != '\n' {
			if out == nil {
				out = bytes.Clone(src)
			}
			out[i] = '\n'
		}
		j := bytes.IndexByte(src[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if out == nil {
		return src
	}
	return out
}

// text returns the bytes the posting was parsed from: Src with lone CRs read as LF.
func (p *Posting) text() []byte {
	if p.lines == nil {
		p.lines = newLineIndex(crToLF(p.Src))
	}
	return p.lines.src
}
