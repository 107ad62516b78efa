package report

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/jdlint/jdlint/rules"
)

// previewChanges is how many changed lines (or runs of lines) a preview shows before it
// says how many more there are.
const previewChanges = 3

// FixPreview renders a fix as the changed lines of src, each as an inline word diff:
// deleted words red and struck through and inserted words green when color is on,
// "[-old-]{+new+}" when it is off. Each line starts with its line number, right-aligned to
// the width of the file's last line number. A fix with more changes than a preview holds
// (role-blended) shows the first few and "... and N more".
func FixPreview(src []byte, fix *rules.Fix, color bool) []string {
	out, _ := fixPreview(src, fix, color, nil)
	return out
}

// fixPreview is FixPreview leaving out the changes whose edits elsewhere says another
// preview shows; it also returns the first line (1-based) of each change it left out.
func fixPreview(src []byte, fix *rules.Fix, color bool, elsewhere func([]rules.Edit) bool) (out []string, left []int) {
	if fix == nil || len(fix.Edits) == 0 {
		return nil, nil
	}
	edits := append([]rules.Edit(nil), fix.Edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	kept := edits[:0]
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) || len(kept) > 0 && e.Start < kept[len(kept)-1].End {
			continue
		}
		kept = append(kept, e)
	}
	var cs []change
	for _, c := range changes(src, kept) {
		if elsewhere != nil && elsewhere(c.held) {
			left = append(left, c.a+1)
			continue
		}
		cs = append(cs, c)
	}
	width := len(strconv.Itoa(len(lines(src))))
	for i, c := range cs {
		if i == previewChanges {
			out = append(out, fmt.Sprintf("... and %d more", len(cs)-i))
			break
		}
		old := string(bytes.Join(c.old, nil))
		new := string(bytes.Join(c.new, nil))
		for k, l := range wordDiff(old, new, color) {
			out = append(out, paint(color, ansiDim, fmt.Sprintf("%*d |", width, c.a+k+1))+" "+l)
		}
	}
	return out, left
}

// wordDiff diffs two runs of lines word by word (diffmatchpatch over word tokens, then its
// semantic cleanup) and renders them as display lines.
func wordDiff(old, new string, color bool) []string {
	strip := func(s string) string {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n") // a lone CR ends a line too
		return strings.TrimSuffix(s, "\n")
	}
	old, new = strip(old), strip(new)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // a few lines: exact and deterministic
	a, b, table := wordsToRunes(old, new)
	// clean up while each rune is a whole word: on characters, the cleanup would factor
	// out shared letters ("Own[-er-]" against "Manag[-er-]")
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(a, b, false))
	for i := range diffs {
		var sb strings.Builder
		for _, r := range diffs[i].Text {
			sb.WriteString(table[r-runeBase])
		}
		diffs[i].Text = sb.String()
	}

	lines := []string{""}
	emit := func(text string, op diffmatchpatch.Operation) {
		for i, part := range strings.Split(text, "\n") {
			if i > 0 {
				lines = append(lines, "")
			}
			if part == "" {
				continue
			}
			part = Printable(part) // posting text: no escape sequence reaches the terminal
			switch {
			case op == diffmatchpatch.DiffEqual:
				lines[len(lines)-1] += part
			case color && op == diffmatchpatch.DiffDelete:
				lines[len(lines)-1] += ansiRed + ansiStrike + part + ansiReset
			case color:
				lines[len(lines)-1] += ansiGreen + part + ansiReset
			case op == diffmatchpatch.DiffDelete:
				lines[len(lines)-1] += "[-" + part + "-]"
			default:
				lines[len(lines)-1] += "{+" + part + "+}"
			}
		}
	}
	for i, d := range diffs {
		text := d.Text
		if d.Type == diffmatchpatch.DiffEqual {
			text = clipContext(text, i > 0, i < len(diffs)-1)
		}
		emit(text, d.Type)
	}
	return lines
}

// previewContext is how many characters of unchanged text a preview keeps on each side of
// a change; a long paragraph line is cut down to the words around its changes.
const previewContext = 40

// clipContext shortens unchanged text in a preview: the part that follows a change keeps
// its head, the part before a change its tail, at word boundaries, with "…" for the rest.
func clipContext(text string, afterChange, beforeChange bool) string {
	parts := strings.Split(text, "\n")
	for i, part := range parts {
		head := afterChange && i == 0
		tail := beforeChange && i == len(parts)-1
		r := []rune(part)
		switch {
		case head && tail:
			if len(r) > 3*previewContext {
				parts[i] = cutAfter(r, previewContext) + " … " + cutBefore(r, len(r)-previewContext)
			}
		case tail:
			if len(r) > previewContext+10 {
				// keep a list marker or indentation at the start of the line
				lead := len(r) - len([]rune(strings.TrimLeft(part, " \t-*+•0123456789.)")))
				parts[i] = string(r[:lead]) + "…" + cutBefore(r, len(r)-previewContext)
			}
		case head:
			if len(r) > previewContext+10 {
				parts[i] = cutAfter(r, previewContext) + "…"
			}
		}
	}
	return strings.Join(parts, "\n")
}

// cutAfter returns r[:n], extended to the end of the word it cuts.
func cutAfter(r []rune, n int) string {
	for n < len(r) && !unicode.IsSpace(r[n]) {
		n++
	}
	return string(r[:n])
}

// cutBefore returns r[n:], moved to the start of the word it cuts.
func cutBefore(r []rune, n int) string {
	for n > 0 && !unicode.IsSpace(r[n-1]) {
		n--
	}
	return string(r[n:])
}

// runeBase keeps the token runes clear of the surrogate range.
const runeBase = 0x10000

// wordsToRunes maps each word, run of spaces or other character of both texts to one rune,
// so that diffmatchpatch diffs words rather than characters.
func wordsToRunes(a, b string) ([]rune, []rune, []string) {
	index := map[string]rune{}
	var table []string
	conv := func(s string) []rune {
		var out []rune
		for _, tok := range wordTokens(s) {
			r, ok := index[tok]
			if !ok {
				r = rune(runeBase + len(table))
				index[tok] = r
				table = append(table, tok)
			}
			out = append(out, r)
		}
		return out
	}
	return conv(a), conv(b), table
}

// wordTokens splits s into words (letters, digits, inner apostrophes), runs of spaces and
// single other characters.
func wordTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case isWordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) && !((r2 == '\'' || r2 == '’') && j+n2 < len(s) && isWordRuneAt(s, j+n2)) {
					break
				}
				j += n2
			}
		case r == ' ' || r == '\t':
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isWordRuneAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}
