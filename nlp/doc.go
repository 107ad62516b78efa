// Package nlp turns the bytes of a job posting into a Posting: its title, sections and
// sentences, each sentence tokenized, lemmatized and tagged against the role taxonomy, and a
// knows nothing of verdicts, rules or reports: package verdict decides what the tags mean.
package nlp

import "sync"

// Role is a product role or family of work named by the taxonomy.
type Role string

// Roles used in tags, titles and profiles.
const (
	PO      Role = "PO"      // Product Owner
	PM      Role = "PM"      // Product Manager
	Shared  Role = "shared"  // product work both roles do (vision, roadmap, stakeholders)
	Other   Role = "other"   // project, account, sales, delivery or QA work
	Both    Role = "both"    // a hybrid title naming PO and PM
	None    Role = "none"    // no title, or a title naming no role
	Blended Role = "blended" // a body mixing PO and PM work
	Unknown Role = "unknown" // too little evidence for any verdict
)

// Name is the role in plain words for messages: "Product Owner", "Product Manager",
// "shared product work", "project, account or delivery work"...
func (r Role) Name() string {
	switch r {
	case PO:
		return "Product Owner"
	case PM:
		return "Product Manager"
	case Shared:
		return "shared product work"
	case Other:
		return "project, account or delivery"
	case Both:
		return "both roles"
	case Blended:
		return "a blend of both roles"
	case Unknown:
		return "too little evidence to tell"
	}
	return "no role"
}

// Kind says whether a tag describes a duty or a skill asked of the candidate.
type Kind string

// Tag kinds.
const (
	Responsibility Kind = "responsibility"
	Skill          Kind = "skill"
)

// SectionKind classifies a section of a posting by its heading.
type SectionKind string

// Section kinds.
const (
	Duties       SectionKind = "duties"
	Requirements SectionKind = "requirements"
	About        SectionKind = "about"
	Benefits     SectionKind = "benefits"
	Legal        SectionKind = "legal"
	OtherSection SectionKind = "other"
)

// Span locates text in the original file: byte offsets [Start, End) and 1-based line and
// column (columns count runes) of its first and last character.
type Span struct {
	Start, End         int
	Line, Column       int
	EndLine, EndColumn int
}

// Posting is one parsed and tagged job posting.
type Posting struct {
	Path       string
	Src        []byte // the file exactly as read
	Markdown   bool
	Title      Title
	Sections   []Section
	Sentences  []Sentence
	Language   string      // "en", or the code of the language detected instead
	Notices    []Notice    // problems found while parsing, such as malformed front matter
	Directives []Directive // inline jdlint-disable comments
	// Source indexes Src: the one owner of lines and columns.
	Source *Source
	// FrontMatter is the byte range of the YAML between the front matter's fences, or
	// zero when the posting has none.
	FrontMatter [2]int
	parsed      []byte // Src with lone CRs read as LF (same length), as the parser saw it
	disMu       sync.Mutex
	disabled    map[string]*ruleDirectives // Disabled's index, per rule, built on first use
}

// Notice is a problem with the input that does not stop the lint.
type Notice struct {
	Message string
	Span    Span
}

// Title is the posting's job title and the roles it names.
type Title struct {
	Text   string // as written, markup removed
	Source string // "front-matter", "h1", "heading", "bold", "label", "first-line", or "" when missing
	Span   Span   // where Text sits in the file (zero when missing)
	Role   Role   // PO, PM, both, other or none
	Parts  []TitlePart
}

// TitlePart is one role named in a title ("Product Owner / Product Manager" has two).
type TitlePart struct {
	Text string
	Role Role
}

// Section is a run of blocks under one heading.
type Section struct {
	Heading string
	Kind    SectionKind
	Span    Span // the heading; zero for the untitled start of a posting
}

// BlockKind says what kind of block a sentence came from.
type BlockKind string

// Block kinds.
const (
	HeadingBlock   BlockKind = "heading"
	ItemBlock      BlockKind = "item"
	ParagraphBlock BlockKind = "paragraph"
	// FieldBlock is a "Key: value" line of a posting's header ("Department: Commercial
	// Lines", "Location: Leeds"): metadata, never evidence.
	FieldBlock BlockKind = "field"
)

// Sentence is one sentence of the body, with the tags the taxonomy gave it.
type Sentence struct {
	Text        string
	Span        Span
	Section     int // index into Posting.Sections
	SectionKind SectionKind
	Block       BlockKind
	Tokens      []Token
	Tags        []Tag
	// Counterpart is the role this sentence names as someone the candidate works with
	// ("partner with the Product Owner"); tags of that role are dropped. Empty if none.
	Counterpart Role
	// SelfRef marks byte spans in the file where the sentence names the posting's own role
	// ("As a Product Owner, you will"), for rewrites.
	SelfRefs []Span
	segs     []segment // maps Text offsets back to the file
}

// Token is a word or punctuation mark of a sentence.
type Token struct {
	Text  string
	Lemma string
	Tag   string // part-of-speech tag, set only when tagging was asked for
	Start int    // byte offset in Sentence.Text
}

// Tag is one match of a taxonomy category in a sentence.
type Tag struct {
	Role     Role
	Kind     Kind
	Category string
	Label    string // the category's label, for messages
	Weight   float64
	Strong   bool
	Phrase   string // the text that matched, as written
	Span     Span   // where the phrase sits in the file
}
