// Command gen writes english.bin, the flat copy of Punkt's English training data that
// package punkt embeds. Run it with `go generate` in nlp/internal/punkt.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/jdlint/jdlint/nlp/internal/punkt/build"
)

func main() {
	out := flag.String("o", "english.bin", "output file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "punkt gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	b, err := build.English()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write training data: %w", err)
	}
	return nil
}
