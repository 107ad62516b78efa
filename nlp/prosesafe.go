package nlp

import (
	"fmt"

	"github.com/jdkato/prose/v2"
)

// proseDocument is prose.NewDocument that returns an error instead of panicking. prose's
// tokenizer looks for contractions ("'m", "'ll", "n't") in a lower-cased copy of a word and
// slices the word itself at the offset it found there, which runs out of range when
// lower-casing changes the word's length: invalid UTF-8 ("\xe2\x80'm", each bad byte becomes
// a 3-byte U+FFFD) or runes such as 'İ'. FuzzLint found it (lint/testdata/fuzz/FuzzLint);
// one such word made the whole posting fail, or, from TagPOS inside the rules, crashed the run.
func proseDocument(text string, opts ...prose.DocOpt) (doc *prose.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("prose tokenizer: %v", v)
		}
	}()
	return prose.NewDocument(text, opts...)
}
