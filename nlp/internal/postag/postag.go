// Package postag is prose v2's part-of-speech tagger (github.com/jdkato/prose/v2, a port of
// TextBlob's averaged perceptron) over a flat copy of its model that loads without decoding.
//
// prose keeps its model as gzipped gob of 75,447 maps, about 127 ms to load. The generator
// (go generate, see ./gen and ./build) writes the same model as model.bin: each feature
// string next to its weights in an open-addressing hash table, each weight an integer
// number of thousandths. prose rounds every averaged weight to three places, so integer sums rank
// the classes exactly as prose's float sums do; the embedded file is read in place, and
// Load only checks its header and slices it.
//
// Tag gives the tags prose's tagger gives the same tokens, with one difference by design:
// where two classes tie exactly, prose picks whichever its map iteration reaches first,
// which varies from run to run, and Tag picks the one listed first in prose's class list.
// Tag tags each token on its own; prose's Document shares one token between repeated
// words, see Share.
package postag

import (
	_ "embed" // the flat model
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mingrammer/commonregex"

	"github.com/jdlint/jdlint/nlp/internal/tokenize"
)

//go:generate go run ./gen -o model.bin

//go:embed model.bin
var model string

// magic starts model.bin; build.Magic writes it.
const magic = "postag2\n"

// Tagger tags tokens. It is immutable and safe for concurrent use.
type Tagger struct {
	classes []string
	feats   table // feature string -> its weights, int32(thousandths)<<8 | class
	words   table // word -> class, the words prose tags without scoring
}

// table is a hash table of the flat layout, read in place (see build's package comment).
type table struct {
	mask    uint32
	slots   string // uint32s: 0 for empty, else 1 + the offset of a record
	records string
}

// Load returns the tagger over the embedded model. It copies nothing: the cost is a few
// header reads.
func Load() (*Tagger, error) {
	t, err := parse(model)
	if err != nil {
		return nil, fmt.Errorf("postag: embedded model: %w", err)
	}
	return t, nil
}

// reader reads the layout front to back; the first error sticks.
type reader struct {
	s   string
	at  int
	err error
}

func (r *reader) take(n int) string {
	if r.err != nil {
		return ""
	}
	if n < 0 || n > len(r.s)-r.at {
		r.err = fmt.Errorf("truncated at byte %d (want %d more)", r.at, n)
		return ""
	}
	s := r.s[r.at : r.at+n]
	r.at += n
	return s
}

func (r *reader) u32() int {
	s := r.take(4)
	if s == "" {
		return 0
	}
	return int(u32(s, 0))
}

func (r *reader) table() table {
	n, m := r.u32(), r.u32()
	if r.err == nil && (m&(m-1) != 0 || m <= n) {
		// with fewer records than slots some slot is empty, where find's probing ends
		r.err = fmt.Errorf("table of %d records in %d slots", n, m)
	}
	t := table{mask: uint32(m - 1), slots: r.take(4 * m)}
	t.records = r.take(r.u32())
	return t
}

func parse(data string) (*Tagger, error) {
	r := &reader{s: data}
	if r.take(len(magic)) != magic {
		return nil, fmt.Errorf("not a postag model (bad magic)")
	}
	t := &Tagger{classes: make([]string, min(r.u32(), 255))}
	for i := range t.classes {
		n := r.take(1)
		if n != "" {
			t.classes[i] = r.take(int(n[0]))
		}
	}
	t.feats = r.table()
	t.words = r.table()
	if r.err != nil {
		return nil, r.err
	}
	if r.at != len(data) {
		return nil, fmt.Errorf("%d bytes after the end of the model", len(data)-r.at)
	}
	return t, nil
}

// u32 reads the little-endian uint32 at byte offset i of s.
func u32(s string, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// uvarint reads the unsigned varint at byte offset i of s and returns it and the offset
// after it.
func uvarint(s string, i int) (uint64, int) {
	var v uint64
	for shift := 0; ; shift += 7 {
		c := s[i]
		i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, i
		}
	}
}

// fnvOffset starts a 32-bit FNV-1a hash (build.Hash).
const fnvOffset = uint32(2166136261)

