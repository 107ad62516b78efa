package nlp

import (
	"bytes"
	"fmt"
)

// goldmark, the Markdown parser, takes time quadratic in the size of some structures: a
// line that opens 2,000 nested lists or block quotes, a paragraph of 50,000 "[a](" whose
// link destinations never close, runs of * and _ that never pair up, deeply nested [
// brackets, code markers of ever longer runs of backticks, thousands of link definitions in
// one paragraph. A few hundred KiB of such text took minutes. checkMarkdown estimates,
// in one linear pass and before goldmark runs, the work each of these would cost and
// refuses the file when it is out of proportion to the file's size.
const (
	// MaxMarkdownDepth is the deepest nesting of block quotes and list items that one line
	// may open or continue (real postings stay under 5).
	MaxMarkdownDepth = 32
	// MarkdownWorkPerByte bounds the estimated work of goldmark's quadratic paths, in
	// nanoseconds of this machine's time, per byte of the file: about a quarter of a
	// second per MiB. Ordinary Markdown, however large, estimates a few per byte at most.
	MarkdownWorkPerByte = 256
	// markdownWorkFloor is the work any file may take, whatever its size (10 ms).
	markdownWorkFloor = 10_000_000
)

// The estimated cost, in nanoseconds, of one step of each of goldmark's quadratic paths,
// measured on the project's machine (internal timing of 1 MiB inputs; hostile_test.go).
const (
	costEmphasis = 8    // per pair of * or _ runs in one paragraph: a closer looks at every opener
	costBracket  = 8    // per [ still open, or node inside it, when a ] is met
	costOpenLink = 1000 // per [ left open at the end of a paragraph: goldmark keeps a state for each
	costDest     = 4    // per byte a link destination is scanned for its end
	costCode     = 1    // per byte a run of backticks is scanned for its closing run
	costRefDef   = 8    // per pair of link definitions in one paragraph
)

// MarkdownLimitError is returned by Parse for Markdown whose structure would make the
// parser take quadratic time; the file is not linted.
type MarkdownLimitError struct {
	Line   int    // 1-based line of the worst structure
	Detail string // what it is
}

func (e *MarkdownLimitError) Error() string {
	return fmt.Sprintf("line %d: %s; refused, as parsing such Markdown takes quadratic time (rename the file to .txt to lint it as plain text)", e.Line, e.Detail)
}

// markdown work kinds, for the message
const (
	workEmphasis = iota
	workBracket
	workDest
	workCode
	workRefDef
	workKinds
)

// mdScan is the state of checkMarkdown's pass.
type mdScan struct {
	work  [workKinds]int64 // weighted estimate, summed over the file
	worst [workKinds]struct {
		cost       int64
		line, size int
	}

	// the current leaf block (a run of lines that goldmark may parse as one paragraph)
	leafLine  int   // its first line, 0 when none is open
	leafList  bool  // it began with a list marker, so "2." starts a sibling item
	delims    int64 // runs of * or _
	refDefs   int64 // lines that begin with [
	open      int64 // [ not yet closed
	openTrig  int64 // trigger count at the outermost open [
	trig      int64 // inline trigger characters so far
	brWork    int64
	maxOpen   int64 // deepest nesting of [
	destWork  int64
	dests     int64 // ]( met with a [ open
	codeRuns  []codeRun
	leafBytes int64 // bytes of the leaf's content so far

	fence     byte // ` or ~ while inside a fenced code block
	fenceLen  int
	nextOfLen map[int]int64 // checkCode's scratch
}

type codeRun struct {
	at  int64 // offset in the leaf's content
	len int
}

