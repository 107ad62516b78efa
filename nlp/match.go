package nlp

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"
)

// wordMatcher finds the same matches as re.FindAllStringIndex for a regular expression of the
// form \b(...)\b whose matches are bounded in length and start with an ASCII letter, such as
// roleMention, but much faster on long sentences: instead of letting re scan every byte, it
// tries re, anchored, at each word start, on a window one byte longer than the longest match
// (so the closing \b still sees the next character). Texts with the two non-ASCII letters
// that case-fold to ASCII ones (K Kelvin sign, ſ long s) take re itself.
type wordMatcher struct {
	re       *regexp.Regexp
	anchored *regexp.Regexp
	window   int // longest match in bytes, plus one; 0: always use re
	// starts holds the beginnings, lower-cased and up to prefixLen bytes long, that a match
	// can begin with, keyed by packKey; a word start that begins otherwise is skipped
	// without running anchored. lens has bit L set when some beginning is L bytes long.
	// nil: try every word start.
	starts *keySet
	lens   uint8
	// pairs[a] has bit b set when a beginning starts with letters a, b ('a' = 0), or is
	// the one letter a: a word start whose first two letters make no such pair is skipped
	// without looking starts up.
	pairs [26]uint32
}

// keySet is a set of packKey keys: an open-addressing table, faster than a map for the
// lookups mayStart makes at nearly every word start.
type keySet struct {
	slots []uint32 // 0: empty (packKey is never 0: it holds the length)
	shift uint
}

// newKeySet returns a set of keys, none of them 0.
func newKeySet(keys []uint32) *keySet {
	size, shift := 8, uint(32-3)
	for size < 4*len(keys) {
		size, shift = size*2, shift-1
	}
	s := &keySet{slots: make([]uint32, size), shift: shift}
	for _, k := range keys {
		i := s.slot(k)
		for s.slots[i] != 0 && s.slots[i] != k {
			i = (i + 1) & (len(s.slots) - 1)
		}
		s.slots[i] = k
	}
	return s
}

func (s *keySet) slot(k uint32) int { return int((k * 2654435769) >> s.shift) }

// has reports whether k is in the set.
func (s *keySet) has(k uint32) bool {
	for i := s.slot(k); ; i = (i + 1) & (len(s.slots) - 1) {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// prefixLen is how many bytes of a match's beginning the filter compares: four tell
// "product" from "project", "process" and "provide", which two did not.
const prefixLen = 4

func newWordMatcher(re *regexp.Regexp) *wordMatcher {
	m := &wordMatcher{re: re}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return m
	}
	if n, ok := maxLen(tree); ok && startsWithWordBoundary(tree) {
		m.anchored = regexp.MustCompile(`^(?:` + re.String() + `)`)
		m.window = n + 1
		if ps, ok := prefixes(tree, prefixLen); ok {
			var keys []uint32
			for _, p := range ps {
				if p == "" {
					keys = nil // anything may start a match
					break
				}
				keys = append(keys, packKey(p))
				m.lens |= 1 << len(p)
				if a := int(p[0]) - 'a'; a >= 0 && a < 26 {
					if b := int(p[min(1, len(p)-1)]) - 'a'; len(p) >= 2 && b >= 0 && b < 26 {
						m.pairs[a] |= 1 << b
					} else {
						m.pairs[a] = 1<<26 - 1 // any second letter
					}
				}
			}
			if keys != nil {
				m.starts = newKeySet(keys)
			}
		}
	}
	return m
}

// packKey packs up to prefixLen lower-cased bytes and their count into a map key.
func packKey(p string) uint32 {
	k := uint32(len(p))
	for i := 0; i < len(p); i++ {
		k = k<<8 | uint32(lowerASCII(p[i]))
	}
	return k
}

// mayStart reports whether a match can begin at text[i:], judged by its first bytes.
func (m *wordMatcher) mayStart(text string, i int) bool {
	if m.starts == nil {
		return true
	}
	if i+1 < len(text) {
		a, b := int(lowerASCII(text[i]))-'a', int(lowerASCII(text[i+1]))-'a'
		if a >= 0 && a < 26 && b >= 0 && b < 26 && m.pairs[a]&(1<<b) == 0 {
			return false // no beginning starts with these two letters
		}
	}
	for n := 1; n <= prefixLen && i+n <= len(text); n++ {
		if m.lens&(1<<n) != 0 && m.starts.has(packKey(text[i:i+n])) {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// prefixes returns strings, lower-cased and at most n bytes long, one of which begins
// every match of re (compared lower-cased); a shorter string only says less. It returns
// false when it cannot tell (non-ASCII literals, big classes, unknown operators).
func prefixes(re *syntax.Regexp, n int) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine,
		syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpStar, syntax.OpQuest:
		if re.Op == syntax.OpQuest {
			ps, ok := prefixes(re.Sub[0], n)
			return append(ps, ""), ok
		}
		return []string{""}, true
	case syntax.OpLiteral:
		var b []byte
		for _, r := range re.Rune {
			if r >= utf8.RuneSelf {
				return nil, false
			}
			if len(b) < n {
				b = append(b, lowerASCII(byte(r)))
			}
		}
		return []string{string(b)}, true
	case syntax.OpCharClass:
		var out []string
		seen := map[byte]bool{}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1] >= utf8.RuneSelf || re.Rune[i+1]-re.Rune[i] > 64 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if c := lowerASCII(byte(r)); !seen[c] {
					seen[c] = true
					out = append(out, string(c))
				}
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return prefixes(re.Sub[0], n)
	case syntax.OpRepeat:
		if re.Min == 0 {
			return []string{""}, true
		}
		return prefixes(re.Sub[0], n)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			ps, ok := prefixes(sub, n)
			if !ok {
				return nil, false
			}
			out = append(out, ps...)
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			open := false
			for _, p := range out {
				if len(p) < n {
					open = true
				}
			}
			if !open {
				break
			}
			next, ok := prefixes(sub, n)
			if !ok {
				return nil, false
			}
			var grown []string
			for _, p := range out {
				if len(p) == n {
					grown = append(grown, p)
					continue
				}
				for _, q := range next {
					grown = append(grown, (p + q)[:min(n, len(p)+len(q))])
				}
			}
			if len(grown) > 4096 {
				return nil, false
			}
			out = grown
		}
		return out, true
	}
	return nil, false
}

