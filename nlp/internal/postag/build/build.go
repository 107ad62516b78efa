// Package build turns prose v2's averaged-perceptron tagger model (three gob files inside
// prose's bindata, read through prose.Asset) into the flat layout that package postag embeds.
// It runs at `go generate` time and in postag's test that checks the committed model is
// current; jdlint itself never calls it.
//
// The layout, all integers little-endian uint32 unless said otherwise:
//
//	magic    "postag1\n"
//	classes  count, then per class: one length byte and the name
//	features a table (below) of the feature strings ("i word backlog"); the value of
//	         feature k is the index of its first weight, and its weights run to the value
//	         of feature k+1 (the table's values array has count+1 entries)
//	weights  count, then one uint32 per weight: int32(weight*1000)<<8 | class index
//	words    a table of the words prose tags from its dictionary without scoring, the value
//	         of each its class index (count values)
//
// A table is: count n, slot count m (a power of two), n+1 key offsets into the key bytes,
// m slots (0 for empty, else key index+1; open addressing, linear probing from
// FNV-1a(key) & (m-1)), the key byte count and the key bytes, then the values.
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
const Magic = "postag1\n"

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
	first := make([]uint32, 0, len(feats)+1)
	var packed []uint32
	for _, f := range feats {
		first = append(first, uint32(len(packed)))
		ws := weights[f]
		labels := make([]string, 0, len(ws))
		for l := range ws {
			labels = append(labels, l)
		}
		sort.Slice(labels, func(a, b int) bool { return index[labels[a]] < index[labels[b]] })
		for _, l := range labels {
			c, ok := index[l]
			if !ok {
				return nil, fmt.Errorf("feature %q: weight for %q, which is not a class", f, l)
			}
			w := ws[l]
			milli := math.Round(w * 1000)
			if milli/1000 != w || math.Abs(milli) >= 1<<23 {
				return nil, fmt.Errorf("feature %q, class %q: weight %v is not a multiple of 0.001 within ±8388.607", f, l, w)
			}
			packed = append(packed, uint32(int32(milli)<<8)|uint32(c))
		}
	}
	first = append(first, uint32(len(packed)))
	buf = appendTable(buf, feats, first)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(packed)))
	for _, p := range packed {
		buf = binary.LittleEndian.AppendUint32(buf, p)
	}

	dict := make([]string, 0, len(words))
	for w := range words {
		dict = append(dict, w)
	}
	sort.Strings(dict)
	tags := make([]uint32, len(dict))
	for i, w := range dict {
		c, ok := index[words[w]]
		if !ok {
			return nil, fmt.Errorf("word %q: tag %q is not a class", w, words[w])
		}
		tags[i] = uint32(c)
	}
	return appendTable(buf, dict, tags), nil
}

// appendTable appends a hash table of keys (see the package comment) and its values.
func appendTable(buf []byte, keys []string, values []uint32) []byte {
	m := 1
	for m < 2*len(keys) {
		m <<= 1 // load factor at most 1/2: most lookups are misses, which probe to an empty slot
	}
	slots := make([]uint32, m)
	for i, k := range keys {
		for s := Hash(k) & uint32(m-1); ; s = (s + 1) & uint32(m-1) {
			if slots[s] == 0 {
				slots[s] = uint32(i + 1)
				break
			}
		}
	}
	le := binary.LittleEndian
	buf = le.AppendUint32(buf, uint32(len(keys)))
	buf = le.AppendUint32(buf, uint32(m))
	off := 0
	for _, k := range keys {
		buf = le.AppendUint32(buf, uint32(off))
		off += len(k)
	}
	buf = le.AppendUint32(buf, uint32(off))
	for _, s := range slots {
		buf = le.AppendUint32(buf, s)
	}
	buf = le.AppendUint32(buf, uint32(off))
	for _, k := range keys {
		buf = append(buf, k...)
	}
	for _, v := range values {
		buf = le.AppendUint32(buf, v)
	}
	return buf
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