// checkMarkdown returns a *MarkdownLimitError when the Markdown in body (starting at
// line firstLine) would cost goldmark more than its size allows, or nil.
func checkMarkdown(body []byte, firstLine int) error {
	var s mdScan
	line := firstLine
	for off := 0; off < len(body); line++ {
		end := bytes.IndexByte(body[off:], '\n')
		next := len(body)
		if end < 0 {
			end = len(body)
		} else {
			end += off
			next = end + 1
		}
		if err := s.line(body[off:end], line); err != nil {
			return err
		}
		off = next
	}
	s.flush()
	total := int64(0)
	for _, w := range s.work {
		total += w
	}
	if total <= int64(len(body))*MarkdownWorkPerByte+markdownWorkFloor {
		return nil
	}
	k := 0
	for i := range s.work {
		if s.work[i] > s.work[k] {
			k = i
		}
	}
	w := s.worst[k]
	var detail string
	switch k {
	case workEmphasis:
		detail = fmt.Sprintf("a paragraph with %d runs of * and _ (emphasis markers)", w.size)
	case workBracket:
		detail = fmt.Sprintf("a paragraph with [ brackets nested %d deep or left open", w.size)
	case workDest:
		detail = fmt.Sprintf("a paragraph with %d link destinations ]( that run on without closing", w.size)
	case workCode:
		detail = fmt.Sprintf("a paragraph with %d runs of ` (code markers) that do not pair up", w.size)
	default:
		detail = fmt.Sprintf("a paragraph of %d link definitions", w.size)
	}
	return &MarkdownLimitError{Line: w.line, Detail: detail}
}

// line reads one line: its container markers, then its inline markup.
func (s *mdScan) line(ln []byte, lineNo int) error {
	i, depth, item, ordered1, ordered := 0, 0, false, false, false
	for {
		cols := 0
		for i < len(ln) && (ln[i] == ' ' || ln[i] == '\t') {
			if ln[i] == '\t' {
				cols += 4
			} else {
				cols++
			}
			i++
		}
		if s.fence != 0 {
			break // inside a fenced code block only the closing fence matters
		}
		if i < len(ln) && ln[i] == '>' {
			depth++
			i++
			continue
		}
		if n, num := listMarker(ln[i:]); n > 0 {
			depth += 1 + cols/2 // a marker indented by 2k columns may sit k lists deep
			i += n
			item, ordered, ordered1 = true, num >= 0, num == 1
			continue
		}
		break
	}
	if depth > MaxMarkdownDepth {
		return &MarkdownLimitError{Line: lineNo, Detail: fmt.Sprintf("block quotes and lists nested %d deep (at most %d)", depth, MaxMarkdownDepth)}
	}
	content := ln[i:]
	if s.fence != 0 || isFence(content) {
		if s.fence == 0 {
			s.flush()
			s.fence, s.fenceLen = content[0], runLen(content, 0)
		} else if c := bytes.TrimSpace(content); len(c) >= s.fenceLen && c[0] == s.fence && runLen(c, 0) == len(c) {
			s.fence = 0
		}
		return nil
	}
	if len(bytes.TrimSpace(content)) == 0 {
		s.flush()
		return nil
	}
	// a list item starts a new leaf block when it can: a bullet or "1." always, another
	// number only as a sibling in a list (else it continues a paragraph)
	if item && (!ordered || ordered1 || s.leafList) {
		s.flush()
	}
	if s.leafLine == 0 {
		s.leafLine, s.leafList = lineNo, item
	}
	s.inline(content)
	return nil
}

// listMarker returns the length of a list marker at the start of b ("-", "*", "+", or up
// to 9 digits and "." or ")") followed by a space, a tab or the end of the line, and the
// marker's number (-1 for a bullet).
func listMarker(b []byte) (int, int) {
	if len(b) == 0 {
		return 0, -1
	}
	n, num := 0, -1
	switch c := b[0]; {
	case c == '-' || c == '*' || c == '+':
		n = 1
	case c >= '0' && c <= '9':
		num = 0
		for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
			num = num*10 + int(b[n]-'0')
			n++
		}
		if n >= len(b) || (b[n] != '.' && b[n] != ')') {
			return 0, -1
		}
		n++
	default:
		return 0, -1
	}
	if n < len(b) && b[n] != ' ' && b[n] != '\t' {
		return 0, -1
	}
	return n, num
}

func isFence(b []byte) bool {
	return len(b) >= 3 && (b[0] == '`' || b[0] == '~') && runLen(b, 0) >= 3
}

