package nlp

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Options tune parsing and classification. The zero value is not useful; start from
// DefaultOptions.
type Options struct {
	Taxonomy     *Taxonomy
	TitleAliases []TitleAlias
	Markdown     *bool // force Markdown (true) or plain text (false); nil decides by extension
}

// DefaultOptions returns options with the embedded taxonomy and title aliases.
func DefaultOptions() (Options, error) {
	t, err := DefaultTaxonomy()
	if err != nil {
		return Options{}, err
	}
	return Options{Taxonomy: t, TitleAliases: DefaultTitleAliases}, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse reads one posting. path names it in messages and picks Markdown or text by
// extension ("-" and unknown extensions are Markdown). It returns ErrBinary for content with
// NUL bytes; every other problem becomes a Notice on the Posting.
func Parse(path string, src []byte, opts Options) (*Posting, error) {
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, ErrBinary
	}
	p := &Posting{Path: path, Src: src, Language: "en"}
	// text is what gets parsed: src with old Mac line ends (a lone CR) read as LF. It has
	// the same length, so every offset into it is an offset into src.
	text := p.text()
	p.Source = NewSource(src)
	if !utf8.Valid(src) {
		at := invalidAt(src)
		p.Notices = append(p.Notices, Notice{Message: "invalid UTF-8; decoded with replacement characters", Span: p.SpanOf(at, at+1)})
	}
	ext := strings.ToLower(filepath.Ext(path))
	p.Markdown = ext != ".txt" && ext != ".text"
	if opts.Markdown != nil {
		p.Markdown = *opts.Markdown
	}
	start := 0
	if bytes.HasPrefix(src, utf8BOM) {
		start = len(utf8BOM)
	}
	body, fm, titleAt, fmRange, notice := frontMatter(text, p.Source, start)
	p.FrontMatter = fmRange
	if notice != "" {
		p.Notices = append(p.Notices, Notice{Message: notice, Span: p.SpanOf(start, start+3)})
	}
	var blocks []block
	if p.Markdown {
		blocks = markdownBlocks(text, body)
	} else {
		blocks = textBlocks(text, p.Source, body)
	}
	blocks = p.findTitle(fm, titleAt, blocks, opts.TitleAliases)
	p.buildSentences(blocks)
	for i := range p.Sentences {
		p.Sentences[i].Tokens = Tokenize(p.Sentences[i].Text)
	}
	if len(p.Sentences) == 0 && p.Title.Source == "" {
		p.Notices = append(p.Notices, Notice{Message: "empty posting: nothing to lint", Span: p.SpanOf(0, 0)})
	}
	p.Language = detectLanguage(p.Sentences)
	parseDirectives(p)
	if opts.Taxonomy != nil {
		for i := range p.Sentences {
			opts.Taxonomy.tagSentence(p, &p.Sentences[i], p.Title.Role)
		}
	}
	return p, nil
}

func invalidAt(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return 0
}

var labelTitle = regexp.MustCompile(`(?i)^\s*(?:job\s*title|title|position|role|job)\s*:\s*(.+)$`)

// findTitle sets p.Title and returns the blocks left for the body.
func (p *Posting) findTitle(fm map[string]any, titleAt [2]int, blocks []block, aliases []TitleAlias) []block {
	set := func(text, source string, start, end int) {
		p.Title = Title{Text: strings.Trim(text, " \t=#*_-"), Source: source}
		if end > start {
			p.Title.Span = p.SpanOf(start, end)
		}
		p.Title.Role, p.Title.Parts = ClassifyTitle(p.Title.Text, aliases)
	}
	if t, ok := fm["title"].(string); ok && strings.TrimSpace(t) != "" {
		set(t, "front-matter", titleAt[0], titleAt[1])
		return blocks
	}
	p.Title.Role = None
	if len(blocks) == 0 {
		return blocks
	}
	blockSpan := func(b block) (int, int) {
		return srcOffset(b.segs, 0, false), srcOffset(b.segs, len(b.text), true)
	}
	for i, b := range blocks {
		if b.kind == HeadingBlock && b.level == 1 && i <= 2 {
			s, e := blockSpan(b)
			set(b.text, "h1", s, e)
			return append(blocks[:i:i], blocks[i+1:]...)
		}
	}
	b := blocks[0]
	s, e := blockSpan(b)
	switch {
	case b.kind == HeadingBlock && sectionKind(b.text) == "":
		set(b.text, "heading", s, e)
	case b.boldAll && b.kind == ParagraphBlock && isTitleLike(b.text):
		set(b.text, "bold", s, e)
	case labelTitle.MatchString(b.text):
		m := labelTitle.FindStringSubmatchIndex(b.text)
		set(b.text[m[2]:m[3]], "label", srcOffset(b.segs, m[2], false), srcOffset(b.segs, m[3], true))
	case b.kind == ParagraphBlock && isTitleLike(b.text) && sectionKind(b.text) == "":
		set(b.text, "first-line", s, e)
	default:
		return blocks
	}
	return blocks[1:]
}

// buildSentences assigns blocks to sections and splits them into sentences.
func (p *Posting) buildSentences(blocks []block) {
	p.Sections = []Section{{Kind: OtherSection}}
	// split every block first, so that p.Sentences is allocated once at its size: growing
	// it by append was a fifth of a big run's allocations
	splits := make([][][2]int, len(blocks))
	n := 0
	for i, b := range blocks {
		splits[i] = splitBlock(b.text)
		n += len(splits[i])
	}
	if n > 0 {
		p.Sentences = make([]Sentence, 0, n)
	}
	for bi, b := range blocks {
		heading := b.kind == HeadingBlock || b.pseudo ||
			(b.boldAll && len(strings.Fields(b.text)) <= 8) ||
			(b.kind == ParagraphBlock && looksLikeLabel(b.text))
		if heading {
			k := sectionKind(b.text)
			if k == "" {
				k = p.Sections[len(p.Sections)-1].Kind
				if b.kind == HeadingBlock && b.level <= 2 {
					k = OtherSection
				}
			}
			p.Sections = append(p.Sections, Section{Heading: strings.TrimRight(b.text, ": "), Kind: k,
				Span: p.SpanOf(srcOffset(b.segs, 0, false), srcOffset(b.segs, len(b.text), true))})
		}
		sec := len(p.Sections) - 1
		kind := b.kind
		if heading {
			kind = HeadingBlock
		}
		for _, r := range splits[bi] {
			segs := subSegs(b.segs, r[0], r[1])
			p.Sentences = append(p.Sentences, Sentence{
				Text: b.text[r[0]:r[1]], Section: sec, SectionKind: p.Sections[sec].Kind, Block: kind,
				Span: p.SpanOf(srcOffset(segs, 0, false), srcOffset(segs, r[1]-r[0], true)),
				segs: segs,
			})
		}
	}
}

// SrcRange maps a byte range of s.Text to a byte range of the file.
func (s *Sentence) SrcRange(start, end int) (int, int) {
	return srcOffset(s.segs, start, false), srcOffset(s.segs, end, true)
}

// Contiguous reports whether the sentence's text is one unbroken run of the file, so that
// a rewrite of the text can be spliced back byte for byte.
func (s *Sentence) Contiguous() bool { return len(s.segs) == 1 }

func (p *Posting) String() string {
	return fmt.Sprintf("%s: %q (%s)", p.Path, p.Title.Text, p.Title.Role)
}
