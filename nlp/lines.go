package nlp

import (
	"bytes"
	"sort"
)

// SpanOf returns the Span of bytes [start, end) of the posting's file.
func (p *Posting) SpanOf(start, end int) Span {
	if p.Source == nil {
		p.Source = NewSource(p.Src)
	}
	return p.Source.Span(start, end)
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

// text returns the bytes the posting was parsed from: Src with lone CRs read as LF, the
// same length as Src.
func (p *Posting) text() []byte {
	if p.parsed == nil {
		p.parsed = crToLF(p.Src)
	}
	return p.parsed
}
