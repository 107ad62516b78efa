//go:build !js

package nlp

import (
	"sync"

	"github.com/jdkato/prose/v2"
)

// tokenizerWords is prose's tokenizer itself, as the CLI has always called it
// (splitWords); TestSameAsProse in nlp/internal/tokenize holds the js build's port to it.
func tokenizerWords(text string) []string {
	doc, _ := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithTagging(false),
		prose.WithExtraction(false), prose.UsingModel(tokenizerModel())) // no error without a model to load
	toks := make([]string, 0, len(text)/4+1)
	for _, t := range doc.Tokens() {
		toks = append(toks, t.Text)
	}
	return toks
}

var (
	tokModelOnce sync.Once
	tokModel     *prose.Model // no tagger: tokenization only
)

// tokenizerModel is an empty model: passing it stops prose from loading its default models
// on every document.
func tokenizerModel() *prose.Model {
	tokModelOnce.Do(func() { tokModel = &prose.Model{Name: "tokens-only"} })
	return tokModel
}