// runLen is the length of the run of b[i] starting at i.
func runLen(b []byte, i int) int {
	j := i
	for j < len(b) && b[j] == b[i] {
		j++
	}
	return j - i
}

// inline reads the inline markup of one line of the current leaf.
func (s *mdScan) inline(b []byte) {
	if t := bytes.TrimLeft(b, " \t"); len(t) > 0 && t[0] == '[' && len(b)-len(t) <= 3 {
		s.refDefs++
	}
	// link destinations ("](" or "](<") still being scanned, as in goldmark's
	// parseLinkDestination: to the next space (or '>'), at most to the end of the line
	var plain, angle, plainSum, angleSum int64
	for i := 0; i < len(b); i++ {
		at := s.leafBytes + int64(i)
		switch c := b[i]; c {
		case '\\':
			if i+1 < len(b) && isASCIIPunct(b[i+1]) {
				i++ // an escaped marker is text
			}
		case ' ', '\t', '\r':
			s.destWork += plain*at - plainSum
			plain, plainSum = 0, 0
		case '>':
			s.destWork += angle*at - angleSum
			angle, angleSum = 0, 0
		case '*', '_':
			s.delims++
			s.trig++
			i += runLen(b, i) - 1
		case '`':
			n := runLen(b, i)
			s.codeRuns = append(s.codeRuns, codeRun{at: at, len: n})
			s.trig++
			i += n - 1
		case '[':
			if s.open == 0 {
				s.openTrig = s.trig
			}
			s.open++
			s.maxOpen = max(s.maxOpen, s.open)
			s.trig++
		case ']':
			s.trig++
			if s.open == 0 {
				break
			}
			s.brWork += s.open + s.trig - s.openTrig
			s.open--
			if i+1 < len(b) && b[i+1] == '(' {
				s.dests++
				if i+2 < len(b) && b[i+2] == '<' {
					angle++
					angleSum += at + 3
				} else {
					plain++
					plainSum += at + 2
				}
			}
		case '<', '!', '&':
			s.trig++
		}
	}
	end := s.leafBytes + int64(len(b))
	s.destWork += plain*end - plainSum + angle*end - angleSum
	s.leafBytes = end + 1
}

// flush ends the current leaf block and adds up its work.
func (s *mdScan) flush() {
	if s.leafLine == 0 {
		return
	}
	if s.delims > 1 {
		s.add(workEmphasis, s.delims*(s.delims-1)/2*costEmphasis, int(s.delims))
	}
	if s.refDefs > 1 {
		s.add(workRefDef, s.refDefs*(s.refDefs-1)/2*costRefDef, int(s.refDefs))
	}
	s.add(workBracket, s.brWork*costBracket+s.open*costOpenLink, int(s.maxOpen))
	s.add(workDest, s.destWork*costDest, int(s.dests))
	s.add(workCode, s.codeWork()*costCode, len(s.codeRuns))
	codeRuns, nextOfLen, fence, fenceLen := s.codeRuns[:0], s.nextOfLen, s.fence, s.fenceLen
	work, worst := s.work, s.worst
	*s = mdScan{work: work, worst: worst, codeRuns: codeRuns, nextOfLen: nextOfLen, fence: fence, fenceLen: fenceLen}
}

func (s *mdScan) add(kind int, cost int64, size int) {
	s.work[kind] += cost
	if cost > s.worst[kind].cost {
		s.worst[kind].cost, s.worst[kind].line, s.worst[kind].size = cost, s.leafLine, size
	}
}

// codeWork is the bytes goldmark scans for the closing run of each run of backticks in
// the leaf: to the next run of the same length, or to the end of the leaf.
func (s *mdScan) codeWork() int64 {
	if len(s.codeRuns) < 2 {
		return 0
	}
	if s.nextOfLen == nil {
		s.nextOfLen = map[int]int64{}
	}
	clear(s.nextOfLen)
	var w int64
	for i := len(s.codeRuns) - 1; i >= 0; i-- {
		r := s.codeRuns[i]
		next, ok := s.nextOfLen[r.len]
		if !ok {
			next = s.leafBytes
		}
		w += next - r.at
		s.nextOfLen[r.len] = r.at
	}
	return w
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
