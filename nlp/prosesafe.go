package nlp

import "fmt"

// splitWords returns the tokens prose v2's tokenizer gives text (tokenization only: no
// segmentation, tagging or extraction): prose's own in the CLI (words_prose.go), its port
// nlp/internal/tokenize in the js/wasm build (words_js.go), which does not link prose's
// models.
//
// It returns an error instead of panicking. prose's tokenizer looks for contractions ("'m",
// "'ll", "n't") in a lower-cased copy of a word and slices the word itself at the offset it
// found there, which runs out of range when lower-casing changes the word's length: invalid
// UTF-8 ("\xe2\x80'm", each bad byte becomes a 3-byte U+FFFD) or runes such as 'İ'. FuzzLint
// found it (lint/testdata/fuzz/FuzzLint); one such word made the whole posting fail, or,
// from TagPOS inside the rules, crashed the run.
func splitWords(text string) (toks []string, err error) {
	return noPanic(func() []string { return tokenizerWords(text) })
}

// noPanic runs f, turning a panic of prose's tokenizer into an error.
func noPanic[T any](f func() T) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			var zero T
			v, err = zero, fmt.Errorf("prose tokenizer: %v", r)
		}
	}()
	return f(), nil
}
