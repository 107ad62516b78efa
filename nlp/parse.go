package nlp

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

// block is one unit of text that sentences never cross: a heading, a list item or a paragraph.
type block struct {
	kind    BlockKind
	level   int  // heading level; 0 for pseudo-headings
	pseudo  bool // a bold line or a "Label:" line used as a heading
	text    string
	segs    []segment
	start   int // file offset of the block's first text byte
	boldAll bool
}

var markdownParser = goldmark.New()

// fmOpen is the first line of YAML front matter: "---", or "--- yaml" as some sites write it.
var fmOpen = lazyRegexp(`^---[ \t]*(?:yaml)?[ \t]*\r?\n`)

// frontMatter splits YAML front matter from the body of text (the posting as parsed, with
// lines as src indexes them). It returns the offset where the body starts, the decoded
// fields, the title value's file span (if any), the byte range of the YAML between the
// fences, and a notice for malformed or unclosed front matter.
func frontMatter(text []byte, src *Source, from int) (bodyStart int, fm map[string]any, titleAt, yamlAt [2]int, notice string) {
	m := fmOpen().FindIndex(text[from:])
	if m == nil {
		return tomlFrontMatter(text, src, from)
	}
	open := from + m[1]
	for n := src.LineOf(open); n <= src.Lines(); n++ {
		start, end, next := src.Line(n)
		if start < open {
			continue
		}
		line := strings.TrimRight(string(text[start:end]), " \t")
		if line != "---" && line != "..." {
			continue
		}
		yamlAt = [2]int{open, start}
		if err := yaml.Unmarshal(text[open:start], &fm); err != nil {
			msg := strings.ReplaceAll(err.Error(), "\n", " ")
			return next, nil, titleAt, yamlAt, "malformed front matter: " + msg
		}
		if t, ok := fm["title"].(string); ok && strings.TrimSpace(t) != "" {
			titleAt = findTitleValue(text, src, open, start, t)
		}
		return next, fm, titleAt, yamlAt, ""
	}
	return from, nil, titleAt, yamlAt, "front matter is not closed with a --- line; read as body"
}

// tomlOpen and tomlTitle read the TOML front matter of Hugo and Zola sites ("+++" fences,
// title = "..."), which many career pages are built with.
var (
	tomlOpen  = lazyRegexp(`^\+\+\+[ \t]*\r?\n`)
	tomlTitle = lazyRegexp(`^\s*title\s*=\s*(?:"([^"]*)"|'([^']*)')\s*$`)
)

// tomlFrontMatter is frontMatter for "+++" fences. Only the title is read; TOML comments
// ("# jdlint-disable-file") count as directives as YAML comments do.
func tomlFrontMatter(text []byte, src *Source, from int) (bodyStart int, fm map[string]any, titleAt, yamlAt [2]int, notice string) {
	m := tomlOpen().FindIndex(text[from:])
	if m == nil {
		return from, nil, titleAt, yamlAt, ""
	}
	open := from + m[1]
	fm = map[string]any{}
	for n := src.LineOf(open); n <= src.Lines(); n++ {
		start, end, next := src.Line(n)
		if start < open {
			continue
		}
		line := string(text[start:end])
		if strings.TrimSpace(line) == "+++" {
			return next, fm, titleAt, [2]int{open, start}, ""
		}
		if _, ok := fm["title"]; ok {
			continue
		}
		if t := tomlTitle().FindStringSubmatchIndex(line); t != nil {
			g := 2
			if t[2] < 0 {
				g = 4
			}
			fm["title"] = line[t[g]:t[g+1]]
			titleAt = [2]int{start + t[g], start + t[g+1]}
		}
	}
	return from, nil, [2]int{}, yamlAt, "front matter is not closed with a +++ line; read as body"
}

