package nlp

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Options tune parsing and classification. The zero value is not useful; start from
// DefaultOptions.
type Options struct {
	Taxonomy     *Taxonomy
	TitleAliases []TitleAlias
	Markdown     *bool // force Markdown (true) or plain text (false); nil decides by extension
	// NoInlineConfig ignores the posting's jdlint-disable directives (--no-inline-config):
	// they turn nothing off, and a notice at the first one says so.
	NoInlineConfig bool
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
		if err := checkMarkdown(text[body:], 1+bytes.Count(text[:body], []byte("\n"))); err != nil {
			return nil, err // structure goldmark would take quadratic time on (limits.go)
		}
		blocks = markdownBlocks(text, body)
	} else {
		blocks = textBlocks(text, p.Source, body)
	}
	blocks = p.findTitle(fm, titleAt, blocks, opts.TitleAliases)
	p.buildSentences(blocks)
	var words []string // Tokenize's, one buffer for all the sentences
	for i := range p.Sentences {
		words = appendProseWords(words[:0], p.Sentences[i].Text)
		p.Sentences[i].Tokens = tokensOf(p.Sentences[i].Text, words, true)
	}
	if len(p.Sentences) == 0 && p.Title.Source == "" {
		p.Notices = append(p.Notices, Notice{Message: "empty posting: nothing to lint", Span: p.SpanOf(0, 0)})
	}
	p.Language = detectLanguage(p.Sentences)
	parseDirectives(p)
	if opts.NoInlineConfig && len(p.Directives) > 0 {
		p.Notices = append(p.Notices, Notice{
			Message: fmt.Sprintf("%d inline jdlint directive(s) ignored: --no-inline-config", len(p.Directives)),
			Span:    p.Directives[0].Span})
		p.Directives = nil
	}
	if opts.Taxonomy != nil {
		var sc tagScratch
		for i := range p.Sentences {
			opts.Taxonomy.tagSentence(p, &p.Sentences[i], p.Title.Role, &sc)
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

// labelTitle is a "Job Title: ..." line of a header block. Group 1 is the key, group 2 the
// value.
var labelTitle = lazyRegexp(`(?i)^\s*(job\s*title|position\s*title|role\s*title|title|position|role|job|vacancy|opening)\s*:\s*(.+)$`)

// nextField is the start of another "Key: value" field after a label's value.
var nextField = lazyRegexp(`\s+\p{Lu}\p{Ll}*(?: \p{Ll}+){0,2}:\s`)

// titleKeys are label keys that always name the title, whatever it says; other keys
// ("Role:", "Position:") count only when the value names a role.
var titleKeys = map[string]bool{"job title": true, "jobtitle": true, "position title": true, "role title": true, "title": true}

// headerBlocks is how many blocks from the top are searched for a title: job boards and
// exports put a company name, IDs, location and salary lines before it.
const headerBlocks = 14

// findTitle sets p.Title and returns the blocks left for the body. It looks where real
// postings put the title, in this order:
//
//  1. front matter (title:);
//  2. an H1 near the top that names a role;
//  3. a "Job Title:", "Position:" or "Role:" label in the header block, after lines such as
//     "Job ID:", "Location:", "Company:" or "Salary:";
//  4. a heading or bold line in the header block that names a role (a company or careers
//     H1 with the job title in an H2 or a bold line);
//  5. a short title-like line in the header block that names a role;
//  6. the first sentences: "We are looking for a Product Owner to ...";
//  7. an H1 near the top that names no role ("Open position"), then a title-like first line.
//
// The header block ends at the first heading that opens a known section (duties,
// requirements, benefits...).
func (p *Posting) findTitle(fm map[string]any, titleAt [2]int, blocks []block, aliases []TitleAlias) []block {
	if t, ok := fm["title"].(string); ok && strings.TrimSpace(t) != "" {
		p.setTitle(t, "front-matter", titleAt[0], titleAt[1], aliases)
		return blocks
	}
	p.Title.Role = None
	if len(blocks) == 0 {
		return blocks
	}
	f := &titleFinder{p: p, blocks: blocks, aliases: aliases}
	f.header = blocks[:f.headerEnd()]
	for _, step := range []func() (int, bool){f.roleH1, f.label, f.roleHeading, f.roleLine, f.sentence, f.anyH1, f.firstLine} {
		if i, ok := step(); ok {
			if i < 0 {
				return blocks // the title sits inside a sentence of the body
			}
			return append(blocks[:i:i], blocks[i+1:]...)
		}
	}
	return blocks
}

// setTitle sets the title found at file bytes [start, end) and the role it names.
func (p *Posting) setTitle(text, source string, start, end int, aliases []TitleAlias) {
	p.Title = Title{Text: strings.Trim(text, " \t=#*_-"), Source: source}
	if end > start {
		p.Title.Span = p.SpanOf(start, end)
	}
	p.Title.Role, p.Title.Parts = ClassifyTitle(p.Title.Text, aliases)
}

// titleFinder holds one posting's blocks while findTitle tries each place a title may sit.
// Each step returns the index of the block it took as the title (-1 when the title stays
// inside a body sentence) and whether it found one.
type titleFinder struct {
	p       *Posting
	blocks  []block
	header  []block // the blocks before the first heading of a known section
	aliases []TitleAlias
}

func (f *titleFinder) names(text string) bool {
	r, _ := ClassifyTitle(text, f.aliases)
	return r != None
}

// take makes block i the title.
func (f *titleFinder) take(i int, source string) (int, bool) {
	b := f.blocks[i]
	f.p.setTitle(b.text, source, srcOffset(b.segs, 0, false), srcOffset(b.segs, len(b.text), true), f.aliases)
	return i, true
}

// headerEnd is the index of the first heading that opens a known section (duties,
// requirements, benefits...), at most headerBlocks.
func (f *titleFinder) headerEnd() int {
	n := min(len(f.blocks), headerBlocks)
	for i, b := range f.blocks[:n] {
		if i > 0 && (b.kind == HeadingBlock || b.pseudo || b.boldAll) && sectionKind(b.text) != "" && !f.names(b.text) && !fieldLine().MatchString(b.text) {
			return i
		}
	}
	return n
}

// roleH1 is step 2: an H1 near the top that names a role.
func (f *titleFinder) roleH1() (int, bool) {
	for i, b := range f.header {
		if b.kind == HeadingBlock && b.level == 1 && i <= 2 && f.names(b.text) {
			return f.take(i, "h1")
		}
	}
	return 0, false
}

// label is step 3: "Job Title: ...", or "Position:"/"Role:" with a value naming a role.
func (f *titleFinder) label() (int, bool) {
	for i, b := range f.header {
		m := labelTitle().FindStringSubmatchIndex(b.text)
		if m == nil || b.kind == HeadingBlock && b.level == 1 {
			continue
		}
		key := strings.ToLower(strings.Join(strings.Fields(b.text[m[2]:m[3]]), " "))
		// "**Job Title:** Product Owner" then "**Location:** Berlin" on the next line is one
		// paragraph: the value ends where the next field starts
		end := m[5]
		if n := nextField().FindStringIndex(b.text[m[4]:m[5]]); n != nil {
			end = m[4] + n[0]
		}
		value := b.text[m[4]:end]
		if titleKeys[key] || f.names(value) {
			f.p.setTitle(value, "label", srcOffset(b.segs, m[4], false), srcOffset(b.segs, end, true), f.aliases)
			return i, true
		}
	}
	return 0, false
}

// roleHeading is step 4: a heading or bold line that names a role (under a company H1).
func (f *titleFinder) roleHeading() (int, bool) {
	for i, b := range f.header {
		if (b.kind == HeadingBlock || b.boldAll) && len(strings.Fields(b.text)) <= 12 && f.names(b.text) {
			if b.kind != HeadingBlock {
				return f.take(i, "bold")
			}
			return f.take(i, "heading")
		}
	}
	return 0, false
}

// roleLine is step 5: a short title-like line that names a role.
func (f *titleFinder) roleLine() (int, bool) {
	for i, b := range f.header {
		if b.kind == ParagraphBlock && isTitleLike(b.text) && f.names(b.text) {
			return f.take(i, "first-line")
		}
	}
	return 0, false
}

// sentence is step 6: "We are looking for a Product Owner to ...".
func (f *titleFinder) sentence() (int, bool) {
	t, ok := titleInSentence(f.header, f.aliases)
	if ok {
		f.p.setTitle(t.text, "sentence", t.start, t.end, f.aliases)
	}
	return -1, ok
}

// anyH1 is step 7: an H1 near the top that names no role ("Open position").
func (f *titleFinder) anyH1() (int, bool) {
	for i, b := range f.header {
		if b.kind == HeadingBlock && b.level == 1 && i <= 2 {
			return f.take(i, "h1")
		}
	}
	return 0, false
}

// firstLine is the last resort: a first heading, bold line or plain line that reads as a
// title and opens no known section.
func (f *titleFinder) firstLine() (int, bool) {
	b := f.blocks[0]
	switch {
	case b.kind == HeadingBlock && sectionKind(b.text) == "":
		return f.take(0, "heading")
	case b.boldAll && b.kind == ParagraphBlock && isTitleLike(b.text):
		return f.take(0, "bold")
	case b.kind == ParagraphBlock && isTitleLike(b.text) && sectionKind(b.text) == "":
		return f.take(0, "first-line")
	}
	return 0, false
}

// hiringCue opens a sentence that names the job: "We are looking for", "X is hiring",
// "Join us as". The role name must follow within a few words.
var hiringCue = lazyRegexp(`(?i)\b(?:looking for|seeking|hiring|recruiting|searching for|in search of|join (?:us|our team|the team) as|wants?|need|apply to become|opening for|vacancy for)\s+(?:(?:a|an|our|the|one|two|first|new|next|founding|experienced|talented|motivated|passionate|driven|seasoned|hands-on|strong|dedicated)\s+){0,3}`)

// titleWordsRE are the words a title may hold before the role name: seniority, qualifiers
// and capitalised words ("Senior Digital Product Owner").
var titleWordsRE = lazyRegexp(`^(?:(?:sr\.?|senior|junior|jr\.?|lead|principal|staff|associate|technical|digital|group|head|chief|[A-Z][\w.&-]*)\s+){0,3}`)

// joiner links the two roles of a hybrid title.
var joiner = lazyRegexp(`^\s*(?:/|&|\+|\band\b|\bor\b)\s*`)

type sentenceTitle struct {
	text       string
	start, end int
}

// titleInSentence finds a job title named by a hiring sentence in the first paragraphs of
// the header block ("Projectline is hiring a Senior Product Manager to lead ...").
func titleInSentence(header []block, aliases []TitleAlias) (sentenceTitle, bool) {
	seen := 0
	for _, b := range header {
		if b.kind == HeadingBlock {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		text := b.text
		if len(text) > 600 {
			text = text[:600]
		}
		for _, m := range hiringCue().FindAllStringIndex(text, 3) {
			rest := text[m[1]:]
			// the role name must follow the title words at once: "a Senior Product Owner
			// to", never "engineers who work with the Product Owner"
			words := len(strings.Fields(titleWordsRE().FindString(rest)))
			end := roleNameEnd(rest, words+3, aliases)
			if end < 0 {
				continue
			}
			// a hybrid: "a Technical Product Manager / Product Owner to"
			if j := joiner().FindStringIndex(rest[end:]); j != nil {
				if more := roleNameEnd(rest[end+j[1]:], 4, aliases); more > 0 {
					end += j[1] + more
				}
			}
			ts, te := m[1], m[1]+end
			return sentenceTitle{text: text[ts:te], start: srcOffset(b.segs, ts, false), end: srcOffset(b.segs, te, true)}, true
		}
	}
	return sentenceTitle{}, false
}

// roleNameEnd returns the end of the shortest prefix of s (up to max words) that names a
// role by a title alias, or -1.
func roleNameEnd(s string, max int, aliases []TitleAlias) int {
	end := 0
	for i := 0; i < max; i++ {
		rest := s[end:]
		j := strings.IndexFunc(rest, func(r rune) bool { return r != ' ' })
		if j < 0 {
			return -1
		}
		k := strings.IndexAny(rest[j:], " ,.;:()")
		if k < 0 {
			k = len(rest) - j
		}
		if k == 0 {
			return -1
		}
		end += j + k
		if r, _ := ClassifyTitle(s[:end], aliases); r != None {
			return end
		}
	}
	return -1
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
		switch {
		case heading:
			kind = HeadingBlock
		case b.kind == ParagraphBlock && fieldLine().MatchString(b.text) && len(strings.Fields(b.text)) <= 12:
			kind = FieldBlock
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
