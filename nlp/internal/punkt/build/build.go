// Package build turns the English training data of the Punkt sentence splitter
// (gopkg.in/neurosnap/sentences.v1, JSON inside its bindata) into the flat layout that
// package punkt embeds. It runs at `go generate` time and in punkt's test that checks the
// committed file is current; jdlint itself never calls it.
//
// The layout: the magic "punkt1\n", then the four sets of sentences.Storage in the order
// AbbrevTypes, Collocations, SentStarters, OrthoContext, each as a uvarint count followed
// by its entries in key order, each a uvarint key length, the key bytes and the value as a
// zigzag varint.
package build

import (
	"encoding/binary"
	"fmt"
	"sort"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// Magic starts the flat training data.
const Magic = "punkt1\n"

// English reads the sentences package's English training data, as english.NewSentenceTokenizer
// does, and returns its flat form.
func English() ([]byte, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, fmt.Errorf("read Punkt English data: %w", err)
	}
	st, err := sentences.LoadTraining(b)
	if err != nil {
		return nil, fmt.Errorf("decode Punkt English data: %w", err)
	}
	return Encode(st), nil
}

// Encode lays out a Punkt storage. The output depends only on the storage's contents, not
// on map iteration order.
func Encode(st *sentences.Storage) []byte {
	buf := []byte(Magic)
	for _, set := range []sentences.SetString{st.AbbrevTypes, st.Collocations, st.SentStarters, st.OrthoContext} {
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf = binary.AppendUvarint(buf, uint64(len(keys)))
		for _, k := range keys {
			buf = binary.AppendUvarint(buf, uint64(len(k)))
			buf = append(buf, k...)
			buf = binary.AppendVarint(buf, int64(set[k]))
		}
	}
	return buf
}
