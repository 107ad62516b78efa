package nlp

import (
	"bytes"
	"math"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

func robustOpts(t testing.TB) Options {
	t.Helper()
	o, err := DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// checkPosting verifies what every consumer of a Posting relies on, whatever the input:
// spans inside the file, positions 1-based and ordered, sentence text mapping back to the
// file, finite evidence. It is shared by the robustness tests and FuzzParse.
func checkPosting(t testing.TB, p *Posting, src []byte) {
	t.Helper()
	if !bytes.Equal(p.Src, src) {
		t.Fatal("Posting.Src is not the input")
	}
	span := func(what string, s Span, allowZero bool) {
		t.Helper()
		if allowZero && s == (Span{}) {
			return
		}
		if s.Start < 0 || s.End < s.Start || s.End > len(src) {
			t.Fatalf("%s: span [%d,%d) outside the file (%d bytes)", what, s.Start, s.End, len(src))
		}
		if s.Line < 1 || s.Column < 1 || s.EndLine < s.Line || s.EndColumn < 1 || (s.EndLine == s.Line && s.EndColumn < s.Column) {
			t.Fatalf("%s: bad position %d:%d-%d:%d", what, s.Line, s.Column, s.EndLine, s.EndColumn)
		}
		if want := 1 + bytes.Count(crToLF(src[:s.Start]), []byte("\n")); s.Line != want {
			t.Fatalf("%s: line %d, want %d", what, s.Line, want)
		}
	}
	span("title", p.Title.Span, true)
	for i, n := range p.Notices {
		span("notice "+n.Message, n.Span, false)
		if n.Message == "" {
			t.Fatalf("notice %d has no message", i)
		}
	}
	for _, d := range p.Directives {
		span("directive", d.Span, false)
	}
	for i, sec := range p.Sections {
		span("section "+sec.Heading, sec.Span, true)
		_ = i
	}
	for i := range p.Sentences {
		s := &p.Sentences[i]
		span("sentence "+s.Text, s.Span, false)
		if s.Section < 0 || s.Section >= len(p.Sections) {
			t.Fatalf("sentence %d: section %d of %d", i, s.Section, len(p.Sections))
		}
		if s.Contiguous() {
			a, b := s.SrcRange(0, len(s.Text))
			if a < 0 || b > len(src) || a > b || string(src[a:b]) != s.Text {
				t.Fatalf("sentence %d: contiguous text %q maps to %q", i, s.Text, src[max(0, min(a, len(src))):max(0, min(b, len(src)))])
			}
		}
		for _, tok := range s.Tokens {
			if tok.Start < 0 || tok.Start > len(s.Text) {
				t.Fatalf("sentence %d: token %q at %d outside %d bytes", i, tok.Text, tok.Start, len(s.Text))
			}
		}
		for _, tg := range s.Tags {
			span("tag "+tg.Phrase, tg.Span, false)
			if math.IsNaN(tg.Weight) || math.IsInf(tg.Weight, 0) {
				t.Fatalf("tag %q weight %v", tg.Phrase, tg.Weight)
			}
		}
		for _, sr := range s.SelfRefs {
			span("self reference", sr, false)
		}
	}
	for _, r := range []Role{PO, PM, Shared, Other} {
		if v := roleWeight(p, r); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("%s evidence %v", r, v)
		}
	}
}

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		notices   []string // substrings, in order
		title     string
		sentences bool // the body was linted
	}{
		{"empty", "", []string{"empty posting"}, "", false},
		{"whitespace only", " \n\t\n\r\n   ", []string{"empty posting"}, "", false},
		{"BOM only", "\xef\xbb\xbf", []string{"empty posting"}, "", false},
		{"only front matter", "---\ntitle: Product Owner\nteam: payments\n---\n", nil, "Product Owner", false},
		{"only front matter, CRLF", "---\r\ntitle: Product Owner\r\n---\r\n", nil, "Product Owner", false},
		{"empty front matter", "---\n---\n", []string{"empty posting"}, "", false},
		{"malformed front matter", "---\ntitle: [unclosed\n---\n# Product Owner\n\n- Order the product backlog\n", []string{"malformed front matter"}, "Product Owner", true},
		{"front matter not a mapping", "---\n- a\n- b\n---\n# Product Owner\n\n- Order the product backlog\n", []string{"malformed front matter"}, "Product Owner", true},
		{"unclosed front matter", "---\ntitle: Product Owner\n\n# Product Owner\n\n- Order the product backlog\n", []string{"not closed"}, "Product Owner", true},
		{"lone rule", "---", []string{"empty posting"}, "", false},
		{"invalid UTF-8", "# Product Owner\n\n- Order the \xff\xfe product backlog\n", []string{"invalid UTF-8"}, "Product Owner", true},
		{"truncated rune at the end", "# Product Owner\n\n- Order the product backlog \xe2\x82", []string{"invalid UTF-8"}, "Product Owner", true},
		{"CR only line ends", "# Product Owner\r\r- Order the product backlog\r", nil, "Product Owner", true},
		{"mixed line ends", "# Product Owner\r\n\r- Order the product backlog\n- Write user stories\r", nil, "Product Owner", true},
		{"only a directive", "<!-- jdlint-disable-file -->\n", []string{"empty posting"}, "", false},
		{"unclosed comment", "# Product Owner\n\n<!-- jdlint-disable\n- Order the product backlog\n", nil, "Product Owner", false},
		{"prose contraction after invalid UTF-8", "# Product Owner\n\n- a00000000\xe2\x80'm owning the backlog\n", []string{"invalid UTF-8"}, "Product Owner", true},
		{"prose contraction after a rune whose lower case is longer", "# Product Owner\n\n- İİİ'm owning the backlog\n- KİN'll do n't\n", nil, "Product Owner", true},
		// deeper Markdown is refused (limits.go; lint's TestHostileInputs)
		{"deep nesting", "# Product Owner\n\n" + strings.Repeat("> ", MaxMarkdownDepth) + "Own the product backlog\n", nil, "Product Owner", true},
		{"deep list", strings.Repeat("  ", 0) + func() string {
			var b strings.Builder
			for i := 0; i < MaxMarkdownDepth; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- Own the product backlog\n")
			}
			return b.String()
		}(), nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("p.md", []byte(tt.src), robustOpts(t))
			if err != nil {
				t.Fatal(err)
			}
			checkPosting(t, p, []byte(tt.src))
			if len(p.Notices) != len(tt.notices) {
				t.Fatalf("notices %+v, want %q", p.Notices, tt.notices)
			}
			for i, want := range tt.notices {
				if !strings.Contains(p.Notices[i].Message, want) {
					t.Errorf("notice %q, want %q", p.Notices[i].Message, want)
				}
			}
			if p.Title.Text != tt.title {
				t.Errorf("title %q, want %q", p.Title.Text, tt.title)
			}
			if got := len(p.Sentences) > 0; got != tt.sentences {
				t.Errorf("has sentences = %v, want %v (%d)", got, tt.sentences, len(p.Sentences))
			}
		})
	}
}

