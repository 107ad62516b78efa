package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// What jdlint prints to a terminal or a log holds text other people wrote: posting text and
// file names. A control character in it would reach the terminal raw (escape sequences set
// the window title, clear the screen or write the clipboard), a newline would forge extra
// lines (a `line` result, a workflow command in GitHub Actions) and a right-to-left override
// would reorder what is shown. So every such character is shown as an escape instead:
// Printable for text, QuotePath for file names. Reports that other programs parse (json,
// sarif, github, html, diff content) escape in their own syntax instead.

// unsafeRune reports whether r must not reach a terminal as it is: C0 and C1 controls and
// DEL, the Unicode line and paragraph separators, and the bidirectional controls that
// reorder a line (the "Trojan Source" characters).
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// printableOK reports whether s needs no escaping: valid UTF-8 without an unsafe rune.
func printableOK(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			return false
		}
		i += n
	}
	return true
}

// Printable returns s with every control character (C0, DEL, C1), line or paragraph
// separator, bidirectional control and byte that is not UTF-8 replaced by a visible Go-style
// escape: \n, \r, \t, \x1b, \u202e, and \xff for a stray byte. Everything else, non-ASCII
// letters included, is left as it is, so the result is one line and safe on any terminal.
func Printable(s string) string {
	if printableOK(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeRune(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// QuotePath returns a file name as git shows one (with core.quotePath off): as it is, unless
// it holds a control character, a line separator, a bidirectional control, a byte that is
// not UTF-8, a double quote or a backslash; then in double quotes, with C escapes (\n, \t,
// \", \\ ...) and the bytes of every other such character in octal (\033), which `git apply`
// and `patch` read back. Other non-ASCII letters stay as they are.
func QuotePath(p string) string {
	if printableOK(p) && !strings.ContainsAny(p, `"\`) {
		return p
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			for _, c := range []byte(p[i : i+n]) {
				if e := cEscape(c); e != 0 {
					b.WriteByte('\\')
					b.WriteByte(e)
				} else {
					fmt.Fprintf(&b, `\%03o`, c)
				}
			}
			i += n
			continue
		}
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteString(p[i : i+n])
		i += n
	}
	b.WriteByte('"')
	return b.String()
}

// cEscape is the letter of the C escape git writes for c (\a, \b, \t, \n, \v, \f, \r), or 0.
func cEscape(c byte) byte {
	switch c {
	case '\a':
		return 'a'
	case '\b':
		return 'b'
	case '\t':
		return 't'
	case '\n':
		return 'n'
	case '\v':
		return 'v'
	case '\f':
		return 'f'
	case '\r':
		return 'r'
	}
	return 0
}
