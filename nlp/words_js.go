//go:build js

package nlp

import "github.com/jdlint/jdlint/nlp/internal/tokenize"

// tokenizerWords is the port of prose's tokenizer (splitWords): importing prose would link
// all of its models into the page's wasm.
func tokenizerWords(text string) []string { return tokenize.Words(text) }