// hash is 32-bit FNV-1a (build.Hash).
func hash(b []byte) uint32 {
	h := fnvOffset
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// hashMore continues FNV-1a hash h over s: hashMore(hashMore(fnvOffset, a), b) is the
// hash of a+b, so a feature's constant prefix is hashed once (see feature).
func hashMore(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// find returns the offset in t.records of the payload of key's record, or -1.
func (t *table) find(key []byte) int {
	return t.findParts(hash(key), string(key), "", "", "")
}

// findParts is find for the key a+b+c+d, whose hash is h, without building the key.
func (t *table) findParts(h uint32, a, b, c, d string) int {
	return t.findFrom(h, t.slot(h), a, b, c, d)
}

// slot returns the first slot's value for hash h: where findParts starts.
func (t *table) slot(h uint32) uint32 { return u32(t.slots, 4*int(h&t.mask)) }

// findFrom is findParts given first, the value of the first slot it probes (slot).
func (t *table) findFrom(h, first uint32, a, b, c, d string) int {
	n := len(a) + len(b) + len(c) + len(d)
	for s := h & t.mask; ; s = (s + 1) & t.mask {
		at := int(first)
		if s != h&t.mask {
			at = int(u32(t.slots, 4*int(s)))
		}
		if at == 0 {
			return -1
		}
		k, at := uvarint(t.records, at-1)
		if k != uint64(n) {
			continue
		}
		r := t.records[at : at+n]
		if r[:len(a)] == a && r[len(a):len(a)+len(b)] == b && r[len(a)+len(b):len(a)+len(b)+len(c)] == c && r[n-len(d):] == d {
			return at + n
		}
	}
}

// prose's patterns for placeholder tokens (tagged -NONE-) and for bracket tokens such as
// -LRB- (tagged as themselves).
var (
	noneRE = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRE = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// Tag returns the part-of-speech tag of each token, as prose v2's tagger gives it for a
// sentence of these tokens (prose's token texts: see the package comment for ties and
// Share for repeated words). Tokens are never empty in prose; an empty one gets the empty tag.
func (t *Tagger) Tag(tokens []string) []string {
	tags := make([]string, len(tokens))
	ctx := make([]string, len(tokens)+4)
	ctx[0], ctx[1] = "-START-", "-START2-"
	for i, w := range tokens {
		ctx[i+2] = normalize(w)
	}
	ctx[len(ctx)-2], ctx[len(ctx)-1] = "-END-", "-END2-"
	s := scorer{t: t, key: make([]byte, 0, 64)}
	p1, p2 := "-START-", "-START2-"
	for i, w := range tokens {
		tag := special(w)
		if tag == "" && w != "" {
			if at := t.words.findParts(hashMore(fnvOffset, w), w, "", "", ""); at >= 0 {
				tag = t.classes[t.words.records[at]]
			} else {
				tag = s.predict(i, ctx, w, p1, p2)
			}
		}
		tags[i] = tag
		p2, p1 = p1, tag
	}
	return tags
}

// special returns the tag prose gives a token before consulting its model, or "".
func special(w string) string {
	switch {
	case w == "-":
		return "-"
	case isEmoticon(w):
		return "SYM"
	case strings.HasPrefix(w, "@"),
		// LinkRegex cannot match without a '.', nor EmailRegex without an '@'
		strings.Contains(w, ".") && commonregex.LinkRegex.MatchString(w),
		strings.Contains(w, "@") && commonregex.EmailRegex.MatchString(w):
		return "NN"
	case (w == "0" || strings.HasPrefix(w, "*")) && noneRE.MatchString(w):
		return "-NONE-"
	case len(w) == 5 && w[0] == '-' && keepRE.MatchString(w):
		return w
	}
	return ""
}

// scorer sums the weights of a token's features; its arrays are reused across tokens.
type scorer struct {
	t       *Tagger
	key     []byte
	score   [256]int32
	seen    [256]bool
	touched []uint8
	probes  [14]probe // the features of a token (add, sum)
	n       int
	sink    uint8 // keeps sum's first reads of the records
}

// The features predict adds up, each a constant prefix and up to three parts, with the
// FNV-1a state after the prefix (hashMore), so that only the parts are hashed per token.
var (
	fBias     = newFeature("bias")
	fSuffix   = newFeature("i suffix ")
	fPref1    = newFeature("i pref1 ")
	fTag1     = newFeature("i-1 tag ")
	fTag2     = newFeature("i-2 tag ")
	fTag12    = newFeature("i tag+i-2 tag ")
	fWord     = newFeature("i word ")
	fTag1Word = newFeature("i-1 tag+i word ")
	fWord1    = newFeature("i-1 word ")
	fSuffix1  = newFeature("i-1 suffix ")
	fWord2    = newFeature("i-2 word ")
	fWordN1   = newFeature("i+1 word ")
	fSuffixN1 = newFeature("i+1 suffix ")
	fWordN2   = newFeature("i+2 word ")
)

// feature is a feature's prefix and the hash state after it.
type feature struct {
	prefix string
	h      uint32
}

func newFeature(prefix string) feature { return feature{prefix, hashMore(fnvOffset, prefix)} }

// predict is prose's featurize and averagedPerceptron.predict: the class with the highest
// sum of the weights of the token's features, among the classes some feature weighs.
func (s *scorer) predict(i int, ctx []string, w, p1, p2 string) string {
	i += 2
	prev, next := ctx[i-1], ctx[i+1]
	s.n = 0
	s.add(fBias, "", "", "")
	s.add(fSuffix, w[len(w)-min(len(w), 3):], "", "")
	if w[0] < utf8.RuneSelf {
		s.add(fPref1, w[:1], "", "")
	} else {
		s.key = utf8.AppendRune(append(s.key[:0], fPref1.prefix...), rune(w[0])) // prose: string(w[0])
		s.lookup(s.t.feats.find(s.key))
	}
	s.add(fTag1, p1, "", "")
	s.add(fTag2, p2, "", "")
	s.add(fTag12, p1, " ", p2)
	s.add(fWord, ctx[i], "", "")
	s.add(fTag1Word, p1, " ", ctx[i])
	s.add(fWord1, prev, "", "")
	s.add(fSuffix1, prev[len(prev)-min(len(prev), 3):], "", "")
	s.add(fWord2, ctx[i-2], "", "")
	s.add(fWordN1, next, "", "")
	s.add(fSuffixN1, next[len(next)-min(len(next), 3):], "", "")
	s.add(fWordN2, ctx[i+2], "", "")
	s.sum()

	best := -1
	for _, c := range s.touched {
		if best < 0 || s.score[c] > s.score[best] || s.score[c] == s.score[best] && int(c) < best {
			best = int(c)
		}
	}
	for _, c := range s.touched {
		s.score[c], s.seen[c] = 0, false
	}
	s.touched = s.touched[:0]
	if best < 0 {
		return "" // prose: no feature known, empty scores
	}
	return s.t.classes[best]
}

// add queues the feature f.prefix+a+b+c for sum.
func (s *scorer) add(f feature, a, b, c string) {
	s.probes[s.n] = probe{f: f, a: a, b: b, c: c, h: hashMore(hashMore(hashMore(f.h, a), b), c)}
	s.n++
}

// sum adds the weights of the features add queued. The model's tables are too big for the
// caches, so each lookup waits on memory twice (its slot, then its record): the slots of
// all the features are read first, then the first byte of each record, in loops of
// independent loads that the processor overlaps, and the lookups then find them cached.
func (s *scorer) sum() {
	t := &s.t.feats
	var first [len(s.probes)]uint32
	for k := range s.n {
		first[k] = t.slot(s.probes[k].h)
	}
	for k := range s.n {
		if at := first[k]; at != 0 {
			s.sink += t.records[at-1]
		}
	}
	for k := range s.n {
		p := &s.probes[k]
		s.lookup(t.findFrom(p.h, first[k], p.f.prefix, p.a, p.b, p.c))
	}
}

// probe is a feature add queued: prefix, parts and hash.
type probe struct {
	f       feature
	a, b, c string
	h       uint32
}

// lookup adds the weights of the feature record whose payload is at at (find's offset),
// if any.
func (s *scorer) lookup(at int) {
	if at < 0 {
		return
	}
	rec := s.t.feats.records
	n, at := uvarint(rec, at)
	for end := at + 4*int(n); at < end; at += 4 {
		p := u32(rec, at)
		c := uint8(p)
		if !s.seen[c] {
			s.seen[c] = true
			s.touched = append(s.touched, c)
		}
		s.score[c] += int32(p) >> 8
	}
}

// normalize is prose's normalize: the form of a token in the context features.
func normalize(w string) string {
	if w == "" {
		return w
	}
	if strings.Contains(w, "-") && w[0] != '-' {
		return "!HYPHEN"
	}
	if len(w) == 4 {
		if _, err := strconv.Atoi(w); err == nil {
			return "!YEAR"
		}
	}
	if w[0] >= '0' && w[0] <= '9' {
		return "!DIGITS"
	}
	return strings.ToLower(w)
}

// isEmoticon reports whether w is one of prose's emoticons (tokenize.go), which it tags SYM.
func isEmoticon(w string) bool { return tokenize.IsEmoticon(w) }

// Span is one whitespace-free run of a text as prose's tokenizer cuts it: its text and the
// number of tokens it gave.
type Span struct {
	Text   string
	Tokens int
}

// Share rewrites tags, one per token of spans in order, as prose v2's Document ends up
// with them. prose's tokenizer caches the tokens of each span and appends the same token
// pointers every time the span recurs in the text, so tagging writes each occurrence's tag
// into the one shared token and every occurrence ends with the tag of the last. The
// exception is a span that ends the text (no whitespace after it): prose splits it afresh
// without the cache, so it neither shares nor is shared; endsText says whether the last
// span is one.
func Share(tags []string, spans []Span, endsText bool) {
	cached := len(spans)
	if endsText {
		cached--
	}
	last := make(map[string]int, cached) // span text -> first token of its last occurrence
	at := 0
	for _, sp := range spans[:max(cached, 0)] {
		last[sp.Text] = at
		at += sp.Tokens
	}
	at = 0
	for _, sp := range spans[:max(cached, 0)] {
		if l := last[sp.Text]; l != at {
			copy(tags[at:at+sp.Tokens], tags[l:l+sp.Tokens])
		}
		at += sp.Tokens
	}
}