// findTitleValue finds the bytes of the title value on the "title:" line of front matter
// between offsets start and end.
func findTitleValue(text []byte, src *Source, start, end int, title string) [2]int {
	for n := src.LineOf(start); n <= src.Lines(); n++ {
		ls, le, _ := src.Line(n)
		if ls >= end {
			break
		}
		line := text[ls:le]
		if bytes.HasPrefix(line, []byte("title:")) {
			if i := bytes.Index(line, []byte(title)); i >= 0 {
				return [2]int{ls + i, ls + i + len(title)}
			}
		}
	}
	return [2]int{}
}

// markdownBlocks walks the goldmark AST of src[base:] and returns its text blocks with
// offsets into src.
func markdownBlocks(src []byte, base int) []block {
	body := src[base:]
	doc := markdownParser.Parser().Parse(text.NewReader(body))
	var blocks []block
	var walk func(n ast.Node, inItem bool)
	walk = func(n ast.Node, inItem bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				b := inlineBlock(c, body, base)
				b.kind, b.level = HeadingBlock, c.Level
				blocks = append(blocks, b)
			case *ast.Paragraph, *ast.TextBlock:
				kind := ParagraphBlock
				if inItem {
					kind = ItemBlock
				}
				blocks = append(blocks, splitBoldLead(inlineBlock(c, body, base), kind, c, body, base)...)
			case *ast.ListItem:
				walk(c, true)
			case *ast.List, *ast.Blockquote:
				walk(c, inItem)
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.ThematicBreak:
			default:
				if c.Type() == ast.TypeBlock {
					walk(c, inItem)
				}
			}
		}
	}
	walk(doc, false)
	return blocks
}

// inlineBlock collects the text of a block's inline children, dropping markup.
func inlineBlock(n ast.Node, body []byte, base int) block {
	var tb textBuilder
	collectInline(n, body, base, &tb)
	b := block{text: string(tb.buf), segs: tb.segs}
	if len(tb.segs) > 0 {
		b.start = tb.segs[0].src
	}
	b.boldAll = onlyStrong(n)
	return b
}

func collectInline(n ast.Node, body []byte, base int, tb *textBuilder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			tb.addAt(body, c.Segment.Start, c.Segment.Stop, base)
			if c.SoftLineBreak() || c.HardLineBreak() {
				tb.space()
			}
		case *ast.RawHTML, *ast.Image, *ast.AutoLink:
		default:
			collectInline(c, body, base, tb)
		}
	}
}

// onlyStrong reports whether a block's text is one bold (or italic) run.
func onlyStrong(n ast.Node) bool {
	var strong ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && t.Segment.Len() == 0 {
			continue
		}
		if strong != nil {
			return false
		}
		if _, ok := c.(*ast.Emphasis); !ok {
			return false
		}
		strong = c
	}
	return strong != nil
}

// splitBoldLead splits a paragraph whose first line is one bold run ("**Duties**" then text
// on the next line) into a pseudo-heading and the rest.
func splitBoldLead(b block, kind BlockKind, n ast.Node, body []byte, base int) []block {
	b.kind = kind
	first := n.FirstChild()
	em, ok := first.(*ast.Emphasis)
	if !ok || b.boldAll || kind != ParagraphBlock {
		return []block{b}
	}
	last := em.LastChild()
	t, ok := last.(*ast.Text)
	next, ok2 := em.NextSibling().(*ast.Text)
	if !ok || !ok2 || !(t.SoftLineBreak() || t.HardLineBreak() || (next.Segment.Len() == 0 && (next.SoftLineBreak() || next.HardLineBreak()))) {
		return []block{b}
	}
	var head textBuilder
	collectInline(em, body, base, &head)
	h := block{kind: ParagraphBlock, text: strings.TrimSpace(string(head.buf)), segs: head.segs, boldAll: true}
	if len(head.segs) > 0 {
		h.start = head.segs[0].src
	}
	cut := len(head.buf)
	rest := strings.TrimLeft(b.text[min(cut, len(b.text)):], " ")
	skip := len(b.text) - len(rest)
	r := block{kind: kind, text: rest, segs: subSegs(b.segs, skip, len(b.text))}
	if len(r.segs) > 0 {
		r.start = r.segs[0].src
	}
	return []block{h, r}
}

