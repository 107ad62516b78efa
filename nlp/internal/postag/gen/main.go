// Command gen writes model.bin, the flat copy of prose v2's part-of-speech tagger that
// package postag embeds. Run it with `go generate` in nlp/internal/postag.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/jdlint/jdlint/nlp/internal/postag/build"
)

func main() {
	out := flag.String("o", "model.bin", "output file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "postag gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	b, err := build.Model()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}