func TestParseInvalidUTF8Notice(t *testing.T) {
	src := "# Product Owner\n\nÜber uns.\n\n- Order the \xff product backlog\n"
	p, err := Parse("p.md", []byte(src), robustOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Notices) != 1 {
		t.Fatalf("notices %+v", p.Notices)
	}
	n := p.Notices[0]
	if n.Span.Line != 5 || n.Span.Column != 13 || n.Span.Start != strings.Index(src, "\xff") {
		t.Errorf("notice at %d:%d (byte %d), want 5:13 at the bad byte", n.Span.Line, n.Span.Column, n.Span.Start)
	}
}

func TestParseBinary(t *testing.T) {
	for _, src := range []string{"\x00", "# Product Owner\n\x00\n", "PK\x03\x04\x00\x00", "\xff\xfe# \x00P\x00O\x00"} {
		if _, err := Parse("p.md", []byte(src), robustOpts(t)); err != ErrBinary {
			t.Errorf("%q: err = %v, want ErrBinary", src, err)
		}
	}
}

// naivePos is the obvious O(line) implementation lineIndex.pos must agree with.
func naivePos(src []byte, off int) (int, int) {
	off = max(0, min(off, len(src)))
	src = crToLF(src) // a lone CR ends a line too
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return 1 + bytes.Count(src[:off], []byte("\n")), utf8.RuneCount(src[start:off]) + 1
}

func TestSourceMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pieces := []string{"a", "é", "€", "😀", "\n", "\r\n", "\r", "\xff", "\xe2\x82", " ", strings.Repeat("x", 700), strings.Repeat("ü", 400)}
	for trial := 0; trial < 200; trial++ {
		var b strings.Builder
		for n := rng.Intn(60); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		src := []byte(b.String())
		li := NewSource(src)
		var joined []byte
		for _, l := range li.SplitLines() {
			joined = append(joined, l...)
		}
		if string(joined) != string(src) {
			t.Fatalf("SplitLines of %q joins to %q", src, joined)
		}
		for off := -1; off <= len(src)+1; off += 1 + rng.Intn(13) {
			l, c := li.Position(off)
			wl, wc := naivePos(src, off)
			if l != wl || c != wc {
				t.Fatalf("src %q offset %d: %d:%d, want %d:%d", src, off, l, c, wl, wc)
			}
		}
	}
}

func TestSubSegsMatchesNaive(t *testing.T) {
	naive := func(segs []segment, start, end int) []segment {
		var out []segment
		for _, s := range segs {
			a, b := max(s.text, start), min(s.text+s.n, end)
			if a >= b {
				continue
			}
			out = append(out, segment{text: a - start, src: s.src + (a - s.text), n: b - a})
		}
		return out
	}
	rng := rand.New(rand.NewSource(3))
	for trial := 0; trial < 500; trial++ {
		var segs []segment
		text, src := 0, 0
		for n := rng.Intn(20); n > 0; n-- {
			text += rng.Intn(2) // an inserted space between segments
			src += rng.Intn(5)
			l := 1 + rng.Intn(10)
			segs = append(segs, segment{text: text, src: src, n: l})
			text += l
			src += l
		}
		a := rng.Intn(text + 2)
		b := a + rng.Intn(text+2-a+1)
		got, want := subSegs(segs, a, b), naive(segs, a, b)
		if len(got) != len(want) {
			t.Fatalf("subSegs(%v, %d, %d) = %v, want %v", segs, a, b, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("subSegs(%v, %d, %d) = %v, want %v", segs, a, b, got, want)
			}
		}
	}
}

func TestCRToLF(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"a\nb", "a\nb"}, {"a\r\nb", "a\r\nb"}, {"a\rb", "a\nb"}, {"a\r", "a\n"},
		{"\r\r\n\r", "\n\r\n\n"}, {"a\r\r\nb\rc", "a\n\r\nb\nc"},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		got := crToLF(in)
		if string(got) != tt.want {
			t.Errorf("crToLF(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if string(in) != tt.in {
			t.Errorf("crToLF(%q) changed its input", tt.in)
		}
	}
	// a posting with old Mac line ends gets lines, and its directives work
	src := "# Product Owner\r\r<!-- jdlint-disable-next-line off-role-duty -->\r- Own the product backlog\r"
	p, err := Parse("mac.md", []byte(src), robustOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	checkPosting(t, p, []byte(src))
	if len(p.Sentences) != 1 || p.Sentences[0].Span.Line != 4 || !p.Disabled("off-role-duty", 4) {
		t.Errorf("sentences %+v, disabled on line 4: %v", p.Sentences, p.Disabled("off-role-duty", 4))
	}
}