var itemMarker = []string{"- ", "* ", "+ ", "• ", "– ", "· "}

// textBlocks splits plain text into blocks: list items line by line, paragraphs at blank
// lines, the first line and "Label:" lines on their own, and runs of short unpunctuated lines
// one block each (bullets written without markers).
func textBlocks(src []byte, lines *Source, base int) []block {
	var blocks []block
	var para textBuilder
	prevOpen := false // the previous paragraph line was short and had no final punctuation
	flush := func() {
		if len(para.segs) > 0 {
			blocks = append(blocks, block{kind: ParagraphBlock, text: string(para.buf), segs: para.segs, start: para.segs[0].src})
		}
		para = textBuilder{}
		prevOpen = false
	}
	alone := func(s, e int, pseudo bool) {
		flush()
		var tb textBuilder
		tb.add(src, s, e)
		blocks = append(blocks, block{kind: ParagraphBlock, text: string(src[s:e]), segs: tb.segs, start: s, pseudo: pseudo})
	}
	first := true
	for n := lines.LineOf(base); n <= lines.Lines(); n++ {
		s, e, _ := lines.Line(n)
		s = max(s, base)
		for s < e && (src[s] == ' ' || src[s] == '\t') {
			s++
		}
		for e > s && (src[e-1] == ' ' || src[e-1] == '\t') {
			e--
		}
		line := string(src[s:e])
		switch {
		case s == e:
			flush()
		case first:
			alone(s, e, false)
		case markerLen(line) > 0:
			flush()
			var tb textBuilder
			m := markerLen(line)
			tb.add(src, s+m, e)
			blocks = append(blocks, block{kind: ItemBlock, text: line[m:], segs: tb.segs, start: s + m})
		case fieldLine().MatchString(line):
			alone(s, e, false) // "Location: Leeds": a field of the header, never a heading
		case looksLikeLabel(line) || (isTitleLike(line) && len(strings.Fields(line)) <= 6 && sectionKind(line) != ""):
			alone(s, e, true)
		default:
			short := isTitleLike(line) || (len(strings.Fields(line)) <= 15 && !strings.ContainsAny(line[len(line)-1:], ".!?;:,"))
			r, _ := utf8.DecodeRuneInString(line)
			if prevOpen && unicode.IsUpper(r) {
				flush()
			}
			if len(para.segs) > 0 {
				para.space()
			}
			para.add(src, s, e)
			prevOpen = short
		}
		if s != e {
			first = false
		}
	}
	flush()
	return blocks
}

// fieldLine is a "Key: value" line of an export's header ("Job ID: 4471", "Location:
// Leeds, UK", "Salary: £58,000"): a short key, a colon, then a value on the same line.
var fieldLine = lazyRegexp(`^[\p{L}][\p{L}\d .&/()'-]{0,28}:[ \t]+\S`)

// markerLen returns the length of a list marker at the start of line ("- ", "1. ", "2) "), or 0.
func markerLen(line string) int {
	for _, m := range itemMarker {
		if strings.HasPrefix(line, m) {
			return len(m) + len(line[len(m):]) - len(strings.TrimLeft(line[len(m):], " "))
		}
	}
	i := 0
	for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' ' {
		return i + 2
	}
	return 0
}

// looksLikeLabel reports a short "Label:" line such as "Responsibilities:".
func looksLikeLabel(line string) bool {
	if !strings.HasSuffix(line, ":") {
		return false
	}
	w := strings.Fields(line)
	return len(w) > 0 && len(w) <= 7
}

// isTitleLike reports a short line with no final sentence punctuation.
func isTitleLike(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || strings.ContainsAny(line[len(line)-1:], ".!?;,") {
		return false
	}
	w := strings.Fields(line)
	if len(w) == 0 || len(w) > 12 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// ErrBinary is returned for files that hold NUL bytes.
var ErrBinary = fmt.Errorf("binary content (NUL bytes); skipped")
