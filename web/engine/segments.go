package engine

import (
	"sort"
	"unicode/utf8"

	"github.com/jdlint/jdlint/nlp"
)

// Segment is a run of the posting's text. Segments cover the whole text in order, so the
// page draws the posting by writing their texts one after the other: a sentence that
// carries role evidence is tinted by the role it names most, with that evidence for its
// tooltip; the title and the text between sentences (markup, blank lines, sentences with no
// evidence) are drawn as they are.
type Segment struct {
	Text string `json:"text"`
	// Kind is "sentence" for a sentence of the body, "title" for the job title, "" for the
	// text between them.
	Kind string `json:"kind,omitempty"`
	// Tint is the family of work the sentence's evidence names most: po, pm, shared or
	// other; "" when it carries none (or a directive leaves it out of the verdict).
	Tint        string     `json:"tint,omitempty"`
	TintName    string     `json:"tint_name,omitempty"`    // Tint in plain words
	Section     string     `json:"section,omitempty"`      // the heading of its section
	SectionKind string     `json:"section_kind,omitempty"` // duties, requirements, about, benefits, legal, other
	Line        int        `json:"line,omitempty"`
	Evidence    []Evidence `json:"evidence,omitempty"`
	Note        string     `json:"note,omitempty"` // why some evidence does not count
	// Start and End locate the text in the posting in UTF-16 code units, the offsets of a
	// JavaScript string and of a textarea's selection.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is one phrase of a sentence that matched the role taxonomy.
type Evidence struct {
	Role     string  `json:"role"` // PO, PM, shared or other
	RoleName string  `json:"role_name"`
	Kind     string  `json:"kind"`  // duty or requirement
	Label    string  `json:"label"` // the category: "pricing and packaging"
	Phrase   string  `json:"phrase"`
	Weight   float64 `json:"weight"`
	Strong   bool    `json:"strong,omitempty"` // near-exclusive to the role in the sources
}

// tints are the families a sentence can be tinted by, in the order ties are broken.
var tints = []struct {
	role nlp.Role
	name string
}{{nlp.PO, "po"}, {nlp.PM, "pm"}, {nlp.Shared, "shared"}, {nlp.Other, "other"}}

// plain is the whole text as one untinted segment, for a posting that was not linted.
func plain(src []byte) []Segment {
	if len(src) == 0 {
		return []Segment{}
	}
	return []Segment{{Text: string(src), End: newUTF16(src).at(len(src))}}
}

// segments cuts the posting into its title, its sentences and the text between them.
func segments(p *nlp.Posting, src []byte, conv *utf16Offsets) []Segment {
	type piece struct {
		start, end int
		seg        Segment
	}
	var pieces []piece
	if t := p.Title; t.Source != "" && t.Span.End > t.Span.Start {
		pieces = append(pieces, piece{t.Span.Start, t.Span.End, Segment{Kind: "title", Line: t.Span.Line}})
	}
	for i := range p.Sentences {
		s := &p.Sentences[i]
		pieces = append(pieces, piece{s.Span.Start, s.Span.End, sentence(p, s)})
	}
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].start < pieces[j].start })
	out := []Segment{}
	at := 0
	between := func(end int) {
		if end > at {
			out = append(out, Segment{Text: string(src[at:end]), Start: conv.at(at), End: conv.at(end)})
			at = end
		}
	}
	for _, pc := range pieces {
		if pc.start < at || pc.end > len(src) || pc.end <= pc.start {
			continue // overlaps what is already drawn, or out of range
		}
		between(pc.start)
		seg := pc.seg
		seg.Text, seg.Start, seg.End = string(src[pc.start:pc.end]), conv.at(pc.start), conv.at(pc.end)
		out = append(out, seg)
		at = pc.end
	}
	between(len(src))
	return out
}

// sentence describes one sentence: its section, its evidence and its tint.
func sentence(p *nlp.Posting, s *nlp.Sentence) Segment {
	seg := Segment{Kind: "sentence", SectionKind: string(s.SectionKind), Line: s.Span.Line}
	if s.Section >= 0 && s.Section < len(p.Sections) {
		seg.Section = p.Sections[s.Section].Heading
	}
	weight := map[nlp.Role]float64{}
	uncounted := false
	for _, t := range s.Tags {
		if t.Weight <= 0 {
			uncounted = true // a phrase the section or the sentence's form keeps from counting
			continue
		}
		kind := "duty"
		if t.Kind == nlp.Skill {
			kind = "requirement"
		}
		seg.Evidence = append(seg.Evidence, Evidence{Role: string(t.Role), RoleName: roleName(t.Role), Kind: kind,
			Label: t.Label, Phrase: t.Phrase, Weight: round2(t.Weight), Strong: t.Strong})
		weight[t.Role] += t.Weight
	}
	switch {
	case s.Counterpart != "":
		seg.Note = "It names the " + roleName(s.Counterpart) + " as someone to work with: that role's evidence here does not count."
	case uncounted && len(seg.Evidence) == 0:
		seg.Note = "Its role words do not count here (" + sectionWords(s.SectionKind) + ")."
	}
	if p.Disabled(nlp.EvidenceRule, s.Span.Line) {
		seg.Note = "A jdlint-disable directive leaves this sentence out of the verdict."
		return seg
	}
	best := 0.0
	for _, t := range tints {
		if w := weight[t.role]; w > best {
			best, seg.Tint, seg.TintName = w, t.name, roleName(t.role)
		}
	}
	return seg
}

// utf16Offsets turns byte offsets of UTF-8 text into UTF-16 offsets (JavaScript's string
// indexes), with a checkpoint about every 256 bytes so that each lookup decodes little.
type utf16Offsets struct {
	src   []byte
	ascii bool
	marks []utf16Mark
}

type utf16Mark struct{ pos, units int }

func newUTF16(src []byte) *utf16Offsets {
	c := &utf16Offsets{src: src, ascii: true}
	for _, b := range src {
		if b >= utf8.RuneSelf {
			c.ascii = false
			break
		}
	}
	if c.ascii {
		return c
	}
	c.marks = []utf16Mark{{0, 0}}
	units, next := 0, 256
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		i += size
		units += units16(r)
		if i >= next {
			c.marks = append(c.marks, utf16Mark{i, units})
			next = i + 256
		}
	}
	return c
}

// units16 is how many UTF-16 code units a rune takes (invalid bytes arrive as U+FFFD).
func units16(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// at returns the UTF-16 offset of byte offset off (clamped to the text).
func (c *utf16Offsets) at(off int) int {
	off = max(0, min(off, len(c.src)))
	if c.ascii {
		return off
	}
	k := sort.Search(len(c.marks), func(k int) bool { return c.marks[k].pos > off }) - 1
	m := c.marks[k]
	units := m.units
	for i := m.pos; i < off; {
		r, size := utf8.DecodeRune(c.src[i:])
		if i+size > off {
			break // off falls inside this rune: count it from the next boundary
		}
		i += size
		units += units16(r)
	}
	return units
}

// sectionWords says what kind of section a sentence is in.
func sectionWords(k nlp.SectionKind) string {
	switch k {
	case nlp.Duties:
		return "a duties section"
	case nlp.Requirements:
		return "a requirements section"
	case nlp.About:
		return "an about-us section"
	case nlp.Benefits:
		return "a benefits section"
	case nlp.Legal:
		return "a legal section"
	}
	return "this part of the posting"
}
