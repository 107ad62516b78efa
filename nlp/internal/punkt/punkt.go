// Package punkt holds the English training data of the Punkt sentence splitter
// (gopkg.in/neurosnap/sentences.v1) in a flat form that loads without JSON: the sentences
// package unzips and decodes about 400 KB of JSON each time a program starts (10-14 ms);
// English builds the same sentences.Storage from english.bin, written by the generator
// (go generate, see ./gen and ./build), in about a millisecond.
package punkt

import (
	_ "embed" // the flat training data
	"fmt"

	"gopkg.in/neurosnap/sentences.v1"
)

//go:generate go run ./gen -o english.bin

//go:embed english.bin
var englishData string

// magic starts english.bin; build.Magic writes it.
const magic = "punkt1\n"

// English returns a new sentences.Storage equal to the one sentences.LoadTraining makes
// from the package's English JSON. Each call builds a fresh one, which the caller may change.
func English() (*sentences.Storage, error) {
	st, err := decode(englishData)
	if err != nil {
		return nil, fmt.Errorf("punkt: embedded English data: %w", err)
	}
	return st, nil
}

func decode(data string) (*sentences.Storage, error) {
	if len(data) < len(magic) || data[:len(magic)] != magic {
		return nil, fmt.Errorf("not Punkt training data (bad magic)")
	}
	r := reader{s: data, at: len(magic)}
	st := &sentences.Storage{}
	for _, set := range []*sentences.SetString{&st.AbbrevTypes, &st.Collocations, &st.SentStarters, &st.OrthoContext} {
		count := r.uvarint()
		if count > uint64(len(data)) {
			return nil, fmt.Errorf("set of %d entries in %d bytes", count, len(data))
		}
		*set = make(sentences.SetString, count)
		for range count {
			key := r.take(r.uvarint())
			u := r.uvarint()
			(*set)[key] = int(int64(u>>1) ^ -int64(u&1)) // zigzag, as binary.AppendVarint writes
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	if r.at != len(data) {
		return nil, fmt.Errorf("%d bytes after the last set", len(data)-r.at)
	}
	return st, nil
}

// reader reads the layout front to back; the first error sticks.
type reader struct {
	s   string
	at  int
	err error
}

// uvarint reads an unsigned varint (binary.AppendUvarint's encoding).
func (r *reader) uvarint() uint64 {
	var v uint64
	for shift := 0; r.err == nil; shift += 7 {
		if r.at >= len(r.s) || shift > 63 {
			r.err = fmt.Errorf("bad varint at byte %d", r.at)
			break
		}
		c := r.s[r.at]
		r.at++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	return 0
}

// take reads n bytes.
func (r *reader) take(n uint64) string {
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.s)-r.at) {
		r.err = fmt.Errorf("%d bytes at byte %d run past the end", n, r.at)
		return ""
	}
	s := r.s[r.at : r.at+int(n)]
	r.at += int(n)
	return s
}
