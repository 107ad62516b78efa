// Package build turns prose v2's averaged-perceptron tagger model (three gob files inside
// prose's bindata, read through prose.Asset) into the flat layout that package postag embeds.
// It runs at `go generate` time and in postag's test that checks the committed model is
// current; jdlint itself never calls it.
//
// The layout (integers little-endian uint32 unless said otherwise):
//
//	magic    "postag2\n"
//	classes  count, then per class one length byte and the name
//	features a table of the feature strings ("i word backlog"), each record's payload a
//	         uvarint count of weights and the weights, one uint32 each:
//	         int32(weight*1000)<<8 | class index, in class order
//	words    a table of the words prose tags from its dictionary without scoring, each
//	         record's payload one byte, the class index
//
// A table is its record count n, its slot count m (a power of two over 2n), m slots, the
// byte length of its records and the records. A record is a uvarint key length, the key
// and the payload; records are in key order. A slot is 0 when empty, else 1 + the offset
// of a record; a key is found by linear probing from FNV-1a(key) & (m-1). A lookup reads
// one slot and then one record, whose key and payload are adjacent.
package build

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"math"
	"sort"

	"github.com/jdkato/prose/v2"
)

// Magic starts the flat model.
const Magic = "postag2\n"

// Model reads prose's tagger and returns the flat model's bytes. The output depends only
// on the model, not on map iteration order, so re-running it reproduces the committed file.
func Model() ([]byte, error) {
	var classes []string
	var words map[string]string
	var weights map[string]map[string]float64
	for _, a := range []struct {
		name string
		into any
	}{{"classes.gob", &classes}, {"tags.gob", &words}, {"weights.gob", &weights}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + a.name)
		if err != nil {
			return nil, fmt.Errorf("read prose model %s: %w", a.name, err)
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(a.into); err != nil {
			return nil, fmt.Errorf("decode prose model %s: %w", a.name, err)
		}
	}
	return Encode(classes, words, weights)
}

// Encode lays out a perceptron tagger model: its classes in prose's order, its dictionary
// of words with a fixed tag, and its weights by feature and class. Every weight must be a
// multiple of 0.001 (prose rounds averaged weights to three places), so that sums of the
// integer thousandths rank classes exactly as prose's float sums do.
func Encode(classes []string, words map[string]string, weights map[string]map[string]float64) ([]byte, error) {
	if len(classes) > 255 {
		return nil, fmt.Errorf("%d classes, the layout holds 255", len(classes))
	}
	index := make(map[string]int, len(classes))
	for i, c := range classes {
		if len(c) > 255 {
			return nil, fmt.Errorf("class name %q longer than 255 bytes", c)
		}
		if _, dup := index[c]; dup {
			return nil, fmt.Errorf("class %q listed twice", c)
		}
		index[c] = i
	}

	buf := []byte(Magic)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(classes)))
	for _, c := range classes {
		buf = append(buf, byte(len(c)))
		buf = append(buf, c...)
	}

	// features, sorted, and their weights in class order; features without weights score
	// nothing in prose and are left out
	feats := make([]string, 0, len(weights))
	for f, ws := range weights {
		if len(ws) > 0 {
			feats = append(feats, f)
		}
	}
	sort.Strings(feats)
	payloads := make([][]byte, len(feats))
	for i, f := range feats {
		ws := weights[f]
		labels := make([]string, 0, len(ws))
		for l := range ws {
			if _, ok := index[l]; !ok {
				return nil, fmt.Errorf("feature %q: weight for %q, which is not a class", f, l)
			}
			labels = append(labels, l)
		}
		sort.Slice(labels, func(a, b int) bool { return index[labels[a]] < index[labels[b]] })
		p := binary.AppendUvarint(nil, uint64(len(labels)))
		for _, l := range labels {
			w := ws[l]
			milli := math.Round(w * 1000)
			if milli/1000 != w || math.Abs(milli) >= 1<<23 {
				return nil, fmt.Errorf("feature %q, class %q: weight %v is not a multiple of 0.001 within ±8388.607", f, l, w)
			}
			p = binary.LittleEndian.AppendUint32(p, uint32(int32(milli)<<8)|uint32(index[l]))
		}
		payloads[i] = p
	}
	buf, err := appendTable(buf, feats, payloads)
	if err != nil {
		return nil, fmt.Errorf("features: %w", err)
	}

	dict := make([]string, 0, len(words))
	for w := range words {
		dict = append(dict, w)
	}
	sort.Strings(dict)
	payloads = make([][]byte, len(dict))
	for i, w := range dict {
		c, ok := index[words[w]]
		if !ok {
			return nil, fmt.Errorf("word %q: tag %q is not a class", w, words[w])
		}
		payloads[i] = []byte{byte(c)}
	}
	buf, err = appendTable(buf, dict, payloads)
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	return buf, nil
}

// appendTable appends a hash table of sorted keys and their payloads (see the package
// comment).
func appendTable(buf []byte, keys []string, payloads [][]byte) ([]byte, error) {
	m := 1
	for m <= 2*len(keys) {
		m <<= 1 // load factor under 1/2: most lookups are misses, which probe to an empty slot
	}
	var records []byte
	slots := make([]uint32, m)
	for i, k := range keys {
		if len(records) >= math.MaxUint32-1 {
			return nil, fmt.Errorf("records over 4 GB")
		}
		off := uint32(len(records))
		records = binary.AppendUvarint(records, uint64(len(k)))
		records = append(records, k...)
		records = append(records, payloads[i]...)
		for s := Hash(k) & uint32(m-1); ; s = (s + 1) & uint32(m-1) {
			if slots[s] == 0 {
				slots[s] = off + 1
				break
			}
		}
	}
	le := binary.LittleEndian
	buf = le.AppendUint32(buf, uint32(len(keys)))
	buf = le.AppendUint32(buf, uint32(m))
	for _, s := range slots {
		buf = le.AppendUint32(buf, s)
	}
	buf = le.AppendUint32(buf, uint32(len(records)))
	return append(buf, records...), nil
}

// Hash is 32-bit FNV-1a, the hash of the layout's tables.
func Hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