// FindAllStringIndex returns the matches of the regular expression in text, as
// regexp.Regexp.FindAllStringIndex(text, -1) does.
func (m *wordMatcher) FindAllStringIndex(text string) [][]int {
	if m.window == 0 || hasASCIIFold(text) {
		return m.re.FindAllStringIndex(text, -1)
	}
	var out [][]int
	end := 0 // matches do not overlap
	for i := 0; i < len(text); i++ {
		if i < end || !isASCIILetter(text[i]) || (i > 0 && isBoundaryWordByte(text[i-1])) || !m.mayStart(text, i) {
			continue
		}
		w := min(len(text), i+m.window)
		if loc := m.anchored.FindStringIndex(text[i:w]); loc != nil && loc[1] > 0 {
			out = append(out, []int{i, i + loc[1]})
			end = i + loc[1]
		}
	}
	return out
}

// hasASCIIFold reports whether text holds K (Kelvin sign) or ſ (long s), the two non-ASCII
// letters that case-fold to ASCII ones. strings.ContainsAny would look each rune of text up
// in the set; their lead bytes (0xE2, 0xC5) are searched for first, which is one fast
// byte scan on the usual text that has neither.
func hasASCIIFold(text string) bool {
	if strings.IndexByte(text, 0xE2) < 0 && strings.IndexByte(text, 0xC5) < 0 {
		return false
	}
	return strings.ContainsAny(text, "\u212a\u017f")
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isBoundaryWordByte is \b's idea of a word character: ASCII letters, digits and underscore.
func isBoundaryWordByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' }

// startsWithWordBoundary reports whether every match must begin at a \b followed by an
// ASCII letter: the expression is \b then anything whose first characters are ASCII letters.
func startsWithWordBoundary(re *syntax.Regexp) bool {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpWordBoundary {
		return false
	}
	return firstIsLetter(re.Sub[1])
}

// firstIsLetter reports whether every match of re starts with an ASCII letter (or its
// case-fold twins, which FindAllStringIndex sends to the slow path).
func firstIsLetter(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune) > 0 && re.Rune[0] < utf8.RuneSelf && isASCIILetter(byte(re.Rune[0]))
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !(r < utf8.RuneSelf && isASCIILetter(byte(r))) && r != '\u212a' && r != '\u017f' {
					return false
				}
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return firstIsLetter(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min >= 1 && firstIsLetter(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && firstIsLetter(re.Sub[0])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !firstIsLetter(s) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// maxLen returns the longest match of re in bytes, or false when it is unbounded.
func maxLen(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			switch {
			case r < utf8.RuneSelf:
				n++ // its case-fold twins are ASCII too, but for K and ſ, which take the slow path
			case re.Flags&syntax.FoldCase != 0:
				n += utf8.UTFMax
			default:
				n += utf8.RuneLen(r)
			}
		}
		return n, true
	case syntax.OpCharClass, syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax, true
	case syntax.OpCapture:
		return maxLen(re.Sub[0])
	case syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return 0, false
		}
		n, ok := maxLen(re.Sub[0])
		return n * re.Max, ok
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			n, ok := maxLen(s)
			if !ok {
				return 0, false
			}
			total += n
		}
		return total, true
	case syntax.OpAlternate:
		best := 0
		for _, s := range re.Sub {
			n, ok := maxLen(s)
			if !ok {
				return 0, false
			}
			best = max(best, n)
		}
		return best, true
	}
	return 0, false
}

// roleMentions is roleMention's fast matcher.
var roleMentions = sync.OnceValue(func() *wordMatcher { return newWordMatcher(roleMention()) })
